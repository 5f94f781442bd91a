#!/bin/sh
# One request by one real client with its default proxy handling: fetch.sh CLIENT URL GO_CLIENT
case $1 in
curl) exec curl -s -o /dev/null --max-time 5 "$2" ;;
git) GIT_TERMINAL_PROMPT=0 exec git ls-remote "$2" ;;
wget) exec wget -q -O /dev/null --tries=1 --timeout=5 "$2" ;;
urllib) exec /usr/bin/python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=5)' "$2" ;;
requests) exec /usr/bin/python3 -c 'import sys, requests; requests.get(sys.argv[1], timeout=5)' "$2" ;;
go) exec "$3" "$2" ;;
esac
echo "fetch.sh: unknown client $1" >&2
exit 2
