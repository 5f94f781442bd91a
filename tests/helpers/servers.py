"""Loopback servers for the shell tests (127.0.0.1 only): python3 servers.py COMMAND ARG..."""
import socket
import sys
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        print(s.getsockname()[1])


def wait_port(port, seconds=10.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    sys.exit(f"nothing listens on 127.0.0.1:{port}")


def listening_socket(port):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port))
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


def fake_proxy(port, status, log):
    """A proxy that writes each request head to log and answers with status."""
    s = listening_socket(port)
    while True:
        c, _ = s.accept()
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = c.recv(4096)
            if not chunk:
                break
            head += chunk
        with open(log, "ab") as f:
            f.write(head)
        c.sendall(b"HTTP/1.1 " + status.encode() + b"\r\n\r\n")
        c.close()


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "free-port":
        free_port()
    elif command == "wait-port":
        wait_port(int(args[0]))
    elif command == "serve-ok":
        serve_ok(int(args[0]))
    elif command == "silent":
        silent(int(args[0]))
    elif command == "fake-proxy":
        fake_proxy(int(args[0]), args[1], args[2])
    else:
        sys.exit(f"unknown command {command}")
