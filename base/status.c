/* status.c - status strings and the diagnostics list every module reports into. */
#include "status.h"

#include <stdio.h>
#include <stdlib.h>

#include "mem.h"

const char *sv_strerror(sv_status st)
{
    switch (st) {
    case SV_OK: return "success";
    case SV_ERR_IO: return "input/output error";
    case SV_ERR_INPUT: return "malformed input";
    case SV_ERR_ENCODING: return "character encoding error";
    case SV_ERR_LIMIT: return "input exceeds a size limit";
    case SV_ERR_ARG: return "invalid argument";
    case SV_ERR_UNSUPPORTED: return "not supported";
    case SV_ERR_NOTFOUND: return "not found";
    case SV_ERR_ICU: return "ICU error";
    case SV_ERR_XML: return "XML error";
    case SV_ERR_DB: return "database error";
    case SV_ERR_INTERRUPTED: return "interrupted";
    case SV_ERR_INTERNAL: return "internal error";
    }
    return "unknown status";
}

struct sv_diags {
    sv_diag *v;
    size_t n, cap;
    size_t dropped;
};

sv_diags *sv_diags_new(void)
{
    return xcalloc(1, sizeof(sv_diags));
}

void sv_diags_clear(sv_diags *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++) {
        free(d->v[i].file);
        free(d->v[i].message);
    }
    d->n = 0;
    d->dropped = 0;
}

void sv_diags_append(sv_diags *dst, const sv_diags *src)
{
    if (!dst || !src)
        return;
    for (size_t i = 0; i < src->n; i++) {
        const sv_diag *g = &src->v[i];
        sv_diags_add(dst, g->severity, g->file, g->line, g->column, g->offset, "%s", g->message);
    }
    dst->dropped += src->dropped;
}

void sv_diags_free(sv_diags *d)
{
    if (!d)
        return;
    sv_diags_clear(d);
    free(d->v);
    free(d);
}

void sv_diags_vadd(sv_diags *d, sv_severity sev, const char *file, size_t line,
                   size_t column, long long offset, const char *fmt, va_list ap)
{
    if (!d)
        return;
    if (d->n >= SV_DIAGS_MAX && sev != SV_ERROR) {
        d->dropped++;
        return;
    }
    va_list ap2;
    va_copy(ap2, ap);
    int len = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    char *msg = xmalloc(len > 0 ? (size_t)len + 1 : 1);
    if (len > 0)
        vsnprintf(msg, (size_t)len + 1, fmt, ap);
    else
        msg[0] = '\0';
    sv_diag g = {sev, file ? xstrdup(file) : NULL, line, column, offset, msg};
    SV_PUSH(d->v, d->n, d->cap, g);
}

void sv_diags_add(sv_diags *d, sv_severity sev, const char *file, size_t line,
                  size_t column, long long offset, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sv_diags_vadd(d, sev, file, line, column, offset, fmt, ap);
    va_end(ap);
}

size_t sv_diags_count(const sv_diags *d)
{
    return d ? d->n : 0;
}

const sv_diag *sv_diags_get(const sv_diags *d, size_t i)
{
    return d && i < d->n ? &d->v[i] : NULL;
}

size_t sv_diags_dropped(const sv_diags *d)
{
    return d ? d->dropped : 0;
}

size_t sv_diags_count_severity(const sv_diags *d, sv_severity sev)
{
    size_t k = 0;
    for (size_t i = 0; d && i < d->n; i++)
        k += d->v[i].severity == sev;
    return k;
}

void sv_diags_move(sv_diags *dst, sv_diags *src)
{
    if (!src)
        return;
    if (!dst) {
        sv_diags_clear(src);
        return;
    }
    for (size_t i = 0; i < src->n; i++)
        SV_PUSH(dst->v, dst->n, dst->cap, src->v[i]);
    dst->dropped += src->dropped;
    src->n = 0;
    src->dropped = 0;
}
