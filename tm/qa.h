/* qa.h - consistency checks between two versions of a text, and inside a
 * translation memory: what `sverka check` reports.
 *
 * Over an aligned document pair (an sv_bitext from pipeline.h, aligned
 * with unlinked sentences listed):
 *   number-mismatch  an aligned pair of sentences whose numbers disagree
 *                    once normalised (numbers.h): "RUB8.5 billion" against
 *                    "8,4 млрд российских рублей".  A number of one side is
 *                    paired with a number of the same class on the other
 *                    (amounts, years, ordinals, percentages, multipliers,
 *                    dates, times of day) that no equal number explains.
 *                    Unlinked sentences next to the pair are searched too,
 *                    since two agencies often split a sentence differently
 *                    and the aligner may leave the second half unlinked.
 *                    Measurements in imperial units ("6 feet", "70F") are
 *                    not compared: translations convert them.
 *   quote-missing    a quotation (quotes.h) of one side whose sentences are
 *                    unlinked, or linked to sentences that neither quote
 *                    nor report speech ("по его словам", "said that").
 *   name-mismatch    a proper name in one side of an aligned pair with no
 *                    counterpart on the other: no similar name key across
 *                    scripts (names.h), no word sharing its stem
 *                    (Voronezh ~ воронежский), and no dictionary
 *                    translation (Germany ~ Германия) when a lexicon is
 *                    given.
 * Over a TMX file or a translation memory (store.h):
 *   tm-inconsistency the same source segment translated differently, or the
 *                    same translation given for different sources (texts
 *                    compared with inline codes removed and white space
 *                    collapsed).
 * docs/design.md ("Consistency checks") has the rules and the figures
 * measured on NTREX.
 */
#ifndef SV_QA_H
#define SV_QA_H

#include <stddef.h>

#include "../align/lexicon.h"
#include "../align/pipeline.h"
#include "../base/status.h"
#include "store.h"

typedef enum {
    SV_QA_NUMBER_MISMATCH = 0,
    SV_QA_QUOTE_MISSING,
    SV_QA_NAME_MISMATCH,
    SV_QA_TM_INCONSISTENCY
} sv_qa_kind;

#define SV_QA_NKINDS 4

/* "number-mismatch", "quote-missing", "name-mismatch", "tm-inconsistency" */
const char *sv_qa_kind_name(sv_qa_kind k);
/* Parses a kind name (or "numbers", "quotes", "names", "tm"); -1 if unknown. */
int sv_qa_kind_parse(const char *s, sv_qa_kind *out);

typedef struct {
    size_t start, end;
} sv_qa_span;

/* One side of a finding.  Strings are owned by the findings list. */
typedef struct {
    int present;           /* 0: nothing on this side (a quotation with no counterpart) */
    char *file;            /* document or TMX file */
    size_t line;           /* 1-based line of the text's start (TMX: of the <tu>); 0 unknown */
    int has_span;          /* start/end are byte offsets in the document text */
    size_t start, end;
    char *text;            /* the sentences or quotation concerned */
    char **values;         /* the numbers or names concerned, as written */
    size_t nvalues;
    sv_qa_span *marks;     /* their byte spans in the document (nmarks == nvalues or 0) */
    size_t nmarks;
    size_t sent_first;     /* sentences [sent_first, +nsent) of the document; nsent 0: none */
    size_t nsent;
} sv_qa_side;

typedef struct {
    sv_qa_kind kind;
    sv_qa_side src, tgt;
    char *message;         /* a short explanation in English */
    double score;          /* confidence of the alignment link concerned, < 0: none */
} sv_qa_finding;

typedef struct {
    sv_qa_finding *v;
    size_t n, cap;
    size_t by_kind[SV_QA_NKINDS];
} sv_qa_findings;

#define SV_QA_FINDINGS_INIT {NULL, 0, 0, {0, 0, 0, 0}}

/* Frees every finding's contents and empties the list (it may be reused). */
void sv_qa_findings_free(sv_qa_findings *f);

/* Bit for a kind in sv_qa_opts.checks. */
#define SV_QA_CHECK(kind) (1u << (kind))

typedef struct {
    unsigned checks;          /* SV_QA_CHECK bits; default numbers, quotes, names and tm */
    double min_score;         /* links scored below are treated as unlinked; default 0.3 */
    int absent_numbers;       /* also report a number found on one side only; default 0 */
    double name_similarity;   /* name keys this similar match (names.h); default 0.8 */
    int neighbours;           /* unlinked sentences searched on each side of a link; default 2 */
    const sv_lexicon *lexicon; /* borrowed: dictionary translations excuse names; NULL: none */
    const char *srclang;      /* TMX/TM: language prefixes of the two sides; default en, ru */
    const char *tgtlang;
} sv_qa_opts;

void sv_qa_opts_init(sv_qa_opts *o);

/* A checker holds the number scanner, the names object (an ICU
 * transliterator) and, with a lexicon, hunspell: about 25 MB and 0.2 s to
 * make.  Not thread-safe: one per thread. */
typedef struct sv_qa sv_qa;

/* Borrows opts' lexicon for the checker's life.  *out: caller frees with
 * sv_qa_free. */
sv_status sv_qa_new(const sv_qa_opts *opts, sv_qa **out, sv_diags *diags);
void sv_qa_free(sv_qa *q);

/* Checks an aligned document pair (b aligned with unlinked sentences
 * listed: sv_pipeline_align(..., all = 1, ...)); one side must be English
 * and the other Russian.  Appends findings to *out in document order of
 * the source (numbers and names per link, then quotations of the source,
 * then of the target).  Borrows b for the call. */
sv_status sv_qa_check_bitext(sv_qa *q, const sv_bitext *b, sv_qa_findings *out,
                             sv_diags *diags);

/* Checks a TMX file for tm-inconsistency: two passes over the file, memory
 * proportional to the number of distinct segments (about 40 bytes each),
 * not to their length.  Findings name the <tu> lines.  Standard input
 * ("-") is refused (SV_ERR_ARG). */
sv_status sv_qa_check_tmx(sv_qa *q, const char *path, sv_qa_findings *out, sv_diags *diags);

/* The same over a translation memory (units in import order); name (the
 * database's path, may be NULL) is the file named in findings, whose
 * lines are 0 (the message gives the units' tuids). */
sv_status sv_qa_check_tm(sv_qa *q, sv_tm *tm, const char *name, sv_qa_findings *out,
                         sv_diags *diags);

#endif
