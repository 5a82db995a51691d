#!/usr/bin/env bash
# Converts every bundled sample at 18 and 32 pt, an edition of all of them at 18 pt and one of
# the samples three times over at 32 pt (its contents run over several pages), and a page with
# a sixty-row table (tests/fixtures/long-table.html) at 18 and 32 pt, and runs the
# external checks on the editions: outloud + pdffonts + pdfinfo on each PDF (PDF/UA-1), the
# large-print rules measured with PyMuPDF on each PDF, EPUBCheck 5.3.0 and DAISY Ace 1.4.6 on
# each EPUB, and the page-list check (EPUB page N = PDF page N). Fails on any finding and ends
# with the line "conformance: N passed, N failed".
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BIN="${BIN:-target/release/largeprint}"
OUT="${CONFORMANCE_OUT:-target/conformance}"
[ -x "$BIN" ] || { echo "conformance: $BIN is missing; run 'make build' first" >&2; exit 2; }
rm -rf "$OUT"
mkdir -p "$OUT"
LOG="$OUT/checks.log"
: > "$LOG"
status=0
epubs=(); pdfs=()
for size in 18 32; do
  dir="$OUT/$size"
  echo "== convert samples at $size pt -> $dir"
  "$BIN" convert samples --size "$size" -o "$dir" --quiet || { echo "convert FAIL samples at $size pt: see the report in $dir" | tee -a "$LOG"; status=1; }
  while IFS= read -r f; do pdfs+=("$f"); done < <(find "$dir" -name '*.pdf' | sort)
  while IFS= read -r f; do epubs+=("$f"); done < <(find "$dir" -name '*.epub' | sort)
done
# The combined edition of all samples must pass the same checks as single articles.
dir="$OUT/edition"
echo "== convert the edition of all samples -> $dir"
"$BIN" convert samples --edition "Bản tin tuần 30/2020" -o "$dir" --quiet || { echo "convert FAIL edition: see the report in $dir" | tee -a "$LOG"; status=1; }
while IFS= read -r f; do pdfs+=("$f"); done < <(find "$dir" -name '*.pdf' | sort)
while IFS= read -r f; do epubs+=("$f"); done < <(find "$dir" -name '*.epub' | sort)
# A bigger edition at 32 pt (the samples three times): its contents run over several pages,
# some of which begin inside an entry, and the page-list must still match the PDF.
dir="$OUT/edition-32"
echo "== convert an edition of 18 articles at 32 pt -> $dir"
"$BIN" convert samples samples samples --edition "Bản tin tháng 7/2020" --size 32 -o "$dir" --quiet || { echo "convert FAIL edition at 32 pt: see the report in $dir" | tee -a "$LOG"; status=1; }
while IFS= read -r f; do pdfs+=("$f"); done < <(find "$dir" -name '*.pdf' | sort)
while IFS= read -r f; do epubs+=("$f"); done < <(find "$dir" -name '*.epub' | sort)
# A table of sixty rows: a grid whose header row repeats on each page at 18 pt, reflowed rows
# ("label: value") across many pages at 32 pt.
for size in 18 32; do
  dir="$OUT/long-table-$size"
  echo "== convert tests/fixtures/long-table.html at $size pt -> $dir"
  "$BIN" convert tests/fixtures/long-table.html --size "$size" -o "$dir" --quiet || { echo "convert FAIL long table at $size pt: see the report in $dir" | tee -a "$LOG"; status=1; }
  while IFS= read -r f; do pdfs+=("$f"); done < <(find "$dir" -name '*.pdf' | sort)
  while IFS= read -r f; do epubs+=("$f"); done < <(find "$dir" -name '*.epub' | sort)
done

[ "${#pdfs[@]}" -gt 0 ] && [ "${#epubs[@]}" -gt 0 ] || { echo "conformance: no editions were made" >&2; exit 1; }
echo "== PDF/UA-1: ${#pdfs[@]} PDFs"
bash scripts/pdfua.sh "${pdfs[@]}" | tee -a "$LOG" || status=1
echo "== large-print rules measured on the PDFs"
for size in 18 32; do
  .tools/venv/bin/python scripts/largeprint_rules.py "$size" "$OUT/$size"/*.pdf | tee -a "$LOG" || status=1
done
.tools/venv/bin/python scripts/largeprint_rules.py 18 "$OUT/edition"/*.pdf | tee -a "$LOG" || status=1
.tools/venv/bin/python scripts/largeprint_rules.py 32 "$OUT/edition-32"/*.pdf | tee -a "$LOG" || status=1
for size in 18 32; do
  .tools/venv/bin/python scripts/largeprint_rules.py "$size" "$OUT/long-table-$size"/*.pdf | tee -a "$LOG" || status=1
done
echo "== EPUBCheck: ${#epubs[@]} EPUBs"
bash scripts/epubcheck.sh "${epubs[@]}" | tee -a "$LOG" || status=1
echo "== DAISY Ace: ${#epubs[@]} EPUBs"
bash scripts/ace.sh "${epubs[@]}" | tee -a "$LOG" || status=1
echo "== page-list = PDF pages"
for e in "${epubs[@]}"; do
  p="${e%.epub}.pdf"
  python3 scripts/pagelist.py "$e" "$p" | tee -a "$LOG" || status=1
done
echo "== sizes"
for f in "${pdfs[@]}" "${epubs[@]}"; do printf '%8d  %s\n' "$(stat -c %s "$f")" "$f"; done
# One verdict line per file and checker ("... OK file" or "... FAIL file: ...").
passed=$(grep -cE '^[a-z]+ OK ' "$LOG" || true)
failed=$(grep -E '^[a-z]+ FAIL ' "$LOG" | sed -E 's/^([a-z]+ FAIL [^:]*).*/\1/' | sort -u | wc -l)
[ "$failed" -eq 0 ] || status=1
echo "conformance: $passed passed, $failed failed"
exit "$status"
