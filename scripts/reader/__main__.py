"""``python -m reader``."""

import sys

from .cli import main

sys.exit(main())
