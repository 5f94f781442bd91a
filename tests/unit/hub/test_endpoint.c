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
		cmocka_unit_test(unusable_endpoint_gives_einval),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
