/* test_segment.c - sentences out of documents: spans in the source, kinds,
 * paragraph numbers, the quote attribution joined across paragraphs, forced
 * cuts, SRX rules through the segmenter, several segmenters at once.
 * (Splitting decisions themselves are in tests/spec/segment.spec.) */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../../align/segment.h"
#include "../../align/srx.h"
#include "../../align/text.h"
#include "../../base/buf.h"
#include "../../base/utf8.h"
#include "collapse.h"
#include "harness.h"

static sv_segmenter *seg;

/* A sentence's text as a C string (texts are not NUL-terminated). */
static const char *stext(const sv_sentence *x)
{
    static char buf[4][1024];
    static int k;
    char *b = buf[k++ % 4];
    snprintf(b, sizeof buf[0], "%.*s", (int)x->len, x->text);
    return b;
}

static sv_doc *load(const char *name, const char *text)
{
    sv_doc *d = NULL;
    if (sv_doc_load_mem(name, text, strlen(text), NULL, &d, NULL) != SV_OK)
        return NULL;
    return d;
}

/* Every sentence's span holds its text, spans are ordered and do not
 * overlap, and line and paragraph agree with the document. */
static void check_spans(const sv_doc *d, const sv_segs *s)
{
    size_t tlen;
    sv_doc_text(d, &tlen);
    int text_ok = 1, order_ok = 1, meta_ok = 1;
    for (size_t i = 0; i < s->n; i++) {
        const sv_sentence *x = &s->v[i];
        char *c = collapse_span(sv_doc_text(d, NULL), x->start, x->end);
        int same = strlen(c) == x->len && memcmp(c, x->text, x->len) == 0 &&
                   !memchr(x->text, '\0', x->len);
        text_ok &= same;
        if (!same)
            fprintf(stderr, "  span [%zu,%zu) is \"%s\",\n  text is \"%.*s\"\n", x->start, x->end,
                    c, (int)x->len, x->text);
        free(c);
        order_ok &= x->start < x->end && x->end <= tlen;
        if (i > 0)
            order_ok &= s->v[i - 1].end <= x->start && s->v[i - 1].para <= x->para;
        size_t line;
        sv_doc_line_col(d, x->start, &line, NULL);
        meta_ok &= line == x->line && x->para < sv_doc_npara(d);
        const sv_para *p = sv_doc_para(d, x->para);
        meta_ok &= p->start <= x->start && x->start < p->end;
    }
    CHECK(text_ok);
    CHECK(order_ok);
    CHECK(meta_ok);
}

static void test_kinds_and_spans(void)
{
    const char *text = "Main / News / Republic\n\n"
                       "Lukashenko meets the governor\n\n"
                       "Belarus and  Russia\xC2\xA0signed the deal. Trade grew by 8,4 млрд. руб. in 2023.\n"
                       "It is a record.\n\n"
                       "All news\n";
    sv_doc *d = load("k.txt", text);
    sv_segs *s = NULL;
    CHECK_INT(sv_segment_doc(seg, d, SV_LANG_EN, &s, NULL), SV_OK);
    CHECK_INT(s->n, 6);
    CHECK_INT(s->v[0].kind, SV_SEG_BOILERPLATE);
    CHECK_INT(s->v[1].kind, SV_SEG_HEADLINE);
    CHECK_INT(s->v[2].kind, SV_SEG_SENTENCE);
    CHECK_INT(s->v[4].kind, SV_SEG_SENTENCE);
    CHECK_INT(s->v[5].kind, SV_SEG_BOILERPLATE);
    CHECK_STR(stext(&s->v[2]), "Belarus and Russia signed the deal.");
    CHECK_STR(stext(&s->v[3]), "Trade grew by 8,4 млрд. руб. in 2023.");
    CHECK_STR(stext(&s->v[4]), "It is a record.");
    CHECK_INT(s->v[2].start, strstr(text, "Belarus") - text);
    CHECK_INT(s->v[2].end, strstr(text, " Trade") - text);
    CHECK_INT(s->v[4].end, strstr(text, "\n\nAll") - text);
    CHECK_INT(s->v[2].para, 2);
    CHECK_INT(s->v[4].para, 2);
    CHECK_INT(s->v[5].para, 3);
    CHECK_INT(s->v[1].line, 3);
    CHECK_INT(s->v[3].line, 5);
    CHECK_INT(s->v[4].line, 6);
    check_spans(d, s);
    CHECK_STR(sv_seg_kind_name(SV_SEG_SENTENCE), "sentence");
    CHECK_STR(sv_seg_kind_name(SV_SEG_HEADLINE), "headline");
    CHECK_STR(sv_seg_kind_name(SV_SEG_BOILERPLATE), "boilerplate");
    sv_segs_free(s);
    sv_segs_free(NULL);
    sv_doc_free(d);
}

static void test_attribution_across_paragraphs(void)
{
    const char *text = "«Хорошая цифра, но к миллиарду нужно стремиться».\n\n"
                       "сказал Лукашенко. Потом он уехал.\n";
    sv_doc *d = load("a.txt", text);
    sv_segs *s = NULL;
    CHECK_INT(sv_segment_doc(seg, d, SV_LANG_RU, &s, NULL), SV_OK);
    CHECK_INT(s->n, 2);
    CHECK_STR(stext(&s->v[0]), "«Хорошая цифра, но к миллиарду нужно стремиться». сказал Лукашенко.");
    CHECK_INT(s->v[0].para, 0);
    CHECK_INT(s->v[0].start, 0);
    /* the span runs over the blank line to the end of the attribution */
    CHECK_INT(s->v[0].end, strstr(text, " Потом") - text);
    CHECK_STR(stext(&s->v[1]), "Потом он уехал.");
    CHECK_INT(s->v[1].para, 1);
    sv_segs_free(s);
    sv_doc_free(d);
    /* not after a heading, and not without the closing quote */
    d = load("b.txt", "Итоги встречи.\n\nи это было важно.\n");
    CHECK_INT(sv_segment_doc(seg, d, SV_LANG_RU, &s, NULL), SV_OK);
    CHECK_INT(s->n, 2);
    sv_segs_free(s);
    sv_doc_free(d);
}

static void test_seeds(void)
{
    const char *seeds[] = {"corpora/seeds/000_8741e439ade6d75d.txt",
                           "corpora/seeds/001_7fe66222bde10e6b.txt",
                           "corpora/seeds/002_f0fa65aa9091a9e5.txt",
                           "corpora/seeds/003_a28e6e6453cc9cc1.txt",
                           "corpora/seeds/004_087b155903a46800.txt"};
    size_t counts[5];
    for (size_t i = 0; i < 5; i++) {
        sv_doc *d = NULL;
        CHECK_INT(sv_doc_load_file(seeds[i], NULL, &d, NULL), SV_OK);
        if (!d)
            continue;
        sv_segs *s = NULL;
        CHECK_INT(sv_segment_doc(seg, d, SV_LANG_UNKNOWN, &s, NULL), SV_OK);
        counts[i] = s->n;
        /* seed 004's attributions join across a blank line: their text is
         * the two parts with one space, so compare the others only */
        if (i != 4)
            check_spans(d, s);
        size_t joined = 0;
        for (size_t k = 0; k < s->n; k++)
            joined += strstr(stext(&s->v[k]), "». сказал Лукашенко.") != NULL ||
                      strstr(stext(&s->v[k]), "». подчеркнул президент Беларуси.") != NULL;
        if (i == 4)
            CHECK_INT(joined, 3);
        sv_segs_free(s);
        sv_doc_free(d);
    }
    /* what a careful reader counts (boilerplate lines included) */
    CHECK_INT(counts[0], 39);
    CHECK_INT(counts[4], 28);
}

static void test_sentence_text(void)
{
    const char *t = "Mr. Smith came. He left.";
    size_t *b = NULL, nb = 0;
    CHECK_INT(sv_segment_text(seg, t, strlen(t), SV_LANG_EN, &b, &nb, NULL), SV_OK);
    CHECK_INT(nb, 4);
    CHECK(nb == 4 && b[0] == 0 && b[1] == 15 && b[2] == 16 && b[3] == 24);
    free(b);
    CHECK_INT(sv_segment_text(seg, "", 0, SV_LANG_EN, &b, &nb, NULL), SV_OK);
    CHECK_INT(nb, 0);
    free(b);
}

static void test_forced_cuts(void)
{
    /* a 30,000-byte "sentence" with a 1,000-byte limit: cut at spaces,
     * with one warning */
    sv_segment_opts o;
    sv_segment_opts_init(&o);
    CHECK_INT(o.max_sentence, 1 << 20);
    CHECK(o.srx == NULL);
    o.max_sentence = 1000;
    sv_segmenter *small = NULL;
    CHECK_INT(sv_segmenter_new(&o, &small, NULL), SV_OK);
    sv_buf b = SV_BUF_INIT;
    for (int i = 0; i < 3000; i++)
        sv_buf_puts(&b, "word word ");
    sv_doc *d = load("long.txt", b.ptr);
    sv_segs *s = NULL;
    sv_diags *g = sv_diags_new();
    CHECK_INT(sv_segment_doc(small, d, SV_LANG_EN, &s, g), SV_OK);
    CHECK(s->n >= 30 && s->n <= 62);
    int ok = 1;
    for (size_t i = 0; i < s->n; i++)
        ok &= s->v[i].len <= 1000 && s->v[i].text[0] == 'w' && s->v[i].text[s->v[i].len - 1] == 'd';
    CHECK(ok);
    CHECK_INT(sv_diags_count_severity(g, SV_WARNING), 1);
    CHECK(strstr(sv_diags_get(g, 0)->message, "cut by force") != NULL);
    check_spans(d, s);
    sv_segs_free(s);
    sv_doc_free(d);
    sv_buf_free(&b);
    sv_diags_free(g);
    sv_segmenter_free(small);
    sv_segmenter_free(NULL);
}

static void test_with_srx(void)
{
    sv_srx *srx = NULL;
    CHECK_INT(sv_srx_load("tests/data/omegat.srx", &srx, NULL), SV_OK);
    sv_segment_opts o;
    sv_segment_opts_init(&o);
    o.srx = srx;
    sv_segmenter *sg = NULL;
    CHECK_INT(sv_segmenter_new(&o, &sg, NULL), SV_OK);
    sv_doc *d = load("s.txt", "Встреча прошла в г. Минске. Затем делегация уехала.\n\nВторой абзац.");
    sv_segs *s = NULL;
    CHECK_INT(sv_segment_doc(sg, d, SV_LANG_RU, &s, NULL), SV_OK);
    CHECK_INT(s->n, 3);
    CHECK_STR(stext(&s->v[0]), "Встреча прошла в г. Минске.");
    CHECK_INT(s->v[2].para, 1);
    check_spans(d, s);
    sv_segs_free(s);
    /* with English rules, г. ends a segment */
    CHECK_INT(sv_segment_doc(sg, d, SV_LANG_EN, &s, NULL), SV_OK);
    CHECK_INT(s->n, 4);
    sv_segs_free(s);
    sv_doc_free(d);
    sv_segmenter_free(sg);
    sv_srx_free(srx);
}

static void *thread_main(void *arg)
{
    sv_segmenter *sg = NULL;
    size_t *n = arg;
    if (sv_segmenter_new(NULL, &sg, NULL) != SV_OK)
        return NULL;
    for (int i = 0; i < 50; i++) {
        size_t *b = NULL, nb = 0;
        const char *t = "Dr. Jones met V. Putin. They talked. Then they left.";
        if (sv_segment_text(sg, t, strlen(t), SV_LANG_EN, &b, &nb, NULL) == SV_OK)
            *n += nb / 2;
        free(b);
    }
    sv_segmenter_free(sg);
    return NULL;
}

static void test_threads(void)
{
    /* rules are compiled once for the process; each thread has its own
     * segmenter */
    pthread_t th[4];
    size_t n[4] = {0};
    for (int i = 0; i < 4; i++)
        pthread_create(&th[i], NULL, thread_main, &n[i]);
    for (int i = 0; i < 4; i++)
        pthread_join(th[i], NULL);
    for (int i = 0; i < 4; i++)
        CHECK_INT(n[i], 150);
}

int main(void)
{
    if (sv_segmenter_new(NULL, &seg, NULL) != SV_OK) {
        fprintf(stderr, "cannot create a segmenter\n");
        return 2;
    }
    RUN(test_kinds_and_spans);
    RUN(test_attribution_across_paragraphs);
    RUN(test_seeds);
    RUN(test_sentence_text);
    RUN(test_forced_cuts);
    RUN(test_with_srx);
    RUN(test_threads);
    sv_segmenter_free(seg);
    return harness_end();
}
