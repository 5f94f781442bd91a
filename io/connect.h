#ifndef HFENV_IO_CONNECT_H
#define HFENV_IO_CONNECT_H

#include <stdbool.h>
#include <time.h>

/* The connections of --probe: TCP, HTTP CONNECT and SOCKS5, each step limited in time. */

/* A host and port to connect to: the host as the URL parser gives it (IPv6 without brackets, a zone as %25 or %). */
struct probe_endpoint {
	const char *host;
	char port[12];                /* decimal, as getaddrinfo takes it */
};

enum probe_proxy_kind { PROBE_DIRECT, PROBE_HTTP, PROBE_SOCKS5 };

struct probe_proxy {
	enum probe_proxy_kind kind;
	struct probe_endpoint at;
	const char *user;             /* percent-decoded, or NULL */
	const char *password;         /* "" when the URL has a user and no password */
};

/* One connection: its socket, the limit of each connect, send and read, and the first error. */
struct probe_step {
	int fd;
	int timeout_ms;
	struct timespec deadline;     /* of the connect, send or read under way */
	bool connected;               /* the TCP connection to the proxy, or direct to the target, was made */
	bool proxy_spoke;             /* the proxy answered in its protocol: an HTTP status line, a SOCKS5 reply */
	char *error;                  /* malloc'd, set when a step failed; not escaped */
};

#define PROBE_STEP(timeout) ((struct probe_step){.fd = -1, .timeout_ms = (timeout)})

/*
 * To target through proxy (directly for PROBE_DIRECT): true when the proxy answered 2xx or SOCKS5
 * success, or the direct connection was accepted.  *answer is then, or when the proxy answered
 * otherwise, what it said (malloc'd, not escaped: the HTTP status line alone, every form of the
 * proxy's credentials replaced by ***); else step->error says what failed.  target_text is the
 * CONNECT request's HOST:PORT.
 */
bool probe_through(struct probe_step *step, const struct probe_proxy *proxy, const struct probe_endpoint *target,
		   const char *target_text, char **answer);

/* HOST:PORT, an IPv6 address in brackets; NULL on ENOMEM. */
char *probe_endpoint_text(const struct probe_endpoint *at);

/* Closes the socket and frees the error. */
void probe_step_end(struct probe_step *step);

long probe_elapsed_ms(const struct timespec *start);

/* A host name in a message takes at most this many columns. */
#define PROBE_HOST_WIDTH 40

#endif
