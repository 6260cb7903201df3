"""``python -m prospectus`` works like ``python build.py``."""

import sys

from .cli import main

sys.exit(main())
