/* align.h - sentence alignment of an English and a Russian document.
 *
 * The model (docs/design.md has the maths): a path of beads through the two
 * sentence lists, where a bead links 1-1, 1-2, 2-1, 2-2 (and 1-3, 3-1)
 * sentences or leaves one sentence unlinked (1-0, 0-1).  A linked bead
 * scores the log-odds that its sentences translate each other, from
 * evidence: Gale-Church length fit, dictionary coverage (lexicon.h),
 * numbers (numbers.h), names across scripts (names.h), tokens written the
 * same in both languages, paragraph and headline structure.  Bead-type
 * priors are re-estimated on the document pair itself, so a translation
 * (few omissions) and two agencies' reports of one event (many) are both
 * handled.  The best path is found by dynamic programming, in a band
 * around a coarse path for long inputs so that time and memory grow
 * linearly; each link's score is its posterior probability under the
 * model (forward-backward), calibrated to behave like a probability.
 */
#ifndef SV_ALIGN_H
#define SV_ALIGN_H

#include <stddef.h>
#include <stdint.h>

#include "../base/status.h"
#include "lang.h"
#include "segment.h"

typedef struct sv_lexicon sv_lexicon;

typedef struct {
    const sv_lexicon *lexicon; /* borrowed; NULL: no dictionary evidence */
    int max_merge;             /* longest side of a bead: 2 (2-2) or 3 (also 1-3, 3-1); default 3 */
    int use_paragraphs;        /* paragraph boundaries as soft evidence; default 1 */
    int include_boilerplate;   /* align boilerplate sentences too; default 0 */
    size_t full_dp_cells;      /* plain DP up to this many cells; beyond, coarse-to-fine */
    size_t band;               /* half-width of the band at each finer level; default 4 */
    int threads;               /* threads for long inputs (0 or 1: none); default 1 */
    size_t chunk_rows;         /* sentences per chunk of the finest levels; default 4096 */
    const char *weights;       /* model fitting only: "name=value,..." overriding fitted
                                  weights (names: sv_align_feature_name); NULL: none */
} sv_align_opts;

void sv_align_opts_init(sv_align_opts *o);

/* One link: consecutive sentences of each side (indices into the arrays
 * given to sv_align).  A 1-0 or 0-1 bead has n == 0 on one side and is
 * reported only by sv_align_all. */
typedef struct {
    size_t src, nsrc;
    size_t tgt, ntgt;
    double score; /* probability that the link is right, [0,1] */
} sv_link;

/* "1-1", "2-1", ... for a link (static string). */
const char *sv_link_bead(const sv_link *l);

/* An aligner holds per-thread evidence state (stemmer caches,
 * transliterators, number scanners).  Not thread-safe: one per thread; the
 * lexicon may be shared. */
typedef struct sv_aligner sv_aligner;

sv_status sv_aligner_new(const sv_align_opts *opts, sv_aligner **out, sv_diags *diags);
void sv_aligner_free(sv_aligner *a);

/* Aligns src (in slang) with tgt (in tlang); one of the languages must be
 * English and the other Russian.  *links (caller frees) gets the linked
 * beads in order; with all != 0 the unlinked sentences come too, as 1-0 and
 * 0-1 entries (score: probability that leaving them unlinked is right).
 * The sentence arrays are borrowed for the call only. */
sv_status sv_align(sv_aligner *a, const sv_sentence *src, size_t nsrc, sv_lang slang,
                   const sv_sentence *tgt, size_t ntgt, sv_lang tlang, int all,
                   sv_link **links, size_t *nlinks, sv_diags *diags);

/* For fitting the model (tools/fit-align.py): appends to *out (an sv_buf,
 * see base/buf.h) a header line of feature names and one tab-separated
 * line per candidate linked bead near the diagonal:
 *   src_first nsrc tgt_first ntgt src_start src_end tgt_start tgt_end f1 f2 ...
 * (sentence indices into the given arrays, byte spans in the documents).
 * Source and target must be English and Russian, in either order; the
 * feature columns always describe the English side first. */
sv_status sv_align_dump_features(sv_aligner *a, const sv_sentence *src, size_t nsrc,
                                 sv_lang slang, const sv_sentence *tgt, size_t ntgt,
                                 sv_lang tlang, void *out, sv_diags *diags);

/* The names of the model's features (in the order of sv_align_dump_features'
 * columns), i from 0; NULL past the last. */
const char *sv_align_feature_name(int i);

/* Statistics of the last sv_align call, for --verbose and benchmarks. */
typedef struct {
    size_t cells;         /* DP cells evaluated at the finest level */
    int levels;           /* 1 = plain DP */
    double prior_skip;    /* re-estimated probability of a 1-0/0-1 bead */
    int iterations;       /* prior re-estimation rounds */
    double evidence_s;    /* seconds spent extracting evidence (names, numbers, lemmas) */
    double dp_s;          /* seconds spent in the dynamic programme */
} sv_align_stats;

void sv_aligner_stats(const sv_aligner *a, sv_align_stats *out);

#endif
