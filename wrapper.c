#include "ca_bundle.h"
#include "env.h"
#include "env_in_place.h"
#include "explain.h"
#include "messages.h"
#include "probe.h"
#include "shell_export.h"

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

static const char usage_text[] =
	"Usage: hfenv [OPTION]... [--] [NAME=VALUE]... [COMMAND [ARG]...]\n"
	"Put the proxy variables in order for every HTTP client, then run COMMAND.\n"
	"With no COMMAND, print the resulting environment.\n"
	"\n"
	"  -p, --proxy URL        use URL as the HTTP and HTTPS proxy (all spellings)\n"
	"  -x, --no-xet           disable Xet: HF_HUB_DISABLE_XET=1 (and HF_HUB_DISABLE_XETHUB=1)\n"
	"      --allow-socks      let socks4/socks4a/socks5/socks5h proxy URLs through\n"
	"      --proxy-loopback   do not add localhost, 127.0.0.1 and ::1 to NO_PROXY (Go skips the\n"
	"                         proxy for them all the same)\n"
	"      --prefer lower|upper  which spelling wins when both are set and differ (default lower)\n"
	"      --ca-bundle FILE   trust the PEM certificates in FILE: every client's CA bundle variable\n"
	"                         (REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE, SSL_CERT_FILE, GIT_SSL_CAINFO,\n"
	"                         NODE_EXTRA_CA_CERTS) is set to it\n"
	"  -u, --unset NAME       remove NAME from the environment (repeatable)\n"
	"      --export[=sh|fish] print shell statements that apply the changes: eval \"$(hfenv --export)\"\n"
	"      --explain[=table|tsv] [HOST|URL]...  show the route each HTTP client takes before and\n"
	"                         after hfenv (to each HOST or URL, NO_PROXY included) and the CA bundle\n"
	"                         it trusts; exit 0 if all agree after it, 1 if not, 125 if hfenv would refuse\n"
	"      --probe [HOST[:PORT]]...  send CONNECT through the https proxy to each HOST (default:\n"
	"                         the Hugging Face and Xet hosts, port 443); exit 0 if all answer 2xx\n"
	"      --timeout SECONDS  --probe: limit for each connect, send and read (default 5)\n"
	"  -v, --verbose          report every change on stderr (passwords shown as ***)\n"
	"  -q, --quiet            no warnings\n"
	"  -h, --help             show this help\n"
	"  -V, --version          show the version\n"
	"\n"
	"Settings from the environment (options win): HFENV_PROXY, HFENV_NO_XET, HFENV_ALLOW_SOCKS,\n"
	"HFENV_PROXY_LOOPBACK, HFENV_PREFER, HFENV_CA_BUNDLE, HFENV_VERBOSE, HFENV_QUIET (true: 1, on, yes, true).\n"
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
		return bad_usage("--prefer is lower or upper, not %s", name);
	return CONTINUE;
}

static int parse_explain_format(const char *name, enum explain_format *format)
{
	if (name == NULL || strcmp(name, "table") == 0)
		*format = EXPLAIN_TABLE;
	else if (strcmp(name, "tsv") == 0)
		*format = EXPLAIN_TSV;
	else
		return bad_usage("--explain takes table or tsv, not %s", name);
	return CONTINUE;
}

/* Decimal seconds, rounded to milliseconds, without strtod, which would grow hfenv-static (static/README.md). */
static int parse_timeout(const char *text, int *timeout_ms)
{
	static const long fraction_ms[] = {100, 10, 1};
	long ms = 0;
	size_t digits = 0, fraction = 0;
	const char *p = text;
	for (; *p >= '0' && *p <= '9'; p++, digits++)
		if (ms <= 3600000)
			ms = ms * 10 + (*p - '0') * 1000;
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++, digits++, fraction++) {
			if (fraction < 3)
				ms += (*p - '0') * fraction_ms[fraction];
			else if (fraction == 3 && *p >= '5')
				ms++;
		}
	}
	if (digits == 0 || *p != '\0' || ms < 1 || ms > 3600000)
		return bad_usage("--timeout takes a number of seconds from 0.001 to 3600, not %s", text);
	*timeout_ms = (int)ms;
	return CONTINUE;
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
	return CONTINUE;
}

/* What follows the options: NAME=VALUE operands, then the command, or --probe's targets. */
static int parse_operands(int argc, char **argv, struct command_line *cl)
{
	int first_assignment = optind;
	while (optind < argc && strchr(argv[optind], '=') != NULL)
		optind++;
	cl->options.assign = (const char *const *)argv + first_assignment;
	cl->options.assign_count = (size_t)(optind - first_assignment);
	if (optind < argc)
		cl->command = argv + optind;
	if (cl->timeout_given && cl->mode != MODE_PROBE)
		return bad_usage("%s is only for --probe", "--timeout");
	if (cl->command != NULL && cl->mode == MODE_EXPORT)
		return bad_usage("--export runs nothing; remove %s", argv[optind]);
	for (int i = optind; cl->mode == MODE_EXPLAIN && i < argc; i++)
		if (!explain_target_is_valid(argv[i]))
			return bad_usage("--explain takes hosts/URLs, not %s", argv[i]);
	if (cl->command == NULL && cl->mode == MODE_RUN)
		cl->mode = MODE_LIST;
	return CONTINUE;
}

static int parse_command_line(int argc, char **argv, struct command_line *cl)
{
	enum {
		OPT_ALLOW_SOCKS = 256, OPT_PROXY_LOOPBACK, OPT_PREFER, OPT_CA_BUNDLE, OPT_EXPORT, OPT_EXPLAIN, OPT_PROBE,
		OPT_TIMEOUT
	};
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
		case OPT_PROXY_LOOPBACK:
			cl->options.proxy_loopback = true;
			break;
		case OPT_PREFER:
			status = parse_prefer(optarg, &cl->options.prefer);
			break;
		case OPT_CA_BUNDLE:
			cl->options.ca_bundle = optarg;
			break;
		case 'u':
			cl->unset[cl->options.unset_count++] = optarg;
			break;
		case OPT_EXPORT:
			status = set_mode(cl, MODE_EXPORT);
			if (status == CONTINUE)
				status = parse_export_shell(optarg, &cl->shell);
			break;
		case OPT_EXPLAIN:
			status = set_mode(cl, MODE_EXPLAIN);
			if (status == CONTINUE)
				status = parse_explain_format(optarg, &cl->format);
			break;
		case OPT_PROBE:
			status = HFENV_WITH_PROBE ? set_mode(cl, MODE_PROBE)
						  : fail("%s is not in hfenv-static, which leaves out the DNS resolver "
							 "it needs; run hfenv for it", "--probe");
			break;
		case OPT_TIMEOUT:
			cl->timeout_given = true;
			status = parse_timeout(optarg, &cl->timeout_ms);
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
			printf("hfenv %s (revision %s%s)\n", HFENV_VERSION, HFENV_REVISION,
			       HFENV_WITH_PROBE ? "" : ", static, without --probe");
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
	return parse_operands(argc, argv, cl);
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

/* Searches search_path (PATH of the new environment), as env(1) does; returns only on failure, with errno set. */
static void exec_command(char **argv, char *const env[], const char *search_path)
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
	const char *search = search_path ? search_path : "/bin:/usr/bin";
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

static int run_command(char **argv, const struct hfenv_result *result)
{
	exec_command(argv, result->env, result->path);
	int status = errno == ENOENT ? EXIT_NOT_FOUND : EXIT_CANNOT_INVOKE;
	char *name = hfenv_quote_redacted(argv[0]);
	fprintf(stderr, "hfenv: %s: %s\n", name ? name : argv[0], strerror(errno));
	free(name);
	return status;
}

/* --explain: 0 if all clients agree after hfenv, 1 if not, 125 if it refuses. */
static int explain(const struct command_line *cl, const struct hfenv_result *result)
{
	bool colour = cl->format == EXPLAIN_TABLE && isatty(STDOUT_FILENO) && getenv("NO_COLOR") == NULL;
	int verdict = explain_routes(stdout, cl->format, colour, &cl->options, environ, result,
				     (const char *const *)cl->command);
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

/* Does what the mode asks; returns only when no command replaced hfenv. */
static int act(const struct command_line *cl, const struct hfenv_result *result)
{
	if (cl->mode == MODE_EXPLAIN)
		return explain(cl, result);
	int status = report_findings(result);
	if (status != CONTINUE)
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
		return run_command(cl->command, result);
	}
}

static char *no_environment[] = {NULL};

/*
 * The exec path: environ follows argv on the initial stack, and the new environment is written
 * over both, so that no page is touched that the process does not have yet.  The operands move
 * out of argv first; libc's environ stays empty from then on, as nothing reads it before execve.
 */
static int normalize_over_argv(struct command_line *cl, int argc, char **argv, struct hfenv_result *result)
{
	char **first = (char **)cl->options.assign;
	size_t count = (size_t)(argv + argc - first) + 1;
	cl->operands = malloc(count * sizeof *cl->operands);
	if (cl->operands == NULL)
		return -1;
	memcpy(cl->operands, first, count * sizeof *cl->operands);
	cl->options.assign = (const char *const *)cl->operands;
	cl->command = cl->operands + cl->options.assign_count;
	environ = no_environment;
	return hfenv_normalize_in_place(&cl->options, hfenv_read_ca_bundle, argv, (size_t)argc + 1, result);
}

static int normalize_environment(struct command_line *cl, int argc, char **argv, struct hfenv_result *result)
{
	bool over_argv = cl->mode == MODE_RUN && environ == argv + argc + 1;
	int failed = over_argv ? normalize_over_argv(cl, argc, argv, result)
			       : hfenv_normalize(&cl->options, hfenv_read_ca_bundle, environ, result);
	return failed ? fail("%s", strerror(errno)) : CONTINUE;
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
	if (status == CONTINUE)
		status = normalize_environment(&cl, argc, argv, &result);
	if (status == CONTINUE)
		status = act(&cl, &result);
	release(&cl, &result);
	return status;
}
