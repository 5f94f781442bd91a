# The claims of hfenv.1's DESCRIPTION, each marked there by '.\" test: NAME' (tests/manpage/claims).
. "$(dirname "$0")/../helpers/lib.sh"

test_every_client_sees_the_same_four_pairs() {
	run_clean https_proxy=127.0.0.1:7890 HTTP_PROXY=http://127.0.0.1:8080 all_proxy=http://127.0.0.1:7891 \
		NO_PROXY=hf.co "$HFENV" sh -c 'echo "$http_proxy $HTTP_PROXY $https_proxy $HTTPS_PROXY $all_proxy $ALL_PROXY"
			echo "$no_proxy $NO_PROXY"'
	expect_status 0
	expect_out "http://127.0.0.1:8080 http://127.0.0.1:8080 http://127.0.0.1:7890 http://127.0.0.1:7890 http://127.0.0.1:7891 http://127.0.0.1:7891
hf.co,.hf.co,localhost,.localhost,127.0.0.1,::1 hf.co,.hf.co,localhost,.localhost,127.0.0.1,::1"
}

# One execve, no fork: the command has the process id the shell that started hfenv had.
test_hfenv_replaces_itself_with_the_command() {
	run_clean sh -c 'echo $$; exec "$0" sh -c "echo \$\$"' "$HFENV"
	expect_status 0
	[ "$(sed -n 1p "$TMP/out")" = "$(sed -n 2p "$TMP/out")" ] || fail "the command runs in another process: $out"
}

test_command_is_looked_up_in_the_resulting_path() {
	mkdir "$TMP/bin"
	printf '#!/bin/sh\necho found\n' >"$TMP/bin/only-here"
	chmod +x "$TMP/bin/only-here"
	run_clean "$HFENV" PATH="$TMP/bin" only-here
	expect_status 0
	expect_out "found"
}

test_without_a_command_the_environment_is_printed_one_a_line() {
	run env -i A=1 B='two words' "$HFENV"
	expect_status 0
	expect_out "A=1
B=two words"
}

test_options_after_the_command_belong_to_it() {
	run_clean "$HFENV" echo -v --proxy x
	expect_status 0
	expect_out "-v --proxy x"
	expect_err_empty
}

test_operands_set_variables_before_normalization_as_in_env() {
	run_clean "$HFENV" https_proxy=127.0.0.1:7890 A=1 sh -c 'echo "$HTTPS_PROXY $A"'
	expect_status 0
	expect_out "http://127.0.0.1:7890 1"
}

test_without_path_the_command_is_searched_in_bin_and_usr_bin() {
	run env -i "$HFENV" printenv
	expect_status 0
	expect_out_empty
}

test_file_without_a_shebang_is_run_by_bin_sh() {
	printf 'echo "run by sh"\n' >"$TMP/script"
	chmod +x "$TMP/script"
	run_clean "$HFENV" "$TMP/script"
	expect_status 0
	expect_out "run by sh"
}

run_case
