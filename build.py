"""Build the Recovery College prospectus: ``python build.py`` (see README.md)."""

import sys

from prospectus.cli import main

if __name__ == "__main__":
    sys.exit(main())
