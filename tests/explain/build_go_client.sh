#!/bin/sh
# Builds the Go client of the real-client checks, offline (standard library only): build_go_client.sh OUTPUT
set -eu
command -v go >/dev/null 2>&1 || { echo "FAIL: go is not installed (golang-go is listed in tests/packages)" >&2; exit 1; }
out=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/goclient"
GOCACHE="$out.cache" GOPATH="$out.gopath" GOFLAGS=-mod=mod GOPROXY=off go build -o "$out" .
