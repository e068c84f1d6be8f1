"""RLAIF Workbench trainers: one module per trainer, one spec file in, JSON lines out (docs/decisions/0022)."""
import sys

if sys.argv and sys.argv[0] == "-m":
    # Started as `python -m rlaif_trainers.<module>`: Python sets argv[0] to "-m" while it locates the module, which
    # is before the module (and any library it imports) runs. Standard output is taken for the protocol now.
    from .protocol import real_stdout

    real_stdout()
