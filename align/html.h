/* html.h - the article text of an HTML or XHTML page, block by block.
 *
 * Input must already be valid UTF-8 (see encoding.h): libxml2 is told so,
 * and the page's own charset declaration is ignored, which avoids libxml2's
 * Latin-1 fallbacks.  Scripts, styles, navigation, headers, footers, asides,
 * forms, figures and the like are skipped; p, h1-h6, li, td, div, ... end a
 * block; <br><br> ends a block, a single <br> is a space.  Blocks inside
 * elements whose class or id names page furniture (breadcrumb, share,
 * social, menu, related, ...) are kept but flagged as boilerplate.
 */
#ifndef SV_HTML_H
#define SV_HTML_H

#include <stddef.h>

#include "../base/status.h"

typedef struct {
    char *text;      /* entities decoded, whitespace runs collapsed to one space */
    size_t len;
    size_t line;     /* line of the block's first text in the HTML source */
    int heading;     /* inside h1-h6 */
    int boilerplate; /* inside page furniture (see above) */
} sv_html_block;

/* Does the start of data look like HTML (a doctype, <html>, <head>, <body>,
 * or common block tags)? */
int sv_html_sniff(const char *data, size_t len);

/* Extracts the blocks of a page; *blocks (caller frees with
 * sv_html_blocks_free) and *n are set.  name is used in diagnostics. */
sv_status sv_html_extract(const char *utf8, size_t len, const char *name,
                          sv_html_block **blocks, size_t *n, sv_diags *diags);
void sv_html_blocks_free(sv_html_block *blocks, size_t n);

#endif
