"""The import's live tally (app/document_import.ImportTally): what a close that cannot wait for
the import's end keeps in the vault as not imported (review 46b D11). Read against the import's
own report on a real vault: the same files, in the batch's order."""

from __future__ import annotations

import threading
from pathlib import Path

from fixtures.gui_window import PASS, make_workspace

from medlocal.app.document_import import ImportTally
from medlocal.progress import Progress


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "letters"
    (folder / "clinic").mkdir(parents=True)
    (folder / "a_referral.txt").write_text("Referral: ankle swelling since March.")
    (folder / "clinic" / "b_echo.txt").write_text("Echo: ejection fraction 32 percent.")
    (folder / "c_nurse.txt").write_text("Nurse notes: weight 76.9 kg.")
    (folder / "d_bloods.txt").write_text("Bloods: sodium 134 mmol/L.")
    return folder


def test_the_tally_names_what_the_stopped_import_left_out(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    ws = make_workspace(tmp_path)
    try:
        ws.create_vault(PASS, PASS)
        patient = ws.require_vault().add_patient("Tally Walk")
        tally = ImportTally([folder])
        # Before the import has found its files, the folder as given stands for them.
        assert tally.not_imported() == [str(folder.absolute())]
        cancel = threading.Event()

        def stop_after_second(p: Progress) -> None:
            if p.unit == "files" and p.done >= 2:
                cancel.set()

        report = ws.import_documents(
            [folder],
            patient,
            progress=stop_after_second,
            on_file=tally.file,
            cancel=cancel,
            on_batch=tally.batch,
        )
    finally:
        ws.close()
    assert report.cancelled and len(report.imported) == 2
    cut = [outcome.shown for outcome in report.files if outcome.status == "cancelled"]
    left_out = ["d_bloods.txt", "clinic/b_echo.txt"]  # a folder's own files come first
    assert tally.not_imported() == [*cut, *report.not_reached] == left_out


def test_a_failed_or_skipped_file_is_finished_not_left_out(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "e_empty.txt").write_text("")
    ws = make_workspace(tmp_path)
    try:
        ws.create_vault(PASS, PASS)
        patient = ws.require_vault().add_patient("Tally Walk")
        ws.import_documents([folder / "a_referral.txt"], patient)
        tally = ImportTally([folder])
        report = ws.import_documents([folder], patient, on_file=tally.file, on_batch=tally.batch)
    finally:
        ws.close()
    assert report.skipped and report.failed  # the duplicate, the empty file
    assert tally.not_imported() == []
