"""One pipeline for every job: read → normalize → (members) → engine → result columns → (review).

``classify``, ``review``, ``explain`` and the library all go through :func:`run`, so every option
means the same everywhere.
"""

from .run import CHUNK_ROWS, Engine, Run, run, run_review

__all__ = ["CHUNK_ROWS", "Engine", "Run", "run", "run_review"]
