/* test_numbers.c - number extraction in English and Russian, spans,
 * cross-language comparison and keys. */
#include <stdlib.h>

#include "../../align/numbers.h"
#include "../../base/buf.h"
#include "harness.h"

static sv_numscan *sc;

/* All numbers of text as "kind key CUR [span]" joined by " | ". */
static char *describe(sv_lang lang, const char *text)
{
    sv_number *v = NULL;
    size_t n = 0;
    sv_buf b = SV_BUF_INIT;
    if (sv_numbers_extract(sc, lang, text, strlen(text), &v, &n) != SV_OK)
        return sv_buf_detach(&b, NULL);
    for (size_t i = 0; i < n; i++) {
        char key[64];
        sv_number_key(&v[i], key, sizeof key);
        if (i)
            sv_buf_puts(&b, " | ");
        sv_buf_printf(&b, "%s %s", sv_num_kind_name(v[i].kind), key);
        if (v[i].currency[0])
            sv_buf_printf(&b, " %s", v[i].currency);
        sv_buf_printf(&b, " [%.*s]", (int)(v[i].end - v[i].start), text + v[i].start);
    }
    free(v);
    return sv_buf_detach(&b, NULL);
}

typedef struct {
    sv_lang lang;
    const char *text;
    const char *want;
} xcase;

#define EN SV_LANG_EN
#define RU SV_LANG_RU

static const xcase cases[] = {
    /* the seed pair (BelTA English, Sputnik Russian) */
    {EN, "should try to achieve $1bn in trade", "money n:1000000000 USD [$1bn]"},
    {EN, "need to strive to achieve $1 billion in trade", "money n:1000000000 USD [$1 billion]"},
    {EN, "Governor Alexander Gusev on 10 June, BelTA", "date date:6-10 [10 June]"},
    {EN, "noting that two years  passed", "cardinal n:2 [two]"},
    {EN, "In 2023, the trade exceeded $500 million.",
     "year n:2023 [2023] | money n:500000000 USD [$500 million]"},
    {EN, "we should strive for the coveted billion", "cardinal n:1000000000 [billion]"},
    {EN, "has become the 13th biggest consumer", "ordinal ord:13 [13th]"},
    {EN, "Over the past three years the total cost", "cardinal n:3 [three]"},
    {EN, "has soared 10 times to approach RUB8.5 billion.",
     "times x:10 [10 times] | money n:8500000000 RUB [RUB8.5 billion]"},
    {EN, "Voronezh Oblast has become one of the most important partners", ""},
    {EN, "this facility will become one of the best in the Russian Federation", ""},
    {EN, "was the 10th biggest importer", "ordinal ord:10 [10th]"},
    {RU, "МИНСК, 10 июн — Sputnik.", "date date:6-10 [10 июн]"},
    {RU, "а прошло уже два года", "cardinal n:2 [два]"},
    {RU, "«В 2023 году товарооборот превысил полмиллиарда долларов.",
     "year n:2023 [2023 году] | money n:500000000 USD [полмиллиарда долларов]"},
    {RU, "но к заветному миллиарду нужно стремиться", "cardinal n:1000000000 [миллиарду]"},
    {RU, "«Ваш регион вышел на 13-е место в России", "ordinal ord:13 [13-е]"},
    {RU, "за последние три года возросла в 10 раз.",
     "cardinal n:3 [три] | times x:10 [в 10 раз]"},
    {RU, "В денежном выражении это 8,4 млрд российских рублей»",
     "money n:8400000000 RUB [8,4 млрд российских рублей]"},
    {RU, "Воронежская область стала одним из важнейших партнеров", ""},
    /* digits: decimal and grouping separators per language */
    {EN, "2,500 people", "cardinal n:2500 [2,500]"},
    {EN, "1,000,000.5", "cardinal n:1000000.5 [1,000,000.5]"},
    {EN, "7.5 magnitude", "cardinal n:7.5 [7.5]"},
    {RU, "магнитудой 7,5 балла", "cardinal n:7.5 [7,5]"},
    {RU, "2,500", "cardinal n:2.5 [2,500]"},
    {RU, "1.000 и 1.000.000",
     "cardinal n:1 [1.000] | cardinal n:1000000 [1.000.000]"},
    {RU, "820 000 человек", "cardinal n:820000 [820 000]"},
    {RU, "1\xC2\xA0" "000\xC2\xA0" "000 рублей", "money n:1000000 RUB [1\xC2\xA0" "000\xC2\xA0" "000 рублей]"},
    {EN, "1\xE2\x80\xAF" "250 and 3\xE2\x80\x89" "500",
     "cardinal n:1250 [1\xE2\x80\xAF" "250] | cardinal n:3500 [3\xE2\x80\x89" "500]"},
    {EN, "1 000 tonnes", "cardinal n:1000 [1 000]"},
    {EN, "in 2019 100 people", "year n:2019 [2019] | cardinal n:100 [100]"},
    {EN, "0800 555 111", "cardinal n:800 [0800] | cardinal n:555 [555] | cardinal n:111 [111]"},
    {EN, "1, 2 and 3", "cardinal n:1 [1] | cardinal n:2 [2] | cardinal n:3 [3]"},
    {EN, "1,2,3", "cardinal n:1 [1] | cardinal n:2 [2] | cardinal n:3 [3]"},
    {EN, "-7 degrees and minus 5", "cardinal n:-7 [-7] | cardinal n:-5 [minus 5]"},
    {RU, "(−12) и минус 5", "cardinal n:-12 [−12] | cardinal n:-5 [минус 5]"},
    {EN, "14\xC2\xBD-13\xC2\xBD", "cardinal n:14.5 [14\xC2\xBD] | cardinal n:13.5 [13\xC2\xBD]"},
    {EN, "123456789012345678901234567890 is too long", ""},
    /* ranges and scores */
    {EN, "$205-210 million",
     "money n:205000000 USD [$205] | money n:210000000 USD [210 million]"},
    {RU, "205–210 млн долларов",
     "money n:205000000 USD [205] | money n:210000000 USD [210 млн долларов]"},
    {EN, "2020-2023", "year n:2020 [2020] | year n:2023 [2023]"},
    {RU, "в 1950-53 гг.", "year n:1950 [1950] | year n:1953 [53]"},
    {EN, "70-90% of", "percent pct:70 [70] | percent pct:90 [90%]"},
    {EN, "between 5 and 7 million", "cardinal n:5000000 [5] | cardinal n:7000000 [7 million]"},
    {RU, "от 2,5 до 10 см", "cardinal n:2.5 [2,5] | cardinal n:10 [10]"},
    {RU, "10—15 июня", "date date:6-10 [10] | date date:6-15 [15 июня]"},
    {EN, "a 5-2 win", "cardinal n:5 [5] | cardinal n:2 [2]"},
    {RU, "со счетом 4:1", "cardinal n:4 [4] | cardinal n:1 [1]"},
    /* magnitudes */
    {EN, "\xE2\x82\xAC" "3.1billion ($3.6bn)",
     "money n:3100000000 EUR [\xE2\x82\xAC" "3.1billion] | money n:3600000000 USD [$3.6bn]"},
    {EN, "\xC2\xA3" "125m and 5m people", "money n:125000000 GBP [\xC2\xA3" "125m] | cardinal n:5 [5]"},
    {EN, "5k runners and 2.4 mln tonnes", "cardinal n:5000 [5k] | cardinal n:2400000 [2.4 mln]"},
    {EN, "half a billion and a million", "cardinal n:500000000 [half a billion] | cardinal n:1000000 [a million]"},
    {EN, "a dozen eggs", "cardinal n:12 [a dozen]"},
    {EN, "two and a half million", "cardinal n:2500000 [two and a half million]"},
    {RU, "полтора миллиона и полторы тысячи",
     "cardinal n:1500000 [полтора миллиона] | cardinal n:1500 [полторы тысячи]"},
    {RU, "пол-миллиона и полмиллиона", "cardinal n:500000 [пол-миллиона] | cardinal n:500000 [полмиллиона]"},
    {RU, "два с половиной миллиарда", "cardinal n:2500000000 [два с половиной миллиарда]"},
    {RU, "5 тыс. руб.", "money n:5000 RUB [5 тыс. руб]"},
    {RU, "1 млрд 200 млн рублей", "money n:1200000000 RUB [1 млрд 200 млн рублей]"},
    {RU, "более тысячи человек, тысячи людей", "cardinal n:1000 [тысячи]"},
    {RU, "около миллиона", "cardinal n:1000000 [миллиона]"},
    {RU, "25-тысячную толпу", "cardinal n:25000 [25-тысячную]"},
    /* currencies */
    {EN, "USD 5 and US$5 and C$10", "money n:5 USD [USD 5] | money n:5 USD [US$5] | money n:10 CAD [C$10]"},
    {EN, "5 Belarusian rubles and Br5 million",
     "money n:5 BYN [5 Belarusian rubles] | money n:5000000 BYN [Br5 million]"},
    {EN, "a 550 pound hog sold for 500 pounds", "cardinal n:550 [550] | money n:500 GBP [500 pounds]"},
    {RU, "5 бел. руб. и 10 белорусских рублей",
     "money n:5 BYN [5 бел. руб] | money n:10 BYN [10 белорусских рублей]"},
    {RU, "5 млрд долларов США и 100 евро",
     "money n:5000000000 USD [5 млрд долларов США] | money n:100 EUR [100 евро]"},
    {RU, "11 млн фунтов стерлингов", "money n:11000000 GBP [11 млн фунтов стерлингов]"},
    {RU, "5 \xE2\x82\xBD", "money n:5 RUB [5 \xE2\x82\xBD]"},
    /* ordinals */
    {EN, "1st 2nd 3rd 21st", "ordinal ord:1 [1st] | ordinal ord:2 [2nd] | ordinal ord:3 [3rd] | ordinal ord:21 [21st]"},
    {EN, "the tenth and the thirteenth", "ordinal ord:10 [tenth] | ordinal ord:13 [thirteenth]"},
    {EN, "the twenty-first century", "ordinal ord:21 [twenty-first]"},
    {EN, "a third of them, in a second", ""},
    {EN, "a second meeting", "ordinal ord:2 [second]"},
    {RU, "13-го, 10-м, 1-й", "ordinal ord:13 [13-го] | ordinal ord:10 [10-м] | ordinal ord:1 [1-й]"},
    {RU, "третий и тринадцатое", "ordinal ord:3 [третий] | ordinal ord:13 [тринадцатое]"},
    {RU, "двадцать пятый раз", "ordinal ord:25 [двадцать пятый]"},
    {RU, "60-летие", "ordinal ord:60 [60-летие]"},
    {RU, "44-летний мужчина", "cardinal n:44 [44]"},
    /* percent */
    {EN, "5 percent, 5 per cent, 5 pct, 2.5%",
     "percent pct:5 [5 percent] | percent pct:5 [5 per cent] | percent pct:5 [5 pct] | percent pct:2.5 [2.5%]"},
    {RU, "2,5 процента и 2,5 %", "percent pct:2.5 [2,5 процента] | percent pct:2.5 [2,5 %]"},
    {RU, "5 процентных пунктов, 3 п.п.", "percent pct:5 [5 процентных пунктов] | percent pct:3 [3 п.п]"},
    {RU, "5-процентный рост", "percent pct:5 [5-процентный]"},
    /* multipliers */
    {EN, "tenfold, twice, 10-fold, three times",
     "times x:10 [tenfold] | times x:2 [twice] | times x:10 [10-fold] | times x:3 [three times]"},
    {RU, "вдвое, в два раза, в полтора раза, дважды",
     "times x:2 [вдвое] | times x:2 [в два раза] | times x:1.5 [в полтора раза] | times x:2 [дважды]"},
    {RU, "10-кратный и десятикратный", "times x:10 [10-кратный] | times x:10 [десятикратный]"},
    /* spelled cardinals */
    {EN, "twenty-five, one hundred and five",
     "cardinal n:25 [twenty-five] | cardinal n:105 [one hundred and five]"},
    {EN, "two thousand and twenty-three", "cardinal n:2023 [two thousand and twenty-three]"},
    {EN, "nineteen hundred", "cardinal n:1900 [nineteen hundred]"},
    {EN, "Ten years previously", "cardinal n:10 [Ten]"},
    {EN, "no one, the one, one another, one can see, one man",
     "cardinal n:1 [one]"},
    {RU, "один из лидеров, ни один, одна женщина", "cardinal n:1 [одна]"},
    {RU, "двух, двумя, трёх, четырьмя, пятью, двухсот, девятьсот",
     "cardinal n:2 [двух] | cardinal n:2 [двумя] | cardinal n:3 [трёх] | cardinal n:4 [четырьмя] | "
     "cardinal n:5 [пятью] | cardinal n:200 [двухсот] | cardinal n:900 [девятьсот]"},
    {RU, "сто двадцать три", "cardinal n:123 [сто двадцать три]"},
    {RU, "две тысячи двадцать три", "cardinal n:2023 [две тысячи двадцать три]"},
    {RU, "ТРИ ГОДА", "cardinal n:3 [ТРИ]"},
    {RU, "посетил семью", ""},
    {RU, "Двое мужчин", "cardinal n:2 [Двое]"},
    /* years */
    {EN, "in 1870, and 2023", "year n:1870 [1870] | year n:2023 [2023]"},
    {EN, "in 1380", "year n:1380 [1380]"},
    {EN, "1100 people", "cardinal n:1100 [1100]"},
    {RU, "в 1870 г., а церковь", "year n:1870 [1870 г]"},
    {RU, "в 988 году", "year n:988 [988 году]"},
    {RU, "в 2023-м году", "year n:2023 [2023-м году]"},
    {EN, "the 1990s and the '80s", "year dec:90 [1990s] | year dec:80 [80s]"},
    {RU, "в 2020-х годах и в 90-е годы", "year dec:20 [2020-х годах] | year dec:90 [90-е годы]"},
    {RU, "в 90-х", "year dec:90 [90-х]"},
    /* dates and times */
    {EN, "June 10, 2023", "date date:6-10 [June 10] | year n:2023 [2023]"},
    {EN, "on Jan. 5th and the 10th of June", "date date:1-5 [Jan. 5th] | date date:6-10 [10th of June]"},
    {EN, "you may 10 times", "times x:10 [10 times]"},
    {RU, "10-го июня", "date date:6-10 [10-го июня]"},
    {RU, "10.06.2024", "date date:6-10 [10.06.2024] | year n:2024 [2024]"},
    {EN, "2024-06-10", "date date:6-10 [2024-06-10] | year n:2024 [2024]"},
    {EN, "6/10/2024", "date date:6-10 [6/10/2024] | year n:2024 [2024]"},
    {RU, "6/10/2024", "date date:10-6 [6/10/2024] | year n:2024 [2024]"},
    {EN, "11:39, 7 p.m. and 5.30pm, 6am",
     "time time:11:39 [11:39] | time time:19:00 [7 p.m] | time time:17:30 [5.30pm] | time time:6:00 [6am]"},
    {RU, "в 7 утра, в 2 часа дня, 5 часов", "time time:7:00 [7 утра] | time time:14:00 [2 часа дня] | cardinal n:5 [5]"},
    /* codes */
    {EN, "MTZ-82, COVID-19, G20", "code code:82 [MTZ-82] | code code:19 [COVID-19] | code code:20 [G20]"},
    {RU, "МТЗ-82 и Су-27", "code code:82 [МТЗ-82] | code code:27 [Су-27]"},
    {EN, "No. 10 and #1", "code code:10 [No. 10] | code code:1 [#1]"},
    {EN, "call 859-292-3680", "code code:8592923680 [859-292-3680]"},
    {EN, "the 6-foot-6 forward, in mid-2020",
     "cardinal n:6 [6] | cardinal n:6 [6] | year n:2020 [2020]"},
    {RU, "Северный поток-2", "cardinal n:2 [2]"},
};

static void test_table(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = describe(cases[i].lang, cases[i].text);
        if (strcmp(got, cases[i].want) == 0) {
            harness_passed++;
        } else {
            harness_fail(__FILE__, __LINE__, "%s \"%s\":\n    got  %s\n    want %s",
                         sv_lang_code(cases[i].lang), cases[i].text, got, cases[i].want);
        }
        free(got);
    }
}

/* The first number of text. */
static sv_number first(sv_lang lang, const char *text)
{
    sv_number *v = NULL, r;
    size_t n = 0;
    memset(&r, 0, sizeof r);
    r.value = -999999; /* compares with nothing a test uses */
    r.kind = SV_NUM_CODE;
    if (sv_numbers_extract(sc, lang, text, strlen(text), &v, &n) == SV_OK && n)
        r = v[0];
    free(v);
    return r;
}

typedef struct {
    const char *en, *ru;
    sv_numeq want;
} eqcase;

static const eqcase eqcases[] = {
    {"RUB8.5 billion", "8,4 млрд российских рублей", SV_NUMEQ_DIFFERENT},
    {"$500 million", "полмиллиарда долларов", SV_NUMEQ_SAME},
    {"$500 million", "500 млн долларов", SV_NUMEQ_SAME},
    {"$1bn", "к заветному миллиарду", SV_NUMEQ_SAME},
    {"13th", "13-е", SV_NUMEQ_SAME},
    {"10 times", "в 10 раз", SV_NUMEQ_SAME},
    {"twice", "в два раза", SV_NUMEQ_SAME},
    {"tenfold", "в 10 раз", SV_NUMEQ_SAME},
    {"two years", "два года", SV_NUMEQ_SAME},
    {"three years", "три года", SV_NUMEQ_SAME},
    {"in 2023", "В 2023 году", SV_NUMEQ_SAME},
    {"10 June", "10 июня", SV_NUMEQ_SAME},
    {"June 10th", "10-го июня", SV_NUMEQ_SAME},
    {"10 June", "10 июля", SV_NUMEQ_DIFFERENT},
    {"2.5%", "2,5%", SV_NUMEQ_SAME},
    {"2.5%", "2,5 процента", SV_NUMEQ_SAME},
    {"2.5%", "2,4 процента", SV_NUMEQ_DIFFERENT},
    {"5%", "5 человек", SV_NUMEQ_VALUE},
    {"the 10th", "10 место", SV_NUMEQ_VALUE},
    {"1,000 people", "1 000 человек", SV_NUMEQ_SAME},
    {"1,000 people", "1,000 человек", SV_NUMEQ_DIFFERENT}, /* Russian 1,000 = 1 */
    {"the 1990s", "90-х годов", SV_NUMEQ_SAME},
    {"the 1990s", "1980-е годы", SV_NUMEQ_DIFFERENT},
    {"the 1990s", "в 1990 году", SV_NUMEQ_VALUE},
    {"5 Belarusian rubles", "5 белорусских рублей", SV_NUMEQ_SAME},
    {"5 Belarusian rubles", "5 рублей", SV_NUMEQ_SAME},       /* generic rouble */
    {"5 Belarusian rubles", "5 российских рублей", SV_NUMEQ_DIFFERENT},
    {"$5", "5 канадских долларов", SV_NUMEQ_SAME},            /* generic dollar */
    {"USD 5", "5 евро", SV_NUMEQ_DIFFERENT},
    {"5 million", "5 млн долларов", SV_NUMEQ_SAME},            /* currency on one side */
    {"11:39", "в 11:39", SV_NUMEQ_SAME},
    {"7 p.m.", "в 7 вечера", SV_NUMEQ_SAME},
    {"7 a.m.", "в 7 вечера", SV_NUMEQ_DIFFERENT},
    {"COVID-19", "COVID-19", SV_NUMEQ_SAME},
    {"-5 degrees", "минус 5 градусов", SV_NUMEQ_SAME},
    {"-5 degrees", "5 градусов", SV_NUMEQ_DIFFERENT},
    {"one hundred and five", "сто пять", SV_NUMEQ_SAME},
    {"a dozen", "12", SV_NUMEQ_SAME},
};

static void test_equality(void)
{
    for (size_t i = 0; i < sizeof eqcases / sizeof eqcases[0]; i++) {
        sv_number a = first(SV_LANG_EN, eqcases[i].en), b = first(SV_LANG_RU, eqcases[i].ru);
        sv_numeq got = sv_number_compare(&a, &b);
        if (got == eqcases[i].want && sv_number_compare(&b, &a) == got)
            harness_passed++;
        else
            harness_fail(__FILE__, __LINE__, "\"%s\" vs \"%s\": %d, want %d", eqcases[i].en,
                         eqcases[i].ru, (int)got, (int)eqcases[i].want);
        CHECK_INT(sv_number_equal(&a, &b), eqcases[i].want == SV_NUMEQ_SAME);
        if (got == SV_NUMEQ_SAME) { /* equal numbers hash alike */
            char ka[64], kb[64];
            sv_number_key(&a, ka, sizeof ka);
            sv_number_key(&b, kb, sizeof kb);
            CHECK_STR(ka, kb);
        }
    }
    CHECK_INT(sv_number_compare(NULL, NULL), SV_NUMEQ_DIFFERENT);
}

static void test_fields(void)
{
    const char *t = "around $205-210 million, about two dozen";
    sv_number *v;
    size_t n;
    CHECK_INT(sv_numbers_extract(sc, SV_LANG_EN, t, strlen(t), &v, &n), SV_OK);
    CHECK_INT(n, 3);
    if (n == 3) {
        CHECK_INT(v[0].start, 7); /* "$205" */
        CHECK_INT(v[0].end, 11);
        CHECK_INT(v[1].start, 12); /* "210 million" */
        CHECK_INT(v[1].end, 23);
        CHECK(v[0].flags & SV_NUMF_RANGE);
        CHECK(v[1].flags & SV_NUMF_RANGE);
        CHECK(v[0].flags & SV_NUMF_MAGNITUDE);
        CHECK(v[0].flags & SV_NUMF_CUR_GENERIC);
        CHECK_INT(v[0].approx, 1);
        CHECK_INT(v[0].spelled, 0);
        CHECK_NEAR(v[2].value, 24, 0);
        CHECK_INT(v[2].spelled, 1);
        CHECK_INT(v[2].approx, 1);
    }
    free(v);
    /* spans in Russian are byte offsets too */
    t = "Было 8,4 млрд. рублей.";
    CHECK_INT(sv_numbers_extract(sc, SV_LANG_RU, t, strlen(t), &v, &n), SV_OK);
    CHECK_INT(n, 1);
    if (n == 1) {
        CHECK_INT(v[0].start, 9);
        CHECK_INT(v[0].end, strlen(t) - 1); /* the sentence's period is left out */
        CHECK_NEAR(v[0].value, 8.4e9, 0);  /* exact: 84 * 10^8 */
        CHECK_STR(v[0].currency, "RUB");
        CHECK(v[0].flags & SV_NUMF_FRACTION ? 0 : 1);
    }
    free(v);
    t = "2,5";
    CHECK_INT(sv_numbers_extract(sc, SV_LANG_RU, t, 3, &v, &n), SV_OK);
    CHECK(n == 1 && (v[0].flags & SV_NUMF_FRACTION) && v[0].value == 2.5);
    free(v);
}

static void test_api(void)
{
    sv_number *v = (sv_number *)1;
    size_t n = 7;
    CHECK_INT(sv_numbers_extract(sc, SV_LANG_EN, "", 0, &v, &n), SV_OK);
    CHECK(v == NULL && n == 0);
    CHECK_INT(sv_numbers_extract(NULL, SV_LANG_EN, "1", 1, &v, &n), SV_ERR_ARG);
    CHECK_INT(sv_numbers_extract(sc, SV_LANG_EN, NULL, 1, &v, &n), SV_ERR_ARG);
    /* the language from the script: Russian decimal comma */
    char *d = describe(SV_LANG_UNKNOWN, "рост 2,5 процента");
    CHECK_STR(d, "percent pct:2.5 [2,5 процента]");
    free(d);
    /* not NUL-terminated: nothing past len is read */
    const char buf[] = "12345";
    CHECK_INT(sv_numbers_extract(sc, SV_LANG_EN, buf, 2, &v, &n), SV_OK);
    CHECK(n == 1 && v[0].value == 12 && v[0].end == 2);
    free(v);
    /* invalid UTF-8 is skipped */
    const char bad[] = "\xFF" "5 million \xE2\x82 7\xC3";
    CHECK_INT(sv_numbers_extract(sc, SV_LANG_EN, bad, sizeof bad - 1, &v, &n), SV_OK);
    CHECK(n == 2 && v[0].value == 5e6 && v[1].value == 7 && v[1].end == sizeof bad - 2);
    free(v);
    char key[8];
    sv_number k;
    memset(&k, 0, sizeof k);
    k.kind = SV_NUM_ORDINAL;
    k.value = 13;
    CHECK_INT(sv_number_key(&k, key, sizeof key), 6);
    CHECK_STR(key, "ord:13");
    k.kind = SV_NUM_CARDINAL;
    k.value = 8.4e9;
    CHECK_INT(sv_number_key(&k, key, sizeof key), 12); /* truncated like snprintf */
    CHECK_STR(key, "n:84000");
    CHECK_INT(sv_number_key(&k, NULL, 0), 12);
    CHECK_STR(sv_num_kind_name(SV_NUM_TIMES), "times");
    CHECK_INT(sv_currency_family("BYN"), sv_currency_family("RUB"));
    CHECK(sv_currency_family("EUR") != sv_currency_family("USD"));
    CHECK_INT(sv_currency_family(""), 0);
    sv_numscan_free(NULL);
}

/* A long text: the token window slides; every number is found once and
 * spans stay right. */
static void test_long(void)
{
    sv_buf b = SV_BUF_INIT;
    for (int i = 0; i < 5000; i++)
        sv_buf_printf(&b, "Item %d costs $%d million, word word word. ", i, i + 1);
    sv_number *v;
    size_t n, len;
    char *t = sv_buf_detach(&b, &len);
    CHECK_INT(sv_numbers_extract(sc, SV_LANG_EN, t, len, &v, &n), SV_OK);
    CHECK_INT(n, 10000);
    int ok = 1;
    for (size_t i = 0; i + 1 < n && ok; i += 2) {
        ok &= v[i].value == (double)(i / 2) && v[i + 1].value == (double)(i / 2 + 1) * 1e6;
        ok &= v[i + 1].kind == SV_NUM_MONEY && t[v[i + 1].start] == '$';
    }
    CHECK(ok);
    free(v);
    free(t);
}

/* What the consistency checker (tm/qa.c) relies on: approximations are
 * marked but compare equal, and both ends of a range are numbers. */
static void test_for_check(void)
{
    static const struct {
        sv_lang lang;
        const char *text;
        double value;
        int approx;
    } approx[] = {
        {EN, "almost 500 people", 500, 1},          {RU, "почти 500 человек", 500, 1},
        {EN, "about 40,000 new cases", 40000, 1},   {RU, "около 40 000 новых случаев", 40000, 1},
        {EN, "more than 1,000 tractors", 1000, 1},  {RU, "более 1000 тракторов", 1000, 1},
        {RU, "свыше 380 тысяч людей", 380000, 1},   {EN, "at least 384 people", 384, 1},
        {EN, "exactly 384 people", 384, 0},         {RU, "ровно 384 человека", 384, 0},
    };
    for (size_t i = 0; i < sizeof approx / sizeof approx[0]; i++) {
        sv_number *v;
        size_t n;
        CHECK_INT(sv_numbers_extract(sc, approx[i].lang, approx[i].text, strlen(approx[i].text), &v, &n),
                  SV_OK);
        CHECK_INT(n, 1);
        if (n == 1) {
            CHECK_NEAR(v[0].value, approx[i].value, 0);
            CHECK_INT(v[0].approx, approx[i].approx);
        }
        free(v);
    }
    /* an approximate number equals the exact one */
    sv_number a = first(EN, "almost 500"), b = first(RU, "500");
    CHECK_INT(sv_number_compare(&a, &b), SV_NUMEQ_SAME);
    a = first(EN, "more than $500 million");
    b = first(RU, "более полумиллиарда долларов");
    CHECK_INT(sv_number_compare(&a, &b), SV_NUMEQ_SAME);
    /* ranges: two numbers, flagged when written with a dash */
    const char *t = "70-90% мужчин";
    sv_number *v;
    size_t n;
    CHECK_INT(sv_numbers_extract(sc, RU, t, strlen(t), &v, &n), SV_OK);
    CHECK_INT(n, 2);
    if (n == 2) {
        CHECK_INT(v[0].kind, SV_NUM_PERCENT);
        CHECK_INT(v[1].kind, SV_NUM_PERCENT);
        CHECK(v[0].flags & SV_NUMF_RANGE);
        CHECK(v[1].flags & SV_NUMF_RANGE);
    }
    free(v);
    t = "1 to 4 inches of rain";
    CHECK_INT(sv_numbers_extract(sc, EN, t, strlen(t), &v, &n), SV_OK);
    CHECK_INT(n, 2);
    if (n == 2) {
        CHECK_NEAR(v[0].value, 1, 0);
        CHECK_NEAR(v[1].value, 4, 0);
        CHECK_INT(v[1].end, strlen("1 to 4")); /* the unit is not part of the span */
    }
    free(v);
    t = "от 2,5 до 10 см";
    CHECK_INT(sv_numbers_extract(sc, RU, t, strlen(t), &v, &n), SV_OK);
    CHECK_INT(n, 2);
    if (n == 2) {
        CHECK_NEAR(v[0].value, 2.5, 1e-12);
        CHECK(v[0].flags & SV_NUMF_FRACTION);
        CHECK_NEAR(v[1].value, 10, 0);
    }
    free(v);
}

int main(void)
{
    if (sv_numscan_new(&sc, NULL) != SV_OK)
        return 1;
    RUN(test_table);
    RUN(test_equality);
    RUN(test_fields);
    RUN(test_api);
    RUN(test_long);
    RUN(test_for_check);
    sv_numscan_free(sc);
    return harness_end();
}
