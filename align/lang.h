/* lang.h - the two languages sverka knows, and telling them apart by script. */
#ifndef SV_LANG_H
#define SV_LANG_H

#include <stddef.h>

typedef enum { SV_LANG_UNKNOWN = 0, SV_LANG_EN, SV_LANG_RU } sv_lang;

/* "en", "ru", or "und" */
const char *sv_lang_code(sv_lang l);
/* Parses "en", "EN-us", "ru", "ru_RU", "english", "russian", "auto" (gives
 * SV_LANG_UNKNOWN); returns -1 for anything else. */
int sv_lang_parse(const char *s, sv_lang *out);

typedef struct {
    size_t latin, cyrillic, other; /* letters counted */
} sv_script_count;

/* Counts letters by script in UTF-8 text (adds to *c). */
void sv_script_count_add(sv_script_count *c, const char *s, size_t len);
/* The language the counts suggest: Russian if Cyrillic letters make up at
 * least 40% of Latin + Cyrillic, English if Latin letters make up 60% or more
 * of them with few Cyrillic; SV_LANG_UNKNOWN for no letters. */
sv_lang sv_script_lang(const sv_script_count *c);

#endif
