/* cmd_glossary.c - 'sverka glossary': bilingual glossaries of enterprise,
 * place and person names from aligned document pairs or TMX files. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../align/lexicon.h"
#include "../align/pipeline.h"
#include "../base/buf.h"
#include "../base/manifest.h"
#include "../base/fileio.h"
#include "../base/mem.h"
#include "../tm/glossary.h"
#include "../tm/glossfile.h"
#include "../tm/tmx.h"
#include "cli.h"

static void help(void)
{
    printf(
        "Usage: sverka glossary [OPTIONS] SOURCE TARGET [SOURCE TARGET ...]\n"
        "       sverka glossary [OPTIONS] --manifest PAIRS.tsv\n"
        "       sverka glossary [OPTIONS] --from-tmx FILE.tmx [FILE.tmx ...]\n"
        "\n"
        "Build a bilingual glossary of names - enterprises and other organisations,\n"
        "places, people - from English and Russian texts: each pair of documents is\n"
        "aligned as by 'sverka align' (or the units of a TMX are taken as they are),\n"
        "names are found in every aligned pair, Russian ones reduced to the\n"
        "nominative, and paired by transliteration and by how often they occur in the\n"
        "same pairs.  Each entry has its kind, count, confidence, the forms seen and\n"
        "one example sentence pair.  Enterprises come first.\n"
        "\n"
        "Input:\n"
        "      --manifest FILE    pairs to read: id<TAB>source<TAB>target per line, as\n"
        "                         for 'sverka batch' ('#' comments; relative paths are\n"
        "                         taken from the manifest's folder)\n"
        "      --from-tmx         the arguments are TMX files of aligned units\n"
        "      --min-link-score S use alignment links (and TMX units with a score) of at\n"
        "                         least S; default 0.50\n"
        "\n"
        "Output:\n"
        "  -o, --output FILE      write there (atomically) instead of standard output\n"
        "  -f, --format FMT       tbx (TBX-Basic for memoQ, Trados MultiTerm, OmegaT),\n"
        "                         tsv (OmegaT: source<TAB>target<TAB>comment) or csv;\n"
        "                         default: from the extension of -o (.tbx, .csv; .tsv,\n"
        "                         .txt, .tab, .utf8), else tsv\n"
        "      --tbx-version N    2 (default: TBX-Basic 'martif', what CAT tools read)\n"
        "                         or 3 (ISO 30042:2019 TBX-Basic, 'conceptEntry')\n"
        "      --lang-tags EN,RU  language tags written (default en,ru)\n"
        "      --ru-source        Russian in the source column (default: the language of\n"
        "                         the first SOURCE file, or the TMX's source language)\n"
        "\n"
        "Filters:\n"
        "      --kind K[,K...]    keep only these kinds: enterprise, place, person, other\n"
        "      --min-count N      keep entries linked in at least N aligned pairs (default 1)\n"
        "      --min-score S      keep entries of confidence at least S (default 0.50)\n"
        "\n"
        "Alignment (document pairs):\n"
        "      --source-lang L, --target-lang L, --encoding NAME, --dict FILE, --no-dict\n"
        "                         as in 'sverka align' (the dictionary also tells which\n"
        "                         words of a name translate: Tractor / тракторный)\n"
        "  -q, --quiet            no notes\n"
        "  -v, --verbose          report counts and times on stderr\n"
        "  -h, --help             show this help\n"
        "\n"
        "Examples:\n"
        "  sverka glossary corpora/seeds/000_8741e439ade6d75d.txt \\\n"
        "                  corpora/seeds/004_087b155903a46800.txt -o glossary.tsv\n"
        "  sverka glossary --manifest pairs.tsv --kind enterprise -o enterprises.tbx\n"
        "  sverka glossary --from-tmx memory.tmx --min-count 2 -o names.csv\n"
        "\n"
        "Exit status: 0 success, 1 some pairs could not be read (the others were\n"
        "used), 2 usage, input or output error.\n");
}

static void add_spec(sv_manifest *L, const char *id, const char *src, const char *tgt)
{
    sv_manifest_pair p = {xstrdup(id), xstrdup(src), xstrdup(tgt), 0};
    SV_PUSH(L->v, L->n, L->cap, p);
}

/* The manifest format of 'sverka batch'. */
static int read_pairs(const char *path, sv_manifest *L)
{
    sv_diags *d = sv_diags_new();
    int rc = sv_manifest_read(path, L, d) == SV_OK ? 0 : -1;
    if (rc)
        cli_print_diags(d, 0);
    sv_diags_free(d);
    return rc;
}

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Adds the units of a TMX file; returns 0, or -1 after reporting an error. */
static int add_tmx(sv_glossary *g, const char *path, double min_link, int *ru_source, int first,
                   size_t *units, sv_diags *d)
{
    sv_tmx_reader *r = NULL;
    if (sv_tmx_reader_open(path, NULL, &r, d) != SV_OK)
        return -1;
    const sv_tmx_info *info = sv_tmx_reader_info(r);
    if (first && info->srclang && sv_tmx_lang_match("ru", info->srclang))
        *ru_source = 1;
    const sv_tu *tu;
    sv_status st;
    sv_buf en = SV_BUF_INIT, ru = SV_BUF_INIT;
    while ((st = sv_tmx_reader_next(r, &tu, d)) == SV_OK && tu) {
        if (tu->score >= 0 && tu->score < min_link)
            continue;
        sv_buf_reset(&en);
        sv_buf_reset(&ru);
        sv_tmx_text_render(tu->src, tu->src_len, SV_TMX_RENDER_STRIP, &en);
        sv_tmx_text_render(tu->tgt, tu->tgt_len, SV_TMX_RENDER_STRIP, &ru);
        st = sv_glossary_add_pair(g, sv_buf_cstr(&en), en.len, sv_buf_cstr(&ru), ru.len, path);
        if (st != SV_OK) {
            sv_diags_add(d, SV_ERROR, path, tu->line, 0, -1, "cannot use this unit: %s",
                         sv_strerror(st));
            break;
        }
        (*units)++;
    }
    sv_buf_free(&en);
    sv_buf_free(&ru);
    sv_tmx_reader_free(r);
    return st == SV_OK ? 0 : -1;
}

static int parse_kinds(const char *s, unsigned *mask)
{
    *mask = 0;
    char *copy = xstrdup(s), *save = NULL;
    int rc = 0;
    for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        sv_term_kind k;
        if (sv_term_kind_parse(tok, &k) != 0) {
            rc = -1;
            break;
        }
        *mask |= 1u << k;
    }
    free(copy);
    return rc == 0 && *mask ? 0 : -1;
}

int cmd_glossary(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"format", required_argument, NULL, 'f'},
        {"manifest", required_argument, NULL, 'M'},
        {"from-tmx", no_argument, NULL, 'X'},
        {"kind", required_argument, NULL, 'k'},
        {"min-count", required_argument, NULL, 'c'},
        {"min-score", required_argument, NULL, 's'},
        {"min-link-score", required_argument, NULL, 'l'},
        {"tbx-version", required_argument, NULL, 'V'},
        {"lang-tags", required_argument, NULL, 'L'},
        {"ru-source", no_argument, NULL, 'R'},
        {"source-lang", required_argument, NULL, 'S'},
        {"target-lang", required_argument, NULL, 'T'},
        {"encoding", required_argument, NULL, 'E'},
        {"dict", required_argument, NULL, 'd'},
        {"no-dict", no_argument, NULL, 'n'},
        {"quiet", no_argument, NULL, 'q'},
        {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *out_path = "-", *format = NULL, *manifest = NULL, *dict_path = NULL;
    const char *lang_tags = NULL;
    int from_tmx = 0, use_mueller = 1, verbose = 0, ru_source = 0, ru_source_forced = 0;
    char tags[2][36];
    sv_glossary_opts go;
    sv_glossary_opts_init(&go);
    sv_glossfile_opts fo;
    sv_glossfile_opts_init(&fo);
    sv_pipeline_opts po;
    sv_pipeline_opts_init(&po);
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:f:qvh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': out_path = optarg; break;
        case 'f': format = optarg; break;
        case 'M': manifest = optarg; break;
        case 'X': from_tmx = 1; break;
        case 'k':
            if (parse_kinds(optarg, &go.kinds) != 0)
                return cli_usage_error("glossary", "--kind wants enterprise, place, person or "
                                                   "other (several: comma-separated)");
            break;
        case 'c':
            if (cli_parse_size(optarg, &go.min_count) != 0)
                return cli_usage_error("glossary", "--min-count wants a whole number");
            break;
        case 's':
        case 'l': {
            double v;
            if (cli_parse_double(optarg, &v) != 0 || v < 0 || v > 1)
                return cli_usage_error("glossary", "--%s wants a number from 0 to 1",
                                       c == 's' ? "min-score" : "min-link-score");
            if (c == 's')
                go.min_score = v;
            else
                go.min_link_score = v;
            break;
        }
        case 'V':
            if (strcmp(optarg, "2") && strcmp(optarg, "3"))
                return cli_usage_error("glossary", "--tbx-version wants 2 or 3");
            fo.tbx_version = atoi(optarg);
            break;
        case 'L': lang_tags = optarg; break;
        case 'R': ru_source = ru_source_forced = 1; break;
        case 'S':
        case 'T':
            if (sv_lang_parse(optarg, c == 'S' ? &po.src_lang : &po.tgt_lang) != 0)
                return cli_usage_error("glossary", "unknown language '%s' (use en or ru)", optarg);
            break;
        case 'E': po.load.encoding = optarg; break;
        case 'd': dict_path = optarg; break;
        case 'n': use_mueller = 0; break;
        case 'q': verbose = -1; break;
        case 'v': verbose = 1; break;
        case 'h': help(); return EXIT_OK;
        default: return cli_usage_error("glossary", "bad option");
        }
    }
    int nargs = argc - optind;
    if (from_tmx && manifest)
        return cli_usage_error("glossary", "give --manifest or --from-tmx, not both");
    if (from_tmx ? nargs < 1 : manifest ? nargs != 0 : (nargs < 2 || nargs % 2))
        return cli_usage_error("glossary", from_tmx   ? "give one or more TMX files"
                                           : manifest ? "no files with --manifest"
                                                      : "give files in pairs: SOURCE TARGET ...");
    if (lang_tags) {
        if (cli_split_pair(lang_tags, tags[0], tags[1], sizeof tags[0]) != 0)
            return cli_usage_error("glossary", "--lang-tags wants two tags: EN,RU (e.g. en-US,ru-RU)");
        fo.en_tag = tags[0];
        fo.ru_tag = tags[1];
    }
    if (format) {
        if (sv_glossfile_format_parse(format, &fo.format) != 0)
            return cli_usage_error("glossary", "unknown format '%s' (use tbx, tsv or csv)", format);
    } else {
        fo.format = sv_glossfile_format_for(out_path, SV_GLOSS_TSV);
    }

    double t0 = now_s();
    sv_manifest L = {NULL, 0, 0};
    if (manifest && read_pairs(manifest, &L) != 0) {
        sv_manifest_free(&L);
        return EXIT_ERROR;
    }
    if (!manifest && !from_tmx)
        for (int i = optind; i + 1 < argc; i += 2)
            add_spec(&L, argv[i], argv[i], argv[i + 1]);

    struct sv_lexicon *lex = NULL;
    sv_diags *d = sv_diags_new();
    sv_pipeline *pl = NULL;
    sv_glossary *g = NULL;
    int rc = EXIT_ERROR, failed = 0;
    size_t used = 0;
    if (cli_load_lexicon(use_mueller, dict_path, &lex, verbose) != 0)
        goto done;
    po.align.lexicon = lex;
    go.lexicon = lex;
    if (sv_glossary_new(&go, &g, d) != SV_OK)
        goto done;
    if (from_tmx) {
        for (int i = optind; i < argc; i++) {
            int r0 = ru_source;
            if (add_tmx(g, argv[i], go.min_link_score, &r0, i == optind, &used, d) != 0)
                goto done;
            if (!ru_source_forced)
                ru_source = r0;
        }
    } else {
        if (sv_pipeline_new(&po, &pl, d) != SV_OK)
            goto done;
        for (size_t i = 0; i < L.n; i++) {
            sv_bitext bt;
            memset(&bt, 0, sizeof bt);
            sv_diags *pd = sv_diags_new();
            sv_status st = sv_pipeline_run(pl, L.v[i].src, NULL, 0, L.v[i].tgt, NULL, 0, 0, &bt, pd);
            if (st == SV_OK) {
                if (i == 0 && !ru_source_forced)
                    ru_source = bt.src.lang == SV_LANG_RU;
                st = sv_glossary_add_bitext(g, &bt, L.v[i].id);
                for (size_t k = 0; k < bt.nlinks; k++)
                    used += bt.links[k].nsrc && bt.links[k].ntgt &&
                            bt.links[k].score >= go.min_link_score;
            }
            if (st != SV_OK) {
                failed++;
                if (L.n == 1) {
                    sv_diags_move(d, pd);
                    sv_diags_free(pd);
                    sv_bitext_free(&bt);
                    goto done;
                }
                cli_error("%s: skipped (%s)", L.v[i].id, sv_strerror(st));
            }
            cli_print_diags(pd, verbose);
            sv_diags_free(pd);
            sv_bitext_free(&bt);
        }
        if ((size_t)failed == L.n)
            goto done;
    }
    double t1 = now_s();
    if (sv_glossary_build(g, d) != SV_OK)
        goto done;
    fo.ru_source = ru_source;
    if (sv_glossfile_write(sv_glossary_entries(g), sv_glossary_count(g), out_path, &fo, d) != SV_OK)
        goto done;
    if (verbose > 0) {
        sv_glossary_stats st;
        sv_glossary_get_stats(g, &st);
        fprintf(stderr,
                "sverka: %zu aligned pair%s used; %zu English and %zu Russian names, %zu "
                "occurrences, %zu links; %zu entries; reading and aligning %.2f s, glossary "
                "%.2f s\n",
                used, used == 1 ? "" : "s", st.en_terms, st.ru_terms, st.occurrences, st.links,
                st.entries, t1 - t0, now_s() - t1);
    }
    rc = failed ? EXIT_FOUND : EXIT_OK;
done:
    cli_print_diags(d, verbose);
    sv_glossary_free(g);
    sv_pipeline_free(pl);
    sv_lexicon_free(lex);
    sv_diags_free(d);
    sv_manifest_free(&L);
    return rc;
}
