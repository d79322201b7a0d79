"""Size limits for untrusted input, documented in docs/importing.md.

They are generous for real exports (a decade of Strava runs is a few GB unpacked) and
stop archive bombs long before they can exhaust memory, disk or time. The byte and member
limits hold for one whole import (every file and every nesting level together), not for
each archive: see ``budget.ImportBudget``.
"""

from datetime import UTC, datetime, timedelta

MAX_FILE_BYTES = 512 * 1024**2
"""Largest single activity file, after decompression (the largest real FIT files are ~20 MB)."""

MAX_TOTAL_BYTES = 20 * 1024**3
"""Most bytes one import may inflate from zips and gzip files, nested archives included."""

MAX_MEMBERS = 200_000
"""Most archive members one import may open, nested archives included."""

MAX_COMPRESSION_RATIO = 200
"""Activity files compress 3-20x; a member, an archive or a whole import expanding more than
this many times its packed size is treated as a bomb."""

RATIO_CHECK_MIN_BYTES = 1024**2
"""Tiny members can have silly ratios (a run of zeros) without being dangerous."""

INFLATE_FLOOR_BYTES = 64 * 1024**2
"""A small upload may always inflate this much, whatever its size on disk (a few GPX files of
a standing watch compress very well)."""

MAX_NESTING = 3
"""Garmin exports hold zips inside a zip; deeper nesting than this is refused."""

EARLIEST_START = datetime(1980, 1, 1, tzinfo=UTC)
"""No GPS watch recorded before this; an earlier start is a broken or unset clock."""

MAX_AHEAD = timedelta(days=1)
"""A start further ahead of now than this is a wrong clock (a day covers every time zone)."""
