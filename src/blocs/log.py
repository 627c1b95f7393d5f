"""Logging for the command line: quiet by default, `-v` for the stages' notes, `--debug` for everything.

Stages log through `logging.getLogger(__name__)`; only the command line decides
where the records go, so the library never prints on its own.
"""

from __future__ import annotations

import logging

from rich.logging import RichHandler


def setup(verbose: bool = False, debug: bool = False) -> None:
    level = logging.DEBUG if debug else logging.INFO if verbose else logging.WARNING
    handler = RichHandler(show_time=False, show_path=debug, markup=False, rich_tracebacks=debug)
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s", handlers=[handler], force=True)
    logging.getLogger("blocs").setLevel(level)
