/* test_quotes.c - quotation extraction (marks, nesting, paragraphs),
 * attributions, speech versus term, and reported speech. */
#include <stdlib.h>

#include "../../base/buf.h"
#include "../../tm/quotes.h"
#include "harness.h"

/* The quotes of text as "kind:inner" (">" per nesting level, "@attribution"
 * when there is one, "~" when unclosed), joined by " | ". */
static char *describe(sv_lang lang, const char *text)
{
    sv_quote *v = NULL;
    size_t n = 0;
    sv_buf b = SV_BUF_INIT;
    if (sv_quotes_extract(lang, text, strlen(text), &v, &n) != SV_OK) {
        sv_buf_puts(&b, "ERROR");
        return sv_buf_detach(&b, NULL);
    }
    for (size_t i = 0; i < n; i++) {
        if (i)
            sv_buf_puts(&b, " | ");
        for (unsigned d = 0; d < v[i].depth; d++)
            sv_buf_putc(&b, '>');
        sv_buf_printf(&b, "%s%s:%.*s", v[i].closed ? "" : "~", v[i].kind == SV_QUOTE_SPEECH ? "S" : "T",
                      (int)(v[i].inner_end - v[i].inner_start), text + v[i].inner_start);
        if (v[i].attr_end > v[i].attr_start)
            sv_buf_printf(&b, " @%.*s", (int)(v[i].attr_end - v[i].attr_start), text + v[i].attr_start);
    }
    free(v);
    return sv_buf_detach(&b, NULL);
}

typedef struct {
    sv_lang lang;
    const char *text;
    const char *want;
} qcase;

#define EN SV_LANG_EN
#define RU SV_LANG_RU

static const qcase cases[] = {
    /* the seed pair, English (BelTA) */
    {EN, "“Back then in Minsk we outlined a number of important areas of cooperation,” said the Belarusian leader.",
     "S:Back then in Minsk we outlined a number of important areas of cooperation, @said the Belarusian leader"},
    {EN, "“Largely thanks to your efforts, Voronezh Oblast has become one of the most important partners of our country.”",
     "S:Largely thanks to your efforts, Voronezh Oblast has become one of the most important partners of our country."},
    {EN, "The region [Voronezh Oblast] has become the 13th biggest consumer,” the president said.", ""},
    {EN, "In 2023, the trade exceeded $500 million. “It’s a good result, but we should strive for the coveted billion. The region has become the 13th biggest consumer,” the president said.",
     "S:It’s a good result, but we should strive for the coveted billion. The region has become the 13th biggest consumer, @the president said"},
    {EN, "“We will be glad to see you in the top five in terms of consumption,” noted Aleksandr Lukashenko.",
     "S:We will be glad to see you in the top five in terms of consumption, @noted Aleksandr Lukashenko"},
    {EN, "“We are the ones who walk the talk,” the Belarusian leader assured.",
     "S:We are the ones who walk the talk, @the Belarusian leader assured"},
    {EN, "“Belarusian specialists were involved in the renovation of the main sports facility [of Voronezh] - the Central Trade Unions Stadium. I am sure, after the renovation this facility will become one of the best,” the head of state added.",
     "S:Belarusian specialists were involved in the renovation of the main sports facility [of Voronezh] - the Central Trade Unions Stadium. I am sure, after the renovation this facility will become one of the best, @the head of state added"},
    {EN, "“This is a must if you want to supply equipment,” the head of state emphasized.",
     "S:This is a must if you want to supply equipment, @the head of state emphasized"},
    /* the seed pair, Russian (Sputnik) */
    {RU, "«Время движется стремительно. Кажется, не так давно мы с Вами встречались, а прошло уже два года». сказал Лукашенко.",
     "S:Время движется стремительно. Кажется, не так давно мы с Вами встречались, а прошло уже два года @сказал Лукашенко"},
    {RU, "«Ваш регион вышел на 13-е место в России по объемам экспорта из нашей страны», — уточнил он.",
     "S:Ваш регион вышел на 13-е место в России по объемам экспорта из нашей страны @— уточнил он"},
    {RU, "«Общая стоимость проектов за последние три года возросла в 10 раз. В денежном выражении это 8,4 млрд российских рублей», — сообщил белорусский лидер.",
     "S:Общая стоимость проектов за последние три года возросла в 10 раз. В денежном выражении это 8,4 млрд российских рублей @— сообщил белорусский лидер"},
    {RU, "Лукашенко: нужно стремиться к «заветному миллиарду» с Воронежской областью",
     "T:заветному миллиарду"},
    {RU, "а МТЗ, «Гомсельмаш», «Амкодор» — в конкурсах на поставку техники.",
     "T:Гомсельмаш | T:Амкодор"},
    {RU, "«Наконец-то благодаря обстоятельствам мы поняли, кто есть кто, кто настоящие друзья», — подытожил белорусский лидер.",
     "S:Наконец-то благодаря обстоятельствам мы поняли, кто есть кто, кто настоящие друзья @— подытожил белорусский лидер"},
    {RU, "«Вы хорошо знакомы с производимой в Беларуси техникой. Почти вся линейка используется в Воронежской области».\nподчеркнул президент Беларуси.",
     "S:Вы хорошо знакомы с производимой в Беларуси техникой. Почти вся линейка используется в Воронежской области"},
    /* attribution before the quotation */
    {RU, "Лукашенко заявил: «Мы готовы к переговорам в любое время».",
     "S:Мы готовы к переговорам в любое время @Лукашенко заявил:"},
    {EN, "He said: “We are ready to talk at any time.”", "S:We are ready to talk at any time. @He said:"},
    {RU, "По словам президента, «сотрудничество будет только расширяться».",
     "S:сотрудничество будет только расширяться @По словам президента,"},
    /* nesting */
    {RU, "«Мы подписали контракт с „Белшиной“ на поставку шин», — сказал директор.",
     "S:Мы подписали контракт с „Белшиной“ на поставку шин @— сказал директор | >T:Белшиной"},
    {RU, "«Компания «Белшина» выполнит заказ в срок», — заверил министр.",
     "S:Компания «Белшина» выполнит заказ в срок @— заверил министр | >T:Белшина"},
    {EN, "“They told us ‘never again’ and we believed them,” she said.",
     "S:They told us ‘never again’ and we believed them, @she said | >T:never again"},
    {EN, "\"We heard him shout 'get out' twice,\" the witness told police.",
     "S:We heard him shout 'get out' twice, @the witness told police | >T:get out"},
    {RU, "«Он сказал: „Мы не отступим ни на шаг“, и мы поверили», — вспоминает ветеран.",
     "S:Он сказал: „Мы не отступим ни на шаг“, и мы поверили @— вспоминает ветеран | >T:Мы не отступим ни на шаг"},
    /* straight quotes */
    {EN, "\"It is a good result,\" the minister said.", "S:It is a good result, @the minister said"},
    {EN, "The company \"Belaruskali\" exports potash.", "T:Belaruskali"},
    {EN, "Welsh AMs worried about 'looking like muppets'", "T:looking like muppets"},
    {EN, "The AMs' pay and the children's toys don't count.", ""},
    {EN, "It’s the ’90s again, isn’t it?", ""},
    {EN, "In the ‘90s things were different.", ""},
    /* question and exclamation, attribution with inversion */
    {EN, "“Is it true that the plant will close?” asked Mr. Lukashenko.",
     "S:Is it true that the plant will close? @asked Mr. Lukashenko"},
    {RU, "«Неужели это правда?» — спросил журналист.", "T:Неужели это правда? @— спросил журналист"},
    {RU, "«Это наша общая победа!» — воскликнул тренер после матча.",
     "S:Это наша общая победа! @— воскликнул тренер после матча"},
    /* quotes over several paragraphs (the news convention) */
    {EN, "“The first part of the statement goes on here.\n“And the second paragraph ends it,” he said.",
     "S:The first part of the statement goes on here.\n“And the second paragraph ends it, @he said"},
    {RU, "«Первая часть заявления продолжается здесь.\n«А второй абзац завершает его», — сказал он.",
     "S:Первая часть заявления продолжается здесь.\n«А второй абзац завершает его @— сказал он"},
    /* unclosed: ends with the paragraph */
    {RU, "«Мы будем работать дальше и добьемся результата.\nЭто другой абзац.",
     "~S:Мы будем работать дальше и добьемся результата."},
    /* German-style and English inner quotes in Russian */
    {RU, "„Мы рады видеть вас в Минске“, — сказал президент.",
     "S:Мы рады видеть вас в Минске @— сказал президент"},
    {RU, "Министр назвал соглашение “историческим шагом”.", "T:историческим шагом"},
    /* two quotes with an attribution between them */
    {EN, "“Yes,” he said, “we are ready to sign the agreement today.”",
     "T:Yes, @he said | S:we are ready to sign the agreement today. @he said,"},
    /* no attribution: a sentence that follows */
    {RU, "«Хорошая цифра, но к заветному миллиарду нужно стремиться». Он также отметил рост.",
     "S:Хорошая цифра, но к заветному миллиарду нужно стремиться"},
    /* long quote without anything else: speech by length */
    {EN, "Her reply was “we will never accept such terms from anyone in the government”.",
     "S:we will never accept such terms from anyone in the government"},
    /* short quote: a title */
    {EN, "He read “War and Peace” twice.", "T:War and Peace"},
    /* stray closing marks are ignored */
    {RU, "Текст с лишней кавычкой» и ещё одной” тоже.", ""},
    /* empty input */
    {EN, "", ""},
};

static void test_cases(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = describe(cases[i].lang, cases[i].text);
        if (strcmp(got, cases[i].want) != 0)
            harness_fail(__FILE__, __LINE__, "case %zu: %s\n  got  \"%s\"\n  want \"%s\"", i,
                         cases[i].text, got, cases[i].want);
        else
            harness_passed++;
        free(got);
    }
    CHECK(sizeof cases / sizeof cases[0] >= 40);
}

static void test_spans(void)
{
    const char *t = "Он сказал: «Да».";
    sv_quote *v;
    size_t n;
    CHECK(sv_quotes_extract(RU, t, strlen(t), &v, &n) == SV_OK);
    CHECK_INT(n, 1);
    if (n == 1) {
        CHECK_INT(v[0].start, strlen("Он сказал: "));
        CHECK_INT(v[0].end, strlen("Он сказал: «Да»"));
        CHECK_INT(v[0].open_mark, 0xAB);
        CHECK_INT(v[0].close_mark, 0xBB);
        CHECK_INT(v[0].words, 1);
        CHECK_INT(v[0].depth, 0);
        CHECK(v[0].closed);
    }
    free(v);
    CHECK(sv_quotes_extract(RU, NULL, 0, &v, &n) == SV_OK && n == 0 && v == NULL);
    CHECK(sv_quotes_extract(RU, t, strlen(t), NULL, &n) == SV_ERR_ARG);
}

static void test_deep_nesting(void)
{
    /* 10000 opening marks: bounded, no crash */
    sv_buf b = SV_BUF_INIT;
    for (int i = 0; i < 10000; i++)
        sv_buf_puts(&b, "«а ");
    sv_quote *v;
    size_t n;
    CHECK(sv_quotes_extract(RU, b.ptr, b.len, &v, &n) == SV_OK);
    CHECK(n <= 64);
    free(v);
    /* invalid UTF-8 acts as punctuation */
    const char bad[] = "\xAB\xff«слово\xfe» и \xe2\x80";
    CHECK(sv_quotes_extract(RU, bad, sizeof bad - 1, &v, &n) == SV_OK);
    free(v);
    sv_buf_free(&b);
}

typedef struct {
    sv_lang lang;
    const char *text;
    const char *marker; /* expected marker text, NULL: none */
} rcase;

static const rcase reported[] = {
    {RU, "По его словам, тогда в Минске наметили ряд важных направлений.", "По его словам"},
    {RU, "Лукашенко отметил, что во многом благодаря усилиям губернатора область вошла в число партнеров.", "отметил"},
    {RU, "Лукашенко также высказал уверенность в том, что реконструкция обеспечит успех.", "высказал"},
    {RU, "Воронежская область стала одним из важнейших партнеров, заявил президент.", "заявил"},
    {RU, "Лукашенко подчеркнул, что тем закрытых нет.", "подчеркнул"},
    {RU, "Лукашенко назвал ряд ключевых направлений.", NULL},
    {RU, "Товарооборот превысил полмиллиарда долларов.", NULL},
    {RU, "По мнению экспертов, спрос будет расти.", "По мнению"},
    {RU, "Сообщество экспертов собралось в Минске.", NULL},
    {RU, "Ответственность за это несет министерство.", NULL},
    {EN, "The head of state warmly welcomed the Russian governor, noting that two years passed.", "noting"},
    {EN, "According to the president, Belarusian enterprises are ready.", "According to"},
    {EN, "Belarus needs $1 billion in trade, Lukashenko said.", "said"},
    {EN, "Aleksandr Lukashenko named the most promising avenues of cooperation.", NULL},
    {EN, "In 2023, the trade exceeded $500 million.", NULL},
    {EN, "The president guaranteed that all agreements will be implemented.", "guaranteed"},
};

static void test_reported(void)
{
    for (size_t i = 0; i < sizeof reported / sizeof reported[0]; i++) {
        const rcase *c = &reported[i];
        size_t s = 0, e = 0;
        int r = sv_quotes_reported(c->lang, c->text, strlen(c->text), &s, &e);
        if (!c->marker) {
            if (r)
                harness_fail(__FILE__, __LINE__, "reported %zu: unexpected marker \"%.*s\"", i,
                             (int)(e - s), c->text + s);
            else
                harness_passed++;
        } else if (!r || e - s != strlen(c->marker) || memcmp(c->text + s, c->marker, e - s)) {
            harness_fail(__FILE__, __LINE__, "reported %zu: got \"%.*s\", want \"%s\"", i,
                         r ? (int)(e - s) : 0, c->text + s, c->marker);
        } else {
            harness_passed++;
        }
    }
    CHECK(sv_quotes_is_reporting_verb(RU, "Подчеркнула", strlen("Подчеркнула")));
    CHECK(!sv_quotes_is_reporting_verb(RU, "заметно", strlen("заметно")));
    CHECK(sv_quotes_is_reporting_verb(EN, "Said", 4));
    CHECK(!sv_quotes_is_reporting_verb(EN, "sad", 3));
}

int main(void)
{
    RUN(test_cases);
    RUN(test_spans);
    RUN(test_deep_nesting);
    RUN(test_reported);
    return harness_end();
}
