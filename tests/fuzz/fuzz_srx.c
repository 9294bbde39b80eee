/* fuzz_srx.c - fuzz target: SRX rule files (libxml2 with the safe options,
 * ICU regular expressions) and splitting a text with the rules.  Input: a
 * byte choosing the language, the SRX file, a NUL byte, the text to split
 * (a built-in text when there is no NUL). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../align/srx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char fallback[] = "Mr. Smith met Dr. Jones. They talked! В г. Минске «встреча?» "
                                   "— спросил он. 8,4 млрд. руб. Ещё раз... Конец.";
    if (size == 0)
        return 0;
    static const sv_lang langs[] = {SV_LANG_EN, SV_LANG_RU, SV_LANG_UNKNOWN};
    sv_lang lang = langs[data[0] % 3];
    const char *xml = (const char *)data + 1;
    size_t xlen = size - 1;
    const char *nul = memchr(xml, '\0', xlen);
    const char *text = fallback;
    size_t tlen = sizeof fallback - 1;
    if (nul) {
        text = nul + 1;
        tlen = xlen - (size_t)(nul - xml) - 1;
        xlen = (size_t)(nul - xml);
    }
    sv_diags *d = sv_diags_new();
    sv_srx *s = NULL;
    if (sv_srx_load_mem("fuzz.srx", xml, xlen, &s, d) == SV_OK) {
        sv_srx_rule_count(s, lang);
        size_t *b = NULL, nb = 0;
        if (sv_srx_split(s, lang, text, tlen, &b, &nb, d) == SV_OK) {
            size_t prev = 0;
            for (size_t i = 0; i + 1 < nb; i += 2) {
                if (b[i] < prev || b[i] >= b[i + 1] || b[i + 1] > tlen)
                    abort(); /* segments must be ordered, non-empty, inside the text */
                prev = b[i + 1];
            }
        }
        free(b);
        sv_srx_free(s);
    }
    sv_diags_free(d);
    return 0;
}
