/* glossfile.c - glossaries written as TBX-Basic (libxml2's text writer),
 * OmegaT's tab-separated glossary, or RFC 4180 CSV.  The last step of
 * 'sverka glossary': glossary.c finds the entries, this file writes them. */
#include "glossfile.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <libxml/xmlwriter.h>

#include "../base/fileio.h"
#include "../base/xmlsafe.h"
#include "tmx.h"

#define XC(s) ((const xmlChar *)(s))

void sv_glossfile_opts_init(sv_glossfile_opts *o)
{
    memset(o, 0, sizeof *o);
    o->format = SV_GLOSS_TSV;
    o->tbx_version = 2;
    o->en_tag = "en";
    o->ru_tag = "ru";
    o->title = "sverka glossary";
}

int sv_glossfile_format_parse(const char *s, sv_gloss_format *out)
{
    if (!strcasecmp(s, "tsv"))
        *out = SV_GLOSS_TSV;
    else if (!strcasecmp(s, "csv"))
        *out = SV_GLOSS_CSV;
    else if (!strcasecmp(s, "tbx"))
        *out = SV_GLOSS_TBX;
    else
        return -1;
    return 0;
}

sv_gloss_format sv_glossfile_format_for(const char *path, sv_gloss_format dflt)
{
    const char *dot = path ? strrchr(path, '.') : NULL;
    if (!dot || strchr(dot, '/'))
        return dflt;
    if (!strcasecmp(dot, ".tbx"))
        return SV_GLOSS_TBX;
    if (!strcasecmp(dot, ".csv"))
        return SV_GLOSS_CSV;
    if (!strcasecmp(dot, ".tsv") || !strcasecmp(dot, ".txt") || !strcasecmp(dot, ".tab") ||
        !strcasecmp(dot, ".utf8"))
        return SV_GLOSS_TSV;
    return dflt;
}

/* The two sides of an entry in output order. */
typedef struct {
    const char *term[2], *example[2], *tag[2];
    const sv_gloss_variant *var[2];
    size_t nvar[2];
} sides;

static void entry_sides(const sv_gloss_entry *e, const sv_glossfile_opts *o, sides *s)
{
    int r = o->ru_source ? 0 : 1; /* index of Russian */
    s->term[r] = e->ru;
    s->term[1 - r] = e->en;
    s->example[r] = e->example_ru;
    s->example[1 - r] = e->example_en;
    s->tag[r] = o->ru_tag ? o->ru_tag : "ru";
    s->tag[1 - r] = o->en_tag ? o->en_tag : "en";
    s->var[r] = e->ru_variants;
    s->nvar[r] = e->n_ru_variants;
    s->var[1 - r] = e->en_variants;
    s->nvar[1 - r] = e->n_en_variants;
}

/* A TSV field: tabs and line breaks become spaces, XML-unsafe characters
 * are dropped as for TBX (so every format carries the same text). */
static void put_tsv_field(sv_buf *out, const char *s)
{
    sv_buf c = SV_BUF_INIT;
    sv_tmx_clean_append(&c, s, strlen(s), 1);
    for (size_t i = 0; i < c.len; i++) {
        char ch = c.ptr[i];
        sv_buf_putc(out, ch == '\t' || ch == '\n' || ch == '\r' ? ' ' : ch);
    }
    sv_buf_free(&c);
}

/* "Гомсельмашем (2), «Гомсельмаш» (1)": the forms seen other than the
 * term itself, at most max. */
static void put_forms(sv_buf *out, const char *term, const sv_gloss_variant *v, size_t n,
                      size_t max)
{
    size_t shown = 0;
    for (size_t i = 0; i < n && shown < max; i++) {
        if (!strcmp(v[i].text, term))
            continue;
        sv_buf_printf(out, "%s%s (%zu)", shown ? ", " : "", v[i].text, v[i].count);
        shown++;
    }
}

static void comment(sv_buf *out, const sv_gloss_entry *e, const sides *s, int with_forms)
{
    sv_buf_printf(out, "%s; %zu aligned pair%s; confidence %.2f", sv_term_kind_name(e->kind),
                  e->count, e->count == 1 ? "" : "s", e->score);
    if (!with_forms)
        return;
    for (int k = 0; k < 2; k++) {
        sv_buf f = SV_BUF_INIT;
        put_forms(&f, s->term[k], s->var[k], s->nvar[k], 5);
        if (f.len)
            sv_buf_printf(out, "; %s forms: %s", s->tag[k], f.ptr);
        sv_buf_free(&f);
    }
}

static void format_tsv(const sv_gloss_entry *v, size_t n, const sv_glossfile_opts *o, sv_buf *out)
{
    for (size_t i = 0; i < n; i++) {
        sides s;
        entry_sides(&v[i], o, &s);
        put_tsv_field(out, s.term[0]);
        sv_buf_putc(out, '\t');
        put_tsv_field(out, s.term[1]);
        sv_buf_putc(out, '\t');
        sv_buf c = SV_BUF_INIT;
        comment(&c, &v[i], &s, 1);
        put_tsv_field(out, sv_buf_cstr(&c));
        sv_buf_free(&c);
        sv_buf_putc(out, '\n');
    }
}

static void put_csv_field(sv_buf *out, const char *s)
{
    sv_buf c = SV_BUF_INIT;
    sv_tmx_clean_append(&c, s, strlen(s), 1);
    const char *t = sv_buf_cstr(&c);
    if (!strpbrk(t, ",\"\r\n")) {
        sv_buf_append(out, t, c.len);
    } else {
        sv_buf_putc(out, '"');
        for (size_t i = 0; i < c.len; i++) {
            if (t[i] == '"')
                sv_buf_putc(out, '"');
            sv_buf_putc(out, t[i]);
        }
        sv_buf_putc(out, '"');
    }
    sv_buf_free(&c);
}

static void format_csv(const sv_gloss_entry *v, size_t n, const sv_glossfile_opts *o, sv_buf *out)
{
    sides s0;
    sv_gloss_entry none;
    memset(&none, 0, sizeof none);
    entry_sides(&none, o, &s0);
    sv_buf_printf(out,
                  "source,target,kind,count,confidence,similarity,dice,source_forms,"
                  "target_forms,source_example,target_example,origin,source_lang,target_lang\r\n");
    for (size_t i = 0; i < n; i++) {
        const sv_gloss_entry *e = &v[i];
        sides s;
        entry_sides(e, o, &s);
        char num[64];
        put_csv_field(out, s.term[0]);
        sv_buf_putc(out, ',');
        put_csv_field(out, s.term[1]);
        snprintf(num, sizeof num, ",%s,%zu,%.3f,%.3f,%.3f,", sv_term_kind_name(e->kind), e->count,
                 e->score, e->similarity, e->dice);
        sv_buf_puts(out, num);
        for (int k = 0; k < 2; k++) {
            sv_buf f = SV_BUF_INIT;
            for (size_t j = 0; j < s.nvar[k]; j++)
                sv_buf_printf(&f, "%s%s (%zu)", j ? "; " : "", s.var[k][j].text, s.var[k][j].count);
            put_csv_field(out, sv_buf_cstr(&f));
            sv_buf_free(&f);
            sv_buf_putc(out, ',');
        }
        put_csv_field(out, s.example[0] ? s.example[0] : "");
        sv_buf_putc(out, ',');
        put_csv_field(out, s.example[1] ? s.example[1] : "");
        sv_buf_putc(out, ',');
        put_csv_field(out, e->example_origin ? e->example_origin : "");
        sv_buf_putc(out, ',');
        put_csv_field(out, s.tag[0]);
        sv_buf_putc(out, ',');
        put_csv_field(out, s.tag[1]);
        sv_buf_puts(out, "\r\n");
    }
}

/* ---- TBX ------------------------------------------------------------------- */

typedef struct {
    xmlTextWriterPtr w;
    int failed;
    sv_buf tmp;
} tbxw;

static void ck(tbxw *t, int rc)
{
    if (rc < 0)
        t->failed = 1;
}

static const char *clean(tbxw *t, const char *s)
{
    sv_buf_reset(&t->tmp);
    sv_tmx_clean_append(&t->tmp, s ? s : "", s ? strlen(s) : 0, 1);
    return sv_buf_cstr(&t->tmp);
}

static void elem(tbxw *t, const char *name, const char *type, const char *text)
{
    ck(t, xmlTextWriterStartElement(t->w, XC(name)));
    if (type)
        ck(t, xmlTextWriterWriteAttribute(t->w, XC("type"), XC(type)));
    ck(t, xmlTextWriterWriteString(t->w, XC(clean(t, text))));
    ck(t, xmlTextWriterEndElement(t->w));
}

static int buf_write(void *ctx, const char *b, int n)
{
    sv_buf_append(ctx, b, (size_t)n);
    return n;
}

static int buf_close(void *ctx)
{
    (void)ctx;
    return 0;
}

static sv_status format_tbx(const sv_gloss_entry *v, size_t n, const sv_glossfile_opts *o,
                            sv_buf *out, sv_diags *diags)
{
    int v3 = o->tbx_version == 3;
    const char *n_root = v3 ? "tbx" : "martif", *n_header = v3 ? "tbxHeader" : "martifHeader";
    const char *n_entry = v3 ? "conceptEntry" : "termEntry", *n_lang = v3 ? "langSec" : "langSet";
    const char *n_term = v3 ? "termSec" : "tig";
    sv_xml_init();
    xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(buf_write, buf_close, out, NULL);
    tbxw t = {ob ? xmlNewTextWriter(ob) : NULL, 0, SV_BUF_INIT};
    if (!t.w) {
        if (ob)
            xmlOutputBufferClose(ob);
        sv_diags_add(diags, SV_ERROR, NULL, 0, 0, -1, "cannot create an XML writer");
        return SV_ERR_XML;
    }
    ck(&t, xmlTextWriterSetIndent(t.w, 1));
    ck(&t, xmlTextWriterSetIndentString(t.w, XC("  ")));
    ck(&t, xmlTextWriterStartDocument(t.w, NULL, "UTF-8", NULL));
    sides s0;
    sv_gloss_entry none;
    memset(&none, 0, sizeof none);
    entry_sides(&none, o, &s0);
    if (v3) {
        ck(&t, xmlTextWriterWritePI(
                   t.w, XC("xml-model"),
                   XC("href=\"https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/"
                      "master/DCA/TBXcoreStructV03_TBX-Basic_integrated.rng\" "
                      "type=\"application/xml\" "
                      "schematypens=\"http://relaxng.org/ns/structure/1.0\"")));
        ck(&t, xmlTextWriterStartElement(t.w, XC(n_root)));
        ck(&t, xmlTextWriterWriteAttribute(t.w, XC("type"), XC("TBX-Basic")));
        ck(&t, xmlTextWriterWriteAttribute(t.w, XC("style"), XC("dca")));
        ck(&t, xmlTextWriterWriteAttribute(t.w, XC("xml:lang"), XC(clean(&t, s0.tag[0]))));
        ck(&t, xmlTextWriterWriteAttribute(t.w, XC("xmlns"), XC("urn:iso:std:iso:30042:ed-2")));
    } else {
        /* written by hand: libxml2 would break the line before SYSTEM */
        ck(&t, xmlTextWriterWriteRaw(t.w, XC("<!DOCTYPE martif SYSTEM \"TBXBasiccoreStructV02.dtd\">\n")));
        ck(&t, xmlTextWriterStartElement(t.w, XC(n_root)));
        ck(&t, xmlTextWriterWriteAttribute(t.w, XC("type"), XC("TBX-Basic-V1")));
        ck(&t, xmlTextWriterWriteAttribute(t.w, XC("xml:lang"), XC(clean(&t, s0.tag[0]))));
    }
    ck(&t, xmlTextWriterStartElement(t.w, XC(n_header)));
    ck(&t, xmlTextWriterStartElement(t.w, XC("fileDesc")));
    ck(&t, xmlTextWriterStartElement(t.w, XC("titleStmt")));
    elem(&t, "title", NULL, o->title ? o->title : "sverka glossary");
    ck(&t, xmlTextWriterEndElement(t.w));
    ck(&t, xmlTextWriterStartElement(t.w, XC("sourceDesc")));
    elem(&t, "p", NULL,
         o->source_desc ? o->source_desc : "Names paired across aligned English and Russian "
                                           "sentences by sverka glossary.");
    ck(&t, xmlTextWriterEndElement(t.w)); /* sourceDesc */
    ck(&t, xmlTextWriterEndElement(t.w)); /* fileDesc */
    if (!v3) {
        ck(&t, xmlTextWriterStartElement(t.w, XC("encodingDesc")));
        elem(&t, "p", "XCSURI", "TBXBasicXCSV02.xcs");
        ck(&t, xmlTextWriterEndElement(t.w));
    }
    ck(&t, xmlTextWriterEndElement(t.w)); /* header */
    ck(&t, xmlTextWriterStartElement(t.w, XC("text")));
    ck(&t, xmlTextWriterStartElement(t.w, XC("body")));
    sv_buf note = SV_BUF_INIT;
    for (size_t i = 0; i < n && !t.failed; i++) {
        const sv_gloss_entry *e = &v[i];
        sides s;
        entry_sides(e, o, &s);
        char id[32];
        snprintf(id, sizeof id, "e%zu", i + 1);
        ck(&t, xmlTextWriterStartElement(t.w, XC(n_entry)));
        ck(&t, xmlTextWriterWriteAttribute(t.w, XC("id"), XC(id)));
        elem(&t, "descrip", "subjectField", sv_term_kind_name(e->kind));
        sv_buf_reset(&note);
        comment(&note, e, &s, 0);
        if (e->example_origin)
            sv_buf_printf(&note, "; example from %s", e->example_origin);
        elem(&t, "note", NULL, sv_buf_cstr(&note));
        for (int k = 0; k < 2; k++) {
            ck(&t, xmlTextWriterStartElement(t.w, XC(n_lang)));
            ck(&t, xmlTextWriterWriteAttribute(t.w, XC("xml:lang"), XC(clean(&t, s.tag[k]))));
            ck(&t, xmlTextWriterStartElement(t.w, XC(n_term)));
            elem(&t, "term", NULL, s.term[k]);
            elem(&t, "termNote", "partOfSpeech", "properNoun");
            if (s.example[k] && *s.example[k])
                elem(&t, "descrip", "context", s.example[k]);
            sv_buf_reset(&note);
            put_forms(&note, s.term[k], s.var[k], s.nvar[k], 10);
            if (note.len) {
                sv_buf f = SV_BUF_INIT;
                sv_buf_printf(&f, "forms seen: %s", note.ptr);
                elem(&t, "note", NULL, f.ptr);
                sv_buf_free(&f);
            }
            ck(&t, xmlTextWriterEndElement(t.w)); /* tig / termSec */
            ck(&t, xmlTextWriterEndElement(t.w)); /* langSet / langSec */
        }
        ck(&t, xmlTextWriterEndElement(t.w)); /* entry */
    }
    sv_buf_free(&note);
    ck(&t, xmlTextWriterEndDocument(t.w));
    xmlFreeTextWriter(t.w);
    sv_buf_free(&t.tmp);
    if (t.failed) {
        sv_diags_add(diags, SV_ERROR, NULL, 0, 0, -1, "libxml2 failed while writing the TBX");
        return SV_ERR_XML;
    }
    return SV_OK;
}

sv_status sv_glossfile_format_buf(const sv_gloss_entry *v, size_t n, const sv_glossfile_opts *o,
                                  sv_buf *out, sv_diags *diags)
{
    sv_glossfile_opts d;
    if (!o) {
        sv_glossfile_opts_init(&d);
        o = &d;
    }
    switch (o->format) {
    case SV_GLOSS_TBX:
        if (o->tbx_version != 2 && o->tbx_version != 3) {
            sv_diags_add(diags, SV_ERROR, NULL, 0, 0, -1, "TBX version %d: 2 or 3 only",
                         o->tbx_version);
            return SV_ERR_ARG;
        }
        return format_tbx(v, n, o, out, diags);
    case SV_GLOSS_CSV: format_csv(v, n, o, out); return SV_OK;
    default: format_tsv(v, n, o, out); return SV_OK;
    }
}

sv_status sv_glossfile_write(const sv_gloss_entry *v, size_t n, const char *path,
                             const sv_glossfile_opts *o, sv_diags *diags)
{
    sv_buf b = SV_BUF_INIT;
    sv_status st = sv_glossfile_format_buf(v, n, o, &b, diags);
    sv_out *out = NULL;
    if (st == SV_OK)
        st = sv_out_open(path, &out, diags);
    if (st == SV_OK) {
        if (b.len)
            fwrite(b.ptr, 1, b.len, sv_out_file(out));
        st = sv_out_commit(out, diags);
    }
    sv_buf_free(&b);
    return st;
}
