#include "shell_export.h"

#include "text.h"

#include <errno.h>
#include <stdbool.h>

static bool is_shell_name(const char *name)
{
	if (!((*name >= 'a' && *name <= 'z') || (*name >= 'A' && *name <= 'Z') || *name == '_'))
		return false;
	for (const char *p = name + 1; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_'))
			return false;
	return true;
}

char *hfenv_shell_statement(enum hfenv_shell shell, const struct hfenv_edit *edit)
{
	if (!is_shell_name(edit->name)) {
		errno = EINVAL;
		return NULL;
	}
	struct text t = {0};
	bool fish = shell == HFENV_SHELL_FISH;
	if (edit->value == NULL) {
		text_puts(&t, fish ? "set -e " : "unset ");
		text_puts(&t, edit->name);
	} else {
		text_puts(&t, fish ? "set -gx " : "export ");
		text_puts(&t, edit->name);
		text_puts(&t, fish ? " '" : "='");
		for (const char *p = edit->value; *p; p++) {
			if (*p == '\'')
				text_puts(&t, fish ? "\\'" : "'\\''");
			else if (*p == '\\' && fish)
				text_puts(&t, "\\\\");
			else
				text_append(&t, p, 1);
		}
		text_puts(&t, "'");
	}
	char *statement = text_finish(&t);
	if (statement == NULL)
		errno = ENOMEM;
	return statement;
}
