/* xmlsafe.c - the one place that decides how libxml2 may read XML from users. */
#include "xmlsafe.h"

#include <limits.h>
#include <pthread.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

static xmlParserInputPtr deny_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
    (void)url;
    (void)id;
    (void)ctxt;
    return NULL;
}

static void silent(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void init_once(void)
{
    xmlInitParser();
    xmlSetExternalEntityLoader(deny_loader);
    /* libxml2 prints parse errors to stderr by default; the library never prints */
    xmlSetGenericErrorFunc(NULL, silent);
}

void sv_xml_init(void)
{
    pthread_once(&once, init_once);
}

int sv_xml_safe_options(void)
{
    return XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
}

/* The first occurrence of the n-byte needle in hay[0, len), or NULL. */
static const char *find(const char *hay, size_t len, const char *needle, size_t n)
{
    for (size_t i = 0; i + n <= len; i++)
        if (hay[i] == needle[0] && !memcmp(hay + i, needle, n))
            return hay + i;
    return NULL;
}

int sv_xml_has_internal_subset(const char *data, size_t len)
{
    size_t n = len < 65536 ? len : 65536;
    for (size_t i = 0; i < n; i++) {
        if (data[i] != '<')
            continue;
        if (i + 1 < n && data[i + 1] == '?') { /* a processing instruction: skip it whole */
            const char *e = i + 2 < n ? find(data + i + 2, n - i - 2, "?>", 2) : NULL;
            if (!e)
                return 1; /* one that does not end soon: refuse */
            i = (size_t)(e - data) + 1;
            continue;
        }
        if (i + 3 < n && !memcmp(data + i, "<!--", 4)) { /* a comment */
            const char *e = find(data + i + 4, n - i - 4, "-->", 3);
            if (!e)
                return 1;
            i = (size_t)(e - data) + 2;
            continue;
        }
        if (i + 9 <= n && memcmp(data + i, "<!DOCTYPE", 9) == 0) {
            for (size_t j = i + 9; j < n; j++) {
                if (data[j] == '>')
                    return 0;
                if (data[j] == '[')
                    return 1;
            }
            return 1; /* a DOCTYPE that does not end soon: refuse */
        }
        if (i + 1 < n && data[i + 1] != '!')
            return 0; /* the root element started: no DOCTYPE follows */
    }
    return 0;
}

typedef struct {
    sv_diags *diags;
    const char *name;
    int reported;
} err_ctx;

static void structured_error(void *vctx, xmlErrorPtr e)
{
    err_ctx *c = vctx;
    if (c->reported || !e || e->level < XML_ERR_ERROR)
        return;
    c->reported = 1;
    const char *m = e->message ? e->message : "malformed XML";
    size_t len = strlen(m);
    while (len > 0 && (m[len - 1] == '\n' || m[len - 1] == ' '))
        len--;
    sv_diags_add(c->diags, SV_ERROR, c->name, (size_t)(e->line > 0 ? e->line : 0),
                 (size_t)(e->int2 > 0 ? e->int2 : 0), -1, "XML error: %.*s", (int)len, m);
}

void *sv_xml_parse_safe(const char *data, size_t len, const char *name, sv_diags *diags)
{
    sv_xml_init();
    if (len > INT_MAX) {
        sv_diags_add(diags, SV_ERROR, name, 0, 0, -1, "XML file too large (%zu bytes)", len);
        return NULL;
    }
    if (sv_xml_has_internal_subset(data, len)) {
        sv_diags_add(diags, SV_ERROR, name, 0, 0, -1,
                     "DOCTYPE with declarations refused (entities are not allowed)");
        return NULL;
    }
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        sv_diags_add(diags, SV_ERROR, name, 0, 0, -1, "cannot create an XML parser");
        return NULL;
    }
    err_ctx ec = {diags, name, 0};
    xmlSetStructuredErrorFunc(&ec, structured_error);
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, data, (int)len, name, NULL, sv_xml_safe_options());
    xmlSetStructuredErrorFunc(NULL, NULL);
    /* an error libxml2 recovers from (an undefined entity in a document
     * whose external DTD is not read) still refuses the file */
    if (doc && (!ctxt->wellFormed || ec.reported)) {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    xmlFreeParserCtxt(ctxt);
    if (!doc && !ec.reported)
        sv_diags_add(diags, SV_ERROR, name, 0, 0, -1, "not well-formed XML");
    return doc;
}
