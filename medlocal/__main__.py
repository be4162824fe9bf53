"""``python -m medlocal``."""

from medlocal.cli import main

raise SystemExit(main())
