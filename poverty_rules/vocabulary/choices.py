"""The values the run options take (``--engine``, ``--lang``, ``--blank-flags``; the library's
keywords of the same names): words, so that the command line offers them before it imports the
pipeline (docs/architecture.md, "Start-up"). :class:`poverty_rules.pipeline.RunOptions` checks them."""

from __future__ import annotations

from typing import Literal, get_args

Engine = Literal["vectorized", "durable"]
Lang = Literal["vi", "en"]
BlankFlags = Literal["unknown", "not_deprived"]
ENGINES: tuple[str, ...] = get_args(Engine)
LANGS: tuple[str, ...] = get_args(Lang)
BLANK_FLAGS: tuple[str, ...] = get_args(BlankFlags)
