# The claims of hfenv.1's OPTIONS, each marked there by '.\" test: NAME' (tests/manpage/claims).
. "$(dirname "$0")/../helpers/lib.sh"

A=http://127.0.0.1:7890

proxies() {
	sh -c 'echo "$http_proxy $HTTP_PROXY $https_proxy $HTTPS_PROXY"'
}

test_proxy_sets_http_and_https_in_both_spellings() {
	for option in -p --proxy; do
		run_clean "$HFENV" $option $A sh -c 'echo "$http_proxy $HTTP_PROXY $https_proxy $HTTPS_PROXY"'
		expect_status 0
		expect_out "$A $A $A $A"
	done
}

test_proxy_takes_host_port() {
	run_clean "$HFENV" -p 127.0.0.1:7890 printenv HTTPS_PROXY
	expect_status 0
	expect_out "$A"
}

test_proxy_word_that_is_no_url_is_taken_for_the_command() {
	run_clean "$HFENV" -p python3 train.py
	expect_status 125
	expect_err_contains "hfenv: -p takes a proxy URL such as http://HOST:PORT, not 'python3'"
}

test_no_xet_sets_both_xet_names_unless_true() {
	for option in -x --no-xet; do
		run_clean HF_HUB_DISABLE_XET=0 "$HFENV" $option sh -c 'echo "$HF_HUB_DISABLE_XET $HF_HUB_DISABLE_XETHUB"'
		expect_status 0
		expect_out "1 1"
	done
	run_clean HF_HUB_DISABLE_XET=yes HF_HUB_DISABLE_XETHUB=true "$HFENV" -x sh -c 'echo "$HF_HUB_DISABLE_XET $HF_HUB_DISABLE_XETHUB"'
	expect_out "yes true"
}

test_no_xet_lets_socks_through_with_a_warning() {
	run_clean https_proxy=socks5h://127.0.0.1:1080 "$HFENV" -x printenv HTTPS_PROXY
	expect_status 0
	expect_out "socks5h://127.0.0.1:1080"
	expect_err_contains "hfenv: warning: a SOCKS proxy is let through (Xet is off): httpx needs socksio, requests PySocks"
}

test_allow_socks_accepts_every_socks_scheme_and_writes_socks5h() {
	for scheme in socks4 socks4a socks5h; do
		run_clean https_proxy=$scheme://127.0.0.1:1080 "$HFENV" --allow-socks printenv HTTPS_PROXY
		expect_status 0
		expect_out "$scheme://127.0.0.1:1080"
	done
	run_clean https_proxy=socks5://127.0.0.1:1080 "$HFENV" --allow-socks printenv HTTPS_PROXY
	expect_out "socks5h://127.0.0.1:1080"
	expect_err_contains "hfenv: warning: a SOCKS proxy is let through (--allow-socks)"
}

test_allow_socks_keeps_a_socks_all_proxy_beside_http_proxies() {
	run_clean http_proxy=$A https_proxy=$A all_proxy=socks5://127.0.0.1:7891 "$HFENV" --allow-socks printenv ALL_PROXY
	expect_status 0
	expect_out "socks5h://127.0.0.1:7891"
	expect_err_contains "hfenv: warning: a SOCKS proxy is let through (--allow-socks)"
}

test_proxy_loopback_adds_nothing_to_no_proxy() {
	run_clean https_proxy=$A "$HFENV" --proxy-loopback printenv NO_PROXY
	expect_status 1
	expect_out_empty
	run_clean https_proxy=$A NO_PROXY=hf.co "$HFENV" --proxy-loopback printenv NO_PROXY
	expect_out "hf.co,.hf.co"
}

test_proxy_loopback_sends_loopback_through_the_proxy_but_for_go() {
	run_clean https_proxy=$A "$HFENV" --proxy-loopback --explain=tsv https://127.0.0.1/
	for client in curl wget requests httpx2 hf_xet node; do
		[ "$(awk -F '\t' -v c=$client '$1 == c && $2 == "https" { print $4 }' "$TMP/out")" = $A ] ||
			fail "$client does not go through the proxy to 127.0.0.1"
	done
	[ "$(awk -F '\t' '$1 == "go" && $2 == "https" { print $6 }' "$TMP/out")" = "direct: loopback" ] ||
		fail "go does not go direct to loopback"
}

test_prefer_says_which_spelling_wins_lower_by_default() {
	run_clean https_proxy=http://a.example:1 HTTPS_PROXY=http://b.example:2 "$HFENV" printenv HTTPS_PROXY
	expect_out "http://a.example:1"
	run_clean https_proxy=http://a.example:1 HTTPS_PROXY=http://b.example:2 "$HFENV" --prefer upper printenv https_proxy
	expect_out "http://b.example:2"
	run_clean https_proxy=http://a.example:1 HTTPS_PROXY=http://b.example:2 "$HFENV" --prefer lower printenv HTTPS_PROXY
	expect_out "http://a.example:1"
}

test_ca_bundle_goes_to_every_bundle_variable_made_absolute() {
	cd "$TMP" || fail "no $TMP"
	cp /etc/ssl/certs/ca-certificates.crt ca.pem
	run_clean "$HFENV" --ca-bundle ca.pem sh -c \
		'echo "$REQUESTS_CA_BUNDLE $CURL_CA_BUNDLE $SSL_CERT_FILE $GIT_SSL_CAINFO $NODE_EXTRA_CA_CERTS"'
	expect_status 0
	expect_out "$TMP/ca.pem $TMP/ca.pem $TMP/ca.pem $TMP/ca.pem $TMP/ca.pem"
}

test_ca_bundle_that_is_no_pem_file_is_named_and_refused() {
	cd "$TMP" || fail "no $TMP"
	mkdir dir
	: >empty.pem
	for bad in missing.pem:"No such file or directory" dir:"not a regular file" empty.pem:"no PEM certificate in it"; do
		run_clean "$HFENV" --ca-bundle "${bad%%:*}" true
		expect_status 125
		expect_err_contains "hfenv: --ca-bundle '${bad%%:*}': ${bad#*:}"
	done
}

test_ca_bundle_in_der_gets_the_command_that_converts_it() {
	cd "$TMP" || fail "no $TMP"
	need openssl
	openssl x509 -in /etc/ssl/certs/ca-certificates.crt -outform der -out root.der || fail "no DER file"
	run_clean "$HFENV" --ca-bundle root.der true
	expect_status 125
	expect_err_contains "hfenv: --ca-bundle 'root.der': DER: openssl x509 -inform der -in FILE -out FILE.pem"
}

test_unset_removes_a_variable_and_repeats() {
	run env -i A=1 B=2 C=3 "$HFENV" -u A --unset B
	expect_status 0
	expect_out "C=3"
}

test_export_prints_statements_for_what_changes_only() {
	run_clean HTTP_PROXY=$A X=1 "$HFENV" --export
	expect_status 0
	expect_out "export http_proxy='$A'
export no_proxy='localhost,.localhost,127.0.0.1,::1'
export NO_PROXY='localhost,.localhost,127.0.0.1,::1'"
	run_clean X=1 "$HFENV" --export
	expect_status 0
	expect_out_empty
}

test_export_orders_managed_variables_then_unset_then_operands() {
	run_clean https_proxy=$A X=1 "$HFENV" --export -u X Y=2
	expect_out "export HTTPS_PROXY='$A'
export no_proxy='localhost,.localhost,127.0.0.1,::1'
export NO_PROXY='localhost,.localhost,127.0.0.1,::1'
unset X
export Y='2'"
}

test_export_fish_sets_and_erases() {
	run_clean https_proxy=$A X=1 "$HFENV" --export=fish -u X
	expect_out "set -gx HTTPS_PROXY '$A'
set -gx no_proxy 'localhost,.localhost,127.0.0.1,::1'
set -gx NO_PROXY 'localhost,.localhost,127.0.0.1,::1'
set -e X"
}

test_export_bash_zsh_dash_and_ksh_are_the_sh_format() {
	run_clean https_proxy=$A "$HFENV" --export=sh
	cp "$TMP/out" "$TMP/sh"
	for shell in bash zsh dash ksh; do
		run_clean https_proxy=$A "$HFENV" --export=$shell
		expect_status 0
		cmp -s "$TMP/sh" "$TMP/out" || fail "--export=$shell differs from --export=sh"
	done
}

# The value of every byte but NUL, and the shells' specials, comes back as it was.
test_export_values_are_read_back_byte_for_byte() {
	value=$(printf "it's \$HOME \`x\` \\\\ \"q\" \t!*?")
	for shell in bash dash fish; do
		need $shell
		format=sh
		[ $shell = fish ] && format=fish
		printf '%s' "$value" >"$TMP/expected"
		run_clean "$HFENV" --export=$format V="$value"
		statements=$out
		run_clean $shell -c "$statements
printf '%s' \"\$V\"" 
		cmp -s "$TMP/expected" "$TMP/out" || fail "$shell read back another value: $out"
	done
}

test_export_of_a_name_that_is_no_identifier_prints_nothing() {
	run_clean https_proxy=$A "$HFENV" --export A-B=1
	expect_status 125
	expect_out_empty
	expect_err_contains "A-B"
}

test_explain_names_every_client_family() {
	run_clean COLUMNS=120 "$HFENV" --explain
	expect_status 0
	for label in curl git wget "Python urllib" "requests 2.34" "httpx 0.28 (no socksio)" "huggingface_hub 2.4 (httpx2)" \
		"reqwest 0.11" "hf_xet >= 1.3, uv: reqwest 0.13" "Go 1.26" "Node" "undici"; do
		expect_out_contains "$label"
	done
}

test_explain_before_is_the_environment_with_the_operands() {
	run_clean NO_PROXY='*' "$HFENV" -u NO_PROXY --explain=tsv HTTPS_PROXY=$A
	[ "$(awk -F '\t' '$1 == "go" && $2 == "https" { print $3 }' "$TMP/out")" = $A ] || fail "go's BEFORE is not $A"
	[ "$(awk -F '\t' '$1 == "curl" && $2 == "https" { print $3 }' "$TMP/out")" = $A ] || fail "curl's BEFORE is not $A"
}

test_explain_trust_table_says_replaces_or_adds() {
	run_clean SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt COLUMNS=100 "$HFENV" --explain
	expect_out_contains "Bundles:  F1 = /etc/ssl/certs/ca-certificates.crt"
	expect_out_contains "F1 only"
	expect_out_contains "F1 + system store"
	[ -z "$(sed -n '/^Trust/,$p' "$TMP/out" | grep '^undici')" ] || fail "undici has a trust row"
	run_clean "$HFENV" --explain=tsv
	[ -z "$(awk -F '\t' '$1 == "undici" && $2 == "trust"' "$TMP/out")" ] || fail "undici has a trust line"
	[ "$(awk -F '\t' '$1 == "wget" && $2 == "trust" { print $6 }' "$TMP/out")" != "" ] || fail "wget has no trust line"
}

test_explain_hub_block_names_endpoint_xet_and_hosts() {
	run_clean COLUMNS=100 "$HFENV" --explain
	expect_out_contains "Hugging Face, after hfenv"
	expect_out_contains "endpoint https://huggingface.co (the Hub); Xet on"
	expect_out_contains "cas-server.xethub.hf.co:443"
	expect_out_contains "transfer.xethub.hf.co:443"
	expect_out_lacks "cas-bridge"
	run_clean HF_HUB_DISABLE_XET=1 COLUMNS=100 "$HFENV" --explain
	expect_out_contains "Xet off (HF_HUB_DISABLE_XET)"
	expect_out_contains "cas-bridge.xethub.hf.co:443"
	expect_out_lacks "transfer.xethub"
}

test_explain_hub_block_warns_that_xet_storage_skips_a_mirror() {
	run_clean HF_ENDPOINT=https://hf-mirror.com COLUMNS=100 "$HFENV" --explain
	expect_out_contains "endpoint https://hf-mirror.com (a mirror)"
	expect_out_contains "Xet storage traffic does not go to the mirror"
	expect_out_contains "run with -x"
	run_clean HF_ENDPOINT=https://hf-mirror.com HF_HUB_DISABLE_XET=1 COLUMNS=100 "$HFENV" --explain
	expect_out_lacks "does not go to the mirror"
}

test_explain_hub_block_names_proxies_by_the_one_legend() {
	run_clean https_proxy=http://u:pw@127.0.0.1:8888 COLUMNS=100 "$HFENV" --explain
	[ "$(grep -c 'Proxies:' "$TMP/out")" -eq 1 ] || fail "not one legend of proxies"
	expect_out_contains "Proxies:  A = http://u:***@127.0.0.1:8888"
	sed -n '/^Hugging Face/,/^$/p' "$TMP/out" | grep -q '^    A: curl' || fail "the Hub's block does not name A"
}

test_explain_never_shows_the_token_nor_a_password_and_runs_nothing() {
	cd "$TMP" || fail "no $TMP"
	for format in table tsv; do
		run_clean HF_TOKEN=hf_planted https_proxy=http://u:s3cret@127.0.0.1:8888 "$HFENV" --explain=$format touch ran
		expect_nowhere hf_planted
		expect_nowhere s3cret
		expect_out_contains "http://u:***@127.0.0.1:8888"
		[ ! -e "$TMP/ran" ] || fail "--explain ran a command"
	done
}

test_explain_colours_only_a_terminal_without_no_color() {
	need script
	run_clean "$HFENV" --explain
	expect_out_lacks "$(printf '\033[')"
	run_clean TERM=dumb script -qec "$HFENV --explain" /dev/null
	expect_out_contains "$(printf '\033[1m')"
	run_clean TERM=dumb NO_COLOR=1 script -qec "$HFENV --explain" /dev/null
	expect_out_lacks "$(printf '\033[')"
}

test_explain_width_is_columns_else_80() {
	run_clean COLUMNS=120 "$HFENV" --explain
	expect_out_contains "huggingface_hub 2.4 (httpx2)"
	run_clean "$HFENV" --explain
	expect_out_lacks "huggingface_hub 2.4 (httpx2)"
	expect_out_contains "huggingface_hub "
}

# The tables fit down to the width the page names; legends and findings holding a long value may not.
test_explain_tables_fit_down_to_60_columns() {
	for columns in 60 70 80 100; do
		run_clean COLUMNS=$columns REQUEST_METHOD=GET http_proxy=$A https_proxy=http://u:p@127.0.0.1:8888 \
			all_proxy=socks5://127.0.0.1:1080 NO_PROXY=localhost,10.0.0.0/8 SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \
			"$HFENV" --explain --allow-socks localhost example.com
		awk -v w=$columns '/^(CLIENT|                 )/ { table = 1 } /^$/ { table = 0 }
			table && length($0) > w { print; bad = 1 } END { exit bad }' "$TMP/out" >"$TMP/wide" ||
			fail "table lines over $columns columns: $(cat "$TMP/wide")"
	done
	run_clean COLUMNS=40 https_proxy=$A "$HFENV" --explain
	awk '/^CLIENT/ { table = 1 } /^$/ { table = 0 } table && length($0) > 60 { bad = 1 } END { exit bad }' "$TMP/out" ||
		fail "below 60 columns a table is wider than 60"
}

test_explain_legends_name_each_proxy_and_bundle_once() {
	run_clean https_proxy=http://alice:secret@127.0.0.1:8888 SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \
		"$HFENV" --explain
	expect_out_contains "Proxies:  A = http://alice:***@127.0.0.1:8888"
	expect_out_contains "Bundles:  F1 = /etc/ssl/certs/ca-certificates.crt"
}

test_explain_a_letter_means_the_same_proxy_everywhere() {
	run_clean http_proxy=http://127.0.0.1:8080 https_proxy=http://u:pw@127.0.0.1:3128 "$HFENV" --explain \
		h.example http://other.example/
	expect_out_contains "Proxies:  A = http://127.0.0.1:8080"
	expect_out_contains "          B = http://u:***@127.0.0.1:3128"
	[ "$(awk '$1 == "curl" { print $NF }' "$TMP/out" | head -2 | tr '\n' ' ')" = "B A " ] ||
		fail "curl's AFTER cells are not B (https, h.example) then A (http, other.example)"
	sed -n '/^Hugging Face/,/^$/p' "$TMP/out" | grep -q '^    B: curl' || fail "the Hub's block does not name B"
}

test_explain_cells_say_direct_and_why() {
	run_clean https_proxy=$A NO_PROXY=example.com "$HFENV" --explain=tsv example.com 127.0.0.1
	expect_out_contains "direct: NO_PROXY"
	expect_out_contains "direct: loopback"
	run_clean https_proxy=$A NO_PROXY='*' "$HFENV" --explain=tsv
	expect_out_contains "direct: NO_PROXY=*"
}

test_explain_cells_say_ignored_refused_and_fails() {
	run_clean REQUEST_METHOD=GET HTTP_PROXY=$A "$HFENV" --explain=tsv
	expect_out_contains "ignored under CGI"
	expect_out_contains "refused under CGI"
	run_clean https_proxy=socks5://127.0.0.1:1080 "$HFENV" --explain=tsv
	expect_out_contains "fails: no SOCKS"
	expect_out_contains "ignored: "
	run_clean https_proxy=ftp://127.0.0.1:21 "$HFENV" --explain=tsv
	expect_out_contains "bad scheme"
}

test_explain_shortens_labels_below_100_columns_and_notes_long_cells() {
	run_clean COLUMNS=80 REQUEST_METHOD=GET http_proxy=$A https_proxy=http://u:p@127.0.0.1:8888 NO_PROXY=localhost \
		"$HFENV" --explain localhost
	expect_out_contains "huggingface_hub "
	expect_out_lacks "huggingface_hub 2.4 (httpx2)"
	expect_out_contains "Notes:    1 = "
	expect_out_contains " 1 "
}

test_explain_wraps_findings_at_the_width_indenting_the_rest() {
	run_clean COLUMNS=60 https_proxy=127.0.0.1:7890 HTTPS_PROXY=http://other.example:8080 "$HFENV" --explain
	sed -n '/^What hfenv would do:/,$p' "$TMP/out" >"$TMP/findings"
	awk 'length($0) > 60 { bad = 1 } END { exit bad }' "$TMP/findings" || fail "a finding's line is over 60 columns"
	grep -q '^    [^ ]' "$TMP/findings" || fail "no continued line is indented"
}

test_explain_shows_routes_no_rewrite_can_align() {
	run_clean REQUEST_METHOD=GET http_proxy=$A "$HFENV" --explain=tsv
	[ "$(awk -F '\t' '$1 == "go" && $2 == "http" { print $4 }' "$TMP/out")" = fail ] || fail "go does not refuse under CGI"
	run_clean https_proxy=$A NO_PROXY='*' "$HFENV" --explain=tsv
	[ "$(awk -F '\t' '$1 == "wget" && $2 == "https" { print $3 }' "$TMP/out")" = $A ] || fail "wget reads NO_PROXY=*"
	run_clean http_proxy=$A "$HFENV" --explain=tsv
	[ "$(awk -F '\t' '$1 == "undici" && $2 == "https" { print $4 }' "$TMP/out")" = $A ] || fail "undici goes direct"
}

test_explain_tsv_has_a_header_and_seven_fields() {
	run_clean https_proxy=$A "$HFENV" --explain=tsv
	expect_status 0
	[ "$(head -n 1 "$TMP/out")" = "$(printf 'client\tscheme\tbefore\tafter\tbefore_text\tafter_text\ttarget')" ] ||
		fail "no header row"
	awk -F '\t' 'NF != 7 { bad = 1 } END { exit bad }' "$TMP/out" || fail "a line without seven fields"
}

test_explain_tsv_names_the_clients_by_their_ids() {
	run_clean "$HFENV" --explain=tsv
	ids=$(awk -F '\t' 'NR > 1 && $2 == "https" { print $1 }' "$TMP/out" | tr '\n' ' ')
	[ "$ids" = "curl git wget aria2c urllib requests httpx httpx-socksio httpx2 reqwest hf_xet go node undici " ] ||
		fail "client ids: $ids"
}

test_explain_tsv_schemes_hub_and_trust() {
	run_clean "$HFENV" --explain=tsv
	[ "$(awk -F '\t' '$2 == "hub" { print $7 }' "$TMP/out" | sort -u | tr '\n' ' ')" = \
		"https://cas-server.xethub.hf.co:443 https://huggingface.co:443 https://transfer.xethub.hf.co:443 " ] ||
		fail "the hub lines' targets are not the download's hosts"
	[ "$(awk -F '\t' '$2 == "trust" { n++ } END { print n }' "$TMP/out")" -eq 13 ] || fail "not one trust line per client but undici"
	run_clean https_proxy=ftp://x:1 "$HFENV" --explain=tsv
	expect_status 125
	[ -z "$(awk -F '\t' '$2 == "hub"' "$TMP/out")" ] || fail "hub lines although hfenv would refuse"
}

test_explain_tsv_route_tokens_and_texts() {
	run_clean all_proxy=socks5://127.0.0.1:1080 "$HFENV" --explain=tsv
	[ "$(awk -F '\t' '$1 == "httpx" && $2 == "https" { print $3 }' "$TMP/out")" = fail ] || fail "httpx does not fail on SOCKS"
	[ "$(awk -F '\t' '$1 == "curl" && $2 == "https" { print $4 }' "$TMP/out")" = refused ] || fail "no refused after"
	run_clean SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt "$HFENV" --explain=tsv
	[ "$(awk -F '\t' '$1 == "httpx2" && $2 == "trust" { print $5 }' "$TMP/out")" = \
		"/etc/ssl/certs/ca-certificates.crt (SSL_CERT_FILE) only" ] || fail "httpx2's trust text"
	[ "$(awk -F '\t' '$1 == "curl" && $2 == "trust" { print $5 }' "$TMP/out")" = \
		"/etc/ssl/certs/ca-certificates.crt (SSL_CERT_FILE) + system store" ] || fail "curl's trust text"
	run_clean "$HFENV" --explain=tsv
	[ "$(awk -F '\t' '$1 == "requests" && $2 == "trust" { print $3 }' "$TMP/out")" = default ] || fail "no default"
	run_clean SSL_CERT_FILE= "$HFENV" --explain=tsv
	[ "$(awk -F '\t' '$1 == "hf_xet" && $2 == "trust" { print $3 }' "$TMP/out")" = none ] || fail "hf_xet with an empty SSL_CERT_FILE"
}

test_explain_tsv_target_is_the_operand() {
	run_clean "$HFENV" --explain=tsv hf.co
	[ "$(awk -F '\t' 'NR > 1 && $2 != "hub" && $2 != "trust" { print $7 }' "$TMP/out" | sort -u)" = hf.co ] ||
		fail "the target field is not the operand"
	run_clean "$HFENV" --explain=tsv
	[ -z "$(awk -F '\t' 'NR > 1 && $2 != "hub" && $7 != ""' "$TMP/out")" ] || fail "a target without operands"
}

test_explain_operands_are_hosts_addresses_ports_and_urls() {
	run_clean https_proxy=$A "$HFENV" --explain=tsv h.example 10.1.2.3 h.example:8443 '[::1]:8443' https://h.example/x
	expect_status 0
	for target in h.example 10.1.2.3 h.example:8443 '[::1]:8443' https://h.example/x; do
		awk -F '\t' -v t="$target" '$7 == t { found = 1 } END { exit !found }' "$TMP/out" || fail "no line for $target"
	done
	[ -z "$(awk -F '\t' '$7 == "https://h.example/x" && $2 == "http"' "$TMP/out")" ] || fail "an http line for an https URL"
	run_clean https_proxy=$A "$HFENV" --explain h.example https://h.example/
	[ "$(grep -c '^CLIENT' "$TMP/out")" -eq 3 ] || fail "not one route table per operand and a trust table"
}

test_explain_operand_routes_count_no_proxy() {
	run_clean https_proxy=$A NO_PROXY=internal.example "$HFENV" --explain=tsv https://a.internal.example/
	[ "$(awk -F '\t' '$1 == "curl" && $2 == "https" { print $4 }' "$TMP/out")" = direct ] || fail "curl uses the proxy"
	run_clean https_proxy=$A NO_PROXY=internal.example "$HFENV" --explain=tsv
	[ "$(awk -F '\t' '$1 == "curl" && $2 == "https" { print $4 }' "$TMP/out")" = $A ] || fail "without operands curl goes direct"
}

test_explain_operand_named_like_a_format_is_a_host_with_a_warning() {
	run_clean "$HFENV" --explain tsv
	expect_status 0
	expect_err_contains "hfenv: warning: 'tsv' is explained as a host; for the format, write --explain=tsv"
	expect_out_contains "For tsv:"
}

start_target() {
	TARGET_PORT=$(free_port)
	start "$TARGET_PORT" "$PYTHON" "$TESTS/helpers/servers.py" serve-ok "$TARGET_PORT"
}

start_http_proxy() {
	PROXY_PORT=$(free_port)
	start_tinyproxy "$PROXY_PORT" "$@"
}

test_probe_connects_through_the_https_proxy_and_prints_each_target() {
	start_target
	start_http_proxy
	run_clean https_proxy=http://127.0.0.1:$PROXY_PORT "$HFENV" --probe --proxy-loopback 127.0.0.1:$TARGET_PORT
	expect_status 0
	expect_out_contains "127.0.0.1:$TARGET_PORT"
	expect_out_contains "http://127.0.0.1:$PROXY_PORT"
	expect_out_contains "200"
	expect_out_contains " ms"
}

test_probe_goes_direct_for_no_proxy_and_loopback() {
	start_target
	run_clean https_proxy=http://127.0.0.1:9 "$HFENV" --probe 127.0.0.1:$TARGET_PORT
	expect_status 0
	expect_out_contains "direct (NO_PROXY)"
}

test_probe_without_an_https_proxy_says_so_first() {
	start_target
	run_clean http_proxy=$A "$HFENV" --probe 127.0.0.1:$TARGET_PORT
	expect_status 0
	[ "$(head -n 1 "$TMP/out" | grep -c 'direct')" -eq 1 ] || fail "the first line does not say https goes direct"
	expect_out_contains "(http_proxy: http:// only)"
}

# A proxy that answers every CONNECT: no host name is resolved on this machine.
test_probe_targets_the_endpoint_and_the_xet_hosts_by_default() {
	port=$(free_port)
	start "$port" "$PYTHON" "$TESTS/helpers/servers.py" fake-proxy "$port" "200 Connection established" "$TMP/requests"
	for endpoint in "" HF_ENDPOINT=http://mirror.example/hf HUGGINGFACE_CO_STAGING=1; do
		: >"$TMP/requests"
		run_clean $endpoint "$HFENV" -q -p http://127.0.0.1:$port --probe
		expect_status 0
		case $endpoint in
		"") first=huggingface.co:443 ;;
		HF_*) first=mirror.example:80 ;;
		*) first=hub-ci.huggingface.co:443 ;;
		esac
		[ "$(sed -n 's/^CONNECT \([^ ]*\) .*/\1/p' "$TMP/requests" | tr '\n' ' ')" = \
			"$first cas-server.xethub.hf.co:443 cas-bridge.xethub.hf.co:443 transfer.xethub.hf.co:443 " ] ||
			fail "the targets for '$endpoint': $(cat "$TMP/requests")"
	done
}

test_probe_refuses_an_endpoint_that_is_no_url() {
	run_clean HF_ENDPOINT=ftp://mirror "$HFENV" --probe
	expect_status 125
}

test_probe_timeout_takes_seconds_with_a_fraction_but_no_exponent() {
	for bad in 1e3 0.0001 3601 x; do
		run_clean "$HFENV" --probe --timeout $bad 127.0.0.1:9
		expect_status 125
		expect_err_contains "--timeout takes a number of seconds from 0.001 to 3600"
	done
}

test_probe_sends_the_proxy_credentials_and_never_shows_them() {
	start_target
	start_http_proxy "BasicAuth alice s3cret"
	run_clean https_proxy=http://alice:s3cret@127.0.0.1:$PROXY_PORT "$HFENV" --probe --proxy-loopback 127.0.0.1:$TARGET_PORT
	expect_status 0
	expect_out_contains "200"
	expect_nowhere s3cret
}

test_probe_refuses_what_it_cannot_probe() {
	run_clean https_proxy=https://127.0.0.1:8443 "$HFENV" --probe h.example
	expect_status 125
	run_clean https_proxy=socks4://127.0.0.1:1080 "$HFENV" --allow-socks --probe h.example
	expect_status 125
	run_clean "$HFENV" --probe "$(printf 'a%.0s' $(seq 64)).example"
	expect_status 125
}

test_probe_is_left_out_of_hfenv_static_and_its_help() {
	static=$(dirname "$HFENV")/hfenv-static
	run "$HFENV" --help
	expect_out_contains "--probe"
	[ -x "$static" ] || return 0
	run "$static" --probe
	expect_status 125
	expect_err_contains "--probe is not in hfenv-static"
	run "$static" --help
	expect_out_lacks "--probe"
}

test_verbose_reports_each_change_without_passwords() {
	for option in -v --verbose; do
		run_clean https_proxy=http://u:s3cret@127.0.0.1:8888 "$HFENV" $option true
		expect_status 0
		expect_err_contains "hfenv: set HTTPS_PROXY='http://u:***@127.0.0.1:8888'"
		expect_nowhere s3cret
	done
}

# -v adds words only: for each environment, the command's output and the status are those without it.
test_verbose_changes_no_outcome() {
	printf 'no certificate\n' >"$TMP/bundle.pem"
	for environment in "https_proxy=socks5://127.0.0.1:1" "HTTPS_PROXY=http://a.example:1 https_proxy=http://b.example:2" \
		"SSL_CERT_FILE=$TMP/missing.pem REQUESTS_CA_BUNDLE=$TMP/missing.pem CURL_CA_BUNDLE=$TMP/missing.pem GIT_SSL_CAINFO=$TMP/missing.pem NODE_EXTRA_CA_CERTS=$TMP/missing.pem" \
		"SSL_CERT_FILE=$TMP/bundle.pem REQUESTS_CA_BUNDLE=$TMP/bundle.pem CURL_CA_BUNDLE=$TMP/bundle.pem GIT_SSL_CAINFO=$TMP/bundle.pem NODE_EXTRA_CA_CERTS=$TMP/bundle.pem" \
		"all_proxy=socks5://127.0.0.1:1 http_proxy=$A https_proxy=$A" "no_proxy=nothf.co https_proxy=$A"; do
		run_clean $environment "$HFENV" env
		quiet_status=$status
		cp "$TMP/out" "$TMP/quiet"
		run_clean $environment "$HFENV" -v env
		[ "$status" -eq "$quiet_status" ] || fail "-v changes the exit status for $environment"
		cmp -s "$TMP/quiet" "$TMP/out" || fail "-v changes the environment for $environment"
	done
}

test_quiet_prints_no_warnings() {
	for option in -q --quiet; do
		run_clean https_proxy=127.0.0.1:7890 HTTPS_PROXY=http://other.example:1 "$HFENV" $option true
		expect_status 0
		expect_err_empty
		run_clean "$HFENV" --explain $option table
		expect_err_empty
	done
}

test_help_prints_a_summary_and_exits() {
	for option in -h --help; do
		run_clean "$HFENV" $option touch "$TMP/ran"
		expect_status 0
		expect_out_contains "Usage: hfenv"
		[ ! -e "$TMP/ran" ] || fail "$option ran the command"
	done
}

test_version_prints_the_version_and_revision() {
	for option in -V --version; do
		run_clean "$HFENV" $option
		expect_status 0
		grep -q '^hfenv [0-9][0-9.]* (revision [0-9a-f]\{7,\}\|hfenv [0-9][0-9.]* (revision unknown' "$TMP/out" ||
			fail "no version and revision: $out"
	done
}

test_export_with_a_shell_as_operand_says_to_write_it_after_the_equals_sign() {
	run_clean "$HFENV" --export fish
	expect_status 125
	expect_out_empty
	expect_err_contains "hfenv: --export runs nothing; to name the shell, write --export=fish"
}

test_explain_hub_block_lists_the_hosts_of_that_download_by_the_tables_labels() {
	run_clean https_proxy=$A "$HFENV" --explain
	expect_out_contains "  metadata, Xet token: huggingface.co:443"
	expect_out_contains "  Xet storage (CAS): cas-server.xethub.hf.co:443"
	expect_out_contains "huggingface_hub"
	expect_out_contains "Go 1.26"
	expect_out_lacks "httpx2"
	run_clean https_proxy=$A HF_HUB_DISABLE_XET=1 "$HFENV" --explain
	expect_out_contains "  metadata, files: huggingface.co:443"
	expect_out_contains "  files, redirected (Xet bridge): cas-bridge.xethub.hf.co:443"
	expect_out_lacks "cas-server"
}

test_explain_operand_is_shown_escaped_with_its_password_hidden() {
	run_clean "$HFENV" --explain "http://u:s3cret@h.example/$(printf '\033')]0;x"
	expect_nowhere s3cret
	expect_out_lacks "$(printf '\033')"
	expect_out_contains 'http://u:***@h.example/\x1b]0;x'
	run_clean "$HFENV" --explain=tsv "$(printf 'http://h.example/a\tb')"
	awk -F '\t' 'NF != 7 { bad = 1 } END { exit bad }' "$TMP/out" || fail "a line without seven fields"
	expect_out_contains 'http://h.example/a\x09b'
}

test_explain_operand_naming_a_command_gets_a_warning() {
	run_clean "$HFENV" --explain sh train.py
	expect_status 0
	expect_err_contains "hfenv: warning: 'sh' is a command: --explain takes hosts and URLs and runs nothing"
	run_clean "$HFENV" -q --explain sh tsv
	expect_err_empty
}

run_case
