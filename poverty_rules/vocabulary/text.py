"""Text folding: how headers, words and spellings are compared (case, spaces, accents, đ)."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Case-, space- and accent-folded form of a header or word, for matching."""
    text = unicodedata.normalize("NFD", str(text).strip().lower()).replace("đ", "d")
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return " ".join(text.replace("_", " ").split())
