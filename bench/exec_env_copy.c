#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

/* The least any environment-rewriting wrapper does: find each '=' and build a new array, then execve. */
int main(int argc, char **argv)
{
	(void)argc;
	size_t count = 0, without_equals = 0;
	while (environ[count] != NULL)
		count++;
	char **env = malloc((count + 1) * sizeof *env);
	if (env == NULL)
		return 125;
	for (size_t i = 0; i < count; i++) {
		without_equals += strchr(environ[i], '=') == NULL;
		env[i] = environ[i];
	}
	env[count] = NULL;
	if (without_equals > 0)
		fputs("exec_env_copy: an entry has no '='\n", stderr);
	execve(argv[1], argv + 1, env);
	perror("exec_env_copy");
	return 127;
}
