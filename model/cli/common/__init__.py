"""What several subcommands share: loading a thesis as every command loads one (with its
warnings), and the options and ``--out`` folder of the commands of theses that learn.
"""
