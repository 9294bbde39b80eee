/* test_lexicon.c - the Mueller reader, hunspell stems, the lexicon, lemma ids,
 * the user dictionary and sentence-pair scores.
 *
 * Most tests use the real dictionaries that `make deps` installs
 * (mueller7-dict, hunspell-en-us, hunspell-ru): missing ones fail loudly.
 * The sentence pairs marked NTREX are from NTREX-128 (Microsoft, CC BY-SA
 * 4.0; /work/shared/corpora/SOURCES.md). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "../../align/lexicon.h"
#include "../../align/morph.h"
#include "../../align/mueller.h"
#include "../../base/buf.h"
#include "harness.h"

static sv_lexicon *lx;  /* Mueller, default options */
static sv_lexctx *ctx;

static int has_diag(sv_diags *d, sv_severity sev, size_t line, const char *text)
{
    for (size_t i = 0; i < sv_diags_count(d); i++) {
        const sv_diag *g = sv_diags_get(d, i);
        if (g->severity == sev && (line == 0 || g->line == line) && strstr(g->message, text))
            return 1;
    }
    return 0;
}

/* ---- the Mueller entry parser, on entries written for this test ---- */

typedef struct {
    sv_buf pairs;   /* "en=ru;" ... */
    sv_buf aliases; /* "form>base;" ... */
} collected;

static void on_pair(void *c, const char *en, size_t el, const char *ru, size_t rl, int sense)
{
    collected *k = c;
    (void)sense;
    sv_buf_printf(&k->pairs, "%.*s=%.*s;", (int)el, en, (int)rl, ru);
}

static void on_alias(void *c, const char *f, size_t fl, const char *b, size_t bl)
{
    collected *k = c;
    sv_buf_printf(&k->aliases, "%.*s>%.*s;", (int)fl, f, (int)bl, b);
}

static void parse(const char *head, const char *body, collected *k)
{
    sv_buf_reset(&k->pairs);
    sv_buf_reset(&k->aliases);
    sv_mueller_sink sink = {on_pair, on_alias, k, 2};
    sv_mueller_parse_entry(head, strlen(head), body, strlen(body), &sink);
}

static void test_mueller_entry(void)
{
    collected k = {SV_BUF_INIT, SV_BUF_INIT};
    /* a one-line entry with a label and a comment */
    parse("kettle", "kettle\n   [\xE2\x86\x97ketl] _n. _\xD1\x80\xD0\xB0\xD0\xB7\xD0\xB3. "
                    "чайник (для воды), котелок\n", &k);
    CHECK_STR(sv_buf_cstr(&k.pairs), "kettle=чайник;kettle=котелок;");
    /* senses, an example that ends a sense, subsenses of an idiom */
    parse("walk", "walk\n   [wo:k]\n   1. _v.\n      1) ходить, гулять; to walk the dog "
                  "выгуливать собаку\n      2) бродить; walk out\n         а) выходить;\n"
                  "         б) бастовать\n   2. _n. прогулка; ходьба\n", &k);
    CHECK_STR(sv_buf_cstr(&k.pairs),
              "walk=ходить;walk=гулять;walk=бродить;walk=прогулка;walk=ходьба;");
    /* optional endings, placeholders, long and unclean translations */
    parse("wash", "wash\n   [wo\xCA\x83] _v. мыть(ся); стирать что-л.; "
                  "тщательно и долго отмывать руки; см. clean; 2-й раз\n", &k);
    CHECK_STR(sv_buf_cstr(&k.pairs), "wash=мыть;wash=мыться;wash=стирать;");
    /* a line-end hyphen joins a compound */
    parse("northeast", "northeast\n   [x] _n. северо-\n   восток\n", &k);
    CHECK_STR(sv_buf_cstr(&k.pairs), "northeast=северо-восток;");
    /* aliases: irregular forms and whole-entry cross-references */
    parse("went", "went\n   [went] _p. от go 1\n", &k);
    CHECK_STR(sv_buf_cstr(&k.aliases), "went>go;");
    CHECK_INT(k.pairs.len, 0);
    parse("geese", "geese\n   [gi:s] _pl. от goose\n", &k);
    CHECK_STR(sv_buf_cstr(&k.aliases), "geese>goose;");
    parse("colour", "colour\n   [x] = color краска\n", &k);
    CHECK_STR(sv_buf_cstr(&k.aliases), "colour>color;");
    CHECK_STR(sv_buf_cstr(&k.pairs), "colour=краска;");
    /* "= x" inside a sense is not an alias */
    parse("pail", "pail\n   [x] _n.\n   1) ведро\n   2) = bucket\n", &k);
    CHECK_INT(k.aliases.len, 0);
    CHECK_STR(sv_buf_cstr(&k.pairs), "pail=ведро;");
    /* homonyms */
    parse("bark", "bark\n   _I  [ba:k] _n. кора\n   _II [ba:k] _v. лаять\n", &k);
    CHECK_STR(sv_buf_cstr(&k.pairs), "bark=кора;bark=лаять;");
    /* garbage does not crash and gives nothing */
    parse("x", "x\n(((([[[{{{ _ _. 1) а) 9999999)\n\xFF\xFE", &k);
    CHECK_INT(k.pairs.len, 0);
    parse("x", "", &k);
    CHECK_INT(k.pairs.len, 0);
    sv_buf_free(&k.pairs);
    sv_buf_free(&k.aliases);
}

/* ---- a dictd directory made by the test ---- */

static char tmpdir[64];

static void make_tmpdir(void)
{
    strcpy(tmpdir, "/tmp/sv-lexicon-XXXXXX");
    if (!mkdtemp(tmpdir))
        abort();
}

static void write_file(const char *name, const char *data, int gz)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    if (gz) {
        gzFile f = gzopen(path, "wb");
        gzwrite(f, data, (unsigned)strlen(data));
        gzclose(f);
    } else {
        FILE *f = fopen(path, "wb");
        fputs(data, f);
        fclose(f);
    }
}

static void remove_files(void)
{
    char path[128];
    const char *names[] = {"mueller7.index", "mueller7.dict.dz"};
    for (int i = 0; i < 2; i++) {
        snprintf(path, sizeof path, "%s/%s", tmpdir, names[i]);
        unlink(path);
    }
}

/* A number in dictd's base64. */
static const char *b64(size_t v, char *out)
{
    static const char digits[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char tmp[16];
    int n = 0;
    do {
        tmp[n++] = digits[v % 64];
        v /= 64;
    } while (v);
    for (int i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = '\0';
    return out;
}

static void test_dictd_files(void)
{
    make_tmpdir();
    sv_lexicon_opts o;
    sv_lexicon_opts_init(&o);
    o.mueller_dir = tmpdir;
    sv_diags *d = sv_diags_new();
    sv_lexicon *l = NULL;
    /* nothing there: a clear NOTFOUND */
    CHECK_INT(sv_lexicon_load(&o, &l, d), SV_ERR_NOTFOUND);
    CHECK(l == NULL);
    CHECK(has_diag(d, SV_ERROR, 0, "mueller7-dict"));
    CHECK(sv_diags_count(d) == 1 && strstr(sv_diags_get(d, 0)->file, "mueller7.index"));
    /* a two-entry dictionary: offsets and lengths in dictd's base64 */
    const char *e1 = "apple\n   [x] _n. яблоко\n", *e2 = "pear\n   [x] _n. груша\n";
    char dict[128], index[128], n1[8], n2[8], n3[8];
    snprintf(dict, sizeof dict, "%s%s", e1, e2);
    write_file("mueller7.dict.dz", dict, 1);
    snprintf(index, sizeof index, "apple\tA\t%s\npear\t%s\t%s\n", b64(strlen(e1), n1),
             b64(strlen(e1), n2), b64(strlen(e2), n3));
    write_file("mueller7.index", index, 0);
    sv_diags_clear(d);
    CHECK_INT(sv_lexicon_load(&o, &l, d), SV_OK);
    CHECK_INT(sv_lexicon_size(l), 2);
    sv_lexicon_free(l);
    /* an entry past the end of the text */
    snprintf(index, sizeof index, "apple\tA\t%s\npear\t%s\t%s\n", b64(strlen(e1), n1),
             b64(strlen(e1), n2), b64(strlen(e2) + 1, n3));
    write_file("mueller7.index", index, 0);
    sv_diags_clear(d);
    CHECK_INT(sv_lexicon_load(&o, &l, d), SV_ERR_INPUT);
    CHECK(has_diag(d, SV_ERROR, 2, "malformed dictd index line"));
    /* the index without the text */
    remove_files();
    write_file("mueller7.index", "apple\tA\tY\n", 0);
    sv_diags_clear(d);
    CHECK_INT(sv_lexicon_load(&o, &l, d), SV_ERR_NOTFOUND);
    remove_files();
    /* Mueller switched off and no user dictionary: an empty lexicon */
    o.use_mueller = 0;
    sv_diags_clear(d);
    CHECK_INT(sv_lexicon_load(&o, &l, d), SV_OK);
    CHECK_INT(sv_lexicon_size(l), 0);
    sv_lexicon_free(l);
    rmdir(tmpdir);
    sv_diags_free(d);
}

/* ---- stems and lemma ids (real dictionaries) ---- */

/* The ids of a text, as a '/'-joined string of lemma names. */
static const char *names(sv_lang lang, const char *text)
{
    static sv_buf b;
    uint32_t *ids = NULL;
    size_t n = 0, cap = 0;
    sv_buf_reset(&b);
    if (sv_lexctx_lemmas(ctx, lang, text, strlen(text), &ids, &n, &cap) != SV_OK)
        return "(error)";
    for (size_t i = 0; i < n; i++) {
        if (i)
            sv_buf_putc(&b, '/');
        sv_buf_puts(&b, sv_lexctx_lemma_name(ctx, lang, ids[i]));
    }
    free(ids);
    return sv_buf_cstr(&b);
}

static uint32_t id_of(sv_lang lang, const char *word)
{
    uint32_t *ids = NULL;
    size_t n = 0, cap = 0;
    sv_lexctx_lemmas(ctx, lang, word, strlen(word), &ids, &n, &cap);
    uint32_t id = n == 1 ? ids[0] : UINT32_MAX;
    free(ids);
    return id;
}

static void test_morph(void)
{
    sv_morph *m = NULL;
    sv_diags *d = sv_diags_new();
    CHECK_INT(sv_morph_new("/nonexistent", &m, d), SV_ERR_NOTFOUND);
    CHECK(has_diag(d, SV_ERROR, 0, "hunspell-en-us"));
    CHECK_INT(sv_morph_new(NULL, &m, d), SV_OK);
    sv_buf b = SV_BUF_INIT;
    CHECK_INT(sv_morph_stems(m, SV_LANG_RU, "Воронежской", strlen("Воронежской"), &b), 1);
    CHECK_STR(b.ptr, "воронежский");
    sv_buf_reset(&b);
    CHECK_INT(sv_morph_stems(m, SV_LANG_RU, "Лукашенко", strlen("Лукашенко"), &b), 0);
    sv_buf_reset(&b);
    sv_morph_fold("ЁЛКА Straße’s", strlen("ЁЛКА Straße’s"), &b);
    CHECK_STR(b.ptr, "елка straße's");
    sv_buf_free(&b);
    sv_morph_free(m);
    sv_diags_free(d);
}

static void test_stems(void)
{
    CHECK_STR(names(SV_LANG_EN, "meetings"), "meet|meeting");
    CHECK_STR(names(SV_LANG_EN, "tractors"), "tractor");
    CHECK_STR(names(SV_LANG_EN, "children went"), "child|children/go|went");
    CHECK_STR(names(SV_LANG_RU, "Воронежской областью"), "воронежский/область");
    CHECK_STR(names(SV_LANG_RU, "ВОРОНЕЖСКОЙ"), "воронежский");
    CHECK_STR(names(SV_LANG_RU, "стали"), "сталь|стать");
    /* ё and е give one id */
    CHECK_STR(names(SV_LANG_RU, "партнёров"), "партнер");
    CHECK(id_of(SV_LANG_RU, "партнёров") == id_of(SV_LANG_RU, "партнеров"));
    CHECK(id_of(SV_LANG_RU, "встреча") == id_of(SV_LANG_RU, "Встречи"));
    CHECK(id_of(SV_LANG_RU, "встреча") != id_of(SV_LANG_RU, "встретить"));
    /* unknown words stand for themselves, folded */
    CHECK_STR(names(SV_LANG_RU, "Лукашенко"), "лукашенко");
    /* stop words, numbers, possessives, hyphens, accents */
    CHECK_STR(names(SV_LANG_EN, "The president of the Republic has been in 2023 at 10:30"),
              "president/republic");
    CHECK_STR(names(SV_LANG_RU, "Он был в Минске и на заводе 5 раз"), "минск/завод/раз");
    CHECK_STR(names(SV_LANG_EN, "Lukashenko's visit"), "lukashenko/visit");
    CHECK_STR(names(SV_LANG_EN, "Belarus-made tractors"), "belarus/made|make/tractor");
    CHECK_STR(names(SV_LANG_RU, "заво\xCC\x81д"), "завод");
    CHECK_STR(names(SV_LANG_RU, ""), "");
    CHECK_STR(names(SV_LANG_RU, "\xFF\xFE ... —"), "");
    uint32_t *ids = NULL;
    size_t n = 0, cap = 0;
    CHECK_INT(sv_lexctx_lemmas(ctx, SV_LANG_UNKNOWN, "x", 1, &ids, &n, &cap), SV_ERR_ARG);
    CHECK(sv_lexctx_lemma_name(ctx, SV_LANG_EN, 4000000000u) == NULL);
}

static int tr(const char *en, const char *ru)
{
    return sv_lexctx_translates(ctx, id_of(SV_LANG_EN, en), id_of(SV_LANG_RU, ru));
}

static void test_translations(void)
{
    CHECK(sv_lexicon_size(lx) > 100000);
    CHECK(tr("meeting", "встреча"));
    CHECK(tr("meetings", "встречи"));
    CHECK(tr("trade", "торговля"));
    CHECK(tr("traded", "торговли"));
    CHECK(tr("tractor", "трактор"));
    CHECK(tr("tractors", "тракторов"));
    CHECK(tr("president", "президентом"));
    CHECK(tr("cooperation", "сотрудничества"));
    CHECK(tr("billion", "миллиарда"));
    CHECK(tr("region", "области"));
    CHECK(tr("plant", "завод"));
    CHECK(tr("governor", "губернатором"));
    CHECK(tr("children", "ребёнка"));
    CHECK(tr("co-operation", "сотрудничество"));
    CHECK(tr("went", "идти"));
    CHECK(!tr("tractor", "президент"));
    CHECK(!tr("meeting", "трактор"));
    CHECK(!sv_lexctx_translates(ctx, 4000000000u, 0));
}

/* ---- the user dictionary ---- */

static void test_user_dict(void)
{
    const char *tsv = "\xEF\xBB\xBF# a comment\n"
                      "Voronezh Oblast\tВоронежская область\n" /* 2 */
                      "\n"
                      "no tab here\n"                            /* 4 */
                      "Minsk\t\n"                                /* 5 */
                      "Минск\tMinsk\n"                           /* 6 */
                      "gomselmash\tГомсельмаш\textra column\r\n" /* 7 */
                      "bad\xFF\tплохо\n"                         /* 8 */
                      "the\tи\n"                                 /* 9 */
                      "G7 summit\tсаммит \"Большой семёрки\"\n"  /* 10 */
                      "Lipetsk\tЛипецк";                         /* 11, no newline */
    sv_lexicon_opts o;
    sv_lexicon_opts_init(&o);
    o.use_mueller = 0;
    o.user_dict = "user.tsv";
    o.user_data = tsv;
    o.user_len = strlen(tsv);
    sv_diags *d = sv_diags_new();
    sv_lexicon *u = NULL;
    CHECK_INT(sv_lexicon_load(&o, &u, d), SV_OK);
    /* voronezh, oblast x воронежский, область; gomselmash; g7, summit x
     * саммит, большой, семерка; lipetsk */
    CHECK_INT(sv_lexicon_size(u), 12);
    CHECK_INT(sv_diags_count_severity(d, SV_WARNING), 5);
    CHECK(has_diag(d, SV_WARNING, 4, "no tab"));
    CHECK(has_diag(d, SV_WARNING, 5, "empty"));
    CHECK(has_diag(d, SV_WARNING, 6, "swapped"));
    CHECK(has_diag(d, SV_WARNING, 8, "invalid UTF-8"));
    CHECK(has_diag(d, SV_WARNING, 9, "stop words"));
    CHECK(strcmp(sv_diags_get(d, 0)->file, "user.tsv") == 0);
    sv_lexctx *c = NULL;
    CHECK_INT(sv_lexctx_new(u, &c, d), SV_OK);
    uint32_t *e = NULL, *r = NULL;
    size_t ne = 0, nr = 0, ce = 0, cr = 0;
    const char *en = "Voronezh Oblast and Gomselmash", *ru = "Воронежской области и Гомсельмашу";
    sv_lexctx_lemmas(c, SV_LANG_EN, en, strlen(en), &e, &ne, &ce);
    sv_lexctx_lemmas(c, SV_LANG_RU, ru, strlen(ru), &r, &nr, &cr);
    CHECK_INT(ne, 3);
    CHECK_INT(nr, 3);
    if (ne == 3 && nr == 3) {
        CHECK(sv_lexctx_translates(c, e[0], r[0]));
        CHECK(sv_lexctx_translates(c, e[1], r[1]));
        CHECK(sv_lexctx_translates(c, e[0], r[1])); /* words of one term are linked */
        CHECK(!sv_lexctx_translates(c, e[2], r[2])); /* hunspell does not know Гомсельмашу */
    }
    sv_lexscore s;
    sv_lexctx_score(c, e, ne, r, nr, &s);
    CHECK_INT(s.en_words, 3);
    CHECK_INT(s.en_known, 3);
    CHECK_INT(s.en_hit, 2);
    CHECK_INT(s.ru_hit, 2);
    /* a token with digits is kept when the lexicon has it */
    ne = nr = 0;
    en = "the G7 summit of 2019";
    ru = "на саммите «Большой семёрки» в 2019 году";
    sv_lexctx_lemmas(c, SV_LANG_EN, en, strlen(en), &e, &ne, &ce);
    sv_lexctx_lemmas(c, SV_LANG_RU, ru, strlen(ru), &r, &nr, &cr);
    CHECK_INT(ne, 2);
    CHECK_INT(nr, 4); /* саммит, большой, семерка, год */
    if (ne == 2 && nr == 4) {
        CHECK_STR(sv_lexctx_lemma_name(c, SV_LANG_EN, e[0]), "g7");
        CHECK(sv_lexctx_translates(c, e[0], r[2]));
    }
    free(e);
    free(r);
    sv_lexctx_free(c);
    sv_lexicon_free(u);
    /* a file that does not exist */
    o.user_data = NULL;
    o.user_dict = "/nonexistent/user.tsv";
    sv_diags_clear(d);
    CHECK_INT(sv_lexicon_load(&o, &u, d), SV_ERR_IO);
    /* nothing usable: a warning, an empty lexicon */
    o.user_data = "# only a comment\n";
    o.user_len = strlen(o.user_data);
    sv_diags_clear(d);
    CHECK_INT(sv_lexicon_load(&o, &u, d), SV_OK);
    CHECK(has_diag(d, SV_WARNING, 0, "no usable entries"));
    sv_lexicon_free(u);
    /* added to Mueller */
    o.use_mueller = 1;
    o.user_data = "Gomselmash\tГомсельмаш\n";
    o.user_len = strlen(o.user_data);
    CHECK_INT(sv_lexicon_load(&o, &u, d), SV_OK);
    CHECK_INT(sv_lexicon_size(u), sv_lexicon_size(lx) + 1);
    sv_lexicon_free(u);
    sv_diags_free(d);
}

/* ---- scores ---- */

static const char *const pairs[][2] = {
    /* NTREX */
    {"Researchers in the U.S. often have to work hard in order to win government grants, "
     "Lee said.",
     "По словам Ли, исследователям в США часто приходится много работать, чтобы получать "
     "правительственные гранты."},
    {"And this month DARPA announced a $2 billion investment in an initiative called AI Next.",
     "В этом месяце DARPA объявила об инвестировании 2 миллиардов долларов в программу под "
     "названием AI Next."},
    {"President Joko Widodo was scheduled to visit evacuation centers in Palu on Sunday.",
     "В воскресенье эвакуационные центры в Палу посетит президент Джоко Видодо."},
    {"The Government of Wales Act 2017 gave the Welsh assembly the power to change its name.",
     "Законом об управлении Уэльсом от 2017 года Национальная ассамблея Уэльса уполномочена "
     "менять свое название."},
    /* written for this test, after the seeds */
    {"The president met the governor of Voronezh Oblast to discuss trade and cooperation in "
     "agriculture.",
     "Президент встретился с губернатором Воронежской области, чтобы обсудить торговлю и "
     "сотрудничество в сельском хозяйстве."},
};
#define NPAIRS (sizeof pairs / sizeof pairs[0])

static double pair_score(const sv_lexscore *s)
{
    double en = s->en_words ? (s->en_hit + 0.5 * s->en_fuzzy) / s->en_words : 0;
    double ru = s->ru_words ? (s->ru_hit + 0.5 * s->ru_fuzzy) / s->ru_words : 0;
    return (en + ru) / 2;
}

static void test_scores(void)
{
    uint32_t *e[NPAIRS], *r[NPAIRS];
    size_t ne[NPAIRS], nr[NPAIRS];
    for (size_t i = 0; i < NPAIRS; i++) {
        size_t c1 = 0, c2 = 0;
        e[i] = r[i] = NULL;
        ne[i] = nr[i] = 0;
        sv_lexctx_lemmas(ctx, SV_LANG_EN, pairs[i][0], strlen(pairs[i][0]), &e[i], &ne[i], &c1);
        sv_lexctx_lemmas(ctx, SV_LANG_RU, pairs[i][1], strlen(pairs[i][1]), &r[i], &nr[i], &c2);
    }
    /* each translation scores well above every mismatched pair of its row and
     * column (here 0.37-0.61 against at most 0.26; two sentences that both
     * mention a president share a word) */
    sv_lexprep *p = sv_lexprep_new();
    double m[NPAIRS][NPAIRS];
    for (size_t i = 0; i < NPAIRS; i++) {
        sv_lexprep_set(p, ctx, e[i], ne[i]);
        for (size_t j = 0; j < NPAIRS; j++) {
            sv_lexscore s, t;
            sv_lexprep_score(p, ctx, r[j], nr[j], &s);
            sv_lexctx_score(ctx, e[i], ne[i], r[j], nr[j], &t);
            CHECK(memcmp(&s, &t, sizeof s) == 0);
            CHECK(s.en_hit + s.en_fuzzy <= s.en_words && s.en_known <= s.en_words);
            CHECK(s.ru_hit + s.ru_fuzzy <= s.ru_words && s.ru_known <= s.ru_words);
            m[i][j] = pair_score(&s);
        }
    }
    for (size_t i = 0; i < NPAIRS; i++) {
        CHECK(m[i][i] > 0.25);
        for (size_t j = 0; j < NPAIRS; j++)
            if (j != i) {
                CHECK(m[i][i] > 1.5 * m[i][j]);
                CHECK(m[i][i] > 1.5 * m[j][i]);
            }
    }
    /* the details of one pair: president, met, governor, voronezh, oblast,
     * discuss, trade, cooperation, agriculture */
    sv_lexscore s;
    sv_lexctx_score(ctx, e[4], ne[4], r[4], nr[4], &s);
    CHECK_INT(s.en_words, 9);
    CHECK(s.en_hit >= 5 && s.en_hit + s.en_fuzzy >= 6);
    /* "announced": Mueller has объявлять, the text объявить: a prefix match */
    sv_lexctx_score(ctx, e[1], ne[1], r[1], nr[1], &s);
    CHECK(s.en_fuzzy >= 1);
    /* repeated words count once; unknown ids are ignored */
    uint32_t twice[] = {e[4][0], e[4][0], 4000000000u};
    sv_lexctx_score(ctx, twice, 3, r[4], nr[4], &s);
    CHECK_INT(s.en_words, 1);
    CHECK_INT(s.en_hit, 1);
    sv_lexctx_score(ctx, NULL, 0, NULL, 0, &s);
    CHECK_INT(s.en_words + s.ru_words + s.en_hit, 0);
    sv_lexprep_free(p);
    for (size_t i = 0; i < NPAIRS; i++) {
        free(e[i]);
        free(r[i]);
    }
}

/* ---- one lexicon, several threads ---- */

typedef struct {
    double score[NPAIRS];
    int ok;
} thread_result;

static void *thread_main(void *arg)
{
    thread_result *res = arg;
    sv_lexctx *c = NULL;
    res->ok = sv_lexctx_new(lx, &c, NULL) == SV_OK;
    for (int rep = 0; res->ok && rep < 50; rep++)
        for (size_t i = 0; i < NPAIRS; i++) {
            uint32_t *e = NULL, *r = NULL;
            size_t ne = 0, nr = 0, ce = 0, cr = 0;
            sv_lexctx_lemmas(c, SV_LANG_EN, pairs[i][0], strlen(pairs[i][0]), &e, &ne, &ce);
            sv_lexctx_lemmas(c, SV_LANG_RU, pairs[i][1], strlen(pairs[i][1]), &r, &nr, &cr);
            sv_lexscore s;
            sv_lexctx_score(c, e, ne, r, nr, &s);
            double v = pair_score(&s);
            if (rep > 0 && v != res->score[i])
                res->ok = 0;
            res->score[i] = v;
            free(e);
            free(r);
        }
    sv_lexctx_free(c);
    return NULL;
}

static void test_threads(void)
{
    pthread_t t[2];
    thread_result res[2];
    memset(res, 0, sizeof res);
    for (int k = 0; k < 2; k++)
        CHECK_INT(pthread_create(&t[k], NULL, thread_main, &res[k]), 0);
    for (int k = 0; k < 2; k++)
        pthread_join(t[k], NULL);
    CHECK(res[0].ok && res[1].ok);
    for (size_t i = 0; i < NPAIRS; i++) {
        sv_lexscore s;
        uint32_t *e = NULL, *r = NULL;
        size_t ne = 0, nr = 0, ce = 0, cr = 0;
        sv_lexctx_lemmas(ctx, SV_LANG_EN, pairs[i][0], strlen(pairs[i][0]), &e, &ne, &ce);
        sv_lexctx_lemmas(ctx, SV_LANG_RU, pairs[i][1], strlen(pairs[i][1]), &r, &nr, &cr);
        sv_lexctx_score(ctx, e, ne, r, nr, &s);
        CHECK(res[0].score[i] == pair_score(&s) && res[1].score[i] == pair_score(&s));
        free(e);
        free(r);
    }
}

int main(void)
{
    RUN(test_mueller_entry);
    RUN(test_dictd_files);
    RUN(test_morph);
    sv_diags *d = sv_diags_new();
    if (sv_lexicon_load(NULL, &lx, d) != SV_OK || sv_lexctx_new(lx, &ctx, d) != SV_OK) {
        for (size_t i = 0; i < sv_diags_count(d); i++)
            fprintf(stderr, "%s: %s\n", sv_diags_get(d, i)->file, sv_diags_get(d, i)->message);
        harness_fail(__FILE__, __LINE__, "cannot load the dictionaries (run make deps)");
        return harness_end();
    }
    sv_diags_free(d);
    RUN(test_stems);
    RUN(test_translations);
    RUN(test_user_dict);
    RUN(test_scores);
    RUN(test_threads);
    sv_lexctx_free(ctx);
    sv_lexicon_free(lx);
    return harness_end();
}
