#!/usr/bin/env python3
"""Build the archive's site. See `python build.py --help` and the README."""
import sys

from tdkt.cli import main

if __name__ == "__main__":
    sys.exit(main())
