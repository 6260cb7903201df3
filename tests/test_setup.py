"""scripts/setup.sh, the README's first command, decides what a stock machine lacks and what to do.

Run for real it installs system packages and downloads the Python libraries (tried on a fresh
Debian 12, see the report of issue 16); here the script runs in a copy of the repository with
stand-ins for apt-get, dpkg-query, id and Python that record what they are asked to do, so that
each decision it makes is checked: as root it installs what is missing, as anyone else it prints
the exact command, and it stops only when it cannot go on.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FAKE_PYTHON = """#!/bin/sh
# A stand-in Python: 3.11 or newer, without the venv module when NO_VENV is set; what it is asked
# to do is written to calls.log; `-m venv .venv` makes a stand-in environment.
echo "python $*" >> "$LOG"
case "$*" in
  *ensurepip*) [ -n "${NO_VENV:-}" ] && exit 1; exit 0 ;;
  "-m venv .venv") mkdir -p .venv/bin
     for tool in python prospectus; do
       printf '#!/bin/sh\\necho "%s $*" >> "$LOG"\\n' ".venv/bin/$tool" > .venv/bin/$tool; chmod +x .venv/bin/$tool
     done; exit 0 ;;
  *) exec "$REAL_PYTHON" "$@" ;;
esac
"""


@pytest.fixture
def machine(tmp_path: Path) -> Path:
    """A copy of the scripts folder, and stand-in commands on a PATH of their own."""
    (tmp_path / "repo" / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "setup.sh", tmp_path / "repo" / "scripts" / "setup.sh")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, body in (("python3", FAKE_PYTHON),
                       ("apt-get", 'echo "apt-get $*" >> "$LOG"\n'),
                       ("dpkg-query", 'case "$*" in *"${HAVE:-none}"*) echo "install ok installed";; '
                                      '*) exit 1;; esac\n'),
                       ("id", 'echo "${UID_IS:-1000}"\n')):
        path = bin_dir / name
        path.write_text(body if body.startswith("#!") else "#!/bin/sh\n" + body, encoding="utf-8")
        path.chmod(0o755)
    return tmp_path


def setup(machine: Path, *args: str, **env: str) -> tuple[int, str, list[str]]:
    log = machine / "calls.log"
    log.write_text("", encoding="utf-8")
    done = subprocess.run(["sh", "scripts/setup.sh", *args], cwd=machine / "repo", capture_output=True, text=True,
                          timeout=60, env={"PATH": f"{machine / 'bin'}{os.pathsep}/usr/bin:/bin", "LOG": str(log),
                                           "REAL_PYTHON": sys.executable, **env})
    return done.returncode, done.stdout + done.stderr, log.read_text(encoding="utf-8").splitlines()


def test_as_root_on_a_stock_debian_it_installs_venv_and_pango_then_builds_the_sample(machine: Path) -> None:
    code, said, calls = setup(machine, UID_IS="0", NO_VENV="1")
    assert code == 0, said
    assert "apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends python3-venv " \
           "libpango-1.0-0 libpangoft2-1.0-0" in calls
    assert calls.index("python -m venv .venv") > next(i for i, c in enumerate(calls) if " install " in c)
    assert ".venv/bin/python -m pip install --quiet --disable-pip-version-check -e ." in calls
    assert calls[-1] == ".venv/bin/prospectus --content content --output site"
    assert "site/pdf/" in said and ". .venv/bin/activate" in said


def test_as_another_user_it_prints_the_exact_command_and_stops_only_without_venv(machine: Path) -> None:
    code, said, calls = setup(machine, NO_VENV="1")
    assert code == 1 and "    sudo apt-get install python3-venv libpango-1.0-0 libpangoft2-1.0-0" in said
    assert not [c for c in calls if c.startswith(("apt-get", ".venv/"))]

    code, said, calls = setup(machine, HAVE="python3-venv")  # venv works; Pango is missing
    assert code == 0, said
    assert "    sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0" in said
    assert "the website will be built, the PDF brochures will not" in said
    assert not [c for c in calls if c.startswith("apt-get")]
    assert calls[-1] == ".venv/bin/prospectus --content content --output site"


def test_with_everything_there_it_installs_nothing_and_no_build_stops_after_the_setup(machine: Path) -> None:
    code, said, calls = setup(machine, "--no-build", HAVE="libpango", UID_IS="0")
    assert code == 0, said
    assert not [c for c in calls if c.startswith("apt-get")]
    assert not [c for c in calls if c.startswith(".venv/bin/prospectus")]
    assert ". .venv/bin/activate" in said


def test_a_python_older_than_3_11_is_refused_with_what_to_do(machine: Path) -> None:
    old = machine / "bin" / "python3"
    old.write_text('#!/bin/sh\ncase "$*" in *version_info*) exit 1;; -V) echo "Python 3.9.2";; esac\n')
    code, said, _calls = setup(machine)
    assert code == 1 and "needs Python 3.11 or newer, and python3 is Python 3.9.2" in said


def test_build_py_with_a_python_that_lacks_the_libraries_says_how_to_set_up() -> None:
    done = subprocess.run([sys.executable, "-S", str(ROOT / "build.py"), "check"], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "is not installed for this Python" in done.stderr and "sh scripts/setup.sh" in done.stderr
