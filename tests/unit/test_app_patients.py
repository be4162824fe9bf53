"""How the application layer shows a document's own date beside the import dates."""

from __future__ import annotations

import pytest

from medlocal.document_dates import iso_when_clear


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("14/03/2026", "2026-03-14"),  # day first: the only reading
        ("03/14/2026", "2026-03-14"),  # month first: the only reading
        ("3 March 2026", "2026-03-03"),
        ("2026-11-02", "2026-11-02"),
        ("02/11/2026", "02/11/2026, day and month order unclear"),  # 2 Nov or 11 Feb?
        ("March 2026", "March 2026"),  # no day: as written
    ],
)
def test_a_documents_date_is_iso_where_it_reads_one_way(written: str, shown: str) -> None:
    assert iso_when_clear(written) == shown


def test_a_date_that_reads_two_ways_follows_the_day_order_given() -> None:
    assert iso_when_clear("02/11/2026", day_first=True) == "2026-11-02"
    assert iso_when_clear("02/11/2026", day_first=False) == "2026-02-11"
    assert iso_when_clear("14/03/2026", day_first=False) == "2026-03-14"  # one reading only
