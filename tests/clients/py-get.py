"""One GET with a Python HTTP client, proxies from the environment.

Usage: py-get.py CLIENT URL CA_PEM, CLIENT one of urllib, requests, httpx, huggingface_hub.
Prints the body, or the error and exits 1. huggingface_hub: the client that get_session() returns,
as huggingface_hub configures it for every Hub request (httpx2 in 2.x); its CA comes from
SSL_CERT_FILE, as a user behind a TLS-inspecting proxy would give it.
CA_PEM "-": each library's default trust, which it finds through the environment
(urllib: OpenSSL's SSL_CERT_FILE and SSL_CERT_DIR; requests: REQUESTS_CA_BUNDLE, then CURL_CA_BUNDLE).
"""
import os
import ssl
import sys


def fetch_urllib(url, ca_file):
    import urllib.request
    context = ssl.create_default_context(cafile=None if ca_file == "-" else ca_file)
    with urllib.request.urlopen(url, context=context, timeout=10) as response:
        return response.read().decode()


def fetch_requests(url, ca_file):
    import requests
    response = requests.get(url, verify=True if ca_file == "-" else ca_file, timeout=10)
    response.raise_for_status()
    return response.text


def fetch_httpx(url, ca_file):
    import httpx
    verify = True if ca_file == "-" else ssl.create_default_context(cafile=ca_file)
    with httpx.Client(verify=verify, timeout=10) as client:
        response = client.get(url)
    response.raise_for_status()
    return response.text


def fetch_huggingface_hub(url, ca_file):
    if ca_file != "-":
        os.environ["SSL_CERT_FILE"] = ca_file
    from huggingface_hub.utils import get_session
    response = get_session().get(url, timeout=10)
    response.raise_for_status()
    return response.text


FETCHERS = {"urllib": fetch_urllib, "requests": fetch_requests, "httpx": fetch_httpx,
            "huggingface_hub": fetch_huggingface_hub}


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in FETCHERS:
        sys.exit(f"usage: py-get.py {'|'.join(FETCHERS)} URL CA_PEM")
    try:
        body = FETCHERS[sys.argv[1]](sys.argv[2], sys.argv[3])
    except Exception as error:
        print(f"py-get {sys.argv[1]}: {type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(1)
    sys.stdout.write(body)


main()
