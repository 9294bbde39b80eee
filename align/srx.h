/* srx.h - SRX 2.0 (and 1.0) segmentation rules, as OmegaT, Okapi and Trados
 * export them, run with ICU regular expressions.
 *
 * Semantics (SRX 2.0, section 2): at every position between two
 * characters the rules of the language are tried in order; the first rule
 * whose <beforebreak> matches text ending there and whose <afterbreak>
 * matches text starting there decides (break="yes" or "no").  Where no
 * rule matches there is no break.  Languages are chosen by the
 * <languagemap> patterns, matched against "en"/"ru" (and "EN-US"/"RU-RU");
 * with cascade="yes" the rules of every matching map are used in order.
 * Long texts are matched in windows of 1 MiB with 4 KB of context on each
 * side, so memory stays small whatever the paragraph's length.
 */
#ifndef SV_SRX_H
#define SV_SRX_H

#include <stddef.h>

#include "../base/status.h"
#include "lang.h"

typedef struct sv_srx sv_srx;

/* Loads and compiles an SRX file; errors (unreadable file, malformed XML,
 * a rule whose regex ICU cannot compile) name the file and line. */
sv_status sv_srx_load(const char *path, sv_srx **out, sv_diags *diags);
/* Same from memory; name is used in diagnostics. */
sv_status sv_srx_load_mem(const char *name, const char *data, size_t len, sv_srx **out,
                          sv_diags *diags);
void sv_srx_free(sv_srx *s);

/* Number of rules that apply to lang. */
size_t sv_srx_rule_count(const sv_srx *s, sv_lang lang);

/* Splits text into segments by the rules for lang: *bounds gets start/end
 * byte offset pairs of the non-empty trimmed segments (caller frees).
 * Not thread-safe on one sv_srx (compiled regexes are reused); load one per
 * thread. */
sv_status sv_srx_split(const sv_srx *s, sv_lang lang, const char *text, size_t len,
                       size_t **bounds, size_t *nbounds, sv_diags *diags);

#endif
