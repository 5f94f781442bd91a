/*
 * --explain's whole output: a random environment and random operands in, the table or the tsv out.
 *
 * Input: a flag byte (bit 0 tsv, bit 1 --no-xet, bit 2 --allow-socks, bits 3-7 the width, 8 columns
 * a step, 0 the default), then records separated by NUL bytes. A record is a tag byte and a body.
 * Tag bit 0: 0 an environment entry, 1 an operand (taken, as the wrapper takes it, when it is a host
 * or URL); bit 1: plant a password in it (a token before the value of HF_TOKEN); bits 2-7: a name
 * from the table below (the record is then NAME=BODY), or, past the table, none (the body is the
 * whole record).
 *
 * Properties: the output holds printable ASCII, tabs and line feeds only, whatever bytes the
 * environment and the operands hold; no planted password nor token shows; every tsv line has its
 * seven fields.
 */
#include "env.h"
#include "fuzz.h"
#include "render/explain.h"

static const char *const names[] = {
	"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY",
	"REQUEST_METHOD", "HF_ENDPOINT", "HF_HUB_DISABLE_XET", "HF_TOKEN", "SSL_CERT_FILE", "REQUESTS_CA_BUNDLE",
	"CURL_CA_BUNDLE", "NODE_EXTRA_CA_CERTS", "SSL_CERT_DIR", "GIT_SSL_CAINFO", "HFENV_PROXY", "HFENV_PREFER",
};
#define NAME_COUNT (sizeof names / sizeof names[0])

struct input {
	struct hfenv_options opts;
	bool tsv;
	size_t width;
	char **env;
	size_t env_count;
	const char **operands;
	size_t operand_count;
	char **strings;               /* everything to free */
	size_t string_count;
};

static char *keep(struct input *in, char *s)
{
	in->strings[in->string_count++] = s;
	return s;
}

/* prefix followed by value, a password planted in it, or for HF_TOKEN a token before it. */
static char *make_record(const char *prefix, const char *value, bool plant, bool token)
{
	char *planted = NULL;
	if (plant && token) {
		planted = malloc(sizeof PLANTED_PASSWORD + strlen(value));
		require(planted != NULL);
		strcpy(planted, PLANTED_PASSWORD);
		strcat(planted, value);
	} else if (plant) {
		planted = plant_password(value);
	}
	const char *text = planted ? planted : value;
	char *record = malloc(strlen(prefix) + strlen(text) + 1);
	require(record != NULL);
	strcpy(record, prefix);
	strcat(record, text);
	free(planted);
	return record;
}

static void add_record(struct input *in, unsigned char tag, const char *body)
{
	bool operand = tag & 1, plant = tag & 2;
	size_t name_index = tag >> 2;
	char prefix[64] = "";
	if (name_index < NAME_COUNT)
		snprintf(prefix, sizeof prefix, "%s=", names[name_index]);
	bool token = !operand && name_index < NAME_COUNT && strcmp(names[name_index], "HF_TOKEN") == 0;
	char *record = keep(in, make_record(operand ? "" : prefix, body, plant, token));
	if (!operand)
		in->env[in->env_count++] = record;
	else if (explain_target_is_valid(record))
		in->operands[in->operand_count++] = record;
}

static void decode(struct input *in, const uint8_t *data, size_t size)
{
	char *records = keep(in, copy_string(data + 1, size - 1));
	for (size_t i = 0; i < size - 1; i++)
		if (records[i] == PASSWORD_MARK)
			records[i] = '-';
	in->tsv = data[0] & 1;
	in->opts.no_xet = data[0] & 2;
	in->opts.allow_socks = data[0] & 4;
	in->opts.check_ca_bundle = true;
	in->width = 8 * (size_t)(data[0] >> 3);
	for (char *record = records; record < records + size - 1; record += strlen(record) + 1)
		if (*record != '\0')
			add_record(in, (unsigned char)record[0], record + 1);
	in->env[in->env_count] = NULL;
	in->operands[in->operand_count] = NULL;
}

/* Printable ASCII, tabs and line feeds only; nothing planted; in tsv, seven fields a line. */
static void require_clean_output(const char *output, bool tsv)
{
	size_t tabs = 0;
	for (const unsigned char *p = (const unsigned char *)output; *p; p++) {
		require(*p == '\t' || *p == '\n' || (*p >= 0x20 && *p < 0x7f));
		require(*p != PASSWORD_MARK);
		tabs += *p == '\t';
		if (*p == '\n') {
			require(!tsv || tabs == 6);
			tabs = 0;
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	struct input in = {0};
	in.env = calloc(size + 1, sizeof *in.env);
	in.operands = calloc(size + 1, sizeof *in.operands);
	in.strings = calloc(size + 2, sizeof *in.strings);
	require(in.env != NULL && in.operands != NULL && in.strings != NULL);
	decode(&in, data, size);

	struct hfenv_result result;
	require(hfenv_normalize(&in.opts, NULL, in.env, &result) == 0);
	char *output = NULL;
	size_t length = 0;
	FILE *stream = open_memstream(&output, &length);
	require(stream != NULL);
	struct explain_output how = {.stream = stream, .format = in.tsv ? EXPLAIN_TSV : EXPLAIN_TABLE, .width = in.width};
	int verdict = explain_routes(&how, &in.opts.assignments, in.env, &result, in.operands);
	require(fclose(stream) == 0);
	require(verdict >= 0);
	require(strlen(output) == length);
	require_clean_output(output, in.tsv);

	free(output);
	hfenv_result_free(&result);
	for (size_t i = 0; i < in.string_count; i++)
		free(in.strings[i]);
	free(in.strings);
	free(in.operands);
	free(in.env);
	return 0;
}
