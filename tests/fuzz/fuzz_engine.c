/*
 * The whole engine: a random environment and random options in.
 *
 * Input: a flag byte (bit 0 --no-xet, 1 --allow-socks, 2 --verbose, 3 --quiet, bits 4-5 --prefer:
 * 1 lower, 2 upper, bits 6-7 the spare slots before the environment in place), then records separated by NUL bytes. A record is a tag byte and a body.
 * Tag bits 0-1: 0 an environment entry, 1 -u, 2 a NAME=VALUE operand, 3 --proxy BODY; bit 2:
 * plant a password in the value (or a token, where the user part before '@' is empty; a token before the whole value of a
 * secret-like name, common/secrets.h; a Hugging Face token, hf_QQQ..., before a value with no '@'); bits 3-7: a name
 * from the table below (the record is then NAME=BODY, or NAME for -u), or, past the table, none (the body is the
 * whole record).
 *
 * Properties, always: every message is one clean line without the planted password, secret or token, that fits
 * 100 columns after the prefix the wrapper prints before it. When the
 * engine accepts: each normalized pair is equal in both spellings, except that under CGI
 * HTTP_PROXY is absent; no name hfenv owns appears twice; every proxy value is a valid URL in
 * normal form, SOCKS only where allowed; no proxy variable is left in another letter case (Https_Proxy);
 * NO_PROXY is its own rewrite; HF_ENDPOINT has a scheme and no trailing slash; no Hub setting appears twice;
 * HF_HUB_DISABLE_XETHUB, when it means something, means what HF_HUB_DISABLE_XET does; --no-xet shows; a client
 * the route model sees failing after hfenv comes with a warning; the edits
 * (what --export prints) match the output; path is the first PATH of the output; and normalizing the
 * output again changes nothing.
 * Always, hfenv_normalize_in_place gives what hfenv_normalize gives.
 */
#include "env.h"
#include "env_in_place.h"
#include "fuzz.h"

#include "clients/routes.h"
#include "common/environment.h"
#include "common/secrets.h"
#include "common/truth.h"
#include "common/url.h"
#include "common/variables.h"
#include "engine/no_proxy_list.h"
#include "hub/settings.h"

static const char *const names[] = {
	"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY",
	"no_proxy", "NO_PROXY", "REQUEST_METHOD", "HFENV_PROXY", "HFENV_NO_XET", "HFENV_ALLOW_SOCKS",
	"HFENV_PREFER", "HFENV_VERBOSE", "HFENV_QUIET", "HF_HUB_DISABLE_XET", "HF_HUB_DISABLE_XETHUB", "PATH",
	"REQUESTS_CA_BUNDLE", "SSL_CERT_FILE", "NODE_EXTRA_CA_CERTS", "HFENV_CA_BUNDLE",
	"HF_TOKEN", "HF_ENDPOINT", "HF_HUB_DOWNLOAD_TIMEOUT", "HF_XET_CLIENT_CONNECT_TIMEOUT", "HF_XET_HIGH_PERFORMANCE",
	"HF_HUB_ENABLE_HF_TRANSFER", "HF_XET_RECONSTRUCTION_DOWNLOAD_BUFFER_SIZE", "HF_HOME", "HF_HUB_DISABLE_IMPLICIT_TOKEN",
	"Https_Proxy", "No_Proxy",
};
#define NAME_COUNT (sizeof names / sizeof names[0])
enum { PAIR_NAMES = 8 };
static const char *const owned[] = {"HF_HUB_DISABLE_XET", "HF_HUB_DISABLE_XETHUB"};

enum record_kind { RECORD_ENV, RECORD_UNSET, RECORD_ASSIGN, RECORD_PROXY };

struct input {
	struct hfenv_options opts;
	char **env;
	const char **unset;
	const char **assign;
	size_t env_count;
	char **strings;               /* everything to free */
	size_t string_count;
};

static char *keep(struct input *in, char *s)
{
	in->strings[in->string_count++] = s;
	return s;
}

/* planted followed by value, allocated. */
static char *plant_before(const char *planted, const char *value)
{
	char *text = malloc(strlen(planted) + strlen(value) + 1);
	require(text != NULL);
	strcpy(text, planted);
	strcat(text, value);
	return text;
}

/* A Hugging Face token, with a body no input holds (decode() breaks every QQ): no message may show two of its Qs. */
#define PLANTED_TOKEN "hf_QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ"
#define PLANTED_TOKEN_PIECE "QQ"

/* The name[0..len) of a variable no message may show the value of: secret-like, or a secret of the Hub's table. */
static bool is_secret(const char *name, size_t len)
{
	if (hfenv_name_is_secret(name, len))
		return true;
	for (size_t i = 0; i < hfenv_hub_setting_count; i++)
		if (hfenv_hub_settings[i].kind == HFENV_HUB_SECRET && strlen(hfenv_hub_settings[i].name) == len &&
		    memcmp(hfenv_hub_settings[i].name, name, len) == 0)
			return true;
	return false;
}

/* prefix followed by value, with a password planted in value if asked (a secret's value: a token before it; a
 * value without a user part: a Hugging Face token before it). */
static char *make_entry(const char *prefix, size_t prefix_len, const char *value, bool plant, bool secret)
{
	/* A secret's whole value is the secret: the password goes before it. */
	char *planted = plant ? secret ? plant_before(PLANTED_PASSWORD, value) : plant_password(value) : NULL;
	if (plant && planted == NULL)
		planted = plant_before(PLANTED_TOKEN, value);
	const char *text = planted ? planted : value;
	char *entry = malloc(prefix_len + strlen(text) + 1);
	require(entry != NULL);
	memcpy(entry, prefix, prefix_len);
	strcpy(entry + prefix_len, text);
	free(planted);
	return entry;
}

static void add_record(struct input *in, unsigned char tag, const char *body)
{
	enum record_kind kind = tag & 3;
	bool plant = tag & 4;
	size_t name_index = tag >> 3;
	const char *name = name_index < NAME_COUNT ? names[name_index] : NULL;
	char *entry;
	if (kind == RECORD_PROXY) {
		entry = make_entry("", 0, body, plant, false);
	} else if (kind == RECORD_UNSET && name != NULL) {
		entry = make_entry("", 0, name, false, false);
	} else if (name != NULL) {
		char prefix[64];
		int n = snprintf(prefix, sizeof prefix, "%s=", name);
		entry = make_entry(prefix, (size_t)n, body, plant, is_secret(name, strlen(name)));
	} else {
		const char *eq = strchr(body, '=');
		const char *value = eq ? eq + 1 : body;
		entry = make_entry(body, (size_t)(value - body), value, plant, eq != NULL && is_secret(body, (size_t)(eq - body)));
	}
	keep(in, entry);
	if (kind == RECORD_ENV)
		in->env[in->env_count++] = entry;
	else if (kind == RECORD_UNSET)
		in->unset[in->opts.assignments.unset_count++] = entry;
	else if (kind == RECORD_ASSIGN)
		in->assign[in->opts.assignments.assign_count++] = entry;
	else
		in->opts.proxy = entry;
}

static void decode(struct input *in, const uint8_t *data, size_t size)
{
	char *records = keep(in, copy_string(data + 1, size - 1));
	for (size_t i = 0; i < size - 1; i++)
		if (records[i] == PASSWORD_MARK)
			records[i] = '-';
		else if (records[i] == 'Q' && records[i + 1] == 'Q')
			records[i + 1] = 'q';
	in->opts.no_xet = data[0] & 1;
	in->opts.allow_socks = data[0] & 2;
	in->opts.verbose = data[0] & 4;
	in->opts.quiet = data[0] & 8;
	in->opts.prefer = (data[0] >> 4) & 3;
	if (in->opts.prefer > HFENV_PREFER_UPPER)
		in->opts.prefer = HFENV_PREFER_UNSET;
	for (char *record = records; record < records + size - 1; record += strlen(record) + 1)
		if (*record != '\0')
			add_record(in, (unsigned char)record[0], record + 1);
	in->env[in->env_count] = NULL;
	in->opts.assignments.unset = in->unset;
	in->opts.assignments.assign = in->assign;
}

static size_t count(char *const env[], const char *name)
{
	size_t n = strlen(name), found = 0;
	for (size_t i = 0; env[i] != NULL; i++)
		found += strncmp(env[i], name, n) == 0 && env[i][n] == '=';
	return found;
}

static bool same(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* A proxy value in the output: valid, already in normal form; whether it is SOCKS. */
static bool require_normal_url(const char *value)
{
	enum hfenv_url_status status;
	struct hfenv_url url;
	require(hfenv_parse_proxy_url(value, &status, &url) == 0);
	require(status == HFENV_URL_OK);
	require(strcmp(url.text, value) == 0);
	bool socks = url.socks;
	hfenv_url_free(&url);
	return socks;
}

static void require_pairs(const struct hfenv_options *opts, char *const env[])
{
	bool cgi = hfenv_getenv(env, "REQUEST_METHOD") != NULL;
	bool socks_allowed = opts->allow_socks || opts->no_xet || hfenv_is_true(hfenv_getenv(env, "HFENV_ALLOW_SOCKS")) ||
			     hfenv_is_true(hfenv_getenv(env, "HFENV_NO_XET"));
	bool socks[3] = {false, false, false};
	for (size_t pair = 0; pair < PAIR_NAMES / 2; pair++) {
		const char *lower = hfenv_getenv(env, names[2 * pair]), *upper = hfenv_getenv(env, names[2 * pair + 1]);
		require(count(env, names[2 * pair]) <= 1 && count(env, names[2 * pair + 1]) <= 1);
		if (pair == 0 && cgi)
			require(upper == NULL);
		else
			require(same(lower, upper));
		if (lower == NULL)
			continue;
		if (pair < 3) {
			socks[pair] = require_normal_url(lower);
		} else {
			struct hfenv_no_proxy again;
			require(hfenv_normalize_no_proxy(lower, &again) == 0);
			require(again.list != NULL && strcmp(again.list, lower) == 0);
			for (size_t i = 0; i < again.note_count; i++)
				require(again.notes[i].kind == HFENV_NO_PROXY_RANGE_KEPT);
			hfenv_no_proxy_free(&again);
		}
	}
	if (!socks_allowed) {
		require(!socks[0] && !socks[1]);
		if (socks[2])
			require(hfenv_getenv(env, "http_proxy") != NULL && hfenv_getenv(env, "https_proxy") != NULL);
	}
}

/* Only the usual spellings of a proxy variable are left, and the copied Xet switch says what the Hub's does. */
static void require_one_spelling(char *const env[])
{
	for (size_t i = 0; env[i] != NULL; i++) {
		const char *eq = strchr(env[i], '=');
		size_t len = eq ? (size_t)(eq - env[i]) : 0;
		enum hfenv_variable v = eq ? hfenv_proxy_variable_any_case(env[i], len) : HFENV_VARIABLES;
		require(v == HFENV_VARIABLES || hfenv_variable_named(env[i], len) != HFENV_VARIABLES);
	}
	const char *copied = hfenv_getenv(env, "HF_HUB_DISABLE_XETHUB"), *hub = hfenv_getenv(env, "HF_HUB_DISABLE_XET");
	if (copied != NULL && hfenv_xet_truth(copied) != HFENV_NEITHER)
		require(hub != NULL && hfenv_xet_truth(hub) == hfenv_xet_truth(copied));
}

static void require_accepted_state(const struct hfenv_options *opts, const struct hfenv_result *r)
{
	require(r->env[r->env_count] == NULL);
	for (size_t i = 0; i < r->env_count; i++)
		require(r->env[i] != NULL);
	require_pairs(opts, r->env);
	require_one_spelling(r->env);
	for (size_t i = 0; i < sizeof owned / sizeof owned[0]; i++)
		require(count(r->env, owned[i]) <= 1);
	for (size_t i = 0; i < hfenv_hub_setting_count; i++)
		require(count(r->env, hfenv_hub_settings[i].name) <= 1);
	const char *endpoint = hfenv_getenv(r->env, "HF_ENDPOINT");
	if (endpoint != NULL) {
		size_t scheme = hfenv_scheme_length(endpoint);
		require((scheme == 4 || scheme == 5) && endpoint[strlen(endpoint) - 1] != '/');
	}
	if (opts->no_xet || hfenv_is_true(hfenv_getenv(r->env, "HFENV_NO_XET"))) {
		require(hfenv_is_true(hfenv_getenv(r->env, "HF_HUB_DISABLE_XET")));
		require(hfenv_is_true(hfenv_getenv(r->env, "HF_HUB_DISABLE_XETHUB")));
	}
	for (size_t i = 0; i < r->edit_count; i++)
		require(same(hfenv_getenv(r->env, r->edits[i].name), r->edits[i].value));
	require(same(r->path, hfenv_getenv(r->env, "PATH")));
}

/* A client that fails after hfenv (clients/routes.h, as --explain predicts it) is never silent: a warning says so. */
static void require_failures_warned(const struct hfenv_result *r)
{
	bool failed = false;
	for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++) {
		for (enum hfenv_target t = HFENV_TARGET_HTTP; t < HFENV_TARGETS; t++) {
			struct hfenv_route route;
			require(hfenv_predict_route(c, t, r->env, &route) == 0);
			failed = failed || route.kind == HFENV_ROUTE_FAILS || route.kind == HFENV_ROUTE_REFUSED_CGI;
			hfenv_route_free(&route);
		}
	}
	for (size_t i = 0; failed && i < r->finding_count; i++)
		if (r->findings[i].kind == HFENV_WARNING)
			return;
	require(!failed);
}

/* The output needs nothing more: the same options (less -u and operands) leave it as it is. */
static void require_stable(const struct hfenv_options *opts, const struct hfenv_result *r)
{
	struct hfenv_options again_opts = *opts;
	again_opts.assignments.unset_count = again_opts.assignments.assign_count = 0;
	struct hfenv_result again;
	require(hfenv_normalize(&again_opts, NULL, r->env, &again) == 0);
	require(again.error_count == 0);
	require(again.edit_count == 0);
	for (size_t i = 0; i < again.finding_count; i++)
		require(again.findings[i].kind != HFENV_CHANGE);
	require(again.env_count == r->env_count);
	for (size_t i = 0; i < r->env_count; i++)
		require(strcmp(again.env[i], r->env[i]) == 0);
	hfenv_result_free(&again);
}

/* The line the wrapper prints, "hfenv: warning: " or "hfenv: " and the message, fits HFENV_LINE_WIDTH. */
static void require_fitting_message(const struct hfenv_finding *f)
{
	require(strlen(f->kind == HFENV_WARNING ? "hfenv: warning: " : "hfenv: ") + strlen(f->message) <= HFENV_LINE_WIDTH);
}

static bool same_result(const struct hfenv_result *a, const struct hfenv_result *b)
{
	if (a->env_count != b->env_count || a->finding_count != b->finding_count || a->error_count != b->error_count ||
	    a->edit_count != b->edit_count || a->verbose != b->verbose || a->quiet != b->quiet ||
	    !same(a->path, b->path))
		return false;
	for (size_t i = 0; i < a->env_count; i++)
		if (strcmp(a->env[i], b->env[i]) != 0)
			return false;
	for (size_t i = 0; i < a->finding_count; i++)
		if (a->findings[i].kind != b->findings[i].kind || strcmp(a->findings[i].message, b->findings[i].message) != 0)
			return false;
	for (size_t i = 0; i < a->edit_count; i++)
		if (strcmp(a->edits[i].name, b->edits[i].name) != 0 || !same(a->edits[i].value, b->edits[i].value))
			return false;
	return b->env[b->env_count] == NULL;
}

/* The environment behind spare slots of argv in one block, as on the initial stack: changes only if verbose, warnings
 * only if not quiet. */
static void require_in_place_agrees(const struct input *in, size_t spare, const struct hfenv_result *copied)
{
	static char argument[] = "ARGUMENT";
	char **block = malloc((spare + in->env_count + 1) * sizeof *block);
	require(block != NULL);
	for (size_t i = 0; i < spare; i++)
		block[i] = argument;
	memcpy(block + spare, in->env, (in->env_count + 1) * sizeof *block);
	struct hfenv_result r, kept = *copied;
	require(hfenv_normalize_in_place(&in->opts, NULL, block, spare, &r) == 0);
	struct hfenv_finding *findings = calloc(copied->finding_count + 1, sizeof *findings);
	require(findings != NULL);
	kept.findings = findings;
	kept.finding_count = 0;
	for (size_t i = 0; i < copied->finding_count; i++)
		if ((copied->verbose || copied->findings[i].kind != HFENV_CHANGE) &&
		    (!copied->quiet || copied->findings[i].kind != HFENV_WARNING))
			findings[kept.finding_count++] = copied->findings[i];
	require(same_result(&kept, &r));
	free(findings);
	hfenv_result_free(&r);
	free(block);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	struct input in = {0};
	in.env = calloc(size + 1, sizeof *in.env);
	in.unset = calloc(size, sizeof *in.unset);
	in.assign = calloc(size, sizeof *in.assign);
	in.strings = calloc(size + 1, sizeof *in.strings);
	require(in.env && in.unset && in.assign && in.strings);
	decode(&in, data, size);

	struct hfenv_result r;
	require(hfenv_normalize(&in.opts, NULL, in.env, &r) == 0);
	size_t errors = 0;
	for (size_t i = 0; i < r.finding_count; i++) {
		require_clean_message(r.findings[i].message);
		require(strstr(r.findings[i].message, PLANTED_TOKEN_PIECE) == NULL);
		require_fitting_message(&r.findings[i]);
		errors += r.findings[i].kind == HFENV_ERROR;
	}
	require(errors == r.error_count);
	if (r.error_count == 0) {
		require_accepted_state(&in.opts, &r);
		require_failures_warned(&r);
		require_stable(&in.opts, &r);
	} else {
		require(r.edit_count == 0);
	}
	require_in_place_agrees(&in, data[0] >> 6, &r);
	hfenv_result_free(&r);

	for (size_t i = 0; i < in.string_count; i++)
		free(in.strings[i]);
	free(in.strings);
	free(in.env);
	free(in.unset);
	free(in.assign);
	return 0;
}
