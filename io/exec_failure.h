#ifndef HFENV_IO_EXEC_FAILURE_H
#define HFENV_IO_EXEC_FAILURE_H

#include <stdbool.h>

/* The exit statuses of a command that did not run, as bash and env(1) give them. */
#define HFENV_EXIT_CANNOT_INVOKE 126
#define HFENV_EXIT_NOT_FOUND 127

/* After ENOEXEC: path is a file bash does not run as a script (ELF, or a NUL byte in its first line, two after #!). */
bool is_binary_file(const char *path);

/*
 * Why the command name did not run, its execve (PATH: search_path) having failed with error, said as
 * bash says it, from the file that failed and its #! line: one line, for after "hfenv: ", in *message
 * (malloc'd; NULL when out of memory).  failed: the file whose execve ended the PATH search, or NULL
 * when the search tried every candidate, and the file is the one a shell would have tried.  Returns the
 * exit status: 127 when the file or its interpreter is missing (bash 5.2), 126 when it is there and
 * cannot run.
 */
int explain_exec_failure(const char *name, const char *failed, const char *search_path, int error, char **message);

#endif
