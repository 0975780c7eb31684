"""Late imports: the one place the package imports a module after start-up, on purpose.

A module imported here is one a run may never need, and whose import would sit on the path to the
first row read or classified: pyarrow's Parquet module (with its filesystems: 0.012 s before the reading
thread starts) only when a Parquet file is read or written, rich only when something is shown, the
command line's subcommands and classifying work (:func:`poverty_rules.cli._base.load`), and in
pipeline/run.py the durable engine (``--engine durable``) and the review against the history (SQLite and
the review run, for ``run_review``), which ``classify`` never needs, and in api.py the Dask path (a
dask.dataframe given) and the durable engine (``update_household``), which ``pr.classify`` of a pandas
frame never needs. Everything
else is imported at module level; tests/test_layers.py checks that ``importlib.import_module`` is
called nowhere else but here and in the package's ``__getattr__``.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


def late_module(name: str) -> ModuleType:
    """The module ``name``, imported now if it is not yet."""
    return importlib.import_module(name)


def late_attribute(target: str) -> Any:
    """``"module:attribute"``: the attribute of the module, imported now if it is not yet."""
    name, _, attr = target.partition(":")
    return getattr(importlib.import_module(name), attr)
