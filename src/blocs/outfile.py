"""Where `blocs analyze` writes: checked before any work, replaced only at the end.

Results go, one at a time and flushed, to `<output>.partial` in the output's
own directory, which is renamed over the output (`os.replace`, atomic on one
file system) when the run ends. A run that fails or is killed half-way never
truncates an earlier output, and the results it had finished are readable in
the `.partial` file. `-` (or no output at all) means stdout.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional, TextIO

from .errors import BlocsError

PARTIAL_SUFFIX = ".partial"
STDOUT = "-"


def partial_path(output: Path) -> Path:
    return output.with_name(output.name + PARTIAL_SUFFIX)


def check_output(output: Path) -> None:
    """Refuse, before anything is analysed, an output that could not be written."""
    if output.is_dir():
        raise BlocsError("directory", str(output))
    parent = output.parent
    if not parent.is_dir():
        raise BlocsError("no-directory", str(output), detail=str(parent))
    if output.exists() and not os.access(output, os.W_OK):
        raise BlocsError("write", str(output), detail="permission denied")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise BlocsError("write", str(output), detail=f"cannot create files in {parent}")


class Output:
    """A text sink: stdout, or a `.partial` file that becomes the output on `commit()`."""

    def __init__(self, output: Optional[Path]):
        self.target = None if output is None or str(output) == STDOUT else Path(output)
        self.stream: TextIO = sys.stdout
        self.partial: Optional[Path] = None
        self.written = 0
        if self.target is not None:
            check_output(self.target)
            self.partial = partial_path(self.target)
            try:
                self.stream = open(self.partial, "w", encoding="utf-8")
            except OSError as err:
                raise BlocsError("write", str(self.target), detail=err.strerror or str(err)) from None

    def write(self, text: str) -> None:
        """Write one whole result and flush it, so a killed run leaves whole records behind."""
        try:
            self.stream.write(text)
            self.stream.flush()
        except BrokenPipeError:
            raise
        except OSError as err:  # disk full, quota: one line, the earlier output untouched
            raise BlocsError("write", str(self.partial or "stdout"), detail=err.strerror or str(err)) from None
        self.written += 1

    def commit(self) -> None:
        """The run ended: the partial file becomes the output. With nothing written (every story
        failed) an earlier output is left as it was."""
        if self.target is None:
            return
        self.stream.close()
        assert self.partial is not None  # set with the target
        if self.written == 0 and self.target.exists():
            self.partial.unlink(missing_ok=True)
            return
        os.replace(self.partial, self.target)

    def abandon(self) -> Optional[Path]:
        """The run stopped early: keep the partial file if it holds anything; returns it then."""
        if self.target is None:
            return None
        if not self.stream.closed:
            self.stream.close()
        if self.written or self.partial is None:
            return self.partial
        self.partial.unlink(missing_ok=True)
        return None
