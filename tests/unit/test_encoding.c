/* test_encoding.c - bytes to UTF-8: BOMs, UTF-16 without a BOM, legacy
 * Cyrillic encodings, forced encodings, reported repairs, binary files.
 * Fixtures are in tests/data (made once with iconv from ru-utf8.txt and
 * en-utf8.txt); the tests run from the top of the tree. */
#include <stdlib.h>
#include <string.h>

#include "../../align/encoding.h"
#include "../../base/fileio.h"
#include "../../base/mem.h"
#include "../../base/utf8.h"
#include "harness.h"

#ifndef DATA
#define DATA "tests/data/"
#endif

static char *slurp(const char *name, size_t *len)
{
    char *data = NULL;
    if (sv_file_read(name, 1 << 20, &data, len, NULL) != SV_OK) {
        fprintf(stderr, "cannot read %s (run from the top of the tree)\n", name);
        exit(2);
    }
    return data;
}

/* Does some diagnostic of severity sev contain needle? */
static int has_diag(sv_diags *d, sv_severity sev, const char *needle)
{
    for (size_t i = 0; i < sv_diags_count(d); i++) {
        const sv_diag *g = sv_diags_get(d, i);
        if (g->severity == sev && strstr(g->message, needle))
            return 1;
    }
    return 0;
}

/* Decodes fixture file and checks that it gives the text of want_file. */
static void check_fixture(const char *file, const char *want_file, const char *enc,
                          int detected, size_t bom)
{
    size_t len, wlen;
    char *data = slurp(file, &len), *want = slurp(want_file, &wlen);
    sv_diags *d = sv_diags_new();
    sv_decoded dec;
    CHECK_INT(sv_decode(data, len, file, NULL, 0, &dec, d), SV_OK);
    CHECK_STR(dec.encoding, enc);
    CHECK_INT(dec.detected, detected);
    CHECK_INT(dec.bom_len, bom);
    CHECK_INT(dec.replaced, 0);
    CHECK_INT(dec.len, wlen);
    CHECK(dec.len == wlen && memcmp(dec.text, want, wlen) == 0);
    CHECK_INT(dec.text[dec.len], '\0');
    /* every conversion is reported as a note naming the encoding */
    if (strcmp(enc, "UTF-8") != 0)
        CHECK(has_diag(d, SV_NOTE, enc));
    CHECK_INT(sv_diags_count_severity(d, SV_WARNING) + sv_diags_count_severity(d, SV_ERROR), 0);
    free(dec.text);
    free(data);
    free(want);
    sv_diags_free(d);
}

static void test_plain_utf8(void)
{
    check_fixture(DATA "ru-utf8.txt", DATA "ru-utf8.txt", "UTF-8", 0, 0);
    check_fixture(DATA "en-utf8.txt", DATA "en-utf8.txt", "UTF-8", 0, 0);
    sv_decoded dec;
    CHECK_INT(sv_decode("", 0, "empty", NULL, 0, &dec, NULL), SV_OK);
    CHECK_INT(dec.len, 0);
    CHECK_STR(dec.text, "");
    free(dec.text);
}

static void test_boms(void)
{
    check_fixture(DATA "ru-utf8-bom.txt", DATA "ru-utf8.txt", "UTF-8", 0, 3);
    check_fixture(DATA "ru-utf16le-bom.txt", DATA "ru-utf8.txt", "UTF-16LE", 0, 2);
    check_fixture(DATA "ru-utf16be-bom.txt", DATA "ru-utf8.txt", "UTF-16BE", 0, 2);
    /* UTF-32LE starts like UTF-16LE's BOM: the longer mark wins */
    const char u32[] = "\xFF\xFE\0\0\x1F\x04\0\0!\0\0\0";
    sv_decoded dec;
    CHECK_INT(sv_decode(u32, sizeof u32 - 1, "u32", NULL, 0, &dec, NULL), SV_OK);
    CHECK_STR(dec.encoding, "UTF-32LE");
    CHECK_STR(dec.text, "\xD0\x9F!"); /* П! */
    free(dec.text);
    /* a BOM alone is an empty text */
    CHECK_INT(sv_decode("\xEF\xBB\xBF", 3, "bom", NULL, 0, &dec, NULL), SV_OK);
    CHECK_INT(dec.len, 0);
    free(dec.text);
}

static void test_utf16_without_bom(void)
{
    check_fixture(DATA "ru-utf16le.txt", DATA "ru-utf8.txt", "UTF-16LE", 1, 0);
    check_fixture(DATA "ru-utf16be.txt", DATA "ru-utf8.txt", "UTF-16BE", 1, 0);
    check_fixture(DATA "en-utf16le.txt", DATA "en-utf8.txt", "UTF-16LE", 1, 0);
}

static void test_legacy_detection(void)
{
    check_fixture(DATA "ru-cp1251.txt", DATA "ru-utf8.txt", "windows-1251", 1, 0);
    check_fixture(DATA "ru-koi8r.txt", DATA "ru-utf8.txt", "KOI8-R", 1, 0);
    /* one short sentence is enough */
    static const struct {
        const char *bytes, *enc;
    } shortt[] = {
        {"\xCB\xF3\xEA\xE0\xF8\xE5\xED\xEA\xEE\x20\xEF\xF0\xEE\xE2\xE5\xEB\x20\xE2\xF1\xF2\xF0"
         "\xE5\xF7\xF3\x20\xF1\x20\xE3\xF3\xE1\xE5\xF0\xED\xE0\xF2\xEE\xF0\xEE\xEC\x20\xEE\xE1"
         "\xEB\xE0\xF1\xF2\xE8\x2E",
         "windows-1251"},
        {"\xEC\xD5\xCB\xC1\xDB\xC5\xCE\xCB\xCF\x20\xD0\xD2\xCF\xD7\xC5\xCC\x20\xD7\xD3\xD4\xD2"
         "\xC5\xDE\xD5\x20\xD3\x20\xC7\xD5\xC2\xC5\xD2\xCE\xC1\xD4\xCF\xD2\xCF\xCD\x20\xCF\xC2"
         "\xCC\xC1\xD3\xD4\xC9\x2E",
         "KOI8-R"},
    };
    for (size_t i = 0; i < 2; i++) {
        sv_decoded dec;
        sv_diags *d = sv_diags_new();
        CHECK_INT(sv_decode(shortt[i].bytes, strlen(shortt[i].bytes), "short", NULL, 0, &dec, d),
                  SV_OK);
        CHECK_STR(dec.encoding, shortt[i].enc);
        CHECK_STR(dec.text, "Лукашенко провел встречу с губернатором области.");
        CHECK(has_diag(d, SV_NOTE, "use --encoding to override"));
        free(dec.text);
        sv_diags_free(d);
    }
}

static void test_forced(void)
{
    size_t len;
    char *cp = slurp(DATA "ru-cp1251.txt", &len);
    sv_decoded dec;
    sv_diags *d = sv_diags_new();
    /* the right encoding, under one of its other names */
    CHECK_INT(sv_decode(cp, len, "f", "cp1251", 0, &dec, d), SV_OK);
    CHECK_STR(dec.encoding, "cp1251");
    CHECK_INT(dec.detected, 0);
    CHECK(strncmp(dec.text, "МИНСК, 10 июня.", strlen("МИНСК, 10 июня.")) == 0);
    free(dec.text);
    /* a wrong one is obeyed: the text is mojibake, but valid UTF-8 */
    CHECK_INT(sv_decode(cp, len, "f", "koi8-r", 0, &dec, d), SV_OK);
    CHECK(strstr(dec.text, "МИНСК") == NULL);
    CHECK_INT(sv_utf8_validate(dec.text, dec.len), dec.len);
    free(dec.text);
    /* UTF-8 forced on CP1251 bytes: every letter is a reported repair */
    CHECK_INT(sv_decode(cp, len, "f", "utf-8", 0, &dec, d), SV_OK);
    CHECK(dec.replaced > 100);
    CHECK(has_diag(d, SV_WARNING, "replaced by U+FFFD in all"));
    free(dec.text);
    /* an unknown name is an error that says what to try */
    sv_diags_clear(d);
    CHECK_INT(sv_decode(cp, len, "f", "klingon-8", 0, &dec, d), SV_ERR_ENCODING);
    CHECK(has_diag(d, SV_ERROR, "unknown encoding 'klingon-8'"));
    CHECK(dec.text == NULL);
    CHECK(sv_encoding_known("cp1251"));
    CHECK(sv_encoding_known("KOI8-R"));
    CHECK(!sv_encoding_known("klingon-8"));
    free(cp);
    sv_diags_free(d);
}

static void test_invalid_utf8(void)
{
    /* the bad bytes are at offsets 13 (line 2) and 26 (line 3) */
    const char in[] = "ok.\nline two \xFF here\nthird \xC3 x\n";
    sv_decoded dec;
    sv_diags *d = sv_diags_new();
    CHECK_INT(sv_decode(in, sizeof in - 1, "bad.txt", NULL, 0, &dec, d), SV_OK);
    CHECK_STR(dec.encoding, "UTF-8");
    CHECK_INT(dec.replaced, 2);
    CHECK_STR(dec.text, "ok.\nline two \xEF\xBF\xBD here\nthird \xEF\xBF\xBD x\n");
    CHECK_INT(sv_diags_count_severity(d, SV_WARNING), 2);
    const sv_diag *g = sv_diags_get(d, 0);
    CHECK_INT(g->offset, 13);
    CHECK_INT(g->line, 2);
    CHECK_STR(g->file, "bad.txt");
    CHECK(strstr(g->message, "byte offset 13") != NULL);
    CHECK(strstr(g->message, "0xFF") != NULL);
    g = sv_diags_get(d, 1);
    CHECK_INT(g->offset, 26);
    CHECK_INT(g->line, 3);
    free(dec.text);
    sv_diags_free(d);
}

static void test_many_invalid(void)
{
    /* Russian UTF-8 with 30 stray bytes: still UTF-8; 20 warnings and a total */
    char in[4096];
    size_t n = 0;
    static const char piece[] = "Текст \xFF ";
    for (int i = 0; i < 30; i++) {
        memcpy(in + n, piece, sizeof piece - 1);
        n += sizeof piece - 1;
    }
    sv_decoded dec;
    sv_diags *d = sv_diags_new();
    CHECK_INT(sv_decode(in, n, "many", NULL, 0, &dec, d), SV_OK);
    CHECK_STR(dec.encoding, "UTF-8");
    CHECK_INT(dec.replaced, 30);
    CHECK_INT(sv_diags_count_severity(d, SV_WARNING), 21);
    CHECK(has_diag(d, SV_WARNING, "30 invalid byte sequences replaced by U+FFFD in all (20 shown)"));
    free(dec.text);
    sv_diags_free(d);
}

static void test_nul_and_binary(void)
{
    sv_decoded dec;
    sv_diags *d = sv_diags_new();
    /* a stray NUL in text: replaced and reported, never left in a C string */
    const char nul[] = "Hello\0world. This is text.";
    CHECK_INT(sv_decode(nul, sizeof nul - 1, "nul", NULL, 0, &dec, d), SV_OK);
    CHECK_STR(dec.text, "Hello\xEF\xBF\xBDworld. This is text.");
    CHECK_INT(strlen(dec.text), dec.len);
    CHECK(has_diag(d, SV_WARNING, "NUL character at offset 5"));
    free(dec.text);
    /* an ELF header and zeros: refused */
    char elf[2048] = "\x7F" "ELF\2\1\1";
    sv_diags_clear(d);
    CHECK_INT(sv_decode(elf, sizeof elf, "a.out", NULL, 0, &dec, d), SV_ERR_ENCODING);
    CHECK(has_diag(d, SV_ERROR, "does not look like text"));
    /* random control bytes */
    char ctl[1000];
    for (size_t i = 0; i < sizeof ctl; i++)
        ctl[i] = (char)(i % 7 == 0 ? 0x01 : 'a' + i % 26);
    sv_diags_clear(d);
    CHECK_INT(sv_decode(ctl, sizeof ctl, "ctl", NULL, 0, &dec, d), SV_ERR_ENCODING);
    /* but a forced encoding is obeyed even then (the user knows better) */
    CHECK_INT(sv_decode(ctl, sizeof ctl, "ctl", "latin1", 0, &dec, d), SV_OK);
    CHECK_INT(dec.len, sizeof ctl);
    free(dec.text);
    sv_diags_free(d);
}

static void test_html_charset(void)
{
    char buf[32];
    const char *p1 = "<html><head><meta charset=\"windows-1251\"></head>";
    CHECK(sv_html_declared_charset(p1, strlen(p1), buf, sizeof buf));
    CHECK_STR(buf, "windows-1251");
    const char *p2 = "<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=koi8-r\">";
    CHECK(sv_html_declared_charset(p2, strlen(p2), buf, sizeof buf));
    CHECK_STR(buf, "koi8-r");
    const char *p3 = "<html><head><title>charset</title></head><body>no charset=</body>";
    CHECK(!sv_html_declared_charset(p3, strlen(p3), buf, sizeof buf));
    /* a long name is cut to the buffer, never overflowing it */
    const char *p4 = "<meta charset=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa>";
    CHECK(sv_html_declared_charset(p4, strlen(p4), buf, 8));
    CHECK_INT(strlen(buf), 7);
}

int main(void)
{
    RUN(test_plain_utf8);
    RUN(test_boms);
    RUN(test_utf16_without_bom);
    RUN(test_legacy_detection);
    RUN(test_forced);
    RUN(test_invalid_utf8);
    RUN(test_many_invalid);
    RUN(test_nul_and_binary);
    RUN(test_html_charset);
    return harness_end();
}
