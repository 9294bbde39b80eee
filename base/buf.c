/* buf.c - growable byte buffer used for every string sverka builds. */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "utf8.h"

void sv_buf_reserve(sv_buf *b, size_t extra)
{
    sv_grow(&b->ptr, &b->cap, b->len + extra + 1, 1);
}

void sv_buf_append(sv_buf *b, const char *s, size_t len)
{
    sv_buf_reserve(b, len);
    if (len)
        memcpy(b->ptr + b->len, s, len);
    b->len += len;
    b->ptr[b->len] = '\0';
}

void sv_buf_puts(sv_buf *b, const char *s)
{
    sv_buf_append(b, s, strlen(s));
}

void sv_buf_putc(sv_buf *b, char c)
{
    sv_buf_reserve(b, 1);
    b->ptr[b->len++] = c;
    b->ptr[b->len] = '\0';
}

void sv_buf_vprintf(sv_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n <= 0)
        return;
    sv_buf_reserve(b, (size_t)n);
    vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void sv_buf_printf(sv_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sv_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void sv_buf_put_cp(sv_buf *b, unsigned cp)
{
    char tmp[4];
    size_t n = sv_utf8_encode(cp, tmp);
    sv_buf_append(b, tmp, n);
}

void sv_buf_put_json(sv_buf *b, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    sv_buf_reserve(b, len + 2);
    sv_buf_putc(b, '"');
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            size_t adv;
            long cp = sv_utf8_decode(s + i, len - i, &adv);
            if (cp < 0) {
                sv_buf_append(b, "\xEF\xBF\xBD", 3);
                i += adv;
                continue;
            }
            if (cp == 0x2028 || cp == 0x2029) /* valid JSON, but not in JS */
                sv_buf_printf(b, "\\u%04lx", (unsigned long)cp);
            else
                sv_buf_append(b, s + i, adv);
            i += adv;
            continue;
        }
        switch (c) {
        case '"': sv_buf_append(b, "\\\"", 2); break;
        case '\\': sv_buf_append(b, "\\\\", 2); break;
        case '\n': sv_buf_append(b, "\\n", 2); break;
        case '\r': sv_buf_append(b, "\\r", 2); break;
        case '\t': sv_buf_append(b, "\\t", 2); break;
        default:
            if (c < 0x20) {
                char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                sv_buf_append(b, e, 6);
            } else {
                sv_buf_putc(b, (char)c);
            }
        }
        i++;
    }
    sv_buf_putc(b, '"');
}

void sv_buf_reset(sv_buf *b)
{
    b->len = 0;
    if (b->ptr)
        b->ptr[0] = '\0';
}

char *sv_buf_detach(sv_buf *b, size_t *len)
{
    char *p = b->ptr ? b->ptr : xstrdup("");
    if (len)
        *len = b->len;
    b->ptr = NULL;
    b->len = b->cap = 0;
    return p;
}

void sv_buf_free(sv_buf *b)
{
    free(b->ptr);
    b->ptr = NULL;
    b->len = b->cap = 0;
}

const char *sv_buf_cstr(const sv_buf *b)
{
    return b->ptr ? b->ptr : "";
}
