/* test_fuzzy.c - tokens, folding, trigrams and the match percentage. */
#include <stdlib.h>

#include "../../base/buf.h"
#include "../../tm/fuzzy.h"
#include "harness.h"

#define M(a, b) sv_fuzzy_match(a, strlen(a), b, strlen(b))

static const char *folded(const sv_tokens *t, size_t i, char *out, size_t cap)
{
    size_t n;
    const char *f = sv_token_folded(t, i, &n);
    if (n >= cap)
        n = cap - 1;
    memcpy(out, f, n);
    out[n] = '\0';
    return out;
}

static void test_tokens(void)
{
    sv_tokens t = SV_TOKENS_INIT;
    char b[64];
    const char *s = "Isn\xE2\x80\x99t the North-West 1\xC2\xA0" "500,75 Q3?";
    sv_tokenize(s, strlen(s), &t);
    CHECK_INT(t.n, 6);
    CHECK_INT(t.v[0].kind, SV_TOK_WORD);
    CHECK_STR(folded(&t, 0, b, sizeof b), "isnt");
    CHECK_STR(folded(&t, 2, b, sizeof b), "northwest");
    CHECK_INT(t.v[3].kind, SV_TOK_NUMBER);
    CHECK_STR(folded(&t, 3, b, sizeof b), "150075");
    CHECK_INT(t.v[3].len, strlen("1\xC2\xA0" "500,75"));
    CHECK_STR(folded(&t, 4, b, sizeof b), "q3");
    CHECK_INT(t.v[5].kind, SV_TOK_PUNCT);
    /* a space groups digits only before exactly three digits */
    sv_tokenize("in 2024 12 cases", 16, &t);
    CHECK_INT(t.n, 4);
    /* Cyrillic folds without ICU; ё becomes е */
    sv_tokenize("ЁЛКА Растёт", strlen("ЁЛКА Растёт"), &t);
    CHECK_STR(folded(&t, 0, b, sizeof b), "елка");
    CHECK_STR(folded(&t, 1, b, sizeof b), "растет");
    /* ICU path: ß and ligatures */
    sv_tokenize("Stra\xC3\x9F" "e \xEF\xAC\x81nance", strlen("Stra\xC3\x9F" "e \xEF\xAC\x81nance"),
                &t);
    CHECK_STR(folded(&t, 0, b, sizeof b), "strasse");
    CHECK_STR(folded(&t, 1, b, sizeof b), "finance");
    /* markers are tags */
    sv_tokenize("a\xEF\xB7\x90" "b", 5, &t);
    CHECK_INT(t.n, 3);
    CHECK_INT(t.v[1].kind, SV_TOK_TAG);
    sv_tokens_free(&t);
}

static int collect(void *ctx, const char *tri, size_t len, size_t tok)
{
    sv_buf *b = ctx;
    sv_buf_append(b, tri, len);
    sv_buf_printf(b, "@%zu ", tok);
    return 0;
}

static void test_trigrams(void)
{
    sv_tokens t = SV_TOKENS_INIT;
    sv_buf b = SV_BUF_INIT;
    const char *s = "Кошка, the THE at 2024";
    sv_tokenize(s, strlen(s), &t);
    sv_trigrams(&t, collect, &b);
    /* even offsets only: кош (0), шка (2); "2024" has one; THE repeats the */
    CHECK_STR(b.ptr, "кош@0 шка@0 the@2 202@5 ");
    sv_tokens_free(&t);
    sv_buf_free(&b);
}

static void test_match(void)
{
    CHECK_INT(M("The cat sat on the mat.", "The cat sat on the mat."), 100);
    CHECK_INT(M("The cat sat  on the mat.", " The cat sat on the mat. "), 100);
    CHECK_INT(M("The cat sat on the mat.", "the cat sat on the mat."), 99);
    CHECK_INT(M("Ёлка растёт в лесу.", "Елка растет в лесу."), 99);
    /* 10 words + '.' = weight 21; one word replaced costs 2 -> floor(1900/21) */
    CHECK_INT(M("one two three four five six seven eight nine ten.",
                "one two three four five six seven eight nine eleven."),
              90);
    /* a word missing from the candidate: W = 21, D = 2 */
    CHECK_INT(M("one two three four five six seven eight nine ten.",
                "one two three four five six seven eight nine."),
              90);
    /* numbers are placeables: a different number costs one point */
    CHECK_INT(M("The price rose by 100 dollars in 2023.", "The price rose by 250 dollars in 2023."),
              99);
    CHECK_INT(M("The price rose by 100 dollars in 2023.", "The price rose by 250 dollars in 2024."),
              98);
    /* typographic quotes and dashes compare equal, but the text differs */
    CHECK_INT(M("He said \"yes\" - twice.", "He said \xC2\xAByes\xC2\xBB \xE2\x80\x94 twice."), 99);
    /* tags: two missing markers cost two points */
    CHECK_INT(M("Click \xEF\xB7\x90OK\xEF\xB7\x91 now.", "Click OK now."), 98);
    CHECK_INT(M("Click \xEF\xB7\x90OK\xEF\xB7\x91 now.", "Click \xEF\xB7\x90OK\xEF\xB7\x91 now."),
              100);
    /* unrelated sentences score low, and order matters */
    CHECK(M("The cat sat on the mat.", "Profits rose sharply in March.") < 30);
    CHECK(M("a b c d e f g h", "h g f e d c b a") < 30);
    CHECK_INT(M("", ""), 100);
    CHECK_INT(M("Hello.", ""), 0);
    /* the reusable matcher gives the same answers */
    sv_fuzzy *f = sv_fuzzy_new();
    sv_fuzzy_set_query(f, "The cat sat on the mat.", 23);
    CHECK_INT(sv_fuzzy_score(f, "The cat sat on the mat.", 23), 100);
    CHECK_INT(sv_fuzzy_score(f, "The dog sat on the mat.", 23), 84);
    CHECK(sv_fuzzy_query_tokens(f)->n == 7);
    sv_fuzzy_free(f);
    sv_fuzzy_free(NULL);
}

int main(void)
{
    RUN(test_tokens);
    RUN(test_trigrams);
    RUN(test_match);
    return harness_end();
}
