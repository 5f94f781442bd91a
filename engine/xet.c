#include "engine/xet.h"

#include "common/truth.h"
#include "engine/findings.h"
#include "engine/slots.h"

#include <string.h>

static const char hub_switch[] = "HF_HUB_DISABLE_XET", copied_switch[] = "HF_HUB_DISABLE_XETHUB";

static struct slot *switch_slot(struct engine *e, const char *name)
{
	struct slot *s = find_slot(e, name, strlen(name));
	return s != NULL ? s : claim_hub_slot(e, name, strlen(name));
}

/* A flag's meaning as hfenv writes it: hf_xet's words, which the Hub's rules respell (y is 1); NEITHER when empty. */
static enum hfenv_truth meaning(const char *value)
{
	return value == NULL || *value == '\0' ? HFENV_NEITHER : hfenv_xet_truth(value);
}

void read_xet_switches(struct engine *e)
{
	const struct slot *found = find_slot(e, copied_switch, strlen(copied_switch));
	enum hfenv_truth meant = found ? meaning(found->value) : HFENV_NEITHER;
	if (e->no_xet || meant == HFENV_NEITHER)
		return;                    /* -x sets both; a word neither true nor false is refused by the Hub's rules */
	struct slot *hub = switch_slot(e, hub_switch); /* a claim may move the slots: found is not used after it */
	struct slot *copied = find_slot(e, copied_switch, strlen(copied_switch));
	if (hub == NULL || copied == NULL)
		return;
	enum hfenv_truth read = meaning(hub->value);
	if (hub->value == NULL || *hub->value == '\0') {
		hub->value = meant == HFENV_TRUE ? "1" : "0";
		add_detail(e, "%n is read by no client: %n takes its meaning", copied->name, hub->name);
	} else if (read != HFENV_NEITHER && read != meant) {
		add_finding(e, HFENV_WARNING, "%n=%v wins over %n, which nothing reads", hub->name,
			    hub->value, copied->name);
		copied->value = read == HFENV_TRUE ? "1" : "0";
	}
}

void apply_no_xet(struct engine *e)
{
	static const char *const switches[] = {hub_switch, copied_switch};
	for (size_t i = 0; e->no_xet && i < sizeof switches / sizeof switches[0]; i++) {
		struct slot *s = switch_slot(e, switches[i]);
		if (s != NULL && !hfenv_is_true(s->value)) {
			s->owned = true;
			s->value = "1";
		}
	}
}
