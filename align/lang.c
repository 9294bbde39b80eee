/* lang.c - language codes and script-based language detection for en/ru. */
#include "lang.h"

#include <string.h>
#include <strings.h>

#include "../base/utf8.h"

const char *sv_lang_code(sv_lang l)
{
    switch (l) {
    case SV_LANG_EN: return "en";
    case SV_LANG_RU: return "ru";
    default: return "und";
    }
}

int sv_lang_parse(const char *s, sv_lang *out)
{
    if (!s)
        return -1;
    if (!strcasecmp(s, "auto") || !strcasecmp(s, "und")) {
        *out = SV_LANG_UNKNOWN;
        return 0;
    }
    if (!strcasecmp(s, "english") || !strncasecmp(s, "en", 2)) {
        if (s[2] == '\0' || s[2] == '-' || s[2] == '_' || !strcasecmp(s, "english")) {
            *out = SV_LANG_EN;
            return 0;
        }
    }
    if (!strcasecmp(s, "russian") || !strncasecmp(s, "ru", 2)) {
        if (s[2] == '\0' || s[2] == '-' || s[2] == '_' || !strcasecmp(s, "russian")) {
            *out = SV_LANG_RU;
            return 0;
        }
    }
    return -1;
}

void sv_script_count_add(sv_script_count *c, const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80) {
            if ((b | 0x20) >= 'a' && (b | 0x20) <= 'z')
                c->latin++;
            i++;
            continue;
        }
        size_t adv;
        long cp = sv_utf8_decode(s + i, len - i, &adv);
        if (cp >= 0x400 && cp <= 0x52F)
            c->cyrillic++;
        else if ((cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7))
            c->latin++;
        else if (cp >= 0x370)
            c->other++;
        i += adv;
    }
}

sv_lang sv_script_lang(const sv_script_count *c)
{
    size_t lc = c->latin + c->cyrillic;
    if (lc == 0)
        return SV_LANG_UNKNOWN;
    if (c->cyrillic * 10 >= lc * 4)
        return SV_LANG_RU;
    if (c->latin * 10 >= lc * 6)
        return SV_LANG_EN;
    return SV_LANG_UNKNOWN;
}
