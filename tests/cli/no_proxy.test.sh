. "$(dirname "$0")/../helpers/lib.sh"

P=http://127.0.0.1:7890
LOOPBACK=localhost,.localhost,127.0.0.1,::1

test_dot_and_star_dot_entries_become_the_name_and_its_dotted_form() {
	run env -i NO_PROXY='.hf.co,*.cdn.hf.co' "$HFENV" printenv no_proxy NO_PROXY
	expect_status 0
	expect_out "hf.co,.hf.co,cdn.hf.co,.cdn.hf.co
hf.co,.hf.co,cdn.hf.co,.cdn.hf.co"
}

# aria2c reads "dom" as that host alone and ".dom" as its subdomains: the pair covers both for it too.
test_name_gets_its_dotted_form_and_addresses_do_not() {
	run env -i no_proxy='hf.co,10.1.2.3,::1,10.0.0.0/8' "$HFENV" printenv NO_PROXY
	expect_status 0
	expect_out "hf.co,.hf.co,10.1.2.3,::1,10.0.0.0/8"
}

test_entry_given_twice_stays_once() {
	run env -i no_proxy='hf.co,.HF.CO,*.hf.co,hf.co:443,10.1.2.3,10.1.2.3' "$HFENV" printenv NO_PROXY
	expect_status 0
	expect_out "hf.co,.hf.co,10.1.2.3"
}

# The dotted form would make NO_PROXY too long for execve (128 KiB a string): the names go alone, as -v says.
test_list_too_long_for_dotted_forms_keeps_its_names_alone() {
	name=$(head -c 70000 /dev/zero | tr '\0' a).example
	run env -i NO_PROXY=".$name" "$HFENV" -v sh -c '[ "$no_proxy" = "$NO_PROXY" ] && printf %s "$NO_PROXY" | wc -c'
	expect_status 0
	expect_out "${#name}"
	expect_err_contains "hfenv: warning: NO_PROXY: too long to add '.dom' entries; aria2c proxies subdomains of its names"
}

test_rewritten_list_is_kept_by_a_second_run() {
	run env -i https_proxy=$P no_proxy='*.hf.co,LOCALHOST' "$HFENV" -v true
	expect_err_contains "hfenv: set NO_PROXY='hf.co,.hf.co,$LOOPBACK'"
	run env -i https_proxy=$P no_proxy='*.hf.co,LOCALHOST' "$HFENV" "$HFENV" -v true
	expect_status 0
	expect_err_lacks "no_proxy from"
	expect_err_lacks "NO_PROXY="
}

test_entries_are_lower_cased() {
	run env -i no_proxy='HF.Co,Example.ORG' "$HFENV" printenv NO_PROXY
	expect_status 0
	expect_out "hf.co,.hf.co,example.org,.example.org"
}

test_entry_with_a_port_loses_it_with_a_warning() {
	run env -i no_proxy='hf.co:8080' "$HFENV" printenv NO_PROXY
	expect_status 0
	expect_out "hf.co,.hf.co"
	expect_err_lines 1
	expect_err_contains "hfenv: warning: no_proxy 'hf.co:8080': port removed; all ports now skip the proxy"
}

test_star_removes_every_proxy_variable() {
	run env -i http_proxy=$P HTTPS_PROXY=$P all_proxy=socks5://127.0.0.1:1080 no_proxy='localhost,*' \
		"$HFENV" sh -c 'env | grep -i "_proxy=" | sort'
	expect_status 0
	expect_out "NO_PROXY=*
no_proxy=*"
	expect_err_empty
}

test_loopback_is_added_when_a_proxy_is_set() {
	run env -i https_proxy=$P NO_PROXY=hf.co "$HFENV" printenv no_proxy NO_PROXY
	expect_status 0
	expect_out "hf.co,.hf.co,$LOOPBACK
hf.co,.hf.co,$LOOPBACK"
	expect_err_empty
}

test_loopback_is_not_added_without_a_proxy() {
	run env -i NO_PROXY=hf.co "$HFENV" sh -c 'env | grep -i "_proxy=" | sort'
	expect_status 0
	expect_out "NO_PROXY=hf.co,.hf.co
no_proxy=hf.co,.hf.co"
}

test_proxy_loopback_option_adds_no_loopback() {
	run env -i https_proxy=$P NO_PROXY=hf.co "$HFENV" --proxy-loopback printenv NO_PROXY no_proxy
	expect_status 0
	expect_out "hf.co,.hf.co
hf.co,.hf.co"
}

test_proxy_loopback_setting_adds_no_loopback() {
	run env -i https_proxy=$P HFENV_PROXY_LOOPBACK=on "$HFENV" printenv NO_PROXY
	expect_status 1
	expect_out_empty
}

test_ipv6_range_is_removed_with_a_warning() {
	run env -i no_proxy='fd00::/8,10.1.2.3' "$HFENV" printenv NO_PROXY
	expect_status 0
	expect_out "10.1.2.3"
	expect_err_contains "hfenv: warning: no_proxy 'fd00::/8' removed (httpx fails on it); list the addresses"
}

test_ipv4_range_warning_names_the_clients_that_ignore_it() {
	run env -i NO_PROXY='10.0.0.0/8' "$HFENV" printenv NO_PROXY
	expect_status 0
	expect_out "10.0.0.0/8"
	expect_err_lines 1
	expect_err_contains "hfenv: warning: NO_PROXY '10.0.0.0/8': httpx, wget, urllib ignore ranges; list addresses"
	run env -i NO_PROXY='10.0.0.0/8' "$HFENV" -v true
	expect_err_contains "ranges: curl, requests, reqwest, Go honour them; urllib, wget, httpx not"
}

test_suffix_warning_only_when_verbose() {
	run env -i NO_PROXY=hf.co "$HFENV" true
	expect_err_empty
	run env -i NO_PROXY=hf.co "$HFENV" -v true
	expect_err_contains "requests < 2.34 matches entries as bare suffixes (nothf.co for hf.co)"
}

test_export_sets_both_spellings_of_the_rewritten_list() {
	run env -i no_proxy='.HF.co' https_proxy=$P "$HFENV" --export
	expect_status 0
	expect_out "export HTTPS_PROXY='$P'
export no_proxy='hf.co,.hf.co,$LOOPBACK'
export NO_PROXY='hf.co,.hf.co,$LOOPBACK'"
}

test_help_names_the_loopback_option_and_setting() {
	run "$HFENV" --help
	expect_status 0
	grep -qF -- "--proxy-loopback" "$TMP/out" || fail "--help lacks --proxy-loopback"
	grep -qF -- "HFENV_PROXY_LOOPBACK" "$TMP/out" || fail "--help lacks HFENV_PROXY_LOOPBACK"
}

run_case
