"""``backcoach export --format csv|json [--output FILE]``: history for a spreadsheet.

Reads without repairing or creating anything. A CSV file gets a UTF-8 byte order mark
so that spreadsheet programs pick the right encoding; standard output gets none.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path
from typing import TextIO

from backcoach.core.export import render, write_export
from backcoach.core.history_models import History
from backcoach.core.store import describe_os_error
from backcoach.core.store.display import read_history_for_display
from backcoach.core.visible_text import visible
from backcoach.paths import AppPaths


def run(
    paths: AppPaths,
    fmt: str = "csv",
    output: str | None = None,
    *,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    shown = read_history_for_display(paths.data_dir)
    for notice in shown.notices:
        print(f"backcoach: {visible(notice)}", file=err)
    try:
        text = render(shown.model or History(), fmt)
    except ValueError as problem:
        print(f"backcoach: {problem}", file=err)
        return 2
    if output is None or output == "-":
        out.write(text)  # a closed pipe (``| head``) is handled in cli.main
        out.flush()
        return 0
    target = Path(output).expanduser()
    if _inside(target, paths.data_dir):
        print(
            f"backcoach: will not write {target}: it is inside the data dir "
            f"{paths.data_dir}, where the history is kept. Choose a file elsewhere.",
            file=err,
        )
        return 1
    if target.is_dir():
        print(f"backcoach: {target} is a directory; give a file name.", file=err)
        return 1
    if not target.parent.is_dir():
        print(f"backcoach: cannot write {target}: {target.parent} does not exist.", file=err)
        return 1
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
    data = text.encode(encoding)
    try:
        if target.exists() and not target.is_file():
            write_to_stream(target, data)  # /dev/stdout, a FIFO: written to, as it is
        else:
            # A symlink to a file: the file it points to is replaced, the link stays.
            write_export(target.resolve() if target.is_symlink() else target, data)
    except OSError as problem:
        print(f"backcoach: cannot write {target}: {describe_os_error(problem)}.", file=err)
        return 1
    print(f"backcoach: wrote {target}", file=err)
    return 0


def write_to_stream(target: Path, data: bytes) -> None:
    """Write to a terminal, ``/dev/stdout`` or a FIFO in place: no temp file beside it (in
    /dev), no replacing it. A FIFO nobody reads is refused rather than waited on."""
    mode = target.stat().st_mode
    if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        raise OSError(errno.EINVAL, "it is neither a file, a terminal nor a pipe", str(target))
    try:
        fd = os.open(target, os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError as error:
        if error.errno == errno.ENXIO:
            raise OSError(errno.ENXIO, "nothing is reading from that pipe", str(target)) from None
        raise
    try:
        os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def _inside(target: Path, directory: Path) -> bool:
    """Whether ``target`` is ``directory`` or lies within it (after symlinks)."""
    resolved = target.resolve()
    home = directory.expanduser().resolve()
    return resolved == home or home in resolved.parents
