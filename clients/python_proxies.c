#include "clients/python_proxies.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define PAIRS ((VAR_NO_UPPER + 1) / 2)

/* One entry of the environment that names a proxy variable in some letter case. */
struct spelling {
	const char *name;
	size_t len;
	size_t index;                 /* in the environment */
	const char *value;
	enum hfenv_variable row;      /* the lower-case row */
};

/* One os.environ name: where it first appears, and its last value (Python's dict of the environment). */
struct environ_name {
	size_t first;
	const char *value;
	bool exact_suffix;            /* ends in "_proxy": the second pass reads it */
};

static int by_name_then_index(const void *a, const void *b)
{
	const struct spelling *x = a, *y = b;
	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	int order = memcmp(x->name, y->name, x->len); /* one row, one length */
	if (order != 0)
		return order;
	return x->index < y->index ? -1 : x->index > y->index;
}

static bool same_name(const struct spelling *a, const struct spelling *b)
{
	return a->row == b->row && memcmp(a->name, b->name, a->len) == 0;
}

static size_t read_spellings(char *const envp[], struct spelling *spellings)
{
	size_t count = 0;
	for (size_t i = 0; envp[i] != NULL; i++) {
		const char *eq = strchr(envp[i], '=');
		size_t len = eq ? (size_t)(eq - envp[i]) : 0;
		enum hfenv_variable row = eq ? hfenv_proxy_variable_any_case(envp[i], len) : HFENV_VARIABLES;
		if (row == HFENV_VARIABLES)
			continue;
		if (spellings != NULL)
			spellings[count] = (struct spelling){envp[i], len, i, eq + 1, row};
		count++;
	}
	return count;
}

/* The passes, each name in turn: the later one in os.environ's order (its first appearance) wins. */
static void take_name(const struct environ_name *name, size_t pair, size_t first_pass[PAIRS], size_t second_pass[PAIRS],
		      const char *values[HFENV_VARIABLES])
{
	size_t lower = 2 * pair;
	if (*name->value != '\0' && (first_pass[pair] == SIZE_MAX || name->first > first_pass[pair])) {
		first_pass[pair] = name->first;
		values[lower + 1] = name->value;
	}
	if (name->exact_suffix && (second_pass[pair] == SIZE_MAX || name->first > second_pass[pair])) {
		second_pass[pair] = name->first;
		values[lower] = name->value;
	}
}

int python_proxy_values(char *const envp[], const char *values[HFENV_VARIABLES])
{
	for (enum hfenv_variable v = VAR_HTTP_LOWER; v <= VAR_NO_UPPER; v++)
		values[v] = NULL;
	size_t count = read_spellings(envp, NULL);
	if (count == 0)
		return 0;
	struct spelling *spellings = malloc(count * sizeof *spellings);
	if (spellings == NULL) {
		errno = ENOMEM;
		return -1;
	}
	read_spellings(envp, spellings);
	qsort(spellings, count, sizeof *spellings, by_name_then_index);
	size_t first_pass[PAIRS], second_pass[PAIRS];
	for (size_t pair = 0; pair < PAIRS; pair++)
		first_pass[pair] = second_pass[pair] = SIZE_MAX;
	for (size_t i = 0, next; i < count; i = next) {
		next = i + 1;
		while (next < count && same_name(&spellings[i], &spellings[next]))
			next++;
		const struct spelling *s = &spellings[i];
		struct environ_name name = {s->index, spellings[next - 1].value,
					    memcmp(s->name + s->len - 6, "_proxy", 6) == 0};
		take_name(&name, s->row / 2, first_pass, second_pass, values);
	}
	free(spellings);
	return 0;
}
