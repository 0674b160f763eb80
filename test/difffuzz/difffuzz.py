#!/usr/bin/env python3
"""Differential fuzzing of wasm-aot against binaryen's interpreter.

Each round: random bytes -> `wasm-opt -ttf` (a random valid module, limited
to the features wasm-aot compiles) -> binaryen's `--fuzz-exec-before`
output, the reference -> wasm-aot-difffuzz-run's output for every
configuration (optimisation level x bounds-check mode) -> compare.py.
scripts/difffuzz.sh finds the tools and calls this; see docs/testing.md.

A run is a function of --seed: module i is made from bytes drawn from a
generator seeded with (seed, i), and the same generator draws how its NaNs
are made deterministic, whether it has reference types and whether its
accesses are kept in bounds (class Module).
"""

import argparse
import os
import random
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import canonical_nans  # noqa: E402
import compare  # noqa: E402

# What wasm-aot compiles by default (WebAssembly 2.0 without SIMD). Binaryen
# 108's default is the MVP, so each feature is named; everything else
# (SIMD, threads, exceptions, tail calls, GC, memory64, ...) stays off.
WASM_OPT_FEATURES = [
    '--enable-sign-ext', '--enable-mutable-globals',
    '--enable-nontrapping-float-to-int', '--enable-bulk-memory',
    '--enable-multivalue',
]
# With reference types binaryen 108 also writes non-nullable (ref $t) types
# (of ref.func) into block and function types, which WebAssembly 2.0 does
# not have; about three modules in four come out invalid and are skipped.
# So only a share of the modules is made with them.
REFERENCE_TYPES = '--enable-reference-types'
REFERENCE_TYPES_SHARE = 0.5

ALL_CONFIGS = ['O0-guard', 'O0-explicit', 'O2-guard', 'O2-explicit']

# Seconds: wasm-opt makes or interprets a module, the harness compiles and
# runs one (both are bounded by the modules' hang limits; a timeout is a
# hang).
TOOL_TIMEOUT = 60
HARNESS_TIMEOUT = 120


def run(cmd, timeout):
    """(exit status or None on timeout, stdout, stderr)."""
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=timeout)
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode('utf-8', 'replace') if e.stdout else ''
        err = e.stderr.decode('utf-8', 'replace') if e.stderr else ''
        return None, out, err
    return (p.returncode, p.stdout.decode('utf-8', 'replace'),
            p.stderr.decode('utf-8', 'replace'))


class Module:
    """Random module number `index` of the run with `seed`."""

    def __init__(self, index, seed):
        self.index = index
        rng = random.Random('%d/%d' % (seed, index))
        self.size = rng.randint(256, 8192)
        self.data = bytes(rng.getrandbits(8) for _ in range(self.size))
        # How the module's arithmetic NaNs are made deterministic (see
        # compare.py): binaryen's --denan, or canonical_nans.py.
        self.denan = rng.random() < 0.5
        self.features = list(WASM_OPT_FEATURES)
        if rng.random() < REFERENCE_TYPES_SHARE:
            self.features.append(REFERENCE_TYPES)
        # Half the modules keep their memory accesses and indirect calls in
        # bounds, so that code after them runs too (in guard mode a lost
        # trap otherwise ends the comparison of that export).
        self.in_bounds = rng.random() < 0.5
        self.name = 's%d-m%d' % (seed, index)


class GivenModule:
    """A module from a file (--modules): a regression test, taken as it is,
    so it must not depend on which NaN an arithmetic instruction returns."""

    def __init__(self, path):
        self.path = path
        self.name = os.path.basename(path)
        self.features = WASM_OPT_FEATURES + [REFERENCE_TYPES]
        self.denan = None


class Driver:
    def __init__(self, args):
        self.args = args
        self.configs = args.configs.split(',')
        for c in self.configs:
            if c not in ALL_CONFIGS:
                sys.exit('difffuzz: unknown configuration %r (one of %s)' %
                         (c, ', '.join(ALL_CONFIGS)))
        self.passed = 0
        self.failed = 0
        self.modules = 0
        self.skipped = {}
        self.executions = {c: 0 for c in self.configs}
        self.failures = []
        self.known_guard = 0

    def skip(self, why):
        self.skipped[why] = self.skipped.get(why, 0) + 1

    def given_module(self, m, wasm):
        if m.path.endswith('.wat'):
            cmd = [self.args.wat2wasm, m.path, '-o', wasm]
            status, _, err = run(cmd, TOOL_TIMEOUT)
            if status != 0:
                sys.exit('difffuzz: %s: %s' % (m.path, err.strip()))
        else:
            shutil.copyfile(m.path, wasm)
        with open(os.path.join(os.path.dirname(wasm), 'input.dat'), 'wb'):
            pass
        return wasm

    def make_module(self, m, work):
        """The module's path, or None (counted as skipped)."""
        raw = os.path.join(work, 'input.dat')
        wasm = os.path.join(work, 'module.wasm')
        if isinstance(m, GivenModule):
            wasm = self.given_module(m, wasm)
            if not self.valid(wasm):
                self.skip('invalid module (wasm-validate)')
                return None
            return wasm
        with open(raw, 'wb') as f:
            f.write(m.data)
        cmd = [self.args.wasm_opt, raw, '-ttf', '-o', wasm] + m.features
        if m.denan:
            cmd.append('--denan')
        if m.in_bounds:
            cmd.append('--no-fuzz-oob')
        status, _, err = run(cmd, TOOL_TIMEOUT)
        if status != 0:
            self.skip('wasm-opt -ttf failed')
            return None
        # Binaryen 108 sometimes writes what it should not with these
        # features (a non-nullable (ref $t) in a block or function type);
        # wabt's validator is the judge of what is valid.
        if not self.valid(wasm):
            self.skip('invalid module from wasm-opt (wasm-validate)')
            return None
        if not m.denan:
            with open(wasm, 'rb') as f:
                data = f.read()
            try:
                data = canonical_nans.rewrite(data)
            except canonical_nans.Unsupported as e:
                self.skip('canonical_nans.py: %s' % e)
                return None
            with open(wasm, 'wb') as f:
                f.write(data)
            if not self.valid(wasm):
                self.skip('canonical_nans.py made an invalid module')
                return None
        return wasm

    def valid(self, wasm):
        status, _, _ = run([self.args.wasm_validate, wasm], TOOL_TIMEOUT)
        return status == 0

    def reference(self, m, wasm):
        cmd = [self.args.wasm_opt, wasm, '--fuzz-exec-before'] + m.features
        status, out, _ = run(cmd, TOOL_TIMEOUT)
        if status != 0:
            return None
        return out

    def ours(self, wasm, config, work):
        level, mode = config.split('-')
        cdir = os.path.join(work, config)
        os.makedirs(cdir, exist_ok=True)
        copy = os.path.join(cdir, 'module.wasm')
        shutil.copyfile(wasm, copy)
        cmd = [self.args.runner, '--wasm-aot', self.args.wasm_aot,
               '--opt-level', level,
               '--bounds-checks', mode, copy]
        status, out, err = run(cmd, HARNESS_TIMEOUT)
        return status, out, err

    def keep(self, m, work, ref, results, summary):
        if not self.args.keep_failures:
            return
        dest = os.path.join(self.args.keep_failures, m.name)
        os.makedirs(dest, exist_ok=True)
        shutil.copyfile(os.path.join(work, 'input.dat'),
                        os.path.join(dest, 'input.dat'))
        shutil.copyfile(os.path.join(work, 'module.wasm'),
                        os.path.join(dest, 'module.wasm'))
        with open(os.path.join(dest, 'binaryen.txt'), 'w') as f:
            f.write(ref)
        for config, (status, out, err) in results.items():
            with open(os.path.join(dest, config + '.txt'), 'w') as f:
                f.write(out)
                if err:
                    f.write('--- stderr\n' + err)
                f.write('--- exit status: %s\n' % status)
        with open(os.path.join(dest, 'summary.txt'), 'w') as f:
            f.write(summary + '\n')

    def verdict(self, status, out, err, ref):
        if status is None:
            return compare.Verdict('fail', 'timed out after %ds' %
                                   HARNESS_TIMEOUT)
        if status < 0:
            v = compare.compare(out, ref)
            return compare.Verdict('fail', 'killed by signal %d after %s' %
                                   (-status, 'matching output' if
                                    v.status == 'pass' else v.summary))
        if status != 0:
            first = err.strip().splitlines()[:1]
            return compare.Verdict('fail', 'exit %d: %s' %
                                   (status, first[0] if first else ''))
        return compare.compare(out, ref)

    def round(self, m):
        work = os.path.join(self.args.work_dir, 'current')
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
        wasm = self.make_module(m, work)
        if not wasm:
            return
        ref = self.reference(m, wasm)
        if ref is None:
            self.skip('binaryen could not run the module')
            return
        results = {}
        verdicts = {}
        for config in self.configs:
            results[config] = self.ours(wasm, config, work)
            verdicts[config] = self.verdict(*results[config], ref)
        if any(v.status == 'inconclusive' for v in verdicts.values()):
            self.skip('binaryen hit a host limit')
            return
        self.modules += 1
        for config in self.configs:
            self.executions[config] += 1
        bad = [c for c in self.configs if verdicts[c].status != 'pass']
        self.passed += len(self.configs) - len(bad)
        if not bad:
            return
        mode = {True: 'denan', False: 'canonical NaNs', None: 'as given'}
        summary = '%s (%s): %s' % (
            m.name, mode[m.denan], '; '.join(
                '%s %s' % (c, verdicts[c].summary) for c in bad))
        # Guard mode once lost traps and moved side effects across faulting
        # accesses (docs/architecture.md, guarded accesses). A mismatch of
        # that class, named in the summary so a regression is recognised at
        # once: only guard configurations fail, explicit ones agree with
        # binaryen, and the first difference is a lost trap or comes after
        # a trap.
        known = all(c.endswith('-guard') for c in bad) and \
            any(c.endswith('-explicit') for c in self.configs) and \
            all(verdicts[c].lost_trap or verdicts[c].after_trap for c in bad)
        if known:
            lost = all(verdicts[c].lost_trap for c in bad)
            summary += ' [guard class: %s]' % (
                'trap lost' if lost else 'state after a trap')
            self.known_guard += len(bad)
        self.failed += len(bad)
        self.failures.append(summary)
        if not self.args.quiet:
            print('FAIL ' + summary, flush=True)
        self.keep(m, work, ref, results, summary)

    def main(self):
        start = time.monotonic()
        i = 0
        if self.args.modules:
            for path in self.args.modules:
                self.round(GivenModule(path))
                i += 1
        while not self.args.modules:
            if self.args.count is not None and i >= self.args.count:
                break
            if self.args.seconds is not None and \
                    time.monotonic() - start >= self.args.seconds:
                break
            self.round(Module(i, self.args.seed))
            i += 1
        elapsed = time.monotonic() - start
        skipped = sum(self.skipped.values())
        if self.args.quiet:
            print('%d passed, %d failed' % (self.passed, self.failed))
            return 1 if self.failed else 0
        print('difffuzz: seed %d, %d modules made in %.0f s, %d compared, '
              '%d skipped' % (self.args.seed, i, elapsed, self.modules,
                              skipped))
        for why, n in sorted(self.skipped.items()):
            print('  skipped: %d %s' % (n, why))
        print('  executions per configuration: ' + ', '.join(
            '%s %d' % (c, n) for c, n in self.executions.items()))
        print('  mismatches of the guard-mode class: %d' % self.known_guard)
        print('%d passed, %d failed' % (self.passed, self.failed))
        return 1 if self.failed else 0


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--seconds', type=float)
    p.add_argument('--count', type=int)
    p.add_argument('--seed', type=int, default=1)
    p.add_argument('--configs', default=','.join(ALL_CONFIGS))
    p.add_argument('--keep-failures')
    p.add_argument('--quiet', action='store_true',
                   help='print only the last line (for wasm-reduce, whose '
                   'command must print the same while the bug stays)')
    p.add_argument('--work-dir', required=True)
    p.add_argument('--runner', required=True,
                   help='wasm-aot-difffuzz-run')
    p.add_argument('--wasm-aot', required=True)
    p.add_argument('--wasm-opt', required=True)
    p.add_argument('--wasm-validate', required=True)
    p.add_argument('--wat2wasm', default='wat2wasm')
    p.add_argument('--modules', nargs='+',
                   help='run these .wat or .wasm files instead of random '
                   'modules')
    args = p.parse_args()
    if args.seconds is None and args.count is None and not args.modules:
        p.error('give --seconds, --count or --modules')
    os.makedirs(args.work_dir, exist_ok=True)
    return Driver(args).main()


if __name__ == '__main__':
    sys.exit(main())
