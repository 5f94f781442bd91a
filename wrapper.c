#include "env.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <netdb.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
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
/* hfenv-static is built with 0: --probe needs libc's DNS resolver, 60 % of hfenv-static's size again. */
#ifndef HFENV_WITH_PROBE
#define HFENV_WITH_PROBE 1
#endif

extern char **environ;

enum mode { MODE_RUN, MODE_LIST, MODE_EXPORT, MODE_EXPLAIN, MODE_PROBE };

enum explain_format { EXPLAIN_TABLE, EXPLAIN_TSV };

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
	"      --explain[=table|tsv]  show the route each HTTP client takes before and after hfenv;\n"
	"                         exit 0 if all agree after it, 1 if not, 125 if hfenv would refuse\n"
	"      --probe [HOST[:PORT]]...  send CONNECT through the https proxy to each HOST (default:\n"
	"                         the Hugging Face and Xet hosts, port 443); exit 0 if all answer 2xx\n"
	"      --timeout SECONDS  --probe: limit for each connect, send and read (default 5)\n"
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

/* Decimal seconds, rounded to milliseconds, without strtod: it would add 6 KiB to hfenv-static. */
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
		return bad_usage("--export prints statements and runs nothing, but a command was given: %s", argv[optind]);
	if (cl->command != NULL && cl->mode == MODE_EXPLAIN)
		return bad_usage("--explain prints a report and runs nothing, but a command was given: %s", argv[optind]);
	if (cl->command == NULL && cl->mode == MODE_RUN)
		cl->mode = MODE_LIST;
	cl->options.changes_only_if_verbose = cl->mode != MODE_EXPLAIN;
	return CONTINUE;
}

static int parse_command_line(int argc, char **argv, struct command_line *cl)
{
	enum { OPT_ALLOW_SOCKS = 256, OPT_PREFER, OPT_EXPORT, OPT_EXPLAIN, OPT_PROBE, OPT_TIMEOUT };
	static const struct option long_options[] = {
		{"proxy", required_argument, NULL, 'p'},
		{"no-xet", no_argument, NULL, 'x'},
		{"allow-socks", no_argument, NULL, OPT_ALLOW_SOCKS},
		{"prefer", required_argument, NULL, OPT_PREFER},
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
		case OPT_PREFER:
			status = parse_prefer(optarg, &cl->options.prefer);
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

#define ANSI_BOLD "\033[1m"
#define ANSI_RED "\033[31m"
#define ANSI_GREEN "\033[32m"
#define ANSI_YELLOW "\033[33m"
#define ANSI_RESET "\033[0m"

struct explanation {
	struct hfenv_route before[HFENV_CLIENTS][HFENV_TARGETS];
	struct hfenv_route after[HFENV_CLIENTS][HFENV_TARGETS];
	const struct hfenv_route *consensus[HFENV_TARGETS]; /* the AFTER route most clients share */
	bool refused;                 /* hfenv would not run: no AFTER routes */
	bool agree[HFENV_TARGETS];
	char *cells[HFENV_CLIENTS][2 * HFENV_TARGETS]; /* before http, after http, before https, after https */
};

static const char *const target_names[HFENV_TARGETS] = {"http", "https"};

static char *concat(const char *a, const char *b)
{
	size_t n = strlen(a);
	char *s = malloc(n + strlen(b) + 1);
	if (s != NULL) {
		memcpy(s, a, n);
		strcpy(s + n, b);
	}
	return s;
}

/* What a person reads in a cell; the proxy's password is ***. */
static char *route_text(const struct hfenv_route *route)
{
	switch (route->kind) {
	case HFENV_ROUTE_DIRECT:
		return route->reason ? concat("direct: ", route->reason) : concat("direct", "");
	case HFENV_ROUTE_PROXY:
		return hfenv_redact(route->proxy);
	case HFENV_ROUTE_IGNORED:
		return strcmp(route->reason, "CGI") == 0 ? concat("ignored under CGI", "") : concat("ignored: ", route->reason);
	case HFENV_ROUTE_REFUSED_CGI:
		return concat("refused under CGI", "");
	case HFENV_ROUTE_FAILS:
		break;
	}
	return concat("fails: ", route->reason);
}

/* The way out, for machines: direct (ignored too), fail, or the proxy as in the cell. */
static const char *route_token(const struct hfenv_route *route, const char *text)
{
	if (route->kind == HFENV_ROUTE_PROXY)
		return text;
	return route->kind == HFENV_ROUTE_DIRECT || route->kind == HFENV_ROUTE_IGNORED ? "direct" : "fail";
}

static const struct hfenv_route *most_shared(struct hfenv_route routes[HFENV_CLIENTS][HFENV_TARGETS], enum hfenv_target t)
{
	size_t best = 0, best_count = 0;
	for (size_t c = 0; c < HFENV_CLIENTS; c++) {
		size_t count = 0;
		for (size_t other = 0; other < HFENV_CLIENTS; other++)
			count += hfenv_routes_agree(&routes[c][t], &routes[other][t]);
		if (count > best_count) {
			best = c;
			best_count = count;
		}
	}
	return &routes[best][t];
}

static int predict_routes(struct explanation *x, char *const before_env[], const struct hfenv_result *result)
{
	for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++) {
		for (enum hfenv_target t = 0; t < HFENV_TARGETS; t++) {
			if (hfenv_predict_route(c, t, before_env, &x->before[c][t]) != 0 ||
			    (!x->refused && hfenv_predict_route(c, t, result->env, &x->after[c][t]) != 0))
				return -1;
			x->cells[c][2 * t] = route_text(&x->before[c][t]);
			x->cells[c][2 * t + 1] = x->refused ? concat("-", "") : route_text(&x->after[c][t]);
			if (x->cells[c][2 * t] == NULL || x->cells[c][2 * t + 1] == NULL)
				return -1;
		}
	}
	for (enum hfenv_target t = 0; t < HFENV_TARGETS && !x->refused; t++) {
		x->consensus[t] = most_shared(x->after, t);
		x->agree[t] = true;
		for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++)
			x->agree[t] = x->agree[t] && hfenv_routes_agree(&x->after[c][t], x->consensus[t]);
	}
	return 0;
}

static void free_explanation(struct explanation *x)
{
	for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++) {
		for (enum hfenv_target t = 0; t < HFENV_TARGETS; t++) {
			hfenv_route_free(&x->before[c][t]);
			hfenv_route_free(&x->after[c][t]);
			free(x->cells[c][2 * t]);
			free(x->cells[c][2 * t + 1]);
		}
	}
}

static void print_cell(const char *text, size_t width, const char *colour, bool last)
{
	if (colour != NULL)
		printf("%s%s%s", colour, text, ANSI_RESET);
	else
		fputs(text, stdout);
	for (size_t n = strlen(text); !last && n < width + 2; n++)
		putchar(' ');
}

/* Green: the route all (or most) clients take after hfenv; red: a client that still differs; yellow: what hfenv changes. */
static const char *cell_colour(const struct explanation *x, enum hfenv_client c, size_t column)
{
	enum hfenv_target t = column / 2;
	if (x->refused)
		return NULL;
	if (column % 2 == 1)
		return hfenv_routes_agree(&x->after[c][t], x->consensus[t]) ? ANSI_GREEN : ANSI_RED;
	return hfenv_routes_agree(&x->before[c][t], &x->after[c][t]) ? NULL : ANSI_YELLOW;
}

static void print_route_table(const struct explanation *x, bool colour)
{
	static const char *const headings[1 + 2 * HFENV_TARGETS] = {"CLIENT", "BEFORE", "AFTER", "BEFORE", "AFTER"};
	size_t width[1 + 2 * HFENV_TARGETS];
	for (size_t col = 0; col < 1 + 2 * HFENV_TARGETS; col++)
		width[col] = strlen(headings[col]);
	for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++) {
		if (strlen(hfenv_client_label(c)) > width[0])
			width[0] = strlen(hfenv_client_label(c));
		for (size_t col = 0; col < 2 * HFENV_TARGETS; col++)
			if (strlen(x->cells[c][col]) > width[col + 1])
				width[col + 1] = strlen(x->cells[c][col]);
	}
	print_cell("", width[0], NULL, false);
	print_cell("http:// URLs", width[1] + 2 + width[2], colour ? ANSI_BOLD : NULL, false);
	print_cell("https:// URLs", 0, colour ? ANSI_BOLD : NULL, true);
	putchar('\n');
	for (size_t col = 0; col < 1 + 2 * HFENV_TARGETS; col++)
		print_cell(headings[col], width[col], colour ? ANSI_BOLD : NULL, col == 2 * HFENV_TARGETS);
	putchar('\n');
	for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++) {
		print_cell(hfenv_client_label(c), width[0], NULL, false);
		for (size_t col = 0; col < 2 * HFENV_TARGETS; col++)
			print_cell(x->cells[c][col], width[col + 1], colour ? cell_colour(x, c, col) : NULL,
				   col == 2 * HFENV_TARGETS - 1);
		putchar('\n');
	}
}

static void print_verdict(const struct explanation *x)
{
	putchar('\n');
	if (x->refused)
		puts("hfenv would refuse to run, so the command would not start:");
	else if (x->agree[HFENV_TARGET_HTTP] && x->agree[HFENV_TARGET_HTTPS])
		puts("After hfenv, every client takes the same route.");
	else
		printf("After hfenv, the clients still disagree on %s URLs.\n",
		       x->agree[HFENV_TARGET_HTTP] ? "https" : x->agree[HFENV_TARGET_HTTPS] ? "http" : "http and https");
}

static void print_findings(const struct hfenv_result *result, bool refused, bool colour)
{
	static const char *const prefixes[] = {[HFENV_CHANGE] = "", [HFENV_WARNING] = "warning: ", [HFENV_ERROR] = "error: "};
	static const char *const colours[] = {[HFENV_CHANGE] = NULL, [HFENV_WARNING] = ANSI_YELLOW, [HFENV_ERROR] = ANSI_RED};
	if (!refused)
		puts(result->finding_count == 0 ? "hfenv would change nothing." : "What hfenv would do:");
	for (size_t i = 0; i < result->finding_count; i++) {
		const struct hfenv_finding *f = &result->findings[i];
		fputs("  ", stdout);
		if (colour && colours[f->kind] != NULL)
			printf("%s%s%s%s\n", colours[f->kind], prefixes[f->kind], f->message, ANSI_RESET);
		else
			printf("%s%s\n", prefixes[f->kind], f->message);
	}
}

static void print_route_lines(const struct explanation *x)
{
	for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++) {
		for (enum hfenv_target t = 0; t < HFENV_TARGETS; t++) {
			const char *before = x->cells[c][2 * t], *after = x->cells[c][2 * t + 1];
			printf("%s\t%s\t%s\t%s\t%s\t%s\n", hfenv_client_id(c), target_names[t],
			       route_token(&x->before[c][t], before),
			       x->refused ? "refused" : route_token(&x->after[c][t], after), before,
			       x->refused ? "hfenv refuses to run" : after);
		}
	}
}

/*
 * --explain: routes before and after, what hfenv changes; 0 if all clients agree after it, 1 if not,
 * 125 if it refuses.  Never inlined into main, where its 2 KiB frame would cost every exec a stack page.
 */
__attribute__((noinline)) static int explain(const struct command_line *cl, const struct hfenv_result *result)
{
	struct explanation x = {.refused = result->error_count > 0};
	char **before_env = hfenv_route_environment(&cl->options, environ);
	if (before_env == NULL || predict_routes(&x, before_env, result) != 0) {
		free(before_env);
		free_explanation(&x);
		return fail("%s", strerror(ENOMEM));
	}
	free(before_env);
	bool colour = isatty(STDOUT_FILENO) && getenv("NO_COLOR") == NULL;
	if (cl->format == EXPLAIN_TSV) {
		print_route_lines(&x);
		for (size_t i = 0; i < result->finding_count; i++)
			if (result->findings[i].kind == HFENV_ERROR)
				fprintf(stderr, "hfenv: %s\n", result->findings[i].message);
	} else {
		print_route_table(&x, colour);
		print_verdict(&x);
		print_findings(result, x.refused, colour);
	}
	int status = finish_output();
	if (status == 0)
		status = x.refused ? EXIT_HFENV_FAILED : x.agree[HFENV_TARGET_HTTP] && x.agree[HFENV_TARGET_HTTPS] ? 0 : 1;
	free_explanation(&x);
	return status;
}

static const char *find_variable(char *const env[], const char *name)
{
	size_t n = strlen(name);
	for (size_t i = 0; env[i] != NULL; i++)
		if (strncmp(env[i], name, n) == 0 && env[i][n] == '=')
			return env[i] + n + 1;
	return NULL;
}

static const char *const probe_default_targets[] = {
	"huggingface.co", "cas-server.xethub.hf.co", "cas-bridge.xethub.hf.co", "transfer.xethub.hf.co", NULL,
};

/* A host and port to connect to; host without IPv6 brackets. */
struct endpoint {
	char *host;
	char *port;
};

enum probe_proxy_kind { PROBE_DIRECT, PROBE_HTTP, PROBE_SOCKS5 };

struct probe_proxy {
	enum probe_proxy_kind kind;
	struct endpoint at;
	char *user;                   /* percent-decoded, or NULL */
	char *password;
	char *display;                /* redacted URL, or "direct" */
};

struct probe_step {
	int fd;
	int timeout_ms;
	struct timespec deadline;     /* of the connect, send or read under way */
	char *error;                  /* malloc'd, set when a step failed */
};

__attribute__((format(printf, 1, 2))) static char *format_text(const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	int n = vsnprintf(NULL, 0, format, ap);
	va_end(ap);
	char *text = n < 0 ? NULL : malloc((size_t)n + 1);
	if (text != NULL) {
		va_start(ap, format);
		vsnprintf(text, (size_t)n + 1, format, ap);
		va_end(ap);
	}
	return text;
}

/* Records the first error of a target (message is malloc'd; NULL when out of memory). */
static bool step_failed(struct probe_step *step, char *message)
{
	if (step->error == NULL)
		step->error = message;
	else
		free(message);
	return false;
}

static void begin_step(struct probe_step *step)
{
	clock_gettime(CLOCK_MONOTONIC, &step->deadline);
	step->deadline.tv_sec += step->timeout_ms / 1000;
	step->deadline.tv_nsec += (long)(step->timeout_ms % 1000) * 1000000;
	if (step->deadline.tv_nsec >= 1000000000) {
		step->deadline.tv_sec++;
		step->deadline.tv_nsec -= 1000000000;
	}
}

static int remaining_ms(const struct timespec *deadline)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	long ms = (deadline->tv_sec - now.tv_sec) * 1000 + (deadline->tv_nsec - now.tv_nsec) / 1000000;
	return ms < 0 ? 0 : (int)ms;
}

static bool valid_port(const char *port)
{
	size_t n = strspn(port, "0123456789");
	return n > 0 && n <= 5 && port[n] == '\0' && atol(port) >= 1 && atol(port) <= 65535;
}

/* HOST, HOST:PORT, [V6] or [V6]:PORT, port default_port; false when it is not one of these. */
static bool parse_endpoint(const char *text, const char *default_port, struct endpoint *out)
{
	const char *host = text, *host_end, *port = NULL;
	if (*text == '[') {
		host = text + 1;
		host_end = strchr(host, ']');
		if (host_end == NULL || host_end == host || strspn(host, "0123456789abcdefABCDEF:.") != (size_t)(host_end - host))
			return false;
		if (host_end[1] == ':')
			port = host_end + 2;
		else if (host_end[1] != '\0')
			return false;
	} else {
		host_end = host + strcspn(host, ":");
		if (host_end == host || strspn(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._") !=
						(size_t)(host_end - host))
			return false;
		if (*host_end == ':')
			port = host_end + 1;
	}
	if (port != NULL && !valid_port(port))
		return false;
	out->host = strndup(host, (size_t)(host_end - host));
	out->port = strdup(port ? port : default_port);
	return out->host != NULL && out->port != NULL;
}

/* The https proxy of the normalized environment, as --probe uses it; 125 when it cannot. */
static int parse_probe_proxy(const char *url, struct probe_proxy *proxy)
{
	*proxy = (struct probe_proxy){.kind = PROBE_DIRECT};
	if (url == NULL) {
		proxy->display = concat("direct", "");
		return proxy->display ? CONTINUE : fail("%s", strerror(ENOMEM));
	}
	static const struct {
		const char *scheme;
		enum probe_proxy_kind kind;
		const char *port;
	} schemes[] = {{"http://", PROBE_HTTP, "80"}, {"socks5://", PROBE_SOCKS5, "1080"}, {"socks5h://", PROBE_SOCKS5, "1080"}};
	size_t i = 0;
	while (i < sizeof schemes / sizeof schemes[0] && strncmp(url, schemes[i].scheme, strlen(schemes[i].scheme)) != 0)
		i++;
	proxy->display = hfenv_redact(url);
	if (proxy->display == NULL)
		return fail("%s", strerror(ENOMEM));
	if (i == sizeof schemes / sizeof schemes[0])
		return fail("--probe speaks HTTP CONNECT and SOCKS5 only; it cannot probe through %s", proxy->display);
	proxy->kind = schemes[i].kind;
	const char *authority = url + strlen(schemes[i].scheme);
	char *host_port = strndup(authority, strcspn(authority, "/"));
	if (host_port == NULL)
		return fail("%s", strerror(ENOMEM));
	char *at = strrchr(host_port, '@');
	if (at != NULL) {
		char *colon = memchr(host_port, ':', (size_t)(at - host_port));
		proxy->user = hfenv_percent_decode(host_port, (size_t)((colon ? colon : at) - host_port));
		proxy->password = colon ? hfenv_percent_decode(colon + 1, (size_t)(at - colon - 1)) : concat("", "");
	}
	bool parsed = parse_endpoint(at ? at + 1 : host_port, schemes[i].port, &proxy->at);
	free(host_port);
	if (!parsed)
		return fail("cannot probe through %s: not HOST:PORT", proxy->display);
	return CONTINUE;
}

static void free_probe_proxy(struct probe_proxy *proxy)
{
	free(proxy->at.host);
	free(proxy->at.port);
	free(proxy->user);
	free(proxy->password);
	free(proxy->display);
}

/* Waits for events until the step's deadline. */
static bool wait_for(struct probe_step *step, short events, const char *what)
{
	struct pollfd p = {.fd = step->fd, .events = events};
	int ready;
	while ((ready = poll(&p, 1, remaining_ms(&step->deadline))) < 0 && errno == EINTR)
		continue;
	if (ready == 0)
		return step_failed(step, format_text("timed out %s after %g s", what, step->timeout_ms / 1000.0));
	if (ready < 0)
		return step_failed(step, format_text("poll: %s", strerror(errno)));
	return true;
}

/* Non-blocking connect to any address of at, each attempt limited by the step timeout. */
static bool connect_endpoint(struct probe_step *step, const struct endpoint *at, const char *what)
{
	struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM}, *found;
	int rc = getaddrinfo(at->host, at->port, &hints, &found);
	if (rc != 0)
		return step_failed(step, format_text("cannot resolve %s: %s", at->host,
						     rc == EAI_SYSTEM ? strerror(errno) : gai_strerror(rc)));
	char *doing = format_text("connecting to %s", what);
	for (struct addrinfo *a = found; a != NULL; a = a->ai_next) {
		free(step->error);
		step->error = NULL;
		begin_step(step);
		step->fd = socket(a->ai_family, a->ai_socktype, a->ai_protocol);
		if (step->fd < 0 || fcntl(step->fd, F_SETFL, O_NONBLOCK) != 0) {
			step_failed(step, format_text("socket: %s", strerror(errno)));
		} else if (connect(step->fd, a->ai_addr, a->ai_addrlen) == 0) {
			break;
		} else if (errno != EINPROGRESS) {
			step_failed(step, format_text("cannot connect to %s: %s", what, strerror(errno)));
		} else if (wait_for(step, POLLOUT, doing ? doing : what)) {
			int error = 0;
			socklen_t len = sizeof error;
			if (getsockopt(step->fd, SOL_SOCKET, SO_ERROR, &error, &len) == 0 && error == 0)
				break;
			step_failed(step, format_text("cannot connect to %s: %s", what, strerror(error)));
		}
		if (step->fd >= 0)
			close(step->fd);
		step->fd = -1;
	}
	freeaddrinfo(found);
	free(doing);
	return step->fd >= 0;
}

static bool send_all(struct probe_step *step, const char *data, size_t len)
{
	begin_step(step);
	while (len > 0) {
		if (!wait_for(step, POLLOUT, "sending to the proxy"))
			return false;
		ssize_t n = send(step->fd, data, len, MSG_NOSIGNAL);
		if (n < 0 && errno != EAGAIN && errno != EINTR)
			return step_failed(step, format_text("cannot send to the proxy: %s", strerror(errno)));
		if (n > 0) {
			data += n;
			len -= (size_t)n;
		}
	}
	return true;
}

/* Reads until want bytes arrived or, with line set, a CRLF; returns the length read. */
static size_t receive(struct probe_step *step, char *buf, size_t want, bool line)
{
	size_t got = 0;
	begin_step(step);
	while (got < want && !(line && got >= 2 && memcmp(buf + got - 2, "\r\n", 2) == 0)) {
		if (!wait_for(step, POLLIN, "waiting for the proxy's answer"))
			return got;
		ssize_t n = recv(step->fd, buf + got, line ? 1 : want - got, 0);
		if (n == 0) {
			step_failed(step, format_text("the proxy closed the connection without answering"));
			return got;
		}
		if (n < 0 && errno != EAGAIN && errno != EINTR) {
			step_failed(step, format_text("cannot read from the proxy: %s", strerror(errno)));
			return got;
		}
		if (n > 0)
			got += (size_t)n;
	}
	return got;
}

static char *base64(const char *data, size_t n)
{
	static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char *out = malloc((n + 2) / 3 * 4 + 1), *p = out;
	for (size_t i = 0; out != NULL && i < n; i += 3) {
		unsigned long v = (unsigned long)(unsigned char)data[i] << 16;
		if (i + 1 < n)
			v |= (unsigned long)(unsigned char)data[i + 1] << 8;
		if (i + 2 < n)
			v |= (unsigned char)data[i + 2];
		*p++ = digits[v >> 18 & 63];
		*p++ = digits[v >> 12 & 63];
		*p++ = i + 1 < n ? digits[v >> 6 & 63] : '=';
		*p++ = i + 2 < n ? digits[v & 63] : '=';
	}
	if (out != NULL)
		*p = '\0';
	return out;
}

/* Sends CONNECT and reads the status line into *answer; true on 2xx. */
static bool probe_http_connect(struct probe_step *step, const struct probe_proxy *proxy, const char *target,
			       char **answer)
{
	char *credentials = proxy->user ? format_text("%s:%s", proxy->user, proxy->password) : NULL;
	char *encoded = credentials ? base64(credentials, strlen(credentials)) : NULL;
	char *request = format_text("CONNECT %s HTTP/1.1\r\nHost: %s\r\n%s%s%s\r\n", target, target,
				    encoded ? "Proxy-Authorization: Basic " : "", encoded ? encoded : "", encoded ? "\r\n" : "");
	free(credentials);
	free(encoded);
	if (request == NULL)
		return step_failed(step, NULL);
	bool sent = send_all(step, request, strlen(request));
	free(request);
	char line[1024];
	size_t n = sent ? receive(step, line, sizeof line - 1, true) : 0;
	if (step->error != NULL)
		return false;
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		n--;
	line[n] = '\0';
	char *shown = hfenv_redact(line);
	const char *space = strchr(line, ' ');
	if (shown == NULL || strncmp(line, "HTTP/", 5) != 0 || space == NULL) {
		step_failed(step, shown ? format_text("not an HTTP status line: %s", shown) : NULL);
		free(shown);
		return false;
	}
	*answer = shown;
	return space[1] == '2' && strspn(space + 1, "0123456789") == 3;
}

static const char *socks5_reply_text(unsigned char code)
{
	static const char *const texts[] = {
		"succeeded", "general failure", "connection not allowed by ruleset", "network unreachable",
		"host unreachable", "connection refused", "TTL expired", "command not supported", "address type not supported",
	};
	return code < sizeof texts / sizeof texts[0] ? texts[code] : "unknown reply";
}

/* SOCKS5 greeting, user/password if the URL has them, CONNECT by name; true when the proxy says succeeded. */
static bool probe_socks5(struct probe_step *step, const struct probe_proxy *proxy, const struct endpoint *target,
			 char **answer)
{
	unsigned char buf[520], reply[4];
	size_t host_len = strlen(target->host);
	bool auth = proxy->user != NULL;
	if (host_len > 255 || (auth && (strlen(proxy->user) > 255 || strlen(proxy->password) > 255)))
		return step_failed(step, format_text("a SOCKS5 host name, user or password is at most 255 bytes"));
	unsigned char greeting[] = {5, auth ? 2 : 1, 0, 2};
	if (!send_all(step, (const char *)greeting, auth ? 4 : 3) || receive(step, (char *)reply, 2, false) != 2)
		return false;
	if (reply[0] != 5)
		return step_failed(step, format_text("not a SOCKS5 proxy"));
	if (reply[1] != 0 && !(auth && reply[1] == 2))
		return step_failed(step, format_text("%s", auth ? "the SOCKS5 proxy accepts neither no authentication nor user/password"
								  : "the SOCKS5 proxy wants authentication"));
	if (reply[1] == 2) {
		size_t ulen = strlen(proxy->user), plen = strlen(proxy->password), k = 0;
		buf[k++] = 1;
		buf[k++] = (unsigned char)ulen;
		memcpy(buf + k, proxy->user, ulen);
		k += ulen;
		buf[k++] = (unsigned char)plen;
		memcpy(buf + k, proxy->password, plen);
		k += plen;
		if (!send_all(step, (const char *)buf, k) || receive(step, (char *)reply, 2, false) != 2)
			return false;
		if (reply[1] != 0)
			return step_failed(step, format_text("the SOCKS5 proxy rejected the user or password"));
	}
	unsigned long port = strtoul(target->port, NULL, 10);
	size_t k = 0;
	buf[k++] = 5, buf[k++] = 1, buf[k++] = 0, buf[k++] = 3;
	buf[k++] = (unsigned char)host_len;
	memcpy(buf + k, target->host, host_len);
	k += host_len;
	buf[k++] = (unsigned char)(port >> 8), buf[k++] = (unsigned char)(port & 255);
	if (!send_all(step, (const char *)buf, k) || receive(step, (char *)reply, 2, false) != 2)
		return false;
	*answer = format_text("SOCKS5 reply %u (%s)", reply[1], socks5_reply_text(reply[1]));
	return reply[0] == 5 && reply[1] == 0;
}

static long elapsed_ms(const struct timespec *start)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - start->tv_sec) * 1000 + (now.tv_nsec - start->tv_nsec) / 1000000;
}

/* One target: prints its line; true when it answered 2xx (or, with no proxy, accepted the connection). */
static bool probe_target(const struct probe_proxy *proxy, const char *text, const struct endpoint *target,
			 int timeout_ms, int target_width)
{
	struct probe_step step = {.fd = -1, .timeout_ms = timeout_ms};
	struct timespec start;
	clock_gettime(CLOCK_MONOTONIC, &start);
	char *answer = NULL;
	char *host_port = format_text(strchr(target->host, ':') ? "[%s]:%s" : "%s:%s", target->host, target->port);
	bool ok = false;
	if (host_port == NULL) {
		step_failed(&step, NULL);
	} else if (proxy->kind == PROBE_DIRECT) {
		ok = connect_endpoint(&step, target, "the target");
		answer = ok ? concat("connected", "") : NULL;
	} else if (connect_endpoint(&step, &proxy->at, "the proxy")) {
		ok = proxy->kind == PROBE_HTTP ? probe_http_connect(&step, proxy, host_port, &answer)
					       : probe_socks5(&step, proxy, target, &answer);
	}
	if (step.fd >= 0)
		close(step.fd);
	const char *outcome = answer ? answer : step.error ? step.error : strerror(ENOMEM);
	printf("%-*s  %s  %s  %ld ms\n", target_width, text, proxy->display, outcome, elapsed_ms(&start));
	free(answer);
	free(step.error);
	free(host_port);
	return ok;
}

/* --probe: CONNECT through the normalized https proxy to each target; 0 when all answered 2xx. */
static int probe(const struct command_line *cl, const struct hfenv_result *result)
{
	const char *const *targets = cl->command ? (const char *const *)cl->command : probe_default_targets;
	size_t count = 0;
	int width = 0;
	while (targets[count] != NULL)
		count++;
	struct endpoint *endpoints = calloc(count, sizeof *endpoints);
	if (endpoints == NULL)
		return fail("%s", strerror(errno));
	int status = CONTINUE;
	for (size_t i = 0; i < count && status == CONTINUE; i++) {
		if (!parse_endpoint(targets[i], "443", &endpoints[i]))
			status = bad_usage("--probe takes HOST or HOST:PORT, not %s", targets[i]);
		else if (!hfenv_fits_dns(endpoints[i].host, strlen(endpoints[i].host)))
			status = bad_usage("--probe target %s is longer than DNS allows or has an empty label "
					   "(a host name has at most 253 characters, 1 to 63 between dots)", targets[i]);
		if ((int)strlen(targets[i]) > width)
			width = (int)strlen(targets[i]);
	}
	struct probe_proxy proxy = {0};
	if (status == CONTINUE)
		status = parse_probe_proxy(find_variable(result->env, "https_proxy"), &proxy);
	size_t answered = 0;
	for (size_t i = 0; i < count && status == CONTINUE; i++)
		answered += probe_target(&proxy, targets[i], &endpoints[i], cl->timeout_ms, width);
	if (status == CONTINUE)
		status = finish_output();
	if (status == 0 && answered < count)
		status = 1;
	for (size_t i = 0; i < count; i++) {
		free(endpoints[i].host);
		free(endpoints[i].port);
	}
	free(endpoints);
	free_probe_proxy(&proxy);
	return status;
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
	case MODE_PROBE:
		return HFENV_WITH_PROBE ? probe(cl, result) : EXIT_HFENV_FAILED;
	default:
		return run_command(cl->command, result);
	}
}

static char *no_environment[] = {NULL};

/*
 * Builds the new environment over argv and environ, which follow each other on the initial stack:
 * no page is touched that the process does not have yet.  The operands move out of argv first.
 */
static int normalize_over_argv(struct command_line *cl, int argc, char **argv, char ***operands,
			       struct hfenv_result *result)
{
	char **first = (char **)cl->options.assign;
	size_t count = (size_t)(argv + argc - first) + 1;
	*operands = malloc(count * sizeof **operands);
	if (*operands == NULL)
		return -1;
	memcpy(*operands, first, count * sizeof **operands);
	cl->options.assign = (const char *const *)*operands;
	cl->command = *operands + cl->options.assign_count;
	/* libc never sees the array half rewritten: an empty one meanwhile, then the new one in one store. */
	environ = no_environment;
	int failed = hfenv_normalize_in_place(&cl->options, argv, (size_t)argc + 1, result);
	if (!failed)
		environ = result->env;
	return failed;
}

int main(int argc, char **argv)
{
	struct command_line cl;
	struct hfenv_result result = {0};
	char **operands = NULL;
	int status = parse_command_line(argc, argv, &cl);
	bool in_place = status == CONTINUE && cl.mode == MODE_RUN && environ == argv + argc + 1;
	if (status == CONTINUE && (in_place ? normalize_over_argv(&cl, argc, argv, &operands, &result)
					    : hfenv_normalize(&cl.options, environ, &result)) != 0)
		status = fail("%s", strerror(errno));
	if (status == CONTINUE)
		status = act(&cl, &result);
	/* Freed although the process ends, so that valgrind and LeakSanitizer report real leaks only. */
	if (in_place)
		environ = no_environment; /* its entries are freed with result */
	hfenv_result_free(&result);
	free(operands);
	free(cl.unset);
	return status;
}
