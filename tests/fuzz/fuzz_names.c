/* fuzz_names.c - fuzz target: name extraction, keys, similarity and the
 * Russian nominative on arbitrary bytes.  The first byte chooses the
 * language and whether the rest is split into two keys for the similarity. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../align/names.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static sv_names *nm;
    if (!nm && sv_names_new(NULL, &nm, NULL) != SV_OK)
        abort();
    if (size == 0)
        return 0;
    static const sv_lang langs[] = {SV_LANG_UNKNOWN, SV_LANG_EN, SV_LANG_RU, SV_LANG_RU};
    sv_lang lang = langs[data[0] & 3];
    const char *text = (const char *)data + 1;
    size_t len = size - 1;

    sv_name *v = NULL;
    size_t n = 0;
    if (sv_names_extract(nm, lang, text, len, &v, &n) != SV_OK)
        abort();
    size_t words = 0;
    for (size_t i = 0; i < n; i++) {
        const sv_name *x = &v[i];
        if (x->start >= x->end || x->end > len || x->nwords == 0 || x->key[0] == 0 ||
            strlen(x->key) >= sizeof x->key)
            abort(); /* spans inside the text, keys non-empty and terminated */
        for (const char *k = x->key; *k; k++)
            if (!((*k >= 'a' && *k <= 'z') || (*k >= '0' && *k <= '9') || *k == '-' || *k == ' '))
                abort(); /* keys are lower-case ASCII */
        words += x->nwords == 1;
        double s = sv_name_similarity(x->key, x->key);
        if (s < 0.999)
            abort(); /* a key is the same name as itself */
        if (i > 0) {
            double a = sv_name_similarity(x->key, v[i - 1].key);
            double b = sv_name_similarity(v[i - 1].key, x->key);
            if (a < 0 || a > 1 || a - b > 1e-9 || b - a > 1e-9)
                abort();
        }
    }
    (void)words;
    free(v);

    char key[SV_NAME_KEY_SIZE], tr[256];
    sv_names_key(nm, text, len, key, sizeof key);
    if (sv_names_translit(nm, text, len, tr, sizeof tr) < strlen(tr))
        abort();

    /* keys made of the raw bytes: the similarity must cope with anything */
    if (data[0] & 4) {
        char a[SV_NAME_KEY_SIZE], b[SV_NAME_KEY_SIZE];
        size_t half = len / 2, la = half < sizeof a - 1 ? half : sizeof a - 1;
        size_t lb = len - half < sizeof b - 1 ? len - half : sizeof b - 1;
        memcpy(a, text, la);
        a[la] = 0;
        memcpy(b, text + half, lb);
        b[lb] = 0;
        double s = sv_name_similarity(a, b);
        if (s < 0 || s > 1)
            abort();
    }

    sv_buf out = SV_BUF_INIT;
    sv_status st = sv_names_nominative(nm, text, len, &out);
    if (st != SV_OK && st != SV_ERR_LIMIT)
        abort();
    if (data[0] & 8)
        sv_names_learn(nm, text, len);
    sv_buf_free(&out);
    return 0;
}
