/* test_text.c - documents: paragraphs, CRLF, hard wraps, one line per
 * paragraph, normalisation and the offset map back to the source,
 * headings, boilerplate and menus.  Runs from the top of the tree (the
 * seeds are read from corpora/seeds). */
#include <stdlib.h>
#include <string.h>

#include "../../align/text.h"
#include "../../base/buf.h"
#include "../../base/fileio.h"
#include "../../base/utf8.h"
#include "collapse.h"
#include "harness.h"

#define SEED0 "corpora/seeds/000_8741e439ade6d75d.txt"
#define SEED1 "corpora/seeds/001_7fe66222bde10e6b.txt"
#define SEED2 "corpora/seeds/002_f0fa65aa9091a9e5.txt"
#define SEED3 "corpora/seeds/003_a28e6e6453cc9cc1.txt"
#define SEED4 "corpora/seeds/004_087b155903a46800.txt"

static sv_doc *load(const char *text)
{
    sv_doc *d = NULL;
    sv_load_opts o;
    sv_load_opts_init(&o);
    o.format = SV_INPUT_TEXT;
    if (sv_doc_load_mem("t.txt", text, strlen(text), &o, &d, NULL) != SV_OK)
        return NULL;
    return d;
}

static sv_doc *load_file(const char *path)
{
    sv_doc *d = NULL;
    if (sv_doc_load_file(path, NULL, &d, NULL) != SV_OK) {
        fprintf(stderr, "cannot load %s (run from the top of the tree)\n", path);
        exit(2);
    }
    return d;
}

/* A paragraph's normalised text as a C string (it is not NUL-terminated). */
static const char *norm(const sv_doc *d, size_t i)
{
    static char buf[4][4096];
    static int k;
    const sv_para *p = sv_doc_para(d, i);
    if (!p)
        return "(no paragraph)";
    char *b = buf[k++ % 4];
    snprintf(b, sizeof buf[0], "%.*s", (int)p->norm_len, p->norm);
    return b;
}

/* Every paragraph's norm text comes from its span, and every non-space
 * character of it maps back to the same bytes in the source. */
static void check_offsets(const sv_doc *d)
{
    size_t tlen;
    const char *t = sv_doc_text(d, &tlen);
    int spans_ok = 1, map_ok = 1;
    for (size_t i = 0; i < sv_doc_npara(d); i++) {
        const sv_para *p = sv_doc_para(d, i);
        char *c = collapse_span(sv_doc_text(d, NULL), p->start, p->end);
        spans_ok &= strlen(c) == p->norm_len && memcmp(c, p->norm, p->norm_len) == 0 &&
                    p->start < p->end && p->end <= tlen;
        free(c);
        for (size_t k = 0; k < p->norm_len;) {
            size_t adv;
            sv_utf8_decode(p->norm + k, p->norm_len - k, &adv);
            if (p->norm[k] != ' ') {
                size_t s = sv_doc_src_offset(d, p, k);
                map_ok &= s + adv <= tlen && memcmp(t + s, p->norm + k, adv) == 0;
            }
            k += adv;
        }
        map_ok &= sv_doc_src_offset(d, p, 0) == p->start;
        map_ok &= sv_doc_src_offset(d, p, p->norm_len) == p->end;
    }
    CHECK(spans_ok);
    CHECK(map_ok);
}

static void test_paragraphs(void)
{
    sv_doc *d = load("First paragraph.\n\n\n   \t \nSecond paragraph.\nStill second.\n\nThird.");
    CHECK_INT(sv_doc_npara(d), 3);
    CHECK_STR(norm(d, 0), "First paragraph.");
    CHECK_STR(norm(d, 1), "Second paragraph. Still second.");
    CHECK_STR(norm(d, 2), "Third.");
    CHECK_INT(sv_doc_para(d, 0)->line, 1);
    CHECK_INT(sv_doc_para(d, 1)->line, 5);
    CHECK_INT(sv_doc_para(d, 2)->line, 8);
    check_offsets(d);
    sv_doc_free(d);
    /* form feed and U+2029 end paragraphs; U+2028 is a line break */
    d = load("One.\fTwo.\xE2\x80\xA9Three,\xE2\x80\xA8still three.");
    CHECK_INT(sv_doc_npara(d), 3);
    CHECK_STR(norm(d, 1), "Two.");
    CHECK_STR(norm(d, 2), "Three, still three.");
    check_offsets(d);
    sv_doc_free(d);
    /* list items are paragraphs of their own */
    d = load("The parties discussed:\n- trade;\n- industry;\n1. agriculture.\n");
    CHECK_INT(sv_doc_npara(d), 4);
    CHECK_STR(norm(d, 3), "1. agriculture.");
    sv_doc_free(d);
    /* a paragraph of zero-width characters only is no paragraph */
    d = load("\xE2\x80\x8B\xC2\xAD\n\nText.");
    CHECK_INT(sv_doc_npara(d), 1);
    CHECK_STR(norm(d, 0), "Text.");
    sv_doc_free(d);
}

static void test_crlf(void)
{
    sv_doc *d = load("Line one,\r\nline two.\r\n\r\nSecond paragraph.\r\n");
    CHECK_INT(sv_doc_npara(d), 2);
    CHECK_STR(norm(d, 0), "Line one, line two.");
    CHECK_STR(norm(d, 1), "Second paragraph.");
    const sv_para *p = sv_doc_para(d, 1);
    CHECK_INT(p->start, 24);
    CHECK_INT(p->end, 41);
    CHECK_INT(p->line, 4);
    check_offsets(d);
    /* old Mac line ends */
    sv_doc_free(d);
    d = load("One,\rtwo.\r\rThree.");
    CHECK_INT(sv_doc_npara(d), 2);
    CHECK_STR(norm(d, 0), "One, two.");
    size_t line, col;
    sv_doc_line_col(d, sv_doc_para(d, 1)->start, &line, &col);
    CHECK_INT(line, 4);
    CHECK_INT(col, 1);
    sv_doc_free(d);
}

/* Greedy wrap of text at width columns (code points). */
static void wrap(sv_buf *out, const char *text, size_t width)
{
    size_t col = 0;
    const char *p = text;
    while (*p) {
        const char *sp = strchr(p, ' ');
        size_t n = sp ? (size_t)(sp - p) : strlen(p);
        size_t cps = sv_utf8_count(p, n);
        if (col > 0 && col + 1 + cps > width) {
            sv_buf_putc(out, '\n');
            col = 0;
        } else if (col > 0) {
            sv_buf_putc(out, ' ');
            col++;
        }
        sv_buf_append(out, p, n);
        col += cps;
        p += n;
        while (*p == ' ')
            p++;
    }
}

static void test_hard_wraps(void)
{
    /* seed 002's article paragraphs, wrapped at 72 columns */
    sv_doc *orig = load_file(SEED2);
    sv_buf b = SV_BUF_INIT;
    size_t want = 0;
    for (size_t i = 0; i < sv_doc_npara(orig); i++) {
        const sv_para *p = sv_doc_para(orig, i);
        if (p->kind != SV_PARA_BODY)
            continue;
        if (want++)
            sv_buf_puts(&b, "\n\n");
        wrap(&b, norm(orig, i), 72);
    }
    sv_doc *d = load(b.ptr);
    CHECK(want >= 10);
    CHECK_INT(sv_doc_npara(d), want);
    size_t k = 0, same = 0;
    for (size_t i = 0; i < sv_doc_npara(orig); i++) {
        const sv_para *p = sv_doc_para(orig, i);
        if (p->kind == SV_PARA_BODY)
            same += k < sv_doc_npara(d) && strcmp(norm(d, k++), norm(orig, i)) == 0;
    }
    CHECK_INT(same, want);
    check_offsets(d);
    sv_doc_free(d);
    /* wrapped paragraphs without blank lines between them: a short line
     * ends a paragraph when the next word would have fitted on it */
    sv_buf_reset(&b);
    wrap(&b, "The trade between Belarus and Vologda Oblast has increased significantly over "
             "the past five years, the head of state said.", 72);
    sv_buf_putc(&b, '\n');
    wrap(&b, "Aleksandr Lukashenko stated that Belarus is a machine-building country and "
             "therefore exports a lot of machinery.", 72);
    sv_buf_putc(&b, '\n');
    wrap(&b, "According to the president, Belarus is also ready to offer individual financial "
             "programs for Vologda Oblast.", 72);
    d = load(b.ptr);
    CHECK_INT(sv_doc_npara(d), 3);
    CHECK(strncmp(norm(d, 1), "Aleksandr Lukashenko stated", 27) == 0);
    sv_doc_free(d);
    sv_buf_free(&b);
    sv_doc_free(orig);
}

static void test_line_per_paragraph(void)
{
    /* seed 001: one long line per paragraph, no blank lines */
    sv_doc *d = load_file(SEED1);
    CHECK_INT(sv_doc_npara(d), 18);
    CHECK_INT(sv_doc_para(d, 0)->kind, SV_PARA_HEADING);
    CHECK_INT(sv_doc_para(d, 1)->kind, SV_PARA_BODY);
    CHECK_INT(sv_doc_para(d, 17)->kind, SV_PARA_BOILERPLATE); /* Written by belta.by */
    for (size_t i = 0; i < sv_doc_npara(d); i++)
        CHECK_INT(sv_doc_para(d, i)->line, i + 1);
    check_offsets(d);
    sv_doc_free(d);
}

static void test_normalisation_offsets(void)
{
    /* NBSP, several spaces, a tab, a soft hyphen, decomposed й and Ё, a
     * narrow NBSP inside a number, a zero-width space, a control char */
    const char *src = "Мой\xC2\xA0" "дом   стоит\tтам. Бела\xC2\xAD" "русь и\xCC\x86 "
                      "Е\xCC\x88лка 1\xE2\x80\xAF" "000 руб\xE2\x80\x8B. A\x01" "B";
    sv_doc *d = load(src);
    CHECK_INT(sv_doc_npara(d), 1);
    const sv_para *p = sv_doc_para(d, 0);
    CHECK_STR(p->norm, "Мой дом стоит там. Беларусь й Ёлка 1 000 руб. A B");
    const char *n = p->norm;
#define AT(word) (size_t)(strstr(n, word) - n)
#define SRC(word) (size_t)(strstr(src, word) - src)
    CHECK_INT(sv_doc_src_offset(d, p, AT("дом")), SRC("дом"));
    CHECK_INT(sv_doc_src_offset(d, p, AT("стоит")), SRC("стоит"));
    CHECK_INT(sv_doc_src_offset(d, p, AT("там")), SRC("там"));
    CHECK_INT(sv_doc_src_offset(d, p, AT("русь")), SRC("русь"));
    /* й is one letter made of и + U+0306: it maps to the и */
    CHECK_INT(sv_doc_src_offset(d, p, AT(" й ") + 1), SRC(" и\xCC\x86") + 1);
    CHECK_INT(sv_doc_src_offset(d, p, AT("лка")), SRC("лка"));
    CHECK_INT(sv_doc_src_offset(d, p, AT("000")), SRC("000"));
    CHECK_INT(sv_doc_src_offset(d, p, AT(". A")), SRC(". A"));
    CHECK_INT(sv_doc_src_offset(d, p, AT("B")), SRC("B"));
    /* the space that replaced a run maps to the run's first byte */
    CHECK_INT(sv_doc_src_offset(d, p, AT(" стоит")), SRC("   стоит"));
    CHECK_INT(sv_doc_src_offset(d, p, p->norm_len), strlen(src));
    CHECK_INT(p->start, 0);
    CHECK_INT(p->end, strlen(src));
#undef AT
#undef SRC
    sv_doc_free(d);
    /* the seeds (NBSP after "Main", bullets): offsets hold everywhere */
    const char *seeds[] = {SEED0, SEED1, SEED2, SEED3, SEED4};
    for (size_t i = 0; i < 5; i++) {
        d = load_file(seeds[i]);
        check_offsets(d);
        sv_doc_free(d);
    }
}

static void test_headings(void)
{
    sv_doc *d = load_file(SEED4);
    CHECK_INT(sv_doc_para(d, 0)->kind, SV_PARA_HEADING);
    CHECK_INT(sv_doc_para(d, 1)->kind, SV_PARA_BODY);
    size_t found = 0;
    for (size_t i = 0; i < sv_doc_npara(d); i++)
        if (!strcmp(norm(d, i), "Ключевые направления сотрудничества"))
            found = sv_doc_para(d, i)->kind == SV_PARA_HEADING;
    CHECK(found);
    sv_doc_free(d);
    d = load("Agriculture and foodstuffs\n\nThe parties discussed:\n\nBody text here.");
    CHECK_INT(sv_doc_para(d, 0)->kind, SV_PARA_HEADING);
    CHECK_INT(sv_doc_para(d, 1)->kind, SV_PARA_BODY); /* ends with a colon */
    sv_doc_free(d);
}

static void test_boilerplate_lines(void)
{
    static const char *const yes[] = {
        "Main / News / Republic", "Flag Monday, 25 August 2025", "All news",
        "25 August 2025, 11:39", "Follow us on:", "\xE2\x80\xA2 11", "\xE2\x80\xA2 7:54",
        "Written by belta.by", "Источник: AP 2024", "Все новости", "Читайте также: новость",
        "Home > World > Europe", "Фото: Sputnik", "10.06.2024", "Share this article", NULL};
    static const char *const no[] = {
        "Lukashenko outlines cooperation areas with Russia’s Vologda Oblast",
        "Agriculture and foodstuffs", "Ключевые направления сотрудничества",
        "The president guaranteed that all agreements reached will be implemented.",
        "In 2023, the trade exceeded $500 million.", "News of the day was good.",
        "Monday saw growth of 5 percent in exports to Russia", NULL};
    for (size_t i = 0; yes[i]; i++)
        if (!sv_text_is_boilerplate(yes[i], strlen(yes[i])))
            CHECK_STR("(not boilerplate)", yes[i]);
    for (size_t i = 0; no[i]; i++)
        if (sv_text_is_boilerplate(no[i], strlen(no[i])))
            CHECK_STR("(boilerplate)", no[i]);
    CHECK(!sv_text_is_boilerplate("", 0));
}

static void test_menus(void)
{
    /* seed 002: seven lines of site furniture first, three at the end */
    sv_doc *d = load_file(SEED2);
    size_t n = sv_doc_npara(d);
    for (size_t i = 0; i < 7; i++)
        CHECK_INT(sv_doc_para(d, i)->kind, SV_PARA_BOILERPLATE);
    CHECK_INT(sv_doc_para(d, 7)->kind, SV_PARA_HEADING);
    CHECK_INT(sv_doc_para(d, 8)->kind, SV_PARA_BODY);
    for (size_t i = n - 3; i < n; i++)
        CHECK_INT(sv_doc_para(d, i)->kind, SV_PARA_BOILERPLATE);
    CHECK_INT(sv_doc_para(d, n - 4)->kind, SV_PARA_BODY);
    sv_doc_free(d);
    /* seed 000: the breadcrumb line; seed 003: bullets with numbers */
    d = load_file(SEED0);
    CHECK_INT(sv_doc_para(d, 0)->kind, SV_PARA_BOILERPLATE);
    CHECK_INT(sv_doc_para(d, 1)->kind, SV_PARA_HEADING);
    sv_doc_free(d);
    d = load_file(SEED3);
    CHECK_INT(sv_doc_para(d, 0)->kind, SV_PARA_HEADING);
    CHECK_INT(sv_doc_para(d, 1)->kind, SV_PARA_BOILERPLATE);
    CHECK_INT(sv_doc_para(d, 2)->kind, SV_PARA_BOILERPLATE);
    CHECK_INT(sv_doc_para(d, 3)->kind, SV_PARA_BODY);
    sv_doc_free(d);
    /* a menu of short lines in the middle of a text is left alone unless
     * it holds furniture */
    d = load("First paragraph of the story.\n\nMinsk\n\nBrest\n\nGomel\n\nLast paragraph.");
    CHECK_INT(sv_doc_para(d, 1)->kind, SV_PARA_HEADING);
    sv_doc_free(d);
    d = load("First paragraph of the story.\n\nHome\n\nPolitics\n\nSport\n\nLast paragraph.");
    CHECK_INT(sv_doc_para(d, 1)->kind, SV_PARA_BOILERPLATE);
    CHECK_INT(sv_doc_para(d, 3)->kind, SV_PARA_BOILERPLATE);
    CHECK_INT(sv_doc_para(d, 4)->kind, SV_PARA_BODY);
    sv_doc_free(d);
}

static void test_load_errors(void)
{
    sv_doc *d = NULL;
    sv_diags *g = sv_diags_new();
    CHECK_INT(sv_doc_load_mem("empty.txt", "", 0, NULL, &d, g), SV_OK);
    CHECK_INT(sv_doc_npara(d), 0);
    CHECK_INT(sv_diags_count_severity(g, SV_WARNING), 1);
    CHECK(strstr(sv_diags_get(g, 0)->message, "no text found (empty file)") != NULL);
    sv_doc_free(d);
    sv_load_opts o;
    sv_load_opts_init(&o);
    o.max_bytes = 10;
    d = NULL;
    CHECK_INT(sv_doc_load_mem("big.txt", "more than ten bytes", 19, &o, &d, g), SV_ERR_LIMIT);
    CHECK(d == NULL);
    CHECK_INT(sv_doc_load_file("/nonexistent/file.txt", NULL, &d, g), SV_ERR_IO);
    sv_doc_free(NULL);
    sv_diags_free(g);
}

static void test_format_choice(void)
{
    sv_doc *d = NULL;
    const char *page = "<p>Hello &laquo;world&raquo;.</p>";
    CHECK_INT(sv_doc_load_mem("page.HTM", page, strlen(page), NULL, &d, NULL), SV_OK);
    CHECK(sv_doc_is_html(d));
    CHECK_STR(norm(d, 0), "Hello «world».");
    sv_doc_free(d);
    /* sniffed without an extension */
    CHECK_INT(sv_doc_load_mem("page", page, strlen(page), NULL, &d, NULL), SV_OK);
    CHECK(sv_doc_is_html(d));
    sv_doc_free(d);
    /* forced to plain text: the markup stays */
    sv_load_opts o;
    sv_load_opts_init(&o);
    o.format = SV_INPUT_TEXT;
    CHECK_INT(sv_doc_load_mem("page.html", page, strlen(page), &o, &d, NULL), SV_OK);
    CHECK(!sv_doc_is_html(d));
    CHECK_STR(norm(d, 0), page);
    CHECK_STR(sv_doc_encoding(d), "UTF-8");
    CHECK_STR(sv_doc_name(d), "page.html");
    sv_doc_free(d);
}

int main(void)
{
    RUN(test_paragraphs);
    RUN(test_crlf);
    RUN(test_hard_wraps);
    RUN(test_line_per_paragraph);
    RUN(test_normalisation_offsets);
    RUN(test_headings);
    RUN(test_boilerplate_lines);
    RUN(test_menus);
    RUN(test_load_errors);
    RUN(test_format_choice);
    return harness_end();
}
