"""Reading the history file's bytes into a model, and keeping bad files safe.

``decode`` is pure: it says whether the bytes are a current, older, newer or broken
document, and why, in words a user can act on. The helpers below never overwrite or
delete a file: a copy goes to the first free name, a move is a link plus an unlink.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import itertools
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, StrictInt, ValidationError

from backcoach.core import migrations
from backcoach.core.atomic import PRIVATE_FILE_MODE, fsync_dir
from backcoach.core.history_models import MAY_HOLD_CONTROLS
from backcoach.core.safe_read import HISTORY_FILE_LIMIT, read_file, read_optional, without_bom

Kind = Literal["ok", "older", "newer", "unmigratable", "corrupt"]
M = TypeVar("M", bound=BaseModel)

# errno values meaning "this filesystem cannot hard-link": fall back to a copy or a rename.
NO_LINK_ERRNOS = {
    errno.EPERM,
    errno.ENOTSUP,
    errno.EOPNOTSUPP,
    errno.EXDEV,
    errno.EMLINK,
    errno.ENOSYS,
}


class _VersionProbe(BaseModel):
    model_config = ConfigDict(extra="ignore")
    schema_version: StrictInt


@dataclass(frozen=True)
class Decoded(Generic[M]):
    """What a file's bytes turned out to be.

    ``model`` is set for "ok", "older" (already migrated in memory) and, when it still
    fits this version's model, "newer". ``problem`` explains anything but "ok".
    """

    kind: Kind
    model: M | None = None
    version: int | None = None
    problem: str | None = None


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small objects.

    Validating years of history creates hundreds of thousands of records; the collector
    would rescan them over and over (measured: 2.0 s instead of 0.6 s for ten years).
    Nothing built here forms cycles, so nothing is missed.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def current_version() -> int:
    return migrations.SCHEMA_VERSION


def decode(data: bytes, model: type[M]) -> Decoded[M]:
    """Classify and validate ``data`` as a ``model`` document; never raises."""
    data = without_bom(data)  # a valid file saved by a Windows editor is still valid
    if not data.strip():
        return Decoded("corrupt", problem="the file is empty")
    current = current_version()
    try:
        with gc_paused():
            parsed = model.model_validate_json(data, context=_read_context(data))
    except ValidationError as err:
        return _classify_invalid(data, model, err, current)
    if "schema_version" not in parsed.model_fields_set:
        # Not written by backcoach (maybe another program's JSON): saving over it would
        # drop everything we do not know, so it is treated as unreadable.
        return Decoded("corrupt", problem="it has no schema_version number at the top level")
    version = int(getattr(parsed, "schema_version", current))
    if version == current:
        return Decoded("ok", parsed, version)
    if version > current:
        return Decoded("newer", parsed, version, _newer_problem(version, current))
    return _migrate(data, model, version)


# A control character in JSON text: escaped (\u0000-\u001f, \u007f-\u009f, \b \f \n
# \r \t), or raw DEL or C1 (UTF-8 C2 80-9F). Not finding one (the usual file) lets the
# models skip walking every text (see history_models.MAY_HOLD_CONTROLS).
_CONTROL_IN_JSON = re.compile(
    rb"\\u00[01][0-9a-fA-F]|\\u00[89][0-9a-fA-F]|\\u007[fF]|\\[bfnrt]|\x7f|\xc2[\x80-\x9f]"
)


def _read_context(data: bytes) -> dict[str, Any]:
    return {MAY_HOLD_CONTROLS: _CONTROL_IN_JSON.search(data) is not None}


def probe_problem(data: bytes) -> str | None:
    """Why ``data`` is not a backcoach document at all (empty, not JSON, no
    ``schema_version``), or None. Much cheaper than ``decode``: nothing is validated
    or built beyond the version number."""
    data = without_bom(data)
    if not data.strip():
        return "the file is empty"
    try:
        _VersionProbe.model_validate_json(data)
    except ValidationError as err:
        return _describe_probe_error(err)
    return None


def _classify_invalid(
    data: bytes, model: type[M], err: ValidationError, current: int
) -> Decoded[M]:
    try:
        probe = _VersionProbe.model_validate_json(data)
    except ValidationError as probe_err:
        return Decoded("corrupt", problem=_describe_probe_error(probe_err))
    version = probe.schema_version
    if version > current:
        return Decoded("newer", None, version, _newer_problem(version, current))
    if version < current:
        return _migrate(data, model, version)
    return Decoded("corrupt", version=version, problem=_describe_schema_error(err))


def _migrate(data: bytes, model: type[M], version: int) -> Decoded[M]:
    import json

    try:
        document: dict[str, Any] = json.loads(data)
    except (ValueError, RecursionError) as err:
        return Decoded("corrupt", version=version, problem=f"it is not valid JSON ({err})")
    try:
        upgraded = migrations.migrate(document, version)
        return Decoded(
            "older", model.model_validate(upgraded, context=_read_context(data)), version
        )
    except migrations.MigrationError as err:
        return Decoded("unmigratable", version=version, problem=str(err))
    except ValidationError as err:
        problem = f"after migrating from schema version {version}: {_describe_schema_error(err)}"
        return Decoded("unmigratable", version=version, problem=problem)


def _newer_problem(version: int, current: int) -> str:
    return (
        f"it was written by a newer backcoach (schema version {version}; this one knows "
        f"up to {current}), so it is shown read-only and nothing will be written to it"
    )


def _describe_probe_error(err: ValidationError) -> str:
    first = err.errors(include_url=False)[0]
    kind = first["type"]
    if kind == "json_invalid":
        detail = str(first.get("ctx", {}).get("error", first["msg"]))
        if "EOF while parsing" in detail:
            return f"the file ends too early, it looks truncated ({detail})"
        return f"it is not valid JSON ({detail})"
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return "its top level is not a JSON object"
    return "it has no schema_version number at the top level"


def _describe_schema_error(err: ValidationError) -> str:
    errors = err.errors(include_url=False)
    first = errors[0]
    where = ".".join(str(part) for part in first["loc"]) or "top level"
    more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
    return f"it does not match the history format: {where}: {first['msg']}{more}"


def read_bytes(path: Path) -> bytes | None:
    """The file's bytes, or None when it does not exist. Other OSErrors propagate,
    among them ``NotRegularFile`` (a FIFO, a device, a directory or a symlink: a save
    would replace the link with a file, so history files are never read through one)
    and ``FileTooLarge``."""
    return read_optional(path, HISTORY_FILE_LIMIT, follow_symlinks=False)


def timestamp_suffix(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def keep_copy(source: Path, name: str) -> Path:
    """Copy ``source`` to ``name`` (or ``name-2``, ...) beside it, never replacing a file.

    A hard link when the filesystem allows (no bytes copied), else an exclusive create.
    """
    data: bytes | None = None
    for attempt in itertools.count(1):
        target = source.with_name(name if attempt == 1 else f"{name}-{attempt}")
        try:
            os.link(source, target)
            return target
        except FileExistsError:
            continue
        except OSError as err:
            if err.errno not in NO_LINK_ERRNOS:
                raise
        if data is None:
            data = read_file(source, HISTORY_FILE_LIMIT, follow_symlinks=False)
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
        except FileExistsError:
            continue
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        return target
    raise AssertionError("unreachable")


def corrupt_suffix(when: datetime) -> str:
    """The suffix a bad history file is moved aside with: ``corrupt-<timestamp>``."""
    return f"corrupt-{timestamp_suffix(when)}"


def move_aside(path: Path, suffix: str) -> Path:
    """Rename a bad file to ``<name>.<suffix>`` (or a free ``-2``, ``-3`` name, never
    replacing a file); the directory is synced so the move survives a crash.

    A FIFO, device or symlink cannot be linked or copied: it is renamed as it is. A
    directory is never moved (it may hold anything): ``IsADirectoryError`` names it."""
    mode = os.lstat(path).st_mode
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "it is a directory, not a file", str(path))
    if not stat.S_ISREG(mode):
        target = _rename_to_free_name(path, f"{path.name}.{suffix}")
    else:
        target = keep_copy(path, f"{path.name}.{suffix}")
        os.unlink(path)
    fsync_dir(path.parent)
    return target


def _rename_to_free_name(source: Path, name: str) -> Path:
    for attempt in itertools.count(1):
        target = source.with_name(name if attempt == 1 else f"{name}-{attempt}")
        if os.path.lexists(target):
            continue
        os.rename(source, target)
        return target
    raise AssertionError("unreachable")


@dataclass
class DisplayRead(Generic[M]):
    """A read for showing only (status, export): nothing is moved or written."""

    model: M | None
    notices: list[str] = field(default_factory=list)
    read_only: bool = False


def read_for_display(path: Path, backup: Path, model: type[M]) -> DisplayRead[M]:
    """Read ``path`` without repairing it; fall back to ``backup`` and say why."""
    try:
        data = read_bytes(path)
    except OSError as err:
        return _display_backup(backup, model, [f"Cannot read {path}: {err.strerror or err}."])
    if data is None:
        if backup.exists():
            notice = (
                f"{path} is missing; showing the backup {backup}, which is one save "
                "behind (the most recent change may be missing). Start backcoach to "
                "restore it."
            )
            return _display_backup(backup, model, [notice], announce=False)
        return DisplayRead(None)
    decoded = decode(data, model)
    if decoded.kind in {"ok", "older"}:
        return DisplayRead(decoded.model)
    if decoded.kind == "newer":
        return DisplayRead(decoded.model, [f"{path}: {decoded.problem}."], read_only=True)
    if decoded.kind == "unmigratable":
        return DisplayRead(None, [f"{path} cannot be upgraded: {decoded.problem}."], True)
    notice = f"{path} cannot be read: {decoded.problem}. Start backcoach to move it aside safely."
    return _display_backup(backup, model, [notice])


def _display_backup(
    backup: Path, model: type[M], notices: list[str], announce: bool = True
) -> DisplayRead[M]:
    try:
        data = read_bytes(backup)
    except OSError:
        data = None
    decoded = decode(data, model) if data is not None else None
    if decoded is not None and decoded.kind in {"ok", "older"}:
        if announce:
            notices.append(f"Showing the backup {backup}.")
        return DisplayRead(decoded.model, notices)
    notices.append("Showing an empty history.")
    return DisplayRead(None, notices)
