"""``python -m medlocal``: the same launcher as the ``medlocal`` command."""

from medlocal.launcher import main

raise SystemExit(main())
