/*
 * The proxy URL parser. Input: one value. Properties: a valid URL normalizes to a URL that is
 * valid, equal to itself when parsed again, lower-case scheme from the allowed list, no blank or
 * control character, its parts the same when parsed again, its host one every client reads alike (a
 * name without '%', or an IPv6 address inet_pton takes); an invalid one has no text; a planted
 * password never shows once redacted; an input of IPv6 characters in brackets is a host exactly
 * when inet_pton takes it.
 */
#include "fuzz.h"
#include "common/redact.h"
#include "common/url.h"

#include <arpa/inet.h>

static const char *const schemes[] = {"http://", "https://", "socks4://", "socks4a://", "socks5://", "socks5h://"};

static void require_normal_form(const struct hfenv_url *url)
{
	size_t scheme = 0, count = sizeof schemes / sizeof schemes[0];
	while (scheme < count && strncmp(url->text, schemes[scheme], strlen(schemes[scheme])) != 0)
		scheme++;
	require(scheme < count);
	require(url->socks == (scheme >= 2));
	require((size_t)url->scheme == scheme && url->host != NULL && url->port <= 65535);
	for (const unsigned char *p = (const unsigned char *)url->text; *p; p++)
		require(*p > 0x20 && *p < 0x7f);
}

static void require_usable_host(const struct hfenv_url *url)
{
	unsigned char address[16];
	if (strchr(url->host, ':') != NULL)
		require(inet_pton(AF_INET6, url->host, address) == 1);
	else
		require(strspn(url->host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~") ==
			strlen(url->host));
}

/* value, if it is short and of IPv6 characters, as the host of a proxy URL: accepted exactly when inet_pton takes it. */
static void require_ipv6_as_inet_pton(const char *value)
{
	size_t n = strlen(value);
	if (n == 0 || n > 64 || strspn(value, "0123456789abcdefABCDEF:.") != n)
		return;
	char text[80];
	unsigned char address[16];
	snprintf(text, sizeof text, "http://[%s]:1", value);
	enum hfenv_url_status status;
	struct hfenv_url url;
	require(hfenv_parse_proxy_url(text, &status, &url) == 0);
	require((status == HFENV_URL_OK) == (inet_pton(AF_INET6, value, address) == 1));
	hfenv_url_free(&url);
}

static bool same_text(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static void require_idempotent(const struct hfenv_url *url)
{
	enum hfenv_url_status status;
	struct hfenv_url again;
	require(hfenv_parse_proxy_url(url->text, &status, &again) == 0);
	require(status == HFENV_URL_OK);
	require(strcmp(again.text, url->text) == 0);
	require(again.socks == url->socks);
	require(again.scheme == url->scheme && strcmp(again.host, url->host) == 0);
	require(again.port == (url->port ? url->port : hfenv_scheme_port(url->scheme)) && again.written_port == 0);
	require(same_text(again.user, url->user) && same_text(again.password, url->password));
	hfenv_url_free(&again);
}

/* A planted password never shows once redacted, and the value shortened to any width from 7 columns fits it, clean. */
static void require_redacted(char *value)
{
	for (char *p = value; *p; p++)
		if (*p == PASSWORD_MARK)
			*p = '-';
	char *planted = plant_password(value);
	if (planted == NULL)
		return;
	char *quoted = hfenv_quote_redacted(planted);
	require_clean_message(quoted);
	free(quoted);
	static const size_t widths[] = {7, 12, 20, 33, 64, 100};
	for (size_t i = 0; i < sizeof widths / sizeof widths[0]; i++) {
		quoted = hfenv_quote_redacted_in(planted, widths[i]);
		require_clean_message(quoted);
		require(strlen(quoted) <= widths[i]);
		free(quoted);
	}
	free(planted);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *value = copy_string(data, size);
	enum hfenv_url_status status;
	struct hfenv_url url;
	require(hfenv_parse_proxy_url(value, &status, &url) == 0);
	const char *reason = hfenv_url_status_text(status);
	require(reason != NULL && *reason != '\0');
	require((status == HFENV_URL_OK) == (url.text != NULL));
	if (url.text != NULL) {
		require_normal_form(&url);
		require_usable_host(&url);
		require_idempotent(&url);
	}
	hfenv_url_free(&url);
	require_ipv6_as_inet_pton(value);
	require_redacted(value);
	free(value);
	return 0;
}
