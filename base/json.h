/* json.h - a small, strict reader for one-line JSON objects (JSON lines).
 *
 * Enough for the batch input {"id":..,"source":..,"target":..} and for
 * sverka's own JSON-lines links: an object whose values are strings,
 * numbers, true, false or null.  Members of nested objects are listed with
 * dotted keys ("source.text"), the object itself as SV_JSON_SKIPPED; arrays
 * are accepted but skipped (SV_JSON_SKIPPED); nesting depth is limited to
 * 64.  Strings are unescaped into valid UTF-8
 * (\uXXXX, surrogate pairs); lone surrogates, control characters in
 * strings, bad escapes and trailing garbage are errors with a column.
 */
#ifndef SV_JSON_H
#define SV_JSON_H

#include <stddef.h>

#include "status.h"

typedef enum {
    SV_JSON_STRING, SV_JSON_NUMBER, SV_JSON_TRUE, SV_JSON_FALSE, SV_JSON_NULL, SV_JSON_SKIPPED
} sv_json_type;

typedef struct {
    char *key;       /* unescaped, NUL-terminated */
    sv_json_type type;
    char *str;       /* SV_JSON_STRING: unescaped value; NUMBER: its text */
    size_t len;      /* bytes of str (strings may contain NUL as \u0000: refused) */
} sv_json_member;

typedef struct {
    sv_json_member *m;
    size_t n, cap;
} sv_json_object;

/* Parses one object from text[0,len) (surrounding white space allowed).
 * On success fills *obj (free with sv_json_object_free).  On failure
 * returns SV_ERR_INPUT and sets *errcol (1-based column) and errmsg
 * (static string). */
sv_status sv_json_parse_object(const char *text, size_t len, sv_json_object *obj,
                               size_t *errcol, const char **errmsg);
void sv_json_object_free(sv_json_object *obj);

/* The member named key (the first one), or NULL. */
const sv_json_member *sv_json_get(const sv_json_object *obj, const char *key);

#endif
