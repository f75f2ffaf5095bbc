"""How long the CI command's parts take, from a fresh clone (a benchmark, not a test).

    python scripts/bench_ci.py                         # fresh clone of HEAD, .ci/run's command as written
    python scripts/bench_ci.py --envs tf221,selftest   # these tox envs one after the other, each timed
    python scripts/bench_ci.py --keep ../ci-clone      # keep the clone (and its .tox) afterwards
    python scripts/bench_ci.py --rev ec969ef           # the same for an earlier commit (A/B: run both)

The CI command is the last line of .ci/run (the README's test command): a venv with tox and
tox-uv, then `tox -e tf215,tf221,fix,report,selftest`. By default this script runs that very line
in a fresh clone of the committed HEAD (`git clone --local`: no .tox, no reports, no bytecode of
the project) and prints its wall time, the CPU time of its processes (user + sys of the children)
and the time tox gives for each env. With --envs it times the bootstrap and then `tox -e <env>`
for each env, one after the other. uv's cache is whatever
this machine has (warm after the first run, as in the README's measurement); each new env
installs from it and then compiles the bytecode of what it imports on first use (uv does not
precompile): a fresh env's first `import tensorflow` costs ≈ 17 s CPU instead of ≈ 7 s
(docs/performance.md). Chromium is not installed here (.ci/run does that as root).

Run it on an idle machine: the wall times are what a person waits, and they are only meaningful
when nothing else runs; the CPU times are steadier when other work shares the cores.
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CI_ENVS = ["tf215", "tf221", "fix", "report", "selftest"]


def timed(label: str, cmd: list[str], cwd: Path, env: dict, log: Path) -> tuple[float, float]:
    """(wall s, CPU s of the children) of one command, which must succeed; its output goes to `log`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with log.open("a", encoding="utf-8") as out:
        out.write(f"\n$ {' '.join(cmd)}\n")
        out.flush()
        proc = subprocess.run(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        sys.exit(f"bench_ci: {label}: `{' '.join(cmd)}` exited {proc.returncode}; the end of its output:\n{tail}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def ci_command(clone: Path) -> str:
    """The README's test command as .ci/run runs it (its last line that starts with python3.11)."""
    lines = [ln.strip() for ln in (clone / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    commands = [ln for ln in lines if ln.startswith("python3.11 ")]
    if not commands:
        sys.exit("bench_ci: .ci/run has no line that starts with `python3.11 `")
    return commands[-1]


TOX_ENV_LINE = re.compile(r"^\s*(\S+): (OK|FAIL|SKIP)\S* \(([\d.]+)(?:=setup\[([\d.]+)\]\+cmd\[([\d.,+]+)\])? seconds\)")


def whole_command(clone: Path, env: dict, log: Path, python: str) -> int:
    command = ci_command(clone)
    if python != "python3.11":
        command = command.replace("python3.11 ", f"{python} ", 1)
    print(f"$ {command}", flush=True)
    wall, cpu = timed("CI command", ["bash", "-c", command], clone, env, log)
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        m = TOX_ENV_LINE.match(line)
        if m:
            setup = f" (setup {m.group(4)} s)" if m.group(4) else ""
            print(f"  {m.group(1):12s} {m.group(2):4s} {float(m.group(3)):7.1f} s{setup}")
    print(f"{'total':14s} {wall:7.1f} s wall {cpu:7.1f} s CPU ({wall / 60:.1f} min); "
          f"load average after {os.getloadavg()[0]:.2f}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--envs", default=None,
                        help=f"time these tox envs one by one, in order (e.g. {','.join(CI_ENVS)}); "
                             "default: .ci/run's command as written, timed whole")
    parser.add_argument("--python", default="python3.11", help="the interpreter .ci/run uses (default python3.11)")
    parser.add_argument("--rev", default="HEAD", help="the commit to clone and time (default HEAD)")
    parser.add_argument("--keep", metavar="DIR", default=None,
                        help="clone into DIR (must not exist) and keep it; default: a temporary directory")
    args = parser.parse_args(argv)
    args.envs_given = args.envs is not None
    envs = [e for e in (args.envs or ",".join(CI_ENVS)).split(",") if e]
    if not envs:
        parser.error("--envs names no env")
    if shutil.which(args.python) is None:
        parser.error(f"--python {args.python}: not found")
    if args.keep and Path(args.keep).exists():
        parser.error(f"--keep {args.keep}: already exists (the clone must be fresh)")

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "VIRTUAL_ENV")}
    holder = None if args.keep else tempfile.TemporaryDirectory(prefix="bench-ci-")
    clone = Path(args.keep) if args.keep else Path(holder.name) / "clone"
    log = clone.parent / f"{clone.name}.log"
    try:
        # the commit as this checkout names it (a worktree's HEAD is not the clone's default branch)
        rev = subprocess.run(["git", "rev-parse", "--verify", f"{args.rev}^{{commit}}"], cwd=ROOT,
                             capture_output=True, text=True, check=False)
        if rev.returncode != 0:
            parser.error(f"--rev {args.rev}: not a commit of {ROOT}")
        subprocess.run(["git", "clone", "-q", "--local", "--no-hardlinks", str(ROOT), str(clone)], check=True)
        subprocess.run(["git", "checkout", "-q", "--detach", rev.stdout.strip()], cwd=clone, check=True)
        head = rev.stdout.strip()[:7]
        print(f"fresh clone of {head} in {clone}; load average {os.getloadavg()[0]:.2f}; {os.cpu_count()} cores"
              + (f"; log: {log}" if args.keep else ""), flush=True)
        if not args.envs_given:
            return whole_command(clone, env, log, args.python)
        bootstrap = f"{args.python} -m venv .venv && .venv/bin/pip install -q 'tox>=4.20' 'tox-uv>=1.11'"
        rows = [("bootstrap (venv + tox, tox-uv)", *timed("bootstrap", ["bash", "-c", bootstrap], clone, env, log))]
        print(f"{rows[-1][0]:34s} {rows[-1][1]:7.1f} s wall {rows[-1][2]:7.1f} s CPU", flush=True)
        for name in envs:
            rows.append((f"tox -e {name}", *timed(name, [str(clone / ".venv/bin/tox"), "-e", name], clone, env, log)))
            print(f"{rows[-1][0]:34s} {rows[-1][1]:7.1f} s wall {rows[-1][2]:7.1f} s CPU", flush=True)
        wall, cpu = sum(r[1] for r in rows), sum(r[2] for r in rows)
        print(f"{'total':34s} {wall:7.1f} s wall {cpu:7.1f} s CPU ({wall / 60:.1f} min); "
              f"load average after {os.getloadavg()[0]:.2f}")
    finally:
        if holder is not None:
            holder.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
