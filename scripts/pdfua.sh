#!/usr/bin/env bash
# PDF/UA-1 and large-print font checks on each PDF.
#
#   scripts/pdfua.sh FILE.pdf...
#
# Per file, three checks:
#   1. outloud --no-info FILE     (PDF/UA-1 + Matterhorn checker from PyPI, in .tools/venv;
#                                  fails on warning-level findings too; OUTLOUD_FAIL_ON=error to relax)
#   2. pdffonts FILE              every font row must have emb, sub and uni = yes
#   3. pdfinfo FILE               must say "Tagged: yes"
# Prints one verdict line per file:
#   pdfua OK FILE.pdf (outloud PASS, N fonts emb/sub/uni, tagged)
#   pdfua FAIL FILE.pdf: <reasons>     followed by the outloud findings / bad font rows, indented
# Exit status: 0 if every file passes all three, 1 otherwise, 2 on bad usage.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUTLOUD="$ROOT/.tools/venv/bin/outloud"

if [ "$#" -eq 0 ]; then
  echo "usage: $0 FILE.pdf..." >&2; exit 2
fi
if [ ! -x "$OUTLOUD" ] || ! command -v pdffonts >/dev/null 2>&1 || ! command -v pdfinfo >/dev/null 2>&1; then
  echo "pdfua: outloud or poppler-utils missing; running scripts/install-tools.sh" >&2
  "$ROOT/scripts/install-tools.sh" >&2
fi
[ -x "$OUTLOUD" ] || { echo "pdfua: $OUTLOUD not found" >&2; exit 2; }

FAIL_ON="${OUTLOUD_FAIL_ON:-warning}"
TMP="$(mktemp -d "${TMPDIR:-/tmp}/pdfua.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

status=0
for f in "$@"; do
  if [ ! -f "$f" ]; then
    echo "pdfua FAIL $f: file not found"; status=1; continue
  fi
  reasons=()
  details="$TMP/details"; : > "$details"

  # 1. outloud
  orc=0
  "$OUTLOUD" --no-info --fail-on "$FAIL_ON" "$f" >"$TMP/outloud.txt" 2>&1 || orc=$?
  # First line looks like: "FAIL       x.pdf: 5 error(s), 0 warning(s), 0 info  [1 page(s), 1.71s]"
  osum="$(grep -m1 -E '^[A-Z]+ +[^ ].*: ' "$TMP/outloud.txt" | sed -E 's/^[A-Z]+ +[^:]*: //; s/ +\[.*$//' || true)"
  if [ "$orc" -ne 0 ]; then
    reasons+=("outloud exit $orc (${osum:-no summary})")
    sed 's/^/    /' "$TMP/outloud.txt" >> "$details"
  fi

  # 2. pdffonts: columns from the right are: ... emb sub uni objnum gen
  nfonts=0
  if pdffonts "$f" >"$TMP/fonts.txt" 2>"$TMP/fonts.err"; then
    badfonts="$(awk 'NR > 2 && NF >= 6 {
                  if ($(NF-4) != "yes" || $(NF-3) != "yes" || $(NF-2) != "yes")
                    printf "    font %s: emb=%s sub=%s uni=%s\n", $1, $(NF-4), $(NF-3), $(NF-2) }' "$TMP/fonts.txt")"
    nfonts="$(awk 'NR > 2 && NF >= 6' "$TMP/fonts.txt" | wc -l)"
    if [ -n "$badfonts" ]; then
      reasons+=("$(printf '%s\n' "$badfonts" | wc -l) font(s) not emb+sub+uni")
      printf '%s\n' "$badfonts" >> "$details"
    fi
  else
    reasons+=("pdffonts failed")
    sed 's/^/    /' "$TMP/fonts.err" >> "$details"
  fi

  # 3. pdfinfo Tagged: yes  (poppler 22 may print a harmless "Suspects object is wrong type"
  #    warning on stderr for krilla files; only stdout is read)
  if pdfinfo "$f" >"$TMP/info.txt" 2>"$TMP/info.err"; then
    if ! grep -qE '^Tagged: +yes$' "$TMP/info.txt"; then
      reasons+=("pdfinfo: $(grep -m1 '^Tagged:' "$TMP/info.txt" | tr -s ' ' || echo 'no Tagged line')")
    fi
  else
    reasons+=("pdfinfo failed")
    sed 's/^/    /' "$TMP/info.err" >> "$details"
  fi

  if [ "${#reasons[@]}" -eq 0 ]; then
    echo "pdfua OK $f (outloud ${osum:-PASS}; $nfonts font(s) emb/sub/uni; tagged)"
  else
    status=1
    ( IFS=';'; echo "pdfua FAIL $f:$(printf ' %s;' "${reasons[@]}" | sed 's/;$//')" )
    cat "$details"
  fi
done
exit "$status"
