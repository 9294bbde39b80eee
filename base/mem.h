/* mem.h - allocation that cannot fail, per-document arenas, growable arrays.
 *
 * sverka treats running out of memory as fatal: the x* functions abort
 * with a one-line message instead of returning NULL, so callers need no
 * error path for allocation.  Inputs are bounded elsewhere (see the
 * limits in text.h), so a hostile file cannot drive memory to exhaustion.
 */
#ifndef SV_MEM_H
#define SV_MEM_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grows an array of nmemb elements of size bytes, checking overflow. */
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);
/* Copies len bytes and adds a NUL. */
char *xstrndup(const char *s, size_t len);

/* Ensures an array *pp of *capp elements of elemsize bytes can hold need
 * elements, doubling its capacity when it grows. */
void sv_grow(void *pp, size_t *capp, size_t need, size_t elemsize);

/* Appends value v to a (ptr, len, cap) array.  Example:
 *     sv_sentence *v = NULL; size_t n = 0, cap = 0;
 *     SV_PUSH(v, n, cap, s);                                              */
#define SV_PUSH(ptr, len, cap, v)                                            \
    do {                                                                     \
        sv_grow(&(ptr), &(cap), (len) + 1, sizeof *(ptr));                   \
        (ptr)[(len)++] = (v);                                                \
    } while (0)

/* An arena: many small allocations freed together in one call. */
typedef struct sv_arena sv_arena;

/* A new empty arena; caller frees with sv_arena_free. */
sv_arena *sv_arena_new(void);
/* Frees the arena and everything allocated from it; NULL is a no-op. */
void sv_arena_free(sv_arena *a);
/* n bytes aligned for any type, owned by the arena. */
void *sv_arena_alloc(sv_arena *a, size_t n);
/* A NUL-terminated copy of len bytes of s, owned by the arena. */
char *sv_arena_strndup(sv_arena *a, const char *s, size_t len);
/* Bytes handed out so far (for statistics). */
size_t sv_arena_used(const sv_arena *a);

#endif
