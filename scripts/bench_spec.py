"""How long the default spec run takes against a bare `import tensorflow` (a benchmark, not a test).

    python scripts/bench_spec.py                   # 3 interleaved pairs, the spec with -n 2
    python scripts/bench_spec.py --pairs 5 --workers 0 -- -k init
    python scripts/bench_spec.py --compare ../main  # A/B: the same spec command in another checkout too

Protocol (issue 10): the same interpreter runs `python -c "import tensorflow"` and
`python -m pytest specs -n <workers> --dist loadgroup` (as tox runs it) one after the other, `--pairs` times, interleaved so
that a drift of the machine falls on both; the ratio of the medians of the wall times is
printed with every pair, and the CPU time (user + sys of the child processes) next to it.
Run it on an idle machine: the wall ratio is what a person waits, and it is only meaningful
when nothing else runs. Arguments after `--` go to pytest.

`--compare DIR` adds, to every pair, the same spec command run from another checkout (e.g. the
branch point of a change), so a change's gain is measured side by side under the same load.

Both commands get the environment tox gives its envs: PYTHONDONTWRITEBYTECODE is dropped
(tox does not pass it on), so the second and later runs find their bytecode cached, as a
student's do; --keep-env keeps the caller's environment as it is.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(cmd: list[str], env: dict, cwd: Path = ROOT) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the children) of one command, which must succeed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0,):
        sys.exit(f"bench_spec: {' '.join(cmd)} exited {proc.returncode}:\n{proc.stdout[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=3, help="interleaved (import, spec) pairs (default 3)")
    parser.add_argument("--workers", default="2", help="pytest -n value for the spec (default 2; 0: in process)")
    parser.add_argument("--keep-env", action="store_true",
                        help="keep PYTHONDONTWRITEBYTECODE if set (default: dropped, as tox does)")
    parser.add_argument("--compare", metavar="DIR", default=None,
                        help="another checkout whose spec also runs in every pair (A/B under the same load)")
    parser.add_argument("pytest_args", nargs="*", help="extra pytest arguments (after --)")
    args = parser.parse_args(argv)
    if args.pairs < 1:
        parser.error("--pairs must be at least 1")
    other = Path(args.compare).resolve() if args.compare else None
    if other is not None and not (other / "specs").is_dir():
        parser.error(f"--compare {args.compare}: no specs/ folder there (not a checkout of this project)")
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "PYTHONHASHSEED": "0"}
    if not args.keep_env:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory(prefix="bench-spec-") as out:
        bare = [sys.executable, "-c", "import tensorflow"]
        spec = [sys.executable, "-m", "pytest", "specs", "-q", "-n", args.workers, "--report-dir", out,
                *(["--dist", "loadgroup"] if args.workers != "0" else []),
                "--env-name", "bench", "-p", "no:cacheprovider", *args.pytest_args]
        rows = []
        print(f"load average before: {os.getloadavg()[0]:.2f}; {os.cpu_count()} cores; {sys.executable}")
        for i in range(args.pairs):
            b = timed(bare, env)
            s = timed(spec, env)
            o = timed(spec, env, other) if other is not None else None
            rows.append((b, s, o))
            extra = (f"   {other.name}: spec {o[0]:6.1f} s wall ({o[1]:6.1f} s CPU) ratio {o[0] / b[0]:4.1f}×"
                     if o else "")
            print(f"pair {i + 1}: import tensorflow {b[0]:5.1f} s wall ({b[1]:5.1f} s CPU)   "
                  f"spec {s[0]:6.1f} s wall ({s[1]:6.1f} s CPU)   ratio {s[0] / b[0]:4.1f}×{extra}", flush=True)
    bare_wall = statistics.median(r[0][0] for r in rows)
    bare_cpu = statistics.median(r[0][1] for r in rows)
    for label, k in [("spec", 1)] + ([(f"{other.name} spec", 2)] if other else []):
        spec_wall = statistics.median(r[k][0] for r in rows)
        spec_cpu = statistics.median(r[k][1] for r in rows)
        print(f"median: import tensorflow {bare_wall:.1f} s, {label} {spec_wall:.1f} s wall -> "
              f"{spec_wall / bare_wall:.1f}× (CPU {spec_cpu:.1f} s / {bare_cpu:.1f} s = {spec_cpu / bare_cpu:.1f}×)")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
