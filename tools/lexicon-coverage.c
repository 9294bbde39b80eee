/* lexicon-coverage.c - the dictionary-evidence figures of docs/design.md.
 *
 * Reads a gold set (doc*.gold.tsv files, one "en TAB ru" line per aligned
 * sentence pair, e.g. /work/shared/corpora/ntrex_enru) and reports: load
 * time and memory of the lexicon, lemma speed (cold: every form new, warm:
 * cached), the share of English content words translated in gold pairs, in
 * neighbouring non-pairs (same document, up to 3 sentences away) and in
 * random pairs from other documents, the AUC of gold against neighbours for
 * a few ways to combine the counts, and scoring speed.  Times are CPU
 * time of this process (wall-clock time on a shared machine says little).
 *
 * Build and run (after `make`):
 *   cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -I. -o build/lexicon-coverage \
 *      tools/lexicon-coverage.c build/libsverka.a \
 *      $(pkg-config --libs icu-uc icu-i18n libxml-2.0 hunspell sqlite3) -lz -lm
 *   build/lexicon-coverage /work/shared/corpora/ntrex_enru [fuzzy=N] [words=N]
 *                          [senses=N] [dict=FILE] [nomueller]
 */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "align/lexicon.h"
#include "base/fileio.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t); /* CPU time: the machine is shared */
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static long rss_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char l[256];
    long v = 0;
    while (f && fgets(l, sizeof l, f))
        if (strncmp(l, "VmRSS:", 6) == 0)
            v = atol(l + 6);
    if (f)
        fclose(f);
    return v;
}

typedef struct {
    char *en, *ru;
    int doc;
    uint32_t *e, *r;
    size_t ne, nr;
} pair;

static pair *P;
static size_t NP, CAP;

static void read_set(const char *dir)
{
    char pattern[4096];
    snprintf(pattern, sizeof pattern, "%s/doc*.gold.tsv", dir);
    glob_t g;
    if (glob(pattern, 0, NULL, &g) != 0)
        return;
    for (size_t d = 0; d < g.gl_pathc; d++) {
        char *data;
        size_t len;
        if (sv_file_read(g.gl_pathv[d], (size_t)1 << 26, &data, &len, NULL) != SV_OK)
            continue;
        for (char *line = strtok(data, "\n"); line; line = strtok(NULL, "\n")) {
            char *tab = strchr(line, '\t');
            if (!tab)
                continue;
            *tab = '\0';
            if (NP == CAP) {
                CAP = CAP ? CAP * 2 : 1024;
                P = realloc(P, CAP * sizeof *P);
            }
            P[NP++] = (pair){strdup(line), strdup(tab + 1), (int)d, NULL, NULL, 0, 0};
        }
        free(data);
    }
    globfree(&g);
}

#define NF 5
static const char *const fname[NF] = {"en exact", "en exact + prefix", "en exact + prefix/2",
                                      "mean(en, ru) exact", "mean(en, ru) exact + prefix/2"};

static double formula(const sv_lexscore *s, int f)
{
    double en = s->en_words ? (double)s->en_hit / s->en_words : 0;
    double enf = s->en_words ? (double)s->en_fuzzy / s->en_words : 0;
    double ru = s->ru_words ? (double)s->ru_hit / s->ru_words : 0;
    double ruf = s->ru_words ? (double)s->ru_fuzzy / s->ru_words : 0;
    switch (f) {
    case 0: return en;
    case 1: return en + enf;
    case 2: return en + enf / 2;
    case 3: return (en + ru) / 2;
    default: return (en + enf / 2 + ru + ruf / 2) / 2;
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Mann-Whitney AUC: the chance a gold pair outscores a neighbour (ties 1/2). */
static double auc(double *pos, size_t np, double *neg, size_t nn)
{
    qsort(neg, nn, sizeof *neg, cmp_double);
    double sum = 0;
    for (size_t i = 0; i < np; i++) {
        size_t lo = 0, hi = nn;
        while (lo < hi) { /* first >= pos[i] */
            size_t mid = (lo + hi) / 2;
            if (neg[mid] < pos[i])
                lo = mid + 1;
            else
                hi = mid;
        }
        size_t below = lo, eq = 0;
        while (lo + eq < nn && neg[lo + eq] == pos[i])
            eq++;
        sum += (double)below + 0.5 * (double)eq;
    }
    return sum / ((double)np * (double)nn);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: lexicon-coverage SETDIR [fuzzy=N] [words=N] [senses=N] "
                        "[dict=FILE] [nomueller]\n");
        return 2;
    }
    sv_lexicon_opts o;
    sv_lexicon_opts_init(&o);
    for (int i = 2; i < argc; i++) {
        if (!strncmp(argv[i], "fuzzy=", 6))
            o.fuzzy_prefix = atoi(argv[i] + 6);
        else if (!strncmp(argv[i], "words=", 6))
            o.max_words = atoi(argv[i] + 6);
        else if (!strncmp(argv[i], "senses=", 7))
            o.max_senses = atoi(argv[i] + 7);
        else if (!strncmp(argv[i], "dict=", 5))
            o.user_dict = argv[i] + 5;
        else if (!strcmp(argv[i], "nomueller"))
            o.use_mueller = 0;
    }
    read_set(argv[1]);
    if (NP == 0) {
        fprintf(stderr, "lexicon-coverage: no doc*.gold.tsv in %s\n", argv[1]);
        return 2;
    }
    sv_diags *d = sv_diags_new();
    long rss0 = rss_kb();
    double t0 = now();
    sv_lexicon *lx;
    if (sv_lexicon_load(&o, &lx, d) != SV_OK) {
        for (size_t i = 0; i < sv_diags_count(d); i++)
            fprintf(stderr, "%s: %s\n", sv_diags_get(d, i)->file, sv_diags_get(d, i)->message);
        return 1;
    }
    double tload = now() - t0;
    long rss1 = rss_kb();
    printf("lexicon: %.3f s, %zu links, %.1f MB (RSS +%.1f MB)\n", tload, sv_lexicon_size(lx),
           (double)sv_lexicon_memory(lx) / 1e6, (double)(rss1 - rss0) / 1e3);
    sv_lexctx *c;
    t0 = now();
    if (sv_lexctx_new(lx, &c, d) != SV_OK)
        return 1;
    printf("context: %.3f s (hunspell), RSS +%.1f MB\n", now() - t0,
           (double)(rss_kb() - rss1) / 1e3);

    /* lemmas, cold then warm */
    size_t words = 0, bytes = 0;
    t0 = now();
    for (size_t i = 0; i < NP; i++) {
        size_t c1 = 0, c2 = 0;
        sv_lexctx_lemmas(c, SV_LANG_EN, P[i].en, strlen(P[i].en), &P[i].e, &P[i].ne, &c1);
        sv_lexctx_lemmas(c, SV_LANG_RU, P[i].ru, strlen(P[i].ru), &P[i].r, &P[i].nr, &c2);
        words += P[i].ne + P[i].nr;
        bytes += strlen(P[i].en) + strlen(P[i].ru);
    }
    double tcold = now() - t0;
    int reps = 20;
    uint32_t *ids = NULL;
    size_t nids = 0, capids = 0;
    t0 = now();
    for (int rep = 0; rep < reps; rep++)
        for (size_t i = 0; i < NP; i++) {
            nids = 0;
            sv_lexctx_lemmas(c, SV_LANG_EN, P[i].en, strlen(P[i].en), &ids, &nids, &capids);
            sv_lexctx_lemmas(c, SV_LANG_RU, P[i].ru, strlen(P[i].ru), &ids, &nids, &capids);
        }
    double twarm = now() - t0;
    free(ids);
    printf("%zu gold pairs, %zu content words: cold %.0f words/s, warm %.2f M words/s "
           "(%.0f MB/s); RSS now %.1f MB\n",
           NP, words, (double)words / tcold, (double)words * reps / twarm / 1e6,
           (double)bytes * reps / twarm / 1e6, (double)rss_kb() / 1e3);

    /* gold against neighbours and random pairs */
    double *pos[NF], *neg[NF];
    for (int f = 0; f < NF; f++) {
        pos[f] = malloc(NP * sizeof(double));
        neg[f] = malloc(NP * 6 * sizeof(double));
    }
    size_t npos = 0, nneg = 0, nrand = 0, best[NF] = {0};
    double g_en = 0, g_known = 0, g_pref = 0, n_en = 0, n_known = 0, n_pref = 0, r_en = 0;
    sv_lexprep *p = sv_lexprep_new();
    srand(1);
    for (size_t i = 0; i < NP; i++) {
        sv_lexscore s, t;
        sv_lexprep_set(p, c, P[i].e, P[i].ne);
        sv_lexprep_score(p, c, P[i].r, P[i].nr, &s);
        if (s.en_words == 0)
            continue;
        g_en += (double)s.en_hit / s.en_words;
        g_known += s.en_known ? (double)s.en_hit / s.en_known : 0;
        g_pref += (double)(s.en_hit + s.en_fuzzy) / s.en_words;
        int won[NF];
        for (int f = 0; f < NF; f++) {
            pos[f][npos] = formula(&s, f);
            won[f] = 1;
        }
        npos++;
        for (long j = (long)i - 3; j <= (long)i + 3; j++) {
            if (j < 0 || (size_t)j >= NP || (size_t)j == i || P[j].doc != P[i].doc)
                continue;
            sv_lexprep_score(p, c, P[j].r, P[j].nr, &t);
            n_en += (double)t.en_hit / t.en_words;
            n_known += t.en_known ? (double)t.en_hit / t.en_known : 0;
            n_pref += (double)(t.en_hit + t.en_fuzzy) / t.en_words;
            for (int f = 0; f < NF; f++) {
                neg[f][nneg] = formula(&t, f);
                if (neg[f][nneg] >= pos[f][npos - 1])
                    won[f] = 0;
            }
            nneg++;
        }
        for (int f = 0; f < NF; f++)
            best[f] += (size_t)won[f];
        if (P[0].doc == P[NP - 1].doc)
            continue; /* one document: no random pairs */
        size_t j = (size_t)rand() % NP;
        while (P[j].doc == P[i].doc)
            j = (size_t)rand() % NP;
        sv_lexprep_score(p, c, P[j].r, P[j].nr, &t);
        r_en += (double)t.en_hit / t.en_words;
        nrand++;
    }
    printf("share of English content words translated: gold %.3f, neighbours %.3f, "
           "other documents %.3f\n",
           g_en / npos, n_en / nneg, nrand ? r_en / nrand : 0);
    printf("share of dictionary-known English words translated: gold %.3f, neighbours %.3f\n",
           g_known / npos, n_known / nneg);
    printf("share with prefix matches: gold %.3f, neighbours %.3f\n", g_pref / npos,
           n_pref / nneg);
    for (int f = 0; f < NF; f++)
        printf("  %-30s AUC gold/neighbours %.4f; gold strictly best of +-3: %.3f\n", fname[f],
               auc(pos[f], npos, neg[f], nneg), (double)best[f] / npos);

    /* scoring speed: each English sentence against 21 Russian candidates */
    size_t scored = 0;
    t0 = now();
    for (int rep = 0; rep < 5; rep++)
        for (size_t i = 0; i < NP; i++) {
            sv_lexprep_set(p, c, P[i].e, P[i].ne);
            for (long j = (long)i - 10; j <= (long)i + 10; j++) {
                if (j < 0 || (size_t)j >= NP)
                    continue;
                sv_lexscore t;
                sv_lexprep_score(p, c, P[j].r, P[j].nr, &t);
                scored++;
            }
        }
    double tscore = now() - t0;
    printf("scoring: %.2f M pairs/s (one sv_lexprep_set per English sentence, 21 "
           "candidates each)\n",
           (double)scored / tscore / 1e6);
    sv_lexprep_free(p);
    for (size_t i = 0; i < NP; i++) {
        free(P[i].en);
        free(P[i].ru);
        free(P[i].e);
        free(P[i].r);
    }
    free(P);
    for (int f = 0; f < NF; f++) {
        free(pos[f]);
        free(neg[f]);
    }
    sv_lexctx_free(c);
    sv_lexicon_free(lx);
    sv_diags_free(d);
    return 0;
}
