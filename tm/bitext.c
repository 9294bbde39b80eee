/* bitext.c - the output of an alignment in the three formats sverka
 * writes; used by 'align' and 'batch'. */
#include "bitext.h"

#include <string.h>
#include <strings.h>

#include "../base/fileio.h"
#include "tmx.h"

void sv_bitext_write_opts_init(sv_bitext_write_opts *o)
{
    memset(o, 0, sizeof *o);
    o->format = SV_BITEXT_TSV;
}

int sv_bitext_format_parse(const char *s, sv_bitext_format *out)
{
    if (!strcasecmp(s, "tsv"))
        *out = SV_BITEXT_TSV;
    else if (!strcasecmp(s, "jsonl"))
        *out = SV_BITEXT_JSONL;
    else if (!strcasecmp(s, "tmx"))
        *out = SV_BITEXT_TMX;
    else
        return -1;
    return 0;
}

sv_bitext_format sv_bitext_format_for(const char *path, sv_bitext_format dflt)
{
    const char *dot = strrchr(path, '.');
    sv_bitext_format f;
    if (dot && !strchr(dot, '/') && sv_bitext_format_parse(dot + 1, &f) == 0)
        return f;
    return dflt;
}

void sv_bitext_side_text(const sv_side *s, size_t first, size_t n, sv_buf *out)
{
    for (size_t k = 0; k < n; k++) {
        if (k)
            sv_buf_putc(out, ' ');
        sv_buf_append(out, s->segs->v[first + k].text, s->segs->v[first + k].len);
    }
}

static void tsv_field(sv_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        sv_buf_putc(b, c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
    }
}

static void jsonl_side(sv_buf *b, const char *name, const sv_side *s, size_t first, size_t n,
                       sv_buf *tmp)
{
    sv_buf_printf(b, "\"%s\":{\"lang\":\"%s\",\"sentences\":[", name, sv_lang_code(s->lang));
    for (size_t i = 0; i < n; i++)
        sv_buf_printf(b, "%s%zu", i ? "," : "", first + i);
    sv_buf_puts(b, "],");
    if (n) {
        const sv_sentence *a = &s->segs->v[first], *z = &s->segs->v[first + n - 1];
        sv_buf_printf(b, "\"span\":[%zu,%zu],\"line\":%zu,", a->start, z->end, a->line);
    } else {
        sv_buf_puts(b, "\"span\":null,\"line\":null,");
    }
    sv_buf_reset(tmp);
    sv_bitext_side_text(s, first, n, tmp);
    sv_buf_puts(b, "\"text\":");
    sv_buf_put_json(b, sv_buf_cstr(tmp), tmp->len);
    sv_buf_putc(b, '}');
}

static int keep(const sv_link *l, const sv_bitext_write_opts *o)
{
    if (l->nsrc && l->ntgt)
        return l->score >= o->min_score;
    return o->all && o->format == SV_BITEXT_JSONL;
}

/* Formats links [from, to) of b; with f, writes out every 64 KiB. */
static void format_links(const sv_bitext *b, const sv_bitext_write_opts *o, sv_buf *out,
                         FILE *f)
{
    sv_buf tmp = SV_BUF_INIT;
    for (size_t i = 0; i < b->nlinks; i++) {
        if (f && out->len >= 1 << 16) {
            fwrite(out->ptr, 1, out->len, f);
            sv_buf_reset(out);
        }
        const sv_link *l = &b->links[i];
        if (o->all && o->format == SV_BITEXT_JSONL && l->nsrc && l->ntgt &&
            l->score < o->min_score) {
            /* a link under --min-score: with --all its sentences are still
             * listed, as unlinked ones that say the score they had */
            for (int side = 0; side < 2; side++)
                for (size_t k = 0; k < (side ? l->ntgt : l->nsrc); k++) {
                    sv_buf_putc(out, '{');
                    if (o->id) {
                        sv_buf_puts(out, "\"id\":");
                        sv_buf_put_json(out, o->id, strlen(o->id));
                        sv_buf_putc(out, ',');
                    }
                    sv_buf_printf(out, "\"bead\":\"%s\",\"score\":null,\"below_min_score\":%.4f,",
                                  side ? "0-1" : "1-0", l->score);
                    jsonl_side(out, "source", &b->src, side ? 0 : l->src + k, side ? 0 : 1, &tmp);
                    sv_buf_putc(out, ',');
                    jsonl_side(out, "target", &b->tgt, side ? l->tgt + k : 0, side ? 1 : 0, &tmp);
                    sv_buf_puts(out, "}\n");
                }
            continue;
        }
        if (!keep(l, o))
            continue;
        if (o->format == SV_BITEXT_JSONL) {
            sv_buf_putc(out, '{');
            if (o->id) {
                sv_buf_puts(out, "\"id\":");
                sv_buf_put_json(out, o->id, strlen(o->id));
                sv_buf_putc(out, ',');
            }
            sv_buf_printf(out, "\"bead\":\"%s\",\"score\":%.4f,", sv_link_bead(l), l->score);
            jsonl_side(out, "source", &b->src, l->src, l->nsrc, &tmp);
            sv_buf_putc(out, ',');
            jsonl_side(out, "target", &b->tgt, l->tgt, l->ntgt, &tmp);
            sv_buf_puts(out, "}\n");
        } else {
            sv_buf_reset(&tmp);
            sv_bitext_side_text(&b->src, l->src, l->nsrc, &tmp);
            tsv_field(out, sv_buf_cstr(&tmp), tmp.len);
            sv_buf_putc(out, '\t');
            sv_buf_reset(&tmp);
            sv_bitext_side_text(&b->tgt, l->tgt, l->ntgt, &tmp);
            tsv_field(out, sv_buf_cstr(&tmp), tmp.len);
            sv_buf_printf(out, "\t%.4f\n", l->score);
        }
    }
    sv_buf_free(&tmp);
    if (f && out->len) {
        fwrite(out->ptr, 1, out->len, f);
        sv_buf_reset(out);
    }
}

sv_status sv_bitext_format_buf(const sv_bitext *b, const sv_bitext_write_opts *o, sv_buf *out,
                               sv_diags *diags)
{
    if (o->format == SV_BITEXT_TMX) {
        sv_diags_add(diags, SV_ERROR, NULL, 0, 0, -1, "TMX cannot be formatted into a buffer");
        return SV_ERR_ARG;
    }
    format_links(b, o, out, NULL);
    return SV_OK;
}

static const char *default_tag(sv_lang l)
{
    return l == SV_LANG_RU ? "ru-RU" : l == SV_LANG_EN ? "en-US" : "und";
}

/* The document names written as provenance: the file name only. */
static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static sv_status write_tmx(const sv_bitext *b, const char *path, const sv_bitext_write_opts *o,
                           sv_diags *diags)
{
    sv_tmx_header h;
    sv_tmx_header_init(&h);
    h.srclang = o->src_tag ? o->src_tag : default_tag(b->src.lang);
    h.tgtlang = o->tgt_tag ? o->tgt_tag : default_tag(b->tgt.lang);
    h.adminlang = "en-US";
    h.creationdate = o->date;
    h.srcdoc = base_name(sv_doc_name(b->src.doc));
    h.tgtdoc = base_name(sv_doc_name(b->tgt.doc));
    sv_tmx_writer *w;
    sv_status st = sv_tmx_writer_open(path, &h, &w, diags);
    if (st != SV_OK)
        return st;
    sv_buf s = SV_BUF_INIT, t = SV_BUF_INIT;
    for (size_t i = 0; i < b->nlinks && st == SV_OK; i++) {
        const sv_link *l = &b->links[i];
        if (!l->nsrc || !l->ntgt || l->score < o->min_score)
            continue;
        sv_buf_reset(&s);
        sv_buf_reset(&t);
        sv_bitext_side_text(&b->src, l->src, l->nsrc, &s);
        sv_bitext_side_text(&b->tgt, l->tgt, l->ntgt, &t);
        sv_tu tu;
        sv_tu_init(&tu);
        tu.src = sv_buf_cstr(&s);
        tu.src_len = s.len;
        tu.tgt = sv_buf_cstr(&t);
        tu.tgt_len = t.len;
        tu.score = l->score;
        tu.bead = sv_link_bead(l);
        st = sv_tmx_write_tu(w, &tu, diags);
    }
    sv_buf_free(&s);
    sv_buf_free(&t);
    if (st != SV_OK) {
        sv_tmx_writer_abort(w);
        return st;
    }
    return sv_tmx_writer_close(w, diags);
}

sv_status sv_bitext_write(const sv_bitext *b, const char *path, const sv_bitext_write_opts *o,
                          sv_diags *diags)
{
    if (o->format == SV_BITEXT_TMX)
        return write_tmx(b, path, o, diags);
    sv_out *out;
    sv_status st = sv_out_open(path, &out, diags);
    if (st != SV_OK)
        return st;
    sv_buf buf = SV_BUF_INIT;
    format_links(b, o, &buf, sv_out_file(out));
    sv_buf_free(&buf);
    return sv_out_commit(out, diags);
}
