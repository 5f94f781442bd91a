#include "hub/normalize.h"

#include "common/text.h"
#include "common/truth.h"
#include "common/url.h"
#include "hub/endpoint.h"
#include "hub/syntax.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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
static const char staging[] = "%n=%v moves the Hub to " HFENV_HUB_STAGING_URL "; unset it";

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
	enum hfenv_url_status status = HFENV_URL_OK;
	struct hfenv_url authority;
	if (hfenv_hub_url_authority(url, scheme_len, &status, &authority) != 0)
		make(out, NULL);
	else if (status == HFENV_URL_OK)
		hfenv_url_free(&authority);
	return status == HFENV_URL_OK ? NULL : status == HFENV_URL_BAD_PORT ? url_bad_port :
	       status == HFENV_URL_CONTROL ? url_bad_char : url_bad_host;
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
	} else if (!hfenv_hub_is_http_scheme(value, scheme_len)) {
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
	enum hfenv_truth truth = hfenv_xet_truth(value);
	if (*value == '\0' || truth == HFENV_FALSE || hfenv_is_true(value))
		return value;
	if (truth == HFENV_NEITHER) {
		say(out, row, true, flag_neither);
		return value;
	}
	if (!(hfenv_hub_settings[row].readers & HFENV_READ_HUB))
		return value;
	say(out, row, false, flag_respelled);
	return "1";
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

static const char *normalize_one(struct hfenv_hub_outcome *out, size_t row, const char *value)
{
	enum hfenv_hub_kind kind = hfenv_hub_settings[row].kind;
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
		else if (strcmp(name, "HUGGINGFACE_CO_STAGING") == 0 && hfenv_is_true(values[i].value))
			say(out, values[i].row, false, staging); /* HF_ENDPOINT and the default are ignored: hub/endpoint.c */
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
