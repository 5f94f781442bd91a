. "$(dirname "$0")/../helpers/lib.sh"

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
		expect_err_contains "try --help"
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
	run "$HFENV" --export=csh
	expect_status 125
	expect_err_contains "'csh'"
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

test_proxy_option_given_a_command_says_it_takes_a_url() {
	run "$HFENV" -p python3 -c 'print(1)'
	expect_status 125
	expect_out_empty
	expect_err_lines 1
	expect_err_contains "hfenv: -p takes a proxy URL such as http://HOST:PORT, not 'python3'"
	run "$HFENV" --proxy=localhost true
	expect_status 125
	expect_err_contains "not 'localhost'"
}

test_proxy_option_takes_host_and_port() {
	run "$HFENV" -p 127.0.0.1:7890 printenv https_proxy
	expect_status 0
	expect_out "http://127.0.0.1:7890"
}

test_refused_socks_is_125_with_advice() {
	run env https_proxy=socks5://127.0.0.1:1080 "$HFENV" touch "$TMP/ran"
	expect_status 125
	[ ! -e "$TMP/ran" ] || fail "the command ran"
	expect_err_contains "https_proxy='socks5://127.0.0.1:1080'"
	expect_err_contains "is SOCKS: use its HTTP port or --allow-socks"
	run env https_proxy=socks5://127.0.0.1:1080 "$HFENV" -v --allow-socks true
	expect_err_contains "Clash: 7890"
	run env all_proxy=socks5://127.0.0.1:1080 "$HFENV" true
	expect_status 125
	expect_err_contains "all_proxy="
}

test_directory_is_126() {
	run "$HFENV" "$TMP"
	expect_status 126
	expect_out_empty
	expect_err_contains "hfenv: $TMP: Is a directory"
	expect_err_lines 1
}

test_directory_in_path_is_not_a_command() {
	mkdir "$TMP/cmd"
	run "$HFENV" PATH="$TMP" cmd
	expect_status 127
	expect_err_contains "hfenv: cmd: command not found"
}

test_not_executable_is_126() {
	printf 'echo ran\n' >"$TMP/script"
	chmod 644 "$TMP/script"
	run "$HFENV" "$TMP/script"
	expect_status 126
	expect_out_empty
	expect_err_contains "hfenv: $TMP/script: Permission denied"
	run "$HFENV" PATH="$TMP" script
	expect_status 126
	expect_err_contains "hfenv: $TMP/script: Permission denied"
}

test_not_found_is_127() {
	run "$HFENV" hfenv-no-such-command-here
	expect_status 127
	expect_err_contains "hfenv: hfenv-no-such-command-here: command not found"
	expect_err_lines 1
	run "$HFENV" "$TMP/nothing"
	expect_status 127
	expect_err_contains "hfenv: $TMP/nothing: No such file or directory"
	run "$HFENV" ''
	expect_status 127
}

# PATH is searched as glibc's execvp, which env(1) uses: each case gets env's exit status.
expect_status_of_env() {
	env -i PATH="$1" "$(command -v env)" "$2" >/dev/null 2>&1
	env_status=$?
	run env -i PATH="$1" "$HFENV" "$2"
	expect_status "$env_status"
}

test_path_directory_of_path_max_bytes_is_skipped_as_env_skips_it() {
	long=/$(printf '%04096d' 0)
	expect_status_of_env "$long:/usr/bin:/bin" true
	expect_status 0
	expect_err_empty
}

test_error_that_is_not_a_missing_file_ends_the_path_search_naming_that_file() {
	mkdir "$TMP/loops"
	ln -s true "$TMP/loops/true"
	expect_status_of_env "$TMP/loops:/usr/bin:/bin" true
	expect_status 126
	expect_err_contains "hfenv: $TMP/loops/true: "
	expect_err_lacks "/usr/bin/true"
}

test_file_name_too_long_in_path_ends_the_search_as_in_env() {
	long=/$(printf '%0300d' 0)
	expect_status_of_env "$long:/usr/bin:/bin" true
	expect_status 126
	expect_err_contains "0/true': " # glibc: File name too long; musl: Filename too long
}

test_missing_and_denied_files_in_path_are_passed_over() {
	mkdir "$TMP/denied" "$TMP/file"
	printf 'echo wrong\n' >"$TMP/denied/true"
	: >"$TMP/file/x"
	expect_status_of_env "$TMP/nothing:$TMP/file/x:$TMP/denied:/usr/bin:/bin" true
	expect_status 0
}

test_misspelled_command_is_not_found() {
	run "$HFENV" pyhton train.py
	expect_status 127
	expect_err_contains "hfenv: pyhton: command not found"
	expect_err_lines 1
}

test_help_as_a_command_points_to_the_help_option() {
	run "$HFENV" help
	expect_status 127
	expect_err_contains "hfenv: help: command not found; hfenv's own help: hfenv --help"
}

test_binary_of_another_format_is_an_exec_format_error() {
	printf '\177ELF\002\001\001\000\000\000\000\000' >"$TMP/arm-binary"
	chmod +x "$TMP/arm-binary"
	run "$HFENV" "$TMP/arm-binary"
	expect_status 126
	expect_out_empty
	expect_err_contains "hfenv: $TMP/arm-binary: cannot execute binary file: Exec format error"
	expect_err_lines 1
}

test_binary_with_a_nul_in_its_first_line_is_not_run_by_sh() {
	printf 'MZ\000\000garbage\n' >"$TMP/program.exe"
	chmod +x "$TMP/program.exe"
	run "$HFENV" "$TMP/program.exe"
	expect_status 126
	expect_err_contains "cannot execute binary file: Exec format error"
}

test_command_name_with_a_blank_is_quoted() {
	run "$HFENV" 'no such'
	expect_status 127
	expect_err_contains "hfenv: 'no such': command not found"
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
