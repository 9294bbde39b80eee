// icu-sentence-rules.cc - build-time helper for segment.c.
//
// Usage: icu-sentence-rules OUR_RULES.txt > icu_sentence_rules.h
//
// Writes a C header with (1) the sentence-break rules of the ICU library
// this machine has, (2) sverka's additional rules (align/sentence-rules.txt),
// and (3) both compiled together into ICU's binary rule format, with the
// ICU version they were compiled for.  Compiling the rules takes over a
// second, opening the binary form microseconds; segment.c uses the binary
// form when the running ICU is the one it was built for, and compiles the
// text otherwise.
//
// ICU's C API cannot read the rule source of a break iterator (there is no
// ubrk_getRules), hence this one C++ file.  It is not part of the library
// or the program: only what it prints, generated from the installed ICU.
#include <unicode/brkiter.h>
#include <unicode/rbbi.h>
#include <unicode/ubrk.h>
#include <unicode/uversion.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

static void print_string(const char *name, const std::string &s)
{
    std::printf("static const char %s[] =\n\"", name);
    size_t col = 0;
    for (unsigned char c : s) {
        if (c == '"' || c == '\\')
            col += std::printf("\\%c", c);
        else if (c == '\n') {
            std::printf("\\n\"\n\"");
            col = 0;
        } else if (c < 0x20 || c >= 0x7f)
            col += std::printf("\\%03o", c);
        else {
            std::putchar(c);
            col++;
        }
        if (col > 100) {
            std::printf("\"\n\"");
            col = 0;
        }
    }
    std::printf("\";\n");
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: icu-sentence-rules OUR_RULES.txt\n");
        return 2;
    }
    std::ifstream in(argv[1], std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "icu-sentence-rules: cannot read %s\n", argv[1]);
        return 1;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    std::string ours = ss.str();

    UErrorCode st = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> bi(
        icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), st));
    auto *rbbi = dynamic_cast<icu::RuleBasedBreakIterator *>(bi.get());
    if (U_FAILURE(st) || !rbbi) {
        std::fprintf(stderr, "icu-sentence-rules: no ICU sentence rules: %s\n", u_errorName(st));
        return 1;
    }
    std::string icu_rules;
    rbbi->getRules().toUTF8String(icu_rules);

    icu::UnicodeString all = rbbi->getRules();
    all += icu::UnicodeString::fromUTF8("\n" + ours);
    UParseError pe;
    st = U_ZERO_ERROR;
    icu::RuleBasedBreakIterator compiled(all, pe, st);
    if (U_FAILURE(st)) {
        std::fprintf(stderr, "%s:%d: ICU rule error %s (offset %d; line 1 is ICU's own rules)\n",
                     argv[1], pe.line - 1, u_errorName(st), pe.offset);
        return 1;
    }
    uint32_t len = 0;
    const uint8_t *bin = compiled.getBinaryRules(len);

    std::printf("/* generated at build time from ICU %s and %s by\n"
                " * tools/icu-sentence-rules.cc; do not edit */\n",
                U_ICU_VERSION, argv[1]);
    std::printf("static const char sv_rules_icu_version[] = \"%s\";\n", U_ICU_VERSION);
    print_string("icu_sentence_rules", icu_rules);
    print_string("sv_sentence_rules", ours);
    std::printf("static const uint32_t sv_rules_binary[] = {");
    for (uint32_t i = 0; i < (len + 3) / 4; i++) {
        uint32_t w = 0;
        for (int k = 0; k < 4; k++)
            if (4 * i + k < len)
                reinterpret_cast<uint8_t *>(&w)[k] = bin[4 * i + k];
        std::printf("%s0x%08x,", i % 8 ? " " : "\n    ", w);
    }
    std::printf("\n};\nstatic const int32_t sv_rules_binary_len = %u;\n", len);
    return 0;
}
