/* cmd_tm.c - 'sverka tm': translation memories.  import, export, merge,
 * stats, filter, lookup and concordance, over TMX files (tm/tmx.h) and the
 * SQLite store (tm/store.h). */
#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/buf.h"
#include "../base/fileio.h"
#include "../base/mem.h"
#include "../tm/hash.h"
#include "../tm/store.h"
#include "../tm/linkfile.h"
#include "../tm/tmx.h"
#include "cli.h"

/* ---- shared option handling ---------------------------------------- */

typedef struct {
    const char *db, *out, *format;
    char srclang[32], tgtlang[32];   /* --langs: prefixes read / kept */
    char srctag[64], tgttag[64];     /* --lang-tags: tags written */
    int keep_tags;                   /* --keep-lang-tags */
    const char *date;                /* --date, in TMX form */
    char datebuf[17];
    double min_score;
    int keep_unscored, force, quiet, verbose;
} common;

static void common_init(common *c)
{
    memset(c, 0, sizeof *c);
    strcpy(c->srclang, "en");
    strcpy(c->tgtlang, "ru");
    c->min_score = -1;
}

/* "a,b" into two buffers; returns 0 if both parts are non-empty. */
static int split_pair(const char *s, char *a, size_t na, char *b, size_t nb)
{
    const char *comma = strchr(s, ',');
    if (!comma || comma == s || !comma[1] || strchr(comma + 1, ','))
        return -1;
    size_t la = (size_t)(comma - s), lb = strlen(comma + 1);
    if (la >= na || lb >= nb)
        return -1;
    memcpy(a, s, la);
    a[la] = '\0';
    memcpy(b, comma + 1, lb + 1);
    return 0;
}

/* The tags written when --lang-tags is not given: en-US / ru-RU for the
 * project's two languages, the prefix itself otherwise. */
static void default_tag(const char *lang, char *out, size_t n)
{
    if (!strcmp(lang, "en"))
        snprintf(out, n, "en-US");
    else if (!strcmp(lang, "ru"))
        snprintf(out, n, "ru-RU");
    else
        snprintf(out, n, "%s", lang);
}

enum {
    OPT_DB = 1000, OPT_LANGS, OPT_TAGS, OPT_KEEP_TAGS, OPT_DATE, OPT_MIN_SCORE,
    OPT_KEEP_UNSCORED, OPT_FORCE, OPT_FORMAT, OPT_FROM, OPT_TO, OPT_MIN_MATCH, OPT_LIMIT,
    OPT_TIMING, OPT_CANDIDATES, OPT_CHECK
};

/* Handles an option every subcommand shares; returns 1 if it was one, -1
 * on a bad value (message printed), 0 if it is not a shared option. */
static int common_opt(common *c, int opt, const char *arg, const char *cmd)
{
    switch (opt) {
    case OPT_DB: c->db = arg; return 1;
    case 'o': c->out = arg; return 1;
    case OPT_FORMAT: c->format = arg; return 1;
    case 'q': c->quiet = 1; return 1;
    case 'v': c->verbose = 1; return 1;
    case OPT_KEEP_TAGS: c->keep_tags = 1; return 1;
    case OPT_KEEP_UNSCORED: c->keep_unscored = 1; return 1;
    case OPT_FORCE: c->force = 1; return 1;
    case OPT_LANGS:
        if (split_pair(arg, c->srclang, sizeof c->srclang, c->tgtlang, sizeof c->tgtlang)) {
            cli_usage_error(cmd, "--langs wants two languages like 'en,ru', not '%s'", arg);
            return -1;
        }
        return 1;
    case OPT_TAGS:
        if (split_pair(arg, c->srctag, sizeof c->srctag, c->tgttag, sizeof c->tgttag)) {
            cli_usage_error(cmd, "--lang-tags wants two tags like 'en-GB,ru-RU', not '%s'", arg);
            return -1;
        }
        return 1;
    case OPT_DATE:
        if (sv_tmx_date_parse(arg, c->datebuf) != 0) {
            cli_usage_error(cmd, "bad date '%s' (use 2024-03-12, 2024-03-12T10:00:00Z, "
                                 "20240312T100000Z or @SECONDS)", arg);
            return -1;
        }
        c->date = c->datebuf;
        return 1;
    case OPT_MIN_SCORE:
        if (cli_parse_double(arg, &c->min_score) != 0 || c->min_score < 0) {
            cli_usage_error(cmd, "bad score '%s'", arg);
            return -1;
        }
        return 1;
    default:
        return 0;
    }
}

/* Command-specific options: 1 if opt was one (handled), -1 on a bad
 * value (reported), 0 if it is not. */
typedef int (*opt_fn)(void *ctx, int opt, const char *arg);

/* Parses a command's options: -h prints its help; shared options go to c,
 * the command's own to extra (may be NULL).  Returns -1 to go on, else the
 * exit status to return. */
static int parse_opts(common *c, int argc, char **argv, const char *cmd, const char *shortopts,
                      const struct option *lo, void (*help)(void), opt_fn extra, void *ctx)
{
    int opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, shortopts, lo, NULL)) != -1) {
        if (opt == 'h') {
            help();
            return EXIT_OK;
        }
        int r = extra ? extra(ctx, opt, optarg) : 0;
        if (r == 0)
            r = common_opt(c, opt, optarg, cmd);
        if (r < 0)
            return EXIT_ERROR;
        if (r == 0)
            return cli_usage_error(cmd, "bad option");
    }
    return -1;
}

static void header_for(const common *c, sv_tmx_header *h)
{
    sv_tmx_header_init(h);
    static char st[64], tt[64];
    if (c->srctag[0]) {
        snprintf(st, sizeof st, "%s", c->srctag);
        snprintf(tt, sizeof tt, "%s", c->tgttag);
    } else {
        default_tag(c->srclang, st, sizeof st);
        default_tag(c->tgtlang, tt, sizeof tt);
    }
    h->srclang = st;
    h->tgtlang = tt;
    h->creationdate = c->date;
}

static void sv_tmx_read_opts_from(const common *c, sv_tmx_read_opts *ro)
{
    sv_tmx_read_opts_init(ro);
    ro->srclang = c->srclang;
    ro->tgtlang = c->tgtlang;
}

/* Opens the memory at path: read-only, or for writing (created when
 * create is set); NULL after printing nothing (the reason is in d). */
static sv_tm *open_db(const char *path, int readonly, int create, sv_diags *d)
{
    sv_tm_opts to;
    sv_tm_opts_init(&to);
    to.readonly = readonly;
    to.create = create;
    sv_tm *tm = NULL;
    return sv_tm_open(path, &to, &tm, d) == SV_OK ? tm : NULL;
}

/* ---- output: TMX or TSV -------------------------------------------- */

typedef struct {
    sv_tmx_writer *tmx;
    sv_out *tsv;
    sv_buf line;
    int keep_tags;
    size_t count;
} sink;

static int want_tsv(const common *c)
{
    if (c->format)
        return strcmp(c->format, "tsv") == 0;
    size_t n = c->out ? strlen(c->out) : 0;
    return n > 4 && strcmp(c->out + n - 4, ".tsv") == 0;
}

static sv_status sink_open(sink *s, const common *c, sv_diags *d)
{
    memset(s, 0, sizeof *s);
    s->keep_tags = c->keep_tags;
    const char *path = c->out ? c->out : "-";
    if (want_tsv(c))
        return sv_out_open(path, &s->tsv, d);
    sv_tmx_header h;
    header_for(c, &h);
    return sv_tmx_writer_open(path, &h, &s->tmx, d);
}

/* TSV: source TAB target, inline codes removed, \t \n \r \\ escaped. */
static void tsv_field(sv_buf *b, const char *s, size_t len)
{
    sv_buf plain = SV_BUF_INIT;
    sv_tmx_text_render(s, len, SV_TMX_RENDER_STRIP, &plain);
    for (size_t i = 0; i < plain.len; i++) {
        char ch = plain.ptr[i];
        if (ch == '\t')
            sv_buf_puts(b, "\\t");
        else if (ch == '\n')
            sv_buf_puts(b, "\\n");
        else if (ch == '\r')
            sv_buf_puts(b, "\\r");
        else if (ch == '\\')
            sv_buf_puts(b, "\\\\");
        else
            sv_buf_putc(b, ch);
    }
    sv_buf_free(&plain);
}

static sv_status sink_put(sink *s, const sv_tu *tu, sv_diags *d)
{
    s->count++;
    if (s->tsv) {
        sv_buf_reset(&s->line);
        tsv_field(&s->line, tu->src, tu->src_len);
        sv_buf_putc(&s->line, '\t');
        tsv_field(&s->line, tu->tgt, tu->tgt_len);
        sv_buf_putc(&s->line, '\n');
        fwrite(s->line.ptr, 1, s->line.len, sv_out_file(s->tsv));
        return SV_OK;
    }
    sv_tu copy = *tu;
    if (!s->keep_tags)
        copy.srclang = copy.tgtlang = NULL; /* the header's tags */
    sv_status st = sv_tmx_write_tu(s->tmx, &copy, d);
    return st == SV_ERR_ARG ? SV_OK : st; /* an empty segment is skipped, not fatal */
}

static sv_status sink_close(sink *s, sv_diags *d)
{
    sv_buf_free(&s->line);
    if (s->tsv)
        return sv_out_commit(s->tsv, d);
    return sv_tmx_writer_close(s->tmx, d);
}

static void sink_abort(sink *s)
{
    sv_buf_free(&s->line);
    sv_out_abort(s->tsv);
    sv_tmx_writer_abort(s->tmx);
    s->tsv = NULL;
    s->tmx = NULL;
}

/* ---- progress ------------------------------------------------------ */

typedef struct {
    const char *name;
    int show;
    double last;
} progress;

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void on_progress(void *ctx, unsigned long long bytes, size_t tus)
{
    progress *p = ctx;
    double t = now_s();
    if (!p->show || t - p->last < 0.5)
        return;
    p->last = t;
    fprintf(stderr, "\rsverka: %s: %.1f MB, %zu TUs ", p->name, (double)bytes / 1e6, tus);
    fflush(stderr);
}

static void end_progress(progress *p)
{
    if (p->show && p->last > 0)
        fputs("\r\033[K", stderr);
}

/* ---- import -------------------------------------------------------- */

static void import_help(void)
{
    printf("Usage: sverka tm import --db TM [OPTIONS] FILE.tmx...\n"
           "\n"
           "Add TMX files to a translation memory (created if missing).  Each file is\n"
           "imported in one transaction: all of it or, after an error or a kill,\n"
           "nothing.  Identical pairs are stored once; every occurrence is recorded\n"
           "with its file, and the stored unit keeps the newest one's metadata.  A\n"
           "file already imported (same path, size and time) is skipped.\n"
           "\n"
           "Options:\n"
           "      --db TM          the translation memory (an SQLite file)\n"
           "      --langs SRC,TGT  languages to read, matched by prefix (default en,ru)\n"
           "      --force          import files again even if already imported\n"
           "  -q, --quiet          no per-file summary\n"
           "  -v, --verbose        also show notes\n"
           "  -h, --help           show this help\n"
           "\n"
           "Example:\n"
           "  sverka tm import --db memory.sqlite project_save.tmx aligned/*.tmx\n"
           "\n"
           "Exit status: 0 success, 1 some files failed, 2 all failed or usage error.\n");
}

static int tm_import(int argc, char **argv)
{
    static const struct option lo[] = {
        {"db", required_argument, NULL, OPT_DB}, {"langs", required_argument, NULL, OPT_LANGS},
        {"force", no_argument, NULL, OPT_FORCE}, {"quiet", no_argument, NULL, 'q'},
        {"verbose", no_argument, NULL, 'v'},     {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    common c;
    common_init(&c);
    int rc = parse_opts(&c, argc, argv, "tm import", "qvh", lo, import_help, NULL, NULL);
    if (rc >= 0)
        return rc;
    if (!c.db)
        return cli_usage_error("tm import", "--db TM is required");
    if (optind >= argc)
        return cli_usage_error("tm import", "no TMX file given");
    sv_diags *d = sv_diags_new();
    sv_tm *tm = open_db(c.db, 0, 1, d);
    if (!tm) {
        cli_print_diags(d, c.verbose);
        sv_diags_free(d);
        return EXIT_ERROR;
    }
    sv_tmx_read_opts ro;
    sv_tmx_read_opts_from(&c, &ro);
    int ok = 0, failed = 0;
    for (int i = optind; i < argc; i++) {
        progress p = {argv[i], cli_stderr_is_tty() && !c.quiet, 0};
        sv_tm_import_opts io;
        sv_tm_import_opts_init(&io);
        io.read = &ro;
        io.force = c.force;
        io.progress = on_progress;
        io.progress_ctx = &p;
        sv_tm_import_result res;
        sv_status st = sv_tm_import(tm, argv[i], &io, &res, d);
        end_progress(&p);
        cli_print_diags(d, c.quiet ? -1 : c.verbose);
        if (st != SV_OK) {
            failed++;
            cli_error("%s: not imported", argv[i]);
            continue;
        }
        ok++;
        if (!c.quiet && !res.already)
            fprintf(stderr, "sverka: %s: %zu TUs read, %zu added, %zu duplicates, %zu skipped\n",
                    argv[i], res.read, res.added, res.duplicates, res.skipped);
    }
    sv_tm_close(tm);
    sv_diags_free(d);
    return failed == 0 ? EXIT_OK : ok > 0 ? EXIT_FOUND : EXIT_ERROR;
}

/* ---- export and filter --------------------------------------------- */

typedef struct {
    sink *s;
    sv_diags *d;
    sv_status st;
} put_ctx;

static int put_each(void *ctx, const sv_tu *tu)
{
    put_ctx *p = ctx;
    p->st = sink_put(p->s, tu, p->d);
    return p->st != SV_OK;
}

static int export_db(const common *c, const char *cmd)
{
    sv_diags *d = sv_diags_new();
    int rc = EXIT_ERROR;
    sink s;
    memset(&s, 0, sizeof s);
    sv_tm *tm = open_db(c->db, 1, 0, d);
    if (!tm)
        goto done;
    if (sink_open(&s, c, d) != SV_OK)
        goto done;
    sv_tm_filter f;
    sv_tm_filter_init(&f);
    f.srclang = c->srclang;
    f.tgtlang = c->tgtlang;
    f.min_score = c->min_score;
    f.keep_unscored = c->keep_unscored;
    put_ctx p = {&s, d, SV_OK};
    sv_status st = sv_tm_each(tm, &f, put_each, &p, d);
    if (st != SV_OK) {
        sink_abort(&s);
        goto done;
    }
    size_t n = s.count;
    if (sink_close(&s, d) != SV_OK)
        goto done;
    if (!c->quiet)
        fprintf(stderr, "sverka: %s: %zu TUs written to %s\n", cmd, n, c->out ? c->out : "-");
    rc = EXIT_OK;
done:
    cli_print_diags(d, c->quiet ? -1 : c->verbose);
    sv_tm_close(tm);
    sv_diags_free(d);
    return rc;
}

static const struct option out_opts[] = {
    {"db", required_argument, NULL, OPT_DB},
    {"output", required_argument, NULL, 'o'},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"langs", required_argument, NULL, OPT_LANGS},
    {"lang-tags", required_argument, NULL, OPT_TAGS},
    {"keep-lang-tags", no_argument, NULL, OPT_KEEP_TAGS},
    {"date", required_argument, NULL, OPT_DATE},
    {"min-score", required_argument, NULL, OPT_MIN_SCORE},
    {"keep-unscored", no_argument, NULL, OPT_KEEP_UNSCORED},
    {"quiet", no_argument, NULL, 'q'},
    {"verbose", no_argument, NULL, 'v'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

static const char out_help[] =
    "  -o, --output FILE      where to write (default: standard output); written\n"
    "                         atomically\n"
    "      --format tmx|tsv   output format (default: tsv for *.tsv, else tmx)\n"
    "      --langs SRC,TGT    language pair, matched by prefix (default en,ru)\n"
    "      --lang-tags S,T    tags written in the TMX (default en-US,ru-RU)\n"
    "      --keep-lang-tags   write each unit's own tags instead\n"
    "      --date DATE        header creationdate (default: $SOURCE_DATE_EPOCH or now)\n"
    "  -q, --quiet            no summary line\n"
    "  -v, --verbose          also show notes\n"
    "  -h, --help             show this help\n";

/* The options of export/filter/merge. */
static int parse_out_opts(common *c, int argc, char **argv, const char *cmd,
                          void (*help)(void))
{
    int rc = parse_opts(c, argc, argv, cmd, "o:qvh", out_opts, help, NULL, NULL);
    if (rc < 0 && c->format && strcmp(c->format, "tmx") && strcmp(c->format, "tsv"))
        return cli_usage_error(cmd, "unknown format '%s' (use tmx or tsv)", c->format);
    return rc;
}

static void export_help(void)
{
    printf("Usage: sverka tm export --db TM [OPTIONS]\n"
           "\n"
           "Write the units of a translation memory as TMX 1.4b (or TSV: source TAB\n"
           "target, one unit per line, inline codes removed, \\t \\n \\r \\\\ escaped).\n"
           "\n"
           "Options:\n"
           "      --db TM            the translation memory\n"
           "%s"
           "      --min-score S      only units with an alignment score >= S\n"
           "      --keep-unscored    with --min-score: keep units that have no score\n"
           "\n"
           "Example:\n"
           "  sverka tm export --db memory.sqlite -o memory.tmx\n"
           "\n"
           "Exit status: 0 success, 2 error.\n",
           out_help);
}

static int tm_export(int argc, char **argv)
{
    common c;
    common_init(&c);
    int rc = parse_out_opts(&c, argc, argv, "tm export", export_help);
    if (rc >= 0)
        return rc;
    if (!c.db)
        return cli_usage_error("tm export", "--db TM is required");
    if (optind < argc)
        return cli_usage_error("tm export", "unexpected argument '%s'", argv[optind]);
    return export_db(&c, "tm export");
}

static void filter_help(void)
{
    printf("Usage: sverka tm filter (--db TM | FILE.tmx...) [OPTIONS]\n"
           "\n"
           "Keep the units of a memory or of TMX files that pass the criteria: the\n"
           "language pair (--langs) and the alignment score (--min-score, read from\n"
           "x-sverka-score).  TMX files are streamed.\n"
           "\n"
           "Options:\n"
           "      --db TM            read a translation memory instead of files\n"
           "%s"
           "      --min-score S      only units with an alignment score >= S\n"
           "      --keep-unscored    with --min-score: keep units that have no score\n"
           "\n"
           "Example:\n"
           "  sverka tm filter --min-score 0.5 aligned.tmx -o clean.tmx\n"
           "\n"
           "Exit status: 0 success, 2 error.\n",
           out_help);
}

/* Units from a TMX file or from sverka's JSON-lines links (the shards of
 * 'sverka batch --stdin'), told apart by the name or the first bytes. */
typedef struct {
    sv_tmx_reader *tmx;
    sv_linkfile *jl;
} units;

static int is_jsonl_file(const char *path)
{
    size_t n = strlen(path);
    if (n > 6 && !strcmp(path + n - 6, ".jsonl"))
        return 1;
    if (!strcmp(path, "-"))
        return 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    char buf[512];
    size_t k = fread(buf, 1, sizeof buf, f);
    fclose(f);
    return sv_linkfile_sniff(buf, k);
}

static sv_status units_open(const char *path, const sv_tmx_read_opts *ro, units *u,
                            sv_diags *d)
{
    memset(u, 0, sizeof *u);
    if (is_jsonl_file(path))
        return sv_linkfile_open(path, 0, &u->jl, d);
    return sv_tmx_reader_open(path, ro, &u->tmx, d);
}

static sv_status units_next(units *u, const sv_tu **tu, sv_diags *d)
{
    if (u->jl)
        return sv_linkfile_next(u->jl, tu, d);
    return sv_tmx_reader_next(u->tmx, tu, d);
}

static void units_free(units *u)
{
    sv_tmx_reader_free(u->tmx);
    sv_linkfile_free(u->jl);
    memset(u, 0, sizeof *u);
}

/* Streams TMX (or JSON-lines link) files into a sink; keep decides for each unit. */
typedef int (*keep_fn)(void *ctx, const sv_tu *tu, size_t file, size_t *dropped);

static int stream_files(const common *c, char **files, int nfiles, keep_fn keep, void *kctx,
                        const char *cmd)
{
    sv_diags *d = sv_diags_new();
    sink s;
    int rc = EXIT_ERROR;
    size_t dropped = 0;
    sv_tmx_read_opts ro;
    sv_tmx_read_opts_from(c, &ro);
    if (sink_open(&s, c, d) != SV_OK) {
        cli_print_diags(d, c->verbose);
        sv_diags_free(d);
        return EXIT_ERROR;
    }
    for (int i = 0; i < nfiles; i++) {
        units r;
        sv_status st = units_open(files[i], &ro, &r, d);
        const sv_tu *tu;
        while (st == SV_OK && (st = units_next(&r, &tu, d)) == SV_OK && tu)
            if (keep(kctx, tu, (size_t)i, &dropped))
                st = sink_put(&s, tu, d);
        units_free(&r);
        cli_print_diags(d, c->quiet ? -1 : c->verbose);
        if (st != SV_OK) {
            sink_abort(&s);
            goto done;
        }
    }
    size_t n = s.count;
    if (sink_close(&s, d) != SV_OK)
        goto done;
    if (!c->quiet)
        fprintf(stderr, "sverka: %s: %zu TUs written to %s, %zu left out\n", cmd, n,
                c->out ? c->out : "-", dropped);
    rc = EXIT_OK;
done:
    cli_print_diags(d, c->quiet ? -1 : c->verbose);
    sv_diags_free(d);
    return rc;
}

static int keep_by_score(void *ctx, const sv_tu *tu, size_t file, size_t *dropped)
{
    const common *c = ctx;
    (void)file;
    int keep = c->min_score < 0 || (tu->score < 0 ? c->keep_unscored : tu->score >= c->min_score);
    if (!keep)
        (*dropped)++;
    return keep;
}

static int tm_filter(int argc, char **argv)
{
    common c;
    common_init(&c);
    int rc = parse_out_opts(&c, argc, argv, "tm filter", filter_help);
    if (rc >= 0)
        return rc;
    if (c.db && optind < argc)
        return cli_usage_error("tm filter", "give --db or TMX files, not both");
    if (c.db)
        return export_db(&c, "tm filter");
    if (optind >= argc)
        return cli_usage_error("tm filter", "no input: give --db TM or TMX files");
    return stream_files(&c, argv + optind, argc - optind, keep_by_score, &c, "tm filter");
}

/* ---- merge --------------------------------------------------------- */

static void merge_help(void)
{
    printf("Usage: sverka tm merge [OPTIONS] -o OUT.tmx FILE.tmx...\n"
           "\n"
           "Merge TMX files into one without a database: identical pairs (same\n"
           "languages, texts and inline markup) are written once, the occurrence with\n"
           "the newest date winning (the first one on a tie).  The files are read\n"
           "twice, streaming; memory grows by about 32 bytes per distinct pair.\n"
           "\n"
           "Options:\n"
           "%s"
           "\n"
           "Example:\n"
           "  sverka tm merge -o all.tmx corpus/*.tmx\n"
           "\n"
           "Exit status: 0 success, 2 error.\n",
           out_help);
}

typedef struct {
    sv_keymap *best; /* pair key -> newest date as a number; UINT64_MAX once written */
    int pass;
} merge_ctx;

static void pair_key(const sv_tu *tu, uint64_t *a, uint64_t *b)
{
    char l1[32] = {0}, l2[32] = {0};
    for (size_t i = 0; tu->srclang && tu->srclang[i] && i < 31; i++)
        l1[i] = (char)(tu->srclang[i] | 0x20);
    for (size_t i = 0; tu->tgtlang && tu->tgtlang[i] && i < 31; i++)
        l2[i] = (char)(tu->tgtlang[i] | 0x20);
    uint64_t h[2];
    for (int k = 0; k < 2; k++) {
        uint64_t x = sv_hash64(l1, strlen(l1), 0x5eed0000u + (uint64_t)k);
        x = sv_hash64(l2, strlen(l2), x);
        x = sv_hash64(tu->src, tu->src_len, x);
        x = sv_hash64(tu->tgt, tu->tgt_len, x);
        x = sv_hash64(tu->src_xml ? tu->src_xml : "", tu->src_xml ? tu->src_xml_len + 1 : 0, x);
        h[k] = sv_hash64(tu->tgt_xml ? tu->tgt_xml : "", tu->tgt_xml ? tu->tgt_xml_len + 1 : 0,
                         x);
    }
    *a = h[0];
    *b = h[1];
}

static uint64_t date_num(const char *d)
{
    uint64_t v = 1; /* 0 would tie with "no date" */
    for (; d && *d; d++)
        if (*d >= '0' && *d <= '9')
            v = v * 10 + (uint64_t)(*d - '0');
    return d ? v : 0;
}

static int merge_keep(void *ctx, const sv_tu *tu, size_t file, size_t *dropped)
{
    merge_ctx *m = ctx;
    (void)file;
    uint64_t a, b;
    pair_key(tu, &a, &b);
    uint64_t date = tu->date ? date_num(tu->date) : 0;
    if (m->pass == 1) {
        int created;
        uint64_t *v = sv_keymap_slot(m->best, a, b, date, &created);
        if (!created && date > *v)
            *v = date;
        return 0;
    }
    uint64_t *v = sv_keymap_find(m->best, a, b);
    if (v && *v == date) {
        *v = UINT64_MAX;
        return 1;
    }
    (*dropped)++;
    return 0;
}

static int tm_merge(int argc, char **argv)
{
    common c;
    common_init(&c);
    int rc = parse_out_opts(&c, argc, argv, "tm merge", merge_help);
    if (rc >= 0)
        return rc;
    if (c.db)
        return cli_usage_error("tm merge", "merge works on TMX files; use 'tm export' for --db");
    if (optind >= argc)
        return cli_usage_error("tm merge", "no TMX file given");
    for (int i = optind; i < argc; i++)
        if (!strcmp(argv[i], "-"))
            return cli_usage_error("tm merge", "merge reads its files twice: '-' is not allowed");
    merge_ctx m = {sv_keymap_new(), 1};
    /* pass 1: the newest date of every pair (nothing is written) */
    sv_diags *d = sv_diags_new();
    sv_tmx_read_opts ro;
    sv_tmx_read_opts_from(&c, &ro);
    for (int i = optind; i < argc && rc < 0; i++) {
        units r;
        sv_status st = units_open(argv[i], &ro, &r, d);
        const sv_tu *tu;
        size_t dummy = 0;
        while (st == SV_OK && (st = units_next(&r, &tu, d)) == SV_OK && tu)
            merge_keep(&m, tu, (size_t)i, &dummy);
        units_free(&r);
        if (st != SV_OK)
            rc = EXIT_ERROR;
    }
    /* warnings are given again by pass 2; errors stop here */
    if (rc < 0)
        sv_diags_clear(d);
    cli_print_diags(d, -1);
    sv_diags_free(d);
    if (rc < 0) {
        m.pass = 2;
        rc = stream_files(&c, argv + optind, argc - optind, merge_keep, &m, "tm merge");
    }
    sv_keymap_free(m.best);
    return rc;
}

/* ---- stats --------------------------------------------------------- */

static void stats_help(void)
{
    printf("Usage: sverka tm stats (--db TM [--check] | FILE.tmx...)\n"
           "\n"
           "Summarise a translation memory (units, duplicates, language pairs,\n"
           "scores, dates, imported files) or TMX files (units per file, units\n"
           "skipped and why, scores).\n"
           "\n"
           "Options:\n"
           "      --db TM          the translation memory\n"
           "      --check          also verify the database: SQLite's and the index's\n"
           "                       integrity checks, and the counts of every import\n"
           "      --langs SRC,TGT  for files: languages to read (default en,ru)\n"
           "  -v, --verbose        also show notes\n"
           "  -h, --help           show this help\n"
           "\n"
           "Exit status: 0 success, 1 --check found problems, 2 error.\n");
}

static int stats_opt(void *ctx, int opt, const char *arg)
{
    (void)arg;
    if (opt != OPT_CHECK)
        return 0;
    *(int *)ctx = 1;
    return 1;
}

static int tm_stats(int argc, char **argv)
{
    static const struct option lo[] = {{"db", required_argument, NULL, OPT_DB},
                                       {"langs", required_argument, NULL, OPT_LANGS},
                                       {"check", no_argument, NULL, OPT_CHECK},
                                       {"verbose", no_argument, NULL, 'v'},
                                       {"help", no_argument, NULL, 'h'},
                                       {NULL, 0, NULL, 0}};
    common c;
    common_init(&c);
    int check = 0;
    int rc0 = parse_opts(&c, argc, argv, "tm stats", "vh", lo, stats_help, stats_opt, &check);
    if (rc0 >= 0)
        return rc0;
    if (!c.db == !(optind < argc))
        return cli_usage_error("tm stats", "give either --db TM or TMX files");
    sv_diags *d = sv_diags_new();
    int rc = EXIT_OK;
    if (c.db) {
        sv_tm *tm = open_db(c.db, !check, 0, d);
        sv_tm_stats *s = NULL;
        if (!tm || sv_tm_get_stats(tm, &s, d) != SV_OK) {
            rc = EXIT_ERROR;
        } else {
            if (check) {
                sv_status cs = sv_tm_check(tm, d);
                if (cs == SV_ERR_INPUT)
                    rc = EXIT_FOUND;
                else if (cs != SV_OK)
                    rc = EXIT_ERROR;
                printf("check:        %s\n", cs == SV_OK ? "ok" : "FAILED (see messages)");
            }
            printf("units:        %zu\n", s->units);
            printf("occurrences:  %zu (%zu duplicates merged)\n", s->occurrences,
                   s->occurrences - (s->occurrences >= s->units ? s->units : s->occurrences));
            for (size_t i = 0; i < s->npairs; i++)
                printf("pair:         %s -> %s: %zu\n", s->pairs[i].srclang, s->pairs[i].tgtlang,
                       s->pairs[i].count);
            if (s->scored)
                printf("scored:       %zu (min %.3f, mean %.3f, max %.3f)\n", s->scored,
                       s->score_min, s->score_mean, s->score_max);
            else
                printf("scored:       0\n");
            printf("with markup:  %zu\n", s->with_markup);
            if (s->oldest)
                printf("dates:        %s .. %s\n", s->oldest, s->newest);
            printf("files:        %zu\n", s->nsources);
            for (size_t i = 0; i < s->nsources; i++)
                printf("  %s  %s: %zu TUs, %zu added, %zu duplicates, %zu skipped\n",
                       s->sources[i].imported, s->sources[i].path, s->sources[i].tus,
                       s->sources[i].added, s->sources[i].duplicates, s->sources[i].skipped);
            if (s->bytes < 1000000)
                printf("size:         %lld KB\n", (s->bytes + 999) / 1000);
            else
                printf("size:         %.1f MB\n", (double)s->bytes / 1e6);
        }
        sv_tm_stats_free(s);
        sv_tm_close(tm);
    } else {
        sv_tmx_read_opts ro;
        sv_tmx_read_opts_from(&c, &ro);
        for (int i = optind; i < argc; i++) {
            sv_tmx_reader *r = NULL;
            sv_status st = sv_tmx_reader_open(argv[i], &ro, &r, d);
            size_t scored = 0, markup = 0;
            double smin = 0, smax = 0, ssum = 0;
            const sv_tu *tu;
            while (st == SV_OK && (st = sv_tmx_reader_next(r, &tu, d)) == SV_OK && tu) {
                if (tu->src_xml || tu->tgt_xml)
                    markup++;
                if (tu->score >= 0) {
                    smin = scored == 0 || tu->score < smin ? tu->score : smin;
                    smax = scored == 0 || tu->score > smax ? tu->score : smax;
                    ssum += tu->score;
                    scored++;
                }
            }
            if (st != SV_OK) {
                rc = EXIT_ERROR;
            } else {
                const sv_tmx_counts *k = sv_tmx_reader_counts(r);
                const sv_tmx_info *inf = sv_tmx_reader_info(r);
                printf("%s: TMX %s by %s %s, %zu TUs, %zu with %s and %s, %zu with markup\n",
                       argv[i], inf->version ? inf->version : "?",
                       inf->creationtool ? inf->creationtool : "?",
                       inf->creationtoolversion ? inf->creationtoolversion : "", k->tus,
                       k->returned, c.srclang, c.tgtlang, markup);
                if (k->tus > k->returned)
                    printf("  skipped: %zu without %s, %zu without %s, %zu empty, %zu too "
                           "large\n",
                           k->no_src, c.srclang, k->no_tgt, c.tgtlang, k->empty, k->too_big);
                if (scored)
                    printf("  scored: %zu (min %.3f, mean %.3f, max %.3f)\n", scored, smin,
                           ssum / (double)scored, smax);
            }
            sv_tmx_reader_free(r);
            cli_print_diags(d, c.verbose ? 1 : -1);
        }
    }
    cli_print_diags(d, c.verbose ? 1 : -1);
    sv_diags_free(d);
    return rc;
}

/* ---- lookup and concordance ---------------------------------------- */

static void render(sv_buf *b, const char *s)
{
    sv_tmx_text_render(s ? s : "", s ? strlen(s) : 0, SV_TMX_RENDER_TAGS, b);
}

static void print_hit_json(sv_buf *b, const char *query, const sv_tm_hit *h, double ms)
{
    sv_buf t = SV_BUF_INIT;
    sv_buf_puts(b, "{\"query\":");
    sv_buf_put_json(b, query, strlen(query));
    if (h->match > 0)
        sv_buf_printf(b, ",\"match\":%d", h->match);
    render(&t, h->src);
    sv_buf_puts(b, ",\"source\":");
    sv_buf_put_json(b, t.ptr ? t.ptr : "", t.len);
    sv_buf_reset(&t);
    render(&t, h->tgt);
    sv_buf_puts(b, ",\"target\":");
    sv_buf_put_json(b, t.ptr ? t.ptr : "", t.len);
    const char *keys[] = {"srclang", "tgtlang", "tuid", "date", "origin"};
    const char *vals[] = {h->srclang, h->tgtlang, h->tuid, h->date, h->origin};
    for (int k = 0; k < 5; k++)
        if (vals[k]) {
            sv_buf_printf(b, ",\"%s\":", keys[k]);
            sv_buf_put_json(b, vals[k], strlen(vals[k]));
        }
    if (h->score >= 0)
        sv_buf_printf(b, ",\"score\":%.4g", h->score);
    if (h->nspans) {
        sv_buf_puts(b, ",\"spans\":[");
        for (size_t i = 0; i < h->nspans; i++)
            sv_buf_printf(b, "%s[%zu,%zu]", i ? "," : "", h->spans[2 * i], h->spans[2 * i + 1]);
        sv_buf_putc(b, ']');
    }
    if (ms >= 0)
        sv_buf_printf(b, ",\"ms\":%.3f", ms);
    sv_buf_puts(b, "}\n");
    sv_buf_free(&t);
}

/* Source text with the concordance spans in [brackets]. */
static void bracket_spans(sv_buf *b, const sv_tm_hit *h)
{
    size_t at = 0, len = strlen(h->src);
    for (size_t i = 0; i < h->nspans; i++) {
        size_t s = h->spans[2 * i], e = h->spans[2 * i + 1];
        if (s < at || e > len)
            continue;
        sv_tmx_text_render(h->src + at, s - at, SV_TMX_RENDER_TAGS, b);
        sv_buf_putc(b, '[');
        sv_tmx_text_render(h->src + s, e - s, SV_TMX_RENDER_TAGS, b);
        sv_buf_putc(b, ']');
        at = e;
    }
    sv_tmx_text_render(h->src + at, len - at, SV_TMX_RENDER_TAGS, b);
}

static void print_hits(const char *fmt, const char *query, const sv_tm_hits *hits, size_t first,
                       double ms)
{
    sv_buf b = SV_BUF_INIT;
    for (size_t i = first; i < hits->n; i++) {
        const sv_tm_hit *h = &hits->v[i];
        if (!strcmp(fmt, "jsonl")) {
            print_hit_json(&b, query, h, i == first ? ms : -1);
        } else if (!strcmp(fmt, "tsv")) {
            sv_buf_printf(&b, "%d\t", h->match);
            tsv_field(&b, h->src, strlen(h->src));
            sv_buf_putc(&b, '\t');
            tsv_field(&b, h->tgt, strlen(h->tgt));
            sv_buf_putc(&b, '\n');
        } else {
            if (h->match > 0)
                sv_buf_printf(&b, "%3d%%  ", h->match);
            sv_buf_printf(&b, "%s: ", h->srclang);
            if (h->nspans)
                bracket_spans(&b, h);
            else
                render(&b, h->src);
            sv_buf_printf(&b, "\n%s%s: ", h->match > 0 ? "      " : "", h->tgtlang);
            render(&b, h->tgt);
            sv_buf_printf(&b, "\n%s(tuid %s, %s%s%s)\n\n", h->match > 0 ? "      " : "",
                          h->tuid ? h->tuid : "-", h->origin ? h->origin : "?",
                          h->date ? ", " : "", h->date ? h->date : "");
        }
    }
    fwrite(b.ptr ? b.ptr : "", 1, b.len, stdout);
    sv_buf_free(&b);
}

static int read_lines(const char *path, char ***lines, size_t *n, sv_diags *d)
{
    char *data;
    size_t len;
    if (sv_file_read(path, (size_t)1 << 30, &data, &len, d) != SV_OK)
        return -1;
    size_t cap = 0;
    *n = 0;
    *lines = NULL;
    char *p = data;
    while (p < data + len) {
        char *e = memchr(p, '\n', (size_t)(data + len - p));
        size_t l = e ? (size_t)(e - p) : (size_t)(data + len - p);
        if (l && p[l - 1] == '\r')
            l--;
        if (l) {
            char *s = xstrndup(p, l);
            SV_PUSH(*lines, *n, cap, s);
        }
        p += (e ? (size_t)(e - p) + 1 : l);
        if (!e)
            break;
    }
    free(data);
    return 0;
}

static void lookup_help(void)
{
    printf("Usage: sverka tm lookup --db TM [OPTIONS] SENTENCE... | -f FILE\n"
           "\n"
           "Find fuzzy matches for each sentence, best first, with a CAT-style match\n"
           "percentage (word-level edit distance over folded tokens; numbers and\n"
           "inline tags cost one point each; see docs/formats.md).  Inline tags are\n"
           "shown as {1} {/1} {2/}.\n"
           "\n"
           "Options:\n"
           "      --db TM            the translation memory\n"
           "      --from LANG        language of the sentences (default: ru when mostly\n"
           "                         Cyrillic, else en)\n"
           "      --to LANG          language of the translations (default: any other)\n"
           "      --min-match N      lowest match percentage shown (default 50)\n"
           "      --limit N          matches per sentence (default 5)\n"
           "      --candidates N     units scored exactly per sentence (default 60)\n"
           "  -f, --file FILE        read sentences from FILE, one per line\n"
           "      --format F         text (default), tsv (match, source, target) or\n"
           "                         jsonl\n"
           "      --timing           jsonl: add the time of each lookup in ms\n"
           "  -v, --verbose          also show notes\n"
           "  -h, --help             show this help\n"
           "\n"
           "Example:\n"
           "  sverka tm lookup --db memory.sqlite \"The tractor plant was founded in "
           "1946.\"\n"
           "\n"
           "Exit status: 0 a match was found, 1 none, 2 error.\n");
}

typedef struct {
    sv_tm_lookup_opts o;
    const char *file;
    int timing;
} lookup_args;

static int lookup_opt(void *ctx, int opt, const char *arg)
{
    lookup_args *a = ctx;
    double v;
    size_t z;
    switch (opt) {
    case OPT_FROM: a->o.srclang = arg; return 1;
    case OPT_TO: a->o.tgtlang = arg; return 1;
    case 'f': a->file = arg; return 1;
    case OPT_TIMING: a->timing = 1; return 1;
    case OPT_MIN_MATCH:
        if (cli_parse_double(arg, &v) || v > 100)
            return cli_usage_error("tm lookup", "bad percentage '%s'", arg), -1;
        a->o.min_match = (int)v;
        return 1;
    case OPT_LIMIT:
    case OPT_CANDIDATES:
        if (cli_parse_size(arg, &z) || z == 0)
            return cli_usage_error("tm lookup", "bad number '%s'", arg), -1;
        if (opt == OPT_LIMIT)
            a->o.limit = z;
        else
            a->o.candidates = z;
        return 1;
    default:
        return 0;
    }
}

static int tm_lookup(int argc, char **argv)
{
    static const struct option lo[] = {
        {"db", required_argument, NULL, OPT_DB},
        {"from", required_argument, NULL, OPT_FROM},
        {"to", required_argument, NULL, OPT_TO},
        {"min-match", required_argument, NULL, OPT_MIN_MATCH},
        {"limit", required_argument, NULL, OPT_LIMIT},
        {"candidates", required_argument, NULL, OPT_CANDIDATES},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"file", required_argument, NULL, 'f'},
        {"timing", no_argument, NULL, OPT_TIMING},
        {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    common c;
    common_init(&c);
    lookup_args la;
    memset(&la, 0, sizeof la);
    sv_tm_lookup_opts_init(&la.o);
    int rc0 = parse_opts(&c, argc, argv, "tm lookup", "f:vh", lo, lookup_help, lookup_opt, &la);
    if (rc0 >= 0)
        return rc0;
    const char *file = la.file;
    int timing = la.timing;
    const char *fmt = c.format ? c.format : "text";
    if (strcmp(fmt, "text") && strcmp(fmt, "tsv") && strcmp(fmt, "jsonl"))
        return cli_usage_error("tm lookup", "unknown format '%s'", fmt);
    if (!c.db)
        return cli_usage_error("tm lookup", "--db TM is required");
    if (!file && optind >= argc)
        return cli_usage_error("tm lookup", "no sentence given");
    sv_diags *d = sv_diags_new();
    char **lines = NULL;
    size_t nlines = 0;
    if (file && read_lines(file, &lines, &nlines, d) != 0) {
        cli_print_diags(d, 0);
        sv_diags_free(d);
        return EXIT_ERROR;
    }
    int rc = EXIT_ERROR;
    size_t any = 0;
    sv_tm *tm = open_db(c.db, 1, 0, d);
    if (!tm)
        goto done;
    size_t total = file ? nlines : (size_t)(argc - optind);
    for (size_t i = 0; i < total; i++) {
        const char *q = file ? lines[i] : argv[optind + (int)i];
        sv_tm_hits hits = {NULL, 0, 0};
        double t0 = now_s();
        sv_status st = sv_tm_lookup(tm, q, strlen(q), &la.o, &hits, d);
        double ms = (now_s() - t0) * 1e3;
        cli_print_diags(d, c.verbose ? 1 : -1);
        if (st != SV_OK) {
            sv_tm_hits_free(&hits);
            goto done;
        }
        any += hits.n > 0;
        if (!strcmp(fmt, "text"))
            printf("%s\n\n", q);
        if (hits.n == 0 && !strcmp(fmt, "jsonl")) {
            sv_buf b = SV_BUF_INIT;
            sv_buf_puts(&b, "{\"query\":");
            sv_buf_put_json(&b, q, strlen(q));
            sv_buf_puts(&b, ",\"match\":0");
            if (timing)
                sv_buf_printf(&b, ",\"ms\":%.3f", ms);
            sv_buf_puts(&b, "}\n");
            fputs(b.ptr, stdout);
            sv_buf_free(&b);
        }
        print_hits(fmt, q, &hits, 0, timing ? ms : -1);
        if (hits.n == 0 && !strcmp(fmt, "text"))
            printf("(no match of %d%% or more)\n\n", la.o.min_match);
        sv_tm_hits_free(&hits);
    }
    rc = any ? EXIT_OK : EXIT_FOUND;
done:
    cli_print_diags(d, c.verbose ? 1 : -1);
    sv_tm_close(tm);
    for (size_t i = 0; i < nlines; i++)
        free(lines[i]);
    free(lines);
    sv_diags_free(d);
    return rc;
}

static void concordance_help(void)
{
    printf("Usage: sverka tm concordance --db TM [OPTIONS] TERM\n"
           "\n"
           "Show the units whose source or target contains TERM (one or more words,\n"
           "in either language), with word endings ignored: 'тракторный завод'\n"
           "also finds 'тракторного завода', 'tractor' finds 'tractors'.  The side\n"
           "that matched is shown first, the term in [brackets].\n"
           "\n"
           "Options:\n"
           "      --db TM          the translation memory\n"
           "      --limit N        at most N units (default 50)\n"
           "      --format F       text (default), tsv or jsonl (with byte spans)\n"
           "  -v, --verbose        also show notes\n"
           "  -h, --help           show this help\n"
           "\n"
           "Example:\n"
           "  sverka tm concordance --db memory.sqlite \"тракторный завод\"\n"
           "\n"
           "Exit status: 0 found, 1 not found, 2 error.\n");
}

static int concordance_opt(void *ctx, int opt, const char *arg)
{
    size_t z;
    if (opt != OPT_LIMIT)
        return 0;
    if (cli_parse_size(arg, &z) || z == 0)
        return cli_usage_error("tm concordance", "bad limit '%s'", arg), -1;
    ((sv_tm_conc_opts *)ctx)->limit = z;
    return 1;
}

static int tm_concordance(int argc, char **argv)
{
    static const struct option lo[] = {{"db", required_argument, NULL, OPT_DB},
                                       {"limit", required_argument, NULL, OPT_LIMIT},
                                       {"format", required_argument, NULL, OPT_FORMAT},
                                       {"verbose", no_argument, NULL, 'v'},
                                       {"help", no_argument, NULL, 'h'},
                                       {NULL, 0, NULL, 0}};
    common c;
    common_init(&c);
    sv_tm_conc_opts co;
    sv_tm_conc_opts_init(&co);
    int rc0 = parse_opts(&c, argc, argv, "tm concordance", "vh", lo, concordance_help,
                         concordance_opt, &co);
    if (rc0 >= 0)
        return rc0;
    const char *fmt = c.format ? c.format : "text";
    if (strcmp(fmt, "text") && strcmp(fmt, "tsv") && strcmp(fmt, "jsonl"))
        return cli_usage_error("tm concordance", "unknown format '%s'", fmt);
    if (!c.db)
        return cli_usage_error("tm concordance", "--db TM is required");
    if (optind != argc - 1)
        return cli_usage_error("tm concordance", "give exactly one term (quote several words)");
    const char *term = argv[optind];
    sv_diags *d = sv_diags_new();
    sv_tm_hits hits = {NULL, 0, 0};
    int rc = EXIT_ERROR;
    sv_tm *tm = open_db(c.db, 1, 0, d);
    if (tm && sv_tm_concordance(tm, term, strlen(term), &co, &hits, d) == SV_OK) {
        print_hits(fmt, term, &hits, 0, -1);
        rc = hits.n ? EXIT_OK : EXIT_FOUND;
    }
    cli_print_diags(d, c.verbose ? 1 : -1);
    sv_tm_hits_free(&hits);
    sv_tm_close(tm);
    sv_diags_free(d);
    return rc;
}

/* ---- dispatch ------------------------------------------------------ */

static const struct {
    const char *name;
    int (*run)(int, char **);
    const char *summary;
} subs[] = {
    {"import", tm_import, "add TMX files to a translation memory (SQLite)"},
    {"export", tm_export, "write a memory as TMX or TSV"},
    {"merge", tm_merge, "merge TMX files into one, without duplicates"},
    {"stats", tm_stats, "summarise a memory or TMX files"},
    {"filter", tm_filter, "keep units by alignment score and language pair"},
    {"lookup", tm_lookup, "fuzzy matches for sentences, with match percentages"},
    {"concordance", tm_concordance, "units containing a term, endings ignored"},
};

static void tm_help(FILE *f)
{
    fprintf(f, "Usage: sverka tm COMMAND [OPTIONS]\n"
               "\n"
               "Translation memories: TMX files and memories kept in SQLite databases.\n"
               "\n"
               "Commands:\n");
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
        fprintf(f, "  %-12s %s\n", subs[i].name, subs[i].summary);
    fprintf(f, "\n"
               "Run 'sverka tm COMMAND --help' for a command's options; see sverka-tm(1).\n"
               "\n"
               "Examples:\n"
               "  sverka tm import --db memory.sqlite aligned.tmx\n"
               "  sverka tm lookup --db memory.sqlite \"The plant makes tractors.\"\n"
               "  sverka tm merge -o all.tmx a.tmx b.tmx\n");
}

int cmd_tm(int argc, char **argv)
{
    if (argc < 2) {
        tm_help(stderr);
        return EXIT_ERROR;
    }
    if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
        tm_help(stdout);
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
        if (!strcmp(argv[1], subs[i].name))
            return subs[i].run(argc - 1, argv + 1);
    return cli_usage_error("tm", "'%s' is not a 'sverka tm' command", argv[1]);
}
