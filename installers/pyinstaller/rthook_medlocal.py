# PyInstaller runtime hook: runs before the entry script and before any other import of ours.
# 1. Windowed builds (Windows/macOS .app) start with sys.stdout/sys.stderr = None; a library that
#    prints (llama.cpp's Python bindings, warnings) would then raise. Give them real files. The
#    null device, not a log file: third-party output can quote document text (DESIGN section 2).
# 2. The privacy guard (offline environment variables, socket + resolver guard) goes in before
#    any third-party package is imported, as the launcher does for a source install.
import os
import sys

if sys.stdout is None:
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives for the process
if sys.stderr is None:
    sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115

from medlocal.privacy import netguard

netguard.install()
