#!/usr/bin/env python3
"""Whole-process wall times of several commands, run in turn: A, B, A, B, ...

usage: interleave.py [--runs 41] [--warmup 3] [--noise BUSY:IDLE] -- CMD_A ARG... -- CMD_B ARG... [-- CMD_C ...]

For telling two builds of Baton apart: run.sh times each command in a block of its own, and a change in
the host's load between blocks (10% and more on a shared 2-core host) is larger than most single changes.
Alternating puts the same load under both. Even so, two copies of one binary (same bytes, two files) came
out up to 0.8 ms apart on the 2 MB plan (2.5%; one file in both places: 0.2 ms), so smaller differences
are not differences: check a gain with the two builds swapped. It is not the way to compare Baton with
cmark-gfm: run after each other, both were slower than in blocks, cmark-gfm by ~4 ms and Baton by ~2.5 (each starts after the
other has filled caches and freed memory), so the ratio came out ~0.1 lower than run.sh's. The targets are
judged by run.sh. Prints the median, first quartile and minimum in milliseconds of each command, then each
command's median over the last one's. --noise BUSY:IDLE runs a process beside them that spins for BUSY
milliseconds and sleeps for IDLE, over and over: a stand-in for a busy neighbour on a shared host, which
slows a program that works on two cores more than one that works on one (ninth session: 3:9 took Baton
from 33.7 to 42.5 ms and left cmark-gfm at 34.4).
Python 3 standard library only; stdout and stderr of the commands go to /dev/null.
"""
import argparse
import importlib.util
import os
import statistics
import subprocess
import sys


def load_timer():
    # The process runner of timeit.py, loaded by path: `import timeit` would find the standard library's.
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "timeit.py")
    spec = importlib.util.spec_from_file_location("baton_timeit", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def noise_pattern(text):
    """`BUSY:IDLE` in milliseconds, as seconds."""
    try:
        busy, idle = (float(part) / 1000 for part in text.split(":"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected BUSY:IDLE in milliseconds, got {text!r}")
    return busy, idle


def main():
    timer = load_timer()
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=41)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--noise", type=noise_pattern, help="BUSY:IDLE milliseconds of a spinning process beside the runs")
    parsed = timer.split_options(sys.argv[1:], parser)
    if parsed is None:
        print(__doc__, file=sys.stderr)
        return 2
    options, words = parsed
    commands, current = [], []
    for word in words:
        if word == "--":
            commands.append(current)
            current = []
        else:
            current.append(word)
    commands.append(current)
    run_once = timer.run_once
    if len(commands) < 2 or any(not command for command in commands):
        print("interleave.py: give at least two commands, separated by --", file=sys.stderr)
        return 64
    noise = None
    if options.noise:
        busy, idle = options.noise
        spin = (f"import time\nwhile True:\n    end = time.perf_counter() + {busy}\n"
                f"    while time.perf_counter() < end: pass\n    time.sleep({idle})\n")
        noise = subprocess.Popen([sys.executable, "-c", spin])
    try:
        for command in commands:
            for _ in range(options.warmup):
                run_once(command)
        times = [[] for _ in commands]
        for _ in range(options.runs):
            for index, command in enumerate(commands):
                times[index].append(run_once(command)[0])
    finally:
        if noise:
            noise.kill()
            noise.wait()
    medians = []
    for command, measured in zip(commands, times):
        measured.sort()
        median = statistics.median(measured)
        medians.append(median)
        print(f"{median:7.1f} ms median  {measured[len(measured) // 4]:7.1f} p25  {measured[0]:7.1f} min  "
              f"{' '.join(command)}")
    for command, median in zip(commands[:-1], medians[:-1]):
        print(f"ratio {median / medians[-1]:.2f}  {' '.join(command)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
