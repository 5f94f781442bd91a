#ifndef HFENV_COMMON_SHORTEN_H
#define HFENV_COMMON_SHORTEN_H

#include "common/text.h"

#include <stdbool.h>
#include <stddef.h>

/*
 * How a value too long for its place loses bytes: a URL, or HOST[:PORT] with or without a path,
 * keeps its scheme, a hidden password's ***@, its host and its port whole and loses the middle of
 * its path, then of its user name, then, when that is not enough, of its host name (its last label
 * kept when it can be, at least two bytes at each end), never its port; a list (a,b,c) loses whole entries in its middle; anything else,
 * or a value that still does not fit, loses its middle, a hidden password and a file's name (after
 * its last '/') kept in sight.  The bytes lost show as "...".
 */

/* Columns shown takes escaped (common/escape.h), quotes included when quoted. */
size_t shown_width(const char *shown, bool quoted);

/* The fewest columns in which shown keeps its host and port whole, quotes included: its width when it has none. */
size_t shown_width_to_keep_host(const char *shown, bool quoted);

/* shown, escaped and in quotes when quoted, in at most width columns (at least 5, 7 quoted). */
void text_append_shortened(struct text *t, const char *shown, bool quoted, size_t width);

#endif
