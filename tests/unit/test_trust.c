#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "helpers.h"

static const char *const bundle_variables[] = {
	"REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE", "GIT_SSL_CAINFO", "NODE_EXTRA_CA_CERTS",
};
#define BUNDLE_VARIABLES (sizeof bundle_variables / sizeof bundle_variables[0])

/* The files of these tests, by name: what a real reader would find in them. */
static void fake_reader(const char *path, struct hfenv_bundle_facts *facts)
{
	*facts = (struct hfenv_bundle_facts){.status = HFENV_BUNDLE_OK, .certificates = 140};
	if (strstr(path, "missing.pem") != NULL)
		*facts = (struct hfenv_bundle_facts){.status = HFENV_BUNDLE_UNREADABLE, .error = ENOENT};
	else if (strcmp(path, "/etc/ssl/certs") == 0)
		facts->status = HFENV_BUNDLE_NOT_A_FILE;
	else if (strcmp(path, "/empty.pem") == 0)
		facts->status = HFENV_BUNDLE_NO_CERTIFICATE;
	else if (strcmp(path, "/root.der") == 0)
		facts->status = HFENV_BUNDLE_DER;
	else if (strcmp(path, "/corp-root.pem") == 0)
		facts->certificates = 1;
	else if (strcmp(path, "relative.pem") == 0)
		facts->absolute_path = strdup("/work/relative.pem");
}

static void assert_every_bundle_is(const struct hfenv_result *r, const char *value)
{
	for (size_t i = 0; i < BUNDLE_VARIABLES; i++) {
		const char *got = lookup(r, bundle_variables[i]);
		if (got == NULL || strcmp(got, value) != 0)
			fail_msg("%s is %s, not %s", bundle_variables[i], got ? got : "unset", value);
	}
}

static void ca_bundle_option_sets_every_bundle_variable(void **state)
{
	(void)state;
	char *envp[] = {"SSL_CERT_FILE=/other.pem", NULL};
	struct hfenv_options opts = {.ca_bundle = "/ca.pem", .read_bundle = fake_reader};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_every_bundle_is(&r, "/ca.pem");
	assert_int_equal(count_findings(&r, HFENV_WARNING), 0);
	hfenv_result_free(&r);
}

static void ca_bundle_setting_works_like_the_option(void **state)
{
	(void)state;
	char *envp[] = {"HFENV_CA_BUNDLE=/ca.pem", NULL};
	struct hfenv_options opts = {.read_bundle = fake_reader};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_every_bundle_is(&r, "/ca.pem");
	assert_string_equal(lookup(&r, "HFENV_CA_BUNDLE"), "/ca.pem");
	hfenv_result_free(&r);
}

static void option_wins_over_setting(void **state)
{
	(void)state;
	char *envp[] = {"HFENV_CA_BUNDLE=/setting.pem", NULL};
	struct hfenv_options opts = {.ca_bundle = "/option.pem", .read_bundle = fake_reader};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_every_bundle_is(&r, "/option.pem");
	hfenv_result_free(&r);
}

static void relative_bundle_of_the_option_becomes_absolute(void **state)
{
	(void)state;
	char *envp[] = {NULL};
	struct hfenv_options opts = {.ca_bundle = "relative.pem", .read_bundle = fake_reader};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_every_bundle_is(&r, "/work/relative.pem");
	hfenv_result_free(&r);
}

static void assert_refused(const struct hfenv_options *opts, char *const envp[], const char *what, const char *why)
{
	struct hfenv_result r;
	normalize(opts, envp, &r);
	assert_int_equal(r.error_count, 1);
	assert_true(find_finding(&r, HFENV_ERROR, what, "is not a usable CA bundle", why, NULL) >= 0);
	assert_null(r.edits);
	hfenv_result_free(&r);
}

static void unusable_ca_bundle_option_is_refused_naming_the_file(void **state)
{
	(void)state;
	char *envp[] = {NULL};
	struct hfenv_options opts = {.read_bundle = fake_reader};
	opts.ca_bundle = "/missing.pem";
	assert_refused(&opts, envp, "--ca-bundle '/missing.pem'", strerror(ENOENT));
	opts.ca_bundle = "/etc/ssl/certs";
	assert_refused(&opts, envp, "--ca-bundle '/etc/ssl/certs'", "not a regular file");
	opts.ca_bundle = "/empty.pem";
	assert_refused(&opts, envp, "--ca-bundle '/empty.pem'", "no PEM certificate");
	opts.ca_bundle = "/root.der";
	assert_refused(&opts, envp, "--ca-bundle '/root.der'", "DER certificate, not PEM");
}

static void empty_ca_bundle_option_is_refused(void **state)
{
	(void)state;
	char *envp[] = {NULL};
	struct hfenv_options opts = {.ca_bundle = "", .read_bundle = fake_reader};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_true(find_finding(&r, HFENV_ERROR, "--ca-bundle is empty", NULL) >= 0);
	hfenv_result_free(&r);
}

static void unusable_setting_is_refused_naming_it(void **state)
{
	(void)state;
	char *envp[] = {"HFENV_CA_BUNDLE=/missing.pem", NULL};
	struct hfenv_options opts = {.read_bundle = fake_reader};
	assert_refused(&opts, envp, "HFENV_CA_BUNDLE '/missing.pem'", strerror(ENOENT));
}

static void one_bundle_variable_reaches_the_unset_ones(void **state)
{
	(void)state;
	for (size_t i = 0; i < BUNDLE_VARIABLES; i++) {
		char entry[64];
		snprintf(entry, sizeof entry, "%s=/ca.pem", bundle_variables[i]);
		char *envp[] = {entry, NULL};
		struct hfenv_options opts = {.read_bundle = fake_reader};
		struct hfenv_result r;
		normalize(&opts, envp, &r);
		assert_every_bundle_is(&r, "/ca.pem");
		assert_int_equal(count_findings(&r, HFENV_WARNING), 0);
		assert_int_equal(r.edit_count, BUNDLE_VARIABLES - 1);
		hfenv_result_free(&r);
	}
}

static void classic_requests_ca_bundle_reaches_httpx_and_hf_xet(void **state)
{
	(void)state;
	char *envp[] = {"REQUESTS_CA_BUNDLE=/etc/ssl/corp-bundle.pem", "HOME=/root", NULL};
	struct hfenv_options opts = {.read_bundle = fake_reader};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_string_equal(lookup(&r, "SSL_CERT_FILE"), "/etc/ssl/corp-bundle.pem");
	assert_string_equal(lookup(&r, "HOME"), "/root");
	hfenv_result_free(&r);
}

static void differing_bundles_first_in_order_wins_with_a_warning(void **state)
{
	(void)state;
	char *envp[] = {"SSL_CERT_FILE=/b.pem", "CURL_CA_BUNDLE=/a.pem", NULL};
	struct hfenv_options opts = {.read_bundle = fake_reader};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_every_bundle_is(&r, "/a.pem");
	assert_true(find_finding(&r, HFENV_WARNING, "CURL_CA_BUNDLE='/a.pem' and SSL_CERT_FILE='/b.pem' differ",
				 "using CURL_CA_BUNDLE", "--ca-bundle", NULL) >= 0);
	assert_int_equal(count_findings(&r, HFENV_WARNING), 1);
	hfenv_result_free(&r);
}

static void requests_ca_bundle_comes_first(void **state)
{
	(void)state;
	char *envp[] = {"GIT_SSL_CAINFO=/d.pem", "SSL_CERT_FILE=/c.pem", "CURL_CA_BUNDLE=/b.pem", "REQUESTS_CA_BUNDLE=/a.pem", NULL};
	struct hfenv_options opts = {.read_bundle = fake_reader};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_every_bundle_is(&r, "/a.pem");
	assert_int_equal(count_findings(&r, HFENV_WARNING), 3);
	hfenv_result_free(&r);
}

static void node_extra_ca_certs_of_its_own_is_kept_without_a_warning(void **state)
{
	(void)state;
	char *envp[] = {"NODE_EXTRA_CA_CERTS=/corp-root.pem", "SSL_CERT_FILE=/bundle.pem", NULL};
	struct hfenv_options opts = {.read_bundle = fake_reader};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_string_equal(lookup(&r, "NODE_EXTRA_CA_CERTS"), "/corp-root.pem");
	assert_string_equal(lookup(&r, "REQUESTS_CA_BUNDLE"), "/bundle.pem");
	assert_int_equal(count_findings(&r, HFENV_WARNING), 0);
	hfenv_result_free(&r);
}

static void empty_bundle_variable_counts_as_unset_and_is_removed(void **state)
{
	(void)state;
	char *envp[] = {"SSL_CERT_FILE=", "REQUESTS_CA_BUNDLE=/ca.pem", NULL};
	struct hfenv_options opts = {.read_bundle = fake_reader};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_every_bundle_is(&r, "/ca.pem");
	assert_int_equal(count_findings(&r, HFENV_WARNING), 0);
	hfenv_result_free(&r);
	char *only_empty[] = {"SSL_CERT_FILE=", NULL};
	normalize(&opts, only_empty, &r);
	assert_null(lookup(&r, "SSL_CERT_FILE"));
	assert_null(lookup(&r, "REQUESTS_CA_BUNDLE"));
	assert_non_null(find_edit(&r, "SSL_CERT_FILE"));
	assert_null(find_edit(&r, "SSL_CERT_FILE")->value);
	hfenv_result_free(&r);
}

static void unusable_bundle_variable_is_refused_naming_it(void **state)
{
	(void)state;
	char *envp[] = {"SSL_CERT_FILE=/missing.pem", NULL};
	struct hfenv_options opts = {.read_bundle = fake_reader};
	assert_refused(&opts, envp, "SSL_CERT_FILE='/missing.pem'", strerror(ENOENT));
}

static void unusable_loser_is_overwritten_by_the_winner(void **state)
{
	(void)state;
	char *envp[] = {"REQUESTS_CA_BUNDLE=/ca.pem", "SSL_CERT_FILE=/missing.pem", NULL};
	struct hfenv_options opts = {.read_bundle = fake_reader};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_every_bundle_is(&r, "/ca.pem");
	hfenv_result_free(&r);
}

static void bundle_of_few_certificates_warns_how_to_combine(void **state)
{
	(void)state;
	char *envp[] = {"REQUESTS_CA_BUNDLE=/corp-root.pem", NULL};
	struct hfenv_options opts = {.read_bundle = fake_reader};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_every_bundle_is(&r, "/corp-root.pem");
	assert_true(find_finding(&r, HFENV_WARNING, "'/corp-root.pem' holds only 1 certificate:", "instead of the system's roots",
				 "NO_PROXY hosts too", "also look in /etc/ssl/certs", "Node adds", "cat /etc/ssl/certs/ca-certificates.crt '/corp-root.pem' >",
				 "--ca-bundle", NULL) >= 0);
	hfenv_result_free(&r);
}

static void full_bundle_gives_no_warning(void **state)
{
	(void)state;
	char *envp[] = {NULL};
	struct hfenv_options opts = {.ca_bundle = "/etc/ssl/certs/ca-certificates.crt", .read_bundle = fake_reader};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(count_findings(&r, HFENV_WARNING), 0);
	hfenv_result_free(&r);
}

static void bundle_value_with_cr_is_cleaned(void **state)
{
	(void)state;
	char *envp[] = {"SSL_CERT_FILE=/ca.pem\r", NULL};
	struct hfenv_options opts = {.read_bundle = fake_reader};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_every_bundle_is(&r, "/ca.pem");
	assert_true(find_finding(&r, HFENV_WARNING, "SSL_CERT_FILE", "has blanks, CR or LF around it", NULL) >= 0);
	hfenv_result_free(&r);
}

static void without_a_reader_bundles_are_mirrored_unchecked(void **state)
{
	(void)state;
	char *envp[] = {"SSL_CERT_FILE=/missing.pem", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_int_equal(count_findings(&r, HFENV_WARNING), 0);
	assert_every_bundle_is(&r, "/missing.pem");
	hfenv_result_free(&r);
}

static void ssl_cert_dir_is_left_alone(void **state)
{
	(void)state;
	char *envp[] = {"SSL_CERT_DIR=/etc/ssl/certs", NULL};
	struct hfenv_options opts = {.ca_bundle = "/ca.pem", .read_bundle = fake_reader};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_string_equal(lookup(&r, "SSL_CERT_DIR"), "/etc/ssl/certs");
	assert_null(find_edit(&r, "SSL_CERT_DIR"));
	hfenv_result_free(&r);
}

static void file_name_is_not_redacted(void **state)
{
	(void)state;
	char *envp[] = {"SSL_CERT_FILE=/home/me@corp/missing.pem", NULL};
	struct hfenv_options opts = {.read_bundle = fake_reader};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_true(find_finding(&r, HFENV_ERROR, "'/home/me@corp/missing.pem'", NULL) >= 0);
	hfenv_result_free(&r);
}

static void file_name_with_a_password_shape_is_redacted(void **state)
{
	(void)state;
	char *envp[] = {"SSL_CERT_FILE=/a.pem", "REQUESTS_CA_BUNDLE=http://user:secret@h/ca.pem", "CURL_CA_BUNDLE=u:secret@h", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(count_findings(&r, HFENV_WARNING), 2);
	assert_no_finding_contains(&r, "secret");
	hfenv_result_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ca_bundle_option_sets_every_bundle_variable),
		cmocka_unit_test(ca_bundle_setting_works_like_the_option),
		cmocka_unit_test(option_wins_over_setting),
		cmocka_unit_test(relative_bundle_of_the_option_becomes_absolute),
		cmocka_unit_test(unusable_ca_bundle_option_is_refused_naming_the_file),
		cmocka_unit_test(empty_ca_bundle_option_is_refused),
		cmocka_unit_test(unusable_setting_is_refused_naming_it),
		cmocka_unit_test(one_bundle_variable_reaches_the_unset_ones),
		cmocka_unit_test(classic_requests_ca_bundle_reaches_httpx_and_hf_xet),
		cmocka_unit_test(differing_bundles_first_in_order_wins_with_a_warning),
		cmocka_unit_test(requests_ca_bundle_comes_first),
		cmocka_unit_test(node_extra_ca_certs_of_its_own_is_kept_without_a_warning),
		cmocka_unit_test(empty_bundle_variable_counts_as_unset_and_is_removed),
		cmocka_unit_test(unusable_bundle_variable_is_refused_naming_it),
		cmocka_unit_test(unusable_loser_is_overwritten_by_the_winner),
		cmocka_unit_test(bundle_of_few_certificates_warns_how_to_combine),
		cmocka_unit_test(full_bundle_gives_no_warning),
		cmocka_unit_test(bundle_value_with_cr_is_cleaned),
		cmocka_unit_test(without_a_reader_bundles_are_mirrored_unchecked),
		cmocka_unit_test(ssl_cert_dir_is_left_alone),
		cmocka_unit_test(file_name_is_not_redacted),
		cmocka_unit_test(file_name_with_a_password_shape_is_redacted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
