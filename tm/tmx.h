/* tmx.h - reading and writing TMX (Translation Memory eXchange) files.
 *
 * The writer produces TMX 1.4b that CAT tools accept (OmegaT, memoQ, Trados,
 * Wordfast, Translate Toolkit): a DOCTYPE naming tmx14.dtd, a header with
 * all seven required attributes, one <tu> per translation unit with a
 * unique tuid, one <tuv xml:lang> per language, and sverka's own data as
 * <prop type="x-sverka-...">.  Every string is cleaned before it is
 * written (valid UTF-8, XML 1.0 characters only: libxml2 would otherwise
 * write control characters and broken UTF-8 raw and report success), and
 * the file is written to a temporary name and renamed at the end.
 *
 * The reader streams TMX 1.1 to 1.4 in constant memory (libxml2's
 * xmlTextReader, one <tu> at a time), picks the two languages asked for by
 * prefix ("en" matches en, en-GB, EN-US, en_US), and keeps inline markup.
 * Hostile XML is refused: no DTD loading, no network, no entity
 * expansion, a DOCTYPE with declarations (entities) is rejected before
 * parsing.  docs/formats.md describes the file written, attribute by
 * attribute.
 *
 * Inline markup.  In a segment's text, each inline element of TMX
 * (bpt ept ph it hi ut) is replaced by one marker character, a Unicode
 * noncharacter that cannot occur in real text:
 *     SV_TMX_MARK_OPEN  U+FDD0  bpt, it pos="begin", start of hi
 *     SV_TMX_MARK_CLOSE U+FDD1  ept, it pos="end", end of hi
 *     SV_TMX_MARK_ALONE U+FDD2  ph, ut, it without pos
 * The text of the codes themselves (native markup, <sub> flows) is not in
 * the text.  The segment's full inline markup is kept separately, as the
 * XML between <seg> and </seg> ("xml" below, NULL for a segment without
 * inline elements), so that writing it back loses nothing.
 * sv_tmx_text_render turns markers into readable {1} {/1} {2/} tags or
 * removes them.
 */
#ifndef SV_TMX_H
#define SV_TMX_H

#include <stddef.h>

#include "../base/buf.h"
#include "../base/status.h"

#define SV_TMX_MARK_OPEN 0xFDD0u
#define SV_TMX_MARK_CLOSE 0xFDD1u
#define SV_TMX_MARK_ALONE 0xFDD2u
/* The markers' UTF-8 encodings all start with these two bytes. */
#define SV_TMX_MARK_LEAD "\xEF\xB7"

/* Is cp one of the three marker characters? */
int sv_tmx_is_marker(unsigned long cp);

/* ---- shared pieces ------------------------------------------------- */

/* An attribute (name, value), a <prop> (name = its type, value = its
 * text, lang = its xml:lang or NULL) or a <note> (name NULL, value = its
 * text, lang = its xml:lang or NULL). */
typedef struct {
    const char *name;
    const char *value;
    const char *lang;
} sv_tmx_item;

/* Everything about a <tu>, a <tuv> or the <header> that has no field of
 * its own: other attributes, props and notes, in document order. */
typedef struct {
    const sv_tmx_item *attrs;
    size_t nattrs;
    const sv_tmx_item *props;
    size_t nprops;
    const sv_tmx_item *notes;
    size_t nnotes;
} sv_tmx_extra;

/* One translation unit, as read and as written.  Texts are UTF-8 with
 * explicit lengths; strings are NUL-terminated. */
typedef struct {
    const char *tuid;        /* NULL: the writer numbers TUs 1, 2, ... */
    const char *src;         /* source text, inline codes as markers */
    size_t src_len;
    const char *tgt;
    size_t tgt_len;
    const char *src_xml;     /* inline markup of the source <seg>, or NULL */
    size_t src_xml_len;
    const char *tgt_xml;
    size_t tgt_xml_len;
    const char *srclang;     /* language tags; NULL: the header's */
    const char *tgtlang;
    double score;            /* alignment score, < 0: none (x-sverka-score) */
    const char *bead;        /* "1-1", "2-1", ... or NULL (x-sverka-bead) */
    const char *srcdoc;      /* source documents or NULL (x-sverka-srcdoc, */
    const char *tgtdoc;      /* x-sverka-tgtdoc); written only when they
                                differ from the header's */
    const char *note;        /* a <note>, or NULL (writer only) */
    sv_tmx_extra tu;         /* other attributes, props, notes of the <tu> */
    sv_tmx_extra src_extra;  /* ... of the source <tuv> */
    sv_tmx_extra tgt_extra;  /* ... of the target <tuv> */
    /* Filled by the reader, ignored by the writer: */
    const char *date;        /* newest valid creationdate/changedate of the
                                TU and its two tuvs, YYYYMMDDThhmmssZ, or NULL */
    size_t line;             /* line of the <tu> start tag */
    size_t index;            /* 0-based position of the <tu> in the file */
} sv_tu;

/* Sets every field of *tu to "absent" (NULLs, score -1). */
void sv_tu_init(sv_tu *tu);

/* ---- dates --------------------------------------------------------- */

/* Parses a date for the header: TMX form YYYYMMDDThhmmssZ, ISO 8601
 * (2024-03-12, 2024-03-12T10:00:00Z) or @EPOCH-SECONDS, into TMX form
 * (out gets 17 bytes with the NUL).  Returns 0, or -1 for anything else. */
int sv_tmx_date_parse(const char *in, char out[17]);

/* The date to write when none is given: $SOURCE_DATE_EPOCH when set (so
 * builds are reproducible), else the current time, in UTC.  A malformed
 * SOURCE_DATE_EPOCH gives SV_ERR_ARG with a diagnostic. */
sv_status sv_tmx_date_default(char out[17], sv_diags *diags);

/* Is s a well-formed TMX date (YYYYMMDDThhmmssZ with plausible fields)? */
int sv_tmx_date_ok(const char *s);

/* ---- writer -------------------------------------------------------- */

typedef struct {
    const char *srclang, *tgtlang; /* tags written; default "en-US", "ru-RU" */
    const char *creationdate;      /* YYYYMMDDThhmmssZ; NULL: sv_tmx_date_default */
    const char *datatype;          /* default "plaintext" */
    const char *adminlang;         /* default "en-US" */
    const char *o_tmf;             /* default "sverka" */
    const char *segtype;           /* default "sentence" */
    const char *srcdoc, *tgtdoc;   /* provenance props of the header, may be NULL */
    const char *note;              /* a header <note>, may be NULL */
    int indent;                    /* 1 (default): one element per line */
} sv_tmx_header;

/* Fills *h with the defaults above. */
void sv_tmx_header_init(sv_tmx_header *h);

typedef struct sv_tmx_writer sv_tmx_writer;

/* Starts a TMX file at path ("-" = standard output) through sv_out: the
 * file appears only when sv_tmx_writer_close succeeds.  Borrows h only
 * during the call.  On success *w is set (finish with _close or _abort). */
sv_status sv_tmx_writer_open(const char *path, const sv_tmx_header *h, sv_tmx_writer **w,
                             sv_diags *diags);

/* The same, appending the document to *out (tests, fuzzing); out is
 * borrowed and must outlive the writer. */
sv_status sv_tmx_writer_open_buf(sv_buf *out, const sv_tmx_header *h, sv_tmx_writer **w,
                                 sv_diags *diags);

/* Writes one <tu>.  Borrows tu during the call.  Strings are cleaned
 * (invalid UTF-8 -> U+FFFD, characters XML 1.0 forbids dropped, with a
 * warning naming the tuid); a side with xml set is written from its
 * markup (re-parsed and re-emitted, elements and attributes the TMX DTD
 * does not allow there dropped), else from its text, markers removed.
 * A tuid already written gets a suffix (".2", ".3", ...) so tuids stay
 * unique.  Empty segments are refused with SV_ERR_ARG (nothing written). */
sv_status sv_tmx_write_tu(sv_tmx_writer *w, const sv_tu *tu, sv_diags *diags);

/* Number of <tu> written so far. */
size_t sv_tmx_writer_count(const sv_tmx_writer *w);

/* Ends the document, flushes, and renames the file into place; frees w
 * whatever the outcome.  On any earlier or current error the target is
 * left untouched and an error is returned. */
sv_status sv_tmx_writer_close(sv_tmx_writer *w, sv_diags *diags);

/* Discards the output and frees w; NULL is a no-op. */
void sv_tmx_writer_abort(sv_tmx_writer *w);

/* ---- reader -------------------------------------------------------- */

typedef struct {
    const char *srclang;  /* language prefix read as the source; default "en" */
    const char *tgtlang;  /* default "ru" */
    size_t max_tu_bytes;  /* a larger <tu> is skipped with a warning; default 16 MiB */
} sv_tmx_read_opts;

void sv_tmx_read_opts_init(sv_tmx_read_opts *o);

/* What the header said; strings borrowed from the reader, NULL when
 * absent.  srcdoc/tgtdoc come from x-sverka-srcdoc/-tgtdoc header props. */
typedef struct {
    const char *version;    /* <tmx version> */
    const char *creationtool, *creationtoolversion, *segtype, *o_tmf, *adminlang;
    const char *srclang, *datatype, *creationdate;
    const char *srcdoc, *tgtdoc;
    sv_tmx_extra extra;     /* every header attribute, prop and note */
} sv_tmx_info;

/* Counts kept while reading. */
typedef struct {
    size_t tus;            /* <tu> elements seen */
    size_t returned;       /* TUs handed to the caller */
    size_t no_src;         /* skipped: no tuv in the source language */
    size_t no_tgt;         /* skipped: no tuv in the target language */
    size_t empty;          /* skipped: a segment empty or only white space */
    size_t too_big;        /* skipped: larger than max_tu_bytes */
    size_t repaired;       /* TUs whose text had forbidden characters replaced */
} sv_tmx_counts;

typedef struct sv_tmx_reader sv_tmx_reader;

/* Opens a TMX file ("-" = standard input) and reads up to the start of
 * <body>, so that the header is known.  UTF-8 and UTF-16 files (and any
 * encoding libxml2 knows from the XML declaration) are accepted.  Borrows
 * opts during the call (NULL: defaults).  On success *r is set (caller
 * frees with sv_tmx_reader_free). */
sv_status sv_tmx_reader_open(const char *path, const sv_tmx_read_opts *opts, sv_tmx_reader **r,
                             sv_diags *diags);

/* The same over a buffer; name is used in diagnostics.  data is borrowed
 * and must outlive the reader. */
sv_status sv_tmx_reader_open_mem(const char *name, const char *data, size_t len,
                                 const sv_tmx_read_opts *opts, sv_tmx_reader **r,
                                 sv_diags *diags);

/* The next TU that has both languages.  On SV_OK *tu points to a unit
 * owned by the reader and valid until the next call, or is NULL at the end
 * of the file.  Skipped TUs are counted (sv_tmx_reader_counts) and the
 * first few reported as warnings.  Malformed XML gives SV_ERR_INPUT with
 * the file and line; after an error the reader only returns that error. */
sv_status sv_tmx_reader_next(sv_tmx_reader *r, const sv_tu **tu, sv_diags *diags);

/* The header (borrowed, valid as long as the reader). */
const sv_tmx_info *sv_tmx_reader_info(const sv_tmx_reader *r);
const sv_tmx_counts *sv_tmx_reader_counts(const sv_tmx_reader *r);
/* Bytes of the file consumed so far (for progress lines). */
unsigned long long sv_tmx_reader_offset(const sv_tmx_reader *r);
/* The name given at open. */
const char *sv_tmx_reader_name(const sv_tmx_reader *r);

/* Frees the reader; NULL is a no-op. */
void sv_tmx_reader_free(sv_tmx_reader *r);

/* ---- helpers ------------------------------------------------------- */

/* Does language tag tag belong to the language asked for?  want "en"
 * matches "en", "EN-us", "en_GB"; want "en-GB" matches "en-gb" and
 * "en-GB-oxendict" but not "en-US".  Case-insensitive. */
int sv_tmx_lang_match(const char *want, const char *tag);

typedef enum {
    SV_TMX_RENDER_TAGS = 0, /* markers as {1} {/1} {2/}, numbered in order */
    SV_TMX_RENDER_STRIP     /* markers removed */
} sv_tmx_render;

/* Appends text to out with its markers rendered as asked. */
void sv_tmx_text_render(const char *text, size_t len, sv_tmx_render how, sv_buf *out);

/* Number of markers in text. */
size_t sv_tmx_marker_count(const char *text, size_t len);

/* Appends text to out as the writer cleans every string: invalid UTF-8
 * becomes U+FFFD, characters XML 1.0 forbids (C0 controls, U+FFFE/FFFF) are
 * dropped, and so are markers when strip_markers is set.  Returns the
 * number of changes (markers not counted).  Other XML writers (TBX) use it
 * too. */
size_t sv_tmx_clean_append(sv_buf *out, const char *s, size_t len, int strip_markers);

#endif
