#include "engine/proxies.h"

#include "clients/families.h"
#include "clients/routes.h"
#include "common/ascii.h"
#include "common/text.h"
#include "common/url.h"
#include "engine/findings.h"
#include "engine/no_proxy_list.h"
#include "engine/storage.h"
#include "engine/values.h"

#include <stdlib.h>
#include <string.h>

static const char *const no_proxy_note_texts[HFENV_NO_PROXY_NOTE_KINDS] = {
	[HFENV_NO_PROXY_PORT_REMOVED] = "%n %v: port removed; all ports now skip the proxy",
	[HFENV_NO_PROXY_IPV6_RANGE_DROPPED] = "%n %v removed (httpx fails on it); list the addresses",
	[HFENV_NO_PROXY_RANGE_KEPT] = "%n %v: httpx, wget, urllib ignore ranges; list addresses",
};

/* The why of each note, for -v: which clients read the entry how. */
static const char *const no_proxy_note_details[HFENV_NO_PROXY_NOTE_KINDS] = {
	[HFENV_NO_PROXY_PORT_REMOVED] = "host:port in NO_PROXY: curl and reqwest ignore it, Go and requests honour it",
	[HFENV_NO_PROXY_IPV6_RANGE_DROPPED] = "NO_PROXY IPv6 range: httpx (huggingface_hub) fails before its first request",
	[HFENV_NO_PROXY_RANGE_KEPT] = "ranges: curl, requests, reqwest, Go honour them; urllib, wget, httpx not",
};

/* A name entry, not ".dom", an address or a loopback name: requests before 2.34 matches it without a dot boundary. */
static bool is_suffix_entry(const char *entry, size_t n)
{
	if ((n == 9 && memcmp(entry, "localhost", 9) == 0) || *entry == '.' || memchr(entry, ':', n) != NULL)
		return false;
	for (size_t i = 0; i < n; i++)
		if (entry[i] >= 'a' && entry[i] <= 'z')
			return true;
	return false;
}

/* One warning per kind of note, naming the entries as the user wrote them. */
static void report_no_proxy_notes(struct engine *e, const struct slot *s, const struct hfenv_no_proxy *np)
{
	for (enum hfenv_no_proxy_note_kind kind = 0; kind < HFENV_NO_PROXY_NOTE_KINDS; kind++) {
		struct text entries = {0};
		for (size_t i = 0; i < np->note_count; i++) {
			if (np->notes[i].kind != kind)
				continue;
			if (entries.len > 0)
				text_puts(&entries, ",");
			text_append(&entries, np->notes[i].entry, np->notes[i].length);
		}
		char *joined = text_finish(&entries);
		if (joined == NULL)
			e->out_of_memory = true;
		else if (*joined != '\0')
			add_finding(e, HFENV_WARNING, no_proxy_note_texts[kind], s->name, joined);
		if (joined != NULL && *joined != '\0')
			add_detail(e, "%s", no_proxy_note_details[kind]);
		free(joined);
	}
	if (!e->result->verbose || np->everything)
		return;
	for (const char *p = np->list; *p;) {
		size_t n = strcspn(p, ",");
		if (is_suffix_entry(p, n)) {
			add_detail(e, "%n: requests < 2.34 matches entries as bare suffixes (nothf.co for hf.co)",
				   s->name);
			return;
		}
		p += n + (p[n] == ',');
	}
}

/* Normalizing can leave a list in quotes ("..'a'" gives "'a'"): they go too, as a second run would remove them. */
static int normalize_no_proxy_list(struct engine *e, const char *value, struct hfenv_no_proxy *np)
{
	for (;;) {
		if (hfenv_normalize_no_proxy(value, np) != 0)
			return -1;
		size_t n = np->list ? strlen(np->list) : 0;
		if (n == 0 || !is_unquotable(np->list, np->list + n))
			return 0;
		char *inner = keep(e, strndup(np->list + 1, n - 2));
		hfenv_no_proxy_free(np);
		if (inner == NULL)
			return -1;
		value = inner;
	}
}

static const char *normalize_no_proxy(struct engine *e, struct slot *s, bool report)
{
	struct hfenv_no_proxy np;
	if (normalize_no_proxy_list(e, s->value, &np) != 0) {
		e->out_of_memory = true;
		return NULL;
	}
	if (np.bad_entry != NULL) {
		if (report)
			add_finding(e, HFENV_ERROR, "%n=%v: a blank inside an entry; separate entries with commas",
				    s->name, s->value);
		return NULL;
	}
	if (report)
		report_no_proxy_notes(e, s, &np);
	e->no_proxy_everything = e->no_proxy_everything || (report && np.everything);
	e->no_proxy_names_alone = e->no_proxy_names_alone || (report && np.names_alone);
	if (report && np.names_alone)
		add_detail(e, "%n: too long to add '.dom' entries; aria2c proxies subdomains of its names", s->name);
	const char *list = keep(e, np.list);
	np.list = NULL;
	hfenv_no_proxy_free(&np);
	return list;
}

/* For -v: the clients that take another port than the scheme's for an http:// proxy without one ("curl and git"). */
static void detail_http_proxy_port(struct engine *e)
{
	unsigned usual = hfenv_scheme_port(HFENV_SCHEME_HTTP), other = usual;
	const char *odd[HFENV_CLIENTS];
	size_t count = 0;
	for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++) {
		if (hfenv_client_http_proxy_port(c) == usual)
			continue;
		other = hfenv_client_http_proxy_port(c);
		odd[count++] = hfenv_client_id(c);
	}
	struct text clients = {0};
	for (size_t i = 0; i < count; i++) {
		text_puts(&clients, i == 0 ? "" : i + 1 == count ? " and " : ", ");
		text_puts(&clients, odd[i]);
	}
	char *named = text_finish(&clients);
	if (named == NULL)
		e->out_of_memory = true;
	else if (count > 0)
		add_detail(e, "http:// proxy without a port: %s take %z, the other clients %z", named, (size_t)other,
			   (size_t)usual);
	free(named);
}

/* A URL without a port got its scheme's: said once, naming where it came from. */
static void report_written_port(struct engine *e, const char *subject, const char *twin, const struct hfenv_url *url)
{
	add_finding(e, HFENV_WARNING, "%n%s%s %s no port: every client now uses :%z; add it", subject,
		    twin ? " and " : "", twin ? twin : "", twin ? "have" : "has", (size_t)hfenv_scheme_port(url->scheme));
	if (url->scheme == HFENV_SCHEME_HTTP && e->result->verbose)
		detail_http_proxy_port(e);
}

/* The normalized value of s; NULL when invalid, with an error finding if report is set. */
static const char *normalize_value(struct engine *e, enum pair pair, struct slot *s, bool report, bool *socks)
{
	if (pair == PAIR_NO)
		return normalize_no_proxy(e, s, report);
	enum hfenv_url_status status;
	struct hfenv_url url;
	if (hfenv_parse_proxy_url(s->value, &status, &url) != 0) {
		e->out_of_memory = true;
		return NULL;
	}
	const struct slot *twin = report ? same_valued_twin(e, s) : NULL;
	if (status != HFENV_URL_OK) {
		if (report)
			add_finding(e, HFENV_ERROR, "%n%s%s=%v: %s", s->name, twin ? " and " : "", twin ? twin->name : "",
				    s->value, hfenv_url_status_text(status));
		return NULL;
	}
	if (report && url.written_port)
		report_written_port(e, s->name, twin ? twin->name : NULL, &url);
	*socks = url.socks;
	char *text = url.text;
	url.text = NULL;
	hfenv_url_free(&url);
	return keep(e, text);
}

/* The next spelling of pair in another letter case after slot `after` (NULL: the first), in the environment's order. */
static struct slot *next_odd_case(struct engine *e, enum pair pair, struct slot *after)
{
	enum hfenv_variable lower = (enum hfenv_variable)(VAR_HTTP_LOWER + 2 * pair);
	for (struct slot *s = after ? after + 1 : e->slots + HFENV_VARIABLES; s < e->slots + e->slot_count; s++)
		if (s->value != NULL && hfenv_proxy_variable_any_case(s->name, s->name_len) == lower)
			return s;
	return NULL;
}

/* An odd-case spelling other than the winner goes; said in one warning, with how its value compares to text. */
static void report_lost_odd_case(struct engine *e, enum pair pair, struct slot *odd, const char *text)
{
	const struct slot *lower = pair_lower(e, pair);
	bool socks = false;
	const char *value = *odd->value ? normalize_value(e, pair, odd, false, &socks) : NULL;
	if (*odd->value == '\0') {
		add_finding(e, HFENV_WARNING, "%n: only Python reads this spelling; removed (empty)", odd->name);
	} else if (value != NULL && text != NULL && strcmp(value, text) == 0) {
		add_finding(e, HFENV_WARNING, "%n: only Python reads this spelling; removed (%n has its value)", odd->name,
			    lower->name);
	} else {
		add_finding(e, HFENV_WARNING, "%n: only Python reads this spelling; removed (%n wins over it)", odd->name,
			    lower->name);
		add_detail(e, "%n was %v", odd->name, odd->value);
	}
}

/* Python's urllib alone reads Https_Proxy: every such spelling of pair goes, its value in both spellings if it won. */
static void remove_odd_case(struct engine *e, enum pair pair, const struct slot *winner, const char *text, bool cgi_http)
{
	const struct slot *lower = pair_lower(e, pair);
	for (struct slot *odd = next_odd_case(e, pair, NULL); odd != NULL; odd = next_odd_case(e, pair, odd)) {
		if (odd != winner)
			report_lost_odd_case(e, pair, odd, text);
		else if (cgi_http)
			add_finding(e, HFENV_WARNING, "%n: only Python reads this spelling; moved to %n", odd->name,
				    lower->name);
		else
			add_finding(e, HFENV_WARNING, "%n: only Python reads this spelling; moved to %n and %n", odd->name,
				    lower->name, lower[1].name);
		odd->value = NULL;
	}
}

/* The spelling whose value the pair takes: the preferred one, the other, or else one in another letter case. */
static struct slot *pair_winner(struct engine *e, enum pair pair)
{
	struct slot *lower = pair_lower(e, pair), *upper = lower + 1;
	if (lower->value != NULL && upper->value != NULL)
		return e->prefer == HFENV_PREFER_UPPER ? upper : lower;
	if (lower->value != NULL || upper->value != NULL)
		return lower->value ? lower : upper;
	struct slot *odd = next_odd_case(e, pair, NULL);
	while (odd != NULL && *odd->value == '\0')
		odd = next_odd_case(e, pair, odd);
	return odd;
}

/* Both spellings end up with the preferred value, normalized; under CGI only http_proxy survives. */
static void normalize_pair(struct engine *e, enum pair pair)
{
	struct slot *lower = pair_lower(e, pair), *upper = lower + 1;
	bool cgi_http = pair == PAIR_HTTP && e->cgi;
	if (cgi_http && upper->value != NULL) {
		add_finding(e, HFENV_WARNING,
			    "REQUEST_METHOD is set: HTTP_PROXY may come from a request (httpoxy); removed it");
		upper->value = NULL;
	}
	unset_if_empty(lower);
	unset_if_empty(upper);
	struct slot *winner = pair_winner(e, pair);
	bool socks = false, loser_socks = false;
	const char *text = winner ? normalize_value(e, pair, winner, true, &socks) : NULL;
	struct slot *loser = winner == lower ? upper : winner == upper ? lower : NULL;
	if (loser != NULL && loser->value != NULL) {
		const char *other = normalize_value(e, pair, loser, false, &loser_socks);
		if (text == NULL || other == NULL || strcmp(text, other) != 0) {
			add_finding(e, HFENV_WARNING, "%n=%v wins over a different %n", winner->name, winner->value, loser->name);
			add_detail(e, "%n was %v (--prefer %s chooses the other)", loser->name, loser->value,
				   e->prefer == HFENV_PREFER_UPPER ? "lower" : "upper");
		}
	}
	remove_odd_case(e, pair, winner, text, cgi_http);
	if (winner == NULL)
		return;
	if (text != NULL && *text == '\0')
		text = NULL;
	lower->value = text;
	upper->value = cgi_http ? NULL : text;
	e->socks_url[pair] = text != NULL && socks;
	e->source[pair] = winner == lower || winner == upper ? winner : lower; /* an odd spelling is gone: its value is here */
}

/* NO_PROXY=* exempts every host, but wget does not read it so: no proxy variable is left for it to use. */
static void drop_proxies_for_everything(struct engine *e)
{
	if (!e->no_proxy_everything)
		return;
	if (e->proxy_option != NULL)
		add_finding(e, HFENV_WARNING, "%n has '*', so every client goes direct: %s unused; remove the '*'",
			    e->source[PAIR_NO]->name, e->proxy_option);
	for (enum pair pair = PAIR_HTTP; pair <= PAIR_ALL; pair++) {
		pair_lower(e, pair)->value = NULL;
		(pair_lower(e, pair) + 1)->value = NULL;
		e->socks_url[pair] = false;
	}
}

static bool lists_entry(const char *list, const char *entry)
{
	size_t n = strlen(entry);
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, ",");
		if (len == n && memcmp(p, entry, n) == 0)
			return true;
		p += len + (p[len] == ',');
	}
	return false;
}

/* With a proxy set, loopback skips it in every client, as it always does in Go; --proxy-loopback opts out. */
static void exempt_loopback(struct engine *e)
{
	if (e->proxy_loopback || (!pair_set(e, PAIR_HTTP) && !pair_set(e, PAIR_HTTPS)))
		return;
	const char *list = slot_of(e, VAR_NO_LOWER)->value ? slot_of(e, VAR_NO_LOWER)->value : "";
	struct text t = {0};
	text_puts(&t, list);
	for (size_t i = 0; i < HFENV_NO_PROXY_LOOPBACK_ENTRIES; i++) {
		const char *entry = hfenv_no_proxy_loopback[i];
		if (lists_entry(list, entry) || (e->no_proxy_names_alone && *entry == '.'))
			continue;
		if (t.len > 0)
			text_puts(&t, ",");
		text_puts(&t, entry);
	}
	if (!t.failed && t.len == strlen(list)) {
		free(t.data);
		return;
	}
	char *extended = text_finish(&t), *fitted = extended != NULL ? realloc(extended, t.len + 1) : NULL;
	const char *value = keep(e, fitted != NULL ? fitted : extended);
	slot_of(e, VAR_NO_LOWER)->value = value;
	slot_of(e, VAR_NO_UPPER)->value = value;
}

/* ALL_PROXY fills the HTTP and HTTPS pairs left unset; a SOCKS one that is not allowed was refused already. */
static void fill_from_all_proxy(struct engine *e)
{
	const char *all = slot_of(e, VAR_ALL_LOWER)->value;
	if (all == NULL)
		return;
	for (enum pair pair = PAIR_HTTP; pair <= PAIR_HTTPS; pair++) {
		if (pair_set(e, pair))
			continue;
		pair_lower(e, pair)->value = all;
		(pair_lower(e, pair) + 1)->value = (pair == PAIR_HTTP && e->cgi) ? NULL : all;
	}
}

/* --proxy or HFENV_PROXY, normalized, goes to both spellings of the HTTP and HTTPS pairs. */
static void apply_proxy_setting(struct engine *e)
{
	const struct hfenv_options *opts = e->opts;
	const char *source = opts->proxy ? "--proxy" : "HFENV_PROXY";
	const char *proxy = opts->proxy ? opts->proxy : slot_of(e, VAR_HFENV_PROXY)->value;
	if (proxy == NULL)
		return;
	const char *start = proxy, *end = proxy + strlen(proxy);
	trim_blanks(&start, &end);
	if (start == end) {
		if (opts->proxy)
			add_finding(e, HFENV_ERROR, "--proxy is empty: give a URL such as http://127.0.0.1:7890");
		return;
	}
	char *value = keep(e, strndup(start, (size_t)(end - start)));
	enum hfenv_url_status status;
	struct hfenv_url url;
	if (value == NULL || hfenv_parse_proxy_url(value, &status, &url) != 0) {
		e->out_of_memory = true;
		return;
	}
	if (status != HFENV_URL_OK) {
		add_finding(e, HFENV_ERROR, "%s %v: %s", source, proxy, hfenv_url_status_text(status));
		return;
	}
	if (url.written_port)
		report_written_port(e, source, NULL, &url);
	value = keep(e, url.text);
	url.text = NULL;
	hfenv_url_free(&url);
	e->proxy_option = source;
	for (enum hfenv_variable s = VAR_HTTP_LOWER; s <= VAR_HTTPS_UPPER; s++)
		if (!(s == VAR_HTTP_UPPER && e->cgi))
			slot_of(e, s)->value = value;
}

/* The proxy setting, then each pair normalized; NO_PROXY=* leaves no proxy. */
void normalize_proxies(struct engine *e)
{
	apply_proxy_setting(e);
	for (enum pair pair = PAIR_HTTP; pair < PAIRS; pair++)
		normalize_pair(e, pair);
	drop_proxies_for_everything(e);
}

/* Once the SOCKS policy kept what it allows: ALL_PROXY fills the gaps, and loopback skips the proxy. */
void complete_proxies(struct engine *e)
{
	fill_from_all_proxy(e);
	exempt_loopback(e);
}
