/* segment.h - sentence segmentation of a document's paragraphs.
 *
 * The built-in segmenter runs ICU's rule-based sentence break iterator
 * with ICU's own sentence rules (read from the installed ICU at build time)
 * plus sverka's rules for Russian and English abbreviations, titles,
 * initials, "г." after a word and "долл. США" (align/sentence-rules.txt
 * lists them).  A few decisions that need more context than break rules
 * have are made afterwards, on each paragraph's pieces:
 *   - a piece is cut where a period that the rules kept inside is followed
 *     by a typical sentence start ("He moved to the U.S. The move ...",
 *     "Лукашенко А.Г. В ходе ..."), or where a full word, a quote or a year
 *     and a period are followed by a number ("now. 18 holes", "Goop.
 *     37-летняя"), which ICU never splits;
 *   - "U.S.", "U.K.", "a.m.", "Inc." ... followed by a capitalised word that
 *     does not usually start a sentence stay in one sentence;
 *   - a piece that starts in lower case after "?" or "!" (“Is it true?”
 *     asked Mr. X.), or with a name and a reporting verb ("...!'" Hammel
 *     added.), is joined to the previous one;
 *   - a list or section number ("1.", "3.1.") is joined to its item, a date
 *     phrase ("В 1990-х гг.") to the sentence it opens, and pieces without
 *     a space between them ("«...Огайо") are joined;
 *   - a paragraph that starts in lower case right after a paragraph that
 *     ends with a closing quote (seed 004: «...». / сказал Лукашенко.) is
 *     attached to that quote's last sentence;
 *   - headings are HEADLINE segments, boilerplate paragraphs are one
 *     BOILERPLATE segment each (kept, so the document stays complete).
 * With SRX rules (srx.h) only the SRX decisions are used.
 */
#ifndef SV_SEGMENT_H
#define SV_SEGMENT_H

#include <stddef.h>

#include "../base/status.h"
#include "lang.h"
#include "text.h"

/* A document that would give more sentences is refused by sv_segment_doc
 * (SV_ERR_LIMIT), which keeps the memory of hostile inputs bounded. */
#define SV_MAX_SENTENCES ((size_t)8000000)

typedef enum { SV_SEG_SENTENCE = 0, SV_SEG_HEADLINE, SV_SEG_BOILERPLATE } sv_seg_kind;

/* "sentence", "headline", "boilerplate" */
const char *sv_seg_kind_name(sv_seg_kind k);

typedef struct {
    size_t start, end; /* byte span in the document text (sv_doc_text) */
    size_t para;       /* index of the paragraph it starts in */
    size_t line;       /* 1-based line of start; for HTML, the page's source line
                          where the sentence's block starts */
    sv_seg_kind kind;
    const char *text;  /* normalised text, not NUL-terminated: borrowed from the document's
                          paragraph (or owned by the sv_segs for a quote attribution
                          joined across paragraphs) */
    size_t len;
} sv_sentence;

typedef struct sv_segs {
    sv_sentence *v;
    size_t n;
    struct sv_segs_priv *priv; /* memory of the texts */
} sv_segs;

void sv_segs_free(sv_segs *s);

typedef struct sv_srx sv_srx;

typedef struct {
    const sv_srx *srx; /* borrowed; NULL: built-in rules */
    size_t max_sentence; /* bytes; longer sentences are cut (with a warning); default 1 MiB */
} sv_segment_opts;

void sv_segment_opts_init(sv_segment_opts *o);

/* A segmenter holds compiled rules and scratch memory.  Not thread-safe:
 * use one per thread. */
typedef struct sv_segmenter sv_segmenter;

/* Compiles the rules (tens of milliseconds).  *out: caller frees with
 * sv_segmenter_free. */
sv_status sv_segmenter_new(const sv_segment_opts *opts, sv_segmenter **out, sv_diags *diags);
void sv_segmenter_free(sv_segmenter *s);

/* Splits every paragraph of doc into sentences in lang (SV_LANG_UNKNOWN is
 * allowed: the rules cover both languages; lang selects SRX rules).
 * *out: caller frees with sv_segs_free; doc must outlive it (the texts
 * point into the document's normalised paragraphs). */
sv_status sv_segment_doc(sv_segmenter *s, const sv_doc *doc, sv_lang lang, sv_segs **out,
                         sv_diags *diags);

/* Segments one piece of normalised text (no paragraphs, no post-processing
 * across paragraphs): appends the [start, end) byte offsets of each
 * sentence to *bounds (pairs), caller frees.  For tests and tools. */
sv_status sv_segment_text(sv_segmenter *s, const char *text, size_t len, sv_lang lang,
                          size_t **bounds, size_t *nbounds, sv_diags *diags);

#endif
