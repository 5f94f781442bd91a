#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "env.h"
#include "common/url.h"

static void assert_url_ok(const char *value, const char *normalized, bool socks)
{
	enum hfenv_url_status status;
	struct hfenv_url url;
	assert_int_equal(hfenv_parse_proxy_url(value, &status, &url), 0);
	if (status != HFENV_URL_OK)
		fail_msg("'%s' refused: %s", value, hfenv_url_status_text(status));
	assert_non_null(url.text);
	assert_string_equal(url.text, normalized);
	assert_int_equal(url.socks, socks);
	hfenv_url_free(&url);
}

static void assert_url_status(const char *value, enum hfenv_url_status expected)
{
	enum hfenv_url_status status;
	struct hfenv_url url;
	assert_int_equal(hfenv_parse_proxy_url(value, &status, &url), 0);
	if (status != expected)
		fail_msg("'%s': status %d, expected %d", value, (int)status, (int)expected);
	assert_null(url.text);
}

/* "http://" + a host name of length characters, labels of 63 split by dots, + suffix; free it. */
static char *url_with_host_name(size_t length, const char *suffix)
{
	assert_true(length % 64 != 0);
	char *url = malloc(7 + length + strlen(suffix) + 1);
	assert_non_null(url);
	memcpy(url, "http://", 7);
	for (size_t i = 0; i < length; i++)
		url[7 + i] = i % 64 == 63 ? '.' : 'a';
	strcpy(url + 7 + length, suffix);
	return url;
}

static void assert_host_name_status(size_t length, const char *suffix, enum hfenv_url_status expected)
{
	char *url = url_with_host_name(length, suffix);
	if (expected == HFENV_URL_OK)
		assert_url_ok(url, url, false);
	else
		assert_url_status(url, expected);
	free(url);
}

static void scheme_less_host_port_gets_http(void **state)
{
	(void)state;
	assert_url_ok("127.0.0.1:7890", "http://127.0.0.1:7890", false);
	assert_url_ok("proxy.example:3128", "http://proxy.example:3128", false);
	assert_url_ok("localhost:7890", "http://localhost:7890", false);
}

static void scheme_less_bracketed_ipv6_gets_http(void **state)
{
	(void)state;
	assert_url_ok("[::1]:7890", "http://[::1]:7890", false);
}

static void scheme_is_lower_cased(void **state)
{
	(void)state;
	assert_url_ok("HTTP://127.0.0.1:7890", "http://127.0.0.1:7890", false);
	assert_url_ok("Https://127.0.0.1:7890", "https://127.0.0.1:7890", false);
	assert_url_ok("SOCKS5H://127.0.0.1:1080", "socks5h://127.0.0.1:1080", true);
}

static void host_case_is_kept(void **state)
{
	(void)state;
	assert_url_ok("http://LOCALHOST:7890", "http://LOCALHOST:7890", false);
}

static void http_is_allowed(void **state)
{
	(void)state;
	assert_url_ok("http://127.0.0.1:7890", "http://127.0.0.1:7890", false);
}

static void https_is_allowed(void **state)
{
	(void)state;
	assert_url_ok("https://127.0.0.1:7890", "https://127.0.0.1:7890", false);
}

static void socks4_is_allowed_and_socks(void **state)
{
	(void)state;
	assert_url_ok("socks4://127.0.0.1:1080", "socks4://127.0.0.1:1080", true);
}

static void socks4a_is_allowed_and_socks(void **state)
{
	(void)state;
	assert_url_ok("socks4a://127.0.0.1:1080", "socks4a://127.0.0.1:1080", true);
}

static void socks5_is_allowed_and_socks(void **state)
{
	(void)state;
	assert_url_ok("socks5://127.0.0.1:1080", "socks5://127.0.0.1:1080", true);
}

static void socks5h_is_allowed_and_socks(void **state)
{
	(void)state;
	assert_url_ok("socks5h://127.0.0.1:1080", "socks5h://127.0.0.1:1080", true);
}

static void missing_port_is_written_out_as_the_schemes(void **state)
{
	(void)state;
	assert_url_ok("http://proxy.example", "http://proxy.example:80", false);
	assert_url_ok("proxy", "http://proxy:80", false);
	assert_url_ok("https://proxy", "https://proxy:443", false);
	assert_url_ok("socks5h://proxy", "socks5h://proxy:1080", true);
	assert_url_ok("socks4://proxy/", "socks4://proxy:1080/", true);
	assert_url_ok("http://u:p@proxy", "http://u:p@proxy:80", false);
}

static void written_port_can_be_respelt_as_curls(void **state)
{
	(void)state;
	struct hfenv_url url;
	enum hfenv_url_status status;
	assert_int_equal(hfenv_parse_proxy_url("http://u:p@[::1]/", &status, &url), 0);
	assert_int_equal(status, HFENV_URL_OK);
	assert_int_equal(url.port, 0);
	char *curls = hfenv_url_with_port(&url, 1080);
	assert_string_equal(curls, "http://u:p@[::1]:1080/");
	free(curls);
	hfenv_url_free(&url);
	assert_int_equal(hfenv_parse_proxy_url("http://h:3128", &status, &url), 0);
	assert_int_equal(url.written_port, 0);
	curls = hfenv_url_with_port(&url, 1080);
	assert_string_equal(curls, "http://h:3128");
	free(curls);
	hfenv_url_free(&url);
}

static void port_bounds_are_accepted(void **state)
{
	(void)state;
	assert_url_ok("http://h:1", "http://h:1", false);
	assert_url_ok("http://h:65535", "http://h:65535", false);
}

static void trailing_slash_is_accepted(void **state)
{
	(void)state;
	assert_url_ok("http://127.0.0.1:7890/", "http://127.0.0.1:7890/", false);
}

static void other_scheme_is_refused(void **state)
{
	(void)state;
	assert_url_status("ftp://127.0.0.1:21", HFENV_URL_SCHEME);
	assert_url_status("socks://127.0.0.1:1080", HFENV_URL_SCHEME);
	assert_url_status("socks6://127.0.0.1:1080", HFENV_URL_SCHEME);
	assert_url_status("httpx://127.0.0.1:1", HFENV_URL_SCHEME);
	assert_url_status("htt://127.0.0.1:1", HFENV_URL_SCHEME);
}

static void junk_is_refused(void **state)
{
	(void)state;
	assert_url_status("!!!", HFENV_URL_BAD_HOST);
	assert_url_status("http://pro$xy:1", HFENV_URL_BAD_HOST);
	assert_url_status("http://a,b:1", HFENV_URL_BAD_HOST);
	enum hfenv_url_status status;
	struct hfenv_url url;
	assert_int_equal(hfenv_parse_proxy_url("http:/127.0.0.1:7890", &status, &url), 0);
	assert_int_not_equal(status, HFENV_URL_OK);
	assert_int_equal(hfenv_parse_proxy_url("://127.0.0.1:7890", &status, &url), 0);
	assert_int_not_equal(status, HFENV_URL_OK);
}

static void empty_host_is_refused(void **state)
{
	(void)state;
	assert_url_status("http://", HFENV_URL_NO_HOST);
	assert_url_status("http://:7890", HFENV_URL_NO_HOST);
	assert_url_status(":7890", HFENV_URL_NO_HOST);
	assert_url_status("http://user:pass@", HFENV_URL_NO_HOST);
	assert_url_status("http://user:pass@:7890", HFENV_URL_NO_HOST);
}

static void empty_value_is_refused(void **state)
{
	(void)state;
	assert_url_status("", HFENV_URL_NO_HOST);
}

static void port_zero_is_refused(void **state)
{
	(void)state;
	assert_url_status("http://127.0.0.1:0", HFENV_URL_BAD_PORT);
}

static void port_65536_is_refused(void **state)
{
	(void)state;
	assert_url_status("http://127.0.0.1:65536", HFENV_URL_BAD_PORT);
	assert_url_status("http://127.0.0.1:99999", HFENV_URL_BAD_PORT);
	assert_url_status("http://127.0.0.1:1000000", HFENV_URL_BAD_PORT);
}

static void port_not_a_number_is_refused(void **state)
{
	(void)state;
	assert_url_status("http://127.0.0.1:abc", HFENV_URL_BAD_PORT);
	assert_url_status("http://127.0.0.1:78a", HFENV_URL_BAD_PORT);
	assert_url_status("http://127.0.0.1:-1", HFENV_URL_BAD_PORT);
	assert_url_status("http://127.0.0.1:+80", HFENV_URL_BAD_PORT);
}

static void empty_port_is_refused(void **state)
{
	(void)state;
	assert_url_status("http://127.0.0.1:", HFENV_URL_BAD_PORT);
	assert_url_status("http://[::1]:", HFENV_URL_BAD_PORT);
}

static void unbracketed_ipv6_is_refused(void **state)
{
	(void)state;
	assert_url_status("http://::1:7890", HFENV_URL_IPV6_UNBRACKETED);
	assert_url_status("http://fe80::1", HFENV_URL_IPV6_UNBRACKETED);
	assert_url_status("::1", HFENV_URL_IPV6_UNBRACKETED);
	assert_url_status("2001:db8::1:8080", HFENV_URL_IPV6_UNBRACKETED);
}

static void bracketed_ipv6_is_accepted(void **state)
{
	(void)state;
	assert_url_ok("http://[::1]:7890", "http://[::1]:7890", false);
	assert_url_ok("http://[::1]", "http://[::1]:80", false);
	assert_url_ok("socks5h://[2001:db8::1]:1080", "socks5h://[2001:db8::1]:1080", true);
	assert_url_ok("http://[::]:1", "http://[::]:1", false);
	assert_url_ok("http://[1:2:3:4:5:6:7:8]:1", "http://[1:2:3:4:5:6:7:8]:1", false);
	assert_url_ok("http://[1:2:3:4:5:6:7::]:1", "http://[1:2:3:4:5:6:7::]:1", false);
	assert_url_ok("http://[::ffff:192.0.2.1]:1", "http://[::ffff:192.0.2.1]:1", false);
	assert_url_ok("http://[1:2:3:4:5:6:192.0.2.1]:1", "http://[1:2:3:4:5:6:192.0.2.1]:1", false);
	assert_url_ok("http://[FE80::ABCD]:1", "http://[FE80::ABCD]:1", false);
}

static void ipv6_address_no_client_parses_is_refused(void **state)
{
	(void)state;
	assert_url_status("http://[:::]:1", HFENV_URL_BAD_HOST);
	assert_url_status("http://[1:2:3:4:5:6:7:8:9]:1", HFENV_URL_BAD_HOST);
	assert_url_status("http://[1:2:3:4:5:6:7]:1", HFENV_URL_BAD_HOST);
	assert_url_status("http://[1::2::3]:1", HFENV_URL_BAD_HOST);
	assert_url_status("http://[1:2:3:4::5:6:7:8]:1", HFENV_URL_BAD_HOST);
	assert_url_status("http://[12345::]:1", HFENV_URL_BAD_HOST);
	assert_url_status("http://[:1::]:1", HFENV_URL_BAD_HOST);
	assert_url_status("http://[1::2:]:1", HFENV_URL_BAD_HOST);
	assert_url_status("http://[1:]:1", HFENV_URL_BAD_HOST);
	assert_url_status("http://[::1.2.3]:1", HFENV_URL_BAD_HOST);
	assert_url_status("http://[::1.2.3.256]:1", HFENV_URL_BAD_HOST);
	assert_url_status("http://[::1.2.3.04]:1", HFENV_URL_BAD_HOST);
	assert_url_status("http://[::1.2.3.4:5]:1", HFENV_URL_BAD_HOST);
	assert_url_status("http://[1:2:3:4:5:6:7:1.2.3.4]:1", HFENV_URL_BAD_HOST);
}

static void ipv6_zone_is_refused_in_either_spelling(void **state)
{
	(void)state;
	assert_url_status("http://[fe80::1%25eth0]:7890", HFENV_URL_ZONE);
	assert_url_status("http://[fe80::1%eth0]:7890", HFENV_URL_ZONE);
	assert_url_status("http://[fe80::1%]:1", HFENV_URL_ZONE);
	assert_url_status("http://[fe80::1%25]:1", HFENV_URL_ZONE);
}

static void percent_escape_in_a_host_name_is_refused(void **state)
{
	(void)state;
	assert_url_status("http://a%20b:1", HFENV_URL_HOST_ESCAPE);
	assert_url_status("http://%0d%0a:1", HFENV_URL_HOST_ESCAPE);
	assert_url_status("http://%6cocalhost:3128", HFENV_URL_HOST_ESCAPE);
	assert_url_status("http://127.0.0.%31:3128", HFENV_URL_HOST_ESCAPE);
	assert_url_status("http://u:p@proxy%2Eexample", HFENV_URL_HOST_ESCAPE);
}

static void malformed_brackets_are_refused(void **state)
{
	(void)state;
	assert_url_status("http://[::1:7890", HFENV_URL_BAD_HOST);
	assert_url_status("http://[]:7890", HFENV_URL_BAD_HOST);
	assert_url_status("http://[::1]7890", HFENV_URL_BAD_HOST);
	assert_url_status("http://[127.0.0.1]:7890", HFENV_URL_BAD_HOST);
	assert_url_status("http://[::g]:7890", HFENV_URL_BAD_HOST);
}

static void host_name_of_253_characters_is_accepted(void **state)
{
	(void)state;
	assert_host_name_status(253, ":7890", HFENV_URL_OK);
}

static void host_name_of_254_characters_is_refused(void **state)
{
	(void)state;
	assert_host_name_status(254, ":7890", HFENV_URL_DNS_LIMITS);
	assert_host_name_status(254, "", HFENV_URL_DNS_LIMITS);
}

static void trailing_dot_is_not_counted(void **state)
{
	(void)state;
	assert_host_name_status(253, ".:7890", HFENV_URL_OK);
	assert_host_name_status(254, ".:7890", HFENV_URL_DNS_LIMITS);
}

static void trailing_dot_is_accepted(void **state)
{
	(void)state;
	assert_url_ok("http://proxy.example.:3128", "http://proxy.example.:3128", false);
	assert_url_ok("localhost.", "http://localhost.:80", false);
}

static void label_of_63_characters_is_accepted(void **state)
{
	(void)state;
	assert_url_ok("http://x.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example:1",
		      "http://x.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example:1", false);
}

static void label_of_64_characters_is_refused(void **state)
{
	(void)state;
	assert_url_status("http://x.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example:1",
			  HFENV_URL_DNS_LIMITS);
	assert_url_status("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", HFENV_URL_DNS_LIMITS);
}

static void empty_label_is_refused(void **state)
{
	(void)state;
	assert_url_status("http://a..b:7890", HFENV_URL_DNS_LIMITS);
	assert_url_status("http://.example:7890", HFENV_URL_DNS_LIMITS);
	assert_url_status("http://example..:7890", HFENV_URL_DNS_LIMITS);
	assert_url_status("http://.:7890", HFENV_URL_DNS_LIMITS);
	assert_url_status("http://u:p@a..b", HFENV_URL_DNS_LIMITS);
}

static void host_name_of_128_KiB_is_refused(void **state)
{
	(void)state;
	assert_host_name_status(131000, ":8080", HFENV_URL_DNS_LIMITS);
}

static void percent_decode_decodes_hex_pairs_in_either_case(void **state)
{
	(void)state;
	char *decoded = hfenv_percent_decode("p%40ss%2fw%2Fd", 14);
	assert_string_equal(decoded, "p@ss/w/d");
	free(decoded);
}

static void percent_decode_keeps_a_percent_without_two_hex_digits(void **state)
{
	(void)state;
	char *decoded = hfenv_percent_decode("100%-%g1-%4", 11);
	assert_string_equal(decoded, "100%-%g1-%4");
	free(decoded);
}

static void percent_decode_stops_at_the_given_length(void **state)
{
	(void)state;
	char *decoded = hfenv_percent_decode("ab%41@host", 5);
	assert_string_equal(decoded, "abA");
	free(decoded);
}

static void ipv4_address_is_not_a_host_name(void **state)
{
	(void)state;
	assert_url_ok("http://255.255.255.255:1", "http://255.255.255.255:1", false);
}

static void userinfo_is_accepted(void **state)
{
	(void)state;
	assert_url_ok("http://user:pass@127.0.0.1:7890", "http://user:pass@127.0.0.1:7890", false);
	assert_url_ok("http://user@127.0.0.1:7890", "http://user@127.0.0.1:7890", false);
	assert_url_ok("user:pass@127.0.0.1:7890", "http://user:pass@127.0.0.1:7890", false);
	assert_url_ok("socks5://u:p%40ss@[::1]:1080", "socks5://u:p%40ss@[::1]:1080", true);
}

static void password_with_at_sign_uses_last_at(void **state)
{
	(void)state;
	assert_url_ok("http://user:p@ss@127.0.0.1:7890", "http://user:p@ss@127.0.0.1:7890", false);
}

static void path_is_refused(void **state)
{
	(void)state;
	assert_url_status("http://127.0.0.1:7890/proxy", HFENV_URL_PATH);
	assert_url_status("http://127.0.0.1:7890//", HFENV_URL_PATH);
}

static void query_is_refused(void **state)
{
	(void)state;
	assert_url_status("http://127.0.0.1:7890?x=1", HFENV_URL_PATH);
	assert_url_status("http://127.0.0.1:7890/?", HFENV_URL_PATH);
}

static void fragment_is_refused(void **state)
{
	(void)state;
	assert_url_status("http://127.0.0.1:7890#top", HFENV_URL_PATH);
}

static void embedded_blank_is_refused(void **state)
{
	(void)state;
	assert_url_status("http://127.0.0.1 :7890", HFENV_URL_CONTROL);
	assert_url_status("http://127.0.0.1:7890\t", HFENV_URL_CONTROL);
	assert_url_status(" http://127.0.0.1:7890", HFENV_URL_CONTROL);
}

static void embedded_control_character_is_refused(void **state)
{
	(void)state;
	assert_url_status("http://127.0.0.1:7890\r", HFENV_URL_CONTROL);
	assert_url_status("http://127.0.0.1\n:7890", HFENV_URL_CONTROL);
	assert_url_status("http://127.0.0.1:7890\x1b[2J", HFENV_URL_CONTROL);
	assert_url_status("http://127.0.0.1:7890\x7f", HFENV_URL_CONTROL);
}

static void non_ascii_byte_is_refused(void **state)
{
	(void)state;
	assert_url_status("http://pr\xc3\xb6xy:7890", HFENV_URL_CONTROL);
}

/* The parts of value, parsed; free with hfenv_url_free. */
static struct hfenv_url parts_of(const char *value)
{
	enum hfenv_url_status status;
	struct hfenv_url url;
	assert_int_equal(hfenv_parse_proxy_url(value, &status, &url), 0);
	assert_int_equal(status, HFENV_URL_OK);
	return url;
}

static void parts_are_scheme_host_and_port(void **state)
{
	(void)state;
	struct hfenv_url url = parts_of("SOCKS5H://Proxy.Example:1080");
	assert_int_equal(url.scheme, HFENV_SCHEME_SOCKS5H);
	assert_string_equal(url.host, "Proxy.Example");
	assert_int_equal(url.port, 1080);
	assert_null(url.user);
	assert_null(url.password);
	hfenv_url_free(&url);
}

static void parts_of_a_scheme_less_url_say_http_and_no_port(void **state)
{
	(void)state;
	struct hfenv_url url = parts_of("127.0.0.1");
	assert_int_equal(url.scheme, HFENV_SCHEME_HTTP);
	assert_string_equal(url.host, "127.0.0.1");
	assert_int_equal(url.port, 0);
	assert_int_not_equal(url.written_port, 0);
	hfenv_url_free(&url);
}

static void ipv6_host_part_has_no_brackets(void **state)
{
	(void)state;
	struct hfenv_url url = parts_of("http://[::1]:7890");
	assert_string_equal(url.host, "::1");
	assert_int_equal(url.port, 7890);
	hfenv_url_free(&url);
}

static void user_and_password_parts_are_percent_decoded(void **state)
{
	(void)state;
	struct hfenv_url url = parts_of("http://us%65r:p%40ss:w@proxy:8080");
	assert_string_equal(url.user, "user");
	assert_string_equal(url.password, "p@ss:w");
	assert_string_equal(url.host, "proxy");
	hfenv_url_free(&url);
}

static void token_without_password_is_a_user_part_alone(void **state)
{
	(void)state;
	struct hfenv_url url = parts_of("http://TOKEN@proxy:8080");
	assert_string_equal(url.user, "TOKEN");
	assert_null(url.password);
	hfenv_url_free(&url);
}

static void quotes_are_refused_as_quotes(void **state)
{
	(void)state;
	assert_url_status("\"http://127.0.0.1:7890\"", HFENV_URL_QUOTES);
	assert_url_status("'http://127.0.0.1:7890'", HFENV_URL_QUOTES);
	assert_url_status("http://127.0.0.1:7890\"", HFENV_URL_QUOTES);
	assert_url_ok("http://u:it's\"@127.0.0.1:7890", "http://u:it's\"@127.0.0.1:7890", false);
}

static void scheme_without_colon_or_slashes_is_named(void **state)
{
	(void)state;
	assert_url_status("http//127.0.0.1:7890", HFENV_URL_NO_COLON);
	assert_url_status("socks5h//127.0.0.1:1080", HFENV_URL_NO_COLON);
	assert_url_status("http:/127.0.0.1:7890", HFENV_URL_NO_SLASHES);
	assert_url_status("http:127.0.0.1:7890", HFENV_URL_NO_SLASHES);
	assert_url_ok("http:8080", "http://http:8080", false);
}

static void slash_in_password_is_named(void **state)
{
	(void)state;
	assert_url_status("http://u:p/w@127.0.0.1:7890", HFENV_URL_USERINFO);
	assert_url_status("http://u:p#w@127.0.0.1:7890", HFENV_URL_USERINFO);
}

static void every_status_has_a_text(void **state)
{
	(void)state;
	for (int s = HFENV_URL_OK; s < HFENV_URL_STATUSES; s++) {
		const char *text = hfenv_url_status_text((enum hfenv_url_status)s);
		assert_non_null(text);
		assert_true(strlen(text) > 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scheme_less_host_port_gets_http),
		cmocka_unit_test(parts_are_scheme_host_and_port),
		cmocka_unit_test(parts_of_a_scheme_less_url_say_http_and_no_port),
		cmocka_unit_test(ipv6_host_part_has_no_brackets),
		cmocka_unit_test(user_and_password_parts_are_percent_decoded),
		cmocka_unit_test(token_without_password_is_a_user_part_alone),
		cmocka_unit_test(scheme_less_bracketed_ipv6_gets_http),
		cmocka_unit_test(scheme_is_lower_cased),
		cmocka_unit_test(host_case_is_kept),
		cmocka_unit_test(http_is_allowed),
		cmocka_unit_test(https_is_allowed),
		cmocka_unit_test(socks4_is_allowed_and_socks),
		cmocka_unit_test(socks4a_is_allowed_and_socks),
		cmocka_unit_test(socks5_is_allowed_and_socks),
		cmocka_unit_test(socks5h_is_allowed_and_socks),
		cmocka_unit_test(missing_port_is_written_out_as_the_schemes),
		cmocka_unit_test(written_port_can_be_respelt_as_curls),
		cmocka_unit_test(quotes_are_refused_as_quotes),
		cmocka_unit_test(scheme_without_colon_or_slashes_is_named),
		cmocka_unit_test(slash_in_password_is_named),
		cmocka_unit_test(port_bounds_are_accepted),
		cmocka_unit_test(trailing_slash_is_accepted),
		cmocka_unit_test(other_scheme_is_refused),
		cmocka_unit_test(junk_is_refused),
		cmocka_unit_test(empty_host_is_refused),
		cmocka_unit_test(empty_value_is_refused),
		cmocka_unit_test(port_zero_is_refused),
		cmocka_unit_test(port_65536_is_refused),
		cmocka_unit_test(port_not_a_number_is_refused),
		cmocka_unit_test(empty_port_is_refused),
		cmocka_unit_test(unbracketed_ipv6_is_refused),
		cmocka_unit_test(bracketed_ipv6_is_accepted),
		cmocka_unit_test(malformed_brackets_are_refused),
		cmocka_unit_test(host_name_of_253_characters_is_accepted),
		cmocka_unit_test(host_name_of_254_characters_is_refused),
		cmocka_unit_test(trailing_dot_is_not_counted),
		cmocka_unit_test(trailing_dot_is_accepted),
		cmocka_unit_test(label_of_63_characters_is_accepted),
		cmocka_unit_test(label_of_64_characters_is_refused),
		cmocka_unit_test(empty_label_is_refused),
		cmocka_unit_test(host_name_of_128_KiB_is_refused),
		cmocka_unit_test(percent_decode_decodes_hex_pairs_in_either_case),
		cmocka_unit_test(percent_decode_keeps_a_percent_without_two_hex_digits),
		cmocka_unit_test(percent_decode_stops_at_the_given_length),
		cmocka_unit_test(ipv6_address_no_client_parses_is_refused),
		cmocka_unit_test(ipv6_zone_is_refused_in_either_spelling),
		cmocka_unit_test(percent_escape_in_a_host_name_is_refused),
		cmocka_unit_test(ipv4_address_is_not_a_host_name),
		cmocka_unit_test(userinfo_is_accepted),
		cmocka_unit_test(password_with_at_sign_uses_last_at),
		cmocka_unit_test(path_is_refused),
		cmocka_unit_test(query_is_refused),
		cmocka_unit_test(fragment_is_refused),
		cmocka_unit_test(embedded_blank_is_refused),
		cmocka_unit_test(embedded_control_character_is_refused),
		cmocka_unit_test(non_ascii_byte_is_refused),
		cmocka_unit_test(every_status_has_a_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
