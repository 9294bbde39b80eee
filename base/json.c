/* json.c - a strict reader for the flat JSON objects of JSON-lines input. */
#include "json.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "mem.h"
#include "utf8.h"

typedef struct {
    const char *s;
    size_t len, i;
    const char *err;
} parser;

enum { MAX_DEPTH = 64 };

static void ws(parser *p)
{
    while (p->i < p->len && (p->s[p->i] == ' ' || p->s[p->i] == '\t' || p->s[p->i] == '\n' ||
                             p->s[p->i] == '\r'))
        p->i++;
}

static int hex4(parser *p, unsigned *out)
{
    if (p->i + 4 > p->len)
        return 0;
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        char c = p->s[p->i + (size_t)k];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return 0;
    }
    p->i += 4;
    *out = v;
    return 1;
}

/* Parses a string at p->i (the opening quote); appends its value to b. */
static int string(parser *p, sv_buf *b)
{
    if (p->i >= p->len || p->s[p->i] != '"') {
        p->err = "expected a string";
        return 0;
    }
    p->i++;
    while (p->i < p->len) {
        unsigned char c = (unsigned char)p->s[p->i];
        if (c == '"') {
            p->i++;
            return 1;
        }
        if (c < 0x20) {
            p->err = "control character in a string";
            return 0;
        }
        if (c == '\\') {
            if (++p->i >= p->len)
                break;
            char e = p->s[p->i++];
            switch (e) {
            case '"': sv_buf_putc(b, '"'); break;
            case '\\': sv_buf_putc(b, '\\'); break;
            case '/': sv_buf_putc(b, '/'); break;
            case 'b': sv_buf_putc(b, '\b'); break;
            case 'f': sv_buf_putc(b, '\f'); break;
            case 'n': sv_buf_putc(b, '\n'); break;
            case 'r': sv_buf_putc(b, '\r'); break;
            case 't': sv_buf_putc(b, '\t'); break;
            case 'u': {
                unsigned u;
                if (!hex4(p, &u)) {
                    p->err = "bad \\u escape";
                    return 0;
                }
                if (u >= 0xD800 && u <= 0xDBFF) {
                    unsigned lo;
                    if (p->i + 2 > p->len || p->s[p->i] != '\\' || p->s[p->i + 1] != 'u') {
                        p->err = "lone surrogate";
                        return 0;
                    }
                    p->i += 2;
                    if (!hex4(p, &lo) || lo < 0xDC00 || lo > 0xDFFF) {
                        p->err = "lone surrogate";
                        return 0;
                    }
                    u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                } else if (u >= 0xDC00 && u <= 0xDFFF) {
                    p->err = "lone surrogate";
                    return 0;
                } else if (u == 0) {
                    p->err = "NUL character in a string";
                    return 0;
                }
                sv_buf_put_cp(b, u);
                break;
            }
            default:
                p->err = "bad escape";
                return 0;
            }
            continue;
        }
        size_t adv;
        if (sv_utf8_decode(p->s + p->i, p->len - p->i, &adv) < 0) {
            p->err = "invalid UTF-8 in a string";
            return 0;
        }
        sv_buf_append(b, p->s + p->i, adv);
        p->i += adv;
    }
    p->err = "unterminated string";
    return 0;
}

static int number(parser *p)
{
    size_t st = p->i;
    if (p->i < p->len && p->s[p->i] == '-')
        p->i++;
    size_t d = p->i;
    while (p->i < p->len && p->s[p->i] >= '0' && p->s[p->i] <= '9')
        p->i++;
    if (p->i == d) {
        p->err = "bad number";
        return 0;
    }
    if (p->i < p->len && p->s[p->i] == '.') {
        p->i++;
        size_t f = p->i;
        while (p->i < p->len && p->s[p->i] >= '0' && p->s[p->i] <= '9')
            p->i++;
        if (p->i == f) {
            p->err = "bad number";
            return 0;
        }
    }
    if (p->i < p->len && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
        p->i++;
        if (p->i < p->len && (p->s[p->i] == '+' || p->s[p->i] == '-'))
            p->i++;
        size_t f = p->i;
        while (p->i < p->len && p->s[p->i] >= '0' && p->s[p->i] <= '9')
            p->i++;
        if (p->i == f) {
            p->err = "bad number";
            return 0;
        }
    }
    return p->i > st;
}

static int literal(parser *p, const char *w)
{
    size_t n = strlen(w);
    if (p->i + n <= p->len && memcmp(p->s + p->i, w, n) == 0) {
        p->i += n;
        return 1;
    }
    p->err = "unexpected character";
    return 0;
}

/* Skips any value (used for nested objects and arrays). */
static int skip_value(parser *p, int depth)
{
    if (depth > MAX_DEPTH) {
        p->err = "nesting too deep";
        return 0;
    }
    ws(p);
    if (p->i >= p->len) {
        p->err = "unexpected end";
        return 0;
    }
    char c = p->s[p->i];
    if (c == '"') {
        sv_buf tmp = SV_BUF_INIT;
        int ok = string(p, &tmp);
        sv_buf_free(&tmp);
        return ok;
    }
    if (c == '{' || c == '[') {
        char close = c == '{' ? '}' : ']';
        p->i++;
        ws(p);
        if (p->i < p->len && p->s[p->i] == close) {
            p->i++;
            return 1;
        }
        for (;;) {
            if (c == '{') {
                sv_buf tmp = SV_BUF_INIT;
                ws(p);
                int ok = string(p, &tmp);
                sv_buf_free(&tmp);
                if (!ok)
                    return 0;
                ws(p);
                if (p->i >= p->len || p->s[p->i] != ':') {
                    p->err = "expected ':'";
                    return 0;
                }
                p->i++;
            }
            if (!skip_value(p, depth + 1))
                return 0;
            ws(p);
            if (p->i < p->len && p->s[p->i] == ',') {
                p->i++;
                continue;
            }
            if (p->i < p->len && p->s[p->i] == close) {
                p->i++;
                return 1;
            }
            p->err = "expected ',' or a closing bracket";
            return 0;
        }
    }
    if (c == 't')
        return literal(p, "true");
    if (c == 'f')
        return literal(p, "false");
    if (c == 'n')
        return literal(p, "null");
    return number(p);
}

static int parse_members(parser *p, sv_json_object *obj, const char *prefix, int depth);

void sv_json_object_free(sv_json_object *o)
{
    for (size_t i = 0; i < o->n; i++) {
        free(o->m[i].key);
        free(o->m[i].str);
    }
    free(o->m);
    memset(o, 0, sizeof *o);
}

/* Parses the members of an object whose '{' has been read, up to and
 * including its '}'; keys get prefix (dotted) for nested objects. */
static int parse_members(parser *p, sv_json_object *obj, const char *prefix, int depth)
{
    const char *text = p->s;
    if (depth > MAX_DEPTH) {
        p->err = "nesting too deep";
        return 0;
    }
    ws(p);
    if (p->i < p->len && text[p->i] == '}') {
        p->i++;
        return 1;
    }
    for (;;) {
        ws(p);
        sv_buf key = SV_BUF_INIT;
        if (prefix) {
            sv_buf_puts(&key, prefix);
            sv_buf_putc(&key, '.');
        }
        if (!string(p, &key)) {
            sv_buf_free(&key);
            return 0;
        }
        ws(p);
        if (p->i >= p->len || text[p->i] != ':') {
            sv_buf_free(&key);
            p->err = "expected ':'";
            return 0;
        }
        p->i++;
        ws(p);
        sv_json_member m = {sv_buf_detach(&key, NULL), SV_JSON_NULL, NULL, 0};
        char c = p->i < p->len ? text[p->i] : '\0';
        int ok;
        if (c == '"') {
            sv_buf v = SV_BUF_INIT;
            ok = string(p, &v);
            m.type = SV_JSON_STRING;
            m.str = sv_buf_detach(&v, &m.len);
            SV_PUSH(obj->m, obj->n, obj->cap, m);
        } else if (c == '{') {
            m.type = SV_JSON_SKIPPED;
            SV_PUSH(obj->m, obj->n, obj->cap, m);
            p->i++;
            ok = parse_members(p, obj, obj->m[obj->n - 1].key, depth + 1);
        } else if (c == '[') {
            ok = skip_value(p, depth + 1);
            m.type = SV_JSON_SKIPPED;
            SV_PUSH(obj->m, obj->n, obj->cap, m);
        } else if (c == 't' || c == 'f' || c == 'n') {
            ok = literal(p, c == 't' ? "true" : c == 'f' ? "false" : "null");
            m.type = c == 't' ? SV_JSON_TRUE : c == 'f' ? SV_JSON_FALSE : SV_JSON_NULL;
            SV_PUSH(obj->m, obj->n, obj->cap, m);
        } else {
            size_t st = p->i;
            ok = number(p);
            m.type = SV_JSON_NUMBER;
            m.str = xstrndup(text + st, p->i - st);
            m.len = p->i - st;
            SV_PUSH(obj->m, obj->n, obj->cap, m);
        }
        if (!ok)
            return 0;
        ws(p);
        if (p->i < p->len && text[p->i] == ',') {
            p->i++;
            continue;
        }
        if (p->i < p->len && text[p->i] == '}') {
            p->i++;
            return 1;
        }
        p->err = "expected ',' or '}'";
        return 0;
    }
}

sv_status sv_json_parse_object(const char *text, size_t len, sv_json_object *obj,
                               size_t *errcol, const char **errmsg)
{
    memset(obj, 0, sizeof *obj);
    parser p = {text, len, 0, NULL};
    ws(&p);
    if (p.i >= p.len || text[p.i] != '{') {
        p.err = "expected '{'";
        goto fail;
    }
    p.i++;
    if (!parse_members(&p, obj, NULL, 1))
        goto fail;
    ws(&p);
    if (p.i != p.len) {
        p.err = "trailing characters after the object";
        goto fail;
    }
    return SV_OK;
fail:
    *errcol = p.i + 1;
    *errmsg = p.err ? p.err : "malformed JSON";
    sv_json_object_free(obj);
    return SV_ERR_INPUT;
}

const sv_json_member *sv_json_get(const sv_json_object *obj, const char *key)
{
    for (size_t i = 0; i < obj->n; i++)
        if (strcmp(obj->m[i].key, key) == 0)
            return &obj->m[i];
    return NULL;
}
