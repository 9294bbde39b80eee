/* html.c - article text out of web pages with libxml2's HTML parser.  Part
 * of document input: text.c turns the blocks into paragraphs. */
#include "html.h"

#include <limits.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

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

static int name_in(const char *name, const char *const *list)
{
    for (; *list; list++)
        if (strcasecmp(name, *list) == 0)
            return 1;
    return 0;
}

/* Elements whose content is never article text. */
static const char *const skipped[] = {
    "head", "script", "style", "nav", "header", "footer", "aside", "noscript", "form",
    "iframe", "template", "svg", "math", "button", "select", "option", "textarea",
    "input", "label", "figure", "object", "embed", "canvas", "audio", "video", "map",
    "menu", "dialog", "frameset", "frame", "applet", "picture", NULL};

/* Elements that start and end a block. */
static const char *const blocks[] = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "td", "th",
    "div", "section", "article", "main", "pre", "address", "caption", "figcaption",
    "tr", "ul", "ol", "dl", "table", "hr", "body", "center", "details", "summary",
    "fieldset", "legend", "hgroup", "tbody", "thead", "tfoot", NULL};

static const char *const headings[] = {"h1", "h2", "h3", "h4", "h5", "h6", NULL};

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

static int has_furniture_attr(xmlNode *n)
{
    static const char *const attrs[] = {"class", "id", "role", NULL};
    for (size_t a = 0; attrs[a]; a++) {
        xmlChar *v = xmlGetProp(n, (const xmlChar *)attrs[a]);
        if (!v)
            continue;
        int hit = 0;
        for (size_t f = 0; furniture[f] && !hit; f++)
            if (contains_ci((const char *)v, furniture[f]))
                hit = 1;
        if (a == 2 && (strcasecmp((const char *)v, "navigation") == 0 ||
                       strcasecmp((const char *)v, "banner") == 0 ||
                       strcasecmp((const char *)v, "contentinfo") == 0))
            hit = 1;
        xmlFree(v);
        if (hit)
            return 1;
    }
    return 0;
}

typedef struct {
    sv_html_block *v;
    size_t n, cap;
    sv_buf cur;
    size_t cur_line;
    int pending_space;
    int brs; /* consecutive <br> since the last text */
    int heading, furniture;
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

static void add_text(walker *w, const char *s, size_t len, size_t line)
{
    size_t i = 0;
    while (i < len) {
        size_t adv;
        long cp = sv_utf8_decode(s + i, len - i, &adv);
        if (cp >= 0 && sv_is_space((unsigned long)cp)) {
            /* NBSP stays: it is meaningful inside numbers; text.c normalises it */
            if (cp == 0xA0) {
                if (w->cur.len == 0)
                    w->cur_line = line;
                sv_buf_append(&w->cur, s + i, adv);
                w->pending_space = 0;
            } else if (w->cur.len > 0) {
                w->pending_space = 1;
            }
        } else {
            if (w->cur.len == 0)
                w->cur_line = line;
            if (w->pending_space)
                sv_buf_putc(&w->cur, ' ');
            w->pending_space = 0;
            sv_buf_append(&w->cur, s + i, adv);
            w->brs = 0;
        }
        i += adv;
    }
}

static void enter(walker *w, xmlNode *n, int *descend)
{
    *descend = 0;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (n->content)
            add_text(w, (const char *)n->content, strlen((const char *)n->content),
                     (size_t)xmlGetLineNo(n));
        return;
    }
    if (n->type != XML_ELEMENT_NODE || !n->name)
        return;
    const char *name = (const char *)n->name;
    if (name_in(name, skipped))
        return;
    if (strcasecmp(name, "br") == 0) {
        if (++w->brs >= 2)
            flush(w);
        else if (w->cur.len > 0)
            w->pending_space = 1;
        return;
    }
    if (name_in(name, blocks))
        flush(w);
    if (name_in(name, headings))
        w->heading++;
    if (has_furniture_attr(n))
        w->furniture++;
    *descend = 1;
}

static void leave(walker *w, xmlNode *n)
{
    if (n->type != XML_ELEMENT_NODE || !n->name)
        return;
    const char *name = (const char *)n->name;
    if (name_in(name, blocks))
        flush(w);
    else if (w->cur.len > 0 && !name_in(name, (const char *const[]){"a", "b", "i", "em",
                     "strong", "span", "u", "s", "sup", "sub", "small", "big", "font",
                     "abbr", "cite", "q", "mark", "time", "code", "var", "kbd", NULL}))
        w->pending_space = 1; /* unknown inline-ish element: keep words apart */
    if (name_in(name, headings))
        w->heading--;
    if (has_furniture_attr(n))
        w->furniture--;
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
    int opts = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
               HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC;
    htmlDocPtr doc = htmlCtxtReadMemory(ctxt, utf8, (int)len, name, "UTF-8", opts);
    if (!doc) {
        htmlFreeParserCtxt(ctxt);
        sv_diags_add(diags, SV_ERROR, name, 0, 0, -1, "cannot parse as HTML");
        return SV_ERR_INPUT;
    }
    walker w = {0};
    xmlNode *root = xmlDocGetRootElement(doc);
    xmlNode *n = root;
    while (n) {
        int descend;
        enter(&w, n, &descend);
        if (descend && n->children) {
            n = n->children;
            continue;
        }
        if (descend)
            leave(&w, n);
        /* climb until a sibling exists */
        while (n && n != root && !n->next) {
            n = n->parent;
            if (n)
                leave(&w, n);
        }
        if (!n || n == root)
            break;
        n = n->next;
    }
    flush(&w);
    sv_buf_free(&w.cur);
    xmlFreeDoc(doc);
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
