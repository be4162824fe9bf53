"""What deleting documents takes with it, said before it happens (review 48 R6): the documents
an e-mail's attachments became go with the e-mail (the usual reason to delete one is that it was
filed under the wrong patient, and its attachments are then misfiled too), and the saved answers
and summaries quoting any of them are counted, for the faces to offer deleting them too."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from medlocal.app.outputs import citing_output_ids
from medlocal.fsutil import shown_name
from medlocal.vault.rows import DocumentInfo
from medlocal.vault.store import Vault
from medlocal.wording import counted

# How many attachment documents a question names before "and N more".
NAMED = 5


@dataclass(frozen=True)
class DocumentDeletion:
    """The documents chosen, those imported from their attachments (not chosen themselves),
    and the saved outputs quoting any of them."""

    chosen: list[int]
    attachments: list[DocumentInfo]
    citing: list[int]

    @property
    def document_ids(self) -> list[int]:
        """Every document deleted: the chosen ones, then their attachments'."""
        return [*self.chosen, *(info.id for info in self.attachments)]

    def attachments_sentence(self) -> str:
        """' 2 documents came from its attachments and are deleted with it: a › b, a › c.'
        ('' when none did), to follow the question."""
        if not self.attachments:
            return ""
        names = [shown_name(info.file_name) for info in self.attachments[:NAMED]]
        more = len(self.attachments) - NAMED
        listed = ", ".join(names) + (f" and {more} more" if more > 0 else "")
        one, single = len(self.attachments) == 1, len(self.chosen) == 1
        return (
            f" {counted(len(self.attachments), 'document').capitalize()} came from "
            f"{'its' if single else 'their'} attachments and {'is' if one else 'are'} deleted "
            f"with {'it' if single else 'them'}: {listed}."
        )


def plan_deletion(
    vault: Vault, document_ids: Sequence[int], *, with_attachments: bool = True
) -> DocumentDeletion:
    """What deleting ``document_ids`` takes along: with ``with_attachments``, the documents
    imported from their attachments; the outputs quoting any document deleted are counted."""
    chosen = list(dict.fromkeys(document_ids))
    attachments: dict[int, DocumentInfo] = {}
    if with_attachments:
        for document_id in chosen:
            for info in vault.attachments_of(document_id):
                if info.id not in chosen:
                    attachments.setdefault(info.id, info)
    citing = citing_output_ids(vault, [*chosen, *attachments])
    return DocumentDeletion(chosen, list(attachments.values()), citing)


def delete_planned(vault: Vault, plan: DocumentDeletion, *, with_outputs: bool = False) -> None:
    """Delete the plan's documents (and, with ``with_outputs``, the outputs quoting them) in one
    transaction: all or none."""
    vault.delete_documents(plan.document_ids, output_ids=plan.citing if with_outputs else [])
