/* pipeline.h - from two files (or two texts) to aligned sentences.
 *
 * Loads both documents, tells their languages from the script (unless
 * given), splits them into sentences and aligns them: what 'sverka align',
 * 'batch', 'check' and 'glossary' all begin with.  A pipeline holds the
 * per-thread objects (segmenter, aligner); the lexicon it borrows may be
 * shared by many pipelines.
 */
#ifndef SV_PIPELINE_H
#define SV_PIPELINE_H

#include <stddef.h>

#include "../base/status.h"
#include "align.h"
#include "lang.h"
#include "segment.h"
#include "text.h"

typedef struct {
    sv_load_opts load;
    sv_segment_opts segment;
    sv_align_opts align;
    sv_lang src_lang, tgt_lang; /* SV_LANG_UNKNOWN: detect */
    int lean;                   /* release each document's paragraph index once it is
                                   segmented (sv_doc_release_index): less memory for
                                   callers that need only sentences; default 0 */
} sv_pipeline_opts;

void sv_pipeline_opts_init(sv_pipeline_opts *o);

/* One side of a bitext. */
typedef struct {
    sv_doc *doc;
    sv_segs *segs;
    sv_lang lang;
} sv_side;

/* Two documents and their links (see align.h for sv_link). */
typedef struct {
    sv_side src, tgt;
    sv_link *links;
    size_t nlinks;
} sv_bitext;

void sv_bitext_free(sv_bitext *b); /* frees the contents; b itself is the caller's */

typedef struct sv_pipeline sv_pipeline;

/* Borrows opts' pointers (lexicon, SRX) for the pipeline's lifetime.
 * *out: caller frees with sv_pipeline_free. */
sv_status sv_pipeline_new(const sv_pipeline_opts *opts, sv_pipeline **out, sv_diags *diags);
void sv_pipeline_free(sv_pipeline *p);

/* Loads and segments one document; lang SV_LANG_UNKNOWN: detect (an
 * error if neither English nor Russian). */
sv_status sv_pipeline_load(sv_pipeline *p, const char *path, const char *data, size_t len,
                           sv_lang lang, sv_side *out, sv_diags *diags);

/* Loads and segments both documents of a pair (data NULL: files), the two
 * at once on two threads when the options allow more than one thread
 * (align.threads > 1) and the input is large; diagnostics come in the same
 * order either way (the source's first).  On failure out holds nothing. */
sv_status sv_pipeline_load_pair(sv_pipeline *p, const char *src_path, const char *src_data,
                                size_t src_len, const char *tgt_path, const char *tgt_data,
                                size_t tgt_len, sv_bitext *out, sv_diags *diags);

/* Aligns two loaded sides; with all != 0 unlinked sentences are listed
 * too.  The sides' languages must differ (English and Russian). */
sv_status sv_pipeline_align(sv_pipeline *p, sv_bitext *b, int all, sv_diags *diags);

/* Both steps for two files (data == NULL) or two texts in memory (then
 * src_path and tgt_path are the names used in diagnostics). */
sv_status sv_pipeline_run(sv_pipeline *p, const char *src_path, const char *src_data,
                          size_t src_len, const char *tgt_path, const char *tgt_data,
                          size_t tgt_len, int all, sv_bitext *out, sv_diags *diags);

/* The aligner inside (for its statistics). */
sv_aligner *sv_pipeline_aligner(sv_pipeline *p);

#endif
