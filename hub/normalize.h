#ifndef HFENV_HUB_NORMALIZE_H
#define HFENV_HUB_NORMALIZE_H

#include "hub/settings.h"

/* One line for the user: format holds %n (the name) and, unless the setting is a secret, %v (the value as given). */
struct hfenv_hub_message {
	size_t row;
	bool error;
	const char *format;
};

struct hfenv_hub_outcome {
	struct hfenv_hub_message *messages;
	size_t message_count;
	char **made;                  /* values built here (a scheme added): the caller takes them */
	size_t made_count;
};

/* One setting to read: its row in hfenv_hub_settings and its value, never NULL. */
struct hfenv_hub_value {
	size_t row;
	const char *value;
};

/*
 * Reads each of values[0..count), already cleaned of blanks and quotes around it (the engine's one rule),
 * as its readers mean it and rewrites its value: an endpoint given a scheme and stripped of trailing
 * slashes, a flag respelled, an empty number NULL (unset).
 * New values point into the old ones, to static text or to out->made.  0, or -1 with errno ENOMEM
 * (out empty).  Free out with hfenv_hub_outcome_free.
 */
int hfenv_hub_normalize(struct hfenv_hub_value *values, size_t count, struct hfenv_hub_outcome *out);
void hfenv_hub_outcome_free(struct hfenv_hub_outcome *out);

#endif
