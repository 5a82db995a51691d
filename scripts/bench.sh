#!/usr/bin/env bash
# The benchmark: throughput and peak memory of a batch, and that memory stays flat as the
# batch grows. Copies the bundled samples N times into a temporary archive, converts it with
# all cores, and prints pages/s and peak RSS (GNU time) for a small and a 4x larger batch.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BIN="${BIN:-target/release/largeprint}"
[ -x "$BIN" ] || { echo "bench: $BIN is missing; run 'make build' first" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || apt-get install -y -q --no-install-recommends time >/dev/null
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
run() {
  local copies=$1 dir="$WORK/archive-$1"
  for i in $(seq 1 "$copies"); do mkdir -p "$dir/$i"; cp -r samples/. "$dir/$i/"; done
  local pages; pages=$(find "$dir" -name index.html | wc -l)
  /usr/bin/time -f '%e %M' -o "$WORK/time" "$BIN" convert "$dir" -o "$WORK/out-$copies" --quiet
  read -r secs kb < "$WORK/time"
  awk -v p="$pages" -v s="$secs" -v k="$kb" -v j="$(nproc)" \
    'BEGIN { printf "bench: %d pages in %.2f s with %d cores = %.1f pages/s, peak RSS %.0f MiB\n", p, s, j, p/s, k/1024 }'
}
run "${BENCH_COPIES:-20}"
run "$(( ${BENCH_COPIES:-20} * 4 ))"
