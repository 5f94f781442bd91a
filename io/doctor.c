#include "io/doctor.h"

#include "common/environment.h"
#include "common/text.h"
#include "io/probe_line.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* Clash's mixed port, Clash Verge Rev's, V2RayN's HTTP port, the SOCKS port of ssh -D and others, 8080. */
static const unsigned local_ports[] = {7890, 7897, 10809, 1080, 8080};
#define LOCAL_PORTS (sizeof local_ports / sizeof *local_ports)
#define LOCAL_PORT_NAMES "ports 7890, 7897, 10809, 1080, 8080"
#define LOOPBACK "127.0.0.1"

enum port_kind { PORT_CLOSED, PORT_HTTP, PORT_SOCKS5, PORT_NEITHER };

static const char *const port_kind_texts[] = {
	[PORT_CLOSED] = "closed", [PORT_HTTP] = "HTTP CONNECT", [PORT_SOCKS5] = "SOCKS5",
	[PORT_NEITHER] = "neither HTTP nor SOCKS5",
};

struct port_answer {
	enum port_kind kind;
	bool usable;                  /* CONNECT answered 2xx, or SOCKS5 succeeded */
	char *text;                   /* the answer or the error, malloc'd */
	long ms;
};

/* One attempt in one protocol; true when the port accepted the connection. */
static bool try_protocol(struct probe_proxy *proxy, const struct probe_endpoint *target, const char *target_text,
			 int timeout_ms, struct port_answer *a)
{
	struct probe_step step = PROBE_STEP(timeout_ms);
	char *answer = NULL;
	a->usable = probe_through(&step, proxy, target, target_text, &answer);
	if (step.proxy_spoke)
		a->kind = proxy->kind == PROBE_HTTP ? PORT_HTTP : PORT_SOCKS5;
	if (answer != NULL || step.proxy_spoke || a->text == NULL) {
		free(a->text);
		a->text = answer ? answer : step.error;
		if (answer == NULL)
			step.error = NULL;
	}
	bool connected = step.connected;
	probe_step_end(&step);
	return connected;
}

/* HTTP CONNECT first (a mixed port takes both), then SOCKS5 when the port did not answer in HTTP. */
static void scan_port(unsigned port, const struct probe_endpoint *target, const char *target_text, int timeout_ms,
		      struct port_answer *a)
{
	struct probe_proxy proxy = {.kind = PROBE_HTTP, .at.host = LOOPBACK};
	snprintf(proxy.at.port, sizeof proxy.at.port, "%u", port);
	struct timespec start;
	clock_gettime(CLOCK_MONOTONIC, &start);
	*a = (struct port_answer){.kind = PORT_CLOSED};
	if (try_protocol(&proxy, target, target_text, timeout_ms, a) && a->kind == PORT_CLOSED) {
		a->kind = PORT_NEITHER;
		proxy.kind = PROBE_SOCKS5;
		try_protocol(&proxy, target, target_text, timeout_ms, a);
	}
	a->ms = probe_elapsed_ms(&start);
}

/* The command that uses the first port that works, HTTP before SOCKS5. */
static void say_how_to_use(FILE *out, const struct port_answer answers[LOCAL_PORTS])
{
	for (enum port_kind kind = PORT_HTTP; kind <= PORT_SOCKS5; kind++)
		for (size_t i = 0; i < LOCAL_PORTS; i++)
			if (answers[i].kind == kind && answers[i].usable) {
				if (kind == PORT_HTTP)
					fprintf(out, "use it: hfenv -p http://" LOOPBACK ":%u COMMAND\n", local_ports[i]);
				else
					fprintf(out, "use it: hfenv --allow-socks -p socks5h://" LOOPBACK ":%u COMMAND"
						     " (httpx then needs socksio)\n", local_ports[i]);
				return;
			}
}

void doctor_scan_local_ports(FILE *out, char *const env[], const struct probe_endpoint *target, int timeout_ms)
{
	struct port_answer answers[LOCAL_PORTS];
	char *target_text = probe_endpoint_text(target);
	size_t open = 0;
	for (size_t i = 0; i < LOCAL_PORTS; i++) {
		scan_port(local_ports[i], target, target_text ? target_text : target->host, timeout_ms, &answers[i]);
		open += answers[i].kind != PORT_CLOSED;
	}
	free(target_text);
	fprintf(out, "local proxies on " LOOPBACK " (" LOCAL_PORT_NAMES "):%s\n", open ? "" : " none answers");
	for (size_t i = 0; i < LOCAL_PORTS; i++) {
		char label[24];
		snprintf(label, sizeof label, LOOPBACK ":%u", local_ports[i]);
		if (answers[i].kind != PORT_CLOSED)
			probe_print_line(out, label, strlen(LOOPBACK ":10809"), port_kind_texts[answers[i].kind],
					 answers[i].text ? answers[i].text : "out of memory", answers[i].ms);
		free(answers[i].text);
	}
	say_how_to_use(out, answers);
	if (open == 0)
		doctor_container_hint(out, env, "7890");
}

/* What says this is a container, for people ("/.dockerenv", "container=podman"); NULL outside one. */
static char *container_signal(char *const env[], bool *podman)
{
	const char *variable = hfenv_getenv(env, "container");
	*podman = variable != NULL && strcmp(variable, "podman") == 0;
	if (variable != NULL && *variable != '\0')
		return text_format("container=%s", variable);
	*podman = access("/run/.containerenv", F_OK) == 0;
	if (*podman)
		return strdup("/run/.containerenv");
	return access("/.dockerenv", F_OK) == 0 ? strdup("/.dockerenv") : NULL;
}

/* The default route's gateway in /proc/net/route (the bridge's address in a container); false when none. */
static bool default_gateway(char gateway[INET_ADDRSTRLEN])
{
	FILE *routes = fopen("/proc/net/route", "r");
	char line[256];
	bool found = false;
	while (routes != NULL && !found && fgets(line, sizeof line, routes) != NULL) {
		char interface[64];
		unsigned long destination, address;
		unsigned flags;
		if (sscanf(line, "%63s %lx %lx %x", interface, &destination, &address, &flags) == 4 && destination == 0 &&
		    (flags & 2) != 0 && address != 0) {
			/* The kernel prints the address as it lies in memory, read as one number. */
			struct in_addr a = {.s_addr = (in_addr_t)address};
			found = inet_ntop(AF_INET, &a, gateway, INET_ADDRSTRLEN) != NULL;
		}
	}
	if (routes != NULL)
		fclose(routes);
	return found;
}

void doctor_container_hint(FILE *out, char *const env[], const char *port)
{
	bool podman;
	char *sign = container_signal(env, &podman), gateway[INET_ADDRSTRLEN];
	if (sign == NULL)
		return;
	const char *host_name = podman ? "host.containers.internal" : "host.docker.internal";
	bool has_gateway = default_gateway(gateway);
	probe_print_around(out, "in a container (", sign, "): " LOOPBACK " is the container itself, not the host");
	fprintf(out, "reach the host with --network=host, or as %s or %s%s:\n", host_name,
		has_gateway ? "its gateway " : "the bridge gateway", has_gateway ? gateway : "");
	fprintf(out, "  hfenv -p http://%s:%s COMMAND (the proxy must allow LAN connections)\n",
		has_gateway ? gateway : host_name, port);
	free(sign);
}
