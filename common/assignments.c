#include "common/assignments.h"

#include "common/hash.h"

#include <stdlib.h>
#include <string.h>

bool hfenv_is_shell_name(const char *name, size_t length)
{
	if (length == 0 || !((*name >= 'a' && *name <= 'z') || (*name >= 'A' && *name <= 'Z') || *name == '_'))
		return false;
	for (size_t i = 1; i < length; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= 'A' && name[i] <= 'Z') ||
		      (name[i] >= '0' && name[i] <= '9') || name[i] == '_'))
			return false;
	return true;
}

bool hfenv_is_host_mode_assignment(const char *word)
{
	const char *eq = strchr(word, '=');
	return eq != NULL && hfenv_is_shell_name(word, (size_t)(eq - word));
}

size_t hfenv_assignment_count(const struct hfenv_assignments *assignments)
{
	return assignments->unset_count + assignments->assign_count;
}

bool hfenv_assignment_at(const struct hfenv_assignments *assignments, size_t i, struct hfenv_assignment *assignment)
{
	if (i < assignments->unset_count) {
		const char *name = assignments->unset[i];
		*assignment = (struct hfenv_assignment){.name = name, .name_len = strlen(name)};
		return *name != '\0' && strchr(name, '=') == NULL;
	}
	const char *entry = assignments->assign[i - assignments->unset_count];
	const char *eq = strchr(entry, '=');
	*assignment = (struct hfenv_assignment){.name = entry, .name_len = eq ? (size_t)(eq - entry) : 0, .entry = entry,
						.value = eq ? eq + 1 : NULL};
	return eq != NULL && eq != entry;
}

/* What the assignments leave of one name: its last NAME=VALUE, or NULL after -u alone. */
struct name_effect {
	struct hfenv_assignment last;
	bool placed;
};

/* The effects, one a name, in an open-addressing table of a power of two slots, at most half full. */
struct effect_table {
	struct name_effect *effects;
	size_t mask;
};

/* The slot of name[0..len): its effect, or the empty slot where it goes. */
static struct name_effect *effect_slot(const struct effect_table *table, const char *name, size_t len)
{
	for (size_t i = hfenv_hash(name, len) & table->mask;; i = (i + 1) & table->mask) {
		struct name_effect *effect = &table->effects[i];
		if (effect->last.name == NULL ||
		    (effect->last.name_len == len && memcmp(effect->last.name, name, len) == 0))
			return effect;
	}
}

/* Every name's effect: each assignment in env(1)'s order overrides the one before it.  False when out of memory. */
static bool make_effects(const struct hfenv_assignments *assignments, struct effect_table *table)
{
	size_t total = hfenv_assignment_count(assignments), capacity = 8;
	while (capacity < 2 * total)
		capacity *= 2;
	table->effects = calloc(capacity, sizeof *table->effects);
	table->mask = capacity - 1;
	struct hfenv_assignment a;
	for (size_t i = 0; table->effects != NULL && i < total; i++)
		if (hfenv_assignment_at(assignments, i, &a))
			effect_slot(table, a.name, a.name_len)->last = a;
	return table->effects != NULL;
}

char **hfenv_assigned_environment(const struct hfenv_assignments *assignments, char *const envp[])
{
	struct effect_table table;
	size_t env_len = 0, k = 0, total = hfenv_assignment_count(assignments);
	while (envp[env_len] != NULL)
		env_len++;
	char **env = make_effects(assignments, &table) ? malloc((env_len + total + 1) * sizeof *env) : NULL;
	for (size_t i = 0; env != NULL && i < env_len; i++) {
		const char *eq = strchr(envp[i], '=');
		struct name_effect *effect = eq ? effect_slot(&table, envp[i], (size_t)(eq - envp[i])) : NULL;
		if (effect == NULL || effect->last.name == NULL)
			env[k++] = envp[i];
		else if (effect->last.entry != NULL && !effect->placed)
			env[k++] = (char *)effect->last.entry;
		if (effect != NULL && effect->last.name != NULL)
			effect->placed = true;
	}
	for (size_t i = 0; env != NULL && i <= table.mask; i++)
		if (table.effects[i].last.entry != NULL && !table.effects[i].placed)
			env[k++] = (char *)table.effects[i].last.entry;
	if (env != NULL)
		env[k] = NULL;
	free(table.effects);
	return env;
}
