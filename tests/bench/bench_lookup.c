/* bench_lookup.c - times fuzzy lookups in a translation memory and checks
 * that each finds the right best match.
 *
 *   bench_lookup TM QUERIES.tsv [POSTINGS [CANDIDATES]]
 *
 * QUERIES.tsv: query TAB the English segment it was made from (gen_tm).
 * A lookup is right when its best hit is that segment, or scores at least
 * as high as that segment does (another unit may tie or beat it).  Prints
 * the median, 95th percentile and mean time in ms (in-process: the
 * database is opened once, as an editor plugin would) and the count of
 * right answers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../base/mem.h"
#include "../../tm/fuzzy.h"
#include "../../tm/store.h"

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec * 1e-6;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_lookup TM QUERIES.tsv [POSTINGS [CANDIDATES]]\n");
        return 2;
    }
    sv_diags *d = sv_diags_new();
    sv_tm_opts o;
    sv_tm_opts_init(&o);
    o.readonly = 1;
    sv_tm *tm;
    if (sv_tm_open(argv[1], &o, &tm, d) != SV_OK) {
        fprintf(stderr, "bench_lookup: cannot open %s\n", argv[1]);
        return 2;
    }
    FILE *f = fopen(argv[2], "r");
    if (!f)
        return 2;
    static char line[1 << 16];
    double *ms = NULL;
    size_t n = 0, cap = 0, right = 0, exact_top = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        *tab = '\0';
        const char *query = line, *want = tab + 1;
        sv_tm_lookup_opts lo;
        sv_tm_lookup_opts_init(&lo);
        lo.min_match = 0;
        if (argc > 3)
            lo.postings = strtoull(argv[3], NULL, 10);
        if (argc > 4)
            lo.candidates = strtoull(argv[4], NULL, 10);
        sv_tm_hits hits = {NULL, 0, 0};
        double t0 = now_ms();
        sv_status st = sv_tm_lookup(tm, query, strlen(query), &lo, &hits, d);
        double t = now_ms() - t0;
        SV_PUSH(ms, n, cap, t);
        int expect = sv_fuzzy_match(query, strlen(query), want, strlen(want));
        int ok = st == SV_OK && hits.n > 0 &&
                 (strcmp(hits.v[0].src, want) == 0 || hits.v[0].match >= expect);
        right += ok;
        exact_top += st == SV_OK && hits.n > 0 && strcmp(hits.v[0].src, want) == 0;
        if (!ok)
            fprintf(stderr, "bench_lookup: wrong best match for \"%.60s...\" (%d%% expected, got "
                            "%d%%)\n",
                    query, expect, hits.n ? hits.v[0].match : -1);
        sv_tm_hits_free(&hits);
    }
    fclose(f);
    if (n == 0)
        return 2;
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += ms[i];
    qsort(ms, n, sizeof *ms, cmp);
    printf("lookup: %zu queries, median %.1f ms, p95 %.1f ms, mean %.1f ms, max %.1f ms; "
           "right best match %zu/%zu (the source unit itself on top: %zu)\n",
           n, ms[n / 2], ms[(n * 95) / 100 < n ? (n * 95) / 100 : n - 1], sum / (double)n,
           ms[n - 1], right, n, exact_top);
    free(ms);
    sv_tm_close(tm);
    sv_diags_free(d);
    return right == n ? 0 : 1;
}
