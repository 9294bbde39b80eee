/* lexicon.c - the translation table (Mueller + user TSV), per-thread lemma
 * caches and sentence-pair scoring.  Sits between the text modules (which
 * give it sentences) and the aligner (which scores candidate pairs). */
#include "lexicon.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "../base/buf.h"
#include "../base/fileio.h"
#include "../base/mem.h"
#include "../base/utf8.h"
#include "mueller.h"

/* ---- an interning string table ------------------------------------------ */

/* Strings get dense ids in insertion order; lookups are one hash probe
 * sequence.  The storage keeps a NUL after every string. */
typedef struct {
    size_t off;
    uint32_t len, hash;
} strent;

typedef struct {
    sv_buf chars;
    strent *ent;
    size_t n, cap;
    uint32_t *slot; /* 0 = empty, else id + 1 */
    size_t nslot;   /* a power of two, at most half full */
} strtab;

#define NONE UINT32_MAX

static uint32_t hash_bytes(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h ^ (h >> 15);
}

static void strtab_free(strtab *t)
{
    sv_buf_free(&t->chars);
    free(t->ent);
    free(t->slot);
    memset(t, 0, sizeof *t);
}

static const char *strtab_str(const strtab *t, uint32_t id)
{
    return t->chars.ptr + t->ent[id].off;
}

static uint32_t strtab_find_h(const strtab *t, const char *s, size_t len, uint32_t h)
{
    if (t->nslot == 0)
        return NONE;
    size_t mask = t->nslot - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        uint32_t v = t->slot[i];
        if (v == 0)
            return NONE;
        const strent *e = &t->ent[v - 1];
        if (e->hash == h && e->len == len && memcmp(t->chars.ptr + e->off, s, len) == 0)
            return v - 1;
    }
}

static uint32_t strtab_find(const strtab *t, const char *s, size_t len)
{
    return strtab_find_h(t, s, len, hash_bytes(s, len));
}

static void strtab_rehash(strtab *t, size_t nslot)
{
    free(t->slot);
    t->slot = xcalloc(nslot, sizeof *t->slot);
    t->nslot = nslot;
    for (size_t id = 0; id < t->n; id++) {
        size_t i = t->ent[id].hash & (nslot - 1);
        while (t->slot[i])
            i = (i + 1) & (nslot - 1);
        t->slot[i] = (uint32_t)id + 1;
    }
}

/* The id of s, added if new (*added then set when not NULL). */
static uint32_t strtab_add(strtab *t, const char *s, size_t len, int *added)
{
    uint32_t h = hash_bytes(s, len);
    uint32_t id = strtab_find_h(t, s, len, h);
    if (added)
        *added = id == NONE;
    if (id != NONE)
        return id;
    if (t->n + 1 >= NONE / 2)
        abort(); /* two billion strings (ids keep the top bit for FUZZ): inputs are bounded */
    if ((t->n + 1) * 2 > t->nslot)
        strtab_rehash(t, t->nslot ? t->nslot * 2 : 64);
    strent e = {t->chars.len, (uint32_t)len, h};
    sv_buf_append(&t->chars, s, len);
    sv_buf_putc(&t->chars, '\0');
    SV_PUSH(t->ent, t->n, t->cap, e);
    size_t i = h & (t->nslot - 1);
    while (t->slot[i])
        i = (i + 1) & (t->nslot - 1);
    t->slot[i] = (uint32_t)t->n;
    return (uint32_t)t->n - 1;
}

static size_t strtab_memory(const strtab *t)
{
    return t->chars.cap + t->cap * sizeof(strent) + t->nslot * sizeof(uint32_t);
}

/* ---- a set of 64-bit keys (translation links) ----------------------------- */

typedef struct {
    uint64_t *slot; /* 0 = empty */
    size_t n, nslot;
} u64set;

static uint64_t mix64(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return k;
}

static int u64set_has(const u64set *s, uint64_t k)
{
    if (s->nslot == 0)
        return 0;
    size_t mask = s->nslot - 1;
    for (size_t i = mix64(k) & mask;; i = (i + 1) & mask) {
        if (s->slot[i] == k)
            return 1;
        if (s->slot[i] == 0)
            return 0;
    }
}

/* Adds k (non-zero); returns 1 if it was new. */
static int u64set_add(u64set *s, uint64_t k)
{
    if ((s->n + 1) * 2 > s->nslot) {
        size_t nslot = s->nslot ? s->nslot * 2 : 1024;
        uint64_t *old = s->slot;
        size_t oldn = s->nslot;
        s->slot = xcalloc(nslot, sizeof *s->slot);
        s->nslot = nslot;
        for (size_t i = 0; i < oldn; i++)
            if (old[i]) {
                size_t j = mix64(old[i]) & (nslot - 1);
                while (s->slot[j])
                    j = (j + 1) & (nslot - 1);
                s->slot[j] = old[i];
            }
        free(old);
    }
    size_t mask = s->nslot - 1;
    size_t i = mix64(k) & mask;
    for (; s->slot[i]; i = (i + 1) & mask)
        if (s->slot[i] == k)
            return 0;
    s->slot[i] = k;
    s->n++;
    return 1;
}

static uint64_t link_key(uint32_t e, uint32_t r)
{
    return ((uint64_t)e + 1) << 32 | r;
}

/* A set of ids that empties in O(1): an entry counts only if it carries
 * the current stamp. */
typedef struct {
    uint32_t *key, *stamp;
    size_t cap; /* a power of two, or 0 */
    uint32_t now;
} stampset;

/* Empties s and makes room for n ids. */
static void stampset_begin(stampset *s, size_t n)
{
    if (n * 2 > s->cap) {
        size_t cap = 64;
        while (cap < n * 2)
            cap *= 2;
        free(s->key);
        free(s->stamp);
        s->key = xmalloc(cap * sizeof *s->key);
        s->stamp = xcalloc(cap, sizeof *s->stamp);
        s->cap = cap;
        s->now = 0;
    }
    if (++s->now == 0) { /* wrapped: clear once in four billion uses */
        memset(s->stamp, 0, s->cap * sizeof *s->stamp);
        s->now = 1;
    }
}

static size_t hash_u32(uint32_t key, size_t mask)
{
    return (size_t)(((uint64_t)key * 0x9E3779B97F4A7C15ULL) >> 32) & mask;
}

/* Adds id; returns 1 if it was not there. */
static int stampset_add(stampset *s, uint32_t id)
{
    size_t mask = s->cap - 1, i = hash_u32(id, mask);
    while (s->stamp[i] == s->now) {
        if (s->key[i] == id)
            return 0;
        i = (i + 1) & mask;
    }
    s->stamp[i] = s->now;
    s->key[i] = id;
    return 1;
}

static void stampset_free(stampset *s)
{
    free(s->key);
    free(s->stamp);
}

/* ---- stop words --------------------------------------------------------- */

/* Function words: no dictionary evidence, and frequent enough to make any
 * two sentences look alike.  Compared with folded forms and stems. */
static const char *const stop_en[] = {
    "a", "about", "above", "after", "again", "against", "all", "also", "although", "am",
    "among", "an", "and", "another", "any", "are", "as", "at", "be", "because", "been",
    "before", "being", "below", "between", "both", "but", "by", "can", "cannot", "could",
    "did", "do", "does", "doing", "done", "down", "during", "each", "either", "else", "etc",
    "ever", "every", "for", "from", "had", "has", "have", "having", "he", "her", "here",
    "hers", "herself", "him", "himself", "his", "how", "however", "i", "if", "in", "into",
    "is", "it", "its", "itself", "just", "let", "may", "me", "might", "mine", "more", "most",
    "mr", "mrs", "ms", "much", "must", "my", "myself", "neither", "no", "nor", "not", "of",
    "off", "on", "once", "one's", "only", "onto", "or", "other", "our", "ours",
    "ourselves", "out", "over", "own", "per", "same", "shall", "she", "should", "so", "some",
    "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there",
    "these", "they", "this", "those", "though", "through", "thus", "to", "too", "under",
    "until", "up", "upon", "us", "very", "via", "was", "we", "were", "what", "whatever",
    "when", "where", "whether", "which", "while", "who", "whom", "whose", "why", "will",
    "with", "within", "without", "would", "yet", "you", "your", "yours", "yourself",
    "yourselves", "'s", "s", "t", "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't",
    "weren't", "won't", "can't", "it's", "i'm", "we're", "they're", "that's", "there's"};

static const char *const stop_ru[] = {
    "а", "без", "более", "бы", "был", "быть", "в", "вам", "вас", "ваш", "ведь", "весь",
    "во", "вот", "все", "всего", "всех", "вы", "где", "да", "даже", "для", "до", "его",
    "ее", "ей", "если", "есть", "еще", "же", "за", "здесь", "и", "из", "изо", "или", "им",
    "ими", "их", "к", "как", "какой", "каждый", "когда", "ко", "который", "кто", "ли",
    "либо", "лишь", "между", "меня", "мне", "мной", "мочь", "мы", "на", "над", "надо",
    "нам", "нас", "наш", "не", "него", "нее", "ней", "нет", "ни", "нибудь", "ним", "них",
    "но", "ну", "о", "об", "обо", "он", "она", "они", "оно", "от", "ото", "перед", "по",
    "под", "подо", "после", "при", "про", "с", "свой", "себя", "сам", "самый", "со",
    "так", "также", "такой", "там", "те", "тем", "то", "тоже", "той", "только", "том",
    "тот", "ту", "тут", "ты", "у", "уже", "чем", "через", "что", "чтобы", "чье", "чей",
    "эта", "эти", "это", "этот", "я", "ибо", "пусть", "однако", "очень", "себе", "тебя",
    "тебе", "мой", "твой", "этого", "этом", "этой", "того", "чего", "кого", "кому", "чему"};

/* ---- tokens ----------------------------------------------------------- */

/* Splits a sentence into the same tokens for every caller. */
static int is_word_cp(long cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    if ((cp >= 0x410 && cp <= 0x44F) || cp == 0x401 || cp == 0x451)
        return 1;
    return cp > 0 && u_isalnum((UChar32)cp);
}

static int is_digit_cp(long cp)
{
    if (cp < 0x80)
        return cp >= '0' && cp <= '9';
    return !(cp >= 0x400 && cp <= 0x4FF) && u_isdigit((UChar32)cp);
}

/* Stress accents, soft hyphens, zero-width spaces: dropped inside a word. */
static int is_mark_cp(long cp)
{
    if (cp == 0xAD || cp == 0x200B)
        return 1;
    if (cp < 0x300)
        return 0;
    int t = u_charType((UChar32)cp);
    return t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK;
}

static long decode_at(const char *s, size_t len, size_t *adv)
{
    unsigned char b = (unsigned char)s[0];
    if (b < 0x80) {
        *adv = 1;
        return b;
    }
    return sv_utf8_decode(s, len, adv);
}

/* A token as found by next_token. */
typedef struct {
    const char *s; /* the form: in the text, or in the scratch buffer */
    size_t len;
    int digit;  /* has digits */
    int hyphen; /* has inner hyphens */
} token;

/* Finds the next token at or after *pos: word characters joined by single
 * hyphens or apostrophes.  The form is the token as written, without marks
 * and with the joiners as '-' and '\'': a span of the text when that is
 * what it is (nearly always), else a copy in w.  Returns 0 at the end. */
static int next_token(const char *text, size_t len, size_t *pos, sv_buf *w, token *t)
{
    size_t i = *pos, adv;
    while (i < len && !is_word_cp(decode_at(text + i, len - i, &adv)))
        i += adv;
    if (i >= len) {
        *pos = len;
        return 0;
    }
    size_t start = i;
    int copied = 0; /* the form is in w, not text[start, i) */
    t->digit = t->hyphen = 0;
    while (i < len) {
        long cp = decode_at(text + i, len - i, &adv);
        if (is_word_cp(cp)) {
            t->digit |= is_digit_cp(cp);
            if (copied)
                sv_buf_append(w, text + i, adv);
            i += adv;
            continue;
        }
        int mark = is_mark_cp(cp);
        int apo = cp == '\'' || cp == 0x2019 || cp == 0x2BC;
        int joiner = apo || cp == '-' || cp == 0x2010 || cp == 0x2011;
        size_t adv2;
        if (joiner &&
            !(i + adv < len && is_word_cp(decode_at(text + i + adv, len - i - adv, &adv2))))
            break; /* a joiner must have a word character after it */
        if (!mark && !joiner)
            break;
        t->hyphen |= joiner && !apo;
        if (!copied && (mark || adv > 1)) {
            /* from here on the form differs from the text: copy it */
            sv_buf_reset(w);
            sv_buf_append(w, text + start, i - start);
            copied = 1;
        }
        if (copied && joiner)
            sv_buf_putc(w, apo ? '\'' : '-');
        i += adv;
    }
    *pos = i;
    t->s = copied ? w->ptr : text + start;
    t->len = copied ? w->len : i - start;
    return 1;
}

/* ---- the lexicon -------------------------------------------------------- */

struct sv_lexicon {
    strtab lem[2];     /* English and Russian lemmas (folded) */
    u64set links;      /* link_key(e, r) */
    size_t nlinks;
    /* per English lemma e, what its translations are looked up by in a
     * sentence: keys[key_off[e] .. key_off[e + 1]), the Russian lemma ids and
     * (FUZZ | prefix id) of each, without repeats */
    uint32_t *key_off, *keys;
    strtab alias;      /* English irregular forms: went, children ... */
    uint32_t *alias_off, *alias_base;
    strtab stop[2];
    char *hunspell_dir;
    size_t fuzzy;      /* prefix length in code points, 0: off */
    strtab pkey;       /* prefixes of Russian lemmas */
    uint32_t *pkey_of; /* Russian lemma -> its prefix id, or NONE */
};

#define FUZZ 0x80000000u

/* Length in bytes of the first n code points of s, or 0 if s is shorter. */
static size_t prefix_bytes(const char *s, size_t len, size_t n)
{
    size_t i = 0, k = 0;
    while (i < len && k < n) {
        unsigned char c = (unsigned char)s[i];
        i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        k++;
    }
    return k == n && i <= len ? i : 0;
}

void sv_lexicon_opts_init(sv_lexicon_opts *o)
{
    memset(o, 0, sizeof *o);
    o->use_mueller = 1;
    o->max_words = 2;
    o->fuzzy_prefix = 5;
}

/* What is gathered while loading. */
typedef struct {
    sv_lexicon *lx;
    const sv_lexicon_opts *opts;
    uint64_t *pairs; /* link_key(e, r), in arrival order */
    size_t npairs, cap;
    uint64_t *aliases; /* (alias id << 32) | English lemma id */
    size_t naliases, acap;
    sv_buf fold;
    sv_buf stems;
    sv_morph *morph;  /* reduces dictionary words to the forms hunspell gives text */
    strtab seen;      /* dictionary words already reduced ("e" or "r" + word) ... */
    size_t *seen_off; /* ... and where their lemmas are: seen_lem[off[2 id] .. off[2 id + 1]) */
    size_t nseen_off, seen_cap;
    sv_buf seen_lem;  /* NUL-terminated lemmas, one list after another */
    sv_buf key;
    sv_buf word;
} builder;

static int is_stop(const sv_lexicon *lx, int side, const char *s, size_t len)
{
    return strtab_find(&lx->stop[side], s, len) != NONE;
}

static void add_link(builder *b, uint32_t e, uint32_t r)
{
    if (u64set_add(&b->lx->links, link_key(e, r)))
        SV_PUSH(b->pairs, b->npairs, b->cap, link_key(e, r));
}

/* Is the NUL-separated list s (len bytes) holding w? */
static int list_has(const char *s, size_t len, const char *w, size_t wl)
{
    for (size_t o = 0; o < len;) {
        size_t l = strlen(s + o);
        if (l == wl && memcmp(s + o, w, wl) == 0)
            return 1;
        o += l + 1;
    }
    return 0;
}

/* The lemmas a dictionary word stands for, as a NUL-separated list
 * (*list, *len bytes; borrowed until the next call): the word itself when
 * it is a dictionary form or unknown to hunspell, else hunspell's stems
 * ("часах" -> час, "шумно" -> шумный), so that the words of translations
 * meet the stems of running text.  An empty list for a stop word. */
static void dict_word(builder *b, int side, const char *w, size_t wl, const char **list,
                      size_t *len)
{
    sv_buf_reset(&b->key);
    sv_buf_putc(&b->key, side ? 'r' : 'e');
    sv_buf_append(&b->key, w, wl);
    int added;
    uint32_t id = strtab_add(&b->seen, b->key.ptr, b->key.len, &added);
    if (added) {
        size_t start = b->seen_lem.len;
        sv_buf_reset(&b->fold);
        sv_morph_fold(w, wl, &b->fold);
        sv_buf_reset(&b->stems);
        size_t ns = sv_morph_stems(b->morph, side ? SV_LANG_RU : SV_LANG_EN, w, wl, &b->stems);
        int stop = is_stop(b->lx, side, b->fold.ptr, b->fold.len);
        for (size_t o = 0; o < b->stems.len;) {
            size_t l = strlen(b->stems.ptr + o);
            stop |= is_stop(b->lx, side, b->stems.ptr + o, l);
            o += l + 1;
        }
        if (!stop) {
            if (ns == 0 || list_has(b->stems.ptr, b->stems.len, b->fold.ptr, b->fold.len)) {
                sv_buf_append(&b->seen_lem, b->fold.ptr, b->fold.len);
                sv_buf_putc(&b->seen_lem, '\0');
            } else
                sv_buf_append(&b->seen_lem, b->stems.ptr, b->stems.len);
        }
        SV_PUSH(b->seen_off, b->nseen_off, b->seen_cap, start);
        SV_PUSH(b->seen_off, b->nseen_off, b->seen_cap, b->seen_lem.len);
    }
    *list = b->seen_lem.ptr ? b->seen_lem.ptr + b->seen_off[2 * id] : "";
    *len = b->seen_off[2 * id + 1] - b->seen_off[2 * id];
}

/* Links English lemma e with every content word of the Russian phrase s
 * (words separated by spaces).  Mueller's words are linked as they are,
 * folded: they are dictionary forms nearly always (1 in 15 single-word
 * translations is not, mostly adverbs: "шумно" for hunspell's "шумный"),
 * and reducing them with hunspell (its start-up and 50,000 stems) would
 * more than double the load time for no measurable gain in telling
 * translations from non-translations (docs/design.md). */
static void link_phrase(builder *b, uint32_t e, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        while (i < len && s[i] == ' ')
            i++;
        size_t w = i;
        while (i < len && s[i] != ' ')
            i++;
        if (i == w)
            continue;
        sv_buf_reset(&b->fold);
        sv_morph_fold(s + w, i - w, &b->fold);
        if (!is_stop(b->lx, 1, b->fold.ptr, b->fold.len))
            add_link(b, e, strtab_add(&b->lx->lem[1], b->fold.ptr, b->fold.len, NULL));
    }
}

static void mueller_alias(void *ctx, const char *form, size_t form_len, const char *base,
                          size_t base_len)
{
    builder *b = ctx;
    if (form_len == base_len && memcmp(form, base, base_len) == 0)
        return;
    uint32_t a = strtab_add(&b->lx->alias, form, form_len, NULL);
    uint32_t e = strtab_add(&b->lx->lem[0], base, base_len, NULL);
    SV_PUSH(b->aliases, b->naliases, b->acap, (uint64_t)a << 32 | e);
}

static void mueller_pair(void *ctx, const char *en, size_t en_len, const char *ru,
                         size_t ru_len, int sense)
{
    builder *b = ctx;
    if (b->opts->max_senses > 0 && sense > b->opts->max_senses)
        return;
    if (is_stop(b->lx, 0, en, en_len))
        return;
    uint32_t e = strtab_add(&b->lx->lem[0], en, en_len, NULL);
    link_phrase(b, e, ru, ru_len);
    /* "co-operation" is now written "cooperation" */
    if (memchr(en, '-', en_len) && en_len < 64) {
        char flat[64];
        size_t n = 0;
        for (size_t i = 0; i < en_len; i++)
            if (en[i] != '-')
                flat[n++] = en[i];
        if (n > 0)
            mueller_alias(b, flat, n, en, en_len);
    }
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Builds the per-lemma link lists (CSR) and the alias lists. */
static void finish(builder *b)
{
    sv_lexicon *lx = b->lx;
    /* the prefix of every Russian lemma */
    size_t nr = lx->lem[1].n;
    lx->pkey_of = xmalloc((nr ? nr : 1) * sizeof *lx->pkey_of);
    for (size_t r = 0; r < nr; r++) {
        const char *str = strtab_str(&lx->lem[1], (uint32_t)r);
        size_t pl = lx->fuzzy ? prefix_bytes(str, lx->lem[1].ent[r].len, lx->fuzzy) : 0;
        lx->pkey_of[r] = pl ? strtab_add(&lx->pkey, str, pl, NULL) : NONE;
    }
    /* the links grouped by English lemma (counting sort) */
    size_t ne = lx->lem[0].n;
    uint32_t *off = xcalloc(ne + 1, sizeof *off);
    uint32_t *ru = xmalloc((b->npairs ? b->npairs : 1) * sizeof *ru);
    lx->nlinks = b->npairs;
    for (size_t i = 0; i < b->npairs; i++)
        off[b->pairs[i] >> 32]++; /* keys store e + 1 */
    for (size_t e = 0; e < ne; e++)
        off[e + 1] += off[e];
    uint32_t *fill = xmalloc((ne + 1) * sizeof *fill);
    memcpy(fill, off, (ne + 1) * sizeof *fill);
    for (size_t i = 0; i < b->npairs; i++)
        ru[fill[(b->pairs[i] >> 32) - 1]++] = (uint32_t)b->pairs[i];
    free(fill);
    /* then their keys */
    lx->key_off = xcalloc(ne + 1, sizeof *lx->key_off);
    lx->keys = xmalloc((b->npairs ? 2 * b->npairs : 1) * sizeof *lx->keys);
    size_t nk = 0;
    stampset seen = {NULL, NULL, 0, 0};
    for (size_t e = 0; e < ne; e++) {
        stampset_begin(&seen, 2 * (off[e + 1] - off[e]));
        for (uint32_t t = off[e]; t < off[e + 1]; t++) {
            uint32_t r = ru[t];
            if (stampset_add(&seen, r))
                lx->keys[nk++] = r;
            if (lx->pkey_of[r] != NONE && stampset_add(&seen, lx->pkey_of[r] | FUZZ))
                lx->keys[nk++] = lx->pkey_of[r] | FUZZ;
        }
        lx->key_off[e + 1] = (uint32_t)nk;
    }
    stampset_free(&seen);
    free(off);
    free(ru);
    /* aliases: sort by alias id, then the same layout */
    if (b->naliases)
        qsort(b->aliases, b->naliases, sizeof *b->aliases, cmp_u64);
    size_t na = lx->alias.n;
    lx->alias_off = xcalloc(na + 1, sizeof *lx->alias_off);
    lx->alias_base = xmalloc((b->naliases ? b->naliases : 1) * sizeof *lx->alias_base);
    size_t k = 0;
    for (size_t i = 0; i < b->naliases; i++) {
        if (i > 0 && b->aliases[i] == b->aliases[i - 1])
            continue;
        lx->alias_off[(b->aliases[i] >> 32) + 1]++;
        lx->alias_base[k++] = (uint32_t)b->aliases[i];
    }
    for (size_t a = 0; a < na; a++)
        lx->alias_off[a + 1] += lx->alias_off[a];
}

/* ---- the user dictionary --------------------------------------------------- */

#define USER_LINE_MAX 1000
#define USER_WORDS_MAX 8

/* Collects the lemmas of the content words of one side of a user entry into
 * out (NUL-separated); returns how many, and the number of words. */
static size_t user_side_lemmas(builder *b, int side, const char *s, size_t len, sv_buf *out,
                               size_t *nwords)
{
    sv_buf_reset(out);
    size_t count = 0, pos = 0;
    token t;
    *nwords = 0;
    while (next_token(s, len, &pos, &b->word, &t)) {
        (*nwords)++;
        const char *list;
        size_t ll;
        dict_word(b, side, t.s, t.len, &list, &ll);
        for (size_t o = 0; o < ll; count++)
            o += strlen(list + o) + 1;
        sv_buf_append(out, list, ll);
    }
    return count;
}

static int side_has_script(const char *s, size_t len, int cyrillic)
{
    sv_script_count c = {0, 0, 0};
    sv_script_count_add(&c, s, len);
    return cyrillic ? c.cyrillic > 0 : c.latin > 0 && c.cyrillic == 0;
}

static sv_status load_user(builder *b, const char *name, const char *data, size_t len,
                           sv_diags *diags)
{
    sv_buf en = SV_BUF_INIT, ru = SV_BUF_INIT;
    size_t line = 0, i = 0, entries = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len) {
        line++;
        const char *nl = memchr(data + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - data) : len;
        const char *l = data + i;
        size_t n = end - i;
        i = nl ? end + 1 : len;
        if (n && l[n - 1] == '\r')
            n--;
        size_t k = 0;
        while (k < n && (l[k] == ' ' || l[k] == '\t'))
            k++;
        if (k == n || l[k] == '#')
            continue;
        const char *why = NULL;
        const char *tab = memchr(l, '\t', n);
        size_t elen = tab ? (size_t)(tab - l) : 0;
        const char *r = tab ? tab + 1 : NULL;
        size_t rlen = tab ? n - elen - 1 : 0;
        const char *tab2 = r ? memchr(r, '\t', rlen) : NULL;
        if (tab2)
            rlen = (size_t)(tab2 - r); /* further columns are ignored */
        if (n > USER_LINE_MAX)
            why = "line longer than 1000 bytes";
        else if (sv_utf8_validate(l, n) != n)
            why = "invalid UTF-8";
        else if (!tab)
            why = "no tab between the English and the Russian side";
        else if (elen == 0 || rlen == 0)
            why = "empty English or Russian side";
        else if (!side_has_script(l, elen, 0))
            why = side_has_script(l, elen, 1) && side_has_script(r, rlen, 0)
                      ? "the sides look swapped (want English TAB Russian)"
                      : "the English side has no Latin letters, or has Cyrillic ones";
        else if (!side_has_script(r, rlen, 1))
            why = "the Russian side has no Cyrillic letters";
        size_t nwe = 0, nwr = 0;
        size_t ne = 0, nr = 0;
        if (!why) {
            ne = user_side_lemmas(b, 0, l, elen, &en, &nwe);
            nr = user_side_lemmas(b, 1, r, rlen, &ru, &nwr);
            if (nwe > USER_WORDS_MAX || nwr > USER_WORDS_MAX)
                why = "more than 8 words on a side";
            else if (ne == 0 || nr == 0)
                why = "only stop words on a side";
        }
        if (why) {
            sv_diags_add(diags, SV_WARNING, name, line, 0, -1, "user dictionary line skipped: %s",
                         why);
            continue;
        }
        entries++;
        for (size_t eo = 0; eo < en.len;) {
            size_t el = strlen(en.ptr + eo);
            uint32_t e = strtab_add(&b->lx->lem[0], en.ptr + eo, el, NULL);
            for (size_t ro = 0; ro < ru.len;) {
                size_t rl = strlen(ru.ptr + ro);
                add_link(b, e, strtab_add(&b->lx->lem[1], ru.ptr + ro, rl, NULL));
                ro += rl + 1;
            }
            eo += el + 1;
        }
    }
    if (entries == 0)
        sv_diags_add(diags, SV_WARNING, name, 0, 0, -1, "user dictionary has no usable entries");
    sv_buf_free(&en);
    sv_buf_free(&ru);
    return SV_OK;
}

/* ---- loading --------------------------------------------------------- */

static void fill_stop(strtab *t, const char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++)
        strtab_add(t, words[i], strlen(words[i]), NULL);
}

#define USER_DICT_MAX ((size_t)256 << 20)

sv_status sv_lexicon_load(const sv_lexicon_opts *opts, sv_lexicon **out, sv_diags *diags)
{
    sv_lexicon_opts defaults;
    if (!opts) {
        sv_lexicon_opts_init(&defaults);
        opts = &defaults;
    }
    *out = NULL;
    sv_lexicon *lx = xcalloc(1, sizeof *lx);
    lx->hunspell_dir = xstrdup(opts->hunspell_dir ? opts->hunspell_dir : SV_HUNSPELL_DIR);
    lx->fuzzy = opts->fuzzy_prefix > 0 ? (size_t)opts->fuzzy_prefix : 0;
    fill_stop(&lx->stop[0], stop_en, sizeof stop_en / sizeof stop_en[0]);
    fill_stop(&lx->stop[1], stop_ru, sizeof stop_ru / sizeof stop_ru[0]);
    builder b;
    memset(&b, 0, sizeof b);
    b.lx = lx;
    b.opts = opts;
    int user = opts->user_dict || opts->user_data;
    sv_status st = SV_OK;
    if (opts->use_mueller) {
        sv_mueller_sink sink = {mueller_pair, mueller_alias, &b,
                                opts->max_words > 0 ? (size_t)opts->max_words : 2};
        st = sv_mueller_read(opts->mueller_dir ? opts->mueller_dir : SV_MUELLER_DIR, &sink,
                             diags);
    }
    if (st == SV_OK && user) {
        const char *name = opts->user_dict ? opts->user_dict : "<user dictionary>";
        char *data = NULL;
        size_t len = opts->user_len;
        if (!opts->user_data)
            st = sv_file_read(opts->user_dict, USER_DICT_MAX, &data, &len, diags);
        if (st == SV_OK && !(b.morph = opts->morph))
            st = sv_morph_new(lx->hunspell_dir, &b.morph, diags);
        if (st == SV_OK)
            st = load_user(&b, name, opts->user_data ? opts->user_data : data, len, diags);
        free(data);
    }
    if (st == SV_OK)
        finish(&b);
    free(b.pairs);
    free(b.aliases);
    sv_buf_free(&b.fold);
    sv_buf_free(&b.stems);
    if (b.morph != opts->morph)
        sv_morph_free(b.morph);
    strtab_free(&b.seen);
    sv_buf_free(&b.key);
    sv_buf_free(&b.word);
    free(b.seen_off);
    sv_buf_free(&b.seen_lem);
    if (st != SV_OK) {
        sv_lexicon_free(lx);
        return st;
    }
    *out = lx;
    return SV_OK;
}

void sv_lexicon_free(sv_lexicon *lx)
{
    if (!lx)
        return;
    for (int i = 0; i < 2; i++) {
        strtab_free(&lx->lem[i]);
        strtab_free(&lx->stop[i]);
    }
    free(lx->links.slot);
    free(lx->key_off);
    free(lx->keys);
    strtab_free(&lx->alias);
    free(lx->alias_off);
    free(lx->alias_base);
    free(lx->hunspell_dir);
    strtab_free(&lx->pkey);
    free(lx->pkey_of);
    free(lx);
}

size_t sv_lexicon_size(const sv_lexicon *lx)
{
    return lx ? lx->nlinks : 0;
}

size_t sv_lexicon_memory(const sv_lexicon *lx)
{
    return sizeof *lx + strtab_memory(&lx->lem[0]) + strtab_memory(&lx->lem[1]) +
           strtab_memory(&lx->alias) + strtab_memory(&lx->pkey) +
           strtab_memory(&lx->stop[0]) + strtab_memory(&lx->stop[1]) +
           lx->links.nslot * sizeof(uint64_t) +
           (lx->lem[0].n + 1 + lx->key_off[lx->lem[0].n] + lx->alias.n + 1 +
            lx->alias_off[lx->alias.n] + lx->lem[1].n) * sizeof(uint32_t);
}

/* ---- per-thread context --------------------------------------------------- */

#define MAX_FORM 200 /* longer "words" are skipped (and never cached) */
#define MAX_STEMS 32

/* What a cached word form maps to, besides a lemma id. */
#define F_STOP (NONE - 1)  /* a stop word or a number: dropped */
#define F_SPLIT (NONE - 2) /* unknown hyphenated word: use its parts */

typedef struct {
    strtab forms;     /* word forms as they appear */
    uint32_t *form_id; /* form -> lemma id, F_STOP or F_SPLIT */
    size_t nform_id, form_cap;
    strtab lemmas;    /* lemma id -> its name, "meet|meeting" */
    uint32_t *lex_off; /* lemma id -> its lexicon lemmas lex[lex_off[id] .. lex_off[id+1]) */
    size_t nlex_off, lex_off_cap;
    uint32_t *lex;
    size_t nlex, lex_cap;
    uint8_t *known;    /* lemma id -> the lexicon translates it (en) / it is a target (ru) */
    size_t nknown, known_cap;
} langcache;

struct sv_lexctx {
    const sv_lexicon *lx;
    sv_morph *morph;
    langcache lc[2];
    sv_buf word, stems, name, fold;
    sv_lexprep *prep;
};

sv_status sv_lexctx_new(const sv_lexicon *lx, sv_lexctx **out, sv_diags *diags)
{
    *out = NULL;
    sv_lexctx *c = xcalloc(1, sizeof *c);
    c->lx = lx;
    sv_status st = sv_morph_new(lx->hunspell_dir, &c->morph, diags);
    if (st != SV_OK) {
        free(c);
        return st;
    }
    for (int i = 0; i < 2; i++)
        SV_PUSH(c->lc[i].lex_off, c->lc[i].nlex_off, c->lc[i].lex_off_cap, 0);
    c->prep = sv_lexprep_new();
    *out = c;
    return SV_OK;
}

void sv_lexctx_free(sv_lexctx *c)
{
    if (!c)
        return;
    for (int i = 0; i < 2; i++) {
        langcache *l = &c->lc[i];
        strtab_free(&l->forms);
        strtab_free(&l->lemmas);
        free(l->form_id);
        free(l->lex_off);
        free(l->lex);
        free(l->known);
    }
    sv_morph_free(c->morph);
    sv_buf_free(&c->word);
    sv_buf_free(&c->stems);
    sv_buf_free(&c->name);
    sv_buf_free(&c->fold);
    sv_lexprep_free(c->prep);
    free(c);
}

static void list_add(sv_buf *b, const char *w, size_t wl)
{
    if (!list_has(b->ptr, b->len, w, wl)) {
        sv_buf_append(b, w, wl);
        sv_buf_putc(b, '\0');
    }
}

/* English extras: irregular forms from the lexicon, and the singular of a
 * plural when it is a headword ("meetings": hunspell says only "meet"). */
static void add_aliases(const sv_lexicon *lx, const char *f, size_t fl, sv_buf *stems)
{
    uint32_t a = strtab_find(&lx->alias, f, fl);
    if (a != NONE)
        for (uint32_t k = lx->alias_off[a]; k < lx->alias_off[a + 1]; k++) {
            uint32_t e = lx->alias_base[k];
            list_add(stems, strtab_str(&lx->lem[0], e), lx->lem[0].ent[e].len);
        }
}

static void english_extras(const sv_lexicon *lx, const char *f, size_t fl, sv_buf *stems)
{
    /* of the form ("went" -> go) and of its stems ("centers" -> center ->
     * centre); stems->ptr may move while aliases are added */
    size_t end = stems->len;
    for (size_t o = 0; o < end;) {
        size_t l = strlen(stems->ptr + o);
        char tmp[MAX_FORM + 1];
        if (l <= MAX_FORM) {
            memcpy(tmp, stems->ptr + o, l);
            add_aliases(lx, tmp, l, stems);
        }
        o += l + 1;
    }
    add_aliases(lx, f, fl, stems);
    if (fl > 3 && f[fl - 1] == 's' && !list_has(stems->ptr, stems->len, f, fl)) {
        char buf[128];
        size_t cand[3][2] = {{fl - 1, 0}, {fl - 2, 0}, {fl - 3, 1}};
        for (int k = 0; k < 3 && fl < sizeof buf; k++) {
            size_t n = cand[k][0];
            memcpy(buf, f, n);
            if (cand[k][1]) {
                if (memcmp(f + fl - 3, "ies", 3) != 0)
                    continue;
                buf[n++] = 'y';
            } else if (k == 1 && f[fl - 2] != 'e')
                continue;
            uint32_t e = strtab_find(&lx->lem[0], buf, n);
            if (e != NONE && lx->key_off[e + 1] > lx->key_off[e]) {
                list_add(stems, buf, n);
                break;
            }
        }
    }
}

/* en_US strips prefixes: "products" -> ducts, product; "concessions" ->
 * cession, concession.  When some stems start like the word, drop the
 * others. */
static void drop_prefixed(sv_buf *stems, const char *f, size_t fl)
{
    size_t keep = 0;
    for (size_t o = 0; o < stems->len;) {
        size_t l = strlen(stems->ptr + o);
        keep += l >= 2 && fl >= 2 && memcmp(stems->ptr + o, f, 2) == 0;
        o += l + 1;
    }
    if (keep == 0)
        return;
    size_t w = 0;
    for (size_t o = 0; o < stems->len;) {
        size_t l = strlen(stems->ptr + o);
        if (l >= 2 && memcmp(stems->ptr + o, f, 2) == 0) {
            memmove(stems->ptr + w, stems->ptr + o, l + 1);
            w += l + 1;
        }
        o += l + 1;
    }
    stems->len = w;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Resolves a word form not seen before: F_STOP, F_SPLIT or a lemma id.
 * A form with digits is kept only when the lexicon has it ("g7" from a
 * user dictionary); numbers are left to the anchors. */
static uint32_t resolve(sv_lexctx *c, int side, const char *f, size_t fl, int digit,
                        int hyphen)
{
    const sv_lexicon *lx = c->lx;
    langcache *lc = &c->lc[side];
    sv_buf *stems = &c->stems;
    sv_buf_reset(stems);
    sv_buf_reset(&c->fold);
    sv_morph_fold(f, fl, &c->fold);
    size_t ns = 0;
    if (digit) {
        if (strtab_find(&lx->lem[side], c->fold.ptr, c->fold.len) == NONE)
            return hyphen ? F_SPLIT : F_STOP;
    } else
        ns = sv_morph_stems(c->morph, side ? SV_LANG_RU : SV_LANG_EN, f, fl, stems);
    if (ns == 0) {
        sv_buf_append(stems, c->fold.ptr, c->fold.len);
        sv_buf_putc(stems, '\0');
    }
    if (side == 0 && ns > 1)
        drop_prefixed(stems, c->fold.ptr, c->fold.len);
    if (side == 0 && !digit)
        english_extras(lx, c->fold.ptr, c->fold.len, stems);
    /* a stop word if any of its forms is one ("были": быль, быть) */
    int stop = is_stop(lx, side, c->fold.ptr, c->fold.len);
    const char *v[MAX_STEMS];
    size_t nv = 0;
    for (size_t o = 0; o < stems->len && nv < MAX_STEMS;) {
        size_t l = strlen(stems->ptr + o);
        stop |= is_stop(lx, side, stems->ptr + o, l);
        v[nv++] = stems->ptr + o;
        o += l + 1;
    }
    if (stop)
        return F_STOP;
    /* the sorted forms name the lemma: forms with the same set share it */
    qsort(v, nv, sizeof *v, cmp_str);
    sv_buf_reset(&c->name);
    for (size_t k = 0; k < nv; k++) {
        if (k)
            sv_buf_putc(&c->name, '|');
        sv_buf_puts(&c->name, v[k]);
    }
    int added;
    uint32_t id = strtab_add(&lc->lemmas, c->name.ptr, c->name.len, &added);
    if (added) {
        int known = 0;
        for (size_t k = 0; k < nv; k++) {
            uint32_t x = strtab_find(&lx->lem[side], v[k], strlen(v[k]));
            if (x == NONE)
                continue;
            SV_PUSH(lc->lex, lc->nlex, lc->lex_cap, x);
            known |= side == 1 || lx->key_off[x + 1] > lx->key_off[x];
        }
        /* Russian: the prefixes too, marked FUZZ */
        size_t first = lc->nlex;
        for (size_t k = 0; side == 1 && lx->fuzzy && k < nv; k++) {
            size_t pl = prefix_bytes(v[k], strlen(v[k]), lx->fuzzy);
            uint32_t x = pl ? strtab_find(&lx->pkey, v[k], pl) : NONE;
            int dup = 0;
            for (size_t q = first; q < lc->nlex; q++)
                dup |= lc->lex[q] == (x | FUZZ);
            if (x != NONE && !dup)
                SV_PUSH(lc->lex, lc->nlex, lc->lex_cap, x | FUZZ);
        }
        SV_PUSH(lc->lex_off, lc->nlex_off, lc->lex_off_cap, (uint32_t)lc->nlex);
        SV_PUSH(lc->known, lc->nknown, lc->known_cap, (uint8_t)known);
    }
    if (hyphen && !lc->known[id])
        return F_SPLIT;
    return id;
}

/* The id of one word form (f is the form as written, without marks). */
static uint32_t form_id(sv_lexctx *c, int side, const char *f, size_t fl, int has_digit,
                        int has_hyphen)
{
    langcache *lc = &c->lc[side];
    uint32_t h = hash_bytes(f, fl);
    uint32_t fid = strtab_find_h(&lc->forms, f, fl, h);
    if (fid != NONE)
        return lc->form_id[fid];
    uint32_t id = resolve(c, side, f, fl, has_digit, has_hyphen);
    strtab_add(&lc->forms, f, fl, NULL);
    SV_PUSH(lc->form_id, lc->nform_id, lc->form_cap, id);
    return id;
}

sv_status sv_lexctx_lemmas(sv_lexctx *c, sv_lang lang, const char *text, size_t len,
                           uint32_t **ids, size_t *n, size_t *cap)
{
    if (lang != SV_LANG_EN && lang != SV_LANG_RU)
        return SV_ERR_ARG;
    int side = lang == SV_LANG_RU;
    size_t pos = 0;
    token t;
    while (next_token(text, len, &pos, &c->word, &t)) {
        size_t wl = t.len;
        if (side == 0 && wl > 2 && memcmp(t.s + wl - 2, "'s", 2) == 0)
            wl -= 2; /* possessive */
        if (wl > MAX_FORM)
            continue;
        uint32_t id = form_id(c, side, t.s, wl, t.digit, t.hyphen);
        if (id < F_SPLIT) {
            SV_PUSH(*ids, *n, *cap, id);
            continue;
        }
        if (id != F_SPLIT)
            continue;
        /* the parts of an unknown hyphenated word (form_id leaves t.s alone) */
        for (size_t p = 0; p < wl;) {
            size_t q = p;
            int dig = 0;
            while (q < wl && t.s[q] != '-') {
                dig |= t.s[q] >= '0' && t.s[q] <= '9';
                q++;
            }
            uint32_t pid = q > p ? form_id(c, side, t.s + p, q - p, dig, 0) : F_STOP;
            if (pid < F_SPLIT)
                SV_PUSH(*ids, *n, *cap, pid);
            p = q + 1;
        }
    }
    return SV_OK;
}

const char *sv_lexctx_lemma_name(const sv_lexctx *c, sv_lang lang, uint32_t id)
{
    if (lang != SV_LANG_EN && lang != SV_LANG_RU)
        return NULL;
    const langcache *lc = &c->lc[lang == SV_LANG_RU];
    return id < lc->lemmas.n ? strtab_str(&lc->lemmas, id) : NULL;
}

int sv_lexctx_translates(const sv_lexctx *c, uint32_t e, uint32_t r)
{
    const langcache *le = &c->lc[0], *lr = &c->lc[1];
    if (e >= le->lemmas.n || r >= lr->lemmas.n)
        return 0;
    for (uint32_t i = le->lex_off[e]; i < le->lex_off[e + 1]; i++)
        for (uint32_t j = lr->lex_off[r]; j < lr->lex_off[r + 1]; j++)
            if (!(lr->lex[j] & FUZZ) && u64set_has(&c->lx->links, link_key(le->lex[i], lr->lex[j])))
                return 1;
    return 0;
}

/* ---- scoring ----------------------------------------------------------- */

struct sv_lexprep {
    /* the distinct English ids, and per word the stamp of the last score
     * that counted it (any match, exact match) */
    uint32_t *eid, *hit_any, *hit_exact;
    size_t ne, ecap, nknown;
    uint64_t known_mask; /* bit k: the k-th English word is known (k < 64) */
    uint32_t now;
    /* Russian lexicon lemma (or FUZZ | prefix) -> chain of entries, each an
     * English word index */
    uint32_t *slot_key, *slot_head; /* key NONE = empty */
    size_t slot_cap, mask;
    uint32_t *ent_e, *ent_next;
    size_t nent, entcap;
    stampset seen; /* ids already met in the sentence being handled */
};

sv_lexprep *sv_lexprep_new(void)
{
    return xcalloc(1, sizeof(sv_lexprep));
}

void sv_lexprep_free(sv_lexprep *p)
{
    if (!p)
        return;
    free(p->eid);
    free(p->hit_any);
    free(p->hit_exact);
    free(p->slot_key);
    free(p->slot_head);
    free(p->ent_e);
    free(p->ent_next);
    stampset_free(&p->seen);
    free(p);
}

/* Adds English word k (index into p->eid) to the chain of key r. */
static void prep_add(sv_lexprep *p, uint32_t r, uint32_t k)
{
    size_t s = hash_u32(r, p->mask);
    while (p->slot_key[s] != NONE && p->slot_key[s] != r)
        s = (s + 1) & p->mask;
    if (p->slot_key[s] == NONE) {
        p->slot_key[s] = r;
        p->slot_head[s] = NONE;
    } else if (p->ent_e[p->slot_head[s]] == k)
        return; /* the same word again (words are added one after another) */
    p->ent_e[p->nent] = k;
    p->ent_next[p->nent] = p->slot_head[s];
    p->slot_head[s] = (uint32_t)p->nent++;
}

void sv_lexprep_set(sv_lexprep *p, const sv_lexctx *c, const uint32_t *e, size_t ne)
{
    const langcache *le = &c->lc[0];
    const sv_lexicon *lx = c->lx;
    p->ne = p->nknown = p->nent = 0;
    p->known_mask = 0;
    size_t total = 0;
    stampset_begin(&p->seen, ne);
    for (size_t i = 0; i < ne; i++) {
        if (e[i] >= le->lemmas.n || !stampset_add(&p->seen, e[i]))
            continue;
        if (p->ne == p->ecap) {
            p->ecap = p->ecap ? p->ecap * 2 : 32;
            p->eid = xreallocarray(p->eid, p->ecap, sizeof *p->eid);
            p->hit_any = xreallocarray(p->hit_any, p->ecap, sizeof *p->hit_any);
            p->hit_exact = xreallocarray(p->hit_exact, p->ecap, sizeof *p->hit_exact);
        }
        p->eid[p->ne] = e[i];
        p->hit_any[p->ne] = p->hit_exact[p->ne] = 0;
        if (le->known[e[i]] && p->ne < 64)
            p->known_mask |= (uint64_t)1 << p->ne;
        p->ne++;
        p->nknown += le->known[e[i]];
        for (uint32_t j = le->lex_off[e[i]]; j < le->lex_off[e[i] + 1]; j++)
            total += lx->key_off[le->lex[j] + 1] - lx->key_off[le->lex[j]];
    }
    p->now = 0;
    size_t nslot = 16;
    while (nslot < total * 2)
        nslot *= 2;
    if (nslot > p->slot_cap) {
        free(p->slot_key);
        free(p->slot_head);
        p->slot_key = xmalloc(nslot * sizeof *p->slot_key);
        p->slot_head = xmalloc(nslot * sizeof *p->slot_head);
        p->slot_cap = nslot;
    }
    /* only the part of the table this sentence needs is cleared and used */
    p->mask = nslot - 1;
    memset(p->slot_key, 0xFF, nslot * sizeof *p->slot_key);
    if (total > p->entcap) {
        p->entcap = total;
        p->ent_e = xreallocarray(p->ent_e, total, sizeof *p->ent_e);
        p->ent_next = xreallocarray(p->ent_next, total, sizeof *p->ent_next);
    }
    for (size_t k = 0; k < p->ne; k++) {
        uint32_t id = p->eid[k];
        for (uint32_t j = le->lex_off[id]; j < le->lex_off[id + 1]; j++) {
            uint32_t x = le->lex[j];
            for (uint32_t t = lx->key_off[x]; t < lx->key_off[x + 1]; t++)
                prep_add(p, lx->keys[t], (uint32_t)k);
        }
    }
}

void sv_lexprep_score(sv_lexprep *p, const sv_lexctx *c, const uint32_t *r, size_t nr,
                      sv_lexscore *out)
{
    const langcache *lr = &c->lc[1];
    memset(out, 0, sizeof *out);
    out->en_words = p->ne;
    out->en_known = p->nknown;
    if (++p->now == 0) { /* wrapped: clear once in four billion scores */
        if (p->ne) {
            memset(p->hit_any, 0, p->ne * sizeof *p->hit_any);
            memset(p->hit_exact, 0, p->ne * sizeof *p->hit_exact);
        }
        p->now = 1;
    }
    stampset_begin(&p->seen, nr);
    size_t any = 0;
    for (size_t i = 0; i < nr; i++) {
        uint32_t id = r[i];
        if (id >= lr->lemmas.n || !stampset_add(&p->seen, id))
            continue;
        out->ru_words++;
        out->ru_known += lr->known[id];
        int hit = 0; /* 1: exact, 2: through a prefix only */
        for (uint32_t j = lr->lex_off[id]; j < lr->lex_off[id + 1]; j++) {
            uint32_t x = lr->lex[j];
            size_t s = hash_u32(x, p->mask);
            while (p->slot_key[s] != NONE && p->slot_key[s] != x)
                s = (s + 1) & p->mask;
            if (p->slot_key[s] == NONE)
                continue;
            int exact = !(x & FUZZ);
            hit = exact ? 1 : hit ? hit : 2;
            for (uint32_t t = p->slot_head[s]; t != NONE; t = p->ent_next[t]) {
                uint32_t k = p->ent_e[t];
                if (p->hit_any[k] != p->now) {
                    p->hit_any[k] = p->now;
                    any++;
                }
                if (exact && p->hit_exact[k] != p->now) {
                    p->hit_exact[k] = p->now;
                    out->en_hit++;
                }
            }
        }
        out->ru_hit += hit == 1;
        out->ru_fuzzy += hit == 2;
    }
    out->en_fuzzy = any - out->en_hit;
}

void sv_lexprep_match(sv_lexprep *p, const sv_lexctx *c, const uint32_t *r, size_t nr,
                      sv_lexmask *out)
{
    const langcache *lr = &c->lc[1];
    memset(out, 0, sizeof *out);
    out->en_words = (unsigned)(p->ne < 64 ? p->ne : 64);
    out->en_known = p->known_mask;
    stampset_begin(&p->seen, nr);
    unsigned pos = 0;
    for (size_t i = 0; i < nr && pos < 64; i++) {
        uint32_t id = r[i];
        if (id >= lr->lemmas.n || !stampset_add(&p->seen, id))
            continue;
        uint64_t bit = (uint64_t)1 << pos++;
        if (lr->known[id])
            out->ru_known |= bit;
        int hit = 0;
        for (uint32_t j = lr->lex_off[id]; j < lr->lex_off[id + 1]; j++) {
            uint32_t x = lr->lex[j];
            size_t s = hash_u32(x, p->mask);
            while (p->slot_key[s] != NONE && p->slot_key[s] != x)
                s = (s + 1) & p->mask;
            if (p->slot_key[s] == NONE)
                continue;
            int exact = !(x & FUZZ);
            hit = exact ? 1 : hit ? hit : 2;
            for (uint32_t t = p->slot_head[s]; t != NONE; t = p->ent_next[t]) {
                uint32_t k = p->ent_e[t];
                if (k >= 64)
                    continue;
                if (exact)
                    out->en_exact |= (uint64_t)1 << k;
                else
                    out->en_fuzzy |= (uint64_t)1 << k;
            }
        }
        if (hit == 1)
            out->ru_exact |= bit;
        else if (hit == 2)
            out->ru_fuzzy |= bit;
    }
    out->ru_words = pos;
    out->en_fuzzy &= ~out->en_exact;
}

void sv_lexctx_score(sv_lexctx *c, const uint32_t *e, size_t ne, const uint32_t *r,
                     size_t nr, sv_lexscore *out)
{
    sv_lexprep_set(c->prep, c, e, ne);
    sv_lexprep_score(c->prep, c, r, nr, out);
}
