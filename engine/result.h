#ifndef HFENV_ENGINE_RESULT_H
#define HFENV_ENGINE_RESULT_H

#include <stdbool.h>
#include <stddef.h>

enum hfenv_finding_kind { HFENV_CHANGE, HFENV_WARNING, HFENV_ERROR };

/* Columns of a message line: a finding fits after "hfenv: warning: " (a warning) or "hfenv: " (the others). */
#define HFENV_LINE_WIDTH 100

/* One line for the user: already redacted, quoted and free of control characters. */
struct hfenv_finding {
	enum hfenv_finding_kind kind;
	char *message;
};

/* One variable hfenv set or removed, for --export: value is NULL when removed. */
struct hfenv_edit {
	const char *name;
	const char *value;
};

/* What the engine made of an environment. */
struct hfenv_result {
	char **env;                   /* NULL-terminated; unchanged entries point into the input */
	size_t env_count;
	struct hfenv_finding *findings;
	size_t finding_count;
	size_t error_count;
	struct hfenv_edit *edits;
	size_t edit_count;
	bool verbose;                 /* -v or HFENV_VERBOSE */
	bool quiet;                   /* -q or HFENV_QUIET */
	const char *path;             /* PATH of env (its first entry), or NULL: the exec site needs no second pass */
	struct hfenv_storage *storage;
};

#endif
