#ifndef HFENV_COMMON_ASSIGNMENTS_H
#define HFENV_COMMON_ASSIGNMENTS_H

#include <stdbool.h>
#include <stddef.h>

/* The command line's -u NAME and NAME=VALUE, each list in command-line order. */
struct hfenv_assignments {
	const char *const *unset;     /* -u NAME */
	size_t unset_count;
	const char *const *assign;    /* NAME=VALUE operands */
	size_t assign_count;
};

/* One of them, in the order env(1) applies them: every -u, then every NAME=VALUE. */
struct hfenv_assignment {
	const char *name;             /* name_len bytes, not NUL-terminated */
	size_t name_len;
	const char *entry;            /* the NAME=VALUE operand, or NULL for -u NAME */
	const char *value;            /* what follows its '=', or NULL for -u NAME */
};

/* Whether name[0..length) is a shell variable name: a letter or '_', then letters, digits and '_'. */
bool hfenv_is_shell_name(const char *name, size_t length);

/*
 * Whether word is NAME=VALUE for --explain and --probe, whose other operands are hosts: a shell name before
 * its first '='.  So a URL with '=' in its query (https://h.example/api?q=bert) is a host, not a variable.
 */
bool hfenv_is_host_mode_assignment(const char *word);

/* How many -u and NAME=VALUE there are, valid or not. */
size_t hfenv_assignment_count(const struct hfenv_assignments *assignments);

/* The i-th of them in env(1)'s order; false when it is malformed (an empty name, '=' in an unset name, no '='). */
bool hfenv_assignment_at(const struct hfenv_assignments *assignments, size_t i, struct hfenv_assignment *assignment);

/*
 * envp as a command sees it under `env -u NAME... NAME=VALUE...`: a name the assignments touch keeps
 * only its last NAME=VALUE, in the place of its first entry (or after the others, in no set order),
 * and none after -u alone.
 * Other entries stay as they are.  NULL-terminated, free() it; entries point into envp and the
 * assignments.  NULL on ENOMEM.
 */
char **hfenv_assigned_environment(const struct hfenv_assignments *assignments, char *const envp[]);

#endif
