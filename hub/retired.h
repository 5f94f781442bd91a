#ifndef HFENV_HUB_RETIRED_H
#define HFENV_HUB_RETIRED_H

#include <stddef.h>

/* A name an earlier huggingface_hub or hf_xet read and the pinned versions (2.4, 1.8) do not (docs/hub-settings.md). */
struct hfenv_hub_retired {
	const char *name;
	const char *replacement;      /* the name read now for the same thing, or NULL when nothing replaced it */
	const char *last_reader;      /* the last release that read it: "hf_xet 1.2.0" */
	const char *note;             /* how the replacement differs (a unit, say), or NULL */
};

extern const struct hfenv_hub_retired hfenv_hub_retired_names[];
extern const size_t hfenv_hub_retired_count;

/* The row of the name name[0..len), or NULL; a binary search of the table, in strcmp order. */
const struct hfenv_hub_retired *hfenv_hub_retired_find(const char *name, size_t len);

#endif
