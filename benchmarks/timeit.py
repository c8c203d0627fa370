#!/usr/bin/env python3
"""Small whole-process timer, used by run.sh when hyperfine is not installed.

usage: timeit.py [--runs 5] [--prepare 'SHELL CMD'] [--json FILE] -- CMD ARG...

Runs CMD (no shell; stdout and stderr to /dev/null) --runs times, each preceded by the
--prepare shell command, and prints the median wall time in milliseconds. With --json
it writes {"median_ms", "times_ms", "max_rss_kb", "exit_codes"}; max_rss_kb is the peak
resident set of the process (from wait4), the same figure as `/usr/bin/time -f %M`.
Python 3 standard library only.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time


def run_once(cmd):
    devnull = os.open(os.devnull, os.O_RDWR)
    start = time.perf_counter()
    pid = os.posix_spawnp(cmd[0], cmd, dict(os.environ), file_actions=[
        (os.POSIX_SPAWN_DUP2, devnull, 0), (os.POSIX_SPAWN_DUP2, devnull, 1),
        (os.POSIX_SPAWN_DUP2, devnull, 2)])
    _, status, usage = os.wait4(pid, 0)
    elapsed = (time.perf_counter() - start) * 1000.0
    os.close(devnull)
    return elapsed, os.waitstatus_to_exitcode(status), usage.ru_maxrss


def split_options(argv, parser):
    """The options before the first `--`, parsed, and the words after it; None when there is no `--`."""
    if "--" not in argv:
        return None
    split = argv.index("--")
    return parser.parse_args(argv[:split]), argv[split + 1:]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--prepare")
    p.add_argument("--json")
    parsed = split_options(sys.argv[1:], p)
    if parsed is None:
        print(__doc__, file=sys.stderr)
        return 2
    args, cmd = parsed
    times, codes, rss = [], [], 0
    for _ in range(args.runs):
        if args.prepare:
            subprocess.run(args.prepare, shell=True, check=False)
        elapsed, code, maxrss = run_once(cmd)
        times.append(elapsed)
        codes.append(code)
        rss = max(rss, maxrss)
    median = statistics.median(times)
    print(f"{median:.1f}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"median_ms": median, "times_ms": times, "max_rss_kb": rss, "exit_codes": codes}, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
