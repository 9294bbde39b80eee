/* names_nom.c - the nominative singular of Russian name phrases, for the
 * glossary (Гомсельмашем -> Гомсельмаш, Воронежской области -> Воронежская
 * область).  Part of the names module (names.h).
 *
 * Each word gets every reading our ending tables allow (noun of a
 * declension class, adjective, indeclinable), each with a prior; hunspell
 * confirms the readings whose lemma it knows, and forms learned from the
 * document confirm others.  The phrase is then read as adjectives + head
 * noun + (for a proper head) names in apposition, choosing the head and
 * readings that agree in gender, number and case with the best total
 * score.  Words after the head that do not agree (genitive attributes)
 * are left alone.
 */
#include <stdlib.h>
#include <string.h>
#include <uchar.h>
#include <unistd.h>

#include <hunspell/hunspell.h>

#include "../base/mem.h"
#include "../base/utf8.h"
#include "names_int.h"

/* ---- hunspell ---------------------------------------------------------------- */

struct sv_hunspell *sv_nm_hunspell(sv_names *nm)
{
    if (nm->hun || nm->hun_tried || nm->dict_mode == SV_NAMES_DICT_NONE)
        return nm->hun;
    nm->hun_tried = 1;
    sv_buf aff = SV_BUF_INIT, dic = SV_BUF_INIT;
    sv_buf_printf(&aff, "%s/ru_RU.aff", nm->dict_dir);
    sv_buf_printf(&dic, "%s/ru_RU.dic", nm->dict_dir);
    if (access(aff.ptr, R_OK) == 0 && access(dic.ptr, R_OK) == 0) {
        Hunhandle *h = Hunspell_create(aff.ptr, dic.ptr);
        /* The API takes and returns the dictionary's own encoding; we only
         * speak UTF-8 (Debian's hunspell-ru is UTF-8; old ones are KOI8-R). */
        const char *enc = h ? Hunspell_get_dic_encoding(h) : NULL;
        if (h && enc && (strcmp(enc, "UTF-8") == 0 || strcmp(enc, "utf-8") == 0))
            nm->hun = (struct sv_hunspell *)h;
        else if (h)
            Hunspell_destroy(h);
    }
    sv_buf_free(&aff);
    sv_buf_free(&dic);
    return nm->hun;
}

void sv_nm_hunspell_close(sv_names *nm)
{
    if (nm->hun)
        Hunspell_destroy((Hunhandle *)nm->hun);
    nm->hun = NULL;
}

int sv_names_has_dictionary(sv_names *nm)
{
    return nm && sv_nm_hunspell(nm) != NULL;
}

/* ---- words ---------------------------------------------------------------------- */

#define WMAX 48 /* code points of a word we decline */

enum { G_M = 1, G_F = 2, G_N = 4, G_ALL = 7 };
enum { C_NOM = 1, C_GEN = 2, C_DAT = 4, C_ACC = 8, C_INS = 16, C_LOC = 32, C_ALL = 63 };
enum { P_NOUN, P_ADJ, P_INDECL };
enum { A_HARD, A_VEL, A_SIB, A_TS, A_SOFT, A_OI }; /* adjective stem types */

typedef struct {
    int pos;
    unsigned gender, cases;
    int plural;
    unsigned cls;           /* nouns: declension classes */
    size_t stem;            /* code points of the word kept */
    const char32_t *ending; /* nouns: ending of the lemma */
    int atype;              /* adjectives */
    double score;
    int known;              /* the dictionary (or the built-in list) has the lemma */
    int proper;             /* ... as a capitalised entry */
    char32_t alt[WMAX];     /* a dictionary lemma no rule builds (Орла -> Орёл) */
    size_t altn;
} reading;

#define RMAX 40

typedef struct {
    size_t start, end;  /* bytes in the phrase */
    long cp[WMAX];
    size_t n;
    size_t dstart, dn;  /* the declined part (hyphenated words) in cp */
    int cyr, cap, allcaps, quoted, known_word;
    reading r[RMAX];
    size_t nr;
} word;

static int is_vowel_cp(long c)
{
    c = sv_nm_lower(c);
    return c == U'а' || c == U'е' || c == U'ё' || c == U'и' || c == U'о' || c == U'у' ||
           c == U'ы' || c == U'э' || c == U'ю' || c == U'я';
}

static int in_set(long c, const char32_t *set)
{
    c = sv_nm_lower(c);
    for (; *set; set++)
        if ((long)*set == c)
            return 1;
    return 0;
}

static int is_cons(long c)
{
    return sv_nm_is_cyr(c) && sv_nm_is_letter(c) && !is_vowel_cp(c) && !in_set(c, U"йьъ");
}

/* conditions on the stem a rule leaves */
enum { K_ANY, K_CONS, K_SIB, K_VOW, K_SOFT_M, K_SOFT_F, K_SURN, K_VELSIB, K_NVELSIB, K_I, K_NI };

static int stem_ok(const long *w, size_t stem, int cond)
{
    if (stem < 2)
        return 0;
    long l = w[stem - 1], p = w[stem - 2];
    switch (cond) {
    case K_ANY: return 1;
    case K_CONS: return is_cons(l);
    case K_SIB: return in_set(l, U"жшщчц");
    case K_VOW: return is_vowel_cp(l);
    case K_SOFT_M: return is_cons(l) && !in_set(l, U"кгхцжшщч");
    case K_SOFT_F: return is_cons(l) && !in_set(l, U"кгхц");
    case K_SURN:
        return stem >= 4 && ((in_set(p, U"оеё") && in_set(l, U"в")) || (in_set(p, U"иы") && in_set(l, U"н")));
    case K_VELSIB: return in_set(l, U"гкхжшщч");
    case K_NVELSIB: return is_cons(l) && !in_set(l, U"гкхжшщч");
    case K_I: return in_set(l, U"и");
    case K_NI: return is_vowel_cp(l) && !in_set(l, U"и");
    }
    return 0;
}

/* declension classes (a bit each; the nominative in -ь belongs to two) */
enum { D_M1 = 1, D_MS = 2, D_FS = 4, D_M2 = 8, D_F3 = 16, D_M3 = 32, D_F1 = 64, D_F1S = 128,
       D_N1 = 256, D_N2 = 512, D_PL = 1024 };

typedef struct {
    const char32_t *form, *lemma;
    unsigned gender, cases;
    int cond;
    double prior;
    int plural;
    unsigned cls;
} nrule;

/* Singular nouns by declension class: form ending -> lemma ending.  The
 * priors rank the readings of a word no dictionary knows. */
static const nrule noun_rules[] = {
    /* masculine, hard consonant: Минск, Гомсельмаш, Амкодор */
    {U"", U"", G_M, C_NOM | C_ACC, K_CONS, 1.0, 0, D_M1},
    {U"а", U"", G_M, C_GEN | C_ACC, K_CONS, 0.6, 0, D_M1},
    {U"у", U"", G_M, C_DAT, K_CONS, 0.8, 0, D_M1},
    {U"ом", U"", G_M, C_INS, K_CONS, 0.9, 0, D_M1},
    {U"ем", U"", G_M, C_INS, K_SIB, 0.9, 0, D_M1},
    {U"е", U"", G_M, C_LOC, K_CONS, 0.8, 0, D_M1},
    /* surnames in -ов/-ев/-ин: Гусевым, Гусевой */
    {U"", U"", G_M, C_NOM, K_SURN, 1.0, 0, D_MS},
    {U"а", U"", G_M, C_GEN | C_ACC, K_SURN, 0.7, 0, D_MS},
    {U"у", U"", G_M, C_DAT, K_SURN, 0.8, 0, D_MS},
    {U"ым", U"", G_M, C_INS, K_SURN, 0.95, 0, D_MS},
    {U"е", U"", G_M, C_LOC, K_SURN, 0.8, 0, D_MS},
    {U"а", U"а", G_F, C_NOM, K_SURN, 0.5, 0, D_FS},
    {U"ой", U"а", G_F, C_GEN | C_DAT | C_INS | C_LOC, K_SURN, 0.95, 0, D_FS},
    {U"у", U"а", G_F, C_ACC, K_SURN, 0.4, 0, D_FS},
    /* soft sign: Гомель, Игорь (m), Беларусь, область (f) */
    {U"ь", U"ь", G_M | G_F, C_NOM | C_ACC, K_ANY, 1.0, 0, D_M2 | D_F3},
    {U"я", U"ь", G_M, C_GEN | C_ACC, K_SOFT_M, 0.6, 0, D_M2},
    {U"ю", U"ь", G_M, C_DAT, K_SOFT_M, 0.6, 0, D_M2},
    {U"ем", U"ь", G_M, C_INS, K_SOFT_M, 0.7, 0, D_M2},
    {U"е", U"ь", G_M, C_LOC, K_SOFT_M, 0.5, 0, D_M2},
    {U"и", U"ь", G_F, C_GEN | C_DAT | C_LOC, K_SOFT_F, 0.8, 0, D_F3},
    {U"ью", U"ь", G_F, C_INS, K_ANY, 0.9, 0, D_F3},
    /* masculine in -й: Андрей, Китай */
    {U"й", U"й", G_M, C_NOM | C_ACC, K_VOW, 1.0, 0, D_M3},
    {U"я", U"й", G_M, C_GEN | C_ACC, K_NI, 0.7, 0, D_M3},
    {U"ю", U"й", G_M, C_DAT, K_VOW, 0.7, 0, D_M3},
    {U"ем", U"й", G_M, C_INS, K_VOW, 0.8, 0, D_M3},
    {U"е", U"й", G_M, C_LOC, K_VOW, 0.6, 0, D_M3},
    {U"я", U"й", G_M, C_GEN | C_ACC, K_I, 0.4, 0, D_M3}, /* Георгия */
    {U"и", U"й", G_M, C_LOC, K_I, 0.3, 0, D_M3},
    /* feminine in -а: Москва, Белшина, дорога */
    {U"а", U"а", G_F, C_NOM, K_ANY, 0.9, 0, D_F1},
    {U"ы", U"а", G_F, C_GEN, K_NVELSIB, 0.9, 0, D_F1},
    {U"и", U"а", G_F, C_GEN, K_VELSIB, 0.7, 0, D_F1},
    {U"е", U"а", G_F, C_DAT | C_LOC, K_ANY, 0.5, 0, D_F1},
    {U"у", U"а", G_F, C_ACC, K_ANY, 0.5, 0, D_F1},
    {U"ой", U"а", G_F, C_INS, K_ANY, 0.8, 0, D_F1},
    {U"ою", U"а", G_F, C_INS, K_ANY, 0.8, 0, D_F1},
    {U"ей", U"а", G_F, C_INS, K_SIB, 0.6, 0, D_F1},
    /* feminine in -я: Россия, Мария, Таня */
    {U"я", U"я", G_F, C_NOM, K_ANY, 0.8, 0, D_F1S},
    {U"и", U"я", G_F, C_GEN | C_DAT | C_LOC, K_I, 0.9, 0, D_F1S},
    {U"и", U"я", G_F, C_GEN, K_ANY, 0.5, 0, D_F1S},
    {U"е", U"я", G_F, C_DAT | C_LOC, K_NI, 0.4, 0, D_F1S},
    {U"ю", U"я", G_F, C_ACC, K_ANY, 0.5, 0, D_F1S},
    {U"ей", U"я", G_F, C_INS, K_ANY, 0.8, 0, D_F1S},
    {U"ею", U"я", G_F, C_INS, K_ANY, 0.7, 0, D_F1S},
    /* neuter: Гродно (indeclinable alike), Подмосковье */
    {U"о", U"о", G_N, C_NOM | C_ACC, K_ANY, 1.0, 0, D_N1},
    {U"а", U"о", G_N, C_GEN, K_ANY, 0.3, 0, D_N1},
    {U"у", U"о", G_N, C_DAT, K_ANY, 0.3, 0, D_N1},
    {U"ом", U"о", G_N, C_INS, K_ANY, 0.3, 0, D_N1},
    {U"е", U"о", G_N, C_LOC, K_ANY, 0.3, 0, D_N1},
    {U"е", U"е", G_N, C_NOM | C_ACC, K_ANY, 0.4, 0, D_N2},
    {U"я", U"е", G_N, C_GEN, K_ANY, 0.3, 0, D_N2},
    {U"ю", U"е", G_N, C_DAT, K_ANY, 0.3, 0, D_N2},
    {U"ем", U"е", G_N, C_INS, K_ANY, 0.3, 0, D_N2},
    {U"и", U"е", G_N, C_LOC, K_I, 0.3, 0, D_N2},
    /* plural nominative stays as it is: Эмираты, Штаты */
    {U"ы", U"ы", G_ALL, C_NOM | C_ACC, K_CONS, 0.3, 1, D_PL},
    {U"и", U"и", G_ALL, C_NOM | C_ACC, K_CONS, 0.2, 1, D_PL},
};

typedef struct {
    const char32_t *form;
    unsigned gender, cases;
    int plural;
    int soft; /* the ending is the soft variant (-его, -ей, -ий ...) */
} arule;

static const arule adj_rules[] = {
    {U"ый", G_M, C_NOM | C_ACC, 0, 0},   {U"ий", G_M, C_NOM | C_ACC, 0, 1},
    {U"ой", G_M, C_NOM | C_ACC, 0, 2},   {U"ого", G_M | G_N, C_GEN | C_ACC, 0, 0},
    {U"его", G_M | G_N, C_GEN | C_ACC, 0, 1}, {U"ому", G_M | G_N, C_DAT, 0, 0},
    {U"ему", G_M | G_N, C_DAT, 0, 1},    {U"ым", G_M | G_N, C_INS, 0, 0},
    {U"им", G_M | G_N, C_INS, 0, 1},     {U"ом", G_M | G_N, C_LOC, 0, 0},
    {U"ем", G_M | G_N, C_LOC, 0, 1},     {U"ая", G_F, C_NOM, 0, 0},
    {U"яя", G_F, C_NOM, 0, 1},           {U"ой", G_F, C_GEN | C_DAT | C_INS | C_LOC, 0, 0},
    {U"ей", G_F, C_GEN | C_DAT | C_INS | C_LOC, 0, 1}, {U"ую", G_F, C_ACC, 0, 0},
    {U"юю", G_F, C_ACC, 0, 1},           {U"ою", G_F, C_INS, 0, 0},
    {U"ею", G_F, C_INS, 0, 1},           {U"ое", G_N, C_NOM | C_ACC, 0, 0},
    {U"ее", G_N, C_NOM | C_ACC, 0, 1},   {U"ые", G_ALL, C_NOM | C_ACC, 1, 0},
    {U"ие", G_ALL, C_NOM | C_ACC, 1, 1}, {U"ых", G_ALL, C_GEN | C_LOC | C_ACC, 1, 0},
    {U"их", G_ALL, C_GEN | C_LOC | C_ACC, 1, 1}, {U"ым", G_ALL, C_DAT, 1, 0},
    {U"им", G_ALL, C_DAT, 1, 1},         {U"ыми", G_ALL, C_INS, 1, 0},
    {U"ими", G_ALL, C_INS, 1, 1},
};

static size_t len32(const char32_t *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

static int ends32(const long *w, size_t n, const char32_t *e, size_t k)
{
    if (k > n)
        return 0;
    for (size_t i = 0; i < k; i++)
        if (sv_nm_lower(w[n - k + i]) != (long)e[i])
            return 0;
    return 1;
}

/* The nominative ending of an adjective of stem type t for gender g. */
static const char32_t *adj_ending(int t, unsigned g, int plural)
{
    if (plural)
        return (t == A_HARD || t == A_TS || t == A_OI) ? U"ые" : U"ие";
    if (g & G_F)
        return t == A_SOFT ? U"яя" : U"ая";
    if (g & G_M)
        return t == A_OI ? U"ой" : (t == A_HARD || t == A_TS) ? U"ый" : U"ий";
    return (t == A_HARD || t == A_VEL || t == A_OI) ? U"ое" : U"ее";
}

static int adj_type(const long *w, size_t stem, int soft)
{
    long l = sv_nm_lower(w[stem - 1]);
    if (in_set(l, U"гкх"))
        return A_VEL;
    if (in_set(l, U"жшщч"))
        return A_SIB;
    if (l == U'ц')
        return A_TS;
    return soft == 1 ? A_SOFT : A_HARD;
}

/* Adjectives of places and organisations end in -ск-, -цк- or -н-. */
static double adj_prior(const long *w, size_t stem)
{
    if (stem >= 3 && sv_nm_lower(w[stem - 1]) == U'к' && in_set(w[stem - 2], U"сц"))
        return 1.0;
    if (sv_nm_lower(w[stem - 1]) == U'н')
        return 0.6;
    return 0.3;
}

/* ---- building lemmas --------------------------------------------------------------- */

static void put_cased(sv_buf *b, long c, int upper)
{
    sv_buf_put_cp(b, (unsigned)(upper ? sv_nm_upper(c) : c));
}

/* Appends the lemma of reading r of word w (an adjective in gender g, number pl). */
static void put_lemma(sv_buf *b, const word *w, const reading *r, unsigned g, int pl)
{
    for (size_t i = 0; i < w->dstart; i++)
        sv_buf_put_cp(b, (unsigned)w->cp[i]);
    const long *d = w->cp + w->dstart;
    if (r->altn) {
        for (size_t i = 0; i < r->altn; i++) {
            long c = (long)r->alt[i];
            int up = w->allcaps || (i == 0 && sv_nm_is_upper(d[0]));
            put_cased(b, up ? c : sv_nm_lower(c), up);
        }
    } else {
        for (size_t i = 0; i < r->stem; i++)
            sv_buf_put_cp(b, (unsigned)d[i]);
        const char32_t *e = U"";
        if (r->pos == P_NOUN)
            e = r->ending;
        else if (r->pos == P_ADJ)
            e = adj_ending(r->atype, g ? g : r->gender, pl);
        for (; *e; e++)
            put_cased(b, (long)*e, w->allcaps);
    }
    for (size_t i = w->dstart + w->dn; i < w->n; i++)
        sv_buf_put_cp(b, (unsigned)w->cp[i]);
}

/* The lemma of r (masculine for adjectives), lower case, ё as е. */
static void lemma_key(sv_buf *b, const word *w, const reading *r, int atype_override)
{
    sv_buf_reset(b);
    int atype = atype_override >= 0 ? atype_override : r->atype;
    sv_buf tmp = SV_BUF_INIT;
    const long *d = w->cp + w->dstart;
    for (size_t i = 0; i < r->stem; i++)
        sv_buf_put_cp(&tmp, (unsigned)d[i]);
    for (size_t i = 0; i < r->altn; i++)
        sv_buf_put_cp(&tmp, (unsigned)r->alt[i]);
    const char32_t *e = r->pos == P_NOUN ? r->ending
                        : r->pos == P_ADJ ? adj_ending(atype, G_M, 0) : U"";
    for (; *e; e++)
        sv_buf_put_cp(&tmp, (unsigned)*e);
    for (size_t i = 0; i < tmp.len;) {
        size_t adv;
        long c = sv_utf8_decode(tmp.ptr + i, tmp.len - i, &adv);
        i += adv;
        c = sv_nm_lower(c);
        if (c == U'ё')
            c = U'е';
        sv_buf_put_cp(b, (unsigned)c);
    }
    sv_buf_free(&tmp);
}

static void fold_utf8(sv_buf *b, const char *s)
{
    sv_buf_reset(b);
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        size_t adv;
        long c = sv_utf8_decode(s + i, n - i, &adv);
        i += adv;
        if (c < 0)
            continue;
        c = sv_nm_lower(c);
        if (c == U'ё')
            c = U'е';
        sv_buf_put_cp(b, (unsigned)c);
    }
}

/* ---- readings ------------------------------------------------------------------------ */

static int looks_oblique(const long *d, size_t n)
{
    static const char32_t *const ends[] = {U"ом", U"ем", U"ым", U"им", U"ой", U"ей", U"ам", U"ям", U"ах", U"ях"};
    for (size_t i = 0; i < sizeof ends / sizeof *ends; i++)
        if (ends32(d, n, ends[i], 2))
            return 1;
    return 0;
}

static void add_reading(word *w, const reading *r)
{
    if (w->nr < RMAX)
        w->r[w->nr++] = *r;
}

/* Words hunspell-ru lacks or gets wrong (Беларусь has a masculine flag, so
 * Беларуси is unknown): lemma and its declension class's sample ending. */
static const char *const builtin_lemmas[] = {"Беларусь"};

static int builtin_known(const char *lemma)
{
    for (size_t i = 0; i < sizeof builtin_lemmas / sizeof *builtin_lemmas; i++)
        if (strcmp(builtin_lemmas[i], lemma) == 0)
            return 1;
    return 0;
}

/* How many other forms of reading r's paradigm the learned text has
 * (Белшины, Белшиной for Белшина; Гомсельмаш for Гомсельмаша), at most 3. */
static int attested(const sv_names *nm, const long *d, size_t n, const reading *r)
{
    sv_buf f = SV_BUF_INIT, self = SV_BUF_INIT;
    const char *seen[16];
    size_t nseen = 0;
    for (size_t i = 0; i < n; i++)
        sv_buf_put_cp(&self, (unsigned)d[i]);
    int hits = 0;
    for (size_t i = 0; i < sizeof noun_rules / sizeof *noun_rules && hits < 3; i++) {
        const nrule *nr = &noun_rules[i];
        if (!(nr->cls & r->cls) || len32(nr->lemma) != len32(r->ending) ||
            memcmp(nr->lemma, r->ending, len32(r->ending) * sizeof(char32_t)) != 0)
            continue;
        sv_buf_reset(&f);
        for (size_t k = 0; k < r->stem; k++)
            sv_buf_put_cp(&f, (unsigned)d[k]);
        for (const char32_t *e = nr->form; *e; e++)
            sv_buf_put_cp(&f, (unsigned)*e);
        if (strcmp(f.ptr, self.ptr) == 0)
            continue;
        const sv_nslot *e = sv_nmap_get(&nm->learned, f.ptr, f.len);
        if (!e)
            continue;
        const char *v = nm->learned.pool.ptr + e->koff;
        int dup = 0;
        for (size_t k = 0; k < nseen; k++)
            dup |= seen[k] == v;
        if (!dup && nseen < 16) {
            seen[nseen++] = v;
            hits++;
        }
    }
    sv_buf_free(&f);
    sv_buf_free(&self);
    return hits;
}

static void word_readings(sv_names *nm, word *w)
{
    const long *d = w->cp + w->dstart;
    size_t n = w->dn;
    reading r;
    memset(&r, 0, sizeof r);
    w->nr = 0;
    if (!w->cyr || n < 2) {
        r.pos = P_INDECL;
        r.gender = G_ALL;
        r.cases = C_ALL;
        r.stem = n;
        r.score = 1.0;
        add_reading(w, &r);
        return;
    }
    /* acronyms: МАЗ, БелАЗа, МТЗом */
    size_t up = 0, last_up = 0;
    for (size_t i = 0; i < n; i++)
        if (sv_nm_is_upper(d[i])) {
            up++;
            last_up = i + 1;
        }
    if (up >= 2 && !(w->allcaps && n >= 6)) {
        static const struct { const char32_t *e; unsigned cases; } ae[] = {
            {U"а", C_GEN | C_ACC}, {U"у", C_DAT}, {U"ом", C_INS}, {U"е", C_LOC}, {U"ем", C_INS},
        };
        r.pos = P_NOUN;
        r.gender = G_M;
        r.ending = U"";
        r.stem = last_up;
        r.score = 2.0;
        r.known = 1;
        if (last_up == n) {
            r.pos = P_INDECL;
            r.gender = G_ALL;
            r.cases = C_ALL;
            add_reading(w, &r);
            return;
        }
        for (size_t i = 0; i < sizeof ae / sizeof *ae; i++)
            if (len32(ae[i].e) == n - last_up && ends32(d, n, ae[i].e, n - last_up)) {
                r.cases = ae[i].cases;
                add_reading(w, &r);
                return;
            }
    }
    memset(&r, 0, sizeof r);
    for (size_t i = 0; i < sizeof noun_rules / sizeof *noun_rules; i++) {
        const nrule *nr = &noun_rules[i];
        size_t k = len32(nr->form);
        if (!ends32(d, n, nr->form, k) || !stem_ok(d, n - k, nr->cond))
            continue;
        r.pos = P_NOUN;
        r.gender = nr->gender;
        r.cases = nr->cases;
        r.plural = nr->plural;
        r.stem = n - k;
        r.ending = nr->lemma;
        r.cls = nr->cls;
        r.score = nr->prior;
        /* Гомсельмашем, Белшиной: a word that ends like a case form is
         * less likely to be a nominative in -м or -й */
        if (k == len32(nr->lemma) && k <= 1 && n >= 4 && looks_oblique(d, n))
            r.score = 0.5;
        add_reading(w, &r);
    }
    for (size_t i = 0; i < sizeof adj_rules / sizeof *adj_rules; i++) {
        const arule *ar = &adj_rules[i];
        size_t k = len32(ar->form);
        if (n < k + 2 || !ends32(d, n, ar->form, k) || !is_cons(d[n - k - 1]))
            continue;
        memset(&r, 0, sizeof r);
        r.pos = P_ADJ;
        r.gender = ar->gender;
        r.cases = ar->cases;
        r.plural = ar->plural;
        r.stem = n - k;
        r.atype = ar->soft == 2 ? A_OI : adj_type(d, n - k, ar->soft);
        r.score = adj_prior(d, n - k) * (ar->soft == 2 ? 0.2 : 1.0) * (ar->plural ? 0.5 : 1.0);
        if (stem_ok(d, n - k, K_SURN))
            r.score *= 0.3; /* Гусевым, Гусевой: surname first */
        add_reading(w, &r);
    }
    /* anything ending in a vowel may be indeclinable: Лукашенко, Сочи */
    if (is_vowel_cp(d[n - 1])) {
        memset(&r, 0, sizeof r);
        r.pos = P_INDECL;
        r.gender = G_ALL;
        r.cases = C_ALL;
        r.stem = n;
        r.score = 0.2;
        add_reading(w, &r);
    }

    /* the dictionary and the learned forms */
    Hunhandle *h = (Hunhandle *)sv_nm_hunspell(nm);
    sv_buf form = SV_BUF_INIT, key = SV_BUF_INIT, lem = SV_BUF_INIT;
    for (size_t i = 0; i < n; i++)
        sv_buf_put_cp(&form, (unsigned)d[i]);
    char **stems = NULL;
    int ns = 0;
    if (h && Hunspell_spell(h, form.ptr)) {
        w->known_word = 1;
        ns = Hunspell_stem(h, &stems, form.ptr);
    }
    for (size_t i = 0; i < sizeof builtin_lemmas / sizeof *builtin_lemmas; i++) {
        /* Беларусь, Беларуси, Беларусью ... : known, a feminine in -ь */
        const char *bl = builtin_lemmas[i];
        size_t bl_len = strlen(bl) - 2; /* without the final ь */
        if (form.len >= bl_len && memcmp(form.ptr, bl, bl_len) == 0)
            w->known_word = 1;
    }
    for (size_t j = 0; j < w->nr; j++) {
        reading *x = &w->r[j];
        if (x->pos == P_INDECL && x->stem == n && !(up >= 2)) {
            /* indeclinable: known if the dictionary stems the word to itself */
            fold_utf8(&key, form.ptr);
            for (int s = 0; s < ns; s++) {
                fold_utf8(&lem, stems[s]);
                if (strcmp(lem.ptr, key.ptr) == 0) {
                    x->known = 1;
                    x->score += 1.0;
                    x->proper = sv_nm_is_upper(sv_utf8_decode(stems[s], strlen(stems[s]), &(size_t){0}));
                }
            }
            continue;
        }
        for (int variant = 0; variant < (x->pos == P_ADJ ? 2 : 1); variant++) {
            lemma_key(&key, w, x, variant ? A_OI : -1);
            int hit = 0;
            for (int s = 0; s < ns && !hit; s++) {
                fold_utf8(&lem, stems[s]);
                if (strcmp(lem.ptr, key.ptr) == 0) {
                    hit = 1;
                    size_t adv;
                    x->proper = sv_nm_is_upper(sv_utf8_decode(stems[s], strlen(stems[s]), &adv));
                }
            }
            if (!hit && x->pos == P_NOUN) {
                sv_buf full = SV_BUF_INIT;
                word tmp = *w;
                tmp.dstart = 0;
                tmp.n = tmp.dn;
                memmove(tmp.cp, d, n * sizeof *d);
                put_lemma(&full, &tmp, x, 0, 0);
                if (builtin_known(full.ptr)) {
                    hit = 1;
                    x->proper = 1;
                }
                sv_buf_free(&full);
            }
            if (hit) {
                if (variant)
                    x->atype = A_OI;
                x->known = 1;
                x->score += x->proper && w->cap ? 1.2 : 1.0;
                break;
            }
        }
        if (!x->known && x->pos == P_NOUN && nm->learned.n)
            x->score += 0.5 * (double)attested(nm, d, n, x);
    }
    /* a dictionary lemma none of our rules made: Орла -> Орёл */
    int any_known = 0;
    for (size_t j = 0; j < w->nr; j++)
        any_known |= w->r[j].known;
    if (!any_known && ns > 0) {
        size_t adv, k = 0;
        const char *s = stems[0];
        size_t sl = strlen(s);
        long c0 = sv_utf8_decode(s, sl, &adv);
        if (sl && sv_nm_lower(c0) == sv_nm_lower(d[0])) {
            memset(&r, 0, sizeof r);
            for (size_t i = 0; i < sl && k < WMAX;) {
                long c = sv_utf8_decode(s + i, sl - i, &adv);
                i += adv;
                if (c >= 0)
                    r.alt[k++] = (char32_t)c;
            }
            r.altn = k;
            r.ending = U"";
            r.pos = P_NOUN;
            r.gender = G_ALL;
            r.cases = C_ALL & ~C_NOM;
            r.score = 1.5;
            r.known = 1;
            add_reading(w, &r);
        }
    }
    if (ns)
        Hunspell_free_list(h, &stems, ns);
    sv_buf_free(&form);
    sv_buf_free(&key);
    sv_buf_free(&lem);
}

/* ---- phrases ---------------------------------------------------------------------------- */

#define PMAX 16
#define PHRASE_MAX 1024

static int agree(const reading *a, const reading *n)
{
    if (a->plural != n->plural)
        return 0;
    if (!(a->cases & n->cases))
        return 0;
    return a->plural || (a->gender & n->gender);
}

/* Lemmas of generic place nouns whose name stands in apposition (городе Минске). */
static int generic_place(const word *w, const reading *r, sv_buf *tmp)
{
    static const char *const places[] = {"город", "село", "деревня", "поселок", "посёлок",
                                         "станица", "хутор", "агрогородок", "река", "озеро"};
    sv_buf_reset(tmp);
    lemma_key(tmp, w, r, -1);
    for (size_t i = 0; i < sizeof places / sizeof *places; i++)
        if (strcmp(tmp->ptr, places[i]) == 0)
            return 1;
    return 0;
}

static const char *const boundaries[] = {"в", "во", "на", "с", "со", "к", "о", "об", "у", "из",
                                         "от", "до", "по", "за", "для", "при", "и"};

static int is_boundary(const word *w)
{
    if (w->cap || w->n > 3)
        return 0;
    char b[16];
    size_t o = 0;
    for (size_t i = 0; i < w->n; i++)
        o += sv_utf8_encode((unsigned)w->cp[i], b + o);
    b[o] = 0;
    for (size_t i = 0; i < sizeof boundaries / sizeof *boundaries; i++)
        if (strcmp(b, boundaries[i]) == 0)
            return 1;
    return 0;
}

typedef struct {
    int change;      /* replace the word by its lemma */
    size_t reading;
    unsigned gender;
    int plural;
} choice;

/* Chooses readings for words[0..n) (one segment). */
static void decide(sv_names *nm, word *ws, size_t n, choice *ch)
{
    sv_buf tmp = SV_BUF_INIT;
    double best = -1;
    choice cur[PMAX];
    for (size_t i = 0; i < n; i++)
        ch[i].change = 0;
    for (size_t h = 0; h < n; h++) {
        word *hw = &ws[h];
        if (hw->quoted && h > 0)
            break;
        for (size_t hr = 0; hr < hw->nr; hr++) {
            const reading *head = &hw->r[hr];
            if (head->pos == P_ADJ)
                continue;
            double total = head->score;
            int ok = 1;
            for (size_t i = 0; i < n; i++)
                cur[i].change = 0;
            cur[h] = (choice){1, hr, head->gender, head->plural};
            for (size_t i = 0; i < h && ok; i++) {
                double bs = -1;
                for (size_t k = 0; k < ws[i].nr; k++) {
                    const reading *a = &ws[i].r[k];
                    if (a->pos != P_ADJ || !agree(a, head) || a->score <= bs)
                        continue;
                    bs = a->score;
                    unsigned g = a->gender & head->gender;
                    g = (g & G_F) ? G_F : (g & G_M) ? G_M : (g & G_N) ? G_N : G_M;
                    cur[i] = (choice){1, k, g, a->plural};
                }
                if (bs < 0)
                    ok = 0;
                else
                    total += bs;
            }
            if (!ok)
                continue;
            /* names in apposition after a proper head: Александром Гусевым */
            int proper_head = hw->cap && (head->proper || !hw->known_word || head->pos == P_INDECL);
            int place = generic_place(hw, head, &tmp);
            for (size_t i = h + 1; i < n; i++) {
                word *x = &ws[i];
                if (x->quoted || !x->cyr || !(x->cap || (place && x->cap)))
                    break;
                if (!(proper_head || place || (hw->cap && !x->known_word)))
                    break;
                double bs = -1;
                size_t bk = 0;
                for (size_t k = 0; k < x->nr; k++) {
                    const reading *a = &x->r[k];
                    if (a->pos == P_ADJ || a->plural != head->plural || !(a->cases & head->cases))
                        continue;
                    if (!place && a->pos == P_NOUN && !(a->gender & head->gender))
                        continue;
                    if (a->score > bs) {
                        bs = a->score;
                        bk = k;
                    }
                }
                if (bs < 0)
                    break;
                cur[i] = (choice){1, bk, x->r[bk].gender, 0};
                total += 0.1 * bs;
            }
            if (total > best) {
                best = total;
                memcpy(ch, cur, n * sizeof *ch);
            }
        }
    }
    /* adjectives only (Воронежской), led by one of the first word's adjective readings */
    for (size_t lk = 0; n > 0 && lk < ws[0].nr; lk++) {
        const reading *lead = &ws[0].r[lk];
        if (lead->pos != P_ADJ)
            continue;
        double total = 0;
        size_t i;
        for (i = 0; i < n; i++) {
            double b2 = -1;
            for (size_t k = 0; k < ws[i].nr; k++) {
                const reading *a = &ws[i].r[k];
                if (a->pos == P_ADJ && agree(a, lead) && a->score > b2) {
                    b2 = a->score;
                    unsigned g = a->gender & lead->gender;
                    g = (g & G_F) ? G_F : (g & G_M) ? G_M : G_N;
                    cur[i] = (choice){1, k, g, a->plural};
                }
            }
            if (b2 < 0)
                break;
            total += b2;
        }
        if (i == n && total > best) {
            best = total;
            memcpy(ch, cur, n * sizeof *ch);
        }
    }
    sv_buf_free(&tmp);
}

/* Splits the phrase into words; returns their count (at most PMAX; more words are left as is). */
static size_t split_words(const char *text, size_t len, word *ws)
{
    size_t nw = 0, p = 0;
    int in_quote = 0;
    while (p < len && nw < PMAX) {
        size_t adv;
        long c = sv_utf8_decode(text + p, len - p, &adv);
        if (c < 0 || !(sv_nm_is_letter(c) || (c >= '0' && c <= '9'))) {
            if (c == 0xAB || c == 0x201E || c == 0x2018)
                in_quote = 1;
            else if (c == 0xBB || c == 0x201D || c == 0x2019)
                in_quote = 0;
            else if (c == '"' || c == 0x201C)
                in_quote = !in_quote;
            p += adv;
            continue;
        }
        word *w = &ws[nw];
        memset(w, 0, sizeof *w);
        w->start = p;
        w->quoted = in_quote;
        size_t upper = 0, letters = 0;
        while (p < len) {
            c = sv_utf8_decode(text + p, len - p, &adv);
            int hyph = (c == '-' || c == 0x2010 || c == 0x2011) && w->n > 0;
            if (c < 0 || !(sv_nm_is_letter(c) || (c >= '0' && c <= '9') || hyph ||
                           (c >= 0x300 && c <= 0x36F)))
                break;
            if (hyph && p + adv < len) {
                size_t a2;
                long nx = sv_utf8_decode(text + p + adv, len - p - adv, &a2);
                if (nx < 0 || !sv_nm_is_letter(nx))
                    break;
            } else if (hyph) {
                break;
            }
            if (w->n < WMAX)
                w->cp[w->n++] = c;
            if (sv_nm_is_letter(c)) {
                letters++;
                upper += sv_nm_is_upper(c) != 0;
                if (sv_nm_is_cyr(c))
                    w->cyr = 1;
                if (!sv_nm_is_letter(c) || (c >= '0' && c <= '9'))
                    w->cyr = 0;
            } else if (c >= '0' && c <= '9') {
                w->cyr = 0; /* МТЗ-82: left alone */
            }
            p += adv;
        }
        w->end = p;
        if (w->n == WMAX && p > w->start)
            w->cyr = 0; /* too long to be a name: left alone */
        w->cap = w->n > 0 && sv_nm_is_upper(w->cp[0]);
        w->allcaps = letters >= 2 && upper == letters;
        w->dn = sv_nm_declined_part(w->cp, w->n, &w->dstart);
        nw++;
    }
    return nw;
}

sv_status sv_names_nominative(sv_names *nm, const char *text, size_t len, sv_buf *out)
{
    if (!nm || !out || (!text && len))
        return SV_ERR_ARG;
    if (len > PHRASE_MAX)
        return SV_ERR_LIMIT;
    word *ws = xmalloc(PMAX * sizeof *ws);
    choice ch[PMAX];
    size_t nw = split_words(text, len, ws);
    for (size_t i = 0; i < nw; i++) {
        ch[i].change = 0;
        if (ws[i].cyr && !is_boundary(&ws[i]))
            word_readings(nm, &ws[i]);
    }
    /* segments between prepositions and conjunctions */
    for (size_t i = 0; i < nw;) {
        if (!ws[i].cyr || is_boundary(&ws[i])) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < nw && ws[j].cyr && !is_boundary(&ws[j]))
            j++;
        decide(nm, ws + i, j - i, ch + i);
        i = j;
    }
    size_t p = 0;
    for (size_t i = 0; i < nw; i++) {
        sv_buf_append(out, text + p, ws[i].start - p);
        if (ch[i].change && ch[i].reading < ws[i].nr)
            put_lemma(out, &ws[i], &ws[i].r[ch[i].reading], ch[i].gender, ch[i].plural);
        else
            sv_buf_append(out, text + ws[i].start, ws[i].end - ws[i].start);
        p = ws[i].end;
    }
    sv_buf_append(out, text + p, len - p);
    free(ws);
    return SV_OK;
}

/* ---- learning ------------------------------------------------------------------------------ */

#define LEARN_MAX 100000

void sv_names_learn(sv_names *nm, const char *text, size_t len)
{
    if (!nm || !text)
        return;
    long cp[WMAX];
    for (size_t p = 0; p < len;) {
        size_t adv;
        long c = sv_utf8_decode(text + p, len - p, &adv);
        if (c < 0 || !sv_nm_is_letter(c)) {
            p += adv;
            continue;
        }
        size_t s = p, n = 0;
        while (p < len) {
            c = sv_utf8_decode(text + p, len - p, &adv);
            if (c < 0 || !sv_nm_is_letter(c))
                break;
            if (n < WMAX)
                cp[n++] = c;
            p += adv;
        }
        if (n < 3 || n == WMAX || !sv_nm_is_cyr(cp[0]) || !sv_nm_is_upper(cp[0]) ||
            sv_nm_is_upper(cp[1]))
            continue;
        if (nm->learned.n >= LEARN_MAX)
            sv_nmap_clear(&nm->learned);
        sv_nmap_put(&nm->learned, text + s, p - s, NULL, 0, 1);
    }
}
