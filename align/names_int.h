/* names_int.h - private to names.c and names_nom.c: the names object, a
 * small string map, and letter classes for Latin and Cyrillic. */
#ifndef SV_NAMES_INT_H
#define SV_NAMES_INT_H

#include <stddef.h>
#include <stdint.h>

#include <unicode/utrans.h>

#include "../base/buf.h"
#include "names.h"

/* A string -> (string, tag) map, open addressing; keys and values live in
 * one pool.  Entries are never removed one by one, only all at once. */
typedef struct {
    uint32_t hash;
    uint32_t koff, klen; /* klen 0: empty slot */
    uint32_t voff, vlen;
    uint32_t tag;
} sv_nslot;

typedef struct {
    sv_nslot *slots;
    size_t cap, n;
    sv_buf pool;
} sv_nmap;

uint32_t sv_nmap_hash(const char *s, size_t len);
/* The entry for key s, or NULL. */
const sv_nslot *sv_nmap_get(const sv_nmap *m, const char *s, size_t len);
/* Adds or replaces key s with value v (vlen bytes) and tag. */
void sv_nmap_put(sv_nmap *m, const char *s, size_t len, const char *v, size_t vlen, uint32_t tag);
/* The value of an entry (not NUL-terminated; e->vlen bytes). */
const char *sv_nmap_val(const sv_nmap *m, const sv_nslot *e);
void sv_nmap_clear(sv_nmap *m);
void sv_nmap_free(sv_nmap *m);

struct sv_hunspell; /* hunspell's Hunhandle, kept opaque here */

struct sv_names {
    UTransliterator *tr;
    sv_nmap cache;      /* word -> key */
    size_t cache_max;
    sv_nmap stop;       /* lower-case word -> STOP_* flags */
    UChar *ubuf;        /* scratch for ICU */
    size_t ucap;
    /* nominative */
    sv_names_dict dict_mode;
    char *dict_dir;
    struct sv_hunspell *hun;
    int hun_tried;
    sv_nmap learned;    /* word form or implied lemma -> 1 */
    /* scratch of sv_names_extract */
    struct sv_names_cand *cands;
    size_t ccap;
    struct sv_names_quote *quotes;
    size_t qcap;
    sv_buf scratch;
};

/* ---- letters ------------------------------------------------------------ */

int sv_nm_is_letter(long cp);
int sv_nm_is_upper(long cp);
int sv_nm_is_lower(long cp);
long sv_nm_lower(long cp);
long sv_nm_upper(long cp);
static inline int sv_nm_is_cyr(long cp) { return cp >= 0x400 && cp <= 0x52F; }

/* The part of a hyphenated word that declines: the last (Нью-Йорке), or
 * the first when a lower-case connector follows it (Ростове-на-Дону).
 * Returns its length in code points and sets *start. */
size_t sv_nm_declined_part(const long *cp, size_t n, size_t *start);

/* Transliterates one UTF-8 word/phrase with the names transliterator into
 * lower-case ASCII (letters, digits and ASCII punctuation kept, anything
 * else dropped); appends to out.  Returns 0 on ICU failure. */
int sv_nm_translit_append(sv_names *nm, const char *s, size_t len, sv_buf *out);

/* hunspell access for the nominative (names_nom.c); NULL when unavailable. */
struct sv_hunspell *sv_nm_hunspell(sv_names *nm);
void sv_nm_hunspell_close(sv_names *nm);

#endif
