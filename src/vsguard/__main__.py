"""`python -m vsguard` runs the command line."""

import sys

from vsguard.cli import main

sys.exit(main())
