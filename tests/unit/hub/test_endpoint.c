#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "hub/endpoint.h"

static void endpoint_defaults_to_the_hub_with_xet(void **state)
{
	(void)state;
	char *env[] = {"A=1", NULL};
	struct hfenv_hub_endpoint endpoint;
	assert_int_equal(hfenv_hub_endpoint(env, &endpoint), 0);
	assert_string_equal(endpoint.url, "https://huggingface.co");
	assert_string_equal(endpoint.host, "huggingface.co");
	assert_int_equal(endpoint.port, 443);
	assert_false(endpoint.mirror);
	assert_true(endpoint.xet);
	hfenv_hub_endpoint_free(&endpoint);
}

static void endpoint_of_a_mirror_gives_its_host_and_port(void **state)
{
	(void)state;
	char *env[] = {"HF_ENDPOINT=http://Mirror.Corp:8081/hf", "HF_HUB_DISABLE_XET=1", NULL};
	struct hfenv_hub_endpoint endpoint;
	assert_int_equal(hfenv_hub_endpoint(env, &endpoint), 0);
	assert_string_equal(endpoint.host, "mirror.corp");
	assert_int_equal(endpoint.port, 8081);
	assert_false(endpoint.https);
	assert_true(endpoint.mirror);
	assert_false(endpoint.xet);
	hfenv_hub_endpoint_free(&endpoint);
}

/* huggingface_hub's constants.py: a true HUGGINGFACE_CO_STAGING replaces ENDPOINT, HF_ENDPOINT or not. */
static void staging_moves_the_endpoint_to_hub_ci_whatever_hf_endpoint_says(void **state)
{
	(void)state;
	char *env[] = {"HF_ENDPOINT=https://hf-mirror.com", "HUGGINGFACE_CO_STAGING=yes", NULL};
	struct hfenv_hub_endpoint endpoint;
	assert_int_equal(hfenv_hub_endpoint(env, &endpoint), 0);
	assert_string_equal(endpoint.url, "https://hub-ci.huggingface.co");
	assert_string_equal(endpoint.host, "hub-ci.huggingface.co");
	assert_true(endpoint.staging);
	assert_false(endpoint.mirror);
	hfenv_hub_endpoint_free(&endpoint);
	char *false_word[] = {"HUGGINGFACE_CO_STAGING=y", NULL};
	assert_int_equal(hfenv_hub_endpoint(false_word, &endpoint), 0);
	assert_string_equal(endpoint.host, "huggingface.co");
	assert_false(endpoint.staging);
	hfenv_hub_endpoint_free(&endpoint);
}

static void unusable_endpoint_gives_einval(void **state)
{
	(void)state;
	char *env[] = {"HF_ENDPOINT=ftp://mirror", NULL};
	struct hfenv_hub_endpoint endpoint;
	assert_int_equal(hfenv_hub_endpoint(env, &endpoint), -1);
	assert_int_equal(errno, EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(endpoint_defaults_to_the_hub_with_xet),
		cmocka_unit_test(endpoint_of_a_mirror_gives_its_host_and_port),
		cmocka_unit_test(staging_moves_the_endpoint_to_hub_ci_whatever_hf_endpoint_says),
		cmocka_unit_test(unusable_endpoint_gives_einval),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
