#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common/redact.h"
#include "env.h"
#include "clients/routes.h"
#include "clients/trust.h"

#define PROXY_A "http://127.0.0.1:7890"
#define PROXY_B "http://127.0.0.1:8080"

static void check_proxy(enum hfenv_client client, enum hfenv_target target, char **envp, const char *expected)
{
	struct hfenv_route route;
	assert_int_equal(hfenv_predict_route(client, target, envp, &route), 0);
	assert_int_equal(route.kind, HFENV_ROUTE_PROXY);
	assert_string_equal(route.proxy, expected);
	hfenv_route_free(&route);
}

static void check_kind(enum hfenv_client client, enum hfenv_target target, char **envp, enum hfenv_route_kind expected)
{
	struct hfenv_route route;
	assert_int_equal(hfenv_predict_route(client, target, envp, &route), 0);
	assert_int_equal(route.kind, expected);
	hfenv_route_free(&route);
}

static void nothing_set_means_direct_for_every_client(void **state)
{
	(void)state;
	char *envp[] = {"PATH=/bin", NULL};
	for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++)
		for (enum hfenv_target t = 0; t < HFENV_TARGETS; t++)
			check_kind(c, t, envp, HFENV_ROUTE_DIRECT);
}

static void curl_ignores_upper_case_http_proxy(void **state)
{
	(void)state;
	char *envp[] = {"HTTP_PROXY=" PROXY_A, NULL};
	check_kind(HFENV_CLIENT_CURL, HFENV_TARGET_HTTP, envp, HFENV_ROUTE_DIRECT);
	check_kind(HFENV_CLIENT_WGET, HFENV_TARGET_HTTP, envp, HFENV_ROUTE_DIRECT);
	check_proxy(HFENV_CLIENT_GO, HFENV_TARGET_HTTP, envp, PROXY_A);
	check_proxy(HFENV_CLIENT_URLLIB, HFENV_TARGET_HTTP, envp, PROXY_A);
}

static void curl_reads_upper_case_https_proxy(void **state)
{
	(void)state;
	char *envp[] = {"HTTPS_PROXY=" PROXY_A, NULL};
	check_proxy(HFENV_CLIENT_CURL, HFENV_TARGET_HTTPS, envp, PROXY_A);
	check_kind(HFENV_CLIENT_WGET, HFENV_TARGET_HTTPS, envp, HFENV_ROUTE_DIRECT);
}

static void lower_case_wins_for_curl_and_python_upper_for_go_and_rust(void **state)
{
	(void)state;
	char *envp[] = {"https_proxy=" PROXY_A, "HTTPS_PROXY=" PROXY_B, NULL};
	check_proxy(HFENV_CLIENT_CURL, HFENV_TARGET_HTTPS, envp, PROXY_A);
	check_proxy(HFENV_CLIENT_REQUESTS, HFENV_TARGET_HTTPS, envp, PROXY_A);
	check_proxy(HFENV_CLIENT_NODE, HFENV_TARGET_HTTPS, envp, PROXY_A);
	check_proxy(HFENV_CLIENT_GO, HFENV_TARGET_HTTPS, envp, PROXY_B);
	check_proxy(HFENV_CLIENT_REQWEST, HFENV_TARGET_HTTPS, envp, PROXY_B);
	check_proxy(HFENV_CLIENT_HF_XET, HFENV_TARGET_HTTPS, envp, PROXY_B);
}

static void all_proxy_is_a_fallback_for_curl_requests_and_hf_xet_only(void **state)
{
	(void)state;
	char *envp[] = {"ALL_PROXY=" PROXY_A, NULL};
	check_proxy(HFENV_CLIENT_CURL, HFENV_TARGET_HTTP, envp, PROXY_A);
	check_proxy(HFENV_CLIENT_REQUESTS, HFENV_TARGET_HTTPS, envp, PROXY_A);
	check_proxy(HFENV_CLIENT_HF_XET, HFENV_TARGET_HTTPS, envp, PROXY_A);
	check_kind(HFENV_CLIENT_URLLIB, HFENV_TARGET_HTTPS, envp, HFENV_ROUTE_DIRECT);
	check_kind(HFENV_CLIENT_WGET, HFENV_TARGET_HTTPS, envp, HFENV_ROUTE_DIRECT);
	check_kind(HFENV_CLIENT_GO, HFENV_TARGET_HTTPS, envp, HFENV_ROUTE_DIRECT);
	check_kind(HFENV_CLIENT_REQWEST, HFENV_TARGET_HTTPS, envp, HFENV_ROUTE_DIRECT);
}

static void scheme_less_value_means_http(void **state)
{
	(void)state;
	char *envp[] = {"https_proxy=127.0.0.1:7890", NULL};
	check_proxy(HFENV_CLIENT_CURL, HFENV_TARGET_HTTPS, envp, PROXY_A);
	check_proxy(HFENV_CLIENT_URLLIB, HFENV_TARGET_HTTPS, envp, PROXY_A);
	check_proxy(HFENV_CLIENT_GO, HFENV_TARGET_HTTPS, envp, PROXY_A);
}

static void http_proxy_without_port_is_1080_for_curl_and_git_and_80_for_the_others(void **state)
{
	(void)state;
	char *envp[] = {"https_proxy=http://127.0.0.1", NULL};
	check_proxy(HFENV_CLIENT_CURL, HFENV_TARGET_HTTPS, envp, "http://127.0.0.1:1080");
	check_proxy(HFENV_CLIENT_GIT, HFENV_TARGET_HTTPS, envp, "http://127.0.0.1:1080");
	check_proxy(HFENV_CLIENT_REQUESTS, HFENV_TARGET_HTTPS, envp, "http://127.0.0.1:80");
	check_proxy(HFENV_CLIENT_GO, HFENV_TARGET_HTTPS, envp, "http://127.0.0.1:80");
	check_proxy(HFENV_CLIENT_HF_XET, HFENV_TARGET_HTTPS, envp, "http://127.0.0.1:80");
}

static void https_and_socks_proxies_without_port_take_the_same_port_everywhere(void **state)
{
	(void)state;
	char *envp[] = {"https_proxy=https://127.0.0.1", "http_proxy=socks5h://127.0.0.1", NULL};
	check_proxy(HFENV_CLIENT_CURL, HFENV_TARGET_HTTPS, envp, "https://127.0.0.1:443");
	check_proxy(HFENV_CLIENT_REQUESTS, HFENV_TARGET_HTTPS, envp, "https://127.0.0.1:443");
	check_proxy(HFENV_CLIENT_CURL, HFENV_TARGET_HTTP, envp, "socks5h://127.0.0.1:1080");
	check_proxy(HFENV_CLIENT_GO, HFENV_TARGET_HTTP, envp, "socks5h://127.0.0.1:1080");
}

static void node_ignores_a_value_without_scheme_and_undici_fails(void **state)
{
	(void)state;
	char *envp[] = {"https_proxy=127.0.0.1:7890", NULL};
	check_kind(HFENV_CLIENT_NODE, HFENV_TARGET_HTTPS, envp, HFENV_ROUTE_IGNORED);
	check_kind(HFENV_CLIENT_UNDICI, HFENV_TARGET_HTTPS, envp, HFENV_ROUTE_FAILS);
}

static void empty_lower_case_value_cancels_upper_case_in_python(void **state)
{
	(void)state;
	char *envp[] = {"https_proxy=", "HTTPS_PROXY=" PROXY_A, NULL};
	check_kind(HFENV_CLIENT_URLLIB, HFENV_TARGET_HTTPS, envp, HFENV_ROUTE_DIRECT);
	check_proxy(HFENV_CLIENT_CURL, HFENV_TARGET_HTTPS, envp, PROXY_A);
	check_proxy(HFENV_CLIENT_GO, HFENV_TARGET_HTTPS, envp, PROXY_A);
}

static void empty_value_in_git_disables_the_all_proxy_fallback(void **state)
{
	(void)state;
	char *envp[] = {"http_proxy=", "all_proxy=" PROXY_A, NULL};
	check_kind(HFENV_CLIENT_GIT, HFENV_TARGET_HTTP, envp, HFENV_ROUTE_DIRECT);
	check_proxy(HFENV_CLIENT_CURL, HFENV_TARGET_HTTP, envp, PROXY_A);
	check_proxy(HFENV_CLIENT_REQUESTS, HFENV_TARGET_HTTP, envp, PROXY_A);
}

static void empty_upper_case_value_in_hf_xet_falls_back_to_all_proxy_not_lower_case(void **state)
{
	(void)state;
	char *envp[] = {"HTTPS_PROXY=", "https_proxy=" PROXY_A, "ALL_PROXY=" PROXY_B, NULL};
	check_proxy(HFENV_CLIENT_HF_XET, HFENV_TARGET_HTTPS, envp, PROXY_B);
	check_proxy(HFENV_CLIENT_REQWEST, HFENV_TARGET_HTTPS, envp, PROXY_A);
}

static void reqwest_drops_a_socks_proxy_and_goes_direct(void **state)
{
	(void)state;
	char *envp[] = {"HTTPS_PROXY=socks5h://127.0.0.1:1080", NULL};
	check_kind(HFENV_CLIENT_REQWEST, HFENV_TARGET_HTTPS, envp, HFENV_ROUTE_IGNORED);
	check_proxy(HFENV_CLIENT_HF_XET, HFENV_TARGET_HTTPS, envp, "socks5h://127.0.0.1:1080");
	check_proxy(HFENV_CLIENT_CURL, HFENV_TARGET_HTTPS, envp, "socks5h://127.0.0.1:1080");
	check_kind(HFENV_CLIENT_REQUESTS, HFENV_TARGET_HTTPS, envp, HFENV_ROUTE_FAILS);
}

static void reqwest_falls_through_to_lower_case_when_upper_case_is_socks(void **state)
{
	(void)state;
	char *envp[] = {"HTTPS_PROXY=socks5://127.0.0.1:1080", "https_proxy=" PROXY_A, NULL};
	check_proxy(HFENV_CLIENT_REQWEST, HFENV_TARGET_HTTPS, envp, PROXY_A);
}

static void go_takes_socks5_and_socks5h(void **state)
{
	(void)state;
	char *socks5h[] = {"HTTPS_PROXY=socks5h://127.0.0.1:1080", NULL};
	char *socks5[] = {"HTTPS_PROXY=socks5://127.0.0.1:1080", NULL};
	check_proxy(HFENV_CLIENT_GO, HFENV_TARGET_HTTPS, socks5h, "socks5h://127.0.0.1:1080");
	check_proxy(HFENV_CLIENT_GO, HFENV_TARGET_HTTPS, socks5, "socks5://127.0.0.1:1080");
}

static void hf_xet_fails_on_an_out_of_range_port(void **state)
{
	(void)state;
	char *envp[] = {"HTTPS_PROXY=http://127.0.0.1:80800000", NULL};
	check_kind(HFENV_CLIENT_HF_XET, HFENV_TARGET_HTTPS, envp, HFENV_ROUTE_FAILS);
}

static void trailing_cr_breaks_curl_and_requests_is_dropped_by_go_and_trimmed_by_urllib_and_reqwest(void **state)
{
	(void)state;
	char *envp[] = {"https_proxy=" PROXY_A "\r", NULL};
	check_kind(HFENV_CLIENT_CURL, HFENV_TARGET_HTTPS, envp, HFENV_ROUTE_FAILS);
	check_kind(HFENV_CLIENT_REQUESTS, HFENV_TARGET_HTTPS, envp, HFENV_ROUTE_FAILS);
	check_proxy(HFENV_CLIENT_URLLIB, HFENV_TARGET_HTTPS, envp, PROXY_A);
	check_kind(HFENV_CLIENT_GO, HFENV_TARGET_HTTPS, envp, HFENV_ROUTE_IGNORED);
	check_proxy(HFENV_CLIENT_REQWEST, HFENV_TARGET_HTTPS, envp, PROXY_A);
	check_proxy(HFENV_CLIENT_UNDICI, HFENV_TARGET_HTTPS, envp, PROXY_A);
	check_kind(HFENV_CLIENT_NODE, HFENV_TARGET_HTTPS, envp, HFENV_ROUTE_FAILS);
}

static void unsupported_scheme_fails_for_curl_and_is_dropped_by_reqwest(void **state)
{
	(void)state;
	char *envp[] = {"HTTPS_PROXY=ftp://127.0.0.1:21", NULL};
	check_kind(HFENV_CLIENT_CURL, HFENV_TARGET_HTTPS, envp, HFENV_ROUTE_FAILS);
	check_kind(HFENV_CLIENT_REQWEST, HFENV_TARGET_HTTPS, envp, HFENV_ROUTE_IGNORED);
}

static void port_out_of_range_fails_for_go_and_curl_and_is_dropped_by_reqwest(void **state)
{
	(void)state;
	char *envp[] = {"HTTP_PROXY=http://127.0.0.1:789000", "https_proxy=http://u:p@127.0.0.1:0/", NULL};
	check_kind(HFENV_CLIENT_GO, HFENV_TARGET_HTTP, envp, HFENV_ROUTE_FAILS);
	check_kind(HFENV_CLIENT_GO, HFENV_TARGET_HTTPS, envp, HFENV_ROUTE_FAILS);
	check_kind(HFENV_CLIENT_CURL, HFENV_TARGET_HTTPS, envp, HFENV_ROUTE_FAILS);
	check_kind(HFENV_CLIENT_REQWEST, HFENV_TARGET_HTTP, envp, HFENV_ROUTE_IGNORED);
}

static void host_name_beyond_dns_limits_fails_for_every_client(void **state)
{
	(void)state;
	char *envp[] = {"HTTPS_PROXY=http://a..b:8080", "https_proxy=http://a..b:8080", NULL};
	for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++)
		check_kind(c, HFENV_TARGET_HTTPS, envp, HFENV_ROUTE_FAILS);
}

static void path_after_the_proxy_host_is_ignored(void **state)
{
	(void)state;
	char *envp[] = {"https_proxy=" PROXY_A "/some/path", NULL};
	check_proxy(HFENV_CLIENT_CURL, HFENV_TARGET_HTTPS, envp, PROXY_A);
}

static void python_drops_upper_case_http_proxy_under_cgi(void **state)
{
	(void)state;
	char *upper[] = {"REQUEST_METHOD=GET", "HTTP_PROXY=" PROXY_A, NULL};
	char *lower[] = {"REQUEST_METHOD=GET", "http_proxy=" PROXY_A, NULL};
	check_kind(HFENV_CLIENT_URLLIB, HFENV_TARGET_HTTP, upper, HFENV_ROUTE_DIRECT);
	check_proxy(HFENV_CLIENT_URLLIB, HFENV_TARGET_HTTP, lower, PROXY_A);
}

static void go_refuses_an_http_proxy_under_cgi(void **state)
{
	(void)state;
	char *envp[] = {"REQUEST_METHOD=GET", "http_proxy=" PROXY_A, "https_proxy=" PROXY_A, NULL};
	check_kind(HFENV_CLIENT_GO, HFENV_TARGET_HTTP, envp, HFENV_ROUTE_REFUSED_CGI);
	check_proxy(HFENV_CLIENT_GO, HFENV_TARGET_HTTPS, envp, PROXY_A);
}

static void go_does_not_count_an_empty_request_method_as_cgi(void **state)
{
	(void)state;
	char *envp[] = {"REQUEST_METHOD=", "http_proxy=" PROXY_A, NULL};
	check_proxy(HFENV_CLIENT_GO, HFENV_TARGET_HTTP, envp, PROXY_A);
	check_kind(HFENV_CLIENT_REQWEST, HFENV_TARGET_HTTP, envp, HFENV_ROUTE_IGNORED);
}

static void hf_xet_ignores_every_proxy_under_cgi(void **state)
{
	(void)state;
	char *envp[] = {"REQUEST_METHOD=GET", "https_proxy=" PROXY_A, NULL};
	check_kind(HFENV_CLIENT_HF_XET, HFENV_TARGET_HTTPS, envp, HFENV_ROUTE_IGNORED);
	check_proxy(HFENV_CLIENT_REQWEST, HFENV_TARGET_HTTPS, envp, PROXY_A);
}

static void undici_takes_the_http_proxy_for_https_urls(void **state)
{
	(void)state;
	char *envp[] = {"http_proxy=" PROXY_A, NULL};
	check_proxy(HFENV_CLIENT_UNDICI, HFENV_TARGET_HTTPS, envp, PROXY_A);
	check_kind(HFENV_CLIENT_NODE, HFENV_TARGET_HTTPS, envp, HFENV_ROUTE_DIRECT);
}

static void star_in_no_proxy_means_direct_except_for_wget(void **state)
{
	(void)state;
	char *envp[] = {"http_proxy=" PROXY_A, "no_proxy=*", NULL};
	check_kind(HFENV_CLIENT_CURL, HFENV_TARGET_HTTP, envp, HFENV_ROUTE_DIRECT);
	check_kind(HFENV_CLIENT_URLLIB, HFENV_TARGET_HTTP, envp, HFENV_ROUTE_DIRECT);
	check_proxy(HFENV_CLIENT_WGET, HFENV_TARGET_HTTP, envp, PROXY_A);
}

static void star_among_other_no_proxy_entries_counts_for_go_only_as_a_whole_value_for_curl(void **state)
{
	(void)state;
	char *envp[] = {"HTTP_PROXY=" PROXY_A, "http_proxy=" PROXY_A, "NO_PROXY=example.com,*", NULL};
	check_kind(HFENV_CLIENT_GO, HFENV_TARGET_HTTP, envp, HFENV_ROUTE_DIRECT);
	check_proxy(HFENV_CLIENT_CURL, HFENV_TARGET_HTTP, envp, PROXY_A);
}

static void python_reads_the_last_of_duplicate_entries(void **state)
{
	(void)state;
	char *envp[] = {"https_proxy=" PROXY_A, "https_proxy=" PROXY_B, NULL};
	check_proxy(HFENV_CLIENT_URLLIB, HFENV_TARGET_HTTPS, envp, PROXY_B);
	check_proxy(HFENV_CLIENT_CURL, HFENV_TARGET_HTTPS, envp, PROXY_A);
}

static void ignored_route_agrees_with_direct(void **state)
{
	(void)state;
	struct hfenv_route direct = {.kind = HFENV_ROUTE_DIRECT}, ignored = {.kind = HFENV_ROUTE_IGNORED, .reason = "CGI"};
	struct hfenv_route fails = {.kind = HFENV_ROUTE_FAILS, .reason = "x"};
	assert_true(hfenv_routes_agree(&direct, &ignored));
	assert_false(hfenv_routes_agree(&direct, &fails));
}

static void routes_through_different_proxies_disagree(void **state)
{
	(void)state;
	struct hfenv_route a = {.kind = HFENV_ROUTE_PROXY, .proxy = PROXY_A};
	struct hfenv_route b = {.kind = HFENV_ROUTE_PROXY, .proxy = PROXY_B};
	assert_false(hfenv_routes_agree(&a, &b));
	assert_true(hfenv_routes_agree(&a, &a));
}

static bool every_client_agrees(char **envp)
{
	bool agree = true;
	for (enum hfenv_target t = 0; t < HFENV_TARGETS; t++) {
		struct hfenv_route first, other;
		assert_int_equal(hfenv_predict_route(0, t, envp, &first), 0);
		for (enum hfenv_client c = 1; c < HFENV_CLIENTS; c++) {
			assert_int_equal(hfenv_predict_route(c, t, envp, &other), 0);
			agree = agree && hfenv_routes_agree(&first, &other);
			hfenv_route_free(&other);
		}
		hfenv_route_free(&first);
	}
	return agree;
}

static void check_kind_to(enum hfenv_client client, const char *host, unsigned port, char **envp,
			  enum hfenv_route_kind expected)
{
	struct hfenv_destination d = {.host = host, .port = port, .port_given = true};
	struct hfenv_route route;
	assert_int_equal(hfenv_predict_route_to(client, HFENV_TARGET_HTTPS, &d, envp, &route), 0);
	assert_int_equal(route.kind, expected);
	hfenv_route_free(&route);
}

static void python_clients_read_an_odd_case_spelling_the_others_do_not(void **state)
{
	(void)state;
	char *envp[] = {"Https_Proxy=" PROXY_A, NULL};
	static const enum hfenv_client python[] = {HFENV_CLIENT_URLLIB, HFENV_CLIENT_REQUESTS, HFENV_CLIENT_HTTPX,
						    HFENV_CLIENT_HTTPX_SOCKSIO, HFENV_CLIENT_HTTPX2};
	for (size_t i = 0; i < sizeof python / sizeof python[0]; i++)
		check_proxy(python[i], HFENV_TARGET_HTTPS, envp, PROXY_A);
	static const enum hfenv_client exact[] = {HFENV_CLIENT_CURL, HFENV_CLIENT_HF_XET, HFENV_CLIENT_GO, HFENV_CLIENT_NODE};
	for (size_t i = 0; i < sizeof exact / sizeof exact[0]; i++)
		check_kind(exact[i], HFENV_TARGET_HTTPS, envp, HFENV_ROUTE_DIRECT);
}

static void python_reads_the_later_of_an_upper_and_an_odd_case_spelling(void **state)
{
	(void)state;
	char *envp[] = {"HTTPS_PROXY=" PROXY_A, "Https_Proxy=" PROXY_B, NULL};
	check_proxy(HFENV_CLIENT_HTTPX2, HFENV_TARGET_HTTPS, envp, PROXY_B);
	check_proxy(HFENV_CLIENT_HF_XET, HFENV_TARGET_HTTPS, envp, PROXY_A);
}

static void python_skips_the_proxy_for_an_odd_case_no_proxy(void **state)
{
	(void)state;
	char *envp[] = {"https_proxy=" PROXY_A, "No_Proxy=hf.test", NULL};
	check_kind_to(HFENV_CLIENT_HTTPX2, "hf.test", 443, envp, HFENV_ROUTE_DIRECT);
	check_kind_to(HFENV_CLIENT_HF_XET, "hf.test", 443, envp, HFENV_ROUTE_PROXY);
}

static void python_drops_an_odd_case_http_proxy_under_cgi(void **state)
{
	(void)state;
	char *dropped[] = {"REQUEST_METHOD=GET", "Http_Proxy=" PROXY_A, NULL};
	char *kept[] = {"REQUEST_METHOD=GET", "HTTP_proxy=" PROXY_A, NULL};
	check_kind(HFENV_CLIENT_URLLIB, HFENV_TARGET_HTTP, dropped, HFENV_ROUTE_DIRECT);
	check_proxy(HFENV_CLIENT_URLLIB, HFENV_TARGET_HTTP, kept, PROXY_A);
}

static void httpx_fails_at_start_on_a_socks_all_proxy_beside_http_proxies(void **state)
{
	(void)state;
	char *envp[] = {"http_proxy=" PROXY_A, "https_proxy=" PROXY_A, "all_proxy=socks5://127.0.0.1:7891", NULL};
	for (enum hfenv_target t = 0; t < HFENV_TARGETS; t++) {
		check_kind(HFENV_CLIENT_HTTPX, t, envp, HFENV_ROUTE_FAILS);
		check_kind(HFENV_CLIENT_HTTPX2, t, envp, HFENV_ROUTE_FAILS);
		check_proxy(HFENV_CLIENT_REQUESTS, t, envp, PROXY_A);
	}
}

static void httpx_fails_at_start_on_an_unsupported_scheme_in_any_variable(void **state)
{
	(void)state;
	char *envp[] = {"http_proxy=" PROXY_A, "https_proxy=socks4://127.0.0.1:7891", NULL};
	check_kind(HFENV_CLIENT_HTTPX, HFENV_TARGET_HTTP, envp, HFENV_ROUTE_FAILS);
	check_kind(HFENV_CLIENT_HTTPX_SOCKSIO, HFENV_TARGET_HTTP, envp, HFENV_ROUTE_FAILS);
	check_proxy(HFENV_CLIENT_REQUESTS, HFENV_TARGET_HTTP, envp, PROXY_A);
}

static void httpx_with_socksio_takes_socks5_and_socks5h(void **state)
{
	(void)state;
	char *envp[] = {"http_proxy=socks5://127.0.0.1:7891", "https_proxy=socks5h://127.0.0.1:7891", NULL};
	check_proxy(HFENV_CLIENT_HTTPX_SOCKSIO, HFENV_TARGET_HTTP, envp, "socks5://127.0.0.1:7891");
	check_proxy(HFENV_CLIENT_HTTPX_SOCKSIO, HFENV_TARGET_HTTPS, envp, "socks5h://127.0.0.1:7891");
	check_kind(HFENV_CLIENT_HTTPX, HFENV_TARGET_HTTPS, envp, HFENV_ROUTE_FAILS);
}

static void empty_lower_case_value_in_httpx_deletes_the_entry_and_all_proxy_still_applies(void **state)
{
	(void)state;
	char *envp[] = {"http_proxy=", "HTTP_PROXY=" PROXY_A, "ALL_PROXY=" PROXY_B, NULL};
	check_proxy(HFENV_CLIENT_HTTPX, HFENV_TARGET_HTTP, envp, PROXY_B);
}

static void httpx_drops_even_a_socks_http_proxy_under_cgi(void **state)
{
	(void)state;
	char *envp[] = {"REQUEST_METHOD=GET", "HTTP_PROXY=socks5://127.0.0.1:7891", NULL};
	check_kind(HFENV_CLIENT_HTTPX, HFENV_TARGET_HTTP, envp, HFENV_ROUTE_DIRECT);
	check_kind(HFENV_CLIENT_HTTPX, HFENV_TARGET_HTTPS, envp, HFENV_ROUTE_DIRECT);
}

static void star_in_no_proxy_spares_httpx_its_start_failure(void **state)
{
	(void)state;
	char *envp[] = {"all_proxy=socks5://127.0.0.1:7891", "no_proxy=hf.co,*", NULL};
	check_kind(HFENV_CLIENT_HTTPX, HFENV_TARGET_HTTPS, envp, HFENV_ROUTE_DIRECT);
}

static void httpx_dot_dom_excludes_the_apex(void **state)
{
	(void)state;
	char *envp[] = {"https_proxy=" PROXY_A, "no_proxy=.hf.test", NULL};
	check_kind_to(HFENV_CLIENT_HTTPX, "hf.test", 443, envp, HFENV_ROUTE_PROXY);
	check_kind_to(HFENV_CLIENT_HTTPX, "cas.hf.test", 443, envp, HFENV_ROUTE_DIRECT);
}

static void star_dot_dom_never_matches_in_httpx_and_means_subdomains_in_httpx2(void **state)
{
	(void)state;
	char *envp[] = {"https_proxy=" PROXY_A, "no_proxy=*.hf.test", NULL};
	check_kind_to(HFENV_CLIENT_HTTPX, "cas.hf.test", 443, envp, HFENV_ROUTE_PROXY);
	check_kind_to(HFENV_CLIENT_HTTPX2, "cas.hf.test", 443, envp, HFENV_ROUTE_DIRECT);
	check_kind_to(HFENV_CLIENT_HTTPX2, "hf.test", 443, envp, HFENV_ROUTE_PROXY);
}

static void httpx_name_entry_covers_the_name_and_its_subdomains_not_a_longer_name(void **state)
{
	(void)state;
	char *envp[] = {"https_proxy=" PROXY_A, "NO_PROXY=HF.TEST", NULL};
	check_kind_to(HFENV_CLIENT_HTTPX, "hf.test", 443, envp, HFENV_ROUTE_DIRECT);
	check_kind_to(HFENV_CLIENT_HTTPX, "cas.hf.test", 443, envp, HFENV_ROUTE_DIRECT);
	check_kind_to(HFENV_CLIENT_HTTPX, "nothf.test", 443, envp, HFENV_ROUTE_PROXY);
}

static void requests_name_entry_covers_the_name_and_its_subdomains_not_a_longer_name(void **state)
{
	(void)state;
	char *envp[] = {"https_proxy=" PROXY_A, "no_proxy=hf.test,10.0.0.0/8", NULL};
	check_kind_to(HFENV_CLIENT_REQUESTS, "cas.hf.test", 443, envp, HFENV_ROUTE_DIRECT);
	check_kind_to(HFENV_CLIENT_REQUESTS, "nothf.test", 443, envp, HFENV_ROUTE_PROXY);
	check_kind_to(HFENV_CLIENT_REQUESTS, "10.1.2.3", 443, envp, HFENV_ROUTE_DIRECT);
}

static void httpx_entry_with_a_port_covers_urls_with_that_port_only(void **state)
{
	(void)state;
	char *envp[] = {"https_proxy=" PROXY_A, "no_proxy=hf.test:8443", NULL};
	check_kind_to(HFENV_CLIENT_HTTPX, "hf.test", 8443, envp, HFENV_ROUTE_DIRECT);
	check_kind_to(HFENV_CLIENT_HTTPX, "hf.test", 9443, envp, HFENV_ROUTE_PROXY);
}

static void httpx_reads_an_ipv4_range_as_its_first_address_and_httpx2_as_a_range(void **state)
{
	(void)state;
	char *envp[] = {"https_proxy=" PROXY_A, "no_proxy=10.0.0.0/8", NULL};
	check_kind_to(HFENV_CLIENT_HTTPX, "10.1.2.3", 443, envp, HFENV_ROUTE_PROXY);
	check_kind_to(HFENV_CLIENT_HTTPX, "10.0.0.0", 443, envp, HFENV_ROUTE_DIRECT);
	check_kind_to(HFENV_CLIENT_HTTPX2, "10.1.2.3", 443, envp, HFENV_ROUTE_DIRECT);
}

static void ipv6_range_fails_httpx_at_start_and_httpx2_takes_it(void **state)
{
	(void)state;
	char *envp[] = {"NO_PROXY=fd00::/8,hf.test", NULL};
	check_kind_to(HFENV_CLIENT_HTTPX, "hf.test", 443, envp, HFENV_ROUTE_FAILS);
	check_kind_to(HFENV_CLIENT_HTTPX2, "hf.test", 443, envp, HFENV_ROUTE_DIRECT);
	char *proxied[] = {"https_proxy=" PROXY_A, "NO_PROXY=fd00::/8", NULL};
	check_kind_to(HFENV_CLIENT_HTTPX2, "fd12::1", 443, proxied, HFENV_ROUTE_DIRECT);
	check_kind_to(HFENV_CLIENT_HTTPX2, "hf.test", 443, proxied, HFENV_ROUTE_PROXY);
}

/* net/http's useProxy: any address of 127.0.0.0/8 is loopback, never proxied; the next one is not. */
static void go_never_proxies_any_address_of_127_slash_8(void **state)
{
	(void)state;
	char *envp[] = {"https_proxy=" PROXY_A, NULL};
	check_kind_to(HFENV_CLIENT_GO, "127.0.0.2", 443, envp, HFENV_ROUTE_DIRECT);
	check_kind_to(HFENV_CLIENT_GO, "127.255.255.254", 443, envp, HFENV_ROUTE_DIRECT);
	check_kind_to(HFENV_CLIENT_GO, "128.0.0.1", 443, envp, HFENV_ROUTE_PROXY);
	check_kind_to(HFENV_CLIENT_GO, "126.255.255.255", 443, envp, HFENV_ROUTE_PROXY);
	check_kind_to(HFENV_CLIENT_CURL, "127.0.0.2", 443, envp, HFENV_ROUTE_PROXY);
}

/* wget's no_proxy: ".dom" matches the names under dom, not dom itself; "dom" matches both. */
static void wget_dot_entry_skips_subdomains_but_not_the_domain(void **state)
{
	(void)state;
	char *dotted[] = {"https_proxy=" PROXY_A, "no_proxy=.hf.test", NULL};
	check_kind_to(HFENV_CLIENT_WGET, "cas.hf.test", 443, dotted, HFENV_ROUTE_DIRECT);
	check_kind_to(HFENV_CLIENT_WGET, "hf.test", 443, dotted, HFENV_ROUTE_PROXY);
	char *bare[] = {"https_proxy=" PROXY_A, "no_proxy=hf.test", NULL};
	check_kind_to(HFENV_CLIENT_WGET, "hf.test", 443, bare, HFENV_ROUTE_DIRECT);
	check_kind_to(HFENV_CLIENT_WGET, "cas.hf.test", 443, bare, HFENV_ROUTE_DIRECT);
}

static void httpx_localhost_entry_covers_the_name_only(void **state)
{
	(void)state;
	char *envp[] = {"https_proxy=" PROXY_A, "no_proxy=localhost", NULL};
	check_kind_to(HFENV_CLIENT_HTTPX, "localhost", 443, envp, HFENV_ROUTE_DIRECT);
	check_kind_to(HFENV_CLIENT_HTTPX, "127.0.0.1", 443, envp, HFENV_ROUTE_PROXY);
}

static void httpx_connect_fails_on_a_port_out_of_range_but_the_client_starts(void **state)
{
	(void)state;
	char *envp[] = {"http_proxy=http://127.0.0.1:80800000", "https_proxy=" PROXY_A, NULL};
	check_kind(HFENV_CLIENT_HTTPX, HFENV_TARGET_HTTP, envp, HFENV_ROUTE_FAILS);
	check_proxy(HFENV_CLIENT_HTTPX, HFENV_TARGET_HTTPS, envp, PROXY_A);
}

static void clash_shell_command_disagrees_before_and_agrees_after_normalization(void **state)
{
	(void)state;
	char *envp[] = {"https_proxy=http://127.0.0.1:7890", "http_proxy=http://127.0.0.1:7890",
			"all_proxy=socks5://127.0.0.1:7890", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	assert_false(every_client_agrees(envp));
	assert_int_equal(hfenv_normalize(&opts, NULL, envp, &r), 0);
	assert_int_equal(r.error_count, 0);
	assert_true(every_client_agrees(r.env));
	hfenv_result_free(&r);
}

static void upper_case_only_disagrees_before_and_agrees_after_normalization(void **state)
{
	(void)state;
	char *envp[] = {"HTTPS_PROXY=127.0.0.1:7890", "HTTP_PROXY=127.0.0.1:7890", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	assert_false(every_client_agrees(envp));
	assert_int_equal(hfenv_normalize(&opts, NULL, envp, &r), 0);
	assert_true(every_client_agrees(r.env));
	hfenv_result_free(&r);
}

static void redact_hides_the_password_without_quoting(void **state)
{
	(void)state;
	char *shown = hfenv_redact("http://user:secret@127.0.0.1:7890");
	assert_string_equal(shown, "http://user:***@127.0.0.1:7890");
	free(shown);
}

static void aria2c_reads_lower_case_names_only(void **state)
{
	(void)state;
	char *upper[] = {"HTTP_PROXY=" PROXY_A, "HTTPS_PROXY=" PROXY_A, "ALL_PROXY=" PROXY_A, NULL};
	char *lower[] = {"http_proxy=" PROXY_A, "https_proxy=" PROXY_B, NULL};
	char *all[] = {"all_proxy=" PROXY_A, NULL};
	for (enum hfenv_target t = 0; t < HFENV_TARGETS; t++) {
		check_kind(HFENV_CLIENT_ARIA2C, t, upper, HFENV_ROUTE_DIRECT);
		check_proxy(HFENV_CLIENT_ARIA2C, t, all, PROXY_A);
	}
	check_proxy(HFENV_CLIENT_ARIA2C, HFENV_TARGET_HTTP, lower, PROXY_A);
	check_proxy(HFENV_CLIENT_ARIA2C, HFENV_TARGET_HTTPS, lower, PROXY_B);
}

static void aria2c_drops_a_socks_value_and_falls_back_to_all_proxy(void **state)
{
	(void)state;
	char *alone[] = {"http_proxy=socks5://127.0.0.1:1080", NULL};
	char *beside[] = {"http_proxy=socks5h://127.0.0.1:1080", "all_proxy=" PROXY_A, NULL};
	check_kind(HFENV_CLIENT_ARIA2C, HFENV_TARGET_HTTP, alone, HFENV_ROUTE_IGNORED);
	check_proxy(HFENV_CLIENT_ARIA2C, HFENV_TARGET_HTTP, beside, PROXY_A);
}

static void aria2c_drops_an_upper_case_scheme_a_trailing_cr_and_a_bad_port(void **state)
{
	(void)state;
	char *upper_scheme[] = {"http_proxy=HTTP://127.0.0.1:7890", NULL};
	char *cr[] = {"http_proxy=" PROXY_A "\r", NULL};
	char *port[] = {"http_proxy=http://127.0.0.1:1899000", NULL};
	check_kind(HFENV_CLIENT_ARIA2C, HFENV_TARGET_HTTP, upper_scheme, HFENV_ROUTE_IGNORED);
	check_kind(HFENV_CLIENT_ARIA2C, HFENV_TARGET_HTTP, cr, HFENV_ROUTE_IGNORED);
	check_kind(HFENV_CLIENT_ARIA2C, HFENV_TARGET_HTTP, port, HFENV_ROUTE_IGNORED);
}

static void aria2c_takes_a_value_without_scheme_and_an_https_url(void **state)
{
	(void)state;
	char *bare[] = {"http_proxy=127.0.0.1:18990", NULL};
	char *https[] = {"https_proxy=https://127.0.0.1:7890", NULL};
	check_proxy(HFENV_CLIENT_ARIA2C, HFENV_TARGET_HTTP, bare, "http://127.0.0.1:18990");
	check_proxy(HFENV_CLIENT_ARIA2C, HFENV_TARGET_HTTPS, https, "https://127.0.0.1:7890");
}

static void aria2c_empty_value_leaves_all_proxy_and_cgi_changes_nothing(void **state)
{
	(void)state;
	char *empty[] = {"http_proxy=", "all_proxy=" PROXY_A, NULL};
	char *cgi[] = {"REQUEST_METHOD=GET", "http_proxy=" PROXY_A, NULL};
	check_proxy(HFENV_CLIENT_ARIA2C, HFENV_TARGET_HTTP, empty, PROXY_A);
	check_proxy(HFENV_CLIENT_ARIA2C, HFENV_TARGET_HTTP, cgi, PROXY_A);
}

static void aria2c_reads_no_proxy_in_lower_case_only_and_star_is_no_wildcard(void **state)
{
	(void)state;
	char *upper[] = {"https_proxy=" PROXY_A, "NO_PROXY=hf.co", NULL};
	char *lower[] = {"https_proxy=" PROXY_A, "no_proxy=hf.co", NULL};
	char *star[] = {"https_proxy=" PROXY_A, "no_proxy=*", NULL};
	check_kind_to(HFENV_CLIENT_ARIA2C, "hf.co", 443, upper, HFENV_ROUTE_PROXY);
	check_kind_to(HFENV_CLIENT_ARIA2C, "hf.co", 443, lower, HFENV_ROUTE_DIRECT);
	check_kind_to(HFENV_CLIENT_ARIA2C, "cas.hf.co", 443, lower, HFENV_ROUTE_PROXY);
	check_kind_to(HFENV_CLIENT_ARIA2C, "hf.co", 443, star, HFENV_ROUTE_PROXY);
}

static void check_reason(enum hfenv_client client, char **envp, enum hfenv_route_kind kind, const char *reason)
{
	struct hfenv_route route;
	assert_int_equal(hfenv_predict_route(client, HFENV_TARGET_HTTP, envp, &route), 0);
	assert_int_equal(route.kind, kind);
	assert_string_equal(route.reason, reason);
	hfenv_route_free(&route);
}

#define ZONED "http://[fe80::1%25lo]:3128"

/* The run of docs/proxy-clients.md: libcurl, Python and Go read RFC 6874's "%25lo"; httpx, reqwest 0.13, aria2c look it up. */
static void zone_written_as_rfc_6874_is_read_by_curl_python_and_go(void **state)
{
	(void)state;
	char *envp[] = {"http_proxy=" ZONED, "HTTP_PROXY=" ZONED, NULL};
	check_proxy(HFENV_CLIENT_CURL, HFENV_TARGET_HTTP, envp, ZONED);
	check_proxy(HFENV_CLIENT_GIT, HFENV_TARGET_HTTP, envp, ZONED);
	check_proxy(HFENV_CLIENT_URLLIB, HFENV_TARGET_HTTP, envp, ZONED);
	check_proxy(HFENV_CLIENT_REQUESTS, HFENV_TARGET_HTTP, envp, ZONED);
	check_proxy(HFENV_CLIENT_GO, HFENV_TARGET_HTTP, envp, ZONED);
	check_reason(HFENV_CLIENT_HTTPX, envp, HFENV_ROUTE_FAILS, "%25 in zone");
	check_reason(HFENV_CLIENT_HTTPX2, envp, HFENV_ROUTE_FAILS, "%25 in zone");
	check_reason(HFENV_CLIENT_HF_XET, envp, HFENV_ROUTE_FAILS, "%25 in zone");
	check_reason(HFENV_CLIENT_ARIA2C, envp, HFENV_ROUTE_FAILS, "%25 in zone");
	check_reason(HFENV_CLIENT_WGET, envp, HFENV_ROUTE_FAILS, "bad URL");
	check_reason(HFENV_CLIENT_REQWEST, envp, HFENV_ROUTE_IGNORED, "bad URL");
	check_reason(HFENV_CLIENT_UNDICI, envp, HFENV_ROUTE_FAILS, "bad URL");
}

static void zone_written_raw_is_read_by_curl_python_httpx_reqwest_0_13_and_aria2c(void **state)
{
	(void)state;
	char *envp[] = {"http_proxy=http://[fe80::1%lo]:3128", "HTTP_PROXY=http://[fe80::1%lo]:3128", NULL};
	static const enum hfenv_client readers[] = {HFENV_CLIENT_CURL, HFENV_CLIENT_URLLIB, HFENV_CLIENT_REQUESTS,
						    HFENV_CLIENT_HTTPX, HFENV_CLIENT_HTTPX2, HFENV_CLIENT_HF_XET,
						    HFENV_CLIENT_ARIA2C};
	for (size_t i = 0; i < sizeof readers / sizeof *readers; i++)
		check_proxy(readers[i], HFENV_TARGET_HTTP, envp, ZONED);
	check_reason(HFENV_CLIENT_GO, envp, HFENV_ROUTE_IGNORED, "bad URL");
	check_reason(HFENV_CLIENT_REQWEST, envp, HFENV_ROUTE_IGNORED, "bad URL");
	check_reason(HFENV_CLIENT_WGET, envp, HFENV_ROUTE_FAILS, "bad URL");
	check_reason(HFENV_CLIENT_NODE, envp, HFENV_ROUTE_FAILS, "bad URL");
}

static void both_zone_spellings_are_one_proxy(void **state)
{
	(void)state;
	char *escaped[] = {"http_proxy=" ZONED, NULL};
	char *raw[] = {"http_proxy=http://[fe80::1%lo]:3128", NULL};
	struct hfenv_route curl, httpx;
	assert_int_equal(hfenv_predict_route(HFENV_CLIENT_CURL, HFENV_TARGET_HTTP, escaped, &curl), 0);
	assert_int_equal(hfenv_predict_route(HFENV_CLIENT_HTTPX, HFENV_TARGET_HTTP, raw, &httpx), 0);
	assert_true(hfenv_routes_agree(&curl, &httpx));
	hfenv_route_free(&curl);
	hfenv_route_free(&httpx);
}

static void zone_keeps_the_user_and_the_port_each_client_takes(void **state)
{
	(void)state;
	char *envp[] = {"http_proxy=http://u:p@[fe80::1%eth0]", NULL};
	check_proxy(HFENV_CLIENT_CURL, HFENV_TARGET_HTTP, envp, "http://u:p@[fe80::1%25eth0]:1080");
	check_proxy(HFENV_CLIENT_URLLIB, HFENV_TARGET_HTTP, envp, "http://u:p@[fe80::1%25eth0]:80");
}

static void empty_zone_or_bad_address_is_a_bad_url_for_every_client(void **state)
{
	(void)state;
	char *empty[] = {"http_proxy=http://[fe80::1%]:3128", "HTTP_PROXY=http://[fe80::1%]:3128", NULL};
	char *address[] = {"http_proxy=http://[fe80::g%lo]:3128", "HTTP_PROXY=http://[fe80::g%lo]:3128", NULL};
	check_reason(HFENV_CLIENT_CURL, empty, HFENV_ROUTE_FAILS, "bad URL");
	check_reason(HFENV_CLIENT_HTTPX, empty, HFENV_ROUTE_FAILS, "bad URL");
	check_reason(HFENV_CLIENT_GO, empty, HFENV_ROUTE_IGNORED, "bad URL");
	check_reason(HFENV_CLIENT_CURL, address, HFENV_ROUTE_FAILS, "bad URL");
	check_reason(HFENV_CLIENT_HF_XET, address, HFENV_ROUTE_IGNORED, "bad URL");
}

static void percent_escape_in_a_host_name_is_decoded_by_curl_python_wget_and_reqwest_0_11(void **state)
{
	(void)state;
	char *envp[] = {"http_proxy=http://%6cocalhost:3128", "HTTP_PROXY=http://%6cocalhost:3128", NULL};
	static const enum hfenv_client decoders[] = {HFENV_CLIENT_CURL, HFENV_CLIENT_GIT, HFENV_CLIENT_WGET,
						     HFENV_CLIENT_URLLIB, HFENV_CLIENT_REQUESTS, HFENV_CLIENT_REQWEST,
						     HFENV_CLIENT_NODE, HFENV_CLIENT_UNDICI};
	for (size_t i = 0; i < sizeof decoders / sizeof *decoders; i++)
		check_proxy(decoders[i], HFENV_TARGET_HTTP, envp, "http://localhost:3128");
	check_reason(HFENV_CLIENT_HTTPX, envp, HFENV_ROUTE_FAILS, "%HH in host");
	check_reason(HFENV_CLIENT_HTTPX2, envp, HFENV_ROUTE_FAILS, "%HH in host");
	check_reason(HFENV_CLIENT_ARIA2C, envp, HFENV_ROUTE_FAILS, "%HH in host");
	check_reason(HFENV_CLIENT_HF_XET, envp, HFENV_ROUTE_IGNORED, "bad URL");
}

/* Go's net/url refuses %6c in a host; "http://" + the value then parses with "http" as the proxy's host. */
static void percent_escape_in_a_host_name_fails_go_with_a_scheme_and_is_dropped_without(void **state)
{
	(void)state;
	char *scheme[] = {"HTTP_PROXY=http://%6cocalhost:3128", NULL};
	char *bare[] = {"HTTP_PROXY=%6cocalhost:3128", NULL};
	char *high[] = {"HTTP_PROXY=%C3%A9:3128", NULL};
	check_reason(HFENV_CLIENT_GO, scheme, HFENV_ROUTE_FAILS, "bad URL");
	check_reason(HFENV_CLIENT_GO, bare, HFENV_ROUTE_IGNORED, "bad URL");
	check_reason(HFENV_CLIENT_GO, high, HFENV_ROUTE_FAILS, "%HH in host");
}

static void percent_escape_decoded_to_a_byte_no_name_has_is_a_bad_url(void **state)
{
	(void)state;
	char *envp[] = {"http_proxy=http://a%20b:3128", "HTTP_PROXY=http://a%2fb:3128", NULL};
	char *nul[] = {"http_proxy=http://a%00b:3128", NULL};
	check_reason(HFENV_CLIENT_CURL, envp, HFENV_ROUTE_FAILS, "bad URL");
	check_reason(HFENV_CLIENT_REQWEST, envp, HFENV_ROUTE_IGNORED, "bad URL");
	check_reason(HFENV_CLIENT_CURL, nul, HFENV_ROUTE_FAILS, "bad URL");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(nothing_set_means_direct_for_every_client),
		cmocka_unit_test(curl_ignores_upper_case_http_proxy),
		cmocka_unit_test(curl_reads_upper_case_https_proxy),
		cmocka_unit_test(lower_case_wins_for_curl_and_python_upper_for_go_and_rust),
		cmocka_unit_test(all_proxy_is_a_fallback_for_curl_requests_and_hf_xet_only),
		cmocka_unit_test(scheme_less_value_means_http),
		cmocka_unit_test(http_proxy_without_port_is_1080_for_curl_and_git_and_80_for_the_others),
		cmocka_unit_test(https_and_socks_proxies_without_port_take_the_same_port_everywhere),
		cmocka_unit_test(node_ignores_a_value_without_scheme_and_undici_fails),
		cmocka_unit_test(empty_lower_case_value_cancels_upper_case_in_python),
		cmocka_unit_test(empty_value_in_git_disables_the_all_proxy_fallback),
		cmocka_unit_test(empty_upper_case_value_in_hf_xet_falls_back_to_all_proxy_not_lower_case),
		cmocka_unit_test(reqwest_drops_a_socks_proxy_and_goes_direct),
		cmocka_unit_test(reqwest_falls_through_to_lower_case_when_upper_case_is_socks),
		cmocka_unit_test(go_takes_socks5_and_socks5h),
		cmocka_unit_test(hf_xet_fails_on_an_out_of_range_port),
		cmocka_unit_test(trailing_cr_breaks_curl_and_requests_is_dropped_by_go_and_trimmed_by_urllib_and_reqwest),
		cmocka_unit_test(unsupported_scheme_fails_for_curl_and_is_dropped_by_reqwest),
		cmocka_unit_test(port_out_of_range_fails_for_go_and_curl_and_is_dropped_by_reqwest),
		cmocka_unit_test(host_name_beyond_dns_limits_fails_for_every_client),
		cmocka_unit_test(path_after_the_proxy_host_is_ignored),
		cmocka_unit_test(python_drops_upper_case_http_proxy_under_cgi),
		cmocka_unit_test(go_refuses_an_http_proxy_under_cgi),
		cmocka_unit_test(go_does_not_count_an_empty_request_method_as_cgi),
		cmocka_unit_test(hf_xet_ignores_every_proxy_under_cgi),
		cmocka_unit_test(undici_takes_the_http_proxy_for_https_urls),
		cmocka_unit_test(star_in_no_proxy_means_direct_except_for_wget),
		cmocka_unit_test(go_never_proxies_any_address_of_127_slash_8),
		cmocka_unit_test(wget_dot_entry_skips_subdomains_but_not_the_domain),
		cmocka_unit_test(star_among_other_no_proxy_entries_counts_for_go_only_as_a_whole_value_for_curl),
		cmocka_unit_test(python_reads_the_last_of_duplicate_entries),
		cmocka_unit_test(python_clients_read_an_odd_case_spelling_the_others_do_not),
		cmocka_unit_test(python_reads_the_later_of_an_upper_and_an_odd_case_spelling),
		cmocka_unit_test(python_skips_the_proxy_for_an_odd_case_no_proxy),
		cmocka_unit_test(python_drops_an_odd_case_http_proxy_under_cgi),
		cmocka_unit_test(ignored_route_agrees_with_direct),
		cmocka_unit_test(routes_through_different_proxies_disagree),
		cmocka_unit_test(httpx_fails_at_start_on_a_socks_all_proxy_beside_http_proxies),
		cmocka_unit_test(httpx_fails_at_start_on_an_unsupported_scheme_in_any_variable),
		cmocka_unit_test(httpx_with_socksio_takes_socks5_and_socks5h),
		cmocka_unit_test(empty_lower_case_value_in_httpx_deletes_the_entry_and_all_proxy_still_applies),
		cmocka_unit_test(httpx_drops_even_a_socks_http_proxy_under_cgi),
		cmocka_unit_test(star_in_no_proxy_spares_httpx_its_start_failure),
		cmocka_unit_test(httpx_dot_dom_excludes_the_apex),
		cmocka_unit_test(star_dot_dom_never_matches_in_httpx_and_means_subdomains_in_httpx2),
		cmocka_unit_test(httpx_name_entry_covers_the_name_and_its_subdomains_not_a_longer_name),
		cmocka_unit_test(requests_name_entry_covers_the_name_and_its_subdomains_not_a_longer_name),
		cmocka_unit_test(httpx_entry_with_a_port_covers_urls_with_that_port_only),
		cmocka_unit_test(httpx_reads_an_ipv4_range_as_its_first_address_and_httpx2_as_a_range),
		cmocka_unit_test(ipv6_range_fails_httpx_at_start_and_httpx2_takes_it),
		cmocka_unit_test(httpx_localhost_entry_covers_the_name_only),
		cmocka_unit_test(httpx_connect_fails_on_a_port_out_of_range_but_the_client_starts),
		cmocka_unit_test(clash_shell_command_disagrees_before_and_agrees_after_normalization),
		cmocka_unit_test(upper_case_only_disagrees_before_and_agrees_after_normalization),
		cmocka_unit_test(redact_hides_the_password_without_quoting),
		cmocka_unit_test(aria2c_reads_lower_case_names_only),
		cmocka_unit_test(aria2c_drops_a_socks_value_and_falls_back_to_all_proxy),
		cmocka_unit_test(aria2c_drops_an_upper_case_scheme_a_trailing_cr_and_a_bad_port),
		cmocka_unit_test(aria2c_takes_a_value_without_scheme_and_an_https_url),
		cmocka_unit_test(aria2c_empty_value_leaves_all_proxy_and_cgi_changes_nothing),
		cmocka_unit_test(aria2c_reads_no_proxy_in_lower_case_only_and_star_is_no_wildcard),
		cmocka_unit_test(zone_written_as_rfc_6874_is_read_by_curl_python_and_go),
		cmocka_unit_test(zone_written_raw_is_read_by_curl_python_httpx_reqwest_0_13_and_aria2c),
		cmocka_unit_test(both_zone_spellings_are_one_proxy),
		cmocka_unit_test(zone_keeps_the_user_and_the_port_each_client_takes),
		cmocka_unit_test(empty_zone_or_bad_address_is_a_bad_url_for_every_client),
		cmocka_unit_test(percent_escape_in_a_host_name_is_decoded_by_curl_python_wget_and_reqwest_0_11),
		cmocka_unit_test(percent_escape_in_a_host_name_fails_go_with_a_scheme_and_is_dropped_without),
		cmocka_unit_test(percent_escape_decoded_to_a_byte_no_name_has_is_a_bad_url),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
