/* main.c - the sverka program: a table of subcommands, git style. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    {"segment", cmd_segment, "split a document into sentences (text or JSON lines)"},
    {"align", cmd_align, "align the sentences of an English and a Russian document"},
    {"batch", cmd_batch, "align many document pairs in parallel (resumable)"},
    {"check", cmd_check, "numbers, quotations and names that disagree between versions"},
    {"tm", cmd_tm, "translation memories: import, export, merge, lookup TMX (see 'tm --help')"},
    {"glossary", cmd_glossary, "bilingual glossary of names (TBX, TSV for OmegaT, CSV)"},
};

static void usage(FILE *f)
{
    fprintf(f,
            "Usage: sverka COMMAND [OPTIONS] [ARGS]\n"
            "\n"
            "sverka collates Russian and English versions of the same text: it splits\n"
            "them into sentences, aligns them, and writes translation memories (TMX).\n"
            "\n"
            "Commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f,
            "\n"
            "Options:\n"
            "  -h, --help     show this help (and 'sverka COMMAND --help' for a command)\n"
            "  -V, --version  show the version\n"
            "\n"
            "Exit status: 0 success, 1 problems found (checkers) or some items failed,\n"
            "2 usage, input or output error.\n"
            "\n"
            "Example:\n"
            "  sverka segment corpora/seeds/004_087b155903a46800.txt\n"
            "\n"
            "See sverka(1) and sverka-COMMAND(1).\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_ERROR;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
        if (argc > 2 && strcmp(cmd, "help") == 0) {
            for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
                if (!strcmp(argv[2], commands[i].name)) {
                    char *args[] = {argv[2], "--help", NULL};
                    return commands[i].run(2, args);
                }
        }
        usage(stdout);
        return EXIT_OK;
    }
    if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version")) {
        printf("sverka %s\n", SV_VERSION);
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(cmd, commands[i].name)) {
            cli_install_signal_handlers();
            return commands[i].run(argc - 1, argv + 1);
        }
    return cli_usage_error(NULL, "'%s' is not a sverka command", cmd);
}
