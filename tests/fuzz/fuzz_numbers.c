/* fuzz_numbers.c - fuzz target: number extraction, comparison and keys.
 * The first byte chooses the language (English, Russian, guessed); the
 * rest is the text, which need not be valid UTF-8 nor NUL-terminated. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../align/numbers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static sv_numscan *sc;
    if (!sc && sv_numscan_new(&sc, NULL) != SV_OK)
        abort();
    if (size == 0)
        return 0;
    static const sv_lang langs[] = {SV_LANG_EN, SV_LANG_RU, SV_LANG_UNKNOWN};
    sv_lang lang = langs[data[0] % 3];
    size_t len = size - 1;
    /* a copy of exactly len bytes, so that reading past the end is caught */
    char *text = malloc(len ? len : 1);
    if (!text)
        abort();
    memcpy(text, data + 1, len);
    sv_number *v = NULL;
    size_t n = 0;
    if (sv_numbers_extract(sc, lang, text, len, &v, &n) != SV_OK)
        abort();
    for (size_t i = 0; i < n; i++) {
        const sv_number *a = &v[i];
        if (a->start >= a->end || a->end > len || (unsigned)a->kind >= SV_NUM_NKINDS ||
            !isfinite(a->value) || a->currency[3] != '\0')
            abort(); /* spans inside the text, a known kind, a real value */
        if (i && a->start < v[i - 1].start && a->kind != SV_NUM_YEAR)
            abort(); /* text order (a date's year lies inside the date) */
        if (sv_number_compare(a, a) != SV_NUMEQ_SAME)
            abort();
        char k1[64], k2[8];
        size_t l1 = sv_number_key(a, k1, sizeof k1), l2 = sv_number_key(a, k2, sizeof k2);
        if (l1 != l2 || l1 != strlen(k1) || strlen(k2) > 7 || strncmp(k1, k2, strlen(k2)) != 0)
            abort();
        if (i) {
            const sv_number *b = &v[i - 1];
            if (sv_number_compare(a, b) != sv_number_compare(b, a))
                abort(); /* symmetric */
        }
    }
    free(v);
    free(text);
    return 0;
}
