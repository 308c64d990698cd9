"""Entry script of the frozen build: the same ``propdesk`` command as ``propdesk.cli:main``."""
import sys

from propdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
