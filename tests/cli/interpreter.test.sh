. "$(dirname "$0")/../helpers/lib.sh"

test_missing_interpreter_is_named() {
	printf '#!/nonexistent/python3\nprint(1)\n' >"$TMP/train.py"
	chmod +x "$TMP/train.py"
	run "$HFENV" "$TMP/train.py"
	expect_status 127
	expect_err_contains "hfenv: $TMP/train.py: bad interpreter /nonexistent/python3: not found"
	expect_err_lines 1
	run "$HFENV" PATH="$TMP" train.py
	expect_status 127
	expect_err_contains "hfenv: $TMP/train.py: bad interpreter /nonexistent/python3"
}

test_crlf_interpreter_is_called_a_windows_file() {
	printf '#!/bin/sh\r\necho ran\r\n' >"$TMP/train.sh"
	chmod +x "$TMP/train.sh"
	run "$HFENV" "$TMP/train.sh"
	expect_status 127
	expect_err_contains "hfenv: bad interpreter /bin/sh^M: CRLF line ends; run dos2unix $TMP/train.sh"
	expect_err_lines 1
	sed -i 's/\r$//' "$TMP/train.sh"
	run "$HFENV" "$TMP/train.sh"
	expect_status 0
	expect_out "ran"
}

run_case
