/* mueller.h - reading the Mueller English-Russian dictionary (dictd format).
 *
 * Debian's mueller7-dict package installs V. K. Mueller's dictionary (7th
 * edition, GPL) as /usr/share/dictd/mueller7.index and mueller7.dict.dz.
 * sverka reads it at run time and never ships a copy or a derived list.
 *
 * The index has one line per entry: "headword TAB offset TAB length", the
 * numbers in dictd's base64 (A-Z a-z 0-9 + /, most significant digit first),
 * locating the entry in the uncompressed .dict text.  The .dz file is
 * dictzip, a gzip file with random-access extras, so zlib reads it whole.
 *
 * An entry is the headword line followed by indented lines: a transcription
 * in [...], part-of-speech groups "1. _n.", numbered senses "1)", lettered
 * subsenses "а)", homonyms "_I", "_II", labels such as "_разг." or "_тех.",
 * comments in (...), and inside each sense the Russian translations separated
 * by commas and semicolons followed by English examples and idioms with
 * their translations.  sv_mueller_parse_entry keeps the translations and
 * drops everything else:
 *   - labels, transcriptions, {...} and (...) comments are removed; an
 *     optional ending written in parentheses right after a word is expanded
 *     ("обменивать(ся)" gives "обменивать" and "обмениваться");
 *   - a sense is read up to its first ';' or ':' part that contains a Latin
 *     letter (an example, an idiom, a cross-reference): that part and the
 *     rest of the sense are dropped, and so are the lettered subsenses that
 *     follow (they explain the idiom);
 *   - placeholders such as "кого-л.", "т.п." are removed; a translation
 *     with anything but Cyrillic letters, spaces and hyphens left is dropped,
 *     and so is one of more than max_words words;
 *   - "_p. от go", "_p-p. от take", "_pl. от child", "_pres-p. от meet",
 *     "_сокр. от doctor" and "= bandanna" become aliases (went -> go).
 */
#ifndef SV_MUELLER_H
#define SV_MUELLER_H

#include <stddef.h>

#include "../base/status.h"

/* Receives what the parser finds.  Strings are borrowed for the call only
 * and are not NUL-terminated.  The headword is in lower case; a translation
 * is one or more Russian words separated by single spaces, as written in the
 * dictionary (ё kept).  sense is the number of the sense it came from (1 for
 * the first sense of each part of speech). */
typedef struct {
    void (*pair)(void *ctx, const char *en, size_t en_len, const char *ru, size_t ru_len,
                 int sense);
    void (*alias)(void *ctx, const char *form, size_t form_len, const char *base,
                  size_t base_len);
    void *ctx;
    size_t max_words; /* longest translation kept, in words; 0 means 3 */
} sv_mueller_sink;

/* Parses one entry: head is the headword (as in the index), body the entry
 * text starting with its headword line.  Never fails; text it does not
 * understand is skipped. */
void sv_mueller_parse_entry(const char *head, size_t head_len, const char *body,
                            size_t body_len, const sv_mueller_sink *sink);

/* Reads dir/mueller7.index and dir/mueller7.dict.dz and parses every entry
 * (headwords of several words, affixes and the dictionary's own notes are
 * skipped).  A missing file gives SV_ERR_NOTFOUND, a damaged one SV_ERR_INPUT
 * (with the index line), both with an SV_ERROR diagnostic. */
sv_status sv_mueller_read(const char *dir, const sv_mueller_sink *sink, sv_diags *diags);

#endif
