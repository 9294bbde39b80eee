/* mueller.c - the Mueller English-Russian dictionary: dictd files in, clean
 * (headword, translation) pairs out.  Feeds lexicon.c; nothing else reads
 * the dictionary.  The entry grammar is described in mueller.h. */
#include "mueller.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "../base/buf.h"
#include "../base/fileio.h"
#include "../base/mem.h"

/* ---- characters ------------------------------------------------------ */

static int is_ascii_alpha(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* Is the two-byte sequence at s a Cyrillic letter (U+0400..U+04FF)? */
static int is_cyr(const char *s, size_t avail)
{
    unsigned char c = (unsigned char)s[0];
    return avail >= 2 && (c == 0xD0 || c == 0xD1 || c == 0xD2 || c == 0xD3) &&
           ((unsigned char)s[1] & 0xC0) == 0x80;
}

/* Does the text end with a Cyrillic letter? */
static int ends_cyr(const char *s, size_t len)
{
    return len >= 2 && is_cyr(s + len - 2, 2);
}

/* Lower-case Cyrillic letter followed by ')' at s: "а)", "б)" ... */
static int is_sub_marker(const char *s, size_t len)
{
    if (len < 3 || !is_cyr(s, len) || s[2] != ')')
        return 0;
    unsigned cp = (((unsigned char)s[0] & 0x1F) << 6) | ((unsigned char)s[1] & 0x3F);
    return cp >= 0x430 && cp <= 0x44F;
}

static int has_latin(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (is_ascii_alpha((unsigned char)s[i]))
            return 1;
    return 0;
}

/* ---- one entry --------------------------------------------------------- */

/* Segment levels: text before any marker and homonyms (_I), part-of-speech
 * groups (1.), senses (1)), subsenses (а)). */
enum { LV_TOP = 0, LV_GROUP = 1, LV_SENSE = 2, LV_SUB = 3 };

typedef struct {
    const sv_mueller_sink *sink;
    const char *head;
    size_t head_len;
    int skip_sub; /* the last sense ended in an idiom: drop its subsenses */
    int sense;
    sv_buf seg;   /* the raw text of the current segment */
    sv_buf clean; /* scratch */
    sv_buf word;  /* scratch */
    int level;
} entry_state;

/* Reports alias "head -> base" when text has "_p. от base", "= base" ... */
static void find_alias(entry_state *st, const char *s, size_t len)
{
    /* "= x" makes a whole-entry alias only before the first sense; inside a
     * sense it means "this sense is x's", which is too weak */
    static const char *const marks[] = {"_p. от ",      "_p-p. от ", "_pl. от ",
                                        "_pres-p. от ", "_сокр. от ", "= "};
    for (size_t i = 0; i < len; i++) {
        if (s[i] != '_' && s[i] != '=')
            continue;
        for (size_t m = 0; m < sizeof marks / sizeof marks[0]; m++) {
            size_t ml = strlen(marks[m]);
            if (i + ml >= len || memcmp(s + i, marks[m], ml) != 0)
                continue;
            /* "= x" only at the start of the text or of a part */
            if (marks[m][0] == '=' &&
                (st->level != LV_TOP || (i > 0 && s[i - 1] != ' ' && s[i - 1] != ';')))
                continue;
            size_t b = i + ml, e = b;
            while (e < len && (is_ascii_alpha((unsigned char)s[e]) || s[e] == '-' || s[e] == '\''))
                e++;
            /* a single word: the end, a space, a sense number, ")" or ";" follow */
            if (e > b && (e == len || s[e] == ' ' || s[e] == ')' || s[e] == ';' || s[e] == ',')) {
                size_t n = e;
                while (n < len && s[n] == ' ')
                    n++;
                if (n < len && is_ascii_alpha((unsigned char)s[n]))
                    continue; /* "= trade winds": several words */
                if (st->sink->alias) {
                    char base[64];
                    size_t bl = e - b < sizeof base ? e - b : 0;
                    for (size_t k = 0; k < bl; k++) {
                        char ch = s[b + k];
                        base[k] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
                    }
                    if (bl)
                        st->sink->alias(st->sink->ctx, st->head, st->head_len, base, bl);
                }
            }
        }
    }
}

/* Removes labels, [transcriptions], {notes} and (comments) from s into out.
 * An optional ending "(ся)" right after a Cyrillic letter is kept between
 * \1 and \2. */
static void clean_text(const char *s, size_t len, sv_buf *out)
{
    sv_buf_reset(out);
    size_t i = 0;
    while (i < len) {
        char c = s[i];
        if (c == '[' || c == '{') {
            char close = c == '[' ? ']' : '}';
            while (i < len && s[i] != close)
                i++;
            i++;
        } else if (c == '(') {
            size_t j = i + 1;
            while (j + 1 < len && is_cyr(s + j, len - j))
                j += 2;
            if (j < len && s[j] == ')' && j > i + 1 && j - i - 1 <= 8 &&
                ends_cyr(out->ptr, out->len)) {
                sv_buf_putc(out, '\1');
                sv_buf_append(out, s + i + 1, j - i - 1);
                sv_buf_putc(out, '\2');
                i = j + 1;
                continue;
            }
            int depth = 0;
            for (; i < len; i++) {
                if (s[i] == '(')
                    depth++;
                else if (s[i] == ')' && --depth == 0)
                    break;
            }
            i++;
            sv_buf_putc(out, ' ');
        } else if (c == '_') {
            /* a label: "_n.", "_разг.", "_n-card.", "_I" */
            i++;
            while (i < len && s[i] != ' ' && s[i] != '.' && s[i] != '(' && s[i] != '[')
                i++;
            if (i < len && s[i] == '.')
                i++;
            sv_buf_putc(out, ' ');
        } else if (c == '\1' || c == '\2') {
            sv_buf_putc(out, ' '); /* our markers must not come from the text */
            i++;
        } else {
            size_t j = i + 1;
            while (j < len && s[j] != '[' && s[j] != '{' && s[j] != '(' && s[j] != '_' &&
                   s[j] != '\1' && s[j] != '\2')
                j++;
            sv_buf_append(out, s + i, j - i);
            i = j;
        }
    }
}

/* Is w (one word of a translation) a placeholder to drop: "кого-л.",
 * "т.п.", "т.д.", "и т. п." pieces? */
static int is_placeholder(const char *w, size_t n)
{
    static const char *const ph[] = {"т.п.", "т.д.", "т.", "п.", "д.", "пр.", "др."};
    if (n >= 4 && memcmp(w + n - 4, "-л.", 4) == 0)
        return 1;
    for (size_t k = 0; k < sizeof ph / sizeof ph[0]; k++)
        if (strlen(ph[k]) == n && memcmp(w, ph[k], n) == 0)
            return 1;
    return 0;
}

/* Emits one translation (a comma-separated piece) if it is clean. */
static void emit_translation(entry_state *st, const char *s, size_t len)
{
    sv_buf *w = &st->word;
    sv_buf_reset(w);
    size_t nwords = 0, i = 0;
    size_t opt = (size_t)-1, opt_end = 0; /* the \1...\2 optional ending */
    while (i < len) {
        while (i < len && (s[i] == ' ' || s[i] == '\t'))
            i++;
        size_t b = i;
        while (i < len && s[i] != ' ' && s[i] != '\t')
            i++;
        if (i == b || is_placeholder(s + b, i - b))
            continue;
        for (size_t k = b; k < i;) {
            if (is_cyr(s + k, i - k))
                k += 2;
            else if (s[k] == '-' && k > b && k + 1 < i)
                k++;
            else if ((s[k] == '\1' || s[k] == '\2') && opt_end == 0) {
                if (s[k] == '\1')
                    opt = w->len + (k - b) + (nwords ? 1 : 0);
                else
                    opt_end = w->len + (k - b) + (nwords ? 1 : 0);
                k++;
            } else
                return; /* Latin, digits, punctuation, quotes: not a clean translation */
        }
        if (nwords)
            sv_buf_putc(w, ' ');
        sv_buf_append(w, s + b, i - b);
        nwords++;
    }
    size_t maxw = st->sink->max_words ? st->sink->max_words : 3;
    if (nwords == 0 || nwords > maxw || !st->sink->pair)
        return;
    if (opt != (size_t)-1 && opt_end > opt) {
        /* without the ending, then with it */
        sv_buf v = SV_BUF_INIT;
        sv_buf_append(&v, w->ptr, opt);
        sv_buf_append(&v, w->ptr + opt_end + 1, w->len - opt_end - 1);
        if (opt > 0) /* a word before the ending: "мыть(ся)" */
            st->sink->pair(st->sink->ctx, st->head, st->head_len, v.ptr, v.len, st->sense);
        sv_buf_reset(&v);
        sv_buf_append(&v, w->ptr, opt);
        sv_buf_append(&v, w->ptr + opt + 1, opt_end - opt - 1);
        sv_buf_append(&v, w->ptr + opt_end + 1, w->len - opt_end - 1);
        st->sink->pair(st->sink->ctx, st->head, st->head_len, v.ptr, v.len, st->sense);
        sv_buf_free(&v);
        return;
    }
    if (memchr(w->ptr, '\1', w->len) || memchr(w->ptr, '\2', w->len))
        return; /* an unmatched marker: give up on this one */
    st->sink->pair(st->sink->ctx, st->head, st->head_len, w->ptr, w->len, st->sense);
}

/* Processes the text of one finished segment. */
static void flush_segment(entry_state *st)
{
    const char *raw = st->seg.ptr;
    size_t rlen = st->seg.len;
    if (!raw || rlen == 0)
        return;
    if (st->level == LV_SUB && st->skip_sub) {
        sv_buf_reset(&st->seg);
        return;
    }
    if (st->level != LV_SUB)
        st->skip_sub = 0;
    find_alias(st, raw, rlen);
    clean_text(raw, rlen, &st->clean);
    const char *s = st->clean.ptr ? st->clean.ptr : "";
    size_t len = st->clean.len;
    size_t i = 0;
    while (i < len) {
        size_t b = i;
        while (i < len && s[i] != ';' && s[i] != ':')
            i++;
        const char *part = s + b;
        size_t plen = i - b;
        i++;
        /* a leading cross-reference "= word" was taken as an alias */
        size_t k = 0;
        while (k < plen && part[k] == ' ')
            k++;
        if (k < plen && part[k] == '=') {
            k++;
            while (k < plen && part[k] == ' ')
                k++;
            while (k < plen && (is_ascii_alpha((unsigned char)part[k]) || part[k] == '-'))
                k++;
            part += k;
            plen -= k;
        }
        if (has_latin(part, plen)) {
            st->skip_sub = 1;
            break;
        }
        size_t j = 0;
        while (j < plen) {
            size_t tb = j;
            while (j < plen && part[j] != ',')
                j++;
            emit_translation(st, part + tb, j - tb);
            j++;
        }
    }
    sv_buf_reset(&st->seg);
}

/* Recognises a marker at the start of s; returns its length (0: none) and
 * sets *level and *num. */
static size_t marker(const char *s, size_t len, int *level, int *num)
{
    if (len >= 2 && s[0] == '_' && s[1] == 'I') {
        size_t i = 1;
        while (i < len && (s[i] == 'I' || s[i] == 'V' || s[i] == 'X'))
            i++;
        if (i == len || s[i] == ' ' || s[i] == '[') {
            *level = LV_TOP;
            *num = 1;
            return i;
        }
        return 0;
    }
    if (len >= 2 && s[0] >= '0' && s[0] <= '9') {
        size_t i = 0;
        int n = 0;
        while (i < len && s[i] >= '0' && s[i] <= '9' && i < 4)
            n = n * 10 + (s[i++] - '0');
        if (i < len && s[i] == ')') {
            *level = LV_SENSE;
            *num = n;
            return i + 1;
        }
        if (i < len && s[i] == '.' && (i + 1 == len || s[i + 1] == ' ')) {
            *level = LV_GROUP;
            *num = 1;
            return i + 1;
        }
        return 0;
    }
    if (is_sub_marker(s, len)) {
        *level = LV_SUB;
        *num = -1;
        return 3;
    }
    return 0;
}

void sv_mueller_parse_entry(const char *head, size_t head_len, const char *body,
                            size_t body_len, const sv_mueller_sink *sink)
{
    entry_state st;
    memset(&st, 0, sizeof st);
    st.sink = sink;
    st.head = head;
    st.head_len = head_len;
    st.sense = 1;
    st.level = LV_TOP;
    /* skip the headword line */
    const char *p = memchr(body, '\n', body_len);
    size_t i = p ? (size_t)(p - body) + 1 : body_len;
    while (i < body_len) {
        const char *nl = memchr(body + i, '\n', body_len - i);
        size_t end = nl ? (size_t)(nl - body) : body_len;
        size_t b = i;
        while (b < end && (body[b] == ' ' || body[b] == '\t'))
            b++;
        i = nl ? end + 1 : body_len;
        int level, num;
        size_t ml;
        int first = 1;
        while ((ml = marker(body + b, end - b, &level, &num)) > 0) {
            flush_segment(&st);
            st.level = level;
            if (level == LV_SENSE)
                st.sense = num;
            else if (level != LV_SUB)
                st.sense = 1;
            b += ml;
            while (b < end && body[b] == ' ')
                b++;
            first = 0;
        }
        if (b >= end)
            continue;
        /* a continuation line: "северо-" + "восток" joins without a space */
        if (first && st.seg.len > 0) {
            size_t sl = st.seg.len;
            if (!(st.seg.ptr[sl - 1] == '-' && sl >= 3 && ends_cyr(st.seg.ptr, sl - 1)))
                sv_buf_putc(&st.seg, ' ');
        }
        sv_buf_append(&st.seg, body + b, end - b);
    }
    flush_segment(&st);
    sv_buf_free(&st.seg);
    sv_buf_free(&st.clean);
    sv_buf_free(&st.word);
}

/* ---- the dictd files ----------------------------------------------------- */

static int b64_value(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

/* Decodes a dictd base64 number; -1 if malformed or too large. */
static long long b64_number(const char *s, size_t len)
{
    if (len == 0 || len > 8)
        return -1;
    long long v = 0;
    for (size_t i = 0; i < len; i++) {
        int d = b64_value(s[i]);
        if (d < 0)
            return -1;
        v = v * 64 + d;
    }
    return v;
}

/* A headword sverka uses: one word of ASCII letters, hyphens and
 * apostrophes, starting with a letter. */
static int usable_head(const char *h, size_t n)
{
    if (n == 0 || n > 60 || !is_ascii_alpha((unsigned char)h[0]))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!is_ascii_alpha((unsigned char)h[i]) && h[i] != '-' && h[i] != '\'')
            return 0;
    return 1;
}

#define DICT_MAX ((size_t)64 << 20) /* the real file inflates to 9 MB */

static sv_status read_dz(const char *path, char **out, size_t *out_len, sv_diags *diags)
{
    gzFile gz = gzopen(path, "rb");
    if (!gz) {
        sv_diags_add(diags, SV_ERROR, path, 0, 0, -1,
                     "cannot open the Mueller dictionary (install mueller7-dict, or use a "
                     "user dictionary only)");
        return SV_ERR_NOTFOUND;
    }
    size_t cap = 16 << 20, len = 0;
    char *buf = xmalloc(cap + 1);
    for (;;) {
        if (len == cap) {
            if (cap >= DICT_MAX) {
                gzclose(gz);
                free(buf);
                sv_diags_add(diags, SV_ERROR, path, 0, 0, -1,
                             "dictionary is larger than %zu bytes", DICT_MAX);
                return SV_ERR_LIMIT;
            }
            cap *= 2;
            buf = xrealloc(buf, cap + 1);
        }
        int n = gzread(gz, buf + len, (unsigned)(cap - len));
        if (n < 0) {
            int err;
            const char *msg = gzerror(gz, &err);
            sv_diags_add(diags, SV_ERROR, path, 0, 0, -1, "cannot decompress: %s", msg);
            gzclose(gz);
            free(buf);
            return SV_ERR_INPUT;
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    gzclose(gz);
    buf[len] = '\0';
    *out = buf;
    *out_len = len;
    return SV_OK;
}

sv_status sv_mueller_read(const char *dir, const sv_mueller_sink *sink, sv_diags *diags)
{
    sv_buf path = SV_BUF_INIT;
    sv_buf_printf(&path, "%s/mueller7.index", dir);
    if (!sv_file_exists(path.ptr)) {
        sv_diags_add(diags, SV_ERROR, path.ptr, 0, 0, -1,
                     "Mueller dictionary not found (install the mueller7-dict package, "
                     "give the directory that holds mueller7.index and mueller7.dict.dz, "
                     "or use a user dictionary only)");
        sv_buf_free(&path);
        return SV_ERR_NOTFOUND;
    }
    char *index = NULL;
    size_t ilen = 0;
    sv_status st = sv_file_read(path.ptr, DICT_MAX, &index, &ilen, diags);
    if (st != SV_OK) {
        sv_buf_free(&path);
        return st;
    }
    sv_buf_reset(&path);
    sv_buf_printf(&path, "%s/mueller7.dict.dz", dir);
    char *data = NULL;
    size_t dlen = 0;
    st = read_dz(path.ptr, &data, &dlen, diags);
    if (st != SV_OK) {
        free(index);
        sv_buf_free(&path);
        return st;
    }
    sv_buf_reset(&path);
    sv_buf_printf(&path, "%s/mueller7.index", dir);
    size_t line = 0, i = 0;
    while (i < ilen) {
        line++;
        const char *nl = memchr(index + i, '\n', ilen - i);
        size_t end = nl ? (size_t)(nl - index) : ilen;
        const char *l = index + i;
        size_t n = end - i;
        i = nl ? end + 1 : ilen;
        if (n == 0)
            continue;
        const char *t1 = memchr(l, '\t', n);
        const char *t2 = t1 ? memchr(t1 + 1, '\t', n - (size_t)(t1 + 1 - l)) : NULL;
        long long off = -1, elen = -1;
        if (t2) {
            off = b64_number(t1 + 1, (size_t)(t2 - t1 - 1));
            size_t rest = n - (size_t)(t2 + 1 - l);
            if (rest && t2[rest] == '\r')
                rest--;
            elen = b64_number(t2 + 1, rest);
        }
        if (off < 0 || elen < 0 || (unsigned long long)off + (unsigned long long)elen > dlen) {
            sv_diags_add(diags, SV_ERROR, path.ptr, line, 0, -1,
                         "malformed dictd index line (want headword, offset, length)");
            st = SV_ERR_INPUT;
            break;
        }
        size_t hlen = (size_t)(t1 - l);
        /* "banderol, banderole": one entry for several spellings */
        size_t hb = 0;
        while (hb < hlen) {
            size_t he = hb;
            while (he < hlen && l[he] != ',')
                he++;
            size_t s = hb, e = he;
            while (s < e && l[s] == ' ')
                s++;
            while (e > s && l[e - 1] == ' ')
                e--;
            if (usable_head(l + s, e - s)) {
                char head[64];
                for (size_t k = s; k < e; k++)
                    head[k - s] = (char)((l[k] >= 'A' && l[k] <= 'Z') ? l[k] + 32 : l[k]);
                sv_mueller_parse_entry(head, e - s, data + off, (size_t)elen, sink);
            }
            hb = he + 1;
        }
    }
    free(index);
    free(data);
    sv_buf_free(&path);
    return st;
}
