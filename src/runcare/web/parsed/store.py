"""The web app's ``ParseCache``: a runner's parsed files in the database.

All of the runner's entries are read in one query when the first file is looked up, and
new ones written in batches at the end: a 5,000-file export costs two queries, not 5,000.
A database error here is logged and the import goes on without the cache.
"""

from __future__ import annotations

import logging

from django.db import DatabaseError, transaction

from runcare.activities.parsecache import Parsed, dump, load
from runcare.web.parsed.models import ParsedFile

logger = logging.getLogger(__name__)

WRITE_BATCH = 500


class RunnerParseCache:
    """The entries of one runner; new entries are tied to ``upload_id`` by ``save``."""

    def __init__(self, runner_id: int, upload_id: int) -> None:
        self.runner_id = runner_id
        self.upload_id = upload_id
        self._known: dict[str, str] | None = None
        self._new: dict[str, str] = {}
        self.hits = 0

    def get(self, key: str) -> Parsed | None:
        text = self._entries().get(key)
        if text is None:
            return None
        try:
            parsed = load(text)
        except ValueError:
            logger.warning("Damaged parsed-file entry %s of runner %s ignored", key, self.runner_id)
            return None
        self.hits += parsed is not None
        return parsed

    def put(self, key: str, parsed: Parsed) -> None:
        self._new[key] = dump(parsed)

    def save(self) -> None:
        """Write the new entries (replacing ones of another version); never raises."""
        if not self._new:
            return
        rows = [
            ParsedFile(runner_id=self.runner_id, upload_id=self.upload_id, key=key, entry=entry)
            for key, entry in self._new.items()
        ]
        try:
            with transaction.atomic():
                ParsedFile.objects.bulk_create(
                    rows,
                    batch_size=WRITE_BATCH,
                    update_conflicts=True,
                    unique_fields=["runner", "key"],
                    update_fields=["entry", "upload"],
                )
        except DatabaseError:
            logger.warning(
                "Parsed-file entries of runner %s not saved", self.runner_id, exc_info=True
            )
            return
        self._new.clear()

    def _entries(self) -> dict[str, str]:
        if self._known is None:
            mine = ParsedFile.objects.filter(runner_id=self.runner_id)
            try:
                # A savepoint: a failure here must not spoil a transaction around the import.
                with transaction.atomic():
                    self._known = dict(mine.values_list("key", "entry"))
            except DatabaseError:
                logger.warning(
                    "Parsed-file entries of runner %s not read", self.runner_id, exc_info=True
                )
                self._known = {}
        return self._known
