/* html.c - article text out of web pages with libxml2's HTML parser.  Part
 * of document input: text.c turns the blocks into paragraphs. */
#include "html.h"

#include <limits.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdlib.h>

#include "../base/buf.h"
#include "../base/mem.h"
#include "../base/utf8.h"

int sv_html_sniff(const char *data, size_t len)
{
    size_t n = len < 4096 ? len : 4096;
    size_t i = 0;
    if (n >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < n && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
        i++;
    if (i >= n || data[i] != '<')
        return 0;
    static const char *marks[] = {"<!doctype html", "<html", "<head", "<body", "<?xml",
                                  "<p>", "<p ", "<div", "<article", "<h1", "<meta"};
    for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++) {
        size_t m = strlen(marks[k]);
        for (size_t j = i; j + m <= n; j++)
            if (strncasecmp(data + j, marks[k], m) == 0) {
                if (k == 4) /* <?xml: only XHTML counts */
                    goto xhtml;
                return 1;
            }
    }
    return 0;
xhtml:
    for (size_t j = i; j + 5 <= n; j++)
        if (strncasecmp(data + j, "<html", 5) == 0)
            return 1;
    return 0;
}

/* What an element means for the text.  Element names come from libxml2's
 * HTML parser in lower case. */
enum {
    T_SKIP = 1,     /* never article text: script, nav, header, forms, ... */
    T_BLOCK = 2,    /* starts and ends a block */
    T_HEADING = 4,  /* h1-h6 */
    T_INLINE = 8,   /* words inside it belong to the surrounding words */
    T_BR = 16,
    T_FURNITURE = 32 /* (per element) its class/id/role names page furniture */
};

typedef struct {
    const char *name;
    unsigned char flags;
} tag_info;

/* Sorted by name for bsearch. */
static const tag_info tags[] = {
    {"a", T_INLINE},         {"abbr", T_INLINE},      {"address", T_BLOCK},
    {"applet", T_SKIP},      {"article", T_BLOCK},    {"aside", T_SKIP},
    {"audio", T_SKIP},       {"b", T_INLINE},         {"big", T_INLINE},
    {"blockquote", T_BLOCK}, {"body", T_BLOCK},       {"br", T_BR},
    {"button", T_SKIP},      {"canvas", T_SKIP},      {"caption", T_BLOCK},
    {"center", T_BLOCK},     {"cite", T_INLINE},      {"code", T_INLINE},
    {"dd", T_BLOCK},         {"del", T_INLINE},       {"details", T_BLOCK},
    {"dfn", T_INLINE},       {"dialog", T_SKIP},      {"div", T_BLOCK},
    {"dl", T_BLOCK},         {"dt", T_BLOCK},         {"em", T_INLINE},
    {"embed", T_SKIP},       {"fieldset", T_BLOCK},   {"figcaption", T_BLOCK},
    {"figure", T_SKIP},      {"font", T_INLINE},      {"footer", T_SKIP},
    {"form", T_SKIP},        {"frame", T_SKIP},       {"frameset", T_SKIP},
    {"h1", T_BLOCK | T_HEADING}, {"h2", T_BLOCK | T_HEADING}, {"h3", T_BLOCK | T_HEADING},
    {"h4", T_BLOCK | T_HEADING}, {"h5", T_BLOCK | T_HEADING}, {"h6", T_BLOCK | T_HEADING},
    {"head", T_SKIP},        {"header", T_SKIP},      {"hgroup", T_BLOCK},
    {"hr", T_BLOCK},         {"html", T_BLOCK},       {"i", T_INLINE},
    {"iframe", T_SKIP},      {"input", T_SKIP},       {"ins", T_INLINE},
    {"kbd", T_INLINE},       {"label", T_SKIP},       {"legend", T_BLOCK},
    {"li", T_BLOCK},         {"main", T_BLOCK},       {"map", T_SKIP},
    {"mark", T_INLINE},      {"math", T_SKIP},        {"menu", T_SKIP},
    {"nav", T_SKIP},         {"nobr", T_INLINE},      {"noscript", T_SKIP},
    {"object", T_SKIP},      {"ol", T_BLOCK},         {"option", T_SKIP},
    {"p", T_BLOCK},          {"picture", T_SKIP},     {"pre", T_BLOCK},
    {"q", T_INLINE},         {"s", T_INLINE},         {"samp", T_INLINE},
    {"script", T_SKIP},      {"section", T_BLOCK},    {"select", T_SKIP},
    {"small", T_INLINE},     {"span", T_INLINE},      {"strike", T_INLINE},
    {"strong", T_INLINE},    {"style", T_SKIP},       {"sub", T_INLINE},
    {"summary", T_BLOCK},    {"sup", T_INLINE},       {"svg", T_SKIP},
    {"table", T_BLOCK},      {"tbody", T_BLOCK},      {"td", T_BLOCK},
    {"template", T_SKIP},    {"textarea", T_SKIP},    {"tfoot", T_BLOCK},
    {"th", T_BLOCK},         {"thead", T_BLOCK},      {"time", T_INLINE},
    {"title", T_SKIP},       {"tr", T_BLOCK},         {"tt", T_INLINE},
    {"u", T_INLINE},         {"ul", T_BLOCK},         {"var", T_INLINE},
    {"video", T_SKIP},       {"wbr", T_INLINE}};

static int cmp_tag(const void *key, const void *elem)
{
    return strcmp((const char *)key, ((const tag_info *)elem)->name);
}

/* Flags of an element; unknown elements (HTML5 tags libxml2 does not know,
 * custom elements) get 0: their words are kept apart from the next ones. */
static unsigned tag_flags(const char *name)
{
    const tag_info *t = bsearch(name, tags, sizeof tags / sizeof tags[0], sizeof tags[0], cmp_tag);
    return t ? t->flags : 0;
}

/* class/id words that mark page furniture */
static const char *const furniture[] = {
    "breadcrumb", "share", "social", "menu", "navbar", "sidebar", "related", "comment",
    "cookie", "advert", "banner", "subscribe", "newsletter", "promo", "widget",
    "pagination", "tags", "footer", "header", NULL};

/* ASCII case-insensitive substring test (class and id values are ASCII). */
static int contains_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return 1;
    return 0;
}

/* Do the attributes (name, value, name, value, ..., NULL) mark furniture? */
static int furniture_attrs(const xmlChar **atts)
{
    for (size_t a = 0; atts && atts[a]; a += 2) {
        const char *n = (const char *)atts[a], *v = (const char *)atts[a + 1];
        if (!v)
            continue;
        if (!strcmp(n, "role") && (!strcasecmp(v, "navigation") || !strcasecmp(v, "banner") ||
                                   !strcasecmp(v, "contentinfo") || !strcasecmp(v, "complementary")))
            return 1;
        if (strcmp(n, "class") != 0 && strcmp(n, "id") != 0)
            continue;
        for (size_t f = 0; furniture[f]; f++)
            if (contains_ci(v, furniture[f]))
                return 1;
    }
    return 0;
}

/* Elements nested deeper than this are not followed: the walker's stack
 * stays small and libxml2 stops at the first one (a warning says so). */
enum { MAX_DEPTH = 1000000 };

typedef struct {
    htmlParserCtxtPtr ctxt;
    sv_html_block *v;
    size_t n, cap;
    sv_buf cur;
    size_t cur_line;
    int pending_space;
    int brs;                /* consecutive <br> since the last text */
    size_t skip, heading, furniture;
    unsigned char *stack;   /* flags of the open elements */
    size_t depth, cap_stack;
    int too_deep;
} walker;

static void flush(walker *w)
{
    if (w->cur.len > 0) {
        size_t len;
        char *t = sv_buf_detach(&w->cur, &len);
        while (len > 0 && t[len - 1] == ' ')
            t[--len] = '\0';
        if (len > 0) {
            sv_html_block b = {t, len, w->cur_line, w->heading > 0, w->furniture > 0};
            SV_PUSH(w->v, w->n, w->cap, b);
        } else {
            free(t);
        }
    }
    w->pending_space = 0;
}

static size_t line_no(walker *w)
{
    return w->ctxt->input ? (size_t)w->ctxt->input->line : 0;
}

static void add_text(walker *w, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t adv;
        long cp = sv_utf8_decode(s + i, len - i, &adv);
        if (cp >= 0 && sv_is_space((unsigned long)cp)) {
            /* NBSP stays: it is meaningful inside numbers; text.c normalises it */
            if (cp == 0xA0) {
                if (w->cur.len == 0)
                    w->cur_line = line_no(w);
                sv_buf_append(&w->cur, s + i, adv);
                w->pending_space = 0;
            } else if (w->cur.len > 0) {
                w->pending_space = 1;
            }
        } else {
            if (w->cur.len == 0)
                w->cur_line = line_no(w);
            if (w->pending_space)
                sv_buf_putc(&w->cur, ' ');
            w->pending_space = 0;
            sv_buf_append(&w->cur, s + i, adv);
            w->brs = 0;
        }
        i += adv;
    }
}

static walker *get_walker(void *ctx)
{
    return (walker *)((htmlParserCtxtPtr)ctx)->_private;
}

static void on_start(void *ctx, const xmlChar *xname, const xmlChar **atts)
{
    walker *w = get_walker(ctx);
    const char *name = (const char *)xname;
    if (w->depth >= MAX_DEPTH) {
        w->too_deep = 1;
        xmlStopParser(w->ctxt);
        return;
    }
    unsigned f = tag_flags(name);
    if (w->skip == 0) {
        if (f & T_BR) {
            if (++w->brs >= 2)
                flush(w);
            else if (w->cur.len > 0)
                w->pending_space = 1;
        } else if (!(f & T_SKIP)) {
            if (f & T_BLOCK)
                flush(w);
            if (atts && furniture_attrs(atts))
                f |= T_FURNITURE;
        }
    }
    SV_PUSH(w->stack, w->depth, w->cap_stack, (unsigned char)f);
    w->skip += (f & T_SKIP) != 0;
    w->heading += (f & T_HEADING) != 0;
    w->furniture += (f & T_FURNITURE) != 0;
}

static void on_end(void *ctx, const xmlChar *name)
{
    walker *w = get_walker(ctx);
    (void)name;
    if (w->depth == 0)
        return;
    unsigned f = w->stack[--w->depth];
    if (w->skip == 0 || (w->skip == 1 && (f & T_SKIP))) {
        if (f & T_BLOCK)
            flush(w);
        else if (!(f & (T_INLINE | T_BR | T_SKIP)) && w->cur.len > 0)
            w->pending_space = 1; /* unknown element: keep words apart */
    }
    w->skip -= (f & T_SKIP) != 0;
    w->heading -= (f & T_HEADING) != 0;
    w->furniture -= (f & T_FURNITURE) != 0;
}

static void on_text(void *ctx, const xmlChar *ch, int len)
{
    walker *w = get_walker(ctx);
    if (w->skip == 0 && len > 0)
        add_text(w, (const char *)ch, (size_t)len);
}

sv_status sv_html_extract(const char *utf8, size_t len, const char *name,
                          sv_html_block **out, size_t *nout, sv_diags *diags)
{
    *out = NULL;
    *nout = 0;
    if (len > INT_MAX) {
        sv_diags_add(diags, SV_ERROR, name, 0, 0, -1, "HTML page too large (%zu bytes)", len);
        return SV_ERR_LIMIT;
    }
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (!ctxt) {
        sv_diags_add(diags, SV_ERROR, name, 0, 0, -1, "cannot create an HTML parser");
        return SV_ERR_XML;
    }
    /* Streaming (SAX): no document tree is built, so memory stays
     * proportional to the text, whatever the markup. */
    memset(ctxt->sax, 0, sizeof *ctxt->sax);
    ctxt->sax->startElement = on_start;
    ctxt->sax->endElement = on_end;
    ctxt->sax->characters = on_text;
    ctxt->sax->ignorableWhitespace = on_text;
    ctxt->sax->cdataBlock = on_text;
    walker w = {0};
    w.ctxt = ctxt;
    ctxt->_private = &w;
    int opts = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
               HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC;
    htmlDocPtr doc = htmlCtxtReadMemory(ctxt, utf8, (int)len, name, "UTF-8", opts);
    if (doc) /* not expected with these handlers */
        xmlFreeDoc(doc);
    flush(&w);
    if (w.too_deep)
        sv_diags_add(diags, SV_WARNING, name, 0, 0, -1,
                     "elements nested more than %d deep: the rest of the page was ignored",
                     MAX_DEPTH);
    sv_buf_free(&w.cur);
    free(w.stack);
    htmlFreeParserCtxt(ctxt);
    *out = w.v;
    *nout = w.n;
    return SV_OK;
}

void sv_html_blocks_free(sv_html_block *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(b[i].text);
    free(b);
}
