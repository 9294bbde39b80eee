/* numbers.h - numbers in Russian and English text, normalised so that the
 * two languages can be compared.
 *
 * Two consumers: the sentence aligner uses numbers as anchors (two
 * sentences sharing a rare value are likely translations) and the checker
 * reports aligned sentences whose numbers disagree.  So "RUB8.5 billion"
 * and "8,4 млрд российских рублей" must differ, while "$500 million" and
 * "полмиллиарда долларов", "13th" and "13-е", "10 times" and "в 10 раз",
 * "in 2023" and "в 2023 году" must agree.
 *
 * The scanner is hand-written (no regular expressions, no ICU at run
 * time): a tokenizer splits the text into digit runs, words and
 * punctuation, looking every word up in a built-in lexicon of number words
 * (all Russian case forms, generated from hand-written stems and endings
 * when the scanner is made); a parser reads numbers from those tokens.
 * docs/design.md ("Numbers") gives the full rules; in short:
 *
 *   digits    English: "." decimal, "," groups of three ("2,500" = 2500);
 *             Russian: "," decimal ("2,5" = 2.5, "2,500" = 2.5), "."
 *             decimal too ("1.000" = 1), except in "1.000.000" (two or
 *             more groups); groups of three after a space, NBSP, U+202F,
 *             U+2009 or U+2007 (both languages; a plain space does not
 *             group right after another number: "0800 555 111").
 *   words     zero..ninety-nine, hundred, dozen, thousand..trillion and
 *             every Russian case form ("двумя", "трёхсот", "тысячами"),
 *             "полмиллиарда", "пол-миллиона", "полтора", "half a billion",
 *             "a million", "a dozen", "two and a half", "два с половиной";
 *             standalone "one"/"один" is skipped in "one of", "один из",
 *             "no one", "ни один" and similar (see the design notes).
 *   scale     thousand/million/billion/trillion, k, bn, mn, mln, bln, tn,
 *             "m" after a currency ("£125m"), тыс., млн, млрд, трлн and
 *             every case form of the words.
 *   kinds     see sv_num_kind.
 *
 * Values are exact for what news text holds: "8,4 млрд" is computed as
 * 84 * 10^8, not 8.4 * 1e9.
 */
#ifndef SV_NUMBERS_H
#define SV_NUMBERS_H

#include <stddef.h>

#include "../base/status.h"
#include "lang.h"

typedef enum {
    SV_NUM_CARDINAL = 0, /* a plain quantity, integer or not: "2,5", "two", "5 million" */
    SV_NUM_ORDINAL,      /* "13th", "13-е", "тринадцатое", "first", "60-летие" */
    SV_NUM_PERCENT,      /* "2.5%", "2,5 процента", "5 per cent", "3 п.п." */
    SV_NUM_YEAR,         /* "2023" (1800..2100 alone, 1000.. after "in", "в"), "988 году",
                            "2023 г.", "1990s", "1990-х" */
    SV_NUM_MONEY,        /* "$1bn", "RUB8.5 billion", "8,4 млрд российских рублей" */
    SV_NUM_TIMES,        /* a multiplier: "10 times", "tenfold", "twice", "в 10 раз", "вдвое",
                            "10-кратный" */
    SV_NUM_DATE,         /* day and month: "10 June", "June 10th", "10 июня", "10.06.2024" */
    SV_NUM_TIME,         /* time of day: "11:39", "7 a.m.", "2pm", "в 7 утра", "2 часа дня" */
    SV_NUM_CODE          /* digits in a name or code: "MTZ-82", "COVID-19", "G20", "No. 10",
                            phone numbers "859-292-3680" */
} sv_num_kind;

#define SV_NUM_NKINDS 9

/* "cardinal", "ordinal", "percent", "year", "money", "times", "date",
 * "time", "code"; static. */
const char *sv_num_kind_name(sv_num_kind k);

/* Flags of an sv_number. */
enum {
    SV_NUMF_RANGE = 1,       /* one end of a range ("$205-210 million", "2020-2023") */
    SV_NUMF_CUR_GENERIC = 2, /* currency from a generic name ("$", "dollars", "рублей"):
                                the code is the likeliest reading, not a certainty */
    SV_NUMF_DECADE = 4,      /* YEAR: a decade ("1990s", "1990-х") */
    SV_NUMF_MAGNITUDE = 8,   /* a scale word or suffix was applied ("million", "bn", "млрд") */
    SV_NUMF_FRACTION = 16    /* written with a decimal part or a half ("2.5", "полтора") */
};

typedef struct {
    double value;          /* normalised: 8.4e9, 5e8, 13; DATE: the day; TIME: minutes
                              after midnight (hours*60 + minutes); YEAR with
                              SV_NUMF_DECADE: as written (1990 or 90); CODE: the
                              digits ("859-292-3680" = 8592923680) */
    sv_num_kind kind;
    char currency[4];      /* MONEY: ISO 4217 code ("USD", "RUB", "BYN") or "" if unknown */
    size_t start, end;     /* byte span in the text given: "$1bn", "8,4 млрд российских
                              рублей", "13-е"; a trailing abbreviation period ("млн.")
                              is left out */
    unsigned char month;   /* DATE: 1..12; else 0 */
    unsigned char spelled; /* 1 if (partly) written in words ("two", "полмиллиарда") */
    unsigned char approx;  /* 1 after "about", "almost", "over", "more than", "at least",
                              "около", "почти", "более", "свыше" ...; informational:
                              equality ignores it */
    unsigned char flags;   /* SV_NUMF_* */
} sv_number;

/* A scanner holds the lexicon and scratch memory.  Not thread-safe: use
 * one per thread. */
typedef struct sv_numscan sv_numscan;

/* Builds the lexicon (well under a millisecond).  *out: caller frees with
 * sv_numscan_free.  d may be NULL.  Memory stays bounded whatever the
 * length of the texts given later (tokens are read through a fixed
 * window).  SV_ERR_INTERNAL if the built-in lexicon is inconsistent. */
sv_status sv_numscan_new(sv_numscan **out, sv_diags *d);
void sv_numscan_free(sv_numscan *sc);

/* Extracts the numbers of UTF-8 text (len bytes; need not be
 * NUL-terminated) written in lang, in text order (a numeric date
 * "10.06.2024" gives a DATE and then a YEAR whose span lies inside it).
 * SV_LANG_UNKNOWN picks the language from the letters of the text
 * (English when in doubt).  Invalid UTF-8 acts as punctuation; nothing is
 * read past len.  Digit runs of more than 17 significant digits are
 * ignored.  *out: a new array of *n numbers, caller frees with free()
 * (NULL when *n is 0).  Borrows sc and text for the call only.  Returns
 * SV_ERR_ARG for NULL arguments. */
sv_status sv_numbers_extract(sv_numscan *sc, sv_lang lang, const char *text, size_t len,
                             sv_number **out, size_t *n);

/* How two numbers (usually one per language) relate. */
typedef enum {
    SV_NUMEQ_DIFFERENT = 0, /* different values, months, or conflicting currencies */
    SV_NUMEQ_VALUE = 1,     /* the same value in forms a translation does not usually
                               swap: "10th" and "10", "5%" and "5", "COVID-19" and "19" */
    SV_NUMEQ_SAME = 2       /* the same quantity */
} sv_numeq;

/* Compares a and b (borrowed); symmetric.  Values must agree (relative
 * 1e-12; decades: "1990s" = "90-х").
 * SAME when the kinds are in one class: {CARDINAL, YEAR, MONEY} (a
 * currency on one side only is fine; two known currencies must agree, but
 * a generic one matches its family: "$" = USD/CAD/AUD..., "рублей" =
 * RUB/BYN), {ORDINAL}, {PERCENT}, {TIMES}, {DATE} (same month), {TIME},
 * {CODE}; a decade matches only a decade.  Across classes (or decade
 * against year) a shared value gives VALUE.  approx, spelled and the spans
 * play no part. */
sv_numeq sv_number_compare(const sv_number *a, const sv_number *b);

/* Currencies that one generic name covers ("$", "dollars": USD, CAD, AUD,
 * NZD, HKD, SGD; "рублей": RUB, BYN; "¥": JPY, CNY) share a family number;
 * any other code is a family of its own; NULL or "" gives 0. */
int sv_currency_family(const char *code);

/* sv_number_compare(a, b) == SV_NUMEQ_SAME. */
int sv_number_equal(const sv_number *a, const sv_number *b);

/* Writes a canonical key for hashing into buf (NUL-terminated, truncated
 * to size; size may be 0) and returns its length (as snprintf does).
 * Numbers that compare SAME have equal keys; equal keys are only
 * candidates (the key ignores currencies, and decades keep two digits):
 * "n:8400000000" (cardinal, year, money), "ord:13", "pct:2.5", "x:10",
 * "date:6-10" (month-day), "time:11:39", "code:82", "dec:90". */
size_t sv_number_key(const sv_number *n, char *buf, size_t size);

#endif
