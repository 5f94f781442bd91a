. "$(dirname "$0")/../helpers/lib.sh"

# Writes each argument as [ARG] on its own line.
show_args() {
	printf '#!/bin/sh\nfor a; do printf "[%%s]\\n" "$a"; done\n' >"$TMP/show-args"
	chmod +x "$TMP/show-args"
}

test_arguments_pass_byte_for_byte() {
	show_args
	newline='a
b'
	run "$HFENV" "$TMP/show-args" 'two words' '' '-x' '--verbose' '--' ' lead' 'trail ' "$newline" 'a=b' '*' '$HOME' "$(printf '\351\001')"
	expect_status 0
	expect_out "[two words]
[]
[-x]
[--verbose]
[--]
[ lead]
[trail ]
[a
b]
[a=b]
[*]
[\$HOME]
[$(printf '\351\001')]"
}

test_argument_count_is_kept() {
	run "$HFENV" sh -c 'echo $#' zero '' '' ''
	expect_status 0
	expect_out 3
}

test_options_after_the_command_belong_to_it() {
	run "$HFENV" sh -c 'printf "%s|" "$0" "$@"; echo' -v -x --proxy
	expect_status 0
	expect_out "-v|-x|--proxy|"
	expect_err_empty
}

test_double_dash_ends_hfenv_options() {
	show_args
	run "$HFENV" -- "$TMP/show-args" -v
	expect_status 0
	expect_out "[-v]"
	run "$HFENV" -x -- "$TMP/show-args" --
	expect_status 0
	expect_out "[--]"
}

test_double_dash_then_option_like_command_is_a_command() {
	run "$HFENV" -- -v
	expect_status 127
	expect_err_contains "hfenv: -v: command not found"
}

test_argv0_is_the_command_as_given() {
	run "$HFENV" cat /proc/self/cmdline
	expect_status 0
	printf 'cat\000/proc/self/cmdline\000' >"$TMP/expected"
	cmp -s "$TMP/expected" "$TMP/out" || fail "argv is not 'cat' '/proc/self/cmdline'"
}

test_script_without_shebang_runs_under_sh() {
	printf 'echo "ran with $#: $1"\n' >"$TMP/noshebang"
	chmod +x "$TMP/noshebang"
	run "$HFENV" "$TMP/noshebang" 'a b'
	expect_status 0
	expect_out "ran with 1: a b"
}

test_command_replaces_hfenv_without_fork() {
	"$HFENV" sh -c 'echo $$' >"$TMP/pid" &
	pid=$!
	wait "$pid"
	[ "$(cat "$TMP/pid")" = "$pid" ] || fail "command pid $(cat "$TMP/pid"), hfenv pid $pid"
}

test_stdin_is_passed_on() {
	printf 'line one\nline two\n' | "$HFENV" cat >"$TMP/out" 2>"$TMP/err"
	status=$?
	expect_status 0
	expect_out "line one
line two"
}

test_signal_death_is_the_commands_own() {
	OWN_STDERR=1
	run "$HFENV" sh -c 'kill -TERM $$'
	expect_status 143
}

run_case
