#include "env.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define EXIT_HFENV_FAILED 125
#define EXIT_CANNOT_INVOKE 126
#define EXIT_NOT_FOUND 127
#define CONTINUE (-1)

#ifndef HFENV_VERSION
#define HFENV_VERSION "unknown"
#endif
#ifndef HFENV_REVISION
#define HFENV_REVISION "unknown"
#endif

extern char **environ;

enum mode { MODE_RUN, MODE_LIST, MODE_EXPORT };

struct command_line {
	struct hfenv_options options;
	enum mode mode;
	enum hfenv_shell shell;
	const char **unset;
	char **command;               /* NULL-terminated, or NULL */
};

static const char usage_text[] =
	"Usage: hfenv [OPTION]... [--] [NAME=VALUE]... [COMMAND [ARG]...]\n"
	"Put the proxy variables in order for every HTTP client, then run COMMAND.\n"
	"With no COMMAND, print the resulting environment.\n"
	"\n"
	"  -p, --proxy URL        use URL as the HTTP and HTTPS proxy (all spellings)\n"
	"  -x, --no-xet           disable Xet: HF_HUB_DISABLE_XET=1 (and HF_HUB_DISABLE_XETHUB=1)\n"
	"      --allow-socks      let socks4/socks4a/socks5/socks5h proxy URLs through\n"
	"      --prefer lower|upper  which spelling wins when both are set and differ (default lower)\n"
	"  -u, --unset NAME       remove NAME from the environment (repeatable)\n"
	"      --export[=sh|fish] print shell statements that apply the changes: eval \"$(hfenv --export)\"\n"
	"  -v, --verbose          report every change on stderr (passwords shown as ***)\n"
	"  -q, --quiet            no warnings\n"
	"  -h, --help             show this help\n"
	"  -V, --version          show the version\n"
	"\n"
	"Settings from the environment (options win): HFENV_PROXY, HFENV_NO_XET, HFENV_ALLOW_SOCKS,\n"
	"HFENV_PREFER, HFENV_VERBOSE, HFENV_QUIET (true: 1, on, yes, true).\n"
	"Exit status: COMMAND's own; 125 if hfenv fails or refuses a proxy; 126 if COMMAND\n"
	"cannot be run; 127 if COMMAND is not found.\n";

static int fail(const char *format, const char *detail)
{
	fputs("hfenv: ", stderr);
	fprintf(stderr, format, detail);
	fputc('\n', stderr);
	return EXIT_HFENV_FAILED;
}

/* detail comes from argv: quoted, so that control characters and passwords stay out of the message. */
static int bad_usage(const char *format, const char *detail)
{
	char *quoted = hfenv_quote_redacted(detail);
	fputs("hfenv: ", stderr);
	fprintf(stderr, format, quoted ? quoted : "(out of memory)");
	fputs("; see 'hfenv --help'\n", stderr);
	free(quoted);
	return EXIT_HFENV_FAILED;
}

/* Names the option getopt stopped at: "-Z" out of a cluster such as -xZ, "--name" without its "=value". */
static int bad_option(const char *format, const char *element)
{
	char short_option[3] = {'-', (char)optopt, '\0'};
	if (element[1] != '-')
		return bad_usage(format, short_option);
	char *name = strndup(element, strcspn(element, "="));
	int status = bad_usage(format, name ? name : element);
	free(name);
	return status;
}

/* Writes what the user asked for; a failed write is hfenv's failure. */
static int finish_output(void)
{
	if (fflush(stdout) != 0 || ferror(stdout))
		return fail("cannot write to standard output: %s", strerror(errno));
	return 0;
}

static int parse_export_shell(const char *name, enum hfenv_shell *shell)
{
	if (name == NULL || strcmp(name, "sh") == 0)
		*shell = HFENV_SHELL_SH;
	else if (strcmp(name, "fish") == 0)
		*shell = HFENV_SHELL_FISH;
	else
		return bad_usage("--export takes sh or fish, not %s", name);
	return CONTINUE;
}

static int parse_prefer(const char *name, enum hfenv_prefer *prefer)
{
	if (strcmp(name, "lower") == 0)
		*prefer = HFENV_PREFER_LOWER;
	else if (strcmp(name, "upper") == 0)
		*prefer = HFENV_PREFER_UPPER;
	else
		return bad_usage("--prefer takes lower or upper, not %s", name);
	return CONTINUE;
}

static int parse_command_line(int argc, char **argv, struct command_line *cl)
{
	enum { OPT_ALLOW_SOCKS = 256, OPT_PREFER, OPT_EXPORT };
	static const struct option long_options[] = {
		{"proxy", required_argument, NULL, 'p'},
		{"no-xet", no_argument, NULL, 'x'},
		{"allow-socks", no_argument, NULL, OPT_ALLOW_SOCKS},
		{"prefer", required_argument, NULL, OPT_PREFER},
		{"unset", required_argument, NULL, 'u'},
		{"export", optional_argument, NULL, OPT_EXPORT},
		{"verbose", no_argument, NULL, 'v'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	*cl = (struct command_line){0};
	cl->unset = calloc((size_t)argc, sizeof *cl->unset);
	if (cl->unset == NULL)
		return fail("%s", strerror(errno));
	cl->options.unset = cl->unset;
	opterr = 0;
	int c, status = CONTINUE, element = optind;
	while (status == CONTINUE && (c = getopt_long(argc, argv, "+:p:xu:vqhV", long_options, NULL)) != -1) {
		switch (c) {
		case 'p':
			cl->options.proxy = optarg;
			break;
		case 'x':
			cl->options.no_xet = true;
			break;
		case OPT_ALLOW_SOCKS:
			cl->options.allow_socks = true;
			break;
		case OPT_PREFER:
			status = parse_prefer(optarg, &cl->options.prefer);
			break;
		case 'u':
			cl->unset[cl->options.unset_count++] = optarg;
			break;
		case OPT_EXPORT:
			cl->mode = MODE_EXPORT;
			status = parse_export_shell(optarg, &cl->shell);
			break;
		case 'v':
			cl->options.verbose = true;
			break;
		case 'q':
			cl->options.quiet = true;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return finish_output();
		case 'V':
			printf("hfenv %s (revision %s)\n", HFENV_VERSION, HFENV_REVISION);
			return finish_output();
		case ':':
			return bad_option("option %s needs an argument", argv[element]);
		default:
			if (optopt != 0 && argv[element][1] == '-')
				return bad_option("option %s takes no argument", argv[element]);
			return bad_option("unknown option %s", argv[element]);
		}
		element = optind;
	}
	if (status != CONTINUE)
		return status;
	int first_assignment = optind;
	while (optind < argc && strchr(argv[optind], '=') != NULL)
		optind++;
	cl->options.assign = (const char *const *)argv + first_assignment;
	cl->options.assign_count = (size_t)(optind - first_assignment);
	if (optind < argc)
		cl->command = argv + optind;
	if (cl->command != NULL && cl->mode == MODE_EXPORT)
		return bad_usage("--export prints statements and runs nothing, but a command was given: %s", argv[optind]);
	if (cl->command == NULL && cl->mode == MODE_RUN)
		cl->mode = MODE_LIST;
	return CONTINUE;
}

/* Prints the findings the user wants to see; 125 when hfenv refuses to go on. */
static int report_findings(const struct hfenv_result *result)
{
	for (size_t i = 0; i < result->finding_count; i++) {
		const struct hfenv_finding *f = &result->findings[i];
		if (f->kind == HFENV_ERROR)
			fprintf(stderr, "hfenv: %s\n", f->message);
		else if (result->error_count > 0)
			continue;
		else if (f->kind == HFENV_WARNING && !result->quiet)
			fprintf(stderr, "hfenv: warning: %s\n", f->message);
		else if (f->kind == HFENV_CHANGE && result->verbose)
			fprintf(stderr, "hfenv: %s\n", f->message);
	}
	return result->error_count > 0 ? EXIT_HFENV_FAILED : CONTINUE;
}

static int list_environment(const struct hfenv_result *result)
{
	for (size_t i = 0; i < result->env_count; i++) {
		fputs(result->env[i], stdout);
		fputc('\n', stdout);
	}
	return finish_output();
}

/* All statements are made before any is printed: eval "$(hfenv --export)" must not apply half of them. */
static int export_statements(const struct hfenv_result *result, enum hfenv_shell shell)
{
	char **statements = calloc(result->edit_count + 1, sizeof *statements);
	int status = statements ? CONTINUE : fail("%s", strerror(errno));
	for (size_t i = 0; status == CONTINUE && i < result->edit_count; i++) {
		statements[i] = hfenv_shell_statement(shell, &result->edits[i]);
		if (statements[i] == NULL && errno == EINVAL) {
			char *name = hfenv_quote_redacted(result->edits[i].name);
			status = fail("cannot export %s: not a shell variable name", name ? name : "(out of memory)");
			free(name);
		} else if (statements[i] == NULL) {
			status = fail("%s", strerror(errno));
		}
	}
	for (size_t i = 0; status == CONTINUE && i < result->edit_count; i++)
		puts(statements[i]);
	for (size_t i = 0; statements != NULL && i < result->edit_count; i++)
		free(statements[i]);
	free(statements);
	return status == CONTINUE ? finish_output() : status;
}

static const char *find_variable(char *const env[], const char *name)
{
	size_t n = strlen(name);
	for (size_t i = 0; env[i] != NULL; i++)
		if (strncmp(env[i], name, n) == 0 && env[i][n] == '=')
			return env[i] + n + 1;
	return NULL;
}

/* execve, and for a file without #! the shell, as execvp does; returns only on failure. */
static void exec_file(const char *path, char **argv, char *const env[])
{
	execve(path, argv, env);
	if (errno != ENOEXEC)
		return;
	size_t argc = 0;
	while (argv[argc] != NULL)
		argc++;
	char **shell_argv = calloc(argc + 2, sizeof *shell_argv);
	if (shell_argv == NULL)
		return;
	shell_argv[0] = "sh";
	shell_argv[1] = (char *)path;
	memcpy(shell_argv + 2, argv + 1, argc * sizeof *shell_argv);
	execve("/bin/sh", shell_argv, env);
	free(shell_argv);
	errno = ENOEXEC;
}

/* Searches PATH of the new environment, as env(1) does; returns only on failure, with errno set. */
static void exec_command(char **argv, char *const env[])
{
	const char *file = argv[0];
	if (*file == '\0') {
		errno = ENOENT;
		return;
	}
	if (strchr(file, '/') != NULL) {
		exec_file(file, argv, env);
		return;
	}
	const char *search = find_variable(env, "PATH");
	if (search == NULL)
		search = "/bin:/usr/bin";
	size_t file_len = strlen(file);
	char *path = malloc(strlen(search) + file_len + 2);
	if (path == NULL)
		return;
	bool denied = false;
	for (const char *dir = search;; dir++) {
		size_t dir_len = strcspn(dir, ":");
		memcpy(path, dir, dir_len);
		size_t at = dir_len;
		if (dir_len > 0)
			path[at++] = '/';
		memcpy(path + at, file, file_len + 1);
		exec_file(path, argv, env);
		if (errno == EACCES)
			denied = true;
		else if (errno != ENOENT && errno != ENOTDIR)
			break;
		dir += dir_len;
		if (*dir == '\0') {
			errno = denied ? EACCES : ENOENT;
			break;
		}
	}
	int saved = errno;
	free(path);
	errno = saved;
}

static int run_command(char **argv, char *const env[])
{
	exec_command(argv, env);
	int status = errno == ENOENT ? EXIT_NOT_FOUND : EXIT_CANNOT_INVOKE;
	char *name = hfenv_quote_redacted(argv[0]);
	fprintf(stderr, "hfenv: %s: %s\n", name ? name : argv[0], strerror(errno));
	free(name);
	return status;
}

int main(int argc, char **argv)
{
	struct command_line cl;
	struct hfenv_result result = {0};
	int status = parse_command_line(argc, argv, &cl);
	if (status == CONTINUE && hfenv_normalize(&cl.options, environ, &result) != 0)
		status = fail("%s", strerror(errno));
	if (status == CONTINUE)
		status = report_findings(&result);
	if (status == CONTINUE && cl.mode == MODE_LIST)
		status = list_environment(&result);
	else if (status == CONTINUE && cl.mode == MODE_EXPORT)
		status = export_statements(&result, cl.shell);
	else if (status == CONTINUE)
		status = run_command(cl.command, result.env);
	/* Freed although the process ends, so that valgrind and LeakSanitizer report real leaks only. */
	hfenv_result_free(&result);
	free(cl.unset);
	return status;
}
