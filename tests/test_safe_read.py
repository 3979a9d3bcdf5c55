"""The one guarded read: regular files only (never a hang on a FIFO, never /dev/zero
read to the end), a size limit, a BOM dropped."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from backcoach.core.safe_read import (
    UTF8_BOM,
    FileTooLarge,
    NotRegularFile,
    read_file,
    read_optional,
    without_bom,
)


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    path.write_bytes(b"x" * 3000)
    assert read_file(path, 3000) == b"x" * 3000


def test_a_fifo_is_refused_at_once_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "history.json"
    os.mkfifo(fifo)
    with pytest.raises(NotRegularFile, match="named pipe"):
        read_file(fifo, 100)  # a blocking open would wait for a writer forever


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(NotRegularFile, match="a directory") as caught:
        read_file(tmp_path, 100)
    assert caught.value.filename == str(tmp_path)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_symlink_to_a_device_is_refused_before_a_byte_is_read(
    tmp_path: Path, device: str
) -> None:
    link = tmp_path / "settings.json"
    link.symlink_to(device)
    with pytest.raises(NotRegularFile, match="character device"):
        read_file(link, 100)


def test_a_symlink_is_refused_where_links_are_not_followed(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_bytes(b"{}")
    link = tmp_path / "history.json"
    link.symlink_to(real)
    assert read_file(link, 100) == b"{}"
    with pytest.raises(NotRegularFile, match="symbolic link"):
        read_file(link, 100, follow_symlinks=False)


def test_a_file_over_the_limit_is_refused_with_both_sizes(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    path.write_bytes(b"x" * 5000)
    with pytest.raises(FileTooLarge) as caught:
        read_file(path, 4096)
    assert "5 KB" in str(caught.value) and "limit is 4 KB" in str(caught.value)
    assert caught.value.filename == str(path)


def test_missing_is_none_only_for_read_optional(tmp_path: Path) -> None:
    assert read_optional(tmp_path / "nothing", 10) is None
    with pytest.raises(FileNotFoundError):
        read_file(tmp_path / "nothing", 10)


def test_a_bom_is_dropped_once() -> None:
    assert without_bom(UTF8_BOM + b"{}") == b"{}"
    assert without_bom(b"{}") == b"{}"
