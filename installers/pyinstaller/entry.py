# The frozen app's entry point: the same launcher as the `medlocal` command.
from medlocal.launcher import main

raise SystemExit(main())
