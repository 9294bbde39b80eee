/* quotes.h - quoted speech in Russian and English news text: where the
 * quotations are, who is said to have said them, and whether a sentence
 * reports speech without quoting it.
 *
 * Used by the consistency checker (qa.h): a quotation in one version of a
 * report should have a counterpart in the other, either quoted too or as
 * reported speech ("по его словам", "said that").
 *
 * Quotation marks understood:
 *   « »      Russian primary (and French)
 *   „ “  „ ” Russian inner, German
 *   “ ”      English primary (also Russian inner); “ ... “ is accepted
 *   ‘ ’      English inner; ’ between letters is an apostrophe (it’s)
 *   " "      straight double: opening or closing decided by the characters
 *            around it (space before and a letter after opens)
 *   ' '      straight single: only at word boundaries (don't, AMs' are
 *            not quotes)
 * Quotes nest to any depth.  A line break ends a paragraph: a quotation
 * still open there continues when the next paragraph starts with an
 * opening mark (the news convention for quotes over several paragraphs),
 * and otherwise ends with the paragraph, marked unclosed; an unclosed
 * single quote is dropped (it was an apostrophe: ‘90s, 'em).
 *
 * Attribution: the words after a top-level quotation that name the
 * speaker ("," said the president", "», — сказал Лукашенко", "?” asked
 * Mr. X") or before it ("Лукашенко заявил: «...»", "He said: “...”"): a
 * clause of at most 14 words with a reporting verb (said, noted, added,
 * сказал, отметил, уточнил, ...), or after a dash in Russian.
 *
 * Kinds: a quotation is SPEECH when it reads as quoted speech (four words
 * or more and an attribution, sentence punctuation at its end, a colon
 * before it, or several sentences; or eight words or more) and a TERM
 * otherwise: a name («Гомсельмаш», "Belaruskali"), a title, a scare quote
 * ('looking like muppets').
 */
#ifndef SV_QUOTES_H
#define SV_QUOTES_H

#include <stddef.h>

#include "../align/lang.h"
#include "../base/status.h"

typedef enum { SV_QUOTE_SPEECH = 0, SV_QUOTE_TERM } sv_quote_kind;

/* "speech", "term" */
const char *sv_quote_kind_name(sv_quote_kind k);

typedef struct {
    size_t start, end;             /* byte span of the quotation, marks included; an
                                      unclosed one ends where its paragraph ends */
    size_t inner_start, inner_end; /* the quoted words, marks excluded, trimmed */
    size_t attr_start, attr_end;   /* the attribution ("said the president",
                                      "— сказал Лукашенко"); equal when there is none */
    unsigned depth;                /* 0: top level; 1: inside one other quotation ... */
    unsigned words;                /* words inside (letters or digits) */
    unsigned paragraphs;           /* paragraphs it runs over (1 normally) */
    sv_quote_kind kind;
    unsigned char closed;          /* 0: no closing mark was found */
    unsigned open_mark, close_mark; /* code points (close_mark 0 when unclosed) */
} sv_quote;

/* Finds the quotations of text (len bytes of UTF-8; invalid bytes act as
 * punctuation; '\n' separates paragraphs) written in lang (SV_LANG_UNKNOWN:
 * both languages' reporting verbs are tried).  *out: array of *n quotes
 * sorted by start (an outer quotation before the ones inside it), caller
 * frees with free(); NULL when *n is 0.  Time is linear in len; memory is
 * bounded by the number of quotation marks.  SV_ERR_ARG for NULL
 * arguments. */
sv_status sv_quotes_extract(sv_lang lang, const char *text, size_t len, sv_quote **out,
                            size_t *n);

/* Does text (a sentence, len bytes) report speech without quoting it:
 * "по его словам", "по словам", "according to", "Лукашенко отметил, что",
 * "he said the trade ...", "заявил президент"?  Returns 1 and the marker's
 * byte span in *start, *end (either may be NULL), else 0. */
int sv_quotes_reported(sv_lang lang, const char *text, size_t len, size_t *start, size_t *end);

/* Is the lower-case word (UTF-8, len bytes) a reporting verb form of lang
 * ("said", "noting", "сказал", "подчеркнув")?  For tests. */
int sv_quotes_is_reporting_verb(sv_lang lang, const char *word, size_t len);

#endif
