# The frozen app's entry point: the same launcher as the `medlocal` command.
import multiprocessing

# A child started with multiprocessing's "spawn" (the de-identification rules' process,
# medlocal.privacy.deid_child) runs this same executable: freeze_support turns it into that
# child here, before anything of the app starts.
multiprocessing.freeze_support()

from medlocal.launcher import main  # noqa: E402

raise SystemExit(main())
