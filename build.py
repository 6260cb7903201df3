"""Build the Recovery College prospectus: ``python build.py`` (see README.md)."""

import sys

try:
    from prospectus.cli import entry
except ModuleNotFoundError as exc:  # run with a Python the tool was not installed into
    sys.exit(f"build.py: the library '{exc.name}' that the prospectus needs is not installed for this Python "
             f"({sys.executable}).\nSet it up once with:  sh scripts/setup.sh\nthen, in each new terminal:  "
             ". .venv/bin/activate   (Windows: .venv\\Scripts\\activate)   and run:  prospectus")

if __name__ == "__main__":
    entry()
