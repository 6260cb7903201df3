#!/usr/bin/env bash
# The one command that sets up everything the tests need and runs them all.
#
#   scripts/test.sh [pytest args...]
#
# On a fresh Debian 12 machine as root it installs Chromium, poppler-utils, a JRE
# and Pango with apt, the Python package with its `test` extra with pip, and the
# pinned axe-core and Nu Html Checker with `npm ci`. Then it lints and runs pytest.
#
# Environment:
#   PYTHON                      interpreter to use (default: python3)
#   PROSPECTUS_ARTIFACTS        where tests save screenshots (default: ./artifacts)
#   CI=true                     a missing browser fails the tests instead of skipping them
#   PROSPECTUS_SKIP_BROWSER=1   skip the browser tests (set here when tools are missing
#                               and we are not root)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
PYTHON=${PYTHON:-python3}

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
if ! ldconfig -p 2>/dev/null | grep 'libpango-1.0' >/dev/null; then  # no -q: avoid SIGPIPE under pipefail
    apt_pkgs+=(libpango-1.0-0 libpangoft2-1.0-0)
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
pip_args=(-q)
in_venv=$("$PYTHON" -c 'import sys; print(int(sys.prefix != sys.base_prefix))')
managed=$("$PYTHON" -c 'import os, sysconfig; print(int(os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED"))))')
if [ "$in_venv" = 0 ] && [ "$managed" = 1 ]; then
    if [ "$(id -u)" -eq 0 ] || [ "${CI:-}" = true ]; then
        # A throwaway CI machine using Debian's own python3: allow pip to install into it.
        export PIP_BREAK_SYSTEM_PACKAGES=1
    else
        echo "NOTE: $PYTHON is managed by Debian; if pip refuses, make a virtualenv first:" \
             "python3 -m venv .venv && . .venv/bin/activate && scripts/test.sh"
    fi
fi
PIP_ROOT_USER_ACTION=ignore "$PYTHON" -m pip install "${pip_args[@]}" -e '.[test]'

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
