"""Left by fix48a: attachments imported before vault schema 7 were not linked to their e-mail,
so deleting the e-mail (misfiled under the wrong patient, say) left them behind unsaid. Schema
8 links them where it is certain: the name "<mail> › <attachment>" and exactly one e-mail of
that name for the same patient; never across patients, never between two e-mails of one name.
Real SQLCipher vault rewound to schema 7, then opened as an upgrade does."""

from __future__ import annotations

import itertools
from pathlib import Path

from fixtures.ingest_files import FakeEmbedder
from fixtures.vault_file import PASS, new_vault

from medlocal.vault import db
from medlocal.vault.records import ChunkRecord
from medlocal.vault.schema import MIGRATIONS
from medlocal.vault.store import Vault

M = " \u203a "  # between an e-mail's name and its attachment's, as the import names them


def test_an_upgrade_links_old_attachments_to_their_email_only_where_certain(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "vault"
    chunk = ChunkRecord("Apixaban 5 mg.", None, 0, 14)
    vector = FakeEmbedder().embed([chunk.text])
    with new_vault(folder) as vault:
        a, b = vault.add_patient("Arthur Quornwaithe"), vault.add_patient("Beryl Oduya")
        made: dict[tuple[int, str], int] = {}

        def add(patient: int, name: str, kind: str, attached_to: int | None = None) -> int:
            data = f"{patient} {name} {len(made)}".encode()
            made[patient, name] = vault.add_document(
                patient, name, kind, data, [chunk], vector, "m", attached_to=attached_to
            )
            return made[patient, name]

        letter = add(a, "letter.eml", "email")
        discharge = add(a, f"letter.eml{M}discharge.pdf", "pdf")
        fwd = add(a, f"letter.eml{M}fwd.eml", "email")
        referral = add(a, f"letter.eml{M}fwd.eml{M}referral.pdf", "pdf")
        elsewhere = add(b, f"letter.eml{M}other.pdf", "pdf")  # B has no letter.eml: A's is not B's
        add(a, "scan.eml", "email")
        add(a, "scan.eml", "email")  # two e-mails of one name: which one is a guess
        page = add(a, f"scan.eml{M}page.pdf", "pdf")
        add(a, "notes.txt", "txt")
        notes = add(a, f"notes.txt{M}copy.pdf", "pdf")  # only an e-mail carries attachments
        later = add(b, "later.eml", "email")
        linked = add(b, f"later.eml{M}labs.pdf", "pdf", attached_to=later)  # schema 7 linked it
        with vault._tx() as s:  # rewind to schema 7 with the old attachments unlinked
            s.conn.execute("DELETE FROM document_carriers WHERE document_id != ?", (linked,))
            s.conn.execute("PRAGMA user_version = 7")

    with Vault.open(folder, PASS) as vault:
        with vault._read() as s:
            assert db.schema_version(s.conn) == len(MIGRATIONS)
            links = dict(s.conn.execute("SELECT document_id, carrier_id FROM document_carriers"))
        assert links == {discharge: letter, fwd: letter, referral: fwd, linked: later}
        assert {d.id for d in vault.attachments_of(letter)} == {discharge, fwd, referral}
        for alone in (elsewhere, page, notes):
            assert alone not in links


def test_an_upgrade_links_nothing_across_a_deleted_email_or_another_file(tmp_path: Path) -> None:
    """Review49 R5: an attachment whose own e-mail was deleted before schema 7 (deleting then
    kept attachments) was linked to an older e-mail of the same name, so deleting that one
    took it along. Only an attachment that follows its e-mail's run unbroken is linked."""
    folder = tmp_path / "vault"
    chunk = ChunkRecord("Apixaban 5 mg.", None, 0, 14)
    vector = FakeEmbedder().embed([chunk.text])
    with new_vault(folder) as vault:
        patient = vault.add_patient("Arthur Quornwaithe")
        made = itertools.count()

        def add(name: str, kind: str) -> int:
            data = f"{name} {next(made)}".encode()  # each its own bytes
            return vault.add_document(patient, name, kind, data, [chunk], vector, "m")

        monday = add("letter.eml", "email")  # Monday's letter, no attachments
        tuesday = add("letter.eml", "email")  # Tuesday's, misfiled: deleted, z.pdf stayed
        z = add(f"letter.eml{M}z.pdf", "pdf")
        results = add("results.eml", "email")
        first = add(f"results.eml{M}first.pdf", "pdf")
        add(f"results.eml{M}second.pdf", "pdf")  # deleted on its own
        third = add(f"results.eml{M}third.pdf", "pdf")
        referral = add("referral.eml", "email")
        add("clinic.txt", "txt")  # imported between the e-mail and this one
        stray = add(f"referral.eml{M}stray.pdf", "pdf")
        with vault._tx() as s:
            for deleted in (tuesday, first + 1):
                s.conn.execute("DELETE FROM documents WHERE id = ?", (deleted,))
            s.conn.execute("DELETE FROM document_carriers")
            s.conn.execute("PRAGMA user_version = 7")

    with Vault.open(folder, PASS) as vault:
        with vault._read() as s:
            links = dict(s.conn.execute("SELECT document_id, carrier_id FROM document_carriers"))
        assert links == {first: results}
        assert vault.attachments_of(monday) == []
        for alone in (z, third, stray):
            assert alone not in links
        assert referral not in links.values()
