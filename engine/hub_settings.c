#include "engine/hub_settings.h"

#include "engine/findings.h"
#include "engine/storage.h"
#include "hub/normalize.h"

#include <stdlib.h>

/* hub/normalize.c decides from the values of the slots the Hub's table names; the engine reports and keeps. */
void normalize_hub_settings(struct engine *e)
{
	struct hfenv_hub_value *values = NULL;
	struct slot **slots = NULL;
	size_t count = 0;
	for (size_t i = 0; i < e->slot_count; i++) {
		struct slot *s = &e->slots[i];
		const struct hfenv_hub_setting *row = s->value != NULL ? hfenv_hub_find(s->name, s->name_len) : NULL;
		if (row == NULL)
			continue;
		if (values == NULL) {
			values = malloc((e->slot_count - i) * sizeof *values);
			slots = malloc((e->slot_count - i) * sizeof *slots);
			if (values == NULL || slots == NULL)
				break;
		}
		s->owned = true;
		slots[count] = s;
		values[count++] = (struct hfenv_hub_value){(size_t)(row - hfenv_hub_settings), s->value};
	}
	struct hfenv_hub_outcome out;
	if (count == 0 || hfenv_hub_normalize(values, count, &out) != 0) {
		e->out_of_memory = e->out_of_memory || values != NULL || slots != NULL;
		free(values);
		free(slots);
		return;
	}
	for (size_t i = 0; i < out.made_count; i++)
		keep(e, out.made[i]);
	out.made_count = 0;
	for (size_t i = 0; i < out.message_count; i++) {
		size_t k = 0;
		while (values[k].row != out.messages[i].row)
			k++;
		add_finding(e, out.messages[i].error ? HFENV_ERROR : HFENV_WARNING, out.messages[i].format, slots[k]->name,
			    shown_value(e, slots[k], slots[k]->value));
	}
	for (size_t k = 0; k < count; k++)
		slots[k]->value = values[k].value;
	hfenv_hub_outcome_free(&out);
	free(values);
	free(slots);
}
