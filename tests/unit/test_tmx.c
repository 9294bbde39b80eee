/* test_tmx.c - the TMX writer (cleaning, unique tuids, markup) and the
 * streaming reader (versions, languages, inline markup, hostile XML). */
#include <stdlib.h>

#include "../../base/buf.h"
#include "../../tm/tmx.h"
#include "harness.h"

#define DATA "tests/tm/data/"

/* Reads every TU of an in-memory TMX; returns the status of the last call. */
typedef struct {
    char src[8][256], tgt[8][256], xml[8][512], tuid[8][32];
    double score[8];
    size_t n;
} units;

static sv_status read_all(const char *name, const char *data, size_t len,
                          const sv_tmx_read_opts *o, units *u, sv_diags *d)
{
    memset(u, 0, sizeof *u);
    sv_tmx_reader *r;
    sv_status st = sv_tmx_reader_open_mem(name, data, len, o, &r, d);
    if (st != SV_OK)
        return st;
    const sv_tu *tu;
    while ((st = sv_tmx_reader_next(r, &tu, d)) == SV_OK && tu) {
        if (u->n < 8) {
            sv_buf b = SV_BUF_INIT;
            sv_tmx_text_render(tu->src, tu->src_len, SV_TMX_RENDER_TAGS, &b);
            snprintf(u->src[u->n], 256, "%s", b.ptr ? b.ptr : "");
            sv_buf_reset(&b);
            sv_tmx_text_render(tu->tgt, tu->tgt_len, SV_TMX_RENDER_TAGS, &b);
            snprintf(u->tgt[u->n], 256, "%s", b.ptr ? b.ptr : "");
            sv_buf_free(&b);
            snprintf(u->xml[u->n], 512, "%s", tu->src_xml ? tu->src_xml : "");
            snprintf(u->tuid[u->n], 32, "%s", tu->tuid ? tu->tuid : "");
            u->score[u->n] = tu->score;
        }
        u->n++;
    }
    sv_tmx_reader_free(r);
    return st;
}

static int diag_has(sv_diags *d, const char *needle)
{
    for (size_t i = 0; i < sv_diags_count(d); i++)
        if (strstr(sv_diags_get(d, i)->message, needle))
            return 1;
    return 0;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *b = malloc(1 << 20);
    *len = fread(b, 1, 1 << 20, f);
    fclose(f);
    return b;
}

static void test_helpers(void)
{
    CHECK(sv_tmx_lang_match("en", "en"));
    CHECK(sv_tmx_lang_match("en", "EN-US"));
    CHECK(sv_tmx_lang_match("en", "en_GB"));
    CHECK(!sv_tmx_lang_match("en", "eng"));
    CHECK(!sv_tmx_lang_match("en-GB", "en-US"));
    CHECK(sv_tmx_lang_match("en-GB", "en-gb-oxendict"));
    CHECK(!sv_tmx_lang_match("ru", NULL));
    char d[17];
    CHECK_INT(sv_tmx_date_parse("2024-03-12", d), 0);
    CHECK_STR(d, "20240312T000000Z");
    CHECK_INT(sv_tmx_date_parse("2024-03-12T10:05:07Z", d), 0);
    CHECK_STR(d, "20240312T100507Z");
    CHECK_INT(sv_tmx_date_parse("@1700000000", d), 0);
    CHECK_STR(d, "20231114T221320Z");
    CHECK_INT(sv_tmx_date_parse("20240229T235959Z", d), 0);
    CHECK_INT(sv_tmx_date_parse("20230229T000000Z", d), -1); /* not a leap year */
    CHECK_INT(sv_tmx_date_parse("2024-13-01", d), -1);
    CHECK_INT(sv_tmx_date_parse("yesterday", d), -1);
    setenv("SOURCE_DATE_EPOCH", "86400", 1);
    CHECK_INT(sv_tmx_date_default(d, NULL), SV_OK);
    CHECK_STR(d, "19700102T000000Z");
    setenv("SOURCE_DATE_EPOCH", "soon", 1);
    CHECK_INT(sv_tmx_date_default(d, NULL), SV_ERR_ARG);
    unsetenv("SOURCE_DATE_EPOCH");
    sv_buf b = SV_BUF_INIT;
    const char *t = "a\xEF\xB7\x90" "b\xEF\xB7\x92" "c\xEF\xB7\x91" "d\xEF\xB7\x91";
    sv_tmx_text_render(t, strlen(t), SV_TMX_RENDER_TAGS, &b);
    CHECK_STR(b.ptr, "a{1}b{2/}c{/1}d{/3}");
    CHECK_INT(sv_tmx_marker_count(t, strlen(t)), 4);
    sv_buf_reset(&b);
    sv_tmx_text_render(t, strlen(t), SV_TMX_RENDER_STRIP, &b);
    CHECK_STR(b.ptr, "abcd");
    sv_buf_free(&b);
}

static void test_writer(void)
{
    sv_buf out = SV_BUF_INIT;
    sv_diags *d = sv_diags_new();
    sv_tmx_header h;
    sv_tmx_header_init(&h);
    h.creationdate = "20240102T030405Z";
    h.srcdoc = "en.txt";
    sv_tmx_writer *w;
    CHECK_INT(sv_tmx_writer_open_buf(&out, &h, &w, d), SV_OK);
    sv_tu tu;
    sv_tu_init(&tu);
    /* control characters, invalid UTF-8 and a CESU surrogate are cleaned */
    tu.src = "Bad \x01 byte \xFF and \xED\xA0\x80 here.";
    tu.src_len = strlen(tu.src);
    tu.tgt = "Плохой \x0B байт.";
    tu.tgt_len = strlen(tu.tgt);
    tu.tuid = "7";
    tu.score = 0.1;
    tu.bead = "2-1";
    tu.srcdoc = "en.txt"; /* same as the header's: not repeated */
    tu.tgtdoc = "ru.txt";
    CHECK_INT(sv_tmx_write_tu(w, &tu, d), SV_OK);
    CHECK(diag_has(d, "TU 7:"));
    tu.src = "Second & <last>.";
    tu.src_len = strlen(tu.src);
    tu.score = -1;
    tu.bead = NULL;
    CHECK_INT(sv_tmx_write_tu(w, &tu, d), SV_OK); /* tuid 7 again */
    tu.tuid = NULL;
    tu.src = "  \xEF\xB7\x90 ";
    tu.src_len = strlen(tu.src);
    CHECK_INT(sv_tmx_write_tu(w, &tu, d), SV_ERR_ARG); /* nothing but space and a marker */
    tu.src = "Third.";
    tu.src_len = 6;
    tu.src_xml = "Thi<b>r</b>d <ph x=\"1\" bogus=\"2\">&lt;br/&gt;</ph><bpt>no i</bpt>.";
    tu.src_xml_len = strlen(tu.src_xml);
    CHECK_INT(sv_tmx_write_tu(w, &tu, d), SV_OK);
    tu.src_xml = "broken <ph>";
    tu.src_xml_len = strlen(tu.src_xml);
    sv_diags_clear(d);
    CHECK_INT(sv_tmx_write_tu(w, &tu, d), SV_OK);
    CHECK(diag_has(d, "not well-formed"));
    CHECK_INT(sv_tmx_writer_count(w), 4);
    CHECK_INT(sv_tmx_writer_close(w, d), SV_OK);
    const char *x = out.ptr;
    CHECK(strstr(x, "<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">") != NULL);
    CHECK(strstr(x, "creationtool=\"sverka\"") != NULL);
    CHECK(strstr(x, "creationdate=\"20240102T030405Z\"") != NULL);
    CHECK(strstr(x, "srclang=\"en-US\"") != NULL);
    CHECK(strstr(x, "<prop type=\"x-sverka-srcdoc\">en.txt</prop>") != NULL);
    CHECK(strstr(x, "<prop type=\"x-sverka-score\">0.1</prop>") != NULL);
    CHECK(strstr(x, "<prop type=\"x-sverka-bead\">2-1</prop>") != NULL);
    CHECK(strstr(x, "<prop type=\"x-sverka-tgtdoc\">ru.txt</prop>") != NULL);
    CHECK(strstr(x, "tuid=\"7.2\"") != NULL);
    CHECK(strstr(x, "Second &amp; &lt;last&gt;.") != NULL);
    CHECK(strstr(x, "\x01") == NULL && strstr(x, "\x0B") == NULL && strstr(x, "\xFF") == NULL);
    /* markup: <b> is not TMX (dropped, text kept), bogus attribute dropped,
     * <bpt> without i dropped with its content */
    CHECK(strstr(x, "<seg>Third <ph x=\"1\">&lt;br/&gt;</ph>.</seg>") != NULL);
    CHECK(strstr(x, "<seg>Third.</seg>") != NULL);
    /* what was written reads back */
    units u;
    CHECK_INT(read_all("out.tmx", out.ptr, out.len, NULL, &u, d), SV_OK);
    CHECK_INT(u.n, 4);
    CHECK_STR(u.src[0], "Bad  byte \xEF\xBF\xBD and \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD here.");
    CHECK_STR(u.tgt[0], "Плохой  байт.");
    CHECK_NEAR(u.score[0], 0.1, 1e-12);
    CHECK_STR(u.tuid[1], "7.2");
    CHECK_STR(u.src[2], "Third {1/}.");
    sv_buf_free(&out);
    /* an empty language tag is refused */
    sv_tmx_header_init(&h);
    h.tgtlang = "";
    CHECK_INT(sv_tmx_writer_open_buf(&out, &h, &w, d), SV_ERR_ARG);
    sv_tmx_header_init(&h);
    h.segtype = "line";
    CHECK_INT(sv_tmx_writer_open_buf(&out, &h, &w, d), SV_ERR_ARG);
    sv_buf_free(&out);
    sv_diags_free(d);
}

static void test_writer_file(void)
{
    char path[] = "/tmp/sverka-test-tmx-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("previous content", f);
    fclose(f);
    sv_tmx_writer *w;
    CHECK_INT(sv_tmx_writer_open(path, NULL, &w, NULL), SV_OK);
    sv_tu tu;
    sv_tu_init(&tu);
    tu.src = "One.";
    tu.src_len = 4;
    tu.tgt = "Один.";
    tu.tgt_len = strlen(tu.tgt);
    CHECK_INT(sv_tmx_write_tu(w, &tu, NULL), SV_OK);
    sv_tmx_writer_abort(w); /* the old file stays */
    size_t len;
    char *b = slurp(path, &len);
    CHECK(b && len == 16 && memcmp(b, "previous content", 16) == 0);
    free(b);
    CHECK_INT(sv_tmx_writer_open(path, NULL, &w, NULL), SV_OK);
    CHECK_INT(sv_tmx_write_tu(w, &tu, NULL), SV_OK);
    CHECK_INT(sv_tmx_writer_close(w, NULL), SV_OK);
    b = slurp(path, &len);
    CHECK(b && strstr(b, "<seg>Один.</seg>") != NULL);
    free(b);
    remove(path);
}

static const char inline_tmx[] =
    "<?xml version=\"1.0\"?>\n"
    "<tmx version=\"1.4\"><header creationtool=\"t\" creationtoolversion=\"1\" "
    "segtype=\"sentence\" o-tmf=\"x\" adminlang=\"en\" srclang=\"en\" datatype=\"xml\"/>\n"
    "<body>\n"
    "<tu tuid=\"a\"><prop type=\"x-sverka-score\">0.75</prop><note>n1</note>\n"
    " <tuv xml:lang=\"EN-US\"><seg>Press <bpt i=\"1\">&lt;b&gt;</bpt>OK<ept i=\"1\">&lt;/b&gt;"
    "</ept> &amp; <hi type=\"i\">go</hi><ph x=\"2\">&lt;br/&gt;<sub>alt</sub></ph>"
    "<it pos=\"end\">&lt;/a&gt;</it><ut>{x}</ut><x/>.</seg></tuv>\n"
    " <tuv xml:lang=\"ru_RU\"><seg>Нажмите OK.</seg></tuv></tu>\n"
    "<tu tuid=\"b\"><tuv lang=\"en-GB\"><seg>Old style lang attribute \xEF\xB7\x90.</seg></tuv>"
    "<tuv lang=\"RU\"><seg>Старый атрибут.</seg></tuv></tu>\n"
    "<tu tuid=\"c\"><tuv xml:lang=\"de\"><seg>Deutsch.</seg></tuv>"
    "<tuv xml:lang=\"ru\"><seg>Русский.</seg></tuv></tu>\n"
    "</body></tmx>\n";

static void test_reader_inline(void)
{
    sv_diags *d = sv_diags_new();
    units u;
    CHECK_INT(read_all("inline.tmx", inline_tmx, sizeof inline_tmx - 1, NULL, &u, d), SV_OK);
    CHECK_INT(u.n, 2);
    CHECK_STR(u.src[0], "Press {1}OK{/1} & {2}go{/2}{3/}{/4}{5/}.");
    CHECK_STR(u.xml[0], "Press <bpt i=\"1\">&lt;b&gt;</bpt>OK<ept i=\"1\">&lt;/b&gt;</ept> "
                        "&amp; <hi type=\"i\">go</hi><ph x=\"2\">&lt;br/&gt;<sub>alt</sub></ph>"
                        "<it pos=\"end\">&lt;/a&gt;</it><ut>{x}</ut>.");
    CHECK_NEAR(u.score[0], 0.75, 1e-12);
    CHECK_STR(u.tuid[1], "b");
    CHECK_STR(u.src[1], "Old style lang attribute \xEF\xBF\xBD."); /* reserved char replaced */
    CHECK(diag_has(d, "not TMX inline markup")); /* <x/> */
    CHECK(diag_has(d, "no <tuv> in language 'en'"));
    /* other language pairs by prefix */
    sv_tmx_read_opts o;
    sv_tmx_read_opts_init(&o);
    o.srclang = "de";
    CHECK_INT(read_all("inline.tmx", inline_tmx, sizeof inline_tmx - 1, &o, &u, d), SV_OK);
    CHECK_INT(u.n, 1);
    CHECK_STR(u.src[0], "Deutsch.");
    /* the TU size limit */
    sv_tmx_read_opts_init(&o);
    o.max_tu_bytes = 40;
    sv_tmx_reader *r;
    CHECK_INT(sv_tmx_reader_open_mem("x", inline_tmx, sizeof inline_tmx - 1, &o, &r, d), SV_OK);
    const sv_tu *tu;
    while (sv_tmx_reader_next(r, &tu, d) == SV_OK && tu)
        ;
    CHECK(sv_tmx_reader_counts(r)->too_big >= 1);
    CHECK_INT(sv_tmx_reader_counts(r)->tus, 3);
    sv_tmx_reader_free(r);
    sv_diags_free(d);
}

static void test_reader_files(void)
{
    sv_diags *d = sv_diags_new();
    sv_tmx_reader *r;
    const sv_tu *tu;
    /* UTF-16 with a BOM (memoQ style) */
    CHECK_INT(sv_tmx_reader_open(DATA "utf16.tmx", NULL, &r, d), SV_OK);
    CHECK_STR(sv_tmx_reader_info(r)->creationtool, "memoQ");
    CHECK_INT(sv_tmx_reader_next(r, &tu, d), SV_OK);
    CHECK(tu != NULL);
    if (tu) {
        CHECK_STR(tu->tgt, "Проверяйте уровень масла каждые 50 часов.");
        CHECK_STR(tu->date, "20240115T090500Z");
        CHECK_INT(tu->tu.nprops, 1);
    }
    sv_tmx_reader_free(r);
    /* OmegaT project_save.tmx: TMX 1.1, lang=, upper-case tags, no tuids */
    CHECK_INT(sv_tmx_reader_open(DATA "omegat-project_save.tmx", NULL, &r, d), SV_OK);
    size_t n = 0;
    while (sv_tmx_reader_next(r, &tu, d) == SV_OK && tu) {
        if (n == 1)
            CHECK_STR(tu->src, "Open the <b>File</b> menu.");
        if (n == 2) {
            CHECK_STR(tu->date, "20240401T080000Z"); /* changedate, newer than creation */
            CHECK_STR(tu->tgtlang, "RU-RU");
            CHECK_INT(tu->tgt_extra.nattrs, 4);
        }
        if (n == 3)
            CHECK_INT(tu->tu.nprops, 3); /* prop type="file" etc. kept */
        n++;
    }
    CHECK_INT(n, 4);
    CHECK_INT(sv_tmx_reader_counts(r)->no_tgt, 1);
    CHECK_STR(sv_tmx_reader_info(r)->version, "1.1");
    sv_tmx_reader_free(r);
    CHECK_INT(sv_tmx_reader_open(DATA "no-such.tmx", NULL, &r, d), SV_ERR_IO);
    CHECK_INT(sv_tmx_reader_open("tests", NULL, &r, d), SV_ERR_IO);
    sv_diags_free(d);
}

static sv_status open_mem(const char *doc, sv_diags *d)
{
    sv_tmx_reader *r = NULL;
    sv_status st = sv_tmx_reader_open_mem("bad.tmx", doc, strlen(doc), NULL, &r, d);
    const sv_tu *tu;
    while (st == SV_OK && (st = sv_tmx_reader_next(r, &tu, d)) == SV_OK && tu)
        ;
    sv_tmx_reader_free(r);
    return st;
}

static void test_hostile(void)
{
    sv_diags *d = sv_diags_new();
    const char *body = "<tmx version=\"1.4\"><header/><body><tu><tuv xml:lang=\"en\"><seg>&e;"
                       "</seg></tuv><tuv xml:lang=\"ru\"><seg>x</seg></tuv></tu></body></tmx>";
    sv_buf b = SV_BUF_INIT;
    /* billion laughs */
    sv_buf_puts(&b, "<?xml version=\"1.0\"?><!DOCTYPE tmx [<!ENTITY a \"aaaaaaaaaa\">"
                    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                    "<!ENTITY e \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>");
    sv_buf_puts(&b, body);
    CHECK_INT(open_mem(b.ptr, d), SV_ERR_INPUT);
    CHECK(diag_has(d, "DOCTYPE with declarations refused"));
    /* external entity (XXE) */
    sv_buf_reset(&b);
    sv_buf_puts(&b, "<!DOCTYPE tmx [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>");
    sv_buf_puts(&b, body);
    CHECK_INT(open_mem(b.ptr, d), SV_ERR_INPUT);
    /* the declarations hidden after a long comment, past the quick check */
    sv_buf_reset(&b);
    sv_buf_puts(&b, "<?xml version=\"1.0\"?><!--");
    for (int i = 0; i < 7000; i++)
        sv_buf_puts(&b, "0123456789");
    sv_buf_puts(&b, "--><!DOCTYPE tmx [<!ENTITY e \"x\">]>");
    sv_buf_puts(&b, body);
    sv_diags_clear(d);
    CHECK_INT(open_mem(b.ptr, d), SV_ERR_INPUT);
    CHECK(diag_has(d, "refused"));
    /* an undeclared entity is a well-formedness error with a line number */
    sv_diags_clear(d);
    CHECK_INT(open_mem(body, d), SV_ERR_INPUT);
    CHECK(sv_diags_count(d) >= 1 && sv_diags_get(d, 0)->line == 1);
    /* a plain DOCTYPE naming the DTD is fine and not loaded */
    sv_buf_reset(&b);
    sv_buf_puts(&b, "<!DOCTYPE tmx SYSTEM \"http://example.invalid/tmx14.dtd\">\n<tmx "
                    "version=\"1.4\"><header/><body><tu><tuv xml:lang=\"en\"><seg>a</seg></tuv>"
                    "<tuv xml:lang=\"ru\"><seg>б</seg></tuv></tu></body></tmx>");
    CHECK_INT(open_mem(b.ptr, d), SV_OK);
    /* malformed, truncated, not TMX, empty */
    sv_diags_clear(d);
    CHECK_INT(open_mem("<tmx version=\"1.4\">\n<header/>\n<body>\n<tu><tuv>\n</tmx>", d),
              SV_ERR_INPUT);
    CHECK(sv_diags_count(d) >= 1 && sv_diags_get(d, 0)->line >= 4);
    CHECK_INT(open_mem("<tmx><header/><body><tu>", d), SV_ERR_INPUT);
    sv_diags_clear(d);
    CHECK_INT(open_mem("<html><body/></html>", d), SV_ERR_INPUT);
    CHECK(diag_has(d, "root element is <html>"));
    CHECK_INT(open_mem("", d), SV_ERR_INPUT);
    CHECK_INT(open_mem("<tmx><header/><body/></tmx>junk", d), SV_ERR_INPUT);
    CHECK_INT(open_mem("<tmx><header/><body/></tmx>", d), SV_OK);
    /* UTF-16 hostile: the quick check reads it too */
    const char *h16 = "<!DOCTYPE tmx [<!ENTITY e \"x\">]><tmx/>";
    char w[128];
    size_t n = 0;
    w[n++] = (char)0xFF, w[n++] = (char)0xFE;
    for (const char *p = h16; *p; p++)
        w[n++] = *p, w[n++] = 0;
    sv_tmx_reader *r = NULL;
    CHECK_INT(sv_tmx_reader_open_mem("h16", w, n, NULL, &r, d), SV_ERR_INPUT);
    sv_buf_free(&b);
    sv_diags_free(d);
}

/* What the reader gives, the writer writes back unchanged. */
static void test_round_trip(void)
{
    sv_diags *d = sv_diags_new();
    size_t len;
    char *orig = slurp(DATA "trados-style.tmx", &len);
    CHECK(orig != NULL);
    if (!orig)
        return;
    sv_tmx_read_opts o;
    sv_tmx_read_opts_init(&o);
    sv_buf out = SV_BUF_INIT;
    sv_tmx_header h;
    sv_tmx_header_init(&h);
    h.srclang = "en-GB";
    h.creationdate = "20240101T000000Z";
    sv_tmx_writer *w;
    sv_tmx_reader *r;
    CHECK_INT(sv_tmx_reader_open_mem("t.tmx", orig, len, &o, &r, d), SV_OK);
    CHECK_INT(sv_tmx_writer_open_buf(&out, &h, &w, d), SV_OK);
    const sv_tu *tu;
    while (sv_tmx_reader_next(r, &tu, d) == SV_OK && tu)
        CHECK_INT(sv_tmx_write_tu(w, tu, d), SV_OK);
    sv_tmx_reader_free(r);
    CHECK_INT(sv_tmx_writer_close(w, d), SV_OK);
    /* read both and compare unit by unit, extras included */
    sv_tmx_reader *a, *b;
    CHECK_INT(sv_tmx_reader_open_mem("a", orig, len, &o, &a, d), SV_OK);
    CHECK_INT(sv_tmx_reader_open_mem("b", out.ptr, out.len, &o, &b, d), SV_OK);
    const sv_tu *x, *y;
    size_t n = 0;
    for (;;) {
        CHECK_INT(sv_tmx_reader_next(a, &x, d), SV_OK);
        CHECK_INT(sv_tmx_reader_next(b, &y, d), SV_OK);
        if (!x || !y) {
            CHECK(!x && !y);
            break;
        }
        n++;
        CHECK(x->src_len == y->src_len && memcmp(x->src, y->src, x->src_len) == 0);
        CHECK(x->tgt_len == y->tgt_len && memcmp(x->tgt, y->tgt, x->tgt_len) == 0);
        CHECK_STR(x->src_xml ? x->src_xml : "", y->src_xml ? y->src_xml : "");
        CHECK_STR(x->tgt_xml ? x->tgt_xml : "", y->tgt_xml ? y->tgt_xml : "");
        CHECK_STR(x->srclang, y->srclang);
        CHECK_STR(x->date ? x->date : "", y->date ? y->date : "");
        CHECK_INT(x->tu.nattrs, y->tu.nattrs);
        CHECK_INT(x->tu.nprops, y->tu.nprops);
        CHECK_INT(x->tu.nnotes, y->tu.nnotes);
        for (size_t i = 0; i < x->tu.nprops && i < y->tu.nprops; i++) {
            CHECK_STR(x->tu.props[i].name, y->tu.props[i].name);
            CHECK_STR(x->tu.props[i].value, y->tu.props[i].value);
        }
    }
    CHECK_INT(n, 5);
    sv_tmx_reader_free(a);
    sv_tmx_reader_free(b);
    sv_buf_free(&out);
    free(orig);
    sv_diags_free(d);
}

int main(void)
{
    RUN(test_helpers);
    RUN(test_writer);
    RUN(test_writer_file);
    RUN(test_reader_inline);
    RUN(test_reader_files);
    RUN(test_hostile);
    RUN(test_round_trip);
    return harness_end();
}
