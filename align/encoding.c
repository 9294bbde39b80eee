/* encoding.c - byte input to valid UTF-8: BOMs, legacy Cyrillic encodings
 * through ICU's detector and converters, and reported repairs.  The first
 * stage of the pipeline: everything after it may assume valid UTF-8. */
#include "encoding.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>

#include "../base/mem.h"
#include "../base/utf8.h"

/* Warnings about individual bad sequences stop after this many; a summary
 * line gives the total. */
enum { MAX_BAD_REPORTS = 20 };

typedef struct {
    const char *name;
    const char *data; /* the bytes offsets refer to, for line numbers */
    sv_diags *diags;
    size_t reported, total;
    size_t line, line_pos; /* line number of line_pos, scanned incrementally */
} bad_ctx;

static size_t line_of(bad_ctx *c, size_t off)
{
    if (off < c->line_pos) {
        c->line = 1;
        c->line_pos = 0;
    }
    for (size_t i = c->line_pos; i < off; i++)
        c->line += c->data[i] == '\n';
    c->line_pos = off;
    return c->line;
}

static void report_bad(void *vctx, size_t off, size_t len)
{
    bad_ctx *c = vctx;
    c->total++;
    if (c->reported >= MAX_BAD_REPORTS)
        return;
    c->reported++;
    sv_diags_add(c->diags, SV_WARNING, c->name, line_of(c, off), 0, (long long)off,
                 "invalid UTF-8 (%zu byte%s 0x%02X...) at byte offset %zu replaced by U+FFFD",
                 len, len == 1 ? "" : "s", (unsigned char)c->data[off], off);
}

static void report_total(bad_ctx *c)
{
    if (c->total > c->reported)
        sv_diags_add(c->diags, SV_WARNING, c->name, 0, 0, -1,
                     "%zu invalid byte sequences replaced by U+FFFD in all (%zu shown)",
                     c->total, c->reported);
}

/* NUL bytes are not text: they become U+FFFD too, reported like bad UTF-8,
 * so that no later stage meets a NUL inside a C string. */
static char *replace_nuls(char *s, size_t *len, bad_ctx *c)
{
    if (!memchr(s, '\0', *len))
        return s;
    size_t nul = 0;
    for (size_t i = 0; i < *len; i++)
        nul += s[i] == '\0';
    char *o = xmalloc(*len + 2 * nul + 1);
    size_t n = 0;
    for (size_t i = 0; i < *len; i++) {
        if (s[i] == '\0') {
            c->total++;
            if (c->reported < MAX_BAD_REPORTS) {
                c->reported++;
                sv_diags_add(c->diags, SV_WARNING, c->name, 0, 0, (long long)i,
                             "NUL character at offset %zu replaced by U+FFFD", i);
            }
            memcpy(o + n, "\xEF\xBF\xBD", 3);
            n += 3;
        } else {
            o[n++] = s[i];
        }
    }
    o[n] = '\0';
    free(s);
    *len = n;
    return o;
}

int sv_encoding_known(const char *name)
{
    UErrorCode st = U_ZERO_ERROR;
    UConverter *cv = ucnv_open(name, &st);
    if (U_FAILURE(st) || !cv)
        return 0;
    ucnv_close(cv);
    return 1;
}

typedef struct {
    const char *data;
    size_t bad;
    size_t first_off;
} conv_ctx;

static void count_bad(const void *context, UConverterToUnicodeArgs *args,
                                  const char *units, int32_t length,
                                  UConverterCallbackReason reason, UErrorCode *err)
{
    conv_ctx *c = (conv_ctx *)context;
    if (reason <= UCNV_IRREGULAR) {
        if (c->bad == 0 && args->source)
            c->first_off = (size_t)(args->source - c->data) - (size_t)length;
        c->bad++;
    }
    UCNV_TO_U_CALLBACK_SUBSTITUTE(NULL, args, units, length, reason, err);
}

/* Converts len bytes in encoding enc to UTF-8 through UTF-16. */
static sv_status convert(const char *data, size_t len, const char *enc, const char *name,
                         sv_decoded *out, sv_diags *diags)
{
    UErrorCode st = U_ZERO_ERROR;
    UConverter *cv = ucnv_open(enc, &st);
    if (U_FAILURE(st) || !cv) {
        sv_diags_add(diags, SV_ERROR, name, 0, 0, -1, "unknown encoding '%s'", enc);
        return SV_ERR_ENCODING;
    }
    if (len > (size_t)INT32_MAX / 2) {
        ucnv_close(cv);
        sv_diags_add(diags, SV_ERROR, name, 0, 0, -1,
                     "input too large to convert from %s (%zu bytes)", enc, len);
        return SV_ERR_LIMIT;
    }
    conv_ctx cc = {data, 0, 0};
    ucnv_setToUCallBack(cv, count_bad, &cc, NULL, NULL, &st);
    int32_t cap = (int32_t)(len * 2 + 2);
    UChar *u = xmalloc((size_t)cap * sizeof(UChar));
    st = U_ZERO_ERROR;
    int32_t ulen = ucnv_toUChars(cv, u, cap, data, (int32_t)len, &st);
    ucnv_close(cv);
    if (U_FAILURE(st)) {
        free(u);
        sv_diags_add(diags, SV_ERROR, name, 0, 0, -1, "cannot convert from %s: %s", enc,
                     u_errorName(st));
        return SV_ERR_ENCODING;
    }
    /* Lone surrogates may survive some converters: substitute them too. */
    int32_t n8 = 0, nsub = 0;
    st = U_ZERO_ERROR;
    u_strToUTF8WithSub(NULL, 0, &n8, u, ulen, 0xFFFD, &nsub, &st);
    char *o = xmalloc((size_t)n8 + 1);
    st = U_ZERO_ERROR;
    u_strToUTF8WithSub(o, n8 + 1, &n8, u, ulen, 0xFFFD, &nsub, &st);
    free(u);
    if (U_FAILURE(st)) {
        free(o);
        sv_diags_add(diags, SV_ERROR, name, 0, 0, -1, "cannot convert from %s: %s", enc,
                     u_errorName(st));
        return SV_ERR_ENCODING;
    }
    o[n8] = '\0';
    size_t bad = cc.bad + (size_t)nsub;
    if (bad)
        sv_diags_add(diags, SV_WARNING, name, 0, 0, (long long)cc.first_off,
                     "%zu invalid or unmappable %s sequence%s replaced by U+FFFD "
                     "(the first near byte offset %zu)",
                     bad, enc, bad == 1 ? "" : "s", cc.first_off);
    size_t n = (size_t)n8;
    bad_ctx bc = {name, data, diags, 0, 0, 1, 0};
    o = replace_nuls(o, &n, &bc);
    out->text = o;
    out->len = n;
    out->replaced = bad + bc.total;
    return SV_OK;
}

static int looks_utf16(const char *d, size_t len, int *be)
{
    size_t n = len < 8192 ? len : 8192;
    n &= ~(size_t)1;
    if (n < 4)
        return 0;
    size_t even = 0, odd = 0;
    for (size_t i = 0; i < n; i += 2) {
        even += d[i] == 0;
        odd += d[i + 1] == 0;
    }
    /* Latin text in UTF-16 has a NUL in almost every pair; Cyrillic has
     * 0x04 high bytes instead, so look at those too. */
    size_t pairs = n / 2;
    size_t hi4_even = 0, hi4_odd = 0;
    for (size_t i = 0; i < n; i += 2) {
        hi4_even += d[i] == 0x04;
        hi4_odd += d[i + 1] == 0x04;
    }
    if (odd + hi4_odd > pairs * 6 / 10 && even < pairs / 10) {
        *be = 0;
        return 1;
    }
    if (even + hi4_even > pairs * 6 / 10 && odd < pairs / 10) {
        *be = 1;
        return 1;
    }
    return 0;
}

/* Control bytes that never occur in text (not TAB, LF, VT, FF, CR, ESC). */
static int looks_binary(const char *d, size_t len)
{
    size_t n = len < 65536 ? len : 65536, ctl = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)d[i];
        ctl += c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r' &&
               c != 0x1B;
    }
    return n && ctl * 100 > n * 2 + 100; /* over ~2% (and a few in tiny files) */
}

/* Mostly UTF-8: valid multi-byte sequences outnumber bad ones, or the bad
 * bytes are so few (ASCII text with a stray byte or two) that a legacy
 * encoding cannot be told from damage; the repairs are reported.  In
 * CP1251 or KOI8-R text nearly every letter is a bad sequence and valid
 * ones are rare accidents (a capital before "»"), so the test is safe. */
static int mostly_utf8(const char *s, size_t len)
{
    size_t good = 0, bad = 0;
    for (size_t i = 0; i < len;) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        size_t adv;
        if (sv_utf8_decode(s + i, len - i, &adv) < 0)
            bad++;
        else
            good++;
        i += adv;
    }
    return (good > 0 && bad < good) || (good == 0 && bad <= 4 + len / 2000);
}

int sv_html_declared_charset(const char *data, size_t len, char *buf, size_t bufsize)
{
    size_t n = len < 4096 ? len : 4096;
    for (size_t i = 0; i + 8 < n; i++) {
        if (strncasecmp(data + i, "charset", 7) != 0)
            continue;
        size_t j = i + 7;
        while (j < n && (data[j] == ' ' || data[j] == '\t'))
            j++;
        if (j >= n || data[j] != '=')
            continue;
        j++;
        while (j < n && (data[j] == ' ' || data[j] == '"' || data[j] == '\''))
            j++;
        size_t k = 0;
        while (j < n && k + 1 < bufsize &&
               (isalnum((unsigned char)data[j]) || data[j] == '-' || data[j] == '_' ||
                data[j] == ':' || data[j] == '.'))
            buf[k++] = data[j++];
        buf[k] = '\0';
        if (k > 0)
            return 1;
    }
    return 0;
}

static void set_name(sv_decoded *out, const char *enc)
{
    snprintf(out->encoding, sizeof out->encoding, "%s", enc);
}

/* valid: 1 when data is known to be valid UTF-8, 0 when not known */
static sv_status decode_utf8(const char *data, size_t len, int valid, const char *name,
                             sv_decoded *out, sv_diags *diags)
{
    bad_ctx bc = {name, data, diags, 0, 0, 1, 0};
    if (valid || sv_utf8_validate(data, len) == len) {
        out->text = xstrndup(data, len); /* nothing to repair: copy */
        out->len = len;
    } else {
        sv_utf8_repair(data, len, &out->text, &out->len, report_bad, &bc);
    }
    out->text = replace_nuls(out->text, &out->len, &bc);
    out->replaced = bc.total;
    report_total(&bc);
    return SV_OK;
}

sv_status sv_decode(const char *data, size_t len, const char *name, const char *forced,
                    int html_hint, sv_decoded *out, sv_diags *diags)
{
    memset(out, 0, sizeof *out);
    const unsigned char *u = (const unsigned char *)data;

    if (forced && *forced) {
        const char *f = forced;
        if (!strcasecmp(f, "utf-8") || !strcasecmp(f, "utf8")) {
            set_name(out, "UTF-8");
            if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
                out->bom_len = 3;
            return decode_utf8(data + out->bom_len, len - out->bom_len, 0, name, out, diags);
        }
        if (!sv_encoding_known(f)) {
            sv_diags_add(diags, SV_ERROR, name, 0, 0, -1,
                         "unknown encoding '%s' (try utf-8, cp1251, koi8-r, utf-16le)", f);
            return SV_ERR_ENCODING;
        }
        set_name(out, f);
        sv_status st = convert(data, len, f, name, out, diags);
        if (st == SV_OK && out->len >= 3 && memcmp(out->text, "\xEF\xBB\xBF", 3) == 0) {
            memmove(out->text, out->text + 3, out->len - 2);
            out->len -= 3;
        }
        return st;
    }

    /* Byte-order marks; UTF-32LE before UTF-16LE, which it starts like. */
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        set_name(out, "UTF-8");
        out->bom_len = 3;
        return decode_utf8(data + 3, len - 3, 0, name, out, diags);
    }
    static const struct {
        const char *bom;
        size_t n;
        const char *enc;
    } boms[] = {{"\xFF\xFE\0\0", 4, "UTF-32LE"},
                {"\0\0\xFE\xFF", 4, "UTF-32BE"},
                {"\xFF\xFE", 2, "UTF-16LE"},
                {"\xFE\xFF", 2, "UTF-16BE"}};
    for (size_t i = 0; i < sizeof boms / sizeof boms[0]; i++) {
        if (len >= boms[i].n && memcmp(data, boms[i].bom, boms[i].n) == 0) {
            set_name(out, boms[i].enc);
            out->bom_len = boms[i].n;
            sv_diags_add(diags, SV_NOTE, name, 0, 0, -1,
                         "input is %s (byte-order mark); converted to UTF-8", boms[i].enc);
            return convert(data + boms[i].n, len - boms[i].n, boms[i].enc, name, out, diags);
        }
    }

    size_t first_bad = sv_utf8_validate(data, len);
    int be;
    if (looks_utf16(data, len, &be)) {
        const char *enc = be ? "UTF-16BE" : "UTF-16LE";
        set_name(out, enc);
        out->detected = 1;
        sv_diags_add(diags, SV_NOTE, name, 0, 0, -1,
                     "input looks like %s without a byte-order mark; converted to UTF-8", enc);
        return convert(data, len, enc, name, out, diags);
    }
    if (looks_binary(data, len)) {
        sv_diags_add(diags, SV_ERROR, name, 0, 0, -1,
                     "does not look like text (many control or NUL bytes); "
                     "if it is text, give its encoding with --encoding");
        return SV_ERR_ENCODING;
    }
    if (first_bad == len || mostly_utf8(data, len)) {
        set_name(out, "UTF-8");
        return decode_utf8(data, len, first_bad == len, name, out, diags);
    }

    /* A legacy encoding: let ICU choose. */
    UErrorCode st = U_ZERO_ERROR;
    UCharsetDetector *det = ucsdet_open(&st);
    if (U_FAILURE(st)) {
        sv_diags_add(diags, SV_ERROR, name, 0, 0, -1, "ICU charset detector: %s",
                     u_errorName(st));
        return SV_ERR_ICU;
    }
    ucsdet_enableInputFilter(det, html_hint ? 1 : 0);
    int32_t sample = len > 1 << 20 ? 1 << 20 : (int32_t)len;
    ucsdet_setText(det, data, sample, &st);
    int32_t nm = 0;
    const UCharsetMatch **m = ucsdet_detectAll(det, &nm, &st);
    char enc[32] = "";
    int conf = 0;
    for (int32_t i = 0; U_SUCCESS(st) && i < nm; i++) {
        UErrorCode s2 = U_ZERO_ERROR;
        const char *e = ucsdet_getName(m[i], &s2);
        if (U_FAILURE(s2) || !e || !strncmp(e, "UTF-", 4))
            continue; /* not UTF: step 3 and 4 would have caught it */
        snprintf(enc, sizeof enc, "%s", e);
        conf = ucsdet_getConfidence(m[i], &s2);
        break;
    }
    ucsdet_close(det);
    if (!enc[0]) {
        snprintf(enc, sizeof enc, "windows-1252");
        conf = 0;
    }
    set_name(out, enc);
    out->detected = 1;
    sv_diags_add(diags, SV_NOTE, name, 0, 0, -1,
                 "input is not UTF-8; detected %s (confidence %d%%) and converted to UTF-8; "
                 "use --encoding to override",
                 enc, conf);
    return convert(data, len, enc, name, out, diags);
}
