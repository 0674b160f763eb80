#!/usr/bin/env python3
"""Draws the benchmark chart: per panel (a suite), a group of horizontal
bars per benchmark, one bar per runner, from the line at 1.0 (native) to
its ratio of median kernel times to native's on a log scale (left of the
line: faster than native), a whisker from the per-round min to max ratio,
the geometric mean first.

    chart.py SPEC.json OUT.png|OUT.svg

report.chart() calls draw() directly, or runs this file under the system's
python3 when only that one has matplotlib. SPEC is report.chart_spec().
"""
import json
import sys

# Tick sets from fine to coarse: the first with at most 10 ticks in range.
TICK_SETS = [
    [0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3],
    [0.25, 0.5, 0.6, 0.7, 0.8, 1, 1.25, 1.5, 2, 2.5, 3, 4, 5],
    [0.1, 0.2, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 8, 10, 15, 20],
    [0.05, 0.1, 0.2, 0.5, 1, 2, 4, 8, 16, 32, 64, 128],
]
BAR_INCHES = 0.12     # height of one bar
GROUP_GAP = 0.22      # inches between groups


def _limits(spec):
    values = [1.0]
    for panel in spec["panels"]:
        for group in panel["groups"]:
            for bar in group["bars"]:
                values += [v for v in bar if v is not None and v > 0]
    return min(values) / 1.35, max(values) * 1.35


def _ticks(lo, hi):
    for ticks in TICK_SETS:
        inside = [t for t in ticks if lo <= t <= hi]
        if len(inside) <= 10:
            return inside
    return [t for t in TICK_SETS[-1] if lo <= t <= hi]


def draw(spec, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

    runners = spec["runners"]
    n = max(len(runners), 1)
    colors = plt.get_cmap("tab10").colors
    group_inches = n * BAR_INCHES + GROUP_GAP
    heights = [len(p["groups"]) * group_inches + 0.6 for p in spec["panels"]]
    fig, axes = plt.subplots(
        len(heights), 1, figsize=(10, sum(heights) + 0.9),
        gridspec_kw={"height_ratios": heights}, squeeze=False)
    lo, hi = _limits(spec)
    ticks = _ticks(lo, hi)
    bar = (1 - GROUP_GAP / group_inches) / n  # in group units (1 per group)

    for ax, panel in zip(axes[:, 0], spec["panels"]):
        groups = panel["groups"]
        labels = []
        for g, group in enumerate(groups):
            labels.append(group["name"])
            if g == 0:
                ax.axhspan(g - 0.5, g + 0.5, color="0.93", zorder=0)
            elif g > 0:
                ax.axhline(g - 0.5, color="0.85", linewidth=0.5, zorder=0)
            for j, (ratio, rmin, rmax) in enumerate(group["bars"]):
                y = g - 0.5 + GROUP_GAP / group_inches / 2 + bar * (j + 0.5)
                if ratio is None:
                    ax.text(lo * 1.05, y, "n/a", va="center", fontsize=6, color="0.4")
                    continue
                # From the native line: left is faster, right slower.
                ax.barh(y, ratio - 1, left=1, height=bar * 0.9,
                        color=colors[j % len(colors)], zorder=2)
                if rmin is not None and rmax is not None and rmax > rmin:
                    ax.plot([rmin, rmax], [y, y], color="0.15", linewidth=0.7, zorder=3)
                if ratio >= 1:
                    ax.text(max(ratio, rmax or 0) * 1.02, y, "%.2f" % ratio,
                            va="center", ha="left", fontsize=6, zorder=4)
                else:
                    ax.text(min(ratio, rmin or ratio) / 1.02, y, "%.2f" % ratio,
                            va="center", ha="right", fontsize=6, zorder=4)
        ax.set_xscale("log")
        ax.set_xlim(lo, hi)
        ax.xaxis.set_major_locator(FixedLocator(ticks))
        ax.xaxis.set_minor_locator(NullLocator())
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: "%gx" % v))
        ax.tick_params(axis="x", labelsize=8, labeltop=True, top=True)
        ax.set_yticks(range(len(groups)))
        ax.set_yticklabels(labels, fontsize=8)
        ax.get_yticklabels()[0].set_fontweight("bold")
        ax.set_ylim(len(groups) - 0.5, -0.5)
        ax.axvline(1.0, color="black", linewidth=1, zorder=3)
        ax.grid(axis="x", color="0.85", linewidth=0.5, zorder=1)
        ax.set_title(panel["title"], fontsize=10, loc="left")
    handles = [Patch(color=colors[j % len(colors)], label=r) for j, r in enumerate(runners)]
    fig.legend(handles=handles, loc="upper center", ncol=min(n, 7), fontsize=8,
               frameon=False, bbox_to_anchor=(0.5, 1.0))
    fig.tight_layout(rect=(0, 0, 1, 1 - 0.35 / (sum(heights) + 0.9)))
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1]) as f:
        spec = json.load(f)
    draw(spec, argv[2])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
