"""The workspace's news (a lock, a backup written, a restore ended) brought to the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from medlocal.app import Workspace


class WorkspaceRelay(QObject):
    """The vault may lock on its idle timer's thread, and a backup or restore ends on a worker's:
    bring the news to the GUI thread (queued, so in the order it happened)."""

    locked = Signal(str)
    backed_up = Signal()
    restore_ended = Signal(object)  # the RestoreResult, or None: failed, refused or cancelled

    def attach(self, workspace: Workspace) -> None:
        locked, backed_up, restore_ended = (
            self.locked.emit,
            self.backed_up.emit,
            self.restore_ended.emit,
        )
        workspace.add_lock_listener(locked)
        workspace.add_backup_listener(backed_up)
        workspace.add_restore_listener(restore_ended)

        # Taken off with the window: a workspace that outlives it (a test's, a second window's)
        # told a deleted relay at each lock, and logged "lock listener failed: Signal source
        # has been deleted" (fix 52a). The very objects added are removed, never the relay's.
        def detach() -> None:
            workspace.remove_lock_listener(locked)
            workspace.remove_backup_listener(backed_up)
            workspace.remove_restore_listener(restore_ended)

        self.destroyed.connect(detach)
