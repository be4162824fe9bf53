"""The application layer: one composition root and the verbs both faces (CLI and window) call.

``cli/`` and ``ui/`` parse arguments or wire widgets, then make one call into a
:class:`~medlocal.app.workspace.Workspace`. Everything they would otherwise both hold (unlock order,
passphrase policy, embedder choice with lexical fallback, building a grounded chat, summarise ->
save -> export, settings -> sampling, the doctor report) lives here, once. Qt-free.
"""

from medlocal.app.workspace import Workspace

__all__ = ["Workspace"]
