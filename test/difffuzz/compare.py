"""Compares binaryen's --fuzz-exec output with wasm-aot-difffuzz-run's.

Both print the same kinds of line (see DiffFuzzRun.cpp):

    [fuzz-exec] calling NAME
    [fuzz-exec] note result: NAME => VALUES
    [LoggingExternalInterface logging VALUES]
    [trap MESSAGE]

Everything else binaryen prints (warnings) is ignored. Lines must agree
one for one, with these rules:

- A trap is a trap: the messages are the two implementations' own words.
- Integers (our token has no '.', 'e', "inf" or "nan") must be equal.
- Floats (our token has one) are read as doubles on both sides, so
  binaryen's spellings ("1.e+300", "1e21", "5") compare by value; the sign
  of zero counts.
- NaN: sign and payload must be equal. WebAssembly leaves open which NaN
  an arithmetic instruction returns (binaryen's interpreter picks the
  positive canonical NaN, x86 the negative one or an operand's payload), so
  the driver never runs a module where that shows: it goes either through
  `wasm-opt --denan` (no NaN ever reaches an instruction) or through
  canonical_nans.py (every arithmetic NaN made the positive canonical one).
  Every NaN left comes from a constant, memory, a reinterpretation or a
  bit-exact instruction (neg, abs, copysign, moves), whose bits are defined.
- References: binaryen prints a single reference result as its type name
  and names functions by index; binaryen 108 calls externref "anyref".
- `[host limit ...]` from binaryen means its interpreter gave up; the run
  cannot be compared (binaryen's own fuzzer ignores it too).
"""

import math
import re

_KEPT = ('[fuzz-exec] calling ', '[fuzz-exec] note result: ',
         '[LoggingExternalInterface logging', '[trap', '[host limit')
_INT = re.compile(r'-?\d+$')


class Line:
    """One meaningful line: kind ('call', 'result', 'log', 'trap',
    'hostlimit'), the export name for calls and results, and value tokens."""

    def __init__(self, kind, name='', values=(), text=''):
        self.kind = kind
        self.name = name
        self.values = list(values)
        self.text = text


def _split_values(text):
    text = text.strip()
    if text.startswith('(') and text.endswith(')'):
        inner = text[1:-1].strip()
        return [v.strip() for v in inner.split(',')] if inner else []
    return [text]


def parse(output):
    """The meaningful lines of an output, in order."""
    lines = []
    for raw in output.splitlines():
        line = raw.rstrip()
        if not line.startswith(_KEPT):
            continue
        if line.startswith('[fuzz-exec] calling '):
            lines.append(Line('call', line[len('[fuzz-exec] calling '):],
                              text=line))
        elif line.startswith('[fuzz-exec] note result: '):
            rest = line[len('[fuzz-exec] note result: '):]
            name, _, values = rest.partition(' => ')
            lines.append(Line('result', name, _split_values(values),
                              text=line))
        elif line.startswith('[LoggingExternalInterface logging'):
            body = line[len('[LoggingExternalInterface logging'):]
            body = body.rstrip(']').split()
            lines.append(Line('log', values=body, text=line))
        elif line.startswith('[trap'):
            lines.append(Line('trap', text=line))
        else:
            lines.append(Line('hostlimit', text=line))
    return lines


def _is_nan(token):
    return token.lstrip('-').startswith('nan')


def _nan_bits(token):
    """(negative, payload) of binaryen's "-nan:0x400000" spelling; a bare
    "nan" has payload 0 as binaryen prints it."""
    negative = token.startswith('-')
    _, _, payload = token.partition(':')
    return negative, int(payload, 16) if payload else 0


def _float(token):
    t = token.lower()
    if t in ('infinity', 'inf'):
        return math.inf
    if t in ('-infinity', '-inf'):
        return -math.inf
    return float(t)


def _same_ref(ours, ref):
    ref = ref.replace('anyref', 'externref')
    return ours == ref


def same_value(ours, ref):
    """Whether our value token and binaryen's denote the same value."""
    if _is_nan(ours) or _is_nan(ref):
        return _is_nan(ours) and _is_nan(ref) and \
            _nan_bits(ours) == _nan_bits(ref)
    if 'ref' in ours or 'ref' in ref:
        return _same_ref(ours, ref)
    if _INT.match(ours):
        return _INT.match(ref) is not None and int(ours) == int(ref)
    try:
        a, b = _float(ours), _float(ref)
    except ValueError:
        return False
    return a == b and math.copysign(1, a) == math.copysign(1, b)


def _same_line(ours, ref):
    if ours.kind != ref.kind or ours.name != ref.name:
        return False
    if len(ours.values) != len(ref.values):
        return False
    return all(same_value(a, b) for a, b in zip(ours.values, ref.values))


class Verdict:
    """`status` is 'pass', 'fail' or 'inconclusive'; `summary` says where
    the outputs part; `index` is the first differing meaningful line;
    `lost_trap` says that binaryen trapped there and we did not,
    `after_trap` that something trapped before (so state such as memory
    may differ if side effects were moved across the trapping access)."""

    def __init__(self, status, summary='', index=-1, lost_trap=False,
                 after_trap=False):
        self.status = status
        self.summary = summary
        self.index = index
        self.lost_trap = lost_trap
        self.after_trap = after_trap


def compare(ours_text, ref_text):
    ref = parse(ref_text)
    if any(l.kind == 'hostlimit' for l in ref):
        return Verdict('inconclusive', 'binaryen hit a host limit')
    ours = parse(ours_text)
    for i, (a, b) in enumerate(zip(ours, ref)):
        if not _same_line(a, b):
            return Verdict('fail', 'line %d: ours %r, binaryen %r' %
                           (i + 1, a.text, b.text), i,
                           b.kind == 'trap' and a.kind != 'trap',
                           any(l.kind == 'trap' for l in ref[:i]))
    if len(ours) != len(ref):
        i = min(len(ours), len(ref))
        extra = ours[i].text if len(ours) > i else ref[i].text
        who = 'ours' if len(ours) > i else 'binaryen'
        return Verdict('fail', 'line %d: only %s has %r' % (i + 1, who, extra),
                       i, who == 'binaryen' and ref[i].kind == 'trap',
                       any(l.kind == 'trap' for l in ref[:i]))
    return Verdict('pass')
