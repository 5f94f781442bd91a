#include "engine/xet.h"

#include "common/truth.h"
#include "engine/slots.h"

#include <string.h>

void apply_no_xet(struct engine *e)
{
	static const char *const switches[] = {"HF_HUB_DISABLE_XET", "HF_HUB_DISABLE_XETHUB"};
	for (size_t i = 0; e->no_xet && i < sizeof switches / sizeof switches[0]; i++) {
		size_t len = strlen(switches[i]);
		struct slot *s = find_slot(e, switches[i], len);
		if (s == NULL)
			s = claim_hub_slot(e, switches[i], len);
		if (s != NULL && !hfenv_is_true(s->value)) {
			s->owned = true;
			s->value = "1";
		}
	}
}
