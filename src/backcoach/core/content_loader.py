"""Load the packaged content, then the user's overlay; never raise on a bad file.

CONTRACT (stub, to be implemented): see the functions below.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from backcoach.core.content_models import Catalog
from backcoach.paths import AppPaths


@dataclass(frozen=True)
class ContentProblem:
    """One thing wrong with one content file: shown to the user, never a traceback."""

    path: Path
    message: str  # names the field (or the TOML line) and what is wrong

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True)
class CatalogLoad:
    catalog: Catalog
    problems: list[ContentProblem] = field(default_factory=list)


def packaged_content_dir() -> Path:
    """The content shipped in the wheel (backcoach/content), or the checkout's content/."""
    raise NotImplementedError


def load_catalog(paths: AppPaths | None = None, content_dir: Path | None = None) -> CatalogLoad:
    """Packaged content (or ``content_dir``), then ``paths``' user overlay when given."""
    raise NotImplementedError
