/* names.c - proper names in a sentence and their cross-script keys.
 *
 * Sits beside the numbers as an anchor source for the aligner, and feeds
 * the checker and the glossary.  A name is a capitalised word, an acronym,
 * a short quoted name or a run of capitalised words.  Its key is the word
 * with its Russian case ending removed, transliterated by ICU's
 * Russian-Latin/BGN (plus Any-Latin and Latin-ASCII for other scripts),
 * lower-cased; ASCII words never reach ICU, others are cached per distinct
 * word.  The similarity of two keys compares canonical spellings.  The
 * nominative of Russian name phrases is in names_nom.c.
 */
#include "names.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uchar.h>

#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "../base/mem.h"
#include "../base/utf8.h"
#include "names_int.h"

/* ---- string map ---------------------------------------------------------- */

uint32_t sv_nmap_hash(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h ? h : 1;
}

static size_t nmap_find(const sv_nmap *m, const char *s, size_t len, uint32_t h)
{
    size_t mask = m->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        const sv_nslot *e = &m->slots[i];
        if (e->klen == 0)
            return i;
        if (e->hash == h && e->klen == len && memcmp(m->pool.ptr + e->koff, s, len) == 0)
            return i;
    }
}

const sv_nslot *sv_nmap_get(const sv_nmap *m, const char *s, size_t len)
{
    if (m->n == 0 || len == 0)
        return NULL;
    const sv_nslot *e = &m->slots[nmap_find(m, s, len, sv_nmap_hash(s, len))];
    return e->klen ? e : NULL;
}

static void nmap_grow(sv_nmap *m)
{
    size_t ncap = m->cap ? m->cap * 2 : 256;
    sv_nslot *old = m->slots;
    size_t ocap = m->cap;
    m->slots = xcalloc(ncap, sizeof *m->slots);
    m->cap = ncap;
    for (size_t i = 0; i < ocap; i++) {
        if (old[i].klen == 0)
            continue;
        size_t mask = ncap - 1, j = old[i].hash & mask;
        while (m->slots[j].klen)
            j = (j + 1) & mask;
        m->slots[j] = old[i];
    }
    free(old);
}

void sv_nmap_put(sv_nmap *m, const char *s, size_t len, const char *v, size_t vlen, uint32_t tag)
{
    if (len == 0 || len > 0xFFFF || vlen > 0xFFFF)
        return;
    if ((m->n + 1) * 4 > m->cap * 3)
        nmap_grow(m);
    uint32_t h = sv_nmap_hash(s, len);
    sv_nslot *e = &m->slots[nmap_find(m, s, len, h)];
    if (e->klen == 0) {
        e->hash = h;
        e->koff = (uint32_t)m->pool.len;
        e->klen = (uint32_t)len;
        sv_buf_append(&m->pool, s, len);
        m->n++;
    }
    e->voff = (uint32_t)m->pool.len;
    e->vlen = (uint32_t)vlen;
    e->tag = tag;
    sv_buf_append(&m->pool, v ? v : "", vlen);
}

const char *sv_nmap_val(const sv_nmap *m, const sv_nslot *e)
{
    return m->pool.ptr + e->voff;
}

void sv_nmap_clear(sv_nmap *m)
{
    if (m->slots)
        memset(m->slots, 0, m->cap * sizeof *m->slots);
    m->n = 0;
    sv_buf_reset(&m->pool);
}

void sv_nmap_free(sv_nmap *m)
{
    free(m->slots);
    sv_buf_free(&m->pool);
    memset(m, 0, sizeof *m);
}

/* ---- letters --------------------------------------------------------------- */

int sv_nm_is_letter(long cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    if ((cp >= 0x410 && cp <= 0x44F) || cp == 0x401 || cp == 0x451)
        return 1;
    return u_isalpha((UChar32)cp);
}

int sv_nm_is_upper(long cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    if (cp >= 0x410 && cp <= 0x42F)
        return 1;
    if (cp >= 0x430 && cp <= 0x44F)
        return 0;
    return u_isupper((UChar32)cp) || u_istitle((UChar32)cp);
}

int sv_nm_is_lower(long cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    if (cp >= 0x430 && cp <= 0x44F)
        return 1;
    if (cp >= 0x410 && cp <= 0x42F)
        return 0;
    return u_islower((UChar32)cp);
}

long sv_nm_lower(long cp)
{
    if (cp < 0x80)
        return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    if (cp >= 0x410 && cp <= 0x42F)
        return cp + 32;
    if (cp >= 0x400 && cp <= 0x40F)
        return cp + 80;
    return u_tolower((UChar32)cp);
}

long sv_nm_upper(long cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') ? cp - 32 : cp;
    if (cp >= 0x430 && cp <= 0x44F)
        return cp - 32;
    if (cp >= 0x450 && cp <= 0x45F)
        return cp - 80;
    return u_toupper((UChar32)cp);
}

static int is_mark(long cp)
{
    if (cp < 0x300)
        return 0;
    if (cp <= 0x36F)
        return 1;
    return (U_GET_GC_MASK((UChar32)cp) & U_GC_M_MASK) != 0;
}

static int is_digit(long cp)
{
    return cp >= '0' && cp <= '9';
}

static int is_word_cp(long cp)
{
    return cp >= 0 && (sv_nm_is_letter(cp) || is_digit(cp) || is_mark(cp));
}

static int is_apostrophe(long cp)
{
    return cp == '\'' || cp == 0x2019 || cp == 0x2BC;
}

static int is_hyphen(long cp)
{
    return cp == '-' || cp == 0x2010 || cp == 0x2011;
}

/* The code point at s[i] (i < len), -1 if invalid; *adv its length. */
static long cp_at(const char *s, size_t len, size_t i, size_t *adv)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
        *adv = 1;
        return c;
    }
    return sv_utf8_decode(s + i, len - i, adv);
}

static long cp_before(const char *s, size_t i)
{
    if (i == 0)
        return -1;
    size_t j = i - 1;
    while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80 && i - j < 4)
        j--;
    size_t adv;
    long cp = sv_utf8_decode(s + j, i - j, &adv);
    return adv == i - j ? cp : -1;
}

/* ---- stop lists ------------------------------------------------------------- */

enum { STOP_INITIAL = 1, STOP_ALWAYS = 2, STOP_ABBREV = 4 };

/* Capitalised at the start of a sentence, but not names. */
static const char *const stop_initial[] = {
    "a", "about", "according", "addressing", "after", "again", "all", "also", "although",
    "among", "an", "and", "another", "any", "are", "as", "asked", "at", "back", "be",
    "because", "been", "before", "being", "besides", "both", "but", "by", "can", "could",
    "did", "do", "does", "during", "each", "earlier", "especially", "even", "every",
    "finally", "first", "for", "from", "had", "has", "have", "he", "her", "here", "his",
    "how", "however", "i", "if", "in", "instead", "is", "it", "its", "largely", "last",
    "later", "let", "many", "may", "meanwhile", "might", "more", "moreover", "most",
    "must", "my", "next", "no", "not", "now", "of", "on", "one", "only", "or", "other",
    "our", "over", "perhaps", "please", "said", "several", "she", "should", "since",
    "so", "some", "speaking", "still", "such", "thank", "thanks", "that", "the", "their",
    "then", "there", "therefore", "these", "they", "this", "those", "though", "thus",
    "to", "today", "together", "two", "under", "unlike", "until", "we", "what", "when",
    "where", "whether", "which", "while", "who", "why", "will", "with", "would", "yes",
    "yet", "you", "your",
    "а", "без", "более", "будет", "в", "вместе", "во", "вот", "впрочем", "все", "всё",
    "вчера", "где", "говоря", "да", "даже", "для", "до", "его", "если", "еще", "ещё",
    "же", "за", "завтра", "затем", "здесь", "и", "из", "или", "им", "их", "к", "как",
    "какие", "какой", "когда", "конечно", "которые", "кроме", "кстати", "кто", "ли",
    "лишь", "между", "мы", "на", "наконец", "например", "наш", "наша", "наше", "наши",
    "не", "нет", "ни", "но", "о", "об", "однако", "он", "она", "они", "оно", "от",
    "очень", "перед", "по", "под", "поэтому", "почему", "почти", "при", "про", "ранее",
    "с", "сегодня", "сейчас", "со", "среди", "так", "также", "там", "теперь", "то",
    "тогда", "тоже", "только", "у", "уже", "хотя", "что", "чтобы", "это", "этот", "эта",
    "эти", "я",
};

/* Never names, wherever they stand. */
static const char *const stop_always[] = {
    "april", "august", "december", "dr", "february", "friday", "january", "july", "june",
    "march", "monday", "mr", "mrs", "ms", "november", "october", "saturday", "september",
    "sunday", "thursday", "tuesday", "wednesday",
    "вам", "вами", "вас", "ваш", "ваша", "ваше", "вашего", "вашей", "вашем", "вашему",
    "ваши", "вашим", "вашими", "ваших", "вашу", "вы", "тебе", "тебя", "ты",
};

/* Short words after which a period is not a sentence end. */
static const char *const abbrevs[] = {
    "capt", "col", "gen", "gov", "inc", "jr", "ltd", "mrs", "no", "prof", "rep", "sen", "sgt",
    "sr", "st", "vs", "акад", "гг", "млн", "млрд", "обл", "проф", "руб", "тыс", "ул",
};

static void stop_init(sv_nmap *m)
{
    for (size_t i = 0; i < sizeof stop_initial / sizeof *stop_initial; i++)
        sv_nmap_put(m, stop_initial[i], strlen(stop_initial[i]), NULL, 0, STOP_INITIAL);
    for (size_t i = 0; i < sizeof stop_always / sizeof *stop_always; i++)
        sv_nmap_put(m, stop_always[i], strlen(stop_always[i]), NULL, 0, STOP_ALWAYS);
    for (size_t i = 0; i < sizeof abbrevs / sizeof *abbrevs; i++) {
        const sv_nslot *e = sv_nmap_get(m, abbrevs[i], strlen(abbrevs[i]));
        sv_nmap_put(m, abbrevs[i], strlen(abbrevs[i]), NULL, 0, (e ? e->tag : 0) | STOP_ABBREV);
    }
}

/* Lower-cases s[0..len) into out (size bytes); 0 if it does not fit. */
static size_t lower_utf8(const char *s, size_t len, char *out, size_t size)
{
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        size_t adv;
        long cp = cp_at(s, len, i, &adv);
        i += adv;
        if (cp < 0)
            return 0;
        char b[4];
        size_t k = sv_utf8_encode((unsigned)sv_nm_lower(cp), b);
        if (o + k >= size)
            return 0;
        memcpy(out + o, b, k);
        o += k;
    }
    out[o] = 0;
    return o;
}

static unsigned stop_flags(const sv_names *nm, const char *s, size_t len)
{
    char low[64];
    size_t n = lower_utf8(s, len, low, sizeof low);
    if (n == 0)
        return 0;
    const sv_nslot *e = sv_nmap_get(&nm->stop, low, n);
    return e ? e->tag : 0;
}

/* ---- the object -------------------------------------------------------------- */

void sv_names_opts_init(sv_names_opts *o)
{
    memset(o, 0, sizeof *o);
    o->dict = SV_NAMES_DICT_LAZY;
    o->cache_max = 200000;
}

/* BGN/PCGN for Russian (the English-language press's spelling), Any-Latin
 * for the rest (Ukrainian і, Belarusian ў, Greek), then plain ASCII. */
static const char translit_id[] =
    "Russian-Latin/BGN; Any-Latin; [\\u02B9\\u02BA\\u00B7] Remove; Latin-ASCII; Any-Lower";

sv_status sv_names_new(const sv_names_opts *opts, sv_names **out, sv_diags *d)
{
    sv_names_opts def;
    if (!opts) {
        sv_names_opts_init(&def);
        opts = &def;
    }
    *out = NULL;
    UChar id[sizeof translit_id];
    u_uastrcpy(id, translit_id);
    UParseError pe;
    UErrorCode st = U_ZERO_ERROR;
    UTransliterator *tr = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, &pe, &st);
    if (U_FAILURE(st)) {
        sv_diags_add(d, SV_ERROR, NULL, 0, 0, -1, "cannot open the ICU transliterator %s: %s",
                     translit_id, u_errorName(st));
        return SV_ERR_ICU;
    }
    sv_names *nm = xcalloc(1, sizeof *nm);
    nm->tr = tr;
    nm->cache_max = opts->cache_max ? opts->cache_max : 200000;
    nm->dict_mode = opts->dict;
    nm->dict_dir = xstrdup(opts->dict_dir ? opts->dict_dir : "/usr/share/hunspell");
    stop_init(&nm->stop);
    *out = nm;
    if (opts->dict == SV_NAMES_DICT_NOW && !sv_nm_hunspell(nm))
        sv_diags_add(d, SV_WARNING, NULL, 0, 0, -1,
                     "no Russian hunspell dictionary in %s (ru_RU.aff, ru_RU.dic): "
                     "nominative forms use sverka's own rules only",
                     nm->dict_dir);
    return SV_OK;
}

void sv_names_free(sv_names *nm)
{
    if (!nm)
        return;
    utrans_close(nm->tr);
    sv_nmap_free(&nm->cache);
    sv_nmap_free(&nm->stop);
    sv_nmap_free(&nm->learned);
    sv_nm_hunspell_close(nm);
    free(nm->dict_dir);
    free(nm->ubuf);
    free(nm->cands);
    free(nm->quotes);
    sv_buf_free(&nm->scratch);
    free(nm);
}

const char *sv_name_kind_name(sv_name_kind k)
{
    switch (k) {
    case SV_NAME_WORD: return "word";
    case SV_NAME_ACRONYM: return "acronym";
    case SV_NAME_QUOTED: return "quoted";
    case SV_NAME_MULTI: return "multi";
    }
    return "?";
}

/* ---- transliteration ---------------------------------------------------------- */

int sv_nm_translit_append(sv_names *nm, const char *s, size_t len, sv_buf *out)
{
    if (len == 0)
        return 1;
    if (len > 1 << 20)
        return 0;
    size_t need = len * 8 + 64; /* щ -> shch: four units per input unit at most, twice over */
    if (nm->ucap < need) {
        free(nm->ubuf);
        nm->ubuf = xmalloc(need * sizeof(UChar));
        nm->ucap = need;
    }
    UErrorCode st = U_ZERO_ERROR;
    int32_t ulen = 0;
    u_strFromUTF8WithSub(nm->ubuf, (int32_t)nm->ucap, &ulen, s, (int32_t)len, 0xFFFD, NULL, &st);
    if (U_FAILURE(st))
        return 0;
    int32_t limit = ulen;
    utrans_transUChars(nm->tr, nm->ubuf, &ulen, (int32_t)nm->ucap, 0, &limit, &st);
    if (U_FAILURE(st))
        return 0;
    for (int32_t i = 0; i < ulen; i++) {
        UChar c = nm->ubuf[i];
        if (c >= 'A' && c <= 'Z')
            c = (UChar)(c + 32);
        if (c >= 0x20 && c < 0x7F)
            sv_buf_putc(out, (char)c);
        else if (c == '\t' || c == '\n')
            sv_buf_putc(out, ' ');
    }
    return 1;
}

size_t sv_names_translit(sv_names *nm, const char *text, size_t len, char *out, size_t size)
{
    sv_buf b = SV_BUF_INIT;
    /* BGN looks only inside a word, so cutting at spaces keeps the result. */
    size_t i = 0;
    while (i < len) {
        size_t j = i + 4096 < len ? i + 4096 : len;
        if (j < len) {
            size_t k = j;
            while (k > i && text[k - 1] != ' ')
                k--;
            if (k > i)
                j = k;
            else
                while (j > i && ((unsigned char)text[j] & 0xC0) == 0x80)
                    j--;
        }
        int ascii = 1;
        for (size_t k = i; k < j && ascii; k++)
            ascii = (unsigned char)text[k] < 0x80;
        if (ascii) {
            for (size_t k = i; k < j; k++) {
                char c = text[k];
                if (c >= 'A' && c <= 'Z')
                    c = (char)(c + 32);
                if (c >= 0x20 && c < 0x7F)
                    sv_buf_putc(&b, c);
                else if (c == '\t' || c == '\n' || c == '\r')
                    sv_buf_putc(&b, ' ');
            }
        } else {
            sv_nm_translit_append(nm, text + i, j - i, &b);
        }
        i = j;
    }
    size_t n = b.len;
    if (size) {
        size_t k = n < size - 1 ? n : size - 1;
        if (k)
            memcpy(out, b.ptr, k);
        out[k] = 0;
    }
    sv_buf_free(&b);
    return n;
}

/* ---- keys ---------------------------------------------------------------------- */

size_t sv_nm_declined_part(const long *cp, size_t n, size_t *start)
{
    size_t ps[8], pe[8], np = 0;
    for (size_t i = 0; i < n && np < 8;) {
        size_t j = i;
        while (j < n && !is_hyphen(cp[j]))
            j++;
        ps[np] = i;
        pe[np++] = j;
        i = j + 1;
    }
    if (np == 0) {
        *start = 0;
        return n;
    }
    size_t t = np - 1;
    for (size_t k = 1; k + 1 < np; k++)
        if (sv_nm_is_lower(cp[ps[k]]))
            t = 0;
    *start = ps[t];
    return pe[t] - ps[t];
}

/* Case endings removed from Russian words before transliteration, longest
 * first.  Not -о (Лукашенко), -ов/-ев/-ин (Гусев, Путин are nominative)
 * nor plural -ам/-ах/-ами (Амстердам, Аллах). */
static const char32_t *const key_endings[] = {
    U"ого", U"его", U"ому", U"ему", U"ыми", U"ими",
    U"ая", U"яя", U"ое", U"ее", U"ые", U"ие", U"ый", U"ий", U"ой", U"ей", U"ую", U"юю",
    U"ым", U"им", U"ых", U"их", U"ом", U"ем", U"ью",
    U"а", U"я", U"у", U"ю", U"е", U"ы", U"и", U"ь", U"й",
};

/* Lower-case endings an acronym takes: МАЗа, БелАЗом, МТЗу. */
static const char32_t *const acronym_endings[] = {
    U"а", U"у", U"е", U"ом", U"ы", U"ов", U"ам", U"ами", U"ах", U"ем", U"ю", U"я",
};

static size_t u32len(const char32_t *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

static int ends_with32(const long *w, size_t n, const char32_t *e)
{
    size_t k = u32len(e);
    if (k > n)
        return 0;
    for (size_t i = 0; i < k; i++)
        if ((char32_t)sv_nm_lower(w[n - k + i]) != e[i])
            return 0;
    return 1;
}

static int is_velar_sibilant(long c)
{
    return c == 0x43A || c == 0x433 || c == 0x445 || c == 0x436 || c == 0x448 ||
           c == 0x447 || c == 0x449; /* к г х ж ш ч щ */
}

/* The length of the stem of a Cyrillic word part w[0..n) (original case). */
static size_t cyr_stem(const long *w, size_t n)
{
    size_t nup = 0, last_up = 0;
    for (size_t i = 0; i < n; i++)
        if (sv_nm_is_upper(w[i])) {
            nup++;
            last_up = i + 1;
        }
    if (nup >= 2) {
        if (last_up == n) {
            if (nup < n || n < 6)
                return n; /* МАЗ, БелАЗ; МИНСКЕ falls through */
        } else {
            for (size_t i = 0; i < sizeof acronym_endings / sizeof *acronym_endings; i++)
                if (u32len(acronym_endings[i]) == n - last_up &&
                    ends_with32(w, n, acronym_endings[i]))
                    return last_up;
        }
    }
    for (size_t i = 0; i < sizeof key_endings / sizeof *key_endings; i++) {
        const char32_t *e = key_endings[i];
        size_t k = u32len(e);
        if (n < k + 3 || !ends_with32(w, n, e))
            continue;
        long before = sv_nm_lower(w[n - k - 1]);
        if (e[0] == U'е' && e[1] == U'й' && before != 0x438)
            continue; /* Сергей -> Серге, but России/Россией -> Росси */
        if (e[0] == U'и' && (e[1] == U'м' || e[1] == U'х') && !is_velar_sibilant(before))
            continue; /* Липецким, but not Иерусалим */
        return n - k;
    }
    return n;
}

/* Russian stems whose transliteration is not the English name. */
static const char *const exonyms[][2] = {
    {"американск", "american"}, {"английск", "english"}, {"белорусск", "belarusian"},
    {"белорусси", "belarus"}, {"британи", "britain"}, {"великобритани", "britain"},
    {"венгри", "hungary"}, {"грузи", "georgia"}, {"еаэс", "eaeu"}, {"евросоюз", "eu"},
    {"европ", "europe"}, {"европейск", "european"}, {"ес", "eu"}, {"испани", "spain"},
    {"кита", "china"}, {"китайск", "chinese"}, {"кремл", "kremlin"}, {"литв", "lithuania"},
    {"литовск", "lithuanian"}, {"москв", "moscow"}, {"московск", "moscow"},
    {"немецк", "german"}, {"норвеги", "norway"}, {"одкб", "csto"}, {"оон", "un"},
    {"париж", "paris"}, {"пекин", "beijing"}, {"польш", "poland"}, {"польск", "polish"},
    {"росси", "russia"}, {"российск", "russian"}, {"снг", "cis"}, {"сша", "us"},
    {"турци", "turkey"}, {"украинск", "ukrainian"}, {"уэльс", "wales"}, {"финлянди", "finland"},
    {"франци", "france"}, {"французск", "french"}, {"швеци", "sweden"},
    {"шос", "sco"}, {"япони", "japan"}, {"японск", "japanese"},
};

static const char *exonym(const char *stem, size_t len)
{
    for (size_t i = 0; i < sizeof exonyms / sizeof *exonyms; i++)
        if (strlen(exonyms[i][0]) == len && memcmp(exonyms[i][0], stem, len) == 0)
            return exonyms[i][1];
    return NULL;
}

/* Appends the key characters of ASCII text: lower-case letters and digits,
 * hyphens between them; apostrophes and periods dropped. */
static void key_filter(const char *s, size_t len, char *out, size_t *o, size_t size)
{
    for (size_t i = 0; i < len && *o + 1 < size; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            out[(*o)++] = c;
        else if ((c == '-' || c == ' ') && *o > 0 && out[*o - 1] != '-')
            out[(*o)++] = '-';
    }
}

#define MAX_WORD_CP 64

/* Computes the key of one word (no cache). */
static size_t word_key_compute(sv_names *nm, const char *w, size_t wlen, char *out, size_t size)
{
    long cp[MAX_WORD_CP];
    size_t n = 0, has_cyr = 0;
    for (size_t i = 0; i < wlen && n < MAX_WORD_CP;) {
        size_t adv;
        long c = cp_at(w, wlen, i, &adv);
        i += adv;
        if (c < 0)
            continue;
        if (sv_nm_is_cyr(c))
            has_cyr = 1;
        cp[n++] = c;
    }
    size_t o = 0;
    sv_buf *b = &nm->scratch;
    sv_buf_reset(b);
    if (has_cyr) {
        size_t ds, dn = sv_nm_declined_part(cp, n, &ds);
        size_t cut = ds + cyr_stem(cp + ds, dn);
        sv_buf low = SV_BUF_INIT;
        for (size_t i = 0; i < n; i++) {
            if (i >= cut && i < ds + dn)
                continue; /* the ending */
            if (is_hyphen(cp[i]))
                sv_buf_putc(&low, '-');
            else if (!is_apostrophe(cp[i]) && !is_mark(cp[i]))
                sv_buf_put_cp(&low, (unsigned)sv_nm_lower(cp[i]));
        }
        const char *ex = dn == n ? exonym(sv_buf_cstr(&low), low.len) : NULL;
        if (ex) {
            key_filter(ex, strlen(ex), out, &o, size);
        } else if (sv_nm_translit_append(nm, low.ptr, low.len, b)) {
            key_filter(b->ptr, b->len, out, &o, size);
        }
        sv_buf_free(&low);
    } else if (sv_nm_translit_append(nm, w, wlen, b)) {
        key_filter(b->ptr, b->len, out, &o, size);
    }
    while (o > 0 && out[o - 1] == '-')
        o--;
    out[o] = 0;
    return o;
}

/* The key of one word, from the cache when possible. */
static size_t word_key(sv_names *nm, const char *w, size_t wlen, char *out, size_t size)
{
    int ascii = 1;
    for (size_t i = 0; i < wlen && ascii; i++)
        ascii = (unsigned char)w[i] < 0x80;
    if (ascii) {
        size_t o = 0;
        key_filter(w, wlen, out, &o, size);
        while (o > 0 && out[o - 1] == '-')
            o--;
        out[o] = 0;
        if (o == 3 && memcmp(out, "usa", 3) == 0)
            out[o = 2] = 0;
        return o;
    }
    const sv_nslot *e = sv_nmap_get(&nm->cache, w, wlen);
    if (e) {
        size_t k = e->vlen < size - 1 ? e->vlen : size - 1;
        memcpy(out, sv_nmap_val(&nm->cache, e), k);
        out[k] = 0;
        return k;
    }
    char key[SV_NAME_KEY_SIZE];
    size_t k = word_key_compute(nm, w, wlen, key, sizeof key);
    if (nm->cache.n >= nm->cache_max)
        sv_nmap_clear(&nm->cache);
    sv_nmap_put(&nm->cache, w, wlen, key, k, 0);
    if (k > size - 1)
        k = size - 1;
    memcpy(out, key, k);
    out[k] = 0;
    return k;
}

/* Appends key k to a group key (space-separated), if it fits whole. */
static void key_join(char *group, size_t *glen, const char *k, size_t klen)
{
    if (klen == 0)
        return;
    if (*glen == 0) {
        size_t c = klen < SV_NAME_KEY_SIZE - 1 ? klen : SV_NAME_KEY_SIZE - 1;
        memcpy(group, k, c);
        *glen = c;
    } else if (*glen + 1 + klen <= SV_NAME_KEY_SIZE - 1) {
        group[(*glen)++] = ' ';
        memcpy(group + *glen, k, klen);
        *glen += klen;
    }
    group[*glen] = 0;
}

/* ---- tokens -------------------------------------------------------------------- */

typedef struct {
    size_t end;      /* end of the whole token: scanning continues here */
    size_t name_end; /* end of the part that can be a name (from the token start) */
    int first_upper;
    int first_digit;
} token;

/* Reads the token starting at pos (a letter or digit): parts of letters,
 * digits and marks joined by hyphens, apostrophes inside words.  The name
 * part stops before a hyphen part that starts in lower case (Belarus-made)
 * unless it is a short connector before a capital (Ростов-на-Дону), before
 * a digit part (МТЗ-82) and before a possessive 's. */
static void read_token(const char *s, size_t len, size_t pos, token *t)
{
    size_t adv, p = pos;
    long c = cp_at(s, len, p, &adv);
    t->first_upper = sv_nm_is_upper(c);
    t->first_digit = is_digit(c);
    t->name_end = (size_t)-1;
    int in_name = t->first_upper;
    for (;;) {
        for (;;) {
            if (p >= len)
                break;
            c = cp_at(s, len, p, &adv);
            if (is_word_cp(c)) {
                p += adv;
                continue;
            }
            if (is_apostrophe(c) && p + adv < len) {
                size_t a2;
                long n1 = cp_at(s, len, p + adv, &a2);
                if (!sv_nm_is_letter(n1))
                    break;
                if ((n1 == 's' || n1 == 'S')) {
                    size_t a3;
                    long n2 = p + adv + a2 < len ? cp_at(s, len, p + adv + a2, &a3) : -1;
                    if (!is_word_cp(n2)) { /* possessive: Russia's */
                        if (in_name && t->name_end == (size_t)-1)
                            t->name_end = p;
                        t->end = p + adv + a2;
                        if (t->name_end == (size_t)-1)
                            t->name_end = pos;
                        return;
                    }
                }
                p += adv;
                continue;
            }
            break;
        }
        if (p >= len)
            break;
        c = cp_at(s, len, p, &adv);
        if (!is_hyphen(c) || p + adv >= len)
            break;
        size_t a2;
        long n1 = cp_at(s, len, p + adv, &a2);
        if (!is_word_cp(n1))
            break;
        if (in_name) {
            int cont = sv_nm_is_upper(n1);
            if (!cont && sv_nm_is_lower(n1)) {
                /* a connector of at most four letters, then a hyphen and a capital */
                size_t q = p + adv, k = 0;
                long x = -1;
                while (q < len && (x = cp_at(s, len, q, &a2), sv_nm_is_lower(x)) && k < 5) {
                    q += a2;
                    k++;
                }
                if (k <= 4 && q < len && is_hyphen(x) && q + a2 < len) {
                    size_t a4;
                    cont = sv_nm_is_upper(cp_at(s, len, q + a2, &a4));
                }
            }
            if (!cont) {
                t->name_end = p;
                in_name = 0;
            }
        }
        p += adv;
    }
    t->end = p;
    if (t->name_end == (size_t)-1)
        t->name_end = in_name ? p : pos;
}

/* Letter counts of a name span. */
typedef struct {
    unsigned letters, upper, lower, cps;
    int ascii, cyr, roman;
    size_t after_last_upper; /* byte offset just after the last capital */
} wordstat;

static void word_stat(const char *s, size_t start, size_t end, wordstat *w)
{
    memset(w, 0, sizeof *w);
    w->ascii = 1;
    w->roman = 1;
    for (size_t i = start; i < end;) {
        size_t adv;
        long c = cp_at(s, end, i, &adv);
        i += adv;
        w->cps++;
        if (c >= 0x80)
            w->ascii = 0;
        if (!sv_nm_is_letter(c))
            continue;
        w->letters++;
        if (sv_nm_is_cyr(c))
            w->cyr = 1;
        if (!(c == 'I' || c == 'V' || c == 'X' || c == 0x425 || c == 0x406))
            w->roman = 0;
        if (sv_nm_is_upper(c)) {
            w->upper++;
            w->after_last_upper = i;
        } else if (sv_nm_is_lower(c)) {
            w->lower++;
        }
    }
}

static sv_name_kind word_kind(const char *s, size_t start, size_t end, const wordstat *w)
{
    if (w->upper < 2)
        return SV_NAME_WORD;
    if (w->lower == 0)
        return w->letters <= 5 ? SV_NAME_ACRONYM : SV_NAME_WORD;
    if (w->after_last_upper == end)
        return SV_NAME_ACRONYM; /* BelAZ */
    if (w->cyr) {
        long tail[4];
        size_t n = 0;
        for (size_t i = w->after_last_upper; i < end && n < 4;) {
            size_t adv;
            tail[n++] = cp_at(s, end, i, &adv);
            i += adv;
        }
        for (size_t k = 0; n < 4 && k < sizeof acronym_endings / sizeof *acronym_endings; k++)
            if (u32len(acronym_endings[k]) == n && ends_with32(tail, n, acronym_endings[k]))
                return SV_NAME_ACRONYM; /* МАЗа */
    }
    return SV_NAME_WORD;
}

/* ---- quotes ---------------------------------------------------------------------- */

static int is_quote(long c)
{
    return c == '"' || c == '\'' || c == 0xAB || c == 0xBB || c == 0x201C || c == 0x201D ||
           c == 0x201E || c == 0x2018 || c == 0x2019 || c == 0x201A;
}

static int closes(long open, long c)
{
    switch (open) {
    case 0xAB: return c == 0xBB;
    case 0x201C: return c == 0x201D || c == '"';
    case 0x201E: return c == 0x201C || c == 0x201D;
    case '"': return c == '"' || c == 0x201D || c == 0x201C;
    case 0x2018: return c == 0x2019;
    case '\'': return c == '\'' || c == 0x2019;
    case 0x201A: return c == 0x2018 || c == 0x2019;
    }
    return 0;
}

#define QUOTE_MAX_BYTES 160
#define QUOTE_MAX_WORDS 6

/* Is the quote opened at pos (code point open, adv bytes) a short quoted
 * name?  Sets *qs, *qe (content) and *nwords. */
static int quoted_name(const char *s, size_t len, size_t pos, long open, size_t oadv,
                       int english, size_t *qs, size_t *qe, unsigned *nwords)
{
    size_t p = pos + oadv, limit = pos + oadv + QUOTE_MAX_BYTES;
    unsigned words = 0;
    if (limit > len)
        limit = len;
    while (p < limit) {
        size_t adv;
        long c = cp_at(s, len, p, &adv);
        if (is_word_cp(c)) {
            token t;
            read_token(s, len, p, &t);
            if (words == 0 && !t.first_upper)
                return 0;
            if (words == 0 && t.name_end != t.end) {
                /* the first word must be a name as a whole */
                return 0;
            }
            if (english && !t.first_upper && t.end - p > 4)
                return 0; /* title case: "Central Trade Unions Stadium" */
            if (++words > QUOTE_MAX_WORDS)
                return 0;
            p = t.end;
            continue;
        }
        if (closes(open, c) && p > pos + oadv) {
            long prev = cp_before(s, p);
            size_t a2;
            long next = p + adv < len ? cp_at(s, len, p + adv, &a2) : -1;
            if (!is_word_cp(next) && !sv_is_space((unsigned long)(prev < 0 ? 0 : prev))) {
                if (words == 0)
                    return 0;
                *qs = pos + oadv;
                *qe = p;
                *nwords = words;
                return 1;
            }
        }
        if (c < 0 || c == '.' || c == ',' || c == '!' || c == '?' || c == ';' || c == ':' ||
            c == 0x2026 || c == '\n' || c == '\r' || is_quote(c) || c == '(' || c == ')')
            return 0;
        p += adv;
    }
    return 0;
}

/* ---- extraction ---------------------------------------------------------------- */

typedef struct sv_names_cand {
    size_t start, end;
    sv_name_kind kind;
    int initial;
    int plain_before; /* only spaces since the previous candidate, which was the previous token */
    int quote;        /* index in the quote list, or -1 */
} cand;

typedef struct sv_names_quote {
    size_t qs, qe;
    unsigned nwords;
} quote;

static int is_sentence_end(long c)
{
    return c == '.' || c == '!' || c == '?' || c == 0x2026;
}

static void push_name(sv_name **v, size_t *n, size_t *cap, size_t start, size_t end,
                      sv_name_kind kind, unsigned nwords, int initial, const char *key)
{
    sv_name x;
    x.start = start;
    x.end = end;
    x.kind = kind;
    x.nwords = nwords;
    x.sentence_initial = initial;
    snprintf(x.key, sizeof x.key, "%s", key);
    SV_PUSH(*v, *n, *cap, x);
}

/* The key of every word of s[start..end) joined (a quoted group); U.S.
 * is one word, a possessive 's is dropped. */
static void phrase_key(sv_names *nm, const char *s, size_t start, size_t end, char *out)
{
    size_t glen = 0;
    int glue = 0;
    out[0] = 0;
    for (size_t p = start; p < end;) {
        size_t adv;
        long c = cp_at(s, end, p, &adv);
        if (!is_word_cp(c)) {
            glue = glue && c == '.';
            p += adv;
            continue;
        }
        token t;
        read_token(s, end, p, &t);
        size_t we = t.name_end > p ? t.name_end : t.end;
        char k[SV_NAME_KEY_SIZE];
        size_t kl = word_key(nm, s + p, we - p, k, sizeof k);
        int single = kl == 1 && t.end < end && s[t.end] == '.';
        if (glue && single && glen + 1 < SV_NAME_KEY_SIZE) {
            out[glen++] = k[0]; /* U.S.: the letters of a dotted acronym stay together */
            out[glen] = 0;
        } else {
            key_join(out, &glen, k, kl);
        }
        glue = single;
        p = t.end;
    }
}

/* The entries for the candidates found by sv_names_extract: a group (a
 * quoted name of several words, a run of capitalised words) before its
 * words.  Returns their count; *out: caller frees. */
static size_t emit_names(sv_names *nm, const char *text, size_t nc, sv_name **out)
{
    sv_name *v = NULL;
    size_t n = 0, cap = 0;
    char key[SV_NAME_KEY_SIZE];
    for (size_t i = 0; i < nc;) {
        const cand *c = &nm->cands[i];
        if (c->quote >= 0) {
            const quote *q = &nm->quotes[c->quote];
            size_t j = i;
            while (j < nc && nm->cands[j].quote == c->quote)
                j++;
            if (q->nwords == 1) {
                word_key(nm, text + c->start, c->end - c->start, key, sizeof key);
                if (key[0])
                    push_name(&v, &n, &cap, q->qs, q->qe, SV_NAME_QUOTED, 1, 0, key);
            } else {
                phrase_key(nm, text, q->qs, q->qe, key);
                if (key[0])
                    push_name(&v, &n, &cap, q->qs, q->qe, SV_NAME_QUOTED, q->nwords, 0, key);
                for (size_t k = i; k < j; k++) {
                    const cand *w = &nm->cands[k];
                    word_key(nm, text + w->start, w->end - w->start, key, sizeof key);
                    if (key[0])
                        push_name(&v, &n, &cap, w->start, w->end, w->kind, 1, 0, key);
                }
            }
            i = j;
            continue;
        }
        size_t j = i + 1;
        while (j < nc && nm->cands[j].plain_before && nm->cands[j].quote < 0 && j - i < 8)
            j++;
        size_t first = n;
        if (j - i >= 2) {
            sv_name g = {0};
            SV_PUSH(v, n, cap, g); /* filled below, once the words' keys are known */
        }
        char group[SV_NAME_KEY_SIZE] = "";
        size_t glen = 0;
        unsigned nw = 0;
        for (size_t k = i; k < j; k++) {
            const cand *w = &nm->cands[k];
            size_t kl = word_key(nm, text + w->start, w->end - w->start, key, sizeof key);
            if (!kl)
                continue;
            key_join(group, &glen, key, kl);
            nw++;
            push_name(&v, &n, &cap, w->start, w->end, w->kind, 1, w->initial, key);
        }
        if (j - i >= 2) {
            if (nw >= 2) {
                sv_name *g = &v[first];
                g->start = c->start;
                g->end = nm->cands[j - 1].end;
                g->kind = SV_NAME_MULTI;
                g->nwords = nw;
                g->sentence_initial = c->initial;
                memcpy(g->key, group, glen + 1);
            } else {
                memmove(v + first, v + first + 1, (n - first - 1) * sizeof *v);
                n--;
            }
        }
        i = j;
    }
    *out = v;
    return n;
}

/* U.S., U.K.: capitals each followed by a period, no spaces.  end is just
 * after the first capital; returns the end of the acronym (after its last
 * period), or 0 if there is only one capital. */
static size_t dotted_acronym(const char *text, size_t len, size_t end)
{
    size_t q = end, nlet = 1;
    while (q + 1 < len && text[q] == '.') {
        size_t a2;
        long x = cp_at(text, len, q + 1, &a2);
        if (!sv_nm_is_upper(x))
            break;
        size_t r = q + 1 + a2;
        long y = r < len ? cp_at(text, len, r, &a2) : -1;
        if (y != '.' && is_word_cp(y))
            break;
        nlet++;
        q = r;
    }
    if (nlet < 2)
        return 0;
    return q < len && text[q] == '.' ? q + 1 : q;
}

sv_status sv_names_extract(sv_names *nm, sv_lang lang, const char *text, size_t len,
                           sv_name **out, size_t *nout)
{
    if (!nm || !out || !nout || (!text && len))
        return SV_ERR_ARG;
    *out = NULL;
    *nout = 0;
    size_t nc = 0, nq = 0;
    int sent_start = 1, open_quote = 0, plain = 0, prev_abbrev = 0, cur_q = -1;
    size_t prev_end = (size_t)-1;
    size_t pos = 0;
    while (pos < len) {
        size_t adv;
        long c = cp_at(text, len, pos, &adv);
        if (cur_q >= 0 && pos >= nm->quotes[cur_q].qe)
            cur_q = -1;
        if (is_word_cp(c) && !is_mark(c)) {
            token t;
            read_token(text, len, pos, &t);
            size_t start = pos, end = t.name_end;
            int initial = sent_start || (open_quote && cur_q < 0);
            int was_plain = plain;
            sent_start = open_quote = plain = 0;
            prev_abbrev = 0;
            prev_end = t.end;
            pos = t.end;
            if (!t.first_upper || end <= start || end - start > 4 * MAX_WORD_CP) {
                wordstat w;
                if (t.end - start <= 12) {
                    word_stat(text, start, t.end, &w);
                    prev_abbrev = w.letters <= 2 && w.letters == w.cps;
                    if (!prev_abbrev && (stop_flags(nm, text + start, t.end - start) & STOP_ABBREV))
                        prev_abbrev = 1;
                }
                continue;
            }
            wordstat w;
            word_stat(text, start, end, &w);
            sv_name_kind kind;
            if (w.letters < 2) {
                prev_abbrev = 1;
                end = dotted_acronym(text, len, end);
                if (!end)
                    continue;
                pos = prev_end = end;
                kind = SV_NAME_ACRONYM;
            } else {
                prev_abbrev = w.letters == 2 && w.letters == w.cps;
                if (w.roman && w.lower == 0)
                    continue;
                kind = word_kind(text, start, end, &w);
                if (kind == SV_NAME_WORD && w.lower > 0) {
                    unsigned f = stop_flags(nm, text + start, end - start);
                    if (f & STOP_ABBREV) {
                        prev_abbrev = 1;
                        if (end < len && text[end] == '.')
                            continue; /* St. Petersburg, Gen. Smith */
                    }
                    if ((f & STOP_ALWAYS) || ((f & STOP_INITIAL) && initial))
                        continue;
                }
            }
            int in_q = cur_q >= 0 && start >= nm->quotes[cur_q].qs;
            cand x = {start, end, kind, in_q ? 0 : initial, was_plain && !in_q, in_q ? cur_q : -1};
            SV_PUSH(nm->cands, nc, nm->ccap, x);
            plain = !in_q;
            continue;
        }
        pos += adv;
        if (c < 0 || c == 0) {
            plain = 0;
            continue;
        }
        if (sv_is_space((unsigned long)c)) {
            if (c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029) {
                sent_start = 1;
                plain = 0;
            }
            continue;
        }
        plain = 0;
        if (is_sentence_end(c)) {
            if (!(c == '.' && prev_abbrev && pos - adv == prev_end))
                sent_start = 1;
        } else if (is_quote(c)) {
            long prev = cp_before(text, pos - adv);
            size_t a2;
            long next = pos < len ? cp_at(text, len, pos, &a2) : -1;
            if (is_word_cp(next) && !is_word_cp(prev) && c != 0xBB && c != 0x201D &&
                c != 0x2019) {
                open_quote = 1;
                if (cur_q < 0) {
                    int english = lang == SV_LANG_EN || (lang != SV_LANG_RU && next < 0x80);
                    quote q;
                    if (quoted_name(text, len, pos - adv, c, adv, english, &q.qs, &q.qe,
                                    &q.nwords)) {
                        SV_PUSH(nm->quotes, nq, nm->qcap, q);
                        cur_q = (int)nq - 1;
                    }
                }
            }
        }
    }

    *nout = emit_names(nm, text, nc, out);
    return SV_OK;
}

size_t sv_names_key(sv_names *nm, const char *text, size_t len, char *out, size_t size)
{
    if (size == 0)
        return 0;
    char k[SV_NAME_KEY_SIZE];
    phrase_key(nm, text, 0, len, k);
    size_t n = strlen(k);
    if (n > size - 1)
        n = size - 1;
    memcpy(out, k, n);
    out[n] = 0;
    return n;
}

/* ---- similarity ------------------------------------------------------------------ */

static int is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* Canonical spelling of one word of a key.  Upper-case letters stand for
 * digraphs: S = sh, C = ch, Z = zh, J = dzh; c stands for ts. */
static size_t canon_word(const char *s, size_t n, char *out, size_t size)
{
    char t[2 * SV_NAME_KEY_SIZE + 8];
    size_t o = 0;
    static const struct { char a, b, c, to; } digraphs[] = {
        {'d', 'z', 'h', 'J'}, {'s', 'h', 0, 'S'}, {'z', 'h', 0, 'Z'}, {'k', 'h', 0, 'h'},
        {'p', 'h', 0, 'f'},   {'c', 'h', 0, 'C'}, {'c', 'z', 0, 'C'}, {'c', 'k', 0, 'k'},
    };
    for (size_t i = 0; i < n && o + 2 < sizeof t;) {
        char c = s[i], d = i + 1 < n ? s[i + 1] : 0, e = i + 2 < n ? s[i + 2] : 0;
        size_t g = 0;
        for (; g < sizeof digraphs / sizeof *digraphs; g++)
            if (digraphs[g].a == c && digraphs[g].b == d && (!digraphs[g].c || digraphs[g].c == e))
                break;
        if (c == '-' || c == '\'' || c == '.') {
            i++;
        } else if (g < sizeof digraphs / sizeof *digraphs) {
            t[o++] = digraphs[g].to;
            i += digraphs[g].c ? 3 : 2;
        } else if (c == 'c') {
            t[o++] = (d == 'e' || d == 'i' || d == 'y') ? 's' : 'k';
            i++;
        } else if (c == 't' && (d == 's' || d == 'z') && (i + 2 >= n || is_vowel(e) || e == 'y')) {
            t[o++] = 'c';
            i += 2;
        } else if (c == 'x') {
            t[o++] = 'k';
            t[o++] = 's';
            i++;
        } else {
            t[o++] = c == 'w' ? 'v' : c == 'q' ? 'k' : (c == 'y' || c == 'j') ? 'i' : c == 'z' ? 's' : c;
            i++;
        }
    }
    /* doubled letters once, then ie -> e (yevgeniy ~ evgeny, sergeyev ~ sergeev), then once more */
    size_t m = 0;
    for (size_t i = 0; i < o; i++)
        if (m == 0 || t[m - 1] != t[i])
            t[m++] = t[i];
    size_t r = 0;
    for (size_t i = 0; i < m; i++) {
        if (t[i] == 'i' && i + 1 < m && t[i + 1] == 'e')
            continue;
        if (r > 0 && t[r - 1] == t[i])
            continue;
        t[r++] = t[i];
    }
    size_t k = r < size - 1 ? r : size - 1;
    memcpy(out, t, k);
    out[k] = 0;
    return k;
}

size_t sv_name_canon(const char *key, char *out, size_t size)
{
    if (size == 0)
        return 0;
    size_t o = 0;
    out[0] = 0;
    for (const char *p = key; *p;) {
        while (*p == ' ')
            p++;
        const char *q = p;
        while (*q && *q != ' ')
            q++;
        if (q == p)
            break;
        if (o > 0 && o + 1 < size)
            out[o++] = ' ';
        if (o + 1 < size)
            o += canon_word(p, (size_t)(q - p), out + o, size - o);
        p = q;
    }
    out[o] = 0;
    return o;
}

static size_t skeleton(const char *s, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++)
        if (i == 0 || !is_vowel(s[i]))
            out[o++] = s[i];
    return o;
}

static size_t levenshtein(const char *a, size_t la, const char *b, size_t lb)
{
    size_t row[2 * SV_NAME_KEY_SIZE + 8];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

/* Similarity of two canonical words; see docs/design.md. */
static double word_sim(const char *a, size_t la, const char *b, size_t lb)
{
    if (la == 0 || lb == 0)
        return 0;
    if (la == lb && memcmp(a, b, la) == 0)
        return 1;
    if (la > lb) {
        const char *t = a;
        a = b;
        b = t;
        size_t tl = la;
        la = lb;
        lb = tl;
    }
    double best = 0;
    /* a leftover ending: voronezh ~ voroneZsk, belSin ~ belSina */
    size_t tail = lb - la;
    if (memcmp(a, b, la) == 0 && tail <= 3) {
        const char *t = b + la;
        static const char *const surname[] = {"ov", "ev", "in", "ova", "eva", "ina", "iC"};
        for (size_t i = 0; i < sizeof surname / sizeof *surname; i++)
            if (strlen(surname[i]) == tail && memcmp(t, surname[i], tail) == 0)
                return 0.5; /* Ivan / Ivanov: a name and the surname made from it */
        if ((tail == 1 && la >= 3) || (tail == 2 && la >= 4) ||
            (tail == 3 && la >= 5 && t[0] == 's' && t[1] == 'k'))
            best = 1.0 - 0.05 * (double)tail;
    }
    /* same consonants: aleksandr ~ aleksander */
    char sa[2 * SV_NAME_KEY_SIZE], sb[2 * SV_NAME_KEY_SIZE];
    size_t ka = skeleton(a, la, sa), kb = skeleton(b, lb, sb);
    if (ka >= 4 && ka == kb && memcmp(sa, sb, ka) == 0 && best < 0.9)
        best = 0.9;
    /* one or two edits in a long name */
    if (la >= 5) {
        double d = (double)levenshtein(a, la, b, lb);
        double s = 1.0 - 2.0 * d / (double)lb;
        if (s > 0.85)
            s = 0.85;
        if (s > best)
            best = s;
    }
    /* an adjective of a place whose stem changed: vologodsk ~ vologda */
    for (int side = 0; side < 2 && best < 0.8; side++) {
        const char *x = side ? b : a, *y = side ? a : b;
        size_t lx = side ? lb : la, ly = side ? la : lb;
        if (lx < 6 || x[lx - 2] != 's' || x[lx - 1] != 'k')
            continue;
        lx -= 2;
        size_t p = 0;
        while (p < lx && p < ly && x[p] == y[p])
            p++;
        size_t mx = lx > ly ? lx : ly;
        if (p >= 5 && mx - p <= 2)
            best = 0.8;
    }
    return best;
}

#define SIM_MAX_WORDS 8

/* The words of a key: pointers and lengths, at most SIM_MAX_WORDS. */
static size_t split_key(const char *k, const char **w, size_t *l)
{
    size_t n = 0;
    for (const char *p = k; *p && n < SIM_MAX_WORDS;) {
        const char *q = strchr(p, ' ');
        size_t len = q ? (size_t)(q - p) : strlen(p);
        if (len) {
            w[n] = p;
            l[n++] = len;
        }
        if (!q)
            break;
        p = q + 1;
    }
    return n;
}

double sv_name_similarity(const char *key_a, const char *key_b)
{
    if (!key_a || !key_b)
        return 0;
    char ca[2 * SV_NAME_KEY_SIZE + 8], cb[2 * SV_NAME_KEY_SIZE + 8];
    sv_name_canon(key_a, ca, sizeof ca);
    sv_name_canon(key_b, cb, sizeof cb);
    const char *wa[SIM_MAX_WORDS], *wb[SIM_MAX_WORDS];
    size_t la[SIM_MAX_WORDS], lb[SIM_MAX_WORDS];
    size_t na = split_key(ca, wa, la), nb = split_key(cb, wb, lb);
    if (na == 0 || nb == 0)
        return 0;
    if (na == 1 && nb == 1)
        return word_sim(wa[0], la[0], wb[0], lb[0]);
    /* several words: each word's best partner, both ways, averaged */
    double m[SIM_MAX_WORDS][SIM_MAX_WORDS], sum = 0;
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < nb; j++)
            m[i][j] = word_sim(wa[i], la[i], wb[j], lb[j]);
    for (size_t i = 0; i < na; i++) {
        double b = 0;
        for (size_t j = 0; j < nb; j++)
            if (m[i][j] > b)
                b = m[i][j];
        sum += b;
    }
    for (size_t j = 0; j < nb; j++) {
        double b = 0;
        for (size_t i = 0; i < na; i++)
            if (m[i][j] > b)
                b = m[i][j];
        sum += b;
    }
    return sum / (double)(na + nb);
}
