#include "render/explain_trust.h"

#include "clients/trust.h"
#include "common/redact.h"
#include "common/text.h"
#include "render/table.h"

#include <stdlib.h>
#include <string.h>

/* Each client's trust before hfenv and after it, and the same in words. */
struct trust_explanation {
	bool refused;                 /* hfenv would not run: no AFTER trust */
	struct hfenv_trust trust[HFENV_CLIENTS][2]; /* before, after */
	char *texts[HFENV_CLIENTS][2];
};

/* The trust in words, file named as given: the bundle, from which variable, and whether the default roots stay. */
static char *trust_text(const struct hfenv_trust *trust, const char *file)
{
	if (trust->kind == HFENV_TRUST_DEFAULT || trust->kind == HFENV_TRUST_NOT_MODELLED)
		return strdup(trust->roots);
	if (trust->kind == HFENV_TRUST_NONE)
		return text_join("none: empty ", trust->variable, strlen(trust->variable));
	size_t n = strlen(file) + strlen(trust->variable) + strlen(trust->roots) + 16;
	char *text = malloc(n);
	if (text != NULL && trust->kind == HFENV_TRUST_ADDED)
		snprintf(text, n, "%s (%s) + %s", file, trust->variable, trust->roots);
	else if (text != NULL)
		snprintf(text, n, "%s (%s) only", file, trust->variable);
	return text;
}

static char *trust_text_in_full(const struct hfenv_trust *trust)
{
	if (trust->file == NULL)
		return trust_text(trust, "");
	char *file = hfenv_redact_file_name(trust->file);
	char *text = file ? trust_text(trust, file) : NULL;
	free(file);
	return text;
}

/* The trust, for machines: the bundle's file, "default" or "none". */
static char *trust_token(const struct hfenv_trust *trust)
{
	if (trust->kind == HFENV_TRUST_DEFAULT || trust->kind == HFENV_TRUST_NOT_MODELLED)
		return strdup("default");
	return trust->kind == HFENV_TRUST_NONE ? strdup("none") : hfenv_redact_file_name(trust->file);
}

static int predict_trust(struct trust_explanation *x, char *const before_env[], const struct hfenv_result *result)
{
	for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++) {
		hfenv_predict_trust(c, before_env, &x->trust[c][0]);
		x->texts[c][0] = trust_text_in_full(&x->trust[c][0]);
		if (!x->refused)
			hfenv_predict_trust(c, result->env, &x->trust[c][1]);
		x->texts[c][1] = x->refused ? strdup("-") : trust_text_in_full(&x->trust[c][1]);
		if (x->texts[c][0] == NULL || x->texts[c][1] == NULL)
			return -1;
	}
	return 0;
}

static bool same_trust(const struct hfenv_trust *a, const struct hfenv_trust *b)
{
	return a->kind == b->kind && (a->file == b->file || (a->file && b->file && strcmp(a->file, b->file) == 0));
}

/* A trust cell: the roots, or the bundle's legend key, "only" or "+ ROOTS"; the variable is in the tsv and the man page. */
static char *trust_cell(const struct hfenv_trust *trust, struct legend *bundles)
{
	if (trust->kind != HFENV_TRUST_ADDED && trust->kind != HFENV_TRUST_REPLACED)
		return trust_text(trust, "");
	char *key = keyed(bundles, trust->file, false);
	const char *how = trust->kind == HFENV_TRUST_ADDED ? " + " : " only";
	char *text = key ? text_join(key, how, strlen(how)) : NULL;
	char *cell = text && trust->kind == HFENV_TRUST_ADDED ? text_join(text, trust->roots, strlen(trust->roots)) : text;
	if (cell != text)
		free(text);
	free(key);
	return cell;
}

/* The trust table of the families the trust model knows: cells name bundles by their legend key. -1 on ENOMEM. */
static int trust_table(const struct trust_explanation *x, struct table *table, struct legend *bundles)
{
	*table = (struct table){.cell_columns = 2, .headings = {"CLIENT", "BEFORE", "AFTER"}};
	for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++) {
		table->rows[c] = x->trust[c][0].kind != HFENV_TRUST_NOT_MODELLED;
		if (!table->rows[c])
			continue;
		table->cells[c][0] = trust_cell(&x->trust[c][0], bundles);
		table->cells[c][1] = x->refused ? strdup("-") : trust_cell(&x->trust[c][1], bundles);
		table->colours[c][1] = !x->refused && !same_trust(&x->trust[c][0], &x->trust[c][1]) ? ANSI_YELLOW : NULL;
		if (table->cells[c][0] == NULL || table->cells[c][1] == NULL)
			return -1;
	}
	return 0;
}

/* CLIENT trust BEFORE AFTER BEFORE-TEXT AFTER-TEXT, the tokens a file name, "default" or "none". */
static int print_trust_lines(FILE *out, const struct trust_explanation *x)
{
	for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++) {
		if (x->trust[c][0].kind == HFENV_TRUST_NOT_MODELLED)
			continue;
		char *before = trust_token(&x->trust[c][0]);
		char *after = x->refused ? strdup("refused") : trust_token(&x->trust[c][1]);
		if (before != NULL && after != NULL)
			fprintf(out, "%s\ttrust\t%s\t%s\t%s\t%s\t\n", hfenv_client_id(c), before, after,
				x->texts[c][0], x->refused ? "hfenv refuses to run" : x->texts[c][1]);
		free(before);
		free(after);
		if (before == NULL || after == NULL)
			return -1;
	}
	return 0;
}

int explain_trust(const struct explain_output *output, char *const before_env[], const struct hfenv_result *result)
{
	struct trust_explanation x = {.refused = result->error_count > 0};
	struct table table = {0};
	struct legend legend = {0};
	int failed = predict_trust(&x, before_env, result);
	if (!failed && output->format == EXPLAIN_TSV) {
		failed = print_trust_lines(output->stream, &x);
	} else if (!failed) {
		failed = trust_table(&x, &table, &legend) != 0 || fit_table(&table, output->width) != 0;
		fputc('\n', output->stream);
		print_wrapped(output->stream, "Trust: the CA bundle each client verifies https:// servers with", 0, 2,
			      output->width);
		fputc('\n', output->stream);
		print_legend(output->stream, "Bundles:", &legend, false);
		print_notes(output->stream, &table);
		print_table(output->stream, &table, output->colour);
	}
	free_table(&table);
	free_legend(&legend);
	for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++) {
		free(x.texts[c][0]);
		free(x.texts[c][1]);
	}
	return failed;
}

