/* test_align.c - the sentence aligner: links on real translations, omissions,
 * merged sentences, language order, bad requests, coarse-to-fine against the
 * full dynamic programme, and the same links whatever the thread count. */
#include <stdio.h>
#include <stdlib.h>

#include "../../align/align.h"
#include "../../align/lexicon.h"
#include "../../align/pipeline.h"
#include "../../base/buf.h"
#include "../../base/fileio.h"
#include "harness.h"

static sv_lexicon *lex;

/* Runs the pipeline on two texts; opts may be NULL. */
static int run(const char *en, const char *ru, const sv_align_opts *ao, int all, sv_bitext *bt)
{
    sv_pipeline_opts po;
    sv_pipeline_opts_init(&po);
    if (ao)
        po.align = *ao;
    po.align.lexicon = lex;
    sv_pipeline *p;
    sv_diags *d = sv_diags_new();
    int ok = sv_pipeline_new(&po, &p, d) == SV_OK &&
             sv_pipeline_run(p, "en.txt", en, strlen(en), "ru.txt", ru, strlen(ru), all, bt, d) ==
                 SV_OK;
    if (!ok)
        for (size_t i = 0; i < sv_diags_count(d); i++)
            fprintf(stderr, "  %s\n", sv_diags_get(d, i)->message);
    sv_pipeline_free(p);
    sv_diags_free(d);
    return ok;
}

static const char *EN =
    "Police arrest man, 32, on suspicion of murder after woman is stabbed to death\n\n"
    "A murder investigation has been launched after a woman's body was found in Birkenhead "
    "this morning. The 44-year-old was found at 7.55am with stab wounds on Grayson Mews. "
    "A 32-year-old man has been arrested on suspicion of murder.\n\n"
    "Police have urged people in the area who saw or heard anything to come forward.\n";
static const char *RU =
    "Полиция арестовала 32-летнего мужчину, подозреваемого в убийстве женщины\n\n"
    "Сегодня утром в Биркенхеде было обнаружено тело женщины, начато расследование убийства. "
    "Тело 44-летней женщины с колотыми ранами было найдено в 7:55 в Грейсон Мьюз. "
    "По подозрению в убийстве арестован 32-летний мужчина.\n\n"
    "Полиция просит местных жителей, которые что-то видели или слышали, сообщить об этом.\n";

static void test_translation(void)
{
    sv_bitext bt;
    CHECK(run(EN, RU, NULL, 0, &bt));
    CHECK_INT(bt.src.segs->n, 5);
    CHECK_INT(bt.tgt.segs->n, 5);
    CHECK_INT(bt.nlinks, 5);
    int diagonal = 1, scores = 1;
    for (size_t i = 0; i < bt.nlinks; i++) {
        const sv_link *l = &bt.links[i];
        diagonal &= l->src == i && l->tgt == i && l->nsrc == 1 && l->ntgt == 1;
        scores &= l->score > 0.8 && l->score <= 1.0;
    }
    CHECK(diagonal);
    CHECK(scores);
    CHECK_STR(sv_link_bead(&bt.links[0]), "1-1");
    sv_bitext_free(&bt);
}

static void test_omission_and_order(void)
{
    /* the Russian drops the second sentence of the first paragraph */
    const char *ru =
        "Полиция арестовала 32-летнего мужчину, подозреваемого в убийстве женщины\n\n"
        "Сегодня утром в Биркенхеде было обнаружено тело женщины, начато расследование "
        "убийства. По подозрению в убийстве арестован 32-летний мужчина.\n\n"
        "Полиция просит местных жителей, которые что-то видели или слышали, сообщить об этом.\n";
    sv_bitext bt;
    CHECK(run(EN, ru, NULL, 1, &bt));
    size_t links = 0, lone_en = 0;
    int bad = 0;
    for (size_t i = 0; i < bt.nlinks; i++) {
        const sv_link *l = &bt.links[i];
        if (l->nsrc && l->ntgt) {
            links++;
            bad |= l->src == 2; /* the dropped sentence must not be linked */
        } else if (l->nsrc) {
            lone_en += l->src == 2;
        }
    }
    CHECK_INT(links, 4);
    CHECK(!bad);
    CHECK_INT(lone_en, 1);
    sv_bitext_free(&bt);
    /* the same pair with Russian as the source: the links turn round */
    sv_bitext a, b;
    CHECK(run(EN, RU, NULL, 0, &a));
    sv_pipeline_opts po;
    sv_pipeline_opts_init(&po);
    po.align.lexicon = lex;
    sv_pipeline *p;
    CHECK(sv_pipeline_new(&po, &p, NULL) == SV_OK);
    CHECK(sv_pipeline_run(p, "ru.txt", RU, strlen(RU), "en.txt", EN, strlen(EN), 0, &b, NULL) ==
          SV_OK);
    CHECK_INT(b.src.lang, SV_LANG_RU);
    CHECK_INT(a.nlinks, b.nlinks);
    int same = a.nlinks == b.nlinks;
    for (size_t i = 0; same && i < a.nlinks; i++)
        same = a.links[i].src == b.links[i].tgt && a.links[i].tgt == b.links[i].src;
    CHECK(same);
    sv_bitext_free(&a);
    sv_bitext_free(&b);
    sv_pipeline_free(p);
}

static void test_merge(void)
{
    /* one English sentence made of two Russian ones */
    const char *en =
        "The total cost of the joint projects rose tenfold over three years, to 8.4 billion "
        "Russian roubles, the Belarusian leader said.\n";
    const char *ru = "Общая стоимость совместных проектов за три года возросла в 10 раз. В "
                     "денежном выражении это 8,4 млрд российских рублей, сообщил белорусский "
                     "лидер.\n";
    sv_bitext bt;
    CHECK(run(en, ru, NULL, 0, &bt));
    CHECK_INT(bt.nlinks, 1);
    if (bt.nlinks == 1) {
        CHECK_INT(bt.links[0].nsrc, 1);
        CHECK_INT(bt.links[0].ntgt, 2);
        CHECK_STR(sv_link_bead(&bt.links[0]), "1-2");
    }
    sv_bitext_free(&bt);
}

static void test_errors(void)
{
    sv_bitext bt;
    sv_pipeline_opts po;
    sv_pipeline_opts_init(&po);
    sv_pipeline *p;
    sv_diags *d = sv_diags_new();
    CHECK(sv_pipeline_new(&po, &p, d) == SV_OK);
    /* two English texts */
    CHECK_INT(sv_pipeline_run(p, "a.txt", EN, strlen(EN), "b.txt", EN, strlen(EN), 0, &bt, d),
              SV_ERR_INPUT);
    CHECK(sv_diags_count_severity(d, SV_ERROR) > 0);
    sv_pipeline_free(p);
    /* empty texts align to nothing */
    CHECK_INT(sv_pipeline_new(&po, &p, d), SV_OK);
    CHECK_INT(sv_pipeline_load(p, "e.txt", "", 0, SV_LANG_EN, &bt.src, d), SV_OK);
    CHECK_INT(sv_pipeline_load(p, "r.txt", "", 0, SV_LANG_RU, &bt.tgt, d), SV_OK);
    bt.links = NULL;
    bt.nlinks = 0;
    CHECK_INT(sv_pipeline_align(p, &bt, 1, d), SV_OK);
    CHECK_INT(bt.nlinks, 0);
    sv_bitext_free(&bt);
    sv_pipeline_free(p);
    /* a weight that does not exist */
    sv_align_opts ao;
    sv_align_opts_init(&ao);
    ao.weights = "bogus=1";
    sv_aligner *al;
    CHECK_INT(sv_aligner_new(&ao, &al, d), SV_ERR_ARG);
    ao.weights = "b21=-3,nolex.len=-1";
    CHECK_INT(sv_aligner_new(&ao, &al, d), SV_OK);
    sv_aligner_free(al);
    sv_aligner_free(NULL);
    CHECK_STR(sv_align_feature_name(0), "bias");
    CHECK(sv_align_feature_name(1000) == NULL);
    sv_diags_free(d);
}

/* The first ndocs NTREX documents in one text. */
static char *concat(const char *lang, int ndocs)
{
    sv_buf b = SV_BUF_INIT;
    for (int k = 1; k <= ndocs; k++) {
        char path[128];
        snprintf(path, sizeof path, "corpora/ntrex_enru/doc%03d.%s.txt", k, lang);
        char *data;
        size_t len;
        if (sv_file_read(path, 1 << 20, &data, &len, NULL) != SV_OK)
            continue;
        sv_buf_append(&b, data, len);
        sv_buf_puts(&b, "\n\n");
        free(data);
    }
    return sv_buf_detach(&b, NULL);
}

/* Share of the links of a that b has too. */
static double agreement(const sv_bitext *a, const sv_bitext *b)
{
    size_t same = 0, j = 0;
    for (size_t i = 0; i < a->nlinks; i++) {
        while (j < b->nlinks && b->links[j].src < a->links[i].src)
            j++;
        same += j < b->nlinks && b->links[j].src == a->links[i].src &&
                b->links[j].tgt == a->links[i].tgt && b->links[j].nsrc == a->links[i].nsrc &&
                b->links[j].ntgt == a->links[i].ntgt;
    }
    return a->nlinks ? (double)same / (double)a->nlinks : 0;
}

static void test_coarse_to_fine(void)
{
    char *en = concat("en", 40), *ru = concat("ru", 40);
    sv_bitext full, coarse;
    sv_align_opts ao;
    sv_align_opts_init(&ao);
    CHECK(run(en, ru, &ao, 0, &full));
    ao.full_dp_cells = 1000; /* forces several levels */
    CHECK(run(en, ru, &ao, 0, &coarse));
    CHECK(full.nlinks > 550);
    double agree = agreement(&full, &coarse);
    if (agree < 0.98)
        fprintf(stderr, "  coarse-to-fine agrees on %.4f of the links\n", agree);
    CHECK(agree >= 0.98); /* measured: 0.985 */
    sv_bitext_free(&full);
    sv_bitext_free(&coarse);
    free(en);
    free(ru);
}

static void test_threads(void)
{
    /* long enough for several chunks of 256 sentences */
    char *en = concat("en", 123), *ru = concat("ru", 123);
    sv_bitext one, two;
    sv_align_opts ao;
    sv_align_opts_init(&ao);
    ao.full_dp_cells = 100000;
    ao.chunk_rows = 256;
    ao.threads = 1;
    CHECK(run(en, ru, &ao, 1, &one));
    ao.threads = 2;
    CHECK(run(en, ru, &ao, 1, &two));
    CHECK(one.src.segs->n > 1800);
    CHECK_INT(one.nlinks, two.nlinks);
    int same = one.nlinks == two.nlinks;
    for (size_t i = 0; same && i < one.nlinks; i++)
        same = one.links[i].src == two.links[i].src && one.links[i].tgt == two.links[i].tgt &&
               one.links[i].nsrc == two.links[i].nsrc && one.links[i].ntgt == two.links[i].ntgt &&
               one.links[i].score == two.links[i].score;
    CHECK(same);
    size_t linked = 0;
    for (size_t i = 0; i < one.nlinks; i++)
        linked += one.links[i].nsrc && one.links[i].ntgt;
    /* a translation: nearly every sentence is linked */
    CHECK(linked > one.src.segs->n * 9 / 10);
    sv_bitext_free(&one);
    sv_bitext_free(&two);
    free(en);
    free(ru);
}

static void test_dump(void)
{
    sv_bitext bt;
    CHECK(run(EN, RU, NULL, 0, &bt));
    sv_align_opts ao;
    sv_align_opts_init(&ao);
    ao.lexicon = lex;
    sv_aligner *al;
    CHECK_INT(sv_aligner_new(&ao, &al, NULL), SV_OK);
    sv_buf out = SV_BUF_INIT;
    CHECK_INT(sv_align_dump_features(al, bt.src.segs->v, bt.src.segs->n, bt.src.lang,
                                     bt.tgt.segs->v, bt.tgt.segs->n, bt.tgt.lang, &out, NULL),
              SV_OK);
    const char *t = sv_buf_cstr(&out);
    CHECK(strncmp(t, "src\tnsrc\ttgt\tntgt\tsrc_start", 27) == 0);
    size_t lines = 0, cols_ok = 1, nf = 0;
    while (sv_align_feature_name((int)nf))
        nf++;
    for (const char *l = t; *l;) {
        const char *e = strchr(l, '\n');
        size_t tabs = 0;
        for (const char *q = l; q < e; q++)
            tabs += *q == '\t';
        cols_ok &= tabs == 8 + nf - 1;
        lines++;
        l = e + 1;
    }
    CHECK(lines > 25);
    CHECK(cols_ok);
    sv_buf_free(&out);
    sv_aligner_free(al);
    sv_bitext_free(&bt);
}

int main(void)
{
    sv_lexicon_opts lo;
    sv_lexicon_opts_init(&lo);
    if (sv_lexicon_load(&lo, &lex, NULL) != SV_OK) {
        fprintf(stderr, "test_align: no Mueller dictionary (make deps); without it\n");
        lex = NULL;
    }
    RUN(test_translation);
    RUN(test_omission_and_order);
    RUN(test_merge);
    RUN(test_errors);
    RUN(test_coarse_to_fine);
    RUN(test_threads);
    RUN(test_dump);
    sv_lexicon_free(lex);
    return harness_end();
}
