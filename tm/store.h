/* store.h - a translation memory kept in an SQLite database file.
 *
 * One file per memory.  TMX files are imported one transaction per file:
 * a file is either entirely in the memory or not at all, even if the
 * process is killed mid-way, and an import never disturbs readers (the
 * database runs in WAL mode, so lookups and exports proceed while one
 * writer imports).  Identical pairs (same languages, texts and inline
 * markup) are stored once; every occurrence is remembered with its file,
 * tuid and date, and the stored unit carries the newest occurrence's
 * metadata.
 *
 * Candidates for fuzzy lookup come from an SQLite FTS5 index of character
 * trigrams of the folded words of both sides (fuzzy.h; the tokenizer is
 * registered by sv_tm_open, so other SQLite programs can read the tables
 * but not query the index).  docs/formats.md describes the schema.
 */
#ifndef SV_STORE_H
#define SV_STORE_H

#include <stddef.h>

#include "../base/status.h"
#include "tmx.h"

typedef struct sv_tm sv_tm;

typedef struct {
    int readonly;      /* open for reading only */
    int create;        /* create the file when it does not exist */
    unsigned busy_ms;  /* how long to wait for another writer; default 60000 */
} sv_tm_opts;

void sv_tm_opts_init(sv_tm_opts *o);

/* Opens (or creates) the memory at path.  A file that is not a sverka
 * memory, or one written by a newer sverka, is refused.  On success *tm
 * is set (caller frees with sv_tm_close). */
sv_status sv_tm_open(const char *path, const sv_tm_opts *opts, sv_tm **tm, sv_diags *diags);
void sv_tm_close(sv_tm *tm); /* NULL is a no-op */

/* ---- import -------------------------------------------------------- */

typedef struct {
    const sv_tmx_read_opts *read; /* languages to read (NULL: en, ru) */
    int force;                    /* import a file again even if already imported */
    /* Called now and then with the bytes read and TUs seen (may be NULL). */
    void (*progress)(void *ctx, unsigned long long bytes, size_t tus);
    void *progress_ctx;
} sv_tm_import_opts;

void sv_tm_import_opts_init(sv_tm_import_opts *o);

typedef struct {
    size_t read;        /* TUs read with both languages */
    size_t added;       /* new pairs stored */
    size_t duplicates;  /* pairs already in the memory (or earlier in the file) */
    size_t skipped;     /* TUs the reader skipped (see sv_tmx_counts) */
    int already;        /* the same file (path, size, mtime) was imported before: nothing done */
} sv_tm_import_result;

/* Imports one TMX file in one transaction: on any error nothing of the
 * file is kept.  Borrows everything during the call. */
sv_status sv_tm_import(sv_tm *tm, const char *path, const sv_tm_import_opts *opts,
                       sv_tm_import_result *res, sv_diags *diags);

/* ---- reading units back -------------------------------------------- */

typedef struct {
    const char *srclang, *tgtlang; /* language prefixes to keep; NULL: any */
    double min_score;              /* < 0: no limit */
    int keep_unscored;             /* with min_score: keep units that have no score */
} sv_tm_filter;

void sv_tm_filter_init(sv_tm_filter *f);

/* Calls fn for every stored unit that passes the filter, in import order.
 * The unit is borrowed and valid during the call only; fn returns non-zero
 * to stop (sv_tm_each then returns SV_ERR_INTERRUPTED). */
typedef int (*sv_tm_each_fn)(void *ctx, const sv_tu *tu);
sv_status sv_tm_each(sv_tm *tm, const sv_tm_filter *f, sv_tm_each_fn fn, void *ctx,
                     sv_diags *diags);

/* ---- statistics ---------------------------------------------------- */

typedef struct {
    char *srclang, *tgtlang;
    size_t count;
} sv_tm_pair;

typedef struct {
    char *path, *imported;
    size_t tus, added, duplicates, skipped;
} sv_tm_source;

typedef struct {
    size_t units;          /* distinct pairs stored */
    size_t occurrences;    /* pairs imported, duplicates included */
    size_t scored;         /* units with an alignment score */
    double score_min, score_mean, score_max;
    size_t with_markup;    /* units with inline markup */
    char *oldest, *newest; /* dates of units, NULL if none */
    sv_tm_pair *pairs;
    size_t npairs;
    sv_tm_source *sources;
    size_t nsources;
    long long bytes;       /* size of the database file */
} sv_tm_stats;

/* Figures from one consistent snapshot; caller frees *out with
 * sv_tm_stats_free. */
sv_status sv_tm_get_stats(sv_tm *tm, sv_tm_stats **out, sv_diags *diags);
void sv_tm_stats_free(sv_tm_stats *s);

/* Checks the database: SQLite's integrity check, the FTS5 index's own
 * check, and that the counts recorded for each imported file agree with
 * the units and occurrences stored.  Problems are reported as errors;
 * returns SV_ERR_INPUT if there is any.  Needs a database opened for
 * writing (the FTS5 check is an INSERT statement), but changes nothing. */
sv_status sv_tm_check(sv_tm *tm, sv_diags *diags);

/* ---- lookup and concordance ---------------------------------------- */

typedef struct {
    const char *srclang;  /* language of the query; NULL: ru if it is mostly
                             Cyrillic, else en */
    const char *tgtlang;  /* language of the translations; NULL: any other */
    int min_match;        /* lowest match percentage returned; default 50 */
    size_t limit;         /* at most this many hits; default 5 */
    size_t candidates;    /* units scored exactly; default 60 */
    size_t postings;      /* index entries read at most; default 200000 */
} sv_tm_lookup_opts;

void sv_tm_lookup_opts_init(sv_tm_lookup_opts *o);

typedef struct {
    int match;            /* lookup: match percentage; concordance: 0 */
    long long id;         /* the unit's id in the database */
    char *src, *tgt;      /* source = the side in the query's language */
    char *srclang, *tgtlang;
    char *tuid, *date, *origin; /* origin: the file it was imported from */
    double score;         /* alignment score, < 0: none */
    size_t *spans;        /* concordance: byte spans [start, end) of the term in src */
    size_t nspans;
} sv_tm_hit;

typedef struct {
    sv_tm_hit *v;
    size_t n, cap;
} sv_tm_hits;

/* Frees the hits' strings and array (the struct itself is the caller's)
 * and leaves h empty for reuse. */
void sv_tm_hits_free(sv_tm_hits *h);

/* Fuzzy matches for text, best first (match, then newest), each with its
 * CAT-style match percentage (fuzzy.h).  Borrows text and opts; the hits
 * are appended to out, which the caller frees with sv_tm_hits_free.  A
 * query with no word of three letters or more (and more than eight words)
 * finds nothing, with a note. */
sv_status sv_tm_lookup(sv_tm *tm, const char *text, size_t len, const sv_tm_lookup_opts *opts,
                       sv_tm_hits *out, sv_diags *diags);

typedef struct {
    size_t limit;         /* at most this many units; default 50 */
} sv_tm_conc_opts;

void sv_tm_conc_opts_init(sv_tm_conc_opts *o);

/* Units whose source or target contains term, word by word, with word
 * endings ignored (Snowball stems for English and Russian; other
 * languages compare whole folded words).  In each hit src is the side
 * that matched, with the spans of the term.  Appended to out in import
 * order. */
sv_status sv_tm_concordance(sv_tm *tm, const char *term, size_t len, const sv_tm_conc_opts *opts,
                            sv_tm_hits *out, sv_diags *diags);

#endif
