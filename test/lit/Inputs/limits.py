#!/usr/bin/env python3
"""limits.py: the implementation limits of compiler/ir/Limits.def, for tests.

  limits.py module LIMIT at|over OUT.wasm
      writes a module with exactly the limit's value (at) or one more
      (over) of what LIMIT counts; everything else in it is valid
  limits.py table
      prints the Markdown table of docs/limits.md, made from Limits.def
  limits.py check-doc docs/limits.md
      exits 1, saying what differs, unless docs/limits.md holds that table

The values are read from Limits.def, so a changed limit changes the
modules with it.
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from hostile_module import (  # noqa: E402
    CODE, DATA, DATACOUNT, ELEM, EXPORT, FUNC, GLOBAL, I32, IMPORT, MEMORY,
    TABLE, TYPE, body, functype, i32_const, module, name, section, uleb, vec)

LIMITS_DEF = os.path.join(HERE, "..", "..", "..", "compiler", "ir",
                          "Limits.def")


def read_limits():
    """[(Id, Max, What, Where)] in the order of Limits.def."""
    text = open(LIMITS_DEF).read()
    # Only the rows: after the #error line that names the macro.
    rows = text.split("#endif", 1)[1]
    out = []
    for m in re.finditer(r"WASM_AOT_LIMIT\((\w+),\s*(\d+),\s*((?:\"[^\"]*\"\s*)+),"
                         r"\s*((?:\"[^\"]*\"\s*)+)\)", rows):
        join = lambda s: "".join(re.findall(r"\"([^\"]*)\"", s))
        out.append((m.group(1), int(m.group(2)), join(m.group(3)),
                    join(m.group(4))))
    return out


def limit(ident):
    for row in read_limits():
        if row[0] == ident:
            return row[1]
    raise KeyError(ident)


def empty_func_module(extra_sections=()):
    return module(section(TYPE, vec([functype()])), *extra_sections)


def nop_body_of_size(size):
    """A body (size prefix excluded) of exactly `size` bytes."""
    # An empty locals vector, nops, end.
    code = b"\x00" + b"\x01" * (size - 2) + b"\x0b"
    return uleb(len(code)) + code


# LIMIT -> function(n) writing a module with n of what LIMIT counts.
def m_types(n):
    return module(section(TYPE, uleb(n) + functype() * n))


def m_params(n):
    return module(section(TYPE, vec([functype([I32] * n)])))


def m_results(n):
    return module(section(TYPE, vec([functype((), [I32] * n)])))


def m_imports(n):
    imp = name("m") + name("g") + b"\x03\x7f\x00"  # immutable i32 global
    return module(section(IMPORT, uleb(n) + imp * n))


def m_name_length(n):
    return module(
        section(TYPE, vec([functype()])),
        section(FUNC, vec([uleb(0)])),
        section(EXPORT, vec([name("x" * n) + b"\x00\x00"])),
        section(CODE, vec([body(b"")])))


def m_functions(n):
    return module(
        section(TYPE, vec([functype()])),
        section(FUNC, uleb(n) + b"\x00" * n),
        section(CODE, uleb(n) + body(b"") * n))


def m_tables(n):
    return module(section(TABLE, uleb(n) + b"\x70\x00\x00" * n))


def m_memories(n):
    return module(section(MEMORY, uleb(n) + b"\x00\x00" * n))


def m_globals(n):
    return module(section(GLOBAL, uleb(n) + (b"\x7f\x00" + i32_const(0) +
                                             b"\x0b") * n))


def m_exports(n):
    return module(
        section(TYPE, vec([functype()])),
        section(FUNC, vec([uleb(0)])),
        section(EXPORT, vec(name("e%d" % i) + b"\x00\x00" for i in range(n))),
        section(CODE, vec([body(b"")])))


def m_elem_segments(n):
    # Passive, function indices, no items: three bytes each.
    return module(section(ELEM, uleb(n) + b"\x01\x00\x00" * n))


def m_elem_items(n):
    return module(
        section(TYPE, vec([functype()])),
        section(FUNC, vec([uleb(0)])),
        section(ELEM, vec([b"\x01\x00" + uleb(n) + b"\x00" * n])),
        section(CODE, vec([body(b"")])))


def m_data_segments(n):
    # Passive and empty: two bytes each.
    return module(section(DATA, uleb(n) + b"\x01\x00" * n))


def m_data_count(n):
    # The data count section says n; the data section agrees.
    return module(section(DATACOUNT, uleb(n)),
                  section(DATA, uleb(n) + b"\x01\x00" * n))


def m_table_size(n):
    return module(section(TABLE, vec([b"\x70\x00" + uleb(n)])))


def m_body_size(n):
    return module(
        section(TYPE, vec([functype()])),
        section(FUNC, vec([uleb(0)])),
        section(CODE, vec([nop_body_of_size(n)])))


def m_locals(n):
    # No parameters: all n are declared.
    return module(
        section(TYPE, vec([functype()])),
        section(FUNC, vec([uleb(0)])),
        section(CODE, vec([body(b"", [(n, I32)])])))


def m_locals_with_params(n):
    # Three parameters count towards the n.
    return module(
        section(TYPE, vec([functype([I32] * 3)])),
        section(FUNC, vec([uleb(0)])),
        section(CODE, vec([body(b"", [(n - 3, I32)])])))


def m_br_table(n):
    code = b"\x02\x40\x41\x00\x0e" + uleb(n) + b"\x00" * (n + 1) + b"\x0b"
    return module(
        section(TYPE, vec([functype()])),
        section(FUNC, vec([uleb(0)])),
        section(CODE, vec([body(code)])))


MODULES = {
    "Types": m_types,
    "FunctionParams": m_params,
    "FunctionResults": m_results,
    "Imports": m_imports,
    "NameLength": m_name_length,
    "Functions": m_functions,
    "Tables": m_tables,
    "Memories": m_memories,
    "Globals": m_globals,
    "Exports": m_exports,
    "ElemSegments": m_elem_segments,
    "ElemSegmentItems": m_elem_items,
    "DataSegments": m_data_segments,
    "DataCount": m_data_count,
    "TableSize": m_table_size,
    "FunctionBodySize": m_body_size,
    "FunctionLocals": m_locals,
    "FunctionLocalsWithParams": m_locals_with_params,
    "BrTableTargets": m_br_table,
}

# Module shapes that test a limit under another name.
ALIASES = {"DataCount": "DataSegments",
           "FunctionLocalsWithParams": "FunctionLocals"}


def write_module(shape, which, out):
    if shape == "ModuleSize":
        # A sparse file: no gigabyte is written. The header is valid; the
        # size alone is what must be refused.
        with open(out, "wb") as f:
            f.write(module())
            f.truncate(limit("ModuleSize") + (1 if which == "over" else 0))
        return
    n = limit(ALIASES.get(shape, shape)) + (1 if which == "over" else 0)
    with open(out, "wb") as f:
        f.write(MODULES[shape](n))


def doc_table():
    lines = ["| Limit | At most | Counted | Checked |",
             "| --- | ---: | --- | --- |"]
    for ident, mx, what, where in read_limits():
        lines.append("| `%s` | %s | %s | %s |" % (ident, "{:,}".format(mx),
                                                  what, where))
    return "\n".join(lines) + "\n"


def check_doc(path):
    want = doc_table()
    text = open(path).read()
    if want in text:
        return 0
    sys.stderr.write("%s does not hold the table of Limits.def; it should "
                     "contain exactly (limits.py table):\n%s" % (path, want))
    return 1


def main(argv):
    if len(argv) == 5 and argv[1] == "module" and argv[3] in ("at", "over") \
            and (argv[2] in MODULES or argv[2] == "ModuleSize"):
        write_module(argv[2], argv[3], argv[4])
        return 0
    if len(argv) == 2 and argv[1] == "table":
        sys.stdout.write(doc_table())
        return 0
    if len(argv) == 3 and argv[1] == "check-doc":
        return check_doc(argv[2])
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
