/* morph.h - dictionary forms of English and Russian words (hunspell).
 *
 * Wraps hunspell with Debian's en_US and ru_RU dictionaries (packages
 * hunspell-en-us and hunspell-ru, both UTF-8): "meetings" -> "meet",
 * "Воронежской" -> "воронежский", "стали" -> "сталь", "стать".  Results are
 * folded (sv_morph_fold) so they compare as plain bytes.
 *
 * hunspell does about 180,000 Russian stems a second: callers that see the
 * same words again and again (every aligner) must cache per word form; the
 * lexicon module does.  It does not know most proper names (Лукашенко,
 * Беларуси), which then have no stems.
 *
 * A morph is not thread-safe (hunspell keeps state): one per thread.
 */
#ifndef SV_MORPH_H
#define SV_MORPH_H

#include <stddef.h>

#include "../base/buf.h"
#include "../base/status.h"
#include "lang.h"

/* Where Debian installs the dictionaries. */
#define SV_HUNSPELL_DIR "/usr/share/hunspell"

typedef struct sv_morph sv_morph;

/* Loads dir/en_US.{aff,dic} and dir/ru_RU.{aff,dic} (dir NULL: the Debian
 * location); takes ~150 ms and ~20 MB.  A missing dictionary gives
 * SV_ERR_NOTFOUND, one not in UTF-8 SV_ERR_UNSUPPORTED, each with an
 * SV_ERROR diagnostic.  *out: caller frees with sv_morph_free. */
sv_status sv_morph_new(const char *dir, sv_morph **out, sv_diags *diags);
void sv_morph_free(sv_morph *m);

/* Appends to out the folded dictionary forms of word (len bytes of valid
 * UTF-8, a single word as it appears in text, any case), each followed by
 * a NUL, without duplicates, and returns how many; 0 when hunspell does
 * not know the word (words over 100 bytes are never looked up). */
size_t sv_morph_stems(sv_morph *m, sv_lang lang, const char *word, size_t len, sv_buf *out);

/* Appends the comparison form of s to out: lower case, ё -> е, typographic
 * apostrophes -> '.  Invalid UTF-8 bytes are copied as they are. */
void sv_morph_fold(const char *s, size_t len, sv_buf *out);

#endif
