/* lexicon.h - dictionary evidence for sentence alignment.
 *
 * The aligner asks: how many words of this English sentence have a
 * dictionary translation among the words of that Russian sentence?  Gold
 * translation pairs score far higher than neighbouring non-pairs (figures
 * in docs/design.md, "Dictionary evidence").  This module answers fast:
 *
 *   sv_lexicon   the translation table, loaded once and shared read-only
 *                by every thread: the Mueller English-Russian dictionary
 *                (mueller.h, read at run time from /usr/share/dictd) and/or
 *                a user dictionary (TSV, below), reduced to pairs of
 *                dictionary forms (lemmas) "meeting" -> "встреча".
 *   sv_lexctx    per thread: hunspell (morph.h) and a cache from each word
 *                form seen to its lemma id, so each distinct form is
 *                stemmed once (hunspell alone would be far too slow).
 *   sv_lexprep   one English sentence prepared for scoring against many
 *                Russian candidates (the aligner's inner loop).
 *
 * Lemma ids.  sv_lexctx_lemmas turns a sentence into one id per content
 * word.  An id stands for the set of dictionary forms of the word form
 * ("meetings" -> {meet, meeting}, "стали" -> {сталь, стать}; a word hunspell
 * does not know stands for itself, folded).  Word forms with the same set
 * get the same id, so "встреча", "встречи", "Встречу" share one.  English
 * and Russian ids are separate spaces; both are dense from 0, assigned in
 * the order words are first seen, and stable for the life of the lexctx
 * (not across lexctxs: compare ids only from the same lexctx).  The caches
 * grow with the number of distinct word forms seen, by about 100 bytes
 * each, and are kept until the lexctx is freed.
 *
 * Content words.  Tokens are runs of letters and digits with inner hyphens
 * and apostrophes ("north-east", "don't"); stress marks are ignored and
 * English "'s" is dropped.  Left out: tokens containing digits, unless the
 * lexicon has them ("G7" in a user dictionary; numbers are the anchors
 * module's job), and stop words - articles, pronouns, prepositions,
 * conjunctions, particles and auxiliaries (the, of, is, и, в, на, быть,
 * ...; the lists are in lexicon.c).  A hyphenated token whose dictionary forms are all unknown to
 * the lexicon is split at its hyphens ("Belarus-made" -> belarus, made).
 *
 * English forms get, besides hunspell's stems, the lexicon's irregular
 * forms ("went" -> go, "children" -> child, from Mueller's "_p. от go"
 * notes) and the singular headword of a plural ("meetings" -> meeting,
 * which en_US stems only to "meet").
 *
 * Prefix matches.  The dictionary gives one form where text uses another
 * of the same family: "объявлять" for "объявить", "ресторан" for
 * "ресторанный", "открывать" for "открыться".  A Russian word whose lemma
 * shares its first fuzzy_prefix letters (default 5) with a translation is
 * counted apart, as a weaker match (en_fuzzy, ru_fuzzy); on NTREX, counting
 * it at half weight separates translations from their neighbours better
 * than exact matches alone (docs/design.md).
 *
 * User dictionary (TSV).  One pair per line, "english TAB russian", UTF-8;
 * blank lines and lines starting with '#' are skipped; further columns are
 * ignored.  Both sides may be several words: every content word of the
 * English side is then linked with every content word of the Russian side.
 * Words are reduced to dictionary forms with hunspell, so "Voronezh Oblast
 * TAB Воронежская область" matches "Воронежской области".  Malformed lines
 * (no tab, an empty side, Cyrillic on the English side or none on the
 * Russian side, over 1000 bytes or 8 words a side, only stop words, invalid
 * UTF-8) are skipped with a warning naming the file and line.
 *
 * Costs (docs/design.md has the measurements): loading Mueller ~0.2 s and
 * ~12 MB; a lexctx ~0.1 s and ~23 MB (hunspell); lemmas of cached forms
 * ~7 M words/s; a pair score ~0.25 us after a ~1.5 us preparation.
 */
#ifndef SV_LEXICON_H
#define SV_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "../base/status.h"
#include "lang.h"
#include "morph.h"

/* Where Debian's mueller7-dict installs the dictionary. */
#define SV_MUELLER_DIR "/usr/share/dictd"

typedef struct {
    int use_mueller;          /* 1 (default): read the Mueller dictionary; 0: do not */
    const char *mueller_dir;  /* NULL (default): SV_MUELLER_DIR */
    const char *user_dict;    /* a TSV user dictionary to add, or NULL (default) */
    const char *user_data;    /* or its contents in memory (user_dict then only names it
                                 in diagnostics); NULL (default): read user_dict */
    size_t user_len;
    const char *hunspell_dir; /* NULL (default): SV_HUNSPELL_DIR; also used by sv_lexctx */
    sv_morph *morph;          /* borrowed, optional: reduces user-dictionary words; NULL
                                 (default): one is made while loading if needed (~150 ms) */
    int max_words;            /* longest Mueller translation kept, in words (default 2) */
    int max_senses;           /* keep only translations from the first max_senses senses of
                                 each part of speech; 0 (default): all */
    int fuzzy_prefix;         /* letters a prefix match needs (default 5); 0: none */
} sv_lexicon_opts;

void sv_lexicon_opts_init(sv_lexicon_opts *o);

/* Immutable after loading; any number of threads may use it at once. */
typedef struct sv_lexicon sv_lexicon;

/* Loads the dictionaries the options ask for.  With use_mueller set and the
 * Mueller files missing: SV_ERR_NOTFOUND with an SV_ERROR diagnostic that
 * names the file and the package.  User-dictionary lines that cannot be
 * used are warnings, not errors; an unreadable user dictionary is SV_ERR_IO.
 * Neither source is allowed: the result is an empty lexicon (every sentence
 * pair then scores 0), which is how the dictionary is switched off.
 * *out: caller frees with sv_lexicon_free. */
sv_status sv_lexicon_load(const sv_lexicon_opts *opts, sv_lexicon **out, sv_diags *diags);
void sv_lexicon_free(sv_lexicon *lx);

/* Number of translation links: distinct (English lemma, Russian lemma)
 * pairs. */
size_t sv_lexicon_size(const sv_lexicon *lx);

/* Bytes of memory the lexicon holds (for statistics). */
size_t sv_lexicon_memory(const sv_lexicon *lx);

/* Per-thread state: hunspell handles and the word caches.  Not thread-safe. */
typedef struct sv_lexctx sv_lexctx;

/* Opens hunspell (~150 ms, ~20 MB; errors as sv_morph_new).  lx is borrowed
 * and must outlive the context.  *out: caller frees with sv_lexctx_free. */
sv_status sv_lexctx_new(const sv_lexicon *lx, sv_lexctx **out, sv_diags *diags);
void sv_lexctx_free(sv_lexctx *c);

/* Appends the lemma id of each content word of text (len bytes of UTF-8;
 * invalid bytes count as spaces) to the growable array (*ids, *n, *cap),
 * in text order, repeats kept.  Start with *ids = NULL, *n = *cap = 0; the
 * caller frees *ids.  lang must be SV_LANG_EN or SV_LANG_RU (else
 * SV_ERR_ARG).  Cost: a hash lookup per token, plus hunspell for each form
 * not seen before in this context. */
sv_status sv_lexctx_lemmas(sv_lexctx *c, sv_lang lang, const char *text, size_t len,
                           uint32_t **ids, size_t *n, size_t *cap);

/* The dictionary forms an id stands for, '|'-separated and sorted
 * ("meet|meeting"), or NULL for an unknown id.  Borrowed: valid until the
 * next call that adds words to c.  For tests and diagnostics. */
const char *sv_lexctx_lemma_name(const sv_lexctx *c, sv_lang lang, uint32_t id);

/* Does the lexicon translate some dictionary form of English id e by some
 * dictionary form of Russian id r (exactly, not through a prefix)?  A few
 * hash probes. */
int sv_lexctx_translates(const sv_lexctx *c, uint32_t e, uint32_t r);

/* How an English sentence and a Russian sentence share dictionary
 * translations.  Each side counts distinct ids.  A good score for the
 * aligner is the mean of (en_hit + en_fuzzy / 2) / en_words and
 * (ru_hit + ru_fuzzy / 2) / ru_words. */
typedef struct {
    size_t en_words; /* English content words */
    size_t en_known; /* ... that the lexicon translates at all */
    size_t en_hit;   /* ... with a translation among the Russian words */
    size_t en_fuzzy; /* ... not in en_hit, with a prefix match among them */
    size_t ru_words; /* Russian content words */
    size_t ru_known; /* ... that are a translation of some English word */
    size_t ru_hit;   /* ... that translate one of the English words */
    size_t ru_fuzzy; /* ... not in ru_hit, that prefix-match a translation */
} sv_lexscore;

/* An English sentence prepared for scoring: for every Russian lemma that
 * translates one of its words, which words.  Reused across sentences
 * without allocating once it has grown to the longest one. */
typedef struct sv_lexprep sv_lexprep;

/* A new empty preparation; caller frees with sv_lexprep_free. */
sv_lexprep *sv_lexprep_new(void);
void sv_lexprep_free(sv_lexprep *p);

/* Prepares the English ids e[0..ne) (from sv_lexctx_lemmas on c).  Cost:
 * O(ne + number of translations of its words). */
void sv_lexprep_set(sv_lexprep *p, const sv_lexctx *c, const uint32_t *e, size_t ne);

/* Scores the prepared sentence against Russian ids r[0..nr) (from c).
 * Cost: O(nr + hits), one probe of a small table per Russian word; no
 * allocation. */
void sv_lexprep_score(sv_lexprep *p, const sv_lexctx *c, const uint32_t *r, size_t nr,
                      sv_lexscore *out);

/* Which words matched, as bit masks, for combining several sentences: bit
 * k of en_* stands for the k-th distinct English id given to
 * sv_lexprep_set, bit k of ru_* for the k-th distinct id of r (in order of
 * first occurrence); words beyond the 64th are not represented.  en_known
 * and ru_known mark the words the dictionary knows at all (ru_known: a
 * translation of some English word).  The masks of sentence pairs (x, y)
 * combine exactly: the English words of x translated somewhere in y1 + y2
 * are en_exact(x, y1) | en_exact(x, y2). */
typedef struct {
    uint64_t en_exact, en_fuzzy; /* fuzzy: matched through a prefix only */
    uint64_t ru_exact, ru_fuzzy;
    uint64_t en_known, ru_known;
    unsigned en_words, ru_words; /* distinct content words (at most 64 counted) */
} sv_lexmask;

/* Like sv_lexprep_score, as masks.  Does not allocate. */
void sv_lexprep_match(sv_lexprep *p, const sv_lexctx *c, const uint32_t *r, size_t nr,
                      sv_lexmask *out);

/* sv_lexprep_set + sv_lexprep_score with a preparation kept in c. */
void sv_lexctx_score(sv_lexctx *c, const uint32_t *e, size_t ne, const uint32_t *r,
                     size_t nr, sv_lexscore *out);

#endif
