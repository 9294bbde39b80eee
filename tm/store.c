/* store.c - the SQLite translation memory behind `sverka tm`: import of TMX
 * files (one transaction each), export, statistics, fuzzy lookup through an
 * FTS5 trigram index, and concordance with Snowball stems.  It reads TMX
 * through tmx.h and scores candidates with fuzzy.h. */
#define _POSIX_C_SOURCE 200809L
#include "store.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <time.h>

#include <libstemmer.h>
#include <sqlite3.h>

#include "../align/lang.h"
#include "../base/buf.h"
#include "../base/mem.h"
#include "../base/utf8.h"
#include "fuzzy.h"
#include "hash.h"

#define SCHEMA_VERSION 1
#define DF_SAMPLE 4 /* one unit in DF_SAMPLE has its trigrams counted */

/* Document counts of trigrams during an import.  Nearly every trigram is
 * at most 8 bytes of UTF-8 and goes into a flat table keyed by those
 * bytes; longer ones go into a general map. */
typedef struct {
    uint64_t *slot; /* key, count pairs; key 0 = empty */
    size_t cap, n;
    sv_keymap *big;
} dfcount;

struct sv_tm {
    sqlite3 *db;
    char *path;
    int readonly;
    int counting;        /* the tokenizer counts the next document's trigrams */
    dfcount df;
    struct sb_stemmer *stem_en, *stem_ru;
};

/* ---- small helpers ------------------------------------------------- */

static sv_status db_error(sv_tm *tm, sv_diags *diags, const char *what)
{
    sv_diags_add(diags, SV_ERROR, tm->path, 0, 0, -1, "%s: %s", what, sqlite3_errmsg(tm->db));
    return SV_ERR_DB;
}

static int exec(sv_tm *tm, const char *sql)
{
    return sqlite3_exec(tm->db, sql, NULL, NULL, NULL);
}

static sqlite3_stmt *prep(sv_tm *tm, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(tm->db, sql, -1, &st, NULL) != SQLITE_OK)
        return NULL;
    return st;
}

static const char *col_text(sqlite3_stmt *st, int i, size_t *len)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    if (len)
        *len = s ? (size_t)sqlite3_column_bytes(st, i) : 0;
    return s;
}

static char *col_dup(sqlite3_stmt *st, int i)
{
    size_t n;
    const char *s = col_text(st, i, &n);
    return s ? xstrndup(s, n) : NULL;
}

static void bind_text(sqlite3_stmt *st, int i, const char *s, size_t len)
{
    if (s)
        sqlite3_bind_text(st, i, s, (int)len, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

static void bind_str(sqlite3_stmt *st, int i, const char *s)
{
    bind_text(st, i, s, s ? strlen(s) : 0);
}

/* ---- the trigram tokenizer ----------------------------------------- */

/* A trigram (at most 12 bytes of UTF-8) packed into a 128-bit map key. */
static void pack(const char *s, size_t len, uint64_t *a, uint64_t *b)
{
    unsigned char k[16] = {0};
    memcpy(k, s, len < 16 ? len : 16);
    memcpy(a, k, 8);
    memcpy(b, k + 8, 8);
}

static size_t unpack(uint64_t a, uint64_t b, char out[17])
{
    memcpy(out, &a, 8);
    memcpy(out + 8, &b, 8);
    out[16] = '\0';
    return strlen(out);
}

typedef struct {
    sv_tm *tm;
    sv_tokens t;
} tok_obj;

typedef struct {
    tok_obj *o;
    void *ctx;
    int (*xToken)(void *, int, const char *, int, int, int);
    int count;
} emit_ctx;

static int tok_create(void *user, const char **az, int n, Fts5Tokenizer **out)
{
    (void)az;
    (void)n;
    tok_obj *o = xcalloc(1, sizeof *o);
    o->tm = user;
    *out = (Fts5Tokenizer *)o;
    return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *p)
{
    tok_obj *o = (tok_obj *)p;
    sv_tokens_free(&o->t);
    free(o);
}

/* The index term of a trigram: two characters of a hash of it, then its
 * UTF-8.  FTS5 hashes its pending terms with a shift-and-xor function that
 * is linear in the bits of the bytes and lets the first bytes decide the
 * bucket: the few bits that vary between the UTF-8 of Cyrillic trigrams
 * gave it long chains (a fifth of the import time) until the first bytes
 * were made to vary. */
static size_t index_term(const char *tri, size_t len, char out[24])
{
    if (len > 16)
        len = 16;
    uint64_t h = sv_hash64(tri, len, 0x7a11);
    out[0] = (char)('0' + (h & 63)); /* '0'..'o': printable */
    out[1] = (char)('0' + ((h >> 6) & 63));
    memcpy(out + 2, tri, len);
    return len + 2;
}

static void df_grow(dfcount *d)
{
    size_t ncap = d->cap ? d->cap * 2 : 1 << 12;
    uint64_t *ns = xcalloc(ncap * 2, sizeof *ns);
    for (size_t i = 0; i < d->cap; i++) {
        if (!d->slot[2 * i])
            continue;
        size_t h = (size_t)((d->slot[2 * i] * 0x9e3779b97f4a7c15ULL) >> 20) & (ncap - 1);
        while (ns[2 * h])
            h = (h + 1) & (ncap - 1);
        ns[2 * h] = d->slot[2 * i];
        ns[2 * h + 1] = d->slot[2 * i + 1];
    }
    free(d->slot);
    d->slot = ns;
    d->cap = ncap;
}

static void df_add(dfcount *d, const char *tri, size_t len)
{
    uint64_t a, b;
    pack(tri, len, &a, &b);
    if (len > 8) {
        if (!d->big)
            d->big = sv_keymap_new();
        (*sv_keymap_slot(d->big, a, b, 0, NULL))++;
        return;
    }
    if ((d->n + 1) * 2 > d->cap)
        df_grow(d);
    size_t h = (size_t)((a * 0x9e3779b97f4a7c15ULL) >> 20) & (d->cap - 1);
    while (d->slot[2 * h] && d->slot[2 * h] != a)
        h = (h + 1) & (d->cap - 1);
    if (!d->slot[2 * h]) {
        d->slot[2 * h] = a;
        d->n++;
    }
    d->slot[2 * h + 1]++;
}

static void df_clear(dfcount *d)
{
    if (d->cap)
        memset(d->slot, 0, d->cap * 2 * sizeof *d->slot);
    d->n = 0;
    if (d->big)
        sv_keymap_clear(d->big);
}

static void df_free(dfcount *d)
{
    free(d->slot);
    sv_keymap_free(d->big);
}

static int emit(void *c, const char *tri, size_t len, size_t tok)
{
    emit_ctx *e = c;
    const sv_token *k = &e->o->t.v[tok];
    if (e->count)
        df_add(&e->o->tm->df, tri, len);
    char term[24];
    size_t n = index_term(tri, len, term);
    return e->xToken(e->ctx, 0, term, (int)n, (int)k->start, (int)(k->start + k->len));
}

/* Words of one or two letters have no trigram.  In short segments
 * (headings, replies: SHORT_SEG words or fewer) they carry much of the
 * meaning, so these segments also index them, as "\x02" + the folded
 * word, and short queries look them up. */
#define SHORT_SEG 8

static size_t word_count(const sv_tokens *t)
{
    size_t w = 0;
    for (size_t i = 0; i < t->n; i++)
        w += t->v[i].kind == SV_TOK_WORD || t->v[i].kind == SV_TOK_NUMBER;
    return w;
}

static int short_words(const sv_tokens *t, sv_trigram_fn fn, void *ctx)
{
    if (word_count(t) > SHORT_SEG)
        return 0;
    for (size_t i = 0; i < t->n; i++) {
        if (t->v[i].kind != SV_TOK_WORD && t->v[i].kind != SV_TOK_NUMBER)
            continue;
        size_t flen;
        const char *f = sv_token_folded(t, i, &flen);
        if (flen == 0 || sv_utf8_count(f, flen) > 2 || flen > 8)
            continue;
        int dup = 0; /* once per segment */
        for (size_t j = 0; j < i && !dup; j++) {
            size_t l2;
            const char *g = sv_token_folded(t, j, &l2);
            dup = (t->v[j].kind == SV_TOK_WORD || t->v[j].kind == SV_TOK_NUMBER) && l2 == flen &&
                  memcmp(f, g, flen) == 0;
        }
        if (dup)
            continue;
        char key[16];
        key[0] = '\x02';
        memcpy(key + 1, f, flen);
        int rc = fn(ctx, key, flen + 1, i);
        if (rc)
            return rc;
    }
    return 0;
}

static int tok_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text, int n,
                        int (*xToken)(void *, int, const char *, int, int, int))
{
    if (!(flags & FTS5_TOKENIZE_DOCUMENT)) {
        /* Queries are built by this file and name index keys exactly: a
         * trigram, or a short word of a short segment. */
        char term[24];
        size_t len = n > 0 ? (size_t)n : 0;
        if (len == 0 || len > 16)
            return SQLITE_OK;
        size_t k = index_term(text, len, term);
        return xToken(ctx, 0, term, (int)k, 0, n);
    }
    tok_obj *o = (tok_obj *)p;
    o->t.no_keys = 1;
    sv_tokenize(text ? text : "", n > 0 ? (size_t)n : 0, &o->t);
    emit_ctx e = {o, ctx, xToken, o->tm->counting};
    int rc = sv_trigrams(&o->t, emit, &e);
    if (rc == SQLITE_OK)
        rc = short_words(&o->t, emit, &e);
    return rc;
}

static int register_tokenizer(sv_tm *tm)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st = prep(tm, "SELECT fts5(?1)");
    if (!st)
        return -1;
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    if (!api || api->iVersion < 2)
        return -1;
    static fts5_tokenizer tok = {tok_create, tok_delete, tok_tokenize};
    return api->xCreateTokenizer(api, "sverka_trigram", tm, &tok, NULL) == SQLITE_OK ? 0 : -1;
}

/* ---- opening ------------------------------------------------------- */

static const char schema[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;"
    "CREATE TABLE source("
    " id INTEGER PRIMARY KEY, path TEXT NOT NULL, realpath TEXT, size INTEGER,"
    " mtime INTEGER, imported TEXT NOT NULL, srclang TEXT, tgtlang TEXT,"
    " tus INTEGER, added INTEGER, duplicates INTEGER, skipped INTEGER, header TEXT);"
    "CREATE TABLE tu("
    " id INTEGER PRIMARY KEY, hash INTEGER NOT NULL,"
    " src_lang TEXT NOT NULL, tgt_lang TEXT NOT NULL, src TEXT NOT NULL, tgt TEXT NOT NULL,"
    " src_xml TEXT, tgt_xml TEXT, tuid TEXT, score REAL, bead TEXT, srcdoc TEXT, tgtdoc TEXT,"
    " date TEXT, source INTEGER NOT NULL REFERENCES source(id), meta TEXT);"
    "CREATE INDEX tu_hash ON tu(hash);"
    "CREATE TABLE occurrence(tu INTEGER NOT NULL, source INTEGER NOT NULL, tuid TEXT,"
    " date TEXT);"
    "CREATE TABLE tri_df(term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;"
    "CREATE VIRTUAL TABLE tu_fts USING fts5(t, content='', detail=none,"
    " tokenize='sverka_trigram');"
    /* a large pending-terms buffer makes bulk imports much faster */
    "INSERT INTO tu_fts(tu_fts, rank) VALUES('hashsize', 8388608);";

static void now_date(char out[17])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    char b[64];
    snprintf(b, sizeof b, "%04d%02d%02dT%02d%02d%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
             tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    memcpy(out, b, 16);
    out[16] = '\0';
}

/* Checks the format marker; creates the schema in an empty file. */
static sv_status check_schema(sv_tm *tm, sv_diags *diags)
{
    sqlite3_stmt *st = prep(tm, "SELECT value FROM meta WHERE key = 'version'");
    if (st) {
        int rc = sqlite3_step(st);
        int version = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
        sqlite3_finalize(st);
        if (version < 1) {
            sv_diags_add(diags, SV_ERROR, tm->path, 0, 0, -1,
                         "not a sverka translation memory (no version in its meta table)");
            return SV_ERR_INPUT;
        }
        if (version > SCHEMA_VERSION) {
            sv_diags_add(diags, SV_ERROR, tm->path, 0, 0, -1,
                         "translation memory format %d is newer than this sverka understands "
                         "(%d)",
                         version, SCHEMA_VERSION);
            return SV_ERR_UNSUPPORTED;
        }
        return SV_OK;
    }
    if (sqlite3_errcode(tm->db) == SQLITE_NOTADB) {
        sv_diags_add(diags, SV_ERROR, tm->path, 0, 0, -1, "not an SQLite database");
        return SV_ERR_INPUT;
    }
    /* No meta table: an empty database becomes a memory, anything else is refused. */
    st = prep(tm, "SELECT count(*) FROM sqlite_schema");
    int tables = -1;
    if (st && sqlite3_step(st) == SQLITE_ROW)
        tables = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (tables < 0)
        return db_error(tm, diags, "cannot read the database");
    if (tables > 0 || tm->readonly) {
        sv_diags_add(diags, SV_ERROR, tm->path, 0, 0, -1,
                     tables > 0 ? "not a sverka translation memory (an SQLite database with "
                                  "other tables)"
                                : "empty database");
        return SV_ERR_INPUT;
    }
    if (exec(tm, "BEGIN IMMEDIATE") != SQLITE_OK)
        return db_error(tm, diags, "cannot create the translation memory");
    /* another process may have created it while we waited for the lock */
    st = prep(tm, "SELECT count(*) FROM sqlite_schema");
    tables = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    if (tables != 0) {
        exec(tm, "ROLLBACK");
        return tables > 0 ? check_schema(tm, diags) : db_error(tm, diags, "cannot read");
    }
    char date[17];
    now_date(date);
    sv_buf sql = SV_BUF_INIT;
    sv_buf_puts(&sql, schema);
    sv_buf_printf(&sql,
                  "INSERT INTO meta VALUES('format', 'sverka translation memory'),"
                  "('version', '%d'), ('created', '%s'), ('creator', 'sverka %s');",
                  SCHEMA_VERSION, date, SV_VERSION);
    int rc = exec(tm, sql.ptr);
    sv_buf_free(&sql);
    if (rc != SQLITE_OK || exec(tm, "COMMIT") != SQLITE_OK) {
        sv_status s = db_error(tm, diags, "cannot create the translation memory");
        exec(tm, "ROLLBACK");
        return s;
    }
    return SV_OK;
}

void sv_tm_opts_init(sv_tm_opts *o)
{
    o->readonly = 0;
    o->create = 0;
    o->busy_ms = 60000;
}

sv_status sv_tm_open(const char *path, const sv_tm_opts *opts, sv_tm **out, sv_diags *diags)
{
    sv_tm_opts o;
    if (opts)
        o = *opts;
    else
        sv_tm_opts_init(&o);
    struct stat sb;
    int created = 0;
    if (stat(path, &sb) != 0) {
        created = 1;
        if (!o.create || o.readonly) {
            sv_diags_add(diags, SV_ERROR, path, 0, 0, -1,
                         "no such translation memory (create one with 'sverka tm import')");
            return SV_ERR_IO;
        }
    } else if (S_ISDIR(sb.st_mode)) {
        sv_diags_add(diags, SV_ERROR, path, 0, 0, -1, "is a directory");
        return SV_ERR_IO;
    }
    sv_tm *tm = xcalloc(1, sizeof *tm);
    tm->path = xstrdup(path);
    tm->readonly = o.readonly;
    int flags = o.readonly ? SQLITE_OPEN_READONLY
                           : SQLITE_OPEN_READWRITE | (o.create ? SQLITE_OPEN_CREATE : 0);
    sv_status s = SV_OK;
    if (sqlite3_open_v2(path, &tm->db, flags, NULL) != SQLITE_OK) {
        s = tm->db ? db_error(tm, diags, "cannot open") : SV_ERR_DB;
        goto fail;
    }
    sqlite3_busy_timeout(tm->db, (int)(o.busy_ms > INT_MAX ? INT_MAX : o.busy_ms));
    if (register_tokenizer(tm) != 0) {
        s = db_error(tm, diags, "SQLite without FTS5");
        goto fail;
    }
    exec(tm, "PRAGMA cache_size = -65536");
    exec(tm, "PRAGMA mmap_size = 268435456");
    if (!o.readonly) {
        /* WAL: readers never wait for an import; NORMAL sync is still safe
         * against crashes of the process (only power loss may undo the
         * last commits). */
        exec(tm, "PRAGMA journal_mode = WAL");
        exec(tm, "PRAGMA synchronous = NORMAL");
    }
    s = check_schema(tm, diags);
    if (s != SV_OK)
        goto fail;
    *out = tm;
    return SV_OK;
fail:
    sv_tm_close(tm);
    if (created && stat(path, &sb) == 0 && sb.st_size == 0) {
        /* a memory that could not be created leaves no empty file behind
         * (one that another process filled in the meantime stays) */
        static const char *const sfx[] = {"", "-wal", "-shm", "-journal"};
        for (size_t i = 0; i < sizeof sfx / sizeof sfx[0]; i++) {
            sv_buf p = SV_BUF_INIT;
            sv_buf_printf(&p, "%s%s", path, sfx[i]);
            unlink(p.ptr);
            sv_buf_free(&p);
        }
    }
    return s;
}

void sv_tm_close(sv_tm *tm)
{
    if (!tm)
        return;
    if (tm->db)
        sqlite3_close_v2(tm->db);
    df_free(&tm->df);
    if (tm->stem_en)
        sb_stemmer_delete(tm->stem_en);
    if (tm->stem_ru)
        sb_stemmer_delete(tm->stem_ru);
    free(tm->path);
    free(tm);
}

/* ---- metadata encoding --------------------------------------------- */

/* A unit's other attributes, props and notes, one per line:
 * KIND TAB NAME TAB VALUE [TAB LANG], KIND being a/p/n (attribute, prop,
 * note of the <tu>) or sa/sp/sn, ta/tp/tn for the two <tuv>s.  Tabs,
 * newlines, carriage returns and backslashes are escaped \t \n \r \\. */
static void put_escaped_field(sv_buf *b, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '\t': sv_buf_puts(b, "\\t"); break;
        case '\n': sv_buf_puts(b, "\\n"); break;
        case '\r': sv_buf_puts(b, "\\r"); break;
        case '\\': sv_buf_puts(b, "\\\\"); break;
        default: sv_buf_putc(b, *s);
        }
    }
}

static void put_items(sv_buf *b, const char *kind, const sv_tmx_item *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        sv_buf_puts(b, kind);
        sv_buf_putc(b, '\t');
        put_escaped_field(b, v[i].name);
        sv_buf_putc(b, '\t');
        put_escaped_field(b, v[i].value);
        if (v[i].lang) {
            sv_buf_putc(b, '\t');
            put_escaped_field(b, v[i].lang);
        }
        sv_buf_putc(b, '\n');
    }
}

static void put_extra(sv_buf *b, char side, const sv_tmx_extra *x)
{
    char k[3][3] = {{'a', 0, 0}, {'p', 0, 0}, {'n', 0, 0}};
    if (side)
        for (int i = 0; i < 3; i++)
            k[i][1] = k[i][0], k[i][0] = side;
    put_items(b, k[0], x->attrs, x->nattrs);
    put_items(b, k[1], x->props, x->nprops);
    put_items(b, k[2], x->notes, x->nnotes);
}

static void encode_meta(sv_buf *b, const sv_tu *tu)
{
    sv_buf_reset(b);
    put_extra(b, 0, &tu->tu);
    put_extra(b, 's', &tu->src_extra);
    put_extra(b, 't', &tu->tgt_extra);
}

static char *unescape_field(sv_arena *a, const char *s, size_t len)
{
    char *o = sv_arena_alloc(a, len + 1);
    size_t k = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\\' && i + 1 < len) {
            char c = s[++i];
            o[k++] = c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c;
        } else {
            o[k++] = s[i];
        }
    }
    o[k] = '\0';
    return o;
}

typedef struct {
    sv_tmx_item *v;
    size_t n, cap;
} item_list;

static void decode_meta(const char *m, size_t len, sv_arena *a, sv_tu *tu)
{
    item_list lists[9] = {{0}};
    static const char *const kinds[9] = {"a", "p", "n", "sa", "sp", "sn", "ta", "tp", "tn"};
    size_t i = 0;
    while (i < len) {
        size_t e = i;
        while (e < len && m[e] != '\n')
            e++;
        const char *f[4] = {NULL, NULL, NULL, NULL};
        size_t fl[4] = {0, 0, 0, 0}, nf = 0, s = i;
        for (size_t j = i; j <= e && nf < 4; j++)
            if (j == e || m[j] == '\t') {
                f[nf] = m + s;
                fl[nf++] = j - s;
                s = j + 1;
            }
        for (int k = 0; nf >= 3 && k < 9; k++)
            if (fl[0] == strlen(kinds[k]) && memcmp(f[0], kinds[k], fl[0]) == 0) {
                sv_tmx_item it;
                int note = kinds[k][strlen(kinds[k]) - 1] == 'n';
                it.name = note ? NULL : unescape_field(a, f[1], fl[1]);
                it.value = unescape_field(a, f[2], fl[2]);
                it.lang = nf == 4 ? unescape_field(a, f[3], fl[3]) : NULL;
                SV_PUSH(lists[k].v, lists[k].n, lists[k].cap, it);
            }
        i = e + 1;
    }
    sv_tmx_extra *x[3] = {&tu->tu, &tu->src_extra, &tu->tgt_extra};
    for (int k = 0; k < 9; k++) {
        sv_tmx_item *v = NULL;
        if (lists[k].n) {
            v = sv_arena_alloc(a, lists[k].n * sizeof *v);
            memcpy(v, lists[k].v, lists[k].n * sizeof *v);
        }
        free(lists[k].v);
        sv_tmx_extra *e = x[k / 3];
        if (k % 3 == 0)
            e->attrs = v, e->nattrs = lists[k].n;
        else if (k % 3 == 1)
            e->props = v, e->nprops = lists[k].n;
        else
            e->notes = v, e->nnotes = lists[k].n;
    }
}

/* ---- import -------------------------------------------------------- */

void sv_tm_import_opts_init(sv_tm_import_opts *o)
{
    memset(o, 0, sizeof *o);
}

static uint64_t lang_hash(const char *tag, uint64_t seed)
{
    char low[64];
    size_t n = 0;
    for (; tag && *tag && n < sizeof low; tag++)
        low[n++] = (char)((*tag >= 'A' && *tag <= 'Z') ? *tag + 32 : (*tag == '_' ? '-' : *tag));
    return sv_hash64(low, n, seed);
}

static uint64_t tu_hash(const sv_tu *tu)
{
    uint64_t h = lang_hash(tu->srclang, 1);
    h = lang_hash(tu->tgtlang, h);
    h = sv_hash64(tu->src, tu->src_len, h);
    h = sv_hash64(tu->tgt, tu->tgt_len, h);
    h = sv_hash64(tu->src_xml ? tu->src_xml : "", tu->src_xml ? tu->src_xml_len + 1 : 0, h);
    return sv_hash64(tu->tgt_xml ? tu->tgt_xml : "", tu->tgt_xml ? tu->tgt_xml_len + 1 : 0, h);
}

static int lang_eq(const char *a, const char *b)
{
    for (;; a++, b++) {
        char x = *a == '_' ? '-' : *a, y = *b == '_' ? '-' : *b;
        if ((x | 32) != (y | 32) && x != y)
            return 0;
        if (!*a || !*b)
            return *a == *b;
    }
}

static int same_col(sqlite3_stmt *st, int i, const char *s, size_t len)
{
    size_t n;
    const char *c = col_text(st, i, &n);
    if (!c || !s)
        return !c && !s;
    return n == len && memcmp(c, s, n) == 0;
}

enum { Q_FIND, Q_INSERT, Q_FTS, Q_OCC, Q_UPDATE, Q_DF, Q_N };

static const char *const import_sql[Q_N] = {
    "SELECT id, src_lang, tgt_lang, src, tgt, src_xml, tgt_xml, date, source, tuid FROM tu"
    " WHERE hash = ?",
    "INSERT INTO tu(hash, src_lang, tgt_lang, src, tgt, src_xml, tgt_xml, tuid, score, bead,"
    " srcdoc, tgtdoc, date, source, meta) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "INSERT INTO tu_fts(rowid, t) VALUES(?, ?)",
    "INSERT INTO occurrence(tu, source, tuid, date) VALUES(?,?,?,?)",
    "UPDATE tu SET tuid = ?, score = ?, bead = ?, srcdoc = ?, tgtdoc = ?, date = ?,"
    " source = ?, meta = ? WHERE id = ?",
    "INSERT INTO tri_df(term, df) VALUES(?, ?)"
    " ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
};

typedef struct {
    sv_tm *tm;
    sqlite3_stmt *q[Q_N];
    long long source;
    sv_buf meta;
} importer;

static int step_done(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

static void bind_meta_fields(importer *im, sqlite3_stmt *st, int first, const sv_tu *tu)
{
    bind_str(st, first, tu->tuid);
    if (tu->score >= 0)
        sqlite3_bind_double(st, first + 1, tu->score);
    else
        sqlite3_bind_null(st, first + 1);
    bind_str(st, first + 2, tu->bead);
    bind_str(st, first + 3, tu->srcdoc);
    bind_str(st, first + 4, tu->tgtdoc);
    bind_str(st, first + 5, tu->date);
    sqlite3_bind_int64(st, first + 6, im->source);
    encode_meta(&im->meta, tu);
    bind_text(st, first + 7, im->meta.len ? im->meta.ptr : NULL, im->meta.len);
}

/* Stores one unit; *added tells whether it was new.  Returns 0 or -1. */
static int store_tu(importer *im, const sv_tu *tu, int *added)
{
    uint64_t h = tu_hash(tu);
    sqlite3_stmt *f = im->q[Q_FIND];
    sqlite3_bind_int64(f, 1, (sqlite3_int64)h);
    long long dup = -1;
    int newer = 0, rc;
    sqlite3_stmt *o = im->q[Q_OCC];
    while ((rc = sqlite3_step(f)) == SQLITE_ROW) {
        if (lang_eq((const char *)sqlite3_column_text(f, 1), tu->srclang) &&
            lang_eq((const char *)sqlite3_column_text(f, 2), tu->tgtlang) &&
            same_col(f, 3, tu->src, tu->src_len) && same_col(f, 4, tu->tgt, tu->tgt_len) &&
            same_col(f, 5, tu->src_xml, tu->src_xml_len) &&
            same_col(f, 6, tu->tgt_xml, tu->tgt_xml_len)) {
            dup = sqlite3_column_int64(f, 0);
            const char *d = (const char *)sqlite3_column_text(f, 7);
            newer = tu->date && (!d || strcmp(tu->date, d) > 0);
            /* The occurrence table lists every occurrence but the one the
             * unit's row describes: a newer duplicate takes over the row,
             * and the row's old occurrence goes there. */
            sqlite3_bind_int64(o, 1, dup);
            if (newer) {
                sqlite3_bind_int64(o, 2, sqlite3_column_int64(f, 8));
                sqlite3_bind_value(o, 3, sqlite3_column_value(f, 9));
                sqlite3_bind_value(o, 4, sqlite3_column_value(f, 7));
            } else {
                sqlite3_bind_int64(o, 2, im->source);
                bind_str(o, 3, tu->tuid);
                bind_str(o, 4, tu->date);
            }
            if (step_done(o))
                rc = SQLITE_ERROR;
            break;
        }
    }
    sqlite3_reset(f);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return -1;
    long long id = dup;
    *added = dup < 0;
    if (dup < 0) {
        sqlite3_stmt *s = im->q[Q_INSERT];
        sqlite3_bind_int64(s, 1, (sqlite3_int64)h);
        bind_str(s, 2, tu->srclang);
        bind_str(s, 3, tu->tgtlang);
        bind_text(s, 4, tu->src, tu->src_len);
        bind_text(s, 5, tu->tgt, tu->tgt_len);
        bind_text(s, 6, tu->src_xml, tu->src_xml_len);
        bind_text(s, 7, tu->tgt_xml, tu->tgt_xml_len);
        bind_meta_fields(im, s, 8, tu);
        if (step_done(s))
            return -1;
        id = sqlite3_last_insert_rowid(im->tm->db);
        /* Document frequencies are sampled: counting every trigram of every
         * unit costs a tenth of the import (cache misses), and lookups only
         * need to tell rare trigrams from common ones. */
        im->tm->counting = (id % DF_SAMPLE) == 0;
        sqlite3_stmt *x = im->q[Q_FTS];
        sqlite3_bind_int64(x, 1, id * 2);
        bind_text(x, 2, tu->src, tu->src_len);
        if (step_done(x))
            return -1;
        sqlite3_bind_int64(x, 1, id * 2 + 1);
        bind_text(x, 2, tu->tgt, tu->tgt_len);
        if (step_done(x))
            return -1;
        im->tm->counting = 0;
    } else if (newer) {
        sqlite3_stmt *u = im->q[Q_UPDATE];
        bind_meta_fields(im, u, 1, tu);
        sqlite3_bind_int64(u, 9, dup);
        if (step_done(u))
            return -1;
    }
    return 0;
}

static int save_df(void *ctx, uint64_t a, uint64_t b, uint64_t v)
{
    importer *im = ctx;
    char term[17];
    size_t n = unpack(a, b, term);
    sqlite3_stmt *st = im->q[Q_DF];
    sqlite3_bind_text(st, 1, term, (int)n, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)(v * DF_SAMPLE));
    return step_done(st);
}

static long long insert_source(sv_tm *tm, const char *path, const char *real, long long size,
                               long long mtime, const sv_tmx_read_opts *ro,
                               const sv_tmx_info *info)
{
    sqlite3_stmt *st = prep(tm, "INSERT INTO source(path, realpath, size, mtime, imported,"
                                " srclang, tgtlang, header) VALUES(?,?,?,?,?,?,?,?)");
    if (!st)
        return -1;
    char date[17];
    now_date(date);
    sv_buf h = SV_BUF_INIT;
    put_extra(&h, 0, &info->extra);
    bind_str(st, 1, path);
    bind_str(st, 2, real);
    sqlite3_bind_int64(st, 3, size);
    sqlite3_bind_int64(st, 4, mtime);
    bind_str(st, 5, date);
    bind_str(st, 6, ro && ro->srclang ? ro->srclang : "en");
    bind_str(st, 7, ro && ro->tgtlang ? ro->tgtlang : "ru");
    bind_text(st, 8, h.len ? h.ptr : NULL, h.len);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    sv_buf_free(&h);
    return rc == SQLITE_DONE ? sqlite3_last_insert_rowid(tm->db) : -1;
}

static int already_imported(sv_tm *tm, const char *real, long long size, long long mtime)
{
    sqlite3_stmt *st = prep(tm, "SELECT 1 FROM source WHERE realpath = ? AND size = ? AND"
                                " mtime = ?");
    if (!st)
        return 0;
    bind_str(st, 1, real);
    sqlite3_bind_int64(st, 2, size);
    sqlite3_bind_int64(st, 3, mtime);
    int found = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return found;
}

sv_status sv_tm_import(sv_tm *tm, const char *path, const sv_tm_import_opts *opts,
                       sv_tm_import_result *res, sv_diags *diags)
{
    sv_tm_import_opts o;
    if (opts)
        o = *opts;
    else
        sv_tm_import_opts_init(&o);
    memset(res, 0, sizeof *res);
    if (tm->readonly) {
        sv_diags_add(diags, SV_ERROR, tm->path, 0, 0, -1, "opened read-only");
        return SV_ERR_ARG;
    }
    int is_stdin = strcmp(path, "-") == 0;
    long long size = -1, mtime = -1;
    char *real = NULL;
    struct stat sb;
    if (!is_stdin && stat(path, &sb) == 0) {
        size = (long long)sb.st_size;
        mtime = (long long)sb.st_mtime;
        real = realpath(path, NULL);
    }
    sv_tmx_reader *r = NULL;
    sv_status s = sv_tmx_reader_open(path, o.read, &r, diags);
    if (s != SV_OK) {
        free(real);
        return s;
    }
    importer im;
    memset(&im, 0, sizeof im);
    im.tm = tm;
    int in_tx = 0;
    if (exec(tm, "BEGIN IMMEDIATE") != SQLITE_OK) {
        s = db_error(tm, diags, "cannot start the import (another import running?)");
        goto done;
    }
    in_tx = 1;
    if (real && !o.force && already_imported(tm, real, size, mtime)) {
        res->already = 1;
        sv_diags_add(diags, SV_NOTE, path, 0, 0, -1,
                     "already imported (same file, size and date); use --force to import it "
                     "again");
        goto done; /* rolled back below: nothing changed */
    }
    im.source = insert_source(tm, path, real, size, mtime, o.read, sv_tmx_reader_info(r));
    for (int i = 0; i < Q_N; i++)
        if (!(im.q[i] = prep(tm, import_sql[i])))
            im.source = -1;
    if (im.source < 0) {
        s = db_error(tm, diags, "cannot prepare the import");
        goto done;
    }
    df_clear(&tm->df);
    const sv_tu *tu;
    while ((s = sv_tmx_reader_next(r, &tu, diags)) == SV_OK && tu) {
        int added;
        if (store_tu(&im, tu, &added) != 0) {
            s = db_error(tm, diags, "cannot store a translation unit");
            break;
        }
        res->read++;
        if (added)
            res->added++;
        else
            res->duplicates++;
        if (o.progress && (res->read & 4095) == 0)
            o.progress(o.progress_ctx, sv_tmx_reader_offset(r), res->read);
    }
    tm->counting = 0;
    if (s != SV_OK)
        goto done;
    const sv_tmx_counts *c = sv_tmx_reader_counts(r);
    res->skipped = c->no_src + c->no_tgt + c->empty + c->too_big;
    int bad = 0;
    for (size_t i = 0; i < tm->df.cap && !bad; i++)
        if (tm->df.slot[2 * i])
            bad = save_df(&im, tm->df.slot[2 * i], 0, tm->df.slot[2 * i + 1]);
    if (bad || (tm->df.big && sv_keymap_each(tm->df.big, save_df, &im) != 0)) {
        s = db_error(tm, diags, "cannot update the trigram statistics");
        goto done;
    }
    sqlite3_stmt *up = prep(tm, "UPDATE source SET tus = ?, added = ?, duplicates = ?,"
                                " skipped = ? WHERE id = ?");
    if (up) {
        sqlite3_bind_int64(up, 1, (sqlite3_int64)(res->read + res->skipped));
        sqlite3_bind_int64(up, 2, (sqlite3_int64)res->added);
        sqlite3_bind_int64(up, 3, (sqlite3_int64)res->duplicates);
        sqlite3_bind_int64(up, 4, (sqlite3_int64)res->skipped);
        sqlite3_bind_int64(up, 5, im.source);
    }
    if (!up || step_done(up) != 0) {
        sqlite3_finalize(up);
        s = db_error(tm, diags, "cannot record the import");
        goto done;
    }
    sqlite3_finalize(up);
    for (int i = 0; i < Q_N; i++) {
        sqlite3_finalize(im.q[i]);
        im.q[i] = NULL;
    }
    if (o.progress)
        o.progress(o.progress_ctx, sv_tmx_reader_offset(r), res->read);
    if (exec(tm, "COMMIT") != SQLITE_OK) {
        s = db_error(tm, diags, "cannot commit the import");
        goto done;
    }
    in_tx = 0;
done:
    tm->counting = 0;
    for (int i = 0; i < Q_N; i++)
        sqlite3_finalize(im.q[i]);
    if (in_tx)
        exec(tm, "ROLLBACK");
    if (s != SV_OK)
        memset(res, 0, sizeof *res);
    sv_buf_free(&im.meta);
    sv_tmx_reader_free(r);
    free(real);
    return s;
}

/* ---- iteration ----------------------------------------------------- */

void sv_tm_filter_init(sv_tm_filter *f)
{
    f->srclang = NULL;
    f->tgtlang = NULL;
    f->min_score = -1;
    f->keep_unscored = 0;
}

sv_status sv_tm_each(sv_tm *tm, const sv_tm_filter *filter, sv_tm_each_fn fn, void *ctx,
                     sv_diags *diags)
{
    sv_tm_filter f;
    if (filter)
        f = *filter;
    else
        sv_tm_filter_init(&f);
    const char *sql =
        f.min_score < 0
            ? "SELECT id, src_lang, tgt_lang, src, tgt, src_xml, tgt_xml, tuid, score, bead,"
              " srcdoc, tgtdoc, date, meta FROM tu ORDER BY id"
            : f.keep_unscored
                  ? "SELECT id, src_lang, tgt_lang, src, tgt, src_xml, tgt_xml, tuid, score, bead,"
                    " srcdoc, tgtdoc, date, meta FROM tu WHERE score IS NULL OR score >= ?"
                    " ORDER BY id"
                  : "SELECT id, src_lang, tgt_lang, src, tgt, src_xml, tgt_xml, tuid, score, bead,"
                    " srcdoc, tgtdoc, date, meta FROM tu WHERE score >= ? ORDER BY id";
    sqlite3_stmt *st = prep(tm, sql);
    if (!st)
        return db_error(tm, diags, "cannot read the translation memory");
    if (f.min_score >= 0)
        sqlite3_bind_double(st, 1, f.min_score);
    int rc;
    sv_status s = SV_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sv_tu tu;
        sv_tu_init(&tu);
        tu.srclang = (const char *)sqlite3_column_text(st, 1);
        tu.tgtlang = (const char *)sqlite3_column_text(st, 2);
        if ((f.srclang && !sv_tmx_lang_match(f.srclang, tu.srclang)) ||
            (f.tgtlang && !sv_tmx_lang_match(f.tgtlang, tu.tgtlang)))
            continue;
        tu.src = col_text(st, 3, &tu.src_len);
        tu.tgt = col_text(st, 4, &tu.tgt_len);
        tu.src_xml = col_text(st, 5, &tu.src_xml_len);
        tu.tgt_xml = col_text(st, 6, &tu.tgt_xml_len);
        tu.tuid = col_text(st, 7, NULL);
        tu.score = sqlite3_column_type(st, 8) == SQLITE_NULL ? -1 : sqlite3_column_double(st, 8);
        tu.bead = col_text(st, 9, NULL);
        tu.srcdoc = col_text(st, 10, NULL);
        tu.tgtdoc = col_text(st, 11, NULL);
        tu.date = col_text(st, 12, NULL);
        size_t mlen;
        const char *m = col_text(st, 13, &mlen);
        sv_arena *a = sv_arena_new();
        if (m)
            decode_meta(m, mlen, a, &tu);
        int stop = fn(ctx, &tu);
        sv_arena_free(a);
        if (stop) {
            s = SV_ERR_INTERRUPTED;
            break;
        }
    }
    if (s == SV_OK && rc != SQLITE_DONE)
        s = db_error(tm, diags, "cannot read the translation memory");
    sqlite3_finalize(st);
    return s;
}

/* ---- statistics ---------------------------------------------------- */

static long long scalar(sv_tm *tm, const char *sql)
{
    sqlite3_stmt *st = prep(tm, sql);
    long long v = -1;
    if (st && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

sv_status sv_tm_get_stats(sv_tm *tm, sv_tm_stats **out, sv_diags *diags)
{
    sv_tm_stats *s = xcalloc(1, sizeof *s);
    if (exec(tm, "BEGIN") != SQLITE_OK) { /* one snapshot for every figure */
        free(s);
        return db_error(tm, diags, "cannot read the translation memory");
    }
    sqlite3_stmt *st = prep(tm, "SELECT count(*), count(score), min(score), avg(score),"
                                " max(score), sum(src_xml IS NOT NULL OR tgt_xml IS NOT NULL),"
                                " min(date), max(date) FROM tu");
    int ok = st && sqlite3_step(st) == SQLITE_ROW;
    if (ok) {
        s->units = (size_t)sqlite3_column_int64(st, 0);
        s->scored = (size_t)sqlite3_column_int64(st, 1);
        s->score_min = sqlite3_column_double(st, 2);
        s->score_mean = sqlite3_column_double(st, 3);
        s->score_max = sqlite3_column_double(st, 4);
        s->with_markup = (size_t)sqlite3_column_int64(st, 5);
        s->oldest = col_dup(st, 6);
        s->newest = col_dup(st, 7);
    }
    sqlite3_finalize(st);
    long long occ = scalar(tm, "SELECT count(*) FROM occurrence");
    s->occurrences = s->units + (occ > 0 ? (size_t)occ : 0);
    st = ok ? prep(tm, "SELECT src_lang, tgt_lang, count(*) FROM tu GROUP BY src_lang, tgt_lang"
                       " ORDER BY 3 DESC")
            : NULL;
    size_t cap = 0;
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        sv_tm_pair p = {col_dup(st, 0), col_dup(st, 1), (size_t)sqlite3_column_int64(st, 2)};
        SV_PUSH(s->pairs, s->npairs, cap, p);
    }
    ok = ok && st;
    sqlite3_finalize(st);
    st = ok ? prep(tm, "SELECT path, imported, tus, added, duplicates, skipped FROM source"
                       " ORDER BY id")
            : NULL;
    cap = 0;
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        sv_tm_source x = {col_dup(st, 0), col_dup(st, 1), (size_t)sqlite3_column_int64(st, 2),
                          (size_t)sqlite3_column_int64(st, 3),
                          (size_t)sqlite3_column_int64(st, 4),
                          (size_t)sqlite3_column_int64(st, 5)};
        SV_PUSH(s->sources, s->nsources, cap, x);
    }
    ok = ok && st;
    sqlite3_finalize(st);
    s->bytes = scalar(tm, "SELECT page_count * page_size FROM pragma_page_count(),"
                          " pragma_page_size()");
    exec(tm, "COMMIT");
    if (!ok) {
        sv_tm_stats_free(s);
        return db_error(tm, diags, "cannot read the translation memory");
    }
    *out = s;
    return SV_OK;
}

void sv_tm_stats_free(sv_tm_stats *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->npairs; i++) {
        free(s->pairs[i].srclang);
        free(s->pairs[i].tgtlang);
    }
    for (size_t i = 0; i < s->nsources; i++) {
        free(s->sources[i].path);
        free(s->sources[i].imported);
    }
    free(s->pairs);
    free(s->sources);
    free(s->oldest);
    free(s->newest);
    free(s);
}

/* ---- checking ------------------------------------------------------ */

sv_status sv_tm_check(sv_tm *tm, sv_diags *diags)
{
    int bad = 0;
    sqlite3_stmt *st = prep(tm, "PRAGMA integrity_check");
    int rc;
    while (st && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *m = (const char *)sqlite3_column_text(st, 0);
        if (m && strcmp(m, "ok") != 0) {
            sv_diags_add(diags, SV_ERROR, tm->path, 0, 0, -1, "integrity check: %s", m);
            bad = 1;
        }
    }
    sqlite3_finalize(st);
    if (!st)
        return db_error(tm, diags, "cannot check the database");
    if (!tm->readonly &&
        exec(tm, "INSERT INTO tu_fts(tu_fts) VALUES('integrity-check')") != SQLITE_OK) {
        sv_diags_add(diags, SV_ERROR, tm->path, 0, 0, -1, "full-text index: %s",
                     sqlite3_errmsg(tm->db));
        bad = 1;
    }
    static const struct {
        const char *sql, *what;
    } q[] = {
        {"SELECT (SELECT count(*) FROM tu) - (SELECT coalesce(sum(added), 0) FROM source)",
         "units stored and units the imports added differ by"},
        {"SELECT (SELECT count(*) FROM occurrence)"
         " - (SELECT coalesce(sum(duplicates), 0) FROM source)",
         "occurrences stored and duplicates the imports met differ by"},
        {"SELECT count(*) FROM source WHERE tus IS NULL OR tus != added + duplicates + skipped",
         "imports with inconsistent counts:"},
        {"SELECT count(*) FROM tu WHERE source NOT IN (SELECT id FROM source)",
         "units from no recorded import:"},
        {"SELECT count(*) FROM occurrence WHERE tu NOT IN (SELECT id FROM tu)",
         "occurrences of no unit:"},
    };
    for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
        long long v = scalar(tm, q[i].sql);
        if (v != 0) {
            sv_diags_add(diags, SV_ERROR, tm->path, 0, 0, -1, "%s %lld", q[i].what, v);
            bad = 1;
        }
    }
    return bad ? SV_ERR_INPUT : SV_OK;
}

/* ---- hits ---------------------------------------------------------- */

static void hit_free(sv_tm_hit *x)
{
    free(x->src);
    free(x->tgt);
    free(x->srclang);
    free(x->tgtlang);
    free(x->tuid);
    free(x->date);
    free(x->origin);
    free(x->spans);
}

void sv_tm_hits_free(sv_tm_hits *h)
{
    for (size_t i = 0; i < h->n; i++)
        hit_free(&h->v[i]);
    free(h->v);
    h->v = NULL;
    h->n = h->cap = 0;
}

static const char hit_sql[] =
    "SELECT tu.src, tu.tgt, tu.src_lang, tu.tgt_lang, tu.tuid, tu.date, tu.score, source.path"
    " FROM tu LEFT JOIN source ON source.id = tu.source WHERE tu.id = ?";

/* Fills a hit from a row of hit_sql; side 1 swaps source and target. */
static void fill_hit(sv_tm_hit *h, sqlite3_stmt *st, long long id, int side)
{
    memset(h, 0, sizeof *h);
    h->id = id;
    h->src = col_dup(st, side ? 1 : 0);
    h->tgt = col_dup(st, side ? 0 : 1);
    h->srclang = col_dup(st, side ? 3 : 2);
    h->tgtlang = col_dup(st, side ? 2 : 3);
    h->tuid = col_dup(st, 4);
    h->date = col_dup(st, 5);
    h->score = sqlite3_column_type(st, 6) == SQLITE_NULL ? -1 : sqlite3_column_double(st, 6);
    h->origin = col_dup(st, 7);
}

static const char *query_lang(const char *text, size_t len)
{
    sv_script_count sc = {0, 0, 0};
    sv_script_count_add(&sc, text, len);
    return sv_script_lang(&sc) == SV_LANG_RU ? "ru" : "en";
}

/* ---- lookup -------------------------------------------------------- */

void sv_tm_lookup_opts_init(sv_tm_lookup_opts *o)
{
    o->srclang = NULL;
    o->tgtlang = NULL;
    o->min_match = 50;
    o->limit = 5;
    o->candidates = 60;
    o->postings = 200000;
}

typedef struct {
    char tri[16];
    size_t tok;
    long long df;
    int picked;
} qtri;

typedef struct {
    qtri *v;
    size_t n, cap;
} qtri_list;

static int add_qtri(void *ctx, const char *tri, size_t len, size_t tok)
{
    qtri_list *l = ctx;
    qtri q;
    memset(&q, 0, sizeof q);
    memcpy(q.tri, tri, len < 15 ? len : 15);
    q.tok = tok;
    SV_PUSH(l->v, l->n, l->cap, q);
    return 0;
}

static int by_df(const void *a, const void *b)
{
    long long x = ((const qtri *)a)->df, y = ((const qtri *)b)->df;
    return x < y ? -1 : x > y;
}

/* Candidate scores: an open-addressing map from FTS rowid to weight. */
typedef struct {
    long long key; /* rowid + 1; 0 = empty */
    double w;
} cand;

typedef struct {
    cand *v;
    size_t cap, n;
} cand_map;

static void cand_add(cand_map *m, long long rowid, double w)
{
    if ((m->n + 1) * 2 > m->cap) {
        size_t ncap = m->cap ? m->cap * 2 : 4096;
        cand *nv = xcalloc(ncap, sizeof *nv);
        for (size_t i = 0; i < m->cap; i++) {
            if (!m->v[i].key)
                continue;
            size_t h = (size_t)((uint64_t)m->v[i].key * 0x9e3779b97f4a7c15ULL >> 17) & (ncap - 1);
            while (nv[h].key)
                h = (h + 1) & (ncap - 1);
            nv[h] = m->v[i];
        }
        free(m->v);
        m->v = nv;
        m->cap = ncap;
    }
    long long key = rowid + 1;
    size_t h = (size_t)((uint64_t)key * 0x9e3779b97f4a7c15ULL >> 17) & (m->cap - 1);
    while (m->v[h].key && m->v[h].key != key)
        h = (h + 1) & (m->cap - 1);
    if (!m->v[h].key) {
        m->v[h].key = key;
        m->n++;
    }
    m->v[h].w += w;
}

static int by_weight(const void *a, const void *b)
{
    double x = ((const cand *)a)->w, y = ((const cand *)b)->w;
    if (x != y)
        return x > y ? -1 : 1;
    long long p = ((const cand *)a)->key, q = ((const cand *)b)->key;
    return p < q ? -1 : p > q; /* older units first on ties: stable results */
}

/* A min-heap (by_weight order reversed: the worst kept candidate on top)
 * of at most cap candidates. */
static void heap_offer(cand *h, size_t *n, size_t cap, cand c)
{
    if (*n == cap) {
        if (by_weight(&c, &h[0]) >= 0)
            return; /* not better than the worst kept */
        h[0] = c;
        size_t i = 0;
        for (;;) { /* sift down: the worst child rises */
            size_t l = 2 * i + 1, r = l + 1, m = i;
            if (l < cap && by_weight(&h[l], &h[m]) > 0)
                m = l;
            if (r < cap && by_weight(&h[r], &h[m]) > 0)
                m = r;
            if (m == i)
                break;
            cand t = h[i];
            h[i] = h[m];
            h[m] = t;
            i = m;
        }
        return;
    }
    size_t i = (*n)++;
    h[i] = c;
    while (i > 0) { /* sift up */
        size_t p = (i - 1) / 2;
        if (by_weight(&h[i], &h[p]) <= 0)
            break;
        cand t = h[i];
        h[i] = h[p];
        h[p] = t;
        i = p;
    }
}

static int by_match(const void *a, const void *b)
{
    const sv_tm_hit *x = a, *y = b;
    if (x->match != y->match)
        return x->match > y->match ? -1 : 1;
    int c = strcmp(y->date ? y->date : "", x->date ? x->date : ""); /* newest first */
    if (c)
        return c;
    return x->id < y->id ? -1 : x->id > y->id;
}

/* Looks up the document frequency of each query trigram and marks those
 * to read: the rarest trigram of every word first, then the rarest of the
 * rest, while the postings budget allows. */
static int pick_trigrams(sv_tm *tm, qtri_list *q, size_t budget)
{
    sqlite3_stmt *st = prep(tm, "SELECT df FROM tri_df WHERE term = ?");
    if (!st)
        return -1;
    for (size_t i = 0; i < q->n; i++) {
        sqlite3_bind_text(st, 1, q->v[i].tri, -1, SQLITE_STATIC);
        q->v[i].df = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        if (q->v[i].df <= 0)
            q->v[i].df = 1; /* not counted (df is sampled): rare, or absent */
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    if (q->n > 1)
        qsort(q->v, q->n, sizeof *q->v, by_df);
    size_t used = 0, picked = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < q->n && picked < 64; i++) {
            qtri *t = &q->v[i];
            if (t->picked)
                continue;
            if (pass == 0) {
                int word_done = 0;
                for (size_t j = 0; j < q->n; j++)
                    word_done |= q->v[j].picked && q->v[j].tok == t->tok;
                if (word_done)
                    continue;
            }
            if (used + (size_t)t->df > budget && picked >= 3)
                continue;
            t->picked = 1;
            used += (size_t)t->df;
            picked++;
        }
    }
    return 0;
}

sv_status sv_tm_lookup(sv_tm *tm, const char *text, size_t len, const sv_tm_lookup_opts *opts,
                       sv_tm_hits *out, sv_diags *diags)
{
    sv_tm_lookup_opts o;
    if (opts)
        o = *opts;
    else
        sv_tm_lookup_opts_init(&o);
    const char *lang = o.srclang ? o.srclang : query_lang(text, len);
    sv_fuzzy *fz = sv_fuzzy_new();
    sv_fuzzy_set_query(fz, text, len);
    qtri_list q = {NULL, 0, 0};
    sv_trigrams(sv_fuzzy_query_tokens(fz), add_qtri, &q);
    short_words(sv_fuzzy_query_tokens(fz), add_qtri, &q);
    cand_map cm = {NULL, 0, 0};
    sv_status s = SV_OK;
    sqlite3_stmt *st = NULL;
    if (exec(tm, "BEGIN") != SQLITE_OK) { /* one snapshot while an import runs */
        s = db_error(tm, diags, "cannot read the translation memory");
        goto done;
    }
    long long maxid = scalar(tm, "SELECT max(id) FROM tu");
    double ndocs = maxid > 0 ? 2.0 * (double)maxid : 1.0;
    if (pick_trigrams(tm, &q, o.postings) != 0) {
        s = db_error(tm, diags, "cannot read the trigram statistics");
        goto done;
    }
    st = prep(tm, "SELECT rowid FROM tu_fts WHERE tu_fts MATCH ?");
    if (!st) {
        s = db_error(tm, diags, "cannot query the index");
        goto done;
    }
    for (size_t i = 0; i < q.n; i++) {
        if (!q.v[i].picked)
            continue;
        char match[40];
        snprintf(match, sizeof match, "\"%s\"", q.v[i].tri);
        double w = log(1.0 + ndocs / (double)q.v[i].df);
        sqlite3_bind_text(st, 1, match, -1, SQLITE_TRANSIENT);
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW)
            cand_add(&cm, sqlite3_column_int64(st, 0), w);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE) {
            s = db_error(tm, diags, "cannot query the index");
            goto done;
        }
    }
    sqlite3_finalize(st);
    st = NULL;
    /* the best-weighted candidates (a heap keeps the top ones: sorting
     * every candidate took most of the time), then their exact match
     * percentage */
    size_t keep = o.candidates * 4 + 16, nc = 0;
    cand *top = xmalloc(keep * sizeof *top);
    for (size_t i = 0; i < cm.cap; i++)
        if (cm.v[i].key)
            heap_offer(top, &nc, keep, cm.v[i]);
    if (nc > 0) {
        memcpy(cm.v, top, nc * sizeof *top);
        qsort(cm.v, nc, sizeof *cm.v, by_weight);
    }
    free(top);
    st = prep(tm, hit_sql);
    if (!st) {
        s = db_error(tm, diags, "cannot read the translation memory");
        goto done;
    }
    size_t first = out->n, tried = 0;
    for (size_t i = 0; i < nc && tried < o.candidates; i++) {
        long long rowid = cm.v[i].key - 1;
        int side = (int)(rowid & 1);
        sqlite3_bind_int64(st, 1, rowid >> 1);
        if (sqlite3_step(st) == SQLITE_ROW) {
            const char *sl = (const char *)sqlite3_column_text(st, side ? 3 : 2);
            const char *tl = (const char *)sqlite3_column_text(st, side ? 2 : 3);
            if (sv_tmx_lang_match(lang, sl) && (!o.tgtlang || sv_tmx_lang_match(o.tgtlang, tl))) {
                tried++;
                size_t n;
                const char *t = col_text(st, side, &n);
                int pct = sv_fuzzy_score(fz, t ? t : "", n);
                if (pct >= o.min_match) {
                    sv_tm_hit h;
                    fill_hit(&h, st, rowid >> 1, side);
                    h.match = pct;
                    SV_PUSH(out->v, out->n, out->cap, h);
                }
            }
        }
        sqlite3_reset(st);
    }
    if (out->n > first + 1)
        qsort(out->v + first, out->n - first, sizeof *out->v, by_match);
    while (out->n - first > o.limit)
        hit_free(&out->v[--out->n]);
    if (q.n == 0)
        sv_diags_add(diags, SV_NOTE, NULL, 0, 0, -1,
                     "the query has no word of three letters or more: nothing to search for");
done:
    sqlite3_finalize(st);
    exec(tm, "COMMIT");
    free(cm.v);
    free(q.v);
    sv_fuzzy_free(fz);
    return s;
}

/* ---- concordance --------------------------------------------------- */

void sv_tm_conc_opts_init(sv_tm_conc_opts *o)
{
    o->limit = 50;
}

static struct sb_stemmer *stemmer_for(sv_tm *tm, const char *lang)
{
    if (sv_tmx_lang_match("ru", lang)) {
        if (!tm->stem_ru)
            tm->stem_ru = sb_stemmer_new("russian", "UTF_8");
        return tm->stem_ru;
    }
    if (sv_tmx_lang_match("en", lang)) {
        if (!tm->stem_en)
            tm->stem_en = sb_stemmer_new("english", "UTF_8");
        return tm->stem_en;
    }
    return NULL;
}

/* The stems of the words and numbers of a token list, one after another
 * in buf, each with the index of its token. */
typedef struct {
    size_t off, len, tok;
} stem_ent;

typedef struct {
    sv_buf buf;
    stem_ent *v;
    size_t n, cap;
} stems;

static void stems_of(struct sb_stemmer *sb, const sv_tokens *t, stems *s)
{
    sv_buf_reset(&s->buf);
    s->n = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (t->v[i].kind != SV_TOK_WORD && t->v[i].kind != SV_TOK_NUMBER)
            continue;
        size_t flen;
        const char *f = sv_token_folded(t, i, &flen);
        stem_ent e = {s->buf.len, 0, i};
        const sb_symbol *r = NULL;
        if (sb && t->v[i].kind == SV_TOK_WORD && flen < INT_MAX)
            r = sb_stemmer_stem(sb, (const sb_symbol *)f, (int)flen);
        if (r)
            sv_buf_append(&s->buf, (const char *)r, (size_t)sb_stemmer_length(sb));
        else
            sv_buf_append(&s->buf, f, flen);
        e.len = s->buf.len - e.off;
        SV_PUSH(s->v, s->n, s->cap, e);
    }
}

static void stems_free(stems *s)
{
    sv_buf_free(&s->buf);
    free(s->v);
}

/* Is y the stem x without a fleeting е or о before its last letter
 * (уровен/уровн, отец/отц, ден/дн), which Snowball leaves apart? */
static int fleeting(const char *x, size_t nx, const char *y, size_t ny)
{
    if (nx != ny + 2 || nx < 6)
        return 0;
    const char *v = x + nx - 4; /* the letter before the last, two bytes in Cyrillic */
    int vowel = (v[0] == '\xD0' && v[1] == '\xB5') || (v[0] == '\xD0' && v[1] == '\xBE');
    return vowel && (x[nx - 2] & 0xC0) != 0x80 && memcmp(x, y, nx - 4) == 0 &&
           memcmp(x + nx - 2, y + ny - 2, 2) == 0;
}

static int stem_eq(const stems *a, size_t i, const stems *b, size_t j)
{
    const char *x = a->buf.ptr + a->v[i].off, *y = b->buf.ptr + b->v[j].off;
    size_t nx = a->v[i].len, ny = b->v[j].len;
    return (nx == ny && memcmp(x, y, nx) == 0) || fleeting(x, nx, y, ny) ||
           fleeting(y, ny, x, nx);
}

/* Finds the term's stems in the text's, consecutively; adds spans to h. */
static size_t find_term(const stems *term, const stems *text, const sv_tokens *tt, sv_tm_hit *h)
{
    size_t found = 0, cap = 0, nsp = 0;
    if (term->n == 0)
        return 0;
    for (size_t i = 0; i + term->n <= text->n; i++) {
        size_t k = 0;
        while (k < term->n && stem_eq(term, k, text, i + k))
            k++;
        if (k < term->n)
            continue;
        const sv_token *a = &tt->v[text->v[i].tok], *b = &tt->v[text->v[i + term->n - 1].tok];
        if (h) {
            sv_grow(&h->spans, &cap, nsp + 2, sizeof *h->spans);
            h->spans[nsp++] = a->start;
            h->spans[nsp++] = b->start + b->len;
            h->nspans = nsp / 2;
        }
        found++;
        i += term->n - 1;
    }
    return found;
}

typedef struct {
    sv_tm *tm;
    sv_tokens term_toks, text_toks;
    stems term_stems, text_stems;
    const char *term_lang;
} conc;

/* Checks one side of a unit; appends a hit when the term is there. */
static int conc_check(conc *c, sqlite3_stmt *st, long long id, int side, sv_tm_hits *out)
{
    const char *lang = (const char *)sqlite3_column_text(st, side ? 3 : 2);
    size_t n;
    const char *text = col_text(st, side, &n);
    if (!text)
        return 0;
    struct sb_stemmer *sb = stemmer_for(c->tm, lang);
    stems_of(sb, &c->term_toks, &c->term_stems);
    sv_tokenize(text, n, &c->text_toks);
    stems_of(sb, &c->text_toks, &c->text_stems);
    if (!find_term(&c->term_stems, &c->text_stems, &c->text_toks, NULL))
        return 0;
    sv_tm_hit h;
    fill_hit(&h, st, id, side);
    find_term(&c->term_stems, &c->text_stems, &c->text_toks, &h);
    SV_PUSH(out->v, out->n, out->cap, h);
    return 1;
}

sv_status sv_tm_concordance(sv_tm *tm, const char *term, size_t len, const sv_tm_conc_opts *opts,
                            sv_tm_hits *out, sv_diags *diags)
{
    sv_tm_conc_opts o;
    if (opts)
        o = *opts;
    else
        sv_tm_conc_opts_init(&o);
    conc c;
    memset(&c, 0, sizeof c);
    c.tm = tm;
    c.term_lang = query_lang(term, len);
    sv_tokenize(term, len, &c.term_toks);
    /* Index keys: trigrams of the term's stems without their last two
     * letters (a word's stem is usually a prefix of every form of it, but
     * the end of a stem may change: уровень, уровня), the rarest two per
     * word. */
    stems_of(stemmer_for(tm, c.term_lang), &c.term_toks, &c.term_stems);
    sv_tokens stem_toks = SV_TOKENS_INIT;
    sv_buf joined = SV_BUF_INIT;
    for (size_t i = 0; i < c.term_stems.n; i++) {
        const char *st0 = c.term_stems.buf.ptr + c.term_stems.v[i].off;
        size_t n = c.term_stems.v[i].len, cps = 0;
        for (size_t k = 0; k < n; k++)
            cps += ((unsigned char)st0[k] & 0xC0) != 0x80;
        size_t keep = cps >= 5 ? cps - 2 : cps >= 3 ? 3 : 0, cut = 0;
        for (size_t k = 0; k < keep; k++) { /* the first keep letters */
            cut++;
            while (cut < n && ((unsigned char)st0[cut] & 0xC0) == 0x80)
                cut++;
        }
        if (keep) {
            sv_buf_append(&joined, st0, cut);
            sv_buf_putc(&joined, ' ');
        }
    }
    sv_tokenize(joined.ptr ? joined.ptr : "", joined.len, &stem_toks);
    qtri_list q = {NULL, 0, 0};
    sv_trigrams(&stem_toks, add_qtri, &q);
    sv_status s = SV_OK;
    sqlite3_stmt *st = NULL, *row = NULL;
    if (c.term_stems.n == 0) {
        sv_diags_add(diags, SV_ERROR, NULL, 0, 0, -1, "the term has no words");
        s = SV_ERR_ARG;
        goto done;
    }
    if (exec(tm, "BEGIN") != SQLITE_OK) {
        s = db_error(tm, diags, "cannot read the translation memory");
        goto done;
    }
    if (pick_trigrams(tm, &q, (size_t)-1) != 0) {
        s = db_error(tm, diags, "cannot read the trigram statistics");
        goto done;
    }
    sv_buf m = SV_BUF_INIT;
    size_t per_word_seen[64] = {0}, used = 0;
    for (size_t i = 0; i < q.n; i++) { /* sorted by df: rarest first */
        size_t w = q.v[i].tok < 64 ? q.v[i].tok : 63;
        if (per_word_seen[w] >= 2)
            continue;
        per_word_seen[w]++;
        if (used++)
            sv_buf_puts(&m, " AND ");
        sv_buf_printf(&m, "\"%s\"", q.v[i].tri);
    }
    row = prep(tm, "SELECT src, tgt, src_lang, tgt_lang, tuid, date, score,"
                   " (SELECT path FROM source WHERE source.id = tu.source), id FROM tu"
                   " WHERE id = ?");
    if (used > 0) {
        st = prep(tm, "SELECT rowid FROM tu_fts WHERE tu_fts MATCH ?");
        if (st)
            sqlite3_bind_text(st, 1, m.ptr, (int)m.len, SQLITE_TRANSIENT);
    } else {
        sv_diags_add(diags, SV_NOTE, NULL, 0, 0, -1,
                     "the term's words are too short for the index: reading every unit");
        st = prep(tm, "SELECT id * 2 FROM tu UNION ALL SELECT id * 2 + 1 FROM tu ORDER BY 1");
    }
    sv_buf_free(&m);
    if (!st || !row) {
        s = db_error(tm, diags, "cannot query the index");
        goto done;
    }
    size_t found = 0;
    long long last_id = -1;
    int rc;
    while (found < o.limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        long long rowid = sqlite3_column_int64(st, 0);
        long long id = rowid >> 1;
        if (id == last_id)
            continue; /* both sides matched: one hit per unit */
        sqlite3_bind_int64(row, 1, id);
        if (sqlite3_step(row) == SQLITE_ROW && conc_check(&c, row, id, (int)(rowid & 1), out)) {
            found++;
            last_id = id;
        }
        sqlite3_reset(row);
    }
done:
    sqlite3_finalize(st);
    sqlite3_finalize(row);
    exec(tm, "COMMIT");
    free(q.v);
    sv_tokens_free(&stem_toks);
    sv_buf_free(&joined);
    sv_tokens_free(&c.term_toks);
    sv_tokens_free(&c.text_toks);
    stems_free(&c.term_stems);
    stems_free(&c.text_stems);
    return s;
}
