#include "hub_settings.h"

#include "ascii.h"
#include "engine_internal.h"
#include "hub_syntax.h"
#include "text.h"
#include "url.h"
#include "variables.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char default_endpoint[] = "https://huggingface.co";

static bool is_one_of(const char *value, const char *const words[], size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (equal_ignoring_case(value, words[i]))
			return true;
	return false;
}

/* hf_xet's parse_bool_value (any case); huggingface_hub's _is_true takes the first four of the true words. */
static const char *const true_words[] = {"1", "on", "yes", "true", "y"};
static const char *const false_words[] = {"0", "off", "no", "false", "n"};
#define HUB_TRUE_WORDS 4

static const char trimmed[] = "%n=%v: blanks, CR or LF around it removed";
static const char secret_trimmed[] = "%n: blanks, CR or LF around it removed";
static const char empty_removed[] = "%n is empty: removed; the default applies";
static const char url_scheme_added[] = "%n=%v has no scheme: https:// added";
static const char url_bad_scheme[] = "%n=%v is no http(s) URL; write https://HOST";
static const char url_query[] = "%n=%v has a query or fragment; remove it";
static const char url_bad_char[] = "%n=%v has a blank or control byte; remove it";
static const char url_bad_host[] = "%n=%v has no valid host; write https://HOST";
static const char url_bad_port[] = "%n=%v has a bad port; use 1 to 65535";
static const char flag_respelled[] = "%n=%v: the Hub reads it as false; written 1";
static const char flag_neither[] = "%n=%v is neither true nor false; set 1 or 0";
static const char not_python_int[] = "%n=%v is no whole number; write e.g. 30";
static const char not_rust_int[] = "%n=%v is no whole number; write e.g. 8";
static const char not_float[] = "%n=%v is no number; write e.g. 0.5";
static const char not_duration[] = "%n=%v is no duration; write e.g. 30s";
static const char not_size[] = "%n=%v is no size; write e.g. 512mb";
static const char hf_transfer[] = "%n is ignored now; set HF_XET_HIGH_PERFORMANCE=1";

static void say(struct hfenv_hub_outcome *out, size_t row, bool error, const char *format)
{
	out->messages[out->message_count++] = (struct hfenv_hub_message){row, error, format};
}

/* Keeps text for the caller; a NULL (no memory) is kept too, for hfenv_hub_normalize to see. */
static char *make(struct hfenv_hub_outcome *out, char *text)
{
	out->made[out->made_count++] = text;
	return text;
}

/* What is wrong with a URL that has an http(s) scheme and no trailing slash, or NULL. */
static const char *url_problem(struct hfenv_hub_outcome *out, const char *url, size_t scheme_len)
{
	const char *authority = url + scheme_len + 3, *path = authority + strcspn(authority, "/");
	for (const char *p = path; *p; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f)
			return url_bad_char;
	enum hfenv_url_status status = HFENV_URL_OK;
	struct hfenv_url parsed;
	char *proxy_form = text_join("http://", authority, (size_t)(path - authority));
	if (proxy_form == NULL || hfenv_parse_proxy_url(proxy_form, &status, &parsed) != 0)
		make(out, NULL);
	else
		hfenv_url_free(&parsed);
	free(proxy_form);
	return status == HFENV_URL_OK ? NULL : status == HFENV_URL_BAD_PORT ? url_bad_port :
	       status == HFENV_URL_CONTROL ? url_bad_char : url_bad_host;
}

static bool has_http_scheme(const char *value, size_t scheme_len)
{
	static const char https[] = "https";
	if (scheme_len != 4 && scheme_len != 5)
		return false;
	for (size_t i = 0; i < scheme_len; i++)
		if (lower_ascii(value[i]) != https[i])
			return false;
	return true;
}

/* An endpoint given a scheme and stripped of trailing slashes; NULL when empty (removed); *problem when unusable. */
static const char *normalize_url(struct hfenv_hub_outcome *out, size_t row, const char *value, const char **problem)
{
	if (*value == '\0') {
		say(out, row, false, empty_removed);
		return NULL;
	}
	if (strpbrk(value, "?#") != NULL) {
		*problem = url_query;
		return value;
	}
	size_t scheme_len = hfenv_scheme_length(value);
	const char *url = value;
	if (scheme_len == 0 && strstr(value, "://") != NULL) {
		*problem = url_bad_scheme;
		return value;
	}
	if (scheme_len == 0) {
		say(out, row, false, url_scheme_added);
		url = make(out, text_join("https://", value, strlen(value)));
		scheme_len = 5;
	} else if (!has_http_scheme(value, scheme_len)) {
		*problem = url_bad_scheme;
		return value;
	}
	if (url == NULL)
		return NULL;
	size_t len = strlen(url);
	while (len > scheme_len + 3 && url[len - 1] == '/')
		len--;
	if (url[len] != '\0')
		url = make(out, strndup(url, len));
	if (url != NULL)
		*problem = url_problem(out, url, scheme_len);
	return url;
}

static const char *normalize_flag(struct hfenv_hub_outcome *out, size_t row, const char *value)
{
	unsigned readers = hfenv_hub_settings[row].readers;
	if (*value == '\0' || is_one_of(value, false_words, sizeof false_words / sizeof false_words[0]))
		return value;
	if (is_one_of(value, true_words, HUB_TRUE_WORDS))
		return value;
	if (is_one_of(value, true_words, sizeof true_words / sizeof true_words[0])) {
		if (!(readers & HFENV_READ_HUB))
			return value;
		say(out, row, false, flag_respelled);
		return "1";
	}
	say(out, row, true, flag_neither);
	return value;
}

static const char *number_problem(enum hfenv_hub_kind kind, const char *value)
{
	static const char *const problems[] = {[HFENV_HUB_PY_INT] = not_python_int, [HFENV_HUB_U64] = not_rust_int,
					       [HFENV_HUB_U32] = not_rust_int, [HFENV_HUB_FLOAT] = not_float,
					       [HFENV_HUB_DURATION] = not_duration, [HFENV_HUB_SIZE] = not_size};
	return hfenv_hub_number_is_valid(kind, value) ? NULL : problems[kind];
}

static bool is_number(enum hfenv_hub_kind kind)
{
	return kind == HFENV_HUB_PY_INT || kind == HFENV_HUB_U64 || kind == HFENV_HUB_U32 || kind == HFENV_HUB_FLOAT ||
	       kind == HFENV_HUB_DURATION || kind == HFENV_HUB_SIZE;
}

/* The value without blanks, CR and LF around it: itself, or a copy. */
static const char *trim(struct hfenv_hub_outcome *out, size_t row, const char *value)
{
	const char *start = value, *end = value + strlen(value);
	while (start < end && is_blank(*start))
		start++;
	while (end > start && is_blank(end[-1]))
		end--;
	if (start == value && *end == '\0')
		return value;
	say(out, row, false, hfenv_hub_settings[row].kind == HFENV_HUB_SECRET ? secret_trimmed : trimmed);
	return *end == '\0' ? start : make(out, strndup(start, (size_t)(end - start)));
}

static const char *normalize_one(struct hfenv_hub_outcome *out, size_t row, const char *value)
{
	enum hfenv_hub_kind kind = hfenv_hub_settings[row].kind;
	value = trim(out, row, value);
	if (value == NULL)
		return NULL;
	const char *problem = NULL;
	if (kind == HFENV_HUB_URL) {
		value = normalize_url(out, row, value, &problem);
	} else if (kind == HFENV_HUB_FLAG) {
		value = normalize_flag(out, row, value);
	} else if (is_number(kind) && *value == '\0') {
		say(out, row, false, empty_removed);
		return NULL;
	} else {
		problem = number_problem(kind, value);
	}
	if (problem != NULL)
		say(out, row, true, problem);
	return value;
}

int hfenv_hub_normalize(struct hfenv_hub_value *values, size_t count, struct hfenv_hub_outcome *out)
{
	*out = (struct hfenv_hub_outcome){0};
	out->messages = malloc((3 * count + 1) * sizeof *out->messages);
	out->made = malloc((4 * count + 1) * sizeof *out->made);
	if (out->messages == NULL || out->made == NULL)
		goto out_of_memory;
	size_t transfer = SIZE_MAX, high_performance = SIZE_MAX;
	for (size_t i = 0; i < count; i++) {
		const char *name = hfenv_hub_settings[values[i].row].name;
		values[i].value = normalize_one(out, values[i].row, values[i].value);
		if (strcmp(name, "HF_HUB_ENABLE_HF_TRANSFER") == 0)
			transfer = i;
		else if (strcmp(name, "HF_XET_HIGH_PERFORMANCE") == 0)
			high_performance = i;
	}
	if (transfer != SIZE_MAX && hfenv_is_true(values[transfer].value) &&
	    (high_performance == SIZE_MAX || !hfenv_is_true(values[high_performance].value)))
		say(out, values[transfer].row, false, hf_transfer);
	for (size_t i = 0; i < out->made_count; i++)
		if (out->made[i] == NULL)
			goto out_of_memory;
	return 0;
out_of_memory:
	hfenv_hub_outcome_free(out);
	errno = ENOMEM;
	return -1;
}

void hfenv_hub_outcome_free(struct hfenv_hub_outcome *out)
{
	for (size_t i = 0; i < out->made_count; i++)
		free(out->made[i]);
	free(out->made);
	free(out->messages);
	*out = (struct hfenv_hub_outcome){0};
}

int hfenv_hub_endpoint(char *const env[], struct hfenv_hub_endpoint *out)
{
	*out = (struct hfenv_hub_endpoint){0};
	const char *value = hfenv_getenv(env, "HF_ENDPOINT");
	if (hfenv_is_true(hfenv_getenv(env, "HUGGINGFACE_CO_STAGING")))
		value = "https://hub-ci.huggingface.co";
	size_t scheme_len = value ? hfenv_scheme_length(value) : 0;
	if (value == NULL)
		value = default_endpoint, scheme_len = 5;
	struct hfenv_hub_outcome checked = {0};
	struct hfenv_hub_message message;
	char *made[4];
	checked.messages = &message;
	checked.made = made;
	if (!has_http_scheme(value, scheme_len) || url_problem(&checked, value, scheme_len) != NULL ||
	    strpbrk(value, "?#") != NULL) {
		errno = checked.made_count > 0 ? ENOMEM : EINVAL;
		return -1;
	}
	const char *authority = value + scheme_len + 3;
	char *proxy_form = text_join("http://", authority, strcspn(authority, "/"));
	enum hfenv_url_status status;
	struct hfenv_url parsed = {0};
	if (proxy_form == NULL || hfenv_parse_proxy_url(proxy_form, &status, &parsed) != 0) {
		free(proxy_form);
		errno = ENOMEM;
		return -1;
	}
	free(proxy_form);
	out->https = scheme_len == 5;
	out->port = parsed.port ? parsed.port : out->https ? 443 : 80;
	out->host = parsed.host;
	parsed.host = NULL;
	hfenv_url_free(&parsed);
	out->url = strdup(value);
	for (char *p = out->host; p != NULL && *p; p++)
		*p = lower_ascii(*p);
	if (out->url == NULL || out->host == NULL) {
		hfenv_hub_endpoint_free(out);
		errno = ENOMEM;
		return -1;
	}
	out->mirror = strcmp(out->host, "huggingface.co") != 0;
	out->xet = !hfenv_is_true(hfenv_getenv(env, "HF_HUB_DISABLE_XET"));
	return 0;
}

void hfenv_hub_endpoint_free(struct hfenv_hub_endpoint *endpoint)
{
	free(endpoint->url);
	free(endpoint->host);
	*endpoint = (struct hfenv_hub_endpoint){0};
}

/* The engine's step: the room decides from the values of the slots the table's names have; the engine reports. */
void normalize_hub_settings(struct engine *e)
{
	struct hfenv_hub_value *values = NULL;
	struct slot **slots = NULL;
	size_t count = 0;
	for (size_t i = 0; i < e->slot_count; i++) {
		struct slot *s = &e->slots[i];
		bool present = s->value != NULL || s->original != NULL;
		const struct hfenv_hub_setting *row = present ? hfenv_hub_find(s->name, s->name_len) : NULL;
		if (row != NULL)
			s->secret = row->kind == HFENV_HUB_SECRET; /* -u HF_TOKEN: "unset" must not show it either */
		if (row == NULL || s->value == NULL)
			continue;
		if (values == NULL) {
			values = malloc((e->slot_count - i) * sizeof *values);
			slots = malloc((e->slot_count - i) * sizeof *slots);
			if (values == NULL || slots == NULL)
				break;
		}
		s->owned = true;
		slots[count] = s;
		values[count++] = (struct hfenv_hub_value){(size_t)(row - hfenv_hub_settings), s->value};
	}
	struct hfenv_hub_outcome out;
	if (count == 0 || hfenv_hub_normalize(values, count, &out) != 0) {
		e->out_of_memory = e->out_of_memory || values != NULL || slots != NULL;
		free(values);
		free(slots);
		return;
	}
	for (size_t i = 0; i < out.made_count; i++)
		keep(e, out.made[i]);
	out.made_count = 0;
	for (size_t i = 0; i < out.message_count; i++) {
		size_t k = 0;
		while (values[k].row != out.messages[i].row)
			k++;
		add_finding(e, out.messages[i].error ? HFENV_ERROR : HFENV_WARNING, out.messages[i].format, slots[k]->name,
			    slots[k]->value);
	}
	for (size_t k = 0; k < count; k++)
		slots[k]->value = values[k].value;
	hfenv_hub_outcome_free(&out);
	free(values);
	free(slots);
}

/* casUrl in xet-core's xet_client/src/hub_client/types.rs; xorb URLs in its openapi/cas.openapi.yaml. */
static const struct hfenv_hub_host xet_cas = {"Xet storage (CAS)", "cas-server.xethub.hf.co", 443};
static const struct hfenv_hub_host xet_xorbs = {"Xet storage (xorbs)", "transfer.xethub.hf.co", 443};
static const struct hfenv_hub_host xet_bridge = {"download (Xet bridge)", "cas-bridge.xethub.hf.co", 443};

size_t hfenv_hub_download_hosts(const struct hfenv_hub_endpoint *endpoint, struct hfenv_hub_host hosts[HFENV_HUB_HOSTS])
{
	hosts[0] = (struct hfenv_hub_host){"metadata, Xet token", endpoint->host, endpoint->port};
	if (!endpoint->xet) {
		hosts[1] = xet_bridge;
		return 2;
	}
	hosts[1] = xet_cas;
	hosts[2] = xet_xorbs;
	return 3;
}

void hfenv_hub_reachable_hosts(const struct hfenv_hub_endpoint *endpoint, struct hfenv_hub_host hosts[HFENV_HUB_REACHABLE_HOSTS])
{
	hosts[0] = (struct hfenv_hub_host){"metadata, Xet token", endpoint->host, endpoint->port};
	hosts[1] = xet_cas;
	hosts[2] = xet_bridge;
	hosts[3] = xet_xorbs;
}
