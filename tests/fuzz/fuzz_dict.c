/* fuzz_dict.c - fuzz target: the TSV user-dictionary loader, the Mueller
 * entry parser and the lexicon's tokenizer and scoring, all on the same
 * bytes.  hunspell is opened once (it takes ~150 ms) and lent to the
 * loader; the per-thread context is renewed now and then so its word caches
 * do not grow without end. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../align/lexicon.h"
#include "../../align/mueller.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void on_pair(void *ctx, const char *en, size_t el, const char *ru, size_t rl, int sense)
{
    (void)ctx;
    (void)sense;
    if (el == 0 || rl == 0 || memchr(ru, '\n', rl))
        abort(); /* the parser must never hand out empty or multi-line pieces */
    (void)en;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static sv_morph *morph;
    static sv_lexicon *fixed; /* a small lexicon for the tokenizer and scores */
    static sv_lexctx *ctx;
    static unsigned runs;
    if (!morph && sv_morph_new(NULL, &morph, NULL) != SV_OK)
        abort();
    const char *text = (const char *)data;

    /* 1. the user dictionary */
    sv_lexicon_opts o;
    sv_lexicon_opts_init(&o);
    o.use_mueller = 0;
    o.user_dict = "fuzz.tsv";
    o.user_data = size ? text : "";
    o.user_len = size;
    o.morph = morph;
    sv_diags *d = sv_diags_new();
    sv_lexicon *lx = NULL;
    if (sv_lexicon_load(&o, &lx, d) != SV_OK)
        abort(); /* input from memory cannot fail, it can only warn */
    sv_lexicon_free(lx);

    /* 2. the same bytes as a Mueller entry */
    sv_mueller_sink sink = {on_pair, NULL, NULL, 3};
    sv_mueller_parse_entry("fuzz", 4, text, size, &sink);

    /* 3. as sentences in both languages, scored against each other */
    if (!fixed) {
        static const char tsv[] = "meeting\tвстреча\ntrade\tторговля\nVoronezh Oblast\t"
                                  "Воронежская область\n";
        o.user_data = tsv;
        o.user_len = sizeof tsv - 1;
        if (sv_lexicon_load(&o, &fixed, NULL) != SV_OK)
            abort();
    }
    if (runs++ % 5000 == 0) {
        sv_lexctx_free(ctx);
        if (sv_lexctx_new(fixed, &ctx, NULL) != SV_OK)
            abort();
    }
    uint32_t *e = NULL, *r = NULL;
    size_t ne = 0, nr = 0, ce = 0, cr = 0;
    if (sv_lexctx_lemmas(ctx, SV_LANG_EN, text, size, &e, &ne, &ce) != SV_OK ||
        sv_lexctx_lemmas(ctx, SV_LANG_RU, text, size, &r, &nr, &cr) != SV_OK)
        abort();
    for (size_t i = 0; i < ne; i++)
        if (!sv_lexctx_lemma_name(ctx, SV_LANG_EN, e[i]))
            abort();
    sv_lexscore s;
    sv_lexctx_score(ctx, e, ne, r, nr, &s);
    if (s.en_hit + s.en_fuzzy > s.en_words || s.ru_hit + s.ru_fuzzy > s.ru_words ||
        s.en_words > ne || s.ru_words > nr)
        abort();
    free(e);
    free(r);
    sv_diags_free(d);
    return 0;
}
