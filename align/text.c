/* text.c - document input: bytes -> UTF-8 -> paragraphs with a normalised
 * form and a map back to the source.  First stage of the pipeline; the
 * segmenter (segment.c) works on the paragraphs made here. */
#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../base/buf.h"
#include "../base/fileio.h"
#include "../base/mem.h"
#include "../base/utf8.h"
#include "encoding.h"
#include "html.h"

typedef struct {
    size_t norm; /* first byte of a run in the normalised text */
    size_t src;  /* where that byte came from in the document text */
} anchor;

struct sv_doc {
    char *name;
    char *text;
    size_t len;
    char encoding[32];
    int html;
    sv_para *paras;
    size_t npara, cap_para;
    anchor *map;
    size_t nmap, cap_map;
    size_t *lines; /* start offset of each line of text */
    size_t nlines, cap_lines;
    sv_buf normbuf; /* all normalised paragraphs, each NUL-terminated */
    int too_many;   /* SV_MAX_PARAS was reached */
};

void sv_load_opts_init(sv_load_opts *o)
{
    memset(o, 0, sizeof *o);
    o->format = SV_INPUT_AUTO;
    o->max_bytes = SV_MAX_INPUT;
}

/* ---- normalisation ---------------------------------------------------- */

static int is_dropped(long cp)
{
    return cp == 0xAD || cp == 0x200B || cp == 0xFEFF || cp == 0x2060 || cp == 0x180E;
}

static int is_control(long cp)
{
    return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r' && cp != '\v' && cp != '\f') ||
           (cp >= 0x7F && cp <= 0x9F && cp != 0x85);
}

/* Composes и/И + U+0306 -> й/Й and е/Е + U+0308 -> ё/Ё; returns 0 if none. */
static long compose(long base, long mark)
{
    if (mark == 0x306) {
        if (base == 0x438) return 0x439;
        if (base == 0x418) return 0x419;
    } else if (mark == 0x308) {
        if (base == 0x435) return 0x451;
        if (base == 0x415) return 0x401;
    }
    return 0;
}

/* Records that normalised offset n comes from source offset src, when
 * the distance between the two changed since the last anchor. */
static void anchor_at(sv_doc *d, size_t n, size_t src, long long *delta)
{
    long long dl = (long long)src - (long long)n;
    if (dl != *delta) {
        anchor a = {n, src};
        SV_PUSH(d->map, d->nmap, d->cap_map, a);
        *delta = dl;
    }
}

/* Length of the run at t[i] that normalisation copies unchanged:
 * printable ASCII and two-byte letters (Latin-1 letters, Cyrillic; not
 * U+0080..U+00BF, which holds NBSP, the soft hyphen and C1 controls),
 * with single spaces between them, stopped before a combining mark that
 * might compose with the letter before it. */
static int plain_start(const char *t, size_t k, size_t e)
{
    unsigned char b = (unsigned char)t[k];
    return (b > 0x20 && b < 0x7F) || (b >= 0xC3 && b <= 0xDF && k + 1 < e);
}

static size_t plain_run(const char *t, size_t i, size_t e)
{
    size_t k = i;
    if (!plain_start(t, i, e))
        return 0;
    while (k < e) {
        unsigned char b = (unsigned char)t[k];
        if (b > 0x20 && b < 0x7F)
            k++;
        else if (b >= 0xC3 && b <= 0xDF && k + 1 < e &&
                 !(k + 2 < e && (unsigned char)t[k + 2] == 0xCC))
            k += 2;
        else if (b == ' ' && k + 1 < e && plain_start(t, k + 1, e))
            k++; /* one space between words stays as it is */
        else
            break;
    }
    return k - i;
}

/* Normalises text[s,e) into a new paragraph's norm text and map.  The
 * normalised text is never longer than the source, so it is written
 * straight into the reserved buffer; printable ASCII is copied in runs. */
static void normalize(sv_doc *d, size_t s, size_t e, sv_para *p)
{
    sv_buf *nb = &d->normbuf;
    sv_buf_reserve(nb, e - s + 1);
    char *o = nb->ptr + nb->len;
    size_t n = 0;         /* bytes written for this paragraph */
    long long delta = -1; /* src - norm of the current run; -1: none yet */
    int pending = 0;      /* white space seen since the last character */
    size_t space_src = s;
    p->map_first = d->nmap;
    const char *t = d->text;
    size_t i = s;
    while (i < e) {
        unsigned char c = (unsigned char)t[i];
        size_t adv, emit_len;
        const char *emit;
        char composed[4];
        size_t run = plain_run(t, i, e);
        if (run > 0) {
            adv = emit_len = run;
            emit = t + i;
        } else if (c < 0x80) {
            /* ASCII white space and control characters */
            if (!pending)
                space_src = i;
            pending = 1;
            i++;
            continue;
        } else {
            long cp = sv_utf8_decode(t + i, e - i, &adv);
            if (cp >= 0 && (sv_is_space((unsigned long)cp) || is_control(cp))) {
                if (!pending)
                    space_src = i;
                pending = 1;
                i += adv;
                continue;
            }
            if (is_dropped(cp)) {
                i += adv;
                continue;
            }
            emit = t + i;
            emit_len = adv;
            if ((cp == 0x438 || cp == 0x418 || cp == 0x435 || cp == 0x415) && i + adv < e) {
                size_t adv2;
                long next = sv_utf8_decode(t + i + adv, e - i - adv, &adv2);
                long cc = next > 0 ? compose(cp, next) : 0;
                if (cc) {
                    emit_len = sv_utf8_encode((unsigned)cc, composed);
                    emit = composed;
                    adv += adv2;
                }
            }
        }
        if (pending && n > 0) {
            anchor_at(d, n, space_src, &delta);
            o[n++] = ' ';
        }
        pending = 0;
        anchor_at(d, n, i, &delta);
        memcpy(o + n, emit, emit_len);
        n += emit_len;
        i += adv;
        if (emit == composed)
            delta = -1 - (long long)n; /* the next character needs an anchor */
        p->end = i;
    }
    /* end anchor: norm_len maps to just after the last source byte */
    anchor a = {n, p->end};
    SV_PUSH(d->map, d->nmap, d->cap_map, a);
    p->map_n = d->nmap - p->map_first;
    p->norm_len = n;
    p->start = p->map_n > 0 ? d->map[p->map_first].src : s;
    if (n > 0 && p->end - p->start == n && memcmp(o, t + p->start, n) == 0) {
        /* nothing changed: the paragraph is its own span of the text (no copy) */
        p->norm_off = SIZE_MAX;
        return;
    }
    o[n] = '\0';
    p->norm_off = nb->len;
    nb->len += n + 1;
}

/* The normalised text of a paragraph being built. */
static const char *para_norm(const sv_doc *d, const sv_para *p)
{
    return p->norm_off == SIZE_MAX ? d->text + p->start : d->normbuf.ptr + p->norm_off;
}

size_t sv_doc_src_offset(const sv_doc *d, const sv_para *p, size_t off)
{
    const anchor *m = d->map + p->map_first;
    size_t lo = 0, hi = p->map_n;
    if (hi == 0)
        return p->start;
    /* last anchor with norm <= off; ties: the later anchor (the end anchor) */
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (m[mid].norm <= off)
            lo = mid;
        else
            hi = mid;
    }
    return m[lo].src + (off - m[lo].norm);
}

/* ---- classification ---------------------------------------------------- */

static size_t count_words(const char *s, size_t len)
{
    size_t w = 0;
    int in = 0;
    for (size_t i = 0; i < len; i++) {
        int sp = s[i] == ' ';
        if (!sp && !in)
            w++;
        in = !sp;
    }
    return w;
}

static int has_letter(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t adv;
        long cp = sv_utf8_decode(s + i, len - i, &adv);
        if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
            (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
            (cp >= 0x370 && cp <= 0x52F) || (cp >= 0x1E00 && cp <= 0x1FFF) || cp >= 0x3040)
            return 1;
        i += adv;
    }
    return 0;
}

/* Last code point of s before any closing quotes/brackets. */
static long final_mark(const char *s, size_t len)
{
    size_t i = len;
    while (i > 0) {
        size_t j = i - 1;
        while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80)
            j--;
        size_t adv;
        long cp = sv_utf8_decode(s + j, i - j, &adv);
        if (cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0xBB ||
            cp == 0x201D || cp == 0x2019 || cp == 0x201C || cp == 0x203A) {
            i = j;
            continue;
        }
        return cp;
    }
    return 0;
}

/* Ends with . ! ? or an ellipsis (before closing quotes or brackets). */
static int ends_terminal(const char *s, size_t len)
{
    long c = final_mark(s, len);
    return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x203C || c == 0x2047 ||
           c == 0x2048 || c == 0x2049;
}

/* Ends like a sentence or a clause: what a headline does not do. */
static int ends_sentence(const char *s, size_t len)
{
    long c = final_mark(s, len);
    return ends_terminal(s, len) || c == ';' || c == ':' || c == ',';
}

/* ASCII case-insensitive comparisons; Cyrillic phrases are listed in both
 * cases.  These run for every short paragraph against every list entry,
 * so they stop at the first difference. */
static int ascii_lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Does a[0,alen) start with b (ignoring ASCII case)?  Returns strlen(b)
 * on a match, 0 otherwise. */
static size_t ci_prefix_len(const char *a, size_t alen, const char *b)
{
    size_t i = 0;
    for (; b[i]; i++)
        if (i >= alen || ascii_lower((unsigned char)a[i]) != ascii_lower((unsigned char)b[i]))
            return 0;
    return i;
}

static int ci_eq(const char *a, size_t alen, const char *b)
{
    return alen > 0 && ci_prefix_len(a, alen, b) == alen;
}

static int ci_prefix(const char *a, size_t alen, const char *b)
{
    return ci_prefix_len(a, alen, b) > 0;
}

static const char *const bp_whole[] = {
    "All news", "Follow us", "Follow us on", "Share", "Share this", "Share this article",
    "Read also", "Read more", "See also", "Related news", "Related", "Recent news",
    "Latest news", "Most read", "Most popular", "Popular", "Subscribe", "Print", "Comments",
    "Advertisement", "Tags", "Photo", "Video", "Home", "News", "Menu", "Search", "Top",
    "Back to top", "Next", "Previous", "Show more", "Load more", "More", "Close",
    "Все новости", "Читайте также", "Читайте нас", "Подписывайтесь", "Поделиться",
    "Реклама", "Комментарии", "Теги", "Фото", "Видео", "Главная", "Новости", "Меню",
    "Поиск", "Наверх", "Далее", "Ещё", "Еще", "Показать еще", "Смотрите также",
    "Популярное", "Самое читаемое", "Последние новости", "Лента новостей",
    "ВСЕ НОВОСТИ", "ЧИТАЙТЕ ТАКЖЕ", NULL};

static const char *const bp_prefix[] = {
    "Follow us", "Written by", "Source:", "Photo:", "Photo by", "Video:", "Tags:",
    "Copyright", "\xC2\xA9", "All rights reserved", "Recent news", "Read also",
    "Read more:", "Subscribe to", "Share on", "Фото:", "Видео:", "Источник:", "Автор:",
    "Теги:", "Читайте также", "Подписывайтесь", "Все права защищены", "Поделиться в",
    "Фото ", "Реклама", NULL};

static const char *const date_words[] = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
    "today", "yesterday", "am", "pm", "a.m", "p.m", "gmt", "utc", "msk", "updated",
    "published",
    "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
    "октября", "ноября", "декабря", "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь", "янв", "фев", "мар",
    "апр", "июн", "июл", "авг", "сен", "окт", "ноя", "дек", "понедельник", "вторник",
    "среда", "четверг", "пятница", "суббота", "воскресенье", "сегодня", "вчера", "г",
    "мск", "обновлено", "опубликовано",
    "Января", "Февраля", "Марта", "Апреля", "Мая", "Июня", "Июля", "Августа", "Сентября",
    "Октября", "Ноября", "Декабря", "Понедельник", "Вторник", "Среда", "Четверг",
    "Пятница", "Суббота", "Воскресенье", "Сегодня", "Вчера", NULL};

/* Is word w (no spaces) a date/time token: digits with . : / - , or a
 * month/weekday name? */
static int date_token(const char *w, size_t len)
{
    while (len > 0 && (w[len - 1] == ',' || w[len - 1] == '.' || w[len - 1] == '|'))
        len--;
    if (len == 0)
        return 1;
    int digits = 0, other = 0;
    for (size_t i = 0; i < len; i++) {
        char c = w[i];
        if (c >= '0' && c <= '9')
            digits++;
        else if (c != '.' && c != ':' && c != '/' && c != '-')
            other++;
    }
    if (digits && !other)
        return 1;
    for (size_t k = 0; date_words[k]; k++)
        if (ci_eq(w, len, date_words[k]))
            return 1;
    return 0;
}

int sv_text_is_boilerplate(const char *s, size_t len)
{
    while (len > 0 && s[0] == ' ')
        s++, len--;
    while (len > 0 && s[len - 1] == ' ')
        len--;
    if (len == 0)
        return 0;
    if (!has_letter(s, len))
        return 1; /* "• 11", "7:54", "***", "25.08.2025" */
    /* every test below needs a short line; long paragraphs stop here */
    if (len > 400)
        return 0;
    size_t words = count_words(s, len);
    if (words > 14)
        return 0;
    size_t core = len;
    while (core > 0 && (s[core - 1] == ':' || s[core - 1] == ' '))
        core--;
    for (size_t k = 0; bp_whole[k]; k++)
        if (ci_eq(s, core, bp_whole[k]))
            return 1;
    if (words <= 12)
        for (size_t k = 0; bp_prefix[k]; k++)
            if (ci_prefix(s, len, bp_prefix[k]))
                return 1;
    /* breadcrumbs: "Main / News / Republic", "Home > World > Europe"; a
     * quick look for " /", " >", " |" or " " before » → • first */
    int sep_seen = 0;
    for (size_t i = 0; i + 1 < len && !sep_seen; i++)
        sep_seen = s[i] == ' ' && (s[i + 1] == '/' || s[i + 1] == '>' || s[i + 1] == '|' ||
                                   s[i + 1] == '\xC2' || s[i + 1] == '\xE2');
    if (sep_seen && words <= 14 && !ends_sentence(s, len)) {
        static const char *const seps[] = {" / ", " > ", " \xC2\xBB ", " | ",
                                           " \xE2\x86\x92 ", " \xE2\x80\xA2 ", NULL};
        for (size_t k = 0; seps[k]; k++) {
            size_t n = 0, sl = strlen(seps[k]), seg_words = 0, maxseg = 0;
            size_t last = 0;
            for (size_t i = 0; i + sl <= len; i++)
                if (i >= last && s[i] == ' ' && memcmp(s + i, seps[k], sl) == 0) {
                    n++;
                    seg_words = count_words(s + last, i - last);
                    if (seg_words > maxseg)
                        maxseg = seg_words;
                    last = i + sl;
                }
            seg_words = count_words(s + last, len - last);
            if (seg_words > maxseg)
                maxseg = seg_words;
            if (n >= 2 && maxseg <= 4)
                return 1;
        }
    }
    /* a date or time alone, perhaps with one stray word ("Flag Monday, 25
     * August 2025"); such lines always hold a digit */
    int digit = 0;
    for (size_t i = 0; i < len && !digit; i++)
        digit = s[i] >= '0' && s[i] <= '9';
    if (words <= 8 && digit) {
        size_t dates = 0, other = 0, i = 0;
        while (i < len) {
            while (i < len && s[i] == ' ')
                i++;
            size_t j = i;
            while (j < len && s[j] != ' ')
                j++;
            if (j > i) {
                if (date_token(s + i, j - i))
                    dates++;
                else
                    other++;
            }
            i = j;
        }
        if (dates >= 2 && other <= 1 && dates > other)
            return 1;
    }
    return 0;
}

static int is_heading_text(const char *s, size_t len)
{
    if (!has_letter(s, len))
        return 0;
    if (ends_sentence(s, len))
        return 0;
    return count_words(s, len) <= 30;
}

static int is_short_line(const sv_para *p)
{
    return !ends_sentence(p->norm, p->norm_len) && count_words(p->norm, p->norm_len) <= 4;
}

/* Menus: a run of 3 or more short or boilerplate paragraphs that touches
 * the start or the end of the document, or already holds boilerplate. */
static void mark_menus(sv_doc *d)
{
    size_t i = 0;
    while (i < d->npara) {
        size_t j = i;
        size_t bp = 0;
        while (j < d->npara && (d->paras[j].kind == SV_PARA_BOILERPLATE ||
                                is_short_line(&d->paras[j]))) {
            bp += d->paras[j].kind == SV_PARA_BOILERPLATE;
            j++;
        }
        if (j - i >= 3 && (bp > 0 || i == 0 || j == d->npara))
            for (size_t k = i; k < j; k++)
                d->paras[k].kind = SV_PARA_BOILERPLATE;
        i = j > i ? j : i + 1;
    }
}

/* ---- plain text paragraphs ------------------------------------------- */

/* Plain text is read line by line, twice (wrap statistics, then
 * paragraphs), without storing the lines: a file of a million short lines
 * costs no memory beyond its paragraphs. */
typedef struct {
    size_t s, e;       /* content, without the line break */
    size_t next;       /* start of the next line */
    size_t cps;        /* length in code points, trimmed; NOT_MEASURED until needed */
    int blank;
    int sep;           /* a paragraph break follows (form feed, U+2029) */
} line_t;

#define NOT_MEASURED ((size_t)-1)

static int is_blank_span(const char *t, size_t s, size_t e)
{
    for (size_t i = s; i < e;) {
        size_t adv;
        long cp = sv_utf8_decode(t + i, e - i, &adv);
        if (!sv_is_space((unsigned long)cp) && !is_control(cp) && !is_dropped(cp))
            return 0;
        i += adv;
    }
    return 1;
}

/* Code points in valid UTF-8: the bytes that are not continuation bytes. */
static size_t count_cps(const char *t, size_t s, size_t e)
{
    size_t n = 0;
    for (size_t i = s; i < e; i++)
        n += ((unsigned char)t[i] & 0xC0) != 0x80;
    return n;
}

static size_t trimmed_cps(const char *t, size_t s, size_t e)
{
    while (s < e && (t[s] == ' ' || t[s] == '\t'))
        s++;
    while (e > s && (t[e - 1] == ' ' || t[e - 1] == '\t'))
        e--;
    return count_cps(t, s, e);
}

static size_t first_word_cps(const char *t, size_t s, size_t e)
{
    while (s < e && (t[s] == ' ' || t[s] == '\t'))
        s++;
    size_t j = s;
    while (j < e && t[j] != ' ' && t[j] != '\t')
        j++;
    return count_cps(t, s, j);
}

static long first_cp(const char *t, size_t s, size_t e)
{
    while (s < e && (t[s] == ' ' || t[s] == '\t'))
        s++;
    if (s >= e)
        return 0;
    size_t adv;
    return sv_utf8_decode(t + s, e - s, &adv);
}

static int is_lower_cp(long cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 0x430 && cp <= 0x45F) || (cp >= 0xDF && cp <= 0xFF);
}

static int list_marker(const char *t, size_t s, size_t e)
{
    while (s < e && (t[s] == ' ' || t[s] == '\t'))
        s++;
    if (s + 1 < e && (t[s] == '-' || t[s] == '*' || t[s] == '+') && t[s + 1] == ' ')
        return 1;
    if (e - s >= 3 && memcmp(t + s, "\xE2\x80\xA2", 3) == 0) /* bullet */
        return 1;
    if (e - s >= 3 && memcmp(t + s, "\xE2\x80\x94", 3) == 0) /* em dash: dialogue */
        return 1;
    size_t j = s;
    while (j < e && t[j] >= '0' && t[j] <= '9')
        j++;
    return j > s && j + 1 < e && (t[j] == '.' || t[j] == ')') && t[j + 1] == ' ';
}

/* End of the line that starts at t[i]: the first LF, CR, form feed, or
 * U+2028/U+2029, or len.  memchr does the scanning. */
static size_t line_end(const char *t, size_t i, size_t len)
{
    const char *p = memchr(t + i, '\n', len - i);
    size_t lim = p ? (size_t)(p - t) : len;
    if ((p = memchr(t + i, '\r', lim - i)) != NULL)
        lim = (size_t)(p - t);
    if ((p = memchr(t + i, '\f', lim - i)) != NULL)
        lim = (size_t)(p - t);
    for (size_t k = i; (p = memchr(t + k, 0xE2, lim - k)) != NULL;) {
        k = (size_t)(p - t);
        if (k + 2 < len && (unsigned char)t[k + 1] == 0x80 &&
            ((unsigned char)t[k + 2] == 0xA8 || (unsigned char)t[k + 2] == 0xA9))
            return k;
        k++;
    }
    return lim;
}

/* The line that starts at t[i] (i < len). */
static line_t read_line(const char *t, size_t len, size_t i)
{
    line_t l = {i, line_end(t, i, len), len, NOT_MEASURED, 0, 0};
    unsigned char c = (unsigned char)t[l.e];
    if (l.e < len) {
        l.next = c == '\r' && l.e + 1 < len && t[l.e + 1] == '\n' ? l.e + 2
                 : c == 0xE2                                     ? l.e + 3
                                                                 : l.e + 1;
        l.sep = c == '\f' || (c == 0xE2 && (unsigned char)t[l.e + 2] == 0xA9);
    }
    l.blank = is_blank_span(t, l.s, l.e);
    return l;
}

static size_t line_cps(const char *t, line_t *l)
{
    if (l->cps == NOT_MEASURED)
        l->cps = l->blank ? 0 : trimmed_cps(t, l->s, l->e);
    return l->cps;
}

/* Is this short line page furniture on its own ("Written by belta.by",
 * "All news")?  Such a line is never joined to its neighbours. */
static int furniture_line(const char *t, line_t *l)
{
    if (l->blank || line_cps(t, l) > 60)
        return 0;
    char buf[256];
    size_t n = 0;
    int sp = 0;
    for (size_t i = l->s; i < l->e && n + 5 < sizeof buf;) {
        size_t adv;
        long cp = sv_utf8_decode(t + i, l->e - i, &adv);
        if (cp < 0 || sv_is_space((unsigned long)cp)) {
            sp = n > 0;
        } else {
            if (sp)
                buf[n++] = ' ';
            sp = 0;
            memcpy(buf + n, t + i, adv);
            n += adv;
        }
        i += adv;
    }
    return sv_text_is_boilerplate(buf, n);
}

enum { LEN_BUCKETS = 1024 }; /* line lengths above this are counted as 1023 */

/* The wrap width of a hard-wrapped document, or 0 when lines are not
 * wrapped; *longest is the longest line followed by another line.  Only
 * lines followed by another line of the same paragraph are measured (a
 * paragraph's last line is short anyway), in a histogram. */
static size_t wrap_width(const char *t, size_t len, size_t *longest)
{
    size_t *hist = xcalloc(LEN_BUCKETS, sizeof *hist);
    size_t k = 0, max = 0;
    line_t prev = {0};
    int have_prev = 0;
    for (size_t i = 0; i < len;) {
        line_t l = read_line(t, len, i);
        if (have_prev && !prev.blank && !prev.sep && !l.blank) {
            size_t c = line_cps(t, &prev);
            hist[c < LEN_BUCKETS ? c : LEN_BUCKETS - 1]++;
            k++;
            if (c > max)
                max = c;
        }
        prev = l;
        have_prev = 1;
        i = l.next;
    }
    *longest = max;
    size_t w = 0;
    if (k >= 3) {
        size_t want = (k - 1) * 95 / 100, seen = 0, p95 = 0;
        for (size_t b = 0; b < LEN_BUCKETS; b++) {
            seen += hist[b];
            if (seen > want) {
                p95 = b;
                break;
            }
        }
        size_t longish = 0;
        for (size_t b = 0; b < LEN_BUCKETS; b++)
            if (b * 10 >= p95 * 6)
                longish += hist[b];
        if (p95 >= 30 && p95 <= 110 && longish * 2 >= k)
            w = p95;
        /* lines much longer than the width mean the text is not wrapped */
        if (w && max > w + w / 4)
            w = 0;
    }
    free(hist);
    return w;
}

static void add_para(sv_doc *d, size_t s, size_t e, size_t line, sv_para_kind kind)
{
    if (d->npara >= SV_MAX_PARAS) {
        d->too_many = 1;
        return;
    }
    sv_para p = {0};
    p.line = line;
    p.kind = kind;
    p.end = s;
    normalize(d, s, e, &p);
    if (p.norm_len == 0) {
        /* nothing left (zero-width characters only): drop the map slice */
        d->nmap = p.map_first;
        d->normbuf.len -= 1;
        return;
    }
    p.norm = para_norm(d, &p);
    SV_PUSH(d->paras, d->npara, d->cap_para, p);
}

/* Does line b continue the paragraph of line a (the line before it)?  w is
 * the wrap width (0: not wrapped); short_lines: too few long lines to
 * measure a width. */
static int join_lines(const char *t, line_t *a, line_t *b, size_t w, int short_lines)
{
    long fc = first_cp(t, b->s, b->e);
    if (list_marker(t, b->s, b->e) || (!w && (furniture_line(t, a) || furniture_line(t, b))))
        return 0;
    if (w) {
        /* a line ends early only where its paragraph ends: would the next
         * word have fitted on this line? */
        size_t fw = first_word_cps(t, b->s, b->e);
        return line_cps(t, a) + 1 + fw > w * 85 / 100 || is_lower_cp(fc);
    }
    size_t ll = a->e;
    while (ll > a->s && (t[ll - 1] == ' ' || t[ll - 1] == '\t'))
        ll--;
    int term = ends_terminal(t + a->s, ll - a->s);
    if (short_lines) /* join, except after a headline-like line */
        return is_lower_cp(fc) || term || (ll > a->s && (t[ll - 1] == ',' || t[ll - 1] == '-'));
    /* one line per paragraph, unless the next clearly continues it */
    return is_lower_cp(fc) && !term;
}

/* Adds the paragraph of lines first..last (nlines of them) and classifies it. */
static void plain_para(sv_doc *d, const line_t *first, const line_t *last, size_t nlines)
{
    size_t before = d->npara;
    add_para(d, first->s, last->e, 0, SV_PARA_BODY);
    if (d->npara > before) {
        sv_para *p = &d->paras[d->npara - 1];
        const char *nt = para_norm(d, p);
        if (sv_text_is_boilerplate(nt, p->norm_len))
            p->kind = SV_PARA_BOILERPLATE;
        else if (nlines == 1 && is_heading_text(nt, p->norm_len))
            p->kind = SV_PARA_HEADING;
    }
}

static void build_plain(sv_doc *d)
{
    const char *t = d->text;
    size_t longest;
    size_t w = wrap_width(t, d->len, &longest);
    /* without a wrap width: long lines mean one line per paragraph; short
     * lines (too few to measure a width) are taken as wrapped */
    int short_lines = !w && longest <= 120;
    line_t first = {0}, last = {0};
    size_t nlines = 0; /* lines in the open paragraph; 0: none open */
    for (size_t i = 0; i < d->len && !d->too_many;) {
        line_t l = read_line(t, d->len, i);
        i = l.next;
        if (l.blank) {
            if (nlines)
                plain_para(d, &first, &last, nlines);
            nlines = 0;
            continue;
        }
        if (nlines && join_lines(t, &last, &l, w, short_lines)) {
            last = l;
            nlines++;
        } else {
            if (nlines)
                plain_para(d, &first, &last, nlines);
            first = last = l;
            nlines = 1;
        }
        if (l.sep) {
            plain_para(d, &first, &last, nlines);
            nlines = 0;
        }
    }
    if (nlines)
        plain_para(d, &first, &last, nlines);
}

static void build_html(sv_doc *d, sv_html_block *b, size_t nb)
{
    sv_buf t = SV_BUF_INIT;
    size_t *starts = xmalloc((nb + 1) * sizeof *starts);
    for (size_t i = 0; i < nb; i++) {
        if (i)
            sv_buf_append(&t, "\n\n", 2);
        starts[i] = t.len;
        sv_buf_append(&t, b[i].text, b[i].len);
    }
    free(d->text);
    d->text = sv_buf_detach(&t, &d->len);
    for (size_t i = 0; i < nb; i++) {
        sv_para_kind k = b[i].boilerplate ? SV_PARA_BOILERPLATE
                         : b[i].heading   ? SV_PARA_HEADING
                                          : SV_PARA_BODY;
        size_t before = d->npara;
        add_para(d, starts[i], starts[i] + b[i].len, b[i].line, k);
        if (d->npara > before && k == SV_PARA_BODY) {
            sv_para *p = &d->paras[d->npara - 1];
            const char *nt = para_norm(d, p);
            if (sv_text_is_boilerplate(nt, p->norm_len))
                p->kind = SV_PARA_BOILERPLATE;
            else if (is_heading_text(nt, p->norm_len) && count_words(nt, p->norm_len) <= 15)
                p->kind = SV_PARA_HEADING;
        }
    }
    free(starts);
}

static void index_lines(sv_doc *d)
{
    SV_PUSH(d->lines, d->nlines, d->cap_lines, (size_t)0);
    if (!memchr(d->text, '\r', d->len)) {
        const char *p = d->text, *end = d->text + d->len;
        while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
            p++;
            SV_PUSH(d->lines, d->nlines, d->cap_lines, (size_t)(p - d->text));
        }
        return;
    }
    for (size_t i = 0; i < d->len; i++) {
        char c = d->text[i];
        if (c == '\n' || (c == '\r' && (i + 1 >= d->len || d->text[i + 1] != '\n')))
            SV_PUSH(d->lines, d->nlines, d->cap_lines, i + 1);
    }
}

void sv_doc_line_col(const sv_doc *d, size_t off, size_t *line, size_t *col)
{
    size_t lo = 0, hi = d->nlines;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (d->lines[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    if (line)
        *line = lo + 1;
    if (col) {
        size_t s = d->lines[lo];
        *col = sv_utf8_count(d->text + s, off > s ? off - s : 0) + 1;
    }
}

static int has_html_ext(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot && (!strcasecmp(dot, ".html") || !strcasecmp(dot, ".htm") ||
                   !strcasecmp(dot, ".xhtml") || !strcasecmp(dot, ".shtml"));
}

/* Loading, step one: the input's bytes to UTF-8 text (dec->text, caller
 * frees); *html says whether the input is a web page. */
static sv_status decode_input(const char *name, const char *data, size_t len,
                              const sv_load_opts *opts, int *html, sv_decoded *dec,
                              sv_diags *diags)
{
    size_t max = opts->max_bytes ? opts->max_bytes : SV_MAX_INPUT;
    if (len > max) {
        sv_diags_add(diags, SV_ERROR, name, 0, 0, -1,
                     "input is %zu bytes, more than the limit of %zu", len, max);
        return SV_ERR_LIMIT;
    }
    *html = opts->format == SV_INPUT_HTML ||
            (opts->format == SV_INPUT_AUTO && (has_html_ext(name) || sv_html_sniff(data, len)));
    const char *forced = opts->encoding;
    char declared[32];
    if (*html && !forced && sv_html_declared_charset(data, len, declared, sizeof declared) &&
        strcasecmp(declared, "utf-8") != 0 && strcasecmp(declared, "utf8") != 0 &&
        sv_utf8_validate(data, len) != len && sv_encoding_known(declared))
        forced = declared; /* a page that says what it is and is not UTF-8 */
    sv_status st = sv_decode(data, len, name, forced, *html, dec, diags);
    if (st == SV_OK && forced == declared)
        sv_diags_add(diags, SV_NOTE, name, 0, 0, -1,
                     "the page declares charset %s; converted to UTF-8", declared);
    return st;
}

/* Loading, step two: paragraphs out of the decoded text, whose buffer the
 * document takes over.  in_len is the input's size, for the message about
 * an empty file. */
static sv_status build_doc(const char *name, sv_decoded *dec, int html, size_t in_len,
                           sv_doc **out, sv_diags *diags)
{
    sv_doc *d = xcalloc(1, sizeof *d);
    d->name = xstrdup(name);
    d->text = dec->text;
    d->len = dec->len;
    d->html = html;
    memcpy(d->encoding, dec->encoding, sizeof d->encoding);
    if (html) {
        sv_html_block *b;
        size_t nb;
        sv_status st = sv_html_extract(d->text, d->len, name, &b, &nb, diags);
        if (st != SV_OK) {
            sv_doc_free(d);
            return st;
        }
        size_t total = 0;
        for (size_t i = 0; i < nb; i++)
            total += b[i].len + 1;
        /* normalising never lengthens a paragraph: reserve once, no slack */
        sv_buf_reserve(&d->normbuf, total + 16);
        build_html(d, b, nb);
        sv_html_blocks_free(b, nb);
    } else {
        sv_buf_reserve(&d->normbuf, d->len + 16);
        build_plain(d);
    }
    if (d->too_many) {
        sv_diags_add(diags, SV_ERROR, name, 0, 0, -1,
                     "more than %zu paragraphs: too many for one document (split the file)",
                     (size_t)SV_MAX_PARAS);
        sv_doc_free(d);
        return SV_ERR_LIMIT;
    }
    /* the norm buffer may have moved while growing: set pointers now */
    for (size_t i = 0; i < d->npara; i++)
        d->paras[i].norm = para_norm(d, &d->paras[i]);
    mark_menus(d);
    index_lines(d);
    /* the arrays grew by doubling: give back what is not used */
    if (d->npara)
        d->paras = xreallocarray(d->paras, d->npara, sizeof *d->paras);
    d->cap_para = d->npara;
    if (d->nmap)
        d->map = xreallocarray(d->map, d->nmap, sizeof *d->map);
    d->cap_map = d->nmap;
    if (d->nlines)
        d->lines = xreallocarray(d->lines, d->nlines, sizeof *d->lines);
    d->cap_lines = d->nlines;
    if (!html)
        for (size_t i = 0; i < d->npara; i++)
            sv_doc_line_col(d, d->paras[i].start, &d->paras[i].line, NULL);
    if (d->npara == 0)
        sv_diags_add(diags, SV_WARNING, name, 0, 0, -1, "no text found%s",
                     in_len == 0 ? " (empty file)" : "");
    *out = d;
    return SV_OK;
}

sv_status sv_doc_load_mem(const char *name, const char *data, size_t len,
                          const sv_load_opts *opts, sv_doc **out, sv_diags *diags)
{
    sv_load_opts def;
    if (!opts) {
        sv_load_opts_init(&def);
        opts = &def;
    }
    *out = NULL;
    int html;
    sv_decoded dec;
    sv_status st = decode_input(name, data, len, opts, &html, &dec, diags);
    if (st != SV_OK)
        return st;
    return build_doc(name, &dec, html, len, out, diags);
}

sv_status sv_doc_load_file(const char *path, const sv_load_opts *opts, sv_doc **out,
                           sv_diags *diags)
{
    sv_load_opts def;
    if (!opts) {
        sv_load_opts_init(&def);
        opts = &def;
    }
    *out = NULL;
    char *data;
    size_t len;
    sv_status st = sv_file_read(path, opts->max_bytes ? opts->max_bytes : SV_MAX_INPUT,
                                &data, &len, diags);
    if (st != SV_OK)
        return st;
    const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    int html;
    sv_decoded dec;
    st = decode_input(name, data, len, opts, &html, &dec, diags);
    free(data); /* the raw bytes are not needed any more: keep the peak low */
    if (st != SV_OK)
        return st;
    return build_doc(name, &dec, html, len, out, diags);
}

void sv_doc_free(sv_doc *d)
{
    if (!d)
        return;
    free(d->name);
    free(d->text);
    free(d->paras);
    free(d->map);
    free(d->lines);
    sv_buf_free(&d->normbuf);
    free(d);
}

void sv_doc_release_index(sv_doc *d)
{
    free(d->paras);
    free(d->map);
    free(d->lines);
    d->paras = NULL;
    d->map = NULL;
    d->lines = NULL;
    d->npara = d->cap_para = d->nmap = d->cap_map = d->nlines = d->cap_lines = 0;
}

const char *sv_doc_name(const sv_doc *d) { return d->name; }

const char *sv_doc_text(const sv_doc *d, size_t *len)
{
    if (len)
        *len = d->len;
    return d->text;
}

const char *sv_doc_encoding(const sv_doc *d) { return d->encoding; }
int sv_doc_is_html(const sv_doc *d) { return d->html; }
size_t sv_doc_npara(const sv_doc *d) { return d->npara; }

const sv_para *sv_doc_para(const sv_doc *d, size_t i)
{
    return i < d->npara ? &d->paras[i] : NULL;
}
