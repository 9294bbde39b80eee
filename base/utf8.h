/* utf8.h - strict UTF-8 decoding, encoding, validation and repair.
 *
 * "Strict" means what RFC 3629 allows: no overlong forms, no surrogates
 * (U+D800..U+DFFF, so no CESU-8), nothing above U+10FFFF.  Text enters
 * sverka through sv_utf8_repair (or the document loader, which calls it),
 * so every later module may assume valid UTF-8.
 */
#ifndef SV_UTF8_H
#define SV_UTF8_H

#include <stddef.h>

/* Decodes the code point at s (len > 0 bytes available).  Returns it and
 * sets *adv to its length; on an invalid or truncated sequence returns -1
 * and sets *adv to the number of bytes to skip (at least 1), following the
 * W3C/WHATWG "maximal subpart" practice so that one bad byte costs one
 * replacement character. */
long sv_utf8_decode(const char *s, size_t len, size_t *adv);

/* Encodes cp (<= 0x10FFFF, not a surrogate) into out; returns 1..4. */
size_t sv_utf8_encode(unsigned cp, char out[4]);

/* Returns len if s is entirely valid UTF-8, else the offset of the first
 * invalid byte. */
size_t sv_utf8_validate(const char *s, size_t len);

/* Called by sv_utf8_repair for each invalid sequence: offset in the input
 * and its length in bytes. */
typedef void (*sv_utf8_bad_fn)(void *ctx, size_t offset, size_t len);

/* Copies s to a new NUL-terminated buffer, replacing every invalid
 * sequence by U+FFFD and reporting it through bad (may be NULL).
 * Returns the number of replacements; *out is set (caller frees) and
 * *out_len to its length. */
size_t sv_utf8_repair(const char *s, size_t len, char **out, size_t *out_len,
                      sv_utf8_bad_fn bad, void *ctx);

/* Number of code points in valid UTF-8 text. */
size_t sv_utf8_count(const char *s, size_t len);

/* Is cp allowed in an XML 1.0 document (the Char production)? */
int sv_xml_char_ok(unsigned long cp);

/* Unicode White_Space (incl. NBSP, U+2000..U+200A, U+202F, U+205F, U+3000). */
int sv_is_space(unsigned long cp);

#endif
