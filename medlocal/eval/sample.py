"""``--limit N``: a stratified, seeded sample instead of the first N questions (benchmark files
are often sorted by subject or source, so the first N would measure one corner of it)."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence

from medlocal.eval.items import Item


def stratified_sample(items: Sequence[Item], limit: int | None, seed: int = 0) -> list[Item]:
    """``limit`` items in file order, each stratum (subject, else the right answer's label)
    represented in proportion to its size; the same seed gives the same sample."""
    if limit is None or limit >= len(items):
        return list(items)
    if limit <= 0:
        return []
    strata: dict[str, list[int]] = defaultdict(list)
    use_subject = any(item.subject for item in items)
    for index, item in enumerate(items):
        strata[item.subject if use_subject else item.answer].append(index)
    total = len(items)
    shares = {key: limit * len(members) / total for key, members in strata.items()}
    quotas = {key: int(share) for key, share in shares.items()}
    # Largest remainders get the seats left over; ties broken by stratum name (deterministic).
    left = limit - sum(quotas.values())
    for key in sorted(shares, key=lambda k: (quotas[k] - shares[k], k))[:left]:
        quotas[key] += 1
    rng = random.Random(seed)
    chosen: list[int] = []
    for key in sorted(strata):
        members = list(strata[key])
        rng.shuffle(members)
        chosen.extend(members[: quotas[key]])
    return [items[i] for i in sorted(chosen)]
