#ifndef HFENV_HUB_NEAREST_H
#define HFENV_HUB_NEAREST_H

#include "hub/settings.h"

#include <stdbool.h>
#include <stddef.h>

/* True for a name of huggingface_hub's and hf_xet's own: HF_HUB_... or HF_XET_... (other HF_ names are others'). */
bool hfenv_hub_is_own_name(const char *name, size_t len);

/*
 * The setting of hfenv_hub_settings that some reader reads and whose name is nearest name[0..len), an
 * HF_HUB_ or HF_XET_ name not in the table; NULL when none is near enough, or two are equally near.
 * Near: a cost of at most 1 for a word part of 1 to 4 characters after the prefix, 2 up to 10, 3 beyond;
 * the cost is the least of the edit distance between the names (Damerau's: a swap of two neighbours is one
 * edit), 1 + that distance between what follows the prefixes when the known name's is HF_, HF_HUB_ or
 * HF_XET_ (HF_HUB_ENDPOINT: HF_ENDPOINT), and 2 + that distance to what follows any other _ of the known
 * name (HF_XET_CONNECT_TIMEOUT: HF_XET_CLIENT_CONNECT_TIMEOUT); a name of 5 or more characters after its
 * prefix that a known name continues costs 2 (HF_XET_HIGH_PERF: HF_XET_HIGH_PERFORMANCE).  -1 on ENOMEM.
 */
int hfenv_hub_nearest(const char *name, size_t len, const struct hfenv_hub_setting **nearest);

#endif
