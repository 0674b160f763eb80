"""Interleaved runs: per binary and run, the kernel time the program
reports and the process CPU time.

Each round runs every binary once, in a fixed order: benchmark after
benchmark, and per benchmark every runner (native first). A slow spell of
the machine then touches every runner alike, and round i of one runner can
be set against round i of native. The CPU time is the process's user +
system time from wait4 (all its threads: node compiles on others), which
load on the other cores disturbs less than wall time.
"""
import os
import shlex
import sys


class MeasureError(Exception):
    """A run failed, printed no time, or printed another checksum than
    native's."""


class Item:
    """One benchmark: a command per runner (None: its build failed), the
    arguments every command gets, and how to read the output."""

    def __init__(self, suite, name, commands, work_dir, parse, args=(), size=""):
        self.suite = suite
        self.name = name
        self.commands = commands    # {runner: argv or None}
        self.work_dir = work_dir    # the outputs of the last run go here
        self.parse = parse          # stdout -> (kernel seconds, checksum or None)
        self.args = list(args)
        self.size = size            # a label for the tables

    @property
    def key(self):
        return (self.suite, self.name)


def run_once(argv, out_path):
    """Runs argv once, stdout into out_path and stderr into
    out_path.stderr. Returns (stdout, CPU seconds)."""
    err_path = out_path + ".stderr"
    pid = os.fork()
    if pid == 0:
        try:
            fd = os.open(out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(fd, 1)
            fd = os.open(err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(fd, 2)
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        with open(err_path, errors="replace") as f:
            tail = f.read()[-2000:]
        raise MeasureError("%s failed (status %d)%s" % (
            shlex.join(argv), code, ":\n" + tail if tail.strip() else ""))
    with open(out_path, errors="replace") as f:
        return f.read(), usage.ru_utime + usage.ru_stime


def parse_checksum_time(text):
    """`checksum <hex>` and `time <seconds>` lines (bench/programs,
    bench/simd)."""
    fields = {}
    for line in text.splitlines():
        key, _, value = line.partition(" ")
        fields[key] = value.strip()
    if "checksum" not in fields or "time" not in fields:
        raise ValueError("no checksum and time lines")
    return float(fields["time"]), fields["checksum"]


def parse_last_number(text):
    """The last word of the output, a number of seconds (POLYBENCH_TIME)."""
    return float(text.split()[-1]), None


def measure_one(item, runner, argv, want=None):
    """One run of one binary. Returns (kernel s, CPU s, checksum); raises
    MeasureError if the checksum is not `want` (when given)."""
    out = os.path.join(item.work_dir, runner + ".stdout")
    argv = argv + item.args
    text, cpu = run_once(argv, out)
    try:
        seconds, checksum = item.parse(text)
    except (ValueError, IndexError) as e:
        raise MeasureError("%s: cannot read its output (%s): %r"
                           % (shlex.join(argv), e, text[:200]))
    if want is not None and checksum != want:
        raise MeasureError("%s %s: checksum %s, native's %s"
                           % (item.name, runner, checksum, want))
    return seconds, cpu, checksum


def interleaved(items, runners, runs, log=None):
    """Runs every item's binaries `runs` rounds, interleaved. `runners`
    gives the order, the first (native) being the one whose checksum every
    other runner's must equal, in every round. Returns {(item key,
    runner): [(kernel s, CPU s) per round]}."""
    log = log or (lambda message: print(message, file=sys.stderr))
    results = {}
    for i in range(runs):
        for item in items:
            want = None
            for r in runners:
                argv = item.commands.get(r)
                if argv is None:
                    continue
                seconds, cpu, checksum = measure_one(item, r, argv, want)
                if want is None:
                    want = checksum
                results.setdefault((item.key, r), []).append((seconds, cpu))
        log("run %d of %d done" % (i + 1, runs))
    return results
