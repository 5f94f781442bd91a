#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "clients/no_proxy_match.h"

/* aria2c 1.36's matching, as measured through a loopback proxy (docs/proxy-clients.md, aria2c). */
static bool aria2_matches(const char *entry, const char *host, const char *written)
{
	struct hfenv_destination d = {.host = host, .port = 443, .port_given = true, .written = written};
	struct matched_host h = {.d = &d};
	h.address_length = parse_address(host, strlen(host), h.address);
	return match_aria2(entry, strlen(entry), &h);
}

static void aria2c_name_entry_is_the_host_alone(void **state)
{
	(void)state;
	assert_true(aria2_matches("hf.test", "hf.test", NULL));
	assert_false(aria2_matches("hf.test", "cas.hf.test", NULL));
	assert_false(aria2_matches("hf.test", "nothf.test", NULL));
	assert_false(aria2_matches("hf.test.", "hf.test", NULL));
}

static void aria2c_dot_entry_is_the_subdomains_alone(void **state)
{
	(void)state;
	assert_true(aria2_matches(".hf.test", "cas.hf.test", NULL));
	assert_false(aria2_matches(".hf.test", "hf.test", NULL));
	assert_false(aria2_matches(".hf.test", "nothf.test", NULL));
	assert_false(aria2_matches(".0.0.1", "127.0.0.1", NULL));
}

static void aria2c_compares_the_host_as_the_url_writes_it(void **state)
{
	(void)state;
	assert_false(aria2_matches("hf.test", "hf.test", "HF.TEST"));
	assert_true(aria2_matches("HF.TEST", "hf.test", "HF.TEST"));
	assert_false(aria2_matches("HF.TEST", "hf.test", NULL));
}

static void aria2c_star_and_port_entries_never_match(void **state)
{
	(void)state;
	assert_false(aria2_matches("*", "hf.test", NULL));
	assert_false(aria2_matches("*.hf.test", "cas.hf.test", NULL));
	assert_false(aria2_matches("hf.test:443", "hf.test", NULL));
}

static void aria2c_reads_address_ranges_and_clamps_the_prefix(void **state)
{
	(void)state;
	assert_true(aria2_matches("10.0.0.0/8", "10.1.2.3", NULL));
	assert_true(aria2_matches("127.0.0.0/0", "127.0.0.1", NULL));
	assert_false(aria2_matches("127.0.0.0/33", "127.0.0.1", NULL));
	assert_true(aria2_matches("127.0.0.1/33", "127.0.0.1", NULL));
	assert_true(aria2_matches("fd00::/8", "fd00::1", NULL));
	assert_false(aria2_matches("::/0", "127.0.0.1", NULL));
	assert_false(aria2_matches("127.0.0.1/x", "127.0.0.1", NULL));
	assert_false(aria2_matches("10.0.0.0/8", "ten.test", NULL));
}

static void aria2c_address_entry_is_that_address(void **state)
{
	(void)state;
	assert_true(aria2_matches("127.0.0.1", "127.0.0.1", NULL));
	assert_false(aria2_matches("localhost", "127.0.0.1", NULL));
	assert_true(aria2_matches("::1", "::1", NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(aria2c_name_entry_is_the_host_alone),
		cmocka_unit_test(aria2c_dot_entry_is_the_subdomains_alone),
		cmocka_unit_test(aria2c_compares_the_host_as_the_url_writes_it),
		cmocka_unit_test(aria2c_star_and_port_entries_never_match),
		cmocka_unit_test(aria2c_reads_address_ranges_and_clamps_the_prefix),
		cmocka_unit_test(aria2c_address_entry_is_that_address),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
