. "$(dirname "$0")/../helpers/lib.sh"

# 30 000 variables with the three lower-case proxy variables among them; hfenv adds four.
test_thirty_thousand_variables_reach_the_command_once_and_in_order() {
	awk 'BEGIN {
		print "http_proxy=http://127.0.0.1:3128"
		for (i = 0; i < 30000; i++) {
			if (i == 15000)
				print "https_proxy=http://127.0.0.1:3128"
			printf "VARIABLE_%05d=/opt/value/%05d\n", i, i
		}
		print "no_proxy=localhost,.localhost,127.0.0.1,::1"
	}' >"$TMP/given-env"
	{ printf 'exec env -i '; tr '\n' ' ' <"$TMP/given-env"; printf '"$@"\n'; } >"$TMP/run-large"
	{ cat "$TMP/given-env"; printf '%s\n' HTTP_PROXY=http://127.0.0.1:3128 HTTPS_PROXY=http://127.0.0.1:3128 \
		NO_PROXY=localhost,.localhost,127.0.0.1,::1 ADDED=1; } >"$TMP/expected-env"
	run sh "$TMP/run-large" "$HFENV" ADDED=1 /usr/bin/env
	expect_status 0
	expect_err_empty
	cmp -s "$TMP/expected-env" "$TMP/out" || fail "the command's environment differs from $TMP/expected-env"
}

run_case
