/* text.h - a document: decoded text, split into paragraphs.
 *
 * The document's text is the input decoded to UTF-8 (see encoding.h); for
 * a valid UTF-8 file without a BOM it is the file itself, so byte offsets
 * are file offsets.  For HTML the text is the extracted article text, its
 * blocks separated by blank lines, and offsets refer to that text.
 *
 * Each paragraph has a span in the text and a normalised form used by all
 * later stages: any run of white space (NBSP, thin spaces, tabs, hard-wrap
 * line breaks) becomes one U+0020, soft hyphens and zero-width spaces are
 * dropped, control characters are dropped, decomposed й/ё are composed.
 * sv_doc_src_offset maps a position of the normalised form back to the text.
 *
 * Plain text: blank lines, form feeds and U+2029 separate paragraphs; a
 * line that starts with a list marker, and a short line of page furniture
 * ("Written by belta.by"), is a paragraph of its own.  Inside a block of
 * lines, a line break is a hard wrap (joined) or a paragraph end, decided
 * by the document's wrap width: a document with long lines is "one line
 * per paragraph"; a document wrapped at ~30-110 columns is joined unless
 * the next word would have fitted on the line.  docs/formats.md gives the
 * details, and the rules for headings and boilerplate.
 */
#ifndef SV_TEXT_H
#define SV_TEXT_H

#include <stddef.h>

#include "../base/status.h"

typedef enum { SV_INPUT_AUTO = 0, SV_INPUT_TEXT, SV_INPUT_HTML } sv_input_format;

/* The default limit on input size; larger files are refused (SV_ERR_LIMIT). */
#define SV_MAX_INPUT ((size_t)1 << 29) /* 512 MiB */
/* Documents with more paragraphs are refused (SV_ERR_LIMIT): each costs
 * about 200 bytes of memory, so a file of tiny paragraphs ("x.\n\n" over
 * and over) would otherwise need 50 times its size. */
#define SV_MAX_PARAS ((size_t)4000000)

typedef struct {
    sv_input_format format; /* AUTO: .html/.htm/.xhtml or sniffed markup means HTML */
    const char *encoding;   /* NULL: detect (see encoding.h) */
    size_t max_bytes;       /* SV_MAX_INPUT by default */
} sv_load_opts;

void sv_load_opts_init(sv_load_opts *o);

typedef enum {
    SV_PARA_BODY = 0,    /* running text */
    SV_PARA_HEADING,     /* a headline or subheading: one line, no final punctuation */
    SV_PARA_BOILERPLATE  /* web page furniture: breadcrumbs, "All news", dates, menus */
} sv_para_kind;

typedef struct {
    size_t start, end;   /* byte span in the document text, trimmed of white space */
    size_t line;         /* 1-based line of start (of the HTML source for pages) */
    sv_para_kind kind;
    const char *norm;    /* normalised text, norm_len bytes, not NUL-terminated; owned by
                            the document (a paragraph that needs no normalisation is
                            its own span of the document text) */
    size_t norm_len;
    size_t map_first;    /* private: this paragraph's slice of the offset map */
    size_t map_n;
    size_t norm_off;     /* private: offset in the normalised buffer, or SIZE_MAX */
} sv_para;

typedef struct sv_doc sv_doc;

/* Loads a file ("-" = standard input).  name in diagnostics is the path.
 * On success *out is set (caller frees with sv_doc_free).  Problems with
 * the input that were repaired are reported as warnings; a file that
 * cannot be used gives an error status and an SV_ERROR diagnostic. */
sv_status sv_doc_load_file(const char *path, const sv_load_opts *opts, sv_doc **out,
                           sv_diags *diags);

/* Same from memory; data is copied, name is used in diagnostics and for
 * the extension test of SV_INPUT_AUTO. */
sv_status sv_doc_load_mem(const char *name, const char *data, size_t len,
                          const sv_load_opts *opts, sv_doc **out, sv_diags *diags);

void sv_doc_free(sv_doc *d);

const char *sv_doc_name(const sv_doc *d);
/* The decoded text (NUL-terminated); *len may be NULL. */
const char *sv_doc_text(const sv_doc *d, size_t *len);
/* "UTF-8", "windows-1251", ... as read. */
const char *sv_doc_encoding(const sv_doc *d);
int sv_doc_is_html(const sv_doc *d);

size_t sv_doc_npara(const sv_doc *d);
const sv_para *sv_doc_para(const sv_doc *d, size_t i);

/* Maps byte offset off of paragraph p's normalised text to a byte offset in
 * the document text.  off == norm_len maps to just after the last byte. */
size_t sv_doc_src_offset(const sv_doc *d, const sv_para *p, size_t off);

/* 1-based line and column (in code points) of a text offset.  For HTML the
 * line is counted in the extracted text. */
void sv_doc_line_col(const sv_doc *d, size_t offset, size_t *line, size_t *col);

/* Frees the paragraph table, the offset map and the line index, keeping
 * the text (and the normalised text sentences point into): for callers
 * that, once the document is segmented, need only its sentences (the
 * aligner of very long inputs).  Afterwards sv_doc_npara returns 0, and
 * sv_doc_src_offset and sv_doc_line_col must not be called. */
void sv_doc_release_index(sv_doc *d);

/* Is this line page furniture ("Main / News / Republic", "All news",
 * "Follow us on:", a date or time alone, ...)?  Exposed for tests. */
int sv_text_is_boilerplate(const char *line, size_t len);

#endif
