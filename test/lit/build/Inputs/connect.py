#!/usr/bin/env python3
"""connect.py COMMAND [ARG...]

Runs COMMAND with a TCP listening socket granted at run time
(WASM_AOT_GRANTS="--tcplisten=127.0.0.1:PORT" for a free PORT), connects
to it, prints what the program sends before closing the connection, and
exits with the program's status. The program's own output passes through.
"""
import os
import socket
import subprocess
import sys
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    if len(sys.argv) < 2:
        sys.stderr.write("usage: connect.py COMMAND [ARG...]\n")
        return 2
    port = free_port()
    env = dict(os.environ)
    env["WASM_AOT_GRANTS"] = "--tcplisten=127.0.0.1:%d" % port
    program = subprocess.Popen(sys.argv[1:], env=env)
    received = b""
    deadline = time.monotonic() + 20
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=20) as c:
                while True:
                    chunk = c.recv(4096)
                    if not chunk:
                        break
                    received += chunk
            break
        except (ConnectionRefusedError, ConnectionResetError):
            # The program has not listened yet, or has already failed.
            if program.poll() is not None or time.monotonic() > deadline:
                break
            time.sleep(0.05)
    status = program.wait(timeout=20)
    sys.stdout.flush()
    sys.stdout.write("received: %s\n" % received.decode(errors="replace"))
    return status


if __name__ == "__main__":
    sys.exit(main())
