/* linkfile.h - reading sverka's JSON-lines links back as translation units.
 *
 * 'sverka align --format jsonl' and 'sverka batch --stdin' write one JSON
 * object per link (docs/formats.md).  This reader turns such a file into
 * sv_tu values, so that 'sverka tm merge' and 'tm import' can join the
 * shards of a distributed run: the source and target texts, the score, the
 * bead, and the "id" (the document pair) as the unit's source document.
 * Lines that are not links (unlinked sentences, {"id":..,"error":..}) are
 * skipped and counted; a line that is not JSON is an error naming it.
 */
#ifndef SV_LINKFILE_H
#define SV_LINKFILE_H

#include <stddef.h>
#include <stdio.h>

#include "../base/status.h"
#include "tmx.h"

typedef struct sv_linkfile sv_linkfile;

/* Opens path ("-" = standard input).  Lines longer than max_line bytes (0:
 * 64 MiB) are refused. */
sv_status sv_linkfile_open(const char *path, size_t max_line, sv_linkfile **out,
                           sv_diags *diags);
/* Reads the open stream f, named name in messages; borrows f, which must
 * outlive the reader (it is not closed). */
void sv_linkfile_open_stream(FILE *f, const char *name, size_t max_line, sv_linkfile **out);

/* The next unit; *tu is NULL at the end.  The unit is valid until the next
 * call. */
sv_status sv_linkfile_next(sv_linkfile *r, const sv_tu **tu, sv_diags *diags);
/* Lines skipped so far (unlinked sentences, errors). */
size_t sv_linkfile_skipped(const sv_linkfile *r);
void sv_linkfile_free(sv_linkfile *r);

/* Does the start of data look like JSON lines rather than XML? */
int sv_linkfile_sniff(const char *data, size_t len);

#endif
