/* report.c - rendering the findings of qa.c as text, JSON or an HTML page
 * with both documents side by side.  The last stage of 'sverka check'. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/mem.h"
#include "../base/utf8.h"

int sv_report_format_parse(const char *s, sv_report_format *out)
{
    if (!strcmp(s, "text"))
        *out = SV_REPORT_TEXT;
    else if (!strcmp(s, "json"))
        *out = SV_REPORT_JSON;
    else if (!strcmp(s, "html"))
        *out = SV_REPORT_HTML;
    else
        return -1;
    return 0;
}

void sv_report_opts_init(sv_report_opts *o)
{
    memset(o, 0, sizeof *o);
    o->format = SV_REPORT_TEXT;
    o->min_score = 0.3;
}

/* ---- text ---------------------------------------------------------------- */

/* Writes s with line breaks and tabs as spaces (one finding, one block). */
static void put_flat(FILE *out, const char *s)
{
    for (; s && *s; s++)
        fputc(*s == '\n' || *s == '\t' || *s == '\r' ? ' ' : *s, out);
}

static void text_side(FILE *out, const char *label, const sv_qa_side *s)
{
    fprintf(out, "  %s", label);
    if (!s->present) {
        fputs(" -\n", out);
        return;
    }
    if (s->line)
        fprintf(out, " %s:%zu: ", s->file, s->line);
    else
        fprintf(out, " %s: ", s->file);
    put_flat(out, s->text);
    fputc('\n', out);
    if (s->nvalues > 1 || (s->nvalues && !s->nmarks)) {
        for (size_t i = 0; i < s->nvalues; i++) {
            fputs("      - ", out);
            put_flat(out, s->values[i]);
            fputc('\n', out);
        }
    }
}

static void write_text(FILE *out, const sv_qa_findings *f)
{
    for (size_t i = 0; i < f->n; i++) {
        const sv_qa_finding *x = &f->v[i];
        /* the side the finding is about: the quotation's, else the source */
        const sv_qa_side *lead = x->src.present ? &x->src : &x->tgt;
        if (x->kind == SV_QA_QUOTE_MISSING && x->tgt.present && x->tgt.nvalues && !x->src.nvalues)
            lead = &x->tgt;
        if (lead->line)
            fprintf(out, "%s:%zu: ", lead->file, lead->line);
        else
            fprintf(out, "%s: ", lead->file);
        fprintf(out, "%s: ", sv_qa_kind_name(x->kind));
        put_flat(out, x->message);
        fputc('\n', out);
        text_side(out, "source", &x->src);
        text_side(out, "target", &x->tgt);
    }
    fprintf(out, "%zu finding%s", f->n, f->n == 1 ? "" : "s");
    for (int k = 0; k < SV_QA_NKINDS; k++)
        if (f->by_kind[k])
            fprintf(out, "%s %zu %s", k ? "," : ":", f->by_kind[k], sv_qa_kind_name((sv_qa_kind)k));
    fputc('\n', out);
}

/* ---- JSON ---------------------------------------------------------------- */

static void json_str(FILE *out, sv_buf *tmp, const char *s)
{
    sv_buf_reset(tmp);
    if (s)
        sv_buf_put_json(tmp, s, strlen(s));
    else
        sv_buf_puts(tmp, "null");
    fwrite(tmp->ptr, 1, tmp->len, out);
}

static void json_side(FILE *out, sv_buf *tmp, const char *p, const sv_qa_side *s)
{
    fprintf(out, ",\"%s_file\":", p);
    json_str(out, tmp, s->present ? s->file : NULL);
    fprintf(out, ",\"%s_line\":", p);
    if (s->present && s->line)
        fprintf(out, "%zu", s->line);
    else
        fputs("null", out);
    fprintf(out, ",\"%s_text\":", p);
    json_str(out, tmp, s->present ? s->text : NULL);
    fprintf(out, ",\"%s_values\":[", p);
    for (size_t i = 0; i < s->nvalues; i++) {
        if (i)
            fputc(',', out);
        json_str(out, tmp, s->values[i]);
    }
    fprintf(out, "],\"%s_span\":", p);
    if (s->present && s->has_span)
        fprintf(out, "[%zu,%zu]", s->start, s->end);
    else
        fputs("null", out);
    fprintf(out, ",\"%s_marks\":[", p);
    for (size_t i = 0; i < s->nmarks; i++)
        fprintf(out, "%s[%zu,%zu]", i ? "," : "", s->marks[i].start, s->marks[i].end);
    fputc(']', out);
}

static void write_json(FILE *out, const sv_qa_findings *f)
{
    sv_buf tmp = SV_BUF_INIT;
    fputs("{\"findings\":[", out);
    for (size_t i = 0; i < f->n; i++) {
        const sv_qa_finding *x = &f->v[i];
        fprintf(out, "%s\n{\"kind\":\"%s\"", i ? "," : "", sv_qa_kind_name(x->kind));
        json_side(out, &tmp, "source", &x->src);
        json_side(out, &tmp, "target", &x->tgt);
        fputs(",\"score\":", out);
        if (x->score >= 0)
            fprintf(out, "%.4f", x->score);
        else
            fputs("null", out);
        fputs(",\"message\":", out);
        json_str(out, &tmp, x->message);
        fputc('}', out);
    }
    fputs("\n],\"counts\":{", out);
    for (int k = 0; k < SV_QA_NKINDS; k++)
        fprintf(out, "%s\"%s\":%zu", k ? "," : "", sv_qa_kind_name((sv_qa_kind)k), f->by_kind[k]);
    fputs("}}\n", out);
    sv_buf_free(&tmp);
}

/* ---- HTML ---------------------------------------------------------------- */

/* Escapes text for HTML content and attribute values; control characters
 * other than line breaks and tabs are dropped, invalid UTF-8 becomes
 * U+FFFD. */
static void html_esc(FILE *out, const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t adv;
        long c = sv_utf8_decode(s + i, len - i, &adv);
        if (c < 0)
            fputs("\xEF\xBF\xBD", out);
        else if (c == '&')
            fputs("&amp;", out);
        else if (c == '<')
            fputs("&lt;", out);
        else if (c == '>')
            fputs("&gt;", out);
        else if (c == '"')
            fputs("&quot;", out);
        else if (c == '\'')
            fputs("&#39;", out);
        else if (c < 0x20 && c != '\n' && c != '\t')
            ;
        else if (c == 0x7F || (c >= 0x80 && c < 0xA0) || c == 0xFDD0 || c == 0xFDD1 || c == 0xFDD2)
            ;
        else
            fwrite(s + i, 1, adv, out);
        i += adv;
    }
}

static void html_escz(FILE *out, const char *s)
{
    if (s)
        html_esc(out, s, strlen(s));
}

static const char *kind_class(sv_qa_kind k)
{
    return sv_qa_kind_name(k);
}

static const char css[] =
    "*{box-sizing:border-box}"
    "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;"
    "margin:0;color:#1d232a;background:#f6f7f9}"
    "header{padding:12px 20px;background:#fff;border-bottom:1px solid #d8dde3}"
    "h1{font-size:18px;margin:0 0 6px}"
    ".files{color:#55606b;font-size:13px}"
    ".summary{display:flex;flex-wrap:wrap;gap:8px;margin-top:8px}"
    ".pill{border-radius:12px;padding:2px 10px;font-size:13px;border:1px solid #ccd3da;background:#fff}"
    ".pill b{font-weight:600}"
    ".pill.number-mismatch{border-color:#d64545;background:#fdecec}"
    ".pill.quote-missing{border-color:#c98a00;background:#fff5db}"
    ".pill.name-mismatch{border-color:#7b4fd0;background:#f1ebfc}"
    ".pill.tm-inconsistency{border-color:#2f6fba;background:#e8f0fb}"
    ".legend{color:#55606b;font-size:12px;margin-top:6px}"
    ".legend span{display:inline-block;width:10px;height:10px;border-radius:2px;margin:0 3px 0 10px;"
    "vertical-align:-1px}"
    "main{padding:10px 20px}"
    "details.findings{background:#fff;border:1px solid #d8dde3;border-radius:6px;padding:6px 12px;"
    "margin-bottom:10px}"
    "details.findings summary{cursor:pointer;font-weight:600}"
    "ol.flist{margin:6px 0;padding-left:28px;max-height:40vh;overflow:auto}"
    "ol.flist li{margin:3px 0}"
    ".kind{font-size:11px;font-weight:600;border-radius:3px;padding:0 5px;margin-right:6px;"
    "color:#fff;white-space:nowrap}"
    ".kind.number-mismatch{background:#c53030}.kind.quote-missing{background:#b07800}"
    ".kind.name-mismatch{background:#6b3fc0}.kind.tm-inconsistency{background:#2f6fba}"
    "table.align{width:100%;border-collapse:collapse;table-layout:fixed;background:#fff;"
    "border:1px solid #d8dde3}"
    "table.align th{position:sticky;top:0;background:#eef1f4;text-align:left;padding:6px 8px;"
    "font-size:13px;border-bottom:1px solid #d8dde3;z-index:1}"
    "table.align td{vertical-align:top;padding:5px 8px;border-bottom:1px solid #edf0f3;"
    "overflow-wrap:anywhere}"
    "table.align tr{content-visibility:auto;contain-intrinsic-size:auto 3em}"
    "col.side{width:calc(50% - 44px)}col.mid{width:88px}"
    "td.mid{text-align:center;font-size:12px;color:#55606b;border-left:4px solid #ccd3da;"
    "border-right:4px solid #ccd3da}"
    "tr.c-high td.mid{border-color:#2e9b4f}tr.c-mid td.mid{border-color:#e0a100}"
    "tr.c-low td.mid{border-color:#d64545}tr.c-none td.mid{border-color:transparent}"
    "tr.c-none td.s{background:#fafbfc;color:#4a545e}"
    "tr.c-none td.s:empty{background:repeating-linear-gradient(45deg,#f6f7f9,#f6f7f9 6px,#eef0f3 6px,"
    "#eef0f3 12px)}"
    "tr.has-f td.s{background:#fffbea}"
    ".ln{color:#8a949e;font-size:11px;margin-right:6px;user-select:none}"
    ".sent{display:block}.sent+.sent{margin-top:3px}"
    ".bead{display:block;font-size:11px;color:#8a949e}"
    "mark.m{border-radius:2px;padding:0 1px;color:inherit}"
    "mark.number-mismatch{background:#ffc9c9;outline:2px solid #d64545}"
    "mark.name-mismatch{background:#e3d7fb;outline:2px solid #7b4fd0}"
    "mark.quote-missing{background:#ffe9a8}"
    "mark.quote-missing.number-mismatch{background:#ffc9c9}"
    "a.fref{display:inline-block;font-size:11px;margin:1px;padding:0 4px;border-radius:3px;"
    "color:#fff;text-decoration:none}"
    "a.fref.number-mismatch{background:#c53030}a.fref.quote-missing{background:#b07800}"
    "a.fref.name-mismatch{background:#6b3fc0}"
    ":target{outline:3px solid #2f6fba;outline-offset:-3px}"
    ".msg{color:#2c343c}.where{color:#6a747e;font-size:12px}"
    ".pair{display:grid;grid-template-columns:1fr 1fr;gap:10px;margin:2px 0 6px}"
    ".pair div{background:#f6f7f9;border-radius:4px;padding:3px 6px;font-size:13px}"
    "@media (max-width:900px){col.mid{width:56px}}";

/* One highlighted span of a document, from a finding. */
typedef struct {
    size_t start, end;
    size_t finding;
    sv_qa_kind kind;
} hl;

static int cmp_hl(const void *a, const void *b)
{
    const hl *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end > y->end ? -1 : (x->end < y->end);
}

typedef struct {
    hl *v;
    size_t n, cap;
} hlv;

/* The spans to highlight on one side (tgt != 0: target). */
static void collect_hl(const sv_qa_findings *f, int tgt, hlv *out)
{
    for (size_t i = 0; i < f->n; i++) {
        const sv_qa_side *s = tgt ? &f->v[i].tgt : &f->v[i].src;
        if (!s->present)
            continue;
        if (f->v[i].kind == SV_QA_QUOTE_MISSING) {
            /* the whole quotation */
            if (s->nmarks) {
                hl h = {s->start, s->end, i, f->v[i].kind};
                SV_PUSH(out->v, out->n, out->cap, h);
            }
            continue;
        }
        for (size_t k = 0; k < s->nmarks; k++) {
            hl h = {s->marks[k].start, s->marks[k].end, i, f->v[i].kind};
            SV_PUSH(out->v, out->n, out->cap, h);
        }
    }
    if (out->n > 1)
        qsort(out->v, out->n, sizeof *out->v, cmp_hl);
}

/* Writes text [a, b) of the document with the highlights that cover it. */
static void html_text(FILE *out, const char *doc, size_t a, size_t b, const hlv *h, size_t *cursor,
                      const sv_qa_findings *f)
{
    /* highlights are sorted by start: skip those that ended before a */
    size_t first = *cursor;
    while (first < h->n && h->v[first].end <= a && h->v[first].start < a)
        first++;
    *cursor = first;
    size_t pos = a;
    while (pos < b) {
        /* the next boundary after pos */
        size_t next = b;
        int covered = 0;
        for (size_t i = first; i < h->n && h->v[i].start < b; i++) {
            const hl *x = &h->v[i];
            if (x->start > pos && x->start < next)
                next = x->start;
            if (x->start <= pos && x->end > pos) {
                covered = 1;
                if (x->end < next)
                    next = x->end;
            }
        }
        if (next <= pos)
            next = b;
        if (covered) {
            fputs("<mark class=\"m", out);
            size_t fid = (size_t)-1;
            for (size_t i = first; i < h->n && h->v[i].start < b; i++)
                if (h->v[i].start <= pos && h->v[i].end > pos) {
                    fprintf(out, " %s", kind_class(h->v[i].kind));
                    if (fid == (size_t)-1 || h->v[i].kind != SV_QA_QUOTE_MISSING)
                        fid = h->v[i].finding;
                }
            fprintf(out, "\" data-f=\"%zu\" title=\"", fid + 1);
            html_escz(out, f->v[fid].message);
            fputs("\">", out);
            html_esc(out, doc + pos, next - pos);
            fputs("</mark>", out);
        } else {
            html_esc(out, doc + pos, next - pos);
        }
        pos = next;
    }
}

/* The findings whose sentences include sentence si of a side. */
static void html_frefs(FILE *out, const sv_qa_findings *f, int tgt, size_t first, size_t n,
                       const size_t *fs, size_t nfs)
{
    for (size_t k = 0; k < nfs; k++) {
        const sv_qa_finding *x = &f->v[fs[k]];
        const sv_qa_side *s = tgt ? &x->tgt : &x->src;
        if (!s->present || !s->nsent)
            continue;
        if (s->sent_first < first + n && s->sent_first + s->nsent > first)
            fprintf(out, "<a class=\"fref %s\" href=\"#f%zu\">%zu</a>", kind_class(x->kind),
                    fs[k] + 1, fs[k] + 1);
    }
}

typedef struct {
    size_t src, nsrc, tgt, ntgt;
    double score;
    int linked; /* 1: a link; 0: unlinked sentences (or below the score floor) */
} row;

static void html_side_cell(FILE *out, const sv_side *sd, char prefix, size_t first, size_t n,
                           const hlv *h, size_t *cursor, const sv_qa_findings *f)
{
    const char *doc = sv_doc_text(sd->doc, NULL);
    for (size_t k = 0; k < n; k++) {
        const sv_sentence *s = &sd->segs->v[first + k];
        fprintf(out, "<span class=\"sent\" id=\"%c%zu\"><span class=\"ln\">%zu</span>", prefix,
                first + k, s->line);
        html_text(out, doc, s->start, s->end, h, cursor, f);
        fputs("</span>", out);
    }
}

static void write_rows(FILE *out, const sv_qa_findings *f, const sv_bitext *b,
                       const sv_report_opts *o)
{
    /* rows: the links in order; sentences in no link (boilerplate) get
     * rows of their own where they fall */
    row *rows = NULL;
    size_t nrows = 0, cap = 0, cs = 0, ct = 0;
    size_t ns = b->src.segs->n, nt = b->tgt.segs->n;
    for (size_t li = 0; li <= b->nlinks; li++) {
        size_t ls = li < b->nlinks ? (b->links[li].nsrc ? b->links[li].src : cs) : ns;
        size_t lt = li < b->nlinks ? (b->links[li].ntgt ? b->links[li].tgt : ct) : nt;
        while (cs < ls && cs < ns) {
            row r = {cs++, 1, 0, 0, -1, 0};
            SV_PUSH(rows, nrows, cap, r);
        }
        while (ct < lt && ct < nt) {
            row r = {0, 0, ct++, 1, -1, 0};
            SV_PUSH(rows, nrows, cap, r);
        }
        if (li == b->nlinks)
            break;
        const sv_link *l = &b->links[li];
        row r = {l->src, l->nsrc, l->tgt, l->ntgt, l->score,
                 l->nsrc && l->ntgt && l->score >= o->min_score};
        SV_PUSH(rows, nrows, cap, r);
        if (l->nsrc && l->src + l->nsrc > cs)
            cs = l->src + l->nsrc;
        if (l->ntgt && l->tgt + l->ntgt > ct)
            ct = l->tgt + l->ntgt;
    }
    hlv hs = {0}, ht = {0};
    collect_hl(f, 0, &hs);
    collect_hl(f, 1, &ht);
    size_t curs = 0, curt = 0;
    size_t *fs = f->n ? xmalloc(f->n * sizeof *fs) : NULL;
    fprintf(out, "<table class=\"align\"><colgroup><col class=\"side\"><col class=\"mid\">"
                 "<col class=\"side\"></colgroup><thead><tr><th>");
    html_escz(out, sv_doc_name(b->src.doc));
    fprintf(out, " (%s)</th><th>link</th><th>", sv_lang_code(b->src.lang));
    html_escz(out, sv_doc_name(b->tgt.doc));
    fprintf(out, " (%s)</th></tr></thead><tbody>\n", sv_lang_code(b->tgt.lang));
    for (size_t i = 0; i < nrows; i++) {
        const row *r = &rows[i];
        /* findings touching the row */
        size_t nfs = 0;
        for (size_t k = 0; k < f->n; k++) {
            const sv_qa_finding *x = &f->v[k];
            int hit = (r->nsrc && x->src.present && x->src.nsent && x->src.sent_first < r->src + r->nsrc &&
                       x->src.sent_first + x->src.nsent > r->src) ||
                      (r->ntgt && x->tgt.present && x->tgt.nsent && x->tgt.sent_first < r->tgt + r->ntgt &&
                       x->tgt.sent_first + x->tgt.nsent > r->tgt);
            if (hit)
                fs[nfs++] = k;
        }
        const char *conf = !r->linked ? "c-none" : r->score >= 0.8 ? "c-high" : r->score >= 0.5 ? "c-mid" : "c-low";
        fprintf(out, "<tr id=\"r%zu\" class=\"%s%s\"><td class=\"s\">", i, conf, nfs ? " has-f" : "");
        html_side_cell(out, &b->src, 's', r->src, r->nsrc, &hs, &curs, f);
        fputs("</td><td class=\"mid\">", out);
        if (r->linked)
            fprintf(out, "%.2f<span class=\"bead\">%zu-%zu</span>", r->score, r->nsrc, r->ntgt);
        else if (r->nsrc && r->ntgt)
            fprintf(out, "<span class=\"bead\">%.2f, weak</span>", r->score);
        else
            fputs("<span class=\"bead\">unlinked</span>", out);
        html_frefs(out, f, 0, r->src, r->nsrc, fs, nfs);
        if (r->ntgt)
            html_frefs(out, f, 1, r->tgt, r->ntgt, fs, nfs);
        fputs("</td><td class=\"s\">", out);
        html_side_cell(out, &b->tgt, 't', r->tgt, r->ntgt, &ht, &curt, f);
        fputs("</td></tr>\n", out);
    }
    fputs("</tbody></table>\n", out);
    free(fs);
    free(rows);
    free(hs.v);
    free(ht.v);
}

static void html_finding(FILE *out, const sv_qa_findings *f, size_t i)
{
    const sv_qa_finding *x = &f->v[i];
    fprintf(out, "<li id=\"f%zu\" class=\"finding %s\"><span class=\"kind %s\">%s</span>", i + 1,
            kind_class(x->kind), kind_class(x->kind), sv_qa_kind_name(x->kind));
    fputs("<span class=\"msg\">", out);
    html_escz(out, x->message);
    fputs("</span> <span class=\"where\">", out);
    for (int side = 0; side < 2; side++) {
        const sv_qa_side *s = side ? &x->tgt : &x->src;
        if (!s->present)
            continue;
        if (side && x->src.present)
            fputs(" / ", out);
        if (s->nsent)
            fprintf(out, "<a href=\"#%c%zu\">", side ? 't' : 's', s->sent_first);
        /* the file's name without its folders: the header gives the paths */
        const char *base = s->file ? strrchr(s->file, '/') : NULL;
        html_escz(out, base ? base + 1 : s->file);
        if (s->line)
            fprintf(out, ":%zu", s->line);
        if (s->nsent)
            fputs("</a>", out);
    }
    if (x->score >= 0)
        fprintf(out, " (link %.2f)", x->score);
    fputs("</span>", out);
    if (x->kind == SV_QA_TM_INCONSISTENCY) {
        fputs("<div class=\"pair\"><div>", out);
        html_escz(out, x->src.text);
        fputs("</div><div>", out);
        html_escz(out, x->tgt.text);
        fputs("</div></div>", out);
    }
    fputs("</li>\n", out);
}

static void write_html(FILE *out, const sv_qa_findings *f, const sv_bitext *b,
                       const sv_report_opts *o)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n"
          "<meta name=\"generator\" content=\"sverka check\">\n<title>",
          out);
    if (o->title)
        html_escz(out, o->title);
    else if (b) {
        fputs("sverka check: ", out);
        html_escz(out, sv_doc_name(b->src.doc));
        fputs(" / ", out);
        html_escz(out, sv_doc_name(b->tgt.doc));
    } else {
        fputs("sverka check", out);
    }
    fprintf(out, "</title>\n<style>%s</style></head>\n<body>\n<header><h1>", css);
    if (o->title)
        html_escz(out, o->title);
    else
        fputs("Consistency check", out);
    fputs("</h1>\n", out);
    if (b) {
        size_t linked = 0, us = 0, ut = 0;
        for (size_t i = 0; i < b->nlinks; i++) {
            const sv_link *l = &b->links[i];
            if (l->nsrc && l->ntgt && l->score >= o->min_score)
                linked++;
            else {
                us += l->nsrc;
                ut += l->ntgt;
            }
        }
        fputs("<div class=\"files\">Source: <b>", out);
        html_escz(out, sv_doc_name(b->src.doc));
        fprintf(out, "</b> (%s, %zu sentences) &middot; Target: <b>", sv_lang_code(b->src.lang),
                b->src.segs->n);
        html_escz(out, sv_doc_name(b->tgt.doc));
        fprintf(out, "</b> (%s, %zu sentences) &middot; %zu links; unlinked: %zu source, %zu target sentences</div>\n",
                sv_lang_code(b->tgt.lang), b->tgt.segs->n, linked, us, ut);
    }
    fprintf(out, "<div class=\"summary\" id=\"summary\"><span class=\"pill total\"><b>%zu</b> finding%s</span>",
            f->n, f->n == 1 ? "" : "s");
    for (int k = 0; k < SV_QA_NKINDS; k++)
        if (f->by_kind[k] || k != SV_QA_TM_INCONSISTENCY || !b)
            fprintf(out, "<span class=\"pill %s\"><b>%zu</b> %s</span>", kind_class((sv_qa_kind)k),
                    f->by_kind[k], sv_qa_kind_name((sv_qa_kind)k));
    fputs("</div>\n", out);
    if (b)
        fputs("<div class=\"legend\">Link confidence:<span style=\"background:#2e9b4f\"></span>&ge; 0.8"
              "<span style=\"background:#e0a100\"></span>0.5&ndash;0.8"
              "<span style=\"background:#d64545\"></span>&lt; 0.5"
              "<span style=\"background:#eef0f3\"></span>unlinked</div>\n",
              out);
    fputs("</header>\n<main>\n", out);
    fprintf(out, "<details class=\"findings\" open><summary>Findings (%zu)</summary>\n", f->n);
    if (f->n) {
        fputs("<ol class=\"flist\">\n", out);
        for (size_t i = 0; i < f->n; i++)
            html_finding(out, f, i);
        fputs("</ol>\n", out);
    } else {
        fputs("<p>No findings.</p>\n", out);
    }
    fputs("</details>\n", out);
    if (b)
        write_rows(out, f, b, o);
    fputs("</main>\n</body></html>\n", out);
}

void sv_report_write(FILE *out, const sv_qa_findings *f, const sv_bitext *b,
                     const sv_report_opts *o)
{
    sv_report_opts d;
    if (!o) {
        sv_report_opts_init(&d);
        o = &d;
    }
    switch (o->format) {
    case SV_REPORT_JSON: write_json(out, f); break;
    case SV_REPORT_HTML: write_html(out, f, b, o); break;
    default: write_text(out, f); break;
    }
}
