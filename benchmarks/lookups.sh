#!/usr/bin/env bash
# Counts, per run of baton, the Swift runtime's scans of the binary's conformance records, and names the code
# that asked for each. A scan happens the first time a generic type's associated types are found by name or a
# value is cast dynamically (the standard library's generic `joined`, `String.init` of a slice, `Data(bytes)`,
# hashing a string outside ASCII, _StringProcessing's `contains`): the first of a process costs ~0.3 ms, most
# of it page faults, later ones ~17 us. The common paths make none (thirteenth session); this keeps them so.
#
# usage: benchmarks/lookups.sh [--baton PATH] [PLAN...]
#   --baton PATH  the binary to look at (default .build-static/release/baton, built by scripts/release-build.sh)
#   PLAN...       plans to run on (default: Examples/* and benchmarks/out/plan-2k.md when present)
# Runs show (json and text), lint and next on each plan. Needs perf (Debian: linux-perf) and root (uprobes).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BATON="$ROOT/.build-static/release/baton"
PLANS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --baton) BATON="$2"; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) PLANS+=("$1"); shift ;;
  esac
done
if [ ${#PLANS[@]} -eq 0 ]; then
  PLANS=("$ROOT"/Examples/*.md "$ROOT"/Examples/*.txt)
  [ -f "$ROOT/benchmarks/out/plan-2k.md" ] && PLANS+=("$ROOT/benchmarks/out/plan-2k.md")
fi
command -v perf >/dev/null 2>&1 || { echo "lookups.sh: perf is needed (Debian: apt-get install linux-perf)" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "lookups.sh: uprobes need root" >&2; exit 1; }
[ -x "$BATON" ] || { echo "lookups.sh: no baton binary at $BATON (scripts/release-build.sh builds it)" >&2; exit 1; }

# The scan is a static function of the runtime: found by its symbol, probed by its offset in the file.
symbol=$(nm "$BATON" | awk '$3 ~ /swift_conformsToProtocolMaybeInstantiateSuperclasses/ && $2 == "t" && $3 !~ /clE/ { print $1; exit }')
[ -n "$symbol" ] || { echo "lookups.sh: no conformance scan found in $BATON" >&2; exit 1; }
base=$(readelf -lW "$BATON" | awk '$1 == "LOAD" { print $3; exit }')
offset=$(printf '0x%x' $(( 0x$symbol - base )))
work=$(mktemp -d)
trap 'perf probe -q -d "baton_lookups:*" >/dev/null 2>&1; rm -rf "$work"' EXIT
perf probe -q -d "baton_lookups:*" >/dev/null 2>&1
perf probe -q -x "$BATON" -a "baton_lookups:scan=$offset" >/dev/null 2>&1 \
  || { echo "lookups.sh: perf probe failed (kernel without uprobes?)" >&2; exit 1; }

runs=0; clean=0
for plan in "${PLANS[@]}"; do
  for command in "show --format json" "show" "lint" "next"; do
    runs=$((runs + 1))
    # shellcheck disable=SC2086
    perf record -q -g -e baton_lookups:scan -o "$work/perf.data" -- "$BATON" $command "$plan" >/dev/null 2>&1
    perf script -i "$work/perf.data" -F ip,sym 2>/dev/null \
      | awk 'BEGIN { RS = "" } { n = split($0, f, "\n"); s = ""; c = 0
               for (i = 1; i <= n && c < 3; i++) if (f[i] ~ /\$s/) { split(f[i], w, " "); s = s " <- " w[2]; c++ }
               print s }' > "$work/sites"
    count=$(grep -c . "$work/sites")
    [ "$count" = 0 ] && clean=$((clean + 1))
    printf '%3d  %s %s\n' "$count" "$command" "${plan#"$ROOT"/}"
    cat "$work/sites" >> "$work/all"
  done
done
echo "$clean of $runs runs made no scan"
if [ -s "$work/all" ]; then
  echo "where the scans came from (most first):"
  sort "$work/all" | uniq -c | sort -rn | head -12 | { command -v swift >/dev/null 2>&1 && swift demangle --simplified || cat; } | cut -c1-240
fi
