#include "clients/host_spellings.h"

#include "common/text.h"

#include <stdlib.h>
#include <string.h>

/* Where the host of value lies, brackets included: [*start, *end), the authority ending at "/?#". */
static void find_host(const char *value, const char **start, const char **end)
{
	size_t scheme = hfenv_scheme_length(value);
	const char *authority = scheme ? value + scheme + 3 : value;
	const char *authority_end = authority + strcspn(authority, "/?#"), *close, *colon;
	*start = authority;
	for (const char *p = authority; p < authority_end; p++)
		if (*p == '@')
			*start = p + 1;
	if (**start == '[' && (close = memchr(*start, ']', (size_t)(authority_end - *start))) != NULL)
		*end = close + 1;
	else
		*end = (colon = memchr(*start, ':', (size_t)(authority_end - *start))) != NULL ? colon : authority_end;
}

/* value with [start, end) replaced by n bytes of with, parsed; -1 on ENOMEM. */
static int parse_replaced(const char *value, const char *start, const char *end, const char *with, size_t n,
			  enum hfenv_url_status *status, struct hfenv_url *url)
{
	struct text t = {0};
	text_append(&t, value, (size_t)(start - value));
	text_append(&t, with, n);
	text_puts(&t, end);
	char *replaced = text_finish(&t);
	if (replaced == NULL)
		return -1;
	int failed = hfenv_parse_proxy_url(replaced, status, url);
	free(replaced);
	return failed;
}

/* The client takes value whatever its host, and cannot connect with it: failure, when the rest of value parses. */
static int fails_with_host(const char *value, const char *start, const char *end, const char *why,
			   enum hfenv_url_status *status, struct hfenv_url *url, struct host_spelling *spelling)
{
	if (parse_replaced(value, start, end, "x", 1, status, url) != 0)
		return -1;
	if (*status == HFENV_URL_OK)
		spelling->failure = why;
	return 0;
}

static int read_zone(const struct client_rule *rule, const char *value, enum hfenv_url_status *status,
		     struct hfenv_url *url, struct host_spelling *spelling)
{
	const char *start, *end;
	find_host(value, &start, &end);
	const char *percent = memchr(start, '%', (size_t)(end - start)), *close = end - 1;
	bool escaped = close - percent > 3 && percent[1] == '2' && percent[2] == '5';
	const char *zone = percent + (escaped ? 3 : 1);
	if (rule->zone == ZONE_RAW && escaped)
		return fails_with_host(value, start, end, "%25 in zone", status, url, spelling);
	bool taken = rule->zone == ZONE_EITHER || (rule->zone == ZONE_ESCAPED && escaped) ||
		     (rule->zone == ZONE_RAW && !escaped);
	if (!taken || zone == close)
		return 0;
	if (parse_replaced(value, percent, close, "", 0, status, url) != 0)
		return -1;
	if (*status != HFENV_URL_OK)
		return 0;
	spelling->zone = strndup(zone, (size_t)(close - zone));
	if (spelling->zone != NULL)
		return 0;
	hfenv_url_free(url);
	return -1;
}

static int hex_value(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Go's net/url refuses a host with %HH below %80 but %25; then "http://" + value has the scheme for its host. */
static int read_go_host_escape(const char *value, const char *start, const char *end, enum hfenv_url_status *status,
			       struct hfenv_url *url, struct host_spelling *spelling)
{
	bool refused = false;
	for (const char *p = start; p < end; p++) {
		if (*p != '%')
			continue;
		if (end - p < 3 || hex_value(p[1]) < 0 || hex_value(p[2]) < 0)
			return 0;
		refused = refused || (hex_value(p[1]) < 8 && !(p[1] == '2' && p[2] == '5'));
	}
	if (refused && hfenv_scheme_length(value) == 0)
		return 0;
	return fails_with_host(value, start, end, refused ? "bad URL" : "%HH in host", status, url, spelling);
}

static const char host_name_chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~";

static int read_host_escape(const struct client_rule *rule, const char *value, enum hfenv_url_status *status,
			    struct hfenv_url *url, struct host_spelling *spelling)
{
	const char *start, *end;
	find_host(value, &start, &end);
	if (rule->host_escape == HOST_ESCAPE_KEPT)
		return fails_with_host(value, start, end, "%HH in host", status, url, spelling);
	if (rule->host_escape == HOST_ESCAPE_GO)
		return read_go_host_escape(value, start, end, status, url, spelling);
	if (rule->host_escape == HOST_ESCAPE_REFUSED)
		return 0;
	for (const char *p = start; p + 2 < end; p++)
		if (p[0] == '%' && p[1] == '0' && p[2] == '0')
			return 0;
	char *decoded = hfenv_percent_decode(start, (size_t)(end - start));
	if (decoded == NULL)
		return -1;
	/* Decoded to a byte no host name has: a name no lookup finds, or an invalid URL; the client's invalid rule. */
	size_t n = strlen(decoded);
	int failed = n > 0 && strspn(decoded, host_name_chars) == n ? parse_replaced(value, start, end, decoded, n, status, url)
								     : 0;
	free(decoded);
	return failed;
}

int read_host_spelling(const struct client_rule *rule, const char *value, enum hfenv_url_status *status,
		       struct hfenv_url *url, struct host_spelling *spelling)
{
	*spelling = (struct host_spelling){0};
	return *status == HFENV_URL_ZONE ? read_zone(rule, value, status, url, spelling)
					 : read_host_escape(rule, value, status, url, spelling);
}

char *proxy_with_zone(const char *proxy, const char *zone)
{
	const char *host = strstr(proxy, "://"), *at;
	host = host ? host + 3 : proxy;
	while ((at = strchr(host, '@')) != NULL)
		host = at + 1;
	const char *close = strchr(host, ']');
	if (close == NULL)
		return strdup(proxy);
	struct text t = {0};
	text_append(&t, proxy, (size_t)(close - proxy));
	text_puts(&t, "%25");
	text_puts(&t, zone);
	text_puts(&t, close);
	return text_finish(&t);
}
