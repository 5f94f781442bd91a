#!/bin/sh
# Integration tests of hfenv --probe against loopback servers only: probe.sh HFENV TEST_NAME
HFENV=$1
. "$(dirname "$0")/lib.sh"

start_target() {
	TARGET_PORT=$(free_port)
	start "$TARGET_PORT" "$PYTHON" "$HERE/helpers.py" serve-ok "$TARGET_PORT"
	TARGET=127.0.0.1:$TARGET_PORT
}

start_http_proxy() {
	PROXY_PORT=$(free_port)
	start_tinyproxy "$PROXY_PORT" "$@"
	PROXY=http://127.0.0.1:$PROXY_PORT
}

reachable_target_answers_200() {
	start_target
	start_http_proxy
	run_hfenv "$HFENV" -p "$PROXY" --probe "$TARGET"
	expect_rc 0
	expect_out "$TARGET  $PROXY  HTTP/1.0 200 Connection established"
	expect_out " ms"
}

refused_port_is_a_failure() {
	start_http_proxy
	closed=$(free_port)
	run_hfenv "$HFENV" -p "$PROXY" --probe "127.0.0.1:$closed"
	expect_rc 1
	expect_out "127.0.0.1:$closed  $PROXY  HTTP/1.1 500"
}

every_target_gets_a_line() {
	start_target
	start_http_proxy
	closed=$(free_port)
	run_hfenv "$HFENV" -p "$PROXY" --probe "$TARGET" "127.0.0.1:$closed"
	expect_rc 1
	[ "$(printf '%s\n' "$out" | wc -l)" -eq 2 ] || fail "not one line per target: $out"
}

proxy_that_is_down_is_reported() {
	start_target
	down=$(free_port)
	run_hfenv https_proxy=http://127.0.0.1:$down "$HFENV" --probe "$TARGET"
	expect_rc 1
	expect_out "cannot connect to the proxy: Connection refused"
}

# A proxy that accepts and never answers, probed with --timeout $1: the line must say "after $1 s".
probe_silent_proxy() {
	start_target
	silent=$(free_port)
	start "$silent" "$PYTHON" "$HERE/helpers.py" silent "$silent"
	run_hfenv "$HFENV" -p "http://127.0.0.1:$silent" --probe --timeout "$1" "$TARGET"
	expect_rc 1
	expect_out "timed out waiting for the proxy's answer after $1 s"
}

silent_proxy_times_out() {
	probe_silent_proxy 1
}

timeout_takes_a_fraction_of_a_second() {
	probe_silent_proxy 0.25
}

forbidden_port_gives_403() {
	start_target
	start_http_proxy "ConnectPort 1"
	run_hfenv "$HFENV" -p "$PROXY" --probe "$TARGET"
	expect_rc 1
	expect_out "HTTP/1.1 403 Access violation"
}

credentials_are_sent_and_never_shown() {
	port=$(free_port)
	start "$port" "$PYTHON" "$HERE/helpers.py" fake-proxy "$port" "200 Connection established" "$WORK/requests"
	run_hfenv "$HFENV" -p "http://us%65r:s3cret@127.0.0.1:$port" --probe 127.0.0.1:9
	expect_rc 0
	expect_nowhere s3cret
	expect_out "http://us%65r:***@127.0.0.1:$port"
	grep -q "^CONNECT 127.0.0.1:9 HTTP/1.1" "$WORK/requests" || fail "no CONNECT line: $(cat "$WORK/requests")"
	# base64 of "user:s3cret": the user name is percent-decoded.
	grep -q "^Proxy-Authorization: Basic dXNlcjpzM2NyZXQ=" "$WORK/requests" ||
		fail "no Proxy-Authorization: $(cat "$WORK/requests")"
}

non_http_answer_is_a_failure() {
	port=$(free_port)
	start "$port" "$PYTHON" "$HERE/helpers.py" fake-proxy "$port" "200 OK" "$WORK/requests"
	start_target
	# A socks5 URL sent to an HTTP server: the SOCKS5 greeting gets an HTTP answer.
	run_hfenv "$HFENV" --allow-socks -p "socks5://127.0.0.1:$port" --probe "$TARGET"
	expect_rc 1
}

socks5_succeeds_and_reports_refusal() {
	need microsocks
	start_target
	socks=$(free_port)
	start "$socks" microsocks -i 127.0.0.1 -p "$socks"
	closed=$(free_port)
	run_hfenv "$HFENV" --allow-socks -p "socks5h://127.0.0.1:$socks" --probe "$TARGET" "127.0.0.1:$closed"
	expect_rc 1
	expect_out "$TARGET  socks5h://127.0.0.1:$socks  SOCKS5 reply 0 (succeeded)"
	expect_out "127.0.0.1:$closed  socks5h://127.0.0.1:$socks  SOCKS5 reply 5 (connection refused)"
}

socks5_with_user_and_password() {
	need microsocks
	start_target
	socks=$(free_port)
	start "$socks" microsocks -i 127.0.0.1 -p "$socks" -u bob -P s3cret
	run_hfenv "$HFENV" --allow-socks -p "socks5://bob:s3cret@127.0.0.1:$socks" --probe "$TARGET"
	expect_rc 0
	expect_nowhere s3cret
	run_hfenv "$HFENV" --allow-socks -p "socks5://bob:wrong@127.0.0.1:$socks" --probe "$TARGET"
	expect_rc 1
	expect_out "the SOCKS5 proxy rejected the user or password"
}

socks_proxy_without_allow_socks_is_refused() {
	run_hfenv https_proxy=socks5://127.0.0.1:1080 "$HFENV" --probe 127.0.0.1:9
	expect_rc 125
	expect_err "is a SOCKS proxy"
}

no_proxy_means_a_direct_connect() {
	start_target
	run_hfenv "$HFENV" --probe "$TARGET"
	expect_rc 0
	expect_out "$TARGET  direct  connected"
}

direct_connect_to_a_closed_port_fails() {
	closed=$(free_port)
	run_hfenv "$HFENV" --probe "127.0.0.1:$closed"
	expect_rc 1
	expect_out "cannot connect to the target: Connection refused"
}

bad_target_exits_125() {
	run_hfenv "$HFENV" --probe "127.0.0.1:99999"
	expect_rc 125
	expect_err "--probe takes HOST or HOST:PORT"
	[ -z "$out" ] || fail "output before the targets were checked: $out"
}

target_beyond_dns_limits_exits_125() {
	label=$(printf '%064d' 0)
	run_hfenv "$HFENV" --probe "$label.example:443"
	expect_rc 125
	expect_err "--probe target '$label.example:443' is longer than DNS allows"
	[ -z "$out" ] || fail "output before the targets were checked: $out"
	run_hfenv "$HFENV" --probe "a..example"
	expect_rc 125
	expect_err "has an empty label"
}

bad_timeout_exits_125() {
	run_hfenv "$HFENV" --probe --timeout soon 127.0.0.1:9
	expect_rc 125
	expect_err "--timeout takes a number of seconds"
}

timeout_under_a_millisecond_exits_125() {
	run_hfenv "$HFENV" --probe --timeout 0.0004 127.0.0.1:9
	expect_rc 125
	expect_err "--timeout takes a number of seconds from 0.001 to 3600, not '0.0004'"
}

timeout_in_exponent_form_exits_125() {
	run_hfenv "$HFENV" --probe --timeout 1e3 127.0.0.1:9
	expect_rc 125
	expect_err "--timeout takes a number of seconds from 0.001 to 3600, not '1e3'"
}

https_proxy_url_cannot_be_probed() {
	run_hfenv "$HFENV" -p https://127.0.0.1:9 --probe 127.0.0.1:9
	expect_rc 125
	expect_err "--probe speaks HTTP CONNECT and SOCKS5 only"
}

"$2"
