/* replay.c - runs a libFuzzer target without libFuzzer: each file named on
 * the command line is passed once to LLVMFuzzerTestOneInput.  Lets
 * 'make check' replay the seed corpora and every past crash input. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
    int n = 0;
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            fprintf(stderr, "replay: cannot open %s\n", argv[i]);
            return 2;
        }
        size_t cap = 1 << 16, len = 0;
        uint8_t *buf = malloc(cap);
        size_t r;
        while (buf && (r = fread(buf + len, 1, cap - len, f)) > 0) {
            len += r;
            if (len == cap) {
                cap *= 2;
                buf = realloc(buf, cap);
            }
        }
        fclose(f);
        if (!buf)
            return 2;
        LLVMFuzzerTestOneInput(buf, len);
        free(buf);
        n++;
    }
    fprintf(stderr, "replay: %d inputs\n", n);
    return 0;
}
