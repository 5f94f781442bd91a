/*
 * Runs a program with exactly the environment given, which env(1) cannot build:
 * duplicate names, entries without '=', tens of thousands of variables.
 *
 *   spawn [-e ENTRY]... [-n COUNT] [-s STACK_KIB] [-o FILE] -- PROGRAM [ARG]...
 *
 * -e adds ENTRY verbatim, -n adds COUNT entries FILL_<i>=<i>, -s lowers the stack limit
 * (and with it the kernel's limit on argv plus environment), -o puts standard output on
 * FILE (e.g. /dev/full), or closes it for "-". PROGRAM is searched in spawn's own PATH,
 * not in the environment it builds.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

static int usage(void)
{
	fputs("usage: spawn [-e ENTRY]... [-n COUNT] [-s STACK_KIB] [-o FILE] -- PROGRAM [ARG]...\n", stderr);
	return 2;
}

int main(int argc, char **argv)
{
	char **env = calloc((size_t)argc + 1, sizeof *env);
	size_t env_count = 0, fill = 0;
	if (env == NULL)
		return 2;
	int i = 1;
	for (; i < argc && strcmp(argv[i], "--") != 0; i += 2) {
		if (i + 1 >= argc)
			return usage();
		if (strcmp(argv[i], "-e") == 0) {
			env[env_count++] = argv[i + 1];
		} else if (strcmp(argv[i], "-n") == 0) {
			fill = strtoul(argv[i + 1], NULL, 10);
		} else if (strcmp(argv[i], "-s") == 0) {
			struct rlimit stack = {.rlim_cur = strtoul(argv[i + 1], NULL, 10) * 1024};
			struct rlimit old;
			getrlimit(RLIMIT_STACK, &old);
			stack.rlim_max = old.rlim_max;
			if (setrlimit(RLIMIT_STACK, &stack) != 0) {
				perror("spawn: setrlimit");
				return 2;
			}
		} else if (strcmp(argv[i], "-o") == 0 && strcmp(argv[i + 1], "-") == 0) {
			close(STDOUT_FILENO);
		} else if (strcmp(argv[i], "-o") == 0) {
			int fd = open(argv[i + 1], O_WRONLY);
			if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0) {
				perror("spawn: -o");
				return 2;
			}
			if (fd != STDOUT_FILENO)
				close(fd);
		} else {
			return usage();
		}
	}
	if (i + 1 >= argc)
		return usage();
	if (fill > 0) {
		char **grown = realloc(env, (env_count + fill + 1) * sizeof *env);
		if (grown == NULL)
			return 2;
		env = grown;
		for (size_t k = 0; k < fill; k++) {
			char entry[64];
			snprintf(entry, sizeof entry, "FILL_%zu=%zu", k, k);
			if ((env[env_count++] = strdup(entry)) == NULL)
				return 2;
		}
	}
	env[env_count] = NULL;
	execvpe(argv[i + 1], argv + i + 1, env);
	fprintf(stderr, "spawn: %s: %s\n", argv[i + 1], strerror(errno));
	return 2;
}
