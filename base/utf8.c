/* utf8.c - the gate every byte passes before sverka treats it as text. */
#include "utf8.h"

#include "mem.h"

#include <string.h>

long sv_utf8_decode(const char *str, size_t len, size_t *adv)
{
    const unsigned char *s = (const unsigned char *)str;
    unsigned c = s[0];
    if (c < 0x80) {
        *adv = 1;
        return (long)c;
    }
    size_t need;
    unsigned long cp;
    unsigned lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        cp = c & 0x0F;
        if (c == 0xE0)
            lo = 0xA0; /* overlong */
        else if (c == 0xED)
            hi = 0x9F; /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        cp = c & 0x07;
        if (c == 0xF0)
            lo = 0x90; /* overlong */
        else if (c == 0xF4)
            hi = 0x8F; /* above U+10FFFF */
    } else {
        *adv = 1;
        return -1;
    }
    size_t i = 1;
    for (; i <= need; i++) {
        if (i >= len) {
            *adv = i;
            return -1;
        }
        unsigned b = s[i];
        unsigned l = i == 1 ? lo : 0x80, h = i == 1 ? hi : 0xBF;
        if (b < l || b > h) {
            *adv = i;
            return -1;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    *adv = need + 1;
    return (long)cp;
}

size_t sv_utf8_encode(unsigned cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t sv_utf8_validate(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        /* ASCII fast path, 8 bytes at a time */
        while (i + 8 <= len) {
            unsigned long long w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ULL)
                break;
            i += 8;
        }
        if (i >= len)
            break;
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        size_t adv;
        if (sv_utf8_decode(s + i, len - i, &adv) < 0)
            return i;
        i += adv;
    }
    return len;
}

size_t sv_utf8_repair(const char *s, size_t len, char **out, size_t *out_len,
                      sv_utf8_bad_fn bad, void *ctx)
{
    size_t first = sv_utf8_validate(s, len);
    if (first == len) {
        *out = xstrndup(s, len);
        *out_len = len;
        return 0;
    }
    /* Worst case: every byte becomes a 3-byte U+FFFD. */
    size_t cap = len + 1;
    char *o = xmalloc(cap);
    size_t n = 0, nbad = 0, i = 0;
    memcpy(o, s, first);
    n = i = first;
    while (i < len) {
        size_t adv;
        long cp = sv_utf8_decode(s + i, len - i, &adv);
        if (cp >= 0) {
            if (n + adv + 1 > cap) {
                cap = cap * 2 + adv;
                o = xrealloc(o, cap);
            }
            memcpy(o + n, s + i, adv);
            n += adv;
        } else {
            if (n + 4 > cap) {
                cap = cap * 2 + 4;
                o = xrealloc(o, cap);
            }
            memcpy(o + n, "\xEF\xBF\xBD", 3);
            n += 3;
            nbad++;
            if (bad)
                bad(ctx, i, adv);
        }
        i += adv;
    }
    o[n] = '\0';
    *out = o;
    *out_len = n;
    return nbad;
}

size_t sv_utf8_count(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

int sv_xml_char_ok(unsigned long cp)
{
    return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
           (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

int sv_is_space(unsigned long cp)
{
    return cp == ' ' || (cp >= 0x9 && cp <= 0xD) || cp == 0x85 || cp == 0xA0 ||
           cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
           cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}
