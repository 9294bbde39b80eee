/* cmd_check.c - 'sverka check': quotations, numbers and names that
 * disagree between the two versions of a text, and inconsistent
 * translations in a TMX file or translation memory. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../align/lexicon.h"
#include "../align/pipeline.h"
#include "../align/srx.h"
#include "../base/fileio.h"
#include "../tm/qa.h"
#include "../tm/report.h"
#include "../tm/store.h"
#include "cli.h"

static void help(void)
{
    printf(
        "Usage: sverka check [OPTIONS] SOURCE TARGET\n"
        "       sverka check [OPTIONS] FILE.tmx\n"
        "       sverka check [OPTIONS] --db TM\n"
        "\n"
        "Find where two versions of a text disagree: SOURCE and TARGET (one English,\n"
        "one Russian: a translation or two agencies' reports) are aligned sentence by\n"
        "sentence, then checked for\n"
        "  number-mismatch  aligned sentences whose numbers differ once normalised\n"
        "                   (RUB8.5 billion vs 8,4 млрд; $500 million = полмиллиарда\n"
        "                   долларов is no mismatch)\n"
        "  quote-missing    a quotation in one version with no counterpart (quoted or\n"
        "                   reported speech) in the other\n"
        "  name-mismatch    a name in one side of an aligned pair that the other lacks\n"
        "A TMX file or a translation memory (--db) is checked for\n"
        "  tm-inconsistency the same source translated differently, or one translation\n"
        "                   given for different sources\n"
        "\n"
        "Output:\n"
        "  -o, --output FILE      write there (atomically) instead of standard output\n"
        "  -f, --format FMT       text (default), json, or html: both documents side by\n"
        "                         side with the findings marked (default for .html)\n"
        "      --title TEXT       title of the HTML page\n"
        "\n"
        "Checks:\n"
        "      --checks LIST      comma-separated: numbers,quotes,names (default all\n"
        "                         three; TMX and TM: tm)\n"
        "      --absent-numbers   also report numbers found in one version only\n"
        "      --min-score S      links scored below S count as unlinked (default 0.30)\n"
        "      --neighbours N     unlinked sentences next to a link searched too (0-8,\n"
        "                         default 2)\n"
        "      --langs S,T        TMX/TM: language prefixes of the two sides (default\n"
        "                         en,ru)\n"
        "\n"
        "Alignment (as 'sverka align'):\n"
        "      --source-lang L    en or ru (default: detected)\n"
        "      --target-lang L    en or ru (default: detected)\n"
        "      --encoding NAME    read both inputs in this encoding\n"
        "      --srx FILE         segment with the rules of an SRX file\n"
        "      --dict FILE        a dictionary of your own (TSV english<TAB>russian)\n"
        "      --no-dict          do not use the Mueller dictionary\n"
        "  -q, --quiet            no notes\n"
        "  -v, --verbose          more notes\n"
        "  -h, --help             show this help\n"
        "\n"
        "Examples:\n"
        "  sverka check corpora/seed_pair/doc01.en.txt corpora/seed_pair/doc01.ru.txt\n"
        "  sverka check -f html -o report.html report.en.txt report.ru.txt\n"
        "  sverka check --format json memory.tmx\n"
        "\n"
        "Exit status: 0 no findings, 1 findings, 2 usage or input error.\n");
}

static int parse_checks(const char *s, unsigned *out)
{
    *out = 0;
    char *copy = strdup(s), *save = NULL;
    if (!copy)
        return -1;
    int rc = 0;
    for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        sv_qa_kind k;
        if (sv_qa_kind_parse(t, &k) != 0) {
            rc = -1;
            break;
        }
        *out |= SV_QA_CHECK(k);
    }
    free(copy);
    return rc == 0 && *out ? 0 : -1;
}

static int has_ext(const char *path, const char *ext)
{
    size_t n = strlen(path), e = strlen(ext);
    return n > e && strcasecmp(path + n - e, ext) == 0;
}

int cmd_check(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"format", required_argument, NULL, 'f'},
        {"title", required_argument, NULL, 'H'},
        {"checks", required_argument, NULL, 'c'},
        {"absent-numbers", no_argument, NULL, 'A'},
        {"min-score", required_argument, NULL, 'm'},
        {"neighbours", required_argument, NULL, 'N'},
        {"langs", required_argument, NULL, 'L'},
        {"db", required_argument, NULL, 'D'},
        {"source-lang", required_argument, NULL, 'S'},
        {"target-lang", required_argument, NULL, 'T'},
        {"encoding", required_argument, NULL, 'E'},
        {"srx", required_argument, NULL, 'X'},
        {"dict", required_argument, NULL, 'd'},
        {"no-dict", no_argument, NULL, 'n'},
        {"quiet", no_argument, NULL, 'q'},
        {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *out_path = "-", *format = NULL, *db_path = NULL, *srx_path = NULL,
               *dict_path = NULL, *checks = NULL;
    int use_mueller = 1, verbose = 0;
    char langs[2][32] = {"en", "ru"};
    sv_qa_opts qo;
    sv_qa_opts_init(&qo);
    sv_report_opts ro;
    sv_report_opts_init(&ro);
    sv_pipeline_opts po;
    sv_pipeline_opts_init(&po);
    int c;
    size_t nb;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:f:qvh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': out_path = optarg; break;
        case 'f': format = optarg; break;
        case 'H': ro.title = optarg; break;
        case 'c': checks = optarg; break;
        case 'A': qo.absent_numbers = 1; break;
        case 'm':
            if (cli_parse_double(optarg, &qo.min_score) != 0 || qo.min_score > 1)
                return cli_usage_error("check", "--min-score wants a number from 0 to 1");
            break;
        case 'N':
            if (cli_parse_size(optarg, &nb) != 0 || nb > 8)
                return cli_usage_error("check", "--neighbours wants a number from 0 to 8");
            qo.neighbours = (int)nb;
            break;
        case 'L': {
            const char *comma = strchr(optarg, ',');
            if (!comma || comma == optarg || !comma[1] || (size_t)(comma - optarg) >= sizeof langs[0] ||
                strlen(comma + 1) >= sizeof langs[1])
                return cli_usage_error("check", "--langs wants two language prefixes: SOURCE,TARGET");
            snprintf(langs[0], sizeof langs[0], "%.*s", (int)(comma - optarg), optarg);
            snprintf(langs[1], sizeof langs[1], "%s", comma + 1);
            break;
        }
        case 'D': db_path = optarg; break;
        case 'S':
        case 'T':
            if (sv_lang_parse(optarg, c == 'S' ? &po.src_lang : &po.tgt_lang) != 0)
                return cli_usage_error("check", "unknown language '%s' (use en or ru)", optarg);
            break;
        case 'E': po.load.encoding = optarg; break;
        case 'X': srx_path = optarg; break;
        case 'd': dict_path = optarg; break;
        case 'n': use_mueller = 0; break;
        case 'q': verbose = -1; break;
        case 'v': verbose = 1; break;
        case 'h': help(); return EXIT_OK;
        default: return cli_usage_error("check", "bad option");
        }
    }
    int nargs = argc - optind;
    int tm_mode = db_path != NULL || (nargs == 1 && has_ext(argv[optind], ".tmx"));
    if (db_path && nargs != 0)
        return cli_usage_error("check", "--db takes no file arguments");
    if (!db_path && nargs == 1 && !tm_mode)
        return cli_usage_error("check", "one file must be a TMX file (.tmx); give SOURCE TARGET "
                                        "to compare two documents");
    if (!db_path && nargs != 1 && nargs != 2)
        return cli_usage_error("check", "give two files (SOURCE TARGET), a TMX file or --db TM");
    if (tm_mode && nargs == 1 && !strcmp(argv[optind], "-"))
        return cli_usage_error("check", "a TMX file is read twice: give a file, not '-'");
    if (format) {
        if (sv_report_format_parse(format, &ro.format) != 0)
            return cli_usage_error("check", "unknown format '%s' (use text, json or html)", format);
    } else if (has_ext(out_path, ".html") || has_ext(out_path, ".htm")) {
        ro.format = SV_REPORT_HTML;
    } else if (has_ext(out_path, ".json")) {
        ro.format = SV_REPORT_JSON;
    }
    if (checks) {
        if (parse_checks(checks, &qo.checks) != 0)
            return cli_usage_error("check", "--checks wants a list of numbers, quotes, names, tm");
    } else {
        qo.checks = tm_mode ? SV_QA_CHECK(SV_QA_TM_INCONSISTENCY)
                            : SV_QA_CHECK(SV_QA_NUMBER_MISMATCH) | SV_QA_CHECK(SV_QA_QUOTE_MISSING) |
                                  SV_QA_CHECK(SV_QA_NAME_MISMATCH);
    }
    qo.srclang = langs[0];
    qo.tgtlang = langs[1];
    ro.min_score = qo.min_score;

    struct sv_lexicon *lex = NULL;
    if (!tm_mode && cli_load_lexicon(use_mueller, dict_path, &lex, verbose) != 0)
        return EXIT_ERROR;
    po.align.lexicon = lex;
    qo.lexicon = lex;
    sv_diags *d = sv_diags_new();
    sv_srx *srx = NULL;
    sv_pipeline *pl = NULL;
    sv_qa *qa = NULL;
    sv_tm *tm = NULL;
    sv_out *out = NULL;
    sv_bitext bt;
    memset(&bt, 0, sizeof bt);
    sv_qa_findings f = SV_QA_FINDINGS_INIT;
    int rc = EXIT_ERROR;
    if (sv_qa_new(&qo, &qa, d) != SV_OK)
        goto done;
    if (db_path) {
        sv_tm_opts to;
        sv_tm_opts_init(&to);
        to.readonly = 1;
        if (sv_tm_open(db_path, &to, &tm, d) != SV_OK ||
            sv_qa_check_tm(qa, tm, db_path, &f, d) != SV_OK)
            goto done;
    } else if (tm_mode) {
        if (sv_qa_check_tmx(qa, argv[optind], &f, d) != SV_OK)
            goto done;
    } else {
        if (srx_path && sv_srx_load(srx_path, &srx, d) != SV_OK)
            goto done;
        po.segment.srx = srx;
        if (sv_pipeline_new(&po, &pl, d) != SV_OK ||
            sv_pipeline_run(pl, argv[optind], NULL, 0, argv[optind + 1], NULL, 0, 1, &bt, d) != SV_OK)
            goto done;
        if (sv_qa_check_bitext(qa, &bt, &f, d) != SV_OK)
            goto done;
    }
    cli_print_diags(d, verbose);
    if (sv_out_open(out_path, &out, d) != SV_OK)
        goto done;
    sv_report_write(sv_out_file(out), &f, tm_mode ? NULL : &bt, &ro);
    sv_status st = sv_out_commit(out, d);
    out = NULL;
    if (st != SV_OK)
        goto done;
    rc = f.n ? EXIT_FOUND : EXIT_OK;
done:
    sv_out_abort(out);
    cli_print_diags(d, verbose);
    sv_qa_findings_free(&f);
    sv_bitext_free(&bt);
    sv_pipeline_free(pl);
    sv_qa_free(qa);
    sv_tm_close(tm);
    sv_srx_free(srx);
    sv_lexicon_free(lex);
    sv_diags_free(d);
    return rc;
}
