"""Folders and zip archives seen the same way: a flat list of entries to read one at a time.

Nothing is ever extracted to disk, and a member is read only when it is imported, so a
large export never sits in memory whole.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from runcare.activities.budget import ImportBudget, Readable
from runcare.activities.limits import (
    MAX_COMPRESSION_RATIO,
    MAX_FILE_BYTES,
    RATIO_CHECK_MIN_BYTES,
)
from runcare.activities.model import UnreadableFileError


@dataclass(frozen=True, slots=True)
class Entry:
    """One file inside a container. ``name`` is its POSIX path relative to the container."""

    name: str
    source: str
    size: int
    read: Callable[[], bytes]


class ArchiveRefusedError(Exception):
    """The whole archive is refused (bomb, path traversal, too large); the message says why."""


def read_capped(stream: Readable, limit: int, what: str) -> bytes:
    """Read at most ``limit`` bytes; more than that is refused rather than trusted."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise UnreadableFileError(f"{what} is larger than the {limit / 1024**2:g} MB limit")
    return data


# Pipes and devices are never opened: reading one could block forever or never end.
NOT_A_FILE = "not a regular file (a pipe, socket or device)"
# Links to folders are not followed, so a link loop cannot trap the walk.
LINKED_FOLDER = "a link to a folder, not followed (give the folder itself)"


def folder_entries(root: Path, display: str, budget: ImportBudget) -> list[Entry]:
    """Every file below ``root``, in a stable order.

    What cannot be read (a folder without permission, a linked folder, a pipe) is an entry
    too, whose reader raises the reason, so nothing below ``root`` goes unaccounted.
    """
    prefix = display.rstrip("/")
    entries = []
    for path, refusal in sorted(_walk(root), key=lambda found: found[0]):
        rel = path.relative_to(root).as_posix()
        source = prefix if rel == "." else printable_path(f"{prefix}/{rel}")
        read = _file_reader(path, budget) if refusal is None else _refused(refusal)
        entries.append(Entry(rel, source, _size_or_zero(path), read))
    return entries


def printable_path(text: str) -> str:
    """A file name as text any terminal and JSON accept.

    Python keeps the bytes of a name that is not UTF-8 as lone surrogates, which cannot be
    printed or encoded; they are shown as ``\\xNN`` instead, so the file can still be found.
    """
    return os.fsencode(text).decode("utf-8", "backslashreplace")


def _walk(root: Path) -> Iterator[tuple[Path, str | None]]:
    """``(path, None)`` for each non-folder below ``root``; ``(path, reason)`` for a folder
    that could not be entered."""
    errors: list[OSError] = []
    for folder, dirs, files in os.walk(root, onerror=errors.append):
        here = Path(folder)
        for name in dirs:
            if (here / name).is_symlink():
                yield here / name, LINKED_FOLDER
        for name in files:
            yield here / name, None
    for error in errors:
        if error.filename is not None:
            yield Path(error.filename), f"the folder cannot be read: {error.strerror or error}"


def _refused(reason: str) -> Callable[[], bytes]:
    def read() -> bytes:
        raise UnreadableFileError(reason)

    return read


def file_entry(path: Path, display: str, budget: ImportBudget) -> Entry:
    return Entry(path.name, display, _size_or_zero(path), _file_reader(path, budget))


def _size_or_zero(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _file_reader(path: Path, budget: ImportBudget) -> Callable[[], bytes]:
    def read() -> bytes:
        try:
            if not stat.S_ISREG(path.stat().st_mode):
                raise UnreadableFileError(NOT_A_FILE)
            with path.open("rb") as handle:
                data = read_capped(handle, MAX_FILE_BYTES, "the file")
            budget.add_input(len(data))
            return data
        except FileNotFoundError as exc:
            if path.is_symlink():
                raise UnreadableFileError("a link to a file that does not exist") from exc
            raise UnreadableFileError(f"cannot be read: {exc.strerror or exc}") from exc
        except OSError as exc:
            raise UnreadableFileError(f"cannot be read: {exc.strerror or exc}") from exc

    return read


def zip_entries(archive: zipfile.ZipFile, display: str, budget: ImportBudget) -> list[Entry]:
    """Entries of an open archive, after refusing anything that looks like an attack.

    Its members are charged to ``budget`` (``BudgetSpentError`` when that is too many).
    """
    infos = [info for info in archive.infolist() if not info.is_dir()]
    check_archive(infos, budget)
    budget.charge_members(len(infos))
    return [
        Entry(
            name=info.filename,
            source=f"{display}!{info.filename}",
            size=info.file_size,
            read=_member_reader(archive, info, budget),
        )
        for info in infos
    ]


def check_archive(infos: list[zipfile.ZipInfo], budget: ImportBudget) -> None:
    """Refuse the whole archive (``ArchiveRefusedError``) from what its directory claims."""
    for info in infos:
        _check_member_name(info.filename)
        if info.file_size > RATIO_CHECK_MIN_BYTES and _expands_too_much(
            info.file_size, info.compress_size
        ):
            raise ArchiveRefusedError(
                f"refused: {info.filename} expands over {MAX_COMPRESSION_RATIO} times "
                "its packed size (a zip bomb?)"
            )
    total = sum(info.file_size for info in infos)
    # Many members each just under the size checked above are a bomb as well.
    if total > RATIO_CHECK_MIN_BYTES and _expands_too_much(
        total, sum(info.compress_size for info in infos)
    ):
        raise ArchiveRefusedError(
            f"refused: its {len(infos):,} files together expand over {MAX_COMPRESSION_RATIO} "
            "times their packed size (a zip bomb?)"
        )
    if total > budget.max_bytes:
        raise ArchiveRefusedError(
            f"refused: the archive unpacks to {total / 1024**3:.1f} GB, over the "
            f"{budget.max_bytes / 1024**3:g} GB limit"
        )


def _expands_too_much(size_bytes: int, packed_bytes: int) -> bool:
    return packed_bytes == 0 or size_bytes / packed_bytes > MAX_COMPRESSION_RATIO


def _check_member_name(name: str) -> None:
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or (name[1:2] == ":"):
        raise ArchiveRefusedError(f"refused: member {name!r} points outside the archive")


def _member_reader(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: ImportBudget
) -> Callable[[], bytes]:
    def read() -> bytes:
        if info.file_size > MAX_FILE_BYTES:
            raise UnreadableFileError(
                f"the file is larger than the {MAX_FILE_BYTES // 1024**2} MB limit"
            )
        # Stop before inflating what the import's budget cannot pay for.
        budget.check_room(info.file_size)
        try:
            with archive.open(info) as handle:
                # The header's size can lie; cap what is actually inflated as well.
                return budget.read(handle, max(info.file_size, 0), "the file")
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise UnreadableFileError(f"damaged inside the archive ({exc})") from exc
        except NotImplementedError as exc:
            raise UnreadableFileError(f"packed with an unsupported method ({exc})") from exc

    return read


def open_zip(data: io.BytesIO | Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(data)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise UnreadableFileError("not a readable zip archive (damaged or truncated)") from exc
