. "$(dirname "$0")/../helpers/lib.sh"

test_assignment_sets_a_variable_for_the_command() {
	run "$HFENV" GREETING='hello world' sh -c 'printf "%s\n" "$GREETING"'
	expect_status 0
	expect_out "hello world"
	expect_err_empty
}

test_several_assignments_apply_in_order() {
	run "$HFENV" A=1 B= A=2 sh -c 'printf "%s|%s|%s\n" "$A" "${B-unset}" "$#"'
	expect_status 0
	expect_out "2||0"
}

test_assignment_value_may_contain_equals_and_newline() {
	run "$HFENV" "X=a=b
c" printenv X
	expect_status 0
	expect_out "a=b
c"
}

test_assignment_after_double_dash() {
	run "$HFENV" -- A=1 printenv A
	expect_status 0
	expect_out 1
}

test_assignment_of_a_proxy_is_normalized() {
	run "$HFENV" HTTPS_PROXY=127.0.0.1:7890 printenv https_proxy HTTPS_PROXY
	expect_status 0
	expect_out "http://127.0.0.1:7890
http://127.0.0.1:7890"
}

test_unset_removes_a_variable() {
	run env FOO=bar "$HFENV" -u FOO sh -c 'echo "${FOO-unset}"'
	expect_status 0
	expect_out unset
	run env FOO=bar "$HFENV" --unset FOO sh -c 'echo "${FOO-unset}"'
	expect_out unset
	run env FOO=bar "$HFENV" --unset=FOO sh -c 'echo "${FOO-unset}"'
	expect_out unset
}

test_unset_is_repeatable() {
	run env A=1 B=2 C=3 "$HFENV" -u A -u C sh -c 'echo "${A-u}${B-u}${C-u}"'
	expect_out u2u
}

test_assignment_applies_after_unset() {
	run env FOO=old "$HFENV" -u FOO FOO=new printenv FOO
	expect_status 0
	expect_out new
}

test_unset_with_equals_sign_is_125() {
	run "$HFENV" -u A=B true
	expect_status 125
	expect_err_contains "'A=B'"
}

test_path_is_searched_in_the_resulting_environment() {
	mkdir "$TMP/bin"
	printf '#!/bin/sh\necho "found in bin"\n' >"$TMP/bin/hfenv-test-cmd"
	chmod +x "$TMP/bin/hfenv-test-cmd"
	run "$HFENV" PATH="$TMP/bin" hfenv-test-cmd
	expect_status 0
	expect_out "found in bin"
	run env PATH="$TMP/bin:$PATH" "$HFENV" -u PATH hfenv-test-cmd
	expect_status 127
}

test_path_search_skips_a_non_executable_match() {
	mkdir "$TMP/a" "$TMP/b"
	printf 'echo wrong\n' >"$TMP/a/cmd"
	printf '#!/bin/sh\necho right\n' >"$TMP/b/cmd"
	chmod +x "$TMP/b/cmd"
	run "$HFENV" PATH="$TMP/a:$TMP/b" cmd
	expect_status 0
	expect_out right
}

test_without_path_the_default_path_is_searched() {
	run env -i "$HFENV" true
	expect_status 0
	expect_err_empty
}

run_case
