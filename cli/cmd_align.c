/* cmd_align.c - 'sverka align': sentence links between an English and a
 * Russian document, as TMX, TSV or JSON lines. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../align/align.h"
#include "../align/lang.h"
#include "../align/segment.h"
#include "../align/srx.h"
#include "../align/text.h"
#include "../base/buf.h"
#include "../base/fileio.h"
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
        "      --all              also write unlinked sentences (jsonl: 1-0 / 0-1 beads)\n"
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
        "      --max-merge N      longest side of a link: 2 (up to 2-2) or 3 (also 1-3,\n"
        "                         3-1); default 3\n"
        "      --no-paragraphs    ignore paragraph boundaries\n"
        "      --dp-cells N       plain dynamic programme up to N cells (sentences x\n"
        "                         sentences; default 4M); longer inputs are aligned\n"
        "                         coarse to fine, in a band around a coarser path\n"
        "      --band W           half-width of that band in sentences (default 8)\n"
        "      --keep-boilerplate align web page furniture too\n"
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

typedef enum { FMT_TSV, FMT_JSONL, FMT_TMX } out_format;

typedef struct {
    sv_doc *doc;
    sv_segs *segs;
    sv_lang lang;
} input;

static sv_status load_input(const char *path, const sv_load_opts *lo, sv_segmenter *sg,
                            sv_lang forced, input *in, sv_diags *d)
{
    sv_status st = sv_doc_load_file(path, lo, &in->doc, d);
    if (st != SV_OK)
        return st;
    in->lang = forced;
    if (in->lang == SV_LANG_UNKNOWN) {
        sv_script_count sc = {0};
        for (size_t i = 0; i < sv_doc_npara(in->doc); i++) {
            const sv_para *p = sv_doc_para(in->doc, i);
            if (p->kind != SV_PARA_BOILERPLATE)
                sv_script_count_add(&sc, p->norm, p->norm_len);
        }
        in->lang = sv_script_lang(&sc);
        if (in->lang == SV_LANG_UNKNOWN) {
            sv_diags_add(d, SV_ERROR, sv_doc_name(in->doc), 0, 0, -1,
                         "cannot tell the language (no English or Russian text); "
                         "use --source-lang/--target-lang");
            return SV_ERR_INPUT;
        }
    }
    return sv_segment_doc(sg, in->doc, in->lang, &in->segs, d);
}

static void put_tsv_field(sv_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        sv_buf_putc(b, c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
    }
}

/* Joins the texts of sentences [first, first+n) with single spaces. */
static void join_text(sv_buf *b, const sv_segs *s, size_t first, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        if (k)
            sv_buf_putc(b, ' ');
        sv_buf_append(b, s->v[first + k].text, s->v[first + k].len);
    }
}

static void write_jsonl(sv_buf *b, const sv_link *l, const input *S, const input *T)
{
    sv_buf_printf(b, "{\"bead\":\"%s\",\"score\":%.4f,", sv_link_bead(l), l->score);
    const input *sides[2] = {S, T};
    const char *names[2] = {"source", "target"};
    size_t first[2] = {l->src, l->tgt}, n[2] = {l->nsrc, l->ntgt};
    for (int k = 0; k < 2; k++) {
        sv_buf_printf(b, "\"%s\":{\"lang\":\"%s\",\"sentences\":[", names[k],
                      sv_lang_code(sides[k]->lang));
        for (size_t i = 0; i < n[k]; i++)
            sv_buf_printf(b, "%s%zu", i ? "," : "", first[k] + i);
        sv_buf_puts(b, "],");
        if (n[k]) {
            const sv_sentence *a = &sides[k]->segs->v[first[k]];
            const sv_sentence *z = &sides[k]->segs->v[first[k] + n[k] - 1];
            sv_buf_printf(b, "\"span\":[%zu,%zu],\"line\":%zu,", a->start, z->end, a->line);
        } else {
            sv_buf_puts(b, "\"span\":null,\"line\":null,");
        }
        sv_buf_puts(b, "\"text\":");
        sv_buf tmp = SV_BUF_INIT;
        join_text(&tmp, sides[k]->segs, first[k], n[k]);
        sv_buf_put_json(b, sv_buf_cstr(&tmp), tmp.len);
        sv_buf_free(&tmp);
        sv_buf_puts(b, k == 0 ? "}," : "}");
    }
    sv_buf_puts(b, "}\n");
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
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *out_path = "-", *format = NULL, *srx_path = NULL, *dump_path = NULL;
    int all = 0, verbose = 0;
    double min_score = DEFAULT_MIN_SCORE;
    sv_lang slang = SV_LANG_UNKNOWN, tlang = SV_LANG_UNKNOWN;
    sv_load_opts lo;
    sv_load_opts_init(&lo);
    sv_align_opts ao;
    sv_align_opts_init(&ao);
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
            if (sv_lang_parse(optarg, c == 'S' ? &slang : &tlang) != 0)
                return cli_usage_error("align", "unknown language '%s' (use en or ru)", optarg);
            break;
        case 'X': srx_path = optarg; break;
        case 'E': lo.encoding = optarg; break;
        case 'M':
            if (strcmp(optarg, "2") && strcmp(optarg, "3"))
                return cli_usage_error("align", "--max-merge wants 2 or 3");
            ao.max_merge = atoi(optarg);
            break;
        case 'P': ao.use_paragraphs = 0; break;
        case 'B': ao.include_boilerplate = 1; break;
        case 'q': verbose = -1; break;
        case 'v': verbose = 1; break;
        case 'D': dump_path = optarg; break;
        case 'C':
            if (cli_parse_size(optarg, &ao.full_dp_cells) != 0 || ao.full_dp_cells < 16)
                return cli_usage_error("align", "--dp-cells wants a number of cells (>= 16)");
            break;
        case 'W':
            if (cli_parse_size(optarg, &ao.band) != 0 || ao.band < 1 || ao.band > 1000)
                return cli_usage_error("align", "--band wants a number from 1 to 1000");
            break;
        case 'h': help(); return EXIT_OK;
        default: return cli_usage_error("align", "bad option");
        }
    }
    if (argc - optind != 2)
        return cli_usage_error("align", "give two files: SOURCE TARGET");
    out_format fmt = FMT_TSV;
    const char *fname = format;
    if (!fname) {
        const char *dot = strrchr(out_path, '.');
        fname = dot ? dot + 1 : "tsv";
        if (strcasecmp(fname, "tmx") && strcasecmp(fname, "jsonl"))
            fname = "tsv";
    }
    if (!strcasecmp(fname, "tsv"))
        fmt = FMT_TSV;
    else if (!strcasecmp(fname, "jsonl"))
        fmt = FMT_JSONL;
    else if (!strcasecmp(fname, "tmx"))
        fmt = FMT_TMX;
    else
        return cli_usage_error("align", "unknown format '%s' (use tmx, tsv or jsonl)", fname);
    if (fmt == FMT_TMX) {
        cli_error("TMX output is not available in this build yet; use --format tsv or jsonl");
        return EXIT_ERROR;
    }

    sv_diags *d = sv_diags_new();
    sv_srx *srx = NULL;
    sv_segmenter *sg = NULL;
    sv_aligner *al = NULL;
    input S = {0}, T = {0};
    sv_link *links = NULL;
    size_t nlinks = 0;
    sv_out *out = NULL;
    int rc = EXIT_ERROR;
    sv_segment_opts so;
    sv_segment_opts_init(&so);
    if (srx_path && sv_srx_load(srx_path, &srx, d) != SV_OK)
        goto done;
    so.srx = srx;
    if (sv_segmenter_new(&so, &sg, d) != SV_OK)
        goto done;
    if (load_input(argv[optind], &lo, sg, slang, &S, d) != SV_OK ||
        load_input(argv[optind + 1], &lo, sg, tlang, &T, d) != SV_OK)
        goto done;
    if (S.lang == T.lang) {
        cli_print_diags(d, verbose);
        cli_error("%s and %s are both %s; sverka aligns English with Russian "
                  "(--source-lang/--target-lang override the detection)",
                  argv[optind], argv[optind + 1],
                  S.lang == SV_LANG_EN ? "English" : "Russian");
        goto done;
    }
    if (sv_aligner_new(&ao, &al, d) != SV_OK)
        goto done;
    if (dump_path) {
        sv_buf fb = SV_BUF_INIT;
        sv_out *fo = NULL;
        if (sv_align_dump_features(al, S.segs->v, S.segs->n, S.lang, T.segs->v, T.segs->n,
                                   T.lang, &fb, d) != SV_OK ||
            sv_out_open(dump_path, &fo, d) != SV_OK) {
            sv_buf_free(&fb);
            goto done;
        }
        fwrite(sv_buf_cstr(&fb), 1, fb.len, sv_out_file(fo));
        sv_buf_free(&fb);
        if (sv_out_commit(fo, d) != SV_OK)
            goto done;
    }
    if (sv_align(al, S.segs->v, S.segs->n, S.lang, T.segs->v, T.segs->n, T.lang, all, &links,
                 &nlinks, d) != SV_OK)
        goto done;
    if (verbose > 0) {
        sv_align_stats st;
        sv_aligner_stats(al, &st);
        fprintf(stderr, "sverka: %zu + %zu sentences, %zu links, %zu DP cells, skip prior %.3f\n",
                S.segs->n, T.segs->n, nlinks, st.cells, st.prior_skip);
    }
    cli_print_diags(d, verbose);
    if (sv_out_open(out_path, &out, d) != SV_OK)
        goto done;
    {
        FILE *f = sv_out_file(out);
        sv_buf b = SV_BUF_INIT;
        for (size_t i = 0; i < nlinks; i++) {
            const sv_link *l = &links[i];
            int linked = l->nsrc && l->ntgt;
            if (linked && l->score < min_score)
                continue;
            if (fmt == FMT_JSONL) {
                write_jsonl(&b, l, &S, &T);
            } else if (linked) {
                sv_buf tmp = SV_BUF_INIT;
                join_text(&tmp, S.segs, l->src, l->nsrc);
                put_tsv_field(&b, sv_buf_cstr(&tmp), tmp.len);
                sv_buf_putc(&b, '\t');
                sv_buf_reset(&tmp);
                join_text(&tmp, T.segs, l->tgt, l->ntgt);
                put_tsv_field(&b, sv_buf_cstr(&tmp), tmp.len);
                sv_buf_printf(&b, "\t%.4f\n", l->score);
                sv_buf_free(&tmp);
            }
            if (b.len > 1 << 16) {
                fwrite(b.ptr, 1, b.len, f);
                sv_buf_reset(&b);
            }
        }
        fwrite(b.ptr ? b.ptr : "", 1, b.len, f);
        sv_buf_free(&b);
    }
    if (sv_out_commit(out, d) != SV_OK) {
        out = NULL;
        goto done;
    }
    out = NULL;
    rc = EXIT_OK;
done:
    sv_out_abort(out);
    cli_print_diags(d, verbose);
    free(links);
    sv_aligner_free(al);
    sv_segs_free(S.segs);
    sv_segs_free(T.segs);
    sv_doc_free(S.doc);
    sv_doc_free(T.doc);
    sv_segmenter_free(sg);
    sv_srx_free(srx);
    sv_diags_free(d);
    return rc;
}
