/* glossary.h - bilingual glossaries of names (enterprises, places,
 * people) from aligned English-Russian sentence pairs.
 *
 * Translators need the same enterprise written the same way every time:
 * MAZ / МАЗ, Gomselmash / Гомсельмаш, Lipetsk Tractor Plant / Липецкий
 * тракторный завод.  This module reads aligned sentence pairs (from
 * 'sverka align', a TMX file or a batch of document pairs) and finds such
 * pairs of names:
 *
 *   1. Candidates.  In each sentence, the names that align/names.h finds
 *      (capitalised words, acronyms, «quoted» names, runs of capitalised
 *      words and their sub-runs), plus Russian phrases of a capitalised
 *      adjective, lower-case adjectives and a head noun such as область,
 *      завод, холдинг (Воронежской области, Липецкого тракторного
 *      завода).  A Russian candidate stands for its nominative without
 *      quote marks (Гомсельмашем, «Гомсельмаш» -> Гомсельмаш; МАЗа -> МАЗ),
 *      from sv_names_nominative after every Russian text given has been
 *      learnt (sv_names_learn).
 *   2. Pairing.  A term is a candidate's match key (the same for every
 *      inflected form).  Each English term x Russian term pair gets a
 *      score from the similarity of their forms (transliteration, word by
 *      word; for names of several words also the dictionary: tractor /
 *      тракторный) and from how often they occur in the same aligned pairs
 *      (Dice coefficient, trusted more the more pairs support it).  Then,
 *      in every aligned pair, the best-scoring pairs of non-overlapping
 *      candidates are linked, best first (competitive linking); an entry's
 *      count is the number of pairs where its two terms were linked.
 *   3. Classification.  enterprise (enterprises and other organisations),
 *      place, person or other, from the words in and around the names in
 *      both languages (завод, ОАО, holding, «quotes», acronyms in -З like
 *      МАЗ, МТЗ; область, Oblast, "в Минске"; initials, titles, first
 *      names, "said") and short built-in lists of countries, cities and
 *      first names.
 *
 * docs/design.md ("Glossary extraction") gives the formulas and the
 * measurements; glossfile.h writes the result as TBX, TSV or CSV.
 *
 *     sv_glossary *g;
 *     sv_glossary_new(&opts, &g, diags);
 *     sv_glossary_add_bitext(g, &bitext, "doc1");     // or sv_glossary_add_pair
 *     sv_glossary_build(g, diags);
 *     for (size_t i = 0; i < sv_glossary_count(g); i++)
 *         use(sv_glossary_get(g, i));
 *     sv_glossary_free(g);
 *
 * Memory: the texts of the pairs given (kept for the examples) plus about
 * 40 bytes per name occurrence.  Not thread-safe: one object per thread.
 */
#ifndef SV_GLOSSARY_H
#define SV_GLOSSARY_H

#include <stddef.h>

#include "../align/lang.h"
#include "../align/pipeline.h"
#include "../base/status.h"

typedef enum {
    SV_TERM_ENTERPRISE = 0, /* enterprises and other organisations */
    SV_TERM_PLACE,
    SV_TERM_PERSON,
    SV_TERM_OTHER,
    SV_TERM_NKINDS
} sv_term_kind;

/* "enterprise", "place", "person", "other" (static strings). */
const char *sv_term_kind_name(sv_term_kind k);
/* Parses those names (also "organisation", "organization", "org"); returns
 * -1 for anything else. */
int sv_term_kind_parse(const char *s, sv_term_kind *out);

#define SV_TERM_ALL_KINDS ((1u << SV_TERM_NKINDS) - 1)

struct sv_lexicon;

typedef struct {
    const struct sv_lexicon *lexicon; /* borrowed; tells which words of names of several
                                         words translate each other (Tractor Plant /
                                         тракторный завод); NULL: transliteration only */
    const char *dict_dir;       /* hunspell folder for the Russian nominative; NULL: default */
    size_t min_count;           /* entries linked in fewer pairs are dropped; default 1 */
    double min_score;           /* entries with a lower confidence are dropped; default 0.5 */
    unsigned kinds;             /* bit (1u << kind) keeps that kind; default SV_TERM_ALL_KINDS */
    double min_link_score;      /* sv_glossary_add_bitext skips alignment links scored
                                   below this; default 0.5 */
} sv_glossary_opts;

void sv_glossary_opts_init(sv_glossary_opts *o);

typedef struct sv_glossary sv_glossary;

/* A new empty glossary.  opts may be NULL (defaults); its lexicon is
 * borrowed and must outlive the glossary.  Opens an ICU transliterator
 * and, with a lexicon, hunspell (~150 ms).  *out: caller frees with
 * sv_glossary_free. */
sv_status sv_glossary_new(const sv_glossary_opts *opts, sv_glossary **out, sv_diags *diags);
void sv_glossary_free(sv_glossary *g);

/* Gives Russian text (a whole document, say) as evidence for the
 * nominative (sv_names_learn): Гомсельмаша becomes Гомсельмаш once the
 * text has «Гомсельмаш».  sv_glossary_add_pair learns its Russian side by
 * itself. */
void sv_glossary_learn(sv_glossary *g, const char *ru, size_t len);

/* Adds one aligned pair: English text en and its Russian translation ru
 * (valid UTF-8; a sentence or a few).  origin names where the pair comes
 * from (a document or TMX file, shown with the example; may be NULL) and
 * is copied.  Texts are copied.  After sv_glossary_build: SV_ERR_ARG. */
sv_status sv_glossary_add_pair(sv_glossary *g, const char *en, size_t en_len, const char *ru,
                               size_t ru_len, const char *origin);

/* Adds every link of an aligned document pair scored at least
 * opts.min_link_score (English and Russian in either order), after
 * learning the Russian document's whole text.  Borrows b for the call. */
sv_status sv_glossary_add_bitext(sv_glossary *g, const sv_bitext *b, const char *origin);

/* Pairs, classifies and filters; then the entries can be read.  Called
 * once: later adds are refused. */
sv_status sv_glossary_build(sv_glossary *g, sv_diags *diags);

/* One form as seen in the texts, and how often. */
typedef struct {
    const char *text;
    size_t count;
} sv_gloss_variant;

/* One glossary entry; every string is owned by the glossary. */
typedef struct {
    sv_term_kind kind;
    const char *en;         /* the English name as written most often (not sentence-initially) */
    const char *ru;         /* the Russian name in the nominative, without quote marks */
    size_t count;           /* aligned pairs in which the two were linked */
    double score;           /* confidence in [0,1] */
    double similarity;      /* similarity of the two forms in [0,1] */
    double dice;            /* co-occurrence: 2 * pairs with both / (pairs with en + with ru) */
    const sv_gloss_variant *en_variants; /* forms seen, most frequent first */
    size_t n_en_variants;
    const sv_gloss_variant *ru_variants;
    size_t n_ru_variants;
    const char *example_en; /* one aligned pair where they were linked */
    const char *example_ru;
    const char *example_origin; /* its origin, or NULL */
} sv_gloss_entry;

/* Entries in output order: enterprises first, then places, people, other;
 * within a kind by count, confidence, then the English form (stable
 * across runs).  Only kinds asked for by opts.kinds, count >= min_count,
 * score >= min_score. */
size_t sv_glossary_count(const sv_glossary *g);
const sv_gloss_entry *sv_glossary_get(const sv_glossary *g, size_t i);
/* All of them as one array of sv_glossary_count entries (NULL when none);
 * borrowed from g. */
const sv_gloss_entry *sv_glossary_entries(const sv_glossary *g);

typedef struct {
    size_t pairs;          /* aligned pairs added */
    size_t en_terms;       /* distinct English / Russian terms seen */
    size_t ru_terms;
    size_t occurrences;    /* candidate occurrences, both languages */
    size_t term_pairs;     /* English x Russian term pairs that co-occurred */
    size_t links;          /* links made by competitive linking */
    size_t entries;        /* entries kept */
} sv_glossary_stats;

void sv_glossary_get_stats(const sv_glossary *g, sv_glossary_stats *out);

/* ---- for tests and tools: the candidates of one sentence ---------------- */

typedef struct {
    size_t start, end;  /* byte span in the text (quote marks excluded) */
    unsigned nwords;
    int acronym;        /* МАЗ, MTZ, БелАЗа */
    int quoted;         /* «Амкодор» */
    int initial;        /* a single word that may be capitalised only because it starts
                           the sentence */
    char key[48];       /* match key (names.h): the same for every inflected form */
    char *form;         /* English: the span; Russian: its nominative without quotes */
} sv_gloss_cand;

/* Finds the candidates of one sentence in lang (SV_LANG_EN or SV_LANG_RU)
 * as sv_glossary_add_pair would, in text order.  The nominative uses what
 * was learnt so far.  *out: caller frees with sv_gloss_cands_free. */
sv_status sv_glossary_candidates(sv_glossary *g, sv_lang lang, const char *text, size_t len,
                                 sv_gloss_cand **out, size_t *n);
void sv_gloss_cands_free(sv_gloss_cand *v, size_t n);

#endif
