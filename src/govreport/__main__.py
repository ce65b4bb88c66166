"""``python -m govreport`` is the same as the ``govreport`` command."""

from .cli import main

main()
