/* pipeline.c - load, detect the language, segment and align: the sequence
 * every command that works on a document pair starts with. */
#include "pipeline.h"

#include <pthread.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>

#include "../base/mem.h"

struct sv_pipeline {
    sv_pipeline_opts o;
    sv_segmenter *sg;
    sv_segmenter *sg2; /* the second document's, made when first needed */
    sv_aligner *al;
};

void sv_pipeline_opts_init(sv_pipeline_opts *o)
{
    memset(o, 0, sizeof *o);
    sv_load_opts_init(&o->load);
    sv_segment_opts_init(&o->segment);
    sv_align_opts_init(&o->align);
}

sv_status sv_pipeline_new(const sv_pipeline_opts *opts, sv_pipeline **out, sv_diags *diags)
{
    *out = NULL;
    sv_pipeline *p = xcalloc(1, sizeof *p);
    if (opts)
        p->o = *opts;
    else
        sv_pipeline_opts_init(&p->o);
    sv_status st = sv_segmenter_new(&p->o.segment, &p->sg, diags);
    if (st == SV_OK)
        st = sv_aligner_new(&p->o.align, &p->al, diags);
    if (st != SV_OK) {
        sv_pipeline_free(p);
        return st;
    }
    *out = p;
    return SV_OK;
}

void sv_pipeline_free(sv_pipeline *p)
{
    if (!p)
        return;
    sv_segmenter_free(p->sg);
    sv_segmenter_free(p->sg2);
    sv_aligner_free(p->al);
    free(p);
}

sv_aligner *sv_pipeline_aligner(sv_pipeline *p)
{
    return p->al;
}

void sv_bitext_free(sv_bitext *b)
{
    if (!b)
        return;
    sv_segs_free(b->src.segs);
    sv_segs_free(b->tgt.segs);
    sv_doc_free(b->src.doc);
    sv_doc_free(b->tgt.doc);
    free(b->links);
    memset(b, 0, sizeof *b);
}

static sv_status load_with(sv_pipeline *p, sv_segmenter *sg, const char *path,
                           const char *data, size_t len, sv_lang lang, sv_side *out,
                           sv_diags *diags);

sv_status sv_pipeline_load(sv_pipeline *p, const char *path, const char *data, size_t len,
                           sv_lang lang, sv_side *out, sv_diags *diags)
{
    return load_with(p, p->sg, path, data, len, lang, out, diags);
}

static sv_status load_with(sv_pipeline *p, sv_segmenter *sg, const char *path,
                           const char *data, size_t len, sv_lang lang, sv_side *out,
                           sv_diags *diags)
{
    memset(out, 0, sizeof *out);
    sv_status st = data ? sv_doc_load_mem(path, data, len, &p->o.load, &out->doc, diags)
                        : sv_doc_load_file(path, &p->o.load, &out->doc, diags);
    if (st != SV_OK)
        return st;
    out->lang = lang;
    if (lang == SV_LANG_UNKNOWN) {
        sv_script_count sc = {0};
        for (size_t i = 0; i < sv_doc_npara(out->doc); i++) {
            const sv_para *para = sv_doc_para(out->doc, i);
            if (para->kind != SV_PARA_BOILERPLATE)
                sv_script_count_add(&sc, para->norm, para->norm_len);
        }
        out->lang = sv_script_lang(&sc);
        if (out->lang == SV_LANG_UNKNOWN) {
            sv_diags_add(diags, SV_ERROR, sv_doc_name(out->doc), 0, 0, -1,
                         "cannot tell the language: no English or Russian text "
                         "(give it with --source-lang/--target-lang)");
            sv_doc_free(out->doc);
            out->doc = NULL;
            return SV_ERR_INPUT;
        }
    }
    st = sv_segment_doc(sg, out->doc, out->lang, &out->segs, diags);
    if (st != SV_OK) {
        sv_doc_free(out->doc);
        out->doc = NULL;
    } else if (p->o.lean) {
        sv_doc_release_index(out->doc);
    }
    return st;
}

/* Below this many bytes together the second thread is not worth it. */
#define PAIR_THREAD_BYTES ((long long)4 << 20)

typedef struct {
    sv_pipeline *p;
    const char *path, *data;
    size_t len;
    sv_side *out;
    sv_diags *diags;
    sv_status st;
} load_job;

static void *load_thread(void *arg)
{
    load_job *j = arg;
    j->st = load_with(j->p, j->p->sg2, j->path, j->data, j->len, j->p->o.tgt_lang, j->out,
                      j->diags);
    return NULL;
}

static long long input_size(const char *path, const char *data, size_t len)
{
    struct stat sb;
    if (data)
        return (long long)len;
    return strcmp(path, "-") && stat(path, &sb) == 0 ? (long long)sb.st_size : 0;
}

sv_status sv_pipeline_load_pair(sv_pipeline *p, const char *src_path, const char *src_data,
                                size_t src_len, const char *tgt_path, const char *tgt_data,
                                size_t tgt_len, sv_bitext *out, sv_diags *diags)
{
    memset(out, 0, sizeof *out);
    int two = p->o.align.threads > 1 &&
              input_size(src_path, src_data, src_len) + input_size(tgt_path, tgt_data, tgt_len) >=
                  PAIR_THREAD_BYTES;
    if (two && !p->sg2 && sv_segmenter_new(&p->o.segment, &p->sg2, NULL) != SV_OK)
        two = 0;
    sv_status st;
    if (two) {
        load_job j = {p, tgt_path, tgt_data, tgt_len, &out->tgt, sv_diags_new(), SV_OK};
        pthread_t th;
        if (pthread_create(&th, NULL, load_thread, &j) != 0) {
            sv_diags_free(j.diags);
            two = 0;
        } else {
            st = load_with(p, p->sg, src_path, src_data, src_len, p->o.src_lang, &out->src,
                           diags);
            pthread_join(th, NULL);
            if (st == SV_OK)
                sv_diags_append(diags, j.diags); /* as the one-thread order would give */
            sv_diags_free(j.diags);
            if (st == SV_OK)
                st = j.st;
        }
    }
    if (!two) {
        st = sv_pipeline_load(p, src_path, src_data, src_len, p->o.src_lang, &out->src, diags);
        if (st == SV_OK)
            st = sv_pipeline_load(p, tgt_path, tgt_data, tgt_len, p->o.tgt_lang, &out->tgt,
                                  diags);
    }
    if (st != SV_OK)
        sv_bitext_free(out);
    return st;
}

sv_status sv_pipeline_align(sv_pipeline *p, sv_bitext *b, int all, sv_diags *diags)
{
    if (b->src.lang == b->tgt.lang) {
        const char *l = b->src.lang == SV_LANG_EN ? "English" : "Russian";
        sv_diags_add(diags, SV_ERROR, sv_doc_name(b->tgt.doc), 0, 0, -1,
                     "%s and %s are both %s; sverka aligns English with Russian "
                     "(--source-lang/--target-lang override the detection)",
                     sv_doc_name(b->src.doc), sv_doc_name(b->tgt.doc), l);
        return SV_ERR_INPUT;
    }
    return sv_align(p->al, b->src.segs->v, b->src.segs->n, b->src.lang, b->tgt.segs->v,
                    b->tgt.segs->n, b->tgt.lang, all, &b->links, &b->nlinks, diags);
}

sv_status sv_pipeline_run(sv_pipeline *p, const char *src_path, const char *src_data,
                          size_t src_len, const char *tgt_path, const char *tgt_data,
                          size_t tgt_len, int all, sv_bitext *out, sv_diags *diags)
{
    sv_status st = sv_pipeline_load_pair(p, src_path, src_data, src_len, tgt_path, tgt_data,
                                         tgt_len, out, diags);
    if (st == SV_OK)
        st = sv_pipeline_align(p, out, all, diags);
    if (st != SV_OK)
        sv_bitext_free(out);
    return st;
}
