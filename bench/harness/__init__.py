"""Shared code of the benchmark front ends (bench/polybench.py,
bench/programs.py, bench/suite.py, bench/simd.py).

runners.py  the runners (native, native-march, guard, explicit, simd,
            wasm2c, node, and --runner NAME=WASM_AOT FLAGS...) and how each
            turns C sources or a wasm module into a command to run
measure.py  interleaved runs: per binary and run the kernel time the
            program reports and the process CPU time (wait4)
report.py   medians and ratios, the markdown table, the CSV; the chart,
            drawn by chart.py (matplotlib, optional)
"""
