/* cli.h - what every subcommand of the sverka program shares: exit codes,
 * printing diagnostics, output files, progress lines. */
#ifndef SV_CLI_H
#define SV_CLI_H

#include <stdio.h>

#include "../base/status.h"

enum {
    EXIT_OK = 0,       /* success */
    EXIT_FOUND = 1,    /* ran fine and found problems (checkers), or some items failed */
    EXIT_ERROR = 2     /* usage, input or output error */
};

#ifndef SV_VERSION
#define SV_VERSION "0.0.0"
#endif

/* Prints every diagnostic as "sverka: FILE:LINE: severity: message" on
 * stderr (notes only when verbose) and empties the list. */
void cli_print_diags(sv_diags *d, int verbose);

/* "sverka: message" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints "Try 'sverka CMD --help'." after a usage error and returns EXIT_ERROR. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Installs SIGINT/SIGTERM/SIGHUP handlers that remove temporary output
 * files and exit with 128+signal. */
void cli_install_signal_handlers(void);

/* Is stderr a terminal (progress lines are shown only then, or when forced)? */
int cli_stderr_is_tty(void);

/* Parses a non-negative number; returns 0 on success. */
int cli_parse_double(const char *s, double *out);
int cli_parse_size(const char *s, size_t *out);
/* Splits "A,B" (both parts non-empty and shorter than size bytes) into a
 * and b, e.g. the value of --lang-tags; returns 0, or -1. */
int cli_split_pair(const char *s, char *a, char *b, size_t size);

/* Loads the dictionary evidence for the aligner: the Mueller dictionary
 * (unless use_mueller is 0) plus a user TSV dictionary (may be NULL).  A
 * missing Mueller dictionary is a warning (the aligner then works without
 * it); *out is NULL when there is nothing to load.  Returns 0, or -1 after
 * printing an error. */
struct sv_lexicon;
int cli_load_lexicon(int use_mueller, const char *user_dict, struct sv_lexicon **out,
                     int verbose);

/* Subcommand entry points (cmd_*.c). */
int cmd_segment(int argc, char **argv);
int cmd_align(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_tm(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_glossary(int argc, char **argv);

#endif
