"""One exception type for everything a user can cause, printed without a traceback."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Diagnostic:
    """A problem found in a file: the CLI prints it as `PATH:LINE: level: MESSAGE`."""

    path: Path | str
    line: int | None
    message: str
    level: str = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.level}: {self.message}"


class GuideError(Exception):
    """A failure the user can fix; carries one or more diagnostics (all found, then one abort)."""

    def __init__(self, diagnostics: list[Diagnostic] | Diagnostic) -> None:
        if isinstance(diagnostics, Diagnostic):
            diagnostics = [diagnostics]
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))

    @classmethod
    def at(cls, path: Path | str, line: int | None, message: str) -> "GuideError":
        return cls(Diagnostic(path, line, message))


def in_line_order(found: list[Diagnostic]) -> list[Diagnostic]:
    """Diagnostics as an organiser reads the file: by file, then by line (file-wide ones first)."""
    return sorted(dict.fromkeys(found), key=lambda d: (str(d.path), d.line or 0))  # each said once
