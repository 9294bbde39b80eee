/* srx.c - SRX rule files (what CAT tools export) loaded with libxml2 and
 * run with ICU regular expressions; an alternative to segment.c's rules so
 * that sverka's segments match a translator's CAT tool. */
#include "srx.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>
#include <unicode/uregex.h>
#include <unicode/ustring.h>

#include "../base/fileio.h"
#include "../base/mem.h"
#include "../base/utf8.h"
#include "../base/xmlsafe.h"

typedef struct {
    int brk;
    URegularExpression *before, *after; /* NULL: matches anywhere */
    size_t line;
} srx_rule;

typedef struct {
    char *name;
    srx_rule *rules;
    size_t n, cap;
} srx_langrule;

typedef struct {
    URegularExpression *pattern;
    char *langrule;
} srx_map;

struct sv_srx {
    char *name; /* the file, for messages */
    int cascade;
    srx_langrule *lr;
    size_t nlr, cap_lr;
    srx_map *maps;
    size_t nmaps, cap_maps;
};

enum { REGEX_TIME_LIMIT = 2000 }; /* ICU match-engine steps (roughly ms) per match */

static const char *lname(const xmlNode *n)
{
    return (const char *)n->name;
}

static char *text_of(xmlNode *n)
{
    xmlChar *c = xmlNodeGetContent(n);
    char *r = xstrdup(c ? (const char *)c : "");
    xmlFree(c);
    return r;
}

static URegularExpression *compile(const char *pat, const char *file, size_t line,
                                   const char *what, sv_diags *diags, sv_status *st)
{
    UErrorCode e = U_ZERO_ERROR;
    UParseError pe;
    int32_t ulen = 0;
    u_strFromUTF8(NULL, 0, &ulen, pat, -1, &e);
    UChar *u = xmalloc(((size_t)ulen + 1) * sizeof(UChar));
    e = U_ZERO_ERROR;
    u_strFromUTF8(u, ulen + 1, &ulen, pat, -1, &e);
    e = U_ZERO_ERROR;
    URegularExpression *re = uregex_open(u, ulen, 0, &pe, &e);
    free(u);
    if (U_FAILURE(e)) {
        sv_diags_add(diags, SV_ERROR, file, line, 0, -1,
                     "%s regular expression '%s' does not compile: %s (offset %d)", what, pat,
                     u_errorName(e), pe.offset);
        *st = SV_ERR_INPUT;
        return NULL;
    }
    uregex_setTimeLimit(re, REGEX_TIME_LIMIT, &e);
    return re;
}

static sv_status parse_rule(sv_srx *s, srx_langrule *lr, xmlNode *rn, const char *name,
                            sv_diags *diags)
{
    sv_status st = SV_OK;
    srx_rule r = {1, NULL, NULL, (size_t)xmlGetLineNo(rn)};
    xmlChar *b = xmlGetProp(rn, (const xmlChar *)"break");
    if (b) {
        r.brk = strcasecmp((const char *)b, "no") != 0;
        xmlFree(b);
    }
    for (xmlNode *c = rn->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        int before = !strcmp(lname(c), "beforebreak");
        if (!before && strcmp(lname(c), "afterbreak"))
            continue;
        char *pat = text_of(c);
        if (pat[0]) {
            URegularExpression *re = compile(pat, name, (size_t)xmlGetLineNo(c),
                                             before ? "beforebreak" : "afterbreak", diags, &st);
            /* a second <beforebreak> or <afterbreak> replaces the first */
            URegularExpression **slot = before ? &r.before : &r.after;
            if (*slot)
                uregex_close(*slot);
            *slot = re;
        }
        free(pat);
    }
    (void)s;
    SV_PUSH(lr->rules, lr->n, lr->cap, r);
    return st;
}

static void free_srx_parts(sv_srx *s)
{
    for (size_t i = 0; i < s->nlr; i++) {
        for (size_t k = 0; k < s->lr[i].n; k++) {
            if (s->lr[i].rules[k].before)
                uregex_close(s->lr[i].rules[k].before);
            if (s->lr[i].rules[k].after)
                uregex_close(s->lr[i].rules[k].after);
        }
        free(s->lr[i].rules);
        free(s->lr[i].name);
    }
    free(s->lr);
    for (size_t i = 0; i < s->nmaps; i++) {
        if (s->maps[i].pattern)
            uregex_close(s->maps[i].pattern);
        free(s->maps[i].langrule);
    }
    free(s->maps);
}

void sv_srx_free(sv_srx *s)
{
    if (!s)
        return;
    free_srx_parts(s);
    free(s->name);
    free(s);
}

/* Walks the tree without recursion (hostile files may nest deeply). */
static sv_status walk(sv_srx *s, xmlNode *root, const char *name, sv_diags *diags)
{
    sv_status st = SV_OK;
    xmlNode *n = root;
    while (n) {
        int descend = 1;
        if (n->type == XML_ELEMENT_NODE) {
            const char *ln = lname(n);
            if (!strcmp(ln, "header")) {
                xmlChar *c = xmlGetProp(n, (const xmlChar *)"cascade");
                if (c) {
                    s->cascade = !strcasecmp((const char *)c, "yes");
                    xmlFree(c);
                }
            } else if (!strcmp(ln, "languagerule")) {
                srx_langrule lr = {0};
                xmlChar *nm = xmlGetProp(n, (const xmlChar *)"languagerulename");
                lr.name = xstrdup(nm ? (const char *)nm : "");
                xmlFree(nm);
                for (xmlNode *r = n->children; r; r = r->next)
                    if (r->type == XML_ELEMENT_NODE && !strcmp(lname(r), "rule")) {
                        sv_status rs = parse_rule(s, &lr, r, name, diags);
                        if (rs != SV_OK)
                            st = rs;
                    }
                SV_PUSH(s->lr, s->nlr, s->cap_lr, lr);
                descend = 0;
            } else if (!strcmp(ln, "languagemap")) {
                xmlChar *pat = xmlGetProp(n, (const xmlChar *)"languagepattern");
                xmlChar *rn = xmlGetProp(n, (const xmlChar *)"languagerulename");
                if (pat && rn) {
                    srx_map m = {compile((const char *)pat, name, (size_t)xmlGetLineNo(n),
                                         "languagepattern", diags, &st),
                                 xstrdup((const char *)rn)};
                    SV_PUSH(s->maps, s->nmaps, s->cap_maps, m);
                } else {
                    sv_diags_add(diags, SV_WARNING, name, (size_t)xmlGetLineNo(n), 0, -1,
                                 "languagemap without languagepattern or languagerulename "
                                 "ignored");
                }
                xmlFree(pat);
                xmlFree(rn);
            }
        }
        /* elements only: the children of an entity reference belong to
         * the entity, and their parents lead elsewhere */
        if (descend && n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            continue;
        }
        while (n && n != root && !n->next)
            n = n->parent;
        if (!n || n == root)
            break;
        n = n->next;
    }
    return st;
}

sv_status sv_srx_load_mem(const char *name, const char *data, size_t len, sv_srx **out,
                          sv_diags *diags)
{
    *out = NULL;
    if (sv_utf8_validate(data, len) != len) {
        /* SRX files are UTF-8 in practice; libxml2 handles a declared
         * UTF-16 file itself, so only refuse what is neither */
        if (!(len >= 2 && ((unsigned char)data[0] == 0xFF || (unsigned char)data[0] == 0xFE))) {
            sv_diags_add(diags, SV_ERROR, name, 0, 0, -1, "SRX file is not valid UTF-8");
            return SV_ERR_ENCODING;
        }
    }
    xmlDocPtr doc = sv_xml_parse_safe(data, len, name, diags);
    if (!doc)
        return SV_ERR_INPUT;
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!root || strcmp(lname(root), "srx") != 0) {
        sv_diags_add(diags, SV_ERROR, name, root ? (size_t)xmlGetLineNo(root) : 0, 0, -1,
                     "not an SRX file (root element is <%s>, not <srx>)",
                     root ? lname(root) : "none");
        xmlFreeDoc(doc);
        return SV_ERR_INPUT;
    }
    sv_srx *s = xcalloc(1, sizeof *s);
    s->name = xstrdup(name);
    sv_status st = walk(s, root, name, diags);
    xmlFreeDoc(doc);
    if (st == SV_OK && s->nmaps == 0) {
        sv_diags_add(diags, SV_ERROR, name, 0, 0, -1, "SRX file has no <languagemap>");
        st = SV_ERR_INPUT;
    }
    for (size_t i = 0; st == SV_OK && i < s->nmaps; i++) {
        size_t k = 0;
        while (k < s->nlr && strcmp(s->lr[k].name, s->maps[i].langrule) != 0)
            k++;
        if (k == s->nlr) {
            sv_diags_add(diags, SV_ERROR, name, 0, 0, -1,
                         "languagemap names an unknown languagerule '%s'", s->maps[i].langrule);
            st = SV_ERR_INPUT;
        }
    }
    if (st != SV_OK) {
        sv_srx_free(s);
        return st;
    }
    *out = s;
    return SV_OK;
}

sv_status sv_srx_load(const char *path, sv_srx **out, sv_diags *diags)
{
    char *data;
    size_t len;
    sv_status st = sv_file_read(path, 64u << 20, &data, &len, diags);
    if (st != SV_OK)
        return st;
    st = sv_srx_load_mem(path, data, len, out, diags);
    free(data);
    return st;
}

/* An empty string to leave in a regex instead of a pointer to freed text
 * (uregex_setText refuses NULL). */
static const UChar no_text[1] = {0};

static void clear_text(URegularExpression *re)
{
    UErrorCode e = U_ZERO_ERROR;
    uregex_setText(re, no_text, 0, &e);
}

static int map_matches(URegularExpression *re, sv_lang lang)
{
    static const char *const en[] = {"en", "EN", "en-US", "EN-US", "en_US", NULL};
    static const char *const ru[] = {"ru", "RU", "ru-RU", "RU-RU", "ru_RU", NULL};
    static const char *const und[] = {"und", NULL};
    const char *const *codes = lang == SV_LANG_EN ? en : lang == SV_LANG_RU ? ru : und;
    int hit = 0;
    for (size_t i = 0; codes[i] && !hit; i++) {
        UChar u[16];
        u_uastrcpy(u, codes[i]);
        UErrorCode e = U_ZERO_ERROR;
        uregex_setText(re, u, -1, &e);
        UBool m = uregex_matches(re, 0, &e);
        hit = U_SUCCESS(e) && m;
    }
    clear_text(re);
    return hit;
}

/* The rules for lang, in order of application. */
static size_t select_rules(const sv_srx *s, sv_lang lang, const srx_rule ***out)
{
    const srx_rule **v = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < s->nmaps; i++) {
        if (!s->maps[i].pattern || !map_matches(s->maps[i].pattern, lang))
            continue;
        for (size_t k = 0; k < s->nlr; k++)
            if (!strcmp(s->lr[k].name, s->maps[i].langrule))
                for (size_t r = 0; r < s->lr[k].n; r++)
                    SV_PUSH(v, n, cap, (const srx_rule *)&s->lr[k].rules[r]);
        if (!s->cascade)
            break;
    }
    *out = v;
    return n;
}

size_t sv_srx_rule_count(const sv_srx *s, sv_lang lang)
{
    const srx_rule **v;
    size_t n = select_rules(s, lang, &v);
    free(v);
    return n;
}

static int after_matches(URegularExpression *re, int32_t pos, UErrorCode *e)
{
    if (!re)
        return 1;
    return uregex_lookingAt(re, pos, e);
}

/* Long paragraphs are split window by window, so that memory stays small:
 * each window of SRX_WINDOW bytes is matched with SRX_MARGIN bytes of
 * context on either side (rules look at a few characters around a break;
 * a pattern that needs more context than the margin may decide
 * differently at a window's edge). */
enum { SRX_WINDOW = 1 << 20, SRX_MARGIN = 4096 };

/* Moves i back to the start of a UTF-8 character. */
static size_t char_start(const char *t, size_t i)
{
    while (i > 0 && ((unsigned char)t[i] & 0xC0) == 0x80)
        i--;
    return i;
}

typedef struct {
    size_t *v;
    size_t n, cap;
} cutvec;

/* Runs the rules over text[a,b) and appends to cuts the breaks that fall
 * in [ws,we) (byte offsets), in order. */
static sv_status srx_window(const sv_srx *s, const srx_rule *const *rules, size_t nr,
                            const char *text,
                           size_t len, size_t a, size_t b, size_t ws, size_t we, cutvec *cuts,
                           sv_diags *diags)
{
    UErrorCode e = U_ZERO_ERROR;
    int32_t ulen = 0, nsub = 0;
    UChar *u = xmalloc((b - a + 1) * sizeof(UChar));
    u_strFromUTF8WithSub(u, (int32_t)(b - a) + 1, &ulen, text + a, (int32_t)(b - a), 0xFFFD,
                         &nsub, &e);
    int32_t *best = xmalloc(((size_t)ulen + 1) * sizeof *best);
    for (int32_t i = 0; i <= ulen; i++)
        best[i] = -1;
    sv_status st = SV_OK;
    for (size_t r = 0; r < nr && st == SV_OK; r++) {
        URegularExpression *bre = rules[r]->before, *are = rules[r]->after;
        e = U_ZERO_ERROR;
        if (are)
            uregex_setText(are, u, ulen, &e);
        if (!bre) {
            for (int32_t p = 1; p < ulen && U_SUCCESS(e); p++)
                if (best[p] < 0 && after_matches(are, p, &e))
                    best[p] = (int32_t)r;
        } else {
            uregex_setText(bre, u, ulen, &e);
            int32_t from = 0;
            while (from < ulen && U_SUCCESS(e) && uregex_find(bre, from, &e)) {
                int32_t ms = uregex_start(bre, 0, &e), me = uregex_end(bre, 0, &e);
                if (U_SUCCESS(e) && me > 0 && me < ulen && best[me] < 0 &&
                    after_matches(are, me, &e))
                    best[me] = (int32_t)r;
                from = ms + 1;
            }
            clear_text(bre);
        }
        if (are)
            clear_text(are);
        if (U_FAILURE(e)) {
            sv_diags_add(diags, SV_ERROR, s->name, rules[r]->line, 0, -1,
                         "SRX rule at line %zu failed: %s%s", rules[r]->line, u_errorName(e),
                         e == U_REGEX_TIME_OUT ? " (the pattern takes too long)" : "");
            st = SV_ERR_INPUT;
        }
    }
    if (st == SV_OK) {
        size_t u8 = a;
        int32_t u16 = 0;
        for (int32_t p = 1; p < ulen; p++) {
            if (!(best[p] >= 0 && rules[best[p]]->brk))
                continue;
            while (u16 < p && u8 < b) {
                size_t adv;
                long cp = sv_utf8_decode(text + u8, b - u8, &adv);
                u16 += cp > 0xFFFF ? 2 : 1;
                u8 += adv;
            }
            if (u8 >= ws && u8 < we && u8 > 0 && u8 < len)
                SV_PUSH(cuts->v, cuts->n, cuts->cap, u8);
        }
    }
    free(best);
    free(u);
    return st;
}

sv_status sv_srx_split(const sv_srx *s, sv_lang lang, const char *text, size_t len,
                       size_t **bounds, size_t *nbounds, sv_diags *diags)
{
    *bounds = NULL;
    *nbounds = 0;
    const srx_rule **rules;
    size_t nr = select_rules(s, lang, &rules);
    cutvec cuts = {0};
    sv_status st = SV_OK;
    for (size_t ws = 0, we; ws < len && st == SV_OK; ws = we) {
        we = ws + SRX_WINDOW < len ? char_start(text, ws + SRX_WINDOW) : len;
        if (we <= ws)
            we = len;
        size_t a = ws > SRX_MARGIN ? char_start(text, ws - SRX_MARGIN) : 0;
        size_t b = we + SRX_MARGIN < len ? char_start(text, we + SRX_MARGIN) : len;
        st = srx_window(s, rules, nr, text, len, a, b, ws, we, &cuts, diags);
    }
    if (st == SV_OK) {
        size_t *bv = NULL, n = 0, cap = 0, prev = 0;
        for (size_t i = 0; i <= cuts.n; i++) {
            size_t s0 = prev, e0 = i < cuts.n ? cuts.v[i] : len;
            prev = e0;
            while (s0 < e0 && text[s0] == ' ')
                s0++;
            while (e0 > s0 && text[e0 - 1] == ' ')
                e0--;
            if (e0 > s0) {
                SV_PUSH(bv, n, cap, s0);
                SV_PUSH(bv, n, cap, e0);
            }
        }
        *bounds = bv;
        *nbounds = n;
    }
    free(cuts.v);
    free(rules);
    return st;
}
