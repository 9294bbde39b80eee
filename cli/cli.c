/* cli.c - helpers shared by the subcommands: diagnostics on stderr, signal
 * cleanup of temporary outputs, number parsing. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../align/lexicon.h"
#include "../base/fileio.h"

static const char *sev_name(sv_severity s)
{
    switch (s) {
    case SV_ERROR: return "error";
    case SV_WARNING: return "warning";
    default: return "note";
    }
}

void cli_print_diags(sv_diags *d, int verbose)
{
    size_t n = sv_diags_count(d);
    for (size_t i = 0; i < n; i++) {
        const sv_diag *g = sv_diags_get(d, i);
        if (g->severity == SV_NOTE && verbose < 0)
            continue;
        fputs("sverka: ", stderr);
        if (g->file) {
            if (g->line && g->column)
                fprintf(stderr, "%s:%zu:%zu: ", g->file, g->line, g->column);
            else if (g->line)
                fprintf(stderr, "%s:%zu: ", g->file, g->line);
            else
                fprintf(stderr, "%s: ", g->file);
        }
        fprintf(stderr, "%s: %s\n", sev_name(g->severity), g->message);
    }
    if (sv_diags_dropped(d))
        fprintf(stderr, "sverka: %zu more warnings not shown\n", sv_diags_dropped(d));
    sv_diags_clear(d);
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("sverka: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("sverka: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    if (cmd)
        fprintf(stderr, "Try 'sverka %s --help'.\n", cmd);
    else
        fprintf(stderr, "Try 'sverka --help'.\n");
    return EXIT_ERROR;
}

static void on_signal(int sig)
{
    sv_out_cleanup_all();
    signal(sig, SIG_DFL);
    raise(sig);
}

void cli_install_signal_handlers(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    signal(SIGPIPE, SIG_DFL);
    /* past a file-size limit (ulimit -f) write() fails with EFBIG and the
     * output is abandoned with an error, instead of a kill */
    signal(SIGXFSZ, SIG_IGN);
}

int cli_stderr_is_tty(void)
{
    return isatty(2);
}

int cli_parse_double(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

int cli_parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || s[0] == '-')
        return -1;
    unsigned long long mul = 1;
    if (*end == 'k' || *end == 'K')
        mul = 1ULL << 10, end++;
    else if (*end == 'M')
        mul = 1ULL << 20, end++;
    else if (*end == 'G')
        mul = 1ULL << 30, end++;
    if (*end)
        return -1;
    *out = (size_t)(v * mul);
    return 0;
}

int cli_split_pair(const char *s, char *a, char *b, size_t size)
{
    const char *comma = strchr(s, ',');
    if (!comma || comma == s || !comma[1] || (size_t)(comma - s) >= size ||
        strlen(comma + 1) >= size)
        return -1;
    snprintf(a, size, "%.*s", (int)(comma - s), s);
    snprintf(b, size, "%s", comma + 1);
    return 0;
}

int cli_load_lexicon(int use_mueller, const char *user_dict, struct sv_lexicon **out,
                     int verbose)
{
    *out = NULL;
    if (!use_mueller && !user_dict)
        return 0;
    sv_lexicon_opts lo;
    sv_lexicon_opts_init(&lo);
    lo.use_mueller = use_mueller;
    lo.user_dict = user_dict;
    sv_diags *d = sv_diags_new();
    sv_status st = sv_lexicon_load(&lo, out, d);
    if (st == SV_ERR_NOTFOUND && use_mueller && !user_dict) {
        sv_diags_clear(d);
        cli_error("warning: the Mueller dictionary is not installed (Debian package "
                  "mueller7-dict); aligning without dictionary evidence");
        sv_diags_free(d);
        *out = NULL;
        return 0;
    }
    cli_print_diags(d, verbose);
    sv_diags_free(d);
    return st == SV_OK ? 0 : -1;
}
