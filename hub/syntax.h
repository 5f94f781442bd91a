#ifndef HFENV_HUB_SYNTAX_H
#define HFENV_HUB_SYNTAX_H

#include "hub/settings.h"

#include <stdbool.h>

/* Whether value is a number in the syntax its reader takes for kind (Python's int(), Rust's FromStr, humantime,
 * xet-core's ByteSize); true for a kind that is no number. */
bool hfenv_hub_number_is_valid(enum hfenv_hub_kind kind, const char *value);

#endif
