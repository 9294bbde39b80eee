/* segment.c - sentences out of paragraphs: ICU's rule-based sentence
 * iterator with ICU's rules plus ours, then a few context decisions.
 * Second stage of the pipeline (after text.c, before the aligner). */
#include "segment.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/ustring.h>
#include <unicode/utypes.h>
#include <unicode/uversion.h>

#include "../base/buf.h"
#include "../base/mem.h"
#include "../base/utf8.h"
#include "icu_sentence_rules.h"
#include "srx.h"

/* ---- compiled rules, shared by every segmenter of the process --------- */

static pthread_once_t rules_once = PTHREAD_ONCE_INIT;
static const uint8_t *binary_rules;
static int32_t binary_len;
static char rules_error[256];

/* The binary form made at build time fits only the ICU it was made with;
 * with another ICU the rule text is compiled here (about a second). */
static void compile_rules(void)
{
    UVersionInfo v;
    char now[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(v);
    u_versionToString(v, now);
    if (strcmp(now, sv_rules_icu_version) == 0 ||
        (strncmp(now, sv_rules_icu_version, strlen(now)) == 0 &&
         strspn(sv_rules_icu_version + strlen(now), ".0") ==
             strlen(sv_rules_icu_version + strlen(now)))) {
        binary_rules = (const uint8_t *)sv_rules_binary;
        binary_len = sv_rules_binary_len;
        return;
    }
    sv_buf all = SV_BUF_INIT;
    sv_buf_puts(&all, icu_sentence_rules);
    sv_buf_putc(&all, '\n');
    sv_buf_puts(&all, sv_sentence_rules);
    UErrorCode st = U_ZERO_ERROR;
    int32_t ulen = 0;
    u_strFromUTF8(NULL, 0, &ulen, all.ptr, (int32_t)all.len, &st);
    UChar *u = xmalloc(((size_t)ulen + 1) * sizeof(UChar));
    st = U_ZERO_ERROR;
    u_strFromUTF8(u, ulen + 1, &ulen, all.ptr, (int32_t)all.len, &st);
    UParseError pe;
    st = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_openRules(u, ulen, NULL, 0, &pe, &st);
    if (U_FAILURE(st)) {
        snprintf(rules_error, sizeof rules_error,
                 "sentence rules do not compile with ICU %s: %s at rule line %d, offset %d",
                 now, u_errorName(st), pe.line, pe.offset);
    } else {
        st = U_ZERO_ERROR;
        int32_t n = ubrk_getBinaryRules(bi, NULL, 0, &st);
        uint8_t *b = xmalloc((size_t)n);
        st = U_ZERO_ERROR;
        binary_len = ubrk_getBinaryRules(bi, b, n, &st);
        binary_rules = b;
        if (U_FAILURE(st)) {
            snprintf(rules_error, sizeof rules_error, "cannot serialise rules: %s",
                     u_errorName(st));
            binary_rules = NULL;
        }
        ubrk_close(bi);
    }
    free(u);
    sv_buf_free(&all);
}

/* ---- the segmenter ------------------------------------------------------ */

struct sv_segmenter {
    UBreakIterator *bi;
    sv_segment_opts opts;
    UChar *u;
    size_t ucap;
};

struct sv_segs_priv {
    sv_arena *arena;
};

const char *sv_seg_kind_name(sv_seg_kind k)
{
    switch (k) {
    case SV_SEG_HEADLINE: return "headline";
    case SV_SEG_BOILERPLATE: return "boilerplate";
    default: return "sentence";
    }
}

void sv_segment_opts_init(sv_segment_opts *o)
{
    memset(o, 0, sizeof *o);
    o->max_sentence = (size_t)1 << 20;
}

sv_status sv_segmenter_new(const sv_segment_opts *opts, sv_segmenter **out, sv_diags *diags)
{
    *out = NULL;
    sv_segmenter *s = xcalloc(1, sizeof *s);
    if (opts)
        s->opts = *opts;
    else
        sv_segment_opts_init(&s->opts);
    if (!s->opts.max_sentence)
        s->opts.max_sentence = (size_t)1 << 20;
    if (!s->opts.srx) {
        pthread_once(&rules_once, compile_rules);
        if (!binary_rules) {
            sv_diags_add(diags, SV_ERROR, NULL, 0, 0, -1, "%s", rules_error);
            free(s);
            return SV_ERR_ICU;
        }
        UErrorCode st = U_ZERO_ERROR;
        s->bi = ubrk_openBinaryRules(binary_rules, binary_len, NULL, 0, &st);
        if (U_FAILURE(st)) {
            sv_diags_add(diags, SV_ERROR, NULL, 0, 0, -1, "cannot open sentence rules: %s",
                         u_errorName(st));
            free(s);
            return SV_ERR_ICU;
        }
    }
    *out = s;
    return SV_OK;
}

void sv_segmenter_free(sv_segmenter *s)
{
    if (!s)
        return;
    if (s->bi)
        ubrk_close(s->bi);
    free(s->u);
    free(s);
}

void sv_segs_free(sv_segs *s)
{
    if (!s)
        return;
    if (s->priv) {
        sv_arena_free(s->priv->arena);
        free(s->priv);
    }
    free(s->v);
    free(s);
}

/* A piece of a paragraph's normalised text. */
typedef struct {
    size_t s, e;   /* byte offsets in the normalised text, trimmed */
    int term;      /* ended by sentence punctuation (not by the text's end) */
} piece;

typedef struct {
    piece *v;
    size_t n, cap;
} pieces;

static void push_piece(pieces *p, const char *t, size_t s, size_t e, int term)
{
    while (s < e && t[s] == ' ')
        s++;
    while (e > s && t[e - 1] == ' ')
        e--;
    if (e > s) {
        piece pc = {s, e, term};
        SV_PUSH(p->v, p->n, p->cap, pc);
    }
}

static void push_split(pieces *p, const char *t, size_t s, size_t e, int term);

/* ICU boundaries of t[0,len) (a window of the text starting at base);
 * appends pieces; returns the offset up to which pieces are final. */
static size_t icu_window(sv_segmenter *sg, const char *t, size_t base, size_t len, int last,
                         pieces *out)
{
    const char *w = t + base;
    if (sg->ucap < len + 1) {
        sg->ucap = len + 1;
        sg->u = xreallocarray(sg->u, sg->ucap, sizeof(UChar));
    }
    UErrorCode st = U_ZERO_ERROR;
    int32_t ulen = 0, nsub = 0;
    u_strFromUTF8WithSub(sg->u, (int32_t)sg->ucap, &ulen, w, (int32_t)len, 0xFFFD, &nsub, &st);
    st = U_ZERO_ERROR;
    ubrk_setText(sg->bi, sg->u, ulen, &st);
    size_t u8 = 0;
    int32_t u16 = 0;
    size_t prev = 0, done = 0;
    int32_t b = ubrk_first(sg->bi);
    for (b = ubrk_next(sg->bi); b != UBRK_DONE; b = ubrk_next(sg->bi)) {
        /* the text is valid UTF-8: the lead byte gives the length */
        while (u16 < b && u8 < len) {
            unsigned char c = (unsigned char)w[u8];
            if (c < 0x80) {
                u8++;
                u16++;
            } else if (c < 0xE0) {
                u8 += 2;
                u16++;
            } else if (c < 0xF0) {
                u8 += 3;
                u16++;
            } else {
                u8 += 4;
                u16 += 2;
            }
        }
        if (u8 > len)
            u8 = len;
        if (!last && b == ulen)
            break; /* the window's end is not a real boundary */
        int term = ubrk_getRuleStatus(sg->bi) < UBRK_SENTENCE_SEP;
        push_split(out, t, base + prev, base + u8, term);
        prev = u8;
        done = u8;
    }
    ubrk_setText(sg->bi, NULL, 0, &st);
    return base + done;
}

/* Cuts t[s,e) where ICU found no boundary within max bytes: at the last
 * space before the limit, or at a character boundary. */
static size_t forced_cut(const char *t, size_t s, size_t max)
{
    size_t c = s + max;
    size_t k = c;
    while (k > s + max / 2 && t[k] != ' ')
        k--;
    if (t[k] == ' ')
        return k + 1;
    while (c > s && ((unsigned char)t[c] & 0xC0) == 0x80)
        c--;
    return c;
}

/* Appends the pieces of t[0,len) to out; returns -1 when out would hold
 * more than SV_MAX_SENTENCES pieces (the rest is not segmented). */
static int icu_pieces(sv_segmenter *sg, const char *t, size_t len, pieces *out,
                      size_t *cuts)
{
    const size_t window = sg->opts.max_sentence;
    size_t pos = 0;
    while (pos < len) {
        if (out->n > SV_MAX_SENTENCES)
            return -1;
        size_t n = len - pos;
        int last = 1;
        if (n > window) {
            n = window;
            while (n > 0 && ((unsigned char)t[pos + n] & 0xC0) == 0x80)
                n--; /* end the window on a character boundary */
            last = 0;
        }
        size_t done = icu_window(sg, t, pos, n, last, out);
        if (done <= pos) {
            /* no boundary in a whole window: cut by force */
            size_t c = forced_cut(t, pos, n);
            push_piece(out, t, pos, c, 0);
            (*cuts)++;
            done = c;
        }
        pos = done;
    }
    return 0;
}

/* ---- context decisions -------------------------------------------------- */

static int is_lower(long c)
{
    return (c >= 'a' && c <= 'z') || (c >= 0x430 && c <= 0x45F) || (c >= 0xDF && c <= 0xFF);
}

static int is_upper(long c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 0x400 && c <= 0x42F) || (c >= 0xC0 && c <= 0xDE);
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_quote_or_dash(long c)
{
    return c == '"' || c == '\'' || c == 0xAB || c == 0xBB || c == 0x201C || c == 0x201D ||
           c == 0x201E || c == 0x2018 || c == 0x2019 || c == 0x2014 || c == 0x2013 ||
           c == '-' || c == ' ' || c == '(' || c == ')';
}

static int is_closer(long c)
{
    return c == '"' || c == 0xBB || c == 0x201D || c == 0x201C || c == ')' || c == '\'' ||
           c == 0x2019 || c == ']';
}

/* The code point that ends at t[e) (e > s), and its start in *at. */
static long cp_before(const char *t, size_t s, size_t e, size_t *at)
{
    size_t j = e - 1;
    while (j > s && ((unsigned char)t[j] & 0xC0) == 0x80)
        j--;
    size_t adv;
    *at = j;
    return sv_utf8_decode(t + j, e - j, &adv);
}

/* First letter of t[s,e) after quotes, dashes and spaces. */
static long first_letter(const char *t, size_t s, size_t e)
{
    while (s < e) {
        size_t adv;
        long c = sv_utf8_decode(t + s, e - s, &adv);
        if (!is_quote_or_dash(c))
            return c;
        s += adv;
    }
    return 0;
}

static long first_cp(const char *t, size_t s, size_t e)
{
    size_t adv;
    return s < e ? sv_utf8_decode(t + s, e - s, &adv) : 0;
}

/* Last code point of t[s,e) skipping closing quotes/brackets; *closer set
 * when one was skipped. */
static long last_mark(const char *t, size_t s, size_t e, int *closer)
{
    *closer = 0;
    while (e > s) {
        size_t j;
        long c = cp_before(t, s, e, &j);
        if (is_closer(c)) {
            *closer = 1;
            e = j;
            continue;
        }
        return c;
    }
    return 0;
}

/* Does t[s,e) end with a closing quote, possibly followed by . , ; : or a dash? */
static int ends_with_quote(const char *t, size_t s, size_t e)
{
    while (e > s) {
        size_t j;
        long c = cp_before(t, s, e, &j);
        if (c == '.' || c == ',' || c == ';' || c == ':' || c == ' ' || c == 0x2014 ||
            c == 0x2013 || c == '-') {
            e = j;
            continue;
        }
        return c == 0xBB || c == 0x201D || c == '"' || c == 0x201C;
    }
    return 0;
}

/* The word list helpers compare whole words; Cyrillic and ASCII letters are
 * compared without case where the list says so. */
static long fold(long c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if (c >= 0x410 && c <= 0x42F)
        return c + 0x20;
    if (c == 0x401)
        return 0x451;
    return c;
}

/* Is t[s,e) equal to w, ignoring case? */
static int word_eq_ci(const char *t, size_t s, size_t e, const char *w)
{
    size_t wl = strlen(w), i = s, k = 0;
    while (i < e && k < wl) {
        size_t a1, a2;
        long c1 = sv_utf8_decode(t + i, e - i, &a1);
        long c2 = sv_utf8_decode(w + k, wl - k, &a2);
        if (fold(c1) != fold(c2))
            return 0;
        i += a1;
        k += a2;
    }
    return i == e && k == wl;
}

static int in_list_ci(const char *t, size_t s, size_t e, const char *const *list)
{
    for (size_t k = 0; list[k]; k++)
        if (word_eq_ci(t, s, e, list[k]))
            return 1;
    return 0;
}

static int in_list(const char *t, size_t s, size_t e, const char *const *list)
{
    if (e <= s)
        return 0;
    for (size_t k = 0; list[k]; k++) {
        if (list[k][0] != t[s])
            continue;
        size_t n = strlen(list[k]);
        if (e - s == n && memcmp(t + s, list[k], n) == 0)
            return 1;
    }
    return 0;
}

/* Abbreviations with inner periods, which break rules cannot protect. */
static const char *const dotted[] = {
    "U.S.", "U.K.", "U.N.", "E.U.", "U.S.A.", "D.C.", "a.m.", "p.m.", "A.M.", "P.M.",
    "Ph.D.", "i.e.", "e.g.", "St.", "Jr.", "Sr.", "Inc.", "Corp.", "Ltd.", "Co.",
    "т.е.", "т.н.", "т.к.", "н.э.", "до н.э.", NULL};

/* Words that usually start a sentence.  After "U.S." or an initial they
 * mean a real end ("He moved to the U.S. The move ...", "Лукашенко А.Г. В
 * ходе встречи ..."); any other capitalised word is taken as part of a name
 * ("the U.S. President"). */
static const char *const starters[] = {
    "The", "An", "This", "That", "These", "Those", "It", "He", "She", "They", "We",
    "I", "You", "In", "On", "At", "But", "And", "However", "Meanwhile", "According",
    "There", "His", "Her", "Its", "Their", "Our", "My", "As", "After", "Before", "When",
    "While", "If", "So", "Then", "Also", "Some", "Many", "Most", "All", "No", "Other",
    "One", "Two", "For", "Since", "Yet", "Still", "Now", "Today", "Earlier", "Later",
    "What", "Why", "How", "Who", "Where", "Such", "Both", "Each", "Last", "Next",
    "В", "На", "Это", "Он", "Она", "Они", "Мы", "Но", "По", "При", "Как", "Также",
    "Кроме", "Однако", "Так", "Для", "С", "Из", "У", "К", "О", "За", "А", "И", "Я",
    "Вы", "Ты", "Его", "Ее", "Её", "Их", "Что", "Когда", "Если", "После", "До", "Сейчас",
    "Сегодня", "Теперь", "Тогда", "Между", "Среди", "Все", "Всё", "Затем", "Потом",
    "Поэтому", "Впрочем", "Ранее", "Позже", "Напомним", "Этот", "Эта", "Эти", "Там",
    "Здесь", "Тем", NULL};

/* Words written with a period before a number ("рис. 2", "approx. 500"):
 * ". 2" after them is not a sentence end.  Compared without case. */
static const char *const num_abbr[] = {
    "approx", "sept", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "oct", "nov",
    "dec", "fig", "figs", "vol", "vols", "art", "arts", "sec", "para", "nos", "est", "ext",
    "tel", "mln", "bln", "etc", "prof", "gen", "col", "capt", "sgt", "adm", "maj", "rep",
    "sen", "gov", "рис", "табл", "разд", "прил", "илл", "янв", "февр", "фев", "апр",
    "авг", "сент", "окт", "нояб", "дек", "мин", "тыс", "млн", "млрд", "трлн", "руб",
    "коп", "долл", "вып", "изд", "ред", "стр", "корп", "просп", "обл", "полк", "акад",
    "проф", "тел", "сек", "max", "min", NULL};

/* Verbs that follow a quote and a name in an attribution ("...!" Hammel
 * added.). */
static const char *const reporting[] = {
    "said", "says", "added", "adds", "asked", "asks", "told", "tells", "wrote", "writes",
    "reported", "reports", "replied", "explained", "noted", "stressed", "continued",
    "recalled", "shouted", "exclaimed", "insisted", "argued", "tweeted", "cried",
    "answered", "admitted", "declared", "warned", "concluded", "suggested", "emphasized",
    "emphasised", "assured", "remarked", "quipped", "joked", "laughed", "whispered",
    "yelled", "wondered", "demanded", NULL};

static int is_word_char(long c)
{
    return is_lower(c) || is_upper(c) || (c >= '0' && c <= '9') || c == '-' || c == '\'' ||
           c == 0x2019 || (c >= 0x400 && c <= 0x52F) || (c >= 0xC0 && c <= 0x24F);
}

/* End of the word that starts at t[s] (letters, digits, hyphens, apostrophes). */
static size_t word_end(const char *t, size_t s, size_t e)
{
    while (s < e) {
        size_t adv;
        if (!is_word_char(sv_utf8_decode(t + s, e - s, &adv)))
            break;
        s += adv;
    }
    return s;
}

/* Start of the word that ends at t[e). */
static size_t word_start(const char *t, size_t s, size_t e)
{
    while (e > s) {
        size_t j;
        if (!is_word_char(cp_before(t, s, e, &j)))
            break;
        e = j;
    }
    return e;
}

static int ends_with_word(const char *t, size_t s, size_t e, const char *w)
{
    size_t n = strlen(w);
    if (e - s < n || memcmp(t + e - n, w, n) != 0)
        return 0;
    if (e - s == n)
        return 1;
    char c = t[e - n - 1];
    return c == ' ' || c == '(' || c == '"';
}

static int starts_with_starter(const char *t, size_t s, size_t e)
{
    size_t j = s;
    while (j < e && t[j] != ' ' && t[j] != ',' && t[j] != ':')
        j++;
    return in_list(t, s, j, starters);
}

/* Should the ICU piece t[s,e) be cut at the space t[k], which follows a
 * period that ICU's rules kept inside (ours: titles, initials, "U.S.")
 * or that ICU never breaks at (a lower-case word or a number after it)? */
static int split_at(const char *t, size_t s, size_t e, size_t k)
{
    size_t dot, n = k + 1;
    int closer = 0;
    long c = cp_before(t, s, k, &dot);
    while (is_closer(c) && dot > s) {
        closer = 1;
        c = cp_before(t, s, dot, &dot);
    }
    if (c != '.' || dot == s || n >= e)
        return 0;
    /* a typical sentence start after an initial, a title or "U.S." */
    if (!closer && is_upper(first_cp(t, n, e))) {
        size_t we = word_end(t, n, e);
        if (we < e && t[we] != ' ' && t[we] != ',' && t[we] != ':')
            return 0;
        return we > n && !(we - n == 1 && t[n] == 'A') && in_list(t, n, we, starters);
    }
    /* a number after a full word, a quote or a year: "now. 18 holes",
     * "маркой Goop. 37-летняя", "in 2019. 500 people" (ICU's rule for
     * lower case after a period keeps these together) */
    if (!is_digit(t[n]))
        return 0;
    if (closer)
        return 1;
    size_t ws = word_start(t, s, dot);
    if (ws == dot || (ws > s && t[ws - 1] != ' ' && t[ws - 1] != '(' && t[ws - 1] != '"'))
        return 0;
    int digits = 1;
    for (size_t i = ws; i < dot; i++)
        digits &= is_digit(t[i]);
    if (digits)
        return dot - ws >= 3;
    return sv_utf8_count(t + ws, dot - ws) >= 3 && !in_list_ci(t, ws, dot, num_abbr);
}

/* Length of the closing quote or bracket at t[k] (0 if none). */
static size_t closer_len(const char *t, size_t k, size_t e)
{
    unsigned char c = (unsigned char)t[k];
    if (c == '"' || c == ')' || c == ']' || c == '\'')
        return 1;
    if (c == 0xC2 && k + 1 < e && (unsigned char)t[k + 1] == 0xBB)
        return 2; /* » */
    if (c == 0xE2 && k + 2 < e && (unsigned char)t[k + 1] == 0x80 &&
        ((unsigned char)t[k + 2] == 0x9D || (unsigned char)t[k + 2] == 0x9C ||
         (unsigned char)t[k + 2] == 0x99))
        return 3; /* ” “ ’ */
    return 0;
}

/* Pushes the ICU piece t[s,e), cut where split_at says so.  Only the
 * spaces after a period (and closing quotes) are candidates, found with
 * memchr. */
static void push_split(pieces *p, const char *t, size_t s, size_t e, int term)
{
    size_t from = s, d = s;
    const char *dot;
    while (d < e && (dot = memchr(t + d, '.', e - d)) != NULL) {
        size_t k = (size_t)(dot - t) + 1, cl;
        while (k < e && (cl = closer_len(t, k, e)) > 0)
            k += cl;
        if (k + 1 < e && t[k] == ' ' && split_at(t, s, e, k)) {
            push_piece(p, t, from, k, 1);
            from = k + 1;
        }
        d = (size_t)(dot - t) + 1;
    }
    push_piece(p, t, from, e, term);
}

/* Is t[s,e) a list or section number ("1.", "12)", "3.1.1.") alone, or a
 * list number after a colon ("Повестка: 1.")? */
static int is_list_number(const char *t, size_t s, size_t e)
{
    if (e - s < 2 || (t[e - 1] != '.' && t[e - 1] != ')'))
        return 0;
    size_t j = e - 1, digits = 0;
    while (j > s && (is_digit(t[j - 1]) || (t[j - 1] == '.' && digits))) {
        digits += is_digit(t[j - 1]);
        j--;
    }
    if (!digits || !is_digit(t[j]))
        return 0;
    if (j == s)
        return e - s <= 12;
    return e - 1 - j <= 2 && j >= s + 2 && t[j - 1] == ' ' && t[j - 2] == ':';
}

/* Is t[s,e) a numbered caption or heading label, "Example 2.7.",
 * "Рисунок 2.13.", "Chapter 1.", whose text follows in the next piece? */
static int is_caption_label(const char *t, size_t s, size_t e)
{
    static const char *const words[] = {
        "Example", "Figure", "Fig.", "Table", "Chapter", "Section", "Part", "Appendix", "Step",
        "Listing", "Procedure", "Exercise", "Пример", "Рисунок", "Рис.", "Таблица", "Табл.",
        "Глава", "Раздел", "Часть", "Приложение", "Шаг", "Листинг", "Схема", "Упражнение",
        NULL};
    if (e - s < 4 || t[e - 1] != '.')
        return 0;
    for (size_t k = 0; words[k]; k++) {
        size_t n = strlen(words[k]);
        if (e - s <= n + 1 || memcmp(t + s, words[k], n) != 0 || t[s + n] != ' ')
            continue;
        size_t j = s + n + 1, digits = 0;
        while (j < e - 1 && (is_digit(t[j]) || (t[j] == '.' && digits))) {
            digits += is_digit(t[j]);
            j++;
        }
        if (digits && j == e - 1)
            return 1;
    }
    return 0;
}

/* Does t[s,e) start with one to three capitalised words and a reporting
 * verb ("Hammel added.", "CNN reported")? */
static int starts_with_attribution(const char *t, size_t s, size_t e)
{
    size_t i = s;
    for (int w = 0; w < 4 && i < e; w++) {
        size_t we = word_end(t, i, e);
        if (we == i)
            return 0;
        long c = first_cp(t, i, e);
        if (is_lower(c))
            return w > 0 && in_list(t, i, we, reporting);
        if (!is_upper(c) || (w == 0 && in_list(t, i, we, starters)))
            return 0;
        i = we;
        if (i < e && t[i] == ' ')
            i++;
    }
    return 0;
}

/* Prepositions that open a date phrase: "В 2023 г.", "С 1990-х гг." */
static const char *const date_preps[] = {
    "В", "Во", "С", "Со", "До", "К", "На", "По", "За", "От", "Из", "После", "Перед",
    "Между", "Около", "Начиная", NULL};

/* Is t[s,e) a date phrase that cannot be a sentence of its own: a
 * preposition, at most three more words, and г. or гг. at the end?  The
 * rules let "г." after a year end a sentence ("в 2023 г. Затем"), which is
 * wrong when the sentence only starts there ("В 1990-х гг. Россия ..."). */
static int is_year_phrase(const char *t, size_t s, size_t e)
{
    if (!ends_with_word(t, s, e, "г.") && !ends_with_word(t, s, e, "гг."))
        return 0;
    size_t fw = word_end(t, s, e);
    if (!in_list(t, s, fw, date_preps))
        return 0;
    size_t words = 1;
    for (size_t i = fw; i < e; i++)
        words += t[i] == ' ';
    return words <= 4;
}

/* Should piece b be joined to piece a (same paragraph)? */
static int join_pieces(const char *t, const piece *a, const piece *b)
{
    long fb = first_cp(t, b->s, b->e);
    long fl = first_letter(t, b->s, b->e);
    int closer;
    long la = last_mark(t, a->s, a->e, &closer);
    /* a lone closing quote or bracket, or punctuation only */
    if (fl == 0 || (!is_lower(fl) && !is_upper(fl) && fb != fl && b->e - b->s <= 4))
        return 1;
    /* no space between: "из «...Огайо", "leak...No" */
    if (b->s == a->e && (la == '.' || la == 0x2026))
        return 1;
    /* a list number: "1." + "Торговля." */
    if (is_list_number(t, a->s, a->e))
        return 1;
    /* a caption label: "Example 2.7." + "Grouping policy firstchar" */
    if (is_caption_label(t, a->s, a->e))
        return 1;
    /* "В 1990-х гг." + "Россия пережила кризис." */
    if (is_upper(fb) && is_year_phrase(t, a->s, a->e))
        return 1;
    /* “Is it true?” asked Mr. X. / «...?» — уточнил он. */
    if ((la == '?' || la == '!' || la == 0x2026) && is_lower(fl))
        return 1;
    /* "...in the water!'" Hammel added. */
    if ((la == '?' || la == '!') && closer && starts_with_attribution(t, b->s, b->e))
        return 1;
    /* "-" or "—" attribution after a quote: «...», — сказал он. */
    if ((fb == 0x2014 || fb == 0x2013) && is_lower(fl) && closer)
        return 1;
    /* U.S. + a word that does not start sentences */
    if (la == '.' && is_upper(fb))
        for (size_t k = 0; dotted[k]; k++)
            if (ends_with_word(t, a->s, a->e, dotted[k]))
                return !starts_with_starter(t, b->s, b->e);
    return 0;
}

static void merge_pieces(const char *t, pieces *p)
{
    if (p->n < 2)
        return;
    size_t k = 0;
    for (size_t i = 1; i < p->n; i++) {
        if (join_pieces(t, &p->v[k], &p->v[i])) {
            p->v[k].e = p->v[i].e;
            p->v[k].term = p->v[i].term;
        } else {
            p->v[++k] = p->v[i];
        }
    }
    p->n = k + 1;
}

static void too_many(sv_diags *diags, const char *name)
{
    sv_diags_add(diags, SV_ERROR, name, 0, 0, -1,
                 "more than %zu sentences: too many for one document (split the file)",
                 (size_t)SV_MAX_SENTENCES);
}

sv_status sv_segment_text(sv_segmenter *sg, const char *text, size_t len, sv_lang lang,
                          size_t **bounds, size_t *nbounds, sv_diags *diags)
{
    pieces p = {0};
    size_t cuts = 0;
    if (sg->opts.srx) {
        sv_status st = sv_srx_split(sg->opts.srx, lang, text, len, bounds, nbounds, diags);
        return st;
    }
    if (icu_pieces(sg, text, len, &p, &cuts) < 0) {
        free(p.v);
        too_many(diags, NULL);
        return SV_ERR_LIMIT;
    }
    merge_pieces(text, &p);
    size_t *b = xmalloc((2 * p.n + 1) * sizeof *b);
    for (size_t i = 0; i < p.n; i++) {
        b[2 * i] = p.v[i].s;
        b[2 * i + 1] = p.v[i].e;
    }
    free(p.v);
    *bounds = b;
    *nbounds = 2 * p.n;
    return SV_OK;
}

typedef struct {
    sv_sentence *v;
    size_t n, cap;
} sentvec;

static void add_sentence(sentvec *sv, sv_arena *a, const sv_doc *doc, size_t para,
                         const sv_para *p, size_t s, size_t e, sv_seg_kind kind)
{
    sv_sentence x;
    x.start = sv_doc_src_offset(doc, p, s);
    x.end = sv_doc_src_offset(doc, p, e);
    x.para = para;
    x.kind = kind;
    x.text = p->norm + s; /* borrowed: no copy of the text */
    (void)a;
    x.len = e - s;
    if (sv_doc_is_html(doc))
        x.line = p->line; /* where its block starts in the page's source */
    else
        sv_doc_line_col(doc, x.start, &x.line, NULL);
    SV_PUSH(sv->v, sv->n, sv->cap, x);
}

sv_status sv_segment_doc(sv_segmenter *sg, const sv_doc *doc, sv_lang lang, sv_segs **out,
                         sv_diags *diags)
{
    *out = NULL;
    sv_arena *a = sv_arena_new();
    sentvec sv = {0};
    pieces p = {0};
    size_t cuts = 0;
    sv_status st = SV_OK;
    long long last_body = -1; /* index in sv of the last sentence of the last body paragraph */
    for (size_t i = 0; i < sv_doc_npara(doc); i++) {
        const sv_para *para = sv_doc_para(doc, i);
        if (para->kind == SV_PARA_BOILERPLATE) {
            add_sentence(&sv, a, doc, i, para, 0, para->norm_len, SV_SEG_BOILERPLATE);
            continue;
        }
        sv_seg_kind kind = para->kind == SV_PARA_HEADING ? SV_SEG_HEADLINE : SV_SEG_SENTENCE;
        p.n = 0;
        if (sg->opts.srx) {
            size_t *b, nb;
            st = sv_srx_split(sg->opts.srx, lang, para->norm, para->norm_len, &b, &nb, diags);
            if (st != SV_OK)
                goto fail;
            for (size_t k = 0; k + 1 < nb; k += 2)
                push_piece(&p, para->norm, b[k], b[k + 1], 1);
            free(b);
        } else {
            if (icu_pieces(sg, para->norm, para->norm_len, &p, &cuts) < 0)
                goto limit;
            merge_pieces(para->norm, &p);
        }
        if (sv.n + p.n > SV_MAX_SENTENCES)
            goto limit;
        size_t from = 0;
        /* a paragraph that starts in lower case after a closing quote is
         * the quote's attribution: attach its first sentence to the quote */
        if (!sg->opts.srx && kind == SV_SEG_SENTENCE && p.n > 0 && last_body >= 0 &&
            (size_t)last_body == sv.n - 1) {
            sv_sentence *q = &sv.v[last_body];
            long fl = first_letter(para->norm, p.v[0].s, p.v[0].e);
            if (is_lower(fl) && ends_with_quote(q->text, 0, q->len)) {
                sv_buf b = SV_BUF_INIT;
                sv_buf_append(&b, q->text, q->len);
                sv_buf_putc(&b, ' ');
                sv_buf_append(&b, para->norm + p.v[0].s, p.v[0].e - p.v[0].s);
                q->text = sv_arena_strndup(a, b.ptr, b.len);
                q->len = b.len;
                q->end = sv_doc_src_offset(doc, para, p.v[0].e);
                sv_buf_free(&b);
                from = 1;
            }
        }
        for (size_t k = from; k < p.n; k++)
            add_sentence(&sv, a, doc, i, para, p.v[k].s, p.v[k].e, kind);
        if (kind == SV_SEG_SENTENCE && sv.n > 0)
            last_body = (long long)sv.n - 1;
        else
            last_body = -1;
    }
    free(p.v);
    if (cuts)
        sv_diags_add(diags, SV_WARNING, sv_doc_name(doc), 0, 0, -1,
                     "%zu sentence%s longer than %zu bytes cut by force", cuts,
                     cuts == 1 ? "" : "s", sg->opts.max_sentence);
    sv_segs *r = xcalloc(1, sizeof *r);
    if (sv.n) /* grew by doubling: give back the rest */
        sv.v = xreallocarray(sv.v, sv.n, sizeof *sv.v);
    r->v = sv.v;
    r->n = sv.n;
    r->priv = xmalloc(sizeof *r->priv);
    r->priv->arena = a;
    *out = r;
    return SV_OK;
limit:
    too_many(diags, sv_doc_name(doc));
    st = SV_ERR_LIMIT;
fail:
    free(sv.v);
    free(p.v);
    sv_arena_free(a);
    return st;
}
