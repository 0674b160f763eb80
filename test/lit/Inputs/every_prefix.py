#!/usr/bin/env python3
"""every_prefix.py MODULE.wasm WORKDIR COMMAND [ARG...]

Writes each proper prefix of MODULE.wasm (0 .. size-1 bytes) and, for each,
a copy with one byte flipped at that position, to WORKDIR, and runs
COMMAND ARG... FILE on it. Every run must exit with status 1 (rejected) or 0
(a prefix that ends between sections, or a flipped byte in a constant or a
name, can leave a valid module); anything else (a crash, a usage error) is
reported and fails the script. Prints a one-line tally.
"""
import os
import subprocess
import sys


def run(command, path):
    result = subprocess.run(command + [path], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    return result.returncode, result.stderr.decode(errors="replace")


def main():
    if len(sys.argv) < 4:
        sys.stderr.write(__doc__)
        return 2
    data = open(sys.argv[1], "rb").read()
    workdir = sys.argv[2]
    command = sys.argv[3:]
    os.makedirs(workdir, exist_ok=True)
    failures = 0
    runs = 0
    for size in range(len(data)):
        cases = [("prefix", data[:size], (0, 1))]
        flipped = bytearray(data)
        flipped[size] ^= 0xFF
        cases.append(("flip", bytes(flipped), (0, 1)))
        for kind, content, allowed in cases:
            path = os.path.join(workdir, "%s-%d.wasm" % (kind, size))
            with open(path, "wb") as f:
                f.write(content)
            status, err = run(command, path)
            runs += 1
            if status not in allowed:
                failures += 1
                sys.stderr.write("%s: exit status %d, expected %s\n%s"
                                 % (path, status, allowed, err))
            else:
                os.remove(path)
    print("%d runs, %d unexpected" % (runs, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
