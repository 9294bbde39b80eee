/* test_utf8.c - strict UTF-8 decoding, repair, buffers and JSON escaping. */
#include <stdlib.h>

#include "../../base/buf.h"
#include "../../base/mem.h"
#include "../../base/utf8.h"
#include "harness.h"

static void test_decode(void)
{
    size_t adv;
    CHECK_INT(sv_utf8_decode("A", 1, &adv), 'A');
    CHECK_INT(adv, 1);
    CHECK_INT(sv_utf8_decode("\xD0\x9C", 2, &adv), 0x41C); /* М */
    CHECK_INT(adv, 2);
    CHECK_INT(sv_utf8_decode("\xE2\x80\x94", 3, &adv), 0x2014);
    CHECK_INT(sv_utf8_decode("\xF0\x9F\x98\x80", 4, &adv), 0x1F600);
    CHECK_INT(adv, 4);
    /* overlong, surrogate (CESU), above U+10FFFF, truncated, lone continuation */
    CHECK_INT(sv_utf8_decode("\xC0\xAF", 2, &adv), -1);
    CHECK_INT(sv_utf8_decode("\xE0\x80\xAF", 3, &adv), -1);
    CHECK_INT(sv_utf8_decode("\xED\xA0\x80", 3, &adv), -1);
    CHECK_INT(adv, 1);
    CHECK_INT(sv_utf8_decode("\xF4\x90\x80\x80", 4, &adv), -1);
    CHECK_INT(sv_utf8_decode("\xE2\x80", 2, &adv), -1);
    CHECK_INT(adv, 2);
    CHECK_INT(sv_utf8_decode("\x80", 1, &adv), -1);
    CHECK_INT(adv, 1);
}

static void test_encode(void)
{
    char b[4];
    CHECK_INT(sv_utf8_encode(0x41, b), 1);
    CHECK_INT(sv_utf8_encode(0x439, b), 2);
    CHECK(memcmp(b, "\xD0\xB9", 2) == 0);
    CHECK_INT(sv_utf8_encode(0xFFFD, b), 3);
    CHECK(memcmp(b, "\xEF\xBF\xBD", 3) == 0);
    CHECK_INT(sv_utf8_encode(0x10FFFF, b), 4);
}

static size_t bad_offsets[8], nbad;
static void on_bad(void *ctx, size_t off, size_t len)
{
    (void)ctx;
    (void)len;
    if (nbad < 8)
        bad_offsets[nbad++] = off;
}

static void test_repair(void)
{
    const char in[] = "ok \xFF\xFE and \xE2\x80 end \xD0\x9C";
    char *out;
    size_t len;
    nbad = 0;
    size_t n = sv_utf8_repair(in, sizeof in - 1, &out, &len, on_bad, NULL);
    CHECK_INT(n, 3);
    CHECK_INT(nbad, 3);
    CHECK_INT(bad_offsets[0], 3);
    CHECK_INT(bad_offsets[1], 4);
    CHECK_INT(bad_offsets[2], 10); /* the truncated sequence counts once */
    CHECK_STR(out, "ok \xEF\xBF\xBD\xEF\xBF\xBD and \xEF\xBF\xBD end \xD0\x9C");
    CHECK_INT(sv_utf8_validate(out, len), len);
    free(out);
    CHECK_INT(sv_utf8_validate(in, sizeof in - 1), 3);
    CHECK_INT(sv_utf8_count("Привет", strlen("Привет")), 6);
}

static void test_classes(void)
{
    CHECK(sv_is_space(0xA0));
    CHECK(sv_is_space(0x202F));
    CHECK(sv_is_space('\t'));
    CHECK(!sv_is_space('x'));
    CHECK(!sv_is_space(0x200B)); /* zero-width space is not White_Space */
    CHECK(sv_xml_char_ok(0x9));
    CHECK(!sv_xml_char_ok(0x1));
    CHECK(!sv_xml_char_ok(0xFFFE));
    CHECK(!sv_xml_char_ok(0xD800));
    CHECK(sv_xml_char_ok(0x10000));
}

static void test_buf_json(void)
{
    sv_buf b = SV_BUF_INIT;
    CHECK_STR(sv_buf_cstr(&b), "");
    sv_buf_put_json(&b, "a\"b\\c\n\x01\xFF\xE2\x80\xA8", 11);
    CHECK_STR(b.ptr, "\"a\\\"b\\\\c\\n\\u0001\xEF\xBF\xBD\\u2028\"");
    sv_buf_reset(&b);
    sv_buf_printf(&b, "%d-%s", 42, "x");
    sv_buf_put_cp(&b, 0x439);
    size_t len;
    char *s = sv_buf_detach(&b, &len);
    CHECK_STR(s, "42-x\xD0\xB9");
    CHECK_INT(len, 6);
    CHECK(b.ptr == NULL);
    free(s);
}

static void test_arena(void)
{
    sv_arena *a = sv_arena_new();
    char *big = sv_arena_alloc(a, 1 << 20);
    memset(big, 'x', 1 << 20);
    char *s = sv_arena_strndup(a, "hello world", 5);
    CHECK_STR(s, "hello");
    int all = 1;
    for (int i = 0; i < 10000; i++) {
        char *p = sv_arena_alloc(a, 24);
        all &= p != NULL && ((size_t)p % sizeof(void *)) == 0;
        memset(p, 1, 24);
    }
    CHECK(all);
    CHECK(sv_arena_used(a) >= (1 << 20) + 240000);
    sv_arena_free(a);
    sv_arena_free(NULL);
}

int main(void)
{
    RUN(test_decode);
    RUN(test_encode);
    RUN(test_repair);
    RUN(test_classes);
    RUN(test_buf_json);
    RUN(test_arena);
    return harness_end();
}
