#ifndef HFENV_COMMON_SHORTEN_H
#define HFENV_COMMON_SHORTEN_H

#include "common/text.h"

#include <stdbool.h>
#include <stddef.h>

/* Columns shown takes escaped (common/escape.h), quotes included when quoted. */
size_t shown_width(const char *shown, bool quoted);

/* shown, escaped and in quotes when quoted, in at most width columns: a longer one loses its middle to "...". */
void text_append_shortened(struct text *t, const char *shown, bool quoted, size_t width);

#endif
