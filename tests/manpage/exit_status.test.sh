# The claims of hfenv.1's EXIT STATUS, each marked there by '.\" test: NAME' (tests/manpage/claims).
. "$(dirname "$0")/../helpers/lib.sh"

A=http://127.0.0.1:7890

test_status_of_the_command_that_replaced_hfenv() {
	run_clean "$HFENV" sh -c 'exit 42'
	expect_status 42
}

test_zero_for_help_version_export_and_the_listing() {
	for words in --help --version "--export X=1" ""; do
		run_clean "$HFENV" $words
		expect_status 0
	done
}

test_125_when_hfenv_itself_fails_and_nothing_runs() {
	cd "$TMP" || fail "no $TMP"
	for case in "--no-such-option" "-p python3" "https_proxy=ftp://x:1" "https_proxy=socks5://x:1" \
		"SSL_CERT_FILE=$TMP/missing.pem" "HFENV_PREFER=middle" "HF_HUB_DISABLE_XET=auto"; do
		case $case in
		-*) run_clean "$HFENV" $case touch ran ;;
		*) run_clean "$case" "$HFENV" touch ran ;;
		esac
		expect_status 125
		[ ! -e ran ] || fail "the command ran for $case"
	done
	run_clean "$HFENV" --probe 'bad target'
	expect_status 125
}

# Each operand's table has its verdict; the status is the worst of them, whichever comes last.
test_explain_exits_1_when_clients_disagree_for_any_target() {
	run_clean https_proxy=$A "$HFENV" --explain h.example
	expect_status 0
	for order in "10.1.2.3 h.example" "h.example 10.1.2.3"; do
		run_clean https_proxy=$A NO_PROXY=10.0.0.0/8 "$HFENV" -q --explain $order
		expect_status 1
		run_clean https_proxy=$A NO_PROXY=10.0.0.0/8 "$HFENV" -q --explain=tsv $order
		expect_status 1
	done
	run_clean https_proxy=ftp://x:1 "$HFENV" --explain h.example
	expect_status 125
}

test_probe_exits_1_when_a_target_does_not_answer_2xx() {
	port=$(free_port)
	run_clean "$HFENV" --probe --timeout 2 127.0.0.1:$port
	expect_status 1
}

test_126_for_a_command_found_but_not_run_says_why() {
	mkdir "$TMP/dir"
	printf 'echo x\n' >"$TMP/not-executable"
	printf '\177ELF\002\001\001\000\000\000\000\000\000\000\000\000\003\000\377\377' >"$TMP/other-machine"
	chmod +x "$TMP/other-machine"
	for case in "dir|Is a directory" "not-executable|Permission denied" \
		"other-machine|cannot execute binary file: Exec format error"; do
		run_clean "$HFENV" "$TMP/${case%%|*}"
		expect_status 126
		expect_err_contains "hfenv: $TMP/${case%%|*}: ${case#*|}"
	done
}

test_127_for_a_missing_interpreter_named() {
	printf '#!/nonexistent/python3\nprint(1)\n' >"$TMP/train.py"
	chmod +x "$TMP/train.py"
	run_clean "$HFENV" "$TMP/train.py"
	expect_status 127
	expect_err_contains "bad interpreter /nonexistent/python3: not found"
}

test_127_for_crlf_line_ends_names_the_file_in_the_command() {
	printf '#!/bin/sh\r\necho ran\r\n' >"$TMP/train.sh"
	chmod +x "$TMP/train.sh"
	run_clean "$HFENV" "$TMP/train.sh"
	expect_status 127
	expect_err_contains "bad interpreter /bin/sh^M: CRLF line ends; run dos2unix $TMP/train.sh"
	sed -i 's/\r$//' "$TMP/train.sh"
	run_clean "$HFENV" "$TMP/train.sh"
	expect_status 0
}

test_127_for_a_name_not_in_path_or_a_path_that_is_not_there() {
	mkdir -p "$TMP/bin/tool"
	run_clean "$HFENV" PATH="$TMP/bin" tool
	expect_status 127
	expect_err_contains "hfenv: tool: command not found"
	run_clean "$HFENV" "$TMP/nothing"
	expect_status 127
	expect_err_contains "hfenv: $TMP/nothing: No such file or directory"
}

run_case
