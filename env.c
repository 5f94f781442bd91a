#include "env.h"
#include "env_in_place.h"

#include "engine/ca_bundles.h"
#include "engine/engine.h"
#include "engine/failing_clients.h"
#include "engine/findings.h"
#include "engine/hub_names.h"
#include "engine/hub_settings.h"
#include "engine/proxies.h"
#include "engine/settings.h"
#include "engine/slots.h"
#include "engine/socks.h"
#include "engine/storage.h"
#include "engine/values.h"
#include "engine/xet.h"
#include "hub/settings.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Keeps entries in order from out[0]; writes out[k] only after reading envp[i], i >= k, so envp may lie in out. */
static size_t read_environment(struct engine *e, char *const envp[])
{
	char **out = e->result->env;
	size_t k = 0, i = 0;
	for (; envp[i] != NULL; i++) {
		char *entry = envp[i];
		const char *eq = strchr(entry, '=');
		size_t len = eq ? (size_t)(eq - entry) : 0;
		struct slot *s = eq ? read_slot(e, entry, len) : NULL;
		if (s == NULL && eq != NULL && hfenv_hub_may_be(entry, len))
			note_unknown_hub_name(e, entry, len);
		if (eq == NULL)
			add_finding(e, HFENV_WARNING, "environment entry %v has no '=': passed on unchanged", entry);
		if (s == NULL) {
			out[k++] = entry;
		} else if (s->position == NO_POSITION) {
			s->original = s->value = eq + 1;
			s->position = k;
			out[k++] = entry;
		} else {
			s->duplicates++;
			if (!s->owned)
				out[k++] = entry;
		}
	}
	out[k] = NULL;
	e->result->env_count = k;
	return i;
}

static void apply_assignments(struct engine *e)
{
	struct hfenv_assignment a;
	const struct hfenv_assignments *assignments = &e->opts->assignments;
	for (size_t i = 0; i < hfenv_assignment_count(assignments); i++) {
		struct slot *s = hfenv_assignment_at(assignments, i, &a) ? find_slot(e, a.name, a.name_len) : NULL;
		if (s != NULL)
			s->value = a.value;
	}
}

/* The added entries do not fit where the environment was read: the kept ones move to a new array. */
static bool move_environment(struct engine *e, size_t capacity)
{
	struct hfenv_result *r = e->result;
	char **env = keep(e, malloc(capacity * sizeof *env));
	if (env == NULL)
		return false;
	memcpy(env, r->env, r->env_count * sizeof *env);
	r->env = env;
	e->env_capacity = capacity;
	return true;
}

static bool is_edited(const struct slot *s)
{
	return s->owned && !same_value(s->original, s->value);
}

/* Room in result->env for the entries to add, and in result->edits for every edit. */
static bool make_room(struct engine *e)
{
	struct hfenv_result *r = e->result;
	size_t added = 0, edits = 0;
	for (size_t i = 0; i < e->slot_count; i++) {
		added += e->slots[i].owned && e->slots[i].position == NO_POSITION && e->slots[i].value != NULL;
		edits += is_edited(&e->slots[i]);
	}
	if (r->env_count + added + 1 > e->env_capacity && !move_environment(e, r->env_count + added + 1))
		return false;
	r->edits = edits ? calloc(edits, sizeof *r->edits) : NULL;
	if (edits > 0 && r->edits == NULL) {
		e->out_of_memory = true;
		return false;
	}
	return true;
}

static void describe_change(struct engine *e, const struct slot *s)
{
	if (slot_is_secret(e, s))
		add_finding(e, HFENV_CHANGE, "%s %n (a secret: its value is not shown)",
			    s->value == NULL ? "unset" : s->original == NULL ? "set" : "changed", s->name);
	else if (s->original == NULL)
		add_finding(e, HFENV_CHANGE, "set %n=%v", s->name, s->value);
	else if (s->value == NULL)
		add_finding(e, HFENV_CHANGE, "unset %n (was %v)", s->name, s->original);
	else
		add_finding(e, HFENV_CHANGE, "changed %n from %v to %v", s->name, s->original, s->value);
}

/* An unset variable leaves a hole (NULL) in env[0..count): the entries after it move up. */
static void close_holes(struct hfenv_result *r, size_t count)
{
	size_t k = 0;
	for (size_t i = 0; i < count; i++)
		if (r->env[i] != NULL)
			r->env[k++] = r->env[i];
	r->env[k] = NULL;
	r->env_count = k;
}

static void write_environment(struct engine *e)
{
	struct hfenv_result *r = e->result;
	size_t appended = r->env_count;
	if (!make_room(e))
		return;
	for (size_t i = 0; i < e->slot_count; i++) {
		struct slot *s = &e->slots[i];
		if (!s->owned)
			continue;
		if (s->duplicates > 0)
			add_finding(e, HFENV_WARNING, "%n is set %z times: kept the first", s->name, s->duplicates + 1);
		if (!is_edited(s))
			continue;
		char *entry = s->value ? slot_entry(e, s) : NULL;
		if (s->position != NO_POSITION)
			r->env[s->position] = entry;
		else if (entry != NULL)
			r->env[appended++] = entry;
		r->edits[r->edit_count++] = (struct hfenv_edit){s->name, s->value};
		if (e->describe_changes)
			describe_change(e, s);
	}
	close_holes(r, appended);
}

/* The steps of the engine, in the order they run; engine/engine.h (engine_step) says what a step may do. */
static engine_step *const steps[] = {
	normalize_proxies,
	check_socks,
	complete_proxies,
	normalize_ca_bundles,
	read_xet_switches,
	normalize_hub_settings,
	apply_no_xet,
	warn_of_unknown_hub_names,
	warn_of_failing_clients,
};

/*
 * Reads envp and builds the new environment from block[0], where spare + len(envp) + 1 slots are
 * free to write once read (envp may be block + spare); block NULL: a new array with room for all.
 */
static int normalize(const struct hfenv_options *opts, hfenv_bundle_reader *read_bundle, char *const envp[],
		     char **block, size_t spare, bool changes_only_if_verbose, struct hfenv_result *out)
{
	*out = (struct hfenv_result){0};
	struct engine e = {.opts = opts, .result = out, .read_bundle = read_bundle};
	if (make_slots(&e) != 0)
		goto out_of_memory;
	if (block == NULL) {
		size_t env_len = 0;
		while (envp[env_len] != NULL)
			env_len++;
		spare = e.slot_count;
		block = keep(&e, malloc((env_len + spare + 1) * sizeof *block));
		if (block == NULL)
			goto out_of_memory;
	}
	out->env = block;
	e.env_capacity = spare + read_environment(&e, envp) + 1;
	apply_assignments(&e);
	clean_values(&e);
	read_settings(&e);
	e.describe_changes = out->verbose || !changes_only_if_verbose;
	e.warnings_unread = out->quiet && changes_only_if_verbose;
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		steps[i](&e);
	if (out->error_count == 0)
		write_environment(&e);
	if (e.warnings_unread)
		drop_warnings(out);
	out->path = slot_of(&e, VAR_PATH)->value;
	if (e.out_of_memory)
		goto out_of_memory;
	free(e.slots);
	free(e.table);
	return 0;
out_of_memory:
	free(e.slots);
	free(e.table);
	hfenv_result_free(out);
	errno = ENOMEM;
	return -1;
}

int hfenv_normalize(const struct hfenv_options *opts, hfenv_bundle_reader *read_bundle, char *const envp[],
		    struct hfenv_result *out)
{
	return normalize(opts, read_bundle, envp, NULL, 0, false, out);
}

int hfenv_normalize_in_place(const struct hfenv_options *opts, hfenv_bundle_reader *read_bundle, char **block,
			     size_t spare, struct hfenv_result *out)
{
	return normalize(opts, read_bundle, block + spare, block, spare, true, out);
}

void hfenv_result_free(struct hfenv_result *result)
{
	free_storage(result->storage);
	for (size_t i = 0; i < result->finding_count; i++)
		free(result->findings[i].message);
	free(result->findings);
	free(result->edits);
	*result = (struct hfenv_result){0};
}
