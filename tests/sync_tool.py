"""A stand-in for a file-sync tool (Syncthing, Dropbox, Nextcloud) between two data dirs.

It syncs the way those tools do: a file changed on one side only is copied across (a
deletion likewise); a file changed on both sides since the last sync keeps one version
and the other is kept beside it under the tool's conflict name. Writes are atomic
(a new inode), as the tools do with their temp files.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

Tool = Literal["syncthing", "dropbox", "nextcloud"]


def conflict_name(name: str, tool: Tool, serial: int) -> str:
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    suffix = f".{ext}" if ext else ""
    if tool == "syncthing":
        return f"{stem}.sync-conflict-20261125-{serial:06d}-ABCDEFG{suffix}"
    if tool == "dropbox":
        return f"{stem} (Ann's conflicted copy 2026-11-25 {serial}){suffix}"
    return f"{stem} (conflicted copy 2026-11-25 {serial:06d}){suffix}"


def _files(root: Path) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for path in root.rglob("*"):
        if path.is_file() and path.name != ".lock" and not path.name.endswith(".tmp"):
            found[str(path.relative_to(root))] = path.read_bytes()
    return found


def _put(root: Path, relative: str, data: bytes | None) -> None:
    target = root / relative
    if data is None:
        target.unlink(missing_ok=True)
        return
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temp = target.with_name(f"~syncing-{target.name}")
    temp.write_bytes(data)
    os.chmod(temp, 0o600)
    os.replace(temp, target)


class SyncTool:
    """Keeps ``left`` and ``right`` in step, one ``sync()`` at a time."""

    def __init__(self, left: Path, right: Path, tool: Tool) -> None:
        self.left, self.right, self.tool = left, right, tool
        self.base: dict[str, bytes] = {}
        self.conflicts = 0

    def sync(self, left_wins: bool = True) -> None:
        ours, theirs = _files(self.left), _files(self.right)
        for name in sorted(set(ours) | set(theirs) | set(self.base)):
            a, b, base = ours.get(name), theirs.get(name), self.base.get(name)
            if a == b:
                pass
            elif a == base:
                _put(self.left, name, b)
            elif b == base:
                _put(self.right, name, a)
            elif a is None or b is None:  # deleted on one side, changed on the other
                kept = a if b is None else b
                _put(self.left, name, kept)
                _put(self.right, name, kept)
            else:
                self.conflicts += 1
                winner, loser = (a, b) if left_wins else (b, a)
                copy = str(
                    Path(name).with_name(conflict_name(Path(name).name, self.tool, self.conflicts))
                )
                for root in (self.left, self.right):
                    _put(root, name, winner)
                    _put(root, copy, loser)
        self.base = _files(self.left)
