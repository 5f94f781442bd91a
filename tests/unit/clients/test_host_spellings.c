#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "clients/host_spellings.h"

/* What client makes of value: the URL it takes with its zone ("text zone"), "fails: WHY", or "invalid: STATUS". */
static void assert_reading(enum hfenv_client client, const char *value, const char *expected)
{
	enum hfenv_url_status status;
	struct hfenv_url url;
	struct host_spelling spelling;
	char got[256];
	assert_int_equal(hfenv_parse_proxy_url(value, &status, &url), 0);
	assert_true(status == HFENV_URL_ZONE || status == HFENV_URL_HOST_ESCAPE);
	assert_int_equal(read_host_spelling(&client_rules[client], value, &status, &url, &spelling), 0);
	if (spelling.failure != NULL)
		snprintf(got, sizeof got, "fails: %s", spelling.failure);
	else if (status != HFENV_URL_OK)
		snprintf(got, sizeof got, "invalid: %s", hfenv_url_status_text(status));
	else
		snprintf(got, sizeof got, "%s %s", url.text, spelling.zone ? spelling.zone : "-");
	assert_string_equal(got, expected);
	hfenv_url_free(&url);
	free(spelling.zone);
}

static void zone_is_taken_apart_from_the_address(void **state)
{
	(void)state;
	assert_reading(HFENV_CLIENT_CURL, "http://[fe80::1%25eth0]:3128", "http://[fe80::1]:3128 eth0");
	assert_reading(HFENV_CLIENT_CURL, "http://[fe80::1%eth0]:3128", "http://[fe80::1]:3128 eth0");
	assert_reading(HFENV_CLIENT_HTTPX, "http://[fe80::1%eth0]", "http://[fe80::1]:80 eth0");
	assert_reading(HFENV_CLIENT_GO, "http://u:p@[fe80::1%25lo]:1", "http://u:p@[fe80::1]:1 lo");
}

static void zone_spelling_a_client_does_not_read_is_invalid_or_a_failure(void **state)
{
	(void)state;
	assert_reading(HFENV_CLIENT_GO, "http://[fe80::1%eth0]:3128", "invalid: clients differ on zones: use a global address");
	assert_reading(HFENV_CLIENT_WGET, "http://[fe80::1%25eth0]:3128",
		       "invalid: clients differ on zones: use a global address");
	assert_reading(HFENV_CLIENT_HTTPX, "http://[fe80::1%25eth0]:3128", "fails: %25 in zone");
	assert_reading(HFENV_CLIENT_HTTPX, "http://[fe80::1%25eth0]:0", "invalid: the port must be 1 to 65535");
}

static void raw_zone_named_25_is_a_raw_zone(void **state)
{
	(void)state;
	assert_reading(HFENV_CLIENT_HTTPX, "http://[fe80::1%25]:1", "http://[fe80::1]:1 25");
	assert_reading(HFENV_CLIENT_GO, "http://[fe80::1%25]:1", "invalid: clients differ on zones: use a global address");
}

static void host_escape_is_decoded_kept_or_refused(void **state)
{
	(void)state;
	assert_reading(HFENV_CLIENT_REQUESTS, "http://u:p%40@%6cocal%48ost:3128", "http://u:p%40@localHost:3128 -");
	assert_reading(HFENV_CLIENT_ARIA2C, "http://%6cocalhost:3128", "fails: %HH in host");
	assert_reading(HFENV_CLIENT_HF_XET, "http://%6cocalhost:3128",
		       "invalid: clients differ on %HH in a host: decode it");
	assert_reading(HFENV_CLIENT_CURL, "http://%25:3128", "invalid: clients differ on %HH in a host: decode it");
	assert_reading(HFENV_CLIENT_GO, "http://a%zz:3128", "invalid: clients differ on %HH in a host: decode it");
}

static void zone_goes_inside_the_brackets_of_the_proxy(void **state)
{
	(void)state;
	char *zoned = proxy_with_zone("http://u:p]@[fe80::1]:1080", "eth0");
	assert_string_equal(zoned, "http://u:p]@[fe80::1%25eth0]:1080");
	free(zoned);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(zone_is_taken_apart_from_the_address),
		cmocka_unit_test(zone_spelling_a_client_does_not_read_is_invalid_or_a_failure),
		cmocka_unit_test(raw_zone_named_25_is_a_raw_zone),
		cmocka_unit_test(host_escape_is_decoded_kept_or_refused),
		cmocka_unit_test(zone_goes_inside_the_brackets_of_the_proxy),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
