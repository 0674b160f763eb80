"""guest_targets.py - Where run-guests.py builds the guests for and runs them.

`wasm-aot build --target=TRIPLE` makes a static executable for x86-64,
AArch64 or RISC-V 64 Linux. One for the host's architecture runs directly;
one for another architecture runs under qemu-user (qemu-ARCH, Debian's
qemu-user package), which needs no sysroot for a static program. The
reference output is always the host's: the native build of the guest.
"""

import platform
import shutil

# The triples wasm-aot build accepts (docs/cli.md), by architecture.
TRIPLES = {
    "x86_64-linux-gnu": "x86_64",
    "aarch64-linux-gnu": "aarch64",
    "riscv64-linux-gnu": "riscv64",
}


class Unavailable(Exception):
    """The target's programs cannot run here."""


def host_architecture():
    machine = platform.machine().lower()
    return {"amd64": "x86_64", "arm64": "aarch64"}.get(machine, machine)


class Target:
    """A target triple, or the host when triple is None."""

    def __init__(self, triple=None):
        self.triple = triple
        self.architecture = TRIPLES[triple] if triple else host_architecture()
        self.emulator = None
        if self.architecture != host_architecture():
            self.emulator = shutil.which("qemu-" + self.architecture)
            if not self.emulator:
                raise Unavailable(f"qemu-{self.architecture} not found (package "
                                  f"qemu-user) to run {triple} programs")

    def build_options(self):
        """What `wasm-aot build` is given for this target."""
        return [f"--target={self.triple}"] if self.triple else []

    def command(self, executable, argv):
        """(args, executable) for subprocess.run: the program itself with
        argv, or qemu with the program and the same argv[0]."""
        if not self.emulator:
            return argv, executable
        return [self.emulator, "-0", argv[0], str(executable)] + argv[1:], self.emulator

    def describe(self):
        name = self.triple or f"the host ({self.architecture})"
        return name + (f" under {self.emulator}" if self.emulator else "")
