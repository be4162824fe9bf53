"""A backup refused for lack of room says how much it needs and how much is free in figures
that differ (user62's walk: a 64 kB drive was told "it needs about 0.1 MB, and 0.1 MB is free
there"), still in MB where the two differ at that precision."""

from __future__ import annotations

from pathlib import Path

import pytest

from medlocal.vault import backup_files
from medlocal.vault.backup_files import NoRoomError, check_room


def _refusal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, needed: int, free: int) -> str:
    """The refusal of a backup to a drive (another disk than the vault's) with ``free`` bytes
    free; on one disk, which the two paths are here, the refusal counts both copies."""
    beside, destination = tmp_path / "vault", tmp_path / "stick"
    beside.mkdir()
    destination.mkdir()
    monkeypatch.setattr(backup_files, "free_bytes", lambda path: free)
    with pytest.raises(NoRoomError) as refused:
        check_room(beside, destination, needed // 2)
    return refused.value.plain


@pytest.mark.parametrize(
    ("needed", "free", "said_needed", "said_free"),
    [
        # Under a megabyte both read "0.1 MB": told in kB.
        (118_784, 61_440, "needs about 119 kB free while it is written", "59 kB); 61 kB is free"),
        # Sizes that differ in megabytes stay in megabytes.
        (52_400_000, 30_100_000, "needs about 52.4 MB free while it", "26.2 MB); 30.1 MB is free"),
    ],
)
def test_the_sizes_said_differ_as_the_sizes_do(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    needed: int,
    free: int,
    said_needed: str,
    said_free: str,
) -> None:
    said = _refusal(tmp_path, monkeypatch, needed=needed, free=free)
    assert said_needed in said
    assert said_free in said
