/* test_store.c - the SQLite translation memory: import (dedupe, newest
 * wins, all-or-nothing), export round trip, lookup, concordance. */
#include <stdlib.h>
#include <unistd.h>

#include "../../base/buf.h"
#include "../../tm/store.h"
#include "harness.h"

#define DATA "tests/tm/data/"

static char dir[64];

static const char *tmp(const char *name)
{
    static char p[4][160];
    static int k;
    k = (k + 1) % 4;
    snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
    return p[k];
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
}

static void tmx_one(const char *path, const char *tuid, const char *date, const char *en,
                    const char *ru)
{
    char b[2048];
    snprintf(b, sizeof b,
             "<tmx version=\"1.4\"><header creationtool=\"x\" srclang=\"en-US\"/><body>"
             "<tu tuid=\"%s\" changedate=\"%s\"><tuv xml:lang=\"en-US\"><seg>%s</seg></tuv>"
             "<tuv xml:lang=\"ru-RU\"><seg>%s</seg></tuv></tu></body></tmx>",
             tuid, date, en, ru);
    write_file(path, b);
}

static sv_tm *open_tm(const char *path, int create)
{
    sv_tm_opts o;
    sv_tm_opts_init(&o);
    o.create = create;
    sv_tm *tm = NULL;
    if (sv_tm_open(path, &o, &tm, NULL) != SV_OK)
        return NULL;
    return tm;
}

static void test_open(void)
{
    sv_tm *tm = NULL;
    sv_tm_opts o;
    sv_tm_opts_init(&o);
    CHECK_INT(sv_tm_open(tmp("missing.db"), &o, &tm, NULL), SV_ERR_IO);
    write_file(tmp("garbage.db"), "this is not a database, just some text that is long enough "
                                  "to fill the sqlite header area and then some more bytes.....");
    o.create = 1;
    CHECK(sv_tm_open(tmp("garbage.db"), &o, &tm, NULL) != SV_OK);
    CHECK(tm == NULL);
    tm = open_tm(tmp("a.db"), 1);
    CHECK(tm != NULL);
    sv_tm_close(tm);
    tm = open_tm(tmp("a.db"), 0); /* reopens */
    CHECK(tm != NULL);
    sv_tm_close(tm);
    sv_tm_close(NULL);
}

static size_t units(sv_tm *tm)
{
    sv_tm_stats *s = NULL;
    if (sv_tm_get_stats(tm, &s, NULL) != SV_OK)
        return (size_t)-1;
    size_t n = s->units;
    sv_tm_stats_free(s);
    return n;
}

static void test_import(void)
{
    sv_tm *tm = open_tm(tmp("i.db"), 1);
    sv_diags *d = sv_diags_new();
    sv_tm_import_result res;
    CHECK_INT(sv_tm_import(tm, DATA "trados-style.tmx", NULL, &res, d), SV_OK);
    CHECK_INT(res.read, 5);
    CHECK_INT(res.added, 5);
    CHECK_INT(sv_tm_import(tm, DATA "omegat-project_save.tmx", NULL, &res, d), SV_OK);
    CHECK_INT(res.added, 4);
    CHECK_INT(res.skipped, 1);
    /* the same file again is noticed; with force it only adds occurrences */
    CHECK_INT(sv_tm_import(tm, DATA "trados-style.tmx", NULL, &res, d), SV_OK);
    CHECK_INT(res.already, 1);
    CHECK_INT(res.read, 0);
    sv_tm_import_opts io;
    sv_tm_import_opts_init(&io);
    io.force = 1;
    CHECK_INT(sv_tm_import(tm, DATA "trados-style.tmx", &io, &res, d), SV_OK);
    CHECK_INT(res.duplicates, 5);
    CHECK_INT(res.added, 0);
    sv_tm_stats *s;
    CHECK_INT(sv_tm_get_stats(tm, &s, d), SV_OK);
    CHECK_INT(s->units, 9);
    CHECK_INT(s->occurrences, 14);
    CHECK_INT(s->nsources, 3);
    CHECK_INT(s->with_markup, 5);
    CHECK_INT(s->npairs, 2); /* en-GB/ru-RU and EN-US/RU-RU, as written */
    CHECK_STR(s->newest, "20240401T080000Z");
    sv_tm_stats_free(s);
    /* a file that breaks half-way leaves nothing behind */
    write_file(tmp("broken.tmx"),
               "<tmx version=\"1.4\"><header/><body>"
               "<tu><tuv xml:lang=\"en\"><seg>Fine one.</seg></tuv><tuv xml:lang=\"ru\"><seg>Хорошо."
               "</seg></tuv></tu><tu><tuv xml:lang=\"en\"><seg>Broken & here</seg></tuv></tu>"
               "</body></tmx>");
    CHECK(sv_tm_import(tm, tmp("broken.tmx"), NULL, &res, d) != SV_OK);
    CHECK_INT(units(tm), 9);
    CHECK_INT(sv_tm_get_stats(tm, &s, d), SV_OK);
    CHECK_INT(s->nsources, 3);
    sv_tm_stats_free(s);
    CHECK_INT(sv_tm_import(tm, tmp("none.tmx"), NULL, &res, d), SV_ERR_IO);
    sv_tm_close(tm);
    sv_diags_free(d);
}

static int count_each(void *ctx, const sv_tu *tu)
{
    sv_buf *b = ctx;
    sv_buf_append(b, tu->src, tu->src_len);
    sv_buf_printf(b, "|%s|%s\n", tu->tuid ? tu->tuid : "-", tu->date ? tu->date : "-");
    return 0;
}

static void test_newest_wins(void)
{
    sv_tm *tm = open_tm(tmp("n.db"), 1);
    sv_tm_import_result res;
    tmx_one(tmp("n1.tmx"), "old", "20200101T000000Z", "Same text.", "Тот же текст.");
    tmx_one(tmp("n2.tmx"), "new", "20230101T000000Z", "Same text.", "Тот же текст.");
    tmx_one(tmp("n3.tmx"), "older", "20190101T000000Z", "Same text.", "Тот же текст.");
    tmx_one(tmp("n4.tmx"), "other", "20190101T000000Z", "Same text.", "Другой текст.");
    CHECK_INT(sv_tm_import(tm, tmp("n1.tmx"), NULL, &res, NULL), SV_OK);
    CHECK_INT(sv_tm_import(tm, tmp("n2.tmx"), NULL, &res, NULL), SV_OK);
    CHECK_INT(res.duplicates, 1);
    CHECK_INT(sv_tm_import(tm, tmp("n3.tmx"), NULL, &res, NULL), SV_OK);
    CHECK_INT(sv_tm_import(tm, tmp("n4.tmx"), NULL, &res, NULL), SV_OK);
    CHECK_INT(res.added, 1);
    sv_buf b = SV_BUF_INIT;
    CHECK_INT(sv_tm_each(tm, NULL, count_each, &b, NULL), SV_OK);
    CHECK_STR(b.ptr, "Same text.|new|20230101T000000Z\nSame text.|other|20190101T000000Z\n");
    sv_tm_stats *s;
    CHECK_INT(sv_tm_get_stats(tm, &s, NULL), SV_OK);
    CHECK_INT(s->occurrences, 4);
    sv_tm_stats_free(s);
    sv_buf_free(&b);
    sv_tm_close(tm);
}

typedef struct {
    sv_tmx_writer *w;
    size_t n;
} wctx;

static int write_each(void *ctx, const sv_tu *tu)
{
    wctx *c = ctx;
    c->n++;
    return sv_tmx_write_tu(c->w, tu, NULL) != SV_OK;
}

/* TMX -> TM -> TMX: every text, markup, prop, note, attribute survives. */
static void test_round_trip(void)
{
    sv_tm *tm = open_tm(tmp("r.db"), 1);
    sv_tm_import_result res;
    sv_tmx_read_opts ro;
    sv_tmx_read_opts_init(&ro);
    sv_tm_import_opts io;
    sv_tm_import_opts_init(&io);
    io.read = &ro;
    CHECK_INT(sv_tm_import(tm, DATA "trados-style.tmx", &io, &res, NULL), SV_OK);
    sv_buf out = SV_BUF_INIT;
    sv_tmx_header h;
    sv_tmx_header_init(&h);
    h.srclang = "en-GB";
    h.creationdate = "20240101T000000Z";
    wctx c = {NULL, 0};
    CHECK_INT(sv_tmx_writer_open_buf(&out, &h, &c.w, NULL), SV_OK);
    sv_tm_filter f;
    sv_tm_filter_init(&f);
    f.srclang = "en";
    CHECK_INT(sv_tm_each(tm, &f, write_each, &c, NULL), SV_OK);
    CHECK_INT(sv_tmx_writer_close(c.w, NULL), SV_OK);
    CHECK_INT(c.n, 5);
    sv_tmx_reader *a, *b;
    CHECK_INT(sv_tmx_reader_open(DATA "trados-style.tmx", NULL, &a, NULL), SV_OK);
    CHECK_INT(sv_tmx_reader_open_mem("out", out.ptr, out.len, NULL, &b, NULL), SV_OK);
    const sv_tu *x, *y;
    size_t n = 0;
    while (sv_tmx_reader_next(a, &x, NULL) == SV_OK && x &&
           sv_tmx_reader_next(b, &y, NULL) == SV_OK && y) {
        n++;
        CHECK_STR(x->src, y->src);
        CHECK_STR(x->tgt, y->tgt);
        CHECK_STR(x->src_xml ? x->src_xml : "", y->src_xml ? y->src_xml : "");
        CHECK_STR(x->tgt_xml ? x->tgt_xml : "", y->tgt_xml ? y->tgt_xml : "");
        CHECK_STR(x->date ? x->date : "", y->date ? y->date : "");
        CHECK_INT(x->tu.nattrs, y->tu.nattrs);
        CHECK_INT(x->tu.nprops, y->tu.nprops);
        CHECK_INT(x->tu.nnotes, y->tu.nnotes);
        for (size_t i = 0; i < x->tu.nattrs && i < y->tu.nattrs; i++) {
            CHECK_STR(x->tu.attrs[i].name, y->tu.attrs[i].name);
            CHECK_STR(x->tu.attrs[i].value, y->tu.attrs[i].value);
        }
        for (size_t i = 0; i < x->tu.nnotes && i < y->tu.nnotes; i++)
            CHECK_STR(x->tu.notes[i].value, y->tu.notes[i].value);
    }
    CHECK_INT(n, 5);
    sv_tmx_reader_free(a);
    sv_tmx_reader_free(b);
    /* filters: a score threshold drops units without a score */
    f.min_score = 0.5;
    c.n = 0;
    sv_buf_reset(&out);
    CHECK_INT(sv_tmx_writer_open_buf(&out, &h, &c.w, NULL), SV_OK);
    CHECK_INT(sv_tm_each(tm, &f, write_each, &c, NULL), SV_OK);
    sv_tmx_writer_abort(c.w);
    CHECK_INT(c.n, 0);
    sv_buf_free(&out);
    sv_tm_close(tm);
}

static void test_lookup(void)
{
    sv_tm *tm = open_tm(tmp("l.db"), 1);
    sv_diags *d = sv_diags_new();
    sv_tm_import_result res;
    CHECK_INT(sv_tm_import(tm, DATA "omegat-project_save.tmx", NULL, &res, d), SV_OK);
    CHECK_INT(sv_tm_import(tm, DATA "trados-style.tmx", NULL, &res, d), SV_OK);
    CHECK_INT(sv_tm_import(tm, DATA "utf16.tmx", NULL, &res, d), SV_OK);
    sv_tm_hits h = {NULL, 0, 0};
    const char *q = "The plant in Minsk makes tractors for export.";
    CHECK_INT(sv_tm_lookup(tm, q, strlen(q), NULL, &h, d), SV_OK);
    CHECK(h.n >= 1);
    if (h.n) {
        CHECK_INT(h.v[0].match, 100);
        CHECK_STR(h.v[0].tgt, "Завод в Минске выпускает тракторы на экспорт.");
        CHECK_STR(h.v[0].srclang, "EN-US");
        CHECK(strstr(h.v[0].origin, "omegat-project_save.tmx") != NULL);
    }
    sv_tm_hits_free(&h);
    q = "The plant in Gomel makes tractors for export.";
    CHECK_INT(sv_tm_lookup(tm, q, strlen(q), NULL, &h, d), SV_OK);
    CHECK(h.n >= 1 && h.v[0].match == 88); /* 8 words + '.' = 17; one word: floor(1500/17) */
    sv_tm_hits_free(&h);
    /* Russian queries search the Russian side and return the English */
    q = "Проверяйте уровень масла каждые 100 часов.";
    CHECK_INT(sv_tm_lookup(tm, q, strlen(q), NULL, &h, d), SV_OK);
    CHECK(h.n >= 1);
    if (h.n) {
        CHECK_INT(h.v[0].match, 99); /* a number differs */
        CHECK_STR(h.v[0].tgt, "Check the oil level every 50 hours.");
        CHECK_STR(h.v[0].srclang, "ru-ru");
    }
    sv_tm_hits_free(&h);
    /* inline tags cost a point each */
    q = "Press Start to begin ploughing.";
    CHECK_INT(sv_tm_lookup(tm, q, strlen(q), NULL, &h, d), SV_OK);
    CHECK(h.n >= 1 && h.v[0].match == 98);
    sv_tm_hits_free(&h);
    /* thresholds, limits */
    sv_tm_lookup_opts o;
    sv_tm_lookup_opts_init(&o);
    o.min_match = 99;
    q = "The plant in Gomel makes tractors for export.";
    CHECK_INT(sv_tm_lookup(tm, q, strlen(q), &o, &h, d), SV_OK);
    CHECK_INT(h.n, 0);
    o.min_match = 0;
    o.limit = 2;
    q = "the tractors";
    CHECK_INT(sv_tm_lookup(tm, q, strlen(q), &o, &h, d), SV_OK);
    CHECK(h.n <= 2);
    sv_tm_hits_free(&h);
    o.srclang = "de";
    q = "The plant in Minsk makes tractors for export.";
    CHECK_INT(sv_tm_lookup(tm, q, strlen(q), &o, &h, d), SV_OK);
    CHECK_INT(h.n, 0);
    sv_tm_hits_free(&h);
    sv_tm_close(tm);
    sv_diags_free(d);
}

static void test_concordance(void)
{
    sv_tm *tm = open_tm(tmp("l.db"), 0);
    sv_tm_hits h = {NULL, 0, 0};
    /* a Russian term in another case finds its forms */
    CHECK_INT(sv_tm_concordance(tm, "трактор", strlen("трактор"), NULL, &h, NULL), SV_OK);
    CHECK_INT(h.n, 1);
    if (h.n) {
        CHECK_STR(h.v[0].src, "Завод в Минске выпускает тракторы на экспорт.");
        CHECK_INT(h.v[0].nspans, 1);
        const char *s = h.v[0].src;
        CHECK(h.v[0].spans[0] == (size_t)(strstr(s, "тракторы") - s));
        CHECK(h.v[0].spans[1] == h.v[0].spans[0] + strlen("тракторы"));
    }
    sv_tm_hits_free(&h);
    /* several words, English, endings ignored */
    const char *t = "tractor MAKING";
    CHECK_INT(sv_tm_concordance(tm, t, strlen(t), NULL, &h, NULL), SV_OK);
    CHECK_INT(h.n, 0); /* "makes tractors": wrong order */
    t = "makes tractor";
    CHECK_INT(sv_tm_concordance(tm, t, strlen(t), NULL, &h, NULL), SV_OK);
    CHECK_INT(h.n, 1);
    sv_tm_hits_free(&h);
    t = "уровня масла";
    CHECK_INT(sv_tm_concordance(tm, t, strlen(t), NULL, &h, NULL), SV_OK);
    CHECK_INT(h.n, 1);
    if (h.n)
        CHECK_STR(h.v[0].tgt, "Check the oil level every 50 hours.");
    sv_tm_hits_free(&h);
    /* ё = е; short words are found by reading every unit */
    t = "емкость";
    CHECK_INT(sv_tm_concordance(tm, t, strlen(t), NULL, &h, NULL), SV_OK);
    CHECK(h.n >= 1);
    sv_tm_hits_free(&h);
    t = "Да";
    CHECK_INT(sv_tm_concordance(tm, t, strlen(t), NULL, &h, NULL), SV_OK);
    CHECK_INT(h.n, 1);
    sv_tm_hits_free(&h);
    CHECK_INT(sv_tm_concordance(tm, "...", 3, NULL, &h, NULL), SV_ERR_ARG);
    sv_tm_close(tm);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/sverka-test-store-XXXXXX");
    if (!mkdtemp(dir))
        return 2;
    RUN(test_open);
    RUN(test_import);
    RUN(test_newest_wins);
    RUN(test_round_trip);
    RUN(test_lookup);
    RUN(test_concordance);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", dir);
    return harness_end();
}
