/* harness.h - the unit-test harness: CHECK macros and a summary line.
 *
 *     #include "harness.h"
 *     static void test_x(void) { CHECK(1 + 1 == 2); CHECK_STR("a", "a"); }
 *     int main(void) { RUN(test_x); return harness_end(); }
 *
 * Prints each failure as "FILE:LINE: test: message" and, last,
 * "N passed, N failed"; the exit status is 1 if anything failed.
 */
#ifndef SV_HARNESS_H
#define SV_HARNESS_H

#include <stdio.h>
#include <string.h>

static int harness_passed, harness_failed;
static const char *harness_test = "";

static void harness_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
#include <stdarg.h>
static void harness_fail(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s:%d: %s: ", file, line, harness_test);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    harness_failed++;
}

#define CHECK(cond)                                                              \
    do {                                                                         \
        if (cond)                                                                \
            harness_passed++;                                                    \
        else                                                                     \
            harness_fail(__FILE__, __LINE__, "CHECK(%s) failed", #cond);         \
    } while (0)

#define CHECK_STR(got, want)                                                     \
    do {                                                                         \
        const char *g_ = (got), *w_ = (want);                                    \
        if (g_ && w_ && strcmp(g_, w_) == 0)                                     \
            harness_passed++;                                                    \
        else                                                                     \
            harness_fail(__FILE__, __LINE__, "got \"%s\", want \"%s\"",          \
                         g_ ? g_ : "(null)", w_ ? w_ : "(null)");                \
    } while (0)

#define CHECK_INT(got, want)                                                     \
    do {                                                                         \
        long long g_ = (long long)(got), w_ = (long long)(want);                 \
        if (g_ == w_)                                                            \
            harness_passed++;                                                    \
        else                                                                     \
            harness_fail(__FILE__, __LINE__, "%s is %lld, want %lld", #got, g_, w_); \
    } while (0)

#define CHECK_NEAR(got, want, eps)                                               \
    do {                                                                         \
        double g_ = (got), w_ = (want);                                          \
        if (g_ - w_ <= (eps) && w_ - g_ <= (eps))                                \
            harness_passed++;                                                    \
        else                                                                     \
            harness_fail(__FILE__, __LINE__, "%s is %g, want %g", #got, g_, w_); \
    } while (0)

#define RUN(fn)                                                                  \
    do {                                                                         \
        harness_test = #fn;                                                      \
        fn();                                                                    \
    } while (0)

static int harness_end(void)
{
    printf("%d passed, %d failed\n", harness_passed, harness_failed);
    return harness_failed != 0;
}

#endif
