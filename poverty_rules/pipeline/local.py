"""The local classification beside the national one (docs/standard.md §1; ``classify --local``).

A household reviewed against a local standard keeps its national result untouched — national
programmes and reports use it — and gets a second classification of its own in ``local_*`` columns:
``local_status``, ``local_deprived``, ``local_deprivation_count``, ``local_ruleset`` and, with
``explain``, ``local_reason``. The local standard runs through the same pipeline on the same rows
(its own indicators, member rules and lines); a row the local standard cannot read keeps empty
local columns, and a note says how many.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError
from ..results.classification import Classification
from ..rules.model import Ruleset
from ..vocabulary.words import LOCAL
from .options import RunOptions

#: The local columns, after the national ones: (local column, national column it copies).
LOCAL_COLUMNS = (
    ("local_status", "status"),
    ("local_deprived", "deprived"),
    ("local_deprivation_count", "deprivation_count"),
    ("local_ruleset", "ruleset"),
    ("local_reason", "reason"),
)


def add_local(
    national: Classification,
    data: Any,
    local: Ruleset,
    options: RunOptions,
    classify: Callable[..., Classification],
    **run_kwargs: Any,
) -> None:
    """Classify ``data`` again with ``local`` and append its ``local_*`` columns to ``national.results``.

    ``classify`` is the pipeline's own run function (so the local standard goes through exactly the
    same steps); the review date must lie in the local standard's period.
    """
    day = options.review_date
    if not local.in_force(day):
        message = LOCAL["out_of_period"][options.lang]
        raise InputError(message.format(id=local.id, start=local.valid_from, end=local.valid_to, day=day))
    result = classify(data, local, options.with_(ruleset=local, local=None), **run_kwargs)
    where = pd.Index(result.normalized.accepted).get_indexer(national.normalized.accepted)
    missing = where < 0
    out = national.results
    for column, source in LOCAL_COLUMNS:
        if source not in result.results:
            continue
        values = result.results[source]
        if not missing.any():
            out[column] = values.iloc[where].to_numpy()
            continue
        taken = values.astype(object).to_numpy()[np.where(missing, 0, where)]
        out[column] = np.where(missing, "", taken)
    if missing.any():
        national.normalized.notes.append(LOCAL["unread_rows"][options.lang].format(n=int(missing.sum()), id=local.id))
