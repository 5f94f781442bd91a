#ifndef HFENV_RENDER_SHELL_EXPORT_H
#define HFENV_RENDER_SHELL_EXPORT_H

#include "engine/result.h"

#include <stdbool.h>
#include <stddef.h>

enum hfenv_shell { HFENV_SHELL_SH, HFENV_SHELL_FISH };

/* The shell --export=NAME writes for: sh (also for bash, zsh, dash and ksh, which read it as it is) or fish;
 * NULL means sh.  False for another name. */
bool hfenv_shell_named(const char *name, enum hfenv_shell *shell);

/* Shell statement for one edit: "export NAME='v'" / "unset NAME" (sh) or "set -gx ..." (fish); NULL with errno
 * EINVAL when the name is no shell variable name, ENOMEM when out of memory. */
char *hfenv_shell_statement(enum hfenv_shell shell, const struct hfenv_edit *edit);

/* Every edit's statement, a line each, made before any is given out (eval must not apply half of them); NULL as
 * hfenv_shell_statement, with *failed the index of the edit that failed. */
char *hfenv_export_script(enum hfenv_shell shell, const struct hfenv_edit *edits, size_t count, size_t *failed);

#endif
