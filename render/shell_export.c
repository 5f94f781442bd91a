#include "render/shell_export.h"

#include "common/assignments.h"
#include "common/text.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

bool hfenv_shell_named(const char *name, enum hfenv_shell *shell)
{
	static const char *const sh_like[] = {"sh", "bash", "zsh", "dash", "ksh"};
	*shell = HFENV_SHELL_SH;
	for (size_t i = 0; name != NULL && i < sizeof sh_like / sizeof sh_like[0]; i++)
		if (strcmp(name, sh_like[i]) == 0)
			return true;
	if (name != NULL && strcmp(name, "fish") == 0)
		*shell = HFENV_SHELL_FISH;
	return name == NULL || *shell == HFENV_SHELL_FISH;
}

char *hfenv_shell_statement(enum hfenv_shell shell, const struct hfenv_edit *edit)
{
	if (!hfenv_is_shell_name(edit->name, strlen(edit->name))) {
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

char *hfenv_export_script(enum hfenv_shell shell, const struct hfenv_edit *edits, size_t count, size_t *failed)
{
	struct text script = {0};
	for (size_t i = 0; i < count; i++) {
		char *statement = hfenv_shell_statement(shell, &edits[i]);
		if (statement == NULL) {
			int error = errno;
			free(script.data);
			*failed = i;
			errno = error;
			return NULL;
		}
		text_puts(&script, statement);
		text_puts(&script, "\n");
		free(statement);
	}
	char *text = text_finish(&script);
	if (text == NULL)
		errno = ENOMEM;
	return text;
}
