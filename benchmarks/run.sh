#!/usr/bin/env bash
# Baton benchmarks: whole-process wall time (median of N runs) and peak RSS of
# `baton` against reference tools on generated plans. Writes the results table into
# BENCHMARKS.md between the benchmarks:begin/end markers.
#
# usage: benchmarks/run.sh [--runs N] [--no-build] [--baton PATH] [--no-update]
#   --runs N      runs per measurement (default 5; the median is reported)
#   --no-build    do not build; use the existing binary
#   --baton PATH  the baton binary to measure (default .build-static/release/baton)
#   --no-update   print the results but leave BENCHMARKS.md alone
# Environment: BENCH_TIMER=python uses benchmarks/timeit.py even when hyperfine is installed.
# To tell two builds of baton apart, alternate them: benchmarks/interleave.py -- OLD show ... -- NEW show ...
#
# Needs: python3, cmark-gfm, ninja (Debian: cmark-gfm ninja-build); optional:
# hyperfine (timing), GNU time at /usr/bin/time (peak RSS; Debian: time).
# Subcommands baton does not have yet are reported as "not available".
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/benchmarks"
OUT="$BENCH/out"
RUNS=5
BUILD=1
UPDATE=1
# Measured as it would ship: the static release build of scripts/release-build.sh (README, "Release build"),
# in a build directory of its own that keeps the everyday `.build` untouched.
BATON="$ROOT/.build-static/release/baton"

while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --baton) BATON="$2"; shift 2 ;;
    --no-update) UPDATE=0; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 64 ;;
  esac
done

log() { printf '%s\n' "$*" >&2; }

# ---------------------------------------------------------------- tools
missing=()
command -v cmark-gfm >/dev/null 2>&1 || missing+=(cmark-gfm)
command -v ninja >/dev/null 2>&1 || missing+=(ninja-build)
command -v hyperfine >/dev/null 2>&1 || missing+=(hyperfine)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing ${missing[*]}"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } >/dev/null 2>&1 \
      || log "warning: apt-get install ${missing[*]} failed; continuing without them"
  else
    log "missing tools; install them with: sudo apt-get install -y ${missing[*]}"
  fi
fi
HAVE_HYPERFINE=0; command -v hyperfine >/dev/null 2>&1 && [ "${BENCH_TIMER:-}" != python ] && HAVE_HYPERFINE=1
HAVE_TIME=0; [ -x /usr/bin/time ] && HAVE_TIME=1

# ---------------------------------------------------------------- build
mkdir -p "$OUT"
if [ "$BUILD" = 1 ]; then
  log "building: scripts/release-build.sh"
  if ! "$ROOT/scripts/release-build.sh" >"$OUT/build.log" 2>&1; then
    log "warning: the release build failed (log: $OUT/build.log); baton will be reported as not available"
  fi
fi
[ -x "$BATON" ] || log "warning: no baton binary at $BATON"

# ---------------------------------------------------------------- inputs
PLAN2K="$OUT/plan-2k.md"
PLAN10K="$OUT/plan-10k.md"
GATES_DIR="$OUT/gates"
mkdir -p "$GATES_DIR"
python3 "$BENCH/generate_plan.py" --batches 2000 -o "$PLAN2K" --expected "$OUT/plan-2k.expected.json" 2>"$OUT/plan-2k.info"
python3 "$BENCH/generate_plan.py" --batches 10000 --deps 30000 --dialect heading --batch-bytes 500 \
  -o "$PLAN10K" --expected "$OUT/plan-10k.expected.json" 2>"$OUT/plan-10k.info"
(cd "$GATES_DIR" && python3 "$BENCH/generate_gates.py" --plan gates.md --ninja build.ninja 2>"$OUT/gates.info")
cat "$OUT/plan-2k.info" "$OUT/plan-10k.info" "$OUT/gates.info" >&2

RESULTS="$OUT/results.tsv"
: >"$RESULTS"
WORK="$(mktemp -d /tmp/baton-bench.XXXXXX)"   # outside any git repository
trap 'rm -rf "$WORK"' EXIT

# ---------------------------------------------------------------- measuring
# measure LABEL PREPARE CMD... : median ms of RUNS runs in the current directory;
# sets MEDIAN_MS, RSS_MB and EXITS (exit codes of the timed runs). PREPARE is a shell command run before each run ("" for none).
measure() {
  local label="$1" prepare="$2"; shift 2
  local json="$WORK/$label.json"
  MEDIAN_MS=""; RSS_MB=""; EXITS=""
  if [ "$HAVE_HYPERFINE" = 1 ]; then
    local args=(--runs "$RUNS" --warmup 1 -N -i --style none --export-json "$json")
    [ -n "$prepare" ] && args+=(--prepare "$prepare")
    if hyperfine "${args[@]}" "$(printf '%q ' "$@")" >/dev/null 2>"$WORK/$label.err"; then
      MEDIAN_MS="$(python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][0]["median"] * 1000))' "$json")"
      EXITS="$(python3 -c 'import json,sys; print(" ".join(str(c) for c in json.load(open(sys.argv[1]))["results"][0]["exit_codes"]))' "$json")"
    fi
  fi
  if [ -z "$MEDIAN_MS" ]; then
    local targs=(--runs "$RUNS" --json "$json")
    [ -n "$prepare" ] && targs+=(--prepare "$prepare")
    [ -n "$prepare" ] && sh -c "$prepare"
    "$@" >/dev/null 2>&1   # warm-up
    MEDIAN_MS="$(python3 "$BENCH/timeit.py" "${targs[@]}" -- "$@")"
    EXITS="$(python3 -c 'import json,sys; print(" ".join(str(c) for c in json.load(open(sys.argv[1]))["exit_codes"]))' "$json")"
  fi
  [ -n "$prepare" ] && sh -c "$prepare"
  if [ "$HAVE_TIME" = 1 ]; then
    local kb
    kb="$(/usr/bin/time -f %M -o "$WORK/$label.rss" "$@" >/dev/null 2>&1; tail -n 1 "$WORK/$label.rss")"
    RSS_MB="$(python3 -c 'import sys; print("%.1f" % (int(sys.argv[1]) / 1024))' "$kb" 2>/dev/null)"
  else
    RSS_MB="$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("%.1f" % (d.get("max_rss_kb", 0) / 1024))' "$json" 2>/dev/null)"
  fi
}

# A subcommand exists when its help names it in the usage line (a binary without the
# subcommand prints the top-level help, also with exit 0).
has_subcommand() {
  [ -x "$BATON" ] && "$BATON" "$1" --help 2>/dev/null | grep -Eq "^ *(USAGE|usage): *baton $1( |\$)"
}

# compare NAME TARGET OKCODES SUBCOMMAND BATON_DIR BATON_PREPARE REF_DIR REF_PREPARE \
#         -- BATON-ARGS... -- REFERENCE-CMD...
# OKCODES: space-separated exit codes that count as a successful baton run.
# *_PREPARE: a shell command run in *_DIR before every run ("" for none).
compare() {
  local name="$1" target="$2" okcodes="$3" sub="$4" bdir="$5" bprep="$6" rdir="$7" rprep="$8"; shift 8
  [ "$1" = "--" ] && shift
  local baton_args=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do baton_args+=("$1"); shift; done
  shift
  local ref=("$@")
  local b_ms="" b_rss="" r_ms="" r_rss="" note=""

  if command -v "${ref[0]}" >/dev/null 2>&1; then
    (cd "$rdir" && measure "$name-ref" "$rprep" "${ref[@]}" && printf '%s\t%s\t%s\n' "$MEDIAN_MS" "$RSS_MB" "$EXITS" >"$WORK/$name-ref.out")
    local r_exits=""
    IFS=$'\t' read -r r_ms r_rss r_exits <"$WORK/$name-ref.out" || true
    for c in $r_exits; do
      [ "$c" = 0 ] || { note="reference exited $c in a timed run"; break; }
    done
  else
    note="reference ${ref[0]} not installed"
  fi

  if ! has_subcommand "$sub"; then
    note="${note:+$note; }baton $sub not available"
  else
    local code
    (cd "$bdir" && { [ -z "$bprep" ] || sh -c "$bprep"; } && "$BATON" "${baton_args[@]}" >"$WORK/$name.stdout" 2>"$WORK/$name.stderr")
    code=$?
    if [[ " $okcodes " != *" $code "* ]]; then
      note="${note:+$note; }baton $sub failed (exit $code: $(head -c 200 "$WORK/$name.stderr" | tr '\n\t' '  '))"
    else
      (cd "$bdir" && measure "$name-baton" "$bprep" "$BATON" "${baton_args[@]}" && printf '%s\t%s\t%s\n' "$MEDIAN_MS" "$RSS_MB" "$EXITS" >"$WORK/$name-baton.out")
      local b_exits=""
      IFS=$'\t' read -r b_ms b_rss b_exits <"$WORK/$name-baton.out" || true
      for c in $b_exits; do
        if [[ " $okcodes " != *" $c "* ]]; then
          note="${note:+$note; }baton $sub exited $c in a timed run; time not valid"
          b_ms=""
          break
        fi
      done
    fi
  fi

  local ratio=""
  if [ -n "$b_ms" ] && [ -n "$r_ms" ]; then
    ratio="$(python3 -c 'import sys; print("%.2f" % (float(sys.argv[1]) / float(sys.argv[2])))' "$b_ms" "$r_ms")"
  fi
  printf '%s: baton %s ms, reference %s ms, ratio %s, peak RSS %s MB (reference %s MB)%s\n' \
    "$name" "${b_ms:-n/a}" "${r_ms:-n/a}" "${ratio:-n/a}" "${b_rss:-n/a}" "${r_rss:-n/a}" "${note:+ [$note]}"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$target" "$b_ms" "$r_ms" "$ratio" "$b_rss" "$r_rss" "$note" "${ref[*]}" >>"$RESULTS"
}

CMARK=(cmark-gfm -e table -e tasklist)

compare show "≤ 1.0×" "0" show "$OUT" "" "$OUT" "" -- show --format json "$PLAN2K" -- "${CMARK[@]}" "$PLAN2K"
compare next "≤ 1.5×" "0" next "$OUT" "" "$OUT" "" -- next --format json "$PLAN10K" -- "${CMARK[@]}" "$PLAN10K"
compare lint "≤ 1.5×" "0 1" lint "$OUT" "" "$OUT" "" -- lint "$PLAN10K" -- "${CMARK[@]}" "$PLAN10K"

# gates: each side in its own git-less temporary directory; state removed before each run
mkdir -p "$WORK/run-baton" "$WORK/run-ninja"
cp "$GATES_DIR/gates.md" "$WORK/run-baton/"
cp "$GATES_DIR/build.ninja" "$WORK/run-ninja/"
compare run "≤ 1.5×" "0" run "$WORK/run-baton" "rm -rf .baton" "$WORK/run-ninja" "rm -f .ninja_log .ninja_deps" \
  -- run gates.md --all -j 2 -- ninja -j 2
if [ -x "$BATON" ] && has_subcommand run && [ -d "$WORK/run-baton/.baton" ]; then
  log "run: ledger at $WORK/run-baton/.baton ($(du -sh "$WORK/run-baton/.baton" | cut -f1))"
fi

# ---------------------------------------------------------------- extraction check
if has_subcommand show; then
  for plan in plan-2k plan-10k; do
    if "$BATON" show --format json "$OUT/$plan.md" >"$WORK/$plan.json" 2>/dev/null; then
      python3 - "$WORK/$plan.json" "$OUT/$plan.info" <<'EOF' >&2
import json, sys
data = json.load(open(sys.argv[1]))
plans = data.get("plans", [data])
batches = [b for p in plans for b in p.get("batches", [])]
edges = sum(len(b.get("dependsOn", []) or []) for b in batches)
print(f"baton show found {len(batches)} batches, {edges} edges; {open(sys.argv[2]).read().strip()}")
EOF
      if [ -x "$ROOT/../shared/tools/score-extraction" ]; then
        "$ROOT/../shared/tools/score-extraction" "$OUT/$plan.expected.json" "$WORK/$plan.json" --quiet >&2 || true
      fi
    fi
  done
fi

# ---------------------------------------------------------------- BENCHMARKS.md
if [ "$UPDATE" = 1 ]; then
  python3 - "$RESULTS" "$ROOT/BENCHMARKS.md" "$RUNS" "$HAVE_HYPERFINE" "$ROOT" <<'EOF'
import datetime, os, platform, re, subprocess, sys
results, md_path, runs, hyperfine, root = sys.argv[1:6]

def cmd(*args):
    try:
        return subprocess.run(args, capture_output=True, text=True, cwd=root).stdout.strip()
    except OSError:
        return ""

cpu = ""
try:
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
except OSError:
    pass
mem = ""
try:
    for line in open("/proc/meminfo"):
        if line.startswith("MemTotal"):
            mem = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB RAM"
except OSError:
    pass
versions = ", ".join(v for v in [cmd("cmark-gfm", "--version").splitlines()[0] if cmd("cmark-gfm", "--version") else "",
                                   "ninja " + cmd("ninja", "--version") if cmd("ninja", "--version") else ""] if v)
commit = cmd("git", "rev-parse", "--short", "HEAD")
rows = [line.rstrip("\n").split("\t") for line in open(results) if line.strip()]
table = ["| Comparison | Reference | Target | Baton (ms) | Reference (ms) | Ratio | Baton peak RSS (MB) | Reference peak RSS (MB) | Notes |",
         "|---|---|---|---:|---:|---:|---:|---:|---|"]
for name, target, b_ms, r_ms, ratio, b_rss, r_rss, note, ref in rows:
    table.append(f"| `{name}` | `{ref.replace(root + '/', '')}` | {target} | {b_ms or '–'} | {r_ms or '–'} | "
                 f"{(ratio + '×') if ratio else '–'} | {b_rss or '–'} | {r_rss or '–'} | {note.replace('|', '/')} |")
stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
info = (f"Measured {stamp} at commit `{commit or '?'}` on {cpu or platform.processor() or 'unknown CPU'}, "
        f"{os.cpu_count()} cores, {mem}, {platform.system()} {platform.release()}; "
        f"median of {runs} runs ({'hyperfine' if hyperfine == '1' else 'benchmarks/timeit.py'}); {versions}.")
block = "<!-- benchmarks:begin -->\n" + info + "\n\n" + "\n".join(table) + "\n<!-- benchmarks:end -->"
try:
    text = open(md_path, encoding="utf-8").read()
except FileNotFoundError:
    text = "# Benchmarks\n\n<!-- benchmarks:begin -->\n<!-- benchmarks:end -->\n"
pattern = re.compile(r"<!-- benchmarks:begin -->.*?<!-- benchmarks:end -->", re.S)
text = pattern.sub(lambda _: block, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + block + "\n"
open(md_path, "w", encoding="utf-8").write(text)
print(f"updated {md_path}", file=sys.stderr)
EOF
fi
