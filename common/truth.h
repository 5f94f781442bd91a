#ifndef HFENV_COMMON_TRUTH_H
#define HFENV_COMMON_TRUTH_H

#include <stdbool.h>

/* The words for true and false, in any case, as each reader of a flag takes them. */
enum hfenv_truth { HFENV_NEITHER, HFENV_TRUE, HFENV_FALSE };

/* huggingface_hub's _is_true: 1, on, yes, true; anything else, NULL included, is false. */
bool hfenv_is_true(const char *value);

/* hf_xet's parse_bool_value: 1, on, yes, true, y; 0, off, no, false, n. */
enum hfenv_truth hfenv_xet_truth(const char *value);

/* hfenv's own settings (HFENV_VERBOSE...): huggingface_hub's true words; 0, off, no, false. */
enum hfenv_truth hfenv_setting_truth(const char *value);

#endif
