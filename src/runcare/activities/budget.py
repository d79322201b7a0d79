"""One budget for a whole import: every archive member and every inflated byte, at every
nesting level, counted together.

Limits per archive are not enough: small zips nested in zips each pass on their own while
together they unpack to many gigabytes. The budget is spent by what is actually inflated,
and the import stops as soon as it is spent (``BudgetSpentError``), keeping what it read.
"""

from __future__ import annotations

from typing import Protocol

from runcare.activities.limits import (
    INFLATE_FLOOR_BYTES,
    MAX_COMPRESSION_RATIO,
    MAX_MEMBERS,
    MAX_TOTAL_BYTES,
)
from runcare.activities.model import UnreadableFileError


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class BudgetSpentError(Exception):
    """The import's budget is spent; the message names the limit. The import stops here."""


class ImportBudget:
    """Bytes and members one import may still use.

    The byte limit is ``ratio`` times the size of the input files as read from disk (at
    least ``floor_bytes``, at most ``max_bytes``): real exports inflate a few times, a bomb
    hundreds of times. Bytes of a nested archive count when it is inflated from its parent,
    and again for what is inflated from it.
    """

    def __init__(
        self,
        *,
        max_bytes: int = MAX_TOTAL_BYTES,
        max_members: int = MAX_MEMBERS,
        ratio: int = MAX_COMPRESSION_RATIO,
        floor_bytes: int = INFLATE_FLOOR_BYTES,
    ) -> None:
        self.max_bytes = max_bytes
        self.max_members = max_members
        self.ratio = ratio
        self.floor_bytes = floor_bytes
        self.packed_bytes = 0
        self.inflated_bytes = 0
        self.members = 0

    def add_input(self, size_bytes: int) -> None:
        """Count a file read from disk as it is (its size earns inflation room)."""
        self.packed_bytes += max(0, size_bytes)

    @property
    def byte_limit(self) -> int:
        return min(self.max_bytes, max(self.floor_bytes, self.ratio * self.packed_bytes))

    def room(self) -> int:
        """Bytes that may still be inflated."""
        return max(0, self.byte_limit - self.inflated_bytes)

    def charge_members(self, count: int) -> None:
        if self.members + count > self.max_members:
            raise BudgetSpentError(
                f"the archives hold more than {self.max_members:,} files together, "
                "the limit for one import"
            )
        self.members += count

    def check_room(self, size_bytes: int) -> None:
        """Stop before inflating ``size_bytes`` that the budget could not pay for."""
        if size_bytes > self.room():
            raise BudgetSpentError(self._bytes_message())

    def read(self, stream: Readable, file_limit: int, what: str) -> bytes:
        """Inflate at most ``file_limit`` bytes (more: ``UnreadableFileError``, the file is
        skipped) and no more than the budget's room (more: ``BudgetSpentError``)."""
        cap = min(file_limit, self.room())
        data = stream.read(cap + 1)
        if len(data) > file_limit:
            raise UnreadableFileError(
                f"{what} is larger than the {file_limit / 1024**2:g} MB limit"
            )
        self.check_room(len(data))
        self.inflated_bytes += len(data)
        return data

    def _bytes_message(self) -> str:
        if self.byte_limit == self.max_bytes:
            return (
                f"the files unpack to more than {_size(self.max_bytes)}, the limit for one import"
            )
        return (
            f"the files unpack to more than {self.ratio} times their packed size "
            f"({_size(self.byte_limit)}), the limit for one import (a zip bomb?)"
        )


def _size(size_bytes: int) -> str:
    if size_bytes >= 1024**3:
        return f"{size_bytes / 1024**3:g} GB"
    return f"{size_bytes / 1024**2:.0f} MB"
