/* test_json.c - the JSON-lines object reader. */
#include <stdlib.h>

#include "../../base/json.h"
#include "harness.h"

static sv_status parse(const char *s, sv_json_object *o, size_t *col, const char **msg)
{
    return sv_json_parse_object(s, strlen(s), o, col, msg);
}

static void test_ok(void)
{
    sv_json_object o;
    size_t col;
    const char *msg;
    CHECK_INT(parse(" {\"id\":\"a1\", \"source\":\"Hello \\\"world\\\"\\n\", \"n\": -1.5e3,"
                    " \"t\":true, \"x\":null, \"nest\":{\"a\":[1,2,{\"b\":\"}\"}]}, \"ru\":\"\\u041c\\u0418\"} ",
                    &o, &col, &msg),
              SV_OK);
    CHECK_INT(o.n, 8);
    CHECK_STR(sv_json_get(&o, "id")->str, "a1");
    CHECK_STR(sv_json_get(&o, "source")->str, "Hello \"world\"\n");
    CHECK_INT(sv_json_get(&o, "n")->type, SV_JSON_NUMBER);
    CHECK_STR(sv_json_get(&o, "n")->str, "-1.5e3");
    CHECK_INT(sv_json_get(&o, "t")->type, SV_JSON_TRUE);
    CHECK_INT(sv_json_get(&o, "x")->type, SV_JSON_NULL);
    CHECK_INT(sv_json_get(&o, "nest")->type, SV_JSON_SKIPPED);
    CHECK_INT(sv_json_get(&o, "nest.a")->type, SV_JSON_SKIPPED); /* an array */
    CHECK_STR(sv_json_get(&o, "ru")->str, "\xD0\x9C\xD0\x98");
    CHECK(sv_json_get(&o, "missing") == NULL);
    sv_json_object_free(&o);
    CHECK_INT(parse("{\"e\":\"\\ud83d\\ude00\"}", &o, &col, &msg), SV_OK);
    CHECK_STR(sv_json_get(&o, "e")->str, "\xF0\x9F\x98\x80");
    sv_json_object_free(&o);
    CHECK_INT(parse("{\"source\":{\"lang\":\"en\",\"text\":\"Hi.\",\"in\":{\"x\":1}},\"k\":2}",
                    &o, &col, &msg),
              SV_OK);
    CHECK_STR(sv_json_get(&o, "source.text")->str, "Hi.");
    CHECK_STR(sv_json_get(&o, "source.in.x")->str, "1");
    CHECK_STR(sv_json_get(&o, "k")->str, "2");
    sv_json_object_free(&o);
    CHECK_INT(parse("{}", &o, &col, &msg), SV_OK);
    CHECK_INT(o.n, 0);
    sv_json_object_free(&o);
}

static void test_errors(void)
{
    static const struct {
        const char *in;
        size_t col;
    } bad[] = {
        {"", 1}, {"[1]", 1}, {"{\"a\":1", 7}, {"{\"a\" 1}", 6}, {"{\"a\":\"x\"} x", 11},
        {"{\"a\":\"\\ud800\"}", 13}, {"{\"a\":\"\\udc00\"}", 13}, {"{\"a\":\"\\q\"}", 9},
        {"{\"a\":\"\x01\"}", 7}, {"{\"a\":\"\xff\"}", 7}, {"{\"a\":01x}", 8}, {"{\"a\":-}", 7},
        {"{\"a\":\"\\u0000\"}", 13}, {"{a:1}", 2}, {"{\"a\":tru}", 6},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        sv_json_object o;
        size_t col = 0;
        const char *msg = NULL;
        sv_status st = parse(bad[i].in, &o, &col, &msg);
        CHECK_INT(st, SV_ERR_INPUT);
        CHECK(msg != NULL);
        if (col != bad[i].col)
            fprintf(stderr, "case %zu: column %zu (%s)\n", i, col, msg);
        CHECK_INT(col, bad[i].col);
    }
    /* deep nesting is refused, not a stack overflow */
    size_t n = 100000;
    char *deep = malloc(2 * n + 16);
    strcpy(deep, "{\"a\":");
    size_t k = 5;
    for (size_t i = 0; i < n; i++)
        deep[k++] = '[';
    for (size_t i = 0; i < n; i++)
        deep[k++] = ']';
    deep[k++] = '}';
    deep[k] = '\0';
    sv_json_object o;
    size_t col;
    const char *msg;
    CHECK_INT(parse(deep, &o, &col, &msg), SV_ERR_INPUT);
    CHECK_STR(msg, "nesting too deep");
    free(deep);
}

int main(void)
{
    RUN(test_ok);
    RUN(test_errors);
    return harness_end();
}
