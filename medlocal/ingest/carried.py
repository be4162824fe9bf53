"""The files one imported file carries (an e-mail's attachments), and what the vault stores of
the file that carries them.

An e-mail was stored whole, so each attachment's bytes were stored twice: inside the e-mail and
as the attachment's own document (a 56.6 MB e-mail with a 40 MB PDF made a 96 MB vault). The
e-mail is now stored with the bytes of the attachments that are documents of their own left
out (their headers kept, marked), and with those that are not (an unsupported, damaged or
textless one, a copy of its own text) kept inside it, so nothing imported is lost from the
vault. Which attachments become documents is known only after the e-mail is written (they are
linked to it by its id), so it is written without every attachment the import will try, and
written once more, at the end of its attachments, only where one of those did not become a
document (or was not reached: a cancel or a full disk).

Review49: only an attachment that became a document linked to the e-mail (deleting the e-mail
names it) is left out; one that duplicates a document already in the vault stays inside it, as
that document may be deleted on its own. An import stopped between the two writes (a crash, a
second Ctrl-C) leaves the e-mail without the attachments it had not reached; imported again, the
e-mail (a duplicate) is written once more from its file, which puts them back."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from medlocal.ingest.document import Attachment, ExtractedDocument, StoredForm

log = logging.getLogger(__name__)


@dataclass
class Carried:
    """A file's attachments, each let go (None) once imported, and how to write the file's
    stored form; ``kept`` says which attachments its stored form, as first written, holds."""

    attachments: list[Attachment | None] = field(default_factory=list)
    stored_form: StoredForm | None = None
    kept: list[bool] = field(default_factory=list)
    # Written again at the end whatever ``kept`` says: a file already in the vault, whose
    # stored form, written by an import that may have stopped midway, is not known here.
    rewrite: bool = False

    @classmethod
    def of(cls, document: ExtractedDocument, tried: Callable[[Attachment], bool]) -> Carried:
        """``document``'s attachments; ``tried`` says which the import will try to make a
        document of (the others stay inside the stored file from the start)."""
        attachments = list(document.attachments)
        kept = [not tried(attachment) for attachment in attachments]
        return cls(list(attachments), document.stored_form, kept)

    @classmethod
    def again(cls, attachments: Sequence[Attachment], stored_form: StoredForm | None) -> Carried:
        """The attachments of a file already in the vault, imported again: its stored form is
        written once more when they are through (see the module text)."""
        return cls(list(attachments), stored_form, [False] * len(attachments), rewrite=True)

    def first_form(self) -> bytes | None:
        """The bytes to store for the file when it is written: None for its own bytes (it
        carries nothing to leave out)."""
        if self.stored_form is None or all(self.kept):
            return None
        pairs = zip(self.attachments, self.kept, strict=True)
        try:
            return self.stored_form([a.data if keep and a else None for a, keep in pairs])
        except Exception as err:  # an e-mail the library reads but cannot write out again
            # Stored whole, as it came: nothing is left out, nothing to put back later.
            log.warning("an e-mail is stored whole (%s writing it out)", type(err).__name__)
            self.stored_form, self.kept = None, [True] * len(self.kept)
            return None

    def final_form(self, kept: Sequence[bytes | None]) -> bytes | None:
        """The bytes to store once the attachments are through, ``kept`` holding those that
        did not become documents: None when the first form already holds just those."""
        if self.stored_form is None or not self.attachments:
            return None
        if not self.rewrite and [k is not None for k in kept] == self.kept:
            return None
        return self.stored_form(kept)
