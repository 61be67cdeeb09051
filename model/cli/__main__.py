"""``python -m model.cli``: the ``thesis`` command."""

import sys

from model.cli import run

sys.exit(run())
