"""The ``thesis`` command line: :mod:`~model.cli.main` parses the arguments and turns errors
into exit codes, :mod:`~model.cli.commands` runs the simulation commands."""
