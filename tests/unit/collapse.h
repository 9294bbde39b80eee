/* collapse.h - for unit tests: what the normalised text of a span of a
 * document must be, computed the simple way (white space and control
 * characters collapsed to one space, soft hyphens and zero-width spaces
 * dropped), to check the loader's and segmenter's texts and offsets.
 * Valid for text without decomposed letters. */
#ifndef SV_TEST_COLLAPSE_H
#define SV_TEST_COLLAPSE_H

#include "../../base/buf.h"
#include "../../base/utf8.h"

/* The collapsed text of t[s,e); caller frees. */
static char *collapse_span(const char *t, size_t s, size_t e)
{
    sv_buf b = SV_BUF_INIT;
    int sp = 0;
    for (size_t i = s; i < e;) {
        size_t adv;
        long cp = sv_utf8_decode(t + i, e - i, &adv);
        if (sv_is_space((unsigned long)cp) || cp < 0x20) {
            sp = b.len > 0;
        } else if (cp != 0xAD && cp != 0x200B) {
            if (sp)
                sv_buf_putc(&b, ' ');
            sp = 0;
            sv_buf_append(&b, t + i, adv);
        }
        i += adv;
    }
    return sv_buf_detach(&b, NULL);
}

#endif
