#!/usr/bin/env python3
"""replace_bytes.py IN OUT FROM_HEX TO_HEX

Copies IN to OUT with every occurrence of the bytes FROM_HEX replaced by
TO_HEX, and fails unless there was at least one. Lit tests use it to make
binaries that wat2wasm refuses to write (an immediate out of range), from
one it accepts.
"""
import sys


def main():
    if len(sys.argv) != 5:
        sys.stderr.write(__doc__)
        return 2
    data = open(sys.argv[1], "rb").read()
    old, new = bytes.fromhex(sys.argv[3]), bytes.fromhex(sys.argv[4])
    if old not in data:
        sys.stderr.write("replace_bytes.py: %s not found in %s\n"
                         % (sys.argv[3], sys.argv[1]))
        return 1
    open(sys.argv[2], "wb").write(data.replace(old, new))
    return 0


if __name__ == "__main__":
    sys.exit(main())
