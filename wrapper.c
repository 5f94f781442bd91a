#include "env.h"
#include "env_in_place.h"

#include "common/redact.h"
#include "common/seconds.h"
#include "io/ca_bundle_reader.h"
#include "io/exec_failure.h"
#include "io/path_search.h"
#include "io/probe.h"
#include "render/explain.h"
#include "render/shell_export.h"
#include "render/usage.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define EXIT_HFENV_FAILED 125
/* What a step of main returns when the next step is to run: no exit status, as those are 0 to 255. */
#define NEXT_STEP 256

#ifndef HFENV_VERSION
#define HFENV_VERSION "unknown"
#endif
#ifndef HFENV_REVISION
#define HFENV_REVISION "unknown"
#endif
/* Builds without --probe (HFENV_WITH_PROBE=0) do not link probe.c: no socket call, no DNS resolver. */
#ifndef HFENV_WITH_PROBE
#define HFENV_WITH_PROBE 1
#endif

extern char **environ;

enum mode { MODE_RUN, MODE_LIST, MODE_EXPORT, MODE_EXPLAIN, MODE_PROBE };

#define PROBE_DEFAULT_TIMEOUT_MS 5000

struct command_line {
	struct hfenv_options options;
	enum mode mode;
	enum hfenv_shell shell;
	enum explain_format format;
	int timeout_ms;               /* --probe: per step */
	bool timeout_given;
	const char **unset;
	char **command;               /* NULL-terminated, or NULL; --probe: the targets */
	char **operands;              /* the exec path's copy of NAME=VALUE... COMMAND..., or NULL */
};

static int fail(const char *format, const char *detail)
{
	fputs("hfenv: ", stderr);
	fprintf(stderr, format, detail);
	fputc('\n', stderr);
	return EXIT_HFENV_FAILED;
}

/* detail comes from argv: quoted, so that control characters and passwords stay out, and shortened to fit the line. */
static int bad_usage(const char *format, const char *detail)
{
	char *quoted = hfenv_quote_redacted_in(detail, HFENV_LINE_WIDTH + strlen("%s") - strlen("hfenv: ; try --help") - strlen(format));
	fputs("hfenv: ", stderr);
	fprintf(stderr, format, quoted ? quoted : "(out of memory)");
	fputs("; try --help\n", stderr);
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

static int parse_timeout(const char *text, int *timeout_ms)
{
	long ms;
	if (!hfenv_parse_seconds(text, 1, 3600000, &ms))
		return bad_usage("--timeout takes a number of seconds from 0.001 to 3600, not %s", text);
	*timeout_ms = (int)ms;
	return NEXT_STEP;
}

/* A word with neither ":" nor "." is no URL, HOST:PORT or address: most likely the command (-p python3). */
static int parse_proxy_option(const char *value, const char **proxy)
{
	if (*value != '\0' && strpbrk(value, ":.") == NULL)
		return bad_usage("-p takes a proxy URL such as http://HOST:PORT, not %s", value);
	*proxy = value;
	return NEXT_STEP;
}

static const char *const mode_options[] = {
	[MODE_EXPORT] = "--export", [MODE_EXPLAIN] = "--explain", [MODE_PROBE] = "--probe",
};

static int set_mode(struct command_line *cl, enum mode mode)
{
	if (cl->mode != MODE_RUN && cl->mode != mode) {
		fprintf(stderr, "hfenv: %s and %s cannot be combined; see 'hfenv --help'\n", mode_options[cl->mode],
			mode_options[mode]);
		return EXIT_HFENV_FAILED;
	}
	cl->mode = mode;
	return NEXT_STEP;
}

/* What follows the options: NAME=VALUE operands, then the command, or --probe's targets. */
static int parse_operands(int argc, char **argv, struct command_line *cl)
{
	int first_assignment = optind;
	bool hosts = cl->mode == MODE_EXPLAIN || cl->mode == MODE_PROBE;
	while (optind < argc &&
	       (hosts ? hfenv_is_host_mode_assignment(argv[optind]) : strchr(argv[optind], '=') != NULL))
		optind++;
	cl->options.assignments.assign = (const char *const *)argv + first_assignment;
	cl->options.assignments.assign_count = (size_t)(optind - first_assignment);
	if (optind < argc)
		cl->command = argv + optind;
	if (cl->timeout_given && cl->mode != MODE_PROBE)
		return bad_usage("%s is only for --probe", "--timeout");
	if (cl->command != NULL && cl->mode == MODE_EXPORT)
		return hfenv_shell_named(argv[optind], &cl->shell)
			       ? fail("--export runs nothing; to name the shell, write --export=%s; try --help", argv[optind])
			       : bad_usage("--export runs nothing; remove %s", argv[optind]);
	for (int i = optind; cl->mode == MODE_EXPLAIN && i < argc; i++)
		if (!explain_target_is_valid(argv[i]))
			return bad_usage("--explain takes hosts/URLs, not %s", argv[i]);
	if (cl->command == NULL && cl->mode == MODE_RUN)
		cl->mode = MODE_LIST;
	cl->options.check_ca_bundle = cl->mode == MODE_EXPLAIN;
	return NEXT_STEP;
}

enum {
	OPT_ALLOW_SOCKS = 256, OPT_PROXY_LOOPBACK, OPT_PREFER, OPT_CA_BUNDLE, OPT_EXPORT, OPT_EXPLAIN, OPT_PROBE, OPT_TIMEOUT
};

/* One option getopt_long returned, with its optarg. */
static int apply_option(int option, const char *argument, struct command_line *cl)
{
	int status = NEXT_STEP;
	switch (option) {
	case 'p':
		return parse_proxy_option(argument, &cl->options.proxy);
	case 'x':
		cl->options.no_xet = true;
		break;
	case OPT_ALLOW_SOCKS:
		cl->options.allow_socks = true;
		break;
	case OPT_PROXY_LOOPBACK:
		cl->options.proxy_loopback = true;
		break;
	case OPT_PREFER:
		return hfenv_prefer_named(argument, &cl->options.prefer)
			       ? NEXT_STEP
			       : bad_usage("--prefer takes lower or upper, not %s", argument);
	case OPT_CA_BUNDLE:
		cl->options.ca_bundle = argument;
		break;
	case 'u':
		cl->unset[cl->options.assignments.unset_count++] = argument;
		break;
	case OPT_EXPORT:
		status = set_mode(cl, MODE_EXPORT);
		if (status == NEXT_STEP && !hfenv_shell_named(argument, &cl->shell))
			return bad_usage("--export takes sh or fish, not %s", argument);
		return status;
	case OPT_EXPLAIN:
		status = set_mode(cl, MODE_EXPLAIN);
		if (status == NEXT_STEP && !explain_format_named(argument, &cl->format))
			return bad_usage("--explain takes table or tsv, not %s", argument);
		return status;
	case OPT_PROBE:
		return HFENV_WITH_PROBE ? set_mode(cl, MODE_PROBE)
					: fail("%s is not in hfenv-static, which leaves out the DNS resolver it needs; "
					       "run hfenv for it", "--probe");
	case OPT_TIMEOUT:
		cl->timeout_given = true;
		return parse_timeout(argument, &cl->timeout_ms);
	case 'v':
		cl->options.verbose = true;
		break;
	case 'q':
		cl->options.quiet = true;
		break;
	}
	return status;
}

/* What getopt_long stopped at that is no option to apply: --help, --version, or a usage error. */
static int answer_option(int option, const char *element)
{
	switch (option) {
	case 'h':
		fputs(hfenv_usage, stdout);
		return finish_output();
	case 'V':
		printf("hfenv %s (revision %s%s)\n", HFENV_VERSION, HFENV_REVISION,
		       HFENV_WITH_PROBE ? "" : ", static, without --probe");
		return finish_output();
	case ':':
		return bad_option("option %s needs an argument", element);
	default:
		if (optopt != 0 && element[1] == '-')
			return bad_option("option %s takes no argument", element);
		return bad_option("unknown option %s", element);
	}
}

static int parse_command_line(int argc, char **argv, struct command_line *cl)
{
	static const struct option long_options[] = {
		{"proxy", required_argument, NULL, 'p'},
		{"no-xet", no_argument, NULL, 'x'},
		{"allow-socks", no_argument, NULL, OPT_ALLOW_SOCKS},
		{"proxy-loopback", no_argument, NULL, OPT_PROXY_LOOPBACK},
		{"prefer", required_argument, NULL, OPT_PREFER},
		{"ca-bundle", required_argument, NULL, OPT_CA_BUNDLE},
		{"unset", required_argument, NULL, 'u'},
		{"export", optional_argument, NULL, OPT_EXPORT},
		{"explain", optional_argument, NULL, OPT_EXPLAIN},
		{"probe", no_argument, NULL, OPT_PROBE},
		{"timeout", required_argument, NULL, OPT_TIMEOUT},
		{"verbose", no_argument, NULL, 'v'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	*cl = (struct command_line){.timeout_ms = PROBE_DEFAULT_TIMEOUT_MS};
	cl->unset = calloc((size_t)argc, sizeof *cl->unset);
	if (cl->unset == NULL)
		return fail("%s", strerror(errno));
	cl->options.assignments.unset = cl->unset;
	opterr = 0;
	int option, status = NEXT_STEP, element = optind;
	while (status == NEXT_STEP && (option = getopt_long(argc, argv, "+:p:xu:vqhV", long_options, NULL)) != -1) {
		bool known = option != 'h' && option != 'V' && option != ':' && option != '?';
		status = known ? apply_option(option, optarg, cl) : answer_option(option, argv[element]);
		element = optind;
	}
	return status == NEXT_STEP ? parse_operands(argc, argv, cl) : status;
}

/* Prints the findings the user wants to see; 125 when hfenv refuses to go on. */
static int report_findings(const struct hfenv_result *result)
{
	for (size_t i = 0; i < result->finding_count; i++) {
		const struct hfenv_finding *f = &result->findings[i];
		if (f->kind == HFENV_ERROR)
			fprintf(stderr, "hfenv: %s\n", f->message);
		else if (result->error_count > 0 && !(f->kind == HFENV_WARNING && result->verbose))
			continue;
		else if (f->kind == HFENV_WARNING && !result->quiet)
			fprintf(stderr, "hfenv: warning: %s\n", f->message);
		else if (f->kind == HFENV_CHANGE && result->verbose)
			fprintf(stderr, "hfenv: %s\n", f->message);
	}
	return result->error_count > 0 ? EXIT_HFENV_FAILED : NEXT_STEP;
}

static int list_environment(const struct hfenv_result *result)
{
	for (size_t i = 0; i < result->env_count; i++) {
		fputs(result->env[i], stdout);
		fputc('\n', stdout);
	}
	return finish_output();
}

static int export_statements(const struct hfenv_result *result, enum hfenv_shell shell)
{
	size_t failed = 0;
	char *script = hfenv_export_script(shell, result->edits, result->edit_count, &failed);
	if (script == NULL && errno == EINVAL) {
		char *name = hfenv_quote_redacted(result->edits[failed].name);
		int status = fail("cannot export %s: not a shell variable name", name ? name : "(out of memory)");
		free(name);
		return status;
	}
	if (script == NULL)
		return fail("%s", strerror(errno));
	fputs(script, stdout);
	free(script);
	return finish_output();
}

/* execve, and for a file without #! that is no binary, the shell, as execvp does; returns only on failure. */
static void exec_file(const char *path, char **argv, char *const env[])
{
	execve(path, argv, env);
	int error = errno;
	if (error != ENOEXEC || is_binary_file(path)) {
		errno = error;
		return;
	}
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

/* Searches search_path (PATH of the new environment) as execvp does; returns only on failure, with errno set and
 * *failed the candidate whose execve ended the search (malloc'd), or NULL when none did. */
static void exec_command(char **argv, char *const env[], const char *search_path, char **failed)
{
	const char *file = argv[0], *path = NULL;
	struct path_search search;
	*failed = NULL;
	if (*file == '\0') {
		errno = ENOENT;
		return;
	}
	if (strchr(file, '/') != NULL) {
		exec_file(file, argv, env);
		return;
	}
	if (!path_search_begin(&search, file, search_path))
		return;
	while ((path = path_search_next(&search)) != NULL) {
		exec_file(path, argv, env);
		if (!path_search_goes_on(&search, errno))
			break;
	}
	int error = path != NULL ? errno : path_search_error(&search);
	*failed = path != NULL ? strdup(path) : NULL;
	path_search_end(&search);
	errno = error;
}

/* The one place an exec failure becomes an exit status (io/exec_failure.h says which), said as bash says it. */
static int run_command(char **argv, const struct hfenv_result *result)
{
	char *failed = NULL, *message = NULL;
	exec_command(argv, result->env, result->path, &failed);
	int status = explain_exec_failure(argv[0], failed, result->path, errno, &message);
	fprintf(stderr, "hfenv: %s\n", message ? message : strerror(ENOMEM));
	free(message);
	free(failed);
	return status;
}

/* The columns --explain's tables may fill: COLUMNS, else the terminal's, else 0 (explain's default). */
static size_t output_width(void)
{
	const char *columns = getenv("COLUMNS");
	char *end;
	unsigned long n = columns != NULL ? strtoul(columns, &end, 10) : 0;
	if (n > 0 && n < 10000 && *end == '\0')
		return n;
	struct winsize size;
	return ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 ? size.ws_col : 0;
}

/* --explain: 0 if all clients agree after hfenv, 1 if not, 125 if it refuses. */
static int explain(const struct command_line *cl, const struct hfenv_result *result)
{
	struct explain_output output = {
		.stream = stdout, .format = cl->format, .width = output_width(),
		.colour = cl->format == EXPLAIN_TABLE && isatty(STDOUT_FILENO) && getenv("NO_COLOR") == NULL,
	};
	if (!result->quiet)
		explain_warn_about_operands(stderr, (const char *const *)cl->command, cl->format, names_a_command, result->path);
	int verdict = explain_routes(&output, &cl->options.assignments, environ, result, (const char *const *)cl->command);
	if (verdict < 0)
		return fail("%s", strerror(errno));
	for (size_t i = 0; cl->format == EXPLAIN_TSV && i < result->finding_count; i++)
		if (result->findings[i].kind == HFENV_ERROR)
			fprintf(stderr, "hfenv: %s\n", result->findings[i].message);
	int status = finish_output();
	if (status != 0)
		return status;
	return verdict == EXPLAIN_REFUSED ? EXIT_HFENV_FAILED : verdict == EXPLAIN_DISAGREE ? 1 : 0;
}

#if HFENV_WITH_PROBE
/* --probe: 0 when every target answered 2xx, 1 when not, 125 when it cannot begin. */
static int probe(const struct command_line *cl, const struct hfenv_result *result)
{
	char *why = NULL;
	enum probe_outcome outcome =
		probe_targets(stdout, (const char *const *)cl->command, result->env, cl->timeout_ms, &why);
	if (outcome == PROBE_CANNOT) {
		int status = fail("%s", why ? why : strerror(ENOMEM));
		free(why);
		return status;
	}
	int status = finish_output();
	return status != 0 ? status : outcome == PROBE_ALL_ANSWERED ? 0 : 1;
}
#endif

/* What hfenv prints instead of running a command; in the run mode, the findings before the command runs. */
static int show(const struct command_line *cl, const struct hfenv_result *result)
{
	if (cl->mode == MODE_EXPLAIN)
		return explain(cl, result);
	int status = report_findings(result);
	if (status != NEXT_STEP)
		return status;
	switch (cl->mode) {
	case MODE_LIST:
		return list_environment(result);
	case MODE_EXPORT:
		return export_statements(result, cl->shell);
#if HFENV_WITH_PROBE
	case MODE_PROBE:
		return probe(cl, result);
#endif
	default:
		return NEXT_STEP; /* MODE_RUN: the command runs next */
	}
}

static char *no_environment[] = {NULL};

/*
 * The exec path: environ follows argv on the initial stack, and the new environment is written
 * over both, so that no page is touched that the process does not have yet.  The operands move
 * out of argv first; libc's environ stays empty from then on, as nothing reads it before execve.
 * Returns as hfenv_normalize does: 0, or -1 with errno set.
 */
static int normalize_over_argv(struct command_line *cl, int argc, char **argv, struct hfenv_result *result)
{
	char **first = (char **)cl->options.assignments.assign;
	size_t count = (size_t)(argv + argc - first) + 1;
	cl->operands = malloc(count * sizeof *cl->operands);
	if (cl->operands == NULL)
		return -1;
	memcpy(cl->operands, first, count * sizeof *cl->operands);
	cl->options.assignments.assign = (const char *const *)cl->operands;
	cl->command = cl->operands + cl->options.assignments.assign_count;
	environ = no_environment;
	return hfenv_normalize_in_place(&cl->options, hfenv_read_ca_bundle, argv, (size_t)argc + 1, result);
}

static int normalize_environment(struct command_line *cl, int argc, char **argv, struct hfenv_result *result)
{
	bool over_argv = cl->mode == MODE_RUN && environ == argv + argc + 1;
	int failed = over_argv ? normalize_over_argv(cl, argc, argv, result)
			       : hfenv_normalize(&cl->options, hfenv_read_ca_bundle, environ, result);
	return failed ? fail("%s", strerror(errno)) : NEXT_STEP;
}

/* Freed although the process ends, so that valgrind and LeakSanitizer report real leaks only. */
static void release(struct command_line *cl, struct hfenv_result *result)
{
	hfenv_result_free(result);
	free(cl->operands);
	free(cl->unset);
}

int main(int argc, char **argv)
{
	struct command_line cl;
	struct hfenv_result result = {0};
	int status = parse_command_line(argc, argv, &cl);
	if (status == NEXT_STEP)
		status = normalize_environment(&cl, argc, argv, &result);
	if (status == NEXT_STEP)
		status = show(&cl, &result);
	if (status == NEXT_STEP)
		status = run_command(cl.command, &result);
	release(&cl, &result);
	return status;
}
