/* align.c - the sentence aligner: evidence per sentence, bead scores, and a
 * banded dynamic programme with forward-backward posteriors.  Third stage
 * of the pipeline (after segment.c); its links go to the TMX writer, the
 * checker and the glossary builder. */
#include "align.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/mem.h"
#include "../base/utf8.h"

/* ---- options ------------------------------------------------------------ */

void sv_align_opts_init(sv_align_opts *o)
{
    memset(o, 0, sizeof *o);
    o->max_merge = 3;
    o->use_paragraphs = 1;
    o->full_dp_cells = (size_t)4 << 20;
    o->band = 8;
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
} sfeat;

typedef struct {
    sfeat *f;
    size_t n;
    size_t *orig;     /* index in the caller's array */
    uint64_t *keys;   /* token-anchor pool */
    float *w;         /* weight of each pool entry */
    size_t npool, cap;
} side;

struct sv_aligner {
    sv_align_opts o;
    sv_align_stats st;
};

sv_status sv_aligner_new(const sv_align_opts *opts, sv_aligner **out, sv_diags *diags)
{
    (void)diags;
    sv_aligner *a = xcalloc(1, sizeof *a);
    if (opts)
        a->o = *opts;
    else
        sv_align_opts_init(&a->o);
    if (a->o.max_merge < 1 || a->o.max_merge > 3)
        a->o.max_merge = 3;
    if (!a->o.band)
        a->o.band = 8;
    if (!a->o.full_dp_cells)
        a->o.full_dp_cells = (size_t)4 << 20;
    *out = a;
    return SV_OK;
}

void sv_aligner_free(sv_aligner *a)
{
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

/* Tokens that are written the same in both languages: numbers, and Latin
 * words (in an English sentence only capitalised ones or ones with digits,
 * which are the ones a Russian text may quote: MWP, Sputnik, COVID-19). */
static void anchor_tokens(const char *t, size_t len, sv_lang lang, uint64_t **keys,
                          size_t *n, size_t *cap)
{
    size_t i = 0;
    while (i < len) {
        size_t adv;
        long c = sv_utf8_decode(t + i, len - i, &adv);
        if (c >= '0' && c <= '9') {
            char buf[64];
            size_t k = 0, j = i;
            while (j < len && k < sizeof buf - 1) {
                char d = t[j];
                if (d >= '0' && d <= '9')
                    buf[k++] = d;
                else if ((d == ',' || d == '.') && j + 1 < len && t[j + 1] >= '0' &&
                         t[j + 1] <= '9')
                    buf[k++] = '.';
                else
                    break;
                j++;
            }
            uint64_t h = hash_bytes("#", 1, 0xcbf29ce484222325ULL);
            SV_PUSH(*keys, *n, *cap, hash_bytes(buf, k, h));
            i = j;
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
                SV_PUSH(*keys, *n, *cap, hash_bytes(buf, k, 0xcbf29ce484222325ULL));
            i = j;
            continue;
        }
        i += adv;
    }
}

static void build_side(side *s, const sv_sentence *v, size_t n, sv_lang lang,
                       int include_bp)
{
    memset(s, 0, sizeof *s);
    s->f = xcalloc(n + 1, sizeof *s->f);
    s->orig = xcalloc(n + 1, sizeof *s->orig);
    uint64_t *tmp = NULL;
    size_t ntmp = 0, captmp = 0, pcap = 0;
    long long prev_para = -1;
    for (size_t i = 0; i < n; i++) {
        if (v[i].kind == SV_SEG_BOILERPLATE && !include_bp)
            continue;
        sfeat *f = &s->f[s->n];
        s->orig[s->n] = i;
        f->len = 0;
        for (size_t k = 0; k < v[i].len; k++)
            f->len += ((unsigned char)v[i].text[k] & 0xC0) != 0x80 && v[i].text[k] != ' ';
        f->para = (uint32_t)v[i].para;
        f->first_in_para = (long long)v[i].para != prev_para;
        if (s->n > 0 && f->first_in_para)
            s->f[s->n - 1].last_in_para = 1;
        prev_para = (long long)v[i].para;
        f->headline = v[i].kind == SV_SEG_HEADLINE;
        ntmp = 0;
        anchor_tokens(v[i].text, v[i].len, lang, &tmp, &ntmp, &captmp);
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
        s->n++;
    }
    if (s->n > 0)
        s->f[s->n - 1].last_in_para = 1;
    free(tmp);
}

static void free_side(side *s)
{
    free(s->f);
    free(s->orig);
    free(s->keys);
    free(s->w);
}

/* Weights: a key that occurs in few sentences of the pair says more. */
static void weigh_keys(side *a, side *b)
{
    size_t n = a->npool + b->npool;
    if (!n)
        return;
    uint64_t *all = xmalloc(n * sizeof *all);
    memcpy(all, a->keys, a->npool * sizeof *all);
    memcpy(all + a->npool, b->keys, b->npool * sizeof *all);
    qsort(all, n, sizeof *all, cmp_u64);
    double total = (double)(a->n + b->n) + 1;
    side *sides[2] = {a, b};
    for (int s = 0; s < 2; s++) {
        side *x = sides[s];
        for (size_t i = 0; i < x->npool; i++) {
            uint64_t k = x->keys[i];
            size_t lo = 0, hi = n;
            while (lo < hi) {
                size_t m = (lo + hi) / 2;
                if (all[m] < k)
                    lo = m + 1;
                else
                    hi = m;
            }
            size_t df = 0;
            while (lo + df < n && all[lo + df] == k)
                df++;
            x->w[i] = (float)log(total / (double)df);
        }
    }
    free(all);
}

/* ---- bead scores ------------------------------------------------------- */

/* Gale and Church's length model: delta = (lr - c le) / sqrt(s2 (le + lr/c) / 2),
 * cost = -log(2 (1 - Phi(|delta|))).  c and s2 were estimated on the NTREX
 * gold pairs (docs/design.md). */
#define LEN_C 1.10
#define LEN_S2 4.1

static double length_cost(double le, double lr)
{
    double mean = (le + lr / LEN_C) / 2;
    if (mean < 1)
        mean = 1;
    double d = (lr - LEN_C * le) / sqrt(LEN_S2 * mean);
    double p = erfc(fabs(d) / M_SQRT2); /* 2 (1 - Phi(|d|)) */
    if (p < 1e-12)
        p = 1e-12;
    return -log(p);
}

/* Weighted size of the intersection of two unions of sorted key slices. */
static double key_overlap(const side *A, size_t a0, size_t na, const side *B, size_t b0,
                          size_t nb, double *miss)
{
    uint64_t ka[256], kb[256];
    float wa[256], wb[256];
    size_t n1 = 0, n2 = 0;
    for (size_t i = a0; i < a0 + na; i++)
        for (uint32_t k = 0; k < A->f[i].ntok && n1 < 256; k++) {
            ka[n1] = A->keys[A->f[i].tok + k];
            wa[n1++] = A->w[A->f[i].tok + k];
        }
    for (size_t j = b0; j < b0 + nb; j++)
        for (uint32_t k = 0; k < B->f[j].ntok && n2 < 256; k++) {
            kb[n2] = B->keys[B->f[j].tok + k];
            wb[n2++] = B->w[B->f[j].tok + k];
        }
    double hit = 0, lost = 0;
    if (na > 1 || nb > 1) { /* unions of several slices: sort (small) */
        for (size_t i = 1; i < n1; i++)
            for (size_t k = i; k > 0 && ka[k - 1] > ka[k]; k--) {
                uint64_t t = ka[k]; ka[k] = ka[k - 1]; ka[k - 1] = t;
                float u = wa[k]; wa[k] = wa[k - 1]; wa[k - 1] = u;
            }
        for (size_t i = 1; i < n2; i++)
            for (size_t k = i; k > 0 && kb[k - 1] > kb[k]; k--) {
                uint64_t t = kb[k]; kb[k] = kb[k - 1]; kb[k - 1] = t;
                float u = wb[k]; wb[k] = wb[k - 1]; wb[k - 1] = u;
            }
    }
    size_t i = 0, j = 0;
    while (i < n1 && j < n2) {
        if (ka[i] == kb[j]) {
            hit += wa[i];
            uint64_t k = ka[i];
            while (i < n1 && ka[i] == k)
                i++;
            while (j < n2 && kb[j] == k)
                j++;
        } else if (ka[i] < kb[j]) {
            lost += wa[i++];
        } else {
            lost += wb[j++];
        }
    }
    while (i < n1)
        lost += wa[i++];
    while (j < n2)
        lost += wb[j++];
    *miss = lost;
    return hit;
}

typedef struct {
    const side *E, *R;
    double logprior[4][4]; /* log P(bead type) */
    int use_par;
} model;

/* The evidence about a linked bead, as a feature vector; the bead's log-odds
 * is the dot product with the weights below.  The weights were fitted by
 * logistic regression on candidate beads of the dev sets (tools/fit-align.py
 * and docs/design.md, "Fitting"). */
enum {
    F_BIAS, F_LEN, F_TOKHIT, F_TOKMISS, F_HEADDIFF, F_PARCROSS, F_PARSTART, F_PAREND,
    F_B21, F_B22, F_B31, F_SHORT, NFEAT
};

static const char *const feat_names[NFEAT] = {
    "bias", "len", "tokhit", "tokmiss", "headdiff", "parcross", "parstart", "parend",
    "b21", "b22", "b31", "short"};

static const double weights[NFEAT] = {
    0.1454, -0.8116, 0.4593, -0.06037, -3.171, -5.011, 1.027, 0.9637, -3.202, -3.436, -3.264, -1.384};

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
    double miss;
    f[F_BIAS] = 1;
    f[F_LEN] = length_cost(le, lr);
    f[F_TOKHIT] = key_overlap(E, i0, (size_t)a, R, j0, (size_t)b, &miss);
    f[F_TOKMISS] = miss;
    f[F_HEADDIFF] = e_head != r_head;
    f[F_PARCROSS] = m->use_par ? e_cross + r_cross : 0;
    f[F_PARSTART] = m->use_par && E->f[i0].first_in_para && R->f[j0].first_in_para;
    f[F_PAREND] = m->use_par && E->f[i0 + a - 1].last_in_para && R->f[j0 + b - 1].last_in_para;
    f[F_B21] = (a == 2 && b == 1) || (a == 1 && b == 2);
    f[F_B22] = a == 2 && b == 2;
    f[F_B31] = a + b == 4 && a != b;
    f[F_SHORT] = le + lr < 40;
}

/* Log-odds that EN sentences [i0, i0+a) and RU sentences [j0, j0+b) are
 * translations of each other. */
static double link_logodds(const model *m, size_t i0, int a, size_t j0, int b)
{
    double f[NFEAT];
    bead_features(m, i0, a, j0, b, f);
    double z = 0;
    for (int k = 0; k < NFEAT; k++)
        z += weights[k] * f[k];
    return z;
}

static double bead_score(const model *m, size_t i0, int a, size_t j0, int b)
{
    double s = m->logprior[a][b];
    if (a > 0 && b > 0)
        s += link_logodds(m, i0, a, j0, b);
    return s;
}

/* ---- dynamic programme ---------------------------------------------------- */

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

static void band_finish(band_t *bd)
{
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

/* Viterbi (and, if fb, forward-backward posteriors of the path's beads). */
static size_t run_dp(const model *m, const band_t *bd, int max_merge, int fb, pbead **path)
{
    size_t C = bd->cells;
    float *V = xmalloc(C * sizeof *V);
    uint8_t *bp = xmalloc(C);
    float *Fw = fb ? xmalloc(C * sizeof *Fw) : NULL;
    for (size_t i = 0; i <= bd->N; i++) {
        for (size_t j = bd->lo[i]; j <= bd->hi[i]; j++) {
            size_t c = cell(bd, i, j);
            if (i == 0 && j == 0) {
                V[c] = 0;
                bp[c] = 255;
                if (fb)
                    Fw[c] = 0;
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
                size_t pc = cell(bd, pi, pj);
                if (V[pc] == -INFINITY)
                    continue;
                double s = bead_score(m, pi, a, pj, b);
                double v = V[pc] + s;
                if (v > best) {
                    best = v;
                    arg = t;
                }
                if (fb)
                    sum = logadd(sum, Fw[pc] + s);
            }
            V[c] = (float)best;
            bp[c] = (uint8_t)arg;
            if (fb)
                Fw[c] = (float)sum;
        }
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
        float *Bw = xmalloc(C * sizeof *Bw);
        for (size_t ii = bd->N + 1; ii-- > 0;) {
            for (size_t jj = bd->hi[ii] + 1; jj-- > bd->lo[ii];) {
                size_t c = cell(bd, ii, jj);
                if (ii == bd->N && jj == bd->M) {
                    Bw[c] = 0;
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
                    double bw = Bw[cell(bd, ni, nj)];
                    if (bw == -INFINITY)
                        continue;
                    sum = logadd(sum, bead_score(m, ii, a, jj, b) + bw);
                }
                Bw[c] = (float)sum;
            }
        }
        double Z = Fw[cell(bd, bd->N, bd->M)];
        for (size_t k = 0; k < np; k++) {
            size_t s0 = cell(bd, p[k].i0, p[k].j0);
            size_t e0 = cell(bd, p[k].i0 + (size_t)p[k].a, p[k].j0 + (size_t)p[k].b);
            double lp = Fw[s0] + bead_score(m, p[k].i0, p[k].a, p[k].j0, p[k].b) + Bw[e0] - Z;
            p[k].post = lp > 0 ? 1 : exp(lp);
        }
        free(Bw);
        free(Fw);
    }
    free(V);
    free(bp);
    *path = p;
    return np;
}

/* Bead-type priors before re-estimation: cautious about omissions, which
 * comparable reports are full of. */
static void init_priors(model *m, double pskip)
{
    double p[4][4] = {{0}};
    p[1][0] = p[0][1] = pskip;
    p[1][1] = 1 - 2 * pskip - 0.06;
    p[2][1] = p[1][2] = 0.02;
    p[2][2] = 0.005;
    p[3][1] = p[1][3] = 0.0075;
    for (int a = 0; a < 4; a++)
        for (int b = 0; b < 4; b++)
            m->logprior[a][b] = p[a][b] > 0 ? log(p[a][b]) : -INFINITY;
}

/* Re-estimates the priors from a path, smoothed towards the initial ones. */
static double reestimate(model *m, const pbead *p, size_t np)
{
    double cnt[4][4] = {{0}};
    double total = 0;
    for (size_t k = 0; k < np; k++) {
        cnt[p[k].a][p[k].b] += 1;
        total += 1;
    }
    model init;
    init_priors(&init, 0.1);
    const double alpha = 10; /* pseudo-counts of the initial priors */
    for (int a = 0; a < 4; a++)
        for (int b = 0; b < 4; b++) {
            if (init.logprior[a][b] == -INFINITY)
                continue;
            double q = (cnt[a][b] + alpha * exp(init.logprior[a][b])) / (total + alpha);
            m->logprior[a][b] = log(q);
        }
    return exp(m->logprior[1][0]);
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
    side E, R;
    build_side(&E, swap ? tgt : src, swap ? ntgt : nsrc, SV_LANG_EN, al->o.include_boilerplate);
    build_side(&R, swap ? src : tgt, swap ? nsrc : ntgt, SV_LANG_RU, al->o.include_boilerplate);
    weigh_keys(&E, &R);
    model m = {&E, &R, {{0}}, al->o.use_paragraphs};
    init_priors(&m, 0.1);
    band_t bd;
    band_full(&bd, E.n, R.n);
    memset(&al->st, 0, sizeof al->st);
    al->st.levels = 1;
    al->st.cells = bd.cells;
    pbead *p = NULL;
    size_t np = 0;
    for (int it = 0; it < 3; it++) {
        free(p);
        np = run_dp(&m, &bd, al->o.max_merge, 0, &p);
        al->st.prior_skip = reestimate(&m, p, np);
        al->st.iterations = it + 1;
    }
    free(p);
    np = run_dp(&m, &bd, al->o.max_merge, 1, &p);
    sv_link *out = NULL;
    size_t nout = 0, cap = 0;
    for (size_t k = 0; k < np; k++) {
        if (!all && (p[k].a == 0 || p[k].b == 0))
            continue;
        sv_link l;
        size_t es = p[k].a ? E.orig[p[k].i0] : (p[k].i0 < E.n ? E.orig[p[k].i0] : nsrc);
        size_t rs = p[k].b ? R.orig[p[k].j0] : (p[k].j0 < R.n ? R.orig[p[k].j0] : ntgt);
        size_t en = p[k].a ? E.orig[p[k].i0 + (size_t)p[k].a - 1] - es + 1 : 0;
        size_t rn = p[k].b ? R.orig[p[k].j0 + (size_t)p[k].b - 1] - rs + 1 : 0;
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
    free_side(&E);
    free_side(&R);
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
    build_side(&E, ev, swap ? ntgt : nsrc, SV_LANG_EN, al->o.include_boilerplate);
    build_side(&R, rv, swap ? nsrc : ntgt, SV_LANG_RU, al->o.include_boilerplate);
    weigh_keys(&E, &R);
    model m = {&E, &R, {{0}}, al->o.use_paragraphs};
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
                sv_buf_printf(out, "%zu\t%d\t%zu\t%d\t%zu\t%zu\t%zu\t%zu", E.orig[i], a,
                              R.orig[j], b, e0->start, e1->end, r0->start, r1->end);
                for (int k = 0; k < NFEAT; k++)
                    sv_buf_printf(out, "\t%.5g", f[k]);
                sv_buf_putc(out, '\n');
            }
        }
    free_side(&E);
    free_side(&R);
    return SV_OK;
}
