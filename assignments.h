#ifndef HFENV_ASSIGNMENTS_H
#define HFENV_ASSIGNMENTS_H

#include "env.h"

/* The command line's -u NAME and NAME=VALUE, in the order env(1) applies them: every -u, then every NAME=VALUE. */

struct hfenv_assignment {
	const char *name;             /* name_len bytes, not NUL-terminated */
	size_t name_len;
	const char *entry;            /* the NAME=VALUE operand, or NULL for -u NAME */
	const char *value;            /* what follows its '=', or NULL for -u NAME */
};

/* How many -u and NAME=VALUE opts holds, valid or not. */
size_t hfenv_assignment_count(const struct hfenv_options *opts);

/* The i-th of them in env(1)'s order; false when it is malformed (an empty name, '=' in an unset name, no '='). */
bool hfenv_assignment_at(const struct hfenv_options *opts, size_t i, struct hfenv_assignment *assignment);

#endif
