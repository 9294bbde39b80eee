/* linkfile.c - JSON-lines links (align/batch output) read as units, so the
 * shards of a distributed run can be merged into TMX. */
#define _POSIX_C_SOURCE 200809L
#include "linkfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/fileio.h"
#include "../base/json.h"
#include "../base/mem.h"

struct sv_linkfile {
    FILE *f;
    int is_stdin;
    char *name;
    size_t max_line;
    sv_buf line;
    size_t lineno, skipped;
    sv_json_object obj;
    int have_obj;
    sv_tu tu;
    char tuid[32];
};

int sv_linkfile_sniff(const char *data, size_t len)
{
    size_t i = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
        i++;
    return i < len && data[i] == '{';
}

sv_status sv_linkfile_open(const char *path, size_t max_line, sv_linkfile **out,
                           sv_diags *diags)
{
    *out = NULL;
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        sv_diags_add(diags, SV_ERROR, path, 0, 0, -1, "cannot open: %s", strerror(errno));
        return SV_ERR_IO;
    }
    sv_linkfile_open_stream(f, is_stdin ? "<stdin>" : path, max_line, out);
    (*out)->is_stdin = is_stdin;
    return SV_OK;
}

void sv_linkfile_open_stream(FILE *f, const char *name, size_t max_line, sv_linkfile **out)
{
    sv_linkfile *r = xcalloc(1, sizeof *r);
    r->f = f;
    r->is_stdin = 1; /* borrowed: not closed */
    r->name = xstrdup(name);
    r->max_line = max_line ? max_line : (size_t)64 << 20;
    *out = r;
}

size_t sv_linkfile_skipped(const sv_linkfile *r)
{
    return r->skipped;
}


static const char *str_of(const sv_json_object *o, const char *key, size_t *len)
{
    const sv_json_member *m = sv_json_get(o, key);
    if (!m || (m->type != SV_JSON_STRING && m->type != SV_JSON_NUMBER))
        return NULL;
    if (len)
        *len = m->len;
    return m->str;
}

sv_status sv_linkfile_next(sv_linkfile *r, const sv_tu **tu, sv_diags *diags)
{
    *tu = NULL;
    for (;;) {
        if (r->have_obj) {
            sv_json_object_free(&r->obj);
            r->have_obj = 0;
        }
        int too_long, got = sv_read_line(r->f, &r->line, r->max_line, &too_long);
        if (got < 0) {
            sv_diags_add(diags, SV_ERROR, r->name, 0, 0, -1, "read error: %s", strerror(errno));
            return SV_ERR_IO;
        }
        if (got == 0)
            return SV_OK;
        r->lineno++;
        if (too_long) {
            sv_diags_add(diags, SV_ERROR, r->name, r->lineno, 0, -1, "line longer than %zu bytes",
                         r->max_line);
            return SV_ERR_LIMIT;
        }
        size_t len = r->line.len;
        size_t k = 0;
        while (k < len && (r->line.ptr[k] == ' ' || r->line.ptr[k] == '\t'))
            k++;
        if (k == len)
            continue;
        size_t col;
        const char *msg;
        if (sv_json_parse_object(r->line.ptr, len, &r->obj, &col, &msg) != SV_OK) {
            sv_diags_add(diags, SV_ERROR, r->name, r->lineno, col, -1, "not a JSON object: %s",
                         msg);
            return SV_ERR_INPUT;
        }
        r->have_obj = 1;
        size_t sl = 0, tl = 0;
        const char *s = str_of(&r->obj, "source.text", &sl), *t = str_of(&r->obj, "target.text", &tl);
        if (!s || !t || !sl || !tl) { /* an unlinked sentence or an error line */
            r->skipped++;
            continue;
        }
        sv_tu_init(&r->tu);
        r->tu.src = s;
        r->tu.src_len = sl;
        r->tu.tgt = t;
        r->tu.tgt_len = tl;
        const char *sc = str_of(&r->obj, "score", NULL);
        r->tu.score = sc ? strtod(sc, NULL) : -1;
        r->tu.bead = str_of(&r->obj, "bead", NULL);
        r->tu.srcdoc = str_of(&r->obj, "id", NULL);
        r->tu.line = r->lineno;
        *tu = &r->tu;
        return SV_OK;
    }
}

void sv_linkfile_free(sv_linkfile *r)
{
    if (!r)
        return;
    if (r->have_obj)
        sv_json_object_free(&r->obj);
    if (r->f && !r->is_stdin)
        fclose(r->f);
    sv_buf_free(&r->line);
    free(r->name);
    free(r);
}
