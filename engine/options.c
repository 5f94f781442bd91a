#include "engine/options.h"

#include "common/ascii.h"

bool hfenv_prefer_named(const char *word, enum hfenv_prefer *prefer)
{
	*prefer = equal_ignoring_case(word, "lower") ? HFENV_PREFER_LOWER
		  : equal_ignoring_case(word, "upper") ? HFENV_PREFER_UPPER
						       : HFENV_PREFER_UNSET;
	return *prefer != HFENV_PREFER_UNSET;
}
