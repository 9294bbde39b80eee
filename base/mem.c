/* mem.c - the one place where allocation failure is handled: by aborting.
 * Also the arena used for per-document memory (sentences, normalised text). */
#include "mem.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(size_t n)
{
    /* The library never prints, except here: there is nobody left to tell. */
    fprintf(stderr, "sverka: out of memory (%zu bytes)\n", n);
    abort();
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        oom(n);
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        oom(n * size);
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        oom(n);
    return q;
}

void *xreallocarray(void *p, size_t nmemb, size_t size)
{
    if (size && nmemb > SIZE_MAX / size)
        oom(SIZE_MAX);
    return xrealloc(p, nmemb * size);
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t len)
{
    char *p = xmalloc(len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

void sv_grow(void *pp, size_t *capp, size_t need, size_t elemsize)
{
    void **p = pp;
    if (need <= *capp)
        return;
    size_t cap = *capp ? *capp : 8;
    while (cap < need) {
        if (cap > SIZE_MAX / 2)
            oom(SIZE_MAX);
        cap *= 2;
    }
    *p = xreallocarray(*p, cap, elemsize);
    *capp = cap;
}

/* Blocks are chained; a request larger than the block size gets a block of
 * its own so that huge paragraphs do not waste a fixed-size block. */
typedef struct block {
    struct block *next;
    size_t used, size;
    max_align_t data[];
} block;

struct sv_arena {
    block *head;
    size_t total;
};

enum { BLOCK_SIZE = 64 * 1024 };

sv_arena *sv_arena_new(void)
{
    return xcalloc(1, sizeof(sv_arena));
}

void sv_arena_free(sv_arena *a)
{
    if (!a)
        return;
    block *b = a->head;
    while (b) {
        block *next = b->next;
        free(b);
        b = next;
    }
    free(a);
}

void *sv_arena_alloc(sv_arena *a, size_t n)
{
    const size_t align = sizeof(max_align_t);
    n = (n + align - 1) / align * align;
    if (n == 0)
        n = align;
    block *b = a->head;
    if (!b || b->size - b->used < n) {
        size_t size = n > BLOCK_SIZE / 4 ? n : BLOCK_SIZE;
        block *nb = xmalloc(sizeof(block) + size);
        nb->used = 0;
        nb->size = size;
        if (size == n && b) {
            /* keep filling the current block: put the big one behind it */
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
    }
    void *p = (char *)b->data + b->used;
    b->used += n;
    a->total += n;
    return p;
}

char *sv_arena_strndup(sv_arena *a, const char *s, size_t len)
{
    char *p = sv_arena_alloc(a, len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

size_t sv_arena_used(const sv_arena *a)
{
    return a->total;
}
