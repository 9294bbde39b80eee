/* morph.c - hunspell stems for the lexicon: the only file that talks to
 * hunspell.  Sits under lexicon.c (dictionary evidence for the aligner). */
#include "morph.h"

#include <hunspell/hunspell.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "../base/mem.h"
#include "../base/utf8.h"
#include "../base/fileio.h"

struct sv_morph {
    Hunhandle *h[2]; /* en, ru */
    char word[128];  /* NUL-terminated copy of the word being stemmed */
    sv_buf fold;
};

#define MAX_WORD 100

static sv_status open_dict(const char *dir, const char *name, const char *package,
                           Hunhandle **out, sv_diags *diags)
{
    sv_buf aff = SV_BUF_INIT, dic = SV_BUF_INIT;
    sv_buf_printf(&aff, "%s/%s.aff", dir, name);
    sv_buf_printf(&dic, "%s/%s.dic", dir, name);
    sv_status st = SV_OK;
    if (!sv_file_exists(aff.ptr) || !sv_file_exists(dic.ptr)) {
        sv_diags_add(diags, SV_ERROR, dic.ptr, 0, 0, -1,
                     "hunspell dictionary not found (install the %s package)", package);
        st = SV_ERR_NOTFOUND;
    } else {
        *out = Hunspell_create(aff.ptr, dic.ptr);
        const char *enc = *out ? Hunspell_get_dic_encoding(*out) : NULL;
        if (!*out) {
            sv_diags_add(diags, SV_ERROR, dic.ptr, 0, 0, -1, "hunspell cannot load it");
            st = SV_ERR_NOTFOUND;
        } else if (!enc || strcmp(enc, "UTF-8") != 0) {
            /* hunspell wants words in the dictionary's own encoding */
            sv_diags_add(diags, SV_ERROR, dic.ptr, 0, 0, -1,
                         "hunspell dictionary is in %s; sverka needs a UTF-8 dictionary",
                         enc ? enc : "an unknown encoding");
            Hunspell_destroy(*out);
            *out = NULL;
            st = SV_ERR_UNSUPPORTED;
        }
    }
    sv_buf_free(&aff);
    sv_buf_free(&dic);
    return st;
}

sv_status sv_morph_new(const char *dir, sv_morph **out, sv_diags *diags)
{
    *out = NULL;
    if (!dir)
        dir = SV_HUNSPELL_DIR;
    sv_morph *m = xcalloc(1, sizeof *m);
    sv_status st = open_dict(dir, "en_US", "hunspell-en-us", &m->h[0], diags);
    if (st == SV_OK)
        st = open_dict(dir, "ru_RU", "hunspell-ru", &m->h[1], diags);
    if (st != SV_OK) {
        sv_morph_free(m);
        return st;
    }
    *out = m;
    return SV_OK;
}

void sv_morph_free(sv_morph *m)
{
    if (!m)
        return;
    for (int i = 0; i < 2; i++)
        if (m->h[i])
            Hunspell_destroy(m->h[i]);
    sv_buf_free(&m->fold);
    free(m);
}

void sv_morph_fold(const char *s, size_t len, sv_buf *out)
{
    sv_buf_reserve(out, len);
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            sv_buf_putc(out, (char)(c >= 'A' && c <= 'Z' ? c + 32 : c));
            i++;
            continue;
        }
        size_t adv;
        long cp = sv_utf8_decode(s + i, len - i, &adv);
        if (cp < 0) {
            sv_buf_append(out, s + i, adv);
            i += adv;
            continue;
        }
        i += adv;
        if (cp >= 0x410 && cp <= 0x42F)
            cp += 0x20; /* А-Я */
        else if (cp == 0x401 || cp == 0x451)
            cp = 0x435; /* Ё, ё -> е */
        else if (cp >= 0x400 && cp <= 0x40F)
            cp += 0x50;
        else if (cp == 0x2019 || cp == 0x2018 || cp == 0x2BC)
            cp = '\'';
        else if (cp >= 0x80 && !(cp >= 0x430 && cp <= 0x45F))
            cp = u_tolower((UChar32)cp);
        sv_buf_put_cp(out, (unsigned)cp);
    }
}

/* Is the NUL-terminated string s already among the n strings in out from
 * offset start? */
static int seen(const sv_buf *out, size_t start, const char *s, size_t slen)
{
    size_t i = start;
    while (i < out->len) {
        size_t l = strlen(out->ptr + i);
        if (l == slen && memcmp(out->ptr + i, s, slen) == 0)
            return 1;
        i += l + 1;
    }
    return 0;
}

size_t sv_morph_stems(sv_morph *m, sv_lang lang, const char *word, size_t len, sv_buf *out)
{
    if (len == 0 || len > MAX_WORD || memchr(word, '\0', len))
        return 0;
    Hunhandle *h = m->h[lang == SV_LANG_RU ? 1 : 0];
    memcpy(m->word, word, len);
    m->word[len] = '\0';
    char **list = NULL;
    int n = Hunspell_stem(h, &list, m->word);
    size_t start = out->len, count = 0;
    for (int i = 0; i < n; i++) {
        sv_buf_reset(&m->fold);
        sv_morph_fold(list[i], strlen(list[i]), &m->fold);
        if (m->fold.len == 0 || seen(out, start, m->fold.ptr, m->fold.len))
            continue;
        sv_buf_append(out, m->fold.ptr, m->fold.len);
        sv_buf_putc(out, '\0');
        count++;
    }
    if (list)
        Hunspell_free_list(h, &list, n);
    return count;
}
