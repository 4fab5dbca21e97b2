#!/usr/bin/env bash
# What analysing one realistic review costs, in process and through the CLI:
# microseconds per text (noisy on a shared machine) and instructions per text
# counted by callgrind (repeatable). Prints figures, asserts nothing.
#
#   tests/analysis/analysis_speed.sh [build_dir]    (default: build/release)
#
# Needs guestvoice_analysis_speed and guestvoice-analyze built, and valgrind.
set -euo pipefail

build_dir=${1:-build/release}
speed="$build_dir/tests/analysis/guestvoice_analysis_speed"
cli="$build_dir/tools/analyze/guestvoice-analyze"
reviews="$(dirname "$0")/data/benchmark_reviews.txt"
work_dir=$(mktemp -d)
trap 'rm -rf "$work_dir"' EXIT

texts=$(grep -c . "$reviews")

# The callgrind total of the dump a client request named `name` triggered.
dump_total() {
  grep -l "^desc: Trigger: Client Request: $1\$" "$work_dir"/speed.* |
    xargs grep -h '^summary:' | cut -d' ' -f2
}

# The callgrind total of a whole run of the CLI on `input`.
cli_instructions() {
  valgrind --tool=callgrind --callgrind-out-file="$work_dir/cli.out" \
    "$cli" <"$1" >/dev/null 2>&1
  grep '^summary:' "$work_dir/cli.out" | cut -d' ' -f2
}

# The fastest of three runs of the CLI on `input`, in nanoseconds.
cli_nanoseconds() {
  local best=
  for _ in 1 2 3; do
    local start end
    start=$(date +%s%N)
    "$cli" <"$1" >/dev/null
    end=$(date +%s%N)
    if [[ -z "$best" || $((end - start)) -lt "$best" ]]; then
      best=$((end - start))
    fi
  done
  echo "$best"
}

# The reviews repeated to `count` lines.
repeat_reviews() {
  local copies=$((($1 + texts - 1) / texts))
  for ((i = 0; i < copies; i++)); do cat "$reviews"; done | head -n "$1"
}

echo "== in process ($speed)"
"$speed" "$reviews"
valgrind --tool=callgrind --callgrind-out-file="$work_dir/speed.%p" \
  "$speed" "$reviews" >/dev/null 2>&1
for kind in vader analyze; do
  echo "$kind: $(($(dump_total "$kind") / texts)) instructions/text (callgrind)"
done

# The analyzers load their lexicons on first use, so a run on one text is
# the start-up cost, and more texts add their own cost to it.
echo "== guestvoice-analyze ($cli)"
repeat_reviews 1 >"$work_dir/one.txt"
repeat_reviews 20001 >"$work_dir/timed.txt"
repeat_reviews 401 >"$work_dir/counted.txt"
start_ns=$(cli_nanoseconds "$work_dir/one.txt")
run_ns=$(cli_nanoseconds "$work_dir/timed.txt")
echo "start-up and one text: $((start_ns / 1000)) us"
awk -v ns="$((run_ns - start_ns))" \
  'BEGIN { printf "%.2f us/text beyond that (20000 more texts, best of 3)\n", ns / 20000 / 1000 }'
start_ir=$(cli_instructions "$work_dir/one.txt")
run_ir=$(cli_instructions "$work_dir/counted.txt")
echo "start-up and one text: $start_ir instructions (callgrind)"
echo "$(((run_ir - start_ir) / 400)) instructions/text beyond that (callgrind, 400 more texts)"
