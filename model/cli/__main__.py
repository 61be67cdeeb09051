"""``python -m model.cli``: the ``thesis`` command."""

import sys

from model.cli.main import main

sys.exit(main())
