"""One GET with Python's urllib or requests, proxies from the environment.

Usage: py-get.py urllib|requests URL CA_PEM. Prints the body, or the error and exits 1.
CA_PEM "-": each library's default trust, which it finds through the environment
(urllib: OpenSSL's SSL_CERT_FILE and SSL_CERT_DIR; requests: REQUESTS_CA_BUNDLE, then CURL_CA_BUNDLE).
"""
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


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("urllib", "requests"):
        sys.exit("usage: py-get.py urllib|requests URL CA_PEM")
    fetch = fetch_urllib if sys.argv[1] == "urllib" else fetch_requests
    try:
        body = fetch(sys.argv[2], sys.argv[3])
    except Exception as error:
        print(f"py-get {sys.argv[1]}: {type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(1)
    sys.stdout.write(body)


main()
