/* report.h - findings of the consistency checks (qa.h) as text, JSON or a
 * self-contained HTML page.
 *
 *   text  one block per finding: "FILE:LINE: kind: message", then the two
 *         texts; a summary line at the end.
 *   json  {"findings":[{...}, ...], "counts":{...}}: every field of a
 *         finding (docs/formats.md, "sverka check").
 *   html  the two documents side by side, one aligned link per row,
 *         unlinked sentences on rows of their own, links coloured by
 *         confidence, the findings listed at the top and highlighted in
 *         the texts (the differing numbers and names marked).  Inline CSS,
 *         no script, no external resource; rows are rendered lazily by the
 *         browser (content-visibility), so 10,000-sentence documents stay
 *         usable.  Without a bitext (TM checks) only the findings.
 * Everything written is escaped for its format; output goes to a stream
 * the caller opened (through sv_out, fileio.h).
 */
#ifndef SV_REPORT_H
#define SV_REPORT_H

#include <stdio.h>

#include "../align/pipeline.h"
#include "qa.h"

typedef enum { SV_REPORT_TEXT = 0, SV_REPORT_JSON, SV_REPORT_HTML } sv_report_format;

/* Parses "text", "json", "html"; returns -1 for anything else. */
int sv_report_format_parse(const char *s, sv_report_format *out);

typedef struct {
    sv_report_format format;
    const char *title;  /* HTML page title; NULL: "sverka check: SOURCE / TARGET" */
    double min_score;   /* links scored below were treated as unlinked (shown so) */
} sv_report_opts;

void sv_report_opts_init(sv_report_opts *o);

/* Writes the findings f (borrowed) to out.  b (borrowed, may be NULL) is
 * the checked document pair: the HTML page shows it; text and JSON do not
 * need it. */
void sv_report_write(FILE *out, const sv_qa_findings *f, const sv_bitext *b,
                     const sv_report_opts *o);

#endif
