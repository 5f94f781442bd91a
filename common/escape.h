#ifndef HFENV_COMMON_ESCAPE_H
#define HFENV_COMMON_ESCAPE_H

#include "common/text.h"

#include <stdbool.h>
#include <stddef.h>

/*
 * Untrusted bytes as every output of hfenv shows them: printable ASCII as it is, any other byte as
 * \xHH, so that a message, a table cell or a tsv field stays one harmless line; inside quotes, a
 * quote or a backslash gets a backslash before it.
 */

/* Columns c takes once escaped. */
size_t escaped_width(unsigned char c, bool quoted);

void text_append_escaped(struct text *t, const char *bytes, size_t n, bool quoted);

/* text escaped, without quotes, malloc'd; NULL on ENOMEM. */
char *hfenv_escape(const char *text);

#endif
