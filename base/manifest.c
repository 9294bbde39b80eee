/* manifest.c - manifests of document pairs and batch requests. */
#include "manifest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fileio.h"
#include "json.h"
#include "mem.h"

#define MAX_ID 200
#define MAX_MANIFEST ((size_t)1 << 30)

int sv_manifest_id_ok(const char *id)
{
    if (!id || !id[0] || id[0] == '.' || strlen(id) > MAX_ID)
        return 0;
    for (const unsigned char *p = (const unsigned char *)id; *p; p++)
        if (*p == '/' || *p == '\\' || *p < 0x20 || *p == 0x7f)
            return 0;
    return 1;
}

static char *join(const char *dir, const char *p, size_t n)
{
    sv_buf b = SV_BUF_INIT;
    if (p[0] != '/' && dir && dir[0]) {
        sv_buf_puts(&b, dir);
        if (dir[strlen(dir) - 1] != '/')
            sv_buf_putc(&b, '/');
    }
    sv_buf_append(&b, p, n);
    return sv_buf_detach(&b, NULL);
}

static int cmp_pair_id(const void *a, const void *b)
{
    const sv_manifest_pair *x = *(const sv_manifest_pair *const *)a;
    const sv_manifest_pair *y = *(const sv_manifest_pair *const *)b;
    int c = strcmp(x->id, y->id);
    return c ? c : (x->line < y->line ? -1 : x->line > y->line);
}

sv_status sv_manifest_parse(const char *name, const char *data, size_t len, const char *dir,
                            sv_manifest *m, sv_diags *diags)
{
    size_t first = m->n, line = 0;
    const char *p = data, *end = data + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        const char *l = p;
        p = nl ? nl + 1 : end;
        line++;
        if (le > l && le[-1] == '\r')
            le--;
        if (le == l || l[0] == '#')
            continue;
        if (memchr(l, '\0', (size_t)(le - l))) {
            sv_diags_add(diags, SV_ERROR, name, line, 0, -1, "NUL byte in the line");
            return SV_ERR_INPUT;
        }
        const char *t1 = memchr(l, '\t', (size_t)(le - l));
        const char *t2 = t1 ? memchr(t1 + 1, '\t', (size_t)(le - t1 - 1)) : NULL;
        if (!t1 || !t2 || memchr(t2 + 1, '\t', (size_t)(le - t2 - 1))) {
            sv_diags_add(diags, SV_ERROR, name, line, 0, -1,
                         "expected id<TAB>source<TAB>target (two tabs)");
            return SV_ERR_INPUT;
        }
        if (t2 == t1 + 1 || t2 + 1 == le) {
            sv_diags_add(diags, SV_ERROR, name, line, 0, -1, "empty source or target path");
            return SV_ERR_INPUT;
        }
        char *id = xmalloc((size_t)(t1 - l) + 1);
        memcpy(id, l, (size_t)(t1 - l));
        id[t1 - l] = '\0';
        if (!sv_manifest_id_ok(id)) {
            sv_diags_add(diags, SV_ERROR, name, line, 0, -1,
                         "the id '%.*s' cannot name a file (1-200 bytes, no '/', '\\' or "
                         "control characters, no leading '.')",
                         (int)((t1 - l) > 80 ? 80 : (t1 - l)), id);
            free(id);
            return SV_ERR_INPUT;
        }
        sv_manifest_pair pr;
        pr.id = id;
        pr.src = join(dir, t1 + 1, (size_t)(t2 - t1 - 1));
        pr.tgt = join(dir, t2 + 1, (size_t)(le - t2 - 1));
        pr.line = line;
        SV_PUSH(m->v, m->n, m->cap, pr);
    }
    if (m->n == first) {
        sv_diags_add(diags, SV_ERROR, name, 0, 0, -1, "no pairs in the manifest");
        return SV_ERR_INPUT;
    }
    /* ids name output files: no two alike */
    size_t k = m->n - first;
    sv_manifest_pair **s = xmalloc(k * sizeof *s);
    for (size_t i = 0; i < k; i++)
        s[i] = &m->v[first + i];
    qsort(s, k, sizeof *s, cmp_pair_id);
    sv_status st = SV_OK;
    for (size_t i = 1; i < k; i++)
        if (!strcmp(s[i]->id, s[i - 1]->id)) {
            sv_diags_add(diags, SV_ERROR, name, s[i]->line, 0, -1,
                         "the id '%s' is used twice (first on line %zu; ids name the output "
                         "files)",
                         s[i]->id, s[i - 1]->line);
            st = SV_ERR_INPUT;
            break;
        }
    free(s);
    return st;
}

sv_status sv_manifest_read(const char *path, sv_manifest *m, sv_diags *diags)
{
    char *data;
    size_t len;
    sv_status st = sv_file_read(path, MAX_MANIFEST, &data, &len, diags);
    if (st != SV_OK)
        return st;
    char *dir = NULL;
    const char *slash = strrchr(path, '/');
    if (slash && strcmp(path, "-")) {
        size_t n = slash == path ? 1 : (size_t)(slash - path);
        dir = xmalloc(n + 1);
        memcpy(dir, path, n);
        dir[n] = '\0';
    }
    const char *name = strcmp(path, "-") ? path : "<stdin>";
    st = sv_manifest_parse(name, data, len, dir, m, diags);
    free(dir);
    free(data);
    return st;
}

void sv_manifest_free(sv_manifest *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n; i++) {
        free(m->v[i].id);
        free(m->v[i].src);
        free(m->v[i].tgt);
    }
    free(m->v);
    memset(m, 0, sizeof *m);
}

sv_status sv_manifest_request_parse(const char *line, size_t len, sv_manifest_request *req,
                                    char *msg, size_t msg_size)
{
    memset(req, 0, sizeof *req);
    sv_json_object *o = xmalloc(sizeof *o);
    size_t col = 0;
    const char *err = NULL;
    if (sv_json_parse_object(line, len, o, &col, &err) != SV_OK) {
        free(o);
        snprintf(msg, msg_size, "column %zu: %s", col, err ? err : "not a JSON object");
        return SV_ERR_INPUT;
    }
    req->obj_ = o;
    const sv_json_member *id = sv_json_get(o, "id"), *src = sv_json_get(o, "source"),
                         *tgt = sv_json_get(o, "target");
    if (id && (id->type == SV_JSON_STRING || id->type == SV_JSON_NUMBER))
        req->id = id->str;
    if (!src || src->type != SV_JSON_STRING || !tgt || tgt->type != SV_JSON_STRING) {
        snprintf(msg, msg_size, "\"source\" and \"target\" must be strings");
        return SV_ERR_INPUT;
    }
    req->src = src->str;
    req->src_len = src->len;
    req->tgt = tgt->str;
    req->tgt_len = tgt->len;
    return SV_OK;
}

void sv_manifest_request_free(sv_manifest_request *req)
{
    if (!req || !req->obj_)
        return;
    sv_json_object_free(req->obj_);
    free(req->obj_);
    req->obj_ = NULL;
}
