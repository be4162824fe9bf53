"""Model-written Markdown read for the DOCX, PDF and plain-text exports: the body as blocks
(headings, bullets, paragraphs, tables as written) and a line as runs of bold and italic text.
"""

from __future__ import annotations

import re

# A table's row as a document writes it: between pipes ("| Hb | 118 g/L |"), a ruled border
# ("+------+-----+", "|---|---|"), or, on two lines running at least, cells set apart by runs of
# blanks or tabs ("Hb      118    g/L").
_PIPE_ROW = re.compile(r"[ \t]*[|+¦].*[|+¦][ \t]*")
_RULE_ROW = re.compile(r"[ \t|+:=-]+")
_SPACED_ROW = re.compile(r"[ \t]*\S.*?(?: {2,}|\t)\S")


def _table_lines(lines: list[str]) -> list[bool]:
    """For each line, whether it is a table's row (walk 23: a lab report's table came out of a
    PDF as one run of text, its spacing collapsed, and out of a DOCX as plain paragraphs)."""
    piped = [_PIPE_ROW.fullmatch(line) is not None for line in lines]
    spaced = [_SPACED_ROW.match(line) is not None for line in lines]
    return [
        piped[i]
        or (spaced[i] and ((i > 0 and spaced[i - 1]) or (i + 1 < len(lines) and spaced[i + 1])))
        for i in range(len(lines))
    ]


def markdown_blocks(body: str) -> list[tuple[str, str]]:
    """Markdown body as (kind, text) blocks: h1, h2, h3, bullet, para, table. A paragraph keeps
    its line breaks ("\n"): models write medication lists and numbered steps one per line, and
    "Metformin 500 mg [1] Apixaban 2.5 mg [2]" run together is not what was written. A table
    keeps its lines as written, blanks and all."""
    blocks: list[tuple[str, str]] = []
    para: list[str] = []
    table: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(("para", "\n".join(para)))
            para.clear()
        if table:
            blocks.append(("table", "\n".join(table)))
            table.clear()

    lines = body.splitlines()
    for line, in_table in zip(lines, _table_lines(lines), strict=True):
        stripped = line.strip()
        if in_table:
            if para:
                blocks.append(("para", "\n".join(para)))
                para.clear()
            table.append(line.rstrip().expandtabs(8))
            continue
        if table:
            flush()
        if not stripped:
            flush()
        elif stripped.startswith("#"):
            flush()
            level = min(len(stripped) - len(stripped.lstrip("#")), 3)
            blocks.append((f"h{level}", stripped.lstrip("#").strip()))
        elif stripped[:2] in ("- ", "* ", "• "):
            flush()
            blocks.append(("bullet", stripped[2:].strip()))
        else:
            para.append(stripped)
    flush()
    return blocks


# Markdown emphasis the model writes: **bold** (or __bold__) and *italic*. A lone asterisk or
# one inside a word (5*2, "file_name") stays as it is.
_EMPHASIS = re.compile(
    r"(\*\*|__)(?=\S)(?P<bold>.+?)(?<=\S)\1|(?<![*\w])\*(?=\S)(?P<italic>[^*]+?)(?<=\S)\*(?![*\w])"
)


def inline_runs(text: str) -> list[tuple[str, bool, bool]]:
    """``text`` as (piece, bold, italic) runs, its Markdown emphasis markers removed."""
    runs: list[tuple[str, bool, bool]] = []
    at = 0
    for match in _EMPHASIS.finditer(text):
        if match.start() > at:
            runs.append((text[at : match.start()], False, False))
        if match.group("bold") is not None:
            runs.append((match.group("bold"), True, False))
        else:
            runs.append((match.group("italic"), False, True))
        at = match.end()
    if at < len(text) or not runs:
        runs.append((text[at:], False, False))
    return runs


def pipe_cells(text: str) -> list[list[str]] | None:
    """A pipe table's rows as their cells, rules left out; None where a line is no pipe row."""
    rows: list[list[str]] = []
    for line in text.split("\n"):
        if _RULE_ROW.fullmatch(line):
            continue
        if not line.strip().startswith(("|", "¦")):
            return None
        rows.append([cell.strip() for cell in re.split(r"[|¦]", line.strip())[1:-1]])
    return rows or None
