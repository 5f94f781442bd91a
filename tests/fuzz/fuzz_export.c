/*
 * The --export quoting. Input: a flag byte (bit 0: fish, bit 1: unset), then NAME, a NUL, VALUE.
 * Properties: a shell variable name gives a statement that, read back by the quoting rules of
 * sh (single quotes, \' outside them) or fish ('...' with \' and \\ inside), sets exactly NAME to
 * exactly VALUE, or unsets NAME; any other name is refused with EINVAL.
 */
#include <errno.h>

#include "engine/result.h"
#include "fuzz.h"
#include "render/shell_export.h"

/* The oracle for env.c's is_shell_name, written another way so that it cannot share a mistake. */
static bool is_shell_name(const char *name)
{
	static const char word[] = "_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	return strspn(name, word) == strlen(name) && strspn(name, "0123456789") == 0 && *name != '\0';
}

/* The word at s as sh reads it, accepting only quoted text, so that nothing is expanded. */
static char *read_sh_word(const char *s)
{
	char *word = malloc(strlen(s) + 1), *out = word;
	require(word != NULL);
	while (*s) {
		if (*s == '\'') {
			const char *close = strchr(s + 1, '\'');
			require(close != NULL);
			memcpy(out, s + 1, (size_t)(close - s - 1));
			out += close - s - 1;
			s = close + 1;
		} else {
			require(s[0] == '\\' && s[1] != '\0');
			*out++ = s[1];
			s += 2;
		}
	}
	*out = '\0';
	return word;
}

/* The single-quoted word at s as fish reads it: \' and \\ are escapes, any other \ is literal. */
static char *read_fish_word(const char *s)
{
	char *word = malloc(strlen(s) + 1), *out = word;
	require(word != NULL);
	require(*s++ == '\'');
	for (; *s != '\''; s++) {
		require(*s != '\0');
		if (s[0] == '\\' && (s[1] == '\'' || s[1] == '\\'))
			s++;
		*out++ = *s;
	}
	require(s[1] == '\0');
	*out = '\0';
	return word;
}

static const char *skip(const char *s, const char *prefix)
{
	size_t n = strlen(prefix);
	require(strncmp(s, prefix, n) == 0);
	return s + n;
}

static void require_round_trip(enum hfenv_shell shell, const struct hfenv_edit *edit, const char *statement)
{
	bool fish = shell == HFENV_SHELL_FISH;
	if (edit->value == NULL) {
		require(strcmp(skip(statement, fish ? "set -e " : "unset "), edit->name) == 0);
		return;
	}
	const char *rest = skip(skip(statement, fish ? "set -gx " : "export "), edit->name);
	char *value = fish ? read_fish_word(skip(rest, " ")) : read_sh_word(skip(rest, "="));
	require(strcmp(value, edit->value) == 0);
	free(value);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	char *name = copy_string(data + 1, size - 1);
	size_t name_len = strlen(name);
	const char *value = name_len < size - 1 ? name + name_len + 1 : "";
	enum hfenv_shell shell = (data[0] & 1) ? HFENV_SHELL_FISH : HFENV_SHELL_SH;
	struct hfenv_edit edit = {name, (data[0] & 2) ? NULL : value};
	errno = 0;
	char *statement = hfenv_shell_statement(shell, &edit);
	if (is_shell_name(name)) {
		require(statement != NULL);
		require_round_trip(shell, &edit, statement);
	} else {
		require(statement == NULL && errno == EINVAL);
	}
	free(statement);
	free(name);
	return 0;
}
