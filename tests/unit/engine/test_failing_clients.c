#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "clients/routes.h"
#include "engine_cases.h"

static const struct engine_case cases[] = {
	{"https_url_for_a_local_proxy_gets_the_http_url_to_write", {NULL}, {.proxy = "https://127.0.0.1:7890"},
	 {"warning: --proxy: a local proxy speaks HTTP, not TLS; write 'http://127.0.0.1:7890'", "warnings: 1",
	  "https_proxy=https://127.0.0.1:7890", "HTTPS_PROXY=https://127.0.0.1:7890"}},
	{"https_url_on_a_local_proxy_port_of_another_host_is_local", {"HTTPS_PROXY=https://192.168.1.5:10809"}, {0},
	 {"warning: HTTPS_PROXY: a local proxy speaks HTTP, not TLS; write 'http://192.168.1.5:10809'",
	  "warnings: 1"}},
	{"https_url_for_loopback_on_any_port_is_local", {"https_proxy=https://[::1]:8443"}, {0},
	 {"warning: https_proxy: a local proxy ... write 'http://[::1]:8443'"}},
	{"https_url_in_all_proxy_names_all_proxy", {"ALL_PROXY=https://localhost:7897"}, {0},
	 {"warning: ALL_PROXY: a local proxy ... write 'http://localhost:7897'", "warnings: 1"}},
	{"two_local_https_urls_get_a_warning_each", {"http_proxy=https://127.0.0.1:1", "https_proxy=https://127.0.0.1:2"},
	 {0}, {"warning: http_proxy: a local proxy", "warning: https_proxy: a local proxy", "warnings: 2"}},
	{"local_https_warning_says_why_with_verbose", {NULL}, {.proxy = "https://127.0.0.1:7890", .verbose = true},
	 {"warning: Clash, V2RayN, mitmproxy take http:// on their ports: TLS to them fails or hangs"}},
	{"https_url_for_a_remote_proxy_names_the_client_that_fails", {"HTTPS_PROXY=https://proxy.example:443"}, {0},
	 {"warning: the https:// proxy fails in wget (http:// only); use its http:// port",
	  "warnings: 1", "no warning: local proxy"}},
	{"plain_http_proxy_gets_no_warning", {NULL}, {.proxy = "http://127.0.0.1:7890"}, {"no warnings"}},
	{"cgi_with_an_http_proxy_says_go_refuses_it", {"REQUEST_METHOD=GET", "http_proxy=http://127.0.0.1:7890"}, {0},
	 {"warning: Go 1.26: no proxy for http:// under CGI; unset REQUEST_METHOD if not CGI",
	  "warnings: 1"}},
	{"cgi_with_an_https_proxy_only_is_silent", {"REQUEST_METHOD=GET", "https_proxy=http://127.0.0.1:7890"}, {0},
	 {"no warnings"}},
	{"socks_let_through_keeps_its_one_warning", {NULL}, {.proxy = "socks5://127.0.0.1:1080", .allow_socks = true},
	 {"warnings: 1", "warning: a SOCKS proxy is let through"}},
	{"no_proxy_entry_that_stops_httpx_is_named", {"NO_PROXY=hf.co,host:abc"}, {0},
	 {"warning: httpx 0.28 and httpx+socksio fail at start on NO_PROXY 'host:abc'; remove it",
	  "warnings: 1"}},
	{"refused_set_up_predicts_nothing", {NULL}, {.proxy = "socks5://127.0.0.1:1080"},
	 {"errors: 1", "no warnings"}},
};

/* Every client's route for http:// and https:// URLs after hfenv: how many fail, and why (the first reason). */
static size_t failures_after(const struct hfenv_result *r, const char **reason)
{
	size_t failed = 0;
	for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++) {
		for (enum hfenv_target t = HFENV_TARGET_HTTP; t < HFENV_TARGETS; t++) {
			struct hfenv_route route;
			assert_int_equal(hfenv_predict_route(c, t, r->env, &route), 0);
			if (route.kind == HFENV_ROUTE_FAILS || route.kind == HFENV_ROUTE_REFUSED_CGI) {
				*reason = route.reason;
				failed++;
			}
			hfenv_route_free(&route);
		}
	}
	return failed;
}

/* Set-ups from many proxy values, CGI and options: a client that fails after hfenv always has a warning. */
static void every_failure_after_hfenv_gets_a_warning(void **state)
{
	(void)state;
	static char *const values[] = {
		"http://127.0.0.1:7890", "https://127.0.0.1:7890", "https://proxy.example:443", "socks5://127.0.0.1:1080",
		"socks4://127.0.0.1:1080", "127.0.0.1:8080", "http://u:p@proxy.example:3128/", "https://[::1]:1",
		"HTTP://Proxy.Example", "host:abc", NULL,
	};
	static const char *const names[] = {"http_proxy", "HTTPS_PROXY", "ALL_PROXY", "no_proxy"};
	size_t checked = 0, warned = 0;
	for (size_t v = 0; values[v] != NULL; v++) {
		for (size_t n = 0; n < sizeof names / sizeof names[0]; n++) {
			for (unsigned variant = 0; variant < 4; variant++) {
				char entry[128];
				snprintf(entry, sizeof entry, "%s=%s", names[n], values[v]);
				char *env[] = {entry, variant & 1 ? "REQUEST_METHOD=GET" : "A=1", NULL};
				struct hfenv_options opts = {.allow_socks = variant & 2};
				struct hfenv_result r;
				normalize(&opts, env, &r);
				const char *reason = NULL;
				size_t failed = r.error_count ? 0 : failures_after(&r, &reason);
				if (failed > 0 && count_findings(&r, HFENV_WARNING) == 0)
					fail_msg("%s%s: %zu routes fail (%s) without a warning", entry,
						 variant & 1 ? " under CGI" : "", failed, reason);
				warned += failed > 0;
				checked++;
				hfenv_result_free(&r);
			}
		}
	}
	assert_true(warned > 0 && warned < checked);
}

int main(void)
{
	const struct CMUnitTest functions[] = {
		cmocka_unit_test(every_failure_after_hfenv_gets_a_warning),
	};
	return ENGINE_CASES("failing_clients", cases, functions);
}
