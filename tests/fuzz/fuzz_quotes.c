/* fuzz_quotes.c - fuzz target: quotation extraction and reported-speech
 * detection on arbitrary bytes.  The first byte chooses the language. */
#include <stdint.h>
#include <stdlib.h>

#include "../../tm/quotes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    static const sv_lang langs[] = {SV_LANG_UNKNOWN, SV_LANG_EN, SV_LANG_RU, SV_LANG_RU};
    sv_lang lang = langs[data[0] & 3];
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    sv_quote *v = NULL;
    size_t n = 0;
    if (sv_quotes_extract(lang, text, len, &v, &n) != SV_OK)
        abort();
    for (size_t i = 0; i < n; i++) {
        const sv_quote *q = &v[i];
        /* spans nested in order and inside the text */
        if (q->start >= q->end || q->end > len || q->inner_start < q->start ||
            q->inner_end > q->end || q->inner_start > q->inner_end || q->attr_start > q->attr_end ||
            q->attr_end > len || q->depth > 64)
            abort();
        if (i > 0 && v[i - 1].start > q->start)
            abort(); /* sorted by start */
    }
    free(v);
    size_t s = 0, e = 0;
    if (sv_quotes_reported(lang, text, len, &s, &e) && (s >= e || e > len))
        abort();
    return 0;
}
