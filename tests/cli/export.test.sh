. "$(dirname "$0")/../helpers/lib.sh"

# Hard values, handed to the shells under test through the environment.
make_values() {
	V_SQUOTE="it's 'quoted'"
	V_DQUOTE='say "hi" \"there\"'
	V_DOLLAR='$HOME ${PATH} $(echo no) $((1+1)) $1 $@ $$'
	V_BACKTICK='`echo no` and `'
	V_BACKSLASH='a\b\\c\n\'
	V_NEWLINE=$(printf 'line one\nline two\n\n.')
	V_NEWLINE=${V_NEWLINE%.}
	V_MIXED=$(printf '\\'"'"'"$`\n!*?[a]~#;&|<>(){} \t.')
	V_MIXED=${V_MIXED%.}
	V_PROXY='http://o'"'"'k"$`\:p@127.0.0.1:7890'
	export V_SQUOTE V_DQUOTE V_DOLLAR V_BACKTICK V_BACKSLASH V_NEWLINE V_MIXED V_PROXY HFENV
}

# Runs the checks in the POSIX shell $1, starting from a proxy set-up hfenv must change.
check_posix_shell() {
	need "$1"
	make_values
	cat >"$TMP/check.sh" <<'SCRIPT'
statements=$("$HFENV" --export -u DROPPED T_SQUOTE="$V_SQUOTE" T_DQUOTE="$V_DQUOTE" T_DOLLAR="$V_DOLLAR" \
	T_BACKTICK="$V_BACKTICK" T_BACKSLASH="$V_BACKSLASH" T_NEWLINE="$V_NEWLINE" T_MIXED="$V_MIXED") || exit 1
eval "$statements" || { echo "eval failed"; exit 1; }
for name in SQUOTE DQUOTE DOLLAR BACKTICK BACKSLASH NEWLINE MIXED; do
	eval "[ \"\$T_$name\" = \"\$V_$name\" ]" || { echo "T_$name differs"; exit 1; }
done
[ "$http_proxy" = "$V_PROXY" ] || { echo "http_proxy differs"; exit 1; }
[ "$HTTP_PROXY" = "$V_PROXY" ] || { echo "HTTP_PROXY differs"; exit 1; }
[ "$no_proxy" = "example.com,.example.com,localhost,.localhost,127.0.0.1,::1" ] || { echo "no_proxy differs"; exit 1; }
[ "$NO_PROXY" = "example.com,.example.com,localhost,.localhost,127.0.0.1,::1" ] || { echo "NO_PROXY differs"; exit 1; }
[ -z "${HTTPS_PROXY+set}" ] || { echo "HTTPS_PROXY still set"; exit 1; }
[ -z "${DROPPED+set}" ] || { echo "DROPPED still set"; exit 1; }
env | grep -q '^HTTP_PROXY=' || { echo "HTTP_PROXY not exported"; exit 1; }
[ -z "$("$HFENV" --export)" ] || { echo "a second --export still has changes"; exit 1; }
SCRIPT
	run env http_proxy=" $V_PROXY$(printf '\r')" HTTPS_PROXY= no_proxy=' *.example.com,,localhost' DROPPED=1 "$1" "$TMP/check.sh"
	expect_status 0
	expect_out_empty
}

test_export_is_evaluated_exactly_by_bash() {
	check_posix_shell bash
}

test_export_is_evaluated_exactly_by_dash() {
	check_posix_shell dash
}

test_export_sh_equals_export() {
	run env -i http_proxy=127.0.0.1:7890 HTTPS_PROXY= "$HFENV" --export
	expect_status 0
	cp "$TMP/out" "$TMP/default"
	run env -i http_proxy=127.0.0.1:7890 HTTPS_PROXY= "$HFENV" --export=sh
	expect_status 0
	cmp -s "$TMP/default" "$TMP/out" || fail "--export=sh differs from --export"
	expect_out "export http_proxy='http://127.0.0.1:7890'
export HTTP_PROXY='http://127.0.0.1:7890'
unset HTTPS_PROXY
export no_proxy='localhost,.localhost,127.0.0.1,::1'
export NO_PROXY='localhost,.localhost,127.0.0.1,::1'"
}

test_export_prints_nothing_when_nothing_changes() {
	run env -i A=1 http_proxy=http://127.0.0.1:7890 HTTP_PROXY=http://127.0.0.1:7890 \
		no_proxy=localhost,.localhost,127.0.0.1,::1 NO_PROXY=localhost,.localhost,127.0.0.1,::1 "$HFENV" --export
	expect_status 0
	expect_out_empty
	expect_err_empty
}

test_export_prints_nothing_on_error() {
	run env -i https_proxy=socks5://127.0.0.1:1080 http_proxy=127.0.0.1:7890 "$HFENV" --export
	expect_status 125
	expect_out_empty
}

test_export_of_a_name_the_shell_cannot_take_is_125_and_prints_nothing() {
	run env -i http_proxy=127.0.0.1:7890 "$HFENV" --export 'BAD-NAME=1'
	expect_status 125
	expect_out_empty
	expect_err_contains "BAD-NAME"
}

test_export_fish_is_evaluated_exactly_by_fish() {
	need fish
	make_values
	cat >"$TMP/check.fish" <<'SCRIPT'
"$HFENV" --export=fish -u DROPPED T_SQUOTE="$V_SQUOTE" T_DQUOTE="$V_DQUOTE" T_DOLLAR="$V_DOLLAR" \
	T_BACKTICK="$V_BACKTICK" T_BACKSLASH="$V_BACKSLASH" T_NEWLINE="$V_NEWLINE" T_MIXED="$V_MIXED" | source
or begin; echo "source failed"; exit 1; end
for name in SQUOTE DQUOTE DOLLAR BACKTICK BACKSLASH NEWLINE MIXED
	set -l t T_$name
	set -l v V_$name
	test (count $$t) -eq 1; or begin; echo "T_$name is not one value"; exit 1; end
	test "$$t" = "$$v"; or begin; echo "T_$name differs"; exit 1; end
end
test "$http_proxy" = "$V_PROXY"; or begin; echo "http_proxy differs"; exit 1; end
test "$HTTP_PROXY" = "$V_PROXY"; or begin; echo "HTTP_PROXY differs"; exit 1; end
test "$NO_PROXY" = "example.com,.example.com,localhost,.localhost,127.0.0.1,::1"; or begin; echo "NO_PROXY differs"; exit 1; end
set -q HTTPS_PROXY; and begin; echo "HTTPS_PROXY still set"; exit 1; end
set -q DROPPED; and begin; echo "DROPPED still set"; exit 1; end
env | grep -q '^HTTP_PROXY='; or begin; echo "HTTP_PROXY not exported"; exit 1; end
test -z "$("$HFENV" --export=fish)"; or begin; echo "a second --export still has changes"; exit 1; end
exit 0
SCRIPT
	run env http_proxy=" $V_PROXY$(printf '\r')" HTTPS_PROXY= no_proxy=' *.example.com,,localhost' DROPPED=1 \
		fish --no-config "$TMP/check.fish"
	expect_status 0
	expect_out_empty
}

test_export_fish_statements() {
	run env -i http_proxy=127.0.0.1:7890 HTTPS_PROXY= "$HFENV" --export=fish
	expect_status 0
	expect_out "set -gx http_proxy 'http://127.0.0.1:7890'
set -gx HTTP_PROXY 'http://127.0.0.1:7890'
set -e HTTPS_PROXY
set -gx no_proxy 'localhost,.localhost,127.0.0.1,::1'
set -gx NO_PROXY 'localhost,.localhost,127.0.0.1,::1'"
}

test_export_with_a_shell_as_operand_says_to_write_it_after_the_equals_sign() {
	for shell in fish bash sh; do
		run_clean "$HFENV" --export $shell
		expect_status 125
		expect_out_empty
		expect_err_contains "hfenv: --export runs nothing; to name the shell, write --export=$shell; try --help"
	done
}

test_export_with_another_operand_says_to_remove_it() {
	run_clean "$HFENV" --export python3
	expect_status 125
	expect_err_contains "hfenv: --export runs nothing; remove 'python3'; try --help"
}

test_export_bash_zsh_dash_ksh_are_the_sh_format() {
	run env -i http_proxy=127.0.0.1:7890 "$HFENV" --export=sh
	expect_status 0
	cp "$TMP/out" "$TMP/sh"
	for shell in bash zsh dash ksh; do
		run env -i http_proxy=127.0.0.1:7890 "$HFENV" --export="$shell"
		expect_status 0
		cmp -s "$TMP/sh" "$TMP/out" || fail "--export=$shell differs from --export=sh"
	done
}

run_case
