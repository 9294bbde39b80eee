/* numbers.c - finds numbers in Russian and English text and normalises
 * them so that the two languages compare: the anchors of the sentence
 * aligner and the number check of `sverka check` are built on it.
 *
 * Two stages.  A tokenizer turns UTF-8 into digit runs (with the
 * language's decimal and grouping rules applied), words (folded to lower
 * case and looked up in a lexicon of number words built once per scanner)
 * and single punctuation marks.  A parser walks the tokens and reads each
 * number: a core (digits or number words), then what sticks to it ("13th",
 * "13-е", "1990s"), what precedes it ("$", "RUB", "minus", "June") and what
 * follows it (scale, currency, "%", "times", "году", a month), and finally
 * an optional second number of a range.  Tokens are produced on demand into
 * a fixed window, so memory does not grow with the text.
 */
#include "numbers.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/mem.h"
#include "../base/utf8.h"

/* ------------------------------------------------------------------ */
/* Lexicon                                                              */

enum lcls {
    L_NONE,
    L_CARD,    /* cardinal number word; place says which */
    L_MULT,    /* multiplies the group before it: "hundred", "dozen" */
    L_SCALE,   /* thousand, million, ...; val = 10^exp */
    L_FULL,    /* a whole number in one word: "полмиллиона" */
    L_ORD,     /* ordinal word */
    L_TIMESW,  /* multiplier in one word: "twice", "вдвое", "tenfold" */
    L_TIMES,   /* "times", "раз", "fold", "кратный" after a number */
    L_PCT,     /* "percent", "процентов" */
    L_PCTADJ,  /* "процентных", "процентный" */
    L_POINT,   /* "points", "пунктов" */
    L_CUR,     /* currency noun */
    L_CURCODE, /* ISO code written in capitals, "Br" */
    L_CURADJ,  /* "Russian", "белорусских", "США", "sterling" */
    L_YEARW,   /* "году", "г" */
    L_MONTH,
    L_APPROX,
    L_MINUS,
    L_TIMEW, /* "am", "pm", "утра", "вечера" */
    L_SUF,   /* what follows "13-" or "13": "th", "е", "го", "s", "летие" */
    L_PREFIX, /* "mid" in "mid-2020": not a code */
    L_WORD    /* a function word the parser needs, told by id */
};

enum wid {
    W_NONE,
    W_A, W_AND, W_OF, W_HALF, W_POL, W_S, W_HALFW, W_V, W_PER, W_CENT,
    W_IZ, W_NI, W_NE, W_KAK, W_I, W_ZA, W_TO, W_DO, W_OR, W_ILI,
    W_BETWEEN, W_MEZHDU, W_PO, W_DET, W_NO, W_ANOTHER, W_MODAL, W_P_EN, W_P_RU,
    W_M, W_AM, W_PM, W_UTRA, W_VECHERA, W_DNYA, W_NOCHI, W_CHAS, W_PERCENTAGE, W_IN, W_SECOND,
    /* L_SUF kinds */
    SUF_EN_ORD, SUF_EN_S, SUF_RU, SUF_LETIE
};

/* places of cardinal and ordinal words */
enum { P_UNIT = 1, P_TEEN, P_TENS, P_HUND, P_SCALEORD };

/* lexicon flags */
enum {
    LF_BARE = 1,      /* scale word that means 1 x scale on its own */
    LF_ABBR = 2,      /* may be followed by a period, not part of the span */
    LF_ADJ = 4,       /* only right after digits: "5k", "$5m" */
    LF_CAPS = 8,      /* must be written in capitals: USD, US, США */
    LF_CAP = 16,      /* must start with a capital: English months, "Br", "No" */
    LF_ONE = 32,      /* "one", "один": skipped as a pronoun */
    LF_GENERIC = 64,  /* generic currency: "$", "рублей" */
    LF_DECADE = 128,  /* Russian suffix that can mark a decade: "1990-х" */
    LF_CURONLY = 256, /* "m": million only after a currency */
    LF_TH = 512,      /* English ordinal suffix */
    LF_GENSG = 1024   /* "тысячи": 1000 alone only after "более", "около" ... */
};

typedef struct {
    uint32_t hash;
    uint32_t off; /* key in the pool; 0 = empty slot */
    uint8_t len;
    uint8_t cls, id, place;
    uint16_t flags;
    char cur[4];
    double val;
} lexent;

typedef struct {
    const char *stem;
    const char *ends; /* "|а|у": stem+"", stem+"а", stem+"у"; NULL: the stem only */
    uint8_t cls, id, place;
    uint16_t flags;
    double val;
    const char *cur;
} lexrow;

#define ADJ_HARD "ый|ая|ое|ые|ого|ому|ым|ом|ой|ую|ых|ыми"
#define ADJ_STRESSED "ой|ая|ое|ые|ого|ому|ым|ом|ую|ых|ыми"
#define ADJ_SK "ий|ого|ому|им|ом|ая|ой|ую|ие|их|ими|ое"
#define SCALE_SG "|а|у|ом|е"
#define SCALE_PL "ы|ов|ам|ами|ах"

static const lexrow lex_rows[] = {
    /* English cardinals */
    {"zero", NULL, L_CARD, 0, P_UNIT, 0, 0, NULL},
    {"one", NULL, L_CARD, 0, P_UNIT, LF_ONE, 1, NULL},
    {"two", NULL, L_CARD, 0, P_UNIT, 0, 2, NULL},
    {"three", NULL, L_CARD, 0, P_UNIT, 0, 3, NULL},
    {"four", NULL, L_CARD, 0, P_UNIT, 0, 4, NULL},
    {"five", NULL, L_CARD, 0, P_UNIT, 0, 5, NULL},
    {"six", NULL, L_CARD, 0, P_UNIT, 0, 6, NULL},
    {"seven", NULL, L_CARD, 0, P_UNIT, 0, 7, NULL},
    {"eight", NULL, L_CARD, 0, P_UNIT, 0, 8, NULL},
    {"nine", NULL, L_CARD, 0, P_UNIT, 0, 9, NULL},
    {"ten", NULL, L_CARD, 0, P_TEEN, 0, 10, NULL},
    {"eleven", NULL, L_CARD, 0, P_TEEN, 0, 11, NULL},
    {"twelve", NULL, L_CARD, 0, P_TEEN, 0, 12, NULL},
    {"thirteen", NULL, L_CARD, 0, P_TEEN, 0, 13, NULL},
    {"fourteen", NULL, L_CARD, 0, P_TEEN, 0, 14, NULL},
    {"fifteen", NULL, L_CARD, 0, P_TEEN, 0, 15, NULL},
    {"sixteen", NULL, L_CARD, 0, P_TEEN, 0, 16, NULL},
    {"seventeen", NULL, L_CARD, 0, P_TEEN, 0, 17, NULL},
    {"eighteen", NULL, L_CARD, 0, P_TEEN, 0, 18, NULL},
    {"nineteen", NULL, L_CARD, 0, P_TEEN, 0, 19, NULL},
    {"twenty", NULL, L_CARD, 0, P_TENS, 0, 20, NULL},
    {"thirty", NULL, L_CARD, 0, P_TENS, 0, 30, NULL},
    {"forty", NULL, L_CARD, 0, P_TENS, 0, 40, NULL},
    {"fifty", NULL, L_CARD, 0, P_TENS, 0, 50, NULL},
    {"sixty", NULL, L_CARD, 0, P_TENS, 0, 60, NULL},
    {"seventy", NULL, L_CARD, 0, P_TENS, 0, 70, NULL},
    {"eighty", NULL, L_CARD, 0, P_TENS, 0, 80, NULL},
    {"ninety", NULL, L_CARD, 0, P_TENS, 0, 90, NULL},
    {"hundred", NULL, L_MULT, 0, 0, 0, 100, NULL},
    {"dozen", NULL, L_MULT, 0, 0, 0, 12, NULL},
    {"thousand", NULL, L_SCALE, 0, 0, LF_BARE, 1e3, NULL},
    {"million", NULL, L_SCALE, 0, 0, LF_BARE, 1e6, NULL},
    {"billion", NULL, L_SCALE, 0, 0, LF_BARE, 1e9, NULL},
    {"trillion", NULL, L_SCALE, 0, 0, LF_BARE, 1e12, NULL},
    {"bn", NULL, L_SCALE, 0, 0, LF_ABBR, 1e9, NULL},
    {"bln", NULL, L_SCALE, 0, 0, LF_ABBR, 1e9, NULL},
    {"mn", NULL, L_SCALE, 0, 0, LF_ABBR, 1e6, NULL},
    {"mln", NULL, L_SCALE, 0, 0, LF_ABBR, 1e6, NULL},
    {"tn", NULL, L_SCALE, 0, 0, LF_ABBR, 1e12, NULL},
    {"trn", NULL, L_SCALE, 0, 0, LF_ABBR, 1e12, NULL},
    {"k", NULL, L_SCALE, 0, 0, LF_ADJ, 1e3, NULL},
    {"m", NULL, L_SCALE, W_M, 0, LF_ADJ | LF_CURONLY, 1e6, NULL},
    /* English ordinals */
    {"first", NULL, L_ORD, 0, P_UNIT, 0, 1, NULL},
    {"second", NULL, L_ORD, W_SECOND, P_UNIT, 0, 2, NULL},
    {"third", NULL, L_ORD, 0, P_UNIT, 0, 3, NULL},
    {"fourth", NULL, L_ORD, 0, P_UNIT, 0, 4, NULL},
    {"fifth", NULL, L_ORD, 0, P_UNIT, 0, 5, NULL},
    {"sixth", NULL, L_ORD, 0, P_UNIT, 0, 6, NULL},
    {"seventh", NULL, L_ORD, 0, P_UNIT, 0, 7, NULL},
    {"eighth", NULL, L_ORD, 0, P_UNIT, 0, 8, NULL},
    {"ninth", NULL, L_ORD, 0, P_UNIT, 0, 9, NULL},
    {"tenth", NULL, L_ORD, 0, P_TEEN, 0, 10, NULL},
    {"eleventh", NULL, L_ORD, 0, P_TEEN, 0, 11, NULL},
    {"twelfth", NULL, L_ORD, 0, P_TEEN, 0, 12, NULL},
    {"thirteenth", NULL, L_ORD, 0, P_TEEN, 0, 13, NULL},
    {"fourteenth", NULL, L_ORD, 0, P_TEEN, 0, 14, NULL},
    {"fifteenth", NULL, L_ORD, 0, P_TEEN, 0, 15, NULL},
    {"sixteenth", NULL, L_ORD, 0, P_TEEN, 0, 16, NULL},
    {"seventeenth", NULL, L_ORD, 0, P_TEEN, 0, 17, NULL},
    {"eighteenth", NULL, L_ORD, 0, P_TEEN, 0, 18, NULL},
    {"nineteenth", NULL, L_ORD, 0, P_TEEN, 0, 19, NULL},
    {"twentieth", NULL, L_ORD, 0, P_TENS, 0, 20, NULL},
    {"thirtieth", NULL, L_ORD, 0, P_TENS, 0, 30, NULL},
    {"fortieth", NULL, L_ORD, 0, P_TENS, 0, 40, NULL},
    {"fiftieth", NULL, L_ORD, 0, P_TENS, 0, 50, NULL},
    {"sixtieth", NULL, L_ORD, 0, P_TENS, 0, 60, NULL},
    {"seventieth", NULL, L_ORD, 0, P_TENS, 0, 70, NULL},
    {"eightieth", NULL, L_ORD, 0, P_TENS, 0, 80, NULL},
    {"ninetieth", NULL, L_ORD, 0, P_TENS, 0, 90, NULL},
    {"hundredth", NULL, L_ORD, 0, P_SCALEORD, 0, 100, NULL},
    {"thousandth", NULL, L_ORD, 0, P_SCALEORD, 0, 1e3, NULL},
    {"millionth", NULL, L_ORD, 0, P_SCALEORD, 0, 1e6, NULL},
    {"billionth", NULL, L_ORD, 0, P_SCALEORD, 0, 1e9, NULL},
    /* English multipliers, percent */
    {"twice", NULL, L_TIMESW, 0, 0, 0, 2, NULL},
    {"thrice", NULL, L_TIMESW, 0, 0, 0, 3, NULL},
    {"twofold", NULL, L_TIMESW, 0, 0, 0, 2, NULL},
    {"threefold", NULL, L_TIMESW, 0, 0, 0, 3, NULL},
    {"fourfold", NULL, L_TIMESW, 0, 0, 0, 4, NULL},
    {"fivefold", NULL, L_TIMESW, 0, 0, 0, 5, NULL},
    {"sixfold", NULL, L_TIMESW, 0, 0, 0, 6, NULL},
    {"sevenfold", NULL, L_TIMESW, 0, 0, 0, 7, NULL},
    {"eightfold", NULL, L_TIMESW, 0, 0, 0, 8, NULL},
    {"ninefold", NULL, L_TIMESW, 0, 0, 0, 9, NULL},
    {"tenfold", NULL, L_TIMESW, 0, 0, 0, 10, NULL},
    {"hundredfold", NULL, L_TIMESW, 0, 0, 0, 100, NULL},
    {"thousandfold", NULL, L_TIMESW, 0, 0, 0, 1000, NULL},
    {"times", NULL, L_TIMES, 0, 0, 0, 0, NULL},
    {"fold", NULL, L_TIMES, 0, 0, 0, 0, NULL},
    {"percent", NULL, L_PCT, 0, 0, 0, 0, NULL},
    {"pct", NULL, L_PCT, 0, 0, LF_ABBR, 0, NULL},
    {"percentage", NULL, L_WORD, W_PERCENTAGE, 0, 0, 0, NULL},
    {"point", "|s", L_POINT, 0, 0, 0, 0, NULL},
    {"per", NULL, L_WORD, W_PER, 0, 0, 0, NULL},
    {"cent", NULL, L_WORD, W_CENT, 0, 0, 0, NULL},
    /* English currencies */
    {"dollar", "|s", L_CUR, 0, 0, LF_GENERIC, 0, "USD"},
    {"euro", "|s", L_CUR, 0, 0, 0, 0, "EUR"},
    {"pounds", NULL, L_CUR, 0, 0, LF_GENERIC, 0, "GBP"}, /* "a 550 pound hog": weight */
    {"ruble", "|s", L_CUR, 0, 0, LF_GENERIC, 0, "RUB"},
    {"rouble", "|s", L_CUR, 0, 0, LF_GENERIC, 0, "RUB"},
    {"yuan", NULL, L_CUR, 0, 0, 0, 0, "CNY"},
    {"renminbi", NULL, L_CUR, 0, 0, 0, 0, "CNY"},
    {"yen", NULL, L_CUR, 0, 0, 0, 0, "JPY"},
    {"hryvnia", "|s", L_CUR, 0, 0, 0, 0, "UAH"},
    {"hryvnias", NULL, L_CUR, 0, 0, 0, 0, "UAH"},
    {"tenge", NULL, L_CUR, 0, 0, 0, 0, "KZT"},
    {"franc", "|s", L_CUR, 0, 0, LF_GENERIC, 0, "CHF"},
    {"rupee", "|s", L_CUR, 0, 0, LF_GENERIC, 0, "INR"},
    {"usd", NULL, L_CURCODE, 0, 0, LF_CAPS, 0, "USD"},
    {"eur", NULL, L_CURCODE, 0, 0, LF_CAPS, 0, "EUR"},
    {"rub", NULL, L_CURCODE, 0, 0, LF_CAPS, 0, "RUB"},
    {"rur", NULL, L_CURCODE, 0, 0, LF_CAPS, 0, "RUB"},
    {"byn", NULL, L_CURCODE, 0, 0, LF_CAPS, 0, "BYN"},
    {"byr", NULL, L_CURCODE, 0, 0, LF_CAPS, 0, "BYN"},
    {"gbp", NULL, L_CURCODE, 0, 0, LF_CAPS, 0, "GBP"},
    {"cny", NULL, L_CURCODE, 0, 0, LF_CAPS, 0, "CNY"},
    {"rmb", NULL, L_CURCODE, 0, 0, LF_CAPS, 0, "CNY"},
    {"jpy", NULL, L_CURCODE, 0, 0, LF_CAPS, 0, "JPY"},
    {"uah", NULL, L_CURCODE, 0, 0, LF_CAPS, 0, "UAH"},
    {"kzt", NULL, L_CURCODE, 0, 0, LF_CAPS, 0, "KZT"},
    {"chf", NULL, L_CURCODE, 0, 0, LF_CAPS, 0, "CHF"},
    {"cad", NULL, L_CURCODE, 0, 0, LF_CAPS, 0, "CAD"},
    {"aud", NULL, L_CURCODE, 0, 0, LF_CAPS, 0, "AUD"},
    {"inr", NULL, L_CURCODE, 0, 0, LF_CAPS, 0, "INR"},
    {"pln", NULL, L_CURCODE, 0, 0, LF_CAPS, 0, "PLN"},
    {"br", NULL, L_CURCODE, 0, 0, LF_CAP, 0, "BYN"},
    {"us", NULL, L_CURADJ, 0, 0, LF_CAPS, 0, "USD"},
    {"american", NULL, L_CURADJ, 0, 0, 0, 0, "USD"},
    {"canadian", NULL, L_CURADJ, 0, 0, 0, 0, "CAD"},
    {"australian", NULL, L_CURADJ, 0, 0, 0, 0, "AUD"},
    {"russian", NULL, L_CURADJ, 0, 0, 0, 0, "RUB"},
    {"belarusian", NULL, L_CURADJ, 0, 0, 0, 0, "BYN"},
    {"belarussian", NULL, L_CURADJ, 0, 0, 0, 0, "BYN"},
    {"belorussian", NULL, L_CURADJ, 0, 0, 0, 0, "BYN"},
    {"swiss", NULL, L_CURADJ, 0, 0, 0, 0, "CHF"},
    {"sterling", NULL, L_CURADJ, 0, 0, 0, 0, "GBP"},
    /* English months */
    {"january", NULL, L_MONTH, 0, 0, LF_CAP, 1, NULL},
    {"february", NULL, L_MONTH, 0, 0, LF_CAP, 2, NULL},
    {"march", NULL, L_MONTH, 0, 0, LF_CAP, 3, NULL},
    {"april", NULL, L_MONTH, 0, 0, LF_CAP, 4, NULL},
    {"may", NULL, L_MONTH, 0, 0, LF_CAP, 5, NULL},
    {"june", NULL, L_MONTH, 0, 0, LF_CAP, 6, NULL},
    {"july", NULL, L_MONTH, 0, 0, LF_CAP, 7, NULL},
    {"august", NULL, L_MONTH, 0, 0, LF_CAP, 8, NULL},
    {"september", NULL, L_MONTH, 0, 0, LF_CAP, 9, NULL},
    {"october", NULL, L_MONTH, 0, 0, LF_CAP, 10, NULL},
    {"november", NULL, L_MONTH, 0, 0, LF_CAP, 11, NULL},
    {"december", NULL, L_MONTH, 0, 0, LF_CAP, 12, NULL},
    {"jan", NULL, L_MONTH, 0, 0, LF_CAP | LF_ABBR, 1, NULL},
    {"feb", NULL, L_MONTH, 0, 0, LF_CAP | LF_ABBR, 2, NULL},
    {"mar", NULL, L_MONTH, 0, 0, LF_CAP | LF_ABBR, 3, NULL},
    {"apr", NULL, L_MONTH, 0, 0, LF_CAP | LF_ABBR, 4, NULL},
    {"jun", NULL, L_MONTH, 0, 0, LF_CAP | LF_ABBR, 6, NULL},
    {"jul", NULL, L_MONTH, 0, 0, LF_CAP | LF_ABBR, 7, NULL},
    {"aug", NULL, L_MONTH, 0, 0, LF_CAP | LF_ABBR, 8, NULL},
    {"sep", "|t", L_MONTH, 0, 0, LF_CAP | LF_ABBR, 9, NULL},
    {"oct", NULL, L_MONTH, 0, 0, LF_CAP | LF_ABBR, 10, NULL},
    {"nov", NULL, L_MONTH, 0, 0, LF_CAP | LF_ABBR, 11, NULL},
    {"dec", NULL, L_MONTH, 0, 0, LF_CAP | LF_ABBR, 12, NULL},
    /* English context words */
    {"about", NULL, L_APPROX, 0, 0, 0, 0, NULL},
    {"around", NULL, L_APPROX, 0, 0, 0, 0, NULL},
    {"almost", NULL, L_APPROX, 0, 0, 0, 0, NULL},
    {"nearly", NULL, L_APPROX, 0, 0, 0, 0, NULL},
    {"approximately", NULL, L_APPROX, 0, 0, 0, 0, NULL},
    {"roughly", NULL, L_APPROX, 0, 0, 0, 0, NULL},
    {"some", NULL, L_APPROX, 0, 0, 0, 0, NULL},
    {"over", NULL, L_APPROX, 0, 0, 0, 0, NULL},
    {"under", NULL, L_APPROX, 0, 0, 0, 0, NULL},
    {"than", NULL, L_APPROX, 0, 0, 0, 0, NULL},
    {"upwards", NULL, L_APPROX, 0, 0, 0, 0, NULL},
    {"estimated", NULL, L_APPROX, 0, 0, 0, 0, NULL},
    {"least", NULL, L_APPROX, 0, 0, 0, 0, NULL},
    {"circa", NULL, L_APPROX, 0, 0, 0, 0, NULL},
    {"minus", NULL, L_MINUS, 0, 0, 0, 0, NULL},
    {"am", NULL, L_TIMEW, W_AM, 0, 0, 0, NULL},
    {"pm", NULL, L_TIMEW, W_PM, 0, 0, 0, NULL},
    {"st", NULL, L_SUF, SUF_EN_ORD, 0, LF_TH, 0, NULL},
    {"nd", NULL, L_SUF, SUF_EN_ORD, 0, LF_TH, 0, NULL},
    {"rd", NULL, L_SUF, SUF_EN_ORD, 0, LF_TH, 0, NULL},
    {"th", NULL, L_SUF, SUF_EN_ORD, 0, LF_TH, 0, NULL},
    {"s", NULL, L_SUF, SUF_EN_S, 0, 0, 0, NULL},
    {"mid", NULL, L_PREFIX, 0, 0, 0, 0, NULL},
    {"pre", NULL, L_PREFIX, 0, 0, 0, 0, NULL},
    {"post", NULL, L_PREFIX, 0, 0, 0, 0, NULL},
    {"late", NULL, L_PREFIX, 0, 0, 0, 0, NULL},
    {"early", NULL, L_PREFIX, 0, 0, 0, 0, NULL},
    {"a", NULL, L_WORD, W_A, 0, 0, 0, NULL},
    {"an", NULL, L_WORD, W_A, 0, 0, 0, NULL},
    {"p", NULL, L_WORD, W_P_EN, 0, 0, 0, NULL},
    {"and", NULL, L_WORD, W_AND, 0, 0, 0, NULL},
    {"of", NULL, L_WORD, W_OF, 0, 0, 0, NULL},
    {"half", NULL, L_WORD, W_HALF, 0, 0, 0, NULL},
    {"to", NULL, L_WORD, W_TO, 0, 0, 0, NULL},
    {"or", NULL, L_WORD, W_OR, 0, 0, 0, NULL},
    {"between", NULL, L_WORD, W_BETWEEN, 0, 0, 0, NULL},
    {"another", NULL, L_WORD, W_ANOTHER, 0, 0, 0, NULL},
    {"no", NULL, L_WORD, W_NO, 0, 0, 0, NULL},
    {"the", NULL, L_WORD, W_DET, 0, 0, 0, NULL},
    {"this", NULL, L_WORD, W_DET, 0, 0, 0, NULL},
    {"that", NULL, L_WORD, W_DET, 0, 0, 0, NULL},
    {"each", NULL, L_WORD, W_DET, 0, 0, 0, NULL},
    {"every", NULL, L_WORD, W_DET, 0, 0, 0, NULL},
    {"any", NULL, L_WORD, W_DET, 0, 0, 0, NULL},
    {"which", NULL, L_WORD, W_DET, 0, 0, 0, NULL},
    {"can", NULL, L_WORD, W_MODAL, 0, 0, 0, NULL},
    {"could", NULL, L_WORD, W_MODAL, 0, 0, 0, NULL},
    {"must", NULL, L_WORD, W_MODAL, 0, 0, 0, NULL},
    {"should", NULL, L_WORD, W_MODAL, 0, 0, 0, NULL},
    {"would", NULL, L_WORD, W_MODAL, 0, 0, 0, NULL},
    {"might", NULL, L_WORD, W_MODAL, 0, 0, 0, NULL},
    {"will", NULL, L_WORD, W_MODAL, 0, 0, 0, NULL},
    {"shall", NULL, L_WORD, W_MODAL, 0, 0, 0, NULL},
    {"in", NULL, L_WORD, W_IN, 0, 0, 0, NULL},
    {"since", NULL, L_WORD, W_IN, 0, 0, 0, NULL},
    {"by", NULL, L_WORD, W_IN, 0, 0, 0, NULL},
    {"until", NULL, L_WORD, W_IN, 0, 0, 0, NULL},
    {"from", NULL, L_WORD, W_IN, 0, 0, 0, NULL},
    {"year", NULL, L_WORD, W_IN, 0, 0, 0, NULL},

    /* Russian cardinals, every case form */
    {"ноль", NULL, L_CARD, 0, P_UNIT, 0, 0, NULL},
    {"нуль", NULL, L_CARD, 0, P_UNIT, 0, 0, NULL},
    {"од", "ин|на|но|ного|ной|ному|ним|ном|ну|ною", L_CARD, 0, P_UNIT, LF_ONE, 1, NULL},
    {"дв", "а|е|ух|ум|умя", L_CARD, 0, P_UNIT, 0, 2, NULL},
    {"тр", "и|ех|ем|емя", L_CARD, 0, P_UNIT, 0, 3, NULL},
    {"четыр", "е|ех|ем|ьмя", L_CARD, 0, P_UNIT, 0, 4, NULL},
    {"пят", "ь|и|ью", L_CARD, 0, P_UNIT, 0, 5, NULL},
    {"шест", "ь|и|ью", L_CARD, 0, P_UNIT, 0, 6, NULL},
    {"сем", "ь|и", L_CARD, 0, P_UNIT, 0, 7, NULL}, /* not "семью": "family" */
    {"вос", "емь|ьми|ьмью|емью", L_CARD, 0, P_UNIT, 0, 8, NULL},
    {"девят", "ь|и|ью", L_CARD, 0, P_UNIT, 0, 9, NULL},
    {"полтор", "а|ы", L_CARD, 0, P_UNIT, 0, 1.5, NULL},
    {"полутора", NULL, L_CARD, 0, P_UNIT, 0, 1.5, NULL},
    {"двое", NULL, L_CARD, 0, P_UNIT, 0, 2, NULL},
    {"двоих", "|м|ми", L_CARD, 0, P_UNIT, 0, 2, NULL},
    {"трое", NULL, L_CARD, 0, P_UNIT, 0, 3, NULL},
    {"троих", "|м|ми", L_CARD, 0, P_UNIT, 0, 3, NULL},
    {"четвер", "о|ых", L_CARD, 0, P_UNIT, 0, 4, NULL},
    {"пятер", "о|ых", L_CARD, 0, P_UNIT, 0, 5, NULL},
    {"шестер", "о|ых", L_CARD, 0, P_UNIT, 0, 6, NULL},
    {"семер", "о|ых", L_CARD, 0, P_UNIT, 0, 7, NULL},
    {"десят", "ь|и|ью", L_CARD, 0, P_TEEN, 0, 10, NULL},
    {"одиннадцат", "ь|и|ью", L_CARD, 0, P_TEEN, 0, 11, NULL},
    {"двенадцат", "ь|и|ью", L_CARD, 0, P_TEEN, 0, 12, NULL},
    {"тринадцат", "ь|и|ью", L_CARD, 0, P_TEEN, 0, 13, NULL},
    {"четырнадцат", "ь|и|ью", L_CARD, 0, P_TEEN, 0, 14, NULL},
    {"пятнадцат", "ь|и|ью", L_CARD, 0, P_TEEN, 0, 15, NULL},
    {"шестнадцат", "ь|и|ью", L_CARD, 0, P_TEEN, 0, 16, NULL},
    {"семнадцат", "ь|и|ью", L_CARD, 0, P_TEEN, 0, 17, NULL},
    {"восемнадцат", "ь|и|ью", L_CARD, 0, P_TEEN, 0, 18, NULL},
    {"девятнадцат", "ь|и|ью", L_CARD, 0, P_TEEN, 0, 19, NULL},
    {"двадцат", "ь|и|ью", L_CARD, 0, P_TENS, 0, 20, NULL},
    {"тридцат", "ь|и|ью", L_CARD, 0, P_TENS, 0, 30, NULL},
    {"сорок", "|а", L_CARD, 0, P_TENS, 0, 40, NULL},
    {"пят", "ьдесят|идесяти|ьюдесятью", L_CARD, 0, P_TENS, 0, 50, NULL},
    {"шест", "ьдесят|идесяти|ьюдесятью", L_CARD, 0, P_TENS, 0, 60, NULL},
    {"сем", "ьдесят|идесяти|ьюдесятью", L_CARD, 0, P_TENS, 0, 70, NULL},
    {"вос", "емьдесят|ьмидесяти|емьюдесятью|ьмьюдесятью", L_CARD, 0, P_TENS, 0, 80, NULL},
    {"девяност", "о|а", L_CARD, 0, P_TENS, 0, 90, NULL},
    {"ст", "о|а", L_CARD, 0, P_HUND, 0, 100, NULL},
    {"полтораста", NULL, L_CARD, 0, P_HUND, 0, 150, NULL},
    {"полутораста", NULL, L_CARD, 0, P_HUND, 0, 150, NULL},
    {"двести", NULL, L_CARD, 0, P_HUND, 0, 200, NULL},
    {"дв", "ухсот|умстам|умястами|ухстах", L_CARD, 0, P_HUND, 0, 200, NULL},
    {"триста", NULL, L_CARD, 0, P_HUND, 0, 300, NULL},
    {"тр", "ехсот|емстам|емястами|ехстах", L_CARD, 0, P_HUND, 0, 300, NULL},
    {"четыреста", NULL, L_CARD, 0, P_HUND, 0, 400, NULL},
    {"четыр", "ехсот|емстам|ьмястами|ехстах", L_CARD, 0, P_HUND, 0, 400, NULL},
    {"пят", "ьсот|исот|истам|ьюстами|истах", L_CARD, 0, P_HUND, 0, 500, NULL},
    {"шест", "ьсот|исот|истам|ьюстами|истах", L_CARD, 0, P_HUND, 0, 600, NULL},
    {"сем", "ьсот|исот|истам|ьюстами|истах", L_CARD, 0, P_HUND, 0, 700, NULL},
    {"вос", "емьсот|ьмисот|ьмистам|емьюстами|ьмьюстами|ьмистах", L_CARD, 0, P_HUND, 0, 800, NULL},
    {"девят", "ьсот|исот|истам|ьюстами|истах", L_CARD, 0, P_HUND, 0, 900, NULL},
    {"дюжин", "а|ы|у|ой", L_MULT, 0, 0, 0, 12, NULL},
    /* Russian scales: the singular forms also stand alone ("к миллиарду") */
    {"тысяч", "а|е|у|ей|ью", L_SCALE, 0, 0, LF_BARE, 1e3, NULL},
    {"тысячи", NULL, L_SCALE, 0, 0, LF_GENSG, 1e3, NULL}, /* also "thousands" */
    {"тысяч", "|ам|ами|ах", L_SCALE, 0, 0, 0, 1e3, NULL},
    {"тыс", NULL, L_SCALE, 0, 0, LF_ABBR, 1e3, NULL},
    {"миллион", SCALE_SG, L_SCALE, 0, 0, LF_BARE, 1e6, NULL},
    {"миллион", SCALE_PL, L_SCALE, 0, 0, 0, 1e6, NULL},
    {"млн", NULL, L_SCALE, 0, 0, LF_ABBR, 1e6, NULL},
    {"миллиард", SCALE_SG, L_SCALE, 0, 0, LF_BARE, 1e9, NULL},
    {"миллиард", SCALE_PL, L_SCALE, 0, 0, 0, 1e9, NULL},
    {"млрд", NULL, L_SCALE, 0, 0, LF_ABBR, 1e9, NULL},
    {"триллион", SCALE_SG, L_SCALE, 0, 0, LF_BARE, 1e12, NULL},
    {"триллион", SCALE_PL, L_SCALE, 0, 0, 0, 1e12, NULL},
    {"трлн", NULL, L_SCALE, 0, 0, LF_ABBR, 1e12, NULL},
    {"полтысячи", NULL, L_FULL, 0, 0, 0, 500, NULL},
    {"полутысяч", "и|е|ей", L_FULL, 0, 0, 0, 500, NULL},
    {"полмиллиона", NULL, L_FULL, 0, 0, 0, 5e5, NULL},
    {"полумиллион", "а|у|ом|е", L_FULL, 0, 0, 0, 5e5, NULL},
    {"полмиллиарда", NULL, L_FULL, 0, 0, 0, 5e8, NULL},
    {"полумиллиард", "а|у|ом|е", L_FULL, 0, 0, 0, 5e8, NULL},
    {"полтриллиона", NULL, L_FULL, 0, 0, 0, 5e11, NULL},
    {"полутриллион", "а|у|ом|е", L_FULL, 0, 0, 0, 5e11, NULL},
    /* Russian ordinals */
    {"перв", ADJ_HARD, L_ORD, 0, P_UNIT, 0, 1, NULL},
    {"втор", ADJ_STRESSED, L_ORD, 0, P_UNIT, 0, 2, NULL},
    {"трет", "ий|ья|ье|ьи|ьего|ьему|ьим|ьем|ьей|ью|ьих|ьими", L_ORD, 0, P_UNIT, 0, 3, NULL},
    {"четверт", ADJ_HARD, L_ORD, 0, P_UNIT, 0, 4, NULL},
    {"пят", ADJ_HARD, L_ORD, 0, P_UNIT, 0, 5, NULL},
    {"шест", ADJ_STRESSED, L_ORD, 0, P_UNIT, 0, 6, NULL},
    {"седьм", ADJ_STRESSED, L_ORD, 0, P_UNIT, 0, 7, NULL},
    {"восьм", ADJ_STRESSED, L_ORD, 0, P_UNIT, 0, 8, NULL},
    {"девят", ADJ_HARD, L_ORD, 0, P_UNIT, 0, 9, NULL},
    {"десят", ADJ_HARD, L_ORD, 0, P_TEEN, 0, 10, NULL},
    {"одиннадцат", ADJ_HARD, L_ORD, 0, P_TEEN, 0, 11, NULL},
    {"двенадцат", ADJ_HARD, L_ORD, 0, P_TEEN, 0, 12, NULL},
    {"тринадцат", ADJ_HARD, L_ORD, 0, P_TEEN, 0, 13, NULL},
    {"четырнадцат", ADJ_HARD, L_ORD, 0, P_TEEN, 0, 14, NULL},
    {"пятнадцат", ADJ_HARD, L_ORD, 0, P_TEEN, 0, 15, NULL},
    {"шестнадцат", ADJ_HARD, L_ORD, 0, P_TEEN, 0, 16, NULL},
    {"семнадцат", ADJ_HARD, L_ORD, 0, P_TEEN, 0, 17, NULL},
    {"восемнадцат", ADJ_HARD, L_ORD, 0, P_TEEN, 0, 18, NULL},
    {"девятнадцат", ADJ_HARD, L_ORD, 0, P_TEEN, 0, 19, NULL},
    {"двадцат", ADJ_HARD, L_ORD, 0, P_TENS, 0, 20, NULL},
    {"тридцат", ADJ_HARD, L_ORD, 0, P_TENS, 0, 30, NULL},
    {"сороков", ADJ_STRESSED, L_ORD, 0, P_TENS, 0, 40, NULL},
    {"пятидесят", ADJ_HARD, L_ORD, 0, P_TENS, 0, 50, NULL},
    {"шестидесят", ADJ_HARD, L_ORD, 0, P_TENS, 0, 60, NULL},
    {"семидесят", ADJ_HARD, L_ORD, 0, P_TENS, 0, 70, NULL},
    {"восьмидесят", ADJ_HARD, L_ORD, 0, P_TENS, 0, 80, NULL},
    {"девяност", ADJ_HARD, L_ORD, 0, P_TENS, 0, 90, NULL},
    {"сот", ADJ_HARD, L_ORD, 0, P_HUND, 0, 100, NULL},
    {"двухсот", ADJ_HARD, L_ORD, 0, P_HUND, 0, 200, NULL},
    {"трехсот", ADJ_HARD, L_ORD, 0, P_HUND, 0, 300, NULL},
    {"четырехсот", ADJ_HARD, L_ORD, 0, P_HUND, 0, 400, NULL},
    {"пятисот", ADJ_HARD, L_ORD, 0, P_HUND, 0, 500, NULL},
    {"шестисот", ADJ_HARD, L_ORD, 0, P_HUND, 0, 600, NULL},
    {"семисот", ADJ_HARD, L_ORD, 0, P_HUND, 0, 700, NULL},
    {"восьмисот", ADJ_HARD, L_ORD, 0, P_HUND, 0, 800, NULL},
    {"девятисот", ADJ_HARD, L_ORD, 0, P_HUND, 0, 900, NULL},
    {"тысячн", ADJ_HARD, L_ORD, 0, P_SCALEORD, 0, 1e3, NULL},
    {"миллионн", ADJ_HARD, L_ORD, 0, P_SCALEORD, 0, 1e6, NULL},
    {"миллиардн", ADJ_HARD, L_ORD, 0, P_SCALEORD, 0, 1e9, NULL},
    /* Russian multipliers */
    {"дважды", NULL, L_TIMESW, 0, 0, 0, 2, NULL},
    {"трижды", NULL, L_TIMESW, 0, 0, 0, 3, NULL},
    {"четырежды", NULL, L_TIMESW, 0, 0, 0, 4, NULL},
    {"вдвое", NULL, L_TIMESW, 0, 0, 0, 2, NULL},
    {"втрое", NULL, L_TIMESW, 0, 0, 0, 3, NULL},
    {"вчетверо", NULL, L_TIMESW, 0, 0, 0, 4, NULL},
    {"впятеро", NULL, L_TIMESW, 0, 0, 0, 5, NULL},
    {"вшестеро", NULL, L_TIMESW, 0, 0, 0, 6, NULL},
    {"всемеро", NULL, L_TIMESW, 0, 0, 0, 7, NULL},
    {"ввосьмеро", NULL, L_TIMESW, 0, 0, 0, 8, NULL},
    {"вдевятеро", NULL, L_TIMESW, 0, 0, 0, 9, NULL},
    {"вдесятеро", NULL, L_TIMESW, 0, 0, 0, 10, NULL},
    {"двукратн", ADJ_HARD "|о", L_TIMESW, 0, 0, 0, 2, NULL},
    {"двухкратн", ADJ_HARD "|о", L_TIMESW, 0, 0, 0, 2, NULL},
    {"полуторакратн", ADJ_HARD "|о", L_TIMESW, 0, 0, 0, 1.5, NULL},
    {"трехкратн", ADJ_HARD "|о", L_TIMESW, 0, 0, 0, 3, NULL},
    {"четырехкратн", ADJ_HARD "|о", L_TIMESW, 0, 0, 0, 4, NULL},
    {"пятикратн", ADJ_HARD "|о", L_TIMESW, 0, 0, 0, 5, NULL},
    {"шестикратн", ADJ_HARD "|о", L_TIMESW, 0, 0, 0, 6, NULL},
    {"семикратн", ADJ_HARD "|о", L_TIMESW, 0, 0, 0, 7, NULL},
    {"восьмикратн", ADJ_HARD "|о", L_TIMESW, 0, 0, 0, 8, NULL},
    {"девятикратн", ADJ_HARD "|о", L_TIMESW, 0, 0, 0, 9, NULL},
    {"десятикратн", ADJ_HARD "|о", L_TIMESW, 0, 0, 0, 10, NULL},
    {"стократн", ADJ_HARD "|о", L_TIMESW, 0, 0, 0, 100, NULL},
    {"кратн", ADJ_HARD "|о", L_TIMES, 0, 0, 0, 0, NULL},
    {"раз", "|а", L_TIMES, 0, 0, 0, 0, NULL},
    /* Russian percent */
    {"процент", "|а|у|ом|е|ы|ов|ам|ами|ах", L_PCT, 0, 0, 0, 0, NULL},
    {"процентн", ADJ_HARD, L_PCTADJ, 0, 0, 0, 0, NULL},
    {"пункт", "|а|у|ом|е|ы|ов|ам|ами|ах", L_POINT, 0, 0, 0, 0, NULL},
    /* Russian currencies */
    {"доллар", "|а|у|ом|е|ы|ов|ам|ами|ах", L_CUR, 0, 0, LF_GENERIC, 0, "USD"},
    {"долл", NULL, L_CUR, 0, 0, LF_GENERIC | LF_ABBR, 0, "USD"},
    {"евро", NULL, L_CUR, 0, 0, 0, 0, "EUR"},
    {"рубл", "ь|я|ю|ем|е|и|ей|ям|ями|ях", L_CUR, 0, 0, LF_GENERIC, 0, "RUB"},
    {"руб", NULL, L_CUR, 0, 0, LF_GENERIC | LF_ABBR, 0, "RUB"},
    {"р", NULL, L_CUR, 0, 0, LF_GENERIC | LF_ABBR, 0, "RUB"},
    {"фунт", "|а|у|ом|е|ы|ов|ам|ами|ах", L_CUR, 0, 0, LF_GENERIC, 0, "GBP"},
    {"юан", "ь|я|ю|ем|е|и|ей|ям|ями|ях", L_CUR, 0, 0, 0, 0, "CNY"},
    {"иен", "а|ы|е|у|ой||ам|ами|ах", L_CUR, 0, 0, 0, 0, "JPY"},
    {"йен", "а|ы|е|у|ой|ам|ами|ах", L_CUR, 0, 0, 0, 0, "JPY"},
    {"гривн", "а|ы|е|у|ой|ам|ами|ах", L_CUR, 0, 0, 0, 0, "UAH"},
    {"гривен", NULL, L_CUR, 0, 0, 0, 0, "UAH"},
    {"тенге", NULL, L_CUR, 0, 0, 0, 0, "KZT"},
    {"франк", "|а|у|ом|е|и|ов|ам|ами|ах", L_CUR, 0, 0, LF_GENERIC, 0, "CHF"},
    {"российск", ADJ_SK, L_CURADJ, 0, 0, 0, 0, "RUB"},
    {"рос", NULL, L_CURADJ, 0, 0, LF_ABBR, 0, "RUB"},
    {"белорусск", ADJ_SK, L_CURADJ, 0, 0, 0, 0, "BYN"},
    {"бел", NULL, L_CURADJ, 0, 0, LF_ABBR, 0, "BYN"},
    {"американск", ADJ_SK, L_CURADJ, 0, 0, 0, 0, "USD"},
    {"канадск", ADJ_SK, L_CURADJ, 0, 0, 0, 0, "CAD"},
    {"австралийск", ADJ_SK, L_CURADJ, 0, 0, 0, 0, "AUD"},
    {"швейцарск", ADJ_SK, L_CURADJ, 0, 0, 0, 0, "CHF"},
    {"сша", NULL, L_CURADJ, 0, 0, LF_CAPS, 0, "USD"},
    {"стерлингов", NULL, L_CURADJ, 0, 0, 0, 0, "GBP"},
    /* Russian years and months */
    {"год", "|а|у|ом|е|ы|ов|ам|ами|ах", L_YEARW, 0, 0, 0, 0, NULL},
    {"г", "|г", L_YEARW, 0, 0, LF_ABBR, 0, NULL},
    {"январ", "ь|я|е", L_MONTH, 0, 0, 0, 1, NULL},
    {"феврал", "ь|я|е", L_MONTH, 0, 0, 0, 2, NULL},
    {"март", "|а|е", L_MONTH, 0, 0, 0, 3, NULL},
    {"апрел", "ь|я|е", L_MONTH, 0, 0, 0, 4, NULL},
    {"ма", "й|я|е", L_MONTH, 0, 0, 0, 5, NULL},
    {"июн", "ь|я|е", L_MONTH, 0, 0, 0, 6, NULL},
    {"июл", "ь|я|е", L_MONTH, 0, 0, 0, 7, NULL},
    {"август", "|а|е", L_MONTH, 0, 0, 0, 8, NULL},
    {"сентябр", "ь|я|е", L_MONTH, 0, 0, 0, 9, NULL},
    {"октябр", "ь|я|е", L_MONTH, 0, 0, 0, 10, NULL},
    {"ноябр", "ь|я|е", L_MONTH, 0, 0, 0, 11, NULL},
    {"декабр", "ь|я|е", L_MONTH, 0, 0, 0, 12, NULL},
    {"янв", NULL, L_MONTH, 0, 0, LF_ABBR, 1, NULL},
    {"фев", "|р", L_MONTH, 0, 0, LF_ABBR, 2, NULL},
    {"мар", NULL, L_MONTH, 0, 0, LF_ABBR, 3, NULL},
    {"апр", NULL, L_MONTH, 0, 0, LF_ABBR, 4, NULL},
    {"июн", NULL, L_MONTH, 0, 0, LF_ABBR, 6, NULL},
    {"июл", NULL, L_MONTH, 0, 0, LF_ABBR, 7, NULL},
    {"авг", NULL, L_MONTH, 0, 0, LF_ABBR, 8, NULL},
    {"сен", "|т", L_MONTH, 0, 0, LF_ABBR, 9, NULL},
    {"окт", NULL, L_MONTH, 0, 0, LF_ABBR, 10, NULL},
    {"ноя", "|б", L_MONTH, 0, 0, LF_ABBR, 11, NULL},
    {"дек", NULL, L_MONTH, 0, 0, LF_ABBR, 12, NULL},
    /* Russian context words */
    {"около", NULL, L_APPROX, 0, 0, 0, 0, NULL},
    {"почти", NULL, L_APPROX, 0, 0, 0, 0, NULL},
    {"примерно", NULL, L_APPROX, 0, 0, 0, 0, NULL},
    {"приблизительно", NULL, L_APPROX, 0, 0, 0, 0, NULL},
    {"порядка", NULL, L_APPROX, 0, 0, 0, 0, NULL},
    {"более", NULL, L_APPROX, 0, 0, 0, 0, NULL},
    {"больше", NULL, L_APPROX, 0, 0, 0, 0, NULL},
    {"менее", NULL, L_APPROX, 0, 0, 0, 0, NULL},
    {"меньше", NULL, L_APPROX, 0, 0, 0, 0, NULL},
    {"свыше", NULL, L_APPROX, 0, 0, 0, 0, NULL},
    {"минус", NULL, L_MINUS, 0, 0, 0, 0, NULL},
    {"утра", NULL, L_TIMEW, W_UTRA, 0, 0, 0, NULL},
    {"вечера", NULL, L_TIMEW, W_VECHERA, 0, 0, 0, NULL},
    {"дня", NULL, L_TIMEW, W_DNYA, 0, 0, 0, NULL},
    {"ночи", NULL, L_TIMEW, W_NOCHI, 0, 0, 0, NULL},
    {"час", "|а|ов", L_WORD, W_CHAS, 0, 0, 0, NULL},
    {"е", NULL, L_SUF, SUF_RU, 0, LF_DECADE, 0, NULL},
    {"х", NULL, L_SUF, SUF_RU, 0, LF_DECADE, 0, NULL},
    {"ые", NULL, L_SUF, SUF_RU, 0, LF_DECADE, 0, NULL},
    {"ых", NULL, L_SUF, SUF_RU, 0, LF_DECADE, 0, NULL},
    {"ым", NULL, L_SUF, SUF_RU, 0, LF_DECADE, 0, NULL},
    {"ыми", NULL, L_SUF, SUF_RU, 0, LF_DECADE, 0, NULL},
    {"ми", NULL, L_SUF, SUF_RU, 0, LF_DECADE, 0, NULL},
    {"й", NULL, L_SUF, SUF_RU, 0, 0, 0, NULL},
    {"я", NULL, L_SUF, SUF_RU, 0, 0, 0, NULL},
    {"ю", NULL, L_SUF, SUF_RU, 0, 0, 0, NULL},
    {"м", NULL, L_SUF, SUF_RU, 0, 0, 0, NULL},
    {"го", NULL, L_SUF, SUF_RU, 0, 0, 0, NULL},
    {"му", NULL, L_SUF, SUF_RU, 0, 0, 0, NULL},
    {"ая", NULL, L_SUF, SUF_RU, 0, 0, 0, NULL},
    {"ое", NULL, L_SUF, SUF_RU, 0, 0, 0, NULL},
    {"ой", NULL, L_SUF, SUF_RU, 0, 0, 0, NULL},
    {"ом", NULL, L_SUF, SUF_RU, 0, 0, 0, NULL},
    {"ую", NULL, L_SUF, SUF_RU, 0, 0, 0, NULL},
    {"ий", NULL, L_SUF, SUF_RU, 0, 0, 0, NULL},
    {"ого", NULL, L_SUF, SUF_RU, 0, 0, 0, NULL},
    {"ому", NULL, L_SUF, SUF_RU, 0, 0, 0, NULL},
    {"ья", NULL, L_SUF, SUF_RU, 0, 0, 0, NULL},
    {"ье", NULL, L_SUF, SUF_RU, 0, 0, 0, NULL},
    {"ьи", NULL, L_SUF, SUF_RU, 0, 0, 0, NULL},
    {"его", NULL, L_SUF, SUF_RU, 0, 0, 0, NULL},
    {"ему", NULL, L_SUF, SUF_RU, 0, 0, 0, NULL},
    {"ем", NULL, L_SUF, SUF_RU, 0, 0, 0, NULL},
    {"им", NULL, L_SUF, SUF_RU, 0, 0, 0, NULL},
    {"летие", NULL, L_SUF, SUF_LETIE, 0, 0, 0, NULL},
    {"лети", "я|ю|ем|и", L_SUF, SUF_LETIE, 0, 0, 0, NULL},
    {"пол", NULL, L_WORD, W_POL, 0, 0, 0, NULL},
    {"с", NULL, L_WORD, W_S, 0, 0, 0, NULL},
    {"половиной", NULL, L_WORD, W_HALFW, 0, 0, 0, NULL},
    {"в", "|о", L_WORD, W_V, 0, 0, 0, NULL},
    {"из", NULL, L_WORD, W_IZ, 0, 0, 0, NULL},
    {"ни", NULL, L_WORD, W_NI, 0, 0, 0, NULL},
    {"не", NULL, L_WORD, W_NE, 0, 0, 0, NULL},
    {"как", NULL, L_WORD, W_KAK, 0, 0, 0, NULL},
    {"и", NULL, L_WORD, W_I, 0, 0, 0, NULL},
    {"за", NULL, L_WORD, W_ZA, 0, 0, 0, NULL},
    {"до", NULL, L_WORD, W_DO, 0, 0, 0, NULL},
    {"или", NULL, L_WORD, W_ILI, 0, 0, 0, NULL},
    {"между", NULL, L_WORD, W_MEZHDU, 0, 0, 0, NULL},
    {"по", NULL, L_WORD, W_PO, 0, 0, 0, NULL},
    {"п", NULL, L_WORD, W_P_RU, 0, 0, 0, NULL},
};

#define LEX_MAXKEY 48 /* bytes; longer words are never number words */

static uint32_t fnv1a(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

/* ------------------------------------------------------------------ */
/* Tokens                                                               */

enum { T_END, T_NUM, T_WORD, T_PUNCT };

typedef struct {
    size_t start, end;  /* bytes */
    const lexent *lx;   /* WORD: lexicon entry or NULL */
    uint64_t mant;      /* NUM: digits without separators */
    uint32_t cp;        /* PUNCT: the character */
    uint8_t type;
    uint8_t sp;         /* blank before: 0 none, 1 spaces, 2 a line break */
    uint8_t caps;       /* WORD: 0 lower case, 1 Capitalised, 2 ALL CAPS */
    uint8_t nint;       /* NUM: digits before the decimal separator */
    uint8_t frac;       /* NUM: digits after it */
    uint8_t grouped;    /* NUM: thousands separators were seen */
    uint8_t neg;        /* NUM: minus sign included */
    uint8_t big;        /* NUM: too many digits; ignored */
    uint8_t date;       /* NUM: d.m.y written with periods */
    uint8_t day, month;
    uint16_t year;
} tok;

#define TOK_CAP 2048  /* fixed token window */
#define TOK_SHIFT 1024 /* the main loop slides the window once it gets here */
#define TOK_KEEP 8    /* tokens kept before the current one for look-back */

struct sv_numscan {
    lexent *tab;
    size_t mask;
    char *pool;
    size_t npool;

    tok *tok;
    size_t ntok;
    tok nil; /* returned outside the window and the text */

    const char *s;
    size_t len, pos;
    int eof;
    sv_lang lang;
    uint8_t pend_sp;
    uint8_t last_type; /* type of the token before pos, for the minus sign */
    uint32_t last_cp;
    uint8_t no_space_group; /* the number being read follows another one */

    sv_number *out;
    size_t nout, capout;
};

static const lexent *lex_find(const sv_numscan *sc, const char *key, size_t n, uint32_t h)
{
    for (size_t i = h & sc->mask;; i = (i + 1) & sc->mask) {
        const lexent *e = &sc->tab[i];
        if (!e->off)
            return NULL;
        if (e->hash == h && e->len == n && memcmp(sc->pool + e->off, key, n) == 0)
            return e;
    }
}

static int lex_same(const lexent *a, const lexrow *r)
{
    return a->cls == r->cls && a->id == r->id && a->place == r->place && a->flags == r->flags &&
           a->val == r->val && strcmp(a->cur, r->cur ? r->cur : "") == 0;
}

/* Adds stem+end; returns 0 if the word is already there with another meaning. */
static int lex_add(sv_numscan *sc, const lexrow *r, const char *end, size_t elen)
{
    char key[LEX_MAXKEY];
    size_t sl = strlen(r->stem), n = sl + elen;
    if (n >= LEX_MAXKEY)
        return 0;
    memcpy(key, r->stem, sl);
    memcpy(key + sl, end, elen);
    uint32_t h = fnv1a(key, n);
    const lexent *old = lex_find(sc, key, n, h);
    if (old)
        return lex_same(old, r);
    size_t i = h & sc->mask;
    while (sc->tab[i].off)
        i = (i + 1) & sc->mask;
    lexent *e = &sc->tab[i];
    e->hash = h;
    e->off = (uint32_t)sc->npool;
    e->len = (uint8_t)n;
    e->cls = r->cls;
    e->id = r->id;
    e->place = r->place;
    e->flags = r->flags;
    e->val = r->val;
    if (r->cur)
        memcpy(e->cur, r->cur, 4);
    memcpy(sc->pool + sc->npool, key, n);
    sc->npool += n;
    return 1;
}

sv_status sv_numscan_new(sv_numscan **out, sv_diags *d)
{
    if (!out)
        return SV_ERR_ARG;
    *out = NULL;
    size_t nrows = sizeof lex_rows / sizeof lex_rows[0], pool = 1, nwords = 0;
    for (size_t r = 0; r < nrows; r++) {
        size_t ne = 1, el = 0;
        if (lex_rows[r].ends) {
            for (const char *p = lex_rows[r].ends; *p; p++)
                ne += *p == '|';
            el = strlen(lex_rows[r].ends);
        }
        nwords += ne;
        pool += ne * strlen(lex_rows[r].stem) + el;
    }
    sv_numscan *sc = xcalloc(1, sizeof *sc);
    size_t size = 64;
    while (size < nwords * 3)
        size *= 2;
    sc->tab = xcalloc(size, sizeof *sc->tab);
    sc->mask = size - 1;
    sc->pool = xmalloc(pool);
    sc->npool = 1; /* offset 0 marks an empty slot */
    for (size_t r = 0; r < nrows; r++) {
        const lexrow *row = &lex_rows[r];
        int ok = 1;
        if (!row->ends) {
            ok = lex_add(sc, row, "", 0);
        } else {
            const char *p = row->ends;
            for (;;) {
                const char *bar = strchr(p, '|');
                size_t el = bar ? (size_t)(bar - p) : strlen(p);
                ok &= lex_add(sc, row, p, el);
                if (!bar)
                    break;
                p = bar + 1;
            }
        }
        if (!ok) {
            sv_diags_add(d, SV_ERROR, NULL, 0, 0, -1,
                         "number lexicon: a form of \"%s\" has two meanings", row->stem);
            sv_numscan_free(sc);
            return SV_ERR_INTERNAL;
        }
    }
    sc->tok = xmalloc(TOK_CAP * sizeof *sc->tok);
    sc->nil.type = T_END;
    sc->nil.sp = 2;
    *out = sc;
    return SV_OK;
}

void sv_numscan_free(sv_numscan *sc)
{
    if (!sc)
        return;
    free(sc->tab);
    free(sc->pool);
    free(sc->tok);
    free(sc->out);
    free(sc);
}

/* ------------------------------------------------------------------ */
/* Tokenizer                                                            */

static int is_digit(unsigned char c)
{
    return (unsigned)(c - '0') < 10u;
}

/* Characters that vanish inside a word: soft hyphen, zero-width marks,
 * combining accents (stress marks in Russian). */
static int is_ignorable(long cp)
{
    return cp == 0xAD || (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x200B && cp <= 0x200D) ||
           cp == 0x2060 || cp == 0xFEFF;
}

static int is_letter(long cp)
{
    if (cp < 0x80)
        return ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
    if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7)
        return 0;
    if (cp < 0x2000)
        return !(cp >= 0x2B0 && cp <= 0x36F); /* modifier letters, combining marks */
    if (cp < 0x2C00)
        return 0; /* punctuation, symbols, currency, arrows ... */
    if (cp >= 0x3000 && cp <= 0x303F)
        return 0;
    if (cp >= 0xFE00 && cp <= 0xFFFF)
        return 0; /* variation selectors, fullwidth forms, specials */
    if (cp >= 0x1F000 && cp <= 0x1FAFF)
        return 0; /* emoji */
    return 1;
}

/* 0 not blank, 1 blank, 2 line break */
static int blank_kind(long cp)
{
    if (cp == 0x2028 || cp == 0x2029 || cp == 0x85)
        return 2;
    return (cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
            cp == 0x205F || cp == 0x3000);
}

static void push_tok(sv_numscan *sc, tok *t)
{
    t->sp = sc->pend_sp;
    sc->pend_sp = 0;
    sc->last_type = t->type;
    sc->last_cp = t->cp;
    sc->tok[sc->ntok++] = *t;
}

/* A thousands separator at p followed by exactly three digits and no
 * fourth: returns its byte length, else 0.  sepcp: which separator. */
static size_t group_sep_at(const sv_numscan *sc, size_t p, long *sepcp)
{
    const unsigned char *s = (const unsigned char *)sc->s;
    size_t len = sc->len, n = 0;
    if (p >= len)
        return 0;
    if (s[p] == ',' && sc->lang != SV_LANG_RU) {
        n = 1;
        *sepcp = ',';
    } else if (s[p] == ' ' && !sc->no_space_group) {
        n = 1;
        *sepcp = ' ';
    } else if (s[p] == '.' && sc->lang == SV_LANG_RU) {
        n = 1;
        *sepcp = '.';
    } else if (s[p] == 0xC2 && p + 1 < len && s[p + 1] == 0xA0) {
        n = 2;
        *sepcp = 0xA0;
    } else if (s[p] == 0xE2 && p + 2 < len && s[p + 1] == 0x80 &&
               (s[p + 2] == 0xAF || s[p + 2] == 0x89 || s[p + 2] == 0x87)) {
        n = 3;
        *sepcp = 0x2000 | s[p + 2];
    } else {
        return 0;
    }
    size_t q = p + n;
    if (q + 3 > len || !is_digit(s[q]) || !is_digit(s[q + 1]) || !is_digit(s[q + 2]))
        return 0;
    if (q + 3 < len && is_digit(s[q + 3]))
        return 0;
    return n;
}

static size_t digits_at(const unsigned char *s, size_t p, size_t len)
{
    size_t q = p;
    while (q < len && is_digit(s[q]))
        q++;
    return q - p;
}

static unsigned small_num(const unsigned char *s, size_t n)
{
    unsigned v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (unsigned)(s[i] - '0');
    return v;
}

/* d.m.y at p (1-2 digits, 1-2 digits, 2 or 4 digits); returns its length or 0 */
static size_t dotted_date(sv_numscan *sc, size_t p, tok *t)
{
    const unsigned char *s = (const unsigned char *)sc->s;
    size_t len = sc->len;
    size_t a = digits_at(s, p, len);
    if (a < 1 || a > 2 || p + a >= len || s[p + a] != '.')
        return 0;
    size_t q = p + a + 1, b = digits_at(s, q, len);
    if (b < 1 || b > 2 || q + b >= len || s[q + b] != '.')
        return 0;
    size_t r = q + b + 1, c = digits_at(s, r, len);
    if (c != 2 && c != 4)
        return 0;
    unsigned d = small_num(s + p, a), m = small_num(s + q, b), y = small_num(s + r, c);
    if (d < 1 || d > 31 || m < 1 || m > 12)
        return 0;
    if (c == 2)
        y += y < 70 ? 2000 : 1900;
    t->date = 1;
    t->day = (uint8_t)d;
    t->month = (uint8_t)m;
    t->year = (uint16_t)y;
    return r + c - p;
}

static const double pow10tab[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                  1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                  1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

#define MAX_SIG 17 /* significant digits kept exactly */

static void lex_number(sv_numscan *sc, size_t start, size_t p, int neg)
{
    const unsigned char *s = (const unsigned char *)sc->s;
    size_t len = sc->len;
    tok t;
    memset(&t, 0, sizeof t);
    t.type = T_NUM;
    t.start = start;
    t.neg = (uint8_t)neg;
    size_t dl = dotted_date(sc, p, &t);
    if (dl) {
        t.mant = t.day;
        t.nint = 2;
        t.end = p + dl;
        sc->pos = t.end;
        push_tok(sc, &t);
        return;
    }
    /* "0800 555 111": a space after a number does not group the next one */
    sc->no_space_group = sc->last_type == T_NUM && sc->pend_sp == 1;
    unsigned nsig = 0, nint = 0, nfrac = 0;
    uint64_t mant = 0;
    int big = 0;
#define ACC(ch)                                                   \
    do {                                                          \
        if (nsig < MAX_SIG) {                                     \
            mant = mant * 10 + (uint64_t)((ch) - '0');            \
            if (mant)                                             \
                nsig++;                                           \
        } else {                                                  \
            big = 1;                                              \
        }                                                         \
    } while (0)
    while (p < len && is_digit(s[p])) {
        ACC(s[p]);
        nint++;
        p++;
    }
    if (nint <= 3) {
        long sep = 0, sep1 = 0;
        size_t n;
        int groups = 0;
        while ((n = group_sep_at(sc, p, &sep)) != 0) {
            if (groups && sep != sep1)
                break;
            /* Russian "1.000" alone is a decimal; "1.000.000" is grouped */
            if (!groups && sep == '.' &&
                !(group_sep_at(sc, p + 4, &sep1) && sep1 == '.'))
                break;
            sep1 = sep;
            for (size_t k = 0; k < 3; k++)
                ACC(s[p + n + k]);
            nint += 3;
            p += n + 3;
            groups++;
            t.grouped = 1;
        }
    }
    /* decimal part */
    if (p + 1 < len && is_digit(s[p + 1]) &&
        (s[p] == '.' || (s[p] == ',' && sc->lang == SV_LANG_RU)) &&
        !(t.grouped && s[p] == '.' && sc->lang == SV_LANG_RU)) {
        p++;
        while (p < len && is_digit(s[p])) {
            if (nsig < MAX_SIG && nfrac < 20) {
                ACC(s[p]);
                nfrac++;
            }
            p++;
        }
    }
    /* glued vulgar fractions: 14½ */
    if (!nfrac && p + 1 < len && s[p] == 0xC2 && (s[p + 1] == 0xBC || s[p + 1] == 0xBD || s[p + 1] == 0xBE) &&
        nsig + 2 <= MAX_SIG) {
        unsigned q = s[p + 1] == 0xBC ? 25 : s[p + 1] == 0xBD ? 50 : 75;
        mant = mant * 100 + q;
        nfrac = 2;
        p += 2;
    }
#undef ACC
    t.mant = mant;
    t.nint = (uint8_t)(nint > 255 ? 255 : nint);
    t.frac = (uint8_t)nfrac;
    t.big = (uint8_t)big;
    t.end = p;
    sc->pos = p;
    push_tok(sc, &t);
}

static void lex_word(sv_numscan *sc, size_t p)
{
    const char *s = sc->s;
    size_t len = sc->len;
    char key[LEX_MAXKEY];
    size_t n = 0;
    int fits = 1, nup = 0, nlet = 0, first_up = 0;
    tok t;
    memset(&t, 0, sizeof t);
    t.type = T_WORD;
    t.start = p;
    while (p < len) {
        unsigned char c = (unsigned char)s[p];
        long cp;
        size_t adv = 1;
        if (c < 0x80) {
            cp = c;
        } else {
            cp = sv_utf8_decode(s + p, len - p, &adv);
            if (cp < 0)
                break;
        }
        if (is_ignorable(cp)) {
            p += adv;
            continue;
        }
        if (!is_letter(cp))
            break;
        int up = 0;
        long lc = cp;
        if (cp < 0x80) {
            up = cp <= 'Z';
            lc = cp | 0x20;
        } else if (cp >= 0x410 && cp <= 0x42F) {
            up = 1;
            lc = cp + 0x20;
        } else if (cp >= 0x400 && cp <= 0x40F) {
            up = 1;
            lc = cp + 0x50;
        } else if (cp < 0x430 || cp > 0x45F) {
            fits = 0; /* outside ASCII and basic Cyrillic: no number word */
        }
        if (lc == 0x451)
            lc = 0x435; /* ё -> е */
        if (!nlet)
            first_up = up;
        nlet++;
        nup += up;
        if (fits) {
            if (lc < 0x80) {
                if (n + 1 > LEX_MAXKEY)
                    fits = 0;
                else
                    key[n++] = (char)lc;
            } else {
                if (n + 2 > LEX_MAXKEY)
                    fits = 0;
                else {
                    key[n++] = (char)(0xC0 | (lc >> 6));
                    key[n++] = (char)(0x80 | (lc & 0x3F));
                }
            }
        }
        p += adv;
    }
    t.end = p;
    t.caps = (uint8_t)(nup == nlet && nlet > 1 ? 2 : first_up ? 1 : 0);
    if (fits && n)
        t.lx = lex_find(sc, key, n, fnv1a(key, n));
    sc->pos = p;
    push_tok(sc, &t);
}

/* May a minus sign start here: after a blank, at the start, or after an
 * opening bracket or quote (not in "2020-2023", "COVID-19", "14½-13½")? */
static int minus_ok(const sv_numscan *sc)
{
    if (sc->pend_sp || sc->last_type == T_END)
        return 1;
    if (sc->last_type != T_PUNCT)
        return 0;
    switch (sc->last_cp) {
    case '(': case '[': case '{': case '"': case '\'': case '=': case ':': case ';':
    case 0xAB: case 0x201C: case 0x201E: case 0x2018:
        return 1;
    default:
        return 0;
    }
}

/* Tokenizes until the window is full or the text ends. */
static void tokenize_more(sv_numscan *sc)
{
    const char *s = sc->s;
    size_t len = sc->len;
    while (sc->ntok < TOK_CAP && sc->pos < len) {
        size_t p = sc->pos;
        unsigned char c = (unsigned char)s[p];
        if (c < 0x80) {
            if (c == ' ' || c == '\t') {
                if (!sc->pend_sp)
                    sc->pend_sp = 1;
                sc->pos++;
                continue;
            }
            if (c == '\n' || c == '\r' || c == '\v' || c == '\f') {
                sc->pend_sp = 2;
                sc->pos++;
                continue;
            }
            if (c < 0x20 || c == 0x7F) {
                if (!sc->pend_sp)
                    sc->pend_sp = 1;
                sc->pos++;
                continue;
            }
            if (is_digit(c)) {
                lex_number(sc, p, p, 0);
                continue;
            }
            if (((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {
                lex_word(sc, p);
                continue;
            }
            if (c == '-' && p + 1 < len && is_digit((unsigned char)s[p + 1]) && minus_ok(sc)) {
                lex_number(sc, p, p + 1, 1);
                continue;
            }
            tok t;
            memset(&t, 0, sizeof t);
            t.type = T_PUNCT;
            t.cp = c;
            t.start = p;
            t.end = p + 1;
            sc->pos = p + 1;
            push_tok(sc, &t);
            continue;
        }
        size_t adv;
        long cp = sv_utf8_decode(s + p, len - p, &adv);
        if (cp < 0)
            cp = 0xFFFD;
        int b = blank_kind(cp);
        if (b) {
            if (sc->pend_sp < b)
                sc->pend_sp = (uint8_t)b;
            sc->pos = p + adv;
            continue;
        }
        if (is_ignorable(cp)) {
            sc->pos = p + adv;
            continue;
        }
        if (is_letter(cp)) {
            lex_word(sc, p);
            if (sc->pos == p) /* cannot happen, but never loop */
                sc->pos = p + adv;
            continue;
        }
        if (cp == 0x2212 && p + adv < len && is_digit((unsigned char)s[p + adv]) && minus_ok(sc)) {
            lex_number(sc, p, p + adv, 1);
            continue;
        }
        tok t;
        memset(&t, 0, sizeof t);
        t.type = T_PUNCT;
        t.cp = (uint32_t)cp;
        t.start = p;
        t.end = p + adv;
        sc->pos = p + adv;
        push_tok(sc, &t);
    }
    if (sc->pos >= len)
        sc->eof = 1;
}

/* Token k of the window, or the sentinel past the end of the text (or of
 * the window). */
static const tok *at(sv_numscan *sc, size_t k)
{
    while (k >= sc->ntok && !sc->eof && sc->ntok < TOK_CAP)
        tokenize_more(sc);
    return k < sc->ntok ? &sc->tok[k] : &sc->nil;
}

/* Token d places before k, or the sentinel. */
static const tok *before(sv_numscan *sc, size_t k, size_t d)
{
    return k >= d ? at(sc, k - d) : &sc->nil;
}

/* ------------------------------------------------------------------ */
/* Parser                                                               */

typedef struct {
    size_t s0, s1;   /* tokens of the span: [s0, s1) */
    size_t next;     /* first token after the number */
    double core;     /* words and special kinds: the value before the scale */
    uint64_t mant;   /* digits: the digits, frac of them after the point */
    int frac;
    int digits, isint, nint, grouped;
    int has_scale, sc_exp; /* scale applied, as a power of ten */
    double addend;   /* "1 млрд 200 млн": the 200 млн */
    int kind;        /* sv_num_kind, or -1: decided when emitted */
    char cur[4];
    int generic;
    int spelled, approx, neg, month, flags;
    int final;       /* a code, a time, a numeric date: nothing more attaches */
    int suffixed;    /* a word or sign after the core was taken */
    int year_ctx;    /* "in", "since", "в", "с" before it */
    int has_year2;   /* a numeric date also gives a YEAR */
    unsigned year2;
    size_t y_start, y_end;
} cand;

static double p10(int e)
{
    if (e >= 0 && e < (int)(sizeof pow10tab / sizeof pow10tab[0]))
        return pow10tab[e];
    return pow(10.0, e);
}

static int exp10_of(double scale)
{
    int e = 0;
    while (scale >= 10 && e < 30) {
        scale /= 10;
        e++;
    }
    return e;
}

/* The value without sign and scale (used to tell ranges from scores). */
static double cand_pre(const cand *c)
{
    if (c->digits)
        return c->frac ? (double)c->mant / p10(c->frac) : (double)c->mant;
    return c->core;
}

static double cand_value(const cand *c)
{
    double v;
    if (c->digits) {
        int e = (c->has_scale ? c->sc_exp : 0) - c->frac;
        v = e >= 0 ? (double)c->mant * p10(e) : (double)c->mant / p10(-e);
    } else {
        v = c->has_scale ? c->core * p10(c->sc_exp) : c->core;
    }
    v += c->addend;
    return c->neg ? -v : v;
}

static void set_plain(cand *c, double v)
{
    c->digits = 0;
    c->core = v;
    c->has_scale = 0;
}

static int is_hyphen(uint32_t cp)
{
    return cp == '-' || cp == 0x2010 || cp == 0x2011;
}

static int is_dash(uint32_t cp)
{
    return is_hyphen(cp) || (cp >= 0x2012 && cp <= 0x2015);
}

static int tok_word(const tok *t, int cls)
{
    return t->type == T_WORD && t->lx && t->lx->cls == cls;
}

static int tok_id(const tok *t, int id)
{
    return t->type == T_WORD && t->lx && t->lx->id == id &&
           (t->lx->cls == L_WORD || t->lx->cls == L_TIMEW || t->lx->cls == L_SUF ||
            t->lx->cls == L_SCALE || t->lx->cls == L_ORD);
}

static int tok_punct(const tok *t, uint32_t cp)
{
    return t->type == T_PUNCT && t->cp == cp;
}

/* Is the word written as its lexicon entry demands (USD, "Br", "June")? */
static int case_ok(const tok *t)
{
    if (t->lx->flags & LF_CAPS)
        return t->caps == 2;
    if (t->lx->flags & LF_CAP)
        return t->caps >= 1;
    return 1;
}

static int cur_symbol(uint32_t cp, char code[4], int *generic)
{
    const char *c = NULL;
    int g = 0;
    switch (cp) {
    case '$': c = "USD"; g = 1; break;
    case 0x20AC: c = "EUR"; break;
    case 0xA3: c = "GBP"; break;
    case 0x20BD: c = "RUB"; break;
    case 0xA5: c = "JPY"; g = 1; break;
    case 0x20B4: c = "UAH"; break;
    case 0x20B8: c = "KZT"; break;
    case 0x20B9: c = "INR"; break;
    default: return 0;
    }
    memcpy(code, c, 4);
    *generic = g;
    return 1;
}

static void set_cur(cand *c, const char *code, int generic)
{
    memcpy(c->cur, code, 3);
    c->cur[3] = '\0';
    c->generic = generic;
}

/* A currency sign or code right before token i ("$5m", "RUB8.5bn")? */
static int cur_before(sv_numscan *sc, size_t i)
{
    const tok *p = before(sc, i, 1);
    char code[4];
    int g;
    if (at(sc, i)->sp > 1)
        return 0;
    return (p->type == T_PUNCT && cur_symbol(p->cp, code, &g)) ||
           (tok_word(p, L_CURCODE) && case_ok(p));
}

/* Skips the period after an abbreviation ("млн.", "г."). */
static size_t skip_dot(sv_numscan *sc, size_t k, const tok *w)
{
    if (w->lx && (w->lx->flags & LF_ABBR) && tok_punct(at(sc, k), '.') && at(sc, k)->sp == 0)
        return k + 1;
    return k;
}

static void make_code(cand *c, size_t s0)
{
    c->kind = SV_NUM_CODE;
    c->final = 1;
    c->s0 = s0;
}

/* "15:30", "5 pm", "7 утра": fixes the hour; returns the tokens taken. */
static size_t ampm(sv_numscan *sc, size_t k, unsigned *h, size_t *span_end)
{
    const tok *w = at(sc, k);
    int pm = -1;
    size_t n = 0;
    size_t k0 = k;
    if (w->type != T_WORD || w->sp > 1 || !w->lx)
        return 0;
    if (tok_id(w, W_CHAS)) { /* "в 4 часа утра": "4 часа" alone is a duration */
        w = at(sc, ++k);
        if (!tok_word(w, L_TIMEW) || w->sp > 1 || tok_id(w, W_AM) || tok_id(w, W_PM))
            return 0;
    } else if (tok_id(w, W_DNYA) || tok_id(w, W_NOCHI)) {
        return 0; /* "3 дня", "2 ночи": days, nights */
    }
    if (tok_id(w, W_NOCHI)) {
        pm = *h >= 9 && *h < 12;
        n = 1;
    } else if (tok_id(w, W_AM) || tok_id(w, W_UTRA)) {
        pm = 0;
        n = 1;
    } else if (tok_id(w, W_PM) || tok_id(w, W_VECHERA) || tok_id(w, W_DNYA)) {
        pm = 1;
        n = 1;
    } else if ((tok_id(w, W_A) || tok_id(w, W_P_EN)) && tok_punct(at(sc, k + 1), '.') &&
               at(sc, k + 1)->sp == 0 && tok_id(at(sc, k + 2), W_M) && at(sc, k + 2)->sp == 0) {
        pm = tok_id(w, W_P_EN);
        n = 3;
    }
    if (pm < 0 || *h > 12 || *h == 0)
        return 0;
    if (pm && *h < 12)
        *h += 12;
    else if (!pm && *h == 12 && (tok_id(w, W_AM) || tok_id(w, W_NOCHI) || n == 3))
        *h = 0;
    *span_end = k + n;
    if (n == 3 && tok_punct(at(sc, k + 3), '.') && at(sc, k + 3)->sp == 0)
        n++;
    return k + n - k0;
}

/* A date written in digits: a DATE, and a YEAR (bytes ystart..yend). */
static void make_date(cand *c, unsigned day, unsigned month, unsigned year, size_t ystart,
                      size_t yend)
{
    set_plain(c, day);
    c->kind = SV_NUM_DATE;
    c->month = (int)month;
    c->final = 1;
    c->has_year2 = 1;
    c->year2 = year;
    c->y_start = ystart;
    c->y_end = yend;
}

static int decade_ok(const cand *c)
{
    return c->isint && !c->grouped && c->mant % 10 == 0 && (c->nint == 2 || c->nint == 4);
}

/* The core of a number written in digits, with what is glued to it. */
static int core_digits(sv_numscan *sc, size_t i, cand *c)
{
    const tok *t = at(sc, i);
    c->digits = 1;
    c->mant = t->mant;
    c->frac = t->frac;
    c->isint = t->frac == 0;
    c->nint = t->nint;
    c->grouped = t->grouped;
    c->neg = t->neg;
    c->s1 = c->next = i + 1;
    if (t->date) { /* 10.06.2024 */
        size_t ys = t->end;
        while (ys > t->start && is_digit((unsigned char)sc->s[ys - 1]))
            ys--;
        make_date(c, t->day, t->month, t->year, ys, t->end);
        return 1;
    }
    const tok *p1 = before(sc, i, 1), *p2 = before(sc, i, 2);
    /* digits in a name: "G20", "MTZ-82", "COVID-19", "No. 5", "№ 5", "#1" */
    if (t->sp == 0 && !t->neg) {
        if (p1->type == T_WORD) {
            if (!(p1->lx && ((p1->lx->cls == L_CURCODE && case_ok(p1)) || p1->lx->cls == L_PREFIX))) {
                make_code(c, i - 1);
                return 1;
            }
        } else if (p1->type == T_PUNCT && is_hyphen(p1->cp) && p1->sp == 0 && p2->type == T_WORD &&
                   p2->caps && !(p2->lx && p2->lx->cls == L_PREFIX)) {
            /* "6-foot-6", "поток-2": lower case is not a name */
            make_code(c, i - 2);
            return 1;
        } else if (tok_punct(p1, '#')) {
            make_code(c, i - 1);
            return 1;
        }
    }
    if (tok_punct(p1, 0x2116) && t->sp <= 1) {
        make_code(c, i - 1);
        return 1;
    }
    if (tok_punct(p1, '.') && p1->sp == 0 && t->sp == 1 && tok_id(p2, W_NO) && p2->caps == 1) {
        make_code(c, i - 2);
        return 1;
    }
    const tok *n1 = at(sc, i + 1), *n2 = at(sc, i + 2);
    /* time of day: 11:39, 09:30:15 */
    if (c->isint && !c->grouped && !c->neg && c->nint <= 2 && t->mant <= 24 && tok_punct(n1, ':') &&
        n1->sp == 0 && n2->type == T_NUM && n2->sp == 0 && n2->nint == 2 && !n2->frac &&
        !n2->grouped && !n2->neg && !n2->date && n2->mant < 60) {
        unsigned h = (unsigned)t->mant, m = (unsigned)n2->mant;
        size_t k = i + 3, span = k;
        const tok *n3 = at(sc, k), *n4 = at(sc, k + 1);
        if (tok_punct(n3, ':') && n3->sp == 0 && n4->type == T_NUM && n4->sp == 0 && n4->nint == 2)
            k = span = k + 2;
        size_t took = ampm(sc, k, &h, &span);
        c->s1 = span;
        c->next = k + took;
        set_plain(c, h * 60 + m);
        c->kind = SV_NUM_TIME;
        c->final = 1;
        return 1;
    }
    /* hyphenated chains: ISO dates 2024-06-10, phone numbers 859-292-3680 */
    if (c->isint && !c->grouped && !c->neg) {
        size_t k = i, groups = 1, ndig = c->nint;
        while (groups < 8) {
            const tok *h = at(sc, k + 1), *d = at(sc, k + 2);
            if (!tok_punct(h, '-') || h->sp || d->type != T_NUM || d->sp || d->frac || d->grouped ||
                d->neg || d->date || d->big)
                break;
            k += 2;
            groups++;
            ndig += d->nint;
        }
        if (groups >= 3) {
            const tok *g1 = at(sc, i + 2), *g2 = at(sc, i + 4);
            c->s1 = c->next = k + 1;
            c->final = 1;
            if (groups == 3 && t->nint == 4 && g1->nint <= 2 && g2->nint <= 2 && g1->mant >= 1 &&
                g1->mant <= 12 && g2->mant >= 1 && g2->mant <= 31) {
                make_date(c, (unsigned)g2->mant, (unsigned)g1->mant, (unsigned)t->mant, t->start,
                          t->end);
                return 1;
            }
            double v = 0;
            if (ndig <= 15) {
                for (size_t g = i; g <= k; g += 2)
                    v = v * p10(at(sc, g)->nint) + (double)at(sc, g)->mant;
            } else {
                v = (double)t->mant;
            }
            set_plain(c, v);
            c->kind = SV_NUM_CODE;
            return 1;
        }
    }
    /* slashed dates: 10/06/2024 (English: month first unless the day shows) */
    if (c->isint && !c->grouped && !c->neg && c->nint <= 2 && tok_punct(n1, '/') && !n1->sp &&
        n2->type == T_NUM && !n2->sp && !n2->frac && n2->nint <= 2 && tok_punct(at(sc, i + 3), '/') &&
        !at(sc, i + 3)->sp && at(sc, i + 4)->type == T_NUM && !at(sc, i + 4)->sp &&
        (at(sc, i + 4)->nint == 2 || at(sc, i + 4)->nint == 4) && !at(sc, i + 4)->frac) {
        const tok *y = at(sc, i + 4);
        unsigned a = (unsigned)t->mant, b = (unsigned)n2->mant, d = a, m = b;
        if (sc->lang == SV_LANG_EN && a <= 12) {
            d = b;
            m = a;
        }
        if (d >= 1 && d <= 31 && m >= 1 && m <= 12) {
            make_date(c, d, m, (unsigned)y->mant + (y->nint == 2 ? (y->mant < 70 ? 2000 : 1900) : 0),
                      y->start, y->end);
            c->s1 = c->next = i + 5;
            return 1;
        }
    }
    /* glued: 13th, 1990s, $1bn, 5k, $5m */
    if (n1->type == T_WORD && n1->sp == 0 && n1->lx) {
        const lexent *e = n1->lx;
        if (e->cls == L_SUF && e->id == SUF_EN_ORD && c->isint) {
            c->kind = SV_NUM_ORDINAL;
            c->s1 = c->next = i + 2;
        } else if (e->cls == L_SUF && e->id == SUF_EN_S && decade_ok(c)) {
            c->kind = SV_NUM_YEAR;
            c->flags |= SV_NUMF_DECADE;
            c->s1 = c->next = i + 2;
        } else if (e->cls == L_SCALE && (!(e->flags & LF_CURONLY) || cur_before(sc, i))) {
            c->has_scale = 1;
            c->sc_exp = exp10_of(e->val);
            c->s1 = i + 2;
            c->next = skip_dot(sc, i + 2, n1);
        }
        return 1;
    }
    /* 1990's, 90’s */
    if ((tok_punct(n1, '\'') || tok_punct(n1, 0x2019)) && !n1->sp && n2->type == T_WORD && !n2->sp &&
        n2->lx && n2->lx->id == SUF_EN_S && n2->lx->cls == L_SUF && decade_ok(c)) {
        c->kind = SV_NUM_YEAR;
        c->flags |= SV_NUMF_DECADE;
        c->s1 = c->next = i + 3;
        return 1;
    }
    /* hyphenated: 13-е, 1990-х, 60-летие, 10-fold, 5-процентный */
    if (is_hyphen(n1->cp) && n1->type == T_PUNCT && !n1->sp && n2->type == T_WORD && !n2->sp &&
        n2->lx) {
        const lexent *e = n2->lx;
        int took = 1;
        if (e->cls == L_SUF && e->id == SUF_RU && c->isint) {
            const tok *n3 = at(sc, i + 3);
            int x = n2->end - n2->start == 2 && memcmp(sc->s + n2->start, "\xD1\x85", 2) == 0;
            if ((e->flags & LF_DECADE) && decade_ok(c) && c->mant &&
                (c->nint == 4 || x || tok_word(n3, L_YEARW))) {
                c->kind = SV_NUM_YEAR;
                c->flags |= SV_NUMF_DECADE;
            } else {
                c->kind = SV_NUM_ORDINAL;
            }
        } else if (e->cls == L_SUF && (e->id == SUF_LETIE || e->id == SUF_EN_ORD) && c->isint) {
            c->kind = SV_NUM_ORDINAL;
        } else if (e->cls == L_ORD && e->place == P_SCALEORD) { /* 25-тысячная толпа */
            c->has_scale = 1;
            c->sc_exp = exp10_of(e->val);
        } else if (e->cls == L_TIMES) {
            c->kind = SV_NUM_TIMES;
        } else if (e->cls == L_PCT || e->cls == L_PCTADJ) {
            c->kind = SV_NUM_PERCENT;
        } else {
            took = 0;
        }
        if (took)
            c->s1 = c->next = i + 3;
    }
    return 1;
}

/* Russian or English "one" used as a pronoun: "one of", "no one", "один из". */
static int one_is_pronoun(sv_numscan *sc, size_t i)
{
    const tok *n = at(sc, i + 1), *p = before(sc, i, 1);
    if (n->type == T_WORD && n->sp <= 1 && n->lx && n->lx->cls == L_WORD) {
        switch (n->lx->id) {
        case W_OF: case W_ANOTHER: case W_IZ: case W_I: case W_ZA: case W_MODAL:
            return 1;
        }
    }
    if (p->type == T_WORD && at(sc, i)->sp <= 1 && p->lx && p->lx->cls == L_WORD) {
        switch (p->lx->id) {
        case W_DET: case W_NO: case W_NI: case W_NE: case W_KAK:
            return 1;
        }
    }
    return 0;
}

/* The core of a number written in words. */
static int core_spelled(sv_numscan *sc, size_t i, cand *c)
{
    const tok *t = at(sc, i);
    const lexent *e = t->lx;
    double total = 0, group = 0, limit = HUGE_VAL, last_scale = HUGE_VAL, pre = 0;
    int any = 0, ord = 0, nsc = 0, sexp = 0, a_start = 0;
    size_t k = i, end = i;

    if (e->cls == L_TIMESW) { /* twice, вдвое, tenfold */
        set_plain(c, e->val);
        c->kind = SV_NUM_TIMES;
        c->spelled = 1;
        c->s1 = c->next = i + 1;
        return 1;
    }
    if (e->cls == L_WORD) {
        const tok *a1 = at(sc, i + 1), *a2 = at(sc, i + 2);
        if (e->id == W_A) { /* a hundred, a dozen, a million */
            if (a1->type != T_WORD || a1->sp > 1 || !a1->lx ||
                !(a1->lx->cls == L_MULT || (a1->lx->cls == L_SCALE && (a1->lx->flags & LF_BARE))))
                return 0;
            a_start = 1;
            group = 1;
            k = i + 1;
        } else if (e->id == W_HALF) { /* half a billion, half a dozen */
            if (!tok_id(a1, W_A) || a1->sp > 1 || a2->type != T_WORD || a2->sp > 1 || !a2->lx ||
                !(a2->lx->cls == L_MULT || (a2->lx->cls == L_SCALE && (a2->lx->flags & LF_BARE))))
                return 0;
            total = 0.5 * a2->lx->val;
            any = 1;
            k = end = i + 3;
            if (a2->lx->cls == L_SCALE) {
                pre = 0.5;
                sexp = exp10_of(a2->lx->val);
                nsc = 1;
                last_scale = limit = a2->lx->val;
            } else {
                limit = 1;
            }
        } else if (e->id == W_POL) { /* пол-миллиона, пол миллиона */
            const tok *s = NULL;
            if (tok_punct(a1, '-') && !a1->sp && !a2->sp && tok_word(a2, L_SCALE))
                s = a2;
            else if (a1->sp == 1 && tok_word(a1, L_SCALE))
                s = a1;
            if (!s || (s->lx->flags & (LF_ADJ | LF_ABBR)))
                return 0;
            total = 0.5 * s->lx->val;
            pre = 0.5;
            sexp = exp10_of(s->lx->val);
            nsc = 1;
            any = 1;
            k = end = (s == a2) ? i + 3 : i + 2;
            last_scale = limit = s->lx->val;
        } else {
            return 0;
        }
    } else if (e->cls == L_FULL) { /* полмиллиарда */
        total = e->val;
        pre = 0.5;
        sexp = exp10_of(e->val * 2);
        nsc = 1;
        any = 1;
        k = end = i + 1;
        last_scale = limit = e->val * 2;
    }

    for (;;) {
        const tok *w = at(sc, k);
        size_t kk = k;
        if (k > i) {
            if (w->type == T_PUNCT && is_hyphen(w->cp) && !w->sp && any) {
                const tok *w2 = at(sc, k + 1);
                if (w2->type != T_WORD || w2->sp || !w2->lx ||
                    (w2->lx->cls != L_CARD && w2->lx->cls != L_ORD))
                    break;
                kk = k + 1;
                w = w2;
            } else if (w->sp > 1) {
                break;
            }
        }
        if (w->type != T_WORD || !w->lx)
            break;
        e = w->lx;
        int stop = 0;
        switch (e->cls) {
        case L_CARD:
            if (a_start || e->val >= limit) {
                stop = 1;
                break;
            }
            group += e->val;
            limit = e->place == P_TENS ? 10 : e->place == P_HUND ? 100 : 1;
            any = 1;
            k = end = kk + 1;
            continue;
        case L_MULT:
            if (e->val == 12) {
                if (!(a_start || (group >= 1 && group < 100)))
                    stop = 1;
                else {
                    group = (a_start ? 1 : group) * 12;
                    limit = 1;
                }
            } else if (a_start || (group >= 1 && group < 100 && limit <= 10 && group == floor(group))) {
                group = (a_start ? 1 : group) * 100;
                limit = 100;
            } else {
                stop = 1;
            }
            if (stop)
                break;
            a_start = 0;
            any = 1;
            k = end = kk + 1;
            continue;
        case L_SCALE: {
            if ((e->flags & LF_ADJ) || e->val >= last_scale) {
                stop = 1;
                break;
            }
            double g = group;
            if (g == 0) {
                int bare = (e->flags & LF_BARE) ||
                           ((e->flags & LF_GENSG) && tok_word(before(sc, i, 1), L_APPROX));
                if (!a_start && (any || !bare)) {
                    stop = 1;
                    break;
                }
                g = 1;
            }
            total += g * e->val;
            pre = g;
            sexp = exp10_of(e->val);
            nsc++;
            group = 0;
            limit = last_scale = e->val;
            any = 1;
            a_start = 0;
            k = end = kk + 1;
            k = skip_dot(sc, k, w);
            continue;
        }
        case L_ORD:
            if (a_start)
                return 0; /* "a third", "a second": fractions, durations */
            if (!any) {
                group = e->val;
                ord = 1;
                any = 1;
                k = end = kk + 1;
            } else if (e->place == P_SCALEORD) {
                if (group > 0 && e->val < last_scale) {
                    total += group * e->val;
                    group = 0;
                    ord = 1;
                    k = end = kk + 1;
                }
            } else if (e->val < limit) {
                group += e->val;
                ord = 1;
                k = end = kk + 1;
            }
            stop = 1;
            break;
        case L_WORD:
            if (e->id == W_AND && any && w->sp <= 1) {
                const tok *a1 = at(sc, k + 1), *a2 = at(sc, k + 2);
                if (tok_id(a1, W_A) && tok_id(a2, W_HALF) && a1->sp <= 1 && a2->sp <= 1 && group > 0 &&
                    limit <= 10) { /* two and a half */
                    group += 0.5;
                    limit = 0;
                    k = end = k + 3;
                    continue;
                }
                if (limit >= 100 && tok_word(a1, L_CARD) && a1->sp <= 1 && a1->lx->val < limit) {
                    k++; /* one hundred and five */
                    continue;
                }
            } else if (e->id == W_S && any && group > 0 && limit <= 10) {
                const tok *a1 = at(sc, k + 1);
                if (tok_id(a1, W_HALFW) && a1->sp <= 1) { /* два с половиной */
                    group += 0.5;
                    limit = 0;
                    k = end = k + 2;
                    continue;
                }
            }
            stop = 1;
            break;
        default:
            stop = 1;
            break;
        }
        if (stop)
            break;
    }
    if (!any || end == i)
        return 0;
    if (end == i + 1 && (t->lx->flags & LF_ONE) && one_is_pronoun(sc, i))
        return 0;
    if (ord && end == i + 1) {
        const tok *p = before(sc, i, 1);
        const tok *nx = at(sc, end);
        if (tok_id(p, W_A) && (nx->type != T_WORD || nx->sp > 1 || tok_id(nx, W_OF)))
            return 0; /* "a third of", "in a second.": a fraction, a duration */
        if (t->lx->id == W_SECOND && (p->type == T_NUM || tok_word(p, L_CARD) || tok_id(p, W_PER)))
            return 0; /* "one second", "per second" */
    }
    double value = total + group;
    c->spelled = 1;
    c->s1 = end;
    c->next = k > end ? k : end;
    if (ord)
        c->kind = SV_NUM_ORDINAL;
    if (nsc == 1 && group == 0 && !ord && total == pre * p10(sexp)) {
        c->core = pre;
        c->has_scale = 1;
        c->sc_exp = sexp;
    } else {
        c->core = value;
    }
    c->isint = value == floor(value);
    return 1;
}

/* What precedes the core: a currency, "minus", an English month, "in". */
static void prefixes(sv_numscan *sc, cand *c)
{
    size_t s0 = c->s0;
    const tok *f = at(sc, s0), *p1 = before(sc, s0, 1);
    char code[4];
    int g;
    if (c->digits && f->sp <= 1) {
        if (p1->type == T_PUNCT && cur_symbol(p1->cp, code, &g)) {
            s0--;
            if (p1->cp == '$' && !p1->sp) { /* US$, C$, A$, NZ$, HK$, S$ */
                static const char *const pre[][2] = {{"US", "USD"}, {"C", "CAD"}, {"A", "AUD"},
                                                     {"NZ", "NZD"}, {"HK", "HKD"}, {"S", "SGD"}};
                const tok *w = before(sc, s0, 1);
                if (w->type == T_WORD)
                    for (size_t k = 0; k < sizeof pre / sizeof pre[0]; k++)
                        if (w->end - w->start == strlen(pre[k][0]) &&
                            memcmp(sc->s + w->start, pre[k][0], w->end - w->start) == 0) {
                            memcpy(code, pre[k][1], 4);
                            g = 0;
                            s0--;
                            break;
                        }
            }
            set_cur(c, code, g);
        } else if (tok_word(p1, L_CURCODE) && case_ok(p1)) {
            s0--;
            set_cur(c, p1->lx->cur, 0);
        }
    }
    p1 = before(sc, s0, 1);
    if (tok_word(p1, L_MINUS) && at(sc, s0)->sp <= 1) {
        c->neg = !c->neg;
        s0--;
    }
    /* English "June 10", "Jan. 10th" */
    if ((c->kind == -1 || c->kind == SV_NUM_ORDINAL) && c->digits && c->isint && !c->grouped &&
        !c->neg && !c->has_scale && !c->cur[0] && c->mant >= 1 && c->mant <= 31 && f->sp == 1 &&
        s0 == c->s0) {
        const tok *m = p1;
        size_t ms = s0 - 1;
        if (tok_punct(p1, '.') && !p1->sp) {
            m = before(sc, s0, 2);
            ms = s0 - 2;
            if (!(m->lx && (m->lx->flags & LF_ABBR)))
                m = &sc->nil;
        }
        if (tok_word(m, L_MONTH) && (m->lx->flags & LF_CAP) && case_ok(m)) {
            set_plain(c, (double)c->mant);
            c->kind = SV_NUM_DATE;
            c->month = (int)m->lx->val;
            s0 = ms;
        }
    }
    p1 = before(sc, s0, 1);
    if (tok_id(p1, W_IN) || tok_id(p1, W_V) || tok_id(p1, W_S) || tok_id(p1, W_DO))
        c->year_ctx = 1;
    c->s0 = s0;
}

/* "dollars", "US dollars", "российских рублей", "бел. руб.", "USD", "€" */
static size_t cur_after(sv_numscan *sc, size_t k, cand *c)
{
    const tok *w = at(sc, k), *adj = NULL;
    char code[4];
    int g;
    if (w->sp > 1)
        return k;
    if (w->type == T_PUNCT && cur_symbol(w->cp, code, &g)) {
        set_cur(c, code, g);
        c->s1 = k + 1;
        return k + 1;
    }
    if (w->type != T_WORD || !w->lx)
        return k;
    if (w->lx->cls == L_CURCODE && case_ok(w) && w->caps == 2) {
        set_cur(c, w->lx->cur, 0);
        c->s1 = k + 1;
        return k + 1;
    }
    size_t j = k;
    if (w->lx->cls == L_CURADJ && case_ok(w)) {
        adj = w;
        j = skip_dot(sc, k + 1, w);
        w = at(sc, j);
        if (w->sp > 1)
            return k;
    }
    if (!tok_word(w, L_CUR))
        return k;
    set_cur(c, w->lx->cur, (w->lx->flags & LF_GENERIC) != 0);
    if (adj && (!c->generic || strcmp(adj->lx->cur, c->cur) == 0 ||
                sv_currency_family(adj->lx->cur) == sv_currency_family(c->cur)))
        set_cur(c, adj->lx->cur, 0);
    c->s1 = j + 1;
    j = skip_dot(sc, j + 1, w);
    const tok *a = at(sc, j); /* "долларов США", "pounds sterling" */
    if (!adj && tok_word(a, L_CURADJ) && a->sp <= 1 && case_ok(a) &&
        sv_currency_family(a->lx->cur) == sv_currency_family(c->cur) && c->generic) {
        set_cur(c, a->lx->cur, 0);
        c->s1 = j + 1;
        j++;
    }
    return j;
}

static int year_marker_ok(const cand *c)
{
    if (c->neg || c->has_scale || c->cur[0])
        return 0;
    if (c->digits)
        return c->isint && !c->grouped && (c->nint == 3 || c->nint == 4);
    return c->core >= 1000 && c->core <= 2100 && c->core == floor(c->core);
}

static int day_ok(const cand *c)
{
    if (c->neg || c->has_scale || c->cur[0] || (c->flags & SV_NUMF_DECADE))
        return 0;
    if (c->digits)
        return c->isint && !c->grouped && c->nint <= 2 && c->mant >= 1 && c->mant <= 31;
    return c->kind == SV_NUM_ORDINAL && c->core >= 1 && c->core <= 31 && c->core == floor(c->core);
}

/* What follows the core: scale, currency, %, times, year, month, am/pm. */
static void suffixes(sv_numscan *sc, cand *c)
{
    size_t k = c->next;
    const tok *w = at(sc, k);
    if (c->digits && !c->has_scale && c->kind == -1 && tok_word(w, L_SCALE) && w->sp <= 1 &&
        !(w->lx->flags & LF_ADJ)) {
        c->has_scale = 1;
        c->sc_exp = exp10_of(w->lx->val);
        c->s1 = k + 1;
        k = skip_dot(sc, k + 1, w);
        const tok *n = at(sc, k), *s = at(sc, k + 1);
        if (n->type == T_NUM && n->sp == 1 && !n->frac && !n->neg && !n->date && !n->grouped &&
            n->nint <= 3 && tok_word(s, L_SCALE) && s->sp <= 1 && !(s->lx->flags & LF_ADJ) &&
            s->lx->val < p10(c->sc_exp)) { /* 1 млрд 200 млн */
            c->addend = (double)n->mant * s->lx->val;
            c->s1 = k + 2;
            k = skip_dot(sc, k + 2, s);
        }
        c->suffixed = 1;
    }
    if (!c->cur[0] && (c->kind == -1)) {
        size_t j = cur_after(sc, k, c);
        if (j != k)
            c->suffixed = 1;
        k = j;
    }
    w = at(sc, k);
    const tok *w1 = at(sc, k + 1);
    size_t s1 = 0, nk = 0;
    if (c->kind == -1 && w->sp <= 1) {
        if (tok_punct(w, '%') || tok_word(w, L_PCT)) {
            c->kind = SV_NUM_PERCENT;
            s1 = k + 1;
            nk = skip_dot(sc, k + 1, w);
        } else if ((tok_id(w, W_PER) && tok_id(w1, W_CENT)) ||
                   ((tok_id(w, W_PERCENTAGE) || tok_word(w, L_PCTADJ)) && tok_word(w1, L_POINT))) {
            if (w1->sp <= 1) {
                c->kind = SV_NUM_PERCENT;
                s1 = nk = k + 2;
            }
        } else if (tok_id(w, W_P_RU) && tok_punct(w1, '.') && !w1->sp && tok_id(at(sc, k + 2), W_P_RU) &&
                   !at(sc, k + 2)->sp) { /* п.п. */
            c->kind = SV_NUM_PERCENT;
            s1 = nk = k + 3;
            if (tok_punct(at(sc, nk), '.') && !at(sc, nk)->sp)
                nk++;
        } else if (tok_word(w, L_TIMES)) {
            c->kind = SV_NUM_TIMES;
            s1 = nk = k + 1;
        }
    }
    if (!s1 && (c->kind == -1 || c->kind == SV_NUM_ORDINAL || (c->flags & SV_NUMF_DECADE)) &&
        w->sp <= 1) {
        if (tok_word(w, L_YEARW) && (year_marker_ok(c) || (c->flags & SV_NUMF_DECADE))) {
            if (!(c->flags & SV_NUMF_DECADE))
                c->kind = SV_NUM_YEAR;
            s1 = k + 1;
            nk = skip_dot(sc, k + 1, w);
        } else if (day_ok(c)) {
            const tok *m = w;
            size_t mk = k;
            if (tok_id(w, W_OF) && c->kind == SV_NUM_ORDINAL && w1->sp <= 1) { /* 10th of June */
                m = w1;
                mk = k + 1;
            }
            if (tok_word(m, L_MONTH) && case_ok(m)) {
                set_plain(c, c->digits ? (double)c->mant : c->core);
                c->kind = SV_NUM_DATE;
                c->month = (int)m->lx->val;
                s1 = mk + 1;
                nk = skip_dot(sc, mk + 1, m);
            }
        }
    }
    if (!s1 && c->kind == -1 && !c->has_scale && !c->cur[0] && !c->neg) {
        unsigned h = 0, m = 0;
        int ok = 0;
        if (c->digits && c->isint && c->nint <= 2) {
            h = (unsigned)c->mant;
            ok = 1;
        } else if (c->digits && c->frac == 2 && c->nint <= 2 && c->mant % 100 < 60) { /* 5.30pm */
            h = (unsigned)(c->mant / 100);
            m = (unsigned)(c->mant % 100);
            ok = 1;
        }
        size_t span;
        size_t took = ok ? ampm(sc, k, &h, &span) : 0;
        if (took) {
            set_plain(c, h * 60 + m);
            c->kind = SV_NUM_TIME;
            s1 = span;
            nk = k + took;
        }
    }
    if (s1) {
        c->s1 = s1;
        k = nk;
        c->suffixed = 1;
    }
    c->next = k;
}

static void emit(sv_numscan *sc, const cand *c)
{
    sv_number n;
    memset(&n, 0, sizeof n);
    n.value = cand_value(c);
    if (!isfinite(n.value))
        return;
    if (c->kind >= 0)
        n.kind = (sv_num_kind)c->kind;
    else if (c->cur[0])
        n.kind = SV_NUM_MONEY;
    else if (c->digits && c->isint && !c->grouped && c->nint == 4 && !c->has_scale && !c->neg &&
             c->mant <= 2100 && (c->mant >= 1800 || (c->year_ctx && c->mant >= 1000)))
        n.kind = SV_NUM_YEAR;
    else
        n.kind = SV_NUM_CARDINAL;
    memcpy(n.currency, c->cur, 4);
    n.start = at(sc, c->s0)->start;
    n.end = at(sc, c->s1 > c->s0 ? c->s1 - 1 : c->s0)->end;
    n.month = (unsigned char)c->month;
    n.spelled = (unsigned char)c->spelled;
    n.approx = (unsigned char)c->approx;
    n.flags = (unsigned char)c->flags;
    if (c->has_scale)
        n.flags |= SV_NUMF_MAGNITUDE;
    if (c->cur[0] && c->generic)
        n.flags |= SV_NUMF_CUR_GENERIC;
    if (n.kind != SV_NUM_TIME && n.value != floor(n.value))
        n.flags |= SV_NUMF_FRACTION;
    SV_PUSH(sc->out, sc->nout, sc->capout, n);
    if (c->has_year2) {
        memset(&n, 0, sizeof n);
        n.value = c->year2;
        n.kind = SV_NUM_YEAR;
        n.start = c->y_start;
        n.end = c->y_end;
        SV_PUSH(sc->out, sc->nout, sc->capout, n);
    }
}

/* One number starting at token i, without ranges.  0: none there. */
static int parse_single(sv_numscan *sc, size_t i, cand *c)
{
    memset(c, 0, sizeof *c);
    c->kind = -1;
    c->s0 = i;
    const tok *t = at(sc, i);
    if (t->type == T_NUM) {
        if (t->big || !core_digits(sc, i, c))
            return 0;
    } else if (!core_spelled(sc, i, c)) {
        return 0;
    }
    if (!c->final) {
        prefixes(sc, c);
        suffixes(sc, c);
    }
    const tok *p1 = before(sc, c->s0, 1);
    if (c->kind == SV_NUM_TIMES && tok_id(p1, W_V) && at(sc, c->s0)->sp <= 1) { /* в 10 раз */
        c->s0--;
        p1 = before(sc, c->s0, 1);
    }
    if (tok_word(p1, L_APPROX) && at(sc, c->s0)->sp <= 1)
        c->approx = 1;
    return 1;
}

static int starts_number(const lexent *e)
{
    switch (e->cls) {
    case L_CARD: case L_FULL: case L_ORD: case L_TIMESW:
        return 1;
    case L_SCALE:
        return (e->flags & (LF_BARE | LF_GENSG)) != 0;
    case L_WORD:
        return e->id == W_A || e->id == W_HALF || e->id == W_POL;
    default:
        return 0;
    }
}

/* Reads the number at token i, and a second one if the two make a range;
 * returns the token after them (i if there is no number). */
static size_t parse_at(sv_numscan *sc, size_t i)
{
    cand a, b;
    if (!parse_single(sc, i, &a))
        return i;
    size_t k = a.next;
    const tok *w = at(sc, k);
    int conn = 0;
    if (!a.final && !a.suffixed && (a.kind == -1 || a.kind == SV_NUM_DATE) && w->sp <= 1) {
        if (w->type == T_PUNCT && is_dash(w->cp) && at(sc, k + 1)->sp <= 1)
            conn = 1;
        else if (tok_id(w, W_TO) || tok_id(w, W_DO) || tok_id(w, W_OR) || tok_id(w, W_ILI) ||
                 tok_id(w, W_PO))
            conn = 2;
        else if ((tok_id(w, W_AND) || tok_id(w, W_I)) &&
                 (tok_id(before(sc, a.s0, 1), W_BETWEEN) || tok_id(before(sc, a.s0, 1), W_MEZHDU)))
            conn = 2;
    }
    const tok *b0 = at(sc, k + 1);
    if (!conn || !(b0->type == T_NUM || (b0->type == T_WORD && b0->lx && starts_number(b0->lx))) ||
        (b0->type == T_NUM && b0->neg) || b0->sp > 1 || !parse_single(sc, k + 1, &b) || b.final) {
        emit(sc, &a);
        return a.next;
    }
    /* 1950-53 */
    if (conn == 1 && a.digits && b.digits && a.isint && b.isint && !a.grouped && a.nint == 4 &&
        b.nint == 2 && a.mant >= 1000 && a.mant <= 2100 && b.mant > a.mant % 100 && !b.has_scale) {
        b.mant += a.mant - a.mant % 100;
        b.nint = 4;
    }
    if (cand_pre(&a) < cand_pre(&b) && !a.neg && !b.neg) {
        int shared = 0;
        if (b.has_scale && !a.has_scale) {
            a.has_scale = 1;
            a.sc_exp = b.sc_exp;
            shared = 1;
        }
        if (b.cur[0] && !a.cur[0]) {
            set_cur(&a, b.cur, b.generic);
            shared = 1;
        } else if (a.cur[0] && !b.cur[0]) {
            set_cur(&b, a.cur, a.generic);
            shared = 1;
        }
        if (a.kind == -1 && (b.kind == SV_NUM_PERCENT || b.kind == SV_NUM_TIMES ||
                             (b.kind == SV_NUM_DATE && day_ok(&a)) ||
                             (b.kind == SV_NUM_YEAR && year_marker_ok(&a)))) {
            if (b.kind == SV_NUM_DATE)
                set_plain(&a, a.digits ? (double)a.mant : a.core);
            a.kind = b.kind;
            a.month = b.month;
            a.flags |= b.flags & SV_NUMF_DECADE;
            shared = 1;
        } else if (a.kind == SV_NUM_DATE && b.kind == -1 && day_ok(&b)) {
            set_plain(&b, b.digits ? (double)b.mant : b.core);
            b.kind = SV_NUM_DATE;
            b.month = a.month;
            shared = 1;
        }
        if (shared || conn == 1) {
            a.flags |= SV_NUMF_RANGE;
            b.flags |= SV_NUMF_RANGE;
        }
        if (a.year_ctx)
            b.year_ctx = 1;
    }
    emit(sc, &a);
    emit(sc, &b);
    return b.next;
}

/* ------------------------------------------------------------------ */
/* Public functions                                                     */

const char *sv_num_kind_name(sv_num_kind k)
{
    static const char *const names[SV_NUM_NKINDS] = {"cardinal", "ordinal", "percent",
                                                     "year",     "money",   "times",
                                                     "date",     "time",    "code"};
    return (unsigned)k < SV_NUM_NKINDS ? names[k] : "unknown";
}

sv_status sv_numbers_extract(sv_numscan *sc, sv_lang lang, const char *text, size_t len,
                             sv_number **out, size_t *n)
{
    if (!sc || !out || !n || (!text && len))
        return SV_ERR_ARG;
    *out = NULL;
    *n = 0;
    if (lang != SV_LANG_EN && lang != SV_LANG_RU) {
        sv_script_count cnt = {0, 0, 0};
        sv_script_count_add(&cnt, text, len);
        lang = sv_script_lang(&cnt) == SV_LANG_RU ? SV_LANG_RU : SV_LANG_EN;
    }
    sc->s = text;
    sc->len = len;
    sc->pos = 0;
    sc->eof = len == 0;
    sc->lang = lang;
    sc->pend_sp = 2;
    sc->last_type = T_END;
    sc->last_cp = 0;
    sc->ntok = 0;
    sc->nout = 0;
    size_t i = 0;
    for (;;) {
        if (i >= TOK_SHIFT) {
            size_t drop = i - TOK_KEEP;
            memmove(sc->tok, sc->tok + drop, (sc->ntok - drop) * sizeof *sc->tok);
            sc->ntok -= drop;
            i -= drop;
        }
        const tok *t = at(sc, i);
        if (t->type == T_END)
            break;
        if (t->type == T_NUM || (t->type == T_WORD && t->lx && starts_number(t->lx))) {
            size_t nx = parse_at(sc, i);
            i = nx > i ? nx : i + 1;
        } else {
            i++;
        }
    }
    if (sc->nout) {
        *out = xmalloc(sc->nout * sizeof **out);
        memcpy(*out, sc->out, sc->nout * sizeof **out);
        *n = sc->nout;
    }
    sc->s = NULL;
    return SV_OK;
}

int sv_currency_family(const char *code)
{
    static const char *const fam[][2] = {
        {"USD", "D"}, {"CAD", "D"}, {"AUD", "D"}, {"NZD", "D"}, {"HKD", "D"}, {"SGD", "D"},
        {"RUB", "R"}, {"BYN", "R"}, {"GBP", "P"}, {"CHF", "F"}, {"INR", "I"},
        {"JPY", "Y"}, {"CNY", "Y"}};
    if (!code || !code[0])
        return 0;
    for (size_t i = 0; i < sizeof fam / sizeof fam[0]; i++)
        if (strcmp(code, fam[i][0]) == 0)
            return fam[i][1][0];
    /* a family of its own */
    return 256 + ((unsigned char)code[0] << 16 | (unsigned char)code[1] << 8 | (unsigned char)code[2]);
}

static int cur_compat(const sv_number *a, const sv_number *b)
{
    if (!a->currency[0] || !b->currency[0] || strcmp(a->currency, b->currency) == 0)
        return 1;
    if ((a->flags & SV_NUMF_CUR_GENERIC) || (b->flags & SV_NUMF_CUR_GENERIC))
        return sv_currency_family(a->currency) == sv_currency_family(b->currency);
    return 0;
}

static int kind_class(sv_num_kind k)
{
    switch (k) {
    case SV_NUM_CARDINAL: case SV_NUM_YEAR: case SV_NUM_MONEY:
        return 0;
    default:
        return 1 + (int)k;
    }
}

static int value_eq(double a, double b)
{
    double d = fabs(a - b), m = fmax(fabs(a), fabs(b));
    return d <= 1e-12 * m || d == 0;
}

static long decade_of(double v)
{
    long y = (long)v;
    return y % 100;
}

sv_numeq sv_number_compare(const sv_number *a, const sv_number *b)
{
    if (!a || !b)
        return SV_NUMEQ_DIFFERENT;
    int da = (a->flags & SV_NUMF_DECADE) != 0, db = (b->flags & SV_NUMF_DECADE) != 0;
    if (da && db) {
        int same = (a->value >= 100 && b->value >= 100) ? value_eq(a->value, b->value)
                                                         : decade_of(a->value) == decade_of(b->value);
        return same ? SV_NUMEQ_SAME : SV_NUMEQ_DIFFERENT;
    }
    int veq = value_eq(a->value, b->value);
    if (kind_class(a->kind) != kind_class(b->kind) || da != db)
        return veq ? SV_NUMEQ_VALUE : SV_NUMEQ_DIFFERENT;
    if (!veq)
        return SV_NUMEQ_DIFFERENT;
    if (a->kind == SV_NUM_DATE && a->month != b->month)
        return SV_NUMEQ_DIFFERENT;
    if (!cur_compat(a, b))
        return SV_NUMEQ_DIFFERENT;
    return SV_NUMEQ_SAME;
}

int sv_number_equal(const sv_number *a, const sv_number *b)
{
    return sv_number_compare(a, b) == SV_NUMEQ_SAME;
}

size_t sv_number_key(const sv_number *n, char *buf, size_t size)
{
    char tmp[64];
    int r;
    double v = n->value;
    if (n->flags & SV_NUMF_DECADE)
        r = snprintf(tmp, sizeof tmp, "dec:%ld", decade_of(v));
    else
        switch (n->kind) {
        case SV_NUM_ORDINAL: r = snprintf(tmp, sizeof tmp, "ord:%.12g", v); break;
        case SV_NUM_PERCENT: r = snprintf(tmp, sizeof tmp, "pct:%.12g", v); break;
        case SV_NUM_TIMES: r = snprintf(tmp, sizeof tmp, "x:%.12g", v); break;
        case SV_NUM_DATE: r = snprintf(tmp, sizeof tmp, "date:%d-%.12g", n->month, v); break;
        case SV_NUM_TIME:
            r = snprintf(tmp, sizeof tmp, "time:%ld:%02ld", (long)v / 60, (long)v % 60);
            break;
        case SV_NUM_CODE: r = snprintf(tmp, sizeof tmp, "code:%.12g", v); break;
        default: r = snprintf(tmp, sizeof tmp, "n:%.12g", v); break;
        }
    if (r < 0)
        r = 0;
    if (size) {
        size_t c = (size_t)r < size ? (size_t)r : size - 1;
        memcpy(buf, tmp, c);
        buf[c] = '\0';
    }
    return (size_t)r;
}
