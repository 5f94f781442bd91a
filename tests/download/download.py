"""The seed's download, end to end, with direct egress blocked (issue 14, item 3).

    download.py venv VENV_DIR PINS                   (CTest fixture) a venv holding exactly the pinned clients
    download.py test HFENV VENV_PYTHON PINS STATE_DIR    (CTest; run as root with Debian's python3)
    download.py inner HFENV VENV_PYTHON STATE_DIR    (internal) the same, inside its own net+mount namespace
    download.py capture OUT                          (internal) records TCP connection attempts in the client's netns

The test first enters a network and mount namespace of its own (unshare), so nothing it does touches the
machine's network: there it brings up lo, runs the loopback Hub and CAS (origin.py) on 127.0.0.1, and
tinyproxy on PROXY_ADDR, the outer end of a veth pair whose inner end is the only link of the client's
network namespace (ip netns). In that namespace hub.test, cas.hf.test and transfer.hf.test resolve to
127.0.0.1 (a private /etc/hosts), where nothing listens: a client that skips the proxy is refused.

Each request is classified by its route from three observers: the origin's log (peer PROXY_PEER, tinyproxy's
Bind address, means through the proxy), tinyproxy's log (one CONNECT line per tunnel) and a packet capture in
the client's namespace (a SYN to 127.0.0.1 is a direct attempt, answered by a reset: refused). Requests are
attributed to httpx or hf_xet by hf_xet's x-xet-session-id header at the origin, and connection attempts by
time: hf_xet starts after huggingface_hub's last httpx request (client.py marks the moment).
"""
import ctypes
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import time
from dataclasses import dataclass, field

PYTHON = "/usr/bin/python3"
HERE = os.path.dirname(os.path.abspath(__file__))
NETNS = f"hfenv-download-{os.getpid()}"
PROXY_ADDR, CLIENT_ADDR, PREFIX = "10.200.14.1", "10.200.14.2", 30
PROXY_PORT, DEAD_PROXY_PORT, SOCKS_PORT = 8888, 3128, 7890
PROXY_PEER = "127.0.0.3"
NAMES = {"hub": "hub.test", "cas": "cas.hf.test", "transfer": "transfer.hf.test", "mirror": "mirror.test"}
PORTS = {"hub": 443, "cas": 4443, "transfer": 4444, "mirror": 8443}
# The mirror listens where the client's namespace reaches it directly: the proxy's side of the veth.
ADDRESSES = {"hub": "127.0.0.1", "cas": "127.0.0.1", "transfer": "127.0.0.1", "mirror": PROXY_ADDR}
ROLE_BY_PORT = {port: role for role, port in PORTS.items()}
REPO, FILENAME, COMMIT = "seed/model", "model.safetensors", "5eed" * 10
FILE_SIZE, CHUNK_SIZE = 300_000, 64 * 1024
START_DEADLINE, CLIENT_DEADLINE = 20.0, 120.0
REQUIRED_TOOLS = ("ip", "unshare", "mount", "tinyproxy", "openssl")

PROXY, DIRECT, STALE = "proxy", "direct", "stale proxy"
HTTPX, XET = "httpx", "hf_xet"


class Failure(Exception):
    pass


def die_with_parent():
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def run_checked(argv, **kwargs):
    result = subprocess.run(argv, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise Failure(f"{' '.join(argv)} exited {result.returncode}: {result.stderr.strip()}")
    return result


# What a complete download asks for: (client, method, role of the host).
XET_REQUESTS = {("httpx", "HEAD", "hub"), ("httpx", "GET", "hub"), ("hf_xet", "GET", "hub"), ("hf_xet", "GET", "cas"),
                ("hf_xet", "GET", "transfer")}


@dataclass
class Expect:
    routes: dict                    # client -> the set of routes its requests take
    completed: bool                 # the download finishes and the bytes match
    error: str = ""                 # a part of the error message when it does not
    note: str = ""                  # why, when it is not what hfenv should end up doing
    requests: set = field(default_factory=lambda: set(XET_REQUESTS))  # what a complete download asks for
    absent: str = ""                # no request path holds this
    present: str = ""               # some request path holds this
    refused: bool = False           # the Hub answered 401 (the token it was sent is not the one it knows)


@dataclass
class Scenario:
    name: str
    env: dict
    without: Expect
    through: Expect = None          # None: not run through hfenv
    xet_token: bool = True          # the Hub serves xet-read-token (a mirror may not)
    token: str = ""                 # the Hub answers 401 to a request without this token


def p(port=PROXY_PORT, scheme="http"):
    return f"{scheme}://{PROXY_ADDR}:{port}"


ALL_PROXY = {HTTPX: {PROXY}, XET: {PROXY}}
COMPLETE = Expect(ALL_PROXY, True)
SOCKS_IMPORT_ERROR = "socksio"

# The Hub's own settings as a .env file, a copied command or a guide leaves them (issue 19).
WITH_PROXY = {"https_proxy": p()}
XET_OFF = Expect({HTTPX: {PROXY}, XET: set()}, True, requests={(HTTPX, "HEAD", "hub"), (HTTPX, "GET", "transfer")},
                 absent="xet-read-token")
HUB_TOKEN = "hf_hfenvDownloadTestToken0123456789"
MIRROR_REQUESTS = {(c, m, "mirror" if role == "hub" else role) for c, m, role in XET_REQUESTS}
HUB_SCENARIOS = [
    Scenario("HF_ENDPOINT followed by a CR", {**WITH_PROXY, "HF_ENDPOINT": "https://hub.test\r"},
             Expect({HTTPX: set(), XET: set()}, False, "InvalidURL"), COMPLETE),
    Scenario("HF_ENDPOINT without a scheme", {**WITH_PROXY, "HF_ENDPOINT": "hub.test"},
             Expect({HTTPX: set(), XET: set()}, False, "UnsupportedProtocol"), COMPLETE),
    # No error at import: the blank reaches the proxy's CONNECT line ("hub.test :443"), which tinyproxy refuses.
    Scenario("HF_ENDPOINT with a trailing blank", {**WITH_PROXY, "HF_ENDPOINT": "https://hub.test "},
             Expect({HTTPX: set(), XET: set()}, False, "ProxyError"), COMPLETE),
    # The reason users set it: a Hub (a mirror) that does not serve xet-read-token.
    Scenario("HF_HUB_DISABLE_XET=1 followed by a CR, Hub without xet-read-token",
             {**WITH_PROXY, "HF_HUB_DISABLE_XET": "1\r"},
             Expect({HTTPX: {PROXY}, XET: set()}, False, note="the Hub reads '1\\r' as false: Xet stays on"),
             XET_OFF, xet_token=False),
    Scenario("empty HF_HUB_DOWNLOAD_TIMEOUT", {**WITH_PROXY, "HF_HUB_DOWNLOAD_TIMEOUT": ""},
             Expect({HTTPX: set(), XET: set()}, False, "ValueError"), COMPLETE),
    # The name copied advice gives (issue 27): nothing reads it, so Xet stays on without hfenv.
    Scenario("HF_HUB_DISABLE_XETHUB=1, the name copied advice gives", {**WITH_PROXY, "HF_HUB_DISABLE_XETHUB": "1"},
             Expect(ALL_PROXY, True, present="xet-read-token", note="nothing reads HF_HUB_DISABLE_XETHUB: Xet stays on"),
             XET_OFF),
    # docker --env-file and systemd keep the quotes: huggingface_hub sends them in the Authorization header.
    Scenario("HF_TOKEN in quotes, as docker --env-file leaves it", {**WITH_PROXY, "HF_TOKEN": f'"{HUB_TOKEN}"'},
             Expect({HTTPX: {PROXY}, XET: set()}, False, "401", refused=True),
             Expect(ALL_PROXY, True, present="xet-read-token"), token=HUB_TOKEN),
    Scenario("mirror as guides print it, listed in NO_PROXY; Xet storage through the proxy",
             {**WITH_PROXY, "HF_ENDPOINT": "mirror.test:8443/", "NO_PROXY": "mirror.test"},
             Expect({HTTPX: set(), XET: set()}, False, "UnsupportedProtocol"),
             Expect({HTTPX: {DIRECT}, XET: {DIRECT, PROXY}}, True, requests=MIRROR_REQUESTS)),
]

SCENARIOS = [
    Scenario("no proxy variable (egress blocked: every client is refused)", {},
             Expect({HTTPX: {DIRECT}, XET: set()}, False, "LocalEntryNotFoundError")),
    Scenario("seed: https_proxy only, HTTPS_PROXY empty", {"https_proxy": p(), "HTTPS_PROXY": ""},
             Expect({HTTPX: {PROXY}, XET: {DIRECT}}, False), COMPLETE),
    Scenario("one spelling: https_proxy only", {"https_proxy": p()}, COMPLETE, COMPLETE),
    # Python's urllib reads any letter case, hf_xet only the exact names (issue 27).
    Scenario("Https_Proxy, a spelling only Python reads", {"Https_Proxy": p()},
             Expect({HTTPX: {PROXY}, XET: {DIRECT}}, False), COMPLETE),
    Scenario("stale upper-case HTTPS_PROXY beside https_proxy",
             {"https_proxy": p(), "HTTPS_PROXY": p(DEAD_PROXY_PORT)},
             Expect({HTTPX: {PROXY}, XET: {STALE}}, False), COMPLETE),
    # hfenv removes a SOCKS ALL_PROXY beside HTTP proxies that cover http and https (httpx fails at start on it).
    Scenario("Clash's triple: http_proxy, https_proxy, all_proxy=socks5://",
             {"http_proxy": p(), "https_proxy": p(), "all_proxy": p(SOCKS_PORT, "socks5")},
             Expect({HTTPX: set(), XET: set()}, False, SOCKS_IMPORT_ERROR), COMPLETE),
    *HUB_SCENARIOS,
]


def read_pins(pins):
    """The download's clients as tests/clients/pins names them for the venv hf: {name: version}."""
    wanted = {"huggingface_hub", "hf-xet"}
    with open(pins) as f:
        words = [line.split("#", 1)[0].split() for line in f]
    return {name: version for where, name, version in (w for w in words if w) if where == "venv:hf" and name in wanted}


def missing_dependencies(venv_python, hfenv, pins):
    missing = [tool for tool in REQUIRED_TOOLS if shutil.which(tool) is None]
    if os.geteuid() != 0:
        missing.append("root (ip netns and mount need it)")
    if not os.access(hfenv, os.X_OK):
        missing.append(f"hfenv at {hfenv}")
    probe = ("import sys, huggingface_hub, hf_xet, importlib.metadata as m\n"
             "for name in sys.argv[1:]: print(name, m.version(name))")
    if not os.access(venv_python, os.X_OK):
        missing.append(f"the venv's python at {venv_python}")
    else:
        pinned = read_pins(pins)
        result = subprocess.run([venv_python, "-I", "-c", probe, *pinned], capture_output=True, text=True)
        installed = dict(line.split(" ", 1) for line in result.stdout.splitlines())
        if result.returncode != 0 or installed != pinned:
            missing.append(f"{pinned} in {venv_python} (found {installed or result.stderr.strip()[-200:]})")
    return missing


def test(hfenv, venv_python, pins, state_dir):
    missing = missing_dependencies(venv_python, hfenv, pins)
    if missing:
        print("download: missing (tests/run installs these): " + "; ".join(missing), file=sys.stderr)
        return 1
    shutil.rmtree(state_dir, ignore_errors=True)
    os.makedirs(state_dir)
    # --kill-child: if unshare is killed (ctest timeout), the kernel kills the inner driver, whose
    # servers die with it (PDEATHSIG); the namespaces go when their last process does.
    argv = ["unshare", "--net", "--mount", "--propagation", "private", "--fork", "--kill-child",
            PYTHON, "-I", os.path.abspath(__file__), "inner", hfenv, venv_python, state_dir]
    os.execvp(argv[0], argv)


class Lab:
    """lo, the client netns and its veth pair, the hosts file, certificates; processes stopped by pid."""

    def __init__(self, state_dir):
        self.dir = state_dir
        self.processes = []
        self.netns_added = False

    def __enter__(self):
        try:
            self.setup()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *_):
        self.close()

    def setup(self):
        run_checked(["ip", "link", "set", "lo", "up"])
        hosts = os.path.join(self.dir, "hosts")
        with open(hosts, "w") as f:
            f.write("127.0.0.1 localhost\n" + "".join(f"{ADDRESSES[role]} {name}\n" for role, name in NAMES.items()))
        run_checked(["mount", "--bind", hosts, "/etc/hosts"])
        # ip netns keeps its names under /run/netns: a /run of this mount namespace keeps them from the machine.
        run_checked(["mount", "-t", "tmpfs", "hfenv-download", "/run"])
        run_checked(["ip", "netns", "add", NETNS])
        self.netns_added = True
        run_checked(["ip", "link", "add", "dl-proxy", "type", "veth", "peer", "name", "dl-client", "netns", NETNS])
        run_checked(["ip", "addr", "add", f"{PROXY_ADDR}/{PREFIX}", "dev", "dl-proxy"])
        run_checked(["ip", "link", "set", "dl-proxy", "up"])
        in_netns = ["ip", "netns", "exec", NETNS]
        run_checked(in_netns + ["ip", "link", "set", "lo", "up"])
        run_checked(in_netns + ["ip", "addr", "add", f"{CLIENT_ADDR}/{PREFIX}", "dev", "dl-client"])
        run_checked(in_netns + ["ip", "link", "set", "dl-client", "up"])
        routes = run_checked(in_netns + ["ip", "-4", "route", "show"]).stdout
        if "default" in routes:
            raise Failure(f"the client's namespace must have no default route:\n{routes}")
        self.make_certificates()
        self.content = os.path.join(self.dir, "content.bin")
        with open(self.content, "wb") as f:
            f.write(deterministic_bytes(FILE_SIZE))
        with open(self.content, "rb") as f:
            self.sha256 = hashlib.sha256(f.read()).hexdigest()

    def make_certificates(self):
        d = self.dir
        self.ca_file = os.path.join(d, "ca.pem")
        ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        run_checked(["openssl", "req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
                     "-subj", "/CN=hfenv download test CA", "-addext", "basicConstraints=critical,CA:TRUE",
                     "-addext", "keyUsage=critical,keyCertSign,cRLSign"], cwd=d)
        run_checked(["openssl", "req", *ec, "-keyout", "origin.key", "-out", "origin.csr", "-subj",
                     f"/CN={NAMES['hub']}"], cwd=d)
        with open(os.path.join(d, "origin.ext"), "w") as f:
            f.write("subjectAltName=" + ",".join(f"DNS:{n}" for n in NAMES.values()) + "\n"
                    "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n")
        run_checked(["openssl", "x509", "-req", "-in", "origin.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                     "-CAcreateserial", "-out", "origin.pem", "-days", "2", "-extfile", "origin.ext"], cwd=d)

    def spawn(self, argv, log_path, env=None):
        with open(log_path, "ab") as log:
            process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                       preexec_fn=die_with_parent, env=env or {"PATH": "/usr/sbin:/usr/bin:/bin"})
        self.processes.append(process)
        return process

    def stop(self, process):
        if process.poll() is None:
            os.kill(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(process.pid, signal.SIGKILL)
                process.wait()
        if process in self.processes:
            self.processes.remove(process)

    def close(self):
        for process in reversed(list(self.processes)):
            self.stop(process)
        if self.netns_added:
            subprocess.run(["ip", "netns", "del", NETNS], capture_output=True)
            self.netns_added = False
        subprocess.run(["umount", "/run"], capture_output=True)
        subprocess.run(["umount", "/etc/hosts"], capture_output=True)


def deterministic_bytes(size):
    out, counter = bytearray(), 0
    while len(out) < size:
        out += hashlib.sha256(f"hfenv download {counter}".encode()).digest()
        counter += 1
    return bytes(out[:size])


def wait_for(predicate, process, what):
    deadline = time.monotonic() + START_DEADLINE
    while time.monotonic() < deadline:
        if predicate():
            return
        if process.poll() is not None:
            raise Failure(f"{what} exited at start-up (status {process.returncode})")
        time.sleep(0.05)
    raise Failure(f"{what} did not start within {START_DEADLINE:.0f} s")


def accepts(address, port):
    try:
        with socket.create_connection((address, port), timeout=1):
            return True
    except OSError:
        return False


@dataclass
class Run:
    scenario: Scenario
    through_hfenv: bool
    dir: str
    result: dict = field(default_factory=dict)
    rows: list = field(default_factory=list)     # (client, request, route, detail)


def run_once(lab, scenario, through_hfenv, hfenv, venv_python, index):
    run_dir = os.path.join(lab.dir, f"run{index}")
    os.makedirs(run_dir)
    with open(os.path.join(run_dir, "origin.json"), "w") as f:
        json.dump({"repo": REPO, "revision": "main", "commit": COMMIT, "filename": FILENAME,
                   "content_file": lab.content, "chunk_size": CHUNK_SIZE,
                   "certificate": os.path.join(lab.dir, "origin.pem"), "key": os.path.join(lab.dir, "origin.key"),
                   "ports": PORTS, "addresses": ADDRESSES, "urls": {role: url(role) for role in NAMES},
                   "xet_token": scenario.xet_token, "token": scenario.token}, f)
    started = []
    try:
        origin = lab.spawn([PYTHON, "-I", os.path.join(HERE, "origin.py"), run_dir], os.path.join(run_dir, "origin.out"))
        started.append(origin)
        wait_for(lambda: os.path.exists(os.path.join(run_dir, "origin.ready")), origin, "the origin")
        tinyproxy_log = os.path.join(run_dir, "tinyproxy.log")
        conf = os.path.join(run_dir, "tinyproxy.conf")
        with open(conf, "w") as f:
            # Bind: the origin sees the connections tinyproxy makes coming from PROXY_PEER.
            f.write(f"Port {PROXY_PORT}\nListen {PROXY_ADDR}\nBind {PROXY_PEER}\nTimeout 30\nMaxClients 50\n"
                    f"LogFile \"{tinyproxy_log}\"\nLogLevel Info\n")
        tinyproxy = lab.spawn(["tinyproxy", "-d", "-c", conf], os.path.join(run_dir, "tinyproxy.out"))
        started.append(tinyproxy)
        wait_for(lambda: accepts(PROXY_ADDR, PROXY_PORT), tinyproxy, "tinyproxy")
        capture_log = os.path.join(run_dir, "capture.jsonl")
        capture = lab.spawn(["ip", "netns", "exec", NETNS, PYTHON, "-I", os.path.abspath(__file__), "capture",
                             capture_log], os.path.join(run_dir, "capture.out"))
        started.append(capture)
        wait_for(lambda: os.path.exists(capture_log + ".ready"), capture, "the packet capture")

        home = os.path.join(run_dir, "home")
        os.makedirs(home)
        env = {"PATH": "/usr/bin:/bin", "HOME": home, "LANG": "C.UTF-8", "HF_HOME": os.path.join(home, "hf"),
               "HF_ENDPOINT": url("hub"), "SSL_CERT_FILE": lab.ca_file, "HF_HUB_DISABLE_TELEMETRY": "1",
               # hf_xet retries a refused connection 5 times from 3 s up: 2 tries 200 ms apart say the same.
               "HF_XET_CLIENT_RETRY_MAX_ATTEMPTS": "2", "HF_XET_CLIENT_RETRY_BASE_DELAY": "200ms",
               **scenario.env}
        result_path = os.path.join(run_dir, "result.json")
        argv = ["ip", "netns", "exec", NETNS, *([hfenv, "--"] if through_hfenv else []),
                venv_python, "-I", os.path.join(HERE, "client.py"), REPO, FILENAME, lab.sha256, result_path]
        client = lab.spawn(argv, os.path.join(run_dir, "client.out"), env=env)
        started.append(client)
        try:
            client.wait(timeout=CLIENT_DEADLINE)
        except subprocess.TimeoutExpired:
            raise Failure(f"the client did not finish within {CLIENT_DEADLINE:.0f} s; see {run_dir}/client.out")
        time.sleep(0.2)  # the capture's last packets
    finally:
        for process in reversed(started):
            lab.stop(process)
    run = Run(scenario, through_hfenv, run_dir)
    try:
        with open(result_path) as f:
            run.result = json.load(f)
    except (OSError, ValueError):
        with open(os.path.join(run_dir, "client.out"), errors="replace") as f:
            raise Failure(f"the client wrote no result; its output:\n{f.read()[-2000:]}")
    classify(run)
    return run


def url(role):
    port = PORTS[role]
    return f"https://{NAMES[role]}" + ("" if port == 443 else f":{port}")


def read_jsonl(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def short_path(path):
    return re.sub(r"[0-9a-f]{40,64}", lambda m: m.group(0)[:8] + "…", path)


def classify(run):
    """One row per request the origin saw and per connection attempt that never reached it."""
    requests = read_jsonl(os.path.join(run.dir, "requests.jsonl"))
    packets = read_jsonl(os.path.join(run.dir, "capture.jsonl"))
    connects = tinyproxy_requests(os.path.join(run.dir, "tinyproxy.log"))
    xet_started = run.result.get("hf_xet_started") or float("inf")
    tunnels = {target for method, target in connects if method == "CONNECT"}
    for r in requests:
        client = XET if any(n.lower() == "x-xet-session-id" for n in r["header_names"]) else HTTPX
        if (client == XET) != (r["time"] >= xet_started):
            raise Failure(f"{r['method']} {r['path']} carries {client}'s headers but came when the other client ran")
        target = f"{NAMES[r['role']]}:{PORTS[r['role']]}"
        if r["peer"] == PROXY_PEER:
            if target not in tunnels:
                raise Failure(f"the origin saw {r['method']} {r['path']} from the proxy, but tinyproxy logged "
                              f"no CONNECT {target}")
            route = PROXY
        else:
            route = DIRECT
        via = f", tinyproxy CONNECT {target}" if route == PROXY else ""
        run.rows.append((client, f"{r['method']} {NAMES[r['role']]}{short_path(r['path'])}", route,
                         f"{r['status']}, peer {r['peer']}{via}"))
    refused = {(p["sport"], p["dport"]) for p in packets if p["kind"] == "refused"}
    attempts = {}
    for p in packets:
        if p["kind"] != "syn":
            continue
        client = XET if p["time"] >= xet_started else HTTPX
        if p["daddr"] == PROXY_ADDR and p["dport"] in (PROXY_PORT, PORTS["mirror"]):
            continue  # a connection to the proxy or the mirror: its requests are the origin's rows above
        outcome = "refused" if (p["dport"], p["sport"]) in refused else "no answer"
        if p["daddr"] == PROXY_ADDR:
            key = (client, f"connect to a proxy at {PROXY_ADDR}:{p['dport']}", STALE, outcome)
        elif p["daddr"] == "127.0.0.1" and p["dport"] in ROLE_BY_PORT:
            key = (client, f"connect {NAMES[ROLE_BY_PORT[p['dport']]]}:{p['dport']}", DIRECT, outcome)
        else:
            key = (client, f"connect {p['daddr']}:{p['dport']}", "unexpected", outcome)
        attempts[key] = attempts.get(key, 0) + 1
    for (client, request, route, outcome), count in attempts.items():
        run.rows.append((client, request, route, f"{outcome}, {count} connection attempt{'s' if count > 1 else ''}"))
    httpx_answered = sum(1 for e in run.result.get("httpx", []) if e["status"] is not None)
    httpx_seen = sum(1 for row in run.rows if row[0] == HTTPX and not row[1].startswith("connect "))
    if httpx_answered != httpx_seen:
        raise Failure(f"httpx got {httpx_answered} answers, the origin logged {httpx_seen} httpx requests")


def tinyproxy_requests(path):
    if not os.path.exists(path):
        return []
    with open(path, errors="replace") as f:
        return re.findall(r"Request \(file descriptor \d+\): (\S+) (\S+)", f.read())


def check(run, expect):
    problems = []
    routes = {HTTPX: set(), XET: set()}
    for client, _, route, _ in run.rows:
        routes[client].add(route)
    for client in (HTTPX, XET):
        if routes[client] != expect.routes[client]:
            problems.append(f"{client} took {sorted(routes[client]) or 'no route'}, "
                            f"expected {sorted(expect.routes[client]) or 'no route'}")
    completed = run.result.get("completed") and run.result.get("bytes_match")
    if bool(completed) != expect.completed:
        problems.append(f"download {'completed' if completed else 'failed'}, expected it to "
                        f"{'complete with matching bytes' if expect.completed else 'fail'}")
    if expect.completed:
        seen = {(c, req.split(" ", 1)[0], next(r for r, n in NAMES.items() if req.split(" ", 1)[1].startswith(n)))
                for c, req, route, _ in run.rows if route in (PROXY, DIRECT) and not req.startswith("connect")}
        if not expect.requests <= seen:
            problems.append(f"a complete download makes {sorted(expect.requests - seen)} too")
    if expect.absent:
        problems += [f"the origin saw {req}, which holds {expect.absent!r}" for _, req, _, _ in run.rows
                     if expect.absent in req]
    if expect.present and not any(expect.present in req for _, req, _, _ in run.rows):
        problems.append(f"the origin saw no request holding {expect.present!r}")
    refused = any(detail.startswith("401,") for _, _, _, detail in run.rows)
    if refused != expect.refused:
        problems.append(f"the Hub {'refused' if refused else 'accepted'} the token, expected it to "
                        f"{'refuse' if expect.refused else 'accept'} it")
    error = run.result.get("error") or ""
    if expect.error and expect.error not in error:
        problems.append(f"error should mention {expect.error!r}: {error}")
    return problems


def render(run, expect):
    mode = "through hfenv" if run.through_hfenv else "without hfenv"
    r = run.result
    outcome = ("completed, bytes match" if r.get("completed") and r.get("bytes_match")
               else "completed, BYTES DIFFER" if r.get("completed") else f"FAILED: {(r.get('error') or '')[:160]}")
    versions = ", ".join(f"{k} {v}" for k, v in r.get("versions", {}).items())
    lines = [f"{run.scenario.name}: {mode}: {outcome}" + (f" ({versions})" if versions else ""),
             "  " + "  ".join(f"{k}={v!r}" for k, v in run.scenario.env.items()) if run.scenario.env else
             "  (no proxy variable)"]
    if expect.note:
        lines.append(f"  note: {expect.note}")
    lines.append(f"  {'client':7} {'request':66} {'route':12} observed")
    for client, request, route, detail in run.rows:
        lines.append(f"  {client:7} {request:66} {route:12} {detail}")
    if not run.rows:
        lines.append("  (no request was made)")
    summary = []
    for client in (HTTPX, XET):
        counts = {}
        for c, _, route, _ in run.rows:
            if c == client:
                counts[route] = counts.get(route, 0) + 1
        summary.append(f"{client}: " + (", ".join(f"{n} {route}" for route, n in counts.items()) or "none"))
    lines.append("  per client: " + "; ".join(summary))
    return "\n".join(lines)


def inner(hfenv, venv_python, state_dir):
    failures = []
    with Lab(state_dir) as lab:
        print(f"client namespace {NETNS}: only a veth to {PROXY_ADDR}/{PREFIX}, no default route; tinyproxy on "
              f"{PROXY_ADDR}:{PROXY_PORT} (Bind {PROXY_PEER}); origin on 127.0.0.1: "
              + ", ".join(f"{NAMES[r]}:{PORTS[r]}" for r in NAMES) + "\n", flush=True)
        index = 0
        for scenario in SCENARIOS:
            for through_hfenv, expect in ((False, scenario.without), (True, scenario.through)):
                if expect is None:
                    continue
                index += 1
                run = run_once(lab, scenario, through_hfenv, hfenv, venv_python, index)
                print(render(run, expect) + "\n", flush=True)
                problems = check(run, expect)
                if problems:
                    failures.append(f"{run.scenario.name} ({'through' if through_hfenv else 'without'} hfenv, "
                                    f"{run.dir}): " + "; ".join(problems))
    for failure in failures:
        print(f"FAIL: {failure}", file=sys.stderr)
    return 1 if failures else 0


def capture(out_path):
    """Every TCP SYN the client's namespace sends, and the resets that refuse them (outgoing on lo)."""
    # ETH_P_ALL: the kernel shows outgoing packets only to sockets that ask for every protocol.
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(0x0003))
    out = open(out_path, "a")
    with open(out_path + ".ready", "w"):
        pass
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    while True:
        packet, address = sock.recvfrom(65535)
        outgoing = address[2] == socket.PACKET_OUTGOING
        # lo shows each packet twice (outgoing, then incoming); a veth's incoming resets come from the proxy's side.
        if address[1] != 0x0800 or not (outgoing or (address[2] == socket.PACKET_HOST and address[0] != "lo")) \
                or len(packet) < 20 or packet[9] != 6:
            continue
        header_length = (packet[0] & 0x0F) * 4
        sport, dport = struct.unpack("!HH", packet[header_length:header_length + 4])
        flags = packet[header_length + 13]
        syn, ack, rst = flags & 0x02, flags & 0x10, flags & 0x04
        kind = "syn" if syn and not ack and outgoing else "refused" if rst else None
        if kind:
            out.write(json.dumps({"time": time.time(), "kind": kind, "saddr": socket.inet_ntoa(packet[12:16]),
                                  "daddr": socket.inet_ntoa(packet[16:20]), "sport": sport, "dport": dport}) + "\n")
            out.flush()


def main(argv):
    # Nothing of the caller's reaches a child: PATH alone, the way each run's own environment starts.
    path = os.environ.get("PATH")
    os.environ.clear()
    if path is not None:
        os.environ["PATH"] = path
    command = argv[1] if len(argv) > 1 else ""
    try:
        if command == "test" and len(argv) == 6:
            return test(*argv[2:])
        if command == "inner" and len(argv) == 5:
            signal.signal(signal.SIGTERM, lambda signum, _: sys.exit(128 + signum))
            return inner(*argv[2:])
        if command == "capture" and len(argv) == 3:
            return capture(argv[2])
    except Failure as failure:
        print(f"FAIL: {failure}", file=sys.stderr)
        return 1
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
