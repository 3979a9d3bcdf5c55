"""The one way the app reads a file it did not just write: never blocks, never runs away.

Every loader (content, settings, history, status, export) reads through ``read_file``. A
FIFO would block ``open`` forever, ``/dev/zero`` would fill memory and a directory gives a
confusing error; so the file is opened without blocking, checked with ``fstat`` to be a
regular file before a byte is read, and refused above a size limit. The refusals are
``OSError`` subclasses, so every caller's existing "cannot be read" path handles them
(and names the file); nothing is moved, written or deleted here.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

UTF8_BOM = b"\xef\xbb\xbf"

_KIB = 1024
_MIB = 1024 * _KIB

#: Limits per kind of file, far above any real file and low enough that reading one never
#: freezes start-up. Ten years of daily history is about 30 MB.
CONTENT_FILE_LIMIT = 256 * _KIB
SETTINGS_FILE_LIMIT = 64 * _KIB
HISTORY_FILE_LIMIT = 256 * _MIB

_KINDS = {
    stat.S_IFDIR: "a directory",
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


class NotRegularFile(OSError):
    """The path is a directory, FIFO, device, socket (or a refused symlink): never read."""

    def __init__(self, path: Path, what: str) -> None:
        super().__init__(errno.EINVAL, f"not a regular file (it is {what})", str(path))


class FileTooLarge(OSError):
    """The file is over its limit: reading it would take too long or too much memory."""

    def __init__(self, path: Path, size: int, limit: int) -> None:
        message = f"too large ({_size_text(size)}; the limit is {_size_text(limit)})"
        super().__init__(errno.EFBIG, message, str(path))
        self.size = size
        self.limit = limit


def _size_text(size: int) -> str:
    if size >= _MIB:
        return f"{size / _MIB:.1f} MB"
    if size >= _KIB:
        return f"{size / _KIB:.0f} KB"
    return f"{size} bytes"


def read_file(path: Path, limit: int, *, follow_symlinks: bool = True) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them.

    Raises ``FileNotFoundError`` when missing, ``NotRegularFile``, ``FileTooLarge`` or
    another ``OSError``. With ``follow_symlinks=False`` a symlink is refused as well.
    A file that grows while it is read is refused too (never read past ``limit``).
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    if not follow_symlinks:
        flags |= os.O_NOFOLLOW
    try:
        fd = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ELOOP and not follow_symlinks and path.is_symlink():
            raise NotRegularFile(path, "a symbolic link, which is not followed here") from None
        if error.errno == errno.ENXIO:  # a FIFO with no writer, or a socket
            raise NotRegularFile(path, _kind_of(path)) from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(path, _KINDS.get(stat.S_IFMT(info.st_mode), "not a file"))
        if info.st_size > limit:
            raise FileTooLarge(path, info.st_size, limit)
        chunks: list[bytes] = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, _MIB))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:
            raise FileTooLarge(path, len(data), limit)
        return data
    finally:
        os.close(fd)


def _kind_of(path: Path) -> str:
    try:
        mode = path.stat().st_mode
    except OSError:
        return "not a file"
    return _KINDS.get(stat.S_IFMT(mode), "not a file")


def without_bom(data: bytes) -> bytes:
    """``data`` without a leading UTF-8 byte order mark (editors on Windows add one)."""
    return data[len(UTF8_BOM) :] if data.startswith(UTF8_BOM) else data


def read_optional(path: Path, limit: int, *, follow_symlinks: bool = True) -> bytes | None:
    """Like ``read_file``, but None when the file does not exist."""
    try:
        return read_file(path, limit, follow_symlinks=follow_symlinks)
    except FileNotFoundError:
        return None
