#include "engine/values.h"

#include "common/ascii.h"
#include "engine/findings.h"
#include "engine/storage.h"

#include <stdlib.h>
#include <string.h>

struct slot *same_valued_twin(struct engine *e, const struct slot *s)
{
	size_t v = (size_t)(s - e->slots);
	if (v > VAR_NO_UPPER || s->value == NULL)
		return NULL;
	struct slot *twin = &e->slots[v ^ 1];
	return twin->value != NULL && strcmp(twin->value, s->value) == 0 ? twin : NULL;
}

void clean_value(struct engine *e, struct slot *s)
{
	if (s->value == NULL)
		return;
	const char *start = s->value, *end = s->value + strlen(s->value);
	trim_blanks(&start, &end);
	bool padded = start != s->value || *end != '\0';
	struct slot *twin = padded ? same_valued_twin(e, s) : NULL;
	if (padded)
		add_finding(e, HFENV_WARNING, "%n%s%s=%v: blanks, CR or LF around it removed", s->name,
			    twin ? " and " : "", twin ? twin->name : "", s->value);
	const char *value = start == end ? NULL : padded ? keep(e, strndup(start, (size_t)(end - start))) : s->value;
	s->value = value;
	if (twin != NULL)
		twin->value = value;
}

/* One pair of matching quotes around [start, end), blanks aside, and no such quote between them. */
static bool is_quoted(const char *start, const char *end)
{
	trim_blanks(&start, &end);
	return end - start >= 2 && (*start == '"' || *start == '\'') && end[-1] == *start &&
	       memchr(start + 1, *start, (size_t)(end - start - 2)) == NULL;
}

bool is_unquotable(const char *start, const char *end)
{
	trim_blanks(&start, &end);
	/* Quotes within quotes stay, so that a second run changes nothing. */
	return is_quoted(start, end) && !is_quoted(start + 1, end - 1);
}

void unquote_values(struct engine *e)
{
	for (enum hfenv_variable v = 0; v < HFENV_VARIABLES; v++) {
		struct slot *s = slot_of(e, v);
		enum hfenv_variable_kind kind = hfenv_variables[v].kind;
		if (s->value == NULL || kind == VAR_KIND_CGI || kind == VAR_KIND_PATH)
			continue;
		const char *start = s->value, *end = s->value + strlen(s->value);
		trim_blanks(&start, &end);
		if (!is_unquotable(start, end))
			continue;
		struct slot *twin = same_valued_twin(e, s);
		add_finding(e, HFENV_WARNING, "%n%s%s: quotes removed (docker --env-file, systemd keep them)", s->name,
			    twin ? " and " : "", twin ? twin->name : "");
		s->value = keep(e, strndup(start + 1, (size_t)(end - start - 2)));
		if (twin != NULL)
			twin->value = s->value;
	}
}
