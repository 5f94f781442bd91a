"""Real clients through real proxies, without and through hfenv (issue 3).

Subcommands (run with Debian's /usr/bin/python3):
  matrix HFENV CLIENT_DIR OUT_DIR VENVS
                                    every scenario x client x {without, through hfenv}; asserts the routes,
                                    and that hfenv --explain=tsv predicted them (issue 4); VENVS holds the
                                    virtual environments of tests/clients/pins (tests/clients/make-venvs);
                                    HFENV_MATRIX_ONLY=NAME,... runs only the scenarios whose names contain one
  xet HFENV                         hfenv --no-xet seen through huggingface_hub's truth rule
  pid1 HFENV                        hfenv as PID 1 of a new PID namespace, as a Docker ENTRYPOINT
  hub HFENV VENVS                   the Hub's settings as the pinned huggingface_hub reads them at import,
                                    without and through hfenv, and the endpoint --explain names
  trust HFENV CLIENT_DIR OUT_DIR    the HTTPS origin (a certificate from the test's own CA), directly and
                                    through tinyproxy, with each client's own trust: which clients verify it
                                    without and through hfenv (issue 16)
  origin STATE_DIR                  (internal) the HTTP and HTTPS origin servers

Every server listens on loopback only and is stopped by its pid when the run ends, also on failure.
The matrix runs in a mount and network namespace of its own (issue 15): a private /etc/hosts maps
the test names (hf.test, cas.hf.test, nothf.test, HF.TEST) to 127.0.0.1, the only interface is lo
(with 10.1.2.3 added for the address-range rows, and fe80::1, where a relay to tinyproxy listens, for
the zone rows), so no DNS query or connection can leave the machine: a client that looks up a name
/etc/hosts lacks (the zone and %HH rows make some do) finds no way out.
HFENV_MATRIX_ROWS=REGEX runs only the set-ups whose name matches (for development; ctest runs all).
"""
import ctypes
import http.server
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field

PYTHON = "/usr/bin/python3"
HERE = os.path.dirname(os.path.abspath(__file__))
HOST = "hf.test"
TEST_NAMES = ("hf.test", "cas.hf.test", "nothf.test", "other.test", "localhost")
RANGE_ADDRESS = "10.1.2.3"  # on lo in the private network namespace: an address Go does not count as loopback
ZONE_ADDRESS = "fe80::1"  # link-local, on lo in the private network namespace: the proxy's host in the zone rows
ORIGIN_ADDRESSES = ("127.0.0.1", RANGE_ADDRESS)
DIRECT_PEERS, PROXY_PEER, SOCKS_PEER = set(ORIGIN_ADDRESSES), "127.0.0.3", "127.0.0.2"
PRIVATE_NAMESPACE = "HFENV_HARNESS_PRIVATE_NAMESPACE"
START_DEADLINE = 20.0

PROXIED, SOCKS, DIRECT, FAILED, REFUSED = "proxied", "socks", "direct", "failed", "refused"
INCONSISTENT = "INCONSISTENT"

# One per client family (issue 14): Debian's curl, git, wget, aria2c (hfd.sh's downloader) and urllib; the pinned
# clients of tests/clients/pins;
# Debian's reqwest 0.11, which still takes routes of its own (it drops a SOCKS proxy and goes direct, reads no
# ALL_PROXY, cleans a trailing CR, skips an empty HTTPS_PROXY). Debian's Go 1.19 took the same routes as Go 1.26
# everywhere except socks5h://, which it looks up as a host name in DNS: no test may do that, so it has no row.
CLIENTS = ("curl", "git", "wget", "aria2c", "urllib", "requests", "httpx", "httpx-socksio", "huggingface_hub",
           "reqwest13", "go", "reqwest")
CLIENT_TITLES = {}  # client -> name and version, filled in by client_versions()
# The --explain=tsv family each client is checked against; a client not listed has no family of its own yet.
# huggingface_hub makes its requests with httpx2, whose NO_PROXY differs from httpx's: family httpx2.
EXPLAIN_FAMILY = {"curl": "curl", "git": "git", "wget": "wget", "aria2c": "aria2c", "urllib": "urllib",
                  "requests": "requests", "httpx": "httpx", "httpx-socksio": "httpx-socksio", "huggingface_hub": "httpx2",
                  "reqwest13": "hf_xet", "go": "go", "reqwest": "reqwest"}
PINS = os.path.join(HERE, "pins")
ARIA2C_VERSION = "1.36.0"  # Debian 12's aria2 (tests/packages), whose rules docs/proxy-clients.md describes
# git ls-remote URL asks for URL/info/refs?service=git-upload-pack; the origin answers as a smart HTTP server.
GIT_REFS = "/info/refs?service=git-upload-pack"
NO_COMMIT = "0" * 40


class Failure(Exception):
    pass


def on_signal_exit(signum, _frame):
    raise SystemExit(128 + signum)


def install_signal_handlers():
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, on_signal_exit)


def die_with_parent():
    # If this driver is killed outright (ctest timeout), the kernel still stops its servers.
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def accepts_connections(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


class Servers:
    """tinyproxy, microsocks, the origins and a closed port; stopped by pid on exit."""

    def __init__(self, state_dir):
        self.dir = state_dir
        self.processes = []
        self.dead_socket = None
        self.zone_relay = None

    def __enter__(self):
        try:
            self.make_certificates()
            self.start_origins()
            self.start_tinyproxy()
            self.zone_relay = ZoneRelay(self.proxy_port)
            self.zone_relay.start()
            self.start_microsocks()
            # Bound but never listening: connections to it are refused for as long as we hold it.
            self.dead_socket = socket.socket()
            self.dead_socket.bind(("127.0.0.1", 0))
            self.dead_port = self.dead_socket.getsockname()[1]
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *_):
        self.stop()

    def stop(self):
        for process in reversed(self.processes):
            if process.poll() is None:
                os.kill(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.kill(process.pid, signal.SIGKILL)
                    process.wait()
        self.processes = []
        if self.dead_socket is not None:
            self.dead_socket.close()
        if self.zone_relay is not None:
            self.zone_relay.stop()

    def spawn(self, argv, log_path):
        with open(log_path, "ab") as log:
            process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                       preexec_fn=die_with_parent, env=base_environment(self.dir))
        self.processes.append(process)
        return process

    def wait_listening(self, name, process, port):
        deadline = time.monotonic() + START_DEADLINE
        while time.monotonic() < deadline:
            if process.poll() is not None:
                return False
            if accepts_connections(port):
                return True
            time.sleep(0.05)
        raise Failure(f"{name} did not listen on 127.0.0.1:{port}")

    def start_listening(self, name, make_argv, log_path):
        """Starts a server on a port picked now; a new port if another process took it meanwhile."""
        for _ in range(5):
            port = free_port()
            process = self.spawn(make_argv(port), log_path)
            if self.wait_listening(name, process, port):
                return port
        raise Failure(f"{name} exited at start-up; see {log_path}")

    def make_certificates(self):
        d = self.dir
        self.ca_file = os.path.join(d, "ca.pem")

        def openssl(*args):
            run_checked(["openssl", *args], cwd=d)
        ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        openssl("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
                "-subj", "/CN=hfenv test CA", "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign")
        openssl("req", *ec, "-keyout", "origin.key", "-out", "origin.csr", "-subj", f"/CN={HOST}")
        names = ",".join(f"DNS:{name}" for name in TEST_NAMES)
        with open(os.path.join(d, "origin.ext"), "w") as ext:
            ext.write(f"subjectAltName={names},IP:127.0.0.1,IP:{RANGE_ADDRESS}\n"
                      "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n"
                      "authorityKeyIdentifier=keyid\n")
        openssl("x509", "-req", "-in", "origin.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "origin.pem", "-days", "2", "-extfile", "origin.ext")

    def start_origins(self):
        ports_file = os.path.join(self.dir, "origin.ports")
        self.origin_log = os.path.join(self.dir, "origin.log")
        process = self.spawn([PYTHON, "-I", os.path.abspath(__file__), "origin", self.dir],
                             os.path.join(self.dir, "origin.out"))
        deadline = time.monotonic() + START_DEADLINE
        while not os.path.exists(ports_file):
            if process.poll() is not None or time.monotonic() > deadline:
                raise Failure("the origin servers did not start; see origin.out")
            time.sleep(0.05)
        with open(ports_file) as f:
            http_port, https_port = (int(p) for p in f.read().split())
        self.origin_ports = {"http": http_port, "https": https_port}

    def start_tinyproxy(self):
        self.tinyproxy_log = os.path.join(self.dir, "tinyproxy.log")

        self.quick_log = os.path.join(self.dir, "tinyproxy-quick.log")

        def argv(name, timeout, log):
            def make(port):
                conf = os.path.join(self.dir, f"{name}.conf")
                with open(conf, "w") as f:
                    # Bind: the origin sees connections made by tinyproxy coming from PROXY_PEER.
                    f.write(f"Port {port}\nListen 127.0.0.1\nBind {PROXY_PEER}\nTimeout {timeout}\nMaxClients 50\n"
                            f"LogFile \"{log}\"\nLogLevel Info\n")
                return ["tinyproxy", "-d", "-c", conf]
            return make
        self.proxy_port = self.start_listening("tinyproxy", argv("tinyproxy", 15, self.tinyproxy_log),
                                               os.path.join(self.dir, "tinyproxy.out"))
        # The same, but it answers a client silent for 1 s: a TLS handshake, which holds no line for it to read,
        # then fails in 1 s, not in the clients' 10. classify() reads both logs as one.
        self.quick_port = self.start_listening("tinyproxy-quick", argv("tinyproxy-quick", 1, self.quick_log),
                                               os.path.join(self.dir, "tinyproxy-quick.out"))

    def start_microsocks(self):
        self.socks_log = os.path.join(self.dir, "microsocks.log")
        # -b: the origin sees connections made by microsocks coming from SOCKS_PEER.
        self.socks_port = self.start_listening(
            "microsocks", lambda port: ["microsocks", "-i", "127.0.0.1", "-p", str(port), "-b", SOCKS_PEER],
            self.socks_log)

    def placeholders(self):
        return {"P": f"http://127.0.0.1:{self.proxy_port}", "Phostport": f"127.0.0.1:{self.proxy_port}",
                "Pquick": f"http://127.0.0.1:{self.quick_port}", "Ptls": f"https://127.0.0.1:{self.quick_port}",
                "Pzone": f"http://[{ZONE_ADDRESS}%25lo]:{self.proxy_port}",
                "Pzoneraw": f"http://[{ZONE_ADDRESS}%lo]:{self.proxy_port}",
                "Pescaped": f"http://%6cocalhost:{self.proxy_port}",
                "Ohttp": str(self.origin_ports["http"]), "Ohttps": str(self.origin_ports["https"]),
                "S": f"socks5://127.0.0.1:{self.socks_port}", "D": f"http://127.0.0.1:{self.dead_port}"}


def pump(source, sink):
    try:
        while data := source.recv(65536):
            sink.sendall(data)
        sink.shutdown(socket.SHUT_WR)
    except OSError:
        pass


class ZoneRelay(threading.Thread):
    """Listens on [fe80::1%lo]:PORT and relays each connection to tinyproxy on 127.0.0.1:PORT: the zone rows'
    proxy is tinyproxy, as the others', at an address with a zone (tinyproxy's Listen takes none)."""

    def __init__(self, port):
        super().__init__(daemon=True)
        where = socket.getaddrinfo(f"{ZONE_ADDRESS}%lo", port, socket.AF_INET6, socket.SOCK_STREAM)[0][4]
        self.port = port
        self.listener = socket.socket(socket.AF_INET6)
        self.listener.bind(where)
        self.listener.listen(16)

    def run(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self.relay, args=(client,), daemon=True).start()

    def relay(self, client):
        try:
            upstream = socket.create_connection(("127.0.0.1", self.port))
        except OSError:
            client.close()
            return
        with client, upstream:
            pumps = [threading.Thread(target=pump, args=ends, daemon=True) for ends in ((client, upstream),
                                                                                          (upstream, client))]
            for thread in pumps:
                thread.start()
            for thread in pumps:
                thread.join()

    def stop(self):
        try:
            self.listener.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.listener.close()


def empty_environment(keep=()):
    """Every child starts from nothing of the caller's: PATH and the harness's own settings (KEEP) only."""
    kept = {name: os.environ[name] for name in ("PATH", *keep) if name in os.environ}
    os.environ.clear()
    os.environ.update(kept)


def run_checked(argv, **kwargs):
    result = subprocess.run(argv, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise Failure(f"{' '.join(argv)} exited {result.returncode}: {result.stderr.strip()}")
    return result


def base_environment(home):
    """The clients' whole environment before a scenario adds to it: nothing inherited from the runner."""
    return {"PATH": "/usr/bin:/bin", "HOME": home, "LANG": "C.UTF-8", "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_TERMINAL_PROMPT": "0"}


def pkt_line(text):
    return f"{len(text) + 4:04x}{text}"


def greeting(scheme):
    return f"hello from the {scheme} origin\n"


def expected_body(client, scheme):
    """What the client prints: the origin's greeting, or for git ls-remote the one ref the origin advertises."""
    return f"{NO_COMMIT}\trefs/heads/{scheme}-origin\n" if client == "git" else greeting(scheme)


class OriginHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        scheme, path = self.server.scheme, self.path
        if path.endswith(GIT_REFS):
            path = path[:-len(GIT_REFS)]
            content_type = "application/x-git-upload-pack-advertisement"
            body = (pkt_line("# service=git-upload-pack\n") + "0000"
                    + pkt_line(f"{NO_COMMIT} refs/heads/{scheme}-origin\0agent=origin\n") + "0000").encode()
        else:
            content_type = "text/plain"
            body = greeting(scheme).encode()
        with self.server.log_lock:
            self.server.log.write(f"{scheme} {self.client_address[0]} {path}\n")
            self.server.log.flush()
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_):
        pass


class OriginServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, scheme, address, port, context, log, log_lock):
        super().__init__((address, port), OriginHandler)
        self.scheme, self.context, self.log, self.log_lock = scheme, context, log, log_lock

    def finish_request(self, request, client_address):
        request.settimeout(15)
        if self.context is not None:
            # Handshake in the request's thread, so that one stuck client cannot block the others.
            request = self.context.wrap_socket(request, server_side=True)
        super().finish_request(request, client_address)


def serve_origins(state_dir):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(os.path.join(state_dir, "origin.pem"), os.path.join(state_dir, "origin.key"))
    log = open(os.path.join(state_dir, "origin.log"), "a")
    lock = threading.Lock()
    servers = []
    for scheme, scheme_context in (("http", None), ("https", context)):
        # One port for the scheme on every origin address, picked by the first bind.
        first = OriginServer(scheme, ORIGIN_ADDRESSES[0], 0, scheme_context, log, lock)
        servers.append(first)
        servers += [OriginServer(scheme, address, first.server_address[1], scheme_context, log, lock)
                    for address in ORIGIN_ADDRESSES[1:]]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    ports_file = os.path.join(state_dir, "origin.ports")
    with open(ports_file + ".tmp", "w") as f:
        f.write(" ".join(str(s.server_address[1]) for s in servers if s.server_address[0] == ORIGIN_ADDRESSES[0]))
    os.rename(ports_file + ".tmp", ports_file)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})


SOCKS_REASONS = {
    "wget": (FAILED, "wget reads http proxies only: 'Unsupported scheme' for socks5://"),
    "urllib": (FAILED, "urllib has no SOCKS: 'unknown url type: socks5', or it speaks HTTP to the SOCKS port"),
    "reqwest": (DIRECT, "Debian's reqwest 0.11 lacks the `socks` feature: it drops the value and connects directly"),
    "aria2c": (DIRECT, "aria2c has no SOCKS: 'unrecognized proxy format' on stderr, and it connects directly"),
}
CGI_HTTP_REASONS = {
    "reqwest": (DIRECT, "reqwest 0.11 ignores both HTTP_PROXY and http_proxy under CGI"),
    "go": (FAILED, "Go refuses any http proxy under CGI: 'refusing to use HTTP_PROXY value in CGI environment'"),
}


PLAIN_TO_AN_HTTPS_PROXY = {
    "wget": (PROXIED, "for https:// URLs wget speaks plain HTTP (CONNECT) to any proxy; http:// ones: 'Must be HTTP'"),
    "urllib": (PROXIED, "for https:// URLs urllib tunnels with plain CONNECT whatever the proxy's scheme"),
}
ARIA2C_PLAIN = {"aria2c": (PROXIED, "aria2c speaks plain HTTP to a proxy whatever the scheme of its URL")}
HTTPX_WITHOUT_SOCKSIO = (FAILED, "httpx without socksio (huggingface_hub's too) fails at client start when any proxy "
                                 "variable holds a SOCKS URL, whatever the URL it fetches")
NO_SOCKSIO = {"httpx": HTTPX_WITHOUT_SOCKSIO, "huggingface_hub": HTTPX_WITHOUT_SOCKSIO}
CGI_REQWEST13 = {"reqwest13": (DIRECT, "reqwest 0.13 (hf_xet, uv) ignores every proxy variable under CGI")}


def socks_reasons():
    """SOCKS as the route: the clients that cannot take it. The venvs of tests/clients/pins hold no PySocks."""
    return {**SOCKS_REASONS, **NO_SOCKSIO,
            "requests": (FAILED, "requests needs PySocks for socks5h:// (pip install 'requests[socks]')")}


@dataclass
class Expect:
    route: str
    reasons: dict = field(default_factory=dict)  # client -> (route, why the rules cannot make it agree)

    def route_for(self, client):
        return self.reasons.get(client, (self.route, None))


@dataclass
class Scenario:
    name: str
    env: dict
    http: Expect
    https: Expect
    hfenv_options: list = field(default_factory=list)
    operands: list = field(default_factory=list)
    in_readme: bool = True  # False when, without hfenv, it is the same environment as another scenario
    not_predicted: str = ""  # why hfenv --explain does not predict this set-up's routes, or ""
    warning: str = ""  # a line hfenv must print on stderr through hfenv (a template, as env's values), or ""
    host: str = HOST  # the URLs' host: a name of the private /etc/hosts, or an origin address


def both(route, reasons=None):
    return {"http": Expect(route, reasons or {}), "https": Expect(route, reasons or {})}


RANGE_BLIND = ("urllib", "wget", "httpx", "httpx-socksio")  # take no CIDR range in NO_PROXY; httpx2 does
# aria2c 1.36 matches a NO_PROXY name as the URL writes it, case and all: hfenv's lower-case entries cannot cover an
# upper-case URL host for it. (Its "dom" is that host alone, ".dom" the subdomains: hfenv writes both.)
ARIA2C_EXACT = {"aria2c": (PROXIED, "aria2c takes a NO_PROXY name for that exact host, as the URL writes it")}


def scenarios():
    socks = socks_reasons()
    dead_all = {"http_proxy": "{D}", "https_proxy": "{D}", "HTTP_PROXY": "{D}", "HTTPS_PROXY": "{D}"}
    lower = {"http_proxy": "{P}", "https_proxy": "{P}"}
    upper = {"HTTP_PROXY": "{P}", "HTTPS_PROXY": "{P}"}

    def s(name, env, expect, **kw):
        return Scenario(name, env, expect["http"], expect["https"], **kw)
    only = os.environ.get("HFENV_MATRIX_ROWS")
    return [row for row in all_rows(s, socks, dead_all, lower, upper) if not only or re.search(only, row.name)]


def zoned(proxy):
    """The proxy in both spellings of both pairs, so that every client reads it."""
    return {"http_proxy": proxy, "https_proxy": proxy, "HTTP_PROXY": proxy, "HTTPS_PROXY": proxy}


def listing(entries):
    """NO_PROXY in both spellings: the clients then differ only in how they read the entries."""
    return {"no_proxy": entries, "NO_PROXY": entries}


def all_rows(s, socks, dead_all, lower, upper):
    return [
        # Rule 2: one spelling is copied to the other.
        s("lower case only", lower, both(PROXIED)),
        s("upper case only", upper, both(PROXIED)),
        s("both spellings, equal", {**lower, **upper}, both(PROXIED)),
        # Rule 2: both set and different: lower wins by default, upper with --prefer upper.
        s("both differ, lower live", {**lower, "HTTP_PROXY": "{D}", "HTTPS_PROXY": "{D}"}, both(PROXIED)),
        s("both differ, upper live", {"http_proxy": "{D}", "https_proxy": "{D}", **upper}, both(FAILED)),
        s("both differ, upper live, --prefer upper", {"http_proxy": "{D}", "https_proxy": "{D}", **upper},
          both(PROXIED), hfenv_options=["--prefer", "upper"], in_readme=False),
        # Rule 1: an empty value counts as unset.
        s("empty lower next to upper", {"http_proxy": "", "https_proxy": "", **upper}, both(PROXIED)),
        s("empty upper next to lower", {**lower, "HTTP_PROXY": "", "HTTPS_PROXY": ""}, both(PROXIED)),
        s("empty HTTPS_PROXY next to https_proxy", {**lower, "HTTPS_PROXY": ""}, both(PROXIED)),
        # Rule 2: a pair's name in another letter case, which only Python's urllib reads, is a third spelling.
        s("odd case only", {"Http_Proxy": "{P}", "Https_Proxy": "{P}"}, both(PROXIED)),
        s("odd-case No_Proxy covers the host", {**lower, **upper, "No_Proxy": HOST}, both(DIRECT)),
        # Rule 4: an http ALL_PROXY fills both pairs.
        s("ALL_PROXY alone", {"ALL_PROXY": "{P}"}, both(PROXIED)),
        # Rules 2 and 6: NO_PROXY in either spelling reaches every client.
        s("NO_PROXY covers the host", {**lower, **upper, "NO_PROXY": HOST}, both(DIRECT)),
        s("no_proxy covers the host", {**lower, **upper, "no_proxy": HOST}, both(DIRECT)),
        s("NO_PROXY lists another host", {**lower, **upper, "NO_PROXY": "other.test"}, both(PROXIED)),
        # Issue 15: NO_PROXY * removes the proxy variables, which wget would still use.
        s("no_proxy=* next to http proxies", {**lower, "no_proxy": "*"}, both(DIRECT)),
        # Issue 15: dom, .dom and *.dom become dom,.dom (apex and subdomains, aria2c too), entries lower-cased, ports
        # removed.
        s("dom, a subdomain", {**lower, **upper, **listing("hf.test")}, both(DIRECT), host="cas.hf.test"),
        s(".dom, the apex", {**lower, **upper, **listing(".hf.test")}, both(DIRECT)),
        s(".dom, a subdomain", {**lower, **upper, **listing(".hf.test")}, both(DIRECT), host="cas.hf.test"),
        s("*.dom, a subdomain", {**lower, **upper, **listing("*.hf.test")}, both(DIRECT), host="cas.hf.test"),
        s("*.dom, the apex", {**lower, **upper, **listing("*.hf.test")}, both(DIRECT)),
        s("upper-case entry", {**lower, **upper, **listing("HF.TEST")}, both(DIRECT)),
        s("upper-case URL host", {**lower, **upper, **listing(HOST)}, both(DIRECT, ARIA2C_EXACT), host="HF.TEST"),
        s("entry with the URL's port", {**lower, **upper, **listing("hf.test:{Ohttp},hf.test:{Ohttps}")},
          both(DIRECT)),
        # requests 2.28 to 2.33 (Debian 12 has 2.28) matched plain suffixes and went direct; 2.34 wants a dot.
        s("name that ends in an entry", {**lower, **upper, **listing(HOST)}, both(PROXIED), host="nothf.test"),
        # Issue 15: loopback skips the proxy in every client, as in Go, unless --proxy-loopback.
        s("loopback name", {**lower, **upper}, both(DIRECT), host="localhost"),
        s("loopback address", {**lower, **upper}, both(DIRECT), host="127.0.0.1"),
        s("loopback address, --proxy-loopback", {**lower, **upper},
          both(PROXIED, {"go": (DIRECT, "Go never proxies a loopback address")}),
          hfenv_options=["--proxy-loopback"], host="127.0.0.1", in_readme=False),
        s("localhost listed, 127.0.0.1 asked", {**lower, **upper, **listing("localhost")}, both(DIRECT),
          host="127.0.0.1"),
        # Issue 15: address ranges, which some clients cannot read; an IPv6 range is removed (httpx fails on it).
        s("IPv4 range", {**lower, **upper, **listing("10.0.0.0/8")},
          both(DIRECT, {c: (PROXIED, "reads no address ranges in NO_PROXY") for c in RANGE_BLIND}),
          host=RANGE_ADDRESS),
        s("IPv6 range next to the name", {**lower, **upper, **listing("fd00::/8,hf.test")}, both(DIRECT)),
        # Rule 7: under CGI HTTP_PROXY is dropped and http_proxy kept.
        s("CGI, HTTP_PROXY from a request header", {"REQUEST_METHOD": "GET", "HTTP_PROXY": "{D}"}, both(DIRECT)),
        s("CGI, HTTP_PROXY header next to http_proxy",
          {"REQUEST_METHOD": "GET", "HTTP_PROXY": "{D}", "http_proxy": "{P}", "https_proxy": "{P}"},
          {"http": Expect(PROXIED, {**CGI_HTTP_REASONS, **CGI_REQWEST13}), "https": Expect(PROXIED, CGI_REQWEST13)}),
        # Rule 5: SOCKS where it carries http(s) traffic is refused, unless --allow-socks or --no-xet.
        s("SOCKS in HTTP_PROXY", {"HTTP_PROXY": "{S}"}, both(REFUSED)),
        s("SOCKS in HTTP_PROXY, --allow-socks", {"HTTP_PROXY": "{S}"},
          {"http": Expect(SOCKS, socks), "https": Expect(DIRECT, NO_SOCKSIO)}, hfenv_options=["--allow-socks"],
          in_readme=False),
        s("SOCKS in https_proxy", {"https_proxy": "{S}"}, both(REFUSED)),
        s("SOCKS in https_proxy, --allow-socks", {"https_proxy": "{S}"},
          {"http": Expect(DIRECT, NO_SOCKSIO), "https": Expect(SOCKS, socks)}, hfenv_options=["--allow-socks"],
          in_readme=False),
        s("SOCKS in ALL_PROXY alone", {"ALL_PROXY": "{S}"}, both(REFUSED)),
        s("SOCKS in ALL_PROXY alone, --allow-socks", {"ALL_PROXY": "{S}"}, both(SOCKS, socks),
          hfenv_options=["--allow-socks"], in_readme=False),
        s("SOCKS in ALL_PROXY alone, --no-xet", {"ALL_PROXY": "{S}"}, both(SOCKS, socks),
          hfenv_options=["--no-xet"], in_readme=False),
        # Issue 14: a SOCKS ALL_PROXY beside HTTP proxies for http and https is removed, unless --allow-socks.
        s("Clash: all_proxy=socks5 next to http proxies", {**lower, "all_proxy": "{S}"}, both(PROXIED)),
        s("Clash, upper-case ALL_PROXY", {**upper, "ALL_PROXY": "{S}"}, both(PROXIED), in_readme=False),
        s("Clash, --allow-socks", {**lower, "all_proxy": "{S}"}, both(PROXIED, NO_SOCKSIO),
          hfenv_options=["--allow-socks"], in_readme=False),
        # Rules 1 and 3: values cleaned and completed, or refused.
        s("trailing CR", {"http_proxy": "{P}\r", "https_proxy": "{P}\r"}, both(PROXIED)),
        s("no scheme", {"http_proxy": "{Phostport}", "https_proxy": "{Phostport}"}, both(PROXIED)),
        s("upper-case scheme", {"http_proxy": "HTTP://{Phostport}", "https_proxy": "HTTP://{Phostport}"},
          both(PROXIED)),
        s("junk: port out of range", {"http_proxy": "{P}0000", "https_proxy": "{P}0000"}, both(REFUSED)),
        # Edges: no spelling of a zone, nor %HH in a host name, works in every client (the model's zone and
        # host_escape); P here is tinyproxy reached at [fe80::1%lo] (ZoneRelay) or as %6cocalhost.
        s("IPv6 zone, RFC 6874 (%25)", zoned("{Pzone}"), both(REFUSED)),
        s("IPv6 zone, raw (%)", zoned("{Pzoneraw}"), both(REFUSED)),
        s("%HH in the proxy's host", zoned("{Pescaped}"), both(REFUSED)),
        # --proxy and NAME=VALUE operands set the variables before normalizing.
        s("--proxy over dead variables", dead_all, both(PROXIED), hfenv_options=["--proxy", "{P}"],
          in_readme=False),
        s("NAME=VALUE operands (upper case)", {}, both(PROXIED), operands=["HTTP_PROXY={P}", "HTTPS_PROXY={P}"],
          in_readme=False),
        # Issue 27: an https:// URL for a local proxy, which speaks plain HTTP, as Clash's and V2RayN's ports do: the
        # clients' TLS handshake gets tinyproxy's plain answer. hfenv changes nothing and names the http:// URL.
        s("https:// URL for a plain HTTP proxy", {"http_proxy": "{Ptls}", "https_proxy": "{Ptls}"},
          {"http": Expect(FAILED, ARIA2C_PLAIN), "https": Expect(FAILED, {**PLAIN_TO_AN_HTTPS_PROXY, **ARIA2C_PLAIN})},
          not_predicted="the route model cannot know that a proxy speaks plain HTTP; hfenv warns at exec instead",
          warning="hfenv: warning: https_proxy: a local proxy speaks HTTP, not TLS; write '{Pquick}'"),
    ]


def client_argv(client, url, ca_file, client_dir, venvs=None):
    """The client's command for one GET; ca_file None: no CA option, the client finds its trust itself.
    venvs None (the trust suite): requests is Debian's python3-requests, as it was when that suite was written."""
    def py_get(venv):
        python = os.path.join(venvs, venv, "bin", "python") if venv and venvs else PYTHON
        return [python, "-I", os.path.join(HERE, "py-get.py")]
    ca = ca_file or "-"
    return {
        "curl": ["curl", "-q", "-sS", "--fail", "--max-time", "15", *(["--cacert", ca_file] if ca_file else []), url],
        "git": ["git", *(["-c", f"http.sslCAInfo={ca_file}"] if ca_file else []), "-c", "http.lowSpeedLimit=1",
                "-c", "http.lowSpeedTime=15", "ls-remote", url],
        "wget": ["wget", "--no-config", "-nv", "-O", "-", "--tries=1", "--timeout=15", "--no-hsts",
                 *([f"--ca-certificate={ca_file}"] if ca_file else []), url],
        "aria2c": [os.path.join(HERE, "aria2c-get"), url, ca],
        "urllib": py_get(None) + ["urllib", url, ca],
        "requests": py_get("hf") + ["requests", url, ca],
        "httpx": py_get("hf") + ["httpx", url, ca],
        "httpx-socksio": py_get("socks") + ["httpx", url, ca],
        "huggingface_hub": py_get("hf") + ["huggingface_hub", url, ca],
        "reqwest13": [os.path.join(client_dir, "reqwest13-get"), url, ca],
        "go": [os.path.join(client_dir, "go-get-current"), url, ca],
        "reqwest": [os.path.join(client_dir, "reqwest-get"), url, ca],
    }[client]


def read_pins():
    """tests/clients/pins as {(where, name): version}."""
    pins = {}
    with open(PINS) as f:
        for line in f:
            words = line.split("#", 1)[0].split()
            if words:
                where, name, version = words
                pins[where, name] = version
    return pins


def first_line(argv):
    result = run_one(argv, base_environment(tempfile.gettempdir()))
    lines = (result.stdout or result.stderr).splitlines()
    if result.returncode != 0 or not lines:
        raise Failure(f"{' '.join(argv)} exited {result.returncode}: {result.stderr.strip()}")
    return lines[0]


DISTRIBUTIONS = "import importlib.metadata as m; print('\\n'.join(sorted(f\"{d.name}=={d.version}\" for d in m.distributions()" \
                "if d.name not in ('pip', 'setuptools'))))"


def client_versions(client_dir, venvs):
    """Checks that every pinned client is the pinned version; fills CLIENT_TITLES with names and versions."""
    pins = read_pins()
    for venv in sorted({where.split(":", 1)[1] for where, _ in pins if where.startswith("venv:")}):
        python = os.path.join(venvs, venv, "bin", "python")
        if not os.access(python, os.X_OK):
            raise Failure(f"{python} is missing: tests/clients/make-venvs {venvs} makes it (tests/run does)")
        want = sorted(f"{name}=={version}".lower() for (where, name), version in pins.items() if where == f"venv:{venv}")
        have = sorted(line.lower().replace("_", "-") for line in first_line_all([python, "-I", "-c", DISTRIBUTIONS]))
        if [w.replace("_", "-") for w in want] != have:
            raise Failure(f"{venv} holds {have}, tests/clients/pins says {want}: run tests/clients/make-venvs {venvs}")
    with open(os.path.join(HERE, "reqwest13-get", "Cargo.lock")) as f:
        lock = f.read()
    for (where, name), version in pins.items():
        if where == "cargo" and f'name = "{name}"\nversion = "{version}"\n' not in lock:
            raise Failure(f"reqwest13-get/Cargo.lock does not lock {name} {version} (tests/clients/pins)")
    aria2 = first_line(["aria2c", "--version"])
    if aria2 != f"aria2 version {ARIA2C_VERSION}":
        raise Failure(f"aria2c says {aria2!r}, the harness models aria2 {ARIA2C_VERSION} (Debian 12's)")
    go = first_line([os.path.join(client_dir, "go-get-current"), "--version"])
    if not (go + ".").startswith("go" + pins["go", "go"] + "."):
        raise Failure(f"go-get-current was built by {go}, tests/clients/pins says go {pins['go', 'go']}")
    py = "venv:hf"
    CLIENT_TITLES.update({
        "curl": " ".join(first_line(["curl", "--version"]).split()[:2]),
        "git": first_line(["git", "--version"]).replace(" version", ""),
        "wget": " ".join(first_line(["wget", "--version"]).split()[1:3]),
        "aria2c": "aria2c " + ARIA2C_VERSION,
        "urllib": "urllib (Python " + first_line([PYTHON, "-V"]).split()[1] + ")",
        "requests": f"requests {pins[py, 'requests']}",
        "httpx": f"httpx {pins[py, 'httpx']}",
        "httpx-socksio": f"httpx {pins['venv:socks', 'httpx']} + socksio {pins['venv:socks', 'socksio']}",
        "huggingface_hub": f"huggingface_hub {pins[py, 'huggingface_hub']} (httpx2 {pins[py, 'httpx2']})",
        "reqwest13": f"reqwest {pins['cargo', 'reqwest']} (hf_xet {pins[py, 'hf-xet']}, uv)",
        "go": "Go " + go[2:],
        "reqwest": "reqwest 0.11 (Debian)",
    })


def first_line_all(argv):
    result = run_one(argv, base_environment(tempfile.gettempdir()))
    if result.returncode != 0:
        raise Failure(f"{' '.join(argv)} exited {result.returncode}: {result.stderr.strip()}")
    return result.stdout.splitlines()


class LogTail:
    """The lines a log file gained since the last call."""

    def __init__(self, path):
        self.path, self.offset = path, 0
        self.read()

    def read(self):
        try:
            with open(self.path, "rb") as f:
                f.seek(self.offset)
                data = f.read()
        except FileNotFoundError:
            return []
        self.offset += len(data)
        return data.decode(errors="replace").splitlines()


@dataclass
class Outcome:
    route: str
    detail: str
    names_at_proxy: bool = False  # SOCKS: the client sent the host name, not an address it resolved itself
    stderr: str = ""


def printable(text):
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)


def classify(result, through_hfenv, client, scheme, host, path, port, tails):
    origin = [line.split() for line in tails["origin"].read()]
    origin_peers = {peer for s, peer, p in origin if s == scheme and p == path}
    tiny = [line for line in tails["tinyproxy"].read() + tails["quick"].read() if "Request (file descriptor" in line]
    socks = [line for line in tails["socks"].read() if "connected to" in line]
    # wget, requests and reqwest lower-case the host name in the request line, the others keep HF.TEST.
    request = path + (GIT_REFS if client == "git" else "")
    target = (f"GET http://{host}:{port}{request} " if scheme == "http" else f"CONNECT {host}:{port} ").lower()
    seen = ", ".join(filter(None, [f"origin saw {'/'.join(sorted(origin_peers))}" if origin_peers else "",
                                   "tinyproxy logged it" if tiny else "", "microsocks logged it" if socks else ""]))
    stderr = result.stderr.strip().splitlines()
    message = printable(stderr[-1]) if stderr else ""
    if through_hfenv and result.returncode == 125:
        return Outcome(INCONSISTENT if (origin or tiny or socks) else REFUSED, message)
    if result.returncode != 0:
        return Outcome(FAILED, f"exit {result.returncode}: {message}" + (f" ({seen})" if seen else ""))
    if result.stdout != expected_body(client, scheme):
        return Outcome(INCONSISTENT, f"unexpected body {result.stdout[:80]!r}")
    if len(origin_peers) == 1 and origin_peers <= DIRECT_PEERS and not tiny and not socks:
        return Outcome(DIRECT, seen)
    if origin_peers == {PROXY_PEER} and len(tiny) == 1 and target in tiny[0].lower() and not socks:
        return Outcome(PROXIED, tiny[0].split(": ", 1)[-1])
    if origin_peers == {SOCKS_PEER} and len(socks) == 1 and socks[0].endswith(f":{port}") and not tiny:
        # microsocks logs the destination as the client sent it: an address, or a name it resolved itself.
        return Outcome(SOCKS, socks[0], names_at_proxy=not socks[0].endswith(f"127.0.0.1:{port}"))
    return Outcome(INCONSISTENT, seen or "no server saw the request")


EXPLAIN_TOKENS = {"direct": DIRECT, "fail": FAILED, "refused": REFUSED}
EXPLAIN_TSV_HEADER = ["client", "scheme", "before", "after", "before_text", "after_text", "target"]


def token_route(token, ports):
    """A BEFORE or AFTER field of --explain=tsv as a route: a proxy URL is named by its port."""
    if token in EXPLAIN_TOKENS:
        return EXPLAIN_TOKENS[token]
    host_port = token.split("://", 1)[-1].rpartition("@")[2].split("/")[0]
    port = host_port.rpartition(":")[2]
    return ports.get(int(port), f"unknown proxy {token}") if port.isdigit() else f"unknown proxy {token}"


def explain_routes(hfenv, options, operands, env, servers, urls):
    """hfenv --explain=tsv for the set-up's URLs: {(client, scheme): (route before, route after)}."""
    result = run_one([hfenv, *options, "--explain=tsv", "--", *operands, urls["http"] + "/", urls["https"] + "/"], env)
    if result.returncode not in (0, 1, 125):
        raise Failure(f"hfenv --explain=tsv exited {result.returncode}: {result.stderr.strip()}")
    ports = {servers.proxy_port: PROXIED, servers.socks_port: SOCKS, servers.dead_port: FAILED}
    routes = {}
    header, *lines = result.stdout.splitlines() or [""]
    if header.split("\t") != EXPLAIN_TSV_HEADER:
        raise Failure(f"hfenv --explain=tsv does not start with its header row: {header!r}")
    for line in lines:
        fields = line.split("\t")
        if len(fields) != 7:
            raise Failure(f"hfenv --explain=tsv printed a line without 7 fields: {line!r}")
        if fields[1] in ("trust", "hub"):  # the CA bundles, the Hugging Face block's download hosts
            continue
        routes[fields[0], fields[1]] = (token_route(fields[2], ports), token_route(fields[3], ports))
    missing = sorted({f"{f} {s}" for f in EXPLAIN_FAMILY.values() for s in ("http", "https") if (f, s) not in routes})
    if missing:
        raise Failure(f"hfenv --explain=tsv has no line for {', '.join(missing)}")
    return routes


def run_one(argv, env):
    try:
        return subprocess.run(argv, env=env, capture_output=True, text=True, errors="replace",
                              stdin=subprocess.DEVNULL, timeout=60)
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(argv, -1, "", "timed out after 60 s")


def apply_operands(env, operands):
    env = dict(env)
    for operand in operands:
        name, _, value = operand.partition("=")
        env[name] = value
    return env


def render(template, values):
    return template.format(**values)


def describe(scenario):
    shown = {"P": "http://P", "Phostport": "P", "S": "socks5://S", "D": "http://D", "Ohttp": "PORT",
             "Ohttps": "PORT", "Ptls": "https://P2", "Pquick": "http://P2",
             "Pzone": "http://[fe80::1%25lo]:PORT", "Pzoneraw": "http://[fe80::1%lo]:PORT",
             "Pescaped": "http://%6cocalhost:PORT"}

    def show(template):
        text = render(template, shown)
        return text.replace("\r", "\\r") if text else "''"
    words = [f"{name}={show(value)}" for name, value in scenario.env.items()]
    hfenv_words = [show(o) for o in scenario.hfenv_options + scenario.operands]
    text = " ".join(words) if words else "(nothing set)"
    if hfenv_words:
        text += " + hfenv " + " ".join(hfenv_words)
    if scenario.host != HOST:
        text += f", host {scenario.host}"
    return text


def check_requirements(client_dir, venvs=None):
    for tool in ("curl", "git", "wget", "aria2c", "tinyproxy", "microsocks", "openssl"):
        if shutil.which(tool, path="/usr/bin:/usr/sbin:/bin") is None:
            raise Failure(f"{tool} is missing: install tests/packages")
    for binary in ("reqwest-get", "reqwest13-get", "go-get-current"):
        if not os.access(os.path.join(client_dir, binary), os.X_OK):
            raise Failure(f"{client_dir}/{binary} is missing: the clients.build test builds it")
    if venvs is None:
        CLIENT_TITLES.update({c: c for c in CLIENTS}, requests="requests (Debian)", go="Go (current)")
        if run_one([PYTHON, "-I", "-c", "import requests"], {}).returncode != 0:
            raise Failure("python3-requests is missing: install tests/packages")
    else:
        client_versions(client_dir, venvs)
    for name in TEST_NAMES + ("HF.TEST",):
        addresses = {a[4][0] for a in socket.getaddrinfo(name, 80, proto=socket.IPPROTO_TCP)}
        if addresses != {"127.0.0.1"}:
            raise Failure(f"{name} must resolve to 127.0.0.1 only (through the private /etc/hosts), not {addresses}")


def matrix_workers():
    """Scenarios run this many at a time, each worker with servers of its own: the clients mostly start Python."""
    return max(2, len(os.sched_getaffinity(0)))


def run_scenario(scenario, hfenv, client_dir, venvs, servers, tails, paths):
    """The scenario's two rows (http, https): every client without and through hfenv."""
    values = servers.placeholders()
    env = {**base_environment(servers.home), **{k: render(v, values) for k, v in scenario.env.items()}}
    operands = [render(o, values) for o in scenario.operands]
    options = [render(o, values) for o in scenario.hfenv_options]
    urls = {scheme: f"{scheme}://{scenario.host}:{servers.origin_ports[scheme]}" for scheme in ("http", "https")}
    predicted = None if scenario.not_predicted else explain_routes(hfenv, options, operands, env, servers, urls)
    rows = []
    for scheme in ("http", "https"):
        port = servers.origin_ports[scheme]
        row = {"scenario": scenario, "scheme": scheme, "without": {}, "with": {},
               "predicted": predicted and {c: predicted[EXPLAIN_FAMILY[c], scheme]
                                           for c in CLIENTS if c in EXPLAIN_FAMILY}}
        for client in CLIENTS:
            for mode in ("without", "with"):
                path = next(paths)
                argv = client_argv(client, urls[scheme] + path, servers.ca_file, client_dir, venvs)
                if mode == "with":
                    result = run_one([hfenv, *options, "--", *operands, *argv], env)
                    warning = render(scenario.warning, values)
                    if warning and warning not in result.stderr.splitlines():
                        row.setdefault("unwarned", []).append(f"{client}: {printable(result.stderr.strip())}")
                else:
                    result = run_one(argv, apply_operands(env, operands))
                row[mode][client] = classify(result, mode == "with", client, scheme, scenario.host, path, port,
                                             tails)
                row[mode][client].stderr = result.stderr
        rows.append(row)
    return rows


def run_matrix(hfenv, client_dir, out_dir, venvs):
    check_requirements(client_dir, venvs)
    os.makedirs(out_dir, exist_ok=True)
    only = [name for name in os.environ.get("HFENV_MATRIX_ONLY", "").split(",") if name]
    todo = [s for s in scenarios() if not only or any(name in s.name for name in only)]
    rows_of = [None] * len(todo)
    next_index = iter(range(len(todo)))
    lock = threading.Lock()
    failures = []
    started = time.monotonic()

    # Each worker reads the logs of its own servers only, so a log line is always its own client's.
    def worker(number):
        state_dir = tempfile.mkdtemp(prefix=f"servers-{number}.", dir=out_dir)
        paths = (f"/run-{number}-{n}" for n in range(1, 1 << 30))
        try:
            with Servers(state_dir) as servers:
                servers.home = os.path.join(state_dir, "home")
                os.makedirs(servers.home)
                tails = {"origin": LogTail(servers.origin_log), "tinyproxy": LogTail(servers.tinyproxy_log),
                         "quick": LogTail(servers.quick_log), "socks": LogTail(servers.socks_log)}
                while not failures:
                    with lock:
                        index = next(next_index, None)
                    if index is None:
                        return
                    rows_of[index] = run_scenario(todo[index], hfenv, client_dir, venvs, servers, tails, paths)
        except BaseException as failure:  # the main thread raises it once every worker has stopped
            failures.append(failure)
        finally:
            shutil.rmtree(state_dir, ignore_errors=True)
    threads = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(1, min(matrix_workers(), len(todo)) + 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    rows = [row for scenario_rows in rows_of for row in scenario_rows]
    return rows, sum(len(row["without"]) + len(row["with"]) for row in rows), time.monotonic() - started


def check_rows(rows):
    """Lines naming every cell where hfenv's route is not the intended one."""
    problems = []
    for row in rows:
        expect = getattr(row["scenario"], row["scheme"])
        for client in CLIENTS:
            want, _ = expect.route_for(client)
            got = row["with"][client]
            if got.route != want:
                problems.append(f"{row['scenario'].name} / {row['scheme']} / {client}: "
                                f"through hfenv {got.route}, intended {want} ({got.detail})")
            if got.route == SOCKS and not got.names_at_proxy:
                problems.append(f"{row['scenario'].name} / {row['scheme']} / {client}: through hfenv the client "
                                f"resolved the host name itself, not the SOCKS proxy ({got.detail})")
            if row["without"][client].route == INCONSISTENT:
                problems.append(f"{row['scenario'].name} / {row['scheme']} / {client}: "
                                f"without hfenv the servers' logs disagree ({row['without'][client].detail})")
        problems += aria2c_says_it_drops_socks(row)
        problems += [f"{row['scenario'].name} / {row['scheme']} / through hfenv, no warning "
                     f"'{row['scenario'].warning}': {unwarned}" for unwarned in row.get("unwarned", [])]
    return problems


def aria2c_says_it_drops_socks(row):
    """aria2c drops a SOCKS URL in a variable it reads, and says so on stderr (it is not silent)."""
    scenario, outcome = row["scenario"], row["without"]["aria2c"]
    socks = any("{S}" in scenario.env.get(name, "") for name in ("http_proxy", "https_proxy", "all_proxy"))
    if socks and "unrecognized proxy format" not in outcome.stderr:
        return [f"{scenario.name} / {row['scheme']} / aria2c: without hfenv no 'unrecognized proxy format' "
                f"for a SOCKS value: {printable(outcome.stderr.strip())!r}"]
    return []


def check_predictions(rows):
    """Lines naming every route that hfenv --explain predicted wrong, without or through hfenv."""
    problems = []
    for row in rows:
        if row["predicted"] is None:
            continue
        for client, predictions in row["predicted"].items():
            for mode, predicted in zip(("without", "with"), predictions):
                observed = row[mode][client]
                if predicted != observed.route:
                    problems.append(f"{row['scenario'].name} / {row['scheme']} / {client} {mode} hfenv: "
                                    f"--explain predicted {predicted}, the client took {observed.route} "
                                    f"({observed.detail})")
    return problems


def prediction_summary(rows):
    compared = [r for r in rows if r["predicted"] is not None]
    right = sum(r["predicted"][c][i] == r[mode][c].route for r in compared for c in r["predicted"]
                for i, mode in enumerate(("without", "with")))
    skipped = sorted({(r["scenario"].name, r["scenario"].not_predicted) for r in rows if r["predicted"] is None})
    unmodelled = [CLIENT_TITLES[c] for c in CLIENTS if c not in EXPLAIN_FAMILY]
    lines = [f"hfenv --explain=tsv predicted {right} of {len(compared) * len(EXPLAIN_FAMILY) * 2} routes "
             f"(BEFORE: without hfenv, AFTER: through hfenv) in {len(compared)} rows."]
    if unmodelled:
        lines.append(f"No --explain family yet: {', '.join(unmodelled)}.")
    lines += [f"Not compared: {name}: {why}." for name, why in skipped]
    return lines


def name_resolution_summary(rows):
    """Where each client resolved host names through SOCKS: the proof for writing socks5:// as socks5h://."""
    lines = []
    for mode, spelling in (("without", "socks5://"), ("with", "socks5h:// (hfenv)")):
        by_place = {True: set(), False: set()}
        for row in rows:
            for client in CLIENTS:
                outcome = row[mode][client]
                if outcome.route == SOCKS:
                    by_place[outcome.names_at_proxy].add(CLIENT_TITLES[client])
        lines.append(f"SOCKS with {spelling}: host names resolved at the proxy by "
                     f"{', '.join(sorted(by_place[True])) or 'none'}; by the client itself: "
                     f"{', '.join(sorted(by_place[False])) or 'none'}.")
    return lines


def agreement(outcomes):
    return len({outcomes[c].route for c in CLIENTS}) == 1


def markdown_table(rows, modes, with_intended):
    head = ["set-up", "proxy environment", "URL"] + [CLIENT_TITLES[c] for c in CLIENTS]
    if with_intended:
        head.append("intended (rules of issue 2)")
    head.append("all agree")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in rows:
        scenario = row["scenario"]
        cells = [scenario.name, "`" + describe(scenario).replace("|", "\\|") + "`", row["scheme"]]
        for client in CLIENTS:
            text = " → ".join(row[m][client].route for m in modes)
            if with_intended and getattr(scenario, row["scheme"]).route_for(client)[1]:
                text += " *"
            cells.append(text)
        if with_intended:
            cells.append(getattr(scenario, row["scheme"]).route)
        cells.append("yes" if agreement(row[modes[-1]]) else "**no**")
        lines.append("| " + " | ".join(cells) + " |")
    return lines


LEGEND = ("P: tinyproxy on 127.0.0.1; P2: another, which answers a client silent for 1 s; S: microsocks on 127.0.0.1; "
          "D: a closed port on 127.0.0.1. "
          "URLs: http://HOST:port/ and https://HOST:port/, HOST hf.test unless the set-up names another; "
          "the private /etc/hosts maps every name to 127.0.0.1, where the origins listen (and on 10.1.2.3). "
          "proxied: tinyproxy logged the request and the origin saw tinyproxy's address; socks: same for "
          "microsocks; direct: only the origin saw it; failed: the client exited non-zero; refused: hfenv "
          "exited 125 before running anything. \"+ hfenv ...\": hfenv's options and NAME=VALUE operands (the run "
          "without hfenv gets the operands' variables too).")


def readme_table(rows):
    """Without hfenv only, one row per environment: "http / https" where the two URLs differ."""
    head = ["set-up", "environment"] + [CLIENT_TITLES[c] for c in CLIENTS] + ["all agree"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    by_scenario = {}
    for row in rows:
        if row["scenario"].in_readme:
            by_scenario.setdefault(row["scenario"].name, []).append(row)
    agreed = 0
    for name, (http_row, https_row) in by_scenario.items():
        cells = [name, "`" + describe(http_row["scenario"]).replace("|", "\\|") + "`"]
        for client in CLIENTS:
            routes = [http_row["without"][client].route, https_row["without"][client].route]
            cells.append(routes[0] if routes[0] == routes[1] else " / ".join(routes))
        agree = agreement(http_row["without"]) and agreement(https_row["without"])
        agreed += agree
        cells.append("yes" if agree else "**no**")
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(f"All {len(CLIENTS)} clients took the same route in {agreed} of {len(by_scenario)} set-ups.")
    return lines


def write_reports(rows, out_dir, runs, elapsed):
    both_modes = markdown_table(rows, ("without", "with"), True)
    reasons = sorted({(c, why) for row in rows for c in CLIENTS
                      for why in [getattr(row["scenario"], row["scheme"]).route_for(c)[1]] if why})
    notes = [f"- `*` {CLIENT_TITLES[c]}: {why}" for c, why in reasons]
    agreed_without = sum(agreement(r["without"]) for r in rows)
    agreed_with = sum(agreement(r["with"]) for r in rows)
    summary = (f"{len(rows)} rows x {len(CLIENTS)} clients, {runs} runs in {elapsed:.0f} s. All clients agreed "
               f"in {agreed_without} of {len(rows)} rows without hfenv, in {agreed_with} with hfenv "
               f"(the rest are the starred cells, which the rules cannot change).")
    with open(os.path.join(out_dir, "matrix.md"), "w") as f:
        f.write("# Routes without → through hfenv\n\n" + LEGEND + "\n\n" + "\n".join(both_modes) + "\n\n"
                + "\n".join(notes) + "\n\n" + summary + "\n\n" + "\n".join(prediction_summary(rows)) + "\n\n"
                + "\n".join(name_resolution_summary(rows)) + "\n")
    with open(os.path.join(out_dir, "matrix-without-hfenv.md"), "w") as f:
        f.write("\n".join(readme_table(rows)) + "\n")
    with open(os.path.join(out_dir, "matrix-details.txt"), "w") as f:
        for row in rows:
            for mode in ("without", "with"):
                for client in CLIENTS:
                    o = row[mode][client]
                    predicted = row["predicted"][client][mode == "with"] if client in (row["predicted"] or {}) else "-"
                    f.write(f"{row['scenario'].name} | {row['scheme']} | {mode} hfenv | {client}: "
                            f"{o.route} (--explain: {predicted}): {o.detail}\n")
    return both_modes, notes, summary


def enter_private_namespace(argv, out_dir):
    """Runs argv again in a mount and network namespace of its own; returns its exit status."""
    if shutil.which("unshare") is None or shutil.which("ip", path="/usr/sbin:/sbin:/usr/bin:/bin") is None:
        raise Failure("unshare or ip is missing: install tests/packages (util-linux, iproute2)")
    user_namespace = [] if os.geteuid() == 0 else ["--user", "--map-root-user"]
    env = {**os.environ, PRIVATE_NAMESPACE: os.path.abspath(out_dir)}
    return subprocess.run(["unshare", *user_namespace, "--mount", "--net", "--", PYTHON, "-I", *argv],
                          env=env).returncode


def set_up_private_namespace(out_dir):
    """The private /etc/hosts and lo, with RANGE_ADDRESS; only ever called inside the new namespaces."""
    os.makedirs(out_dir, exist_ok=True)
    hosts = os.path.join(out_dir, "hosts")
    with open(hosts, "w") as f:
        f.write(f"127.0.0.1 {' '.join(TEST_NAMES)}\n")
    ip = shutil.which("ip", path="/usr/sbin:/sbin:/usr/bin:/bin")
    for argv in (["mount", "--bind", hosts, "/etc/hosts"], [ip, "link", "set", "lo", "up"],
                 [ip, "address", "add", f"{RANGE_ADDRESS}/32", "dev", "lo"],
                 [ip, "-6", "address", "add", f"{ZONE_ADDRESS}/64", "dev", "lo", "nodad"]):
        run_checked(argv)


def command_matrix(hfenv, client_dir, out_dir, venvs):
    if os.environ.get(PRIVATE_NAMESPACE) != os.path.abspath(out_dir):
        return enter_private_namespace([os.path.abspath(__file__), "matrix", hfenv, client_dir, out_dir, venvs],
                                       out_dir)
    set_up_private_namespace(out_dir)
    rows, runs, elapsed = run_matrix(os.path.abspath(hfenv), os.path.abspath(client_dir), out_dir,
                                     os.path.abspath(venvs))
    table, notes, summary = write_reports(rows, out_dir, runs, elapsed)
    print(LEGEND + "\nEach cell: route without hfenv → route through hfenv.\n")
    print("\n".join(table) + "\n\n" + "\n".join(notes) + "\n\n" + summary)
    print("\n".join(prediction_summary(rows)))
    print("\n".join(name_resolution_summary(rows)))
    print(f"Written: {out_dir}/matrix.md, matrix-without-hfenv.md, matrix-details.txt")
    problems = check_rows(rows)
    if problems:
        print(f"\n{len(problems)} cells are not what the rules intend:\n" + "\n".join(problems))
    mispredicted = check_predictions(rows)
    if mispredicted:
        print(f"\n{len(mispredicted)} routes differ from hfenv --explain's prediction:\n" + "\n".join(mispredicted))
    return 1 if problems or mispredicted else 0


XET_CHECK = ("import os, sys; value = os.environ.get('HF_HUB_DISABLE_XET', ''); "
             # huggingface_hub.constants._is_true
             "print(repr(value)); sys.exit(0 if value.upper() in {'1', 'ON', 'YES', 'TRUE'} else 1)")


def command_xet(hfenv):
    cases = [  # (what, extra environment, hfenv options, Xet disabled?)
        ("plain hfenv leaves Xet on", {}, [], False),
        ("hfenv --no-xet", {}, ["--no-xet"], True),
        ("hfenv -x over HF_HUB_DISABLE_XET=0", {"HF_HUB_DISABLE_XET": "0"}, ["-x"], True),
        ("HFENV_NO_XET=yes", {"HFENV_NO_XET": "yes"}, [], True),
    ]
    failed = 0
    for what, extra, options, disabled in cases:
        env = {**base_environment(tempfile.gettempdir()), **extra}
        result = run_one([hfenv, *options, PYTHON, "-I", "-c", XET_CHECK], env)
        seen = result.returncode == 0
        ok = result.returncode in (0, 1) and seen == disabled
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {what}: huggingface_hub would see HF_HUB_DISABLE_XET="
              f"{result.stdout.strip()} -> Xet {'disabled' if seen else 'enabled'} {result.stderr.strip()}")
    return 1 if failed else 0


HUB_CONSTANTS = ("import sys; from huggingface_hub import constants as c, __version__ as v; "
                 "print(v, c.HF_HUB_OFFLINE, c.HF_HUB_DISABLE_TELEMETRY, c.ENDPOINT)")


def command_hub(hfenv, venvs):
    """Names huggingface_hub reads beside its own (TRANSFORMERS_OFFLINE, DO_NOT_TRACK) and HUGGINGFACE_CO_STAGING."""
    python = os.path.join(venvs, "hf", "bin", "python")
    version = read_pins()["venv:hf", "huggingface_hub"]
    cases = [  # (extra environment, (offline, telemetry off, endpoint) without hfenv, the same through it)
        ({"TRANSFORMERS_OFFLINE": "y"}, ("False", "False", "https://huggingface.co"),
         ("True", "False", "https://huggingface.co")),
        ({"DO_NOT_TRACK": " 1"}, ("False", "False", "https://huggingface.co"),
         ("False", "True", "https://huggingface.co")),
        ({"DISABLE_TELEMETRY": "yes"}, ("False", "True", "https://huggingface.co"),
         ("False", "True", "https://huggingface.co")),
        ({"HUGGINGFACE_CO_STAGING": "1", "HF_ENDPOINT": "https://hf-mirror.com"},
         ("False", "False", "https://hub-ci.huggingface.co"), ("False", "False", "https://hub-ci.huggingface.co")),
    ]
    failed = 0
    for extra, without, through in cases:
        env = {**base_environment(tempfile.gettempdir()), **extra}
        for argv, want in (([python, "-I", "-c", HUB_CONSTANTS], without),
                           ([hfenv, "-q", python, "-I", "-c", HUB_CONSTANTS], through)):
            result = run_one(argv, env)
            got = tuple(result.stdout.split())
            ok = result.returncode == 0 and got == (version, *want)
            failed += not ok
            print(f"{'ok  ' if ok else 'FAIL'} {extra} {'through hfenv' if argv[0] == hfenv else 'without it'}: "
                  f"offline, telemetry off, endpoint = {got[1:] or result.stderr.strip()}"
                  + ("" if ok else f", expected {want} from huggingface_hub {version}"))
        explained = run_one([hfenv, "--explain=tsv"], env).stdout
        hub_targets = {line.split("\t")[6] for line in explained.splitlines() if "\thub\t" in line}
        endpoint = through[2].replace("https://", "")
        ok = any(target.startswith(f"https://{endpoint}:") for target in hub_targets)
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {extra} hfenv --explain names the endpoint {endpoint}: {sorted(hub_targets)}")
    return 1 if failed else 0


def children_of(pid):
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    stat = f.read()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry))
    return found


def command_pid1(hfenv):
    work = tempfile.mkdtemp(prefix="hfenv-pid1.")
    script = ('trap \'echo TERM > "$1/signal"; exit 42\' TERM; echo "$$ $(cat /proc/1/comm)" > "$1/ready.tmp"; '
              'mv "$1/ready.tmp" "$1/ready"; sleep 600 & wait')
    # Without root, a user namespace lends the capabilities a PID namespace needs.
    user_namespace = [] if os.geteuid() == 0 else ["--user", "--map-root-user"]
    argv = ["unshare", *user_namespace, "--pid", "--fork", "--mount-proc",
            hfenv, "--", "sh", "-c", script, "sh", work]
    process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, preexec_fn=die_with_parent,
                               env=base_environment(work))
    try:
        deadline = time.monotonic() + START_DEADLINE
        while not os.path.exists(os.path.join(work, "ready")):
            if process.poll() is not None or time.monotonic() > deadline:
                raise Failure(f"the command did not start under unshare (exit {process.poll()})")
            time.sleep(0.05)
        with open(os.path.join(work, "ready")) as f:
            pid_inside, comm = f.read().split()
        namespace_init = children_of(process.pid)
        if len(namespace_init) != 1:
            raise Failure(f"unshare should have exactly one child, found {namespace_init}")
        os.kill(namespace_init[0], signal.SIGTERM)
        status = process.wait(timeout=60)
        got_signal = os.path.exists(os.path.join(work, "signal"))
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
        shutil.rmtree(work, ignore_errors=True)
    checks = [
        (pid_inside == "1", f"the command's $$ is {pid_inside} (want 1)"),
        (comm == "sh", f"PID 1 is {comm!r}, the command itself: hfenv exec'd without forking (want 'sh')"),
        (got_signal, "SIGTERM sent to the namespace's PID 1 from outside reached the command's trap"),
        (status == 42, f"unshare (the container) exited {status}, the command's own status (want 42)"),
    ]
    for ok, text in checks:
        print(f"{'ok  ' if ok else 'FAIL'} {text}")
    return 0 if all(ok for ok, _ in checks) else 1


# Which CA bundle variables each client reads on Debian 12, and whether a bundle replaces its roots
# (REPLACES) or it still looks in the system's store /etc/ssl/certs as well (ADDS). One line per client.
REPLACES, ADDS = "replaces", "adds"
TRUST_CLIENTS = {
    "curl": (("CURL_CA_BUNDLE", "SSL_CERT_FILE"), ADDS),
    "git": (("GIT_SSL_CAINFO",), ADDS),
    "wget": ((), None),
    "aria2c": ((), None),
    "urllib": (("SSL_CERT_FILE",), ADDS),
    "requests": (("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"), REPLACES),
    "reqwest": (("SSL_CERT_FILE",), ADDS),
    "go": (("SSL_CERT_FILE",), ADDS),
}
TRUST_UNREAD = {
    "wget": "Debian's wget (GnuTLS) reads its CA file from wgetrc (ca_certificate) or --ca-certificate, "
            "no variable",
    "aria2c": "Debian's aria2c (GnuTLS) reads its CA file from aria2.conf (ca-certificate) or --ca-certificate, "
              "no variable",
}
VERIFIED = "verified"
CERTIFICATE_ERROR = re.compile(r"certificat|x509|issuer", re.IGNORECASE)


@dataclass
class TrustSetUp:
    name: str
    env: dict
    hfenv_options: list = field(default_factory=list)
    store: bool = False  # the system's store holds the test CA, the bundle another CA: replaces or adds?


def trust_set_ups():
    return [
        TrustSetUp("nothing set", {}),
        TrustSetUp("classic: REQUESTS_CA_BUNDLE only", {"REQUESTS_CA_BUNDLE": "{CA}"}),
        TrustSetUp("SSL_CERT_FILE only", {"SSL_CERT_FILE": "{CA}"}),
        TrustSetUp("CURL_CA_BUNDLE only", {"CURL_CA_BUNDLE": "{CA}"}),
        TrustSetUp("GIT_SSL_CAINFO only", {"GIT_SSL_CAINFO": "{CA}"}),
        TrustSetUp("empty SSL_CERT_FILE next to REQUESTS_CA_BUNDLE", {"SSL_CERT_FILE": "", "REQUESTS_CA_BUNDLE": "{CA}"}),
        TrustSetUp("--ca-bundle", {}, ["--ca-bundle", "{CA}"]),
        TrustSetUp("HFENV_CA_BUNDLE", {"HFENV_CA_BUNDLE": "{CA}"}),
        TrustSetUp("test CA in the system's store, --ca-bundle another CA", {}, ["--ca-bundle", "{OTHER}"], store=True),
    ]


def trust_expected(client, set_up, through_hfenv):
    """VERIFIED or FAILED, from the client's line in TRUST_CLIENTS."""
    reads, mode = TRUST_CLIENTS[client]
    if set_up.store:
        # Without hfenv nothing is set: every client takes the system's store, which holds the test CA.
        return VERIFIED if not through_hfenv or not reads or mode == ADDS else FAILED
    bundle_given = bool(set_up.hfenv_options) or "HFENV_CA_BUNDLE" in set_up.env
    set_names = {name for name, value in set_up.env.items() if value and name != "HFENV_CA_BUNDLE"}
    if through_hfenv:
        return VERIFIED if reads and (set_names or bundle_given) else FAILED
    return VERIFIED if set_names & set(reads) else FAILED


def with_store(argv, store):
    """argv in a private mount namespace whose /etc/ssl/certs is store (a user namespace lends the right)."""
    user_namespace = [] if os.geteuid() == 0 else ["--user", "--map-root-user"]
    return ["unshare", *user_namespace, "--mount", "sh", "-c", 'mount --bind "$0" /etc/ssl/certs && exec "$@"',
            store, *argv]


def make_store(servers):
    """A copy of /etc/ssl/certs that trusts the test CA only, and a second CA that signed nothing."""
    d = servers.dir
    run_checked(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                 "-keyout", "other.key", "-out", "other.pem", "-days", "2", "-subj", "/CN=hfenv other CA"], cwd=d)
    store = os.path.join(d, "store")
    os.makedirs(store)
    shutil.copy(servers.ca_file, os.path.join(store, "ca-certificates.crt"))
    shutil.copy(servers.ca_file, os.path.join(store, "hfenv-test-ca.pem"))
    subject_hash = run_checked(["openssl", "x509", "-hash", "-noout", "-in", servers.ca_file]).stdout.strip()
    os.symlink("hfenv-test-ca.pem", os.path.join(store, f"{subject_hash}.0"))
    return store, os.path.join(d, "other.pem")


def classify_trust(result, through_hfenv, client, route, path, port, tails):
    outcome = classify(result, through_hfenv, client, "https", HOST, path, port, tails)
    if outcome.route == route:
        return Outcome(VERIFIED, outcome.detail)
    if outcome.route == FAILED and not CERTIFICATE_ERROR.search(result.stderr):
        return Outcome(INCONSISTENT, f"failed, but not on the certificate: {outcome.detail}")
    return outcome


def run_trust(hfenv, client_dir, out_dir):
    check_requirements(client_dir)
    os.makedirs(out_dir, exist_ok=True)
    state_dir = tempfile.mkdtemp(prefix="trust.", dir=out_dir)
    rows = []
    try:
        with Servers(state_dir) as servers:
            store, other_ca = make_store(servers)
            values = {**servers.placeholders(), "CA": servers.ca_file, "OTHER": other_ca}
            tails = {"origin": LogTail(servers.origin_log), "tinyproxy": LogTail(servers.tinyproxy_log),
                     "quick": LogTail(servers.quick_log), "socks": LogTail(servers.socks_log)}
            home = os.path.join(state_dir, "home")
            os.makedirs(home)
            port = servers.origin_ports["https"]
            run_number = 0
            for set_up in trust_set_ups():
                for route, proxy_env in ((DIRECT, {}), (PROXIED, {"https_proxy": values["P"]})):
                    env = {**base_environment(home), **proxy_env,
                           **{k: render(v, values) for k, v in set_up.env.items()}}
                    options = [render(o, values) for o in set_up.hfenv_options]
                    row = {"set_up": set_up, "route": route, "without": {}, "with": {}}
                    for client in TRUST_CLIENTS:
                        for mode in ("without", "with"):
                            run_number += 1
                            path = f"/trust-{run_number}"
                            argv = client_argv(client, f"https://{HOST}:{port}{path}", None, client_dir)
                            if mode == "with":
                                argv = [hfenv, *options, "--", *argv]
                            if set_up.store:
                                argv = with_store(argv, store)
                            result = run_one(argv, env)
                            row[mode][client] = classify_trust(result, mode == "with", client, route, path, port,
                                                               tails)
                    rows.append(row)
    finally:
        shutil.rmtree(state_dir, ignore_errors=True)
    return rows


def trust_table(rows):
    head = ["set-up", "route"] + [CLIENT_TITLES[c] for c in TRUST_CLIENTS]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in rows:
        set_up = row["set_up"]
        words = [f"{k}={v or chr(39) * 2}" for k, v in set_up.env.items()] + set_up.hfenv_options
        name = set_up.name + (f" (`{' '.join(words)}`)" if words else "")
        cells = [name, row["route"]] + [f"{row['without'][c].route} → {row['with'][c].route}" for c in TRUST_CLIENTS]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def command_trust(hfenv, client_dir, out_dir):
    if os.environ.get(PRIVATE_NAMESPACE) != os.path.abspath(out_dir):
        return enter_private_namespace([os.path.abspath(__file__), "trust", hfenv, client_dir, out_dir], out_dir)
    set_up_private_namespace(out_dir)
    rows = run_trust(os.path.abspath(hfenv), os.path.abspath(client_dir), out_dir)
    table = trust_table(rows)
    notes = [f"- {CLIENT_TITLES[c]}: {why}" for c, why in TRUST_UNREAD.items()]
    legend = ("Each cell: without hfenv → through hfenv. verified: the client verified the origin's certificate "
              "(made by the test's CA) and the request took the route; failed: a certificate error. CA: the test "
              "CA's file; OTHER: a CA that signed nothing. The last set-up runs in a mount namespace whose "
              "/etc/ssl/certs trusts the test CA only: a client that still verifies through hfenv adds the bundle "
              "to the system's store, one that fails replaces its roots with it.")
    with open(os.path.join(out_dir, "trust.md"), "w") as f:
        f.write("# Trust without → through hfenv\n\n" + legend + "\n\n" + "\n".join(table) + "\n\n"
                + "\n".join(notes) + "\n")
    print(legend + "\n\n" + "\n".join(table) + "\n\n" + "\n".join(notes))
    problems = []
    for row in rows:
        for client in TRUST_CLIENTS:
            for mode in ("without", "with"):
                want = trust_expected(client, row["set_up"], mode == "with")
                got = row[mode][client]
                if got.route != want:
                    problems.append(f"{row['set_up'].name} / {row['route']} / {client} {mode} hfenv: {got.route}, "
                                    f"expected {want} ({got.detail})")
    if problems:
        print(f"\n{len(problems)} cells are not what TRUST_CLIENTS says:\n" + "\n".join(problems))
    return 1 if problems else 0


def main(argv):
    install_signal_handlers()
    empty_environment(("HFENV_MATRIX_ROWS", "HFENV_MATRIX_ONLY", PRIVATE_NAMESPACE))
    commands = {"matrix": (command_matrix, 4), "xet": (command_xet, 1), "pid1": (command_pid1, 1), "hub": (command_hub, 2),
                "trust": (command_trust, 3), "origin": (serve_origins, 1)}
    if len(argv) < 2 or argv[1] not in commands or len(argv) - 2 != commands[argv[1]][1]:
        print(__doc__, file=sys.stderr)
        return 2
    if argv[1] == "origin":
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    try:
        return commands[argv[1]][0](*argv[2:]) or 0
    except Failure as failure:
        print(f"harness: {failure}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
