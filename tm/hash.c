/* hash.c - a stable 64-bit hash and open-addressing sets, used to keep tuids
 * unique in the TMX writer and to deduplicate translation units. */
#include "hash.h"

#include <stdlib.h>
#include <string.h>

#include "../base/mem.h"

static uint64_t mix(uint64_t x)
{
    x ^= x >> 32;
    x *= 0xd6e8feb86659fd93ULL;
    x ^= x >> 32;
    x *= 0xd6e8feb86659fd93ULL;
    x ^= x >> 32;
    return x;
}

uint64_t sv_hash64(const void *data, size_t len, uint64_t seed)
{
    const unsigned char *p = data;
    uint64_t h = seed ^ (0x9e3779b97f4a7c15ULL * (len + 1));
    while (len >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = mix(h ^ w) + 0x632be59bd9b4e019ULL;
        p += 8;
        len -= 8;
    }
    uint64_t w = 0;
    for (size_t i = 0; i < len; i++)
        w |= (uint64_t)p[i] << (8 * i);
    return mix(h ^ w ^ 0xff51afd7ed558ccdULL);
}

/* ---- string set ---------------------------------------------------- */

struct sv_strset {
    char **slot;
    size_t cap, n; /* cap is a power of two */
};

sv_strset *sv_strset_new(void)
{
    sv_strset *s = xcalloc(1, sizeof *s);
    s->cap = 64;
    s->slot = xcalloc(s->cap, sizeof *s->slot);
    return s;
}

void sv_strset_free(sv_strset *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->cap; i++)
        free(s->slot[i]);
    free(s->slot);
    free(s);
}

static size_t str_pos(char *const *slot, size_t cap, const char *str)
{
    size_t i = (size_t)sv_hash64(str, strlen(str), 0) & (cap - 1);
    while (slot[i] && strcmp(slot[i], str) != 0)
        i = (i + 1) & (cap - 1);
    return i;
}

int sv_strset_has(const sv_strset *s, const char *str)
{
    return s->slot[str_pos(s->slot, s->cap, str)] != NULL;
}

int sv_strset_add(sv_strset *s, const char *str)
{
    if ((s->n + 1) * 4 > s->cap * 3) {
        size_t ncap = s->cap * 2;
        char **ns = xcalloc(ncap, sizeof *ns);
        for (size_t i = 0; i < s->cap; i++)
            if (s->slot[i])
                ns[str_pos(ns, ncap, s->slot[i])] = s->slot[i];
        free(s->slot);
        s->slot = ns;
        s->cap = ncap;
    }
    size_t i = str_pos(s->slot, s->cap, str);
    if (s->slot[i])
        return 0;
    s->slot[i] = xstrdup(str);
    s->n++;
    return 1;
}

size_t sv_strset_count(const sv_strset *s)
{
    return s->n;
}

/* ---- 128-bit key map ----------------------------------------------- */

typedef struct {
    uint64_t a, b, v;
} kentry;

struct sv_keymap {
    kentry *e;
    size_t cap, n;
};

sv_keymap *sv_keymap_new(void)
{
    sv_keymap *m = xcalloc(1, sizeof *m);
    m->cap = 1024;
    m->e = xcalloc(m->cap, sizeof *m->e);
    return m;
}

void sv_keymap_free(sv_keymap *m)
{
    if (!m)
        return;
    free(m->e);
    free(m);
}

static size_t key_pos(const kentry *e, size_t cap, uint64_t a, uint64_t b)
{
    size_t i = (size_t)mix(a ^ (b * 0x9e3779b97f4a7c15ULL)) & (cap - 1);
    while ((e[i].a | e[i].b) != 0 && (e[i].a != a || e[i].b != b))
        i = (i + 1) & (cap - 1);
    return i;
}

uint64_t *sv_keymap_slot(sv_keymap *m, uint64_t a, uint64_t b, uint64_t init, int *created)
{
    if ((a | b) == 0)
        b = 1; /* the empty-slot key is reserved */
    if ((m->n + 1) * 4 > m->cap * 3) {
        size_t ncap = m->cap * 2;
        kentry *ne = xcalloc(ncap, sizeof *ne);
        for (size_t i = 0; i < m->cap; i++)
            if ((m->e[i].a | m->e[i].b) != 0)
                ne[key_pos(ne, ncap, m->e[i].a, m->e[i].b)] = m->e[i];
        free(m->e);
        m->e = ne;
        m->cap = ncap;
    }
    size_t i = key_pos(m->e, m->cap, a, b);
    int c = (m->e[i].a | m->e[i].b) == 0;
    if (c) {
        m->e[i].a = a;
        m->e[i].b = b;
        m->e[i].v = init;
        m->n++;
    }
    if (created)
        *created = c;
    return &m->e[i].v;
}

uint64_t *sv_keymap_find(const sv_keymap *m, uint64_t a, uint64_t b)
{
    if ((a | b) == 0)
        b = 1;
    size_t i = key_pos(m->e, m->cap, a, b);
    return (m->e[i].a | m->e[i].b) != 0 ? &m->e[i].v : NULL;
}

size_t sv_keymap_count(const sv_keymap *m)
{
    return m->n;
}

int sv_keymap_each(const sv_keymap *m, int (*fn)(void *ctx, uint64_t a, uint64_t b, uint64_t v),
                   void *ctx)
{
    for (size_t i = 0; i < m->cap; i++)
        if ((m->e[i].a | m->e[i].b) != 0) {
            int rc = fn(ctx, m->e[i].a, m->e[i].b, m->e[i].v);
            if (rc)
                return rc;
        }
    return 0;
}

void sv_keymap_clear(sv_keymap *m)
{
    memset(m->e, 0, m->cap * sizeof *m->e);
    m->n = 0;
}
