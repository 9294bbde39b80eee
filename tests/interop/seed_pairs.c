/* seed_pairs.c - a TMX of the seed pair, written the way the aligner
 * writes its links, for the interoperability tests (until `sverka align`
 * exists this stands in for it).
 *
 *   seed_pairs EN.txt RU.txt OUT.tmx
 *
 * Both seeds are loaded and segmented with sverka's own modules; the
 * pairs below (found by the start of each sentence, so that small changes
 * in segmentation do not silently change the test) are written through
 * the TMX writer with a score, a bead and the seeds as provenance.  The
 * two seeds are comparable texts from two agencies, not translations of
 * each other, so only these hand-picked sentences correspond. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../align/segment.h"
#include "../../align/text.h"
#include "../../base/buf.h"
#include "../../tm/tmx.h"

static const struct {
    const char *en, *ru, *ru2; /* ru2: a second Russian sentence (a 1-2 bead) */
    double score;
} pairs[] = {
    {"Lukashenko: Belarus, Russia", "Лукашенко: нужно стремиться", NULL, 0.71},
    {"\xE2\x80\x9C" "Back then in Minsk", "По его словам, тогда в Минске", NULL, 0.83},
    {"\xE2\x80\x9C" "Largely thanks to your efforts", "Лукашенко отметил, что во многом", NULL, 0.78},
    {"In 2023, the trade exceeded", "«В 2023 году товарооборот", NULL, 0.92},
    {"\xE2\x80\x9C" "It\xE2\x80\x99s a good result", "Хорошая цифра, но", NULL, 0.88},
    {"The region [Voronezh Oblast]", "«Ваш регион вышел на 13-е", NULL, 0.81},
    {"Over the past three years", "«Общая стоимость реализуемых", NULL, 0.76},
    {"Voronezh Oblast is very familiar", "«Вы хорошо знакомы", "Почти вся линейка", 0.74},
    {"MAZ regularly takes part", "По его словам, белорусский флагман МАЗ", NULL, 0.69},
    {"\xE2\x80\x9C" "Yet today, the growing demand", "«Но сегодня растущий спрос", NULL, 0.9},
};

/* The sentences of a file; *doc must outlive them (they borrow its text). */
static sv_segs *segment(const char *path, sv_lang lang, sv_segmenter *sg, sv_doc **doc)
{
    sv_segs *segs = NULL;
    *doc = NULL;
    if (sv_doc_load_file(path, NULL, doc, NULL) != SV_OK ||
        sv_segment_doc(sg, *doc, lang, &segs, NULL) != SV_OK) {
        fprintf(stderr, "seed_pairs: cannot read or segment %s\n", path);
        exit(2);
    }
    return segs;
}

static const sv_sentence *find(const sv_segs *s, const char *prefix, const char *path)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i].kind != SV_SEG_BOILERPLATE && strncmp(s->v[i].text, prefix, strlen(prefix)) == 0)
            return &s->v[i];
    fprintf(stderr, "seed_pairs: no sentence of %s starts with \"%s\"\n", path, prefix);
    exit(2);
}

static const char *base(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: seed_pairs EN.txt RU.txt OUT.tmx\n");
        return 2;
    }
    sv_segmenter *sg;
    if (sv_segmenter_new(NULL, &sg, NULL) != SV_OK)
        return 2;
    sv_doc *den, *dru;
    sv_segs *en = segment(argv[1], SV_LANG_EN, sg, &den), *ru = segment(argv[2], SV_LANG_RU, sg, &dru);
    sv_tmx_header h;
    sv_tmx_header_init(&h);
    h.srcdoc = base(argv[1]);
    h.tgtdoc = base(argv[2]);
    sv_diags *d = sv_diags_new();
    sv_tmx_writer *w;
    if (sv_tmx_writer_open(argv[3], &h, &w, d) != SV_OK)
        return 2;
    sv_buf t = SV_BUF_INIT;
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        const sv_sentence *e = find(en, pairs[i].en, argv[1]);
        const sv_sentence *r = find(ru, pairs[i].ru, argv[2]);
        sv_buf_reset(&t);
        sv_buf_append(&t, r->text, r->len);
        if (pairs[i].ru2) {
            const sv_sentence *r2 = find(ru, pairs[i].ru2, argv[2]);
            sv_buf_putc(&t, ' ');
            sv_buf_append(&t, r2->text, r2->len);
        }
        sv_tu tu;
        sv_tu_init(&tu);
        tu.src = e->text;
        tu.src_len = e->len;
        tu.tgt = t.ptr;
        tu.tgt_len = t.len;
        tu.score = pairs[i].score;
        tu.bead = pairs[i].ru2 ? "1-2" : "1-1";
        if (sv_tmx_write_tu(w, &tu, d) != SV_OK)
            return 2;
    }
    sv_buf_free(&t);
    sv_status st = sv_tmx_writer_close(w, d);
    sv_segs_free(en);
    sv_segs_free(ru);
    sv_doc_free(den);
    sv_doc_free(dru);
    sv_segmenter_free(sg);
    sv_diags_free(d);
    return st == SV_OK ? 0 : 2;
}
