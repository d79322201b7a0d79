"""Size limits for untrusted input, documented in docs/importing.md.

They are generous for real exports (a decade of Strava runs is a few GB unpacked) and
stop archive bombs long before they can exhaust memory or disk.
"""

MAX_FILE_BYTES = 512 * 1024**2
"""Largest single activity file, after decompression (the largest real FIT files are ~20 MB)."""

MAX_ARCHIVE_TOTAL_BYTES = 20 * 1024**3
"""Largest total uncompressed size of one archive, nested archives included."""

MAX_ARCHIVE_MEMBERS = 200_000
MAX_COMPRESSION_RATIO = 200
"""Activity files compress 3-20x; a member claiming more than this is treated as a bomb."""

RATIO_CHECK_MIN_BYTES = 1024**2
"""Tiny members can have silly ratios (a run of zeros) without being dangerous."""

MAX_NESTING = 3
"""Garmin exports hold zips inside a zip; deeper nesting than this is refused."""
