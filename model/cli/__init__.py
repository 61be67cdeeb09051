"""The ``thesis`` command line: :mod:`~model.cli.main` parses the arguments and turns errors
into exit codes, :mod:`~model.cli.parsers` declares the simulation commands' options and
:mod:`~model.cli.commands` runs them."""

import sys

#: Exit code after Ctrl-C (128 + SIGINT), as :mod:`model.cli.main` documents.
_INTERRUPTED = 130


def run() -> int:
    """The ``thesis`` command: :func:`model.cli.main.main`, with a Ctrl-C that lands while the
    command line itself loads (before its handler is set, a second on a busy machine) reported
    as one line and exit code 130 like any other."""
    try:
        from model.cli.main import main
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr, flush=True)
        return _INTERRUPTED
    return main()
