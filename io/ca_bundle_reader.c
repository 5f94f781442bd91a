#include "io/ca_bundle_reader.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK 16384
#define LINE_KEPT 40                  /* longer than either marker with trailing blanks; longer lines never match */

static const char begin_marker[] = "-----BEGIN CERTIFICATE-----";
static const char end_marker[] = "-----END CERTIFICATE-----";

struct pem_scan {
	char line[LINE_KEPT];
	size_t len;                   /* bytes of the line so far, counted past LINE_KEPT */
	bool in_certificate;
	size_t certificates;
	bool first_byte_seen;
	bool starts_like_der;         /* 0x30: an ASN.1 SEQUENCE, as every DER certificate starts */
};

static bool line_is(const struct pem_scan *scan, const char *marker)
{
	size_t n = scan->len < LINE_KEPT ? scan->len : LINE_KEPT;
	while (n > 0 && (scan->line[n - 1] == '\r' || scan->line[n - 1] == ' ' || scan->line[n - 1] == '\t'))
		n--;
	return scan->len <= LINE_KEPT && n == strlen(marker) && memcmp(scan->line, marker, n) == 0;
}

static void end_line(struct pem_scan *scan)
{
	if (line_is(scan, begin_marker)) {
		scan->in_certificate = true;
	} else if (line_is(scan, end_marker) && scan->in_certificate) {
		scan->in_certificate = false;
		scan->certificates++;
	}
	scan->len = 0;
}

static void scan_bytes(struct pem_scan *scan, const char *data, size_t n)
{
	if (n > 0 && !scan->first_byte_seen) {
		scan->first_byte_seen = true;
		scan->starts_like_der = (unsigned char)data[0] == 0x30;
	}
	for (size_t i = 0; i < n; i++) {
		if (data[i] == '\n') {
			end_line(scan);
			continue;
		}
		if (scan->len < LINE_KEPT)
			scan->line[scan->len] = data[i];
		if (scan->len <= LINE_KEPT)
			scan->len++;
	}
}

static char *absolute(const char *path)
{
	char *cwd = getcwd(NULL, 0);
	if (cwd == NULL)
		return NULL;
	size_t n = strlen(cwd);
	char *joined = malloc(n + strlen(path) + 2);
	if (joined != NULL) {
		memcpy(joined, cwd, n);
		joined[n] = '/';
		strcpy(joined + n + 1, path);
	}
	free(cwd);
	return joined;
}

/* Scans fd until HFENV_BUNDLE_FEW certificates, its end, or past HFENV_BUNDLE_BYTES_MAX (*too_large); 0 or an errno. */
static int scan_file(int fd, struct pem_scan *scan, bool *too_large)
{
	char *chunk = malloc(CHUNK);
	size_t total = 0;
	int error = chunk == NULL ? ENOMEM : 0;
	while (error == 0 && scan->certificates < HFENV_BUNDLE_FEW && total <= HFENV_BUNDLE_BYTES_MAX) {
		ssize_t got = read(fd, chunk, CHUNK);
		if (got == 0)
			break;
		if (got < 0) {
			error = errno == EINTR ? 0 : errno;
			continue;
		}
		total += (size_t)got;
		scan_bytes(scan, chunk, (size_t)got);
	}
	free(chunk);
	*too_large = total > HFENV_BUNDLE_BYTES_MAX && scan->certificates < HFENV_BUNDLE_FEW;
	return error;
}

/* A missing, unreadable, irregular or too large file, found without opening it (a FIFO or a device must not be opened). */
static void look_at(const char *path, struct hfenv_bundle_facts *facts)
{
	struct stat st;
	*facts = (struct hfenv_bundle_facts){.status = HFENV_BUNDLE_OK};
	if (stat(path, &st) != 0 || (S_ISREG(st.st_mode) && access(path, R_OK) != 0))
		*facts = (struct hfenv_bundle_facts){.status = HFENV_BUNDLE_UNREADABLE, .error = errno};
	else if (!S_ISREG(st.st_mode))
		facts->status = HFENV_BUNDLE_NOT_A_FILE;
	else if (st.st_size > HFENV_BUNDLE_BYTES_MAX)
		facts->status = HFENV_BUNDLE_TOO_LARGE;
}

void hfenv_read_ca_bundle(const char *path, bool contents, struct hfenv_bundle_facts *facts)
{
	if (!contents) {
		look_at(path, facts);
		return;
	}
	*facts = (struct hfenv_bundle_facts){.status = HFENV_BUNDLE_OK};
	/* O_NONBLOCK: a FIFO must not hang hfenv before it is found not to be a file. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		*facts = (struct hfenv_bundle_facts){.status = HFENV_BUNDLE_UNREADABLE, .error = errno};
		if (fd >= 0)
			close(fd);
		return;
	}
	struct pem_scan scan = {0};
	bool too_large = S_ISREG(st.st_mode) && st.st_size > HFENV_BUNDLE_BYTES_MAX;
	int error = 0;
	if (!S_ISREG(st.st_mode))
		facts->status = HFENV_BUNDLE_NOT_A_FILE;
	else if (!too_large && (error = scan_file(fd, &scan, &too_large)) != 0)
		*facts = (struct hfenv_bundle_facts){.status = HFENV_BUNDLE_UNREADABLE, .error = error};
	else if (scan.len > 0)
		end_line(&scan);
	close(fd);
	if (too_large)
		facts->status = HFENV_BUNDLE_TOO_LARGE;
	if (facts->status != HFENV_BUNDLE_OK)
		return;
	facts->certificates = scan.certificates;
	if (scan.certificates == 0)
		facts->status = scan.starts_like_der ? HFENV_BUNDLE_DER : HFENV_BUNDLE_NO_CERTIFICATE;
	else if (path[0] != '/')
		facts->absolute_path = absolute(path);
}
