/* encoding.h - turning the bytes of an input file into valid UTF-8.
 *
 * Order of decisions (see docs/formats.md):
 *   1. an encoding forced by the caller (--encoding) is used as given;
 *   2. a byte-order mark decides (UTF-8, UTF-16LE/BE, UTF-32LE/BE);
 *   3. valid UTF-8 is taken as UTF-8;
 *   4. UTF-16 without a BOM is recognised by its NUL bytes;
 *   5. text that is mostly UTF-8 with a few bad bytes is UTF-8 with repairs;
 *   6. otherwise ICU's charset detector chooses (windows-1251, KOI8-R, ...).
 * Every repaired byte sequence is reported as a warning with its byte
 * offset and line; a conversion from a legacy encoding is reported as a
 * note.  Nothing is ever replaced silently.
 */
#ifndef SV_ENCODING_H
#define SV_ENCODING_H

#include <stddef.h>

#include "../base/status.h"

typedef struct {
    char *text;           /* valid UTF-8, NUL-terminated, BOM removed; caller frees */
    size_t len;
    char encoding[32];    /* what the input was read as, e.g. "UTF-8", "windows-1251" */
    int detected;         /* 1 when the encoding was guessed (steps 4-6 above) */
    size_t bom_len;       /* bytes of byte-order mark skipped at the start */
    size_t replaced;      /* invalid sequences replaced by U+FFFD */
} sv_decoded;

/* Decodes len bytes of data.  name is used in diagnostics.  forced may be
 * NULL or an encoding name ICU knows ("cp1251", "koi8-r", "utf-16le", ...).
 * html_hint enables the detector's markup filter and is set when the input
 * is HTML.  Returns SV_ERR_ENCODING for an unknown forced encoding or a
 * binary file (NUL bytes in what is not UTF-16/32). */
sv_status sv_decode(const char *data, size_t len, const char *name, const char *forced,
                    int html_hint, sv_decoded *out, sv_diags *diags);

/* Looks for <meta charset=...> or http-equiv content="...charset=..." in
 * the first bytes of an HTML page; copies the name into buf and returns 1
 * when found. */
int sv_html_declared_charset(const char *data, size_t len, char *buf, size_t bufsize);

/* Is the named encoding one ICU can convert? */
int sv_encoding_known(const char *name);

#endif
