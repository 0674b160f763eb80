"""Medians and ratios, the markdown table, the CSV and the chart.

Per benchmark and runner: the median of the kernel times over the runs
with their min and max, the same for the CPU times, and the ratio of
medians to native's (the baseline). The spread of a ratio is the min and
max over the rounds of the runner's time in a round divided by native's in
the same round (the runs are interleaved, so a round's two runs saw the
same machine). The geometric means are taken over the benchmarks; their
spread is the geometric mean of the per-benchmark min and max ratios.
"""
import csv
import importlib.util
import json
import math
import os
import statistics
import subprocess
import sys

BASELINE = "native"
FIELDS = ["suite", "kernel", "size", "runner", "runs",
          "kernel_s_median", "kernel_s_min", "kernel_s_max",
          "cpu_s_median", "cpu_s_min", "cpu_s_max",
          "ratio", "ratio_min", "ratio_max", "cpu_ratio"]


def _ratio(a, b):
    return a / b if b > 0 else None


def summarize(items, runners, results):
    """One row (a dict of FIELDS) per item and runner that ran."""
    rows = []
    for item in items:
        base = results.get((item.key, BASELINE))
        for r in runners:
            samples = results.get((item.key, r))
            if not samples:
                continue
            ks = [s[0] for s in samples]
            cs = [s[1] for s in samples]
            row = {"suite": item.suite, "kernel": item.name, "size": item.size,
                   "runner": r, "runs": len(samples),
                   "kernel_s_median": statistics.median(ks),
                   "kernel_s_min": min(ks), "kernel_s_max": max(ks),
                   "cpu_s_median": statistics.median(cs),
                   "cpu_s_min": min(cs), "cpu_s_max": max(cs),
                   "ratio": None, "ratio_min": None, "ratio_max": None,
                   "cpu_ratio": None}
            if base:
                bk = [s[0] for s in base]
                bc = [s[1] for s in base]
                row["ratio"] = _ratio(row["kernel_s_median"], statistics.median(bk))
                row["cpu_ratio"] = _ratio(row["cpu_s_median"], statistics.median(bc))
                rounds = [_ratio(a, b) for a, b in zip(ks, bk)]
                rounds = [x for x in rounds if x is not None]
                if rounds and row["ratio"] is not None:
                    row["ratio_min"], row["ratio_max"] = min(rounds), max(rounds)
            rows.append(row)
    return rows


def geomean(values):
    values = [v for v in values if v is not None and v > 0]
    return math.exp(statistics.mean(math.log(v) for v in values)) if values else None


def geomeans(rows, runner):
    """{ratio, ratio_min, ratio_max, cpu_ratio, n} over the rows of one runner
    that have a ratio."""
    mine = [row for row in rows if row["runner"] == runner and row["ratio"] is not None]
    out = {"n": len(mine)}
    for field in ("ratio", "ratio_min", "ratio_max", "cpu_ratio"):
        out[field] = geomean([row[field] for row in mine])
    return out


def _x(value, digits=2, bold=False):
    if value is None:
        return "-"
    text = "%.*fx" % (digits, value)
    return "**%s**" % text if bold else text


def _seconds(value):
    return "%.3f" % value if value >= 0.01 else "%.2g" % value


def markdown(rows, runners, label="kernel"):
    """The main table: a row per benchmark with native's median kernel
    seconds and every other runner's ratio of medians; then the geometric
    means of the ratios, of their per-round min and max, and of the CPU
    time ratios. A runner that did not run a benchmark (its build failed)
    has an empty cell."""
    others = [r for r in runners if r != BASELINE]
    by = {(row["kernel"], row["runner"]): row for row in rows}
    names = []
    for row in rows:
        if row["kernel"] not in names:
            names.append(row["kernel"])
    lines = ["| %s | native s | %s |" % (label, " | ".join(others)),
             "|---|---:|" + "---:|" * len(others)]
    for name in names:
        base = by.get((name, BASELINE))
        cells = [name, _seconds(base["kernel_s_median"]) if base else ""]
        for r in others:
            row = by.get((name, r))
            cells.append(_x(row["ratio"]) if row else "")
        lines.append("| " + " | ".join(cells) + " |")
    stats = {r: geomeans(rows, r) for r in others}
    lines.append("| **geomean** | | " + " | ".join(
        _x(stats[r]["ratio"], 3, bold=True) for r in others) + " |")
    lines.append("| min-max | | " + " | ".join(
        "%s-%s" % (_x(stats[r]["ratio_min"]), _x(stats[r]["ratio_max"]))
        if stats[r]["ratio_min"] is not None else "-" for r in others) + " |")
    lines.append("| CPU time | | " + " | ".join(
        _x(stats[r]["cpu_ratio"], 3) for r in others) + " |")
    return "\n".join(lines)


LEGEND = ("Ratios of median kernel times to native's (clang-19 -O2, generic "
          "x86-64), lower is faster; `native s`: native's median kernel "
          "seconds. Last rows, geometric means over the %s: of the ratios, of "
          "the per-round min and max ratios (each run against native's run "
          "in the same round), and of the process CPU time ratios.")


def section(rows, runners, failures=(), label="kernel", noun="kernels"):
    """The table, its legend and the failed builds, as markdown."""
    text = markdown(rows, runners, label) + "\n\n" + LEGEND % noun + "\n"
    if failures:
        text += "\n%d build(s) failed; their cells are empty:\n" % len(failures)
        text += "".join("- %s\n" % f for f in failures)
    return text


def write_csv(rows, path, fields=FIELDS):
    """Floats with 6 significant digits, None as an empty field."""
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        for row in rows:
            w.writerow({k: ("" if v is None else
                            "%.6g" % v if isinstance(v, float) else v)
                        for k, v in row.items()})


def chart_spec(panels, runners):
    """What chart.py draws: per panel a title and, per benchmark (the
    geometric mean first), each runner's ratio with its min and max."""
    others = [r for r in runners if r != BASELINE]
    spec = {"runners": others, "panels": []}
    for title, rows in panels:
        by = {(row["kernel"], row["runner"]): row for row in rows}
        names = []
        for row in rows:
            if row["kernel"] not in names:
                names.append(row["kernel"])
        groups = []
        stats = {r: geomeans(rows, r) for r in others}
        groups.append({"name": "geomean", "bars": [
            [stats[r]["ratio"], stats[r]["ratio_min"], stats[r]["ratio_max"]]
            for r in others]})
        for name in names:
            bars = []
            for r in others:
                row = by.get((name, r))
                bars.append([row["ratio"], row["ratio_min"], row["ratio_max"]]
                            if row else [None, None, None])
            groups.append({"name": name, "bars": bars})
        spec["panels"].append({"title": title, "groups": groups})
    return spec


SYSTEM_PYTHON = "/usr/bin/python3"


def chart(panels, runners, path, log=None):
    """Draws the chart into path (.png or .svg). Returns False, after
    saying so, when matplotlib is missing: the chart is optional. When this
    python lacks matplotlib but the system's python3 has it (Debian's
    python3-matplotlib under a pyenv python), chart.py runs there."""
    log = log or (lambda message: print(message, file=sys.stderr))
    spec = chart_spec(panels, runners)
    here = os.path.dirname(os.path.abspath(__file__))
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        script = os.path.join(here, "chart.py")
        if os.path.realpath(sys.executable) != os.path.realpath(SYSTEM_PYTHON) \
                and os.path.exists(SYSTEM_PYTHON) and subprocess.run(
                    [SYSTEM_PYTHON, "-c", "import matplotlib"],
                    capture_output=True).returncode == 0:
            data = path + ".json"
            with open(data, "w") as f:
                json.dump(spec, f)
            r = subprocess.run([SYSTEM_PYTHON, script, data, path],
                               capture_output=True, text=True)
            os.unlink(data)
            if r.returncode == 0:
                return True
            log("chart: %s failed:\n%s" % (script, r.stderr))
            return False
        log("chart: no matplotlib (apt-get install python3-matplotlib); "
            "no chart written")
        return False
    loader = importlib.util.spec_from_file_location(
        "bench_chart", os.path.join(here, "chart.py"))
    chart_module = importlib.util.module_from_spec(loader)
    loader.loader.exec_module(chart_module)
    chart_module.draw(spec, path)
    return True


def emit(rows, runners, failures, args, title, log, label="kernel",
         noun="kernels"):
    """A front end's output: the table on stdout, and the CSV and chart
    that args.csv and args.chart ask for."""
    print(section(rows, runners, failures, label, noun), end="")
    if args.csv:
        write_csv(rows, args.csv)
    if args.chart:
        heading = "%s: kernel time / native (clang-19 -O2), %d run(s), lower is faster" % (
            title, args.runs)
        chart([(heading, rows)], runners, args.chart, log)
