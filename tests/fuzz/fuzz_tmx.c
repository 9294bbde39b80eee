/* fuzz_tmx.c - fuzz target: the streaming TMX reader, and the writer on
 * whatever the reader accepts.  Every unit read is written to a buffer and
 * the buffer read back: the second reading must give the same number of
 * units with the same texts (the writer's output is always well-formed and
 * loses nothing the reader keeps).  The first byte picks the languages. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../base/buf.h"
#include "../../tm/tmx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct {
    char **src, **tgt;
    size_t n, cap;
} texts;

static void keep(texts *t, const sv_tu *tu)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 16;
        t->src = realloc(t->src, t->cap * sizeof *t->src);
        t->tgt = realloc(t->tgt, t->cap * sizeof *t->tgt);
        if (!t->src || !t->tgt)
            abort();
    }
    /* the writer drops markers it has no markup for, and characters XML
     * forbids; compare what it should keep */
    sv_buf a = SV_BUF_INIT, b = SV_BUF_INIT;
    sv_tmx_text_render(tu->src, tu->src_len, SV_TMX_RENDER_STRIP, &a);
    sv_tmx_text_render(tu->tgt, tu->tgt_len, SV_TMX_RENDER_STRIP, &b);
    t->src[t->n] = sv_buf_detach(&a, NULL);
    t->tgt[t->n] = sv_buf_detach(&b, NULL);
    t->n++;
}

static void texts_free(texts *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->src[i]);
        free(t->tgt[i]);
    }
    free(t->src);
    free(t->tgt);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    static const char *const pairs[][2] = {{"en", "ru"}, {"ru", "en"}, {"en-GB", "ru"}, {"de", "ru"}};
    sv_tmx_read_opts o;
    sv_tmx_read_opts_init(&o);
    o.srclang = pairs[data[0] % 4][0];
    o.tgtlang = pairs[data[0] % 4][1];
    o.max_tu_bytes = 1 << 16;
    sv_diags *d = sv_diags_new();
    sv_tmx_reader *r;
    texts first = {0}, second = {0};
    sv_buf out = SV_BUF_INIT;
    if (sv_tmx_reader_open_mem("fuzz.tmx", (const char *)data + 1, size - 1, &o, &r, d) == SV_OK) {
        sv_tmx_header h;
        sv_tmx_header_init(&h);
        h.creationdate = "20240101T000000Z";
        sv_tmx_writer *w;
        if (sv_tmx_writer_open_buf(&out, &h, &w, d) != SV_OK)
            abort();
        const sv_tu *tu;
        sv_status st;
        while ((st = sv_tmx_reader_next(r, &tu, d)) == SV_OK && tu) {
            sv_tu copy = *tu;
            copy.srclang = copy.tgtlang = NULL;
            if (sv_tmx_write_tu(w, &copy, d) == SV_OK)
                keep(&first, tu);
        }
        sv_tmx_reader_free(r);
        if (sv_tmx_writer_close(w, d) != SV_OK)
            abort();
        /* read back what was written, with the writer's language tags */
        sv_tmx_read_opts_init(&o);
        o.srclang = "en-US";
        o.tgtlang = "ru-RU";
        if (sv_tmx_reader_open_mem("out.tmx", out.ptr, out.len, &o, &r, d) != SV_OK)
            abort();
        while ((st = sv_tmx_reader_next(r, &tu, d)) == SV_OK && tu)
            keep(&second, tu);
        if (st != SV_OK || second.n != first.n)
            abort();
        for (size_t i = 0; i < first.n; i++)
            if (strcmp(first.src[i], second.src[i]) || strcmp(first.tgt[i], second.tgt[i]))
                abort();
        sv_tmx_reader_free(r);
    }
    texts_free(&first);
    texts_free(&second);
    sv_buf_free(&out);
    sv_diags_free(d);
    return 0;
}
