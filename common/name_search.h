#ifndef HFENV_COMMON_NAME_SEARCH_H
#define HFENV_COMMON_NAME_SEARCH_H

#include <stddef.h>

/*
 * The row named name[0..len) among count rows of size bytes, sorted by name in strcmp order, each a struct
 * whose first member is its const char *name; NULL when none is.
 */
const void *find_named_row(const void *rows, size_t count, size_t size, const char *name, size_t len);

#endif
