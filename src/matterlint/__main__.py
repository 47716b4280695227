"""``python -m matterlint``."""

from matterlint.cli import main

raise SystemExit(main())
