/* qa.c - consistency checks over an aligned document pair (numbers,
 * quotations, names) and over a translation memory (inconsistent
 * translations).  Sits after the aligner: it reads an sv_bitext and
 * writes findings; report.c renders them.  docs/design.md, "Consistency
 * checks", explains the rules. */
#include "qa.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../align/names.h"
#include "../align/numbers.h"
#include "../base/buf.h"
#include "../base/mem.h"
#include "../base/utf8.h"
#include "bitext.h"
#include "hash.h"
#include "quotes.h"
#include "tmx.h"

static const char *const kind_names[SV_QA_NKINDS] = {"number-mismatch", "quote-missing",
                                                     "name-mismatch", "tm-inconsistency"};

const char *sv_qa_kind_name(sv_qa_kind k)
{
    return (unsigned)k < SV_QA_NKINDS ? kind_names[k] : "?";
}

int sv_qa_kind_parse(const char *s, sv_qa_kind *out)
{
    static const char *const shortn[SV_QA_NKINDS] = {"numbers", "quotes", "names", "tm"};
    for (int k = 0; k < SV_QA_NKINDS; k++)
        if (!strcmp(s, kind_names[k]) || !strcmp(s, shortn[k])) {
            *out = (sv_qa_kind)k;
            return 0;
        }
    return -1;
}

void sv_qa_opts_init(sv_qa_opts *o)
{
    memset(o, 0, sizeof *o);
    o->checks = SV_QA_CHECK(SV_QA_NUMBER_MISMATCH) | SV_QA_CHECK(SV_QA_QUOTE_MISSING) |
                SV_QA_CHECK(SV_QA_NAME_MISMATCH) | SV_QA_CHECK(SV_QA_TM_INCONSISTENCY);
    o->min_score = 0.3;
    o->name_similarity = 0.8;
    o->neighbours = 2;
    o->srclang = "en";
    o->tgtlang = "ru";
}

struct sv_qa {
    sv_qa_opts o;
    sv_numscan *sc;
    sv_names *nm;
    sv_lexctx *lx; /* NULL without a lexicon */
    sv_lexprep *prep;
};

sv_status sv_qa_new(const sv_qa_opts *opts, sv_qa **out, sv_diags *diags)
{
    *out = NULL;
    sv_qa *q = xcalloc(1, sizeof *q);
    if (opts)
        q->o = *opts;
    else
        sv_qa_opts_init(&q->o);
    sv_status st = sv_numscan_new(&q->sc, diags);
    if (st == SV_OK) {
        sv_names_opts no;
        sv_names_opts_init(&no);
        no.dict = SV_NAMES_DICT_NONE;
        st = sv_names_new(&no, &q->nm, diags);
    }
    if (st == SV_OK && q->o.lexicon && (q->o.checks & SV_QA_CHECK(SV_QA_NAME_MISMATCH)))
        st = sv_lexctx_new(q->o.lexicon, &q->lx, diags);
    if (st != SV_OK) {
        sv_qa_free(q);
        return st;
    }
    *out = q;
    return SV_OK;
}

void sv_qa_free(sv_qa *q)
{
    if (!q)
        return;
    sv_numscan_free(q->sc);
    sv_names_free(q->nm);
    sv_lexctx_free(q->lx);
    sv_lexprep_free(q->prep);
    free(q);
}

/* ---- findings ----------------------------------------------------------- */

static void side_free(sv_qa_side *s)
{
    free(s->file);
    free(s->text);
    for (size_t i = 0; i < s->nvalues; i++)
        free(s->values[i]);
    free(s->values);
    free(s->marks);
}

void sv_qa_findings_free(sv_qa_findings *f)
{
    for (size_t i = 0; i < f->n; i++) {
        side_free(&f->v[i].src);
        side_free(&f->v[i].tgt);
        free(f->v[i].message);
    }
    free(f->v);
    memset(f, 0, sizeof *f);
}

static sv_qa_finding *new_finding(sv_qa_findings *f, sv_qa_kind kind, double score)
{
    sv_grow(&f->v, &f->cap, f->n + 1, sizeof *f->v);
    sv_qa_finding *x = &f->v[f->n++];
    memset(x, 0, sizeof *x);
    x->kind = kind;
    x->score = score;
    f->by_kind[kind]++;
    return x;
}

static void add_value(sv_qa_side *s, const char *text, size_t len, int has_mark, size_t ms,
                      size_t me)
{
    s->values = xreallocarray(s->values, s->nvalues + 1, sizeof *s->values);
    s->values[s->nvalues++] = xstrndup(text, len);
    if (has_mark) {
        s->marks = xreallocarray(s->marks, s->nmarks + 1, sizeof *s->marks);
        s->marks[s->nmarks].start = ms;
        s->marks[s->nmarks].end = me;
        s->nmarks++;
    }
}

/* ---- one document side -------------------------------------------------- */

#define UNMAPPED ((size_t)-1)
#define MAPFAIL ((size_t)-2)

typedef struct {
    sv_number n;
    size_t sent;
    unsigned char used;    /* explained by an equal number, or already reported */
    unsigned char unit;    /* UNIT_* of the word after it */
} numitem;

enum { UNIT_NONE = 0, UNIT_IMPERIAL, UNIT_METRIC };

typedef struct {
    const sv_side *sd;
    const char *name;
    sv_lang lang;
    size_t nsent;
    size_t *s0;            /* per sentence: its offset in its paragraph's normalised text */
    numitem *nums;         /* every number, in sentence order */
    size_t nnums;
    size_t *nfirst;        /* per sentence + 1: index of its first number */
    long *link;            /* per sentence: index of its link entry, -1 if none */
} sidex;

/* Where sentence s starts in its paragraph's normalised text (the segmenter
 * copies slices of it), found by bisection on the offset map. */
static size_t sent_s0(sidex *x, size_t si)
{
    if (x->s0[si] != UNMAPPED)
        return x->s0[si];
    const sv_sentence *s = &x->sd->segs->v[si];
    const sv_doc *doc = x->sd->doc;
    size_t r = MAPFAIL;
    if (s->para < sv_doc_npara(doc)) {
        const sv_para *p = sv_doc_para(doc, s->para);
        size_t lo = 0, hi = p->norm_len;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (sv_doc_src_offset(doc, p, mid) < s->start)
                lo = mid + 1;
            else
                hi = mid;
        }
        while (lo < p->norm_len && p->norm[lo] == ' ')
            lo++;
        size_t cmp = s->len < p->norm_len - lo ? s->len : p->norm_len - lo;
        if (lo <= p->norm_len && memcmp(p->norm + lo, s->text, cmp) == 0)
            r = lo;
    }
    x->s0[si] = r;
    return r;
}

/* Byte offset in the document text of offset off of sentence si's text. */
static size_t doc_offset(sidex *x, size_t si, size_t off)
{
    const sv_sentence *s = &x->sd->segs->v[si];
    const sv_doc *doc = x->sd->doc;
    size_t s0 = sent_s0(x, si);
    if (off > s->len)
        off = s->len;
    if (s0 == MAPFAIL) {
        size_t r = s->start + off;
        return r > s->end ? s->end : r;
    }
    const sv_para *p = sv_doc_para(doc, s->para);
    size_t r;
    if (off <= p->norm_len - s0) {
        r = sv_doc_src_offset(doc, p, s0 + off);
    } else if (s->para + 1 < sv_doc_npara(doc)) {
        /* a sentence the segmenter joined across paragraphs (a quote's
         * attribution): the rest lies in the next paragraph, after a space */
        const sv_para *p2 = sv_doc_para(doc, s->para + 1);
        size_t off2 = off - (p->norm_len - s0);
        off2 = off2 > 0 ? off2 - 1 : 0;
        if (off2 > p2->norm_len)
            off2 = p2->norm_len;
        r = sv_doc_src_offset(doc, p2, off2);
    } else {
        r = s->end;
    }
    if (r < s->start)
        r = s->start;
    if (r > s->end)
        r = s->end;
    return r;
}

static size_t doc_line(const sidex *x, size_t offset)
{
    size_t line = 0;
    sv_doc_line_col(x->sd->doc, offset, &line, NULL);
    return line;
}

static long next_cp(const char *t, size_t len, size_t *i)
{
    if (*i >= len)
        return -1;
    size_t adv;
    long c = sv_utf8_decode(t + *i, len - *i, &adv);
    *i += adv;
    return c;
}

static int letter(long c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0x24F) ||
           (c >= 0x400 && c <= 0x4FF);
}

/* The unit written after a number ending at end: imperial measures are
 * converted by translators, so they are never compared.  Words match
 * exactly, or by prefix for the stems marked with a final '*'. */
static int unit_word(const char *w, const char *const *list)
{
    for (size_t k = 0; list[k]; k++) {
        size_t n = strlen(list[k]);
        if (list[k][n - 1] == '*' ? !strncmp(w, list[k], n - 1) : !strcmp(w, list[k]))
            return 1;
    }
    return 0;
}

static int unit_after(const char *t, size_t len, size_t end)
{
    static const char *const imperial[] = {
        "inch*", "ft", "foot", "feet", "yard*", "yd", "yds", "mile*", "mph", "lb", "lbs",
        "pound*", "ounce*", "oz", "gallon*", "acre*", "stone", "fahrenheit", "f", "°f", "degree*",
        "mpg", "дюйм*", "фут", "фута", "футов", "миль", "мили", "миля", "милю", "милях", "ярд*",
        "акр*", "галлон*", "унци*", "фаренгейт*", NULL};
    static const char *const metric[] = {
        "cm", "mm", "m", "km", "kg", "g", "kph", "kmh", "metre*", "meter*", "kilomet*",
        "centimet*", "millimet*", "kilogram*", "gram*", "tonne*", "litre*", "liter*", "hectare*",
        "celsius", "c", "°c", "см", "мм", "м", "км", "кг", "г", "т", "л", "га", "метр*",
        "километр*", "сантиметр*", "миллиметр*", "килограмм*", "грамм*", "тонн*", "литр*",
        "гектар*", "градус*", "цельси*", "°", NULL};
    size_t i = end;
    long c;
    /* "6-foot", "70F", "20 °C", "5 km" */
    size_t save = i;
    c = next_cp(t, len, &i);
    if (c == '-' || c == ' ' || c == 0xA0 || c == 0x202F)
        save = i;
    i = save;
    char w[40];
    size_t o = 0;
    size_t j = i;
    while (j < len && o + 4 < sizeof w) {
        size_t k = j;
        c = next_cp(t, len, &k);
        if (!letter(c) && c != 0xB0)
            break;
        long lc = c;
        if (lc >= 'A' && lc <= 'Z')
            lc += 32;
        else if (lc >= 0x410 && lc <= 0x42F)
            lc += 32;
        o += sv_utf8_encode((unsigned)lc, w + o);
        j = k;
    }
    w[o] = 0;
    if (!o)
        return UNIT_NONE;
    if (unit_word(w, imperial))
        return UNIT_IMPERIAL;
    if (unit_word(w, metric))
        return UNIT_METRIC;
    /* "square miles", "cubic feet", "кв. км": the next word */
    if (!strcmp(w, "square") || !strcmp(w, "cubic") || !strcmp(w, "sq") || !strcmp(w, "кв") ||
        !strcmp(w, "квадратных") || !strcmp(w, "кубических"))
        return unit_after(t, len, j) == UNIT_IMPERIAL ? UNIT_IMPERIAL : UNIT_METRIC;
    return UNIT_NONE;
}

/* Is the text between two numbers only a range word ("to", "-", "до")? */
static int range_gap(const char *t, size_t n)
{
    static const char *const words[] = {"to", "and", "or", "до", "и", "или", "-", "\xe2\x80\x93",
                                        "\xe2\x80\x94", NULL};
    while (n && t[0] == ' ')
        t++, n--;
    while (n && t[n - 1] == ' ')
        n--;
    for (size_t i = 0; words[i]; i++)
        if (strlen(words[i]) == n && !memcmp(t, words[i], n))
            return 1;
    return 0;
}

static sv_status side_prepare(sv_qa *q, const sv_side *sd, sidex *x)
{
    memset(x, 0, sizeof *x);
    x->sd = sd;
    x->name = sv_doc_name(sd->doc);
    x->lang = sd->lang;
    x->nsent = sd->segs->n;
    x->s0 = xmalloc((x->nsent + 1) * sizeof *x->s0);
    x->nfirst = xmalloc((x->nsent + 1) * sizeof *x->nfirst);
    x->link = xmalloc((x->nsent + 1) * sizeof *x->link);
    size_t cap = 0;
    for (size_t i = 0; i < x->nsent; i++) {
        x->s0[i] = UNMAPPED;
        x->link[i] = -1;
        x->nfirst[i] = x->nnums;
        const sv_sentence *s = &sd->segs->v[i];
        if (s->kind == SV_SEG_BOILERPLATE)
            continue;
        sv_number *v = NULL;
        size_t n = 0;
        sv_status st = sv_numbers_extract(q->sc, sd->lang, s->text, s->len, &v, &n);
        if (st != SV_OK)
            return st;
        for (size_t k = 0; k < n; k++) {
            numitem it;
            memset(&it, 0, sizeof it);
            it.n = v[k];
            it.sent = i;
            it.unit = (unsigned char)unit_after(s->text, s->len, v[k].end);
            SV_PUSH(x->nums, x->nnums, cap, it);
        }
        free(v);
        /* "1 to 4 inches", "от 2,5 до 10 см": a range's first number has the
         * unit of its last */
        for (size_t k = x->nnums; k-- > x->nfirst[i] + 1;) {
            numitem *a = &x->nums[k - 1], *b2 = &x->nums[k];
            if (a->unit || !b2->unit || b2->n.start < a->n.end)
                continue;
            if (range_gap(s->text + a->n.end, b2->n.start - a->n.end))
                a->unit = b2->unit;
        }
    }
    x->nfirst[x->nsent] = x->nnums;
    return SV_OK;
}

static void side_release(sidex *x)
{
    free(x->s0);
    free(x->nums);
    free(x->nfirst);
    free(x->link);
}

/* Fills a finding side with sentences [first, first+n) of x. */
static void side_sentences(sidex *x, size_t first, size_t n, sv_qa_side *out)
{
    out->present = 1;
    out->file = xstrdup(x->name);
    const sv_sentence *a = &x->sd->segs->v[first], *b = &x->sd->segs->v[first + n - 1];
    out->has_span = 1;
    out->start = a->start;
    out->end = b->end;
    out->line = a->line;
    out->sent_first = first;
    out->nsent = n;
    sv_buf t = SV_BUF_INIT;
    sv_bitext_side_text(x->sd, first, n, &t);
    out->text = sv_buf_detach(&t, NULL);
}

/* ---- links and their neighbourhoods ------------------------------------- */

typedef struct {
    const sv_bitext *b;
    sidex src, tgt;
    double min_score;
    int nb;
} ctx;

static int is_linked(const ctx *c, size_t li)
{
    const sv_link *l = &c->b->links[li];
    return l->nsrc > 0 && l->ntgt > 0 && l->score >= c->min_score;
}

/* Sentences of the unlinked entries around link li on one side (tgt != 0:
 * the target), nearest first, at most c->nb before and c->nb after. */
static size_t neighbours(const ctx *c, size_t li, int tgt, size_t *out)
{
    size_t n = 0;
    for (int dir = -1; dir <= 1; dir += 2) {
        size_t got = 0;
        long k = (long)li + dir;
        while (k >= 0 && (size_t)k < c->b->nlinks && !is_linked(c, (size_t)k) && got < (size_t)c->nb) {
            const sv_link *l = &c->b->links[k];
            size_t first = tgt ? l->tgt : l->src, cnt = tgt ? l->ntgt : l->nsrc;
            for (size_t j = 0; j < cnt && got < (size_t)c->nb; j++) {
                size_t s = dir < 0 ? first + cnt - 1 - j : first + j;
                out[n++] = s;
                got++;
            }
            k += dir;
        }
    }
    return n;
}

/* ---- numbers ------------------------------------------------------------- */

enum { CLS_NONE = 0, CLS_AMOUNT, CLS_YEAR, CLS_ORDINAL, CLS_PERCENT, CLS_TIMES, CLS_DATE, CLS_TIME };

static int num_class(const sv_number *n)
{
    switch (n->kind) {
    case SV_NUM_CARDINAL:
    case SV_NUM_MONEY: return CLS_AMOUNT;
    case SV_NUM_YEAR: return CLS_YEAR;
    case SV_NUM_ORDINAL: return CLS_ORDINAL;
    case SV_NUM_PERCENT: return CLS_PERCENT;
    case SV_NUM_TIMES: return CLS_TIMES;
    case SV_NUM_DATE: return CLS_DATE;
    case SV_NUM_TIME: return CLS_TIME;
    default: return CLS_NONE;
    }
}

static int yearish(const sv_number *n)
{
    return n->value >= 1000 && n->value <= 2100 && n->value == floor(n->value);
}

/* May a and b be two renderings of one figure that disagree? */
static int comparable(const sv_number *a, const sv_number *b)
{
    if ((a->flags & SV_NUMF_DECADE) != (b->flags & SV_NUMF_DECADE))
        return 0;
    int ca = num_class(a), cb = num_class(b);
    if (ca == CLS_NONE || cb == CLS_NONE)
        return 0;
    if (ca == cb)
        return 1;
    /* a year the scanner read as a plain number ("the 2019 budget") */
    return ((ca == CLS_YEAR && cb == CLS_AMOUNT) || (ca == CLS_AMOUNT && cb == CLS_YEAR)) &&
           yearish(a) && yearish(b);
}

#define MAX_LOG_RATIO 3.9 /* e^3.9 ~ 50 */

static double distance(const sv_number *a, const sv_number *b)
{
    double x = fabs(a->value), y = fabs(b->value);
    if (x <= 0 || y <= 0)
        return 100;
    return fabs(log(x / y));
}

static void num_describe(const sv_number *n, sv_buf *b)
{
    switch (n->kind) {
    case SV_NUM_ORDINAL: sv_buf_printf(b, "ordinal %.15g", n->value); break;
    case SV_NUM_PERCENT: sv_buf_printf(b, "%.15g%%", n->value); break;
    case SV_NUM_TIMES: sv_buf_printf(b, "%.15g times", n->value); break;
    case SV_NUM_DATE: sv_buf_printf(b, "day %.15g of month %u", n->value, n->month); break;
    case SV_NUM_TIME:
        sv_buf_printf(b, "%02d:%02d", (int)(n->value / 60), (int)fmod(n->value, 60));
        break;
    case SV_NUM_YEAR:
        sv_buf_printf(b, "%s %.15g", n->flags & SV_NUMF_DECADE ? "decade" : "year", n->value);
        break;
    default:
        sv_buf_printf(b, "%.15g", n->value);
        if (n->currency[0])
            sv_buf_printf(b, " %s", n->currency);
        break;
    }
}

/* Adds number it of side x to a finding side (value and mark). */
static void side_number(sidex *x, const numitem *it, sv_qa_side *s)
{
    const sv_sentence *se = &x->sd->segs->v[it->sent];
    add_value(s, se->text + it->n.start, it->n.end - it->n.start, 1,
              doc_offset(x, it->sent, it->n.start), doc_offset(x, it->sent, it->n.end));
}

static void report_numbers(ctx *c, size_t li, numitem *a, int a_is_tgt, numitem *b,
                           sv_qa_findings *out)
{
    numitem *s = a_is_tgt ? b : a, *t = a_is_tgt ? a : b;
    sv_qa_finding *f = new_finding(out, SV_QA_NUMBER_MISMATCH, c->b->links[li].score);
    side_sentences(&c->src, s->sent, 1, &f->src);
    side_sentences(&c->tgt, t->sent, 1, &f->tgt);
    side_number(&c->src, s, &f->src);
    side_number(&c->tgt, t, &f->tgt);
    sv_buf m = SV_BUF_INIT;
    const sv_sentence *ss = &c->src.sd->segs->v[s->sent], *ts = &c->tgt.sd->segs->v[t->sent];
    sv_buf_printf(&m, "numbers differ: %.*s (", (int)(s->n.end - s->n.start), ss->text + s->n.start);
    num_describe(&s->n, &m);
    sv_buf_printf(&m, ") in the source, %.*s (", (int)(t->n.end - t->n.start), ts->text + t->n.start);
    num_describe(&t->n, &m);
    sv_buf_puts(&m, ") in the target");
    f->message = sv_buf_detach(&m, NULL);
}

static void report_absent(ctx *c, size_t li, numitem *a, int is_tgt, sv_qa_findings *out)
{
    sidex *x = is_tgt ? &c->tgt : &c->src, *y = is_tgt ? &c->src : &c->tgt;
    const sv_link *l = &c->b->links[li];
    sv_qa_finding *f = new_finding(out, SV_QA_NUMBER_MISMATCH, l->score);
    side_sentences(x, a->sent, 1, is_tgt ? &f->tgt : &f->src);
    side_number(x, a, is_tgt ? &f->tgt : &f->src);
    side_sentences(y, is_tgt ? l->src : l->tgt, is_tgt ? l->nsrc : l->ntgt, is_tgt ? &f->src : &f->tgt);
    const sv_sentence *se = &x->sd->segs->v[a->sent];
    sv_buf m = SV_BUF_INIT;
    sv_buf_printf(&m, "%.*s (", (int)(a->n.end - a->n.start), se->text + a->n.start);
    num_describe(&a->n, &m);
    sv_buf_printf(&m, ") only in the %s", is_tgt ? "target" : "source");
    f->message = sv_buf_detach(&m, NULL);
}

/* Marks numbers of list a explained by an equal number of list b. */
static void match_lists(numitem **a, size_t na, numitem **b, size_t nb, sv_numeq level)
{
    for (size_t i = 0; i < na; i++) {
        if (a[i]->used)
            continue;
        for (size_t j = 0; j < nb; j++) {
            if (b[j]->used)
                continue;
            if (sv_number_compare(&a[i]->n, &b[j]->n) >= level) {
                a[i]->used = b[j]->used = 1;
                break;
            }
        }
    }
}

typedef struct {
    numitem **v;
    size_t n, cap;
} numlist;

static void collect(sidex *x, size_t first, size_t cnt, numlist *l)
{
    l->n = 0;
    for (size_t s = first; s < first + cnt; s++)
        for (size_t k = x->nfirst[s]; k < x->nfirst[s + 1]; k++)
            SV_PUSH(l->v, l->n, l->cap, &x->nums[k]);
}

static void collect_list(sidex *x, const size_t *sents, size_t ns, numlist *l)
{
    l->n = 0;
    for (size_t i = 0; i < ns; i++)
        for (size_t k = x->nfirst[sents[i]]; k < x->nfirst[sents[i] + 1]; k++)
            SV_PUSH(l->v, l->n, l->cap, &x->nums[k]);
}

static int has_imperial(numitem **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (v[i]->unit == UNIT_IMPERIAL)
            return 1;
    return 0;
}

/* Is it left out of mismatch pairing (a code, a converted measure)? */
static int exempt(const numitem *it, int other_imperial)
{
    if (num_class(&it->n) == CLS_NONE || it->unit == UNIT_IMPERIAL)
        return 1;
    /* "one", "two", "first", "second", "twice" are often words, not figures:
     * "a second meeting" = "повторная встреча", "one-sided" */
    if (it->n.spelled && fabs(it->n.value) <= 2 && !(it->n.flags & SV_NUMF_MAGNITUDE))
        return 1;
    return it->unit == UNIT_METRIC && other_imperial;
}

typedef struct {
    numitem *s, *t;
    double cost; /* distance of the values, +10 when one lies in a neighbour */
} numpair;

static int cmp_pair(const void *a, const void *b)
{
    const numpair *x = a, *y = b;
    return x->cost < y->cost ? -1 : x->cost > y->cost;
}

static void add_pairs(numlist *S, numlist *T, double extra, int s_imp, int t_imp, numpair **v,
                      size_t *n, size_t *cap)
{
    for (size_t i = 0; i < S->n; i++) {
        numitem *x = S->v[i];
        if (x->used || exempt(x, t_imp))
            continue;
        for (size_t j = 0; j < T->n; j++) {
            numitem *y = T->v[j];
            if (y->used || exempt(y, s_imp) || !comparable(&x->n, &y->n))
                continue;
            double d = distance(&x->n, &y->n);
            /* amounts far apart are two different figures, not one figure
             * changed (800 kph and "одно") */
            if (num_class(&x->n) == CLS_AMOUNT && d > MAX_LOG_RATIO)
                continue;
            numpair p = {x, y, d + extra};
            SV_PUSH(*v, *n, *cap, p);
        }
    }
}

/* Pairs the leftover numbers of a link (S, T) with each other and with
 * those of the unlinked neighbours (NS, NT), closest values first, and
 * reports each pair. */
static void pair_leftovers(ctx *c, size_t li, numlist *S, numlist *T, numlist *NS, numlist *NT,
                           int s_imp, int t_imp, sv_qa_findings *out)
{
    numpair *v = NULL;
    size_t n = 0, cap = 0;
    add_pairs(S, T, 0, s_imp, t_imp, &v, &n, &cap);
    add_pairs(S, NT, 10, s_imp, t_imp, &v, &n, &cap);
    add_pairs(NS, T, 10, s_imp, t_imp, &v, &n, &cap);
    if (n > 1)
        qsort(v, n, sizeof *v, cmp_pair);
    for (size_t i = 0; i < n; i++) {
        if (v[i].s->used || v[i].t->used)
            continue;
        v[i].s->used = v[i].t->used = 1;
        report_numbers(c, li, v[i].s, 0, v[i].t, out);
    }
    free(v);
}

static void check_numbers(ctx *c, int absent, sv_qa_findings *out)
{
    const sv_bitext *b = c->b;
    numlist S = {0}, T = {0}, NS = {0}, NT = {0};
    size_t *nbuf = xmalloc((2 * (size_t)c->nb + 1) * 8 * sizeof *nbuf);
    /* 1: numbers explained inside their link */
    for (size_t li = 0; li < b->nlinks; li++) {
        if (!is_linked(c, li))
            continue;
        const sv_link *l = &b->links[li];
        collect(&c->src, l->src, l->nsrc, &S);
        collect(&c->tgt, l->tgt, l->ntgt, &T);
        match_lists(S.v, S.n, T.v, T.n, SV_NUMEQ_SAME);
        match_lists(S.v, S.n, T.v, T.n, SV_NUMEQ_VALUE);
    }
    /* 2: ... or in an unlinked sentence next to it */
    for (size_t li = 0; li < b->nlinks; li++) {
        if (!is_linked(c, li))
            continue;
        const sv_link *l = &b->links[li];
        collect(&c->src, l->src, l->nsrc, &S);
        collect(&c->tgt, l->tgt, l->ntgt, &T);
        collect_list(&c->src, nbuf, neighbours(c, li, 0, nbuf), &NS);
        collect_list(&c->tgt, nbuf, neighbours(c, li, 1, nbuf), &NT);
        match_lists(S.v, S.n, NT.v, NT.n, SV_NUMEQ_SAME);
        match_lists(T.v, T.n, NS.v, NS.n, SV_NUMEQ_SAME);
        match_lists(S.v, S.n, NT.v, NT.n, SV_NUMEQ_VALUE);
        match_lists(T.v, T.n, NS.v, NS.n, SV_NUMEQ_VALUE);
    }
    /* 3: what is left and comparable disagrees */
    for (size_t li = 0; li < b->nlinks; li++) {
        if (!is_linked(c, li))
            continue;
        const sv_link *l = &b->links[li];
        collect(&c->src, l->src, l->nsrc, &S);
        collect(&c->tgt, l->tgt, l->ntgt, &T);
        collect_list(&c->src, nbuf, neighbours(c, li, 0, nbuf), &NS);
        collect_list(&c->tgt, nbuf, neighbours(c, li, 1, nbuf), &NT);
        int s_imp = has_imperial(S.v, S.n) || has_imperial(NS.v, NS.n);
        int t_imp = has_imperial(T.v, T.n) || has_imperial(NT.v, NT.n);
        pair_leftovers(c, li, &S, &T, &NS, &NT, s_imp, t_imp, out);
        if (absent) {
            for (size_t i = 0; i < S.n; i++)
                if (!S.v[i]->used && !exempt(S.v[i], t_imp)) {
                    S.v[i]->used = 1;
                    report_absent(c, li, S.v[i], 0, out);
                }
            for (size_t i = 0; i < T.n; i++)
                if (!T.v[i]->used && !exempt(T.v[i], s_imp)) {
                    T.v[i]->used = 1;
                    report_absent(c, li, T.v[i], 1, out);
                }
        }
    }
    free(nbuf);
    free(S.v);
    free(T.v);
    free(NS.v);
    free(NT.v);
}

/* ---- names --------------------------------------------------------------- */

/* Capitalised English words that are titles or generic parts of names,
 * translated rather than transliterated ("Voronezh Oblast" -> "Воронежская
 * область", "President" -> "президент"): not names to look for. */
static const char *const generic_words[] = {
    "president", "prime", "minister", "governor", "mayor", "chairman", "chairwoman",
    "chancellor", "king", "queen", "prince", "princess", "duke", "lord", "sir", "lady", "pope",
    "secretary", "general", "senator", "congressman", "congresswoman", "representative",
    "ambassador", "director", "chief", "head", "deputy", "vice", "premier", "speaker",
    "oblast", "region", "province", "state", "states", "county", "district", "city",
    "republic", "federation", "kingdom", "union", "united", "nations", "ministry",
    "department", "office", "council", "committee", "assembly", "parliament", "government",
    "court", "party", "agency", "service", "company", "corporation", "group", "university",
    "college", "school", "institute", "centre", "center", "museum", "stadium", "street",
    "avenue", "road", "square", "bridge", "river", "lake", "sea", "ocean", "mountain",
    "mount", "island", "islands", "north", "south", "east", "west", "northern", "southern",
    "eastern", "western", "central", "federal", "national", "international", "royal",
    "supreme", "high", "grand", "new", "old", "great", "little", "saint", "st", "day",
    "internet", "club", "league", "cup", "championship", "trade", "unions", "house",
    "senate", "congress", "army", "navy", "police", "hospital", "airport", "station",
    "church", "cathedral", "palace", "park", "hall", "tower", "festival", "award", "prize",
    "olympic", "olympics", "games", "world", "championships", "association", "foundation",
    "fund", "bank", "news", "times", "post", "daily", "mr", "mrs", "ms", "dr", "professor",
    "jr", "sr", "inc", "ltd", "plc", "co", "corp", "judiciary", "the", "a", "an", "this",
    "that", "these", "those", "it", "he", "she", "we", "they", "you", "his", "her", "their",
    "our", "my", "i've", "i'm", "i'd", "i'll", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "mps", "ams", "ceo", "col", "rev", "gen", "lt", "sgt",
    "capt", "gov", "sen", "rep", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "der", "de", "van", "von", "la", "le", "al", "el", "bin",
    "di", "du", "da", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    "ten", "tv", "mp", "pm", "am", "gmt", "bst", "atm", "ptsd", "gdp", "vat", "dna", "ufo",
    "ai", "pr", "hr", "ok", "hiv", "aids", "gop", "commission", "premiership", NULL};

/* Place names and their adjectives, English and Russian keys (prefixes of
 * names.h keys): exonyms and demonyms no transliteration relates. */
static const char *const exonyms[][2] = {
    {"belarus", "belorus"}, {"russia", "ross"}, {"russia", "russk"}, {"ukrain", "ukrain"},
    {"americ", "amerik"}, {"americ", "ssha"}, {"americ", "us"}, {"us", "ssha"}, {"usa", "ssha"},
    {"usa", "us"}, {"britain", "britan"}, {"uk", "britain"}, {"brit", "britain"}, {"uk", "uk"}, {"british", "britan"}, {"uk", "britan"},
    {"uk", "velikobritan"}, {"britain", "velikobritan"}, {"england", "angli"},
    {"english", "angli"}, {"german", "germa"}, {"german", "nemets"}, {"german", "nemts"},
    {"french", "frants"}, {"france", "frants"}, {"chin", "kita"}, {"japan", "yapon"},
    {"europe", "evrop"}, {"eu", "es"}, {"eu", "evrosoyuz"}, {"un", "oon"}, {"moscow", "moskv"},
    {"moscow", "moskov"}, {"poland", "polsh"}, {"polish", "polsk"}, {"wales", "uel"},
    {"welsh", "uel"}, {"scot", "shotland"}, {"ireland", "irland"}, {"irish", "irland"},
    {"israel", "izrail"}, {"india", "indi"}, {"turk", "turts"}, {"turk", "turets"},
    {"greece", "gretsi"}, {"greek", "grech"}, {"swed", "shvets"}, {"swed", "shved"},
    {"spain", "ispan"}, {"spanish", "ispan"}, {"ital", "itali"}, {"georgia", "gruzi"},
    {"korea", "kore"}, {"egypt", "egip"}, {"syria", "siri"}, {"iraq", "irak"},
    {"mexic", "meksik"}, {"canad", "kanad"}, {"australia", "avstrali"},
    {"netherlands", "niderland"}, {"dutch", "niderland"}, {"dutch", "golland"},
    {"holland", "golland"}, {"belgi", "belgi"}, {"austria", "avstri"}, {"swiss", "shveytsar"},
    {"switzerland", "shveytsar"}, {"finland", "finlyand"}, {"finnish", "finsk"},
    {"norw", "norveg"}, {"denmark", "dani"}, {"danish", "datsk"}, {"hungar", "vengr"},
    {"czech", "chesh"}, {"washington", "vashington"}, {"paris", "parizh"},
    {"brussels", "bryussel"}, {"kyiv", "kiev"}, {"beijing", "pekin"}, {"vienna", "ven"},
    {"geneva", "zhenev"}, {"warsaw", "varshav"}, {"munich", "myunkhen"}, {"rome", "rim"},
    {"prague", "prag"}, {"athens", "afin"}, {"lisbon", "lissabon"}, {"hague", "gaag"},
    {"africa", "afrik"}, {"asia", "azi"}, {"arab", "arab"}, {"muslim", "musulman"},
    {"christian", "khristian"}, {"catholic", "katolich"}, {"jew", "evre"}, {"jew", "iude"},
    {"soviet", "sovet"}, {"ussr", "sssr"}, {"kremlin", "kreml"}, {"christmas", "rozhdestv"},
    {"easter", "pask"}, {"brexit", "breksit"}, {"facebook", "feysbuk"}, {"google", "gugl"},
    {"twitter", "tvitter"}, {"youtube", "yutub"}, {"nasa", "nasa"}, {"fbi", "fbr"},
    {"cia", "tsru"}, {"who", "voz"}, {"nato", "nato"}, {"california", "kalifornii"},
    {"texas", "tekhas"}, {"florida", "florid"}, {"new york", "nyu-york"}, {"york", "york"},
    {"scotland", "shotland"}, {"london", "london"}, {"iran", "iran"}, {"pakistan", "pakistan"},
    {"afghan", "afgan"}, {"venezuel", "venesuel"}, {"brazil", "brazili"},
    {"argentin", "argentin"}, {"cuba", "kub"}, {"philippin", "filippin"},
    {"vietnam", "vetnam"}, {"thai", "tail"}, {"saudi", "saudov"}, {"qatar", "katar"},
    {"emirates", "emirat"}, {"lebanon", "livan"}, {"palestin", "palestin"},
    {"yemen", "yemen"}, {"libya", "livi"}, {"sudan", "sudan"}, {"nigeria", "nigeri"},
    {"kenya", "keni"}, {"ethiopia", "efiopi"}, {"somali", "somali"}, {"mali", "mali"},
    {"haiti", "gaiti"}, {"hawaii", "gavay"}, {"hollywood", "gollivud"}, {"harvard", "garvard"},
    {"hamburg", "gamburg"}, {"hungary", "vengri"}, {"hong", "gonkong"}, {"kong", "gonkong"},
    {"helsinki", "khelsinki"}, {"stockholm", "stokgolm"}, {"oxford", "oksford"},
    {"cambridge", "kembridzh"}, {"edinburgh", "edinburg"}, {"glasgow", "glazgo"},
    {"ohio", "ogayo"}, {"michigan", "michigan"}, {"virginia", "virdzhini"}, {"nigel", "nayzhel"},
    {"china", "kita"}, {"chinese", "kita"}, {"korea", "kndr"}, {"pyongyang", "pkhenyan"},
    {"cologne", "keln"}, {"hiv", "vich"}, {"aids", "spid"}, {"fbi", "fbr"}, {"tv", "tv"},
    {"dprk", "kndr"}, {"seoul", "seul"}, {"tokyo", "tokio"}, {"bethesda", "vifezd"},
    {"indonesia", "indonezi"}, {"mexico", "mekhik"}, {"new york", "nyu"}, {"senate", "senat"},
    {"congress", "kongress"}, {"jong", "chen"}, {"un", "yn"}, {"sergio", "serkhio"},
    {"aceh", "acheh"}, {"baja", "bakh"}, {"texas", "tekhas"}, {"twitter", "tvitter"},
    {"internet", "internet"}, {"labour", "leyborist"}, {"tory", "tori"}, {"tories", "tori"},
    {"conservative", "konservator"}, {"democrat", "demokrat"}, {"republican", "respublikan"},
    {"gop", "respublikan"}, {"christ", "khrist"}, {"god", "bog"}, {"lord", "gospod"},
};

static int is_generic(const char *w, size_t len)
{
    char low[32];
    if (len >= sizeof low)
        return 0;
    for (size_t i = 0; i < len; i++) {
        char c = w[i];
        if ((unsigned char)c >= 0x80)
            return 0;
        low[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    low[len] = 0;
    for (size_t i = 0; generic_words[i]; i++)
        if (!strcmp(low, generic_words[i]))
            return 1;
    return 0;
}

static int starts(const char *s, const char *p)
{
    return strncmp(s, p, strlen(p)) == 0;
}

/* Capitalised after a colon, a dash or an opening bracket or quote: maybe
 * only because a sentence starts there ("2018: Major quakes"). */
static int after_opening(const char *t, size_t at)
{
    while (at > 0 && t[at - 1] == ' ')
        at--;
    if (at == 0)
        return 1;
    unsigned char c = (unsigned char)t[at - 1];
    if (c == ':' || c == '(' || c == '"' || c == '\'')
        return 1;
    /* « “ ‘ — – end in these bytes */
    if (at >= 2 && (unsigned char)t[at - 2] == 0xC2 && c == 0xAB)
        return 1;
    if (at >= 3 && (unsigned char)t[at - 3] == 0xE2 && (unsigned char)t[at - 2] == 0x80 &&
        (c == 0x9C || c == 0x98 || c == 0x94 || c == 0x93 || c == 0x9E))
        return 1;
    return 0;
}

/* Russian capitalised words that are translated parts of names, and
 * acronyms of common nouns, by key prefix (used without a lexicon, and
 * for words the dictionary lacks). */
static int generic_ru(const char *k)
{
    static const char *const pre[] = {
        "sever", "yuzhn", "zapadn", "vostochn", "yugo-", "severo-", "nizhn", "verkhn",
        "soedinenn", "komitet", "yuridich", "palat", "respublikansk", "demokratich",
        "genassamble", "smi", "vvp", "nds", "dnk", "vich", "spid", "ministerstv",
        "pravitelstv", "prezident", "gubernator", "kongress", "senat", "parlament",
        "natsionaln", "gosudarstvenn", "federaln", "tsentraln", "mezhdunarodn", "novy",
        "staryy", "velik", "korolevsk", "olimpiysk", "kubk", "chempionat", NULL};
    static const char *const whole[] = {"smi", "vvp", "nds", "dnk", "vich", "spid", "tv",
                                        "it", "ii", "oon", NULL};
    for (size_t i = 0; whole[i]; i++)
        if (!strcmp(k, whole[i]))
            return 1;
    for (size_t i = 0; pre[i]; i++)
        if (starts(k, pre[i]))
            return 1;
    return 0;
}

static int has_digit(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] >= '0' && s[i] <= '9')
            return 1;
    return 0;
}

/* Currency codes written next to amounts (RUB8.5 billion): the number
 * check covers them. */
static int is_currency_code(const char *s, size_t n)
{
    static const char *const codes[] = {"RUB", "USD", "EUR", "BYN", "BYR", "GBP", "CNY", "JPY",
                                        "UAH", "KZT", "CHF", "CAD", "AUD", "INR", NULL};
    for (size_t i = 0; codes[i]; i++)
        if (n == 3 && !memcmp(s, codes[i], 3))
            return 1;
    return 0;
}


typedef struct {
    char key[SV_NAME_KEY_SIZE];
} wkey;

typedef struct {
    wkey *v;
    size_t n, cap;
    uint32_t *ids;  /* lemma ids of the words (with a lexicon) */
    size_t nids, capids;
} wkeys;

/* Keys (names.h) of every word of the given sentences of x. */
static void word_keys(sv_qa *q, sidex *x, const size_t *sents, size_t ns, wkeys *out)
{
    out->n = 0;
    out->nids = 0;
    for (size_t k = 0; k < ns; k++) {
        const sv_sentence *s = &x->sd->segs->v[sents[k]];
        size_t i = 0;
        while (i < s->len) {
            size_t st = i;
            long c = next_cp(s->text, s->len, &i);
            if (!letter(c) && !(c >= '0' && c <= '9'))
                continue;
            size_t e = i;
            for (;;) {
                size_t j = e;
                long d = next_cp(s->text, s->len, &j);
                if (!(letter(d) || (d >= '0' && d <= '9')))
                    break;
                e = j;
            }
            /* dotted abbreviations stay one word: U.S., U.K. */
            while (e - st <= 2 && e + 2 < s->len && s->text[e] == '.' &&
                   ((s->text[e + 1] >= 'A' && s->text[e + 1] <= 'Z')) &&
                   (e + 2 >= s->len || s->text[e + 2] == '.' || s->text[e + 2] == ' '))
                e += 2;
            i = e;
            wkey w;
            if (sv_names_key(q->nm, s->text + st, e - st, w.key, sizeof w.key) > 0)
                SV_PUSH(out->v, out->n, out->cap, w);
        }
        if (q->lx)
            sv_lexctx_lemmas(q->lx, x->lang, s->text, s->len, &out->ids, &out->nids, &out->capids);
    }
}

/* Does key k stand for the table entry e?  Short entries (us, eu, un) must
 * be the whole key, longer ones a prefix. */
static int key_is(const char *k, const char *e)
{
    return strlen(e) <= 3 ? !strcmp(k, e) : starts(k, e);
}

/* The consonant skeleton of a Latin key, for English names written in
 * Russian letters: Ryder ~ Райдер (rdr), Jones ~ Джонс (gns), Willoughby ~
 * Уиллоуби (lb), Thomas ~ Томас (tms), Christine ~ Кристина (krstn).
 * Vowels, w, h and y are dropped (Уэст: West), j/dzh/zh/g merge, th -> t,
 * ph -> f, kh and gh vanish, c is s before e/i/y and k otherwise, x -> ks,
 * doubled letters count once.  *vstart: the key starts with a vowel sound. */
enum { SK_W_V = 1, SK_H_G = 2, SK_CH_K = 4, SK_NVARIANTS = 8 };

static size_t skeleton(const char *k, unsigned variant, char *out, size_t size, int *vstart)
{
    size_t o = 0, n = strlen(k);
    *vstart = n > 0 && strchr("aeiouywh", k[0]) != NULL;
    for (size_t i = 0; i < n && o + 3 < size;) {
        char c = k[i], d = i + 1 < n ? k[i + 1] : 0, e = i + 2 < n ? k[i + 2] : 0;
        char prev = i > 0 ? k[i - 1] : 0;
        char emit = 0, emit2 = 0;
        size_t adv = 1;
        if (c == 's' && d == 'c' && e == 'h') { emit = 'S'; adv = 3; }
        else if (c == 'c' && d == 'h' && (variant & SK_CH_K)) { emit = 'k'; adv = 2; }
        else if (c == 'w' && (variant & SK_W_V)) emit = 'f'; /* w -> v, and v = f */
        else if (c == 'h' && (variant & SK_H_G) && i == 0) emit = 'g';
        else if (c == 'j' && prev && !strchr("aeiouy", prev)) emit = 0; /* Bjorn */
        else if (c == 'd' && d == 'z' && e == 'h') { emit = 'g'; adv = 3; }
        else if (c == 'd' && d == 'g') { emit = 'g'; adv = 2; } /* Sturridge */
        else if (c == 'z' && d == 'h') { emit = 'g'; adv = 2; }
        else if (c == 'k' && d == 'h') { adv = 2; }
        else if (c == 'g' && d == 'h') { adv = 2; }
        else if (c == 'c' && d == 'h' && e == 'r') { emit = 'k'; adv = 2; }
        else if (c == 'c' && d == 'h') { emit = 'C'; adv = 2; }
        else if (c == 's' && d == 'h') { emit = 'S'; adv = 2; }
        else if (c == 't' && d == 'h') { emit = 't'; adv = 2; }
        else if (c == 'p' && d == 'h') { emit = 'f'; adv = 2; }
        else if (c == 'c' && d == 'k') { emit = 'k'; adv = 2; }
        else if ((c == 't' && (d == 's' || d == 'z'))) { emit = 'c'; adv = 2; }
        else if (c == 'c') emit = (d == 'e' || d == 'i' || d == 'y') ? 's' : 'k';
        else if (c == 'x') { emit = 'k'; emit2 = 's'; }
        else if (c == 'q') emit = 'k';
        else if (c == 'j') emit = 'g';
        else if (c == 'z') emit = 's';  /* Тереза: Theresa */
        else if (c == 'v') emit = 'f';  /* Феттель: Vettel */
        else if (strchr("aeiouywh", c)) emit = 0;
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) emit = c;
        i += adv;
        if (emit && (o == 0 || out[o - 1] != emit))
            out[o++] = emit;
        if (emit2 && (o == 0 || out[o - 1] != emit2))
            out[o++] = emit2;
    }
    out[o] = 0;
    return o;
}

static int skeleton_match1(const char *a, unsigned variant, const char *b)
{
    char sa[2 * SV_NAME_KEY_SIZE], sb[2 * SV_NAME_KEY_SIZE];
    int va, vb;
    size_t la = skeleton(a, variant, sa, sizeof sa, &va), lb = skeleton(b, 0, sb, sizeof sb, &vb);
    if (!la || !lb)
        return 0;
    if (la == lb && !strcmp(sa, sb))
        return la >= 2 || va == vb;
    /* one letter substituted (Macedonia ~ Македония: msdn ~ mkdn) */
    if (la == lb && la >= 4) {
        size_t diff = 0;
        for (size_t i = 0; i < la; i++)
            diff += sa[i] != sb[i];
        return diff <= 1;
    }
    /* one letter more or less, in long skeletons only (Gusev ~ Гусаков differ) */
    if ((la == lb + 1 || lb == la + 1) && (la < lb ? la : lb) >= 5) {
        const char *lo = la > lb ? sa : sb, *sh = la > lb ? sb : sa;
        size_t i = 0;
        while (sh[i] && sh[i] == lo[i])
            i++;
        return strcmp(sh + i, lo + i + 1) == 0;
    }
    /* a Russian adjective keeps more (voronezhsk ~ voronezh); a removed
     * case ending may take a consonant (Гарлем -> garl ~ harlem) */
    if (la >= 3 && lb > la && !strncmp(sa, sb, la) && lb - la <= 2)
        return 1;
    return lb >= 3 && la > lb && !strncmp(sa, sb, lb) && la - lb <= 1;
}

/* English spellings read several ways in Russian (W: Уэст or Вудс; H:
 * Хэррис or Гарлем; ch: Чарльз or Майкл): a is the English key. */
static int skeleton_match(const char *a, const char *b)
{
    if (strchr(a, ' ') || strchr(b, ' '))
        return 0;
    for (unsigned v = 0; v < SK_NVARIANTS; v++) {
        if ((v & SK_W_V) && !strchr(a, 'w'))
            continue;
        if ((v & SK_H_G) && a[0] != 'h')
            continue;
        if ((v & SK_CH_K) && !strstr(a, "ch"))
            continue;
        if (skeleton_match1(a, v, b))
            return 1;
    }
    return 0;
}

/* Hyphenated names are matched by their parts too: Нью-Йорке ~ York,
 * Сан-Диего ~ Diego. */
static int part_match(const char *a, const char *b, int a_is_en)
{
    const char *en = a_is_en ? a : b, *ru = a_is_en ? b : a;
    return skeleton_match(en, ru);
}

static int keys_match(const char *a, const char *b, double thr, int a_is_en)
{
    if (sv_name_similarity(a, b) >= thr)
        return 1;
    size_t la = strlen(a), lb = strlen(b), p = 0;
    while (p < la && p < lb && a[p] == b[p])
        p++;
    /* one stem: Voronezh ~ voronezhsk, Gomel ~ gomelsk */
    if (p >= 5 || (p >= 4 && (p == la || p == lb)))
        return 1;
    for (size_t i = 0; i < sizeof exonyms / sizeof exonyms[0]; i++) {
        const char *en = exonyms[i][0], *ru = exonyms[i][1];
        const char *x = a_is_en ? a : b, *y = a_is_en ? b : a;
        if (key_is(x, en) && key_is(y, ru))
            return 1;
    }
    if (part_match(a, b, a_is_en))
        return 1;
    /* the parts of a hyphenated key */
    if (strchr(a, '-')) {
        char part[SV_NAME_KEY_SIZE];
        const char *pp = a;
        while (*pp) {
            size_t n = strcspn(pp, "-");
            if (n >= 3 && n < sizeof part) {
                memcpy(part, pp, n);
                part[n] = 0;
                if (!strcmp(part, b) || part_match(part, b, a_is_en))
                    return 1;
            }
            pp += n;
            if (*pp == '-')
                pp++;
        }
    }
    return 0;
}

/* Every word key of a whole document, for the question "does this name
 * occur anywhere in the other version?": canonical keys, and prefixes of 3
 * to 8 letters of the keys (stems and exonyms). */
typedef struct {
    sv_strset *canon, *prefix, *skel;
} docnames;

static void docnames_build(sv_qa *q, sidex *x, docnames *d)
{
    d->canon = sv_strset_new();
    d->prefix = sv_strset_new();
    d->skel = sv_strset_new();
    wkeys ks = {0};
    size_t one;
    for (size_t si = 0; si < x->nsent; si++) {
        one = si;
        sv_lexctx *keep = q->lx;
        q->lx = NULL; /* keys only */
        word_keys(q, x, &one, 1, &ks);
        q->lx = keep;
        for (size_t i = 0; i < ks.n; i++) {
            char c[2 * SV_NAME_KEY_SIZE];
            sv_name_canon(ks.v[i].key, c, sizeof c);
            sv_strset_add(d->canon, c);
            /* consonant skeletons: every English reading, one Russian */
            for (unsigned v = 0; v < (x->lang == SV_LANG_EN ? SK_NVARIANTS : 1u); v++) {
                char sk[2 * SV_NAME_KEY_SIZE];
                int vs;
                if (skeleton(ks.v[i].key, v, sk, sizeof sk, &vs) >= 3)
                    sv_strset_add(d->skel, sk);
            }
            size_t kl = strlen(ks.v[i].key);
            for (size_t p = 3; p <= 8 && p <= kl; p++) {
                char pf[9];
                memcpy(pf, ks.v[i].key, p);
                pf[p] = 0;
                sv_strset_add(d->prefix, pf);
            }
        }
    }
    free(ks.v);
    free(ks.ids);
}

static void docnames_free(docnames *d)
{
    sv_strset_free(d->canon);
    sv_strset_free(d->prefix);
    sv_strset_free(d->skel);
}

/* Does key k occur anywhere in the document of d (same canonical key, same
 * five-letter stem, or a known exonym)? */
static int docnames_has(const docnames *d, const char *k, int k_is_en)
{
    char c[2 * SV_NAME_KEY_SIZE], pf[9];
    sv_name_canon(k, c, sizeof c);
    if (sv_strset_has(d->canon, c))
        return 1;
    size_t kl = strlen(k);
    if (kl >= 5) {
        memcpy(pf, k, 5);
        pf[5] = 0;
        if (sv_strset_has(d->prefix, pf))
            return 1;
    } else if (sv_strset_has(d->prefix, k)) {
        return 1;
    }
    for (unsigned v = 0; v < (k_is_en ? SK_NVARIANTS : 1u); v++) {
        char sk[2 * SV_NAME_KEY_SIZE];
        int vs;
        if (skeleton(k, v, sk, sizeof sk, &vs) >= 3 && sv_strset_has(d->skel, sk))
            return 1;
    }
    for (size_t i = 0; i < sizeof exonyms / sizeof exonyms[0]; i++) {
        const char *mine = exonyms[i][k_is_en ? 0 : 1], *other = exonyms[i][k_is_en ? 1 : 0];
        if (!(strlen(mine) <= 3 ? !strcmp(k, mine) : starts(k, mine)))
            continue;
        size_t ol = strlen(other);
        if (ol > 8)
            ol = 8;
        memcpy(pf, other, ol);
        pf[ol] = 0;
        if (ol >= 3 ? sv_strset_has(d->prefix, pf) : sv_strset_has(d->canon, pf))
            return 1;
    }
    return 0;
}

/* Does the lexicon know the word as a common word ("China" = china,
 * "Северной" = северный, "Republican")?  Capitalised common words are
 * parts of translated names, not names to transliterate. */
static int dictionary_word(sv_qa *q, sv_lang lang, const char *text, size_t len)
{
    if (!q->lx)
        return 0;
    uint32_t *ids = NULL;
    size_t n = 0, cap = 0;
    sv_lexctx_lemmas(q->lx, lang, text, len, &ids, &n, &cap);
    int known = n == 0; /* a stop word: "After", "Very" */
    if (n) {
        if (!q->prep)
            q->prep = sv_lexprep_new();
        sv_lexmask m;
        if (lang == SV_LANG_EN) {
            sv_lexprep_set(q->prep, q->lx, ids, n);
            sv_lexprep_match(q->prep, q->lx, NULL, 0, &m);
            known = m.en_known != 0;
        } else {
            sv_lexprep_set(q->prep, q->lx, NULL, 0);
            sv_lexprep_match(q->prep, q->lx, ids, n, &m);
            known = m.ru_known != 0;
        }
    }
    free(ids);
    return known;
}

/* Does the name (text [s,e) of sentence se, key k) have a counterpart among
 * the words of the other side? */
static int name_found(sv_qa *q, sv_lang lang, const char *text, size_t len, const char *k,
                      const wkeys *other)
{
    int en = lang == SV_LANG_EN;
    for (size_t i = 0; i < other->n; i++)
        if (keys_match(k, other->v[i].key, q->o.name_similarity, en))
            return 1;
    if (q->lx && other->nids) {
        uint32_t *ids = NULL;
        size_t n = 0, cap = 0;
        sv_lexctx_lemmas(q->lx, lang, text, len, &ids, &n, &cap);
        for (size_t a = 0; a < n; a++)
            for (size_t b = 0; b < other->nids; b++)
                if (en ? sv_lexctx_translates(q->lx, ids[a], other->ids[b])
                       : sv_lexctx_translates(q->lx, other->ids[b], ids[a])) {
                    free(ids);
                    return 1;
                }
        free(ids);
    }
    return 0;
}

/* Is an English headline in title case (most words capitalised)? */
static int title_case(const sv_sentence *s)
{
    size_t words = 0, caps = 0, i = 0;
    int in = 0;
    while (i < s->len) {
        long c = next_cp(s->text, s->len, &i);
        int l = letter(c);
        if (l && !in) {
            words++;
            if ((c >= 'A' && c <= 'Z') || (c >= 0x410 && c <= 0x42F))
                caps++;
        }
        in = l || c == '\'';
    }
    return words >= 3 && caps * 10 >= words * 6;
}

/* Appends to f's side the names of sentences [first, first+n) of x that
 * have no counterpart in other. */
static size_t missing_names(sv_qa *q, sidex *x, size_t first, size_t n, const wkeys *other,
                            const docnames *other_doc, sv_qa_side *side)
{
    size_t found = 0;
    for (size_t si = first; si < first + n; si++) {
        const sv_sentence *s = &x->sd->segs->v[si];
        if (s->kind == SV_SEG_BOILERPLATE)
            continue;
        int headline = s->kind == SV_SEG_HEADLINE && x->lang == SV_LANG_EN && title_case(s);
        sv_name *v = NULL;
        size_t nv = 0;
        if (sv_names_extract(q->nm, x->lang, s->text, s->len, &v, &nv) != SV_OK)
            continue;
        for (size_t i = 0; i < nv; i++) {
            const sv_name *nmv = &v[i];
            if (nmv->nwords != 1)
                continue;
            int acr = nmv->kind == SV_NAME_ACRONYM;
            if ((nmv->sentence_initial || headline) && !acr)
                continue;
            size_t kl = strlen(nmv->key);
            if (kl < (acr ? 2u : 3u))
                continue;
            if (!acr && after_opening(s->text, nmv->start))
                continue;
            if ((!acr && dictionary_word(q, x->lang, s->text + nmv->start, nmv->end - nmv->start)) ||
                generic_ru(nmv->key) ||
                is_generic(s->text + nmv->start, nmv->end - nmv->start) ||
                has_digit(s->text + nmv->start, nmv->end - nmv->start) ||
                is_currency_code(s->text + nmv->start, nmv->end - nmv->start))
                continue;
            if (name_found(q, x->lang, s->text + nmv->start, nmv->end - nmv->start, nmv->key, other))
                continue;
            /* named elsewhere in the other version: a paraphrase here ("the
             * head of state" for "Лукашенко"), not a different name */
            if (docnames_has(other_doc, nmv->key, x->lang == SV_LANG_EN))
                continue;
            /* the same name twice in the pair is reported once */
            int dup = 0;
            for (size_t j = 0; j < side->nvalues && !dup; j++)
                dup = strlen(side->values[j]) == nmv->end - nmv->start &&
                      !memcmp(side->values[j], s->text + nmv->start, nmv->end - nmv->start);
            if (dup)
                continue;
            add_value(side, s->text + nmv->start, nmv->end - nmv->start, 1,
                      doc_offset(x, si, nmv->start), doc_offset(x, si, nmv->end));
            found++;
        }
        free(v);
    }
    return found;
}

static void check_names(sv_qa *q, ctx *c, sv_qa_findings *out)
{
    const sv_bitext *b = c->b;
    size_t *sents = xmalloc((4 * (size_t)c->nb + 8) * sizeof *sents);
    wkeys ks = {0}, kt = {0};
    docnames ds, dt;
    docnames_build(q, &c->src, &ds);
    docnames_build(q, &c->tgt, &dt);
    for (size_t li = 0; li < b->nlinks; li++) {
        if (!is_linked(c, li))
            continue;
        const sv_link *l = &b->links[li];
        size_t ns = neighbours(c, li, 0, sents);
        /* a link's own sentences: at most 3 per side */
        for (size_t k = 0; k < l->nsrc; k++)
            sents[ns++] = l->src + k;
        word_keys(q, &c->src, sents, ns, &ks);
        size_t nt = neighbours(c, li, 1, sents);
        for (size_t k = 0; k < l->ntgt; k++)
            sents[nt++] = l->tgt + k;
        word_keys(q, &c->tgt, sents, nt, &kt);
        sv_qa_side s, t;
        memset(&s, 0, sizeof s);
        memset(&t, 0, sizeof t);
        size_t ms = missing_names(q, &c->src, l->src, l->nsrc, &kt, &dt, &s);
        size_t mt = missing_names(q, &c->tgt, l->tgt, l->ntgt, &ks, &ds, &t);
        if (ms + mt == 0) {
            side_free(&s);
            side_free(&t);
            continue;
        }
        sv_qa_finding *f = new_finding(out, SV_QA_NAME_MISMATCH, l->score);
        f->src = s;
        f->tgt = t;
        side_sentences(&c->src, l->src, l->nsrc, &f->src);
        side_sentences(&c->tgt, l->tgt, l->ntgt, &f->tgt);
        sv_buf m = SV_BUF_INIT;
        for (int side = 0; side < 2; side++) {
            sv_qa_side *x = side ? &f->tgt : &f->src;
            if (!x->nvalues)
                continue;
            if (m.len)
                sv_buf_puts(&m, "; ");
            sv_buf_printf(&m, "%s name%s not found in the %s: ", side ? "target" : "source",
                          x->nvalues == 1 ? "" : "s", side ? "source document" : "target document");
            for (size_t i = 0; i < x->nvalues; i++)
                sv_buf_printf(&m, "%s%s", i ? ", " : "", x->values[i]);
        }
        f->message = sv_buf_detach(&m, NULL);
    }
    free(ks.v);
    free(ks.ids);
    free(kt.v);
    free(kt.ids);
    free(sents);
    docnames_free(&ds);
    docnames_free(&dt);
}

/* ---- quotations ---------------------------------------------------------- */

typedef struct {
    sv_buf text;     /* the side's sentences, ' ' inside a paragraph, '\n' between */
    size_t *joff;    /* per sentence: its offset in text */
    sv_quote *q;
    size_t nq;
    signed char *speech; /* per sentence: quotes or reports speech (-1: not computed) */
} qside;

static void quotes_prepare(sidex *x, qside *qs)
{
    memset(qs, 0, sizeof *qs);
    qs->joff = xmalloc((x->nsent + 1) * sizeof *qs->joff);
    qs->speech = xmalloc(x->nsent + 1);
    memset(qs->speech, -1, x->nsent + 1);
    for (size_t i = 0; i < x->nsent; i++) {
        const sv_sentence *s = &x->sd->segs->v[i];
        if (i)
            sv_buf_putc(&qs->text, s->para != x->sd->segs->v[i - 1].para ? '\n' : ' ');
        qs->joff[i] = qs->text.len;
        sv_buf_append(&qs->text, s->text, s->len);
    }
    qs->joff[x->nsent] = qs->text.len;
    sv_quotes_extract(x->lang, qs->text.ptr ? qs->text.ptr : "", qs->text.len, &qs->q, &qs->nq);
}

static void quotes_release(qside *qs)
{
    sv_buf_free(&qs->text);
    free(qs->joff);
    free(qs->q);
    free(qs->speech);
}

/* The sentence holding offset off of the joined text. */
static size_t joined_sent(const qside *qs, size_t nsent, size_t off)
{
    size_t lo = 0, hi = nsent;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (qs->joff[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

static size_t joined_doc_offset(sidex *x, const qside *qs, size_t off)
{
    size_t si = joined_sent(qs, x->nsent, off);
    return doc_offset(x, si, off - qs->joff[si]);
}

/* Does sentence si quote (three words or more) or report speech? */
static int sent_speech(sidex *x, qside *qs, size_t si)
{
    if (qs->speech[si] >= 0)
        return qs->speech[si];
    size_t a = qs->joff[si], b = a + x->sd->segs->v[si].len;
    int r = 0;
    for (size_t i = 0; i < qs->nq && !r; i++)
        if (qs->q[i].start < b && qs->q[i].end > a && qs->q[i].words >= 3)
            r = 1;
    if (!r) {
        const sv_sentence *s = &x->sd->segs->v[si];
        r = sv_quotes_reported(x->lang, s->text, s->len, NULL, NULL);
    }
    qs->speech[si] = (signed char)r;
    return r;
}

static void check_quotes_side(ctx *c, int a_is_tgt, qside *qa, qside *qb, sv_qa_findings *out)
{
    sidex *xa = a_is_tgt ? &c->tgt : &c->src, *xb = a_is_tgt ? &c->src : &c->tgt;
    size_t *nbuf = xmalloc((2 * (size_t)c->nb + 1) * 8 * sizeof *nbuf);
    for (size_t i = 0; i < qa->nq; i++) {
        const sv_quote *q = &qa->q[i];
        if (q->depth != 0 || q->kind != SV_QUOTE_SPEECH)
            continue;
        size_t f = joined_sent(qa, xa->nsent, q->start);
        size_t l = joined_sent(qa, xa->nsent, q->end > q->start ? q->end - 1 : q->start);
        if (xa->sd->segs->v[f].kind == SV_SEG_BOILERPLATE)
            continue;
        /* the other side's counterparts: linked sentences and their unlinked neighbours */
        int linked = 0, speech = 0;
        size_t bfirst = SIZE_MAX, blast = 0;
        double score = -1;
        for (size_t s = f; s <= l && !speech; s++) {
            long li = xa->link[s];
            /* any link, even a weak one: a counterpart only has to exist */
            if (li < 0 || !c->b->links[li].nsrc || !c->b->links[li].ntgt)
                continue;
            const sv_link *lk = &c->b->links[li];
            size_t first = a_is_tgt ? lk->src : lk->tgt, cnt = a_is_tgt ? lk->nsrc : lk->ntgt;
            linked = 1;
            if (lk->score > score)
                score = lk->score;
            if (first < bfirst)
                bfirst = first;
            if (first + cnt - 1 > blast)
                blast = first + cnt - 1;
            for (size_t k = 0; k < cnt && !speech; k++)
                speech = sent_speech(xb, qb, first + k);
            size_t nn = neighbours(c, (size_t)li, !a_is_tgt, nbuf);
            for (size_t k = 0; k < nn && !speech; k++)
                speech = sent_speech(xb, qb, nbuf[k]);
        }
        if (speech)
            continue;
        sv_qa_finding *fd = new_finding(out, SV_QA_QUOTE_MISSING, score);
        sv_qa_side *sa = a_is_tgt ? &fd->tgt : &fd->src, *sb = a_is_tgt ? &fd->src : &fd->tgt;
        size_t qend = q->attr_end > q->end ? q->attr_end : q->end;
        sa->present = 1;
        sa->file = xstrdup(xa->name);
        sa->has_span = 1;
        sa->start = joined_doc_offset(xa, qa, q->start);
        sa->end = joined_doc_offset(xa, qa, qend);
        sa->line = doc_line(xa, sa->start);
        sa->sent_first = f;
        sa->nsent = l - f + 1;
        sa->text = xstrndup(qa->text.ptr + q->start, qend - q->start);
        add_value(sa, qa->text.ptr + q->inner_start, q->inner_end - q->inner_start, 1,
                  joined_doc_offset(xa, qa, q->inner_start), joined_doc_offset(xa, qa, q->inner_end));
        if (linked)
            side_sentences(xb, bfirst, blast - bfirst + 1, sb);
        fd->message = xstrdup(
            linked ? (a_is_tgt ? "quotation in the target; the aligned source sentences neither "
                                 "quote nor report speech"
                               : "quotation in the source; the aligned target sentences neither "
                                 "quote nor report speech")
                   : (a_is_tgt ? "quotation in the target has no aligned counterpart in the source"
                               : "quotation in the source has no aligned counterpart in the target"));
    }
    free(nbuf);
}

/* ---- the bitext ---------------------------------------------------------- */

static int cmp_finding(const void *a, const void *b)
{
    const sv_qa_finding *x = a, *y = b;
    size_t kx = x->src.present ? x->src.start : (x->tgt.present ? x->tgt.start : 0);
    size_t ky = y->src.present ? y->src.start : (y->tgt.present ? y->tgt.start : 0);
    /* order by the source position; findings only in the target go by theirs */
    if (x->src.present != y->src.present)
        return x->src.present ? -1 : 1;
    if (kx != ky)
        return kx < ky ? -1 : 1;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    return 0;
}

sv_status sv_qa_check_bitext(sv_qa *q, const sv_bitext *b, sv_qa_findings *out, sv_diags *diags)
{
    if (!q || !b || !out || !b->src.segs || !b->tgt.segs)
        return SV_ERR_ARG;
    ctx c;
    memset(&c, 0, sizeof c);
    c.b = b;
    c.min_score = q->o.min_score;
    c.nb = q->o.neighbours < 0 ? 0 : (q->o.neighbours > 8 ? 8 : q->o.neighbours);
    sv_status st = side_prepare(q, &b->src, &c.src);
    if (st == SV_OK)
        st = side_prepare(q, &b->tgt, &c.tgt);
    if (st != SV_OK) {
        side_release(&c.src);
        side_release(&c.tgt);
        return st;
    }
    for (size_t li = 0; li < b->nlinks; li++) {
        const sv_link *l = &b->links[li];
        for (size_t k = 0; k < l->nsrc && l->src + k < c.src.nsent; k++)
            c.src.link[l->src + k] = (long)li;
        for (size_t k = 0; k < l->ntgt && l->tgt + k < c.tgt.nsent; k++)
            c.tgt.link[l->tgt + k] = (long)li;
    }
    size_t first = out->n;
    if (q->o.checks & SV_QA_CHECK(SV_QA_NUMBER_MISMATCH))
        check_numbers(&c, q->o.absent_numbers, out);
    if (q->o.checks & SV_QA_CHECK(SV_QA_NAME_MISMATCH))
        check_names(q, &c, out);
    if (q->o.checks & SV_QA_CHECK(SV_QA_QUOTE_MISSING)) {
        qside qs, qt;
        quotes_prepare(&c.src, &qs);
        quotes_prepare(&c.tgt, &qt);
        check_quotes_side(&c, 0, &qs, &qt, out);
        check_quotes_side(&c, 1, &qt, &qs, out);
        quotes_release(&qs);
        quotes_release(&qt);
    }
    if (out->n - first > 1)
        qsort(out->v + first, out->n - first, sizeof *out->v, cmp_finding);
    side_release(&c.src);
    side_release(&c.tgt);
    (void)diags;
    return SV_OK;
}

/* ---- translation memories ------------------------------------------------ */

/* Texts are compared with inline codes removed and white space collapsed. */
static void tm_norm(const char *text, size_t len, sv_buf *tmp, sv_buf *out)
{
    sv_buf_reset(tmp);
    sv_buf_reset(out);
    sv_tmx_text_render(text, len, SV_TMX_RENDER_STRIP, tmp);
    int space = 0;
    for (size_t i = 0; i < tmp->len;) {
        size_t adv;
        long c = sv_utf8_decode(tmp->ptr + i, tmp->len - i, &adv);
        if (c >= 0 && sv_is_space((unsigned long)c)) {
            space = out->len > 0;
        } else {
            if (space)
                sv_buf_putc(out, ' ');
            space = 0;
            sv_buf_append(out, tmp->ptr + i, adv);
        }
        i += adv;
    }
}

#define CONFLICT ((uint64_t)1 << 63)

typedef struct {
    uint64_t a, b;
} h128;

static h128 hash_text(const sv_buf *t, uint64_t salt)
{
    h128 h;
    h.a = sv_hash64(t->ptr ? t->ptr : "", t->len, 0x9E3779B97F4A7C15ull ^ salt);
    h.b = sv_hash64(t->ptr ? t->ptr : "", t->len, 0xC2B2AE3D27D4EB4Full + salt) | 1;
    return h;
}

/* A unit kept for the second pass: the first occurrence of a source or
 * target that has several counterparts. */
typedef struct {
    char *src, *tgt;
    size_t line;
    char *tuid;
} kept;

typedef struct {
    sv_qa *q;
    const char *file;
    int pass;
    size_t index;            /* units seen in this pass */
    sv_keymap *by_src, *by_tgt; /* normalised text -> first unit index + 1 | CONFLICT */
    uint64_t *src_h, *tgt_h; /* per unit: 64-bit hashes of its two texts */
    size_t cap;
    sv_keymap *keptmap;      /* (unit index, side) -> index in keptv + 1 */
    kept *keptv;
    size_t nkept, capkept;
    sv_keymap *emitted;      /* (source, target) pairs reported */
    sv_buf t1, t2, ns, nt;
    sv_qa_findings *out;
} tmctx;

static void tm_side(sv_qa_side *s, const char *file, const char *text, size_t line)
{
    s->present = 1;
    s->file = xstrdup(file);
    s->line = line;
    s->text = xstrdup(text);
}

static void tm_emit(tmctx *t, int by_source, const kept *first, const sv_tu *tu)
{
    sv_qa_finding *f = new_finding(t->out, SV_QA_TM_INCONSISTENCY, -1);
    const char *cur_src = sv_buf_cstr(&t->ns), *cur_tgt = sv_buf_cstr(&t->nt);
    tm_side(&f->src, t->file, cur_src, tu->line);
    tm_side(&f->tgt, t->file, cur_tgt, tu->line);
    sv_buf m = SV_BUF_INIT;
    const char *id1 = first->tuid ? first->tuid : "", *id2 = tu->tuid ? tu->tuid : "";
    if (by_source) {
        add_value(&f->tgt, first->tgt, strlen(first->tgt), 0, 0, 0);
        add_value(&f->tgt, cur_tgt, strlen(cur_tgt), 0, 0, 0);
        sv_buf_printf(&m, "same source translated differently: unit %s%s(line %zu) and unit %s%s(line %zu)",
                      id1, *id1 ? " " : "", first->line, id2, *id2 ? " " : "", tu->line);
    } else {
        add_value(&f->src, first->src, strlen(first->src), 0, 0, 0);
        add_value(&f->src, cur_src, strlen(cur_src), 0, 0, 0);
        sv_buf_printf(&m, "same translation for different sources: unit %s%s(line %zu) and unit %s%s(line %zu)",
                      id1, *id1 ? " " : "", first->line, id2, *id2 ? " " : "", tu->line);
    }
    f->message = sv_buf_detach(&m, NULL);
}

static int tm_unit(void *ctxp, const sv_tu *tu)
{
    tmctx *t = ctxp;
    size_t i = t->index++;
    tm_norm(tu->src, tu->src_len, &t->t1, &t->ns);
    tm_norm(tu->tgt, tu->tgt_len, &t->t2, &t->nt);
    h128 hs = hash_text(&t->ns, 1), ht = hash_text(&t->nt, 2);
    if (t->pass == 0) {
        sv_grow(&t->src_h, &t->cap, i + 1, sizeof *t->src_h);
        t->tgt_h = xreallocarray(t->tgt_h, t->cap, sizeof *t->tgt_h);
        t->src_h[i] = hs.a;
        t->tgt_h[i] = ht.a;
        int created;
        uint64_t *slot = sv_keymap_slot(t->by_src, hs.a, hs.b, i + 1, &created);
        if (!created && t->tgt_h[(*slot & ~CONFLICT) - 1] != ht.a)
            *slot |= CONFLICT;
        slot = sv_keymap_slot(t->by_tgt, ht.a, ht.b, i + 1, &created);
        if (!created && t->src_h[(*slot & ~CONFLICT) - 1] != hs.a)
            *slot |= CONFLICT;
        return 0;
    }
    for (int dir = 0; dir < 2; dir++) {
        h128 h = dir == 0 ? hs : ht;
        uint64_t *slot = sv_keymap_find(dir == 0 ? t->by_src : t->by_tgt, h.a, h.b);
        if (!slot || !(*slot & CONFLICT))
            continue;
        size_t firsti = (size_t)((*slot & ~CONFLICT) - 1);
        if (firsti == i) {
            kept k;
            k.src = xstrdup(sv_buf_cstr(&t->ns));
            k.tgt = xstrdup(sv_buf_cstr(&t->nt));
            k.line = tu->line;
            k.tuid = tu->tuid ? xstrdup(tu->tuid) : NULL;
            SV_PUSH(t->keptv, t->nkept, t->capkept, k);
            *sv_keymap_slot(t->keptmap, (uint64_t)i + 1, (uint64_t)dir + 1, 0, NULL) = t->nkept;
            continue;
        }
        int differs = dir == 0 ? t->tgt_h[firsti] != ht.a : t->src_h[firsti] != hs.a;
        if (!differs)
            continue;
        /* each distinct pair once */
        int created;
        sv_keymap_slot(t->emitted, hs.a ^ (ht.b << 1), ht.a ^ hs.b ^ (uint64_t)dir, 1, &created);
        if (!created)
            continue;
        uint64_t *k = sv_keymap_find(t->keptmap, (uint64_t)firsti + 1, (uint64_t)dir + 1);
        if (k && *k)
            tm_emit(t, dir == 0, &t->keptv[*k - 1], tu);
    }
    return 0;
}

static void tm_init(tmctx *t, sv_qa *q, const char *file, sv_qa_findings *out)
{
    memset(t, 0, sizeof *t);
    t->q = q;
    t->file = file;
    t->out = out;
    t->by_src = sv_keymap_new();
    t->by_tgt = sv_keymap_new();
    t->keptmap = sv_keymap_new();
    t->emitted = sv_keymap_new();
}

static void tm_release(tmctx *t)
{
    sv_keymap_free(t->by_src);
    sv_keymap_free(t->by_tgt);
    sv_keymap_free(t->keptmap);
    sv_keymap_free(t->emitted);
    free(t->src_h);
    free(t->tgt_h);
    for (size_t i = 0; i < t->nkept; i++) {
        free(t->keptv[i].src);
        free(t->keptv[i].tgt);
        free(t->keptv[i].tuid);
    }
    free(t->keptv);
    sv_buf_free(&t->t1);
    sv_buf_free(&t->t2);
    sv_buf_free(&t->ns);
    sv_buf_free(&t->nt);
}

sv_status sv_qa_check_tmx(sv_qa *q, const char *path, sv_qa_findings *out, sv_diags *diags)
{
    if (!q || !path || !out)
        return SV_ERR_ARG;
    if (!strcmp(path, "-")) {
        sv_diags_add(diags, SV_ERROR, NULL, 0, 0, -1,
                     "a TMX file to check must be a file (it is read twice), not standard input");
        return SV_ERR_ARG;
    }
    tmctx t;
    tm_init(&t, q, path, out);
    sv_tmx_read_opts ro;
    sv_tmx_read_opts_init(&ro);
    ro.srclang = q->o.srclang;
    ro.tgtlang = q->o.tgtlang;
    sv_status st = SV_OK;
    for (t.pass = 0; t.pass < 2 && st == SV_OK; t.pass++) {
        sv_tmx_reader *r = NULL;
        st = sv_tmx_reader_open(path, &ro, &r, t.pass == 0 ? diags : NULL);
        t.index = 0;
        while (st == SV_OK) {
            const sv_tu *tu = NULL;
            st = sv_tmx_reader_next(r, &tu, t.pass == 0 ? diags : NULL);
            if (st != SV_OK || !tu)
                break;
            tm_unit(&t, tu);
        }
        sv_tmx_reader_free(r);
    }
    tm_release(&t);
    return st;
}

sv_status sv_qa_check_tm(sv_qa *q, sv_tm *tm, const char *name, sv_qa_findings *out,
                         sv_diags *diags)
{
    if (!q || !tm || !out)
        return SV_ERR_ARG;
    tmctx t;
    tm_init(&t, q, name ? name : "translation memory", out);
    sv_tm_filter f;
    sv_tm_filter_init(&f);
    f.srclang = q->o.srclang;
    f.tgtlang = q->o.tgtlang;
    sv_status st = SV_OK;
    for (t.pass = 0; t.pass < 2 && st == SV_OK; t.pass++) {
        t.index = 0;
        st = sv_tm_each(tm, &f, tm_unit, &t, diags);
    }
    tm_release(&t);
    return st;
}
