#ifndef HFENV_SHELL_EXPORT_H
#define HFENV_SHELL_EXPORT_H

#include "env.h"

/* Shell statement for one edit: "export NAME='v'" / "unset NAME" (sh) or "set -gx ..." (fish). NULL on ENOMEM. */
enum hfenv_shell { HFENV_SHELL_SH, HFENV_SHELL_FISH };
char *hfenv_shell_statement(enum hfenv_shell shell, const struct hfenv_edit *edit);

#endif
