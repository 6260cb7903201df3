#!/bin/sh
# Set up the prospectus tool in this folder, then build the sample prospectus with its brochures.
#
#   sh scripts/setup.sh              set up, then build content/ into site/
#   sh scripts/setup.sh --no-build   set up only (scripts/test.sh uses this)
#
# Made for a stock machine: only the system's python3 (no `python` command), which Debian 12 and
# Ubuntu 24.04 do not let pip change (PEP 668). So the tool goes into a virtual environment in
# .venv, and the system gets only what Python packages cannot bring: Python's venv module and the
# Pango library the PDF brochures need. Run as root on a system with apt-get, this installs them;
# run as anyone else, it prints the exact command to run, and goes as far as it can without them
# (without Pango the website, easy read pages and calendars are still built).
#
# Environment: PYTHON, the Python to use (default: python3; 3.11 or newer).
set -eu
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
BUILD=1
[ "${1:-}" = "--no-build" ] && BUILD=0

say() { printf '%s\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }

# ---- Python 3.11 or newer --------------------------------------------------------------------
if ! have "$PYTHON"; then
    say "setup: there is no '$PYTHON' on this computer. Install Python 3.11 or newer (Debian and Ubuntu:" \
        "apt-get install python3), or name it with PYTHON=/path/to/python3 sh scripts/setup.sh"
    exit 1
fi
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    say "setup: the prospectus needs Python 3.11 or newer, and $PYTHON is $("$PYTHON" -V 2>&1)." \
        "Install a newer one, or name it with PYTHON=/path/to/python3 sh scripts/setup.sh"
    exit 1
fi

# ---- what the system must provide ------------------------------------------------------------
venv_missing=0
if [ ! -x .venv/bin/python ] && ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    venv_missing=1
fi
packages=""
if have apt-get && have dpkg-query; then
    if [ "$venv_missing" = 1 ]; then
        packages="python3-venv"
    fi
    for package in libpango-1.0-0 libpangoft2-1.0-0; do
        installed "$package" || packages="$packages $package"
    done
fi
packages=${packages# }
if [ -n "$packages" ]; then
    if [ "$(id -u)" = 0 ]; then
        say "setup: installing $packages (apt-get) ..."
        export DEBIAN_FRONTEND=noninteractive
        apt-get -o DPkg::Lock::Timeout=600 update -qq
        apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $packages >/dev/null
        venv_missing=0
    else
        say "setup: this computer needs some system packages. Run this, then run this script again:"
        say ""
        say "    sudo apt-get install $packages"
        say ""
        if [ "$venv_missing" = 1 ]; then
            exit 1
        fi
        say "setup: going on without Pango for now: the website will be built, the PDF brochures will not."
    fi
fi
if [ "$venv_missing" = 1 ]; then
    say "setup: $PYTHON cannot make a virtual environment (its venv module or ensurepip is missing)." \
        "Install it with your system's package manager, then run this script again."
    exit 1
fi

# ---- the tool, in .venv ------------------------------------------------------------------------
if [ ! -x .venv/bin/python ]; then
    say "setup: making a Python environment in .venv ..."
    "$PYTHON" -m venv .venv
fi
say "setup: installing the prospectus tool and the libraries it uses into .venv (a minute or two) ..."
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e .

if [ "$BUILD" = 0 ]; then
    say "setup: done. The tool is in .venv: '. .venv/bin/activate' to use the prospectus command."
    exit 0
fi

# ---- the sample, with its brochures ----------------------------------------------------------
.venv/bin/prospectus --content content --output site
say ""
say "The sample prospectus is in site/, with its brochures in site/pdf/."
say "To look at it:    .venv/bin/prospectus serve    then open http://127.0.0.1:8000/ in a web browser"
say "To use the prospectus command in this terminal, start the environment first:  . .venv/bin/activate"
