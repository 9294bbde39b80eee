/* quotes.c - quotation marks, attributions and reported speech.
 *
 * Part of the consistency checker (qa.c), which runs it over each
 * document's sentences joined into paragraphs.  A single pass keeps a
 * stack of open quotation marks; whether an ambiguous mark (" ' “ ’)
 * opens or closes is decided by the characters around it and by what is
 * open.  Attributions and the speech/term decision come afterwards, from
 * the words around each top-level quotation. */
#include "quotes.h"

#include <stdlib.h>
#include <string.h>

#include "../base/mem.h"
#include "../base/utf8.h"

#define MAX_DEPTH 64       /* deeper openers are ignored: memory stays bounded */
#define ATTR_MAX_WORDS 14  /* an attribution is a short clause */

const char *sv_quote_kind_name(sv_quote_kind k)
{
    return k == SV_QUOTE_SPEECH ? "speech" : "term";
}

/* ---- characters --------------------------------------------------------- */

static long cp_at(const char *s, size_t len, size_t i, size_t *adv)
{
    size_t a = 1;
    long c = i < len ? sv_utf8_decode(s + i, len - i, &a) : -1;
    if (adv)
        *adv = a;
    return c;
}

/* The code point ending just before byte i (-1 at the start). */
static long cp_before(const char *s, size_t i, size_t *at)
{
    if (i == 0)
        return -1;
    size_t j = i - 1;
    while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80 && i - j < 4)
        j--;
    size_t adv;
    long c = sv_utf8_decode(s + j, i - j, &adv);
    if (c < 0 || adv != i - j) {
        j = i - 1;
        c = -1;
    }
    if (at)
        *at = j;
    return c;
}

static int is_letter(long c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 &&
                                                                 c != 0xF7) ||
           (c >= 0x370 && c <= 0x3FF) || (c >= 0x400 && c <= 0x52F);
}

static int is_alnum(long c)
{
    return is_letter(c) || (c >= '0' && c <= '9');
}

static int is_upper(long c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 0x410 && c <= 0x42F) || (c >= 0x400 && c <= 0x40F) ||
           (c >= 0xC0 && c <= 0xDE && c != 0xD7);
}

static int is_lower(long c)
{
    return is_letter(c) && !is_upper(c);
}

static int is_space(long c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || (c > 0x7F && sv_is_space((unsigned long)c));
}

static int is_dash(long c)
{
    return c == '-' || c == 0x2012 || c == 0x2013 || c == 0x2014 || c == 0x2015 || c == 0x2212;
}

static int is_quote_mark(long c)
{
    return c == 0xAB || c == 0xBB || c == 0x201E || c == 0x201C || c == 0x201D || c == 0x2018 ||
           c == 0x2019 || c == '"' || c == '\'';
}

/* Characters after which a mark opens a quotation. */
static int opens_after(long prev)
{
    return prev < 0 || is_space(prev) || prev == '(' || prev == '[' || prev == '{' || prev == '/' ||
           prev == ':' || is_dash(prev) || prev == 0xAB || prev == 0x201E || prev == 0x201C ||
           prev == 0x2018 || prev == '"' || prev == '\'';
}

/* Characters before which a mark closes a quotation. */
static int closes_before(long next)
{
    return next < 0 || is_space(next) || next == '.' || next == ',' || next == ';' || next == ':' ||
           next == '!' || next == '?' || next == ')' || next == ']' || next == '}' || next == 0x2026 ||
           is_dash(next) || next == 0xBB || next == 0x201D || next == 0x201C || next == 0x2019 ||
           next == '"' || next == '\'';
}

/* Lower-cases ASCII, Latin-1 and Cyrillic letters (enough for verb lists). */
static long lower_cp(long c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if (c >= 0x410 && c <= 0x42F)
        return c + 32;
    if (c >= 0x400 && c <= 0x40F)
        return c + 80;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
        return c + 32;
    return c;
}

/* ---- reporting verbs ---------------------------------------------------- */

static const char *const en_verbs[] = {
    "said", "says", "say", "saying", "added", "adds", "adding", "noted", "notes", "noting",
    "stressed", "stresses", "stressing", "emphasized", "emphasised", "emphasizes",
    "emphasises", "emphasizing", "emphasising", "suggested", "suggests", "assured", "assures",
    "explained", "explains", "explaining", "told", "tells", "asked", "asks", "continued",
    "concluded", "concludes", "remarked", "stated", "states", "wrote", "writes", "insisted",
    "insists", "warned", "warns", "replied", "replies", "answered", "declared", "declares",
    "announced", "announces", "observed", "commented", "comments", "admitted", "admits",
    "argued", "argues", "claimed", "claims", "recalled", "recalls", "underlined", "underscored",
    "urged", "urges", "quipped", "joked", "acknowledged", "acknowledges", "confirmed",
    "confirms", "mentioned", "promised", "guaranteed", "believes", "thinks", "hopes",
    "quoted", "reiterated", "tweeted", "opined", "predicted", "complained",
    "responded", "agreed", "denied", "asserted", "revealed", "pointing", "pointed",
    "summed", "sums", "assuring", "stressing", "warning", "telling", "asking", NULL};

/* Russian stems: a word is a reporting verb when it starts with one and
 * has at most four more letters (сказал, сказала, сказав, сказали). */
static const char *const ru_stems[] = {
    "сказа", "говор", "заяви", "заявля", "отмети", "отмеча", "подчеркн", "подчеркива",
    "подчёркива", "уточни", "уточня", "сообщил", "сообщив", "сообща", "добавил", "добавив",
    "добавля", "поясни", "поясня", "заверил", "заверив", "заверя", "подытож", "резюмир",
    "констатир", "признал", "признаё", "признае", "указал", "указав", "указыва", "напомни",
    "напомина", "заметил", "заметив", "ответил", "отвеча", "спроси", "написал", "пишет",
    "рассказа", "рассказыва", "призвал", "призыва", "выразил", "высказа", "высказыва",
    "счита", "полага", "уверен", "убежден", "убеждён", "обратил", "объясни", "объясня",
    "цитир", "процитир", "переда", "заключил", "пообеща", "гарантир", "предупреди",
    "предупрежда", "акцентир", "посетова", "пошути", "подели", "подытожи", "отреагир",
    "прокомментир", "добавляет", "воскликну", "вспомина", "вспомни", NULL};

/* Phrases that report speech by themselves (lower case, single spaces). */
static const char *const phrases[] = {
    "по его словам", "по ее словам", "по её словам", "по их словам", "по словам",
    "по его мнению", "по ее мнению", "по её мнению", "по мнению", "по его оценке",
    "according to", "in his words", "in her words", "in the words of", NULL};

/* Lower-cases word (len bytes) into out (size bytes); returns its length in
 * code points, or 0 when it does not fit. */
static size_t lower_word(const char *w, size_t len, char *out, size_t size, size_t *blen)
{
    size_t o = 0, n = 0;
    for (size_t i = 0; i < len;) {
        size_t adv;
        long c = sv_utf8_decode(w + i, len - i, &adv);
        i += adv;
        if (c < 0)
            return 0;
        char tmp[4];
        size_t k = sv_utf8_encode((unsigned)lower_cp(c), tmp);
        if (o + k + 1 > size)
            return 0;
        memcpy(out + o, tmp, k);
        o += k;
        n++;
    }
    out[o] = 0;
    *blen = o;
    return n;
}

int sv_quotes_is_reporting_verb(sv_lang lang, const char *word, size_t len)
{
    char w[96];
    size_t blen;
    size_t ncp = lower_word(word, len, w, sizeof w, &blen);
    if (ncp == 0)
        return 0;
    if (lang != SV_LANG_RU)
        for (size_t i = 0; en_verbs[i]; i++)
            if (!strcmp(w, en_verbs[i]))
                return 1;
    if (lang != SV_LANG_EN)
        for (size_t i = 0; ru_stems[i]; i++) {
            size_t sl = strlen(ru_stems[i]);
            if (blen >= sl && !memcmp(w, ru_stems[i], sl) &&
                ncp <= sv_utf8_count(ru_stems[i], sl) + 4)
                return 1;
        }
    return 0;
}

/* Does [s, e) of text hold a reporting verb or phrase?  Sets the match. */
static int find_reporting(sv_lang lang, const char *t, size_t s, size_t e, size_t *ms, size_t *me)
{
    /* phrases: compare the lower-cased text with single spaces */
    char buf[512];
    size_t i = s;
    while (i < e) {
        /* next word */
        size_t adv;
        long c = cp_at(t, e, i, &adv);
        if (!is_alnum(c)) {
            i += adv;
            continue;
        }
        size_t ws = i;
        while (i < e) {
            c = cp_at(t, e, i, &adv);
            if (!is_alnum(c) && c != '-')
                break;
            i += adv;
        }
        if (sv_quotes_is_reporting_verb(lang, t + ws, i - ws)) {
            if (ms)
                *ms = ws;
            if (me)
                *me = i;
            return 1;
        }
        /* a phrase starting at this word: take up to 5 words, lower-cased */
        size_t o = 0, j = ws, words = 0, bl;
        while (j < e && words < 5) {
            size_t we = j;
            while (we < e) {
                c = cp_at(t, e, we, &adv);
                if (!is_alnum(c))
                    break;
                we += adv;
            }
            if (we == j || !lower_word(t + j, we - j, buf + o, sizeof buf - o - 1, &bl))
                break;
            o += bl;
            words++;
            buf[o] = 0;
            for (size_t p = 0; phrases[p]; p++)
                if (!strcmp(buf, phrases[p])) {
                    if (ms)
                        *ms = ws;
                    if (me)
                        *me = we;
                    return 1;
                }
            j = we;
            /* one space between words only */
            c = cp_at(t, e, j, &adv);
            if (c != ' ')
                break;
            j += adv;
            buf[o++] = ' ';
        }
    }
    return 0;
}

int sv_quotes_reported(sv_lang lang, const char *text, size_t len, size_t *start, size_t *end)
{
    if (!text)
        return 0;
    return find_reporting(lang, text, 0, len, start, end);
}

/* ---- the scan ----------------------------------------------------------- */

typedef struct {
    size_t start;      /* byte offset of the opening mark */
    size_t inner;      /* just after it */
    unsigned mark;
    unsigned paras;
} open_q;

typedef struct {
    sv_quote *v;
    size_t n, cap;
    open_q st[MAX_DEPTH];
    size_t depth;
} scan;

static int single_mark(unsigned m)
{
    return m == 0x2018 || m == '\'';
}

static void emit(scan *sc, size_t k, size_t end, size_t inner_end, unsigned close, int closed)
{
    open_q *o = &sc->st[k];
    if (!closed && single_mark(o->mark))
        return; /* an apostrophe after all */
    sv_quote q;
    memset(&q, 0, sizeof q);
    q.start = o->start;
    q.end = end;
    q.inner_start = o->inner;
    q.inner_end = inner_end < o->inner ? o->inner : inner_end;
    q.paragraphs = o->paras;
    q.closed = (unsigned char)closed;
    q.open_mark = o->mark;
    q.close_mark = closed ? close : 0;
    SV_PUSH(sc->v, sc->n, sc->cap, q);
}

/* Closes stack entry k at [at, end): the entries above it end there too,
 * unclosed. */
static void close_at(scan *sc, size_t k, size_t at, size_t end, unsigned mark)
{
    while (sc->depth > k + 1) {
        sc->depth--;
        emit(sc, sc->depth, at, at, 0, 0);
    }
    emit(sc, k, end, at, mark, 1);
    sc->depth = k;
}

/* Closes everything still open at paragraph end pend (exclusive). */
static void close_all(scan *sc, size_t pend)
{
    while (sc->depth > 0) {
        sc->depth--;
        emit(sc, sc->depth, pend, pend, 0, 0);
    }
}

static void push(scan *sc, size_t start, size_t inner, unsigned mark)
{
    if (sc->depth >= MAX_DEPTH)
        return;
    open_q *o = &sc->st[sc->depth++];
    o->start = start;
    o->inner = inner;
    o->mark = mark;
    o->paras = 1;
}

/* Index of the topmost open entry with one of the marks, or -1. */
static long find_open(const scan *sc, unsigned a, unsigned b)
{
    for (size_t k = sc->depth; k-- > 0;)
        if (sc->st[k].mark == a || sc->st[k].mark == b)
            return (long)k;
    return -1;
}

/* May an opening mark m continue, at a paragraph's start, a quotation
 * opened with o? */
static int continues(unsigned o, long m)
{
    if (o == 0xAB)
        return m == 0xAB;
    if (o == 0x201C || o == 0x201E)
        return m == 0x201C || m == 0x201E;
    return (long)o == m;
}

static int cmp_quote(const void *a, const void *b)
{
    const sv_quote *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end > y->end ? -1 : 1;
    return 0;
}

/* ---- after the scan ----------------------------------------------------- */

static unsigned count_words(const char *t, size_t s, size_t e)
{
    unsigned n = 0;
    int in = 0;
    for (size_t i = s; i < e;) {
        size_t adv;
        long c = cp_at(t, e, i, &adv);
        int a = is_alnum(c);
        if (a && !in)
            n++;
        in = a || (in && (c == '-' || c == '\'' || c == 0x2019));
        i += adv;
    }
    return n;
}

/* Does [s, e) contain a sentence end followed by more text? */
static int several_sentences(const char *t, size_t s, size_t e)
{
    for (size_t i = s; i < e;) {
        size_t adv;
        long c = cp_at(t, e, i, &adv);
        i += adv;
        if (c == '.' || c == '!' || c == '?' || c == 0x2026) {
            size_t j = i, a2;
            long d = cp_at(t, e, j, &a2);
            if (!is_space(d))
                continue;
            while (j < e && is_space(d = cp_at(t, e, j, &a2)))
                j += a2;
            if (j < e && (is_upper(d) || is_quote_mark(d)))
                return 1;
        }
    }
    return 0;
}

/* Is the word ending at e (before a period) a title or an initial that
 * does not end the clause: "Mr.", "Dr.", "A.", "г."? */
static int title_before(const char *t, size_t s, size_t e)
{
    static const char *const titles[] = {"Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Sen", "Rep",
                                         "Gov", "Prof", "Lt", "Col", "Sgt", "Capt", "Mt",
                                         "Jr", "Sr", "г", "гг", "им", "проф", "акад", NULL};
    size_t ws = e;
    while (ws > s) {
        size_t at;
        long c = cp_before(t, ws, &at);
        if (!is_letter(c))
            break;
        ws = at;
    }
    if (ws == e)
        return 0;
    if (sv_utf8_count(t + ws, e - ws) == 1 && is_upper(cp_at(t, e, ws, NULL)))
        return 1; /* an initial */
    for (size_t i = 0; titles[i]; i++)
        if (strlen(titles[i]) == e - ws && !memcmp(t + ws, titles[i], e - ws))
            return 1;
    return 0;
}

/* Attribution after a closed top-level quotation ending at q->end. */
static void attribution_after(sv_lang lang, const char *t, size_t len, sv_quote *q)
{
    size_t i = q->end, adv;
    long c;
    int sep_dot = 0, sep = 0;
    while (i < len && (c = cp_at(t, len, i, &adv)) == ' ')
        i += adv;
    c = cp_at(t, len, i, &adv);
    if (c == ',' || c == '.' || c == ';') {
        sep_dot = c == '.';
        sep = 1;
        i += adv;
        while (i < len && (c = cp_at(t, len, i, &adv)) == ' ')
            i += adv;
    }
    int dash = 0;
    c = cp_at(t, len, i, &adv);
    if (is_dash(c)) {
        dash = 1;
        i += adv;
        while (i < len && (c = cp_at(t, len, i, &adv)) == ' ')
            i += adv;
    }
    size_t s = i;
    c = cp_at(t, len, s, &adv);
    if (!is_letter(c))
        return;
    if (sep_dot && !is_lower(c))
        return; /* a new sentence */
    /* the clause: up to a sentence end, a line break or an opening quote */
    size_t e = s, last_word_end = s;
    while (e < len) {
        c = cp_at(t, len, e, &adv);
        if (c == '\n' || c == 0xAB || c == 0x201C || c == 0x201E || c == '"')
            break;
        if (c == '.' || c == '!' || c == '?' || c == 0x2026) {
            size_t a2;
            long d = cp_at(t, len, e + adv, &a2);
            if ((d < 0 || is_space(d)) && !(c == '.' && title_before(t, s, e)))
                break;
        }
        if (is_alnum(c))
            last_word_end = e + adv;
        e += adv;
    }
    if (count_words(t, s, e) > ATTR_MAX_WORDS)
        return;
    int verb = find_reporting(lang, t, s, e, NULL, NULL);
    /* "», — подытожил он": after a comma and a dash, a short lower-case clause */
    if (!verb && !(dash && sep && !sep_dot && lang != SV_LANG_EN &&
                   is_lower(cp_at(t, len, s, NULL)) && count_words(t, s, e) <= 6))
        return;
    /* trim trailing punctuation and spaces */
    size_t end = e;
    while (end > s) {
        size_t at;
        long d = cp_before(t, end, &at);
        if (is_alnum(d) || d == ')')
            break;
        end = at;
    }
    if (end < last_word_end)
        end = last_word_end;
    q->attr_start = dash ? q->end : s;
    /* the attribution starts at the dash in Russian, at the first word otherwise */
    if (dash) {
        size_t k = q->end;
        while (k < s) {
            long d = cp_at(t, len, k, &adv);
            if (is_dash(d)) {
                q->attr_start = k;
                break;
            }
            k += adv;
        }
    }
    q->attr_end = end;
}

/* Attribution before a top-level quotation: "X said: «...»". */
static int attribution_before(sv_lang lang, const char *t, sv_quote *q, int *colon)
{
    size_t i = q->start, at;
    long c;
    *colon = 0;
    while ((c = cp_before(t, i, &at)) == ' ')
        i = at;
    if (c != ':' && c != ',')
        return 0;
    *colon = c == ':';
    size_t e = at; /* the colon */
    size_t s = e;
    for (;;) {
        c = cp_before(t, s, &at);
        if (c < 0 || c == '\n' || c == 0xBB || c == 0x201D)
            break;
        if ((c == '.' || c == '!' || c == '?') && s < e) {
            long n = cp_at(t, e, s, NULL);
            if (is_space(n))
                break;
        }
        s = at;
    }
    for (size_t adv; s < e && is_space(cp_at(t, e, s, &adv));)
        s += adv;
    if (s >= e || count_words(t, s, e) > ATTR_MAX_WORDS)
        return 0;
    if (!find_reporting(lang, t, s, e, NULL, NULL))
        return 0;
    q->attr_start = s;
    q->attr_end = e + 1;
    return 1;
}

static void classify(sv_lang lang, const char *t, size_t len, sv_quote *q)
{
    /* trim the inner span */
    size_t s = q->inner_start, e = q->inner_end;
    for (size_t adv; s < e && is_space(cp_at(t, e, s, &adv));)
        s += adv;
    while (e > s) {
        size_t at;
        long c = cp_before(t, e, &at);
        if (!is_space(c))
            break;
        e = at;
    }
    q->inner_start = s;
    q->inner_end = e;
    q->words = count_words(t, s, e);
    q->attr_start = q->attr_end = q->end;
    int colon = 0;
    if (q->depth == 0) {
        if (q->closed)
            attribution_after(lang, t, len, q);
        if (q->attr_end == q->attr_start)
            attribution_before(lang, t, q, &colon);
    }
    int attributed = q->attr_end > q->attr_start;
    long last = e > s ? cp_before(t, e, NULL) : -1;
    int terminal = last == '.' || last == '!' || last == '?' || last == 0x2026;
    int speech = q->words >= 8 ||
                 (q->words >= 4 && (attributed || terminal || colon || q->paragraphs > 1 ||
                                    several_sentences(t, s, e)));
    q->kind = speech ? SV_QUOTE_SPEECH : SV_QUOTE_TERM;
}

sv_status sv_quotes_extract(sv_lang lang, const char *text, size_t len, sv_quote **out, size_t *n)
{
    if (!out || !n || (!text && len))
        return SV_ERR_ARG;
    *out = NULL;
    *n = 0;
    scan sc;
    memset(&sc, 0, sizeof sc);
    long prev = -1;
    size_t last_nonspace = 0; /* end of the last non-space character */
    for (size_t i = 0; i < len;) {
        size_t adv;
        long c = cp_at(text, len, i, &adv);
        size_t next_i = i + adv;
        if (c == '\n') {
            /* paragraph end: continue open quotes when the next paragraph
             * opens with a matching mark */
            size_t j = next_i, a2;
            long d = -1;
            while (j < len && is_space(d = cp_at(text, len, j, &a2)))
                j += a2;
            if (sc.depth > 0 && j < len && continues(sc.st[0].mark, d)) {
                for (size_t k = 0; k < sc.depth; k++)
                    sc.st[k].paras++;
                i = j + a2;
                prev = d;
                continue;
            }
            close_all(&sc, last_nonspace);
            prev = c;
            i = next_i;
            continue;
        }
        long nx = cp_at(text, len, next_i, NULL);
        int op = opens_after(prev) && nx >= 0 && !is_space(nx);
        int cl = prev >= 0 && !is_space(prev) && closes_before(nx);
        long k;
        switch (c) {
        case 0xAB: /* « */
            push(&sc, i, next_i, (unsigned)c);
            break;
        case 0xBB: /* » */
            if ((k = find_open(&sc, 0xAB, 0xAB)) >= 0)
                close_at(&sc, (size_t)k, i, next_i, (unsigned)c);
            break;
        case 0x201E: /* „ */
            push(&sc, i, next_i, (unsigned)c);
            break;
        case 0x201C: /* “ */
            if (sc.depth && sc.st[sc.depth - 1].mark == 0x201E)
                close_at(&sc, sc.depth - 1, i, next_i, (unsigned)c);
            else if (sc.depth && sc.st[sc.depth - 1].mark == 0x201C && cl && !op)
                close_at(&sc, sc.depth - 1, i, next_i, (unsigned)c);
            else if (op || !cl)
                push(&sc, i, next_i, (unsigned)c);
            break;
        case 0x201D: /* ” */
            if ((k = find_open(&sc, 0x201C, 0x201E)) >= 0)
                close_at(&sc, (size_t)k, i, next_i, (unsigned)c);
            break;
        case 0x2018: /* ‘ */
            if (op && !is_letter(prev))
                push(&sc, i, next_i, (unsigned)c);
            else if (sc.depth && sc.st[sc.depth - 1].mark == 0x2018 && cl)
                close_at(&sc, sc.depth - 1, i, next_i, (unsigned)c);
            break;
        case 0x2019: /* ’ */
            if (is_alnum(prev) && is_alnum(nx))
                break; /* it’s */
            if (sc.depth && sc.st[sc.depth - 1].mark == 0x2018 && cl)
                close_at(&sc, sc.depth - 1, i, next_i, (unsigned)c);
            break;
        case '"':
            if (sc.depth && sc.st[sc.depth - 1].mark == '"' && cl)
                close_at(&sc, sc.depth - 1, i, next_i, '"');
            else if (op)
                push(&sc, i, next_i, '"');
            else if ((k = find_open(&sc, '"', '"')) >= 0 && cl)
                close_at(&sc, (size_t)k, i, next_i, '"');
            break;
        case '\'':
            if (is_alnum(prev) && is_alnum(nx))
                break; /* don't */
            if (sc.depth && sc.st[sc.depth - 1].mark == '\'' && cl)
                close_at(&sc, sc.depth - 1, i, next_i, '\'');
            else if (op && is_alnum(nx))
                push(&sc, i, next_i, '\'');
            break;
        default:
            break;
        }
        if (!is_space(c))
            last_nonspace = next_i;
        prev = c;
        i = next_i;
    }
    close_all(&sc, last_nonspace);
    if (sc.n > 1)
        qsort(sc.v, sc.n, sizeof *sc.v, cmp_quote);
    /* depth from containment */
    size_t *ends = sc.n ? xmalloc(sc.n * sizeof *ends) : NULL;
    size_t ne = 0;
    for (size_t q = 0; q < sc.n; q++) {
        while (ne > 0 && ends[ne - 1] <= sc.v[q].start)
            ne--;
        sc.v[q].depth = (unsigned)ne;
        ends[ne++] = sc.v[q].end;
    }
    free(ends);
    for (size_t q = 0; q < sc.n; q++)
        classify(lang, text, len, &sc.v[q]);
    *out = sc.v;
    *n = sc.n;
    return SV_OK;
}
