#!/usr/bin/env bash
# What analysing one realistic review costs, in process and through the CLI:
# CPU microseconds per text (noisy on a shared machine) and instructions per
# text counted by callgrind (repeatable), with the load average. Prints
# figures, asserts nothing.
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

# The least CPU time (user + system) of three runs of the CLI on `input`, in
# microseconds: unlike wall-clock time it leaves out other processes' turns.
cli_cpu_microseconds() {
  local best=
  for _ in 1 2 3; do
    local us
    us=$({ TIMEFORMAT='%3U %3S'; time "$cli" <"$1" >/dev/null; } 2>&1 |
      awk '{ printf "%d", ($1 + $2) * 1000000 }')
    if [[ -z "$best" || "$us" -lt "$best" ]]; then best=$us; fi
  done
  echo "$best"
}

# The reviews repeated to `count` lines.
repeat_reviews() {
  local copies=$((($1 + texts - 1) / texts))
  for ((i = 0; i < copies; i++)); do cat "$reviews"; done | head -n "$1"
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
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
start_us=$(cli_cpu_microseconds "$work_dir/one.txt")
run_us=$(cli_cpu_microseconds "$work_dir/timed.txt")
echo "start-up and one text: $start_us CPU us"
awk -v us="$((run_us - start_us))" \
  'BEGIN { printf "%.2f CPU us/text beyond that (20000 more texts, best of 3)\n", us / 20000 }'
start_ir=$(cli_instructions "$work_dir/one.txt")
run_ir=$(cli_instructions "$work_dir/counted.txt")
echo "start-up and one text: $start_ir instructions (callgrind)"
echo "$(((run_ir - start_ir) / 400)) instructions/text beyond that (callgrind, 400 more texts)"
