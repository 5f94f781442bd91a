#include "render/usage.h"

/* hfenv-static is compiled without io/probe.c (HFENV_WITH_PROBE=0): its help does not offer --probe. */
#if defined(HFENV_WITH_PROBE) && !HFENV_WITH_PROBE
#define PROBE_HELP ""
#else
#define PROBE_HELP \
	"      --probe [HOST[:PORT]]...  connect to each HOST (port 443) as\n" \
	"                        huggingface_hub would: CONNECT through the https proxy,\n" \
	"                        direct for NO_PROXY; default: HF_ENDPOINT's host or\n" \
	"                        huggingface.co, and the Xet hosts; exit 0 if all answer\n" \
	"      --timeout SECONDS --probe: limit for each connect, send and read (5)\n"
#endif

const char hfenv_usage[] =
	"Usage: hfenv [OPTION]... [--] [NAME=VALUE]... [COMMAND [ARG]...]\n"
	"Put the proxy variables in order for every HTTP client, then run COMMAND.\n"
	"With no COMMAND, print the resulting environment.\n"
	"\n"
	"  -p, --proxy URL       use URL (http://HOST:PORT) as the HTTP and HTTPS proxy\n"
	"  -x, --no-xet          disable Xet (HF_HUB_DISABLE_XET=1 and\n"
	"                        HF_HUB_DISABLE_XETHUB=1); also lets a SOCKS proxy\n"
	"                        through: hf_xet, which misreads one, is off\n"
	"      --allow-socks     let socks4/socks4a/socks5/socks5h proxy URLs through\n"
	"      --proxy-loopback  do not add localhost, 127.0.0.1 and ::1 to NO_PROXY\n"
	"      --prefer lower|upper  which spelling wins when both differ (default lower)\n"
	"      --ca-bundle FILE  trust the PEM certificates in FILE: it is put in every\n"
	"                        CA bundle variable (REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE,\n"
	"                        SSL_CERT_FILE, GIT_SSL_CAINFO, NODE_EXTRA_CA_CERTS)\n"
	"  -u, --unset NAME      remove NAME from the environment (repeatable)\n"
	"      --export[=sh|fish]  print shell statements that apply the changes:\n"
	"                        eval \"$(hfenv --export)\"; bash, zsh, dash, ksh mean sh\n"
	"      --explain[=table|tsv] [HOST|URL]...  show the route and CA bundle of each\n"
	"                        HTTP client before and after hfenv; exit 0 if all\n"
	"                        agree after it, 1 if not, 125 if hfenv would refuse\n"
	PROBE_HELP
	"  -v, --verbose         report every change on stderr (passwords shown as ***)\n"
	"  -q, --quiet           no warnings\n"
	"  -h, --help            show this help\n"
	"  -V, --version         show the version\n"
	"\n"
	"Settings from the environment (options win; true: 1, on, yes, true):\n"
	"HFENV_PROXY, HFENV_NO_XET, HFENV_ALLOW_SOCKS, HFENV_PROXY_LOOPBACK,\n"
	"HFENV_PREFER, HFENV_CA_BUNDLE, HFENV_VERBOSE, HFENV_QUIET.\n"
	"Exit status: COMMAND's own; 125 if hfenv fails or refuses a value; 126 if\n"
	"COMMAND cannot be run; 127 if COMMAND is not found.\n";
