"""The review's reports (docs/reports.md): units and arithmetic, the forms R1–R9, the lists to post,
plan targets, and their writers (XLSX workbook, CSV export).

``reports/model.py`` ``build_report`` turns one review (``reports/frame.py`` ``ReviewFrame``) into a
``Report``; the writers (``reports/writers.py``) put it on paper. This package imports none of its modules
itself: ``classify`` takes its summary's half-up rates from ``reports/units.py`` without loading the forms
and lists (docs/architecture.md, "Start-up").
"""
