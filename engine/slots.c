#include "engine/slots.h"

#include "common/assignments.h"
#include "common/hash.h"
#include "engine/findings.h"
#include "engine/storage.h"
#include "hub/settings.h"

#include <stdlib.h>
#include <string.h>

static size_t filter_bit_of(unsigned char first, unsigned char last, size_t len)
{
	return ((first * 31u + last) * 31u + len) % NAME_FILTER_BITS;
}

static size_t filter_bit(const char *name, size_t len)
{
	return filter_bit_of((unsigned char)name[0], (unsigned char)name[len ? len - 1 : 0], len);
}

static void set_filter_bit(struct engine *e, size_t bit)
{
	e->name_filter[bit / 8] |= (unsigned char)(1u << bit % 8);
}

/* False when no slot has this name: the environment's other variables skip the hash. */
static bool may_be_slot(const struct engine *e, const char *name, size_t len)
{
	size_t bit = filter_bit(name, len);
	return e->name_filter[bit / 8] & (1u << bit % 8);
}

static struct slot *look_up(const struct engine *e, const char *name, size_t len)
{
	for (size_t i = hfenv_hash(name, len) & e->table_mask;; i = (i + 1) & e->table_mask) {
		size_t index = e->table[i];
		if (index == 0)
			return NULL;
		struct slot *s = &e->slots[index - 1];
		if (s->name_len == len && memcmp(s->name, name, len) == 0)
			return s;
	}
}

struct slot *find_slot(const struct engine *e, const char *name, size_t len)
{
	return may_be_slot(e, name, len) ? look_up(e, name, len) : NULL;
}

/* The slot for name, made owned; name must stay valid while the result lives. */
static struct slot *claim_slot(struct engine *e, const char *name, size_t len)
{
	size_t i = hfenv_hash(name, len) & e->table_mask;
	for (; e->table[i] != 0; i = (i + 1) & e->table_mask) {
		struct slot *s = &e->slots[e->table[i] - 1];
		if (s->name_len == len && memcmp(s->name, name, len) == 0) {
			s->owned = true;
			return s;
		}
	}
	struct slot *s = &e->slots[e->slot_count++];
	*s = (struct slot){.name = name, .name_len = len, .position = NO_POSITION, .owned = true};
	e->table[i] = (uint32_t)e->slot_count;
	set_filter_bit(e, filter_bit(name, len));
	return s;
}

/* Twice the room for slots, the table rebuilt to match; no slot pointer is kept across a claim. */
static bool grow_slots(struct engine *e)
{
	size_t capacity = 2 * e->slot_capacity, table_capacity = 2 * (e->table_mask + 1);
	struct slot *slots = realloc(e->slots, capacity * sizeof *slots);
	uint32_t *table = calloc(table_capacity, sizeof *table);
	if (slots != NULL)
		e->slots = slots;
	if (slots == NULL || table == NULL) {
		free(table);
		e->out_of_memory = true;
		return false;
	}
	e->slot_capacity = capacity;
	free(e->table);
	e->table = table;
	e->table_mask = table_capacity - 1;
	for (size_t k = 0; k < e->slot_count; k++) {
		size_t i = hfenv_hash(slots[k].name, slots[k].name_len) & e->table_mask;
		while (table[i] != 0)
			i = (i + 1) & e->table_mask;
		table[i] = (uint32_t)(k + 1);
	}
	return true;
}

/* The Hub's secrets (HF_TOKEN) are known from their name: no message shows their value, "unset" (-u) included. */
static struct slot *claim_setting_slot(struct engine *e, const struct hfenv_hub_setting *row, const char *name, size_t len)
{
	struct slot *s = claim_slot(e, name, len);
	s->secret = s->secret || (row != NULL && row->kind == HFENV_HUB_SECRET);
	return s;
}

struct slot *claim_hub_slot(struct engine *e, const char *name, size_t len)
{
	const struct hfenv_hub_setting *row = hfenv_hub_find(name, len);
	if (row == NULL || (e->slot_count == e->slot_capacity && !grow_slots(e)))
		return NULL;
	return claim_setting_slot(e, row, row->name, len);
}

/* A slot for a proxy variable in another letter case (Https_Proxy), else NULL. */
static struct slot *claim_odd_case_slot(struct engine *e, const char *name, size_t len)
{
	if (hfenv_proxy_variable_any_case(name, len) == HFENV_VARIABLES ||
	    (e->slot_count == e->slot_capacity && !grow_slots(e)))
		return NULL;
	/* Messages and --export read a slot's name as a string; the entry holds it up to its '='. */
	const char *copy = keep(e, strndup(name, len));
	return copy != NULL ? claim_slot(e, copy, len) : NULL;
}

struct slot *read_slot(struct engine *e, const char *name, size_t len)
{
	bool may_be = may_be_slot(e, name, len);
	struct slot *s = may_be ? look_up(e, name, len) : NULL;
	if (s == NULL && hfenv_hub_may_be(name, len))
		s = claim_hub_slot(e, name, len);
	else if (s == NULL && may_be && hfenv_proxy_variable_may_be(name, len))
		s = claim_odd_case_slot(e, name, len);
	return s;
}

/* The filter lets through every spelling of a proxy variable's first and last letters: read_slot claims them. */
static void let_odd_case_through(struct engine *e)
{
	for (enum hfenv_variable v = VAR_HTTP_LOWER; v <= VAR_NO_UPPER; v++) {
		const char *name = hfenv_variables[v].name, *other = hfenv_variables[v ^ 1].name;
		size_t len = strlen(name);
		set_filter_bit(e, filter_bit_of((unsigned char)name[0], (unsigned char)other[len - 1], len));
	}
}

/* NAME of NAME=VALUE is copied: messages and --export read a slot's name as a string. */
static void claim_assigned_slot(struct engine *e, const struct hfenv_assignment *a)
{
	const char *name = a->entry == NULL ? a->name : keep(e, strndup(a->name, a->name_len));
	if (name != NULL)
		claim_setting_slot(e, hfenv_hub_find(name, a->name_len), name, a->name_len);
}

int make_slots(struct engine *e)
{
	const struct hfenv_assignments *assignments = &e->opts->assignments;
	/* No room for the Hub's settings: a run without one allocates none (claim_hub_slot grows the arrays). */
	size_t most = HFENV_VARIABLES + hfenv_assignment_count(assignments);
	size_t capacity = 64;
	while (capacity < 2 * most)
		capacity *= 2;
	e->slots = calloc(most, sizeof *e->slots);
	e->slot_capacity = most;
	e->table = calloc(capacity, sizeof *e->table);
	if (e->slots == NULL || e->table == NULL)
		return -1;
	e->table_mask = capacity - 1;
	for (enum hfenv_variable v = 0; v < HFENV_VARIABLES; v++) {
		struct slot *s = claim_slot(e, hfenv_variables[v].name, strlen(hfenv_variables[v].name));
		s->owned = hfenv_variable_is_written(v);
	}
	let_odd_case_through(e);
	for (size_t i = 0; i < hfenv_assignment_count(assignments); i++) {
		struct hfenv_assignment a;
		if (hfenv_assignment_at(assignments, i, &a))
			claim_assigned_slot(e, &a);
		else if (a.entry == NULL)
			add_finding(e, HFENV_ERROR, "cannot unset %v: a variable name is not empty and has no '='", a.name);
		else
			add_finding(e, HFENV_ERROR, "cannot set %v: write it as NAME=VALUE", a.entry);
	}
	return e->out_of_memory ? -1 : 0;
}

char *slot_entry(struct engine *e, const struct slot *s)
{
	size_t value_len = strlen(s->value);
	char *entry = keep(e, malloc(s->name_len + value_len + 2));
	if (entry != NULL) {
		memcpy(entry, s->name, s->name_len);
		entry[s->name_len] = '=';
		memcpy(entry + s->name_len + 1, s->value, value_len + 1);
	}
	return entry;
}
