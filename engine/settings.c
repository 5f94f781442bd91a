#include "engine/settings.h"

#include "common/truth.h"
#include "engine/findings.h"

/* The option when given, else the variable as hfenv reads its settings; a word neither true nor false is false. */
static bool setting_flag(struct engine *e, enum hfenv_variable which, bool given)
{
	const char *value = slot_of(e, which)->value;
	if (given || value == NULL || *value == '\0')
		return given;
	enum hfenv_truth truth = hfenv_setting_truth(value);
	if (truth != HFENV_NEITHER)
		return truth == HFENV_TRUE;
	add_finding(e, HFENV_WARNING, "%n=%v is not true or false: taken as false", hfenv_variables[which].name, value);
	add_detail(e, "%n: true is 1, on, yes, true; false is 0, off, no, false", hfenv_variables[which].name);
	return false;
}

void read_settings(struct engine *e)
{
	const struct hfenv_options *opts = e->opts;
	e->result->verbose = setting_flag(e, VAR_HFENV_VERBOSE, opts->verbose);
	e->result->quiet = setting_flag(e, VAR_HFENV_QUIET, opts->quiet);
	e->no_xet = setting_flag(e, VAR_HFENV_NO_XET, opts->no_xet);
	e->allow_socks = setting_flag(e, VAR_HFENV_ALLOW_SOCKS, opts->allow_socks);
	e->proxy_loopback = setting_flag(e, VAR_HFENV_PROXY_LOOPBACK, opts->proxy_loopback);
	e->prefer = opts->prefer;
	const char *prefer = slot_of(e, VAR_HFENV_PREFER)->value;
	if (e->prefer == HFENV_PREFER_UNSET && prefer != NULL && *prefer != '\0' && !hfenv_prefer_named(prefer, &e->prefer))
		add_finding(e, HFENV_ERROR, "HFENV_PREFER=%v is not valid: set it to lower or upper", prefer);
	if (e->prefer == HFENV_PREFER_UNSET)
		e->prefer = HFENV_PREFER_LOWER;
	e->cgi = slot_of(e, VAR_REQUEST_METHOD)->value != NULL;
}
