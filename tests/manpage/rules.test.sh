# The claims of hfenv.1's RULES, each marked there by '.\" test: NAME' (tests/manpage/claims).
. "$(dirname "$0")/../helpers/lib.sh"

A=http://127.0.0.1:7890
B=http://127.0.0.1:8080
CR=$(printf '\r')
BUNDLE=/etc/ssl/certs/ca-certificates.crt

test_unset_then_operands_then_proxy_option() {
	run_clean https_proxy=$B "$HFENV" -u https_proxy -p $A https_proxy=http://127.0.0.1:1 printenv HTTPS_PROXY
	expect_status 0
	expect_out "$A"
	run_clean A=1 "$HFENV" -u A A=2 printenv A
	expect_out "2"
	run_clean HFENV_PROXY=$A "$HFENV" printenv HTTPS_PROXY
	expect_out "$A"
}

test_blanks_cr_and_lf_around_values_are_removed_with_a_warning() {
	run_clean "https_proxy= $A$CR" "$HFENV" printenv HTTPS_PROXY
	expect_status 0
	expect_out "$A"
	expect_err_contains "hfenv: warning: https_proxy="
	expect_err_contains "blanks, CR or LF around it removed"
}

test_empty_value_counts_as_unset_in_either_spelling() {
	run env -i https_proxy= HTTPS_PROXY=$A "$HFENV"
	expect_status 0
	expect_out_contains "https_proxy=$A"
	run env -i https_proxy=$A HTTPS_PROXY= "$HFENV"
	expect_out_contains "HTTPS_PROXY=$A"
	run env -i http_proxy= "$HFENV"
	expect_out_empty
}

test_unsetting_one_spelling_gets_it_refilled_from_the_other() {
	run_clean https_proxy=$A HTTPS_PROXY=$A "$HFENV" -u https_proxy printenv https_proxy
	expect_out "$A"
	run_clean https_proxy=$A HTTPS_PROXY=$A "$HFENV" -u https_proxy -u HTTPS_PROXY env
	expect_out_lacks "$A"
}

test_quotes_around_a_value_hfenv_reads_are_removed_with_a_warning() {
	run_clean https_proxy="\"$A\"" NO_PROXY="'localhost,.corp'" "$HFENV" sh -c 'echo "$HTTPS_PROXY $NO_PROXY"'
	expect_status 0
	expect_out "$A localhost,.localhost,corp,.corp,127.0.0.1,::1"
	expect_err_contains "hfenv: warning: https_proxy: quotes removed (docker --env-file, systemd keep them)"
	run_clean SSL_CERT_FILE="'$BUNDLE'" "$HFENV" printenv CURL_CA_BUNDLE
	expect_out "$BUNDLE"
	run_clean HFENV_NO_XET="'1'" "$HFENV" printenv HF_HUB_DISABLE_XET
	expect_out "1"
}

test_quotes_within_quotes_stay_and_one_at_one_end_is_an_error() {
	run_clean NO_PROXY="\"'hf.co'\"" "$HFENV" printenv NO_PROXY
	expect_status 0
	expect_out "\"'hf.co'\""
	run_clean https_proxy="\"$A" "$HFENV" true
	expect_status 125
	expect_err_contains "hfenv: https_proxy='\"$A': quotes in it; remove them"
}

test_one_spelling_is_copied_to_the_other() {
	run_clean HTTP_PROXY=$A "$HFENV" printenv http_proxy
	expect_out "$A"
	run_clean https_proxy=$A "$HFENV" printenv HTTPS_PROXY
	expect_out "$A"
}

test_differing_spellings_preferred_wins_with_one_warning_naming_both() {
	run_clean https_proxy=$A HTTPS_PROXY=$B "$HFENV" sh -c 'echo "$https_proxy $HTTPS_PROXY"'
	expect_status 0
	expect_out "$A $A"
	expect_err_lines 1
	expect_err_contains "hfenv: warning: https_proxy='$A' wins over a different HTTPS_PROXY"
	run_clean https_proxy=$A HTTPS_PROXY=$B "$HFENV" -v true
	expect_err_contains "HTTPS_PROXY was '$B'"
}

test_only_the_winning_value_must_be_valid() {
	run_clean https_proxy=$A HTTPS_PROXY=ftp://x:1 "$HFENV" -q printenv HTTPS_PROXY
	expect_status 0
	expect_out "$A"
	run_clean https_proxy=$A HTTPS_PROXY=ftp://x:1 "$HFENV" --prefer upper true
	expect_status 125
}

test_values_are_compared_after_normalizing_but_a_slash_differs() {
	run_clean https_proxy=127.0.0.1:7890 HTTPS_PROXY=$A "$HFENV" true
	expect_status 0
	expect_err_empty
	run_clean https_proxy=$A/ HTTPS_PROXY=$A "$HFENV" printenv HTTPS_PROXY
	expect_out "$A/"
	expect_err_contains "wins over a different HTTPS_PROXY"
}

test_scheme_less_url_gets_http_and_schemes_are_lower_cased() {
	run_clean https_proxy=127.0.0.1:7890 http_proxy=HTTP://127.0.0.1:8080 "$HFENV" sh -c 'echo "$HTTPS_PROXY $HTTP_PROXY"'
	expect_status 0
	expect_out "$A $B"
}

test_allowed_urls_pass() {
	for url in http://u:p@h.example:1 https://h.example:1/ socks4://h.example:1 socks4a://h.example:1 \
		socks5h://h.example:1 'http://[::1]:1' http://10.1.2.3:65535; do
		run_clean https_proxy="$url" "$HFENV" -q --allow-socks true
		expect_status 0
	done
}

test_host_name_must_fit_dns() {
	l63=$(printf 'a%.0s' $(seq 63))
	l61=$(printf 'b%.0s' $(seq 61))
	for host in $l63.$l63.$l63.$l61 $l63.$l63.$l63.$l61.; do
		run_clean https_proxy="http://$host:1" "$HFENV" true
		expect_status 0
	done
	for host in ${l63}a.x $l63.$l63.$l63.${l61}b a..b; do
		run_clean https_proxy="http://$host:1" "$HFENV" true
		expect_status 125
		expect_err_contains "host name too long or with an empty label"
	done
	run_clean https_proxy=$A NO_PROXY=${l63}a.x "$HFENV" printenv NO_PROXY
	expect_status 0
	expect_out_contains "${l63}a.x"
}

test_each_error_names_its_cause_in_one_line() {
	for bad in 'http//h:1|no '"':'"' after the scheme' 'http:h:1|no '"'//'"' after the scheme' \
		'http://u/x:p@h:1|percent-encode / ? # in user or password' 'http://h:1/pac|remove the path, query or fragment' \
		'http://h:1?q|remove the path, query or fragment' 'http://h x:1|remove the blank, control or non-ASCII byte' \
		'http://h:0|the port must be 1 to 65535' 'http://h:65536|the port must be 1 to 65535' \
		'http://:1|no host in it' 'http://a_b!:1|the host is not a valid name or address' \
		'http://::1:1|put an IPv6 address in brackets' 'ftp://h:1|' "http://h$(printf '\303\251'):1|non-ASCII"; do
		run_clean https_proxy="${bad%%|*}" "$HFENV" true
		expect_status 125
		expect_err_lines 1
		expect_err_contains "${bad#*|}"
	done
}

test_url_without_port_gets_its_schemes_with_a_warning() {
	run_clean https_proxy=http://h.example http_proxy=https://h.example "$HFENV" sh -c 'echo "$HTTPS_PROXY $HTTP_PROXY"'
	expect_status 0
	expect_out "http://h.example:80 https://h.example:443"
	expect_err_contains "hfenv: warning: https_proxy has no port: every client now uses :80; add it"
	run_clean https_proxy=socks5h://h.example "$HFENV" -x -q printenv HTTPS_PROXY
	expect_out "socks5h://h.example:1080"
	for source in "-p http://h.example" "HFENV_PROXY=http://h.example" "ALL_PROXY=http://h.example"; do
		case $source in
		-p*) run_clean "$HFENV" $source printenv HTTPS_PROXY ;;
		*) run_clean "$source" "$HFENV" printenv HTTPS_PROXY ;;
		esac
		expect_out "http://h.example:80"
		expect_err_contains "has no port: every client now uses :80"
	done
}

test_explain_shows_curl_and_git_on_1080_before_hfenv() {
	run_clean https_proxy=http://h.example "$HFENV" --explain=tsv
	for client in curl git; do
		[ "$(awk -F '\t' -v c=$client '$1 == c && $2 == "https" { print $3 " " $4 }' "$TMP/out")" = \
			"http://h.example:1080 http://h.example:80" ] || fail "$client is not on 1080 before and 80 after"
	done
	[ "$(awk -F '\t' '$1 == "requests" && $2 == "https" { print $3 }' "$TMP/out")" = http://h.example:80 ] ||
		fail "requests is not on 80 before"
}

test_all_proxy_fills_the_unset_pairs() {
	run_clean ALL_PROXY=$A https_proxy=$B "$HFENV" sh -c 'echo "$http_proxy $HTTP_PROXY $https_proxy"'
	expect_status 0
	expect_out "$A $A $B"
	run_clean ALL_PROXY=socks5h://127.0.0.1:1080 "$HFENV" --allow-socks -q printenv HTTPS_PROXY
	expect_out "socks5h://127.0.0.1:1080"
}

test_socks_for_http_or_https_is_refused_without_allow_socks_or_no_xet() {
	run_clean https_proxy=socks5://127.0.0.1:1080 "$HFENV" true
	expect_status 125
	expect_err_contains "hfenv: https_proxy='socks5://127.0.0.1:1080' is SOCKS: use its HTTP port or --allow-socks"
	run_clean https_proxy=socks5://127.0.0.1:1080 "$HFENV" -x -q true
	expect_status 0
}

test_clash_socks_all_proxy_is_removed_and_said_only_under_verbose() {
	run_clean http_proxy=$A https_proxy=$A all_proxy=socks5://127.0.0.1:7891 "$HFENV" sh -c 'echo "[$all_proxy$ALL_PROXY]"'
	expect_status 0
	expect_out "[]"
	expect_err_empty
	run_clean http_proxy=$A https_proxy=$A all_proxy=socks5://127.0.0.1:7891 "$HFENV" -v true
	expect_err_contains "hfenv: all_proxy is SOCKS beside HTTP proxies: removed"
	run_clean http_proxy=$A https_proxy=$A all_proxy=socks5://127.0.0.1:7891 "$HFENV" --allow-socks -q printenv ALL_PROXY
	expect_out "socks5h://127.0.0.1:7891"
}

test_socks_let_through_gets_one_warning_and_verbose_the_detail() {
	run_clean https_proxy=socks5://127.0.0.1:1080 "$HFENV" --allow-socks printenv HTTPS_PROXY
	expect_status 0
	expect_out "socks5h://127.0.0.1:1080"
	expect_err_lines 1
	expect_err_contains "httpx needs socksio, requests PySocks"
	run_clean https_proxy=socks5://127.0.0.1:1080 "$HFENV" --allow-socks -v true
	expect_err_contains "httpx takes socks5(h) only, with socksio"
	expect_err_contains "requests needs PySocks"
	expect_err_contains "wget, urllib cannot"
	expect_err_contains "socks5:// is written socks5h://"
}

test_no_proxy_gets_one_list_in_both_spellings() {
	run_clean no_proxy=hf.co NO_PROXY=other.example "$HFENV" -q sh -c 'echo "$no_proxy $NO_PROXY"'
	expect_out "hf.co,.hf.co hf.co,.hf.co"
}

test_no_proxy_entries_are_trimmed_lower_cased_and_empty_ones_dropped() {
	run_clean NO_PROXY=' A.Example , ,B.example,' "$HFENV" -q printenv no_proxy
	expect_out "a.example,.a.example,b.example,.b.example"
}

test_no_proxy_name_is_written_as_the_domain_and_its_subdomains() {
	run_clean NO_PROXY=.a.example,*.b.example,c.example,10.0.0.1 "$HFENV" printenv no_proxy
	expect_out "a.example,.a.example,b.example,.b.example,c.example,.c.example,10.0.0.1"
	run_clean https_proxy=$A NO_PROXY=.a.example "$HFENV" --explain=tsv a.example x.a.example
	[ "$(awk -F '\t' '$2 == "https" { print $4 }' "$TMP/out" | sort -u)" = direct ] ||
		fail "a client takes a.example or its subdomain through the proxy after hfenv"
}

test_no_proxy_host_port_loses_its_port_with_a_warning() {
	run_clean NO_PROXY=d.example:8080 "$HFENV" printenv no_proxy
	expect_out "d.example,.d.example"
	expect_err_contains "hfenv: warning: NO_PROXY 'd.example:8080': port removed; all ports now skip the proxy"
}

test_no_proxy_ranges_of_one_address_become_it() {
	run_clean NO_PROXY=10.0.0.1/32,::1/128 "$HFENV" printenv no_proxy
	expect_status 0
	expect_out "10.0.0.1,::1"
}

test_no_proxy_ipv6_range_is_removed_and_ipv4_range_kept_with_warnings() {
	run_clean NO_PROXY=fe80::/10,10.0.0.0/8 "$HFENV" printenv no_proxy
	expect_status 0
	expect_out "10.0.0.0/8"
	expect_err_contains "hfenv: warning: NO_PROXY 'fe80::/10' removed (httpx fails on it); list the addresses"
	expect_err_contains "hfenv: warning: NO_PROXY '10.0.0.0/8': httpx, wget, urllib ignore ranges; list addresses"
}

test_no_proxy_star_removes_every_proxy_variable() {
	run env -i NO_PROXY='*' https_proxy=$A http_proxy=$A ALL_PROXY=$A "$HFENV"
	expect_status 0
	expect_out "NO_PROXY=*
no_proxy=*"
	expect_err_empty
	run_clean NO_PROXY='*' "$HFENV" -p $A true
	expect_err_contains "hfenv: warning: NO_PROXY has '*', so every client goes direct: --proxy unused; remove the '*'"
	run_clean NO_PROXY='*' HFENV_PROXY=$A "$HFENV" true
	expect_err_contains "HFENV_PROXY unused"
}

test_loopback_is_added_to_no_proxy_when_a_proxy_is_set() {
	run_clean https_proxy=$A "$HFENV" printenv NO_PROXY
	expect_out "localhost,.localhost,127.0.0.1,::1"
	run_clean https_proxy=$A NO_PROXY=hf.co,::1 "$HFENV" printenv NO_PROXY
	expect_out "hf.co,.hf.co,::1,localhost,.localhost,127.0.0.1"
	run_clean NO_PROXY=hf.co "$HFENV" printenv NO_PROXY
	expect_out "hf.co,.hf.co"
}

test_requests_suffix_matching_is_warned_about_under_verbose() {
	run_clean https_proxy=$A no_proxy=hf.co "$HFENV" true
	expect_err_empty
	run_clean https_proxy=$A no_proxy=hf.co "$HFENV" -v true
	expect_err_contains "hfenv: warning: no_proxy: requests < 2.34 matches entries as bare suffixes (nothf.co for hf.co)"
}

test_no_proxy_blank_inside_is_an_error_and_only_empty_entries_removed() {
	run_clean no_proxy='a b' "$HFENV" true
	expect_status 125
	expect_err_contains "hfenv: no_proxy='a b': a blank inside an entry; separate entries with commas"
	run env -i no_proxy=',,' "$HFENV"
	expect_status 0
	expect_out_empty
}

test_cgi_removes_http_proxy_keeps_http_proxy_lower_not_copied() {
	run_clean REQUEST_METHOD=GET HTTP_PROXY=$B http_proxy=$A https_proxy=$A "$HFENV" -q \
		sh -c 'echo "[$HTTP_PROXY][$http_proxy][$HTTPS_PROXY]"'
	expect_status 0
	expect_out "[][$A][$A]"
	run_clean REQUEST_METHOD=GET "$HFENV" -p $A sh -c 'echo "[$HTTP_PROXY][$http_proxy][$HTTPS_PROXY]"'
	expect_out "[][$A][$A]"
}

every_bundle() {
	echo "$1 $1 $1 $1 $1"
}

bundles() {
	sh -c 'echo "$REQUESTS_CA_BUNDLE $CURL_CA_BUNDLE $SSL_CERT_FILE $GIT_SSL_CAINFO $NODE_EXTRA_CA_CERTS"'
}

test_ca_bundle_setting_sets_every_bundle_variable() {
	run_clean HFENV_CA_BUNDLE=$BUNDLE "$HFENV" sh -c 'echo "$REQUESTS_CA_BUNDLE $CURL_CA_BUNDLE $SSL_CERT_FILE $GIT_SSL_CAINFO $NODE_EXTRA_CA_CERTS"'
	expect_status 0
	expect_out "$(every_bundle $BUNDLE)"
}

test_first_bundle_variable_set_goes_to_the_others_in_order() {
	cp $BUNDLE "$TMP/a.pem"
	cp $BUNDLE "$TMP/b.pem"
	run_clean GIT_SSL_CAINFO="$TMP/b.pem" SSL_CERT_FILE="$TMP/a.pem" "$HFENV" \
		sh -c 'echo "$REQUESTS_CA_BUNDLE $CURL_CA_BUNDLE $SSL_CERT_FILE $GIT_SSL_CAINFO $NODE_EXTRA_CA_CERTS"'
	expect_status 0
	expect_out "$(every_bundle "$TMP/a.pem")"
	expect_err_contains "wins over a different GIT_SSL_CAINFO"
	run_clean NODE_EXTRA_CA_CERTS="$TMP/b.pem" SSL_CERT_FILE="$TMP/a.pem" "$HFENV" printenv NODE_EXTRA_CA_CERTS
	expect_out "$TMP/b.pem"
	expect_err_empty
}

test_empty_bundle_variable_is_removed() {
	run env -i SSL_CERT_FILE= "$HFENV"
	expect_status 0
	expect_out_empty
}

test_bundle_variable_must_name_a_usable_file() {
	run_clean SSL_CERT_FILE="$TMP/missing.pem" "$HFENV" true
	expect_status 125
	expect_err_contains "No such file or directory; name a PEM CA bundle"
}

test_bundle_every_variable_names_is_looked_at_and_read_under_verbose_only() {
	need strace
	printf 'no certificate\n' >"$TMP/b.pem"
	run env -i REQUESTS_CA_BUNDLE="$TMP/b.pem" CURL_CA_BUNDLE="$TMP/b.pem" SSL_CERT_FILE="$TMP/b.pem" \
		GIT_SSL_CAINFO="$TMP/b.pem" NODE_EXTRA_CA_CERTS="$TMP/b.pem" strace -o "$TMP/trace" -e trace=open,openat "$HFENV" true
	expect_status 0
	expect_err_empty
	! grep -q b.pem "$TMP/trace" || fail "the bundle was opened"
	run env -i REQUESTS_CA_BUNDLE="$TMP/b.pem" CURL_CA_BUNDLE="$TMP/b.pem" SSL_CERT_FILE="$TMP/b.pem" \
		GIT_SSL_CAINFO="$TMP/b.pem" NODE_EXTRA_CA_CERTS="$TMP/b.pem" "$HFENV" -v true
	expect_status 0
	expect_err_contains "no PEM certificate in it"
	run env -i REQUESTS_CA_BUNDLE="$TMP/x.pem" CURL_CA_BUNDLE="$TMP/x.pem" SSL_CERT_FILE="$TMP/x.pem" \
		GIT_SSL_CAINFO="$TMP/x.pem" NODE_EXTRA_CA_CERTS="$TMP/x.pem" "$HFENV" true
	expect_status 125
}

test_bundle_is_read_before_a_bundle_variable_changes() {
	printf 'no certificate\n' >"$TMP/b.pem"
	run_clean SSL_CERT_FILE="$TMP/b.pem" "$HFENV" true
	expect_status 125
	expect_err_contains "no PEM certificate in it"
}

test_ssl_cert_dir_is_left_as_it_is() {
	run_clean SSL_CERT_DIR=/etc/ssl/certs/ "$HFENV" --ca-bundle $BUNDLE printenv SSL_CERT_DIR
	expect_out "/etc/ssl/certs/"
}

test_bundle_of_fewer_than_10_certificates_gets_a_warning() {
	awk '/BEGIN CERT/ { n++ } n <= 9' $BUNDLE >"$TMP/nine.pem"
	awk '/BEGIN CERT/ { n++ } n <= 10' $BUNDLE >"$TMP/ten.pem"
	run_clean "$HFENV" --ca-bundle "$TMP/nine.pem" true
	expect_status 0
	expect_err_contains "has only 9 certificates: add the system's (see -v)"
	run_clean "$HFENV" --ca-bundle "$TMP/ten.pem" true
	expect_err_empty
}

test_combined_bundle_as_the_page_makes_it_is_taken_without_warning() {
	awk '/BEGIN CERT/ { n++ } n == 1' $BUNDLE >"$TMP/company-root.pem"
	cat /etc/ssl/certs/ca-certificates.crt "$TMP/company-root.pem" >"$TMP/ca-bundle.pem"
	run_clean "$HFENV" --ca-bundle "$TMP/ca-bundle.pem" true
	expect_status 0
	expect_err_empty
}

test_hub_setting_is_trimmed_with_one_warning_naming_it() {
	run_clean HF_HOME=" /data/hf$CR" "$HFENV" printenv HF_HOME
	expect_out "/data/hf"
	expect_err_lines 1
	expect_err_contains "hfenv: warning: HF_HOME="
}

test_hub_url_gets_https_loses_trailing_slashes_keeps_its_path() {
	run_clean HF_ENDPOINT=hf-mirror.com/ HF_INFERENCE_ENDPOINT=http://nexus.corp:8081/hf// "$HFENV" \
		sh -c 'echo "$HF_ENDPOINT $HF_INFERENCE_ENDPOINT"'
	expect_status 0
	expect_out "https://hf-mirror.com http://nexus.corp:8081/hf"
	expect_err_contains "hfenv: warning: HF_ENDPOINT='hf-mirror.com/' has no scheme: https:// added"
}

test_unusable_hub_url_exits_125_and_empty_is_removed() {
	for bad in ftp://h.example https://h.example/?q=1 'https://h mirror' https:/// https://h.example:99999; do
		run_clean HF_ENDPOINT="$bad" "$HFENV" true
		expect_status 125
		expect_err_contains "HF_ENDPOINT="
	done
	run env -i HF_ENDPOINT= "$HFENV"
	expect_status 0
	expect_out_empty
}

test_hub_flags_take_their_readers_words() {
	for word in 1 on YES true 0 off no FALSE n; do
		run_clean HF_HUB_OFFLINE=$word "$HFENV" printenv HF_HUB_OFFLINE
		expect_status 0
		expect_out "$word"
		expect_err_empty
	done
	run_clean HF_XET_HP=y "$HFENV" printenv HF_XET_HP
	expect_out "y"
	expect_err_empty
	run_clean HF_HUB_OFFLINE= "$HFENV" printenv HF_HUB_OFFLINE
	expect_out ""
	expect_err_empty
}

test_hub_flag_y_is_written_1_and_another_word_exits_125() {
	for name in HF_HUB_DISABLE_XET TRANSFORMERS_OFFLINE DISABLE_TELEMETRY DO_NOT_TRACK; do
		run_clean $name=y "$HFENV" printenv $name
		expect_status 0
		expect_out "1"
		expect_err_contains "hfenv: warning: $name='y': the Hub reads it as false; written 1"
		run_clean $name=auto "$HFENV" true
		expect_status 125
		expect_err_contains "hfenv: $name='auto' is neither true nor false; set 1 or 0"
	done
}

test_hub_numbers_are_read_as_their_readers_do() {
	for good in HF_HUB_DOWNLOAD_TIMEOUT=-1_0 HF_HUB_ETAG_TIMEOUT=+30 HF_XET_CLIENT_RETRY_MAX_ATTEMPTS=8 \
		HF_XET_CLIENT_AC_RTT_SUCCESS_MAX_QUANTILE=0.95; do
		run_clean "$good" "$HFENV" true
		expect_status 0
		expect_err_empty
	done
	for bad in HF_HUB_DOWNLOAD_TIMEOUT=10s HF_HUB_DOWNLOAD_TIMEOUT=1__0 HF_XET_CLIENT_RETRY_MAX_ATTEMPTS=-1 \
		HF_XET_CLIENT_AC_RTT_SUCCESS_MAX_QUANTILE=0,95; do
		run_clean "$bad" "$HFENV" true
		expect_status 125
		expect_err_contains "${bad%%=*}="
	done
}

test_hub_durations_take_a_unit() {
	for good in 30s "1m 30s" 500ms 0; do
		run_clean HF_XET_CLIENT_CONNECT_TIMEOUT="$good" "$HFENV" true
		expect_status 0
	done
	run_clean HF_XET_CLIENT_CONNECT_TIMEOUT=30 "$HFENV" true
	expect_status 125
	expect_err_contains "hfenv: HF_XET_CLIENT_CONNECT_TIMEOUT='30' is no duration; write e.g. 30s"
}

test_hub_sizes_take_an_optional_unit() {
	for good in 4096 512mb 1.5GiB; do
		run_clean HF_XET_RECONSTRUCTION_DOWNLOAD_BUFFER_SIZE="$good" "$HFENV" true
		expect_status 0
	done
	run_clean HF_XET_RECONSTRUCTION_DOWNLOAD_BUFFER_SIZE=2k "$HFENV" true
	expect_status 125
}

test_hub_path_is_trimmed_only() {
	run_clean HF_HOME="~/x y" HF_HUB_CACHE=" relative" "$HFENV" -q sh -c 'echo "$HF_HOME|$HF_HUB_CACHE"'
	expect_out "~/x y|relative"
}

test_hub_secret_is_trimmed_and_never_shown() {
	run_clean HF_TOKEN=" hf_planted$CR" "$HFENV" -v sh -c 'echo "[$HF_TOKEN]"'
	expect_out "[hf_planted]"
	expect_err_contains "hfenv: changed HF_TOKEN (a secret: its value is not shown)"
	expect_err_lacks hf_planted
	run_clean HUGGING_FACE_HUB_TOKEN=" hf_planted" HF_OIDC_ID_TOKEN=" hf_planted" "$HFENV" --explain
	expect_nowhere hf_planted
}

test_empty_hub_number_is_removed_with_a_warning() {
	run env -i HF_HUB_DOWNLOAD_TIMEOUT= "$HFENV"
	expect_status 0
	expect_out_empty
	expect_err_contains "hfenv: warning: HF_HUB_DOWNLOAD_TIMEOUT is empty: removed; the default applies"
}

test_hf_transfer_without_high_performance_gets_a_warning() {
	run_clean HF_HUB_ENABLE_HF_TRANSFER=1 "$HFENV" true
	expect_err_contains "hfenv: warning: HF_HUB_ENABLE_HF_TRANSFER is ignored now; set HF_XET_HIGH_PERFORMANCE=1"
	run_clean HF_HUB_ENABLE_HF_TRANSFER=1 HF_XET_HIGH_PERFORMANCE=1 "$HFENV" true
	expect_err_empty
}

test_staging_moves_the_hub_with_a_warning_for_explain_and_probe_too() {
	run_clean HUGGINGFACE_CO_STAGING=1 HF_ENDPOINT=https://hf-mirror.com "$HFENV" true
	expect_status 0
	expect_err_contains "hfenv: warning: HUGGINGFACE_CO_STAGING='1' moves the Hub to https://hub-ci.huggingface.co; unset it"
	run_clean HUGGINGFACE_CO_STAGING=1 HF_ENDPOINT=https://hf-mirror.com "$HFENV" --explain=tsv
	[ "$(awk -F '\t' '$1 == "curl" && $2 == "hub" { print $7 }' "$TMP/out" | head -n 1)" = https://hub-ci.huggingface.co:443 ] ||
		fail "--explain's endpoint is not the staging one"
	port=$(free_port)
	start "$port" "$PYTHON" "$TESTS/helpers/servers.py" fake-proxy "$port" "200 Connection established" "$TMP/requests"
	run_clean HUGGINGFACE_CO_STAGING=1 HF_ENDPOINT=https://hf-mirror.com "$HFENV" -q -p http://127.0.0.1:$port --probe
	grep -q "^CONNECT hub-ci.huggingface.co:443 " "$TMP/requests" || fail "--probe did not try hub-ci: $(cat "$TMP/requests")"
}

test_other_hf_variables_pass_through_untouched() {
	run_clean HF_DATASETS_CACHE=" x$CR" HF_SOMETHING=auto "$HFENV" sh -c 'printf "%s|%s" "$HF_DATASETS_CACHE" "$HF_SOMETHING"'
	expect_status 0
	printf ' x\r|auto' >"$TMP/expected"
	cmp -s "$TMP/expected" "$TMP/out" || fail "an HF_ variable was changed"
	expect_err_empty
}

test_other_variables_keep_their_order_changed_keep_their_place_new_go_last() {
	run env -i A=1 https_proxy=$A B=2 "$HFENV"
	expect_out "A=1
https_proxy=$A
B=2
HTTPS_PROXY=$A
no_proxy=localhost,.localhost,127.0.0.1,::1
NO_PROXY=localhost,.localhost,127.0.0.1,::1"
}

# exactly_env ENTRY... -- PROGRAM [ARG]...: execve with exactly these entries, as env(1) cannot (duplicates, no '=').
exactly_env() {
	"$PYTHON" -c '
import ctypes, sys
split = sys.argv.index("--")
strings = lambda words: (ctypes.c_char_p * (len(words) + 1))(*[w.encode() for w in words], None)
ctypes.CDLL(None).execve(sys.argv[split + 1].encode(), strings(sys.argv[split + 1:]), strings(sys.argv[1:split]))
sys.exit(127)' "$@"
}

test_managed_variable_twice_keeps_the_first_with_a_warning() {
	run exactly_env https_proxy=$A https_proxy=$B -- "$HFENV" /usr/bin/printenv https_proxy
	expect_status 0
	expect_out "$A"
	expect_err_contains "hfenv: warning: https_proxy is set 2 times: kept the first"
}

test_entry_without_equals_is_passed_on_with_a_warning() {
	run exactly_env NOEQUALS A=1 -- "$HFENV"
	expect_status 0
	expect_out "NOEQUALS
A=1"
	expect_err_contains "hfenv: warning: environment entry 'NOEQUALS' has no '=': passed on unchanged"
}

test_refusal_prints_only_the_errors_and_runs_nothing() {
	run_clean https_proxy=ftp://x:1 HTTP_PROXY=$A http_proxy=$B "$HFENV" touch "$TMP/ran"
	expect_status 125
	expect_err_lines 1
	expect_err_contains "hfenv: https_proxy='ftp://x:1'"
	[ ! -e "$TMP/ran" ] || fail "the command ran"
}

test_every_message_is_one_line_of_at_most_100_columns() {
	long=$(printf 'a%.0s' $(seq 300))
	run_clean "https_proxy=http://u:$long@proxy.$long.example:3128" "$HFENV" true
	expect_status 125
	expect_err_lines 1
	run_clean "https_proxy=http://u:pw@proxy$(printf '.p%.0s' $(seq 40)).example:3128" \
		NO_PROXY="$long:1" HF_ENDPOINT="$long" "$HFENV" -v true
	expect_messages_fit
}

test_one_problem_in_both_spellings_is_one_message_naming_both() {
	run_clean https_proxy=ftp://x:1 HTTPS_PROXY=ftp://x:1 "$HFENV" true
	expect_status 125
	expect_err_lines 1
	expect_err_contains "https_proxy"
	expect_err_contains "HTTPS_PROXY"
}

test_long_value_loses_its_middle_and_bytes_show_as_hex() {
	run_clean https_proxy="http://u:secret@proxy$(printf '.p%.0s' $(seq 60)).example:3128/x" "$HFENV" true
	expect_status 125
	expect_err_contains "'http://u:***@proxy"
	expect_err_contains "..."
	expect_err_contains ".example:3128/x'"
	expect_nowhere secret
	run_clean https_proxy="http://h$(printf '\001')x:1" "$HFENV" true
	expect_err_contains '\x01'
}

test_normal_work_is_said_only_under_verbose() {
	run_clean HTTP_PROXY=$A all_proxy=$A SSL_CERT_FILE=$BUNDLE "$HFENV" true
	expect_status 0
	expect_err_empty
	run_clean HTTP_PROXY=$A all_proxy=$A SSL_CERT_FILE=$BUNDLE "$HFENV" -v true
	expect_err_contains "hfenv: set http_proxy='$A'"
	expect_err_contains "hfenv: set https_proxy='$A'"
	expect_err_contains "hfenv: set CURL_CA_BUNDLE='$BUNDLE'"
}

test_shortened_url_keeps_its_host_and_port() {
	run_clean "https_proxy=http://alice:pw@proxy.example:3128/$(printf '%0120d' 0)" "$HFENV" true
	expect_status 125
	expect_err_contains "'http://alice:***@proxy.example:3128/0"
	expect_err_contains "...00': remove the path"
	run_clean HTTPS_PROXY=http://user:pw@127.0.0.1:7890 https_proxy=http://anotheruser:pw@127.0.0.1:7891 "$HFENV" true
	expect_err_contains ":***@127.0.0.1:7891' wins over a different HTTPS_PROXY"
}

test_shortened_list_loses_whole_entries() {
	run_clean "NO_PROXY=$(printf 'host%02d.example.com,' 1 2 3 4 5 6 7 8 9 10)localhost,127.0.0.1" "$HFENV" -v true
	expect_err_contains "hfenv: set no_proxy='host01.example.com,...,localhost,.localhost,127.0.0.1'"
}

test_shortened_path_keeps_its_file_name() {
	dir=$TMP/$(printf 'd%.0s' $(seq 90))
	mkdir "$dir"
	: >"$dir/prepare-the-dataset.py"
	run_clean "$HFENV" "$dir/prepare-the-dataset.py"
	expect_status 126
	expect_err_contains "/prepare-the-dataset.py': Permission denied"
}

test_usage_errors_and_exec_failures_fit_their_line() {
	run_clean "$HFENV" -p "$(printf 'p%.0s' $(seq 120))" true
	expect_status 125
	expect_err_lines 1
	run_clean "$HFENV" --timeout "$(printf '1%.0s' $(seq 120))" true
	expect_status 125
	expect_err_lines 1
	run_clean "$HFENV" "$(printf 'c%.0s' $(seq 150))"
	expect_status 127
	expect_err_contains "': command not found"
}

run_case
