/* tmx.c - TMX 1.4b writer and streaming TMX 1.1-1.4 reader (libxml2).
 *
 * Sits at the end of the pipeline: the aligner's links, the TM store's
 * exports and `sverka tm merge` are written here; `tm import`, `check` and
 * `glossary --from-tmx` read through here.  The writer never hands libxml2
 * a string it has not cleaned; the reader never lets libxml2 load a DTD or
 * expand an entity (see base/xmlsafe.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "tmx.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>

#include "../base/fileio.h"
#include "../base/mem.h"
#include "../base/utf8.h"
#include "../base/xmlsafe.h"
#include "hash.h"

#define XC(s) ((const xmlChar *)(s))

#ifndef SV_VERSION
#define SV_VERSION "0.0.0"
#endif

int sv_tmx_is_marker(unsigned long cp)
{
    return cp >= SV_TMX_MARK_OPEN && cp <= SV_TMX_MARK_ALONE;
}

void sv_tu_init(sv_tu *tu)
{
    memset(tu, 0, sizeof *tu);
    tu->score = -1;
}

int sv_tmx_lang_match(const char *want, const char *tag)
{
    if (!want || !tag)
        return 0;
    size_t n = strlen(want);
    for (size_t i = 0; i < n; i++) {
        char a = want[i] == '_' ? '-' : (char)tolower((unsigned char)want[i]);
        char b = tag[i] == '_' ? '-' : (char)tolower((unsigned char)tag[i]);
        if (a != b || tag[i] == '\0')
            return 0;
    }
    return tag[n] == '\0' || tag[n] == '-' || tag[n] == '_';
}

size_t sv_tmx_marker_count(const char *text, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i + 2 < len; i++)
        if ((unsigned char)text[i] == 0xEF && (unsigned char)text[i + 1] == 0xB7 &&
            (unsigned char)text[i + 2] >= 0x90 && (unsigned char)text[i + 2] <= 0x92)
            n++, i += 2;
    return n;
}

void sv_tmx_text_render(const char *text, size_t len, sv_tmx_render how, sv_buf *out)
{
    /* Paired tags get the number of their opening marker; a stack of open
     * numbers matches closes to opens (an unmatched close gets its own). */
    size_t stack[64], depth = 0, next = 1, i = 0, run = 0;
    while (i < len) {
        size_t adv;
        long cp = sv_utf8_decode(text + i, len - i, &adv);
        if (cp < 0 || !sv_tmx_is_marker((unsigned long)cp)) {
            i += adv;
            continue;
        }
        sv_buf_append(out, text + run, i - run);
        if (how == SV_TMX_RENDER_TAGS) {
            if (cp == SV_TMX_MARK_OPEN) {
                size_t k = next++;
                if (depth < 64)
                    stack[depth++] = k;
                sv_buf_printf(out, "{%zu}", k);
            } else if (cp == SV_TMX_MARK_CLOSE) {
                size_t k = depth > 0 ? stack[--depth] : next++;
                sv_buf_printf(out, "{/%zu}", k);
            } else {
                sv_buf_printf(out, "{%zu/}", next++);
            }
        }
        i += adv;
        run = i;
    }
    sv_buf_append(out, text + run, len - run);
}

/* ---- dates --------------------------------------------------------- */

static int days_in_month(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return d[m - 1];
}

static int fields_ok(int y, int mo, int d, int h, int mi, int s)
{
    return y >= 1 && y <= 9999 && mo >= 1 && mo <= 12 && d >= 1 && d <= days_in_month(y, mo) &&
           h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && s >= 0 && s <= 60;
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

int sv_tmx_date_ok(const char *s)
{
    int y, mo, d, h, mi, se;
    if (!s || strlen(s) != 16 || s[8] != 'T' || s[15] != 'Z')
        return 0;
    if (digits(s, 4, &y) || digits(s + 4, 2, &mo) || digits(s + 6, 2, &d) ||
        digits(s + 9, 2, &h) || digits(s + 11, 2, &mi) || digits(s + 13, 2, &se))
        return 0;
    return fields_ok(y, mo, d, h, mi, se);
}

static void format_date(char out[17], int y, int mo, int d, int h, int mi, int s)
{
    char b[64];
    snprintf(b, sizeof b, "%04d%02d%02dT%02d%02d%02dZ", y, mo, d, h, mi, s);
    memcpy(out, b, 16);
    out[16] = '\0';
}

static void format_epoch(long long t, char out[17])
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    format_date(out, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
}

static int parse_epoch(const char *s, long long *t)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    /* year 9999 at most, so the date stays four digits */
    if (errno || end == s || *end || v < 0 || v > 253402300799LL)
        return -1;
    *t = v;
    return 0;
}

int sv_tmx_date_parse(const char *in, char out[17])
{
    if (!in)
        return -1;
    if (sv_tmx_date_ok(in)) {
        memcpy(out, in, 17);
        return 0;
    }
    if (in[0] == '@') {
        long long t;
        if (parse_epoch(in + 1, &t))
            return -1;
        format_epoch(t, out);
        return 0;
    }
    /* ISO 8601: YYYY-MM-DD[THH:MM[:SS]][Z] */
    int y, mo, d, h = 0, mi = 0, se = 0;
    size_t n = strlen(in);
    if (n < 10 || in[4] != '-' || in[7] != '-' || digits(in, 4, &y) ||
        digits(in + 5, 2, &mo) || digits(in + 8, 2, &d))
        return -1;
    const char *p = in + 10;
    if (*p == 'T' || *p == ' ') {
        if (strlen(p) < 6 || p[3] != ':' || digits(p + 1, 2, &h) || digits(p + 4, 2, &mi))
            return -1;
        p += 6;
        if (*p == ':') {
            if (digits(p + 1, 2, &se))
                return -1;
            p += 3;
        }
    }
    if (*p == 'Z')
        p++;
    if (*p || !fields_ok(y, mo, d, h, mi, se))
        return -1;
    format_date(out, y, mo, d, h, mi, se);
    return 0;
}

sv_status sv_tmx_date_default(char out[17], sv_diags *diags)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        long long t;
        if (parse_epoch(sde, &t)) {
            sv_diags_add(diags, SV_ERROR, NULL, 0, 0, -1,
                         "SOURCE_DATE_EPOCH='%s' is not a number of seconds", sde);
            return SV_ERR_ARG;
        }
        format_epoch(t, out);
        return SV_OK;
    }
    format_epoch((long long)time(NULL), out);
    return SV_OK;
}

/* ---- cleaning ------------------------------------------------------ */

/* Appends s to out keeping only what XML 1.0 allows: invalid UTF-8 becomes
 * U+FFFD, forbidden characters (C0 controls, U+FFFE/FFFF, lone surrogates)
 * are dropped, and so are markers when strip_markers is set (they stand
 * for inline codes we cannot write without their markup).  Returns the
 * number of changes. */
static size_t clean_append(sv_buf *out, const char *s, size_t len, int strip_markers)
{
    size_t fixes = 0, i = 0, run = 0;
    sv_buf_reserve(out, len);
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x80) {
            i++;
            continue;
        }
        size_t adv;
        long cp = sv_utf8_decode(s + i, len - i, &adv);
        int ok = cp >= 0 && sv_xml_char_ok((unsigned long)cp);
        int marker = cp >= 0 && sv_tmx_is_marker((unsigned long)cp);
        if (ok && !(marker && strip_markers)) {
            i += adv;
            continue;
        }
        sv_buf_append(out, s + run, i - run);
        if (cp < 0)
            sv_buf_puts(out, "\xEF\xBF\xBD");
        if (!marker)
            fixes++;
        i += adv;
        run = i;
    }
    sv_buf_append(out, s + run, len - run);
    return fixes;
}

size_t sv_tmx_clean_append(sv_buf *out, const char *s, size_t len, int strip_markers)
{
    return clean_append(out, s, len, strip_markers);
}

/* ---- writer -------------------------------------------------------- */

void sv_tmx_header_init(sv_tmx_header *h)
{
    memset(h, 0, sizeof *h);
    h->srclang = "en-US";
    h->tgtlang = "ru-RU";
    h->datatype = "plaintext";
    h->adminlang = "en-US";
    h->o_tmf = "sverka";
    h->segtype = "sentence";
    h->indent = 1;
}

struct sv_tmx_writer {
    sv_out *out;            /* NULL when writing to a buffer */
    xmlTextWriterPtr xw;
    int failed;             /* a libxml2 call failed: the output is unusable */
    int failed_errno;       /* errno when it failed */
    int reported;           /* the failure is in the diagnostics */
    int indent;
    char *srclang, *tgtlang, *srcdoc, *tgtdoc;
    size_t count, next_id;
    sv_strset *tuids;
    sv_buf tmp;             /* one cleaned string at a time */
    sv_buf id;
};

static int out_write(void *ctx, const char *b, int n)
{
    FILE *f = ctx;
    return fwrite(b, 1, (size_t)n, f) == (size_t)n ? n : -1;
}

static int buf_write(void *ctx, const char *b, int n)
{
    sv_buf_append(ctx, b, (size_t)n);
    return n;
}

static int io_close_none(void *ctx)
{
    (void)ctx;
    return 0;
}

/* Checks a libxml2 writer call's result; remembers the first failure. */
static void ck(sv_tmx_writer *w, int rc)
{
    if (rc < 0 && !w->failed) {
        w->failed = 1;
        w->failed_errno = errno;
    }
}

/* Reports a failed writer once; returns SV_ERR_IO. */
static sv_status write_failed(sv_tmx_writer *w, sv_diags *diags)
{
    if (!w->reported) {
        w->reported = 1;
        sv_diags_add(diags, SV_ERROR, w->out ? sv_out_path(w->out) : NULL, 0, 0, -1,
                     "write failed (%s); the previous file, if any, is unchanged",
                     w->failed_errno ? strerror(w->failed_errno) : "output error");
    }
    return SV_ERR_IO;
}

/* A cleaned, NUL-terminated copy of s in w->tmp (valid until the next call). */
static const char *cleaned(sv_tmx_writer *w, const char *s, size_t len, int strip, size_t *fixes)
{
    sv_buf_reset(&w->tmp);
    size_t f = clean_append(&w->tmp, s ? s : "", s ? len : 0, strip);
    if (fixes)
        *fixes += f;
    return sv_buf_cstr(&w->tmp);
}

static void attr(sv_tmx_writer *w, const char *name, const char *value, size_t *fixes)
{
    if (!value)
        return;
    const char *v = cleaned(w, value, strlen(value), 1, fixes);
    ck(w, xmlTextWriterWriteAttribute(w->xw, XC(name), XC(v)));
}

static void newline(sv_tmx_writer *w, int level)
{
    if (!w->indent)
        return;
    char sp[32];
    int n = level * 2 > 28 ? 28 : level * 2;
    sp[0] = '\n';
    memset(sp + 1, ' ', (size_t)n);
    sp[n + 1] = '\0';
    ck(w, xmlTextWriterWriteRaw(w->xw, XC(sp)));
}

static void text_elem(sv_tmx_writer *w, const char *elem, const char *attr_name,
                      const char *attr_value, const char *lang, const char *text, int level,
                      size_t *fixes)
{
    newline(w, level);
    ck(w, xmlTextWriterStartElement(w->xw, XC(elem)));
    if (attr_name)
        attr(w, attr_name, attr_value, fixes);
    if (lang && *lang)
        attr(w, "xml:lang", lang, fixes);
    const char *v = cleaned(w, text, strlen(text), 1, fixes);
    ck(w, xmlTextWriterWriteString(w->xw, XC(v)));
    ck(w, xmlTextWriterEndElement(w->xw));
}

static void prop(sv_tmx_writer *w, const char *type, const char *value, const char *lang,
                 int level, size_t *fixes)
{
    if (!type || !*type || !value)
        return;
    text_elem(w, "prop", "type", type, lang, value, level, fixes);
}

static void extra_props_notes(sv_tmx_writer *w, const sv_tmx_extra *x, int level, size_t *fixes)
{
    for (size_t i = 0; i < x->nprops; i++)
        prop(w, x->props[i].name, x->props[i].value, x->props[i].lang, level, fixes);
    for (size_t i = 0; i < x->nnotes; i++)
        if (x->notes[i].value)
            text_elem(w, "note", NULL, NULL, x->notes[i].lang, x->notes[i].value, level, fixes);
}

static int name_in(const char *name, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(name, *list) == 0)
            return 1;
    return 0;
}

/* Attributes the TMX 1.4 DTD allows on <tu> and <tuv> besides tuid and
 * xml:lang, which have fields of their own. */
static const char *const tu_attrs[] = {
    "o-encoding", "datatype", "usagecount", "lastusagedate", "creationtool",
    "creationtoolversion", "creationdate", "creationid", "changedate", "segtype",
    "changeid", "o-tmf", "srclang", NULL};
static const char *const tuv_attrs[] = {
    "o-encoding", "datatype", "usagecount", "lastusagedate", "creationtool",
    "creationtoolversion", "creationdate", "creationid", "changedate", "o-tmf",
    "changeid", NULL};

static void extra_attrs(sv_tmx_writer *w, const sv_tmx_extra *x, const char *const *allowed,
                        size_t *fixes)
{
    for (size_t i = 0; i < x->nattrs; i++) {
        const char *n = x->attrs[i].name, *v = x->attrs[i].value;
        if (!n || !v || !name_in(n, allowed))
            continue;
        int dup = 0;
        for (size_t j = 0; j < i; j++)
            dup |= x->attrs[j].name && strcmp(x->attrs[j].name, n) == 0;
        if (dup)
            continue;
        if ((strstr(n, "date") != NULL) && !sv_tmx_date_ok(v))
            continue; /* tools reject malformed dates; they carry nothing */
        if (strcmp(n, "segtype") == 0 && !name_in(v, (const char *const[]){
                                                         "block", "paragraph", "sentence",
                                                         "phrase", NULL}))
            continue;
        attr(w, n, v, fixes);
    }
}

/* Inline markup: which elements may appear where (TMX 1.4 DTD), and
 * which attributes each may carry. */
static int inline_allowed(const char *parent, const char *child)
{
    static const char *const flow[] = {"bpt", "ept", "it", "ph", "hi", "ut", NULL};
    if (!strcmp(parent, "seg") || !strcmp(parent, "hi") || !strcmp(parent, "sub"))
        return name_in(child, flow);
    if (name_in(parent, (const char *const[]){"bpt", "ept", "it", "ph", "ut", NULL}))
        return strcmp(child, "sub") == 0;
    return 0;
}

static const char *const *inline_attr_list(const char *elem)
{
    static const char *const bpt[] = {"i", "x", "type", NULL};
    static const char *const ept[] = {"i", NULL};
    static const char *const sub[] = {"datatype", "type", NULL};
    static const char *const it[] = {"pos", "x", "type", NULL};
    static const char *const ph[] = {"x", "assoc", "type", NULL};
    static const char *const hi[] = {"x", "type", NULL};
    static const char *const ut[] = {"x", NULL};
    static const char *const none[] = {NULL};
    if (!strcmp(elem, "bpt")) return bpt;
    if (!strcmp(elem, "ept")) return ept;
    if (!strcmp(elem, "sub")) return sub;
    if (!strcmp(elem, "it")) return it;
    if (!strcmp(elem, "ph")) return ph;
    if (!strcmp(elem, "hi")) return hi;
    if (!strcmp(elem, "ut")) return ut;
    return none;
}

static const char *required_attr(const char *elem)
{
    if (!strcmp(elem, "bpt") || !strcmp(elem, "ept"))
        return "i";
    if (!strcmp(elem, "it"))
        return "pos";
    return NULL;
}

/* Walks the markup of one segment.  With emit == 0 it only checks that the
 * markup parses; with emit == 1 it writes it into the open <seg>.
 * Returns 0 when the markup is well-formed. */
static int walk_markup(sv_tmx_writer *w, const char *xml, size_t len, int emit, size_t *fixes)
{
    sv_buf doc = SV_BUF_INIT;
    sv_buf_puts(&doc, "<seg>");
    sv_buf_append(&doc, xml, len);
    sv_buf_puts(&doc, "</seg>");
    if (doc.len > INT_MAX) {
        sv_buf_free(&doc);
        return -1;
    }
    sv_xml_init();
    xmlTextReaderPtr r = xmlReaderForMemory(doc.ptr, (int)doc.len, NULL, "UTF-8",
                                            sv_xml_safe_options());
    if (!r) {
        sv_buf_free(&doc);
        return -1;
    }
    /* For each open element: was it written (1), dropped with its tags only
     * (0), or dropped with everything inside (2)? */
    enum { STACK = 256 };
    signed char kept[STACK];
    char names[STACK][8];
    int depth = 0, skip_depth = -1, rc, bad = 0;
    while ((rc = xmlTextReaderRead(r)) == 1) {
        int type = xmlTextReaderNodeType(r);
        int d = xmlTextReaderDepth(r);
        if (type == XML_READER_TYPE_ENTITY_REFERENCE || type == XML_READER_TYPE_DOCUMENT_TYPE) {
            bad = 1;
            break;
        }
        if (d == 0)
            continue; /* the <seg> wrapper */
        if (skip_depth >= 0) {
            if (d > skip_depth || (d == skip_depth && type != XML_READER_TYPE_END_ELEMENT))
                continue;
            skip_depth = -1;
            depth--;
            continue;
        }
        if (type == XML_READER_TYPE_ELEMENT) {
            const char *name = (const char *)xmlTextReaderConstName(r);
            const char *parent = depth == 0 ? "seg" : names[depth - 1];
            int empty = xmlTextReaderIsEmptyElement(r);
            if (depth >= STACK - 1) {
                bad = 1;
                break;
            }
            int keep = inline_allowed(parent, name) ? 1 : 0;
            const char *req = required_attr(name);
            if (keep && req) {
                xmlChar *v = xmlTextReaderGetAttribute(r, XC(req));
                if (!v)
                    keep = 2;
                xmlFree(v);
            }
            if (!keep && name_in(name, (const char *const[]){"bpt", "ept", "it", "ph", "ut",
                                                             "sub", NULL}))
                keep = 2; /* a code out of place: its content is native markup */
            snprintf(names[depth], sizeof names[depth], "%s", strlen(name) < 8 ? name : "?");
            if (keep == 1 && emit) {
                ck(w, xmlTextWriterStartElement(w->xw, XC(name)));
                const char *const *al = inline_attr_list(name);
                for (int more = xmlTextReaderMoveToFirstAttribute(r); more == 1;
                     more = xmlTextReaderMoveToNextAttribute(r)) {
                    const char *an = (const char *)xmlTextReaderConstName(r);
                    const char *av = (const char *)xmlTextReaderConstValue(r);
                    if (an && av && name_in(an, al))
                        attr(w, an, av, fixes);
                }
                xmlTextReaderMoveToElement(r);
            }
            if (keep == 2 && !empty) {
                skip_depth = d;
                depth++;
                continue;
            }
            if (empty) {
                if (keep == 1 && emit)
                    ck(w, xmlTextWriterEndElement(w->xw));
            } else {
                kept[depth++] = (signed char)keep;
            }
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            if (depth > 0 && kept[--depth] == 1 && emit)
                ck(w, xmlTextWriterEndElement(w->xw));
        } else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
                   type == XML_READER_TYPE_WHITESPACE ||
                   type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
            if (emit) {
                const char *v = (const char *)xmlTextReaderConstValue(r);
                if (v) {
                    const char *c = cleaned(w, v, strlen(v), 1, fixes);
                    ck(w, xmlTextWriterWriteString(w->xw, XC(c)));
                }
            }
        }
    }
    if (rc != 0)
        bad = 1;
    xmlFreeTextReader(r);
    sv_buf_free(&doc);
    return bad ? -1 : 0;
}

static int blank_text(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t adv;
        long cp = sv_utf8_decode(s + i, len - i, &adv);
        if (cp >= 0 && !sv_is_space((unsigned long)cp) && !sv_tmx_is_marker((unsigned long)cp) &&
            sv_xml_char_ok((unsigned long)cp))
            return 0;
        if (cp < 0)
            return 0;
        i += adv;
    }
    return 1;
}

static void write_seg(sv_tmx_writer *w, const char *text, size_t len, const char *xml,
                      size_t xml_len, const char *tuid, sv_diags *diags, size_t *fixes)
{
    ck(w, xmlTextWriterStartElement(w->xw, XC("seg")));
    int done = 0;
    if (xml && xml_len > 0) {
        if (walk_markup(w, xml, xml_len, 0, fixes) == 0) {
            walk_markup(w, xml, xml_len, 1, fixes);
            done = 1;
        } else {
            sv_diags_add(diags, SV_WARNING, NULL, 0, 0, -1,
                         "TU %s: inline markup is not well-formed; writing the plain text",
                         tuid);
        }
    }
    if (!done) {
        const char *v = cleaned(w, text, len, 1, fixes);
        ck(w, xmlTextWriterWriteString(w->xw, XC(v)));
    }
    ck(w, xmlTextWriterEndElement(w->xw));
}

static void write_tuv(sv_tmx_writer *w, const char *lang, const sv_tmx_extra *x,
                      const char *text, size_t len, const char *xml, size_t xml_len,
                      const char *tuid, sv_diags *diags, size_t *fixes)
{
    newline(w, 3);
    ck(w, xmlTextWriterStartElement(w->xw, XC("tuv")));
    attr(w, "xml:lang", lang, fixes);
    extra_attrs(w, x, tuv_attrs, fixes);
    if (x->nprops || x->nnotes) {
        extra_props_notes(w, x, 4, fixes);
        newline(w, 4);
    }
    write_seg(w, text, len, xml, xml_len, tuid, diags, fixes);
    ck(w, xmlTextWriterEndElement(w->xw));
}

static void start_header(sv_tmx_writer *w, const sv_tmx_header *h, const char *date)
{
    size_t fixes = 0;
    ck(w, xmlTextWriterStartDocument(w->xw, "1.0", "UTF-8", NULL));
    ck(w, xmlTextWriterWriteDTD(w->xw, XC("tmx"), NULL, XC("tmx14.dtd"), NULL));
    ck(w, xmlTextWriterWriteRaw(w->xw, XC("\n")));
    ck(w, xmlTextWriterStartElement(w->xw, XC("tmx")));
    attr(w, "version", "1.4", &fixes);
    newline(w, 1);
    ck(w, xmlTextWriterStartElement(w->xw, XC("header")));
    attr(w, "creationtool", "sverka", &fixes);
    attr(w, "creationtoolversion", SV_VERSION, &fixes);
    attr(w, "segtype", h->segtype, &fixes);
    attr(w, "o-tmf", h->o_tmf, &fixes);
    attr(w, "adminlang", h->adminlang, &fixes);
    attr(w, "srclang", w->srclang, &fixes);
    attr(w, "datatype", h->datatype, &fixes);
    attr(w, "creationdate", date, &fixes);
    int children = 0;
    if (h->srcdoc)
        prop(w, "x-sverka-srcdoc", h->srcdoc, NULL, 2, &fixes), children = 1;
    if (h->tgtdoc)
        prop(w, "x-sverka-tgtdoc", h->tgtdoc, NULL, 2, &fixes), children = 1;
    if (h->note)
        text_elem(w, "note", NULL, NULL, NULL, h->note, 2, &fixes), children = 1;
    if (children)
        newline(w, 1);
    ck(w, xmlTextWriterEndElement(w->xw));
    newline(w, 1);
    ck(w, xmlTextWriterStartElement(w->xw, XC("body")));
}

static sv_status check_header(const sv_tmx_header *h, sv_diags *diags)
{
    const char *need[] = {h->srclang, h->tgtlang, h->datatype, h->adminlang, h->o_tmf,
                          h->segtype};
    const char *names[] = {"srclang", "tgtlang", "datatype", "adminlang", "o-tmf", "segtype"};
    for (size_t i = 0; i < 6; i++)
        if (!need[i] || !*need[i]) {
            sv_diags_add(diags, SV_ERROR, NULL, 0, 0, -1, "TMX header: %s must not be empty",
                         names[i]);
            return SV_ERR_ARG;
        }
    if (!name_in(h->segtype, (const char *const[]){"block", "paragraph", "sentence", "phrase",
                                                   NULL})) {
        sv_diags_add(diags, SV_ERROR, NULL, 0, 0, -1,
                     "TMX header: segtype '%s' is not block, paragraph, sentence or phrase",
                     h->segtype);
        return SV_ERR_ARG;
    }
    if (h->creationdate && !sv_tmx_date_ok(h->creationdate)) {
        sv_diags_add(diags, SV_ERROR, NULL, 0, 0, -1,
                     "TMX header: creationdate '%s' is not YYYYMMDDThhmmssZ", h->creationdate);
        return SV_ERR_ARG;
    }
    return SV_OK;
}

static sv_status writer_start(sv_out *out, sv_buf *buf, const sv_tmx_header *hin,
                              sv_tmx_writer **wp, sv_diags *diags)
{
    sv_tmx_header h;
    if (hin)
        h = *hin;
    else
        sv_tmx_header_init(&h);
    sv_status st = check_header(&h, diags);
    char date[17];
    if (st == SV_OK) {
        if (h.creationdate)
            memcpy(date, h.creationdate, 17);
        else
            st = sv_tmx_date_default(date, diags);
    }
    if (st != SV_OK) {
        sv_out_abort(out);
        return st;
    }
    sv_xml_init();
    xmlOutputBufferPtr ob = out ? xmlOutputBufferCreateIO(out_write, io_close_none,
                                                          sv_out_file(out), NULL)
                                : xmlOutputBufferCreateIO(buf_write, io_close_none, buf, NULL);
    xmlTextWriterPtr xw = ob ? xmlNewTextWriter(ob) : NULL;
    if (!xw) {
        if (ob)
            xmlOutputBufferClose(ob);
        sv_out_abort(out);
        sv_diags_add(diags, SV_ERROR, NULL, 0, 0, -1, "cannot create an XML writer");
        return SV_ERR_XML;
    }
    sv_tmx_writer *w = xcalloc(1, sizeof *w);
    w->out = out;
    w->xw = xw;
    w->indent = h.indent;
    w->srclang = xstrdup(h.srclang);
    w->tgtlang = xstrdup(h.tgtlang);
    w->srcdoc = h.srcdoc ? xstrdup(h.srcdoc) : NULL;
    w->tgtdoc = h.tgtdoc ? xstrdup(h.tgtdoc) : NULL;
    w->tuids = sv_strset_new();
    w->next_id = 1;
    start_header(w, &h, date);
    *wp = w;
    return SV_OK;
}

sv_status sv_tmx_writer_open(const char *path, const sv_tmx_header *h, sv_tmx_writer **w,
                             sv_diags *diags)
{
    sv_out *out;
    sv_status st = sv_out_open(path, &out, diags);
    if (st != SV_OK)
        return st;
    return writer_start(out, NULL, h, w, diags);
}

sv_status sv_tmx_writer_open_buf(sv_buf *out, const sv_tmx_header *h, sv_tmx_writer **w,
                                 sv_diags *diags)
{
    return writer_start(NULL, out, h, w, diags);
}

/* A tuid not written before: the given one, or it with a suffix, or the
 * next free number. */
static const char *unique_tuid(sv_tmx_writer *w, const char *want, size_t *fixes)
{
    sv_buf_reset(&w->id);
    if (want && *want) {
        clean_append(&w->id, want, strlen(want), 1);
        if (sv_strset_add(w->tuids, sv_buf_cstr(&w->id)))
            return sv_buf_cstr(&w->id);
        size_t base = w->id.len;
        for (unsigned k = 2;; k++) {
            w->id.len = base;
            sv_buf_printf(&w->id, ".%u", k);
            if (sv_strset_add(w->tuids, sv_buf_cstr(&w->id)))
                return sv_buf_cstr(&w->id);
        }
    }
    (void)fixes;
    for (;;) {
        sv_buf_reset(&w->id);
        sv_buf_printf(&w->id, "%zu", w->next_id++);
        if (sv_strset_add(w->tuids, sv_buf_cstr(&w->id)))
            return sv_buf_cstr(&w->id);
    }
}

/* The shortest decimal form that reads back as the same double. */
static void format_score(double v, char out[32])
{
    for (int p = 1; p <= 17; p++) {
        snprintf(out, 32, "%.*g", p, v);
        if (strtod(out, NULL) == v)
            return;
    }
}

static int differs(const char *a, const char *b)
{
    return a && (!b || strcmp(a, b) != 0);
}

sv_status sv_tmx_write_tu(sv_tmx_writer *w, const sv_tu *tu, sv_diags *diags)
{
    if (w->failed)
        return write_failed(w, diags);
    int src_blank = blank_text(tu->src ? tu->src : "", tu->src ? tu->src_len : 0) &&
                    !(tu->src_xml && tu->src_xml_len);
    int tgt_blank = blank_text(tu->tgt ? tu->tgt : "", tu->tgt ? tu->tgt_len : 0) &&
                    !(tu->tgt_xml && tu->tgt_xml_len);
    if (src_blank || tgt_blank) {
        sv_diags_add(diags, SV_ERROR, NULL, 0, 0, -1, "TU %s: empty %s segment not written",
                     tu->tuid ? tu->tuid : "(no tuid)", src_blank ? "source" : "target");
        return SV_ERR_ARG;
    }
    size_t fixes = 0;
    char *tuid = xstrdup(unique_tuid(w, tu->tuid, &fixes));
    if (tu->tuid && *tu->tuid && strcmp(tuid, tu->tuid) != 0)
        sv_diags_add(diags, SV_NOTE, NULL, 0, 0, -1, "tuid %s was used before; written as %s",
                     tu->tuid, tuid);
    newline(w, 2);
    ck(w, xmlTextWriterStartElement(w->xw, XC("tu")));
    attr(w, "tuid", tuid, &fixes);
    extra_attrs(w, &tu->tu, tu_attrs, &fixes);
    if (tu->score >= 0 && isfinite(tu->score)) {
        char s[32];
        format_score(tu->score, s);
        prop(w, "x-sverka-score", s, NULL, 3, &fixes);
    }
    if (tu->bead)
        prop(w, "x-sverka-bead", tu->bead, NULL, 3, &fixes);
    if (differs(tu->srcdoc, w->srcdoc))
        prop(w, "x-sverka-srcdoc", tu->srcdoc, NULL, 3, &fixes);
    if (differs(tu->tgtdoc, w->tgtdoc))
        prop(w, "x-sverka-tgtdoc", tu->tgtdoc, NULL, 3, &fixes);
    extra_props_notes(w, &tu->tu, 3, &fixes);
    if (tu->note)
        text_elem(w, "note", NULL, NULL, NULL, tu->note, 3, &fixes);
    write_tuv(w, tu->srclang ? tu->srclang : w->srclang, &tu->src_extra, tu->src, tu->src_len,
              tu->src_xml, tu->src_xml_len, tuid, diags, &fixes);
    write_tuv(w, tu->tgtlang ? tu->tgtlang : w->tgtlang, &tu->tgt_extra, tu->tgt, tu->tgt_len,
              tu->tgt_xml, tu->tgt_xml_len, tuid, diags, &fixes);
    newline(w, 2);
    ck(w, xmlTextWriterEndElement(w->xw));
    if (fixes)
        sv_diags_add(diags, SV_WARNING, NULL, 0, 0, -1,
                     "TU %s: %zu invalid UTF-8 sequence(s) or character(s) XML forbids were "
                     "replaced or dropped",
                     tuid, fixes);
    free(tuid);
    w->count++;
    return w->failed ? write_failed(w, diags) : SV_OK;
}

size_t sv_tmx_writer_count(const sv_tmx_writer *w)
{
    return w->count;
}

static void writer_release(sv_tmx_writer *w)
{
    sv_strset_free(w->tuids);
    sv_buf_free(&w->tmp);
    sv_buf_free(&w->id);
    free(w->srclang);
    free(w->tgtlang);
    free(w->srcdoc);
    free(w->tgtdoc);
    free(w);
}

sv_status sv_tmx_writer_close(sv_tmx_writer *w, sv_diags *diags)
{
    newline(w, 1);
    ck(w, xmlTextWriterEndElement(w->xw)); /* body */
    ck(w, xmlTextWriterWriteRaw(w->xw, XC("\n")));
    ck(w, xmlTextWriterEndElement(w->xw)); /* tmx */
    ck(w, xmlTextWriterEndDocument(w->xw));
    ck(w, xmlTextWriterFlush(w->xw));
    xmlFreeTextWriter(w->xw);
    w->xw = NULL;
    sv_status st = SV_OK;
    if (w->out) {
        if (w->failed) {
            st = write_failed(w, diags);
            sv_out_abort(w->out);
        } else {
            st = sv_out_commit(w->out, diags);
        }
    } else if (w->failed) {
        st = write_failed(w, diags);
    }
    writer_release(w);
    return st;
}

void sv_tmx_writer_abort(sv_tmx_writer *w)
{
    if (!w)
        return;
    if (w->xw)
        xmlFreeTextWriter(w->xw);
    sv_out_abort(w->out);
    writer_release(w);
}

/* ---- reader -------------------------------------------------------- */

void sv_tmx_read_opts_init(sv_tmx_read_opts *o)
{
    o->srclang = "en";
    o->tgtlang = "ru";
    o->max_tu_bytes = (size_t)16 << 20;
}

typedef struct {
    sv_tmx_item *v;
    size_t n, cap;
} items;

typedef struct {
    const char *lang;
    items attrs, props, notes;
    sv_buf text, xml;
    int has_seg, has_xml;
} tuv_buf;

enum { WARN_MAX = 5, HEAD_MAX = 65536 };

struct sv_tmx_reader {
    xmlTextReaderPtr xr;
    char *name;
    int fd, close_fd;
    char *head_owned;
    const char *pre;        /* bytes handed to libxml2 before reading fd */
    size_t pre_len, pre_pos;
    unsigned long long offset;
    char *srclang, *tgtlang;
    size_t max_tu;
    sv_status err;
    int at_end;
    sv_diags *diags;        /* where the libxml2 error handler reports */
    int xml_reported;
    sv_arena *harena;
    sv_tmx_info info;
    items hattrs, hprops, hnotes;
    sv_arena *arena;        /* the current TU's strings */
    sv_tu tu;
    items tattrs, tprops, tnotes;
    tuv_buf *tuvs;
    size_t ntuv, tuvcap;
    size_t tu_bytes;
    int too_big;
    size_t fixes;
    sv_buf scratch;
    int *stack;             /* kinds of the open elements inside a <seg> */
    size_t nstack, stackcap;
    sv_tmx_counts counts;
    size_t warned[4];
    int warned_unknown;
};

static int io_read(void *ctx, char *buf, int len)
{
    sv_tmx_reader *r = ctx;
    if (len <= 0)
        return 0;
    if (r->pre_pos < r->pre_len) {
        size_t n = r->pre_len - r->pre_pos;
        if (n > (size_t)len)
            n = (size_t)len;
        memcpy(buf, r->pre + r->pre_pos, n);
        r->pre_pos += n;
        r->offset += n;
        return (int)n;
    }
    if (r->fd < 0)
        return 0;
    for (;;) {
        ssize_t n = read(r->fd, buf, (size_t)len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        r->offset += (unsigned long long)n;
        return (int)n;
    }
}

static int io_close(void *ctx)
{
    (void)ctx;
    return 0;
}

static void fail(sv_tmx_reader *r, sv_status st, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void fail(sv_tmx_reader *r, sv_status st, size_t line, const char *fmt, ...)
{
    if (r->err != SV_OK)
        return;
    r->err = st;
    va_list ap;
    va_start(ap, fmt);
    sv_diags_vadd(r->diags, SV_ERROR, r->name, line, 0, -1, fmt, ap);
    va_end(ap);
}

static void on_xml_error(void *ctx, xmlErrorPtr e)
{
    sv_tmx_reader *r = ctx;
    if (!e || e->level < XML_ERR_ERROR || r->xml_reported)
        return;
    r->xml_reported = 1;
    const char *m = e->message ? e->message : "malformed XML";
    size_t len = strlen(m);
    while (len > 0 && (m[len - 1] == '\n' || m[len - 1] == ' '))
        len--;
    fail(r, SV_ERR_INPUT, e->line > 0 ? (size_t)e->line : 0, "XML error: %.*s", (int)len, m);
}

static size_t cur_line(sv_tmx_reader *r)
{
    xmlNodePtr n = xmlTextReaderCurrentNode(r->xr);
    long l = n ? xmlGetLineNo(n) : -1;
    if (l <= 0)
        l = xmlTextReaderGetParserLineNumber(r->xr);
    return l > 0 ? (size_t)l : 0;
}

/* Reads the next node; refuses DTD declarations and entity references. */
static int rd(sv_tmx_reader *r)
{
    if (r->err != SV_OK)
        return -1;
    int rc = xmlTextReaderRead(r->xr);
    if (rc == 1) {
        int t = xmlTextReaderNodeType(r->xr);
        if (t == XML_READER_TYPE_DOCUMENT_TYPE) {
            xmlNodePtr n = xmlTextReaderCurrentNode(r->xr);
            xmlDtdPtr dtd = n && n->type == XML_DTD_NODE ? (xmlDtdPtr)n : NULL;
            if (!dtd || dtd->children || dtd->entities || dtd->pentities || dtd->elements ||
                dtd->attributes || dtd->notations) {
                fail(r, SV_ERR_INPUT, cur_line(r),
                     "DOCTYPE with declarations refused (entities are not allowed in TMX)");
                return -1;
            }
        } else if (t == XML_READER_TYPE_ENTITY_REFERENCE || t == XML_READER_TYPE_ENTITY) {
            fail(r, SV_ERR_INPUT, cur_line(r), "entity reference refused");
            return -1;
        }
    } else if (rc < 0) {
        fail(r, SV_ERR_INPUT, (size_t)xmlTextReaderGetParserLineNumber(r->xr),
             "malformed XML");
    }
    return rc;
}

static int is_text_node(int t)
{
    return t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_CDATA ||
           t == XML_READER_TYPE_WHITESPACE || t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

static const char *aname(sv_tmx_reader *r)
{
    const char *n = (const char *)xmlTextReaderConstName(r->xr);
    return n ? n : "";
}

static const char *adup(sv_arena *a, const char *s)
{
    return s ? sv_arena_strndup(a, s, strlen(s)) : NULL;
}

static void items_add(items *it, sv_arena *a, const char *name, const char *value,
                      const char *lang)
{
    sv_tmx_item x = {adup(a, name), adup(a, value), adup(a, lang)};
    SV_PUSH(it->v, it->n, it->cap, x);
}

/* Skips the rest of the element the reader is on. */
static int skip_element(sv_tmx_reader *r)
{
    if (xmlTextReaderIsEmptyElement(r->xr))
        return 1;
    int depth = xmlTextReaderDepth(r->xr), rc;
    while ((rc = rd(r)) == 1)
        if (xmlTextReaderNodeType(r->xr) == XML_READER_TYPE_END_ELEMENT &&
            xmlTextReaderDepth(r->xr) == depth)
            return 1;
    if (rc == 0)
        fail(r, SV_ERR_INPUT, 0, "unexpected end of file");
    return -1;
}

/* Counts bytes kept for the current TU; past the limit nothing more is kept. */
static int room(sv_tmx_reader *r, size_t n)
{
    r->tu_bytes += n;
    if (r->tu_bytes > r->max_tu)
        r->too_big = 1;
    return !r->too_big;
}

/* Appends text, replacing marker characters found in the input. */
static void put_text(sv_tmx_reader *r, sv_buf *b, const char *s, size_t len)
{
    size_t run = 0;
    for (size_t i = 0; i + 2 < len; i++) {
        if ((unsigned char)s[i] == 0xEF && (unsigned char)s[i + 1] == 0xB7 &&
            (unsigned char)s[i + 2] >= 0x90 && (unsigned char)s[i + 2] <= 0x92) {
            sv_buf_append(b, s + run, i - run);
            sv_buf_puts(b, "\xEF\xBF\xBD");
            r->fixes++;
            i += 2;
            run = i + 1;
        }
    }
    sv_buf_append(b, s + run, len - run);
}

static void put_escaped(sv_tmx_reader *r, sv_buf *b, const char *s, size_t len, int in_attr)
{
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        const char *rep = NULL;
        switch (s[i]) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '\r': rep = "&#13;"; break;
        case '"': rep = in_attr ? "&quot;" : NULL; break;
        case '\t': rep = in_attr ? "&#9;" : NULL; break;
        case '\n': rep = in_attr ? "&#10;" : NULL; break;
        default: break;
        }
        if (rep) {
            put_text(r, b, s + run, i - run);
            sv_buf_puts(b, rep);
            run = i + 1;
        }
    }
    put_text(r, b, s + run, len - run);
}

/* Serialises the start tag the reader is on (attributes in document order). */
static void put_start_tag(sv_tmx_reader *r, sv_buf *b, const char *name, int empty)
{
    sv_buf_putc(b, '<');
    sv_buf_puts(b, name);
    for (int more = xmlTextReaderMoveToFirstAttribute(r->xr); more == 1;
         more = xmlTextReaderMoveToNextAttribute(r->xr)) {
        const char *an = aname(r);
        const char *av = (const char *)xmlTextReaderConstValue(r->xr);
        sv_buf_putc(b, ' ');
        sv_buf_puts(b, an);
        sv_buf_puts(b, "=\"");
        if (av)
            put_escaped(r, b, av, strlen(av), 1);
        sv_buf_putc(b, '"');
    }
    xmlTextReaderMoveToElement(r->xr);
    sv_buf_puts(b, empty ? "/>" : ">");
}

/* Reads the text of a <prop> or <note> the reader is on into r->scratch. */
static int read_simple_text(sv_tmx_reader *r)
{
    sv_buf_reset(&r->scratch);
    if (xmlTextReaderIsEmptyElement(r->xr))
        return 1;
    int depth = xmlTextReaderDepth(r->xr), rc;
    while ((rc = rd(r)) == 1) {
        int t = xmlTextReaderNodeType(r->xr);
        if (t == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(r->xr) == depth)
            return 1;
        if (is_text_node(t)) {
            const char *v = (const char *)xmlTextReaderConstValue(r->xr);
            size_t n = v ? strlen(v) : 0;
            if (room(r, n))
                sv_buf_append(&r->scratch, v, n);
        }
    }
    if (rc == 0)
        fail(r, SV_ERR_INPUT, 0, "unexpected end of file");
    return -1;
}

/* A <prop> or <note>: adds it to the list given. */
static int read_prop_note(sv_tmx_reader *r, sv_arena *a, items *props, items *notes)
{
    int is_prop = strcmp(aname(r), "prop") == 0;
    xmlChar *type = is_prop ? xmlTextReaderGetAttribute(r->xr, XC("type")) : NULL;
    xmlChar *lang = xmlTextReaderGetAttribute(r->xr, XC("xml:lang"));
    int rc = read_simple_text(r);
    if (rc == 1 && !r->too_big) {
        if (is_prop)
            items_add(props, a, type ? (const char *)type : "", sv_buf_cstr(&r->scratch),
                      (const char *)lang);
        else
            items_add(notes, a, NULL, sv_buf_cstr(&r->scratch), (const char *)lang);
    }
    xmlFree(type);
    xmlFree(lang);
    return rc;
}

enum { K_CODE, K_HI, K_DROP };

static void push_kind(sv_tmx_reader *r, int k)
{
    SV_PUSH(r->stack, r->nstack, r->stackcap, k);
}

static const char *const code_elems[] = {"bpt", "ept", "ph", "it", "ut", NULL};

/* The markup of a segment is only built once it has inline elements: the
 * text read so far (which has no markers yet) is its markup so far. */
static void start_xml(sv_tmx_reader *r, tuv_buf *tv)
{
    if (tv->has_xml)
        return;
    tv->has_xml = 1;
    sv_buf_reset(&tv->xml);
    put_escaped(r, &tv->xml, tv->text.ptr ? tv->text.ptr : "", tv->text.len, 0);
}

/* The inside of a <seg>: text to tv->text, markup to tv->xml. */
static int read_seg(sv_tmx_reader *r, tuv_buf *tv)
{
    tv->has_seg = 1;
    if (xmlTextReaderIsEmptyElement(r->xr))
        return 1;
    int base = xmlTextReaderDepth(r->xr), rc, code_depth = -1;
    r->nstack = 0;
    while ((rc = rd(r)) == 1) {
        int t = xmlTextReaderNodeType(r->xr);
        int d = xmlTextReaderDepth(r->xr);
        if (t == XML_READER_TYPE_END_ELEMENT && d == base)
            return 1;
        if (t == XML_READER_TYPE_ELEMENT) {
            const char *name = aname(r);
            int empty = xmlTextReaderIsEmptyElement(r->xr);
            int kind;
            if (!room(r, strlen(name) + 8))
                ;
            else if (code_depth >= 0) {
                put_start_tag(r, &tv->xml, name, empty);
            } else if (name_in(name, code_elems)) {
                unsigned mark = SV_TMX_MARK_ALONE;
                if (!strcmp(name, "bpt"))
                    mark = SV_TMX_MARK_OPEN;
                else if (!strcmp(name, "ept"))
                    mark = SV_TMX_MARK_CLOSE;
                else if (!strcmp(name, "it")) {
                    xmlChar *pos = xmlTextReaderGetAttribute(r->xr, XC("pos"));
                    if (pos && !strcmp((const char *)pos, "begin"))
                        mark = SV_TMX_MARK_OPEN;
                    else if (pos && !strcmp((const char *)pos, "end"))
                        mark = SV_TMX_MARK_CLOSE;
                    xmlFree(pos);
                }
                start_xml(r, tv);
                sv_buf_put_cp(&tv->text, mark);
                put_start_tag(r, &tv->xml, name, empty);
                if (!empty)
                    code_depth = d;
            } else if (!strcmp(name, "hi")) {
                start_xml(r, tv);
                sv_buf_put_cp(&tv->text, SV_TMX_MARK_OPEN);
                put_start_tag(r, &tv->xml, name, empty);
                if (empty)
                    sv_buf_put_cp(&tv->text, SV_TMX_MARK_CLOSE);
            } else if (!r->warned_unknown) {
                r->warned_unknown = 1;
                sv_diags_add(r->diags, SV_WARNING, r->name, cur_line(r), 0, -1,
                             "<%s> is not TMX inline markup; its tags are dropped, its text "
                             "kept (reported once per file)",
                             name);
            }
            if (!empty) {
                if (code_depth >= 0)
                    kind = K_CODE;
                else if (!strcmp(name, "hi"))
                    kind = K_HI;
                else
                    kind = K_DROP;
                push_kind(r, kind);
            }
        } else if (t == XML_READER_TYPE_END_ELEMENT) {
            int kind = r->nstack > 0 ? r->stack[--r->nstack] : K_DROP;
            if (kind == K_CODE) {
                sv_buf_puts(&tv->xml, "</");
                sv_buf_puts(&tv->xml, aname(r));
                sv_buf_putc(&tv->xml, '>');
                if (d == code_depth)
                    code_depth = -1;
            } else if (kind == K_HI) {
                sv_buf_put_cp(&tv->text, SV_TMX_MARK_CLOSE);
                sv_buf_puts(&tv->xml, "</hi>");
            }
        } else if (is_text_node(t)) {
            const char *v = (const char *)xmlTextReaderConstValue(r->xr);
            size_t n = v ? strlen(v) : 0;
            if (!room(r, 2 * n))
                continue;
            if (code_depth < 0)
                put_text(r, &tv->text, v, n);
            if (tv->has_xml)
                put_escaped(r, &tv->xml, v, n, 0);
        }
    }
    if (rc == 0)
        fail(r, SV_ERR_INPUT, 0, "unexpected end of file inside <seg>");
    return -1;
}

static tuv_buf *new_tuv(sv_tmx_reader *r)
{
    if (r->ntuv == r->tuvcap) {
        size_t old = r->tuvcap;
        sv_grow(&r->tuvs, &r->tuvcap, r->ntuv + 1, sizeof *r->tuvs);
        memset(r->tuvs + old, 0, (r->tuvcap - old) * sizeof *r->tuvs);
    }
    tuv_buf *tv = &r->tuvs[r->ntuv++];
    tv->lang = NULL;
    tv->attrs.n = tv->props.n = tv->notes.n = 0;
    sv_buf_reset(&tv->text);
    sv_buf_reset(&tv->xml);
    tv->has_seg = tv->has_xml = 0;
    return tv;
}

static int read_tuv(sv_tmx_reader *r)
{
    tuv_buf *tv = new_tuv(r);
    for (int more = xmlTextReaderMoveToFirstAttribute(r->xr); more == 1;
         more = xmlTextReaderMoveToNextAttribute(r->xr)) {
        const char *an = aname(r);
        const char *av = (const char *)xmlTextReaderConstValue(r->xr);
        /* TMX 1.1 and 1.2 say lang, 1.3 and 1.4 xml:lang */
        if (!strcmp(an, "xml:lang") || (!strcmp(an, "lang") && !tv->lang))
            tv->lang = adup(r->arena, av ? av : "");
        else
            items_add(&tv->attrs, r->arena, an, av ? av : "", NULL);
    }
    xmlTextReaderMoveToElement(r->xr);
    if (xmlTextReaderIsEmptyElement(r->xr))
        return 1;
    int depth = xmlTextReaderDepth(r->xr), rc;
    while ((rc = rd(r)) == 1) {
        int t = xmlTextReaderNodeType(r->xr);
        int d = xmlTextReaderDepth(r->xr);
        if (t == XML_READER_TYPE_END_ELEMENT && d == depth)
            return 1;
        if (t != XML_READER_TYPE_ELEMENT)
            continue;
        const char *name = aname(r);
        if (!strcmp(name, "seg") && !tv->has_seg)
            rc = read_seg(r, tv);
        else if (!strcmp(name, "prop") || !strcmp(name, "note"))
            rc = read_prop_note(r, r->arena, &tv->props, &tv->notes);
        else
            rc = skip_element(r);
        if (rc != 1)
            return -1;
    }
    if (rc == 0)
        fail(r, SV_ERR_INPUT, 0, "unexpected end of file inside <tuv>");
    return -1;
}

static void warn_skip(sv_tmx_reader *r, int why, size_t line, const char *what)
{
    if (r->warned[why]++ < WARN_MAX)
        sv_diags_add(r->diags, SV_WARNING, r->name, line, 0, -1, "TU skipped: %s", what);
}

static const sv_tmx_item *freeze(sv_arena *a, const items *it)
{
    if (it->n == 0)
        return NULL;
    sv_tmx_item *v = sv_arena_alloc(a, it->n * sizeof *v);
    memcpy(v, it->v, it->n * sizeof *v);
    return v;
}

static void set_extra(sv_arena *a, sv_tmx_extra *x, const items *attrs, const items *props,
                      const items *notes)
{
    x->attrs = freeze(a, attrs);
    x->nattrs = attrs->n;
    x->props = freeze(a, props);
    x->nprops = props->n;
    x->notes = freeze(a, notes);
    x->nnotes = notes->n;
}

static void newer_date(const char **best, const items *attrs)
{
    for (size_t i = 0; i < attrs->n; i++) {
        const char *n = attrs->v[i].name, *v = attrs->v[i].value;
        if ((!strcmp(n, "creationdate") || !strcmp(n, "changedate")) && sv_tmx_date_ok(v) &&
            (!*best || strcmp(v, *best) > 0))
            *best = v;
    }
}

/* Moves the x-sverka-* props of a TU into their fields; keeps the rest. */
static void take_sverka_props(sv_tu *tu, items *props)
{
    size_t k = 0;
    for (size_t i = 0; i < props->n; i++) {
        const sv_tmx_item *p = &props->v[i];
        int taken = 0;
        if (!strcmp(p->name, "x-sverka-score") && tu->score < 0) {
            char *end;
            double v = strtod(p->value, &end);
            if (end != p->value && *end == '\0' && isfinite(v) && v >= 0) {
                tu->score = v;
                taken = 1;
            }
        } else if (!strcmp(p->name, "x-sverka-bead") && !tu->bead) {
            tu->bead = p->value, taken = 1;
        } else if (!strcmp(p->name, "x-sverka-srcdoc") && !tu->srcdoc) {
            tu->srcdoc = p->value, taken = 1;
        } else if (!strcmp(p->name, "x-sverka-tgtdoc") && !tu->tgtdoc) {
            tu->tgtdoc = p->value, taken = 1;
        }
        if (!taken)
            props->v[k++] = *p;
    }
    props->n = k;
}

/* Builds r->tu from what read_tu collected; returns 0 if the TU is usable. */
static int finish_tu(sv_tmx_reader *r, size_t line, const char *tuid)
{
    sv_tu *tu = &r->tu;
    if (r->too_big) {
        r->counts.too_big++;
        warn_skip(r, 3, line, "larger than the limit on TU size");
        return -1;
    }
    tuv_buf *s = NULL, *g = NULL;
    for (size_t i = 0; i < r->ntuv; i++) {
        tuv_buf *tv = &r->tuvs[i];
        if (!tv->lang || !tv->has_seg)
            continue;
        if (!s && sv_tmx_lang_match(r->srclang, tv->lang))
            s = tv;
        else if (!g && sv_tmx_lang_match(r->tgtlang, tv->lang))
            g = tv;
    }
    if (!s || !g) {
        char msg[160];
        snprintf(msg, sizeof msg, "no <tuv> in language '%s'", !s ? r->srclang : r->tgtlang);
        if (!s)
            r->counts.no_src++;
        else
            r->counts.no_tgt++;
        warn_skip(r, !s ? 0 : 1, line, msg);
        return -1;
    }
    if (blank_text(s->text.ptr ? s->text.ptr : "", s->text.len) ||
        blank_text(g->text.ptr ? g->text.ptr : "", g->text.len)) {
        r->counts.empty++;
        warn_skip(r, 2, line, "empty segment");
        return -1;
    }
    sv_tu_init(tu);
    sv_arena *a = r->arena;
    tu->tuid = tuid;
    tu->src = sv_arena_strndup(a, s->text.ptr, s->text.len);
    tu->src_len = s->text.len;
    tu->tgt = sv_arena_strndup(a, g->text.ptr, g->text.len);
    tu->tgt_len = g->text.len;
    if (s->has_xml) {
        tu->src_xml = sv_arena_strndup(a, s->xml.ptr, s->xml.len);
        tu->src_xml_len = s->xml.len;
    }
    if (g->has_xml) {
        tu->tgt_xml = sv_arena_strndup(a, g->xml.ptr, g->xml.len);
        tu->tgt_xml_len = g->xml.len;
    }
    tu->srclang = s->lang;
    tu->tgtlang = g->lang;
    take_sverka_props(tu, &r->tprops);
    if (!tu->srcdoc)
        tu->srcdoc = r->info.srcdoc;
    if (!tu->tgtdoc)
        tu->tgtdoc = r->info.tgtdoc;
    set_extra(a, &tu->tu, &r->tattrs, &r->tprops, &r->tnotes);
    set_extra(a, &tu->src_extra, &s->attrs, &s->props, &s->notes);
    set_extra(a, &tu->tgt_extra, &g->attrs, &g->props, &g->notes);
    const char *date = NULL;
    newer_date(&date, &r->tattrs);
    newer_date(&date, &s->attrs);
    newer_date(&date, &g->attrs);
    tu->date = date;
    tu->line = line;
    tu->index = r->counts.tus - 1;
    return 0;
}

/* Reads the <tu> the reader is on.  Returns 1 with r->tu filled, 0 if the
 * TU was skipped, -1 on error. */
static int read_tu(sv_tmx_reader *r)
{
    sv_arena_free(r->arena);
    r->arena = sv_arena_new();
    r->tattrs.n = r->tprops.n = r->tnotes.n = 0;
    r->ntuv = 0;
    r->tu_bytes = 0;
    r->too_big = 0;
    r->fixes = 0;
    r->counts.tus++;
    size_t line = cur_line(r);
    const char *tuid = NULL;
    for (int more = xmlTextReaderMoveToFirstAttribute(r->xr); more == 1;
         more = xmlTextReaderMoveToNextAttribute(r->xr)) {
        const char *an = aname(r);
        const char *av = (const char *)xmlTextReaderConstValue(r->xr);
        if (!strcmp(an, "tuid") && !tuid)
            tuid = adup(r->arena, av ? av : "");
        else
            items_add(&r->tattrs, r->arena, an, av ? av : "", NULL);
    }
    xmlTextReaderMoveToElement(r->xr);
    if (!xmlTextReaderIsEmptyElement(r->xr)) {
        int depth = xmlTextReaderDepth(r->xr), rc;
        for (;;) {
            rc = rd(r);
            if (rc != 1) {
                if (rc == 0)
                    fail(r, SV_ERR_INPUT, 0, "unexpected end of file inside <tu>");
                return -1;
            }
            int t = xmlTextReaderNodeType(r->xr);
            if (t == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(r->xr) == depth)
                break;
            if (t != XML_READER_TYPE_ELEMENT)
                continue;
            const char *name = aname(r);
            if (!strcmp(name, "tuv"))
                rc = read_tuv(r);
            else if (!strcmp(name, "prop") || !strcmp(name, "note"))
                rc = read_prop_note(r, r->arena, &r->tprops, &r->tnotes);
            else
                rc = skip_element(r);
            if (rc != 1)
                return -1;
        }
    }
    if (finish_tu(r, line, tuid) != 0)
        return 0;
    if (r->fixes) {
        r->counts.repaired++;
        if (r->counts.repaired <= WARN_MAX)
            sv_diags_add(r->diags, SV_WARNING, r->name, line, 0, -1,
                         "TU contains U+FDD0..U+FDD2, which sverka reserves; replaced by "
                         "U+FFFD");
    }
    return 1;
}

static void set_info_field(sv_tmx_info *info, const char *name, const char *value)
{
    struct {
        const char *name;
        const char **field;
    } map[] = {{"creationtool", &info->creationtool},
               {"creationtoolversion", &info->creationtoolversion},
               {"segtype", &info->segtype},
               {"o-tmf", &info->o_tmf},
               {"adminlang", &info->adminlang},
               {"srclang", &info->srclang},
               {"datatype", &info->datatype},
               {"creationdate", &info->creationdate}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (!strcmp(name, map[i].name) && !*map[i].field)
            *map[i].field = value;
}

static int read_header(sv_tmx_reader *r)
{
    sv_arena *a = r->harena;
    for (int more = xmlTextReaderMoveToFirstAttribute(r->xr); more == 1;
         more = xmlTextReaderMoveToNextAttribute(r->xr)) {
        const char *av = (const char *)xmlTextReaderConstValue(r->xr);
        items_add(&r->hattrs, a, aname(r), av ? av : "", NULL);
    }
    xmlTextReaderMoveToElement(r->xr);
    int rc = 1;
    if (!xmlTextReaderIsEmptyElement(r->xr)) {
        int depth = xmlTextReaderDepth(r->xr);
        while ((rc = rd(r)) == 1) {
            int t = xmlTextReaderNodeType(r->xr);
            if (t == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(r->xr) == depth)
                break;
            if (t != XML_READER_TYPE_ELEMENT)
                continue;
            const char *name = aname(r);
            r->tu_bytes = 0;
            r->too_big = 0;
            if (!strcmp(name, "prop") || !strcmp(name, "note"))
                rc = read_prop_note(r, a, &r->hprops, &r->hnotes);
            else
                rc = skip_element(r);
            if (rc != 1)
                return -1;
        }
        if (rc != 1)
            return -1;
    }
    for (size_t i = 0; i < r->hattrs.n; i++)
        set_info_field(&r->info, r->hattrs.v[i].name, r->hattrs.v[i].value);
    for (size_t i = 0; i < r->hprops.n; i++) {
        if (!strcmp(r->hprops.v[i].name, "x-sverka-srcdoc") && !r->info.srcdoc)
            r->info.srcdoc = r->hprops.v[i].value;
        if (!strcmp(r->hprops.v[i].name, "x-sverka-tgtdoc") && !r->info.tgtdoc)
            r->info.tgtdoc = r->hprops.v[i].value;
    }
    set_extra(a, &r->info.extra, &r->hattrs, &r->hprops, &r->hnotes);
    return 1;
}

/* Reads up to the start of <body>. */
static sv_status read_prolog(sv_tmx_reader *r)
{
    int rc, seen_root = 0;
    while ((rc = rd(r)) == 1) {
        if (xmlTextReaderNodeType(r->xr) != XML_READER_TYPE_ELEMENT)
            continue;
        const char *name = aname(r);
        int depth = xmlTextReaderDepth(r->xr);
        if (depth == 0) {
            if (strcmp(name, "tmx") != 0) {
                fail(r, SV_ERR_INPUT, cur_line(r), "not a TMX file: the root element is <%s>",
                     name);
                return r->err;
            }
            seen_root = 1;
            xmlChar *v = xmlTextReaderGetAttribute(r->xr, XC("version"));
            r->info.version = v ? adup(r->harena, (const char *)v) : NULL;
            xmlFree(v);
            if (xmlTextReaderIsEmptyElement(r->xr))
                break;
        } else if (depth == 1 && !strcmp(name, "header")) {
            if (read_header(r) != 1)
                return r->err ? r->err : SV_ERR_INPUT;
        } else if (depth == 1 && !strcmp(name, "body")) {
            if (xmlTextReaderIsEmptyElement(r->xr))
                r->at_end = 1;
            return SV_OK;
        } else if (skip_element(r) != 1) {
            return r->err ? r->err : SV_ERR_INPUT;
        }
    }
    if (r->err == SV_OK)
        fail(r, SV_ERR_INPUT, 0, seen_root ? "no <body> in the TMX file" : "empty file");
    return r->err;
}

/* Is there a DOCTYPE with an internal subset at the start of the file?
 * UTF-16 is narrowed to its low bytes first. */
static int hostile_head(const char *data, size_t len)
{
    if (len > HEAD_MAX)
        len = HEAD_MAX;
    int le = len >= 2 && (((unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE) ||
                          (data[0] == '<' && data[1] == '\0'));
    int be = len >= 2 && (((unsigned char)data[0] == 0xFE && (unsigned char)data[1] == 0xFF) ||
                          (data[0] == '\0' && data[1] == '<'));
    if (!le && !be)
        return sv_xml_has_internal_subset(data, len);
    char *narrow = xmalloc(len / 2 + 1);
    size_t n = 0;
    for (size_t i = le ? 0 : 1; i < len; i += 2)
        narrow[n++] = data[i];
    int bad = sv_xml_has_internal_subset(narrow, n);
    free(narrow);
    return bad;
}

static sv_status reader_prepare(sv_tmx_reader *r, const sv_tmx_read_opts *opts, sv_diags *diags)
{
    sv_tmx_read_opts o;
    if (opts)
        o = *opts;
    else
        sv_tmx_read_opts_init(&o);
    r->srclang = xstrdup(o.srclang && *o.srclang ? o.srclang : "en");
    r->tgtlang = xstrdup(o.tgtlang && *o.tgtlang ? o.tgtlang : "ru");
    r->max_tu = o.max_tu_bytes ? o.max_tu_bytes : (size_t)16 << 20;
    r->harena = sv_arena_new();
    r->arena = sv_arena_new();
    r->diags = diags;
    if (hostile_head(r->pre, r->pre_len)) {
        fail(r, SV_ERR_INPUT, 0, "DOCTYPE with declarations refused (entities are not allowed "
                                 "in TMX)");
        return r->err;
    }
    sv_xml_init();
    r->xr = xmlReaderForIO(io_read, io_close, r, r->name, NULL,
                           sv_xml_safe_options() | XML_PARSE_BIG_LINES | XML_PARSE_COMPACT);
    if (!r->xr) {
        fail(r, SV_ERR_XML, 0, "cannot create an XML reader");
        return r->err;
    }
    xmlTextReaderSetStructuredErrorHandler(r->xr, on_xml_error, r);
    return read_prolog(r);
}

/* Finishes opening r: on success *rp = r, else r is freed. */
static sv_status reader_start(sv_tmx_reader *r, const sv_tmx_read_opts *opts,
                              sv_tmx_reader **rp, sv_diags *diags)
{
    sv_status s = reader_prepare(r, opts, diags);
    if (s != SV_OK) {
        sv_tmx_reader_free(r);
        return s;
    }
    *rp = r;
    return SV_OK;
}

static sv_tmx_reader *reader_alloc(const char *name)
{
    sv_tmx_reader *r = xcalloc(1, sizeof *r);
    r->name = xstrdup(name);
    r->fd = -1;
    return r;
}

sv_status sv_tmx_reader_open(const char *path, const sv_tmx_read_opts *opts, sv_tmx_reader **rp,
                             sv_diags *diags)
{
    int is_stdin = strcmp(path, "-") == 0;
    sv_tmx_reader *r = reader_alloc(is_stdin ? "<stdin>" : path);
    r->fd = is_stdin ? 0 : open(path, O_RDONLY);
    r->close_fd = !is_stdin;
    if (r->fd < 0) {
        sv_diags_add(diags, SV_ERROR, path, 0, 0, -1, "cannot open: %s", strerror(errno));
        r->close_fd = 0;
        sv_tmx_reader_free(r);
        return SV_ERR_IO;
    }
    struct stat st;
    if (fstat(r->fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        sv_diags_add(diags, SV_ERROR, path, 0, 0, -1, "is a directory");
        sv_tmx_reader_free(r);
        return SV_ERR_IO;
    }
    r->head_owned = xmalloc(HEAD_MAX);
    size_t n = 0;
    while (n < HEAD_MAX) {
        ssize_t k = read(r->fd, r->head_owned + n, HEAD_MAX - n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0) {
            sv_diags_add(diags, SV_ERROR, r->name, 0, 0, -1, "read error: %s", strerror(errno));
            sv_tmx_reader_free(r);
            return SV_ERR_IO;
        }
        if (k == 0)
            break;
        n += (size_t)k;
    }
    r->pre = r->head_owned;
    r->pre_len = n;
    return reader_start(r, opts, rp, diags);
}

sv_status sv_tmx_reader_open_mem(const char *name, const char *data, size_t len,
                                 const sv_tmx_read_opts *opts, sv_tmx_reader **rp,
                                 sv_diags *diags)
{
    sv_tmx_reader *r = reader_alloc(name);
    r->pre = data;
    r->pre_len = len;
    return reader_start(r, opts, rp, diags);
}

static void summary(sv_tmx_reader *r)
{
    const sv_tmx_counts *c = &r->counts;
    size_t skipped = c->no_src + c->no_tgt + c->empty + c->too_big;
    if (skipped)
        sv_diags_add(r->diags, SV_NOTE, r->name, 0, 0, -1,
                     "%zu of %zu TUs skipped (%zu without '%s', %zu without '%s', %zu empty, "
                     "%zu too large)",
                     skipped, c->tus, c->no_src, r->srclang, c->no_tgt, r->tgtlang, c->empty,
                     c->too_big);
}

sv_status sv_tmx_reader_next(sv_tmx_reader *r, const sv_tu **tu, sv_diags *diags)
{
    *tu = NULL;
    r->diags = diags;
    if (r->err != SV_OK)
        return r->err;
    if (r->at_end == 2)
        return SV_OK;
    int rc;
    while (r->at_end == 0 && (rc = rd(r)) == 1) {
        int t = xmlTextReaderNodeType(r->xr);
        int depth = xmlTextReaderDepth(r->xr);
        if (t == XML_READER_TYPE_END_ELEMENT && depth == 1) {
            r->at_end = 1; /* </body> */
            break;
        }
        if (t != XML_READER_TYPE_ELEMENT)
            continue;
        if (depth == 2 && !strcmp(aname(r), "tu")) {
            int k = read_tu(r);
            if (k < 0)
                return r->err ? r->err : SV_ERR_INPUT;
            if (k == 1) {
                r->counts.returned++;
                *tu = &r->tu;
                return SV_OK;
            }
        } else if (skip_element(r) != 1) {
            return r->err ? r->err : SV_ERR_INPUT;
        }
    }
    if (r->err != SV_OK)
        return r->err;
    /* Read to the end so that trailing garbage is noticed. */
    while ((rc = rd(r)) == 1)
        ;
    if (r->err != SV_OK)
        return r->err;
    r->at_end = 2;
    summary(r);
    return SV_OK;
}

const sv_tmx_info *sv_tmx_reader_info(const sv_tmx_reader *r)
{
    return &r->info;
}

const sv_tmx_counts *sv_tmx_reader_counts(const sv_tmx_reader *r)
{
    return &r->counts;
}

unsigned long long sv_tmx_reader_offset(const sv_tmx_reader *r)
{
    return r->offset;
}

const char *sv_tmx_reader_name(const sv_tmx_reader *r)
{
    return r->name;
}

static void items_free(items *it)
{
    free(it->v);
}

void sv_tmx_reader_free(sv_tmx_reader *r)
{
    if (!r)
        return;
    if (r->xr)
        xmlFreeTextReader(r->xr);
    if (r->close_fd && r->fd >= 0)
        close(r->fd);
    for (size_t i = 0; i < r->tuvcap; i++) {
        items_free(&r->tuvs[i].attrs);
        items_free(&r->tuvs[i].props);
        items_free(&r->tuvs[i].notes);
        sv_buf_free(&r->tuvs[i].text);
        sv_buf_free(&r->tuvs[i].xml);
    }
    free(r->tuvs);
    items_free(&r->hattrs);
    items_free(&r->hprops);
    items_free(&r->hnotes);
    items_free(&r->tattrs);
    items_free(&r->tprops);
    items_free(&r->tnotes);
    sv_arena_free(r->arena);
    sv_arena_free(r->harena);
    sv_buf_free(&r->scratch);
    free(r->stack);
    free(r->head_owned);
    free(r->srclang);
    free(r->tgtlang);
    free(r->name);
    free(r);
}
