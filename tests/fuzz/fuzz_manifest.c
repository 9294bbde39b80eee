/* fuzz_manifest.c - fuzz target: the batch inputs.  The same bytes are read
 * as a manifest (id<TAB>source<TAB>target lines), line by line as
 * 'batch --stdin' requests, and as JSON-lines links ('tm import/merge' of
 * shards).  Checks: every pair has a usable id and non-empty paths, every
 * request that parses has its texts, every link unit has two sides. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../base/manifest.h"
#include "../../tm/linkfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    sv_diags *d = sv_diags_new();
    sv_manifest m = {NULL, 0, 0};
    sv_status st = sv_manifest_parse("fuzz.tsv", text, size, size && data[0] & 1 ? "dir" : "", &m, d);
    if (st == SV_OK && m.n == 0)
        abort();
    if (st != SV_OK && sv_diags_count_severity(d, SV_ERROR) == 0)
        abort(); /* a refusal always says why */
    for (size_t i = 0; i < m.n; i++)
        if (!sv_manifest_id_ok(m.v[i].id) || !m.v[i].src[0] || !m.v[i].tgt[0] || !m.v[i].line)
            abort();
    sv_manifest_free(&m);

    for (size_t i = 0; i < size;) {
        const char *nl = memchr(text + i, '\n', size - i);
        size_t e = nl ? (size_t)(nl - text) : size;
        sv_manifest_request rq;
        char msg[128];
        if (sv_manifest_request_parse(text + i, e - i, &rq, msg, sizeof msg) == SV_OK) {
            if (!rq.src || !rq.tgt || strlen(rq.src) != rq.src_len)
                abort();
        } else if (!msg[0]) {
            abort();
        }
        sv_manifest_request_free(&rq);
        i = e + 1;
    }

    FILE *f = size ? fmemopen((void *)data, size, "rb") : NULL;
    if (f) {
        sv_linkfile *r;
        sv_linkfile_open_stream(f, "fuzz.jsonl", 4096, &r);
        const sv_tu *tu;
        while (sv_linkfile_next(r, &tu, d) == SV_OK && tu)
            if (!tu->src || !tu->tgt)
                abort();
        sv_linkfile_free(r);
        fclose(f);
    }
    sv_diags_free(d);
    return 0;
}
