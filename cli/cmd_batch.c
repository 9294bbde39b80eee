/* cmd_batch.c - 'sverka batch': many document pairs, in parallel, resumable;
 * and a JSON-lines filter mode for GNU parallel, Hadoop Streaming, Spark. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../align/lexicon.h"
#include "../align/pipeline.h"
#include "../base/buf.h"
#include "../base/fileio.h"
#include "../base/json.h"
#include "../base/manifest.h"
#include "../base/mem.h"
#include "../tm/bitext.h"
#include "../tm/tmx.h"
#include "cli.h"

#define DEFAULT_MIN_SCORE 0.5

static void help(void)
{
    printf(
        "Usage: sverka batch [OPTIONS] MANIFEST -o OUTDIR\n"
        "       sverka batch [OPTIONS] --pair-dirs EN_DIR RU_DIR -o OUTDIR\n"
        "       sverka batch [OPTIONS] --stdin < pairs.jsonl > links.jsonl\n"
        "\n"
        "Align many document pairs.  MANIFEST is TSV: id<TAB>source<TAB>target per\n"
        "line ('#' comments; relative paths are taken from the manifest's folder).\n"
        "--pair-dirs pairs the files of two folders by name (the same name, or names\n"
        "that differ only in a language part: doc1.en.txt / doc1.ru.txt).\n"
        "\n"
        "Each pair is written to OUTDIR/ID.tmx (or .tsv/.jsonl) atomically; pairs whose\n"
        "output exists are skipped, so an interrupted batch resumes where it stopped.\n"
        "A failing pair (unreadable, empty, wrong language) is reported and does not\n"
        "stop the others; OUTDIR/summary.jsonl lists every pair's outcome.\n"
        "\n"
        "Options:\n"
        "  -o, --output-dir DIR  where outputs and summary.jsonl go\n"
        "  -j, --jobs N          pairs aligned at once (default: the number of cores)\n"
        "  -f, --format FMT      tmx, tsv or jsonl (default tmx)\n"
        "      --pair-dirs EN RU pair the files of two folders by name\n"
        "      --merge FILE      also join every pair's output, in manifest order, into\n"
        "                        FILE (one TMX, TSV or JSONL file; the per-pair files in\n"
        "                        OUTDIR stay, so the batch can still resume)\n"
        "      --force           redo pairs whose output exists\n"
        "      --min-score S     drop links scored below S (default %.2f)\n"
        "      --progress        show progress even when stderr is not a terminal\n"
        "      --no-progress     never show progress\n"
        "      --stdin           filter mode: read JSON lines {\"id\":..,\"source\":..,\n"
        "                        \"target\":..} (texts inline) from standard input and\n"
        "                        write JSON lines of links, in input order, to standard\n"
        "                        output (a failed pair gives {\"id\":..,\"error\":..})\n"
        "      --source-lang L, --target-lang L, --encoding NAME, --max-merge N,\n"
        "      --no-paragraphs, --dict FILE, --no-dict, --weights SPEC   as in\n"
        "                        'sverka align'\n"
        "  -q, --quiet           no notes, no summary line\n"
        "  -h, --help            show this help\n"
        "\n"
        "Examples:\n"
        "  sverka batch pairs.tsv -o out/ -j 2\n"
        "  sverka batch --pair-dirs en/ ru/ -o out/ --format tsv\n"
        "  parallel --pipe -k -j2 sverka batch --stdin < pairs.jsonl > links.jsonl\n"
        "  (docs/scaling.md has recipes for many machines.)\n"
        "\n"
        "Exit status: 0 all pairs aligned (or already done), 1 some pairs failed,\n"
        "2 usage error, a bad manifest, or an output that cannot be written.\n",
        DEFAULT_MIN_SCORE);
}

typedef struct {
    char *id, *src, *tgt;
    size_t line; /* in the manifest */
    /* results */
    int status;  /* 0 pending, 1 ok, 2 skipped, 3 failed */
    size_t nsrc, ntgt, nlinks;
    double seconds;
    char *error;
} job;

typedef struct {
    job *v;
    size_t n, cap;
} jobs;

typedef struct {
    jobs *J;
    const sv_pipeline_opts *po;
    const sv_bitext_write_opts *wo;
    const char *outdir;
    const char *ext;
    int force;
    pthread_mutex_t mu;
    size_t next;
    size_t done, failed, skipped, sentences;
    int progress;
    struct timespec t0;
    int verbose;
    int verbose_quiet;
} batch;

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static char *join_path(const char *dir, const char *name)
{
    sv_buf b = SV_BUF_INIT;
    if (name[0] == '/' || !dir[0])
        sv_buf_puts(&b, name);
    else
        sv_buf_printf(&b, "%s/%s", dir, name);
    return sv_buf_detach(&b, NULL);
}

static void add_job(jobs *J, const char *id, char *src, char *tgt, size_t line)
{
    job j;
    memset(&j, 0, sizeof j);
    j.id = xstrdup(id);
    j.src = src;
    j.tgt = tgt;
    j.line = line;
    SV_PUSH(J->v, J->n, J->cap, j);
}

static int cmp_id(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Ids must be unique: they name the output files. */
static int check_unique(const jobs *J, const char *where)
{
    char **ids = xmalloc((J->n + 1) * sizeof *ids);
    for (size_t i = 0; i < J->n; i++)
        ids[i] = J->v[i].id;
    qsort(ids, J->n, sizeof *ids, cmp_id);
    for (size_t i = 1; i < J->n; i++)
        if (!strcmp(ids[i], ids[i - 1])) {
            cli_error("%s: the id '%s' is used twice (ids name the output files)", where, ids[i]);
            free(ids);
            return -1;
        }
    free(ids);
    return 0;
}

static int read_manifest(const char *path, jobs *J)
{
    sv_diags *d = sv_diags_new();
    sv_manifest m = {NULL, 0, 0};
    int rc = 0;
    if (sv_manifest_read(path, &m, d) != SV_OK) {
        cli_print_diags(d, 0);
        rc = -1;
    } else {
        for (size_t i = 0; i < m.n; i++) {
            add_job(J, m.v[i].id, m.v[i].src, m.v[i].tgt, m.v[i].line);
            m.v[i].src = m.v[i].tgt = NULL; /* taken by the job */
        }
    }
    sv_manifest_free(&m);
    sv_diags_free(d);
    return rc;
}

/* The name with a language part removed: doc1.en.txt -> doc1.txt. */
static char *pair_key(const char *name)
{
    static const char *const tags[] = {".en.", ".ru.", "_en.", "_ru.", "-en.", "-ru.",
                                       ".eng.", ".rus.", NULL};
    for (size_t k = 0; tags[k]; k++) {
        const char *p = strstr(name, tags[k]);
        if (p) {
            sv_buf b = SV_BUF_INIT;
            sv_buf_append(&b, name, (size_t)(p - name));
            sv_buf_puts(&b, p + strlen(tags[k]) - 1);
            return sv_buf_detach(&b, NULL);
        }
    }
    return xstrdup(name);
}

static int list_dir(const char *dir, char ***names, size_t *n)
{
    DIR *d = opendir(dir);
    if (!d) {
        cli_error("%s: error: cannot open folder: %s", dir, strerror(errno));
        return -1;
    }
    size_t cap = 0;
    *names = NULL;
    *n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char *full = join_path(dir, e->d_name);
        if (sv_file_exists(full))
            SV_PUSH(*names, *n, cap, xstrdup(e->d_name));
        free(full);
    }
    closedir(d);
    qsort(*names, *n, sizeof **names, cmp_id);
    return 0;
}

static int read_pair_dirs(const char *en, const char *ru, jobs *J)
{
    char **a, **b;
    size_t na, nb;
    if (list_dir(en, &a, &na) != 0)
        return -1;
    if (list_dir(ru, &b, &nb) != 0) {
        for (size_t i = 0; i < na; i++)
            free(a[i]);
        free(a);
        return -1;
    }
    size_t unpaired = 0;
    for (size_t i = 0; i < na; i++) {
        char *ka = pair_key(a[i]);
        int found = 0;
        for (size_t k = 0; k < nb && !found; k++) {
            char *kb = pair_key(b[k]);
            if (!strcmp(ka, kb)) {
                char *id = xstrdup(ka);
                char *dot = strrchr(id, '.');
                if (dot && dot != id)
                    *dot = '\0';
                add_job(J, id, join_path(en, a[i]), join_path(ru, b[k]), 0);
                free(id);
                found = 1;
            }
            free(kb);
        }
        unpaired += !found;
        free(ka);
    }
    if (unpaired)
        cli_error("warning: %zu file%s of %s have no partner in %s", unpaired,
                  unpaired == 1 ? "" : "s", en, ru);
    for (size_t i = 0; i < na; i++)
        free(a[i]);
    for (size_t i = 0; i < nb; i++)
        free(b[i]);
    free(a);
    free(b);
    if (J->n == 0) {
        cli_error("error: no files of %s and %s pair up by name", en, ru);
        return -1;
    }
    return check_unique(J, en);
}

static void show_progress(batch *B, int final)
{
    double el = now_s() - ((double)B->t0.tv_sec + (double)B->t0.tv_nsec / 1e9);
    size_t total = B->J->n, done = B->done + B->failed + B->skipped;
    double rate = el > 0 ? (double)B->sentences / el : 0;
    double eta = done > B->skipped && done < total
                     ? el / (double)(done - B->skipped) * (double)(total - done)
                     : 0;
    fprintf(stderr, "\rsverka batch: %zu/%zu pairs, %.0f sentences/s, ETA %.0f s, %zu failed   %s",
            done, total, rate, eta, B->failed, final ? "\n" : "");
    fflush(stderr);
}

static void *worker(void *arg)
{
    batch *B = arg;
    sv_diags *d = sv_diags_new();
    sv_pipeline *pl = NULL;
    int pipeline_ok = sv_pipeline_new(B->po, &pl, d) == SV_OK;
    for (;;) {
        pthread_mutex_lock(&B->mu);
        size_t k = B->next++;
        pthread_mutex_unlock(&B->mu);
        if (k >= B->J->n)
            break;
        job *j = &B->J->v[k];
        char *out = NULL;
        {
            sv_buf b = SV_BUF_INIT;
            sv_buf_printf(&b, "%s/%s.%s", B->outdir, j->id, B->ext);
            out = sv_buf_detach(&b, NULL);
        }
        double t0 = now_s();
        sv_diags_clear(d);
        if (!B->force && sv_file_exists(out)) {
            j->status = 2;
        } else if (!pipeline_ok) {
            j->status = 3;
            j->error = xstrdup("cannot set up the aligner");
        } else {
            sv_bitext bt;
            sv_status st = sv_pipeline_run(pl, j->src, NULL, 0, j->tgt, NULL, 0, 0, &bt, d);
            if (st == SV_OK) {
                j->nsrc = bt.src.segs->n;
                j->ntgt = bt.tgt.segs->n;
                for (size_t i = 0; i < bt.nlinks; i++)
                    j->nlinks += bt.links[i].score >= B->wo->min_score;
                sv_bitext_write_opts wo = *B->wo;
                wo.id = j->id; /* JSON lines name their pair */
                st = sv_bitext_write(&bt, out, &wo, d);
                sv_bitext_free(&bt);
            }
            j->status = st == SV_OK ? 1 : 3;
            if (st != SV_OK) {
                /* the first error names the problem */
                sv_buf b = SV_BUF_INIT;
                for (size_t i = 0; i < sv_diags_count(d); i++) {
                    const sv_diag *g = sv_diags_get(d, i);
                    if (g->severity != SV_ERROR)
                        continue;
                    if (g->file)
                        sv_buf_printf(&b, "%s: ", g->file);
                    sv_buf_puts(&b, g->message);
                    break;
                }
                if (!b.len)
                    sv_buf_puts(&b, sv_strerror(st));
                j->error = sv_buf_detach(&b, NULL);
            }
        }
        j->seconds = now_s() - t0;
        free(out);
        pthread_mutex_lock(&B->mu);
        if (j->status == 3) {
            B->failed++;
            if (B->progress)
                fputc('\n', stderr);
            fprintf(stderr, "sverka: pair %s: error: %s\n", j->id, j->error);
        } else if (j->status == 2) {
            B->skipped++;
        } else {
            B->done++;
            B->sentences += j->nsrc + j->ntgt;
        }
        if (B->progress)
            show_progress(B, 0);
        pthread_mutex_unlock(&B->mu);
    }
    sv_pipeline_free(pl);
    sv_diags_free(d);
    return NULL;
}

/* Joins the outputs of the pairs that are done, in manifest order. */
static int merge_outputs(const batch *B, const char *path)
{
    sv_diags *d = sv_diags_new();
    sv_status st = SV_OK;
    size_t units = 0;
    if (B->wo->format != SV_BITEXT_TMX) { /* TSV and JSON lines: concatenate */
        sv_out *o;
        st = sv_out_open(path, &o, d);
        for (size_t i = 0; st == SV_OK && i < B->J->n; i++) {
            const job *j = &B->J->v[i];
            if (j->status != 1 && j->status != 2)
                continue;
            sv_buf p = SV_BUF_INIT;
            sv_buf_printf(&p, "%s/%s.%s", B->outdir, j->id, B->ext);
            char *data;
            size_t len;
            st = sv_file_read(sv_buf_cstr(&p), (size_t)1 << 31, &data, &len, d);
            if (st == SV_OK) {
                fwrite(data, 1, len, sv_out_file(o));
                for (size_t k = 0; k < len; k++)
                    units += data[k] == '\n';
                free(data);
            }
            sv_buf_free(&p);
        }
        if (st == SV_OK)
            st = sv_out_commit(o, d);
        else if (o)
            sv_out_abort(o);
    } else {
        sv_tmx_writer *w = NULL;
        for (size_t i = 0; st == SV_OK && i < B->J->n; i++) {
            const job *j = &B->J->v[i];
            if (j->status != 1 && j->status != 2)
                continue;
            sv_buf p = SV_BUF_INIT;
            sv_buf_printf(&p, "%s/%s.tmx", B->outdir, j->id);
            sv_tmx_read_opts ro;
            sv_tmx_read_opts_init(&ro);
            sv_tmx_reader *r = NULL;
            st = sv_tmx_reader_open(sv_buf_cstr(&p), &ro, &r, d);
            if (st == SV_OK && sv_tmx_reader_info(r)->srclang &&
                !strncasecmp(sv_tmx_reader_info(r)->srclang, "ru", 2)) {
                /* a Russian-to-English pair: read it the other way round */
                sv_tmx_reader_free(r);
                ro.srclang = "ru";
                ro.tgtlang = "en";
                st = sv_tmx_reader_open(sv_buf_cstr(&p), &ro, &r, d);
            }
            if (st == SV_OK && !w) {
                const sv_tmx_info *info = sv_tmx_reader_info(r);
                sv_tmx_header h;
                sv_tmx_header_init(&h);
                int ru = ro.srclang && !strcmp(ro.srclang, "ru");
                h.srclang = ru ? "ru-RU" : "en-US";
                h.tgtlang = ru ? "en-US" : "ru-RU";
                h.creationdate = info->creationdate;
                h.note = "joined by sverka batch --merge";
                st = sv_tmx_writer_open(path, &h, &w, d);
            }
            const sv_tu *tu;
            while (st == SV_OK && (st = sv_tmx_reader_next(r, &tu, d)) == SV_OK && tu) {
                sv_tu t = *tu;
                t.tuid = NULL; /* numbered again */
                t.srcdoc = sv_tmx_reader_info(r)->srcdoc;
                t.tgtdoc = sv_tmx_reader_info(r)->tgtdoc;
                st = sv_tmx_write_tu(w, &t, d);
                units++;
            }
            sv_tmx_reader_free(r);
            sv_buf_free(&p);
        }
        if (st == SV_OK && !w) { /* nothing to join: an empty but valid file */
            sv_tmx_header h;
            sv_tmx_header_init(&h);
            st = sv_tmx_writer_open(path, &h, &w, d);
        }
        if (st == SV_OK)
            st = sv_tmx_writer_close(w, d);
        else
            sv_tmx_writer_abort(w);
    }
    cli_print_diags(d, 0);
    sv_diags_free(d);
    if (st == SV_OK && !B->verbose_quiet)
        fprintf(stderr, "sverka batch: %zu %s joined into %s\n", units,
                B->wo->format == SV_BITEXT_TMX ? "units" : "lines", path);
    return st == SV_OK ? 0 : -1;
}

/* What an earlier run's summary said of one pair: its id and its counts as
 * JSON members (",\"links\":15,..."), both owned. */
typedef struct {
    char *id, *counts;
} earlier;

static int cmp_earlier(const void *x, const void *y)
{
    return strcmp(((const earlier *)x)->id, ((const earlier *)y)->id);
}

/* Reads the summary at path, if any, into *out sorted by id (a summary
 * names each id once); returns the count. */
static size_t read_earlier(const char *path, earlier **out)
{
    static const char *const keys[] = {"source_sentences", "target_sentences", "links",
                                       "seconds"};
    *out = NULL;
    char *data;
    size_t len, n = 0, cap = 0;
    if (!sv_file_exists(path) || sv_file_read(path, (size_t)1 << 30, &data, &len, NULL) != SV_OK)
        return 0;
    for (char *line = data, *e; line < data + len; line = e + 1) {
        e = memchr(line, '\n', (size_t)(data + len - line));
        if (!e)
            e = data + len;
        sv_json_object o;
        size_t col;
        const char *msg;
        if (sv_json_parse_object(line, (size_t)(e - line), &o, &col, &msg) != SV_OK)
            continue;
        const sv_json_member *id = sv_json_get(&o, "id");
        if (id && id->type == SV_JSON_STRING) {
            sv_buf c = SV_BUF_INIT;
            for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
                const sv_json_member *v = sv_json_get(&o, keys[k]);
                if (v && v->type == SV_JSON_NUMBER)
                    sv_buf_printf(&c, ",\"%s\":%s", keys[k], v->str);
            }
            earlier r = {xstrdup(id->str), sv_buf_detach(&c, NULL)};
            SV_PUSH(*out, n, cap, r);
        }
        sv_json_object_free(&o);
    }
    free(data);
    if (n)
        qsort(*out, n, sizeof **out, cmp_earlier);
    return n;
}

static int write_summary(const batch *B)
{
    sv_diags *d = sv_diags_new();
    sv_buf path = SV_BUF_INIT, b = SV_BUF_INIT;
    sv_buf_printf(&path, "%s/summary.jsonl", B->outdir);
    /* pairs skipped because an earlier run made them keep that run's counts */
    earlier *old = NULL;
    size_t nold = B->skipped ? read_earlier(sv_buf_cstr(&path), &old) : 0;
    static const char *const names[] = {"pending", "ok", "skipped", "failed"};
    for (size_t i = 0; i < B->J->n; i++) {
        const job *j = &B->J->v[i];
        sv_buf_puts(&b, "{\"id\":");
        sv_buf_put_json(&b, j->id, strlen(j->id));
        sv_buf_printf(&b, ",\"status\":\"%s\",\"source\":", names[j->status]);
        sv_buf_put_json(&b, j->src, strlen(j->src));
        sv_buf_puts(&b, ",\"target\":");
        sv_buf_put_json(&b, j->tgt, strlen(j->tgt));
        if (j->status == 1)
            sv_buf_printf(&b, ",\"source_sentences\":%zu,\"target_sentences\":%zu,\"links\":%zu,"
                          "\"seconds\":%.3f",
                          j->nsrc, j->ntgt, j->nlinks, j->seconds);
        if (j->status == 2) {
            sv_buf_puts(&b, ",\"reason\":\"output exists\"");
            earlier key = {j->id, NULL};
            const earlier *e = nold ? bsearch(&key, old, nold, sizeof *old, cmp_earlier) : NULL;
            if (e)
                sv_buf_puts(&b, e->counts);
        }
        if (j->error) {
            sv_buf_puts(&b, ",\"error\":");
            sv_buf_put_json(&b, j->error, strlen(j->error));
        }
        sv_buf_puts(&b, "}\n");
    }
    sv_out *o;
    int rc = -1;
    if (sv_out_open(sv_buf_cstr(&path), &o, d) == SV_OK) {
        fwrite(sv_buf_cstr(&b), 1, b.len, sv_out_file(o));
        rc = sv_out_commit(o, d) == SV_OK ? 0 : -1;
    }
    cli_print_diags(d, 0);
    sv_diags_free(d);
    sv_buf_free(&path);
    sv_buf_free(&b);
    for (size_t i = 0; i < nold; i++) {
        free(old[i].id);
        free(old[i].counts);
    }
    free(old);
    return rc;
}

/* ---- filter mode: JSON lines in, JSON lines out ------------------------- */

typedef struct {
    char *line;      /* input; NULL at end of input */
    size_t len, lineno;
    int too_long;    /* the line passed MAX_REQUEST and was not kept */
    char *output;    /* result, NULL until done */
    size_t outlen;
} slot;

typedef struct {
    const sv_pipeline_opts *po;
    const sv_bitext_write_opts *wo;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    slot *ring;
    size_t cap;         /* slots in flight at most */
    size_t head;        /* next sequence number to read */
    size_t taken;       /* next sequence number a worker takes */
    size_t written;     /* next sequence number to write */
    int eof;
    size_t failed;
} filter;

/* The longest request line of --stdin (two documents' texts). */
#define MAX_REQUEST ((size_t)64 << 20)

static void error_line(sv_buf *out, const char *id, const char *msg)
{
    sv_buf_puts(out, "{\"id\":");
    if (id)
        sv_buf_put_json(out, id, strlen(id));
    else
        sv_buf_puts(out, "null");
    sv_buf_puts(out, ",\"error\":");
    sv_buf_put_json(out, msg, strlen(msg));
    sv_buf_puts(out, "}\n");
}

static void filter_one(sv_pipeline *pl, const filter *F, const char *line, size_t len,
                       size_t lineno, sv_buf *out, size_t *failed)
{
    sv_manifest_request rq;
    char msg[160];
    if (sv_manifest_request_parse(line, len, &rq, msg, sizeof msg) != SV_OK) {
        sv_buf m = SV_BUF_INIT;
        char idbuf[64];
        if (!rq.id)
            snprintf(idbuf, sizeof idbuf, "line %zu", lineno);
        sv_buf_printf(&m, "<stdin>:%zu: %s", lineno, msg);
        error_line(out, rq.obj_ ? (rq.id ? rq.id : idbuf) : NULL, sv_buf_cstr(&m));
        sv_buf_free(&m);
        sv_manifest_request_free(&rq);
        (*failed)++;
        return;
    }
    char idbuf[64];
    const char *ids = rq.id;
    if (!ids) {
        snprintf(idbuf, sizeof idbuf, "line %zu", lineno);
        ids = idbuf;
    }
    sv_diags *d = sv_diags_new();
    sv_bitext bt;
    sv_status st = sv_pipeline_run(pl, "source", rq.src, rq.src_len, "target", rq.tgt,
                                   rq.tgt_len, 0, &bt, d);
    if (st == SV_OK) {
        sv_bitext_write_opts wo = *F->wo;
        wo.id = ids;
        sv_bitext_format_buf(&bt, &wo, out, d);
        sv_bitext_free(&bt);
    } else {
        const char *m = sv_strerror(st);
        for (size_t i = 0; i < sv_diags_count(d); i++)
            if (sv_diags_get(d, i)->severity == SV_ERROR) {
                m = sv_diags_get(d, i)->message;
                break;
            }
        error_line(out, ids, m);
        (*failed)++;
    }
    sv_diags_free(d);
    sv_manifest_request_free(&rq);
}

static void *filter_worker(void *arg)
{
    filter *F = arg;
    sv_diags *d = sv_diags_new();
    sv_pipeline *pl = NULL;
    if (sv_pipeline_new(F->po, &pl, d) != SV_OK)
        cli_print_diags(d, 0);
    for (;;) {
        pthread_mutex_lock(&F->mu);
        while (F->taken == F->head && !F->eof)
            pthread_cond_wait(&F->cv, &F->mu);
        if (F->taken == F->head && F->eof) {
            pthread_mutex_unlock(&F->mu);
            break;
        }
        size_t seq = F->taken++;
        slot *s = &F->ring[seq % F->cap];
        pthread_mutex_unlock(&F->mu);
        sv_buf out = SV_BUF_INIT;
        size_t failed = 0;
        if (s->too_long) {
            char m[96];
            snprintf(m, sizeof m, "<stdin>:%zu: line longer than %zu MiB", s->lineno,
                     MAX_REQUEST >> 20);
            error_line(&out, NULL, m);
            failed = 1;
        } else if (pl)
            filter_one(pl, F, s->line, s->len, s->lineno, &out, &failed);
        else
            error_line(&out, NULL, "cannot set up the aligner");
        pthread_mutex_lock(&F->mu);
        s->output = sv_buf_detach(&out, &s->outlen);
        F->failed += failed + (pl == NULL);
        pthread_cond_broadcast(&F->cv);
        pthread_mutex_unlock(&F->mu);
    }
    sv_pipeline_free(pl);
    sv_diags_free(d);
    return NULL;
}

/* Writes finished results in input order; called with the lock held. */
static void flush_ready(filter *F)
{
    while (F->written < F->head) {
        slot *s = &F->ring[F->written % F->cap];
        if (!s->output)
            break;
        fwrite(s->output, 1, s->outlen, stdout);
        free(s->output);
        free(s->line);
        s->output = s->line = NULL;
        F->written++;
    }
}

static int run_filter(const sv_pipeline_opts *po, const sv_bitext_write_opts *wo, int jobs_n)
{
    filter F;
    memset(&F, 0, sizeof F);
    F.po = po;
    F.wo = wo;
    F.cap = (size_t)jobs_n * 4;
    F.ring = xcalloc(F.cap, sizeof *F.ring);
    pthread_mutex_init(&F.mu, NULL);
    pthread_cond_init(&F.cv, NULL);
    pthread_t *th = xmalloc((size_t)jobs_n * sizeof *th);
    for (int i = 0; i < jobs_n; i++)
        pthread_create(&th[i], NULL, filter_worker, &F);
    sv_buf lb = SV_BUF_INIT;
    size_t lineno = 0;
    int too_long, got;
    while ((got = sv_read_line(stdin, &lb, MAX_REQUEST, &too_long)) > 0) {
        lineno++;
        size_t len = lb.len;
        const char *line = sv_buf_cstr(&lb);
        if (!len && !too_long)
            continue;
        pthread_mutex_lock(&F.mu);
        while (F.head - F.written >= F.cap) {
            flush_ready(&F);
            if (F.head - F.written >= F.cap)
                pthread_cond_wait(&F.cv, &F.mu);
        }
        slot *s = &F.ring[F.head % F.cap];
        s->line = too_long ? NULL : xstrndup(line, len);
        s->len = too_long ? 0 : len;
        s->too_long = too_long;
        s->lineno = lineno;
        s->output = NULL;
        F.head++;
        pthread_cond_broadcast(&F.cv);
        flush_ready(&F);
        pthread_mutex_unlock(&F.mu);
    }
    int read_errno = got < 0 ? errno : 0;
    sv_buf_free(&lb);
    pthread_mutex_lock(&F.mu);
    F.eof = 1;
    pthread_cond_broadcast(&F.cv);
    while (F.written < F.head) {
        flush_ready(&F);
        if (F.written < F.head)
            pthread_cond_wait(&F.cv, &F.mu);
    }
    pthread_mutex_unlock(&F.mu);
    for (int i = 0; i < jobs_n; i++)
        pthread_join(th[i], NULL);
    free(th);
    free(F.ring);
    if (read_errno)
        cli_error("error reading standard input: %s", strerror(read_errno));
    int bad = fflush(stdout) != 0 || ferror(stdout);
    if (bad)
        cli_error("error writing standard output");
    return bad || read_errno ? EXIT_ERROR : F.failed ? EXIT_FOUND : EXIT_OK;
}

static int ncores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)(n < 256 ? n : 256) : 1;
}

/* What the batch of a manifest or two folders needs from the command line. */
typedef struct {
    const char *outdir, *merge_path;
    const char *files[2]; /* the manifest, or the two folders */
    int pair_dirs, force, progress, quiet, jobs_n;
} batch_args;

static int run_jobs(const sv_pipeline_opts *po, const sv_bitext_write_opts *wo,
                    const batch_args *a);

int cmd_batch(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output-dir", required_argument, NULL, 'o'},
        {"jobs", required_argument, NULL, 'j'},
        {"format", required_argument, NULL, 'f'},
        {"pair-dirs", no_argument, NULL, 'P'},
        {"merge", required_argument, NULL, 'R'},
        {"force", no_argument, NULL, 'F'},
        {"min-score", required_argument, NULL, 'm'},
        {"progress", no_argument, NULL, 'g'},
        {"no-progress", no_argument, NULL, 'G'},
        {"stdin", no_argument, NULL, 'i'},
        {"source-lang", required_argument, NULL, 'S'},
        {"target-lang", required_argument, NULL, 'T'},
        {"encoding", required_argument, NULL, 'E'},
        {"max-merge", required_argument, NULL, 'M'},
        {"no-paragraphs", no_argument, NULL, 'N'},
        {"quiet", no_argument, NULL, 'q'},
        {"dict", required_argument, NULL, 'd'},
        {"weights", required_argument, NULL, 'w'},
        {"no-dict", no_argument, NULL, 'n'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *dict_path = NULL;
    int use_mueller = 1;
    const char *outdir = NULL, *format = "tmx", *merge_path = NULL;
    int jobs_n = ncores(), pair_dirs = 0, force = 0, progress = -1, use_stdin = 0, quiet = 0;
    double min_score = DEFAULT_MIN_SCORE;
    sv_pipeline_opts po;
    sv_pipeline_opts_init(&po);
    po.lean = 1; /* only sentences are written */
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:j:f:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': outdir = optarg; break;
        case 'j':
            jobs_n = atoi(optarg);
            if (jobs_n < 1 || jobs_n > 256)
                return cli_usage_error("batch", "--jobs wants a number from 1 to 256");
            break;
        case 'f': format = optarg; break;
        case 'P': pair_dirs = 1; break;
        case 'R': merge_path = optarg; break;
        case 'F': force = 1; break;
        case 'm':
            if (cli_parse_double(optarg, &min_score) != 0 || min_score < 0 || min_score > 1)
                return cli_usage_error("batch", "--min-score wants a number from 0 to 1");
            break;
        case 'g': progress = 1; break;
        case 'G': progress = 0; break;
        case 'i': use_stdin = 1; break;
        case 'S':
        case 'T':
            if (sv_lang_parse(optarg, c == 'S' ? &po.src_lang : &po.tgt_lang) != 0)
                return cli_usage_error("batch", "unknown language '%s' (use en or ru)", optarg);
            break;
        case 'E': po.load.encoding = optarg; break;
        case 'M':
            if (strcmp(optarg, "2") && strcmp(optarg, "3"))
                return cli_usage_error("batch", "--max-merge wants 2 or 3");
            po.align.max_merge = atoi(optarg);
            break;
        case 'N': po.align.use_paragraphs = 0; break;
        case 'q': quiet = 1; break;
        case 'd': dict_path = optarg; break;
        case 'w': po.align.weights = optarg; break;
        case 'n': use_mueller = 0; break;
        case 'h': help(); return EXIT_OK;
        default: return cli_usage_error("batch", "bad option");
        }
    }
    sv_bitext_write_opts wo;
    sv_bitext_write_opts_init(&wo);
    wo.min_score = min_score;
    /* usage first: no dictionary is loaded to report a usage error */
    if (use_stdin) {
        if (optind != argc)
            return cli_usage_error("batch", "--stdin takes no file arguments");
        if (outdir || merge_path || pair_dirs || force ||
            (strcmp(format, "tmx") && strcmp(format, "jsonl")))
            return cli_usage_error("batch", "--stdin writes JSON lines to standard output: "
                                            "-o, --merge, --pair-dirs, --force and a -f other "
                                            "than jsonl do not apply");
        wo.format = SV_BITEXT_JSONL;
    } else {
        if (sv_bitext_format_parse(format, &wo.format) != 0)
            return cli_usage_error("batch", "unknown format '%s' (use tmx, tsv or jsonl)",
                                   format);
        if (!outdir)
            return cli_usage_error("batch", "give an output folder with -o");
        if (pair_dirs && argc - optind != 2)
            return cli_usage_error("batch", "--pair-dirs wants two folders: EN_DIR RU_DIR");
        if (!pair_dirs && argc - optind != 1)
            return cli_usage_error("batch", "give one manifest file (or --pair-dirs, --stdin)");
    }
    struct sv_lexicon *lex = NULL;
    if (cli_load_lexicon(use_mueller, dict_path, &lex, quiet ? -1 : 0) != 0)
        return EXIT_ERROR;
    po.align.lexicon = lex; /* shared by every worker */
    /* "out/" names the same folder as "out": no "out//ID.tmx" in messages */
    char *dir = outdir ? xstrdup(outdir) : NULL;
    for (size_t n = dir ? strlen(dir) : 0; n > 1 && dir[n - 1] == '/'; n--)
        dir[n - 1] = '\0';
    batch_args args = {dir, merge_path, {argv[optind], NULL}, pair_dirs, force, progress,
                       quiet, jobs_n};
    if (pair_dirs)
        args.files[1] = argv[optind + 1];
    int rc = use_stdin ? run_filter(&po, &wo, jobs_n) : run_jobs(&po, &wo, &args);
    free(dir);
    sv_lexicon_free(lex);
    return rc;
}

/* The batch of a manifest or of two folders. */
static int run_jobs(const sv_pipeline_opts *po, const sv_bitext_write_opts *wo,
                    const batch_args *a)
{
    jobs J;
    memset(&J, 0, sizeof J);
    int rc = EXIT_ERROR;
    if (a->pair_dirs ? read_pair_dirs(a->files[0], a->files[1], &J) != 0
                     : read_manifest(a->files[0], &J) != 0)
        goto out;
    if (mkdir(a->outdir, 0777) != 0 && errno != EEXIST) {
        cli_error("%s: error: cannot create the output folder: %s", a->outdir, strerror(errno));
        goto out;
    }
    batch B;
    memset(&B, 0, sizeof B);
    B.J = &J;
    B.po = po;
    B.wo = wo;
    B.outdir = a->outdir;
    B.ext = wo->format == SV_BITEXT_TMX ? "tmx" : wo->format == SV_BITEXT_JSONL ? "jsonl" : "tsv";
    B.force = a->force;
    B.progress = a->progress < 0 ? cli_stderr_is_tty() && !a->quiet : a->progress;
    clock_gettime(CLOCK_MONOTONIC, &B.t0);
    pthread_mutex_init(&B.mu, NULL);
    int jobs_n = a->jobs_n;
    if ((size_t)jobs_n > J.n)
        jobs_n = (int)J.n;
    pthread_t *th = xmalloc((size_t)jobs_n * sizeof *th);
    for (int i = 0; i < jobs_n; i++)
        pthread_create(&th[i], NULL, worker, &B);
    for (int i = 0; i < jobs_n; i++)
        pthread_join(th[i], NULL);
    free(th);
    if (B.progress)
        show_progress(&B, 1);
    int summary_ok = write_summary(&B) == 0;
    B.verbose_quiet = a->quiet;
    int merge_ok = !a->merge_path || merge_outputs(&B, a->merge_path) == 0;
    if (!a->quiet)
        fprintf(stderr, "sverka batch: %zu pair%s: %zu aligned, %zu skipped (already done), "
                        "%zu failed; summary in %s/summary.jsonl\n",
                J.n, J.n == 1 ? "" : "s", B.done, B.skipped, B.failed, a->outdir);
    rc = !summary_ok || !merge_ok ? EXIT_ERROR : B.failed ? EXIT_FOUND : EXIT_OK;
out:
    for (size_t i = 0; i < J.n; i++) {
        free(J.v[i].id);
        free(J.v[i].src);
        free(J.v[i].tgt);
        free(J.v[i].error);
    }
    free(J.v);
    return rc;
}
