/* hash.h - 64-bit hashing and two small hash sets for the TM tools.
 *
 * sv_hash64 is a fast non-cryptographic hash (a 64-bit multiply-mix over
 * 8-byte words); it is stable across runs and machines, so its values may
 * be stored in a database.  The sets grow as needed and never shrink.
 */
#ifndef SV_HASH_H
#define SV_HASH_H

#include <stddef.h>
#include <stdint.h>

/* Hash of len bytes, continuing from seed (pass 0 to start; pass a
 * previous result to hash several pieces as one). */
uint64_t sv_hash64(const void *data, size_t len, uint64_t seed);

/* A set of strings (copied into the set). */
typedef struct sv_strset sv_strset;

sv_strset *sv_strset_new(void);
void sv_strset_free(sv_strset *s);          /* NULL is a no-op */
int sv_strset_has(const sv_strset *s, const char *str);
/* Adds str; returns 1 if it was added, 0 if it was already there. */
int sv_strset_add(sv_strset *s, const char *str);
size_t sv_strset_count(const sv_strset *s);

/* A map from 128-bit keys (two 64-bit halves, not both 0) to a 64-bit
 * value, for deduplicating large streams in little memory. */
typedef struct sv_keymap sv_keymap;

sv_keymap *sv_keymap_new(void);
void sv_keymap_free(sv_keymap *m);          /* NULL is a no-op */
/* The value slot of key (a, b), created with value init if absent;
 * *created tells which (may be NULL).  The pointer is valid until the
 * next insertion. */
uint64_t *sv_keymap_slot(sv_keymap *m, uint64_t a, uint64_t b, uint64_t init, int *created);
/* The value slot of key, or NULL when absent. */
uint64_t *sv_keymap_find(const sv_keymap *m, uint64_t a, uint64_t b);
size_t sv_keymap_count(const sv_keymap *m);
/* Calls fn for every entry, in no particular order; stops when fn returns
 * non-zero and returns that value. */
int sv_keymap_each(const sv_keymap *m, int (*fn)(void *ctx, uint64_t a, uint64_t b, uint64_t v),
                   void *ctx);
/* Removes every entry, keeping the memory. */
void sv_keymap_clear(sv_keymap *m);

#endif
