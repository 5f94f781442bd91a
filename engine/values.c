#include "engine/values.h"

#include "common/ascii.h"
#include "engine/findings.h"
#include "engine/storage.h"
#include "hub/settings.h"

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

/* hfenv reads the slot's value: a row of the table but REQUEST_METHOD (only set or not) and PATH (execvp's), a Hub
 * setting, or a proxy variable in another letter case. */
static bool is_read(const struct engine *e, const struct slot *s)
{
	size_t v = (size_t)(s - e->slots);
	if (v < HFENV_VARIABLES)
		return hfenv_variables[v].kind != VAR_KIND_CGI && hfenv_variables[v].kind != VAR_KIND_PATH;
	return hfenv_hub_find(s->name, s->name_len) != NULL ||
	       hfenv_proxy_variable_any_case(s->name, s->name_len) != HFENV_VARIABLES;
}

static void report_cleaned(struct engine *e, const struct slot *s, const struct slot *twin, bool quoted)
{
	const char *and = twin ? " and " : "", *other = twin ? twin->name : "";
	if (quoted)
		add_finding(e, HFENV_WARNING, "%n%s%s: quotes removed (docker --env-file, systemd keep them)", s->name,
			    and, other);
	else if (slot_is_secret(e, s))
		add_finding(e, HFENV_WARNING, "%n: blanks, CR or LF around it removed", s->name);
	else
		add_finding(e, HFENV_WARNING, "%n%s%s=%v: blanks, CR or LF around it removed", s->name, and, other,
			    s->value);
}

static void clean_value(struct engine *e, struct slot *s)
{
	const char *start = s->value, *end = s->value + strlen(s->value);
	trim_blanks(&start, &end);
	bool quoted = is_unquotable(start, end);
	if (quoted) {
		start++, end--;
		trim_blanks(&start, &end);
	}
	if (start == s->value && *end == '\0')
		return;
	struct slot *twin = same_valued_twin(e, s);
	report_cleaned(e, s, twin, quoted);
	s->value = *end == '\0' ? start : keep(e, strndup(start, (size_t)(end - start)));
	if (twin != NULL)
		twin->value = s->value;
}

void clean_values(struct engine *e)
{
	for (size_t i = 0; i < e->slot_count; i++)
		if (e->slots[i].value != NULL && is_read(e, &e->slots[i]))
			clean_value(e, &e->slots[i]);
}
