#include "engine/hub_names.h"

#include "common/shorten.h"
#include "engine/findings.h"
#include "engine/storage.h"
#include "hub/nearest.h"
#include "hub/retired.h"
#include "hub/settings.h"

#include <stdlib.h>
#include <string.h>

#define COUNT(list) (sizeof list / sizeof list[0])

/* Each list goes from the longest wording to the shortest: the first whose line fits is said. */
static const char *const replaced_formats[] = {
	"%n: no Hugging Face client reads it now; %s replaced it",
	"%n is now %s",
};
static const char *const removed_formats[] = {
	"%n is read by no Hugging Face client now: remove it",
	"%n: no longer read; remove it",
};
static const char *const nearest_formats[] = {
	"%n is read by neither huggingface_hub 2.4 nor hf_xet 1.8: did you mean %s?",
	"%n is read by no Hugging Face client: did you mean %s?",
	"%n: unknown; did you mean %s?",
};
static const char *const unknown_formats[] = {
	"%n is read by neither huggingface_hub 2.4 nor hf_xet 1.8: check its spelling",
	"%n is read by no Hugging Face client: check its spelling",
	"%n: read by no Hugging Face client",
};

void note_unknown_hub_name(struct engine *e, const char *entry, size_t len)
{
	if (!hfenv_hub_is_own_name(entry, len))
		return;
	size_t kept = e->unknown_hub_name_count < UNKNOWN_HUB_NAMES_SHOWN ? e->unknown_hub_name_count
									   : UNKNOWN_HUB_NAMES_SHOWN;
	for (size_t i = 0; i < kept; i++)
		if (strncmp(e->unknown_hub_names[i], entry, len + 1) == 0)
			return;
	if (kept < UNKNOWN_HUB_NAMES_SHOWN)
		e->unknown_hub_names[kept] = entry;
	e->unknown_hub_name_count++;
}

/* The first of formats (a %n, then maybe a %s) whose warning fits with the name's columns and the text's; or NULL. */
static const char *fitting(const char *const formats[], size_t count, size_t name_columns, size_t text_columns)
{
	size_t room = HFENV_LINE_WIDTH - strlen("hfenv: warning: ");
	for (size_t i = 0; i < count; i++) {
		size_t fixed = strlen(formats[i]) - (strstr(formats[i], "%s") != NULL ? 4 : 2);
		if (fixed + name_columns + text_columns <= room)
			return formats[i];
	}
	return NULL;
}

/* The details follow their warning: they need not name the variable again. */
static void warn_of_retired(struct engine *e, const char *name, size_t columns, const struct hfenv_hub_retired *row)
{
	const char *format = row->replacement ? fitting(replaced_formats, COUNT(replaced_formats), columns,
							  strlen(row->replacement))
					      : fitting(removed_formats, COUNT(removed_formats), columns, 0);
	add_finding(e, HFENV_WARNING, format ? format : "%n: renamed (-v says to what)", name, row->replacement);
	bool xet = strncmp(row->last_reader, "hf_xet", 6) == 0;
	add_detail(e, "read by %s, not by %s", row->last_reader, xet ? "1.8.0" : "2.4.0");
	if (format == NULL)
		add_detail(e, "its name now: %s", row->replacement);
	if (row->note != NULL)
		add_detail(e, "%s", row->note);
}

/* name: what replaced it, the nearest known name, or that no reader knows it. */
static void warn_of_name(struct engine *e, const char *name)
{
	size_t len = strlen(name), columns = shown_width(name, false);
	const struct hfenv_hub_retired *retired = hfenv_hub_retired_find(name, len);
	if (retired != NULL) {
		warn_of_retired(e, name, columns, retired);
		return;
	}
	const struct hfenv_hub_setting *nearest;
	if (hfenv_hub_nearest(name, len, &nearest) != 0) {
		e->out_of_memory = true;
		return;
	}
	const char *format = nearest ? fitting(nearest_formats, COUNT(nearest_formats), columns, strlen(nearest->name)) : NULL;
	if (format == NULL)
		format = fitting(unknown_formats, COUNT(unknown_formats), columns, 0);
	add_finding(e, HFENV_WARNING, format ? format : unknown_formats[COUNT(unknown_formats) - 1], name,
		    nearest ? nearest->name : NULL);
	if (nearest != NULL && strstr(format ? format : "", "%s") == NULL)
		add_detail(e, "did you mean %s?", nearest->name);
	add_detail(e, "%s", "huggingface_hub and hf_xet own HF_HUB_ and HF_XET_: a name neither reads is unused");
}

void warn_of_unknown_hub_names(struct engine *e)
{
	size_t noted = e->unknown_hub_name_count;
	size_t shown = noted < UNKNOWN_HUB_NAMES_SHOWN ? noted : UNKNOWN_HUB_NAMES_SHOWN, more = noted - shown;
	for (size_t i = 0; i < shown; i++) {
		const char *entry = e->unknown_hub_names[i];
		const char *name = keep(e, strndup(entry, strcspn(entry, "=")));
		if (name != NULL)
			warn_of_name(e, name);
	}
	/* The slots of -u and NAME=VALUE follow the table's: an operand's name was not read from the environment. */
	size_t operands = HFENV_VARIABLES + hfenv_assignment_count(&e->opts->assignments);
	for (size_t i = HFENV_VARIABLES; i < e->slot_count && i < operands; i++) {
		const struct slot *s = &e->slots[i];
		if (s->value == NULL || !hfenv_hub_is_own_name(s->name, s->name_len) || hfenv_hub_find(s->name, s->name_len))
			continue;
		if (shown++ < UNKNOWN_HUB_NAMES_SHOWN)
			warn_of_name(e, s->name);
		else
			more++;
	}
	if (more > 0)
		add_finding(e, HFENV_WARNING, "%z more HF_HUB_ or HF_XET_ variables that no Hugging Face client reads",
			    more);
}
