"""``python -m poverty_rules`` runs the ``poverty-rules`` command."""

from .cli import main

if __name__ == "__main__":
    main()
