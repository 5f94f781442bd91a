#include "assignments.h"

#include <string.h>

size_t hfenv_assignment_count(const struct hfenv_options *opts)
{
	return opts->unset_count + opts->assign_count;
}

bool hfenv_assignment_at(const struct hfenv_options *opts, size_t i, struct hfenv_assignment *assignment)
{
	if (i < opts->unset_count) {
		const char *name = opts->unset[i];
		*assignment = (struct hfenv_assignment){.name = name, .name_len = strlen(name)};
		return *name != '\0' && strchr(name, '=') == NULL;
	}
	const char *entry = opts->assign[i - opts->unset_count];
	const char *eq = strchr(entry, '=');
	*assignment = (struct hfenv_assignment){.name = entry, .name_len = eq ? (size_t)(eq - entry) : 0, .entry = entry,
						.value = eq ? eq + 1 : NULL};
	return eq != NULL && eq != entry;
}
