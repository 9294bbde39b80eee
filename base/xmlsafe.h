/* xmlsafe.h - libxml2 set up for untrusted files.
 *
 * No network, no DTD loading, no entity expansion, an external entity
 * loader that refuses every URL, and documents with a DOCTYPE that
 * declares entities refused outright (libxml2 2.9 still expands a
 * "quadratic blowup" if the application asks for node content).
 */
#ifndef SV_XMLSAFE_H
#define SV_XMLSAFE_H

#include <stddef.h>

#include "status.h"

/* Installs the deny-all external entity loader (idempotent, thread-safe).
 * Every module that parses XML calls this first. */
void sv_xml_init(void);

/* The parser options every sverka XML reader uses (XML_PARSE_NONET and
 * no NOENT/DTDLOAD/DTDVALID/HUGE/XINCLUDE), as an int for libxml2 calls. */
int sv_xml_safe_options(void);

/* Does the start of the document hold a DOCTYPE with an internal subset
 * (entity or element declarations)?  Such files are refused. */
int sv_xml_has_internal_subset(const char *data, size_t len);

/* Parses an XML document from memory with the safe options and returns an
 * opaque xmlDoc pointer (cast it to xmlDocPtr), or NULL with an error in
 * diags naming the file and line. */
void *sv_xml_parse_safe(const char *data, size_t len, const char *name, sv_diags *diags);

#endif
