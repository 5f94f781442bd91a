#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "engine_cases.h"

static const char *const bundle_variables[] = {
	"REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE", "GIT_SSL_CAINFO", "NODE_EXTRA_CA_CERTS",
};
#define BUNDLE_VARIABLES (sizeof bundle_variables / sizeof bundle_variables[0])

/* The files of these tests, by name: what a real reader would find in them, or without their contents a stat. */
static void fake_reader(const char *path, bool contents, struct hfenv_bundle_facts *facts)
{
	*facts = (struct hfenv_bundle_facts){.status = HFENV_BUNDLE_OK, .certificates = contents ? 140 : 0};
	if (strstr(path, "missing.pem") != NULL)
		*facts = (struct hfenv_bundle_facts){.status = HFENV_BUNDLE_UNREADABLE, .error = ENOENT};
	else if (strcmp(path, "/etc/ssl/certs") == 0)
		facts->status = HFENV_BUNDLE_NOT_A_FILE;
	else if (!contents)
		return;
	else if (strcmp(path, "/empty.pem") == 0)
		facts->status = HFENV_BUNDLE_NO_CERTIFICATE;
	else if (strcmp(path, "/root.der") == 0)
		facts->status = HFENV_BUNDLE_DER;
	else if (strcmp(path, "/disk.img") == 0)
		facts->status = HFENV_BUNDLE_TOO_LARGE;
	else if (strcmp(path, "/corp-root.pem") == 0)
		facts->certificates = 1;
	else if (strcmp(path, "relative.pem") == 0)
		facts->absolute_path = strdup("/work/relative.pem");
}

/* The five bundle variables all set to path: what every client then reads. */
#define EVERY_BUNDLE(path) \
	"REQUESTS_CA_BUNDLE=" path, "CURL_CA_BUNDLE=" path, "SSL_CERT_FILE=" path, "GIT_SSL_CAINFO=" path, \
		"NODE_EXTRA_CA_CERTS=" path

static const struct engine_case cases[] = {
	{"ca_bundle_option_sets_every_bundle_variable", {"SSL_CERT_FILE=/other.pem"}, {.ca_bundle = "/ca.pem"},
	 {"no errors", EVERY_BUNDLE("/ca.pem"), "no warnings"}},
	{"ca_bundle_setting_works_like_the_option", {"HFENV_CA_BUNDLE=/ca.pem"}, {0},
	 {EVERY_BUNDLE("/ca.pem"), "HFENV_CA_BUNDLE=/ca.pem"}},
	{"ca_bundle_setting_in_blanks_is_trimmed_with_a_warning", {"HFENV_CA_BUNDLE= /ca.pem "}, {0},
	 {"no errors", EVERY_BUNDLE("/ca.pem"), "HFENV_CA_BUNDLE= /ca.pem ", "warning: HFENV_CA_BUNDLE=' /ca.pem ': blanks"}},
	{"ca_bundle_setting_in_quotes_loses_them", {"HFENV_CA_BUNDLE='/ca.pem'"}, {0},
	 {"no errors", EVERY_BUNDLE("/ca.pem"), "warnings: 1", "warning: HFENV_CA_BUNDLE: quotes removed"}},
	{"option_wins_over_setting", {"HFENV_CA_BUNDLE=/setting.pem"}, {.ca_bundle = "/option.pem"}, {EVERY_BUNDLE("/option.pem")}},
	{"relative_bundle_of_the_option_becomes_absolute", {NULL}, {.ca_bundle = "relative.pem"},
	 {EVERY_BUNDLE("/work/relative.pem")}},
	{"empty_ca_bundle_option_is_refused", {NULL}, {.ca_bundle = ""}, {"error: --ca-bundle is empty"}},
	{"unusable_setting_is_refused_naming_it", {"HFENV_CA_BUNDLE=/missing.pem"}, {0},
	 {"errors: 1", "error: HFENV_CA_BUNDLE '/missing.pem': No such file or directory; name a PEM CA bundle", "no edits"}},
	{"classic_requests_ca_bundle_reaches_httpx_and_hf_xet", {"REQUESTS_CA_BUNDLE=/etc/ssl/corp-bundle.pem", "HOME=/root"}, {0},
	 {"SSL_CERT_FILE=/etc/ssl/corp-bundle.pem", "HOME=/root"}},
	{"differing_bundles_first_in_order_wins_with_a_warning", {"SSL_CERT_FILE=/b.pem", "CURL_CA_BUNDLE=/a.pem"}, {0},
	 {EVERY_BUNDLE("/a.pem"),
	  "warning: CURL_CA_BUNDLE='/a.pem' wins over a different SSL_CERT_FILE", "warnings: 1"}},
	{"requests_ca_bundle_comes_first",
	 {"GIT_SSL_CAINFO=/d.pem", "SSL_CERT_FILE=/c.pem", "CURL_CA_BUNDLE=/b.pem", "REQUESTS_CA_BUNDLE=/a.pem"}, {0},
	 {EVERY_BUNDLE("/a.pem"), "warnings: 3"}},
	{"node_extra_ca_certs_of_its_own_is_kept_without_a_warning", {"NODE_EXTRA_CA_CERTS=/corp-root.pem", "SSL_CERT_FILE=/bundle.pem"},
	 {0}, {"NODE_EXTRA_CA_CERTS=/corp-root.pem", "REQUESTS_CA_BUNDLE=/bundle.pem", "no warnings"}},
	{"unusable_bundle_variable_is_refused_naming_it", {"SSL_CERT_FILE=/missing.pem"}, {0},
	 {"errors: 1", "error: SSL_CERT_FILE='/missing.pem': No such file or directory", "no edits"}},
	{"bundle_over_the_size_bound_is_refused_saying_so", {"SSL_CERT_FILE=/disk.img"}, {0},
	 {"errors: 1", "error: SSL_CERT_FILE='/disk.img': over 64 MiB, not a CA bundle; name a PEM CA bundle",
	  "no edits"}},
	{"unusable_loser_is_overwritten_by_the_winner", {"REQUESTS_CA_BUNDLE=/ca.pem", "SSL_CERT_FILE=/missing.pem"}, {0},
	 {"no errors", EVERY_BUNDLE("/ca.pem")}},
	{"bundle_of_few_certificates_is_one_warning", {"REQUESTS_CA_BUNDLE=/corp-root.pem"}, {0},
	 {EVERY_BUNDLE("/corp-root.pem"), "warnings: 1", "warning: CA bundle '/corp-root.pem' has only 1 certificate: add the system's"}},
	{"bundle_of_few_certificates_says_why_and_how_to_combine_under_verbose", {"REQUESTS_CA_BUNDLE=/corp-root.pem"}, {.verbose = true},
	 {"warning: instead of the system's roots", "warning: NO_PROXY", "warning: also read /etc/ssl/certs ... Node adds",
	  "warning: cat /etc/ssl/certs/ca-certificates.crt '/corp-root.pem' >", "warning: --ca-bundle all.pem"}},
	{"quotes_around_a_bundle_are_removed", {"SSL_CERT_FILE=\"/ca.pem\""}, {0},
	 {EVERY_BUNDLE("/ca.pem"), "warning: SSL_CERT_FILE: quotes removed"}},
	{"full_bundle_gives_no_warning", {NULL}, {.ca_bundle = "/etc/ssl/certs/ca-certificates.crt"}, {"no warnings"}},
	{"bundle_value_with_cr_is_cleaned", {"SSL_CERT_FILE=/ca.pem\r"}, {0},
	 {EVERY_BUNDLE("/ca.pem"), "warning: SSL_CERT_FILE ... blanks, CR or LF around it removed"}},
	{"ssl_cert_dir_is_left_alone", {"SSL_CERT_DIR=/etc/ssl/certs"}, {.ca_bundle = "/ca.pem"},
	 {"SSL_CERT_DIR=/etc/ssl/certs", "no edit: SSL_CERT_DIR"}},
	{"file_name_is_not_redacted", {"SSL_CERT_FILE=/home/me@corp/missing.pem"}, {0}, {"error: '/home/me@corp/missing.pem'"}},
	{"bundle_every_variable_already_names_is_not_read", {EVERY_BUNDLE("/empty.pem")}, {0},
	 {"bundle reads: 0", "bundle looks: 1", "no findings", "no edits", EVERY_BUNDLE("/empty.pem")}},
	{"missing_bundle_every_variable_already_names_is_found_by_a_look", {EVERY_BUNDLE("/missing.pem")}, {0},
	 {"bundle reads: 0", "bundle looks: 1", "errors: 1",
	  "error: REQUESTS_CA_BUNDLE='/missing.pem': No such file or directory; name a PEM CA bundle"}},
	{"directory_every_variable_already_names_is_found_by_a_look", {EVERY_BUNDLE("/etc/ssl/certs")}, {0},
	 {"bundle reads: 0", "errors: 1", "error: REQUESTS_CA_BUNDLE='/etc/ssl/certs': not a regular file"}},
	{"bundle_of_the_setting_every_variable_already_names_is_not_read", {"HFENV_CA_BUNDLE=/corp-root.pem", EVERY_BUNDLE("/corp-root.pem")},
	 {0}, {"bundle reads: 0", "bundle looks: 1", "no findings", "no edits"}},
	{"missing_bundle_of_the_setting_every_variable_already_names_is_refused",
	 {"HFENV_CA_BUNDLE=/missing.pem", EVERY_BUNDLE("/missing.pem")}, {0},
	 {"bundle reads: 0", "error: HFENV_CA_BUNDLE '/missing.pem': No such file or directory"}},
	{"node_extra_ca_certs_of_its_own_changes_nothing_and_reads_nothing",
	 {"REQUESTS_CA_BUNDLE=/empty.pem", "CURL_CA_BUNDLE=/empty.pem", "SSL_CERT_FILE=/empty.pem", "GIT_SSL_CAINFO=/empty.pem",
	  "NODE_EXTRA_CA_CERTS=/corp-root.pem"}, {0}, {"bundle reads: 0", "bundle looks: 1", "no findings", "no edits"}},
	{"verbose_reads_the_bundle_and_says_what_is_wrong_in_a_warning", {EVERY_BUNDLE("/empty.pem")}, {.verbose = true},
	 {"bundle reads: 1", "bundle looks: 0", "no errors",
	  "warning: REQUESTS_CA_BUNDLE='/empty.pem': no PEM certificate in it; name a PEM CA bundle"}},
	{"verbose_gives_the_der_hint_in_a_warning", {"HFENV_VERBOSE=1", EVERY_BUNDLE("/root.der")}, {0},
	 {"bundle reads: 1", "no errors", "warning: REQUESTS_CA_BUNDLE='/root.der': DER: openssl x509"}},
	{"bundle_is_read_when_the_option_names_it", {EVERY_BUNDLE("/corp-root.pem")}, {.ca_bundle = "/corp-root.pem"},
	 {"bundle reads: 1", "warning: CA bundle '/corp-root.pem' has only 1 certificate", "no edits"}},
	{"bundle_is_read_under_verbose", {EVERY_BUNDLE("/missing.pem")}, {.verbose = true},
	 {"bundle reads: 1", "error: REQUESTS_CA_BUNDLE='/missing.pem': ... name a PEM CA bundle"}},
	{"bundle_is_read_under_the_verbose_setting", {"HFENV_VERBOSE=1", EVERY_BUNDLE("/corp-root.pem")}, {0},
	 {"bundle reads: 1", "warning: CA bundle '/corp-root.pem' has only 1 certificate"}},
	{"bundle_is_read_when_explain_asks", {EVERY_BUNDLE("/missing.pem")}, {.check_ca_bundle = true},
	 {"bundle reads: 1", "errors: 1"}},
	{"bundle_is_read_before_it_is_mirrored", {"SSL_CERT_FILE=/ca.pem"}, {0}, {"bundle reads: 1", EVERY_BUNDLE("/ca.pem")}},
	{"bundle_is_read_before_the_setting_replaces_a_variable", {"HFENV_CA_BUNDLE=/ca.pem", EVERY_BUNDLE("/other.pem")}, {0},
	 {"bundle reads: 1", EVERY_BUNDLE("/ca.pem")}},
	{"bundle_is_read_when_variables_differ", {"REQUESTS_CA_BUNDLE=/ca.pem", "CURL_CA_BUNDLE=/ca.pem", "SSL_CERT_FILE=/missing.pem",
	 "GIT_SSL_CAINFO=/ca.pem", "NODE_EXTRA_CA_CERTS=/ca.pem"}, {0}, {"bundle reads: 1", "no errors", EVERY_BUNDLE("/ca.pem")}},
	{"bundle_is_read_when_node_extra_ca_certs_would_be_set", {"REQUESTS_CA_BUNDLE=/missing.pem", "CURL_CA_BUNDLE=/missing.pem",
	 "SSL_CERT_FILE=/missing.pem", "GIT_SSL_CAINFO=/missing.pem"}, {0}, {"bundle reads: 1", "errors: 1"}},
	{"relative_bundle_every_variable_names_is_read_to_become_absolute", {EVERY_BUNDLE("relative.pem")}, {0},
	 {"bundle reads: 1", "REQUESTS_CA_BUNDLE=/work/relative.pem", "GIT_SSL_CAINFO=/work/relative.pem"}},
	{"bundle_with_a_cr_is_read_before_it_is_cleaned", {EVERY_BUNDLE("/missing.pem\r")}, {0},
	 {"bundle reads: 1", "errors: 1"}},
	{"duplicated_bundle_variable_is_read_before_the_duplicate_goes", {EVERY_BUNDLE("/ca.pem"), "SSL_CERT_FILE=/other.pem"}, {0},
	 {"bundle reads: 1", "SSL_CERT_FILE=/ca.pem"}},
};

/* Rows read with no bundle reader at all, as a caller that checks no file would. */
static void without_a_reader_bundles_are_mirrored_unchecked(void **state)
{
	(void)state;
	static const struct engine_case row = {"without_a_reader_bundles_are_mirrored_unchecked", {"SSL_CERT_FILE=/missing.pem"}, {0},
	 {"no errors", "no warnings", EVERY_BUNDLE("/missing.pem")}};
	run_engine_case(&row);
}

static void file_name_with_a_password_shape_is_redacted(void **state)
{
	(void)state;
	static const struct engine_case row = {"file_name_with_a_password_shape_is_redacted",
	 {"SSL_CERT_FILE=/a.pem", "REQUESTS_CA_BUNDLE=http://user:secret@h/ca.pem", "CURL_CA_BUNDLE=u:secret@h"}, {0},
	 {"warnings: 2", "no finding: secret"}};
	run_engine_case(&row);
}

static void file_name_with_a_token_shape_is_redacted(void **state)
{
	(void)state;
	static const struct engine_case row = {"file_name_with_a_token_shape_is_redacted",
	 {"SSL_CERT_FILE=/a.pem", "REQUESTS_CA_BUNDLE=t0ken@", "CURL_CA_BUNDLE=t0ken@/x@"}, {0},
	 {"warning: '***@'", "no finding: t0ken"}};
	run_engine_case(&row);
}

static void unusable_ca_bundle_option_is_refused_naming_the_file(void **state)
{
	(void)state;
	static const struct engine_case files[] = {
		{"missing", {NULL}, {.ca_bundle = "/missing.pem"},
		 {"errors: 1", "error: --ca-bundle '/missing.pem': No such file or directory; name a PEM CA bundle", "no edits"}},
		{"directory", {NULL}, {.ca_bundle = "/etc/ssl/certs"},
		 {"errors: 1", "error: --ca-bundle '/etc/ssl/certs': not a regular file", "no edits"}},
		{"no certificate", {NULL}, {.ca_bundle = "/empty.pem"},
		 {"errors: 1", "error: --ca-bundle '/empty.pem': no PEM certificate", "no edits"}},
		{"DER", {NULL}, {.ca_bundle = "/root.der"},
		 {"errors: 1", "error: --ca-bundle '/root.der': DER: openssl x509 -inform der -in FILE -out FILE.pem", "no edits"}},
	};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
		run_engine_case_reading(&files[i], fake_reader);
}

static void one_bundle_variable_reaches_the_unset_ones(void **state)
{
	(void)state;
	for (size_t i = 0; i < BUNDLE_VARIABLES; i++) {
		char entry[64];
		snprintf(entry, sizeof entry, "%s=/ca.pem", bundle_variables[i]);
		struct engine_case row = {bundle_variables[i], {entry}, {0}, {EVERY_BUNDLE("/ca.pem"), "no warnings", "edits: 4"}};
		run_engine_case_reading(&row, fake_reader);
	}
}

static void empty_bundle_variable_counts_as_unset_and_is_removed(void **state)
{
	(void)state;
	static const struct engine_case rows[] = {
		{"beside a set one", {"SSL_CERT_FILE=", "REQUESTS_CA_BUNDLE=/ca.pem"}, {0}, {EVERY_BUNDLE("/ca.pem"), "no warnings"},
		},
		{"alone", {"SSL_CERT_FILE="}, {0}, {"-SSL_CERT_FILE", "-REQUESTS_CA_BUNDLE", "edit: -SSL_CERT_FILE"}},
	};
	run_engine_case_reading(&rows[0], fake_reader);
	run_engine_case_reading(&rows[1], fake_reader);
}

int main(void)
{
	const struct CMUnitTest functions[] = {
		cmocka_unit_test(without_a_reader_bundles_are_mirrored_unchecked),
		cmocka_unit_test(file_name_with_a_password_shape_is_redacted),
		cmocka_unit_test(file_name_with_a_token_shape_is_redacted),
		cmocka_unit_test(unusable_ca_bundle_option_is_refused_naming_the_file),
		cmocka_unit_test(one_bundle_variable_reaches_the_unset_ones),
		cmocka_unit_test(empty_bundle_variable_counts_as_unset_and_is_removed),
	};
	return ENGINE_CASES_READING("trust", fake_reader, cases, functions);
}
