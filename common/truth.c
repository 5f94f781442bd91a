#include "common/truth.h"

#include "common/ascii.h"

#include <stddef.h>

/* hf_xet takes all five of each; huggingface_hub and hfenv's settings the first four. */
static const char *const true_words[] = {"1", "on", "yes", "true", "y"};
static const char *const false_words[] = {"0", "off", "no", "false", "n"};
#define WORDS 5
#define HUB_WORDS 4

static bool is_one_of(const char *value, const char *const words[], size_t count)
{
	for (size_t i = 0; value != NULL && i < count; i++)
		if (equal_ignoring_case(value, words[i]))
			return true;
	return false;
}

bool hfenv_is_true(const char *value)
{
	return is_one_of(value, true_words, HUB_WORDS);
}

enum hfenv_truth hfenv_xet_truth(const char *value)
{
	return is_one_of(value, true_words, WORDS) ? HFENV_TRUE : is_one_of(value, false_words, WORDS) ? HFENV_FALSE : HFENV_NEITHER;
}

enum hfenv_truth hfenv_setting_truth(const char *value)
{
	return is_one_of(value, true_words, HUB_WORDS)	? HFENV_TRUE
	       : is_one_of(value, false_words, HUB_WORDS) ? HFENV_FALSE
							  : HFENV_NEITHER;
}
