#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "clients/trust.h"

static void huggingface_hub_trusts_ssl_cert_file_alone(void **state)
{
	(void)state;
	char *env[] = {"SSL_CERT_FILE=/ca.pem", NULL};
	struct hfenv_trust trust;
	hfenv_predict_trust(HFENV_CLIENT_HTTPX2, env, &trust);
	assert_int_equal(trust.kind, HFENV_TRUST_REPLACED);
	assert_string_equal(trust.variable, "SSL_CERT_FILE");
}

static void trust_of_undici_is_not_modelled(void **state)
{
	(void)state;
	char *env[] = {"NODE_EXTRA_CA_CERTS=/ca.pem", NULL};
	struct hfenv_trust trust;
	hfenv_predict_trust(HFENV_CLIENT_UNDICI, env, &trust);
	assert_int_equal(trust.kind, HFENV_TRUST_NOT_MODELLED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(huggingface_hub_trusts_ssl_cert_file_alone),
		cmocka_unit_test(trust_of_undici_is_not_modelled),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
