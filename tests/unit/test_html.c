/* test_html.c - article text out of web pages: skipped elements, blocks,
 * <br>, entities, page furniture, charsets (declared, undeclared, one bad
 * byte) and hostile nesting.  Fixtures in tests/data; runs from the top
 * of the tree. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../align/html.h"
#include "../../align/text.h"
#include "../../base/buf.h"
#include "../../base/fileio.h"
#include "harness.h"

/* Is the paragraph's normalised text exactly want? (It is not NUL-terminated.) */
static int para_is(const sv_para *p, const char *want)
{
    return p && p->norm_len == strlen(want) && memcmp(p->norm, want, p->norm_len) == 0;
}

#define DATA "tests/data/"

typedef struct {
    sv_html_block *b;
    size_t n;
} blocks;

static blocks extract(const char *html, size_t len)
{
    blocks r = {NULL, 0};
    if (sv_html_extract(html, len, "t.html", &r.b, &r.n, NULL) != SV_OK)
        r.n = 0;
    return r;
}

static blocks extract_s(const char *html)
{
    return extract(html, strlen(html));
}

/* Index of the block containing needle, or -1. */
static long find(const blocks *r, const char *needle)
{
    for (size_t i = 0; i < r->n; i++)
        if (strstr(r->b[i].text, needle))
            return (long)i;
    return -1;
}

static const char *text_of(const blocks *r, size_t i)
{
    return i < r->n ? r->b[i].text : "(no block)";
}

static void test_article_page(void)
{
    char *page;
    size_t len;
    if (sv_file_read(DATA "page-belta.html", 1 << 20, &page, &len, NULL) != SV_OK) {
        fprintf(stderr, "cannot read the fixture (run from the top of the tree)\n");
        exit(2);
    }
    blocks r = extract(page, len);
    /* skipped: head (title), style, script (with "</div>" in a string),
     * header, nav, figure/figcaption, form, aside, footer, noscript */
    static const char *const hidden[] = {"Hidden", "Telegraph Agency",
                                         "caption", "e-mail", "Subscribe", "Related news",
                                         "Kursk", "rights reserved", "JavaScript", NULL};
    for (size_t i = 0; hidden[i]; i++)
        CHECK(find(&r, hidden[i]) < 0);
    /* the breadcrumbs block is kept but flagged */
    long bc = find(&r, "Main / News / Republic");
    CHECK(bc >= 0);
    CHECK(bc >= 0 && r.b[bc].boilerplate && !r.b[bc].heading);
    /* the h1, with &#8217; decoded */
    long h1 = find(&r, "Lukashenko: Belarus, Russia\xE2\x80\x99s Voronezh Oblast");
    CHECK(h1 >= 0 && r.b[h1].heading && !r.b[h1].boilerplate);
    CHECK(find(&r, "Agriculture and foodstuffs") >= 0 &&
          r.b[find(&r, "Agriculture and foodstuffs")].heading);
    /* &nbsp; stays a no-break space; <b> does not break the block */
    long p1 = find(&r, "Belarus and Russia's Voronezh Oblast need");
    CHECK(p1 >= 0);
    CHECK(p1 >= 0 && strstr(r.b[p1].text, "$1\xC2\xA0" "billion") != NULL);
    CHECK(p1 >= 0 && strstr(r.b[p1].text, "on 10 June, BelTA has learned.") != NULL);
    CHECK(p1 >= 0 && r.b[p1].line == 17);
    CHECK(p1 >= 0 && !r.b[p1].heading && !r.b[p1].boilerplate);
    /* <br><br> ends a block; &ldquo; &rdquo; decoded */
    long q1 = find(&r, "warmly welcomed");
    long q2 = find(&r, "\xE2\x80\x9CLargely thanks");
    CHECK(q1 >= 0 && q2 == q1 + 1);
    CHECK(q1 >= 0 && strstr(r.b[q1].text, "\xE2\x80\x9C" "Back then in Minsk") != NULL);
    /* a single <br> is a space; &amp; decoded; an unclosed <p> ends at the next */
    CHECK(find(&r, "also ready to exchange their experience & technologies.") >= 0);
    CHECK(find(&r, "dairy farming \xE2\x80\x94 including") >= 0);
    CHECK(find(&r, "ready to exchange") != find(&r, "dairy farming"));
    /* share buttons (class share-buttons) are furniture */
    long sh = find(&r, "Share on Facebook");
    CHECK(sh >= 0 && r.b[sh].boilerplate);
    /* a date line is an ordinary block here; text.c classifies it */
    CHECK(find(&r, "10 June 2024, 14:02") >= 0);
    sv_html_blocks_free(r.b, r.n);
    free(page);
}

static void test_blocks_and_inline(void)
{
    blocks r = extract_s("<div>One<div>Two</div>Three</div><ul><li>a</li><li>b</li></ul>"
                         "<p>Bela<b>rus</b> and <i>Rus</i>sia</p>"
                         "<p><custom-a>one</custom-a><custom-b>two</custom-b></p>"
                         "<table><tr><td>cell 1</td><td>cell 2</td></tr></table>");
    CHECK_INT(r.n, 9);
    CHECK_STR(text_of(&r, 0), "One");
    CHECK_STR(text_of(&r, 1), "Two");
    CHECK_STR(text_of(&r, 2), "Three");
    CHECK_STR(text_of(&r, 4), "b");
    CHECK_STR(text_of(&r, 5), "Belarus and Russia");
    CHECK_STR(text_of(&r, 6), "one two");
    CHECK_STR(text_of(&r, 8), "cell 2");
    sv_html_blocks_free(r.b, r.n);
    /* white space: runs collapse, <br> once is a space, twice a block end */
    r = extract_s("<p>  many\n\n  spaces\there <br> after br<br/><br>new block </p>");
    CHECK_INT(r.n, 2);
    CHECK_STR(text_of(&r, 0), "many spaces here after br");
    CHECK_STR(text_of(&r, 1), "new block");
    sv_html_blocks_free(r.b, r.n);
}

static void test_entities(void)
{
    blocks r = extract_s("<p>&laquo;Да&raquo; &mdash; 5&nbsp;000 &euro; &#x41;&#66; &bogus; "
                         "&lt;tag&gt; a&#0;b</p>");
    CHECK_INT(r.n, 1);
    const char *t = text_of(&r, 0);
    CHECK(strstr(t, "«Да» — 5\xC2\xA0" "000 €") != NULL);
    CHECK(strstr(t, "AB") != NULL);
    CHECK(strstr(t, "&bogus;") != NULL); /* unknown entities stay as written */
    CHECK(strstr(t, "<tag>") != NULL);
    sv_html_blocks_free(r.b, r.n);
}

static void test_furniture(void)
{
    blocks r = extract_s("<div id=\"breadcrumbs\">Home / World</div>"
                         "<div class=\"article-body\"><p>Real text.</p></div>"
                         "<ul class=\"social-links\"><li>Facebook</li></ul>"
                         "<div role=\"navigation\">Sections</div>"
                         "<div class=\"comments\"><p>A reader's comment.</p></div>"
                         "<p class=\"lead\">Lead text.</p>");
    CHECK_INT(r.n, 6);
    CHECK(r.n == 6 && r.b[0].boilerplate);
    CHECK(r.n == 6 && !r.b[1].boilerplate);
    CHECK(r.n == 6 && r.b[2].boilerplate);
    CHECK(r.n == 6 && r.b[3].boilerplate);
    CHECK(r.n == 6 && r.b[4].boilerplate);
    CHECK(r.n == 6 && !r.b[5].boilerplate);
    sv_html_blocks_free(r.b, r.n);
}

static void test_broken_markup(void)
{
    blocks r = extract_s("<p>Unclosed <i>italic <b>bold</i> mixed</b> end.<p>Next</span> para."
                         "<!--[if IE]><p>IE only</p><![endif]--><p>After comment.");
    CHECK_INT(r.n, 3);
    CHECK_STR(text_of(&r, 0), "Unclosed italic bold mixed end.");
    CHECK_STR(text_of(&r, 1), "Next para.");
    CHECK_STR(text_of(&r, 2), "After comment.");
    sv_html_blocks_free(r.b, r.n);
    /* nothing but scripts and styles */
    r = extract_s("<html><head><script>x()</script></head><body><style>p{}</style></body></html>");
    CHECK_INT(r.n, 0);
    sv_html_blocks_free(r.b, r.n);
    r = extract("", 0);
    CHECK_INT(r.n, 0);
}

static void test_deep_nesting(void)
{
    /* 100,000 nested divs and 100,000 nested inline elements: the text is
     * found, quickly, without recursion */
    sv_buf b = SV_BUF_INIT;
    sv_buf_puts(&b, "<html><body><p>Before.</p>");
    for (int i = 0; i < 100000; i++)
        sv_buf_puts(&b, "<div><span>");
    sv_buf_puts(&b, "Deep text.");
    for (int i = 0; i < 100000; i++)
        sv_buf_puts(&b, "</span></div>");
    sv_buf_puts(&b, "<p>After.</p></body></html>");
    clock_t t0 = clock();
    blocks r = extract(b.ptr, b.len);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    CHECK(secs < 5.0);
    CHECK_INT(r.n, 3);
    CHECK_STR(text_of(&r, 1), "Deep text.");
    CHECK_STR(text_of(&r, 2), "After.");
    sv_html_blocks_free(r.b, r.n);
    /* unclosed, deeper than the walker follows: a warning, no crash */
    sv_buf_reset(&b);
    sv_buf_puts(&b, "<p>Start.</p>");
    for (int i = 0; i < 1100000; i++)
        sv_buf_puts(&b, "<i>");
    sv_buf_puts(&b, "Too deep.");
    sv_diags *d = sv_diags_new();
    r.b = NULL;
    CHECK_INT(sv_html_extract(b.ptr, b.len, "deep.html", &r.b, &r.n, d), SV_OK);
    CHECK_INT(r.n, 1);
    CHECK_STR(text_of(&r, 0), "Start.");
    CHECK_INT(sv_diags_count_severity(d, SV_WARNING), 1);
    CHECK(sv_diags_count(d) == 1 &&
          strstr(sv_diags_get(d, 0)->message, "nested more than") != NULL);
    sv_html_blocks_free(r.b, r.n);
    sv_diags_free(d);
    sv_buf_free(&b);
}

static void test_sniff(void)
{
    static const char *const yes[] = {"<!DOCTYPE html><html>", "  \n<HTML><body>",
                                      "\xEF\xBB\xBF<html>", "<p>Para</p>", "<div>x</div>",
                                      "<?xml version=\"1.0\"?>\n<html xmlns=\"x\">", NULL};
    static const char *const no[] = {"Plain text.", "<?xml version=\"1.0\"?><tmx>",
                                     "a < b and c > d", "", NULL};
    for (size_t i = 0; yes[i]; i++)
        CHECK(sv_html_sniff(yes[i], strlen(yes[i])));
    for (size_t i = 0; no[i]; i++)
        CHECK(!sv_html_sniff(no[i], strlen(no[i])));
}

/* Loads a page through the document loader (charset handling included). */
static sv_doc *load_page(const char *path, sv_diags *d)
{
    sv_doc *doc = NULL;
    if (sv_doc_load_file(path, NULL, &doc, d) != SV_OK)
        return NULL;
    return doc;
}

static int has_diag(sv_diags *d, sv_severity sev, const char *needle)
{
    for (size_t i = 0; i < sv_diags_count(d); i++)
        if (sv_diags_get(d, i)->severity == sev && strstr(sv_diags_get(d, i)->message, needle))
            return 1;
    return 0;
}

static void test_charsets(void)
{
    static const char *const want =
        "МИНСК, 10 июн. Воронежская область стала одним из важнейших партнеров для "
        "Беларуси, заявил президент республики Александр Лукашенко.";
    sv_diags *d = sv_diags_new();
    /* CP1251 with a meta charset: converted as declared, said in a note */
    sv_doc *doc = load_page(DATA "page-cp1251-meta.html", d);
    CHECK(doc != NULL);
    CHECK(doc && sv_doc_is_html(doc));
    CHECK(doc && sv_doc_npara(doc) == 3);
    CHECK(doc && sv_doc_npara(doc) == 3 && para_is(sv_doc_para(doc, 1), want));
    CHECK(doc && sv_doc_para(doc, 0)->kind == SV_PARA_HEADING);
    CHECK_STR(doc ? sv_doc_encoding(doc) : "", "windows-1251");
    CHECK(has_diag(d, SV_NOTE, "declares charset windows-1251"));
    sv_doc_free(doc);
    /* the same page without a declaration: detected (libxml2 alone would
     * read it as Latin-1) */
    sv_diags_clear(d);
    doc = load_page(DATA "page-cp1251-nometa.html", d);
    CHECK(doc && sv_doc_npara(doc) == 3 && para_is(sv_doc_para(doc, 1), want));
    CHECK_STR(doc ? sv_doc_encoding(doc) : "", "windows-1251");
    CHECK(has_diag(d, SV_NOTE, "detected windows-1251"));
    sv_doc_free(doc);
    /* one bad byte in a UTF-8 page: repaired and reported; the text after
     * it stays Cyrillic (libxml2 alone would switch to Latin-1) */
    sv_diags_clear(d);
    doc = load_page(DATA "page-utf8-badbyte.html", d);
    CHECK(doc && sv_doc_npara(doc) == 3);
    CHECK(doc && sv_doc_npara(doc) == 3 &&
          para_is(sv_doc_para(doc, 1), "Плохой байт: \xEF\xBF\xBD здесь."));
    CHECK(doc && sv_doc_npara(doc) == 3 &&
          para_is(sv_doc_para(doc, 2),
                  "Потом текст на русском, который не должен стать кракозябрами."));
    CHECK(has_diag(d, SV_WARNING, "invalid UTF-8 (1 byte 0xFF...) at byte offset 124"));
    CHECK_INT(sv_diags_get(d, 0)->line, 3);
    sv_doc_free(doc);
    sv_diags_free(d);
}

int main(void)
{
    RUN(test_article_page);
    RUN(test_blocks_and_inline);
    RUN(test_entities);
    RUN(test_furniture);
    RUN(test_broken_markup);
    RUN(test_deep_nesting);
    RUN(test_sniff);
    RUN(test_charsets);
    return harness_end();
}
