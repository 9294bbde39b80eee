/* names.h - proper names across scripts: finding them in a sentence, a
 * match key that is the same for Лукашенко and Lukashenko, a similarity
 * of two keys, and the nominative form of a Russian name phrase.
 *
 * Consumers: the sentence aligner (a name shared by an English and a
 * Russian sentence is an anchor), `sverka check` (names present on one
 * side only) and `sverka glossary` (enterprise and place names, Russian
 * side reduced to the nominative).  docs/design.md, "Names across
 * scripts", explains the keys, the similarity formula and the rules.
 *
 *     sv_names *nm;
 *     sv_names_new(NULL, &nm, diags);
 *     sv_name *v; size_t n;
 *     sv_names_extract(nm, SV_LANG_RU, s, len, &v, &n);   // v[i].key: "gomselmash"
 *     double sim = sv_name_similarity(v[0].key, "voronezh");
 *     free(v);
 *     sv_names_free(nm);
 *
 * An sv_names object owns an ICU transliterator, a cache of keys per
 * distinct word and (opened on first use) a hunspell handle: it is not
 * thread-safe, use one per thread.  Text is valid UTF-8; invalid bytes
 * are treated as separators (never a crash).
 */
#ifndef SV_NAMES_H
#define SV_NAMES_H

#include <stddef.h>

#include "../base/buf.h"
#include "../base/status.h"
#include "lang.h"

typedef struct sv_names sv_names;

typedef enum {
    SV_NAMES_DICT_LAZY = 0, /* open hunspell at the first sv_names_nominative (default) */
    SV_NAMES_DICT_NOW,      /* open it in sv_names_new; a missing dictionary is a warning */
    SV_NAMES_DICT_NONE      /* never: the nominative uses its own rules only */
} sv_names_dict;

typedef struct {
    sv_names_dict dict;
    const char *dict_dir;   /* folder holding ru_RU.aff/ru_RU.dic; NULL: /usr/share/hunspell */
    size_t cache_max;       /* distinct words cached before the cache is emptied; default 200000 */
} sv_names_opts;

void sv_names_opts_init(sv_names_opts *o);

/* A new names object (opening the transliterator takes ~0.2 ms; the
 * dictionary, when opened, ~110 ms and 17 MB).  opts may be NULL
 * (defaults).  *out: caller frees with sv_names_free.  Fails with
 * SV_ERR_ICU (and an error in d) if ICU lacks the BGN transliterator. */
sv_status sv_names_new(const sv_names_opts *opts, sv_names **out, sv_diags *d);
void sv_names_free(sv_names *nm);

typedef enum {
    SV_NAME_WORD,    /* a capitalised word: Lukashenko, Минске, Voronezh */
    SV_NAME_ACRONYM, /* two or more capitals: МАЗ, MTZ, BelAZ, БелАЗа, U.S. */
    SV_NAME_QUOTED,  /* a short quoted name: «Гомсельмаш», "Belaruskali", “Central Trade Unions Stadium” */
    SV_NAME_MULTI    /* a run of capitalised words: Aleksandr Lukashenko, Александром Гусевым */
} sv_name_kind;

/* "word", "acronym", "quoted", "multi" */
const char *sv_name_kind_name(sv_name_kind k);

#define SV_NAME_KEY_SIZE 48

typedef struct {
    size_t start, end;    /* byte span in the text (quotes excluded for quoted names,
                             "'s" excluded for English possessives) */
    sv_name_kind kind;
    unsigned nwords;      /* words in the span.  1 for WORD and ACRONYM.  A MULTI
                             entry, or a QUOTED one of several words, is a group: the
                             entries of its capitalised words follow it.  So the entries
                             with nwords == 1 list every name word exactly once. */
    int sentence_initial; /* capitalised perhaps only because it starts the sentence
                             (or a quoted sentence): weaker evidence */
    char key[SV_NAME_KEY_SIZE]; /* cross-script match key: Latin, lower-case ASCII letters
                             and digits, Russian case ending removed (Минске -> "minsk",
                             Воронежской -> "voronezhsk", Гомсельмашем -> "gomselmash");
                             words of a group separated by one space; truncated to 47
                             bytes */
} sv_name;

/* Finds the names in one sentence (or any short text) of language lang
 * (SV_LANG_UNKNOWN: decided per word by its script).  Capitalised words,
 * acronyms, quoted names («» “” „“ "" ‘’) and runs of capitalised words.
 * Not names: one-letter words and initials, Roman numerals, English "I",
 * months and weekdays, Mr/Mrs/Dr, polite Russian Вы/Ваш, and function
 * words at the start of a sentence (The, In, В, По ...).
 * *out: array of *n entries in text order (a group before its words),
 * caller frees with free(); NULL when *n is 0. */
sv_status sv_names_extract(sv_names *nm, sv_lang lang, const char *text, size_t len,
                           sv_name **out, size_t *n);

/* The key of one word or phrase as sv_names_extract would compute it (a
 * Russian word loses its case ending; acronyms keep their capitals'
 * letters: БелАЗа -> "belaz").  Writes at most size-1 bytes and a NUL;
 * returns the key's length. */
size_t sv_names_key(sv_names *nm, const char *text, size_t len, char *out, size_t size);

/* Similarity of two keys in [0,1]: 1 for the same name.  Tolerates the
 * spelling differences of BGN and English (kh/h, iy/y, yu/iu, ya/ia,
 * ts/tz, x/ks, w/v, double letters, ye/e), a short leftover ending
 * (voronezhsk ~ voronezh 0.9) and one-edit variants of long names
 * (aleksandr ~ alexander 0.9); different short names score 0 (maz/mtz).
 * Keys of several words are matched word by word.  The formula is in
 * docs/design.md.  Pure function, thread-safe. */
double sv_name_similarity(const char *key_a, const char *key_b);

/* The canonical spelling the similarity compares (x -> ks, kh -> h, y -> i,
 * doubled letters once ...); equal canonical forms mean similarity 1, so
 * it can serve as a hash key for exact matches.  Writes at most size-1
 * bytes and a NUL; returns the length.  Thread-safe. */
size_t sv_name_canon(const char *key, char *out, size_t size);

/* Transliterates text (any script; Russian by BGN/PCGN) to lower-case
 * ASCII, keeping ASCII punctuation and spaces and dropping what has no
 * ASCII form: Гомсельмаш -> gomselmash, Беларусь -> belarus.  No ending is
 * removed.  Writes at most size-1 bytes and a NUL; returns the length of
 * the whole transliteration (like snprintf), so a result >= size means it
 * was truncated. */
size_t sv_names_translit(sv_names *nm, const char *text, size_t len, char *out, size_t size);

/* Appends to out the nominative singular of a Russian proper name or name
 * phrase: Гомсельмашем -> Гомсельмаш, МАЗа -> МАЗ, «Амкодору» -> «Амкодор»,
 * Воронежской области -> Воронежская область, Минске -> Минск, Беларуси ->
 * Беларусь, Александром Гусевым -> Александр Гусев, Липецкого тракторного
 * завода -> Липецкий тракторный завод, Лукашенко -> Лукашенко.  Adjectives
 * before the head noun agree with it; capitalised words after a proper
 * head (a first name and a surname) follow its case; genitive attributes
 * (стадиона профсоюзов) and quoted names after the head stay as they are.
 * Our own ending rules decide, helped by hunspell (ru_RU) for dictionary
 * words and by the forms given to sv_names_learn; for an unknown name
 * ending in -а (Белшина or Гомсельмаша?) the word is left as it is unless
 * learning says otherwise.  Text that is not Russian comes back unchanged.
 * Returns SV_ERR_LIMIT for a phrase over 1024 bytes (out unchanged). */
sv_status sv_names_nominative(sv_names *nm, const char *text, size_t len, sv_buf *out);

/* Records the capitalised Russian word forms of text (a whole document,
 * say) as evidence for sv_names_nominative: a candidate lemma gains for
 * each other form of its paradigm that was seen, so Гомсельмаша becomes
 * Гомсельмаш once «Гомсельмаш» was seen, and Белшине becomes Белшина once
 * Белшины or Белшиной was.  Memory is bounded: the evidence is emptied when
 * it reaches 100000 forms. */
void sv_names_learn(sv_names *nm, const char *text, size_t len);

/* Is the hunspell dictionary available (opening it now if lazy)? */
int sv_names_has_dictionary(sv_names *nm);

#endif
