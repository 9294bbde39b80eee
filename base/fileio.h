/* fileio.h - reading whole inputs and writing outputs atomically.
 *
 * Every file sverka writes goes through sv_out: the data is written to a
 * temporary file next to the target, flushed and synced, and renamed over
 * the target only when everything succeeded.  A failed or interrupted run
 * therefore never leaves a truncated output and never damages an existing
 * file of the same name.
 */
#ifndef SV_FILEIO_H
#define SV_FILEIO_H

#include <stddef.h>
#include <stdio.h>

#include "buf.h"
#include "status.h"

/* Reads the file at path ("-" = standard input) into a new buffer with a
 * NUL after the last byte.  Inputs larger than max_bytes are refused with
 * SV_ERR_LIMIT; directories and unreadable files give SV_ERR_IO.  On
 * success *data (caller frees) and *len are set. */
sv_status sv_file_read(const char *path, size_t max_bytes, char **data, size_t *len,
                       sv_diags *diags);

/* An output being written. */
typedef struct sv_out sv_out;

/* Starts writing path ("-" = standard output, written directly).  The
 * temporary file is created in the target's directory with the target's
 * future permissions (0666 minus umask, or the mode of the file it
 * replaces). */
sv_status sv_out_open(const char *path, sv_out **out, sv_diags *diags);
/* The stream to write to; borrowed. */
FILE *sv_out_file(sv_out *o);
/* The final path. */
const char *sv_out_path(const sv_out *o);
/* Flushes, syncs and renames the temporary file over the target, then
 * frees o.  Any write error seen on the stream (a full disk, a file size
 * limit) is reported here, the temporary file removed and the target left
 * untouched. */
sv_status sv_out_commit(sv_out *o, sv_diags *diags);
/* Discards what was written and frees o; NULL is a no-op. */
void sv_out_abort(sv_out *o);

/* Removes every temporary file still open.  Async-signal-safe: a signal
 * handler may call it before the process exits. */
void sv_out_cleanup_all(void);

/* Does path name an existing regular file? */
int sv_file_exists(const char *path);

/* Reads one line of f into b (reset first), without its '\n' and a '\r'
 * before it.  A line longer than max bytes is read to its end but only its
 * first max bytes are kept, and *too_long is set (else cleared).  Returns
 * 1 with a line, 0 at the end of input, -1 on a read error (errno set). */
int sv_read_line(FILE *f, sv_buf *b, size_t max, int *too_long);

#endif
