#include "io/exec_failure.h"

#include "common/redact.h"
#include "common/secrets.h"
#include "common/shorten.h"
#include "common/text.h"
#include "engine/result.h"
#include "io/path_search.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The kernel reads this much of a file for #!. */
#define HEAD_SIZE 256
/* A name in a message keeps at least this many columns, however long the rest. */
#define MESSAGE_NAME_MIN 16

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

/* name as bash shows it when it is plain text that fits width columns; else quoted, escaped, shortened to fit. */
static char *shown_name(const char *name, size_t width)
{
	char *redacted = hfenv_redacted(name, false);
	if (redacted == NULL)
		return NULL;
	size_t n = strlen(name);
	bool plain = n > 0 && n <= width && strchr(name, ' ') == NULL && strcmp(redacted, name) == 0 &&
		     shown_width(name, true) == n + 2;
	struct text t = {0};
	if (plain)
		text_puts(&t, name);
	else
		text_append_shortened(&t, redacted, true, width);
	free(redacted);
	return text_finish(&t);
}

/*
 * head, "FIRST", text, "SECOND" when there is one, then tail (may be NULL): one line that fits after
 * "hfenv: ", the names shortened to share it, the shorter whole when it takes at most half.  NULL when
 * out of memory.
 */
static char *compose(const char *head, const char *first, const char *text, const char *second, const char *tail)
{
	size_t fixed = strlen("hfenv: ") + strlen(head) + strlen(text) + (tail ? strlen(tail) : 0);
	size_t room = fixed + 2 * MESSAGE_NAME_MIN < HFENV_LINE_WIDTH ? HFENV_LINE_WIDTH - fixed : 2 * MESSAGE_NAME_MIN;
	/* Widths before redaction: what a password's *** or a hidden token saves goes to the other name. */
	size_t first_width = shown_width(first, true), second_width = second ? shown_width(second, true) : 0;
	size_t second_room = second_width <= room / 2 ? second_width : first_width <= room / 2 ? room - first_width : room / 2;
	char *shown_first = shown_name(first, room - second_room);
	char *shown_second = second ? shown_name(second, second_room) : NULL;
	char *message = NULL;
	if (shown_first != NULL && (second == NULL || shown_second != NULL))
		message = text_format("%s%s%s%s%s", head, shown_first, text, shown_second ? shown_second : "", tail ? tail : "");
	free(shown_first);
	free(shown_second);
	return message;
}

/* Why path, a file that exists, did not run although its execve failed with error (not EACCES, not ENOEXEC). */
static int why_file_failed(const char *name, const char *path, int error, char **message)
{
	int status = error == ENOENT ? HFENV_EXIT_NOT_FOUND : HFENV_EXIT_CANNOT_INVOKE;
	char head[HEAD_SIZE + 1];
	read_head(path, head);
	if (strncmp(head, "#!", 2) != 0) {
		*message = compose("", name, ": ", NULL,
				   error == ENOENT ? "cannot execute: required file not found" : strerror(error));
		return status;
	}
	const char *start = head + 2 + strspn(head + 2, " \t");
	char *interpreter = strndup(start, strcspn(start, " \t\n"));
	size_t n = interpreter ? strlen(interpreter) : 0;
	bool crlf = n > 0 && interpreter[n - 1] == '\r';
	if (crlf)
		interpreter[n - 1] = '\0';
	const char *reason = error == ENOENT ? "not found" : strerror(error);
	char *tail = text_join(": ", reason, strlen(reason));
	if (interpreter != NULL && crlf)
		*message = compose("bad interpreter ", interpreter, "^M: CRLF line ends; run dos2unix ", name, NULL);
	else if (interpreter != NULL && tail != NULL)
		*message = compose("", name, ": bad interpreter ", interpreter, tail);
	free(tail);
	free(interpreter);
	return status;
}

/* That name is no command: not in search_path, or (with a '/') no such file; 127 as bash, 126 for other errors. */
static int not_found(const char *name, const char *said, int error, char **message)
{
	if (strchr(name, '/') != NULL) {
		*message = compose("", said, ": ", NULL, strerror(error));
		return error == ENOENT ? HFENV_EXIT_NOT_FOUND : HFENV_EXIT_CANNOT_INVOKE;
	}
	struct hfenv_token_shape token;
	if (hfenv_token_at(name, &token) && token.len == strlen(name)) {
		char *hint = text_format(": command not found; a token? remove the blank after %s=",
					 token.variable ? token.variable : "its NAME");
		*message = hint ? compose("", said, hint, NULL, NULL) : NULL;
		free(hint);
	} else {
		*message = compose("", said, strcmp(name, "help") == 0 ? ": command not found; hfenv's own help: hfenv --help"
								 : ": command not found", NULL, NULL);
	}
	return HFENV_EXIT_NOT_FOUND;
}

int explain_exec_failure(const char *name, const char *failed, const char *search_path, int error, char **message)
{
	char *path = failed != NULL ? strdup(failed) : strchr(name, '/') == NULL ? find_command(name, search_path)
										     : strdup(name);
	const char *said = path ? path : name;
	struct stat st;
	int status = HFENV_EXIT_CANNOT_INVOKE;
	*message = NULL;
	if (error != ENOENT && error != EACCES && error != ENOEXEC)
		*message = compose("", said, ": ", NULL, strerror(error));
	else if (path == NULL || stat(path, &st) != 0)
		status = not_found(name, said, path == NULL ? ENOENT : errno, message);
	else if (S_ISDIR(st.st_mode))
		*message = compose("", said, ": ", NULL, strerror(EISDIR));
	else if (error == EACCES || access(path, X_OK) != 0)
		*message = compose("", said, ": ", NULL, strerror(EACCES));
	else if (error == ENOEXEC)
		*message = compose("", said, ": cannot execute binary file: ", NULL, strerror(ENOEXEC));
	else
		status = why_file_failed(said, path, error, message);
	free(path);
	return status;
}
