/* manifest.h - lists of document pairs: the manifest of 'sverka batch' and
 * 'sverka glossary --manifest', and the JSON-lines requests of
 * 'sverka batch --stdin' (docs/formats.md).
 *
 * A manifest line is  id<TAB>source<TAB>target ; blank lines and lines
 * starting with '#' are skipped; CRLF is accepted.  Relative paths are
 * taken from the manifest's folder.  Ids name output files, so they must
 * be unique, at most 200 bytes, without '/', '\' or control characters and
 * not start with '.'.  Errors name the manifest and the line.
 */
#ifndef SV_MANIFEST_H
#define SV_MANIFEST_H

#include <stddef.h>

#include "status.h"

typedef struct {
    char *id, *src, *tgt; /* NUL-terminated; src and tgt joined to the folder */
    size_t line;          /* 1-based line in the manifest */
} sv_manifest_pair;

typedef struct {
    sv_manifest_pair *v;
    size_t n, cap;
} sv_manifest;

/* Parses data[0,len) (need not be NUL-terminated); name is used in
 * messages, dir ("" or NULL for none) is prefixed to relative paths.
 * Appends to *m (zero it first); on an error returns SV_ERR_INPUT with a
 * diagnostic naming the line, and *m keeps the pairs read before it.
 * An empty manifest is an error. */
sv_status sv_manifest_parse(const char *name, const char *data, size_t len, const char *dir,
                            sv_manifest *m, sv_diags *diags);

/* Reads the manifest file path ("-" = standard input; then relative paths
 * are taken from the current folder). */
sv_status sv_manifest_read(const char *path, sv_manifest *m, sv_diags *diags);

/* Frees the pairs of *m and zeroes it. */
void sv_manifest_free(sv_manifest *m);

/* Is id usable as a file name (the rules above)? */
int sv_manifest_id_ok(const char *id);

/* One request of 'batch --stdin': {"id":..,"source":..,"target":..} where
 * source and target are the documents' texts.  On success the pointers
 * are set into *obj (which the caller frees with sv_json_object_free via
 * sv_manifest_request_free); id is the "id" string or number, or NULL. */
typedef struct {
    const char *id;
    const char *src, *tgt;
    size_t src_len, tgt_len;
    void *obj_; /* private */
} sv_manifest_request;

/* Parses one request line.  On failure returns SV_ERR_INPUT and writes a
 * message of at most msg_size bytes into msg ("column 12: bad escape",
 * or "\"source\" and \"target\" must be strings"); req->id is still set
 * when the line was JSON with an id. */
sv_status sv_manifest_request_parse(const char *line, size_t len, sv_manifest_request *req,
                                    char *msg, size_t msg_size);
void sv_manifest_request_free(sv_manifest_request *req);

#endif
