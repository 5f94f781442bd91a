#ifndef HFENV_CLIENTS_DESTINATION_H
#define HFENV_CLIENTS_DESTINATION_H

#include <stdbool.h>

/* A host a request goes to: lower case, IPv6 without brackets; port given in the URL, or the scheme's. */
struct hfenv_destination {
	const char *host;
	unsigned port;
	bool port_given;
	const char *written;          /* the host as the URL writes it, for aria2c, which keeps its case; NULL: host */
};

#endif
