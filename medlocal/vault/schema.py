"""The vault's schema as an ordered list of migrations.

``PRAGMA user_version`` holds the number of migrations applied; each migration runs in the same
transaction as the version bump, so a crash leaves the schema at a whole version. Append new steps;
never edit a shipped one.
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: initial schema
    """
    CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value BLOB NOT NULL
    );
    CREATE TABLE patients (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        mrn TEXT,
        dob TEXT,
        created_at TEXT NOT NULL
    );
    CREATE TABLE collections (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
    );
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
        collection_id INTEGER REFERENCES collections(id) ON DELETE SET NULL,
        file_name TEXT NOT NULL,
        file_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        embed_model_id TEXT NOT NULL,
        text TEXT,
        content BLOB NOT NULL,
        UNIQUE (patient_id, sha256)
    );
    CREATE INDEX documents_collection ON documents(collection_id);
    CREATE TABLE chunks (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        ord INTEGER NOT NULL,
        text TEXT NOT NULL,
        page INTEGER,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        section TEXT
    );
    CREATE INDEX chunks_document ON chunks(document_id, ord);
    CREATE TABLE embeddings (
        chunk_id INTEGER PRIMARY KEY REFERENCES chunks(id) ON DELETE CASCADE,
        model_id TEXT NOT NULL,
        dim INTEGER NOT NULL,
        vector BLOB NOT NULL
    );
    CREATE INDEX embeddings_model ON embeddings(model_id);
    -- Contentless FTS5 over chunk text (the text itself is stored once, in chunks); rowid is the
    -- chunk id. The scope column holds tokens p<patient> d<document> c<collection>, so a scoped
    -- query intersects posting lists instead of ranking the whole vault and filtering after.
    CREATE VIRTUAL TABLE chunks_fts USING fts5(
        text, scope, content='', contentless_delete=1,
        tokenize='unicode61 remove_diacritics 2'
    );
    CREATE VIRTUAL TABLE chunks_vocab USING fts5vocab(chunks_fts, 'col');
    CREATE TRIGGER chunks_ai AFTER INSERT ON chunks BEGIN
        INSERT INTO chunks_fts(rowid, text, scope)
        SELECT new.id, new.text,
               'p' || d.patient_id || ' d' || d.id || coalesce(' c' || d.collection_id, '')
        FROM documents d WHERE d.id = new.document_id;
    END;
    CREATE TRIGGER chunks_ad AFTER DELETE ON chunks BEGIN
        DELETE FROM chunks_fts WHERE rowid = old.id;
    END;
    CREATE TABLE chats (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER REFERENCES patients(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL
    );
    CREATE TABLE chat_messages (
        id INTEGER PRIMARY KEY,
        chat_id INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        content TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE INDEX chat_messages_chat ON chat_messages(chat_id, id);
    CREATE TABLE outputs (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER REFERENCES patients(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        content TEXT NOT NULL,
        provenance TEXT NOT NULL,
        flags TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE TABLE audit (
        seq INTEGER PRIMARY KEY,
        ts TEXT NOT NULL,
        event TEXT NOT NULL,
        details TEXT NOT NULL,
        mac BLOB NOT NULL
    );
    -- The newest row's MAC, kept apart so that deleting the last rows is detected too.
    CREATE TABLE audit_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq INTEGER NOT NULL,
        mac BLOB NOT NULL
    );
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN
        SELECT RAISE(ABORT, 'the audit log is append-only');
    END;
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN
        SELECT RAISE(ABORT, 'the audit log is append-only');
    END;
    """,
    # 2 (retrieval): each passage's indexing header, and exact-word search that stems. The
    # contentless FTS table cannot change its tokenizer in place, so it is rebuilt from the
    # chunks (the text is stored there); existing passages have no header until re-chunked.
    # Porter stemming over unicode61 maps "discharged"/"discharge" and "medications"/
    # "medication" together; it leaves numbers, doses ("500mg", "24-26") and drug names whole,
    # and queries are stemmed by the same tokenizer. (Its own step: renumber freely at merge.)
    """
    ALTER TABLE chunks ADD COLUMN context TEXT;
    DROP TRIGGER chunks_ai;
    DROP TRIGGER chunks_ad;
    DROP TABLE chunks_vocab;
    DROP TABLE chunks_fts;
    CREATE VIRTUAL TABLE chunks_fts USING fts5(
        text, scope, content='', contentless_delete=1,
        tokenize='porter unicode61 remove_diacritics 2'
    );
    CREATE VIRTUAL TABLE chunks_vocab USING fts5vocab(chunks_fts, 'col');
    INSERT INTO chunks_fts(rowid, text, scope)
    SELECT c.id, coalesce(c.context || char(10), '') || c.text,
           'p' || d.patient_id || ' d' || d.id || coalesce(' c' || d.collection_id, '')
    FROM chunks c JOIN documents d ON d.id = c.document_id;
    CREATE TRIGGER chunks_ai AFTER INSERT ON chunks BEGIN
        INSERT INTO chunks_fts(rowid, text, scope)
        SELECT new.id, coalesce(new.context || char(10), '') || new.text,
               'p' || d.patient_id || ' d' || d.id || coalesce(' c' || d.collection_id, '')
        FROM documents d WHERE d.id = new.document_id;
    END;
    CREATE TRIGGER chunks_ad AFTER DELETE ON chunks BEGIN
        DELETE FROM chunks_fts WHERE rowid = old.id;
    END;
    """,
    # 3 (OCR): where an OCR'd passage sits on its scanned page, as JSON [[page, left, top, right,
    # bottom], ...] in page fractions; NULL for text documents and for every passage imported
    # before (they came from text layers: nothing to add).
    """
    ALTER TABLE chunks ADD COLUMN regions TEXT;
    """,
    # 4: where each page starts and ends in the document's extracted text, as JSON [[number,
    # start, end], ...], so a passage's character offsets can be placed on its PDF page(s).
    # NULL for documents imported before: the re-chunk job (ingest/rechunk.py) fills it from the
    # stored original after unlock, without re-embedding when the text is unchanged.
    """
    ALTER TABLE documents ADD COLUMN pages TEXT;
    """,
    # 5: what the import noted about where the file belongs, as a JSON list of strings (walk
    # 28/30: "it names another patient of this vault, ..."), kept so the document list, a
    # duplicate re-import and answers quoting it can say so after the import's own report is
    # gone. NULL for documents imported before: nothing was noted.
    """
    ALTER TABLE documents ADD COLUMN notes TEXT;
    """,
    # 6: what each document passes on to every redacted export of its patient (the names, places
    # and day order of privacy.deid_record), read once per document at the first export that
    # needs it: reading a 5 MB document took more than ten minutes, at every export (walk 35).
    # ``key`` says what they were read from and with (the document's sha256, the patient's
    # identity, the seeds version); seeds under another key are read again. Derived data like
    # chunks and embeddings: encrypted with the rest, gone with the document, in every backup.
    """
    CREATE TABLE IF NOT EXISTS record_seeds (
        document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        seeds TEXT NOT NULL
    );
    """,
    # 7: the document (an e-mail) each document came from as an attachment (review 48 R6):
    # deleting a misfiled e-mail names the documents its attachments became and takes them
    # along. No row for a file imported on its own, nor for attachments imported before (their
    # name, "letter.eml › discharge.pdf", still says where they came from). Deleting either
    # document removes the link only; ids are never reused (ids.next_id).
    """
    CREATE TABLE IF NOT EXISTS document_carriers (
        document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        carrier_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE
    );
    CREATE INDEX IF NOT EXISTS document_carriers_carrier ON document_carriers(carrier_id);
    """,
    # 8: attachments imported before step 7 linked to their e-mail where nothing is a guess:
    # the attachment's name is "<e-mail's name> › <its own name>" (its own name holding no
    # " › "), exactly one e-mail of the same patient has that name, imported before it, and the
    # attachment follows that e-mail's run unbroken, as one import writes them: every id
    # between the two is a document of that patient, present (ids are never reused, so a gap is
    # a deletion: the real e-mail may have been deleted, review49 R5) and named after the same
    # e-mail. Two e-mails of one name, a name matching across patients, or anything between
    # them link nothing (deleting the e-mail then leaves such an attachment, as before).
    # Review49 tightened this step before any release carried it.
    """
    INSERT INTO document_carriers (document_id, carrier_id)
    SELECT k.document_id, k.carrier_id
    FROM (
        SELECT a.id AS document_id, min(c.id) AS carrier_id, a.patient_id AS patient_id,
               min(c.file_name) AS carrier_name
        FROM documents a
        JOIN documents c
          ON c.patient_id = a.patient_id
         AND c.id < a.id
         AND c.file_type = 'email'
         AND c.imported_at <= a.imported_at
         AND substr(a.file_name, 1, length(c.file_name) + 3) = c.file_name || ' › '
         AND instr(substr(a.file_name, length(c.file_name) + 4), ' › ') = 0
         AND length(a.file_name) > length(c.file_name) + 3
        WHERE a.id NOT IN (SELECT document_id FROM document_carriers)
        GROUP BY a.id
        HAVING count(*) = 1
    ) k
    WHERE (
        SELECT count(*) FROM documents m
        WHERE m.id > k.carrier_id AND m.id < k.document_id
          AND m.patient_id = k.patient_id
          AND substr(m.file_name, 1, length(k.carrier_name) + 3) = k.carrier_name || ' › '
    ) = k.document_id - k.carrier_id - 1;
    """,
    # 9: what the import knew of a document's pictures, as JSON {"read": [[start, end], ...],
    # "unread": [page, ...]} (vault.records.PictureMarks): text read from pictures by OCR and
    # the pages showing a picture that was not read, so that every passage cut from them says
    # so in its citation (left54 F5: only the first passage of a picture's text held its mark;
    # a picture not read was said once, in the import report). No row for documents without
    # pictures nor for those imported before (their import report said it then). A table of
    # its own, not a column: a step that runs again (an older release's vault) changes nothing.
    """
    CREATE TABLE IF NOT EXISTS document_pictures (
        document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        marks TEXT NOT NULL
    );
    """,
    # 10: the version of the extractor (ingest/extractor_versions.py, one per format) that a
    # document's text was read with, or last checked against by the update job, so that a
    # corrected extractor reaches documents already in the vault (`medlocal vault update`
    # reads them again from their stored originals). No row: read before versions were kept
    # (version 1). Encrypted with the rest, gone with the document. A table of its own, as in
    # step 9: a step that runs again changes nothing.
    """
    CREATE TABLE IF NOT EXISTS document_extractors (
        document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        version INTEGER NOT NULL
    );
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
