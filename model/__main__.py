"""``python -m model``: the ``thesis`` command."""

import sys

from model.cli import run

sys.exit(run())
