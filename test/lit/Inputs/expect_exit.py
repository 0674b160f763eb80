#!/usr/bin/env python3
"""expect_exit.py N COMMAND [ARG...]

Runs COMMAND with this process's standard streams and exits 0 if it exited
with status N; otherwise says what it got on stderr and exits 1. Used as
%expect-exit in lit RUN lines, where `not` only tells zero from nonzero.
"""
import subprocess
import sys


def main():
    if len(sys.argv) < 3 or not sys.argv[1].lstrip("-").isdigit():
        sys.stderr.write("usage: expect_exit.py N COMMAND [ARG...]\n")
        return 2
    expected = int(sys.argv[1])
    try:
        status = subprocess.call(sys.argv[2:])
    except OSError as e:
        sys.stderr.write("expect_exit.py: cannot run %s: %s\n"
                         % (sys.argv[2], e))
        return 1
    if status != expected:
        sys.stderr.write("expect_exit.py: %s exited with %d, expected %d\n"
                         % (sys.argv[2], status, expected))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
