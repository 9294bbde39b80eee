/* gen_tm.c - writes a large synthetic TMX for the TM benchmark, through
 * sverka's own TMX writer.
 *
 *   gen_tm PAIRS.tsv N OUT.tmx QUERIES.tsv [SEED]
 *
 * Unit k takes pair k mod P of PAIRS.tsv (English TAB Russian) and replaces
 * each word with probability 0.3 by a word drawn from the whole corpus of
 * its language, and every number by a random one, so that the memory has
 * realistic lengths, scripts and word frequencies but few exact repeats.
 * Each unit gets a tuid, an alignment score, a bead and a creation date.
 * QUERIES.tsv receives 100 lookup queries made from units of the file
 * (query TAB the English side of the unit it came from): a quarter exact,
 * a quarter with a number changed, half with one word replaced.
 * Everything is deterministic; SEED (default 0) gives other files. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../base/buf.h"
#include "../../base/mem.h"
#include "../../tm/tmx.h"

static uint64_t rng = 0x853c49e6748fea9bULL;

static uint64_t next(void)
{
    uint64_t z = (rng += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static size_t pick(size_t n)
{
    return (size_t)(next() % n);
}

typedef struct {
    char **v;
    size_t n, cap;
} words;

static void split_words(char *s, words *w)
{
    for (char *t = strtok(s, " "); t; t = strtok(NULL, " "))
        SV_PUSH(w->v, w->n, w->cap, t);
}

/* Replaces words with probability p and digits by random digits. */
static void vary(const char *s, const words *vocab, double p, sv_buf *out)
{
    sv_buf_reset(out);
    const char *w = s;
    while (*w) {
        const char *e = strchr(w, ' ');
        size_t n = e ? (size_t)(e - w) : strlen(w);
        if ((double)(next() % 1000) < p * 1000) {
            sv_buf_puts(out, vocab->v[pick(vocab->n)]);
        } else {
            for (size_t i = 0; i < n; i++)
                sv_buf_putc(out, isdigit((unsigned char)w[i]) && i + 1 < n + 1
                                     ? (char)('0' + (i == 0 ? 1 + pick(9) : pick(10)))
                                     : w[i]);
        }
        if (!e)
            break;
        sv_buf_putc(out, ' ');
        w = e + 1;
    }
}

int main(int argc, char **argv)
{
    if (argc != 5 && argc != 6) {
        fprintf(stderr, "usage: gen_tm PAIRS.tsv N OUT.tmx QUERIES.tsv [SEED]\n");
        return 2;
    }
    if (argc == 6)
        rng ^= strtoull(argv[5], NULL, 10) * 0x2545F4914F6CDD1DULL;
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    size_t N = strtoull(argv[2], NULL, 10);
    char **en = NULL, **ru = NULL;
    size_t np = 0, c1 = 0, c2 = 0, n2 = 0;
    words ven = {0}, vru = {0}, lines = {0}; /* lines: the copies the vocabularies point into */
    char line[1 << 16];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        *tab = '\0';
        char *a = xstrdup(line), *b = xstrdup(tab + 1);
        SV_PUSH(en, np, c1, a);
        SV_PUSH(ru, n2, c2, b);
        char *c1 = xstrdup(line), *c2 = xstrdup(tab + 1);
        SV_PUSH(lines.v, lines.n, lines.cap, c1);
        SV_PUSH(lines.v, lines.n, lines.cap, c2);
        split_words(c1, &ven);
        split_words(c2, &vru);
    }
    fclose(f);
    if (np == 0)
        return 2;
    sv_tmx_header h;
    sv_tmx_header_init(&h);
    h.creationdate = "20240101T000000Z";
    h.srcdoc = "synthetic (NTREX-128 sentences varied)";
    sv_diags *d = sv_diags_new();
    sv_tmx_writer *w;
    if (sv_tmx_writer_open(argv[3], &h, &w, d) != SV_OK)
        return 2;
    FILE *q = fopen(argv[4], "w");
    if (!q)
        return 2;
    /* the units the queries come from, spread over the whole file */
    size_t nq = N < 100 ? N : 100, qi = 0;
    size_t *qk = xcalloc(nq, sizeof *qk);
    for (size_t i = 0; i < nq; i++)
        qk[i] = (N / nq) * i + pick(N / nq);
    sv_buf s = SV_BUF_INIT, t = SV_BUF_INIT, id = SV_BUF_INIT, qb = SV_BUF_INIT;
    for (size_t k = 0; k < N; k++) {
        vary(en[k % np], &ven, 0.3, &s);
        vary(ru[k % np], &vru, 0.3, &t);
        sv_buf_reset(&id);
        sv_buf_printf(&id, "g%zu", k + 1);
        char date[17];
        char at[32];
        snprintf(at, sizeof at, "@%llu", 1700000000ULL + (unsigned long long)k);
        sv_tmx_date_parse(at, date);
        sv_tmx_item attr = {"creationdate", date, NULL};
        sv_tu tu;
        sv_tu_init(&tu);
        tu.tuid = id.ptr;
        tu.src = s.ptr;
        tu.src_len = s.len;
        tu.tgt = t.ptr;
        tu.tgt_len = t.len;
        tu.score = (double)pick(1000) / 1000.0;
        tu.bead = "1-1";
        tu.tu.attrs = &attr;
        tu.tu.nattrs = 1;
        if (sv_tmx_write_tu(w, &tu, d) != SV_OK)
            return 2;
        if (qi < nq && qk[qi] == k) {
            int kind = (int)(qi % 4);
            if (kind == 0) {
                sv_buf_reset(&qb);
                sv_buf_append(&qb, s.ptr, s.len);
            } else if (kind == 1) {
                vary(s.ptr, &ven, 0.0, &qb); /* numbers only */
            } else {
                /* one word (not the first) replaced */
                size_t nw = 1;
                for (size_t i = 0; i < s.len; i++)
                    nw += s.ptr[i] == ' ';
                size_t target = nw > 1 ? 1 + pick(nw - 1) : 0, at_w = 0;
                sv_buf_reset(&qb);
                const char *p = s.ptr;
                while (*p) {
                    const char *e = strchr(p, ' ');
                    size_t n = e ? (size_t)(e - p) : strlen(p);
                    if (at_w == target)
                        sv_buf_puts(&qb, ven.v[pick(ven.n)]);
                    else
                        sv_buf_append(&qb, p, n);
                    if (!e)
                        break;
                    sv_buf_putc(&qb, ' ');
                    p = e + 1;
                    at_w++;
                }
            }
            fprintf(q, "%s\t%s\n", qb.ptr, s.ptr);
            qi++;
        }
    }
    fclose(q);
    sv_status st = sv_tmx_writer_close(w, d);
    sv_diags_free(d);
    for (size_t i = 0; i < np; i++)
        free(en[i]), free(ru[i]);
    for (size_t i = 0; i < lines.n; i++)
        free(lines.v[i]);
    free(en), free(ru), free(lines.v), free(ven.v), free(vru.v), free(qk);
    sv_buf_free(&s), sv_buf_free(&t), sv_buf_free(&id), sv_buf_free(&qb);
    return st == SV_OK ? 0 : 2;
}
