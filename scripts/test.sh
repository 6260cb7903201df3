#!/usr/bin/env bash
# The one command that sets up everything the tests need and runs them all.
#
#   scripts/test.sh [pytest args...]
#
# On a fresh Debian 12 machine as root it installs Chromium, poppler-utils, a JRE,
# npm and Pango with apt, the Python package with its `test` extra with pip (into
# .venv, made by scripts/setup.sh, when the system Python is managed by Debian or
# has no pip), and the pinned axe-core and Nu Html Checker with `npm ci`. Then it
# lints and runs pytest (which also builds the wheel and tries it: tests/test_wheel.py).
#
# Environment:
#   PYTHON                      interpreter to use (default: .venv/bin/python when there
#                               is one, else python3 when pip may install into it)
#   PROSPECTUS_ARTIFACTS        where tests save screenshots (default: ./artifacts)
#   CI=true                     a missing browser fails the tests instead of skipping them
#   PROSPECTUS_SKIP_BROWSER=1   skip the browser tests (set here when tools are missing
#                               and we are not root)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD

have() { command -v "$1" >/dev/null 2>&1; }

echo "== Installing test tools"

# --- (a) system packages -------------------------------------------------------
apt_pkgs=()
if ! have chromium || ! have pdftoppm || ! have pdffonts || ! have java; then
    apt_pkgs+=(chromium poppler-utils fonts-dejavu-core)
    if ! have java; then
        apt_pkgs+=(default-jre-headless)
    fi
fi
if ! /sbin/ldconfig -p 2>/dev/null | grep 'libpango-1.0' >/dev/null; then  # no -q: avoid SIGPIPE under pipefail
    apt_pkgs+=(libpango-1.0-0 libpangoft2-1.0-0)
fi
if ! have npm; then
    apt_pkgs+=(npm)
fi
if ! /sbin/ldconfig -p 2>/dev/null | grep 'libatomic.so.1' >/dev/null; then  # Playwright's own node needs it
    apt_pkgs+=(libatomic1)
fi

if [ "${#apt_pkgs[@]}" -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ] && have apt-get; then
        echo "apt-get install: ${apt_pkgs[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get -o DPkg::Lock::Timeout=600 update -qq
        apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${apt_pkgs[@]}"
    else
        echo "NOTE: missing system packages (${apt_pkgs[*]}) and not running as root" \
             "(or no apt-get), so they cannot be installed here."
    fi
fi

# --- (b) Python package and test tools -----------------------------------------
# A Python pip may install into: the one given, this folder's .venv, or python3 when it is
# neither managed by the system (PEP 668) nor without pip; otherwise .venv is made for it.
if [ -z "${PYTHON:-}" ]; then
    if [ -x .venv/bin/python ]; then
        PYTHON=.venv/bin/python
    elif python3 -m pip --version >/dev/null 2>&1 && python3 -c 'import os, sys, sysconfig
managed = os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED"))
sys.exit(int(managed and sys.prefix == sys.base_prefix))'; then
        PYTHON=python3
    else
        sh scripts/setup.sh --no-build
        PYTHON=.venv/bin/python
    fi
fi
echo "Python: $PYTHON"
PIP_ROOT_USER_ACTION=ignore "$PYTHON" -m pip install -q --disable-pip-version-check -e '.[test]'

# --- (c) pinned JavaScript/Java test tools (axe-core, vnu-jar) -------------------
if have npm; then
    lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
    if [ -f node_modules/.lock-hash ] && [ "$(cat node_modules/.lock-hash)" = "$lock_hash" ] \
        && [ -f node_modules/axe-core/axe.min.js ] && [ -f node_modules/vnu-jar/build/dist/vnu.jar ]; then
        echo "node_modules is up to date with package-lock.json"
    else
        # --ignore-scripts: vnu-jar's install script would try to download a JDK.
        npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
        echo "$lock_hash" > node_modules/.lock-hash
    fi
else
    echo "NOTE: npm not found: axe-core and the Nu Html Checker are not installed."
fi

# --- (d) where the tests find the tools ----------------------------------------
export CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}
export AXE_JS=${AXE_JS:-$ROOT/node_modules/axe-core/axe.min.js}
export VNU_JAR=${VNU_JAR:-$ROOT/node_modules/vnu-jar/build/dist/vnu.jar}
export PROSPECTUS_ARTIFACTS=${PROSPECTUS_ARTIFACTS:-$ROOT/artifacts}
mkdir -p "$PROSPECTUS_ARTIFACTS"

if [ "${CI:-}" = true ]; then
    export PROSPECTUS_REQUIRE_BROWSER=1
fi

missing=()
[ -x "$CHROMIUM_PATH" ] || missing+=("chromium ($CHROMIUM_PATH)")
have java || missing+=("java")
have pdftoppm || missing+=("pdftoppm (poppler-utils)")
[ -f "$AXE_JS" ] || missing+=("axe-core ($AXE_JS)")
[ -f "$VNU_JAR" ] || missing+=("vnu-jar ($VNU_JAR)")
if [ "${#missing[@]}" -gt 0 ]; then
    echo "NOTE: browser tests will be skipped: missing ${missing[*]}."
    echo "      Run this script as root on Debian 12 (it installs them with apt-get and npm)."
    if [ -n "${PROSPECTUS_REQUIRE_BROWSER:-}" ]; then
        echo "      CI=true: PROSPECTUS_REQUIRE_BROWSER=1, so the tests that need them will FAIL."
    fi
    export PROSPECTUS_SKIP_BROWSER=1
fi

# --- (e) lint ---------------------------------------------------------------------
echo "== Lint"
lint_paths=()
for p in prospectus tests build.py benchmarks; do
    [ -e "$p" ] && lint_paths+=("$p")
done
"$PYTHON" -m ruff check "${lint_paths[@]}"
"$PYTHON" -m mypy prospectus

# --- (f) tests --------------------------------------------------------------------
echo "== Tests"
"$PYTHON" -m pytest -q "$@"
