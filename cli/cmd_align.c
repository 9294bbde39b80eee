/* cmd_align.c - 'sverka align': sentence links between an English and a
 * Russian document, as TMX, TSV or JSON lines. */
#include <getopt.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../align/lexicon.h"
#include "../align/pipeline.h"
#include "../align/srx.h"
#include "../base/buf.h"
#include "../base/fileio.h"
#include "../tm/bitext.h"
#include "../tm/tmx.h"
#include "cli.h"

/* Links scored below this are not written (chosen on the dev sets:
 * docs/design.md, "Confidence"). */
#define DEFAULT_MIN_SCORE 0.5

static void help(void)
{
    printf(
        "Usage: sverka align [OPTIONS] SOURCE TARGET\n"
        "\n"
        "Align the sentences of two versions of a text, one English and one Russian\n"
        "(a translation, or two agencies' reports of the same event).  SOURCE gives\n"
        "the source language of the output.  Inputs are plain text or HTML in any of\n"
        "the encodings 'sverka segment' reads.\n"
        "\n"
        "Output:\n"
        "  -o, --output FILE      write there (atomically) instead of standard output\n"
        "  -f, --format FMT       tsv: source<TAB>target<TAB>score; jsonl: one object per\n"
        "                         link with sentence indices, byte spans, texts, bead\n"
        "                         and score; tmx (the default for .tmx files)\n"
        "                         Default: from the extension of -o, else tsv.\n"
        "      --lang-tags S,T    TMX language tags (default en-US,ru-RU by language)\n"
        "      --date DATE        TMX creationdate (default: $SOURCE_DATE_EPOCH or now)\n"
        "      --all              jsonl: also write unlinked sentences (1-0 / 0-1 beads)\n"
        "      --min-score S      drop links whose score (estimated probability of being\n"
        "                         right) is below S; default %.2f\n"
        "\n"
        "Languages and segmentation:\n"
        "      --source-lang L    en or ru (default: detected from the script)\n"
        "      --target-lang L    en or ru (default: detected)\n"
        "      --srx FILE         segment with the rules of an SRX file\n"
        "      --encoding NAME    read both inputs in this encoding\n"
        "\n"
        "Model:\n"
        "      --dict FILE        add a dictionary of your own: TSV english<TAB>russian\n"
        "                         per line (words or phrases, any inflected form)\n"
        "      --no-dict          do not use the Mueller English-Russian dictionary\n"
        "                         (with --dict: only yours)\n"
        "      --max-merge N      longest side of a link: 2 (up to 2-2) or 3 (also 1-3,\n"
        "                         3-1); default 3\n"
        "      --no-paragraphs    ignore paragraph boundaries\n"
        "      --dp-cells N       plain dynamic programme up to N cells (sentences x\n"
        "                         sentences; default 4M); longer inputs are aligned\n"
        "                         coarse to fine, in a band around a coarser path\n"
        "      --band W           half-width of that band in sentences (default 4)\n"
        "      --keep-boilerplate align web page furniture too\n"
        "      --weights SPEC     override model weights, name=value,... (model fitting)\n"
        "      --dump-features F  also write the evidence of every candidate link to F\n"
        "                         (for fitting the model: tools/fit-align.py)\n"
        "  -q, --quiet            no notes\n"
        "  -v, --verbose          report the model's statistics on stderr\n"
        "  -h, --help             show this help\n"
        "\n"
        "Examples:\n"
        "  sverka align corpora/seeds/000_8741e439ade6d75d.txt \\\n"
        "               corpora/seeds/004_087b155903a46800.txt -o seed.tsv\n"
        "  sverka align --format jsonl --all report.en.html report.ru.html\n"
        "\n"
        "Exit status: 0 success, 2 usage or input error.\n",
        DEFAULT_MIN_SCORE);
}

int cmd_align(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"format", required_argument, NULL, 'f'},
        {"all", no_argument, NULL, 'a'},
        {"min-score", required_argument, NULL, 'm'},
        {"source-lang", required_argument, NULL, 'S'},
        {"target-lang", required_argument, NULL, 'T'},
        {"srx", required_argument, NULL, 'X'},
        {"encoding", required_argument, NULL, 'E'},
        {"max-merge", required_argument, NULL, 'M'},
        {"no-paragraphs", no_argument, NULL, 'P'},
        {"keep-boilerplate", no_argument, NULL, 'B'},
        {"quiet", no_argument, NULL, 'q'},
        {"verbose", no_argument, NULL, 'v'},
        {"dump-features", required_argument, NULL, 'D'},
        {"dp-cells", required_argument, NULL, 'C'},
        {"band", required_argument, NULL, 'W'},
        {"dict", required_argument, NULL, 'd'},
        {"weights", required_argument, NULL, 'w'},
        {"lang-tags", required_argument, NULL, 'L'},
        {"date", required_argument, NULL, 't'},
        {"no-dict", no_argument, NULL, 'n'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *dict_path = NULL, *lang_tags = NULL, *date_arg = NULL;
    int use_mueller = 1;
    char date[17];
    const char *out_path = "-", *format = NULL, *srx_path = NULL, *dump_path = NULL;
    int all = 0, verbose = 0;
    double min_score = DEFAULT_MIN_SCORE;
    sv_pipeline_opts po;
    sv_pipeline_opts_init(&po);
    po.lean = 1; /* only sentences are written */
    {
        long nc = sysconf(_SC_NPROCESSORS_ONLN);
        po.align.threads = nc > 1 ? (int)(nc < 64 ? nc : 64) : 1; /* long inputs only */
    }
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:f:qvh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': out_path = optarg; break;
        case 'f': format = optarg; break;
        case 'a': all = 1; break;
        case 'm':
            if (cli_parse_double(optarg, &min_score) != 0 || min_score < 0 || min_score > 1)
                return cli_usage_error("align", "--min-score wants a number from 0 to 1");
            break;
        case 'S':
        case 'T':
            if (sv_lang_parse(optarg, c == 'S' ? &po.src_lang : &po.tgt_lang) != 0)
                return cli_usage_error("align", "unknown language '%s' (use en or ru)", optarg);
            break;
        case 'X': srx_path = optarg; break;
        case 'E': po.load.encoding = optarg; break;
        case 'M':
            if (strcmp(optarg, "2") && strcmp(optarg, "3"))
                return cli_usage_error("align", "--max-merge wants 2 or 3");
            po.align.max_merge = atoi(optarg);
            break;
        case 'P': po.align.use_paragraphs = 0; break;
        case 'B': po.align.include_boilerplate = 1; break;
        case 'q': verbose = -1; break;
        case 'v': verbose = 1; break;
        case 'D': dump_path = optarg; break;
        case 'C':
            if (cli_parse_size(optarg, &po.align.full_dp_cells) != 0 || po.align.full_dp_cells < 16)
                return cli_usage_error("align", "--dp-cells wants a number of cells (>= 16)");
            break;
        case 'W':
            if (cli_parse_size(optarg, &po.align.band) != 0 || po.align.band < 1 ||
                po.align.band > 1000)
                return cli_usage_error("align", "--band wants a number from 1 to 1000");
            break;
        case 'd': dict_path = optarg; break;
        case 'w': po.align.weights = optarg; break;
        case 'L': lang_tags = optarg; break;
        case 't': date_arg = optarg; break;
        case 'n': use_mueller = 0; break;
        case 'h': help(); return EXIT_OK;
        default: return cli_usage_error("align", "bad option");
        }
    }
    if (argc - optind != 2)
        return cli_usage_error("align", "give two files: SOURCE TARGET");
    sv_bitext_write_opts wo;
    sv_bitext_write_opts_init(&wo);
    wo.min_score = min_score;
    wo.all = all;
    char tags[2][36];
    if (lang_tags) {
        const char *comma = strchr(lang_tags, ',');
        if (!comma || comma == lang_tags || !comma[1] || (size_t)(comma - lang_tags) >= sizeof tags[0] ||
            strlen(comma + 1) >= sizeof tags[1])
            return cli_usage_error("align", "--lang-tags wants two tags: SOURCE,TARGET (e.g. en,ru)");
        snprintf(tags[0], sizeof tags[0], "%.*s", (int)(comma - lang_tags), lang_tags);
        snprintf(tags[1], sizeof tags[1], "%s", comma + 1);
        wo.src_tag = tags[0];
        wo.tgt_tag = tags[1];
    }
    if (date_arg) {
        if (sv_tmx_date_parse(date_arg, date) != 0)
            return cli_usage_error("align", "--date wants 2024-03-12, 2024-03-12T10:00:00Z, "
                                            "20240312T100000Z or @SECONDS");
        wo.date = date;
    }
    if (format) {
        if (sv_bitext_format_parse(format, &wo.format) != 0)
            return cli_usage_error("align", "unknown format '%s' (use tmx, tsv or jsonl)", format);
    } else {
        wo.format = sv_bitext_format_for(out_path, SV_BITEXT_TSV);
    }

    struct sv_lexicon *lex = NULL;
    if (cli_load_lexicon(use_mueller, dict_path, &lex, verbose) != 0)
        return EXIT_ERROR;
    po.align.lexicon = lex;
    sv_diags *d = sv_diags_new();
    sv_srx *srx = NULL;
    sv_pipeline *pl = NULL;
    sv_bitext bt;
    memset(&bt, 0, sizeof bt);
    int rc = EXIT_ERROR;
    if (srx_path && sv_srx_load(srx_path, &srx, d) != SV_OK)
        goto done;
    po.segment.srx = srx;
    if (sv_pipeline_new(&po, &pl, d) != SV_OK)
        goto done;
    if (sv_pipeline_load_pair(pl, argv[optind], NULL, 0, argv[optind + 1], NULL, 0, &bt, d) !=
        SV_OK)
        goto done;
    if (dump_path) {
        sv_buf fb = SV_BUF_INIT;
        sv_out *fo = NULL;
        if (sv_align_dump_features(sv_pipeline_aligner(pl), bt.src.segs->v, bt.src.segs->n,
                                   bt.src.lang, bt.tgt.segs->v, bt.tgt.segs->n, bt.tgt.lang,
                                   &fb, d) != SV_OK ||
            sv_out_open(dump_path, &fo, d) != SV_OK) {
            sv_buf_free(&fb);
            goto done;
        }
        fwrite(sv_buf_cstr(&fb), 1, fb.len, sv_out_file(fo));
        sv_buf_free(&fb);
        if (sv_out_commit(fo, d) != SV_OK)
            goto done;
    }
    if (sv_pipeline_align(pl, &bt, all, d) != SV_OK)
        goto done;
    if (verbose > 0) {
        sv_align_stats st;
        sv_aligner_stats(sv_pipeline_aligner(pl), &st);
        size_t nb[2] = {0, 0}; /* boilerplate is not aligned: not counted */
        for (size_t i = 0; i < bt.src.segs->n && !po.align.include_boilerplate; i++)
            nb[0] += bt.src.segs->v[i].kind == SV_SEG_BOILERPLATE;
        for (size_t i = 0; i < bt.tgt.segs->n && !po.align.include_boilerplate; i++)
            nb[1] += bt.tgt.segs->v[i].kind == SV_SEG_BOILERPLATE;
        fprintf(stderr,
                "sverka: %zu + %zu sentences, %zu beads, %d level%s, %zu DP cells, "
                "skip prior %.3f; evidence %.2f s, search %.2f s\n",
                bt.src.segs->n - nb[0], bt.tgt.segs->n - nb[1], bt.nlinks, st.levels, st.levels == 1 ? "" : "s",
                st.cells, st.prior_skip, st.evidence_s, st.dp_s);
    }
    cli_print_diags(d, verbose);
    if (sv_bitext_write(&bt, out_path, &wo, d) != SV_OK)
        goto done;
    rc = EXIT_OK;
done:
    cli_print_diags(d, verbose);
    sv_bitext_free(&bt);
    sv_pipeline_free(pl);
    sv_srx_free(srx);
    sv_lexicon_free(lex);
    sv_diags_free(d);
    return rc;
}
