"""The review's reports (docs/reports.md): units and arithmetic, the forms R1–R9, the lists to post,
plan targets, and their writers (XLSX workbook, CSV export).

``build_report`` turns one review (:class:`~poverty_rules.reports.frame.ReviewFrame`) into a
:class:`~poverty_rules.reports.model.Report`; the writers in :data:`WRITERS` put it on paper.
"""

from __future__ import annotations

from .frame import ReviewFrame, from_history, from_reviewed
from .model import Report, build_report

__all__ = ["Report", "ReviewFrame", "build_report", "from_history", "from_reviewed"]
