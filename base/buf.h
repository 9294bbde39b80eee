/* buf.h - a growable byte buffer, always NUL-terminated.
 *
 *     sv_buf b = SV_BUF_INIT;
 *     sv_buf_puts(&b, "x = ");
 *     sv_buf_printf(&b, "%d", 42);
 *     char *s = sv_buf_detach(&b, NULL);   // caller now owns s
 */
#ifndef SV_BUF_H
#define SV_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct {
    char *ptr; /* NULL until the first append; then NUL-terminated */
    size_t len;
    size_t cap;
} sv_buf;

#define SV_BUF_INIT {NULL, 0, 0}

/* Makes room for at least extra more bytes (plus the NUL). */
void sv_buf_reserve(sv_buf *b, size_t extra);
void sv_buf_append(sv_buf *b, const char *s, size_t len);
void sv_buf_puts(sv_buf *b, const char *s);
void sv_buf_putc(sv_buf *b, char c);
void sv_buf_printf(sv_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sv_buf_vprintf(sv_buf *b, const char *fmt, va_list ap);
/* Appends the UTF-8 encoding of code point cp (must be valid). */
void sv_buf_put_cp(sv_buf *b, unsigned cp);
/* Appends s as a JSON string literal, quotes included.  Invalid UTF-8 is
 * written as U+FFFD so the output is always valid JSON. */
void sv_buf_put_json(sv_buf *b, const char *s, size_t len);
/* Empties the buffer, keeping its memory. */
void sv_buf_reset(sv_buf *b);
/* Returns the contents (an empty string if nothing was appended) and leaves
 * the buffer empty; the caller frees the result.  *len may be NULL. */
char *sv_buf_detach(sv_buf *b, size_t *len);
/* Frees the contents; the buffer may be reused. */
void sv_buf_free(sv_buf *b);
/* The contents as a C string ("" when empty); borrowed. */
const char *sv_buf_cstr(const sv_buf *b);

#endif
