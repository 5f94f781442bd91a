#include "common/name_search.h"

#include <string.h>

const void *find_named_row(const void *rows, size_t count, size_t size, const char *name, size_t len)
{
	size_t low = 0, high = count;
	while (low < high) {
		size_t middle = low + (high - low) / 2;
		const void *row = (const char *)rows + middle * size;
		const char *row_name = *(const char *const *)row;
		int order = strncmp(row_name, name, len);
		if (order == 0 && row_name[len] == '\0')
			return row;
		if (order >= 0)
			high = middle;
		else
			low = middle + 1;
	}
	return NULL;
}
