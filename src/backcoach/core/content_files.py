"""Which files make up the content, and a fingerprint of their bytes.

Plain Python with no pydantic: the first frame's cache is checked against this
fingerprint before anything is validated, so it can only ever be used for the very
files it was built from. The loader reads exactly these files (a test holds the two
together).
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from backcoach.paths import AppPaths

EXERCISES_DIR = "exercises"
ROUTINES_FILE = "routines.toml"
ABOUT_FILE = "about.toml"


def packaged_content_dir() -> Path:
    """The content shipped in the wheel (backcoach/content), or the checkout's content/."""
    # The package's own folder, as importlib.resources.files("backcoach") gives it for
    # a package on disk, without importing importlib.resources (and zipfile) for it.
    here = Path(__file__).resolve()
    packaged = here.parents[1] / "content"
    if (packaged / EXERCISES_DIR).is_dir():
        return packaged
    # Editable install: src/backcoach/core/content_files.py -> <checkout>/content
    checkout = here.parents[3] / "content"
    if (checkout / EXERCISES_DIR).is_dir():
        return checkout
    return packaged  # missing: load_catalog reports it


def exercise_files(folder: Path) -> list[Path]:
    """The exercise files of one layer, in the order the loader reads them.

    Raises ``OSError`` when the folder cannot be listed (the loader reports it).
    """
    return sorted(p for p in folder.glob("*.toml") if not p.name.startswith("."))


def content_files(base_dir: Path, paths: AppPaths | None) -> list[Path]:
    """Every file ``load_catalog(paths, base_dir)`` may read, present or not."""
    files: list[Path] = []
    layers = [base_dir / EXERCISES_DIR]
    if paths is not None:
        layers.append(paths.user_exercises_dir)
    for folder in layers:
        try:
            files += exercise_files(folder) if folder.is_dir() else [folder]
        except OSError:
            files.append(folder)  # unlistable: its name stands for it in the fingerprint
    files += [base_dir / ROUTINES_FILE, base_dir / ABOUT_FILE]
    if paths is not None:
        files.append(paths.user_routines_file)
    return files


def content_fingerprint(base_dir: Path, paths: AppPaths | None, *extra: Path) -> str:
    """A digest of every content file's path and bytes (and of ``extra`` files).

    A missing or unreadable file counts as its path and the fact; any change to any
    file, a file added or removed changes the digest.
    """
    digest = hashlib.sha256()
    for path in [*content_files(base_dir, paths), *extra]:
        digest.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
        digest.update(_file_digest(path))
    return digest.hexdigest()


#: Bytes of one file that are hashed. A larger file is far beyond any content file: it
#: is told by its first bytes, size, inode and change times instead of being read
#: whole (the status-change time moves at every write and cannot be set back).
MOST_BYTES_HASHED = 1 << 20


def _file_digest(path: Path) -> bytes:
    """What stands for one file: never blocks (a FIFO is not opened for reading)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        return f"unreadable {type(error).__name__}\0".encode()
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return f"not a file {stat.S_IFMT(info.st_mode)}\0".encode()
        with os.fdopen(os.dup(fd), "rb") as file:
            data = file.read(MOST_BYTES_HASHED + 1)
    except OSError as error:
        return f"unreadable {type(error).__name__}\0".encode()
    finally:
        os.close(fd)
    head = f"{len(data)}\0"
    if len(data) > MOST_BYTES_HASHED:
        head = f"{info.st_size} {info.st_ino} {info.st_mtime_ns} {info.st_ctime_ns}\0"
    return head.encode() + hashlib.sha256(data).digest()
