/* align.c - the sentence aligner: evidence per sentence, bead scores, and a
 * banded dynamic programme with forward-backward posteriors.  Third stage
 * of the pipeline (after segment.c); its links go to the TMX writer, the
 * checker and the glossary builder. */
#include "align.h"

#include <float.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../base/buf.h"
#include "../base/mem.h"
#include "../base/utf8.h"
#include "lexicon.h"
#include "names.h"
#include "numbers.h"

/* ---- the model's features and their fitted weights ---------------------- */

enum {
    F_BIAS, F_LEN, F_TOKHIT, F_TOKMISS, F_NAMEHIT, F_NAMEMISS, F_NUMHIT, F_NUMMISS,
    F_HEADDIFF, F_PARCROSS, F_PARSTART, F_PAREND, F_B21, F_B22, F_B31, F_SHORT,
    F_LEXE, F_LEXR, F_LEXHIT, F_LEXNONE, NFEAT
};

static const char *const feat_names[NFEAT] = {
    "bias", "len", "tokhit", "tokmiss", "namehit", "namemiss", "numhit", "nummiss",
    "headdiff", "parcross", "parstart", "parend", "b21", "b22", "b31", "short",
    "lexe", "lexr", "lexhit", "lexnone"};

/* Fitted by tools/fit-align.py (logistic regression on the dev documents)
 * and tools/tune-align.py (the structural weights against strict F1):
 * docs/design.md, "Fitting". */
static const double weights[NFEAT] = {
    -0.729, -0.6968, -0.02577, 0.09178, 0.2658, -0.7513, 0.3388, -0.81, -2.895, -3.791, 0.7392, 0.7848, -3.285, -8.716, -3.324, 0.2572, 4.39, 2.227, 0.3678, 2.206};

/* The same model without dictionary evidence, for the coarse levels of long
 * inputs (and for alignment without a lexicon). */
static const double weights_nolex[NFEAT] = {
    0.5081, -0.8223, -0.1576, 0.02623, 0.5121, -0.7943, 0.5572, -0.8817, -3.013, -4.164, 0.9268, 0.8756, -4.228, -8.675, -3.176, -0.8566, 0, 0, 0, 0};

/* Resident memory in MB (for SVERKA_TRACE). */
static double rss_mb(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long pages = 0, rss = 0;
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &rss) != 2)
            rss = 0;
        fclose(f);
    }
    return (double)rss * 4096 / 1e6;
}

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* ---- options ------------------------------------------------------------ */

void sv_align_opts_init(sv_align_opts *o)
{
    memset(o, 0, sizeof *o);
    o->max_merge = 3;
    o->use_paragraphs = 1;
    o->full_dp_cells = (size_t)4 << 20;
    o->band = 4;
    o->chunk_rows = 4096;
}

const char *sv_link_bead(const sv_link *l)
{
    static const char *const names[4][4] = {{"0-0", "0-1", "0-2", "0-3"},
                                            {"1-0", "1-1", "1-2", "1-3"},
                                            {"2-0", "2-1", "2-2", "2-3"},
                                            {"3-0", "3-1", "3-2", "3-3"}};
    if (l->nsrc > 3 || l->ntgt > 3)
        return "n-m";
    return names[l->nsrc][l->ntgt];
}

/* ---- per-sentence evidence --------------------------------------------- */

/* Keys are 64-bit hashes of normalised strings; each sentence owns a
 * sorted, duplicate-free slice of a side's key pool, with a weight per key
 * (how rare the key is in the document pair). */
typedef struct {
    float len;        /* characters, spaces excluded */
    uint32_t para;
    uint8_t first_in_para, last_in_para, headline;
    uint32_t tok, ntok; /* slice of the token-anchor pool */
    uint32_t lem, nlem; /* slice of the lemma pool (lexicon.h ids) */
} sfeat;

/* Kinds of anchor keys; the kind is kept in the key's top bits. */
enum { K_TOK = 0, K_NAME = 1, K_NUM = 2, NKINDS = 3 };
#define KEY_KIND(k) ((int)((k) >> 62))
#define KEY_MAKE(kind, h) (((uint64_t)(kind) << 62) | ((h) & 0x3FFFFFFFFFFFFFFFULL))

typedef struct {
    sfeat *f;
    size_t n;
    uint32_t *orig;   /* index in the caller's array (segment.h caps sentences at 8M) */
    uint64_t *keys;   /* anchor-key pool (kind in the top bits) */
    float *w;         /* weight of each pool entry */
    size_t npool, cap;
    uint32_t *lems;   /* lemma pool */
    size_t nlems, caplems;
} side;

static void len_init(void);
static pthread_once_t len_once = PTHREAD_ONCE_INIT;
struct sv_aligner;
static int parse_weights(struct sv_aligner *a, const char *spec, sv_diags *diags);

struct sv_aligner {
    sv_align_opts o;
    double w[32], w_nolex[32]; /* the weights in use (fitted, or overridden) */
    sv_align_stats st;
    sv_names *names;
    sv_numscan *nums;
    sv_lexctx *lex;    /* NULL without a lexicon */
    sv_lexprep *prep;
};

sv_status sv_aligner_new(const sv_align_opts *opts, sv_aligner **out, sv_diags *diags)
{
    pthread_once(&len_once, len_init);
    sv_aligner *a = xcalloc(1, sizeof *a);
    if (opts)
        a->o = *opts;
    else
        sv_align_opts_init(&a->o);
    if (a->o.max_merge < 1 || a->o.max_merge > 3)
        a->o.max_merge = 3;
    if (!a->o.band)
        a->o.band = 4;
    if (a->o.chunk_rows < 64)
        a->o.chunk_rows = 4096;
    if (!a->o.full_dp_cells)
        a->o.full_dp_cells = (size_t)4 << 20;
    memcpy(a->w, weights, sizeof weights);
    memcpy(a->w_nolex, weights_nolex, sizeof weights_nolex);
    if (a->o.weights && parse_weights(a, a->o.weights, diags) != 0) {
        free(a);
        return SV_ERR_ARG;
    }
    sv_names_opts no;
    sv_names_opts_init(&no);
    no.dict = SV_NAMES_DICT_NONE; /* keys need no dictionary */
    sv_status st = sv_names_new(&no, &a->names, diags);
    if (st == SV_OK)
        st = sv_numscan_new(&a->nums, diags);
    if (st == SV_OK && a->o.lexicon) {
        st = sv_lexctx_new(a->o.lexicon, &a->lex, diags);
        a->prep = sv_lexprep_new();
    }
    if (st != SV_OK) {
        sv_aligner_free(a);
        return st;
    }
    *out = a;
    return SV_OK;
}

const char *sv_align_feature_name(int i)
{
    return i >= 0 && i < NFEAT ? feat_names[i] : NULL;
}

/* "name=value,name=value": overrides weights (both sets for shared names;
 * "nolex.name=value" for the lexicon-free set only). */
static int parse_weights(sv_aligner *a, const char *spec, sv_diags *diags)
{
    const char *p = spec;
    while (*p) {
        const char *eq = strchr(p, '=');
        const char *end = strchr(p, ',');
        if (!end)
            end = p + strlen(p);
        if (!eq || eq > end) {
            sv_diags_add(diags, SV_ERROR, NULL, 0, 0, -1, "weights: expected name=value in '%s'",
                         p);
            return -1;
        }
        int nolex = strncmp(p, "nolex.", 6) == 0;
        const char *name = nolex ? p + 6 : p;
        size_t nl = (size_t)(eq - name);
        int k = 0;
        while (k < NFEAT && !(strlen(feat_names[k]) == nl && !strncmp(feat_names[k], name, nl)))
            k++;
        char *num_end;
        double v = strtod(eq + 1, &num_end);
        if (k == NFEAT || num_end != end) {
            sv_diags_add(diags, SV_ERROR, NULL, 0, 0, -1, "weights: bad entry '%.*s'",
                         (int)(end - p), p);
            return -1;
        }
        if (!nolex)
            a->w[k] = v;
        if (nolex || k < F_LEXE)
            a->w_nolex[k] = v;
        p = *end ? end + 1 : end;
    }
    return 0;
}

void sv_aligner_free(sv_aligner *a)
{
    if (!a)
        return;
    sv_names_free(a->names);
    sv_numscan_free(a->nums);
    sv_lexctx_free(a->lex);
    sv_lexprep_free(a->prep);
    free(a);
}

void sv_aligner_stats(const sv_aligner *a, sv_align_stats *out)
{
    *out = a->st;
}

static uint64_t hash_bytes(const char *s, size_t n, uint64_t h)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static int is_latin(long c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Tokens that are written the same in both languages: Latin words (in an English sentence only capitalised ones or ones with digits,
 * which are the ones a Russian text may quote: MWP, Sputnik, COVID-19). */
static void anchor_tokens(const char *t, size_t len, sv_lang lang, uint64_t **keys,
                          size_t *n, size_t *cap)
{
    size_t i = 0;
    while (i < len) {
        size_t adv;
        long c = sv_utf8_decode(t + i, len - i, &adv);
        if (c >= '0' && c <= '9') { /* numbers.h reads numbers */
            while (i < len && ((t[i] >= '0' && t[i] <= '9') || t[i] == '.' || t[i] == ','))
                i++;
            continue;
        }
        if (is_latin(c)) {
            char buf[64];
            size_t k = 0, j = i;
            int upper = 0, digit = 0;
            while (j < len && (is_latin(t[j]) || (t[j] >= '0' && t[j] <= '9') ||
                               (t[j] == '-' && j + 1 < len && is_latin(t[j + 1])))) {
                char d = t[j];
                upper |= d >= 'A' && d <= 'Z';
                digit |= d >= '0' && d <= '9';
                if (k < sizeof buf - 1)
                    buf[k++] = (char)(d >= 'A' && d <= 'Z' ? d + 32 : d);
                j++;
            }
            if (k >= 2 && (lang != SV_LANG_EN || upper || digit))
                SV_PUSH(*keys, *n, *cap, KEY_MAKE(K_TOK, hash_bytes(buf, k, 0xcbf29ce484222325ULL)));
            i = j;
            continue;
        }
        i += adv;
    }
}

/* Names as anchor keys: the canonical spelling of each name word's key
 * (names.h), cut to its first 5 letters so that what the key's ending
 * rules leave apart still meets (voronezhsk / voronezh). */
static void name_keys(sv_names *nm, const char *t, size_t len, sv_lang lang, uint64_t **keys,
                      size_t *n, size_t *cap)
{
    sv_name *v = NULL;
    size_t nv = 0;
    if (sv_names_extract(nm, lang, t, len, &v, &nv) != SV_OK)
        return;
    for (size_t i = 0; i < nv; i++) {
        if (v[i].nwords != 1 || !v[i].key[0])
            continue;
        char canon[SV_NAME_KEY_SIZE * 2];
        size_t cl = sv_name_canon(v[i].key, canon, sizeof canon);
        if (cl >= sizeof canon)
            cl = sizeof canon - 1;
        if (v[i].kind != SV_NAME_ACRONYM && cl > 5)
            cl = 5;
        if (cl < 2)
            continue;
        uint64_t h = hash_bytes(canon, cl, 0x84222325cbf29ce4ULL);
        SV_PUSH(*keys, *n, *cap, KEY_MAKE(K_NAME, h));
    }
    free(v);
}

/* Numbers as anchor keys: their canonical keys (numbers.h), so that
 * "$500 million" meets "полмиллиарда долларов" and "13th" meets "13-е". */
static void number_keys(sv_numscan *ns, const char *t, size_t len, sv_lang lang,
                        uint64_t **keys, size_t *n, size_t *cap)
{
    sv_number *v = NULL;
    size_t nv = 0;
    if (sv_numbers_extract(ns, lang, t, len, &v, &nv) != SV_OK)
        return;
    for (size_t i = 0; i < nv; i++) {
        char key[64];
        size_t kl = sv_number_key(&v[i], key, sizeof key);
        if (kl >= sizeof key)
            kl = sizeof key - 1;
        uint64_t h = hash_bytes(key, kl, 0x9ce484222325cbf2ULL);
        SV_PUSH(*keys, *n, *cap, KEY_MAKE(K_NUM, h));
    }
    free(v);
}

/* A side's units are built in two halves that can run at the same time:
 * layout, anchor keys (tokens, names, numbers) in one, dictionary lemmas in
 * the other (they need different per-thread objects). */
static void side_layout(side *s, const sv_sentence *v, size_t n, int include_bp)
{
    memset(s, 0, sizeof *s);
    s->f = xcalloc(n + 1, sizeof *s->f);
    s->orig = xcalloc(n + 1, sizeof *s->orig);
    long long prev_para = -1;
    for (size_t i = 0; i < n; i++) {
        if (v[i].kind == SV_SEG_BOILERPLATE && !include_bp)
            continue;
        sfeat *f = &s->f[s->n];
        s->orig[s->n] = (uint32_t)i;
        f->para = (uint32_t)v[i].para;
        f->first_in_para = (long long)v[i].para != prev_para;
        if (s->n > 0 && f->first_in_para)
            s->f[s->n - 1].last_in_para = 1;
        prev_para = (long long)v[i].para;
        f->headline = v[i].kind == SV_SEG_HEADLINE;
        s->n++;
    }
    if (s->n > 0)
        s->f[s->n - 1].last_in_para = 1;
}

static void side_keys(side *s, const sv_sentence *v, sv_lang lang, sv_names *nm, sv_numscan *ns)
{
    uint64_t *tmp = NULL;
    size_t ntmp = 0, captmp = 0, pcap = 0;
    for (size_t u = 0; u < s->n; u++) {
        const sv_sentence *x = &v[s->orig[u]];
        sfeat *f = &s->f[u];
        f->len = 0;
        for (size_t k = 0; k < x->len; k++)
            f->len += ((unsigned char)x->text[k] & 0xC0) != 0x80 && x->text[k] != ' ';
        ntmp = 0;
        anchor_tokens(x->text, x->len, lang, &tmp, &ntmp, &captmp);
        if (nm)
            name_keys(nm, x->text, x->len, lang, &tmp, &ntmp, &captmp);
        if (ns)
            number_keys(ns, x->text, x->len, lang, &tmp, &ntmp, &captmp);
        if (ntmp > 1) /* tmp is NULL while nothing was added */
            qsort(tmp, ntmp, sizeof *tmp, cmp_u64);
        f->tok = (uint32_t)s->npool;
        for (size_t k = 0; k < ntmp; k++) {
            if (k > 0 && tmp[k] == tmp[k - 1])
                continue;
            if (s->npool + 1 > pcap) {
                pcap = pcap ? pcap * 2 : 1024;
                s->keys = xreallocarray(s->keys, pcap, sizeof *s->keys);
                s->w = xreallocarray(s->w, pcap, sizeof *s->w);
            }
            s->keys[s->npool] = tmp[k];
            s->w[s->npool++] = 1;
        }
        f->ntok = (uint32_t)(s->npool - f->tok);
    }
    free(tmp);
}

static void side_lemmas(side *s, const sv_sentence *v, sv_lang lang, sv_lexctx *lx)
{
    for (size_t u = 0; u < s->n; u++) {
        const sv_sentence *x = &v[s->orig[u]];
        sfeat *f = &s->f[u];
        f->lem = (uint32_t)s->nlems;
        size_t before = s->nlems;
        if (sv_lexctx_lemmas(lx, lang, x->text, x->len, &s->lems, &s->nlems, &s->caplems) !=
            SV_OK)
            s->nlems = before;
        f->nlem = (uint32_t)(s->nlems - f->lem);
    }
}

typedef struct {
    side *E, *R;
    const sv_sentence *ev, *rv;
    sv_lexctx *lx;
} lemma_job;

static void *lemma_worker(void *arg)
{
    lemma_job *j = arg;
    side_lemmas(j->E, j->ev, SV_LANG_EN, j->lx);
    side_lemmas(j->R, j->rv, SV_LANG_RU, j->lx);
    return NULL;
}

/* Builds both sides; with threads, the lemmas on a second thread. */
static void build_sides(sv_aligner *al, side *E, const sv_sentence *ev, size_t ne, side *R,
                        const sv_sentence *rv, size_t nr)
{
    side_layout(E, ev, ne, al->o.include_boilerplate);
    side_layout(R, rv, nr, al->o.include_boilerplate);
    lemma_job lj = {E, R, ev, rv, al->lex};
    pthread_t th;
    int threaded = al->lex && al->o.threads > 1 && ne + nr > 20000 &&
                   pthread_create(&th, NULL, lemma_worker, &lj) == 0;
    side_keys(E, ev, SV_LANG_EN, al->names, al->nums);
    side_keys(R, rv, SV_LANG_RU, al->names, al->nums);
    if (threaded)
        pthread_join(th, NULL);
    else if (al->lex)
        lemma_worker(&lj);
}

/* Gives back the unused capacity of a side's pools. */
static void side_shrink(side *s)
{
    if (s->npool) {
        s->keys = xreallocarray(s->keys, s->npool, sizeof *s->keys);
        s->w = xreallocarray(s->w, s->npool, sizeof *s->w);
    }
    if (s->nlems) {
        s->lems = xreallocarray(s->lems, s->nlems, sizeof *s->lems);
        s->caplems = s->nlems;
    }
}

static void free_side(side *s)
{
    free(s->lems);
    free(s->f);
    free(s->orig);
    free(s->keys);
    free(s->w);
}

/* Distinct keys of a side and how many times each occurs. */
typedef struct {
    uint64_t *k;
    uint32_t *n;
    size_t len;
} keycount;

static void count_keys(const side *x, keycount *out)
{
    uint64_t *v = xmalloc((x->npool + 1) * sizeof *v);
    if (x->npool > 0) {
        memcpy(v, x->keys, x->npool * sizeof *v);
        qsort(v, x->npool, sizeof *v, cmp_u64);
    }
    out->k = v;
    out->n = xmalloc((x->npool + 1) * sizeof *out->n);
    size_t d = 0;
    for (size_t i = 0; i < x->npool; i++) {
        if (d && v[d - 1] == v[i]) {
            out->n[d - 1]++;
            continue;
        }
        v[d] = v[i];
        out->n[d++] = 1;
    }
    out->len = d;
}

static uint32_t key_count(const keycount *c, uint64_t k)
{
    size_t lo = 0, hi = c->len;
    while (lo < hi) {
        size_t m = (lo + hi) / 2;
        if (c->k[m] < k)
            lo = m + 1;
        else
            hi = m;
    }
    return lo < c->len && c->k[lo] == k ? c->n[lo] : 0;
}

/* Keeps only the keys found on both sides (a key one side never has cannot
 * anchor anything) and weighs each by its rarity in the pair: a key in few
 * sentences says more. */
static void weigh_keys(side *a, side *b)
{
    keycount ca, cb; /* counted before the pools shrink */
    count_keys(a, &ca);
    count_keys(b, &cb);
    double total = (double)(a->n + b->n) + 1;
    side *sides[2] = {a, b};
    for (int s = 0; s < 2; s++) {
        side *x = sides[s];
        size_t w = 0;
        for (size_t u = 0; u < x->n; u++) {
            uint32_t start = (uint32_t)w;
            for (uint32_t k = 0; k < x->f[u].ntok; k++) {
                uint64_t key = x->keys[x->f[u].tok + k];
                uint32_t da = key_count(&ca, key), db = key_count(&cb, key);
                if (!da || !db)
                    continue;
                x->keys[w] = key;
                x->w[w++] = (float)log(total / (double)(da + db));
            }
            x->f[u].tok = start;
            x->f[u].ntok = (uint32_t)(w - start);
        }
        x->npool = w;
    }
    free(ca.k);
    free(ca.n);
    free(cb.k);
    free(cb.n);
}

/* ---- bead scores ------------------------------------------------------- */

/* Gale and Church's length model: delta = (lr - c le) / sqrt(s2 (le + lr/c) / 2),
 * cost = -log(2 (1 - Phi(|delta|))).  c and s2 were estimated on the NTREX
 * gold pairs (docs/design.md). */
#define LEN_C 1.10
#define LEN_S2 4.1
#define LEN_K2 0.0025 /* (5% ratio spread between documents)^2 */

/* -log(2 (1 - Phi(d))) tabulated for d in [0, 8] in steps of 1/64. */
enum { LEN_TAB = 512 };
static float len_tab[LEN_TAB + 1];

static float half_tab[513];

static void len_init(void)
{
    for (int i = 0; i <= 512; i++)
        half_tab[i] = (float)log1p(i / 2.0);
    for (int k = 0; k <= LEN_TAB; k++) {
        double p = erfc((double)k / 64 / M_SQRT2);
        len_tab[k] = (float)-log(p < 1e-12 ? 1e-12 : p);
    }
}

static double length_cost(double le, double lr)
{
    double mean = (le + lr / LEN_C) / 2;
    if (mean < 1)
        mean = 1;
    /* the variance grows with length (Gale and Church) and, for long units,
     * with the square of length: a document's own ratio differs from c */
    double d = fabs(lr - LEN_C * le) / sqrt(LEN_S2 * mean + LEN_K2 * mean * mean) * 64;
    if (d >= LEN_TAB)
        return len_tab[LEN_TAB];
    int k = (int)d;
    double f = d - k;
    return len_tab[k] * (1 - f) + len_tab[k + 1] * f;
}

/* ---- the band of the dynamic programme ------------------------------------ */

typedef struct {
    int a, b;
} bead_t;

static const bead_t beads[] = {{1, 0}, {0, 1}, {1, 1}, {2, 1}, {1, 2}, {2, 2}, {3, 1}, {1, 3}};
enum { NBEADS = 8 };

typedef struct {
    size_t N, M;
    size_t *lo, *hi;    /* allowed j range of row i, inclusive */
    size_t *off;        /* offset of row i's cells */
    size_t cells;
} band_t;

static int in_band(const band_t *bd, size_t i, size_t j)
{
    return j >= bd->lo[i] && j <= bd->hi[i];
}

static size_t cell(const band_t *bd, size_t i, size_t j)
{
    return bd->off[i] + (j - bd->lo[i]);
}

/* Makes the band monotone and connected (every row's range reaches into
 * the previous row's), so that some path always leads from (0,0) to (N,M),
 * then lays out its cells. */
static void band_finish(band_t *bd)
{
    size_t N = bd->N;
    bd->lo[0] = 0;
    bd->hi[N] = bd->M;
    for (size_t i = 1; i <= N; i++)
        if (bd->hi[i] < bd->hi[i - 1])
            bd->hi[i] = bd->hi[i - 1];
    for (size_t i = N; i-- > 0;)
        if (bd->lo[i] > bd->lo[i + 1])
            bd->lo[i] = bd->lo[i + 1];
    for (size_t i = 1; i <= N; i++)
        if (bd->lo[i] > bd->hi[i - 1])
            bd->lo[i] = bd->hi[i - 1];
    bd->off = xmalloc((bd->N + 2) * sizeof *bd->off);
    size_t c = 0;
    for (size_t i = 0; i <= bd->N; i++) {
        bd->off[i] = c;
        c += bd->hi[i] - bd->lo[i] + 1;
    }
    bd->cells = c;
}

static void band_full(band_t *bd, size_t N, size_t M)
{
    bd->N = N;
    bd->M = M;
    bd->lo = xmalloc((N + 1) * sizeof *bd->lo);
    bd->hi = xmalloc((N + 1) * sizeof *bd->hi);
    for (size_t i = 0; i <= N; i++) {
        bd->lo[i] = 0;
        bd->hi[i] = M;
    }
    band_finish(bd);
}

static void band_free(band_t *bd)
{
    free(bd->lo);
    free(bd->hi);
    free(bd->off);
}

/* Bits set in x, without the library call the baseline x86-64 target needs. */
static inline int popc(uint64_t x)
{
    x = x - ((x >> 1) & 0x5555555555555555ULL);
    x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
    return (int)((x * 0x0101010101010101ULL) >> 56);
}

/* ---- evidence of sentence pairs ------------------------------------------
 *
 * The evidence of a bead is assembled from the evidence of the sentence
 * pairs (x, y) it covers, kept as bit masks so that beads of several
 * sentences combine exactly by OR: which anchor keys of x are found in y
 * (and of y in x), and which dictionary words match (lexicon.h).  Pairs are
 * computed row by row (one English unit against the Russian units its band
 * can reach) and kept for the few rows a bead can span, so that each pass
 * of the dynamic programme computes a pair once.  Keys beyond the 64th of a
 * unit are not represented. */
enum { PAIRROWS = 8 };

typedef struct {
    uint64_t ek, rk;  /* anchor keys of x found in y, of y found in x */
    sv_lexmask lex;   /* dictionary matches (zero without a lexicon) */
    /* the same, summed for a 1-1 bead: key weights of x found in y and not,
     * of y not found in x; dictionary words matched and known */
    float ehit[NKINDS], emiss[NKINDS], rmiss[NKINDS];
    float leh, lek, lrh, lrk;
} pairev;

typedef struct {
    long long x;     /* English unit of this row, -1: none */
    size_t y0, ny;   /* Russian units [y0, y0+ny) */
    pairev *m;
    size_t cap;
} pairrow;

typedef struct {
    sv_lexctx *c;    /* NULL: no dictionary evidence */
    sv_lexprep *p;
    const side *E, *R;
    const size_t *lo, *hi; /* the band (prefix rows) */
    pairrow rows[PAIRROWS];
} paircache;

/* Which keys of the two sorted slices match, as masks over each slice. */
static void key_masks(const uint64_t *ka, size_t n1, const uint64_t *kb, size_t n2,
                      uint64_t *ma, uint64_t *mb)
{
    uint64_t a = 0, b = 0;
    size_t i = 0, j = 0;
    if (n1 > 64)
        n1 = 64;
    if (n2 > 64)
        n2 = 64;
    while (i < n1 && j < n2) {
        if (ka[i] == kb[j]) {
            a |= (uint64_t)1 << i++;
            b |= (uint64_t)1 << j++;
        } else if (ka[i] < kb[j]) {
            i++;
        } else {
            j++;
        }
    }
    *ma = a;
    *mb = b;
}

/* Adds the weights of the keys of unit u of side S, per kind, to hit when
 * their bit is set in mask and to miss when it is not (either may be NULL). */
static void weigh_mask(const side *S, size_t u, uint64_t mask, float *hit, float *miss)
{
    const sfeat *f = &S->f[u];
    for (uint32_t k = 0; k < f->ntok && k < 64; k++) {
        int kind = KEY_KIND(S->keys[f->tok + k]);
        if (mask >> k & 1) {
            if (hit)
                hit[kind] += S->w[f->tok + k];
        } else if (miss) {
            miss[kind] += S->w[f->tok + k];
        }
    }
}

static void pair_compute(paircache *pc, size_t x, size_t y, pairev *out, int prepared)
{
    const sfeat *e = &pc->E->f[x], *f = &pc->R->f[y];
    key_masks(pc->E->keys + e->tok, e->ntok, pc->R->keys + f->tok, f->ntok, &out->ek, &out->rk);
    for (int k = 0; k < NKINDS; k++)
        out->ehit[k] = out->emiss[k] = out->rmiss[k] = 0;
    weigh_mask(pc->E, x, out->ek, out->ehit, out->emiss);
    weigh_mask(pc->R, y, out->rk, NULL, out->rmiss);
    if (pc->c) {
        if (!prepared)
            sv_lexprep_set(pc->p, pc->c, pc->E->lems + e->lem, e->nlem);
        sv_lexprep_match(pc->p, pc->c, pc->R->lems + f->lem, f->nlem, &out->lex);
        const sv_lexmask *l = &out->lex;
        out->leh = (float)(popc(l->en_exact) + 0.5 * popc(l->en_fuzzy & ~l->en_exact));
        out->lek = (float)popc(l->en_known);
        out->lrh = (float)(popc(l->ru_exact) + 0.5 * popc(l->ru_fuzzy & ~l->ru_exact));
        out->lrk = (float)popc(l->ru_known);
    } else {
        memset(&out->lex, 0, sizeof out->lex);
        out->leh = out->lek = out->lrh = out->lrk = 0;
    }
}

static const pairev *pair_get(paircache *pc, size_t x, size_t y)
{
    pairrow *r = &pc->rows[x % PAIRROWS];
    if (r->x != (long long)x) {
        /* beads that use unit x start in prefix rows x-2 .. x */
        size_t a = x >= 2 ? x - 2 : 0;
        size_t lo = SIZE_MAX, hi = 0;
        for (size_t i = a; i <= x; i++) {
            if (pc->lo[i] < lo)
                lo = pc->lo[i];
            if (pc->hi[i] + 2 > hi)
                hi = pc->hi[i] + 2;
        }
        if (hi >= pc->R->n)
            hi = pc->R->n ? pc->R->n - 1 : 0;
        r->x = (long long)x;
        r->y0 = lo;
        r->ny = hi >= lo ? hi - lo + 1 : 0;
        if (r->ny > r->cap) {
            r->cap = r->ny;
            r->m = xreallocarray(r->m, r->cap, sizeof *r->m);
        }
        if (pc->c) {
            const sfeat *e = &pc->E->f[x];
            sv_lexprep_set(pc->p, pc->c, pc->E->lems + e->lem, e->nlem);
        }
        for (size_t k = 0; k < r->ny; k++)
            pair_compute(pc, x, r->y0 + k, &r->m[k], 1);
    }
    if (y >= r->y0 && y < r->y0 + r->ny)
        return &r->m[y - r->y0];
    /* outside the band (not for beads in the band): compute it alone */
    static _Thread_local pairev one;
    pair_compute(pc, x, y, &one, 0);
    r->x = -1; /* the prepared sentence changed */
    return &one;
}

static void paircache_init(paircache *pc, sv_lexctx *c, sv_lexprep *p, const side *E,
                           const side *R, const band_t *bd)
{
    for (int k = 0; k < PAIRROWS; k++)
        free(pc->rows[k].m);
    memset(pc, 0, sizeof *pc);
    pc->c = c;
    pc->p = p;
    pc->E = E;
    pc->R = R;
    pc->lo = bd->lo;
    pc->hi = bd->hi;
    for (int k = 0; k < PAIRROWS; k++)
        pc->rows[k].x = -1;
}

static void paircache_free(paircache *pc)
{
    for (int k = 0; k < PAIRROWS; k++)
        free(pc->rows[k].m);
    memset(pc, 0, sizeof *pc);
}

typedef struct {
    const side *E, *R;
    double logprior[4][4]; /* log P(bead type) */
    int use_par;
    paircache *pc;         /* evidence of sentence pairs */
    int lex;               /* dictionary evidence in pc (not at coarse levels) */
    const double *w, *w_nolex;
    int coarse;            /* units are merged sentences with truncated key sets */
    size_t ioff, joff;     /* a chunk's first units (the DP works in chunk coordinates) */
} model;

/* The evidence about a linked bead, as a feature vector; the bead's log-odds
 * is the dot product with the weights below.  The weights were fitted by
 * logistic regression on candidate beads of the dev sets (tools/fit-align.py
 * and docs/design.md, "Fitting"). */

/* log(1 + v) for v a multiple of 1/2, tabulated up to 256 (len_init). */
static double log_half(double v)
{
    int k = (int)(v * 2 + 0.5);
    return k > 512 ? log1p(v) : half_tab[k];
}

/* Dictionary coverage of a bead: the share of the known English words
 * translated on the Russian side, the share of the Russian words that are
 * translations of English ones (prefix-only matches count half), the
 * number of matched words (log scale), and whether neither side has any
 * word the dictionary knows. */
static void lex_features(const model *m, size_t i0, int a, size_t j0, int b, double *f)
{
    double eh = 0, ek = 0, rh = 0, rk = 0;
    for (int x = 0; x < a; x++) {
        if (b == 1) { /* one Russian unit: the pair's own counts */
            const pairev *pe = pair_get(m->pc, i0 + (size_t)x, j0);
            eh += pe->leh;
            ek += pe->lek;
            continue;
        }
        uint64_t ex = 0, fz = 0, known = 0;
        for (int y = 0; y < b; y++) {
            const sv_lexmask *k = &pair_get(m->pc, i0 + (size_t)x, j0 + (size_t)y)->lex;
            ex |= k->en_exact;
            fz |= k->en_fuzzy;
            known = k->en_known;
        }
        fz &= ~ex;
        eh += popc(ex) + 0.5 * popc(fz);
        ek += popc(known);
    }
    for (int y = 0; y < b; y++) {
        if (a == 1) {
            const pairev *pe = pair_get(m->pc, i0, j0 + (size_t)y);
            rh += pe->lrh;
            rk += pe->lrk;
            continue;
        }
        uint64_t ex = 0, fz = 0, known = 0;
        for (int x = 0; x < a; x++) {
            const sv_lexmask *k = &pair_get(m->pc, i0 + (size_t)x, j0 + (size_t)y)->lex;
            ex |= k->ru_exact;
            fz |= k->ru_fuzzy;
            known = k->ru_known;
        }
        fz &= ~ex;
        rh += popc(ex) + 0.5 * popc(fz);
        rk += popc(known);
    }
    f[F_LEXE] = ek > 0 ? eh / ek : 0;
    f[F_LEXR] = rk > 0 ? rh / rk : 0;
    f[F_LEXHIT] = log_half(eh + rh);
    f[F_LEXNONE] = ek + rk == 0;
}

static void bead_features(const model *m, size_t i0, int a, size_t j0, int b, double *f)
{
    const side *E = m->E, *R = m->R;
    double le = 0, lr = 0;
    int e_head = 0, r_head = 0, e_cross = 0, r_cross = 0;
    for (int k = 0; k < a; k++) {
        le += E->f[i0 + k].len;
        e_head |= E->f[i0 + k].headline;
        if (k > 0 && E->f[i0 + k].first_in_para)
            e_cross++;
    }
    for (int k = 0; k < b; k++) {
        lr += R->f[j0 + k].len;
        r_head |= R->f[j0 + k].headline;
        if (k > 0 && R->f[j0 + k].first_in_para)
            r_cross++;
    }
    float hit[NKINDS] = {0}, miss[NKINDS] = {0};
    for (int x = 0; x < a; x++) {
        if (b == 1) { /* one Russian unit: the pair's own sums */
            const pairev *pe = pair_get(m->pc, i0 + (size_t)x, j0);
            for (int k = 0; k < NKINDS; k++) {
                hit[k] += pe->ehit[k];
                miss[k] += pe->emiss[k];
            }
            continue;
        }
        uint64_t mk = 0;
        for (int y = 0; y < b; y++)
            mk |= pair_get(m->pc, i0 + (size_t)x, j0 + (size_t)y)->ek;
        weigh_mask(E, i0 + (size_t)x, mk, hit, miss);
    }
    for (int y = 0; y < b; y++) {
        if (a == 1) {
            const pairev *pe = pair_get(m->pc, i0, j0 + (size_t)y);
            for (int k = 0; k < NKINDS; k++)
                miss[k] += pe->rmiss[k];
            continue;
        }
        uint64_t mk = 0;
        for (int x = 0; x < a; x++)
            mk |= pair_get(m->pc, i0 + (size_t)x, j0 + (size_t)y)->rk;
        weigh_mask(R, j0 + (size_t)y, mk, NULL, miss);
    }
    f[F_BIAS] = 1;
    f[F_LEN] = length_cost(le, lr);
    if (m->coarse) /* a coarse unit keeps only its rarest keys: a miss means little */
        for (int k = 0; k < NKINDS; k++)
            miss[k] = 0;
    f[F_TOKHIT] = hit[K_TOK];
    f[F_TOKMISS] = miss[K_TOK];
    f[F_NUMHIT] = hit[K_NUM];
    f[F_NUMMISS] = miss[K_NUM];
    f[F_NAMEHIT] = hit[K_NAME];
    f[F_NAMEMISS] = miss[K_NAME];
    f[F_HEADDIFF] = e_head != r_head;
    f[F_PARCROSS] = m->use_par ? e_cross + r_cross : 0;
    f[F_PARSTART] = m->use_par && E->f[i0].first_in_para && R->f[j0].first_in_para;
    f[F_PAREND] = m->use_par && E->f[i0 + a - 1].last_in_para && R->f[j0 + b - 1].last_in_para;
    f[F_B21] = (a == 2 && b == 1) || (a == 1 && b == 2);
    f[F_B22] = a == 2 && b == 2;
    f[F_B31] = a + b == 4 && a != b;
    f[F_SHORT] = le + lr < 40;
    if (m->lex)
        lex_features(m, i0, a, j0, b, f);
    else
        f[F_LEXE] = f[F_LEXR] = f[F_LEXHIT] = f[F_LEXNONE] = 0;
}

/* Log-odds that EN sentences [i0, i0+a) and RU sentences [j0, j0+b) are
 * translations of each other. */
static double link_logodds(const model *m, size_t i0, int a, size_t j0, int b)
{
    double f[NFEAT];
    bead_features(m, i0, a, j0, b, f);
    const double *w = m->lex ? m->w : m->w_nolex;
    double z = 0;
    for (int k = 0; k < NFEAT; k++)
        z += w[k] * f[k];
    return z;
}

static double bead_score(const model *m, size_t i0, int a, size_t j0, int b)
{
    double s = m->logprior[a][b];
    if (a > 0 && b > 0)
        s += link_logodds(m, i0 + m->ioff, a, j0 + m->joff, b);
    return s;
}

/* ---- dynamic programme ---------------------------------------------------- */

static double logadd(double x, double y)
{
    if (x == -INFINITY)
        return y;
    if (y == -INFINITY)
        return x;
    return x > y ? x + log1p(exp(y - x)) : y + log1p(exp(x - y));
}

typedef struct {
    size_t i0, j0; /* start cell */
    int a, b;
    double post;
} pbead;

/* Scores of a band, one float per cell, each row stored relative to its
 * own maximum (kept in double): the absolute log scores of a long input
 * reach millions, where a float cannot tell the small differences that
 * decide the path and the posteriors. */
typedef struct {
    float *v;
    double *off; /* per row */
} scores;

static void scores_new(scores *s, const band_t *bd)
{
    s->v = xmalloc(bd->cells * sizeof *s->v);
    s->off = xcalloc(bd->N + 1, sizeof *s->off);
}

static void scores_free(scores *s)
{
    free(s->v);
    free(s->off);
}

static double score_at(const scores *s, const band_t *bd, size_t i, size_t j)
{
    float r = s->v[cell(bd, i, j)];
    return r == -INFINITY ? -INFINITY : r + s->off[i];
}

/* Stores a row computed in double. */
static void store_row(scores *s, const band_t *bd, size_t i, const double *row)
{
    size_t n = bd->hi[i] - bd->lo[i] + 1;
    double mx = -INFINITY;
    for (size_t k = 0; k < n; k++)
        if (row[k] > mx)
            mx = row[k];
    if (mx == -INFINITY)
        mx = 0;
    s->off[i] = mx;
    float *out = s->v + bd->off[i];
    for (size_t k = 0; k < n; k++)
        out[k] = row[k] == -INFINITY ? -INFINITY : (float)(row[k] - mx);
}

/* Viterbi (and, if fb, forward-backward posteriors of the path's beads,
 * computed in the same band). */
/* Link scores of a band, computed once: NLINKB floats per cell, keyed by
 * the bead's end cell and type, NaN until computed.  The forward, backward
 * and posterior passes, and the prior re-estimation runs over the same
 * band, all read the same values (link log-odds do not depend on the
 * priors). */
enum { NLINKB = NBEADS - 2 }; /* beads[2..] have both sides */

typedef struct lcache {
    float *v;                    /* NLINKB per cell of bd */
    const band_t *bd;
    const struct lcache *parent; /* a wider band's cache over the same cells, or NULL */
} lcache;

/* Borrows bd and parent; they must outlive the cache. */
static void lcache_init(lcache *c, const band_t *bd, const lcache *parent)
{
    c->v = xmalloc(bd->cells * NLINKB * sizeof *c->v);
    for (size_t k = 0; k < bd->cells * NLINKB; k++)
        c->v[k] = NAN;
    c->bd = bd;
    c->parent = parent;
}

static void lcache_free(lcache *c)
{
    free(c->v);
    c->v = NULL;
}

/* bead_score of bead type t from (pi, pj) to (i, j), through the cache lc
 * (may be NULL). */
static double cached_score(const model *m, lcache *lc, size_t i, size_t j, size_t pi, size_t pj,
                           int t)
{
    int a = beads[t].a, b = beads[t].b;
    if (!lc || !a || !b)
        return bead_score(m, pi, a, pj, b);
    float *c = &lc->v[cell(lc->bd, i, j) * NLINKB + (size_t)(t - 2)];
    if (isnan(*c)) {
        const lcache *up = lc->parent;
        if (up && in_band(up->bd, i, j) && !isnan(up->v[cell(up->bd, i, j) * NLINKB + (size_t)(t - 2)]))
            *c = up->v[cell(up->bd, i, j) * NLINKB + (size_t)(t - 2)];
        else
            *c = (float)link_logodds(m, pi + m->ioff, a, pj + m->joff, b);
    }
    return m->logprior[a][b] + (double)*c;
}

static size_t run_dp(const model *m, const band_t *bd, int max_merge, int fb, lcache *lc_in,
                     pbead **path)
{
    /* a forward-backward run reads each score three times: cache them */
    lcache own = {NULL, NULL, NULL};
    lcache *lc = lc_in;
    if (!lc && fb) {
        lcache_init(&own, bd, NULL);
        lc = &own;
    }
    scores V, F = {0}, B = {0};
    scores_new(&V, bd);
    if (fb)
        scores_new(&F, bd);
    uint8_t *bp = xmalloc(bd->cells);
    size_t width = 0;
    for (size_t i = 0; i <= bd->N; i++)
        if (bd->hi[i] - bd->lo[i] + 1 > width)
            width = bd->hi[i] - bd->lo[i] + 1;
    double *rowV = xmalloc(width * sizeof *rowV), *rowF = xmalloc(width * sizeof *rowF);
    for (size_t i = 0; i <= bd->N; i++) {
        for (size_t j = bd->lo[i]; j <= bd->hi[i]; j++) {
            size_t k = j - bd->lo[i];
            if (i == 0 && j == 0) {
                rowV[k] = rowF[k] = 0;
                bp[cell(bd, i, j)] = 255;
                continue;
            }
            double best = -INFINITY, sum = -INFINITY;
            int arg = 255;
            for (int t = 0; t < NBEADS; t++) {
                int a = beads[t].a, b = beads[t].b;
                if (a > max_merge || b > max_merge || (size_t)a > i || (size_t)b > j)
                    continue;
                size_t pi = i - (size_t)a, pj = j - (size_t)b;
                if (!in_band(bd, pi, pj))
                    continue;
                double pv = a == 0 ? rowV[pj - bd->lo[i]] : score_at(&V, bd, pi, pj);
                if (pv == -INFINITY)
                    continue;
                double sc = cached_score(m, lc, i, j, pi, pj, t);
                if (pv + sc > best) {
                    best = pv + sc;
                    arg = t;
                }
                if (fb) {
                    double pf = a == 0 ? rowF[pj - bd->lo[i]] : score_at(&F, bd, pi, pj);
                    sum = logadd(sum, pf + sc);
                }
            }
            rowV[k] = best;
            rowF[k] = sum;
            bp[cell(bd, i, j)] = (uint8_t)arg;
        }
        store_row(&V, bd, i, rowV);
        if (fb)
            store_row(&F, bd, i, rowF);
    }
    /* backtrace */
    pbead *p = NULL;
    size_t np = 0, cap = 0;
    size_t i = bd->N, j = bd->M;
    while (i > 0 || j > 0) {
        uint8_t t = bp[cell(bd, i, j)];
        if (t == 255)
            break; /* cannot happen with a connected band */
        pbead x = {i - (size_t)beads[t].a, j - (size_t)beads[t].b, beads[t].a, beads[t].b, 1};
        SV_PUSH(p, np, cap, x);
        i = x.i0;
        j = x.j0;
    }
    for (size_t k = 0; k < np / 2; k++) {
        pbead t = p[k];
        p[k] = p[np - 1 - k];
        p[np - 1 - k] = t;
    }
    if (fb) {
        scores_new(&B, bd);
        for (size_t ii = bd->N + 1; ii-- > 0;) {
            for (size_t jj = bd->hi[ii] + 1; jj-- > bd->lo[ii];) {
                size_t k = jj - bd->lo[ii];
                if (ii == bd->N && jj == bd->M) {
                    rowV[k] = 0;
                    continue;
                }
                double sum = -INFINITY;
                for (int t = 0; t < NBEADS; t++) {
                    int a = beads[t].a, b = beads[t].b;
                    if (a > max_merge || b > max_merge)
                        continue;
                    size_t ni = ii + (size_t)a, nj = jj + (size_t)b;
                    if (ni > bd->N || nj > bd->M || !in_band(bd, ni, nj))
                        continue;
                    double bw = a == 0 ? rowV[nj - bd->lo[ii]] : score_at(&B, bd, ni, nj);
                    if (bw == -INFINITY)
                        continue;
                    sum = logadd(sum, cached_score(m, lc, ni, nj, ii, jj, t) + bw);
                }
                rowV[k] = sum;
            }
            store_row(&B, bd, ii, rowV);
        }
        double Z = score_at(&F, bd, bd->N, bd->M);
        for (size_t k = 0; k < np; k++) {
            int t = 0;
            while (beads[t].a != p[k].a || beads[t].b != p[k].b)
                t++;
            double lp = score_at(&F, bd, p[k].i0, p[k].j0) +
                        cached_score(m, lc, p[k].i0 + (size_t)p[k].a, p[k].j0 + (size_t)p[k].b,
                                     p[k].i0, p[k].j0, t) +
                        score_at(&B, bd, p[k].i0 + (size_t)p[k].a, p[k].j0 + (size_t)p[k].b) - Z;
            p[k].post = lp > 0 ? 1 : exp(lp);
        }
        scores_free(&B);
        scores_free(&F);
    }
    free(rowV);
    free(rowF);
    scores_free(&V);
    free(bp);
    lcache_free(&own);
    *path = p;
    return np;
}

/* Widens the band bd (row ranges lo..hi set) by w: in columns, and in rows
 * through the ranges of the w rows on each side; the corners stay inside,
 * then the band is finished. */
static void widen_band(band_t *bd, size_t w)
{
    size_t N = bd->N, M = bd->M;
    size_t *lo2 = xmalloc((N + 1) * sizeof *lo2), *hi2 = xmalloc((N + 1) * sizeof *hi2);
    for (size_t i = 0; i <= N; i++) {
        size_t a = i > w ? i - w : 0, b = i + w < N ? i + w : N;
        size_t lo = M, hi = 0;
        for (size_t r = a; r <= b; r++) {
            if (bd->lo[r] < lo) lo = bd->lo[r];
            if (bd->hi[r] > hi) hi = bd->hi[r];
        }
        lo2[i] = lo > w ? lo - w : 0;
        hi2[i] = hi + w < M ? hi + w : M;
        if (lo2[i] > hi2[i]) /* a row no range reached */
            lo2[i] = hi2[i];
    }
    lo2[0] = 0;
    hi2[N] = M;
    free(bd->lo);
    free(bd->hi);
    bd->lo = lo2;
    bd->hi = hi2;
    band_finish(bd);
}

/* The band around a path at the same level: the cells of its beads,
 * widened by w (for posteriors of long inputs: the probability mass lies
 * near the best path, and forward-backward in a narrow band costs little). */
static void path_band(const pbead *p, size_t np, size_t N, size_t M, size_t w, band_t *bd)
{
    bd->N = N;
    bd->M = M;
    bd->lo = xmalloc((N + 1) * sizeof *bd->lo);
    bd->hi = xmalloc((N + 1) * sizeof *bd->hi);
    for (size_t i = 0; i <= N; i++) {
        bd->lo[i] = M;
        bd->hi[i] = 0;
    }
    bd->lo[0] = bd->hi[0] = 0;
    for (size_t k = 0; k < np; k++) {
        size_t i0 = p[k].i0, i1 = p[k].i0 + (size_t)p[k].a;
        size_t j0 = p[k].j0, j1 = p[k].j0 + (size_t)p[k].b;
        for (size_t i = i0; i <= i1; i++) {
            if (j0 < bd->lo[i]) bd->lo[i] = j0;
            if (j1 > bd->hi[i]) bd->hi[i] = j1;
        }
    }
    widen_band(bd, w);
}

/* Bead priors: a sentence is left unlinked with probability pskip per
 * side; every linked bead shares the rest (the cost of merging sentences is
 * in the bead's evidence: the b21, b22, b31 weights). */
#define PSKIP0 0.1

static void init_priors(model *m, double pskip)
{
    for (int a = 0; a < 4; a++)
        for (int b = 0; b < 4; b++)
            m->logprior[a][b] = -INFINITY;
    m->logprior[1][0] = m->logprior[0][1] = log(pskip);
    double link = log(1 - 2 * pskip);
    m->logprior[1][1] = m->logprior[2][1] = m->logprior[1][2] = m->logprior[2][2] = link;
    m->logprior[3][1] = m->logprior[1][3] = link;
}

/* Re-estimates pskip from a path: the share of unlinked-sentence beads,
 * smoothed towards PSKIP0 with a few pseudo-counts and kept in
 * [0.01, 0.45]. */
static double reestimate(model *m, const pbead *p, size_t np)
{
    double skips = 0;
    for (size_t k = 0; k < np; k++)
        skips += p[k].a == 0 || p[k].b == 0;
    const double alpha = 10;
    double q = (skips / 2 + alpha * PSKIP0) / ((double)np + alpha);
    if (q < 0.01)
        q = 0.01;
    if (q > 0.45)
        q = 0.45;
    init_priors(m, q);
    return q;
}

/* ---- coarse-to-fine ------------------------------------------------------ */

/* Keys kept per coarse unit (a consistent sample of its keys). */
enum { COARSE_KEYS = 24, COARSE_CELLS = 120000, COARSE_GATHER = 512 };

typedef struct {
    uint64_t k;
    float w;
} kw;



static int cmp_kw_key(const void *a, const void *b)
{
    uint64_t x = ((const kw *)a)->k, y = ((const kw *)b)->k;
    return x < y ? -1 : x > y;
}

/* Level k of a side: unit u stands for the units [u 2^k, (u+1) 2^k) of the
 * sentence level f, with their summed length and a consistent sample of
 * their keys (the COARSE_KEYS smallest by hash, so that both sides keep the
 * same keys when they share them, whatever their counts).  Built straight
 * from the sentences, so only one coarse level need exist at a time. */
static void coarsen_from(const side *f, int k, side *c)
{
    memset(c, 0, sizeof *c);
    size_t span = (size_t)1 << k;
    c->n = (f->n + span - 1) / span;
    c->f = xcalloc(c->n + 1, sizeof *c->f);
    c->orig = xcalloc(c->n + 1, sizeof *c->orig);
    c->keys = xmalloc((c->n * COARSE_KEYS + 1) * sizeof *c->keys);
    c->w = xmalloc((c->n * COARSE_KEYS + 1) * sizeof *c->w);
    const uint64_t HASH = 0x3FFFFFFFFFFFFFFFULL;
    for (size_t u = 0; u < c->n; u++) {
        size_t a = u * span, b = a + span < f->n ? a + span : f->n; /* [a, b) */
        sfeat *x = &c->f[u];
        x->para = f->f[a].para;
        x->first_in_para = f->f[a].first_in_para;
        x->last_in_para = f->f[b - 1].last_in_para;
        x->headline = 1;
        kw best[COARSE_KEYS]; /* ascending by hash */
        size_t nb = 0;
        for (size_t v = a; v < b; v++) {
            x->len += f->f[v].len;
            x->headline &= f->f[v].headline;
            for (uint32_t q = 0; q < f->f[v].ntok; q++) {
                uint64_t key = f->keys[f->f[v].tok + q];
                uint64_t h = key & HASH;
                if (nb == COARSE_KEYS && h >= (best[nb - 1].k & HASH))
                    continue;
                size_t i = nb;
                while (i > 0 && (best[i - 1].k & HASH) > h)
                    i--;
                if ((i > 0 && best[i - 1].k == key) || (i < nb && best[i].k == key))
                    continue; /* already there */
                if (nb == COARSE_KEYS)
                    nb--;
                memmove(best + i + 1, best + i, (nb - i) * sizeof *best);
                best[i].k = key;
                best[i].w = f->w[f->f[v].tok + q];
                nb++;
            }
        }
        if (nb > 1)
            qsort(best, nb, sizeof *best, cmp_kw_key);
        c->orig[u] = (uint32_t)a;
        x->tok = (uint32_t)c->npool;
        x->ntok = (uint32_t)nb;
        for (size_t i = 0; i < nb; i++) {
            c->keys[c->npool] = best[i].k;
            c->w[c->npool++] = best[i].w;
        }
    }
}

/* The band of a finer level: around the path of the coarser level, each
 * coarse bead becoming the rectangle of fine cells it covers, widened by w
 * columns on each side. */
static void project_band(const pbead *p, size_t np, size_t N, size_t M, size_t w, band_t *bd)
{
    bd->N = N;
    bd->M = M;
    bd->lo = xmalloc((N + 1) * sizeof *bd->lo);
    bd->hi = xmalloc((N + 1) * sizeof *bd->hi);
    for (size_t i = 0; i <= N; i++) {
        bd->lo[i] = M;
        bd->hi[i] = 0;
        if (np == 0) { /* no coarser path (cannot happen with a connected band): the diagonal */
            size_t d = N ? i * M / N : 0;
            bd->lo[i] = bd->hi[i] = d;
        }
    }
    for (size_t k = 0; k < np; k++) {
        size_t i0 = 2 * p[k].i0, i1 = 2 * (p[k].i0 + (size_t)p[k].a);
        size_t j0 = 2 * p[k].j0, j1 = 2 * (p[k].j0 + (size_t)p[k].b);
        if (i1 > N) i1 = N;
        if (j1 > M) j1 = M;
        if (i0 > N) i0 = N;
        if (j0 > M) j0 = M;
        for (size_t i = i0; i <= i1; i++) {
            if (j0 < bd->lo[i]) bd->lo[i] = j0;
            if (j1 > bd->hi[i]) bd->hi[i] = j1;
        }
    }
    widen_band(bd, w);
}

/* ---- the finest level of a long input, in chunks ---------------------------
 *
 * The finest level of a long input is split at stable points of the
 * coarser path (a run of 1-1 beads, whose shared corner the path all but
 * surely crosses) into chunks aligned independently, in parallel when
 * threads are allowed: each gets its own pair cache and dictionary state.
 * Within a chunk: the best path in the band, then posteriors in a narrow
 * band around it. */

typedef struct {
    size_t i0, j0, i1, j1; /* corners, in fine units */
    pbead *path;
    size_t np;
} chunk;

typedef struct {
    const model *m;        /* template (E, R, priors, weights) */
    const band_t *bd;      /* the fine band */
    const sv_lexicon *lexicon;
    sv_lexctx *lexctx;     /* read only while chunks run */
    int max_merge;
    int fb;                /* posteriors (finest level) or the best path only */
    chunk *c;
    size_t nc, next;
    pthread_mutex_t mu;
} chunkjob;

/* The band of a chunk, in its own coordinates. */
static void chunk_band(const band_t *bd, const chunk *c, band_t *out)
{
    out->N = c->i1 - c->i0;
    out->M = c->j1 - c->j0;
    out->lo = xmalloc((out->N + 1) * sizeof *out->lo);
    out->hi = xmalloc((out->N + 1) * sizeof *out->hi);
    for (size_t r = 0; r <= out->N; r++) {
        size_t lo = bd->lo[c->i0 + r], hi = bd->hi[c->i0 + r];
        lo = lo < c->j0 ? c->j0 : lo > c->j1 ? c->j1 : lo;
        hi = hi < c->j0 ? c->j0 : hi > c->j1 ? c->j1 : hi;
        out->lo[r] = lo - c->j0;
        out->hi[r] = hi - c->j0;
    }
    band_finish(out);
}

static void run_chunk(chunkjob *J, chunk *c, sv_lexprep *prep)
{
    model m = *J->m;
    m.ioff = c->i0;
    m.joff = c->j0;
    band_t bd;
    chunk_band(J->bd, c, &bd);
    paircache pc;
    memset(&pc, 0, sizeof pc);
    /* the cache works in absolute units: give it the band in those */
    band_t abs;
    abs.N = J->bd->N;
    abs.lo = J->bd->lo;
    abs.hi = J->bd->hi;
    paircache_init(&pc, J->lexctx, prep, m.E, m.R, &abs);
    m.pc = &pc;
    pbead *p;
    /* the posterior pass below reads the wide pass's scores where its
     * narrow band lies inside the wide one */
    lcache wide = {NULL, NULL, NULL};
    if (J->fb)
        lcache_init(&wide, &bd, NULL);
    size_t np = run_dp(&m, &bd, J->max_merge, 0, J->fb ? &wide : NULL, &p);
    if (!J->fb) {
        for (size_t k = 0; k < np; k++) {
            p[k].i0 += c->i0;
            p[k].j0 += c->j0;
        }
        c->path = p;
        c->np = np;
        paircache_free(&pc);
        band_free(&bd);
        return;
    }
    band_t nb;
    path_band(p, np, bd.N, bd.M, 3, &nb);
    free(p);
    /* the narrow band in absolute units for the cache */
    size_t *alo = xmalloc((J->bd->N + 1) * sizeof *alo), *ahi = xmalloc((J->bd->N + 1) * sizeof *ahi);
    memcpy(alo, J->bd->lo, (J->bd->N + 1) * sizeof *alo);
    memcpy(ahi, J->bd->hi, (J->bd->N + 1) * sizeof *ahi);
    for (size_t r = 0; r <= nb.N; r++) {
        alo[c->i0 + r] = nb.lo[r] + c->j0;
        ahi[c->i0 + r] = nb.hi[r] + c->j0;
    }
    abs.lo = alo;
    abs.hi = ahi;
    paircache_init(&pc, J->lexctx, prep, m.E, m.R, &abs);
    lcache narrow;
    lcache_init(&narrow, &nb, &wide);
    np = run_dp(&m, &nb, J->max_merge, 1, &narrow, &p);
    lcache_free(&narrow);
    lcache_free(&wide);
    for (size_t k = 0; k < np; k++) {
        p[k].i0 += c->i0;
        p[k].j0 += c->j0;
    }
    c->path = p;
    c->np = np;
    paircache_free(&pc);
    free(alo);
    free(ahi);
    band_free(&nb);
    band_free(&bd);
}

static void *chunk_worker(void *arg)
{
    chunkjob *J = arg;
    sv_lexprep *prep = sv_lexprep_new();
    for (;;) {
        pthread_mutex_lock(&J->mu);
        size_t k = J->next++;
        pthread_mutex_unlock(&J->mu);
        if (k >= J->nc)
            break;
        run_chunk(J, &J->c[k], prep);
    }
    sv_lexprep_free(prep);
    return NULL;
}

static size_t choose_cuts(const pbead *cp, size_t ncp, size_t N, size_t M, size_t rows,
                          chunk **out);

/* Aligns a level in chunks placed by the coarser path cp, on up to
 * threads threads; returns the path (caller frees). */
static size_t chunked_dp(const model *m, const band_t *bd, const pbead *cp, size_t ncp,
                         sv_lexctx *lexctx, int max_merge, int fb, int threads, size_t rows,
                         pbead **path, size_t *nchunks)
{
    chunkjob J;
    memset(&J, 0, sizeof J);
    J.m = m;
    J.bd = bd;
    J.lexctx = lexctx;
    J.max_merge = max_merge;
    J.fb = fb;
    J.nc = choose_cuts(cp, ncp, bd->N, bd->M, rows, &J.c);
    pthread_mutex_init(&J.mu, NULL);
    int nt = threads > 1 ? threads : 1;
    if (nt > 64)
        nt = 64;
    if ((size_t)nt > J.nc)
        nt = (int)J.nc;
    pthread_t th[64];
    for (int t = 1; t < nt; t++)
        if (pthread_create(&th[t], NULL, chunk_worker, &J) != 0)
            nt = t; /* run with the threads there are */
    chunk_worker(&J);
    for (int t = 1; t < nt; t++)
        pthread_join(th[t], NULL);
    pthread_mutex_destroy(&J.mu);
    pbead *p = NULL;
    size_t np = 0, cap = 0;
    for (size_t k = 0; k < J.nc; k++) {
        for (size_t q = 0; q < J.c[k].np; q++)
            SV_PUSH(p, np, cap, J.c[k].path[q]);
        free(J.c[k].path);
    }
    free(J.c);
    *nchunks = J.nc;
    *path = p;
    return np;
}

/* Corners where chunks meet: the start of a coarse 1-1 bead between two
 * other 1-1 beads, at least rows fine rows apart. */
static size_t choose_cuts(const pbead *cp, size_t ncp, size_t N, size_t M, size_t rows,
                          chunk **out)
{
    chunk *c = NULL;
    size_t n = 0, cap = 0, last_i = 0, last_j = 0;
    for (size_t k = 1; k + 1 < ncp; k++) {
        if (!(cp[k - 1].a == 1 && cp[k - 1].b == 1 && cp[k].a == 1 && cp[k].b == 1 &&
              cp[k + 1].a == 1 && cp[k + 1].b == 1))
            continue;
        size_t i = 2 * cp[k].i0, j = 2 * cp[k].j0;
        if (i < last_i + rows || i + rows > N || j <= last_j || j >= M)
            continue;
        chunk x = {last_i, last_j, i, j, NULL, 0};
        SV_PUSH(c, n, cap, x);
        last_i = i;
        last_j = j;
    }
    chunk x = {last_i, last_j, N, M, NULL, 0};
    SV_PUSH(c, n, cap, x);
    *out = c;
    return n;
}

sv_status sv_align(sv_aligner *al, const sv_sentence *src, size_t nsrc, sv_lang slang,
                   const sv_sentence *tgt, size_t ntgt, sv_lang tlang, int all,
                   sv_link **links, size_t *nlinks, sv_diags *diags)
{
    *links = NULL;
    *nlinks = 0;
    int swap;
    if (slang == SV_LANG_EN && tlang == SV_LANG_RU)
        swap = 0;
    else if (slang == SV_LANG_RU && tlang == SV_LANG_EN)
        swap = 1;
    else {
        sv_diags_add(diags, SV_ERROR, NULL, 0, 0, -1,
                     "sverka aligns English with Russian; got %s and %s", sv_lang_code(slang),
                     sv_lang_code(tlang));
        return SV_ERR_ARG;
    }
    side E0, R0;
    double t0 = now_s();
    if (getenv("SVERKA_TRACE"))
        fprintf(stderr, "documents loaded: %.0f MB\n", rss_mb());
    build_sides(al, &E0, swap ? tgt : src, swap ? ntgt : nsrc, &R0, swap ? src : tgt,
                swap ? nsrc : ntgt);
    weigh_keys(&E0, &R0);
    side_shrink(&E0);
    side_shrink(&R0);
    if (getenv("SVERKA_TRACE"))
        fprintf(stderr, "sentence evidence: %.0f MB\n", rss_mb());
    /* Inputs too long for one DP are aligned coarse to fine: level k groups
     * 2^k sentences; the coarsest level is small enough for a full DP. */
    int L = 1;
    if ((double)(E0.n + 1) * (double)(R0.n + 1) > (double)al->o.full_dp_cells)
        while (L < 40) {
            size_t span = (size_t)1 << L;
            double ne = (double)((E0.n + span - 1) / span), nr = (double)((R0.n + span - 1) / span);
            L++;
            if ((ne + 1) * (nr + 1) <= (double)COARSE_CELLS || ne <= 1 || nr <= 1)
                break;
        }
    memset(&al->st, 0, sizeof al->st);
    al->st.levels = L;
    side Ec, Rc; /* the coarse level being aligned */
    memset(&Ec, 0, sizeof Ec);
    memset(&Rc, 0, sizeof Rc);
    if (L > 1) {
        coarsen_from(&E0, L - 1, &Ec);
        coarsen_from(&R0, L - 1, &Rc);
    }
    if (getenv("SVERKA_TRACE"))
        fprintf(stderr, "evidence and the coarsest of %d levels built: %.0f MB\n", L, rss_mb());
    double t1 = now_s();
    al->st.evidence_s = t1 - t0;
    model m = {L > 1 ? &Ec : &E0, L > 1 ? &Rc : &R0, {{0}}, al->o.use_paragraphs, NULL, 0,
               al->w, al->w_nolex, L > 1, 0, 0};
    init_priors(&m, PSKIP0);
    band_t bd;
    band_full(&bd, m.E->n, m.R->n);
    paircache pc;
    memset(&pc, 0, sizeof pc);
    paircache_init(&pc, L == 1 ? al->lex : NULL, al->prep, m.E, m.R, &bd);
    m.pc = &pc;
    m.lex = L == 1 && al->lex;
    pbead *p = NULL;
    size_t np = 0;
    if (L == 1) {
        /* one level: re-estimate the priors on the document pair itself */
        lcache lc;
        lcache_init(&lc, &bd, NULL);
        for (int it = 0; it < 3; it++) {
            free(p);
            np = run_dp(&m, &bd, al->o.max_merge, 0, &lc, &p);
            al->st.prior_skip = reestimate(&m, p, np);
            al->st.iterations = it + 1;
        }
        free(p);
        np = run_dp(&m, &bd, al->o.max_merge, 1, &lc, &p);
        lcache_free(&lc);
    } else {
        np = run_dp(&m, &bd, 2, 0, NULL, &p);
        paircache_free(&pc);
        for (int lv = L - 2; lv >= 0; lv--) {
            /* this level replaces the coarser one */
            free_side(&Ec);
            free_side(&Rc);
            memset(&Ec, 0, sizeof Ec);
            memset(&Rc, 0, sizeof Rc);
            if (lv > 0) {
                coarsen_from(&E0, lv, &Ec);
                coarsen_from(&R0, lv, &Rc);
            }
            m.E = lv > 0 ? &Ec : &E0;
            m.R = lv > 0 ? &Rc : &R0;
            band_t nb;
            project_band(p, np, m.E->n, m.R->n, al->o.band, &nb);
            band_free(&bd);
            bd = nb;
            m.coarse = lv > 0;
            m.lex = lv == 0 && al->lex;
            m.pc = NULL;
            /* the coarser path places the chunks of this level */
            pbead *cp = p;
            size_t ncp = np, nch;
            p = NULL;
            double tl = now_s();
            if (lv > 0) {
                np = chunked_dp(&m, &bd, cp, ncp, NULL, 2, 0, al->o.threads, al->o.chunk_rows, &p, &nch);
            } else {
                /* the finest level: its skip prior from the path of level
                 * 1; posteriors in each chunk */
                al->st.prior_skip = reestimate(&m, cp, ncp);
                al->st.iterations = 1;
                al->st.cells = bd.cells;
                np = chunked_dp(&m, &bd, cp, ncp, al->lex, al->o.max_merge, 1, al->o.threads,
                                al->o.chunk_rows, &p, &nch);
            }
            if (getenv("SVERKA_TRACE")) {
                size_t sk = 0;
                for (size_t k = 0; k < np; k++)
                    sk += !p[k].a || !p[k].b;
                fprintf(stderr,
                        "level %d: %zu x %zu, %zu cells, %zu chunks, %.2f s, %zu beads, %zu "
                        "skips, %.0f MB\n",
                        lv, m.E->n, m.R->n, bd.cells, nch, now_s() - tl, np, sk, rss_mb());
            }
            free(cp);
        }
    }
    paircache_free(&pc);
    al->st.dp_s = now_s() - t1;
    if (L == 1)
        al->st.cells = bd.cells;
    side *Ef = &E0, *Rf = &R0;
    sv_link *out = NULL;
    size_t nout = 0, cap = 0;
    for (size_t k = 0; k < np; k++) {
        if (!all && (p[k].a == 0 || p[k].b == 0))
            continue;
        sv_link l;
        size_t es = p[k].a ? Ef->orig[p[k].i0] : (p[k].i0 < Ef->n ? Ef->orig[p[k].i0] : nsrc);
        size_t rs = p[k].b ? Rf->orig[p[k].j0] : (p[k].j0 < Rf->n ? Rf->orig[p[k].j0] : ntgt);
        size_t en = p[k].a ? Ef->orig[p[k].i0 + (size_t)p[k].a - 1] - es + 1 : 0;
        size_t rn = p[k].b ? Rf->orig[p[k].j0 + (size_t)p[k].b - 1] - rs + 1 : 0;
        if (swap) {
            l.src = rs; l.nsrc = rn; l.tgt = es; l.ntgt = en;
        } else {
            l.src = es; l.nsrc = en; l.tgt = rs; l.ntgt = rn;
        }
        l.score = p[k].post;
        SV_PUSH(out, nout, cap, l);
    }
    free(p);
    band_free(&bd);
    free_side(&E0);
    free_side(&R0);
    free_side(&Ec);
    free_side(&Rc);
    *links = out;
    *nlinks = nout;
    return SV_OK;
}

sv_status sv_align_dump_features(sv_aligner *al, const sv_sentence *src, size_t nsrc,
                                 sv_lang slang, const sv_sentence *tgt, size_t ntgt,
                                 sv_lang tlang, void *vout, sv_diags *diags)
{
    sv_buf *out = vout;
    int swap = slang == SV_LANG_RU && tlang == SV_LANG_EN;
    if (!swap && !(slang == SV_LANG_EN && tlang == SV_LANG_RU)) {
        sv_diags_add(diags, SV_ERROR, NULL, 0, 0, -1, "need English and Russian");
        return SV_ERR_ARG;
    }
    const sv_sentence *ev = swap ? tgt : src, *rv = swap ? src : tgt;
    side E, R;
    build_sides(al, &E, ev, swap ? ntgt : nsrc, &R, rv, swap ? nsrc : ntgt);
    weigh_keys(&E, &R);
    model m = {&E, &R, {{0}}, al->o.use_paragraphs, NULL, 0, al->w, al->w_nolex, 0, 0, 0};
    band_t bd;
    band_full(&bd, E.n, R.n);
    paircache pc;
    memset(&pc, 0, sizeof pc);
    paircache_init(&pc, al->lex, al->prep, &E, &R, &bd);
    m.pc = &pc;
    m.lex = al->lex != NULL;
    sv_buf_puts(out, "src\tnsrc\ttgt\tntgt\tsrc_start\tsrc_end\ttgt_start\ttgt_end");
    for (int k = 0; k < NFEAT; k++)
        sv_buf_printf(out, "\t%s", feat_names[k]);
    sv_buf_putc(out, '\n');
    double N = (double)(E.n ? E.n : 1), M = (double)(R.n ? R.n : 1);
    double win = 0.15 + 4.0 / (N < M ? N : M);
    for (size_t i = 0; i < E.n; i++)
        for (size_t j = 0; j < R.n; j++) {
            if (fabs((double)i / N - (double)j / M) > win)
                continue;
            for (int t = 0; t < NBEADS; t++) {
                int a = beads[t].a, b = beads[t].b;
                if (!a || !b || a > al->o.max_merge || b > al->o.max_merge ||
                    i + (size_t)a > E.n || j + (size_t)b > R.n)
                    continue;
                double f[NFEAT];
                bead_features(&m, i, a, j, b, f);
                const sv_sentence *e0 = &ev[E.orig[i]], *e1 = &ev[E.orig[i + (size_t)a - 1]];
                const sv_sentence *r0 = &rv[R.orig[j]], *r1 = &rv[R.orig[j + (size_t)b - 1]];
                sv_buf_printf(out, "%zu\t%d\t%zu\t%d\t%zu\t%zu\t%zu\t%zu", (size_t)E.orig[i], a,
                              (size_t)R.orig[j], b, e0->start, e1->end, r0->start, r1->end);
                for (int k = 0; k < NFEAT; k++)
                    sv_buf_printf(out, "\t%.5g", f[k]);
                sv_buf_putc(out, '\n');
            }
        }
    paircache_free(&pc);
    band_free(&bd);
    free_side(&E);
    free_side(&R);
    return SV_OK;
}
