#include "io/connect.h"

#include "common/shorten.h"
#include "common/text.h"
#include "common/url.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* A proxy's status line is read up to its LF, and at most this many bytes. */
#define STATUS_LINE_MAX 1023

/* Records the first error of a connection (message is malloc'd; NULL when out of memory). */
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

long probe_elapsed_ms(const struct timespec *start)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - start->tv_sec) * 1000 + (now.tv_nsec - start->tv_nsec) / 1000000;
}

/* Waits for events until the step's deadline. */
static bool wait_for(struct probe_step *step, short events, const char *what)
{
	struct pollfd p = {.fd = step->fd, .events = events};
	int ready;
	while ((ready = poll(&p, 1, remaining_ms(&step->deadline))) < 0 && errno == EINTR)
		continue;
	if (ready == 0)
		return step_failed(step, text_format("%s within %g s", what, step->timeout_ms / 1000.0));
	if (ready < 0)
		return step_failed(step, text_format("poll: %s", strerror(errno)));
	return true;
}

/* host as a message shows it: escaped, at most PROBE_HOST_WIDTH columns; NULL on ENOMEM. */
static char *shown_host(const char *host)
{
	struct text t = {0};
	text_append_shortened(&t, host, false, PROBE_HOST_WIDTH);
	return text_finish(&t);
}

static bool resolve(struct probe_step *step, const struct probe_endpoint *at, struct addrinfo **found)
{
	struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM};
	int rc = getaddrinfo(at->host, at->port, &hints, found);
	int saved = errno;
	if (rc == 0)
		return true;
	char *shown = shown_host(at->host);
	step_failed(step, shown ? text_format("cannot resolve %s: %s", shown,
					      rc == EAI_SYSTEM ? strerror(saved) : gai_strerror(rc)) : NULL);
	free(shown);
	return false;
}

/* One address: true when connected, else the error recorded and the socket closed. */
static bool connect_address(struct probe_step *step, const struct addrinfo *a, const char *what, const char *doing)
{
	begin_step(step);
	step->fd = socket(a->ai_family, a->ai_socktype, a->ai_protocol);
	bool connected = false;
	if (step->fd < 0 || fcntl(step->fd, F_SETFL, O_NONBLOCK) != 0) {
		step_failed(step, text_format("socket: %s", strerror(errno)));
	} else if (connect(step->fd, a->ai_addr, a->ai_addrlen) == 0) {
		connected = true;
	} else if (errno != EINPROGRESS) {
		step_failed(step, text_format("cannot connect to %s: %s", what, strerror(errno)));
	} else if (wait_for(step, POLLOUT, doing ? doing : what)) {
		int error = 0;
		socklen_t len = sizeof error;
		connected = getsockopt(step->fd, SOL_SOCKET, SO_ERROR, &error, &len) == 0 && error == 0;
		if (!connected)
			step_failed(step, text_format("cannot connect to %s: %s", what, strerror(error)));
	}
	if (!connected && step->fd >= 0)
		close(step->fd);
	if (!connected)
		step->fd = -1;
	return connected;
}

/* Non-blocking connect to any address of at, each attempt limited by the step timeout. */
static bool probe_connect(struct probe_step *step, const struct probe_endpoint *at, const char *what)
{
	struct addrinfo *found;
	if (!resolve(step, at, &found))
		return false;
	char *doing = text_format("no connection to %s", what);
	for (struct addrinfo *a = found; a != NULL; a = a->ai_next) {
		free(step->error);
		step->error = NULL;
		if (connect_address(step, a, what, doing))
			break;
	}
	freeaddrinfo(found);
	free(doing);
	step->connected = step->fd >= 0;
	return step->connected;
}

static bool send_all(struct probe_step *step, const char *data, size_t len)
{
	begin_step(step);
	while (len > 0) {
		if (!wait_for(step, POLLOUT, "could not send to the proxy"))
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

/* Reads until want bytes arrived or, with line set, an LF; returns the length read. */
static size_t receive(struct probe_step *step, char *buf, size_t want, bool line)
{
	size_t got = 0;
	begin_step(step);
	while (got < want && !(line && got > 0 && buf[got - 1] == '\n')) {
		if (!wait_for(step, POLLIN, "no answer from the proxy"))
			return got;
		ssize_t n = recv(step->fd, buf + got, line ? 1 : want - got, 0);
		if (n == 0) {
			step_failed(step, text_format("the proxy closed the connection unanswered"));
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

/* The forms of the proxy's credentials an answer may echo: the password, user:password, and its base64. */
struct credentials {
	const char *forms[3];
	char *joined;
	char *encoded;
};

static bool make_credentials(const struct probe_proxy *proxy, struct credentials *c)
{
	*c = (struct credentials){0};
	if (proxy->user == NULL)
		return true;
	c->joined = text_format("%s:%s", proxy->user, proxy->password);
	c->encoded = c->joined ? base64(c->joined, strlen(c->joined)) : NULL;
	c->forms[0] = c->encoded, c->forms[1] = c->joined, c->forms[2] = proxy->password;
	return c->encoded != NULL;
}

static void free_credentials(struct credentials *c)
{
	free(c->joined);
	free(c->encoded);
}

/* Replaces text[at..at+n) by "***"; NULL on ENOMEM (text freed). */
static char *hide(char *text, size_t at, size_t n)
{
	char *hidden = text_format("%.*s***%s", (int)at, text, text + at + n);
	free(text);
	return hidden;
}

/*
 * line with every form of the credentials replaced by ***, and, when the line was cut before its end,
 * the start of one at its end; NULL on ENOMEM (line freed).
 */
static char *hide_credentials(char *line, const struct credentials *c, bool cut)
{
	for (size_t i = 0; line != NULL && i < sizeof c->forms / sizeof *c->forms; i++) {
		const char *form = c->forms[i];
		size_t n = form ? strlen(form) : 0, from = 0;
		for (char *found; n > 0 && line != NULL && (found = strstr(line + from, form)) != NULL;) {
			from = (size_t)(found - line) + 3;
			line = hide(line, (size_t)(found - line), n);
		}
		for (size_t k = n > 0 ? n - 1 : 0, len = line ? strlen(line) : 0; cut && k > 0 && line != NULL; k--)
			if (k <= len && memcmp(line + len - k, form, k) == 0) {
				line = hide(line, len - k, k);
				break;
			}
	}
	return line;
}

/* The status line of an answer to CONNECT, without the rest of the answer or any form of the credentials. */
static char *status_line(struct probe_step *step, const struct credentials *c)
{
	char buf[STATUS_LINE_MAX + 1];
	size_t n = receive(step, buf, STATUS_LINE_MAX, true);
	if (step->error != NULL)
		return NULL;
	bool cut = n == STATUS_LINE_MAX && buf[n - 1] != '\n';
	buf[n] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	char *line = hide_credentials(strdup(buf), c, cut);
	if (line == NULL)
		step_failed(step, NULL);
	return line;
}

static char *connect_request(const char *target, const struct credentials *c)
{
	return text_format("CONNECT %s HTTP/1.1\r\nHost: %s\r\n%s%s%s\r\n", target, target,
			   c->encoded ? "Proxy-Authorization: Basic " : "", c->encoded ? c->encoded : "",
			   c->encoded ? "\r\n" : "");
}

/* Sends CONNECT and reads the status line into *answer; true on 2xx. */
static bool http_connect(struct probe_step *step, const struct probe_proxy *proxy, const char *target, char **answer)
{
	struct credentials c;
	char *request = make_credentials(proxy, &c) ? connect_request(target, &c) : NULL, *line = NULL;
	if (request == NULL)
		step_failed(step, NULL);
	else if (send_all(step, request, strlen(request)))
		line = status_line(step, &c);
	free(request);
	free_credentials(&c);
	if (line == NULL)
		return false;
	const char *space = strchr(line, ' ');
	step->proxy_spoke = strncmp(line, "HTTP/", 5) == 0 && space != NULL;
	if (!step->proxy_spoke) {
		step_failed(step, text_format("not an HTTP status line: %s", line));
		free(line);
		return false;
	}
	*answer = line;
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
		return step_failed(step, text_format("SOCKS5: user or password refused"));
	return true;
}

/* SOCKS5 greeting, user/password if the URL has them, CONNECT by name; true when the proxy says succeeded. */
static bool socks5_connect(struct probe_step *step, const struct probe_proxy *proxy, const struct probe_endpoint *target,
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
	step->proxy_spoke = reply[0] == 5;
	if (!step->proxy_spoke)
		return step_failed(step, text_format("not a SOCKS5 proxy"));
	if (reply[1] != 0 && !(auth && reply[1] == 2))
		return step_failed(step, text_format("%s", auth ? "the SOCKS5 proxy wants another authentication method"
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

bool probe_through(struct probe_step *step, const struct probe_proxy *proxy, const struct probe_endpoint *target,
		   const char *target_text, char **answer)
{
	*answer = NULL;
	if (proxy->kind == PROBE_DIRECT) {
		if (!probe_connect(step, target, "the target"))
			return false;
		*answer = strdup("connected");
		return *answer != NULL || step_failed(step, NULL);
	}
	if (!probe_connect(step, &proxy->at, "the proxy"))
		return false;
	return proxy->kind == PROBE_HTTP ? http_connect(step, proxy, target_text, answer)
					 : socks5_connect(step, proxy, target, answer);
}

char *probe_endpoint_text(const struct probe_endpoint *at)
{
	return text_format(strchr(at->host, ':') ? "[%s]:%s" : "%s:%s", at->host, at->port);
}

void probe_step_end(struct probe_step *step)
{
	if (step->fd >= 0)
		close(step->fd);
	step->fd = -1;
	free(step->error);
	step->error = NULL;
}
