. "$(dirname "$0")/../lib.sh"

test_success_is_zero() {
	run "$HFENV" true
	expect_status 0
	expect_out_empty
	expect_err_empty
}

test_command_status_is_passed_on() {
	run "$HFENV" sh -c 'exit 7'
	expect_status 7
	run "$HFENV" false
	expect_status 1
}

test_unknown_option_is_125() {
	for option in -Z --bogus -vZ --bogus=1; do
		run "$HFENV" "$option" true
		expect_status 125
		expect_out_empty
		expect_err_contains "unknown option"
		expect_err_contains "hfenv --help"
	done
}

test_unknown_option_in_a_cluster_is_named() {
	run "$HFENV" -Zv true
	expect_status 125
	expect_err_contains "'-Z'"
}

test_missing_option_argument_is_125() {
	for option in -p --proxy -u --unset --prefer; do
		run "$HFENV" "$option"
		expect_status 125
		expect_out_empty
		expect_err_contains "needs an argument"
	done
}

test_bad_option_argument_is_125() {
	run "$HFENV" --prefer middle true
	expect_status 125
	expect_err_contains "'middle'"
	run "$HFENV" --export=bash
	expect_status 125
	expect_err_contains "'bash'"
	run "$HFENV" --verbose=1 true
	expect_status 125
	expect_err_contains "takes no argument"
}

test_export_with_a_command_is_125() {
	run "$HFENV" --export true
	expect_status 125
	expect_out_empty
}

test_invalid_proxy_url_is_125_and_nothing_runs() {
	for value in ftp://127.0.0.1:21 http://127.0.0.1:0 http://127.0.0.1:65536 http://::1:7890 \
		http://127.0.0.1:7890/path 'http://127.0.0.1 :7890' 'http://:7890'; do
		rm -f "$TMP/ran"
		run env https_proxy="$value" "$HFENV" touch "$TMP/ran"
		expect_status 125
		[ ! -e "$TMP/ran" ] || fail "the command ran with https_proxy='$value'"
		expect_err_contains "https_proxy="
		expect_out_empty
	done
}

test_invalid_proxy_option_is_125() {
	run "$HFENV" -p 'gopher://127.0.0.1:70' true
	expect_status 125
	expect_err_contains "--proxy"
}

test_refused_socks_is_125_with_advice() {
	run env https_proxy=socks5://127.0.0.1:1080 "$HFENV" touch "$TMP/ran"
	expect_status 125
	[ ! -e "$TMP/ran" ] || fail "the command ran"
	expect_err_contains "https_proxy='socks5://127.0.0.1:1080'"
	expect_err_contains "is SOCKS: use an HTTP proxy or --allow-socks"
	run env https_proxy=socks5://127.0.0.1:1080 "$HFENV" -v --allow-socks true
	expect_err_contains "Clash: 7890"
	run env all_proxy=socks5://127.0.0.1:1080 "$HFENV" true
	expect_status 125
	expect_err_contains "all_proxy="
}

test_directory_is_126() {
	run "$HFENV" "$TMP"
	expect_status 126
	expect_err_contains "hfenv: '$TMP': Permission denied"
	mkdir "$TMP/cmd"
	run "$HFENV" PATH="$TMP" cmd
	expect_status 126
}

test_not_executable_is_126() {
	printf 'echo ran\n' >"$TMP/script"
	chmod 644 "$TMP/script"
	run "$HFENV" "$TMP/script"
	expect_status 126
	expect_out_empty
	expect_err_contains "hfenv: '$TMP/script': Permission denied"
	run "$HFENV" PATH="$TMP" script
	expect_status 126
}

test_not_found_is_127() {
	run "$HFENV" hfenv-no-such-command-here
	expect_status 127
	expect_err_contains "hfenv: 'hfenv-no-such-command-here': No such file or directory"
	run "$HFENV" "$TMP/nothing"
	expect_status 127
	run "$HFENV" ''
	expect_status 127
}

test_failed_write_to_stdout_is_125() {
	for option in --export -h -V; do
		"$HFENV" $option HTTPS_PROXY=127.0.0.1:7890 >/dev/full 2>"$TMP/err"
		status=$?
		expect_status 125
		expect_err_contains "hfenv: cannot write to standard output"
	done
	env -i A=1 "$HFENV" >/dev/full 2>"$TMP/err"
	status=$?
	expect_status 125
}

run_case
