#include "io/exec_failure.h"

#include "common/redact.h"
#include "common/secrets.h"
#include "common/text.h"
#include "io/path_search.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The kernel reads this much of a file for #!. */
#define HEAD_SIZE 256

/* The first bytes of a file, NUL-terminated in head[HEAD_SIZE + 1]; "" when unreadable. */
static size_t read_head(const char *path, char head[HEAD_SIZE + 1])
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? 0 : read(fd, head, HEAD_SIZE);
	if (fd >= 0)
		close(fd);
	n = n < 0 ? 0 : n;
	head[n] = '\0';
	return (size_t)n;
}

bool is_binary_file(const char *path)
{
	char head[HEAD_SIZE + 1];
	size_t n = read_head(path, head);
	if (n >= 4 && memcmp(head, "\177ELF", 4) == 0)
		return true;
	int lines = n >= 2 && memcmp(head, "#!", 2) == 0 ? 2 : 1;
	for (size_t i = 0; i < n; i++) {
		if (head[i] == '\n' && --lines == 0)
			return false;
		if (head[i] == '\0')
			return true;
	}
	return false;
}

/* name as bash shows it, when it is plain text; else quoted and escaped. NULL when out of memory. */
static char *shown_name(const char *name)
{
	char *quoted = hfenv_quote_redacted(name);
	size_t n = strlen(name);
	if (quoted == NULL || n == 0 || strchr(name, ' ') != NULL || strlen(quoted) != n + 2 ||
	    strncmp(quoted + 1, name, n) != 0)
		return quoted;
	free(quoted);
	return strdup(name);
}

/* Why path, a file that exists, did not run although its execve failed with error (not EACCES, not ENOEXEC). */
static int why_file_failed(const char *shown, const char *path, int error, char **message)
{
	int status = error == ENOENT ? HFENV_EXIT_NOT_FOUND : HFENV_EXIT_CANNOT_INVOKE;
	char head[HEAD_SIZE + 1];
	read_head(path, head);
	if (strncmp(head, "#!", 2) != 0) {
		*message = text_format("%s: %s", shown,
				       error == ENOENT ? "cannot execute: required file not found" : strerror(error));
		return status;
	}
	const char *start = head + 2 + strspn(head + 2, " \t");
	char *interpreter = strndup(start, strcspn(start, " \t\n"));
	size_t n = interpreter ? strlen(interpreter) : 0;
	bool crlf = n > 0 && interpreter[n - 1] == '\r';
	if (crlf)
		interpreter[n - 1] = '\0';
	char *shown_interpreter = interpreter ? shown_name(interpreter) : NULL;
	const char *named = shown_interpreter ? shown_interpreter : "?";
	if (crlf)
		*message = text_format("bad interpreter %s^M: CRLF line ends; run dos2unix %s", named, shown);
	else
		*message = text_format("%s: bad interpreter %s: %s", shown, named,
				       error == ENOENT ? "not found" : strerror(error));
	free(shown_interpreter);
	free(interpreter);
	return status;
}

/* That name is no command: not in search_path, or (with a '/') no such file; 127 as bash, 126 for other errors. */
static int not_found(const char *name, const char *shown, int error, char **message)
{
	if (strchr(name, '/') != NULL) {
		*message = text_format("%s: %s", shown, strerror(error));
		return error == ENOENT ? HFENV_EXIT_NOT_FOUND : HFENV_EXIT_CANNOT_INVOKE;
	}
	struct hfenv_token_shape token;
	if (hfenv_token_at(name, &token) && token.len == strlen(name))
		*message = text_format("%s: command not found; a token? remove the blank after %s=", shown,
				       token.variable ? token.variable : "its NAME");
	else
		*message = text_format("%s: command not found%s", shown,
				       strcmp(name, "help") == 0 ? "; hfenv's own help: hfenv --help" : "");
	return HFENV_EXIT_NOT_FOUND;
}

int explain_exec_failure(const char *name, const char *failed, const char *search_path, int error, char **message)
{
	char *path = failed != NULL ? strdup(failed) : strchr(name, '/') == NULL ? find_command(name, search_path)
										     : strdup(name);
	char *shown = shown_name(path ? path : name);
	const char *said = shown ? shown : "the command";
	struct stat st;
	int status = HFENV_EXIT_CANNOT_INVOKE;
	*message = NULL;
	if (error != ENOENT && error != EACCES && error != ENOEXEC)
		*message = text_format("%s: %s", said, strerror(error));
	else if (path == NULL || stat(path, &st) != 0)
		status = not_found(name, said, path == NULL ? ENOENT : errno, message);
	else if (S_ISDIR(st.st_mode))
		*message = text_format("%s: %s", said, strerror(EISDIR));
	else if (error == EACCES || access(path, X_OK) != 0)
		*message = text_format("%s: %s", said, strerror(EACCES));
	else if (error == ENOEXEC)
		*message = text_format("%s: cannot execute binary file: %s", said, strerror(ENOEXEC));
	else
		status = why_file_failed(said, path, error, message);
	free(shown);
	free(path);
	return status;
}
