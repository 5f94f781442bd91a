# The claims of hfenv.1's FILES, each marked there by '.\" test: NAME' (tests/manpage/claims).
. "$(dirname "$0")/../helpers/lib.sh"

# HFENV is the build's hfenv: its tree is installed to a prefix of the test's own.
test_completions_are_installed_under_the_prefix() {
	need cmake
	cmake --install "$(dirname "$HFENV")" --prefix "$TMP/prefix" >"$TMP/install.log" 2>&1 || fail "cmake --install failed"
	for file in share/bash-completion/completions/hfenv share/zsh/site-functions/_hfenv \
		share/fish/vendor_completions.d/hfenv.fish; do
		[ -s "$TMP/prefix/$file" ] || fail "no $file under the prefix"
	done
}

run_case
