/* cmd_segment.c - 'sverka segment': one sentence per line, or JSON lines. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "../align/lang.h"
#include "../align/segment.h"
#include "../align/srx.h"
#include "../align/text.h"
#include "../base/buf.h"
#include "../base/fileio.h"
#include "cli.h"

static void help(void)
{
    printf(
        "Usage: sverka segment [OPTIONS] FILE|-\n"
        "\n"
        "Split a document into sentences.  FILE is plain text (UTF-8, UTF-16,\n"
        "windows-1251 or KOI8-R, detected) or an HTML page; '-' reads standard input.\n"
        "\n"
        "Options:\n"
        "  -l, --lang LANG        ru, en or auto (default: auto, from the script)\n"
        "      --srx FILE         use the rules of an SRX 2.0 file (from OmegaT, Okapi,\n"
        "                         Trados) instead of sverka's own\n"
        "  -f, --format FMT       text (default): one sentence per line, a blank line\n"
        "                         between paragraphs; jsonl: one JSON object per\n"
        "                         sentence with byte offsets, paragraph, line and kind\n"
        "  -o, --output FILE      write there instead of standard output (atomically)\n"
        "      --keep-boilerplate also print web page furniture (menus, breadcrumbs,\n"
        "                         'All news', lone dates); text format marks it '# '\n"
        "      --encoding NAME    read FILE in this encoding (cp1251, koi8-r, utf-16le,\n"
        "                         ...) instead of detecting it\n"
        "      --input-format F   auto (default), text or html\n"
        "      --max-input SIZE   refuse larger inputs (default 512M)\n"
        "  -q, --quiet            no notes (encoding detection), only warnings and errors\n"
        "  -h, --help             show this help\n"
        "\n"
        "Offsets in jsonl are bytes in the decoded UTF-8 text: for a UTF-8 file\n"
        "without a BOM, offsets in the file itself (see docs/formats.md).\n"
        "\n"
        "Examples:\n"
        "  sverka segment corpora/seeds/004_087b155903a46800.txt\n"
        "  sverka segment --format jsonl --lang en page.html > sentences.jsonl\n"
        "  sverka segment --srx omegat-defaults.srx report.txt\n"
        "\n"
        "Exit status: 0 success, 2 usage or input error.\n");
}

static void print_jsonl(sv_buf *b, const sv_sentence *s, size_t i, sv_lang lang)
{
    sv_buf_printf(b, "{\"n\":%zu,\"start\":%zu,\"end\":%zu,\"para\":%zu,\"line\":%zu,", i,
                  s->start, s->end, s->para, s->line);
    sv_buf_printf(b, "\"kind\":\"%s\",\"lang\":\"%s\",\"text\":", sv_seg_kind_name(s->kind),
                  sv_lang_code(lang));
    sv_buf_put_json(b, s->text, s->len);
    sv_buf_puts(b, "}\n");
}

int cmd_segment(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"lang", required_argument, NULL, 'l'},
        {"srx", required_argument, NULL, 'S'},
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"keep-boilerplate", no_argument, NULL, 'k'},
        {"encoding", required_argument, NULL, 'E'},
        {"input-format", required_argument, NULL, 'I'},
        {"max-input", required_argument, NULL, 'M'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    sv_lang lang = SV_LANG_UNKNOWN;
    const char *srx_path = NULL, *out_path = "-";
    int jsonl = 0, keep_bp = 0, quiet = 0;
    sv_load_opts lo;
    sv_load_opts_init(&lo);
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "l:f:o:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'l':
            if (sv_lang_parse(optarg, &lang) != 0)
                return cli_usage_error("segment", "unknown language '%s' (use ru, en or auto)",
                                       optarg);
            break;
        case 'S': srx_path = optarg; break;
        case 'f':
            if (!strcmp(optarg, "jsonl"))
                jsonl = 1;
            else if (!strcmp(optarg, "text"))
                jsonl = 0;
            else
                return cli_usage_error("segment", "unknown format '%s' (use text or jsonl)",
                                       optarg);
            break;
        case 'o': out_path = optarg; break;
        case 'k': keep_bp = 1; break;
        case 'E': lo.encoding = optarg; break;
        case 'I':
            if (!strcmp(optarg, "auto"))
                lo.format = SV_INPUT_AUTO;
            else if (!strcmp(optarg, "text"))
                lo.format = SV_INPUT_TEXT;
            else if (!strcmp(optarg, "html"))
                lo.format = SV_INPUT_HTML;
            else
                return cli_usage_error("segment", "unknown input format '%s'", optarg);
            break;
        case 'M':
            if (cli_parse_size(optarg, &lo.max_bytes) != 0 || lo.max_bytes == 0)
                return cli_usage_error("segment", "bad size '%s'", optarg);
            break;
        case 'q': quiet = 1; break;
        case 'h': help(); return EXIT_OK;
        default: return cli_usage_error("segment", "bad option");
        }
    }
    if (optind != argc - 1)
        return cli_usage_error("segment", optind >= argc ? "no input file given"
                                                         : "only one input file is allowed");
    const char *path = argv[optind];
    int verbose = quiet ? -1 : 0;
    sv_diags *diags = sv_diags_new();
    sv_srx *srx = NULL;
    sv_doc *doc = NULL;
    sv_segmenter *sg = NULL;
    sv_segs *segs = NULL;
    sv_out *out = NULL;
    int rc = EXIT_ERROR;

    if (srx_path && sv_srx_load(srx_path, &srx, diags) != SV_OK)
        goto done;
    if (sv_doc_load_file(path, &lo, &doc, diags) != SV_OK)
        goto done;
    if (lang == SV_LANG_UNKNOWN) {
        /* the script of the first 64 KB of running text decides */
        sv_script_count sc = {0};
        size_t seen = 0;
        for (size_t i = 0; i < sv_doc_npara(doc) && seen < 65536; i++) {
            const sv_para *p = sv_doc_para(doc, i);
            if (p->kind == SV_PARA_BOILERPLATE)
                continue;
            size_t n = p->norm_len < 65536 - seen ? p->norm_len : 65536 - seen;
            sv_script_count_add(&sc, p->norm, n);
            seen += n;
        }
        lang = sv_script_lang(&sc);
    }
    sv_segment_opts so;
    sv_segment_opts_init(&so);
    so.srx = srx;
    if (sv_segmenter_new(&so, &sg, diags) != SV_OK)
        goto done;
    if (sv_segment_doc(sg, doc, lang, &segs, diags) != SV_OK)
        goto done;
    cli_print_diags(diags, verbose);
    if (sv_out_open(out_path, &out, diags) != SV_OK)
        goto done;
    {
        FILE *f = sv_out_file(out);
        sv_buf b = SV_BUF_INIT;
        long long prev_para = -1;
        for (size_t i = 0; i < segs->n; i++) {
            const sv_sentence *s = &segs->v[i];
            if (s->kind == SV_SEG_BOILERPLATE && !keep_bp)
                continue;
            if (jsonl) {
                print_jsonl(&b, s, i, lang);
            } else {
                if (prev_para >= 0 && (long long)s->para != prev_para)
                    sv_buf_putc(&b, '\n');
                if (s->kind == SV_SEG_BOILERPLATE)
                    sv_buf_puts(&b, "# ");
                sv_buf_append(&b, s->text, s->len);
                sv_buf_putc(&b, '\n');
            }
            prev_para = (long long)s->para;
            if (b.len > 1 << 16) {
                fwrite(b.ptr, 1, b.len, f);
                sv_buf_reset(&b);
            }
        }
        fwrite(b.ptr ? b.ptr : "", 1, b.len, f);
        sv_buf_free(&b);
    }
    if (sv_out_commit(out, diags) != SV_OK) {
        out = NULL;
        goto done;
    }
    out = NULL;
    rc = EXIT_OK;
done:
    sv_out_abort(out);
    cli_print_diags(diags, verbose);
    sv_segs_free(segs);
    sv_segmenter_free(sg);
    sv_doc_free(doc);
    sv_srx_free(srx);
    sv_diags_free(diags);
    return rc;
}
