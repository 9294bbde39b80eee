/* fuzzy.c - tokenising, folding and scoring segments for the translation
 * memory: the keys the TM store indexes (trigrams of folded words) and the
 * match percentage `sverka tm lookup` ranks candidates by.  ICU is used
 * only for text outside the Latin/Cyrillic fast path. */
#include "fuzzy.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "../base/mem.h"
#include "../base/utf8.h"
#include "hash.h"
#include "tmx.h"

/* ---- folding ------------------------------------------------------- */

/* Folds one code point without ICU when the answer is known: returns 1
 * and sets *out (0 = drop the character), or returns 0. */
static int fast_fold(unsigned long cp, unsigned long *out)
{
    if (cp < 0x80) {
        *out = (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
        return 1;
    }
    if (cp >= 0x410 && cp <= 0x42F) {
        *out = cp + 0x20;
        return 1;
    }
    if (cp == 0x401 || cp == 0x451) { /* Ё ё -> е */
        *out = 0x435;
        return 1;
    }
    if (cp >= 0x400 && cp <= 0x40F) {
        *out = cp + 0x50;
        return 1;
    }
    if ((cp >= 0x430 && cp <= 0x44F) || (cp >= 0x452 && cp <= 0x45F)) {
        *out = cp;
        return 1;
    }
    switch (cp) {
    case 0xAB: case 0xBB: case 0x2013: case 0x2014: case 0x2018: case 0x2019:
    case 0x201C: case 0x201D: case 0x201E:
    case SV_TMX_MARK_OPEN: case SV_TMX_MARK_CLOSE: case SV_TMX_MARK_ALONE:
        *out = cp;
        return 1;
    case 0xA0: case 0x2009: case 0x202F:
        *out = ' ';
        return 1;
    case 0xAD: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
        *out = 0;
        return 1;
    default:
        return 0;
    }
}

/* Appends the fast-path folding of s; with force, characters the fast
 * path does not know are copied unchanged.  Returns -1 (out untouched past
 * its old length) when a character needs ICU and force is 0.  The fast
 * path never makes text longer, so it writes straight into the buffer. */
static int fold_fast(const char *s, size_t len, sv_buf *out, int force)
{
    size_t old = out->len, i = 0;
    sv_buf_reserve(out, len + 4);
    char *o = out->ptr + old;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            *o++ = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
            i++;
            continue;
        }
        size_t adv;
        long cp = sv_utf8_decode(s + i, len - i, &adv);
        unsigned long f;
        if (cp < 0) {
            if (adv < 3) { /* U+FFFD is longer than what it replaces */
                out->len = (size_t)(o - out->ptr);
                sv_buf_reserve(out, len - i + 8);
                o = out->ptr + out->len;
            }
            memcpy(o, "\xEF\xBF\xBD", 3);
            o += 3;
        } else if (fast_fold((unsigned long)cp, &f)) {
            if (f)
                o += sv_utf8_encode((unsigned)f, o);
        } else if (force) {
            memcpy(o, s + i, adv);
            o += adv;
        } else {
            out->len = old;
            out->ptr[old] = '\0';
            return -1;
        }
        i += adv;
    }
    out->len = (size_t)(o - out->ptr);
    out->ptr[out->len] = '\0';
    return 0;
}

void sv_fold_append(const char *text, size_t len, sv_buf *out)
{
    if (fold_fast(text, len, out, 0) == 0)
        return;
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nf = unorm2_getNFKCCasefoldInstance(&st);
    int32_t n16 = 0;
    int32_t nsub;
    if (U_SUCCESS(st) && len < (1u << 28)) {
        UChar *u = xmalloc((len + 1) * sizeof(UChar));
        u_strFromUTF8WithSub(u, (int32_t)len + 1, &n16, text, (int32_t)len, 0xFFFD, &nsub, &st);
        int32_t cap = n16 * 3 + 16;
        UChar *v = xmalloc((size_t)cap * sizeof(UChar));
        int32_t nv = U_SUCCESS(st) ? unorm2_normalize(nf, u, n16, v, cap, &st) : 0;
        if (U_SUCCESS(st)) {
            int32_t n8 = 0;
            char *b = xmalloc((size_t)nv * 3 + 1);
            u_strToUTF8WithSub(b, nv * 3 + 1, &n8, v, nv, 0xFFFD, &nsub, &st);
            if (U_SUCCESS(st)) {
                fold_fast(b, (size_t)n8, out, 1);
                free(b);
                free(v);
                free(u);
                return;
            }
            free(b);
        }
        free(v);
        free(u);
    }
    fold_fast(text, len, out, 1); /* ICU failed: fold what we can */
}

/* ---- tokens -------------------------------------------------------- */

static int is_mark(long cp)
{
    int t = u_charType((UChar32)cp);
    return t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK || t == U_ENCLOSING_MARK;
}

static int is_digit(long cp)
{
    return cp >= 0 && (cp < 0x80 ? (cp >= '0' && cp <= '9') : u_isdigit((UChar32)cp));
}

static int is_wordc(long cp)
{
    if (cp < 0)
        return 0;
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    if (cp >= 0x400 && cp <= 0x45F)
        return 1;
    if (sv_tmx_is_marker((unsigned long)cp))
        return 0;
    return u_isalnum((UChar32)cp) || is_mark(cp);
}

static int is_joiner(long cp)
{
    return cp == '-' || cp == 0x2010 || cp == 0x2011 || cp == '\'' || cp == 0x2019 ||
           cp == 0x2BC;
}

static int is_ignorable(long cp)
{
    return cp == 0xAD || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF;
}

static long peek(const char *s, size_t len, size_t i, size_t *adv)
{
    if (i >= len) {
        *adv = 0;
        return -2;
    }
    return sv_utf8_decode(s + i, len - i, adv);
}

/* Punctuation that differs only in typography compares equal. */
static unsigned long punct_class(unsigned long cp)
{
    switch (cp) {
    case '"': case '\'': case 0xAB: case 0xBB: case 0x2018: case 0x2019: case 0x201A:
    case 0x201B: case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2039: case 0x203A:
        return '"';
    case '-': case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212:
        return '-';
    default:
        return cp;
    }
}

static void push_token(sv_tokens *t, sv_tok_kind kind, size_t start, size_t len, size_t fstart)
{
    sv_token k;
    k.kind = kind;
    k.start = start;
    k.len = len;
    k.fstart = fstart;
    k.flen = t->folded.len - fstart;
    k.key = t->no_keys ? 0
                       : sv_hash64(t->folded.ptr ? t->folded.ptr + fstart : "", k.flen,
                                   (uint64_t)kind + 1);
    SV_PUSH(t->v, t->n, t->cap, k);
}

/* A word from i: letters, digits, marks, joined by hyphens/apostrophes.
 * *clean is cleared when the word holds joiners or ignorable characters,
 * which its folded form leaves out. */
static size_t scan_word(const char *s, size_t len, size_t i, int *clean)
{
    size_t adv;
    *clean = 1;
    for (;;) {
        long cp = peek(s, len, i, &adv);
        if (is_wordc(cp)) {
            i += adv;
            continue;
        }
        if (is_ignorable(cp)) {
            *clean = 0;
            i += adv;
            continue;
        }
        if (is_joiner(cp)) {
            size_t adv2;
            long nx = peek(s, len, i + adv, &adv2);
            if (is_wordc(nx)) {
                *clean = 0;
                i += adv;
                continue;
            }
        }
        return i;
    }
}

/* The word chars of s[start, end) (joiners and ignorables left out). */
static void word_chars(const char *s, size_t start, size_t end, sv_buf *out)
{
    sv_buf_reset(out);
    size_t i = start, adv;
    while (i < end) {
        long cp = peek(s, end, i, &adv);
        if (is_wordc(cp))
            sv_buf_append(out, s + i, adv);
        i += adv;
    }
}

static int group_sep(long cp)
{
    return cp == ' ' || cp == 0xA0 || cp == 0x202F || cp == 0x2009;
}

/* A number from i: digits, and "." "," "'" or a space between groups
 * (a space only before exactly three digits). */
static size_t scan_number(const char *s, size_t len, size_t i, sv_buf *digits)
{
    size_t adv;
    for (;;) {
        long cp = peek(s, len, i, &adv);
        if (is_digit(cp)) {
            sv_buf_append(digits, s + i, adv);
            i += adv;
            continue;
        }
        if (cp == '.' || cp == ',' || cp == '\'' || group_sep(cp)) {
            size_t j = i + adv, n = 0, a2;
            while (n < 4 && is_digit(peek(s, len, j, &a2)))
                j += a2, n++;
            if (n > 0 && (!group_sep(cp) || n == 3)) {
                i += adv;
                continue;
            }
        }
        return i;
    }
}

void sv_tokenize(const char *s, size_t len, sv_tokens *t)
{
    t->n = 0;
    sv_buf_reset(&t->folded);
    sv_buf src = SV_BUF_INIT;
    size_t i = 0;
    while (i < len) {
        size_t adv;
        long cp = sv_utf8_decode(s + i, len - i, &adv);
        size_t fstart = t->folded.len;
        if (cp >= 0 && (sv_is_space((unsigned long)cp) || cp < 0x20 || is_ignorable(cp))) {
            i += adv;
        } else if (cp >= 0 && sv_tmx_is_marker((unsigned long)cp)) {
            sv_buf_append(&t->folded, s + i, adv);
            push_token(t, SV_TOK_TAG, i, adv, fstart);
            i += adv;
        } else if (is_digit(cp)) {
            size_t end = scan_number(s, len, i, &t->folded);
            push_token(t, SV_TOK_NUMBER, i, end - i, fstart);
            i = end;
        } else if (is_wordc(cp)) {
            int clean;
            size_t end = scan_word(s, len, i, &clean);
            if (clean) {
                sv_fold_append(s + i, end - i, &t->folded);
            } else {
                word_chars(s, i, end, &src);
                sv_fold_append(src.ptr ? src.ptr : "", src.len, &t->folded);
            }
            push_token(t, SV_TOK_WORD, i, end - i, fstart);
            i = end;
        } else {
            if (cp < 0)
                sv_buf_put_cp(&t->folded, 0xFFFD);
            else
                sv_buf_put_cp(&t->folded, (unsigned)punct_class((unsigned long)cp));
            push_token(t, SV_TOK_PUNCT, i, adv, fstart);
            i += adv;
        }
    }
    sv_buf_free(&src);
}

void sv_tokens_free(sv_tokens *t)
{
    free(t->v);
    sv_buf_free(&t->folded);
    t->v = NULL;
    t->n = t->cap = 0;
}

const char *sv_token_folded(const sv_tokens *t, size_t i, size_t *len)
{
    *len = t->v[i].flen;
    return t->folded.ptr ? t->folded.ptr + t->v[i].fstart : "";
}

/* ---- trigrams ------------------------------------------------------ */

int sv_trigrams(const sv_tokens *t, sv_trigram_fn fn, void *ctx)
{
    /* The set of trigrams seen: a per-thread table kept empty between
     * calls (the slots used are cleared at the end), or a heap table for
     * long texts.  Sized so that it is never more than half full. */
    enum { SMALL = 1024 };
    static _Thread_local uint64_t small[SMALL];
    size_t bytes = 0;
    for (size_t k = 0; k < t->n; k++)
        if (t->v[k].kind == SV_TOK_WORD || t->v[k].kind == SV_TOK_NUMBER)
            bytes += t->v[k].flen;
    size_t cap = 16;
    while (cap < 2 * bytes + 2)
        cap *= 2;
    uint64_t *seen = cap <= SMALL ? small : xcalloc(cap, sizeof *seen);
    if (cap <= SMALL)
        cap = SMALL;
    size_t stack_used[256];
    size_t *used = bytes < 256 ? stack_used : xmalloc((bytes + 1) * sizeof *used), nused = 0;
    int rc = 0;
    for (size_t k = 0; k < t->n && rc == 0; k++) {
        if (t->v[k].kind != SV_TOK_WORD && t->v[k].kind != SV_TOK_NUMBER)
            continue;
        size_t flen;
        const char *f = sv_token_folded(t, k, &flen);
        size_t pos[3] = {0, 0, 0}, cps[3] = {0, 0, 0};
        size_t n = 0, i = 0;
        while (i < flen && rc == 0) {
            size_t adv;
            long cp = sv_utf8_decode(f + i, flen - i, &adv);
            pos[n % 3] = i;
            cps[n % 3] = cp < 0 ? 0xFFFD : (size_t)cp;
            n++;
            i += adv;
            if (n < 3 || (n - 3) % 2 != 0)
                continue; /* trigrams at even offsets only */
            size_t a = pos[(n - 3) % 3];
            uint64_t key = ((uint64_t)cps[(n - 3) % 3] << 42) | ((uint64_t)cps[(n - 2) % 3] << 21) |
                           (uint64_t)cps[(n - 1) % 3];
            key += 1; /* 0 marks an empty slot */
            size_t h = (size_t)(key * 0x9e3779b97f4a7c15ULL >> 20) & (cap - 1);
            while (seen[h] && seen[h] != key)
                h = (h + 1) & (cap - 1);
            if (seen[h])
                continue;
            seen[h] = key;
            used[nused++] = h;
            rc = fn(ctx, f + a, i - a, k);
        }
    }
    if (seen == small)
        for (size_t q = 0; q < nused; q++)
            small[used[q]] = 0;
    else
        free(seen);
    if (used != stack_used)
        free(used);
    return rc;
}

/* ---- match percentage ---------------------------------------------- */

typedef struct {
    sv_tok_kind kind;
    uint64_t key;
} ftok;

struct sv_fuzzy {
    char *query;
    size_t qlen;
    sv_tokens qt, ct;
    ftok *a, *b;
    size_t na, nb, capa, capb;
    int *dp;
    size_t dpcap;
    sv_buf qmarks, cmarks;
};

enum { MAX_TOKENS = 600 };

static int weight(sv_tok_kind k)
{
    return k == SV_TOK_PUNCT ? 1 : 2;
}

static int subst(const ftok *x, const ftok *y)
{
    if (x->kind != y->kind)
        return weight(x->kind) + weight(y->kind);
    if (x->key == y->key || x->kind == SV_TOK_NUMBER)
        return 0;
    return x->kind == SV_TOK_WORD ? 2 : 1;
}

/* The tokens of t without tags, at most MAX_TOKENS; the tags' markers
 * (in order) go to marks. */
static size_t filter(const sv_tokens *t, const char *text, ftok **v, size_t *cap, sv_buf *marks)
{
    size_t n = 0;
    sv_buf_reset(marks);
    for (size_t i = 0; i < t->n; i++) {
        if (t->v[i].kind == SV_TOK_TAG) {
            sv_buf_append(marks, text + t->v[i].start, t->v[i].len);
            continue;
        }
        if (n >= MAX_TOKENS)
            continue;
        sv_grow(v, cap, n + 1, sizeof **v);
        (*v)[n].kind = t->v[i].kind;
        (*v)[n].key = t->v[i].key;
        n++;
    }
    return n;
}

sv_fuzzy *sv_fuzzy_new(void)
{
    return xcalloc(1, sizeof(sv_fuzzy));
}

void sv_fuzzy_free(sv_fuzzy *f)
{
    if (!f)
        return;
    free(f->query);
    sv_tokens_free(&f->qt);
    sv_tokens_free(&f->ct);
    free(f->a);
    free(f->b);
    free(f->dp);
    sv_buf_free(&f->qmarks);
    sv_buf_free(&f->cmarks);
    free(f);
}

void sv_fuzzy_set_query(sv_fuzzy *f, const char *text, size_t len)
{
    free(f->query);
    f->query = xstrndup(text, len);
    f->qlen = len;
    sv_tokenize(f->query, len, &f->qt);
    f->na = filter(&f->qt, f->query, &f->a, &f->capa, &f->qmarks);
}

const sv_tokens *sv_fuzzy_query_tokens(const sv_fuzzy *f)
{
    return &f->qt;
}

/* Equal once runs of white space are one space and the edges trimmed? */
static int same_text(const char *a, size_t alen, const char *b, size_t blen)
{
    size_t i = 0, j = 0;
    for (;;) {
        int sa = 0, sb = 0;
        while (i < alen && (a[i] == ' ' || a[i] == '\t' || a[i] == '\n' || a[i] == '\r'))
            i++, sa = 1;
        while (j < blen && (b[j] == ' ' || b[j] == '\t' || b[j] == '\n' || b[j] == '\r'))
            j++, sb = 1;
        if (i == alen || j == blen)
            return i == alen && j == blen;
        if ((sa != sb && i > 0 && j > 0) || a[i] != b[j])
            return 0;
        i++, j++;
    }
}

int sv_fuzzy_score(sv_fuzzy *f, const char *cand, size_t len)
{
    sv_tokenize(cand, len, &f->ct);
    f->nb = filter(&f->ct, cand, &f->b, &f->capb, &f->cmarks);
    size_t n = f->na, m = f->nb;
    sv_grow(&f->dp, &f->dpcap, (n + 1) * (m + 1), sizeof *f->dp);
    int *dp = f->dp;
#define DP(i, j) dp[(i) * (m + 1) + (j)]
    int wa = 0, wb = 0;
    DP(0, 0) = 0;
    for (size_t i = 1; i <= n; i++)
        DP(i, 0) = DP(i - 1, 0) + weight(f->a[i - 1].kind), wa += weight(f->a[i - 1].kind);
    for (size_t j = 1; j <= m; j++)
        DP(0, j) = DP(0, j - 1) + weight(f->b[j - 1].kind), wb += weight(f->b[j - 1].kind);
    for (size_t i = 1; i <= n; i++)
        for (size_t j = 1; j <= m; j++) {
            int best = DP(i - 1, j - 1) + subst(&f->a[i - 1], &f->b[j - 1]);
            int del = DP(i - 1, j) + weight(f->a[i - 1].kind);
            int ins = DP(i, j - 1) + weight(f->b[j - 1].kind);
            if (del < best)
                best = del;
            if (ins < best)
                best = ins;
            DP(i, j) = best;
        }
    int dist = DP(n, m);
    /* Walk back one optimal alignment to count numbers that differ. */
    int numdiff = 0;
    size_t i = n, j = m;
    while (i > 0 && j > 0) {
        const ftok *x = &f->a[i - 1], *y = &f->b[j - 1];
        if (DP(i, j) == DP(i - 1, j - 1) + subst(x, y)) {
            if (x->kind == SV_TOK_NUMBER && y->kind == SV_TOK_NUMBER && x->key != y->key)
                numdiff++;
            i--, j--;
        } else if (DP(i, j) == DP(i - 1, j) + weight(x->kind)) {
            i--;
        } else {
            j--;
        }
    }
#undef DP
    int w = wa > wb ? wa : wb;
    int pct = w == 0 ? 100 : (int)((100LL * (w - dist)) / w);
    size_t qt = sv_tmx_marker_count(f->qmarks.ptr ? f->qmarks.ptr : "", f->qmarks.len);
    size_t ctg = sv_tmx_marker_count(f->cmarks.ptr ? f->cmarks.ptr : "", f->cmarks.len);
    int tagpen = (int)(qt > ctg ? qt - ctg : ctg - qt);
    if (qt == ctg && (f->qmarks.len != f->cmarks.len ||
                      (f->qmarks.len && memcmp(f->qmarks.ptr, f->cmarks.ptr, f->qmarks.len))))
        tagpen++;
    pct -= numdiff + tagpen;
    if (pct >= 100 && !same_text(f->query, f->qlen, cand, len))
        pct = 99;
    if (pct < 0)
        pct = 0;
    if (pct > 100)
        pct = 100;
    return pct;
}

int sv_fuzzy_match(const char *a, size_t alen, const char *b, size_t blen)
{
    sv_fuzzy *f = sv_fuzzy_new();
    sv_fuzzy_set_query(f, a, alen);
    int p = sv_fuzzy_score(f, b, blen);
    sv_fuzzy_free(f);
    return p;
}
