/* glossfile.h - writing glossaries: TBX, TSV for OmegaT, CSV.
 *
 *   TBX  TBX-Basic, the TermBase eXchange dialect memoQ, Trados MultiTerm
 *        (through its converters) and OmegaT import.  Version 2 (default,
 *        ISO 30042:2008, the form those tools read): <martif
 *        type="TBX-Basic-V1">, one <termEntry> per entry, a <langSet
 *        xml:lang> per language, <tig> with <term>, <termNote
 *        type="partOfSpeech">properNoun</termNote> and the example sentence
 *        as <descrip type="context">; the kind as <descrip
 *        type="subjectField">, counts and forms as <note>.  Version 3
 *        (ISO 30042:2019, TBX-Basic DCA): the same with <tbx>,
 *        <conceptEntry>, <langSec>, <termSec>, in the TBX namespace.
 *   TSV  source<TAB>target<TAB>comment, one entry per line, UTF-8 without
 *        a BOM: OmegaT's glossary format (files ending in .txt, .utf8 or
 *        .tab in a project's glossary/ folder).  The comment gives the kind,
 *        the count, the confidence and the forms seen.
 *   CSV  RFC 4180 (fields quoted when needed, CRLF line ends), a header
 *        line, then every field of an entry: for spreadsheets and scripts.
 *
 * The source column or first language is English unless ru_source is set.
 * Every string is cleaned for XML (tmx.h, sv_tmx_clean_append); tabs and
 * line breaks inside TSV fields become spaces.  The output is written
 * atomically (fileio.h).  docs/formats.md describes each format.
 */
#ifndef SV_GLOSSFILE_H
#define SV_GLOSSFILE_H

#include <stddef.h>

#include "../base/buf.h"
#include "../base/status.h"
#include "glossary.h"

typedef enum { SV_GLOSS_TSV = 0, SV_GLOSS_CSV, SV_GLOSS_TBX } sv_gloss_format;

/* Parses "tsv", "csv", "tbx"; returns -1 for anything else. */
int sv_glossfile_format_parse(const char *s, sv_gloss_format *out);
/* The format a file name asks for: .tbx -> TBX, .csv -> CSV, .tsv .txt
 * .tab .utf8 -> TSV; anything else dflt. */
sv_gloss_format sv_glossfile_format_for(const char *path, sv_gloss_format dflt);

typedef struct {
    sv_gloss_format format;
    int ru_source;          /* 1: Russian first (source column, first language) */
    int tbx_version;        /* 2 (default) or 3 */
    const char *en_tag;     /* language tags; default "en" and "ru" */
    const char *ru_tag;
    const char *title;      /* TBX title; default "sverka glossary" */
    const char *source_desc; /* TBX <sourceDesc> text, e.g. the inputs; NULL: none */
} sv_glossfile_opts;

void sv_glossfile_opts_init(sv_glossfile_opts *o);

/* Appends the glossary of n entries (v, borrowed) to out in the format
 * asked for.  SV_ERR_XML if libxml2 fails. */
sv_status sv_glossfile_format_buf(const sv_gloss_entry *v, size_t n, const sv_glossfile_opts *o,
                                  sv_buf *out, sv_diags *diags);

/* Writes it to path ("-" = standard output), atomically. */
sv_status sv_glossfile_write(const sv_gloss_entry *v, size_t n, const char *path,
                             const sv_glossfile_opts *o, sv_diags *diags);

#endif
