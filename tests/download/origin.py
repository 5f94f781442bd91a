"""A loopback Hugging Face Hub and Xet CAS, enough for hf_hub_download of one Xet-backed file.

    origin.py STATE_DIR     (run by download.py with Debian's python3; stopped by its pid)

Reads STATE_DIR/origin.json (ports, addresses, names, certificate, the file) and serves, over TLS:
  hub       HEAD/GET /<repo>/resolve/<rev>/<file>   302 with X-Xet-Hash, Link rel="xet-auth", X-Linked-Size/Etag
            GET /api/models/<repo>/xet-read-token/<rev>   the CAS URL and a token, as headers and as JSON
                                                    (404 when origin.json says xet_token false)
            (401 to a request without "Authorization: Bearer TOKEN" when origin.json names a token)
  mirror    the same as hub, under another name
  cas       GET /v2/reconstructions/<file hash>     terms and one fetch URL per xorb (V1 at /v1/... too)
            POST /v1/telemetry                      accepted and logged
  transfer  GET /xorbs/default/<xorb hash>          the xorb's bytes, honouring one Range
            GET /xet-bridge/<file hash>             the whole file (the resolve redirect, used with Xet off)
Every request is appended to STATE_DIR/requests.jsonl with its peer address and raw header names.
"""
import hashlib
import http.server
import json
import os
import re
import signal
import ssl
import sys
import threading
import time

# One chunk header: version 0, compressed length (3 bytes LE), scheme 0 = none, uncompressed length (3 bytes LE).
CHUNK_HEADER_VERSION, COMPRESSION_NONE = 0, 0
# The first token is short-lived (inside hf_xet's 30 s refresh margin), so hf_xet asks the Hub for its own.
FIRST_TOKEN_SECONDS, LATER_TOKEN_SECONDS = 5, 3600


def chunk_header(length):
    size = length.to_bytes(3, "little")
    return bytes([CHUNK_HEADER_VERSION]) + size + bytes([COMPRESSION_NONE]) + size


def fake_hash(label):
    """A well-formed 64-hex Merkle hash; hf_xet does not recompute xorb or file hashes when it downloads."""
    return hashlib.sha256(label.encode()).hexdigest()


class Content:
    """The file, cut into chunks of at most 128 KiB, stored as two xorbs; one reconstruction term per xorb."""

    def __init__(self, data, chunk_size):
        chunks = [data[i:i + chunk_size] for i in range(0, len(data), chunk_size)]
        half = (len(chunks) + 1) // 2
        self.data = data
        self.file_hash = fake_hash("file:" + hashlib.sha256(data).hexdigest())
        self.xorbs = {}
        self.terms = []
        for index, xorb_chunks in enumerate((chunks[:half], chunks[half:])):
            xorb_hash = fake_hash(f"xorb {index}:{self.file_hash}")
            body = b"".join(chunk_header(len(c)) + c for c in xorb_chunks)
            self.xorbs[xorb_hash] = body
            self.terms.append({"hash": xorb_hash, "unpacked_length": sum(len(c) for c in xorb_chunks),
                               "range": {"start": 0, "end": len(xorb_chunks)}})

    def reconstruction(self, version, transfer_url):
        def url(xorb_hash):
            return f"{transfer_url}/xorbs/default/{xorb_hash}"
        response = {"offset_into_first_range": 0, "terms": self.terms}
        if version == "v2":
            response["xorbs"] = {t["hash"]: [{"url": url(t["hash"]), "ranges": [
                {"chunks": t["range"], "bytes": {"start": 0, "end": len(self.xorbs[t["hash"]]) - 1}}]}]
                for t in self.terms}
        else:
            response["fetch_info"] = {t["hash"]: [{"url": url(t["hash"]), "range": t["range"],
                                                   "url_range": {"start": 0, "end": len(self.xorbs[t["hash"]]) - 1}}]
                                      for t in self.terms}
        return response


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_request_line(self, status):
        entry = {"time": time.time(), "role": self.server.role, "method": self.command, "path": self.path,
                 "host": self.headers.get("Host", ""), "peer": self.client_address[0], "status": status,
                 "header_names": [name for name, _ in self.headers.raw_items()],
                 "user_agent": self.headers.get("User-Agent", "")}
        with self.server.state.lock:
            self.server.state.log.write(json.dumps(entry) + "\n")
            self.server.state.log.flush()

    def reply(self, status, body=b"", headers=(), content_type="application/octet-stream"):
        self.log_request_line(status)
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def reply_json(self, value, headers=()):
        self.reply(200, json.dumps(value).encode(), headers, "application/json")

    def do_HEAD(self):
        self.route()

    def do_GET(self):
        self.route()

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        if self.server.role == "cas" and self.path == "/v1/telemetry":
            self.reply_json({})
        else:
            self.reply(404)

    def route(self):
        state, path = self.server.state, self.path.split("?", 1)[0]
        handler = {"hub": self.hub, "mirror": self.hub, "cas": self.cas, "transfer": self.transfer}[self.server.role]
        handler(state, path)

    def hub(self, state, path):
        repo, revision, name = state.config["repo"], state.config["revision"], state.config["filename"]
        content = state.content
        token = state.config.get("token")
        if token and self.headers.get("Authorization") != f"Bearer {token}":
            self.reply(401, headers=[("X-Error-Message", "Invalid credentials in Authorization header")])
        elif path in (f"/{repo}/resolve/{revision}/{name}", f"/{repo}/resolve/{state.config['commit']}/{name}"):
            token_route = f"{state.urls[self.server.role]}/api/models/{repo}/xet-read-token/{state.config['commit']}"
            self.reply(302, headers=[
                ("Location", f"{state.urls['transfer']}/xet-bridge/{content.file_hash}"),
                ("X-Repo-Commit", state.config["commit"]),
                ("X-Linked-Etag", f'"{hashlib.sha256(content.data).hexdigest()}"'),
                ("X-Linked-Size", str(len(content.data))),
                ("X-Xet-Hash", content.file_hash),
                ("Link", f'<{token_route}>; rel="xet-auth", <{state.urls["cas"]}>; rel="xet-cas"'),
            ])
        elif path == f"/api/models/{repo}/xet-read-token/{state.config['commit']}" and state.config["xet_token"]:
            with state.lock:
                state.tokens_issued += 1
                first = state.tokens_issued == 1
            expiry = int(time.time()) + (FIRST_TOKEN_SECONDS if first else LATER_TOKEN_SECONDS)
            token = f"xet-read-{state.tokens_issued}"
            self.reply_json({"casUrl": state.urls["cas"], "exp": expiry, "accessToken": token}, headers=[
                ("X-Xet-Cas-Url", state.urls["cas"]), ("X-Xet-Access-Token", token),
                ("X-Xet-Token-Expiration", str(expiry))])
        else:
            self.reply(404)

    def cas(self, state, path):
        match = re.fullmatch(r"/(v1|v2)/reconstructions/([0-9a-f]{64})", path)
        if not match or match.group(2) != state.content.file_hash:
            self.reply(404)
        elif not self.headers.get("Authorization", "").startswith("Bearer xet-read-"):
            self.reply(401)
        else:
            self.reply_json(state.content.reconstruction(match.group(1), state.urls["transfer"]))

    def transfer(self, state, path):
        match = re.fullmatch(r"/xorbs/default/([0-9a-f]{64})", path)
        body = state.content.xorbs.get(match.group(1)) if match else None
        if path == f"/xet-bridge/{state.content.file_hash}":
            body = state.content.data
        if body is None:
            self.reply(404)
            return
        requested = re.fullmatch(r"bytes=(\d+)-(\d*)", self.headers.get("Range", ""))
        if not requested:
            self.reply(200, body)
            return
        start, end = int(requested.group(1)), min(int(requested.group(2) or len(body) - 1), len(body) - 1)
        self.reply(206, body[start:end + 1], headers=[("Content-Range", f"bytes {start}-{end}/{len(body)}")])

    def log_message(self, *_):
        pass


class State:
    def __init__(self, state_dir):
        with open(os.path.join(state_dir, "origin.json")) as f:
            self.config = json.load(f)
        with open(self.config["content_file"], "rb") as f:
            self.content = Content(f.read(), self.config["chunk_size"])
        self.urls = self.config["urls"]
        self.lock = threading.Lock()
        self.tokens_issued = 0
        self.log = open(os.path.join(state_dir, "requests.jsonl"), "a")


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, role, port, context, state):
        super().__init__((state.config["addresses"][role], port), Handler)
        self.role, self.context, self.state = role, context, state

    def finish_request(self, request, client_address):
        request.settimeout(15)
        try:
            request = self.context.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError):
            return
        super().finish_request(request, client_address)


def main(state_dir):
    state = State(state_dir)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(state.config["certificate"], state.config["key"])
    for role, port in state.config["ports"].items():
        server = Server(role, port, context, state)
        threading.Thread(target=server.serve_forever, daemon=True).start()
    with open(os.path.join(state_dir, "origin.ready"), "w") as f:
        f.write(str(os.getpid()))
    signal.sigwait({signal.SIGTERM, signal.SIGINT})


if __name__ == "__main__":
    main(sys.argv[1])
