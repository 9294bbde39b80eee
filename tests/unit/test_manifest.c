/* test_manifest.c - manifests of document pairs and batch --stdin requests. */
#include <stdlib.h>

#include "../../base/manifest.h"
#include "harness.h"

static sv_status parse(const char *s, const char *dir, sv_manifest *m, sv_diags *d)
{
    memset(m, 0, sizeof *m);
    return sv_manifest_parse("m.tsv", s, strlen(s), dir, m, d);
}

static const char *first_error(sv_diags *d)
{
    for (size_t i = 0; i < sv_diags_count(d); i++)
        if (sv_diags_get(d, i)->severity == SV_ERROR)
            return sv_diags_get(d, i)->message;
    return "";
}

static void test_ok(void)
{
    sv_diags *d = sv_diags_new();
    sv_manifest m;
    CHECK_INT(parse("# pairs\r\n\r\na\ten/a.txt\tru/a.txt\r\nb\t/abs/b.en\tb.ru", "corp", &m, d),
              SV_OK);
    CHECK_INT(m.n, 2);
    CHECK_STR(m.v[0].id, "a");
    CHECK_STR(m.v[0].src, "corp/en/a.txt");
    CHECK_STR(m.v[0].tgt, "corp/ru/a.txt");
    CHECK_INT(m.v[0].line, 3);
    CHECK_STR(m.v[1].src, "/abs/b.en"); /* absolute paths stay */
    CHECK_STR(m.v[1].tgt, "corp/b.ru");
    CHECK_INT(m.v[1].line, 4);
    sv_manifest_free(&m);
    CHECK_INT(m.n, 0);
    CHECK_INT(parse("x\ta\tb\n", "/", &m, d), SV_OK);
    CHECK_STR(m.v[0].src, "/a");
    sv_manifest_free(&m);
    CHECK_INT(parse("x\ta\tb\n", NULL, &m, d), SV_OK);
    CHECK_STR(m.v[0].src, "a");
    sv_manifest_free(&m);
    sv_manifest_free(NULL);
    sv_diags_free(d);
}

static void test_errors(void)
{
    static const struct {
        const char *in, *msg;
        size_t line;
    } cases[] = {
        {"a\tb\n", "expected id<TAB>source<TAB>target (two tabs)", 1},
        {"a\tb\tc\td\n", "expected id<TAB>source<TAB>target (two tabs)", 1},
        {"ok\tb\tc\nx\t\tc\n", "empty source or target path", 2},
        {"x\tb\t\n", "empty source or target path", 1},
        {"../x\tb\tc\n", NULL, 1},
        {"a/b\tb\tc\n", NULL, 1},
        {"\tb\tc\n", NULL, 1},
        {"# only a comment\n\n", "no pairs in the manifest", 0},
        {"", "no pairs in the manifest", 0},
        {"a\tb\tc\nz\tb\tc\na\td\te\n", "the id 'a' is used twice (first on line 1; ids name the output files)", 3},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sv_diags *d = sv_diags_new();
        sv_manifest m;
        CHECK_INT(parse(cases[i].in, "", &m, d), SV_ERR_INPUT);
        CHECK_INT(sv_diags_count_severity(d, SV_ERROR), 1);
        if (cases[i].msg)
            CHECK_STR(first_error(d), cases[i].msg);
        else
            CHECK(strstr(first_error(d), "cannot name a file") != NULL);
        CHECK_INT(sv_diags_get(d, 0)->line, cases[i].line);
        CHECK_STR(sv_diags_get(d, 0)->file, "m.tsv");
        sv_manifest_free(&m);
        sv_diags_free(d);
    }
    /* a NUL inside a line */
    sv_diags *d = sv_diags_new();
    sv_manifest m = {NULL, 0, 0};
    CHECK_INT(sv_manifest_parse("m.tsv", "a\tb\0x\tc\n", 8, "", &m, d), SV_ERR_INPUT);
    CHECK_STR(first_error(d), "NUL byte in the line");
    sv_manifest_free(&m);
    sv_diags_free(d);
    /* ids */
    CHECK(sv_manifest_id_ok("doc-01_a"));
    CHECK(!sv_manifest_id_ok(".hidden"));
    CHECK(!sv_manifest_id_ok("a\\b"));
    CHECK(!sv_manifest_id_ok("a\x7f"));
    char longid[202];
    memset(longid, 'x', 201);
    longid[201] = '\0';
    CHECK(!sv_manifest_id_ok(longid));
    longid[200] = '\0';
    CHECK(sv_manifest_id_ok(longid));
}

static void test_request(void)
{
    sv_manifest_request rq;
    char msg[128];
    const char *ok = "{\"id\":7,\"source\":\"Hello.\",\"target\":\"\\u041f\\u0440\\u0438\\u0432\\u0435\\u0442.\"}";
    CHECK_INT(sv_manifest_request_parse(ok, strlen(ok), &rq, msg, sizeof msg), SV_OK);
    CHECK_STR(rq.id, "7");
    CHECK_STR(rq.src, "Hello.");
    CHECK_INT(rq.src_len, 6);
    CHECK_STR(rq.tgt, "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82.");
    sv_manifest_request_free(&rq);
    const char *noid = "{\"source\":\"a\",\"target\":\"b\"}";
    CHECK_INT(sv_manifest_request_parse(noid, strlen(noid), &rq, msg, sizeof msg), SV_OK);
    CHECK(rq.id == NULL);
    sv_manifest_request_free(&rq);
    const char *num = "{\"id\":\"p1\",\"source\":1,\"target\":\"b\"}";
    CHECK_INT(sv_manifest_request_parse(num, strlen(num), &rq, msg, sizeof msg), SV_ERR_INPUT);
    CHECK_STR(msg, "\"source\" and \"target\" must be strings");
    CHECK_STR(rq.id, "p1");
    sv_manifest_request_free(&rq);
    const char *bad = "{\"id\":\"p1\",\"source\":\"a\\q\"}";
    CHECK_INT(sv_manifest_request_parse(bad, strlen(bad), &rq, msg, sizeof msg), SV_ERR_INPUT);
    CHECK(strncmp(msg, "column ", 7) == 0);
    CHECK(rq.id == NULL);
    sv_manifest_request_free(&rq);
    sv_manifest_request_free(NULL);
}

int main(void)
{
    RUN(test_ok);
    RUN(test_errors);
    RUN(test_request);
    return harness_end();
}
