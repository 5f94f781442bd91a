#include "io/probe.h"

#include "clients/routes.h"
#include "common/environment.h"
#include "common/redact.h"
#include "common/text.h"
#include "common/url.h"
#include "hub/endpoint.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* A host and port to connect to; host without IPv6 brackets. */
struct endpoint {
	char *host;
	char port[12];               /* decimal, as getaddrinfo takes it */
};

enum probe_proxy_kind { PROBE_DIRECT, PROBE_HTTP, PROBE_SOCKS5 };

struct probe_proxy {
	enum probe_proxy_kind kind;
	struct endpoint at;
	const char *user;             /* percent-decoded, or NULL */
	const char *password;         /* "" when the URL has a user and no password */
	char *display;                /* redacted URL, or "direct" */
};

struct probe_step {
	int fd;
	int timeout_ms;
	struct timespec deadline;     /* of the connect, send or read under way */
	char *error;                  /* malloc'd, set when a step failed */
};

static char *endpoint_text(const struct endpoint *at)
{
	return text_format(strchr(at->host, ':') ? "[%s]:%s" : "%s:%s", at->host, at->port);
}

/* Records the first error of a target (message is malloc'd; NULL when out of memory). */
static bool step_failed(struct probe_step *step, char *message)
{
	if (step->error == NULL)
		step->error = message;
	else
		free(message);
	return false;
}

static void begin_step(struct probe_step *step)
{
	clock_gettime(CLOCK_MONOTONIC, &step->deadline);
	step->deadline.tv_sec += step->timeout_ms / 1000;
	step->deadline.tv_nsec += (long)(step->timeout_ms % 1000) * 1000000;
	if (step->deadline.tv_nsec >= 1000000000) {
		step->deadline.tv_sec++;
		step->deadline.tv_nsec -= 1000000000;
	}
}

static int remaining_ms(const struct timespec *deadline)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	long ms = (deadline->tv_sec - now.tv_sec) * 1000 + (deadline->tv_nsec - now.tv_nsec) / 1000000;
	return ms < 0 ? 0 : (int)ms;
}

/* Waits for events until the step's deadline. */
static bool wait_for(struct probe_step *step, short events, const char *what)
{
	struct pollfd p = {.fd = step->fd, .events = events};
	int ready;
	while ((ready = poll(&p, 1, remaining_ms(&step->deadline))) < 0 && errno == EINTR)
		continue;
	if (ready == 0)
		return step_failed(step, text_format("timed out %s after %g s", what, step->timeout_ms / 1000.0));
	if (ready < 0)
		return step_failed(step, text_format("poll: %s", strerror(errno)));
	return true;
}

/* Non-blocking connect to any address of at, each attempt limited by the step timeout. */
static bool connect_endpoint(struct probe_step *step, const struct endpoint *at, const char *what)
{
	struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM}, *found;
	int rc = getaddrinfo(at->host, at->port, &hints, &found);
	if (rc != 0)
		return step_failed(step, text_format("cannot resolve %s: %s", at->host,
						     rc == EAI_SYSTEM ? strerror(errno) : gai_strerror(rc)));
	char *doing = text_format("connecting to %s", what);
	for (struct addrinfo *a = found; a != NULL; a = a->ai_next) {
		free(step->error);
		step->error = NULL;
		begin_step(step);
		step->fd = socket(a->ai_family, a->ai_socktype, a->ai_protocol);
		if (step->fd < 0 || fcntl(step->fd, F_SETFL, O_NONBLOCK) != 0) {
			step_failed(step, text_format("socket: %s", strerror(errno)));
		} else if (connect(step->fd, a->ai_addr, a->ai_addrlen) == 0) {
			break;
		} else if (errno != EINPROGRESS) {
			step_failed(step, text_format("cannot connect to %s: %s", what, strerror(errno)));
		} else if (wait_for(step, POLLOUT, doing ? doing : what)) {
			int error = 0;
			socklen_t len = sizeof error;
			if (getsockopt(step->fd, SOL_SOCKET, SO_ERROR, &error, &len) == 0 && error == 0)
				break;
			step_failed(step, text_format("cannot connect to %s: %s", what, strerror(error)));
		}
		if (step->fd >= 0)
			close(step->fd);
		step->fd = -1;
	}
	freeaddrinfo(found);
	free(doing);
	return step->fd >= 0;
}

static bool send_all(struct probe_step *step, const char *data, size_t len)
{
	begin_step(step);
	while (len > 0) {
		if (!wait_for(step, POLLOUT, "sending to the proxy"))
			return false;
		ssize_t n = send(step->fd, data, len, MSG_NOSIGNAL);
		if (n < 0 && errno != EAGAIN && errno != EINTR)
			return step_failed(step, text_format("cannot send to the proxy: %s", strerror(errno)));
		if (n > 0) {
			data += n;
			len -= (size_t)n;
		}
	}
	return true;
}

/* Reads until want bytes arrived or, with line set, a CRLF; returns the length read. */
static size_t receive(struct probe_step *step, char *buf, size_t want, bool line)
{
	size_t got = 0;
	begin_step(step);
	while (got < want && !(line && got >= 2 && memcmp(buf + got - 2, "\r\n", 2) == 0)) {
		if (!wait_for(step, POLLIN, "waiting for the proxy's answer"))
			return got;
		ssize_t n = recv(step->fd, buf + got, line ? 1 : want - got, 0);
		if (n == 0) {
			step_failed(step, text_format("the proxy closed the connection without answering"));
			return got;
		}
		if (n < 0 && errno != EAGAIN && errno != EINTR) {
			step_failed(step, text_format("cannot read from the proxy: %s", strerror(errno)));
			return got;
		}
		if (n > 0)
			got += (size_t)n;
	}
	return got;
}

static char *base64(const char *data, size_t n)
{
	static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char *out = malloc((n + 2) / 3 * 4 + 1), *p = out;
	for (size_t i = 0; out != NULL && i < n; i += 3) {
		unsigned long v = (unsigned long)(unsigned char)data[i] << 16;
		if (i + 1 < n)
			v |= (unsigned long)(unsigned char)data[i + 1] << 8;
		if (i + 2 < n)
			v |= (unsigned char)data[i + 2];
		*p++ = digits[v >> 18 & 63];
		*p++ = digits[v >> 12 & 63];
		*p++ = i + 1 < n ? digits[v >> 6 & 63] : '=';
		*p++ = i + 2 < n ? digits[v & 63] : '=';
	}
	if (out != NULL)
		*p = '\0';
	return out;
}

/* Sends CONNECT and reads the status line into *answer; true on 2xx. */
static bool probe_http_connect(struct probe_step *step, const struct probe_proxy *proxy, const char *target,
			       char **answer)
{
	char *credentials = proxy->user ? text_format("%s:%s", proxy->user, proxy->password) : NULL;
	char *encoded = credentials ? base64(credentials, strlen(credentials)) : NULL;
	char *request = text_format("CONNECT %s HTTP/1.1\r\nHost: %s\r\n%s%s%s\r\n", target, target,
				    encoded ? "Proxy-Authorization: Basic " : "", encoded ? encoded : "", encoded ? "\r\n" : "");
	free(credentials);
	free(encoded);
	if (request == NULL)
		return step_failed(step, NULL);
	bool sent = send_all(step, request, strlen(request));
	free(request);
	char line[1024];
	size_t n = sent ? receive(step, line, sizeof line - 1, true) : 0;
	if (step->error != NULL)
		return false;
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		n--;
	line[n] = '\0';
	char *shown = hfenv_redact(line);
	const char *space = strchr(line, ' ');
	if (shown == NULL || strncmp(line, "HTTP/", 5) != 0 || space == NULL) {
		step_failed(step, shown ? text_format("not an HTTP status line: %s", shown) : NULL);
		free(shown);
		return false;
	}
	*answer = shown;
	return space[1] == '2' && strspn(space + 1, "0123456789") == 3;
}

static const char *socks5_reply_text(unsigned char code)
{
	static const char *const texts[] = {
		"succeeded", "general failure", "connection not allowed by ruleset", "network unreachable",
		"host unreachable", "connection refused", "TTL expired", "command not supported", "address type not supported",
	};
	return code < sizeof texts / sizeof texts[0] ? texts[code] : "unknown reply";
}

/* RFC 1929: the user and password the greeting agreed on; true when the proxy accepts them. */
static bool socks5_authenticate(struct probe_step *step, const struct probe_proxy *proxy)
{
	unsigned char buf[515], reply[2];
	size_t ulen = strlen(proxy->user), plen = strlen(proxy->password), k = 0;
	buf[k++] = 1;
	buf[k++] = (unsigned char)ulen;
	memcpy(buf + k, proxy->user, ulen);
	k += ulen;
	buf[k++] = (unsigned char)plen;
	memcpy(buf + k, proxy->password, plen);
	k += plen;
	if (!send_all(step, (const char *)buf, k) || receive(step, (char *)reply, 2, false) != 2)
		return false;
	if (reply[1] != 0)
		return step_failed(step, text_format("the SOCKS5 proxy rejected the user or password"));
	return true;
}

/* SOCKS5 greeting, user/password if the URL has them, CONNECT by name; true when the proxy says succeeded. */
static bool probe_socks5(struct probe_step *step, const struct probe_proxy *proxy, const struct endpoint *target,
			 char **answer)
{
	unsigned char buf[262], reply[4];
	size_t host_len = strlen(target->host);
	bool auth = proxy->user != NULL;
	if (host_len > 255 || (auth && (strlen(proxy->user) > 255 || strlen(proxy->password) > 255)))
		return step_failed(step, text_format("a SOCKS5 host name, user or password is at most 255 bytes"));
	unsigned char greeting[] = {5, auth ? 2 : 1, 0, 2};
	if (!send_all(step, (const char *)greeting, auth ? 4 : 3) || receive(step, (char *)reply, 2, false) != 2)
		return false;
	if (reply[0] != 5)
		return step_failed(step, text_format("not a SOCKS5 proxy"));
	if (reply[1] != 0 && !(auth && reply[1] == 2))
		return step_failed(step, text_format("%s", auth ? "the SOCKS5 proxy accepts neither no authentication nor user/password"
								  : "the SOCKS5 proxy wants authentication"));
	if (reply[1] == 2 && !socks5_authenticate(step, proxy))
		return false;
	unsigned long port = strtoul(target->port, NULL, 10);
	size_t k = 0;
	buf[k++] = 5, buf[k++] = 1, buf[k++] = 0, buf[k++] = 3;
	buf[k++] = (unsigned char)host_len;
	memcpy(buf + k, target->host, host_len);
	k += host_len;
	buf[k++] = (unsigned char)(port >> 8), buf[k++] = (unsigned char)(port & 255);
	if (!send_all(step, (const char *)buf, k) || receive(step, (char *)reply, 2, false) != 2)
		return false;
	*answer = text_format("SOCKS5 reply %u (%s)", reply[1], socks5_reply_text(reply[1]));
	return reply[0] == 5 && reply[1] == 0;
}

static long elapsed_ms(const struct timespec *start)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - start->tv_sec) * 1000 + (now.tv_nsec - start->tv_nsec) / 1000000;
}

/* One target: prints its line; true when it answered 2xx (or, connected to directly, accepted the connection).
 * bypass says why huggingface_hub connects to it directly although a proxy is set, or is NULL. */
static bool probe_target(FILE *out, const struct probe_proxy *proxy, const char *bypass, const char *text,
			 const struct endpoint *target, int timeout_ms, int target_width)
{
	struct probe_step step = {.fd = -1, .timeout_ms = timeout_ms};
	struct timespec start;
	clock_gettime(CLOCK_MONOTONIC, &start);
	char *answer = NULL;
	char *host_port = endpoint_text(target);
	bool ok = false;
	if (host_port == NULL) {
		step_failed(&step, NULL);
	} else if (proxy->kind == PROBE_DIRECT || bypass != NULL) {
		ok = connect_endpoint(&step, target, "the target");
		answer = ok ? strdup("connected") : NULL;
	} else if (connect_endpoint(&step, &proxy->at, "the proxy")) {
		ok = proxy->kind == PROBE_HTTP ? probe_http_connect(&step, proxy, host_port, &answer)
					       : probe_socks5(&step, proxy, target, &answer);
	}
	if (step.fd >= 0)
		close(step.fd);
	const char *outcome = answer ? answer : step.error ? step.error : strerror(ENOMEM);
	char *direct = bypass ? text_format("direct (%s)", bypass) : NULL;
	const char *route = bypass == NULL ? proxy->display : direct ? direct : "direct";
	fprintf(out, "%-*s  %s  %s  %ld ms\n", target_width, text, route, outcome, elapsed_ms(&start));
	free(direct);
	free(answer);
	free(step.error);
	free(host_port);
	return ok;
}

/* HOST, HOST:PORT, [V6] or [V6]:PORT, read by the engine's proxy URL parser; port 443 when none. False with
 * *why set (NULL when out of memory) when text is no such target. */
static bool parse_target(const char *text, struct hfenv_url *url, struct endpoint *at, char **why)
{
	char *as_url = text_format("http://%s", text);
	enum hfenv_url_status status = HFENV_URL_NO_HOST;
	if (as_url == NULL || hfenv_parse_proxy_url(as_url, &status, url) != 0) {
		free(as_url);
		*why = NULL;
		return false;
	}
	free(as_url);
	char *quoted = hfenv_quote_redacted(text);
	*why = NULL;
	if (status == HFENV_URL_DNS_LIMITS)
		*why = text_format("--probe %s: %s", quoted, hfenv_url_status_text(status));
	else if (status != HFENV_URL_OK || url->user != NULL || strchr(text, '/') != NULL)
		*why = text_format("--probe takes HOST or HOST:PORT, not %s; see 'hfenv --help'", quoted);
	free(quoted);
	if (status != HFENV_URL_OK || *why != NULL)
		return false;
	at->host = url->host;
	snprintf(at->port, sizeof at->port, "%u", url->port ? url->port : hfenv_scheme_port(HFENV_SCHEME_HTTPS));
	return true;
}

/* The https proxy of the normalized environment, as --probe uses it; false with *why set (NULL: out of memory). */
static bool parse_proxy(const char *value, struct hfenv_url *url, struct probe_proxy *proxy, char **why)
{
	enum hfenv_url_status status;
	*proxy = (struct probe_proxy){.kind = PROBE_DIRECT};
	*why = NULL;
	proxy->display = value ? hfenv_redact(value) : strdup("direct");
	if (proxy->display == NULL || (value != NULL && hfenv_parse_proxy_url(value, &status, url) != 0))
		return false;
	if (value == NULL)
		return true;
	if (status != HFENV_URL_OK)
		*why = text_format("cannot probe through %s: not HOST:PORT", proxy->display);
	else if (url->scheme == HFENV_SCHEME_HTTP)
		proxy->kind = PROBE_HTTP;
	else if (url->scheme == HFENV_SCHEME_SOCKS5 || url->scheme == HFENV_SCHEME_SOCKS5H)
		proxy->kind = PROBE_SOCKS5;
	else
		*why = text_format("--probe speaks HTTP CONNECT and SOCKS5 only; it cannot probe through %s", proxy->display);
	if (*why != NULL)
		return false;
	proxy->at.host = url->host;
	snprintf(proxy->at.port, sizeof proxy->at.port, "%u", url->port ? url->port : hfenv_scheme_port(url->scheme));
	proxy->user = url->user;
	proxy->password = url->user && url->password == NULL ? "" : url->password;
	return true;
}

/* Why huggingface_hub (httpx) connects to target directly although a proxy is set: NO_PROXY lists it; else NULL. */
static const char *bypass_reason(const struct endpoint *target, char *const env[])
{
	struct hfenv_destination destination = {
		.host = target->host, .port = (unsigned)strtoul(target->port, NULL, 10), .port_given = true,
	};
	struct hfenv_route route;
	if (hfenv_predict_route_to(HFENV_CLIENT_HTTPX2, HFENV_TARGET_HTTPS, &destination, env, &route) != 0)
		return NULL;
	const char *reason = route.kind == HFENV_ROUTE_DIRECT ? route.reason : NULL;
	hfenv_route_free(&route);
	return reason;
}

/* One line before the targets when https requests go direct: every request to the Hub is one. */
static void say_no_https_proxy(FILE *out, const struct probe_proxy *proxy, char *const env[])
{
	if (proxy->kind != PROBE_DIRECT)
		return;
	fprintf(out, "no https proxy: https requests, as all of Hugging Face's are, go direct%s\n",
		hfenv_getenv(env, "http_proxy") ? " (http_proxy: http:// only)" : "");
}

/* A --probe without targets: every host a download may reach (hub/endpoint.h), the endpoint as HOST:PORT unless it is
 * huggingface.co on 443; targets[i] are malloc'd.  False when HF_ENDPOINT is unusable (*why set) or out of memory. */
static bool default_targets(char *const env[], char *targets[HFENV_HUB_REACHABLE_HOSTS + 1], char **why)
{
	struct hfenv_hub_endpoint endpoint;
	if (hfenv_hub_endpoint(env, &endpoint) != 0) {
		char *quoted = errno == EINVAL ? hfenv_quote_redacted(hfenv_getenv(env, "HF_ENDPOINT")) : NULL;
		*why = quoted ? text_format("--probe cannot take HF_ENDPOINT=%s: not an http(s) URL", quoted) : NULL;
		free(quoted);
		return false;
	}
	struct hfenv_hub_host hosts[HFENV_HUB_REACHABLE_HOSTS];
	hfenv_hub_reachable_hosts(&endpoint, hosts);
	bool made = true;
	for (size_t i = 0; i < HFENV_HUB_REACHABLE_HOSTS; i++) {
		bool bare = hosts[i].port == hfenv_scheme_port(HFENV_SCHEME_HTTPS) && (i > 0 || !endpoint.mirror);
		targets[i] = bare ? strdup(hosts[i].host) :
			     text_format(strchr(hosts[i].host, ':') ? "[%s]:%u" : "%s:%u", hosts[i].host, hosts[i].port);
		made = made && targets[i] != NULL;
	}
	targets[HFENV_HUB_REACHABLE_HOSTS] = NULL;
	hfenv_hub_endpoint_free(&endpoint);
	return made;
}

static void free_targets(char *targets[HFENV_HUB_REACHABLE_HOSTS + 1])
{
	for (size_t i = 0; i < HFENV_HUB_REACHABLE_HOSTS; i++)
		free(targets[i]);
}

enum probe_outcome probe_targets(FILE *out, const char *const targets[], char *const env[], int timeout_ms, char **why)
{
	char *defaults[HFENV_HUB_REACHABLE_HOSTS + 1] = {0};
	*why = NULL;
	if (targets == NULL && !default_targets(env, defaults, why)) {
		free_targets(defaults);
		return PROBE_CANNOT;
	}
	targets = targets ? targets : (const char *const *)defaults;
	size_t count = 0;
	int width = 0;
	while (targets[count] != NULL)
		count++;
	struct hfenv_url *urls = calloc(count + 1, sizeof *urls);
	struct endpoint *endpoints = calloc(count, sizeof *endpoints);
	bool parsed = urls && endpoints;
	for (size_t i = 0; i < count && parsed; i++) {
		parsed = parse_target(targets[i], &urls[i], &endpoints[i], why);
		if ((int)strlen(targets[i]) > width)
			width = (int)strlen(targets[i]);
	}
	struct probe_proxy proxy = {0};
	parsed = parsed && parse_proxy(hfenv_getenv(env, "https_proxy"), &urls[count], &proxy, why);
	enum probe_outcome outcome = parsed ? PROBE_ALL_ANSWERED : PROBE_CANNOT;
	if (parsed)
		say_no_https_proxy(out, &proxy, env);
	for (size_t i = 0; i < count && parsed; i++)
		if (!probe_target(out, &proxy, bypass_reason(&endpoints[i], env), targets[i], &endpoints[i], timeout_ms, width))
			outcome = PROBE_SOME_FAILED;
	for (size_t i = 0; urls != NULL && i <= count; i++)
		hfenv_url_free(&urls[i]);
	free(urls);
	free(endpoints);
	free(proxy.display);
	free_targets(defaults);
	return outcome;
}
