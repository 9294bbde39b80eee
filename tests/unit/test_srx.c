/* test_srx.c - SRX rule files: an SRX 2.0 file in OmegaT's layout (cascade,
 * language maps for EN and RU, break and no-break rules), the SRX 1.0
 * maprule form, and the files that must be refused with file:line. */
#include <stdlib.h>
#include <string.h>

#include "../../align/srx.h"
#include "../../base/buf.h"
#include "harness.h"

#define DATA "tests/data/"

static sv_srx *load_s(const char *xml, sv_diags *d)
{
    sv_srx *s = NULL;
    if (sv_srx_load_mem("rules.srx", xml, strlen(xml), &s, d) != SV_OK)
        return NULL;
    return s;
}

/* The segments of text as "[a][b]..." (caller frees). */
static char *split(const sv_srx *s, sv_lang lang, const char *text)
{
    size_t *b = NULL, nb = 0;
    sv_buf out = SV_BUF_INIT;
    if (sv_srx_split(s, lang, text, strlen(text), &b, &nb, NULL) != SV_OK)
        return strdup("(error)");
    for (size_t i = 0; i + 1 < nb; i += 2)
        sv_buf_printf(&out, "[%.*s]", (int)(b[i + 1] - b[i]), text + b[i]);
    free(b);
    return sv_buf_detach(&out, NULL);
}

#define CHECK_SPLIT(s, lang, text, want)                                          \
    do {                                                                          \
        char *got_ = split(s, lang, text);                                        \
        CHECK_STR(got_, want);                                                    \
        free(got_);                                                               \
    } while (0)

/* Does the first diagnostic name file and line, and contain needle? */
static void check_error(sv_diags *d, const char *file, size_t line, const char *needle)
{
    CHECK(sv_diags_count_severity(d, SV_ERROR) >= 1);
    for (size_t i = 0; i < sv_diags_count(d); i++) {
        const sv_diag *g = sv_diags_get(d, i);
        if (g->severity != SV_ERROR)
            continue;
        CHECK_STR(g->file, file);
        if (line)
            CHECK_INT(g->line, line);
        if (!strstr(g->message, needle))
            CHECK_STR(g->message, needle);
        return;
    }
}

static void test_omegat_cascade(void)
{
    sv_diags *d = sv_diags_new();
    sv_srx *s = NULL;
    CHECK_INT(sv_srx_load(DATA "omegat.srx", &s, d), SV_OK);
    CHECK_INT(sv_diags_count(d), 0);
    /* cascade: English + Default, Russian + Default, Default alone */
    CHECK_INT(sv_srx_rule_count(s, SV_LANG_EN), 5);
    CHECK_INT(sv_srx_rule_count(s, SV_LANG_RU), 4);
    CHECK_INT(sv_srx_rule_count(s, SV_LANG_UNKNOWN), 3);
    CHECK_SPLIT(s, SV_LANG_EN, "Mr. Smith met Dr. Jones. They talked about e.g. trade. Then they left!",
                "[Mr. Smith met Dr. Jones.][They talked about e.g. trade.][Then they left!]");
    /* the English no-break rules are not Russian ones, and the other way round */
    CHECK_SPLIT(s, SV_LANG_RU, "Встреча прошла в г. Минске. Затем «мы поехали». Это было на ул. Ленина.",
                "[Встреча прошла в г. Минске.][Затем «мы поехали».][Это было на ул. Ленина.]");
    CHECK_SPLIT(s, SV_LANG_EN, "Встреча прошла в г. Минске. Затем дальше.",
                "[Встреча прошла в г.][Минске.][Затем дальше.]");
    CHECK_SPLIT(s, SV_LANG_RU, "Mr. Smith left.", "[Mr.][Smith left.]");
    /* a break rule with a closing quote before the break */
    CHECK_SPLIT(s, SV_LANG_RU, "Он сказал «да». Все согласились.",
                "[Он сказал «да».][Все согласились.]");
    /* lower case after a period: no rule matches, no break */
    CHECK_SPLIT(s, SV_LANG_EN, "It cost 5 p.c. more than planned.", "[It cost 5 p.c. more than planned.]");
    CHECK_SPLIT(s, SV_LANG_EN, "", "");
    CHECK_SPLIT(s, SV_LANG_EN, "   ", "");
    sv_srx_free(s);
    sv_srx_free(NULL);
    sv_diags_free(d);
}

static const char *const no_cascade =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<srx xmlns=\"http://www.lisa.org/srx20\" version=\"2.0\">\n"
    "<header segmentsubflows=\"yes\" cascade=\"no\"/>\n"
    "<body><languagerules>\n"
    "<languagerule languagerulename=\"English\">\n"
    "  <rule break=\"no\"><beforebreak>\\bMr\\.</beforebreak><afterbreak>\\s</afterbreak></rule>\n"
    "  <rule break=\"yes\"><beforebreak>\\.</beforebreak><afterbreak>\\s</afterbreak></rule>\n"
    "</languagerule>\n"
    "<languagerule languagerulename=\"Default\">\n"
    "  <rule break=\"yes\"><beforebreak>[.!?]</beforebreak><afterbreak>\\s</afterbreak></rule>\n"
    "  <rule break=\"yes\"><afterbreak>;</afterbreak></rule>\n"
    "</languagerule>\n"
    "</languagerules><maprules>\n"
    "<languagemap languagepattern=\"[Ee][Nn].*\" languagerulename=\"English\"/>\n"
    "<languagemap languagepattern=\".*\" languagerulename=\"Default\"/>\n"
    "</maprules></body></srx>\n";

static void test_no_cascade(void)
{
    sv_srx *s = load_s(no_cascade, NULL);
    CHECK(s != NULL);
    if (!s)
        return;
    /* without cascade only the first matching map counts */
    CHECK_INT(sv_srx_rule_count(s, SV_LANG_EN), 2);
    CHECK_INT(sv_srx_rule_count(s, SV_LANG_RU), 2);
    CHECK_SPLIT(s, SV_LANG_EN, "Mr. Smith came. Why? He left; fine.",
                "[Mr. Smith came.][Why? He left; fine.]");
    /* the Default rules: a break before ';' from a rule with only <afterbreak> */
    CHECK_SPLIT(s, SV_LANG_RU, "Mr. Smith came. Why? He left; fine.",
                "[Mr.][Smith came.][Why?][He left][; fine.]");
    sv_srx_free(s);
}

static void test_srx1(void)
{
    const char *xml =
        "<?xml version=\"1.0\"?>\n"
        "<srx version=\"1.0\">\n"
        "<header segmentsubflows=\"yes\"><formathandle type=\"start\" include=\"no\"/></header>\n"
        "<body><languagerules><languagerule languagerulename=\"Default\">\n"
        "<rule break=\"no\"><beforebreak>\\b[Гг]\\.</beforebreak><afterbreak>\\s</afterbreak></rule>\n"
        "<rule break=\"yes\"><beforebreak>[.?!]+</beforebreak><afterbreak>\\s</afterbreak></rule>\n"
        "</languagerule></languagerules>\n"
        "<maprules><maprule maprulename=\"Default\">\n"
        "<languagemap languagepattern=\".*\" languagerulename=\"Default\"/>\n"
        "</maprule></maprules></body></srx>\n";
    sv_srx *s = load_s(xml, NULL);
    CHECK(s != NULL);
    if (!s)
        return;
    CHECK_INT(sv_srx_rule_count(s, SV_LANG_RU), 2);
    CHECK_SPLIT(s, SV_LANG_RU, "Прибыли в г. Минск. Ура!", "[Прибыли в г. Минск.][Ура!]");
    sv_srx_free(s);
}

static void test_refused(void)
{
    sv_diags *d = sv_diags_new();
    /* malformed XML: the parser's line */
    CHECK(load_s("<?xml version=\"1.0\"?>\n<srx>\n<body>\n</srx>\n", d) == NULL);
    check_error(d, "rules.srx", 4, "");
    /* a bad regular expression: the line of its element */
    sv_diags_clear(d);
    sv_buf b = SV_BUF_INIT;
    sv_buf_puts(&b, no_cascade);
    char *at = strstr(b.ptr, "[.!?]");
    memcpy(at, "[.!?\\", 5);
    CHECK(load_s(b.ptr, d) == NULL);
    check_error(d, "rules.srx", 10, "does not compile");
    sv_buf_free(&b);
    /* a DOCTYPE with entities (billion laughs and friends) */
    sv_diags_clear(d);
    CHECK(load_s("<?xml version=\"1.0\"?>\n<!DOCTYPE srx [<!ENTITY a \"aaaa\">]>\n"
                 "<srx><body>&a;</body></srx>\n",
                 d) == NULL);
    CHECK_INT(sv_diags_count_severity(d, SV_ERROR), 1);
    /* the same behind a processing instruction and a comment that mention
     * an element (found by fuzz_srx: the entity's nodes made the walk
     * loop for ever) */
    static const char *const hidden[] = {
        "<?x \"&a;\">]>\n<srx><body>&b;</bodyml !version=\"1.0\"?>\n"
        "<!DOCTYPE srx [<!ENTITY a \"aaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>\n"
        "<srx><body>&b;</body></srx>",
        "<!-- <srx> --><!DOCTYPE srx [<!ENTITY a \"a\">]><srx><body>&a;</body></srx>",
        "<?x never ends <srx><!DOCTYPE srx [<!ENTITY a \"a\">]><srx><body>&a;</body></srx>"};
    for (size_t i = 0; i < sizeof hidden / sizeof hidden[0]; i++) {
        sv_diags_clear(d);
        CHECK(load_s(hidden[i], d) == NULL);
        CHECK_INT(sv_diags_count_severity(d, SV_ERROR), 1);
    }
    /* not an SRX file */
    sv_diags_clear(d);
    CHECK(load_s("<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><body/></tmx>\n", d) == NULL);
    check_error(d, "rules.srx", 2, "not an SRX file");
    /* a map naming a rule that does not exist, and no map at all */
    sv_diags_clear(d);
    CHECK(load_s("<srx><body><languagerules/><maprules><languagemap languagepattern=\".*\" "
                 "languagerulename=\"Nope\"/></maprules></body></srx>",
                 d) == NULL);
    check_error(d, "rules.srx", 0, "unknown languagerule 'Nope'");
    sv_diags_clear(d);
    CHECK(load_s("<srx><body><languagerules/></body></srx>", d) == NULL);
    check_error(d, "rules.srx", 0, "no <languagemap>");
    /* not UTF-8 */
    sv_diags_clear(d);
    CHECK(load_s("<srx>\xFF\xFE</srx>", d) == NULL);
    check_error(d, "rules.srx", 0, "not valid UTF-8");
    /* a missing file */
    sv_diags_clear(d);
    sv_srx *s = NULL;
    CHECK(sv_srx_load(DATA "no-such-file.srx", &s, d) != SV_OK);
    CHECK(s == NULL);
    sv_diags_free(d);
}

static void test_slow_pattern(void)
{
    const char *xml = "<srx><header cascade=\"no\"/><body><languagerules>\n"
                      "<languagerule languagerulename=\"D\">\n"
                      "<rule break=\"yes\"><beforebreak>(a+)+$</beforebreak></rule>\n"
                      "</languagerule></languagerules><maprules><languagemap "
                      "languagepattern=\".*\" languagerulename=\"D\"/></maprules></body></srx>";
    sv_srx *s = load_s(xml, NULL);
    CHECK(s != NULL);
    if (!s)
        return;
    const char *text = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab";
    size_t *b = NULL, nb = 0;
    sv_diags *d = sv_diags_new();
    CHECK_INT(sv_srx_split(s, SV_LANG_EN, text, strlen(text), &b, &nb, d), SV_ERR_INPUT);
    check_error(d, "rules.srx", 3, "takes too long");
    free(b);
    sv_diags_free(d);
    sv_srx_free(s);
}

static void test_long_text(void)
{
    /* 2.4 MB in one paragraph: split window by window, nothing lost or
     * doubled at the windows' edges */
    sv_srx *s = NULL;
    CHECK_INT(sv_srx_load(DATA "omegat.srx", &s, NULL), SV_OK);
    sv_buf t = SV_BUF_INIT;
    const size_t n = 100000;
    for (size_t i = 0; i < n; i++)
        sv_buf_printf(&t, "Sentence number %06zu. ", i);
    size_t *b = NULL, nb = 0;
    CHECK_INT(sv_srx_split(s, SV_LANG_EN, t.ptr, t.len, &b, &nb, NULL), SV_OK);
    CHECK_INT(nb, 2 * n);
    int ok = nb == 2 * n;
    for (size_t i = 0; ok && i < n; i++) {
        char want[32];
        snprintf(want, sizeof want, "Sentence number %06zu.", i);
        ok = b[2 * i + 1] - b[2 * i] == strlen(want) &&
             memcmp(t.ptr + b[2 * i], want, strlen(want)) == 0;
    }
    CHECK(ok);
    free(b);
    sv_buf_free(&t);
    sv_srx_free(s);
}

int main(void)
{
    RUN(test_omegat_cascade);
    RUN(test_no_cascade);
    RUN(test_srx1);
    RUN(test_refused);
    RUN(test_slow_pattern);
    RUN(test_long_text);
    return harness_end();
}
