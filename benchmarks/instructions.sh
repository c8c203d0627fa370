#!/usr/bin/env bash
# Instructions executed by `baton show --format json` (or another command) on a plan, counted by valgrind's
# callgrind: the same to within about half a percent from run to run (the two threads' waits vary a little),
# where wall and CPU times on a shared host vary by 10% and more. For telling two builds apart when the
# change is a few percent; times are still what the targets are judged by (run.sh, interleave.py), and fewer
# instructions is not always less time (allocations and atomics cost more than their count says).
#
# usage: benchmarks/instructions.sh [--top N] [--baton PATH] [--] [PLAN] [COMMAND ARG...]
#   --top N       also print the N functions that executed the most instructions themselves
#   --baton PATH  the binary to count (default .build-static/release/baton)
#   PLAN          default benchmarks/out/plan-2k.md (made by run.sh or generate_plan.py)
#   COMMAND...    default: show --format json
# Needs valgrind (Debian: valgrind). The callgrind output is kept at benchmarks/out/callgrind.out for
# callgrind_annotate (--tree=caller shows who calls a function, --inclusive=yes whole subtrees).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BATON="$ROOT/.build-static/release/baton"
TOP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --top) [ $# -ge 2 ] || { echo "instructions.sh: --top needs a number" >&2; exit 64; }; TOP="$2"; shift 2 ;;
    --baton) [ $# -ge 2 ] || { echo "instructions.sh: --baton needs a path" >&2; exit 64; }; BATON="$2"; shift 2 ;;
    --) shift; break ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) break ;;
  esac
done
PLAN="${1:-$ROOT/benchmarks/out/plan-2k.md}"
[ $# -gt 0 ] && shift
COMMAND=("$@")
[ ${#COMMAND[@]} -gt 0 ] || COMMAND=(show --format json)

for tool in valgrind callgrind_annotate strip strings; do
  command -v "$tool" >/dev/null 2>&1 || { echo "instructions.sh: $tool is missing (Debian: apt-get install valgrind binutils)" >&2; exit 1; }
done
[ -x "$BATON" ] || { echo "instructions.sh: no baton binary at $BATON (scripts/release-build.sh builds it)" >&2; exit 1; }
[ -f "$PLAN" ] || { echo "instructions.sh: no plan at $PLAN (benchmarks/run.sh or generate_plan.py makes it)" >&2; exit 1; }

OUT="$ROOT/benchmarks/out"
mkdir -p "$OUT"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# Valgrind cannot read the static binary's debug information: count a copy without it (symbols stay).
strip --strip-debug -o "$WORK/baton" "$BATON"
# A plan of 1 MiB or more makes baton start itself again with allocator settings (CSystemCalls.c); under
# valgrind that second start would not be counted. Set what the second start would have (read from the
# binary; builds before those settings have none and never start again), which skips it.
ENVIRONMENT=()
TUNABLES="$(strings -a "$BATON" | grep -m 1 '^glibc\.malloc\.hugetlb=' || true)"
if [ -n "$TUNABLES" ] && [ "$(wc -c <"$PLAN")" -ge 1048576 ]; then
  ENVIRONMENT=(BATON_ALLOCATOR_TUNED=1 "GLIBC_TUNABLES=$TUNABLES")
fi
env "${ENVIRONMENT[@]}" valgrind --tool=callgrind --callgrind-out-file="$OUT/callgrind.out" --log-file="$WORK/valgrind.log" \
  "$WORK/baton" "${COMMAND[@]}" "$PLAN" >/dev/null 2>&1 || true
total="$(awk '/refs:/ { gsub(",", "", $NF); print $NF }' "$WORK/valgrind.log")"
[ -n "$total" ] || { echo "instructions.sh: valgrind failed:" >&2; tail -5 "$WORK/valgrind.log" >&2; exit 1; }
printf '%s instructions: baton %s %s\n' "$total" "${COMMAND[*]}" "$PLAN"
if [ "$TOP" -gt 0 ]; then
  callgrind_annotate "$OUT/callgrind.out" | sed -n '/file:function/,$p' | sed -n "3,$((TOP + 2))p" \
    | sed -E 's/ \[[^]]*\]$//; s/\?\?\?://'
fi
