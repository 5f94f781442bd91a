#include "clients/python_proxies.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define PAIRS ((VAR_NO_UPPER + 1) / 2)
/* A spelling of a pair is its name with some letters upper case: at most 10 letters (https_proxy), 2^10 spellings. */
#define SPELLINGS 1024

/* One os.environ name: where it first appears (+1; 0: absent) and its last value, as Python's dict of the environment. */
struct environ_name {
	size_t first;
	const char *value;
};

/* The name's spelling: bit k set when its k-th letter is upper case (the '_' is no letter). */
static unsigned spelling_of(const char *name, size_t len)
{
	unsigned bits = 0, k = 0;
	for (size_t i = 0; i < len; i++)
		if (name[i] != '_')
			bits |= (unsigned)(name[i] >= 'A' && name[i] <= 'Z') << k++;
	return bits;
}

/* Every spelling of every pair: the first place of its name in envp and its last value. */
static void read_spellings(char *const envp[], struct environ_name names[PAIRS][SPELLINGS])
{
	for (size_t i = 0; envp[i] != NULL; i++) {
		const char *eq = strchr(envp[i], '=');
		size_t len = eq ? (size_t)(eq - envp[i]) : 0;
		enum hfenv_variable row = eq ? hfenv_proxy_variable_any_case(envp[i], len) : HFENV_VARIABLES;
		if (row == HFENV_VARIABLES)
			continue;
		struct environ_name *name = &names[row / 2][spelling_of(envp[i], len)];
		if (name->first == 0)
			name->first = i + 1;
		name->value = eq + 1;
	}
}

/* The two passes over one pair's names: the name that appears later in os.environ wins each. */
static void take_pair(const struct environ_name names[SPELLINGS], size_t len, const char **second, const char **first)
{
	size_t first_at = 0, second_at = 0;
	unsigned proxy = 0x1fu << (len - 6); /* the last 5 of len - 1 letters, "proxy": in lower case, the second pass reads it */
	for (unsigned s = 0; s < SPELLINGS; s++) {
		if (names[s].first == 0)
			continue;
		if (*names[s].value != '\0' && names[s].first > first_at) {
			first_at = names[s].first;
			*first = names[s].value;
		}
		if ((s & proxy) == 0 && names[s].first > second_at) {
			second_at = names[s].first;
			*second = names[s].value;
		}
	}
}

int python_proxy_values(char *const envp[], const char *values[HFENV_VARIABLES])
{
	struct environ_name(*names)[SPELLINGS] = calloc(PAIRS, sizeof *names);
	if (names == NULL) {
		errno = ENOMEM;
		return -1;
	}
	read_spellings(envp, names);
	for (enum hfenv_variable v = VAR_HTTP_LOWER; v <= VAR_NO_UPPER; v += 2) {
		values[v] = values[v + 1] = NULL;
		take_pair(names[v / 2], strlen(hfenv_variables[v].name), &values[v], &values[v + 1]);
	}
	free(names);
	return 0;
}
