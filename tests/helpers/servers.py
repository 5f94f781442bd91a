"""Loopback servers for the shell tests (127.0.0.1, or an address of a namespace the test made): python3 servers.py COMMAND ARG..."""
import base64
import socket
import sys
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        print(s.getsockname()[1])


def wait_port(port, address="127.0.0.1", seconds=10.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection((address, port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    sys.exit(f"nothing listens on {address} port {port}")


def listening_socket(port, address="127.0.0.1"):
    """address: an IPv4 address, or an IPv6 one with its zone (fe80::1%lo)."""
    family, _, _, _, where = socket.getaddrinfo(address, port, type=socket.SOCK_STREAM)[0]
    s = socket.socket(family)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(where)
    s.listen(16)
    return s


def serve_ok(port):
    """A target: answers any request with 200 and closes."""
    s = listening_socket(port)
    while True:
        c, _ = s.accept()
        c.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        c.close()


def silent(port):
    """A proxy that accepts and never answers."""
    s = listening_socket(port)
    held = []
    while True:
        c, _ = s.accept()
        held.append(c)


def request_head(c):
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = c.recv(4096)
        if not chunk:
            break
        head += chunk
    return head


def fake_proxy(port, status, log, address="127.0.0.1"):
    """A proxy that writes each request head to log and answers with status."""
    s = listening_socket(port, address)
    while True:
        c, _ = s.accept()
        head = request_head(c)
        with open(log, "ab") as f:
            f.write(head)
        c.sendall(b"HTTP/1.1 " + status.encode() + b"\r\n\r\n")
        c.close()


def echo_answer(mode, head):
    """What an echoing proxy sends back for a request head, in one of the ways proxies and middleboxes do it."""
    token = b""
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"proxy-authorization: basic "):
            token = line.split()[-1]
    if mode == "after-lf":  # the status line, then the request echoed with bare LF line ends
        return b"HTTP/1.1 200 Connection established\n" + head.replace(b"\r\n", b"\n")
    if mode == "in-reason":  # the request, CRLFs made blanks, as the reason phrase
        return b"HTTP/1.1 407 " + head.replace(b"\r\n", b" ").strip() + b"\r\n\r\n"
    if mode == "decoded":  # the credentials decoded in the reason phrase
        return b"HTTP/1.1 407 bad credentials " + base64.b64decode(token) + b"\r\n\r\n"
    if mode == "cut":  # a status line longer than hfenv reads, whose last bytes read begin the token
        return b"HTTP/1.1 400 " + b"x" * (1013 - 13) + token + b"\r\n\r\n"
    sys.exit(f"unknown echo mode {mode}")


def echo_proxy(port, mode):
    """A proxy that echoes what it was sent: the request head, Proxy-Authorization included."""
    s = listening_socket(port)
    while True:
        c, _ = s.accept()
        c.sendall(echo_answer(mode, request_head(c)))
        c.close()


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "free-port":
        free_port()
    elif command == "wait-port":
        wait_port(int(args[0]), *args[1:])
    elif command == "serve-ok":
        serve_ok(int(args[0]))
    elif command == "silent":
        silent(int(args[0]))
    elif command == "fake-proxy":
        fake_proxy(int(args[0]), *args[1:])
    elif command == "echo-proxy":
        echo_proxy(int(args[0]), args[1])
    else:
        sys.exit(f"unknown command {command}")
