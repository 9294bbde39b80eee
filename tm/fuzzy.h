/* fuzzy.h - tokens, search keys and the CAT-style fuzzy match percentage.
 *
 * A segment is cut into tokens: words (letters, digits and marks, with
 * hyphens and apostrophes inside), numbers (digits with "." "," or a
 * thin/normal space between groups: "1 500,75"), inline-code markers
 * (see tmx.h) and single punctuation characters.  Each word or number has
 * a folded form used for comparison: NFKC, full case folding, ё -> е,
 * hyphens and apostrophes removed ("Isn’t" = "isnt"); a number's folded
 * form is its digits.
 *
 * The match percentage of a candidate for a query (docs/formats.md gives
 * the same formula with examples):
 *
 *   tokens are weighted word 2, number 2, punctuation 1; tags are left
 *   out of the distance.  D is the weighted edit distance between the two
 *   sequences: inserting or deleting a token costs its weight, replacing a
 *   word by another word 2, punctuation by other punctuation 1, a number by
 *   another number 0 (numbers are placeables, as in CAT tools), anything by
 *   a token of another kind the sum of both weights.  W is the larger of
 *   the two total weights.
 *
 *   match = floor(100 * (W - D) / W)  - (number pairs aligned with
 *           different values)  - |tags(query) - tags(candidate)|
 *           - (1 if the tag counts agree but their kinds differ in order)
 *
 *   clamped to 0..100; 100 only when the texts are identical up to runs of
 *   white space, otherwise at most 99 (a case or ё/е difference alone
 *   gives 99).  W = 0 (nothing but tags) counts as identical words.
 */
#ifndef SV_FUZZY_H
#define SV_FUZZY_H

#include <stddef.h>
#include <stdint.h>

#include "../base/buf.h"

typedef enum { SV_TOK_WORD = 0, SV_TOK_NUMBER, SV_TOK_TAG, SV_TOK_PUNCT } sv_tok_kind;

typedef struct {
    sv_tok_kind kind;
    size_t start, len;   /* bytes of the original text */
    size_t fstart, flen; /* folded form: bytes of sv_tokens.folded */
    uint64_t key;        /* hash of the folded form (tags: of the marker) */
} sv_token;

typedef struct {
    sv_token *v;
    size_t n, cap;
    sv_buf folded;       /* folded forms, one after the other */
    int no_keys;         /* set to 1 to leave keys 0 (indexing needs none) */
} sv_tokens;

#define SV_TOKENS_INIT {NULL, 0, 0, SV_BUF_INIT, 0}

/* Replaces the contents of t with the tokens of text (valid UTF-8; a bad
 * byte counts as punctuation).  Reuses t's memory. */
void sv_tokenize(const char *text, size_t len, sv_tokens *t);
void sv_tokens_free(sv_tokens *t);

/* The folded form of token i (borrowed from t). */
const char *sv_token_folded(const sv_tokens *t, size_t i, size_t *len);

/* Appends the folded form of text (NFKC + case folding + ё->е) to out;
 * used for words and for search terms. */
void sv_fold_append(const char *text, size_t len, sv_buf *out);

/* Calls fn once for each distinct character trigram of the words and
 * numbers of t: three consecutive code points of a folded form, starting
 * at an even code point offset (0, 2, 4, ...; shorter forms give none).
 * Every other trigram is enough to find equal words and words that share
 * a prefix (a stem), at half the index size.  tok is the index of the
 * token it came from.  Stops and returns fn's value when non-zero. */
typedef int (*sv_trigram_fn)(void *ctx, const char *tri, size_t len, size_t tok);
int sv_trigrams(const sv_tokens *t, sv_trigram_fn fn, void *ctx);

/* A reusable matcher: the query is tokenised once. */
typedef struct sv_fuzzy sv_fuzzy;

sv_fuzzy *sv_fuzzy_new(void);
void sv_fuzzy_free(sv_fuzzy *f); /* NULL is a no-op */
/* Sets the query; text is copied. */
void sv_fuzzy_set_query(sv_fuzzy *f, const char *text, size_t len);
/* The query's tokens (borrowed). */
const sv_tokens *sv_fuzzy_query_tokens(const sv_fuzzy *f);
/* The match percentage (0..100) of cand for the query. */
int sv_fuzzy_score(sv_fuzzy *f, const char *cand, size_t len);

/* One-off: the match percentage of b for query a. */
int sv_fuzzy_match(const char *a, size_t alen, const char *b, size_t blen);

#endif
