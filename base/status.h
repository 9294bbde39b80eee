/* status.h - status codes and diagnostics shared by every sverka module.
 *
 * Every library function that can fail returns an sv_status.  Problems
 * about the user's input (a bad byte, a malformed TMX element, a repair
 * that was made) are not printed: they are appended to an sv_diags list
 * that the caller passed in, with the file, line and column they concern.
 * The command-line front end prints them as "sverka: FILE:LINE: ...".
 */
#ifndef SV_STATUS_H
#define SV_STATUS_H

#include <stdarg.h>
#include <stddef.h>

typedef enum {
    SV_OK = 0,
    SV_ERR_IO,          /* a file could not be read or written */
    SV_ERR_INPUT,       /* the input is malformed or unusable */
    SV_ERR_ENCODING,    /* the input's character encoding is unknown or wrong */
    SV_ERR_LIMIT,       /* the input exceeds a documented size limit */
    SV_ERR_ARG,         /* a bad argument or option value from the caller */
    SV_ERR_UNSUPPORTED, /* a valid request sverka cannot serve */
    SV_ERR_NOTFOUND,    /* a resource (dictionary, language data) is missing */
    SV_ERR_ICU,         /* ICU reported an unexpected failure */
    SV_ERR_XML,         /* libxml2 reported an unexpected failure */
    SV_ERR_DB,          /* SQLite reported a failure */
    SV_ERR_INTERRUPTED, /* the operation was cancelled */
    SV_ERR_INTERNAL     /* a bug in sverka */
} sv_status;

/* A short English description of a status ("input error", ...).  The
 * returned string is static. */
const char *sv_strerror(sv_status st);

typedef enum { SV_NOTE = 0, SV_WARNING, SV_ERROR } sv_severity;

/* One diagnostic.  file may be NULL (no file concerned); line and column
 * are 1-based, 0 when unknown; offset is a byte offset in the input, or -1. */
typedef struct {
    sv_severity severity;
    char *file;
    size_t line;
    size_t column;
    long long offset;
    char *message;
} sv_diag;

/* A growing list of diagnostics.  Every function that takes an sv_diags *
 * accepts NULL, in which case diagnostics are dropped. */
typedef struct sv_diags sv_diags;

/* A new empty list; caller frees with sv_diags_free. */
sv_diags *sv_diags_new(void);
void sv_diags_free(sv_diags *d);

/* Appends a diagnostic; file is copied; the message is printf-formatted.
 * After SV_DIAGS_MAX entries further notes and warnings are counted but
 * not stored (errors always are), so hostile input cannot fill memory. */
void sv_diags_add(sv_diags *d, sv_severity sev, const char *file, size_t line,
                  size_t column, long long offset, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
void sv_diags_vadd(sv_diags *d, sv_severity sev, const char *file, size_t line,
                   size_t column, long long offset, const char *fmt, va_list ap);

#define SV_DIAGS_MAX 1000

size_t sv_diags_count(const sv_diags *d);
/* The i-th stored diagnostic (borrowed; valid until the list changes). */
const sv_diag *sv_diags_get(const sv_diags *d, size_t i);
/* How many diagnostics were dropped after SV_DIAGS_MAX. */
size_t sv_diags_dropped(const sv_diags *d);
/* Number of stored diagnostics of severity sev. */
size_t sv_diags_count_severity(const sv_diags *d, sv_severity sev);
/* Adds copies of src's diagnostics (and its count of dropped ones) to dst. */
void sv_diags_append(sv_diags *dst, const sv_diags *src);
/* Removes every diagnostic. */
void sv_diags_clear(sv_diags *d);
/* Moves every diagnostic of src to the end of dst (src becomes empty). */
void sv_diags_move(sv_diags *dst, sv_diags *src);

#endif
