. "$(dirname "$0")/../helpers/lib.sh"

start_target() {
	TARGET_PORT=$(free_port)
	start "$TARGET_PORT" "$PYTHON" "$TESTS/helpers/servers.py" serve-ok "$TARGET_PORT"
	TARGET=127.0.0.1:$TARGET_PORT
}

start_http_proxy() {
	PROXY_PORT=$(free_port)
	start_tinyproxy "$PROXY_PORT" "$@"
	PROXY=http://127.0.0.1:$PROXY_PORT
}

# The targets are on loopback, which hfenv adds to NO_PROXY: --proxy-loopback sends them through the proxy.

test_reachable_target_answers_200() {
	start_target
	start_http_proxy
	run_clean "$HFENV" --proxy-loopback -p "$PROXY" --probe "$TARGET"
	expect_status 0
	expect_out_contains "$TARGET  $PROXY  HTTP/1.0 200 Connection established"
	expect_out_contains " ms"
}

test_refused_port_is_a_failure() {
	start_http_proxy
	closed=$(free_port)
	run_clean "$HFENV" --proxy-loopback -p "$PROXY" --probe "127.0.0.1:$closed"
	expect_status 1
	expect_out_contains "127.0.0.1:$closed  $PROXY  HTTP/1.1 500"
}

test_every_target_gets_a_line() {
	start_target
	start_http_proxy
	closed=$(free_port)
	run_clean "$HFENV" --proxy-loopback -p "$PROXY" --probe "$TARGET" "127.0.0.1:$closed"
	expect_status 1
	[ "$(printf '%s\n' "$out" | wc -l)" -eq 2 ] || fail "not one line per target: $out"
}

test_proxy_that_is_down_is_reported() {
	start_target
	down=$(free_port)
	run_clean https_proxy=http://127.0.0.1:$down "$HFENV" --proxy-loopback --probe "$TARGET"
	expect_status 1
	expect_out_contains "cannot connect to the proxy: Connection refused"
}

# A proxy that accepts and never answers, probed with --timeout $1: the line must say "after $1 s".
probe_silent_proxy() {
	start_target
	silent=$(free_port)
	start "$silent" "$PYTHON" "$TESTS/helpers/servers.py" silent "$silent"
	run_clean "$HFENV" --proxy-loopback -p "http://127.0.0.1:$silent" --probe --timeout "$1" "$TARGET"
	expect_status 1
	expect_out_contains "timed out waiting for the proxy's answer after $1 s"
}

test_silent_proxy_times_out() {
	probe_silent_proxy 1
}

test_timeout_takes_a_fraction_of_a_second() {
	probe_silent_proxy 0.25
}

test_forbidden_port_gives_403() {
	start_target
	start_http_proxy "ConnectPort 1"
	run_clean "$HFENV" --proxy-loopback -p "$PROXY" --probe "$TARGET"
	expect_status 1
	expect_out_contains "HTTP/1.1 403 Access violation"
}

test_credentials_are_sent_and_never_shown() {
	port=$(free_port)
	start "$port" "$PYTHON" "$TESTS/helpers/servers.py" fake-proxy "$port" "200 Connection established" "$TMP/requests"
	run_clean "$HFENV" --proxy-loopback -p "http://us%65r:s3cret@127.0.0.1:$port" --probe 127.0.0.1:9
	expect_status 0
	expect_nowhere s3cret
	expect_out_contains "http://us%65r:***@127.0.0.1:$port"
	grep -q "^CONNECT 127.0.0.1:9 HTTP/1.1" "$TMP/requests" || fail "no CONNECT line: $(cat "$TMP/requests")"
	# base64 of "user:s3cret": the user name is percent-decoded.
	grep -q "^Proxy-Authorization: Basic dXNlcjpzM2NyZXQ=" "$TMP/requests" ||
		fail "no Proxy-Authorization: $(cat "$TMP/requests")"
}

test_non_http_answer_is_a_failure() {
	port=$(free_port)
	start "$port" "$PYTHON" "$TESTS/helpers/servers.py" fake-proxy "$port" "200 OK" "$TMP/requests"
	start_target
	# A socks5 URL sent to an HTTP server: the SOCKS5 greeting gets an HTTP answer.
	run_clean "$HFENV" --proxy-loopback --allow-socks -p "socks5://127.0.0.1:$port" --probe "$TARGET"
	expect_status 1
}

test_socks5_succeeds_and_reports_refusal() {
	need microsocks
	start_target
	socks=$(free_port)
	start "$socks" microsocks -i 127.0.0.1 -p "$socks"
	closed=$(free_port)
	run_clean "$HFENV" --proxy-loopback --allow-socks -p "socks5h://127.0.0.1:$socks" --probe "$TARGET" "127.0.0.1:$closed"
	expect_status 1
	expect_out_contains "$TARGET  socks5h://127.0.0.1:$socks  SOCKS5 reply 0 (succeeded)"
	expect_out_contains "127.0.0.1:$closed  socks5h://127.0.0.1:$socks  SOCKS5 reply 5 (connection refused)"
}

test_socks5_with_user_and_password() {
	need microsocks
	start_target
	socks=$(free_port)
	start "$socks" microsocks -i 127.0.0.1 -p "$socks" -u bob -P s3cret
	run_clean "$HFENV" --proxy-loopback --allow-socks -p "socks5://bob:s3cret@127.0.0.1:$socks" --probe "$TARGET"
	expect_status 0
	expect_nowhere s3cret
	run_clean "$HFENV" --proxy-loopback --allow-socks -p "socks5://bob:wrong@127.0.0.1:$socks" --probe "$TARGET"
	expect_status 1
	expect_out_contains "the SOCKS5 proxy rejected the user or password"
}

test_socks_proxy_without_allow_socks_is_refused() {
	run_clean https_proxy=socks5://127.0.0.1:1080 "$HFENV" --probe 127.0.0.1:9
	expect_status 125
	expect_err_contains "is SOCKS: use its HTTP port or --allow-socks"
}

test_no_proxy_means_a_direct_connect() {
	start_target
	run_clean "$HFENV" --probe "$TARGET"
	expect_status 0
	expect_out_contains "$TARGET  direct  connected"
}

test_direct_connect_to_a_closed_port_fails() {
	closed=$(free_port)
	run_clean "$HFENV" --probe "127.0.0.1:$closed"
	expect_status 1
	expect_out_contains "cannot connect to the target: Connection refused"
}

test_bad_target_exits_125() {
	run_clean "$HFENV" --probe "127.0.0.1:99999"
	expect_status 125
	expect_err_contains "--probe takes HOST or HOST:PORT"
	[ -z "$out" ] || fail "output before the targets were checked: $out"
}

test_target_beyond_dns_limits_exits_125() {
	label=$(printf '%064d' 0)
	run_clean "$HFENV" --probe "$label.example:443"
	expect_status 125
	expect_err_contains "host name too long or with an empty label"
	[ -z "$out" ] || fail "output before the targets were checked: $out"
	run_clean "$HFENV" --probe "a..example"
	expect_status 125
	expect_err_contains "hfenv: --probe 'a..example': host name too long or with an empty label"
}

test_bad_timeout_exits_125() {
	run_clean "$HFENV" --probe --timeout soon 127.0.0.1:9
	expect_status 125
	expect_err_contains "--timeout takes a number of seconds"
}

test_timeout_under_a_millisecond_exits_125() {
	run_clean "$HFENV" --probe --timeout 0.0004 127.0.0.1:9
	expect_status 125
	expect_err_contains "--timeout takes a number of seconds from 0.001 to 3600, not '0.0004'"
}

test_timeout_in_exponent_form_exits_125() {
	run_clean "$HFENV" --probe --timeout 1e3 127.0.0.1:9
	expect_status 125
	expect_err_contains "--timeout takes a number of seconds from 0.001 to 3600, not '1e3'"
}

test_https_proxy_url_cannot_be_probed() {
	run_clean "$HFENV" -p https://127.0.0.1:9 --probe 127.0.0.1:9
	expect_status 125
	expect_err_contains "--probe speaks HTTP CONNECT and SOCKS5 only"
}

test_target_in_no_proxy_is_connected_to_directly() {
	start_target
	port=$(free_port)
	start "$port" "$PYTHON" "$TESTS/helpers/servers.py" fake-proxy "$port" "200 Connection established" "$TMP/requests"
	run_clean NO_PROXY=127.0.0.1 "$HFENV" -p "http://127.0.0.1:$port" --proxy-loopback --probe "$TARGET" 127.0.0.2:9
	expect_status 0
	grep -Eq "^$TARGET +direct \(NO_PROXY\)  connected" "$TMP/out" || fail "$TARGET not direct"
	grep -Eq "^127.0.0.2:9 +http://127.0.0.1:$port  HTTP/1.1 200 " "$TMP/out" || fail "127.0.0.2 not through the proxy"
	! grep -q "$TARGET" "$TMP/requests" || fail "the NO_PROXY target went to the proxy"
}

test_loopback_target_is_connected_to_directly() {
	start_target
	port=$(free_port)
	start "$port" "$PYTHON" "$TESTS/helpers/servers.py" fake-proxy "$port" "200 Connection established" "$TMP/requests"
	run_clean "$HFENV" -p "http://127.0.0.1:$port" --probe "$TARGET"
	expect_status 0
	expect_out "$TARGET  direct (NO_PROXY)  connected  $(sed -n 's/.*connected  //p' "$TMP/out")"
	[ ! -s "$TMP/requests" ] || fail "the loopback target went to the proxy: $(cat "$TMP/requests")"
}

test_no_https_proxy_is_said_in_one_line() {
	start_target
	run_clean http_proxy=http://127.0.0.1:9 "$HFENV" --probe "$TARGET"
	expect_status 0
	expect_out_contains "no https proxy: https requests, as all of Hugging Face's are, go direct (http_proxy: http:// only)"
	[ "$(wc -l <"$TMP/out")" -eq 2 ] || fail "not one line before the target: $out"
}

test_default_targets_follow_hf_endpoint() {
	port=$(free_port)
	start "$port" "$PYTHON" "$TESTS/helpers/servers.py" fake-proxy "$port" "200 Connection established" "$TMP/requests"
	run_clean HF_ENDPOINT=https://mirror.example.org "$HFENV" -p "http://127.0.0.1:$port" --probe
	expect_status 0
	grep -q "^CONNECT mirror.example.org:443 HTTP/1.1" "$TMP/requests" || fail "no CONNECT to the endpoint: $(cat "$TMP/requests")"
	grep -q "^CONNECT cas-server.xethub.hf.co:443 " "$TMP/requests" || fail "no CONNECT to the Xet hosts"
	! grep -q "huggingface.co" "$TMP/requests" || fail "huggingface.co was probed: $(cat "$TMP/requests")"
	expect_out_contains "mirror.example.org:443   http://127.0.0.1:$port  HTTP/1.1 200"
}

test_http_endpoint_defaults_to_port_80() {
	port=$(free_port)
	start "$port" "$PYTHON" "$TESTS/helpers/servers.py" fake-proxy "$port" "200 Connection established" "$TMP/requests"
	run_clean HF_ENDPOINT=http://mirror.example.org/hub/ "$HFENV" -p "http://127.0.0.1:$port" --probe
	expect_status 0
	grep -q "^CONNECT mirror.example.org:80 HTTP/1.1" "$TMP/requests" || fail "not port 80: $(cat "$TMP/requests")"
}

test_endpoint_that_is_no_url_exits_125() {
	run_clean HF_ENDPOINT=ftp://mirror.example.org "$HFENV" --probe
	expect_status 125
	expect_err_contains "hfenv: HF_ENDPOINT='ftp://mirror.example.org' is no http(s) URL"
	expect_out_empty
}

run_case
