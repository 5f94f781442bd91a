#ifndef HFENV_CLIENTS_NO_PROXY_MATCH_H
#define HFENV_CLIENTS_NO_PROXY_MATCH_H

#include "clients/destination.h"

#include <stdbool.h>
#include <stddef.h>

/* The host a NO_PROXY entry is matched against: the destination, and its address when it is one. */
struct matched_host {
	const struct hfenv_destination *d;
	unsigned char address[16];
	size_t address_length;        /* 4 or 16; 0 when the host is a name */
};

/* How a client matches a host against one NO_PROXY entry (docs/proxy-clients.md, and tests/clients' rows). */
typedef bool entry_matcher(const char *entry, size_t n, const struct matched_host *h);
/* dom: dom and subdomains; ".dom" too; "*.dom" and "dom:port" never; CIDR */
entry_matcher match_curl;
/* dom: dom and subdomains; ".dom": subdomains only; no CIDR, no port */
entry_matcher match_wget;
/* dom and ".dom": dom and subdomains; "dom:port" for a URL with that port; no CIDR */
entry_matcher match_urllib;
/* requests >= 2.34: IPv4 CIDR, then urllib's rule (2.28 to 2.33 matched plain suffixes) */
entry_matcher match_requests;
/* reqwest 0.11: curl's, but case-sensitive, and "*" alone matches everything; CIDR */
entry_matcher match_rust;
/* hyper-util 0.1.20: reqwest 0.11's, in any case */
entry_matcher match_rust_any_case;
/* dom: dom and subdomains; ".dom": subdomains; "*.dom" never; "dom:port"; an address: that address only, "/bits" ignored */
entry_matcher match_httpx;
/* httpx's, but "*.dom" as ".dom", CIDR, and entries it cannot parse dropped */
entry_matcher match_httpx2;
/* dom: dom and subdomains; ".dom", "*.dom": subdomains; "dom:port"; CIDR */
entry_matcher match_go;
/* aria2c: dom the URL's host exactly, as written; ".dom" its subdomains; "*.dom" and "dom:port" never; CIDR */
entry_matcher match_aria2;

/* httpx builds a URL pattern of every NO_PROXY entry when it starts: an IPv6 range, "[...]" or a bad port fails it. */
bool httpx_entry_fails_at_start(const char *entry, size_t n);

/* An address of host (IPv4 or IPv6), into bytes; its length, or 0 when host is a name. */
size_t parse_address(const char *text, size_t n, unsigned char bytes[16]);
/* An address parse_address gave is in 127.0.0.0/8 or is ::1. */
bool is_loopback_address(const unsigned char bytes[16], size_t length);
/* host is localhost, in 127.0.0.0/8 or ::1. */
bool is_loopback_host(const char *host);

#endif
