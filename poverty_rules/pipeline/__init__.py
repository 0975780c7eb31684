"""One pipeline for every job: read → normalize → (members) → engine → result columns → (review).

``classify``, ``review``, ``explain`` and the library all build one :class:`RunOptions` and go
through :func:`run`, so every option means the same everywhere.
"""

from .options import BLANK_FLAGS, ENGINES, LANGS, Engine, Lang, RunOptions
from .run import CHUNK_ROWS, Run, members_behind, prepare, run, run_review

__all__ = [
    "BLANK_FLAGS",
    "CHUNK_ROWS",
    "ENGINES",
    "Engine",
    "LANGS",
    "Lang",
    "Run",
    "RunOptions",
    "members_behind",
    "prepare",
    "run",
    "run_review",
]
