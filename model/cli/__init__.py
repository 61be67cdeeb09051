"""The ``thesis`` command line: :mod:`~model.cli.main` parses the arguments and turns errors
into exit codes, :mod:`~model.cli.parsers` declares the simulation commands' options and
:mod:`~model.cli.commands` runs them."""
