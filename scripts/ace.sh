#!/usr/bin/env bash
# Runs DAISY Ace 1.4.6 (installed in .tools/ace by scripts/install-tools.sh) on each book.
#
#   scripts/ace.sh BOOK.epub...
#
# Prints "ace OK book.epub (0 violations)" per clean book, otherwise one line per violation:
#   ace FAIL book.epub: IMPACT RULE-ID FILE [css selector] rule description -- finding
# Exit status: 0 if no book has any violation of any impact (minor included), 1 otherwise
# (or if Ace could not run / timed out), 2 on bad usage.
#
# Notes for this machine (Debian, root, headless):
#  * Ace drives Debian's /usr/bin/chromium through puppeteer; PUPPETEER_EXECUTABLE_PATH must
#    point at it (puppeteer's own browser download is skipped at install time).
#  * Running as root needs --no-sandbox; ace-axe-runner-puppeteer 1.4.6 already passes
#    --no-sandbox --disable-setuid-sandbox and headless:true itself, so no extra flags, no
#    DISPLAY/Xvfb and no launch-args config are needed. Verified as root here.
#  * ace-cli exits 0 even when it finds violations: the verdict comes from report.json
#    ("assertions" -> per-document "assertions" with earl:outcome "fail").
#  * Use ace-cli, not `ace`. -s silences progress, -f overwrites the output dir.
#
# Env: ACE_TIMEOUT seconds per book (default 600); ACE_KEEP_REPORTS=DIR keeps each book's
#      report folder (report.html, report.json) in DIR/<book name>/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ACE="$ROOT/.tools/ace/node_modules/.bin/ace-cli"
VENV="$ROOT/.tools/venv"

if [ "$#" -eq 0 ]; then
  echo "usage: $0 BOOK.epub..." >&2; exit 2
fi
if [ ! -x "$ACE" ] || [ ! -x /usr/bin/chromium ]; then
  echo "ace: ace-cli or chromium missing; running scripts/install-tools.sh" >&2
  "$ROOT/scripts/install-tools.sh" >&2
fi
[ -x "$ACE" ] || { echo "ace: $ACE not found" >&2; exit 2; }

export PUPPETEER_EXECUTABLE_PATH="${PUPPETEER_EXECUTABLE_PATH:-/usr/bin/chromium}"
[ -x "$PUPPETEER_EXECUTABLE_PATH" ] || { echo "ace: browser $PUPPETEER_EXECUTABLE_PATH not found" >&2; exit 2; }

PY="$VENV/bin/python"; [ -x "$PY" ] || PY=python3
TIMEOUT="${ACE_TIMEOUT:-600}"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/ace.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

status=0
i=0
for book in "$@"; do
  i=$((i + 1))
  if [ ! -f "$book" ]; then
    echo "ace FAIL $book: file not found"; status=1; continue
  fi
  out="$TMP/$i"; log="$TMP/$i.log"
  rc=0
  timeout --kill-after=10 "$TIMEOUT" "$ACE" -s -f -o "$out" "$book" >"$log" 2>&1 || rc=$?
  if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
    echo "ace FAIL $book: ace-cli timed out after ${TIMEOUT}s"; status=1; continue
  fi
  if [ ! -s "$out/report.json" ]; then
    echo "ace FAIL $book: ace-cli produced no report.json (exit $rc):"
    tail -n 20 "$log" | sed 's/^/    /'
    status=1; continue
  fi
  if [ -n "${ACE_KEEP_REPORTS:-}" ]; then
    mkdir -p "$ACE_KEEP_REPORTS"
    rm -rf "$ACE_KEEP_REPORTS/$(basename "$book")"
    cp -r "$out" "$ACE_KEEP_REPORTS/$(basename "$book")"
  fi
  prc=0
  "$PY" - "$out/report.json" "$book" "$rc" <<'PY' || prc=$?
import json, sys
path, book, rc = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(path, encoding="utf-8") as f:
    report = json.load(f)

def one_line(s):
    return " ".join(str(s or "").split())

lines = []
for doc in report.get("assertions", []) or []:
    doc_url = (doc.get("earl:testSubject") or {}).get("url", "?")
    for a in doc.get("assertions", []) or []:
        res = a.get("earl:result") or {}
        if res.get("earl:outcome") != "fail":
            continue
        test = a.get("earl:test") or {}
        ptr = res.get("earl:pointer") or {}
        css = ptr.get("css") or []
        where = doc_url + (f" [{css[0]}]" if css else "")
        finding = (str(res.get("dct:description") or "").strip().splitlines() or [""])[0]
        lines.append(f"{test.get('earl:impact', '?')} {test.get('dct:title', '?')} {where} "
                     f"{one_line(test.get('dct:description'))} -- {one_line(finding)}")

overall = (report.get("earl:result") or {}).get("earl:outcome")
if lines:
    for l in lines:
        print(f"ace FAIL {book}: {l}")
    print(f"ace FAIL {book} ({len(lines)} violations)")
    sys.exit(1)
if overall not in (None, "pass") or rc != 0:
    print(f"ace FAIL {book}: overall outcome {overall!r}, ace-cli exit {rc}, no violation listed")
    sys.exit(1)
print(f"ace OK {book} (0 violations)")
PY
  if [ "$prc" -ne 0 ]; then
    status=1
    [ "$prc" -eq 1 ] || { echo "ace FAIL $book: could not parse report.json"; tail -n 20 "$log" | sed 's/^/    /'; }
  fi
done
exit "$status"
