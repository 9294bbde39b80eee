/* bitext.h - writing aligned sentence pairs: TMX, TSV or JSON lines.
 *
 *   TSV    source<TAB>target<TAB>score, one link per line (tabs and line
 *          breaks inside texts become spaces);
 *   JSONL  one object per link: bead, score, and for each side the language,
 *          sentence indices, byte span and line in its document, and text;
 *          with 'all', unlinked sentences too (1-0 / 0-1, span null on the
 *          empty side);
 *   TMX    TMX 1.4b through tmx.h, one <tu> per link, score and bead as props.
 * docs/formats.md describes each field.
 */
#ifndef SV_BITEXT_H
#define SV_BITEXT_H

#include <stdio.h>

#include "../align/pipeline.h"
#include "../base/buf.h"
#include "../base/status.h"

typedef enum { SV_BITEXT_TSV = 0, SV_BITEXT_JSONL, SV_BITEXT_TMX } sv_bitext_format;

/* Parses "tsv", "jsonl", "tmx"; returns -1 for anything else. */
int sv_bitext_format_parse(const char *s, sv_bitext_format *out);
/* The format a file name asks for by its extension (.tmx, .jsonl, .tsv),
 * or dflt. */
sv_bitext_format sv_bitext_format_for(const char *path, sv_bitext_format dflt);

typedef struct {
    sv_bitext_format format;
    double min_score;     /* links scored below are skipped */
    int all;              /* JSONL: also the unlinked sentences */
    const char *id;       /* JSONL: an "id" member on every line (batch), or NULL */
    const char *src_tag;  /* TMX language tags; NULL: en-US / ru-RU by language */
    const char *tgt_tag;
    const char *date;     /* TMX creationdate (YYYYMMDDThhmmssZ); NULL: SOURCE_DATE_EPOCH or now */
} sv_bitext_write_opts;

void sv_bitext_write_opts_init(sv_bitext_write_opts *o);

/* Writes b to path ("-" = standard output), atomically. */
sv_status sv_bitext_write(const sv_bitext *b, const char *path, const sv_bitext_write_opts *o,
                          sv_diags *diags);

/* Appends the TSV or JSONL form of b to out (TMX is refused). */
sv_status sv_bitext_format_buf(const sv_bitext *b, const sv_bitext_write_opts *o, sv_buf *out,
                               sv_diags *diags);

/* The text of sentences [first, first+n) of a side, joined by spaces. */
void sv_bitext_side_text(const sv_side *s, size_t first, size_t n, sv_buf *out);

#endif
