"""The runners, and how each turns C sources into a command to run.

Every benchmark is C built once natively per native runner and once or
twice for wasm32-wasi (the plain module, and with -msimd128 the SIMD
module); each wasm runner then turns its module into something to run:

  native        clang-19 -O2, generic x86-64: the baseline of every ratio
  native-march  clang-19 -O2 -march=native (the build machine's CPU; clang
                may contract a*b+c into FMA, which wasm cannot)
  guard         wasm-aot build, default flags (guard pages), plain module
  explicit      wasm-aot build --bounds-checks=explicit, plain module
  simd          wasm-aot build, default flags, the -msimd128 module
  wasm2c        wabt's wasm2c + clang-19 -O2 (bench/wasm2c/build.py; guard
                pages with a signal handler), plain module (this wasm2c
                cannot translate SIMD)
  node          node --no-liftoff --no-wasm-tier-up
                --no-wasm-lazy-compilation (TurboFan only, every function
                compiled before the start) --no-concurrent-marking (see
                NODE_FLAGS) with test/wasi/node-wasi.mjs, plain module

and any number of --runner NAME=WASM_AOT [FLAGS...]: `WASM_AOT build` with
FLAGS on the plain module (NAME:simd=... on the -msimd128 module), so that
two builds of the compiler can be measured in one run.
"""
import importlib.util
import os
import re
import shlex
import subprocess

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NODE_WASI = os.path.join(REPO, "test", "wasi", "node-wasi.mjs")
CC = "clang-19"
WASM_STACK_BYTES = 1 << 20
OPT = "-O2"
# TurboFan only: no Liftoff, hence no tier-up, and every function compiled
# when the module is, not at its first call inside the timed kernel. With
# --no-liftoff, node 20.20 (V8 11.3) crashes in most runs of a module that
# grows its memory (PolyBench's cache flush), a SIGSEGV in the JS heap
# after the kernel, unless the garbage collector marks on the main thread
# only: --no-concurrent-marking (no effect on wasm code).
NODE_FLAGS = ["--no-liftoff", "--no-wasm-tier-up", "--no-wasm-lazy-compilation",
              "--no-concurrent-marking"]
NODE = ["node", "--no-warnings"] + NODE_FLAGS

STANDARD = ("native", "native-march", "guard", "explicit", "simd", "wasm2c", "node")
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.+-]*$")


class BuildError(Exception):
    """A build failed; the message names the command and its output, and
    `output` holds what it printed."""

    def __init__(self, message, output=""):
        super().__init__(message)
        self.output = output


def run(cmd, **kw):
    """Runs a build command; raises BuildError with its output on failure."""
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    except OSError as e:
        raise BuildError("%s: cannot run: %s" % (shlex.join(cmd), e), str(e))
    if r.returncode != 0:
        raise BuildError("%s failed (%d):\n%s%s" % (
            shlex.join(cmd), r.returncode, r.stdout, r.stderr), r.stderr + r.stdout)
    return r


def first_line(error):
    """The first line of what a failed build printed (else its message)."""
    for text in (getattr(error, "output", ""), str(error)):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if lines:
            return lines[0]
    return "failed"


class Program:
    """C sources to build: every runner gets the same sources and flags."""

    def __init__(self, name, sources, cflags, native_libs=("-lm",)):
        self.name = name            # argv[0] under node, file names
        self.sources = list(sources)
        self.cflags = list(cflags)  # besides -O2 (and the runner's own)
        self.native_libs = list(native_libs)


class Runner:
    def __init__(self, name, kind, module=None, cflags=(), tool=None, about=""):
        self.name = name
        self.kind = kind            # native, wasm-aot, wasm2c or node
        self.module = module        # None (native), "plain" or "simd"
        self.cflags = list(cflags)  # native runners: extra clang flags
        self.tool = tool            # wasm-aot runners: [WASM_AOT, FLAGS...]
        self.about = about

    def describe(self):
        return "%s: %s" % (self.name, self.about)


def standard_runners(wasm_aot):
    tool = os.path.abspath(wasm_aot)
    return {
        "native": Runner("native", "native", about="clang-19 -O2, generic x86-64 (baseline)"),
        "native-march": Runner("native-march", "native", cflags=["-march=native"],
                               about="clang-19 -O2 -march=native"),
        "guard": Runner("guard", "wasm-aot", "plain", tool=[tool],
                        about="wasm-aot build (default flags: guard pages)"),
        "explicit": Runner("explicit", "wasm-aot", "plain",
                           tool=[tool, "--bounds-checks=explicit"],
                           about="wasm-aot build --bounds-checks=explicit"),
        "simd": Runner("simd", "wasm-aot", "simd", tool=[tool],
                       about="wasm-aot build (default flags) of the -msimd128 module"),
        "wasm2c": Runner("wasm2c", "wasm2c", "plain",
                         about="wasm2c + clang-19 -O2, guard pages (bench/wasm2c)"),
        "node": Runner("node", "node", "plain",
                       about="node %s (TurboFan only)" % " ".join(NODE_FLAGS)),
    }


RUNNER_HELP = """\
  --runners LIST    comma-separated runners from: native, native-march,
                    guard, explicit, simd, wasm2c, node; "all" for the
                    seven (the default unless --runner is given).
                    native, the baseline of every ratio, is always run
  --runner SPEC     NAME=WASM_AOT [FLAGS...]: one more runner, `WASM_AOT
                    build MODULE FLAGS...` on the plain module, e.g.
                    "fuel=build/tools/wasm-aot/wasm-aot --meter-fuel";
                    NAME:simd=... builds the -msimd128 module instead; may
                    repeat. With --runner and no --runners, only native and
                    the --runner runners are run"""


def add_arguments(ap):
    ap.add_argument("--runners")
    ap.add_argument("--runner", action="append", default=[])


def select(runners_arg, runner_specs, wasm_aot):
    """The runners to measure, native first, then in a fixed order: the
    standard ones in STANDARD's order, then the --runner ones as given.
    Raises ValueError on a bad name or spec."""
    standard = standard_runners(wasm_aot)
    if runners_arg:
        names = [n.strip() for n in runners_arg.split(",") if n.strip()]
        if names == ["all"]:
            names = list(STANDARD)
        for n in names:
            if n not in standard:
                raise ValueError("no runner %r (there are: %s)" % (n, ", ".join(STANDARD)))
    elif runner_specs:
        names = []
    else:
        names = list(STANDARD)
    chosen = [standard[n] for n in STANDARD if n in names or n == "native"]
    taken = {r.name for r in chosen}
    for spec in runner_specs:
        name, _, cmd = spec.partition("=")
        module = "plain"
        if name.endswith(":simd"):
            name, module = name[:-len(":simd")], "simd"
        words = shlex.split(cmd)
        if not words or not NAME_RE.match(name):
            raise ValueError("--runner NAME=WASM_AOT [FLAGS...], NAME of letters, "
                             "digits and _.+- (NAME:simd for the -msimd128 module): %r"
                             % spec)
        if name in taken:
            raise ValueError("runner name %r used twice (--runners or --runner)" % name)
        words[0] = os.path.abspath(words[0])
        about = "%s build %s%s" % (words[0], "(-msimd128 module) " if module == "simd" else "",
                                   " ".join(words[1:]) or "(default flags)")
        chosen.append(Runner(name, "wasm-aot", module, tool=words, about=about.strip()))
        taken.add(name)
    return chosen


def wasm_aot_of(build_dir):
    """The build tree's wasm-aot, the standard runners' compiler."""
    return os.path.join(build_dir, "tools", "wasm-aot", "wasm-aot")


def default_build_dir():
    return os.environ.get("WASM_AOT_BUILD_DIR", os.path.join(REPO, "build"))


def choose(args, prog, log):
    """The runners --runners and --runner ask for (args.runners,
    args.runner, args.build_dir), or None after logging why: a bad name or
    spec, or a wasm-aot that is not there (a usage error, status 2)."""
    try:
        runners = select(args.runners, args.runner, wasm_aot_of(args.build_dir))
    except ValueError as e:
        log("%s: %s" % (prog, e))
        return None
    missing = missing_tool(runners)
    if missing:
        log("%s: %s" % (prog, missing))
        return None
    return runners


def missing_tool(runners):
    """A message if a wasm-aot runner's compiler is missing, else None."""
    for r in runners:
        if r.kind == "wasm-aot" and not os.access(r.tool[0], os.X_OK):
            return "runner %s: no wasm-aot at %s" % (r.name, r.tool[0])
    return None


def about_lines(indent="  "):
    """One line per standard runner, for --help."""
    standard = standard_runners("build/tools/wasm-aot/wasm-aot")
    return "\n".join("%s%-13s %s" % (indent, r.name, r.about) for r in standard.values())


_wasm2c = None


def wasm2c_module():
    """bench/wasm2c/build.py, imported once."""
    global _wasm2c
    if _wasm2c is None:
        path = os.path.join(REPO, "bench", "wasm2c", "build.py")
        spec = importlib.util.spec_from_file_location("wasm2c_build", path)
        _wasm2c = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(_wasm2c)
    return _wasm2c


def build_native(program, extra_flags, out):
    run([CC, OPT] + program.cflags + list(extra_flags) + program.sources
        + program.native_libs + ["-o", out])


def build_wasm(program, out, simd=False):
    """clang-19 --target=wasm32-wasi -O2 (+ -msimd128): compiled with the
    flags, linked without an -O, since at link time clang would run
    binaryen's wasm-opt when it finds one, and the module must not depend
    on what is installed. WASI's emulated process clocks for clock(). A
    1 MiB stack instead of wasm-ld's 64 KiB: some kernels keep an array on
    the stack (durbin's z[N]), as a native build may with its 8 MiB."""
    flags = [OPT] + program.cflags + (["-msimd128"] if simd else []) + [
        "-D_WASI_EMULATED_PROCESS_CLOCKS"]
    objs = []
    for src in program.sources:
        obj = "%s.%s.o" % (out, os.path.splitext(os.path.basename(src))[0])
        run([CC, "--target=wasm32-wasi"] + flags + ["-c", src, "-o", obj])
        objs.append(obj)
    run([CC, "--target=wasm32-wasi"] + objs + [
        "-Wl,-z,stack-size=%d" % WASM_STACK_BYTES,
        "-lwasi-emulated-process-clocks", "-o", out])


def build(program, runners, work_dir, log=None):
    """Builds `program` for every runner in work_dir. Returns ({runner
    name: argv or None}, [failure, ...]): a runner whose build failed gets
    None and a line in the failures. A failed native or module build (the
    C compiler's) raises BuildError: there is nothing to compare then."""
    os.makedirs(work_dir, exist_ok=True)
    modules = {}

    def module(kind):
        if kind not in modules:
            suffix = ".simd.wasm" if kind == "simd" else ".wasm"
            path = os.path.join(work_dir, program.name + suffix)
            build_wasm(program, path, simd=kind == "simd")
            modules[kind] = path
        return modules[kind]

    commands, failures = {}, []
    for r in runners:
        out = os.path.join(work_dir, r.name)
        try:
            if r.kind == "native":
                build_native(program, r.cflags, out)
                commands[r.name] = [out]
                continue
            wasm = module(r.module)
            if r.kind == "wasm-aot":
                run([r.tool[0], "build", wasm, "-o", out] + r.tool[1:])
                commands[r.name] = [out]
            elif r.kind == "wasm2c":
                w2c = wasm2c_module()
                try:
                    w2c.build(wasm, out, out + ".w2c")
                except w2c.BuildError as e:
                    raise BuildError(str(e), str(e))
                commands[r.name] = [out]
            elif r.kind == "node":
                commands[r.name] = NODE + [NODE_WASI, wasm, program.name]
            else:
                raise AssertionError(r.kind)
        except BuildError as e:
            if r.kind == "native" or r.module not in modules:
                raise  # the C compiler failed: nothing to compare
            commands[r.name] = None
            failures.append("%s %s: %s" % (program.name, r.name, first_line(e)))
            if log:
                log("build failed: %s %s" % (program.name, r.name))
    return commands, failures
