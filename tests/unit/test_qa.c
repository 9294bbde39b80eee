/* test_qa.c - the consistency checks over small aligned pairs: numbers
 * (equal in other words, changed, converted units, absent), quotations,
 * names, and the byte spans of findings. */
#include <stdlib.h>

#include "../../align/pipeline.h"
#include "../../tm/qa.h"
#include "harness.h"

static sv_pipeline *pl;

/* Aligns en and ru (texts in memory) and checks them; returns the
 * findings (caller frees) and keeps the bitext in *bt (caller frees). */
static sv_qa_findings run(const char *en, const char *ru, const sv_qa_opts *o, sv_bitext *bt)
{
    sv_qa_findings f = SV_QA_FINDINGS_INIT;
    memset(bt, 0, sizeof *bt);
    sv_diags *d = sv_diags_new();
    sv_qa *q = NULL;
    if (sv_pipeline_run(pl, "en.txt", en, strlen(en), "ru.txt", ru, strlen(ru), 1, bt, d) != SV_OK ||
        sv_qa_new(o, &q, d) != SV_OK || sv_qa_check_bitext(q, bt, &f, d) != SV_OK)
        harness_fail(__FILE__, __LINE__, "check failed on %s", en);
    sv_qa_free(q);
    sv_diags_free(d);
    return f;
}

static size_t count(const sv_qa_findings *f, sv_qa_kind k)
{
    return f->by_kind[k];
}

typedef struct {
    const char *en, *ru;
    int mismatches;
} ncase;

static const ncase numbers[] = {
    /* the equivalences are no mismatch */
    {"In 2023, the trade exceeded $500 million.", "В 2023 году товарооборот превысил полмиллиарда долларов.", 0},
    {"The region has become the 13th biggest consumer of our imports.", "Регион вышел на 13-е место по объемам импорта.", 0},
    {"The cost of joint projects has soared 10 times.", "Стоимость совместных проектов возросла в 10 раз.", 0},
    {"Two years passed since their last meeting.", "С их последней встречи прошло два года.", 0},
    {"Over the past three years the cost grew.", "За последние три года стоимость выросла.", 0},
    /* approximations and ranges */
    {"Almost 500 people came to the square.", "На площадь пришли почти 500 человек.", 0},
    {"More than 1,000 tractors were sold.", "Было продано более 1000 тракторов.", 0},
    {"Prices rose by 2.5% in 2019-2020.", "В 2019-2020 годах цены выросли на 2,5%.", 0},
    /* converted measurements */
    {"The storm dropped 4 inches of rain on the city.", "Шторм принес в город 10 см осадков.", 0},
    {"Temperatures could reach 80 degrees on Tuesday.", "Во вторник температура может подняться до 27 градусов.", 0},
    {"Waves as high as 20 feet hit the coast.", "На берег обрушились волны высотой до 6 метров.", 0},
    /* the seed pair's difference and other changes */
    {"The total cost has approached RUB8.5 billion.", "Общая стоимость составила 8,4 млрд российских рублей.", 1},
    {"Exports grew by 12% last year.", "В прошлом году экспорт вырос на 15%.", 1},
    {"The plant produced 500 tractors in 2023.", "В 2022 году завод выпустил 500 тракторов.", 1},
    {"The meeting began at 11:30 in Minsk.", "Встреча началась в Минске в 12:30.", 1},
    {"He finished 34th in the race.", "Он занял в гонке 33-е место.", 1},
    {"The agreement was signed on 10 June.", "Соглашение было подписано 12 июня.", 1},
};

static void test_numbers(void)
{
    sv_qa_opts o;
    sv_qa_opts_init(&o);
    o.checks = SV_QA_CHECK(SV_QA_NUMBER_MISMATCH);
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
        sv_bitext bt;
        sv_qa_findings f = run(numbers[i].en, numbers[i].ru, &o, &bt);
        if ((int)count(&f, SV_QA_NUMBER_MISMATCH) != numbers[i].mismatches)
            harness_fail(__FILE__, __LINE__, "case %zu (%s): %zu mismatches, want %d%s%s", i,
                         numbers[i].en, count(&f, SV_QA_NUMBER_MISMATCH), numbers[i].mismatches,
                         f.n ? ": " : "", f.n ? f.v[0].message : "");
        else
            harness_passed++;
        sv_qa_findings_free(&f);
        sv_bitext_free(&bt);
    }
}

static void test_number_spans(void)
{
    sv_qa_opts o;
    sv_qa_opts_init(&o);
    o.checks = SV_QA_CHECK(SV_QA_NUMBER_MISMATCH);
    const char *en = "Main news\n\nThe  total cost of the joint projects has approached RUB8.5 billion.";
    const char *ru = "Главное\n\nОбщая стоимость составила 8,4 млрд\u00a0российских рублей.";
    sv_bitext bt;
    sv_qa_findings f = run(en, ru, &o, &bt);
    CHECK_INT(f.n, 1);
    if (f.n == 1) {
        const sv_qa_finding *x = &f.v[0];
        CHECK_INT(x->kind, SV_QA_NUMBER_MISMATCH);
        CHECK_INT(x->src.nvalues, 1);
        CHECK_INT(x->src.nmarks, 1);
        CHECK_STR(x->src.values[0], "RUB8.5 billion");
        /* the marks are byte spans of the document text (white space as written) */
        CHECK(x->src.marks[0].end - x->src.marks[0].start == strlen("RUB8.5 billion") &&
              !memcmp(en + x->src.marks[0].start, "RUB8.5 billion", strlen("RUB8.5 billion")));
        const char *want = "8,4 млрд\u00a0российских рублей";
        CHECK(x->tgt.nmarks == 1 && x->tgt.marks[0].end - x->tgt.marks[0].start == strlen(want) &&
              !memcmp(ru + x->tgt.marks[0].start, want, strlen(want)));
        CHECK_INT(x->src.line, 3);
        CHECK_INT(x->tgt.line, 3);
        CHECK(strstr(x->message, "8500000000 RUB") && strstr(x->message, "8400000000 RUB"));
    }
    sv_qa_findings_free(&f);
    sv_bitext_free(&bt);
}

static void test_absent(void)
{
    sv_qa_opts o;
    sv_qa_opts_init(&o);
    o.checks = SV_QA_CHECK(SV_QA_NUMBER_MISMATCH);
    const char *en = "The plant produced 500 tractors for the farms of the region.";
    const char *ru = "Завод выпустил трактора для хозяйств области.";
    sv_bitext bt;
    sv_qa_findings f = run(en, ru, &o, &bt);
    CHECK_INT(f.n, 0);
    sv_qa_findings_free(&f);
    sv_bitext_free(&bt);
    o.absent_numbers = 1;
    f = run(en, ru, &o, &bt);
    CHECK_INT(f.n, 1);
    if (f.n == 1) {
        CHECK(strstr(f.v[0].message, "only in the source") != NULL);
        CHECK(f.v[0].src.nvalues == 1 && !strcmp(f.v[0].src.values[0], "500"));
        CHECK(f.v[0].tgt.present && f.v[0].tgt.nvalues == 0);
    }
    sv_qa_findings_free(&f);
    sv_bitext_free(&bt);
}

static void test_quotes(void)
{
    sv_qa_opts o;
    sv_qa_opts_init(&o);
    o.checks = SV_QA_CHECK(SV_QA_QUOTE_MISSING);
    /* quoted in one, reported in the other: fine */
    const char *en = "“Back then in Minsk we outlined a number of important areas of cooperation,” "
                     "said the Belarusian leader.";
    const char *ru = "По его словам, тогда в Минске наметили ряд важных направлений для сотрудничества.";
    sv_bitext bt;
    sv_qa_findings f = run(en, ru, &o, &bt);
    CHECK_INT(f.n, 0);
    sv_qa_findings_free(&f);
    sv_bitext_free(&bt);
    /* quoted in one, plain narration in the other */
    const char *ru2 = "Тогда в Минске наметили ряд важных направлений для сотрудничества.";
    f = run(en, ru2, &o, &bt);
    CHECK_INT(count(&f, SV_QA_QUOTE_MISSING), 1);
    if (f.n == 1) {
        CHECK(f.v[0].src.present && f.v[0].src.nvalues == 1);
        CHECK(strstr(f.v[0].src.values[0], "Back then in Minsk") == f.v[0].src.values[0]);
        CHECK(f.v[0].tgt.present);
        CHECK(strstr(f.v[0].message, "neither quote nor report speech") != NULL);
    }
    sv_qa_findings_free(&f);
    sv_bitext_free(&bt);
    /* a short quoted name is no quotation */
    f = run("MTZ and Gomselmash took part in the tender.", "МТЗ и «Гомсельмаш» участвовали в конкурсе.", &o, &bt);
    CHECK_INT(f.n, 0);
    sv_qa_findings_free(&f);
    sv_bitext_free(&bt);
}

static void test_names(void)
{
    sv_qa_opts o;
    sv_qa_opts_init(&o);
    o.checks = SV_QA_CHECK(SV_QA_NAME_MISMATCH);
    sv_bitext bt;
    sv_qa_findings f = run("Governor Alexander Gusev met the delegation in Voronezh.",
                           "Губернатор Александр Гусев встретился с делегацией в Воронеже.", &o, &bt);
    CHECK_INT(f.n, 0);
    sv_qa_findings_free(&f);
    sv_bitext_free(&bt);
    f = run("Governor Alexander Gusev met the delegation in Voronezh.",
            "Губернатор Александр Гусаков встретился с делегацией в Воронеже.", &o, &bt);
    CHECK_INT(count(&f, SV_QA_NAME_MISMATCH), 1);
    if (f.n == 1) {
        CHECK(f.v[0].src.nvalues == 1 && !strcmp(f.v[0].src.values[0], "Gusev"));
        CHECK(f.v[0].tgt.nvalues == 1 && !strcmp(f.v[0].tgt.values[0], "Гусаков"));
    }
    sv_qa_findings_free(&f);
    sv_bitext_free(&bt);
    /* English names in Russian letters */
    f = run("Ryder Cup captain Thomas Bjorn praised Jones and Willoughby.",
            "Капитан команды на Кубке Райдера Томас Бьорн похвалил Джонса и Уиллоуби.", &o, &bt);
    CHECK_INT(f.n, 0);
    if (f.n)
        fprintf(stderr, "  %s\n", f.v[0].message);
    sv_qa_findings_free(&f);
    sv_bitext_free(&bt);
}

static void test_kinds(void)
{
    sv_qa_kind k;
    CHECK(sv_qa_kind_parse("numbers", &k) == 0 && k == SV_QA_NUMBER_MISMATCH);
    CHECK(sv_qa_kind_parse("quote-missing", &k) == 0 && k == SV_QA_QUOTE_MISSING);
    CHECK(sv_qa_kind_parse("tm", &k) == 0 && k == SV_QA_TM_INCONSISTENCY);
    CHECK(sv_qa_kind_parse("bogus", &k) == -1);
    CHECK_STR(sv_qa_kind_name(SV_QA_NAME_MISMATCH), "name-mismatch");
    sv_qa_findings f = SV_QA_FINDINGS_INIT;
    sv_qa_findings_free(&f); /* empty: a no-op */
    CHECK(sv_qa_check_bitext(NULL, NULL, &f, NULL) == SV_ERR_ARG);
}

int main(void)
{
    sv_pipeline_opts po;
    sv_pipeline_opts_init(&po);
    if (sv_pipeline_new(&po, &pl, NULL) != SV_OK) {
        printf("0 passed, 1 failed\n");
        return 1;
    }
    RUN(test_numbers);
    RUN(test_number_spans);
    RUN(test_absent);
    RUN(test_quotes);
    RUN(test_names);
    RUN(test_kinds);
    sv_pipeline_free(pl);
    return harness_end();
}
