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

# enter_private_network [NAME]...: runs the case again, first thing, as root of a network and mount namespace
# of its own: lo alone and up, so that nothing leaves it, the usual proxy ports free, and a private
# /etc/hosts that gives each NAME the address 127.0.0.1, so that no name is looked up in DNS.
enter_private_network() {
	if [ "${PROBE_PRIVATE_NETWORK:-}" != "$CASE" ]; then
		need unshare
		as_root=
		[ "$(id -u)" -eq 0 ] || as_root="--user --map-root-user"
		case $HFENV in "$TMP"/*) ;; *) rm -rf "$TMP" ;; esac
		# unshare and env exec without forking: the shell keeps its pid, which lib.sh checks.
		exec unshare $as_root --net --mount env HFENV_TEST_EMPTY_ENVIRONMENT=$$ PROBE_PRIVATE_NETWORK="$CASE" \
			/bin/sh "$0" "$HFENV" "$CASE"
	fi
	unset PROBE_PRIVATE_NETWORK
	IP=$(PATH=/usr/sbin:/sbin:$PATH command -v ip) || fail "ip is not installed (iproute2, tests/packages)"
	"$IP" link set lo up || fail "cannot set lo up in the new network namespace"
	printf '127.0.0.1 localhost %s\n::1 localhost\n' "$*" >"$TMP/hosts"
	mount --bind "$TMP/hosts" /etc/hosts || fail "cannot mount a private /etc/hosts"
}

# expect_lines_fit: every line of stdout fits 100 columns.
expect_lines_fit() {
	wide=$(awk 'length($0) > 100' "$TMP/out")
	[ -z "$wide" ] || fail "lines over 100 columns: $wide"
}

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

# A proxy that accepts and never answers, probed with --timeout $1: the line must say "within $1 s".
probe_silent_proxy() {
	start_target
	silent=$(free_port)
	start "$silent" "$PYTHON" "$TESTS/helpers/servers.py" silent "$silent"
	run_clean "$HFENV" --proxy-loopback -p "http://127.0.0.1:$silent" --probe --timeout "$1" "$TARGET"
	expect_status 1
	expect_out_contains "no answer from the proxy within $1 s"
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
	expect_out_contains "SOCKS5: user or password refused"
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
	[ "$(sed -n 1p "$TMP/out")" = "no https proxy: https requests, as all of Hugging Face's are, go direct (http_proxy: http:// only)" ] ||
		fail "the first line does not say that https goes direct"
	sed -n 2p "$TMP/out" | grep -q "^$TARGET  direct  connected" || fail "not one line before the target"
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

# Item: what a proxy sends back is shown as its status line alone, and never the credentials in any form.
start_echo_proxy() {
	port=$(free_port)
	start "$port" "$PYTHON" "$TESTS/helpers/servers.py" echo-proxy "$port" "$1"
	PROXY="http://alice:s3cret-pw@127.0.0.1:$port"
}

# base64 of alice:s3cret-pw, the Proxy-Authorization hfenv sends
TOKEN=YWxpY2U6czNjcmV0LXB3

expect_no_credentials() {
	expect_nowhere s3cret-pw
	expect_nowhere "$TOKEN"
	expect_nowhere "$(printf %s "$TOKEN" | cut -c1-8)"
}

test_answer_after_the_status_line_is_not_shown() {
	start_echo_proxy after-lf
	run_clean "$HFENV" --proxy-loopback -p "$PROXY" --probe 127.0.0.1:9
	expect_status 0
	expect_out_contains "127.0.0.1:9  http://alice:***@127.0.0.1:$port  HTTP/1.1 200 Connection established  "
	expect_out_lacks "CONNECT"
	expect_out_lacks "Proxy-Authorization"
	expect_no_credentials
}

test_credentials_echoed_in_the_status_line_are_hidden() {
	start_echo_proxy in-reason
	run_clean "$HFENV" --proxy-loopback -p "$PROXY" --probe 127.0.0.1:9
	expect_status 1
	expect_out_contains "  HTTP/1.1 407 CONNECT 1"
	expect_out_contains "Basic ***  "
	expect_no_credentials
	expect_lines_fit
}

test_decoded_credentials_in_the_status_line_are_hidden() {
	start_echo_proxy decoded
	run_clean "$HFENV" --proxy-loopback -p "$PROXY" --probe 127.0.0.1:9
	expect_status 1
	expect_out_contains "HTTP/1.1 407 bad credentials ***"
	expect_no_credentials
}

test_credentials_cut_at_the_end_of_a_long_status_line_are_hidden() {
	start_echo_proxy cut
	run_clean "$HFENV" --proxy-loopback -p "$PROXY" --probe 127.0.0.1:9
	expect_status 1
	expect_out_contains "HTTP/1.1 400 xxx"
	expect_nowhere "$(printf %s "$TOKEN" | cut -c1-4)"
	expect_lines_fit
}

# Item: a zone in a proxy's IPv6 address is refused before anything is sent: clients differ on zones.
test_proxy_address_with_a_zone_is_refused() {
	run_clean "$HFENV" --proxy-loopback -p "http://[fe80::1%25lo]:3128" --probe 127.0.0.1:9
	expect_status 125
	expect_err_contains "clients differ on zones"
}

# Item: every line fits 100 columns, the user's long strings shortened in their middle.
test_lines_fit_100_columns_with_hosts_of_three_63_byte_labels() {
	label=$(printf '%063d' 0 | tr 0 a)
	long=$label.$label.$label
	enter_private_network "$long.example" "$long.test"
	port=$(free_port)
	start "$port" "$PYTHON" "$TESTS/helpers/servers.py" fake-proxy "$port" "200 Connection established" "$TMP/requests"
	run_clean "$HFENV" -p "http://alice:s3cret@$long.example:$port" --probe "$long.test:443"
	expect_status 0
	expect_lines_fit
	expect_out_contains "example:$port  HTTP/1.1 200 Connection established  "
	grep -q "^CONNECT $long.test:443 HTTP/1.1" "$TMP/requests" || fail "no CONNECT to the long host"
	expect_nowhere s3cret
}

test_lines_fit_100_columns_with_a_long_status_line() {
	port=$(free_port)
	start "$port" "$PYTHON" "$TESTS/helpers/servers.py" fake-proxy "$port" "502 $(printf '%0300d' 7)" "$TMP/requests"
	run_clean "$HFENV" --proxy-loopback -p "http://127.0.0.1:$port" --probe 127.0.0.1:9
	expect_status 1
	expect_lines_fit
	expect_out_contains "http://127.0.0.1:$port  HTTP/1.1 502 000"
}

test_unprobeable_long_proxy_is_refused_in_100_columns() {
	label=$(printf '%063d' 0 | tr 0 a)
	run_clean "$HFENV" -q -p "https://$label.$label.example:3128" --probe 127.0.0.1:9
	expect_status 125
	expect_err_contains "--probe speaks HTTP CONNECT and SOCKS5 only, not https_proxy='https://"
	expect_err_lines 1
}

# Item: without a proxy, the ports local proxy programs use are tried on 127.0.0.1, and the one that works named.
test_no_proxy_finds_a_local_http_proxy() {
	enter_private_network
	start_target
	start 7890 "$PYTHON" "$TESTS/helpers/servers.py" fake-proxy 7890 "200 Connection established" "$TMP/requests"
	run_clean "$HFENV" --probe "$TARGET"
	expect_status 0
	expect_out_contains "$TARGET  direct  connected"
	expect_out_contains "local proxies on 127.0.0.1 (ports 7890, 7897, 10809, 1080, 8080):"
	expect_out_contains "127.0.0.1:7890   HTTP CONNECT  HTTP/1.1 200 Connection established  "
	expect_out_contains "use it: hfenv -p http://127.0.0.1:7890 COMMAND"
	grep -q "^CONNECT $TARGET HTTP/1.1" "$TMP/requests" || fail "the local proxy was not asked for the target"
	expect_lines_fit
}

test_no_proxy_finds_a_local_socks5_proxy() {
	enter_private_network
	need microsocks
	start_target
	start 1080 microsocks -i 127.0.0.1 -p 1080
	run_clean "$HFENV" --probe "$TARGET"
	expect_status 0
	expect_out_contains "127.0.0.1:1080   SOCKS5  SOCKS5 reply 0 (succeeded)  "
	expect_out_contains "use it: hfenv --allow-socks -p socks5h://127.0.0.1:1080 COMMAND (httpx then needs socksio)"
}

test_http_port_is_preferred_to_a_socks5_one() {
	enter_private_network
	need microsocks
	start_target
	start 1080 microsocks -i 127.0.0.1 -p 1080
	start 10809 "$PYTHON" "$TESTS/helpers/servers.py" fake-proxy 10809 "200 Connection established" "$TMP/requests"
	run_clean "$HFENV" --probe "$TARGET"
	expect_out_contains "use it: hfenv -p http://127.0.0.1:10809 COMMAND"
	expect_out_lacks "--allow-socks"
}

test_local_port_that_answers_neither_protocol_is_named() {
	enter_private_network
	start_target
	start 8080 "$PYTHON" "$TESTS/helpers/servers.py" silent 8080
	run_clean "$HFENV" --probe --timeout 0.2 "$TARGET"
	expect_status 0
	expect_out_contains "127.0.0.1:8080   neither HTTP nor SOCKS5  no answer from the proxy within 0.2 s  "
	expect_out_lacks "use it:"
}

test_no_local_proxy_is_said_in_one_line() {
	enter_private_network
	start_target
	run_clean container= "$HFENV" --probe "$TARGET"
	expect_status 0
	expect_out_contains "local proxies on 127.0.0.1 (ports 7890, 7897, 10809, 1080, 8080): none answers"
	expect_out_lacks "use it:"
}

test_a_proxy_set_means_no_scan() {
	start_target
	start_http_proxy
	run_clean "$HFENV" --proxy-loopback -p "$PROXY" --probe "$TARGET"
	expect_out_lacks "local proxies"
}

# Item: a loopback proxy that cannot be reached in a container: 127.0.0.1 is the container itself.
test_refused_loopback_proxy_in_a_container_says_how_to_reach_the_host() {
	enter_private_network
	"$IP" route add default via 10.9.8.7 dev lo onlink || fail "cannot add a default route"
	start_target
	closed=$(free_port)
	run_clean container=podman https_proxy="http://127.0.0.1:$closed" "$HFENV" --proxy-loopback --probe "$TARGET"
	expect_status 1
	expect_out_contains "cannot connect to the proxy: Connection refused"
	expect_out_contains "in a container (container=podman): 127.0.0.1 is the container itself, not the host"
	expect_out_contains "reach the host with --network=host, or as host.containers.internal or its gateway 10.9.8.7:"
	expect_out_contains "  hfenv -p http://10.9.8.7:$closed COMMAND (the proxy must allow LAN connections)"
	expect_lines_fit
}

test_docker_container_names_host_docker_internal() {
	start_target
	closed=$(free_port)
	run_clean container=docker https_proxy="http://localhost:$closed" "$HFENV" --proxy-loopback --probe "$TARGET"
	expect_out_contains "in a container (container=docker): 127.0.0.1 is the container itself"
	expect_out_contains "host.docker.internal"
}

test_container_hint_follows_the_container_files() {
	start_target
	closed=$(free_port)
	run_clean https_proxy="http://127.0.0.1:$closed" "$HFENV" --proxy-loopback --probe "$TARGET"
	if [ -e /run/.containerenv ]; then
		expect_out_contains "in a container (/run/.containerenv): 127.0.0.1 is the container itself"
	elif [ -e /.dockerenv ]; then
		expect_out_contains "in a container (/.dockerenv): 127.0.0.1 is the container itself"
	else
		expect_out_lacks "in a container"
	fi
}

test_reached_loopback_proxy_gives_no_container_hint() {
	start_target
	start_http_proxy
	run_clean container=podman "$HFENV" --proxy-loopback -p "$PROXY" --probe "$TARGET"
	expect_status 0
	expect_out_lacks "in a container"
}

test_unreachable_remote_proxy_gives_no_container_hint() {
	enter_private_network
	run_clean container=podman https_proxy=http://10.9.8.7:3128 "$HFENV" --probe 127.0.0.2:9
	expect_status 1
	expect_out_contains "cannot connect to the proxy: Network is unreachable"
	expect_out_lacks "in a container"
}

test_container_without_local_proxy_says_how_to_reach_the_host() {
	enter_private_network
	start_target
	run_clean container=podman "$HFENV" --probe "$TARGET"
	expect_out_contains "none answers"
	expect_out_contains "in a container (container=podman): 127.0.0.1 is the container itself, not the host"
	expect_out_contains "reach the host with --network=host, or as host.containers.internal or the bridge gateway:"
	expect_out_contains "  hfenv -p http://host.containers.internal:7890 COMMAND"
}

# Item: with a mirror, the Xet hosts (not on the mirror) by each client family's route.
XET_HOSTS="cas-server.xethub.hf.co cas-bridge.xethub.hf.co transfer.xethub.hf.co"

test_mirror_xet_hosts_probed_by_each_route_that_differs() {
	enter_private_network mirror.example.org $XET_HOSTS
	start 443 "$PYTHON" "$TESTS/helpers/servers.py" serve-ok 443
	port=$(free_port)
	start "$port" "$PYTHON" "$TESTS/helpers/servers.py" fake-proxy "$port" "200 Connection established" "$TMP/requests"
	# Under CGI hf_xet (reqwest 0.13) ignores every proxy variable: direct, where huggingface_hub takes the proxy.
	run_clean REQUEST_METHOD=GET HF_ENDPOINT=https://mirror.example.org "$HFENV" -p "http://127.0.0.1:$port" --probe
	expect_status 0
	expect_out_contains "mirror.example.org:443   http://127.0.0.1:$port  HTTP/1.1 200 Connection established"
	expect_out_contains "Xet storage is not on the mirror: below each host, the clients whose route to it differs"
	for host in $XET_HOSTS; do
		grep -A1 "^$host " "$TMP/out" | sed -n 1p |
			grep -q "^$host *http://127.0.0.1:$port  HTTP/1.1 200 Connection established  " ||
			fail "$host is not through the proxy for huggingface_hub"
		grep -q "^CONNECT $host:443 HTTP/1.1" "$TMP/requests" || fail "huggingface_hub's route to $host was not probed"
		grep -A1 "^$host " "$TMP/out" | sed -n 2p | grep -q "^  hf_xet, uv  *direct (ignores the proxy: CGI)  connected  " ||
			fail "$host has no line for hf_xet's direct route"
	done
	expect_lines_fit
}

# The dotted forms hfenv writes: aria2c skips the proxy for the subdomains of a NO_PROXY name as every client does.
test_mirror_xet_hosts_under_a_no_proxy_name_have_one_route() {
	enter_private_network mirror.example.org $XET_HOSTS
	start 443 "$PYTHON" "$TESTS/helpers/servers.py" serve-ok 443
	port=$(free_port)
	start "$port" "$PYTHON" "$TESTS/helpers/servers.py" fake-proxy "$port" "200 Connection established" "$TMP/requests"
	run_clean HF_ENDPOINT=https://mirror.example.org NO_PROXY=.xethub.hf.co "$HFENV" -p "http://127.0.0.1:$port" --probe
	expect_status 0
	expect_out_contains "Xet storage is not on the mirror: every client takes the route shown to its hosts"
	for host in $XET_HOSTS; do
		grep -q "^$host  *direct (NO_PROXY)  connected  " "$TMP/out" || fail "$host is not one direct line"
	done
	[ "$(wc -l <"$TMP/out")" -eq 5 ] || fail "not one line for the note and each of the four hosts"
}

test_mirror_with_one_route_for_every_client_says_so() {
	port=$(free_port)
	start "$port" "$PYTHON" "$TESTS/helpers/servers.py" fake-proxy "$port" "200 Connection established" "$TMP/requests"
	run_clean HF_ENDPOINT=https://mirror.example.org "$HFENV" -p "http://127.0.0.1:$port" --probe
	expect_status 0
	expect_out_contains "Xet storage is not on the mirror: every client takes the route shown to its hosts"
	[ "$(wc -l <"$TMP/out")" -eq 5 ] || fail "not one line for the note and each of the four hosts"
}

test_hub_endpoint_has_no_mirror_note() {
	port=$(free_port)
	start "$port" "$PYTHON" "$TESTS/helpers/servers.py" fake-proxy "$port" "200 Connection established" "$TMP/requests"
	run_clean "$HFENV" -p "http://127.0.0.1:$port" --probe
	expect_status 0
	expect_out_lacks "mirror"
}

run_case
