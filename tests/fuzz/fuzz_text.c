/* fuzz_text.c - fuzz target: document input (encoding detection, plain text
 * and HTML paragraphs) and sentence segmentation of whatever comes out.
 * The first byte chooses the input format and a forced encoding. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../align/segment.h"
#include "../../align/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static sv_segmenter *sg;
    if (!sg && sv_segmenter_new(NULL, &sg, NULL) != SV_OK)
        abort();
    if (size == 0)
        return 0;
    sv_load_opts lo;
    sv_load_opts_init(&lo);
    static const char *const encs[] = {NULL, NULL, NULL, NULL, "cp1251", "koi8-r", "utf-16le",
                                       "utf-8"};
    lo.format = (sv_input_format)(data[0] % 3);
    lo.encoding = encs[(data[0] >> 2) % 8];
    sv_diags *d = sv_diags_new();
    sv_doc *doc = NULL;
    if (sv_doc_load_mem("fuzz.txt", (const char *)data + 1, size - 1, &lo, &doc, d) == SV_OK) {
        size_t len;
        const char *text = sv_doc_text(doc, &len);
        sv_segs *segs = NULL;
        if (sv_segment_doc(sg, doc, SV_LANG_UNKNOWN, &segs, d) == SV_OK) {
            for (size_t i = 0; i < segs->n; i++) {
                const sv_sentence *s = &segs->v[i];
                if (s->start > s->end || s->end > len || memchr(s->text, '\0', s->len))
                    abort(); /* spans must stay inside the text */
                (void)text;
            }
            sv_segs_free(segs);
        }
        sv_doc_free(doc);
    }
    sv_diags_free(d);
    return 0;
}
