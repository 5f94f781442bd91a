#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/ca_bundle_reader.h"

#define CERTIFICATE "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"

static char directory[] = "/tmp/hfenv-ca-bundle-reader-XXXXXX";
static char path[sizeof directory + 16];

static int make_directory(void **state)
{
	(void)state;
	if (mkdtemp(directory) == NULL)
		return -1;
	snprintf(path, sizeof path, "%s/bundle", directory);
	return 0;
}

static int remove_directory(void **state)
{
	(void)state;
	unlink(path);
	return rmdir(directory);
}

/* The bundle file: text, then holes up to size bytes (a sparse file, whatever its size). */
static void write_bundle(const char *text, off_t size)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	if (size > (off_t)strlen(text))
		assert_int_equal(ftruncate(fd, size), 0);
	assert_int_equal(close(fd), 0);
}

static struct hfenv_bundle_facts facts_of_the_bundle(void)
{
	struct hfenv_bundle_facts facts;
	hfenv_read_ca_bundle(path, true, &facts);
	return facts;
}

static void certificates_are_counted(void **state)
{
	(void)state;
	write_bundle(CERTIFICATE CERTIFICATE, 0);
	struct hfenv_bundle_facts facts = facts_of_the_bundle();
	assert_int_equal(facts.status, HFENV_BUNDLE_OK);
	assert_int_equal(facts.certificates, 2);
}

static void file_of_32_gib_is_too_large_and_not_read(void **state)
{
	(void)state;
	write_bundle(CERTIFICATE, (off_t)32 << 30);
	assert_int_equal(facts_of_the_bundle().status, HFENV_BUNDLE_TOO_LARGE);
}

static void file_one_byte_over_the_bound_is_too_large(void **state)
{
	(void)state;
	write_bundle(CERTIFICATE, (off_t)HFENV_BUNDLE_BYTES_MAX + 1);
	assert_int_equal(facts_of_the_bundle().status, HFENV_BUNDLE_TOO_LARGE);
}

static void file_at_the_bound_is_read_to_its_end(void **state)
{
	(void)state;
	const char *last = "\n" CERTIFICATE;
	write_bundle("", HFENV_BUNDLE_BYTES_MAX - (off_t)strlen(last));
	int fd = open(path, O_WRONLY | O_APPEND);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, last, strlen(last)), (ssize_t)strlen(last));
	assert_int_equal(close(fd), 0);
	struct hfenv_bundle_facts facts = facts_of_the_bundle();
	assert_int_equal(facts.status, HFENV_BUNDLE_OK);
	assert_int_equal(facts.certificates, 1);
}

static void directory_is_not_a_file(void **state)
{
	(void)state;
	struct hfenv_bundle_facts facts;
	hfenv_read_ca_bundle(directory, true, &facts);
	assert_int_equal(facts.status, HFENV_BUNDLE_NOT_A_FILE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(certificates_are_counted),
		cmocka_unit_test(file_of_32_gib_is_too_large_and_not_read),
		cmocka_unit_test(file_one_byte_over_the_bound_is_too_large),
		cmocka_unit_test(file_at_the_bound_is_read_to_its_end),
		cmocka_unit_test(directory_is_not_a_file),
	};
	return cmocka_run_group_tests(tests, make_directory, remove_directory);
}
