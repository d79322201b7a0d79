"""Reading a runner's activity history: FIT, GPX, TCX files, folders and exports.

Framework-free: plain data in, plain data out. The entry point is ``import_paths``.
"""

from runcare.activities.budget import BudgetSpentError, ImportBudget
from runcare.activities.importer import ProgressCallback, import_paths
from runcare.activities.model import (
    RUNNING_SPORTS,
    Activity,
    ImportResult,
    Merged,
    Skipped,
    Sport,
    UnreadableFileError,
)

__all__ = [
    "RUNNING_SPORTS",
    "Activity",
    "BudgetSpentError",
    "ImportBudget",
    "ImportResult",
    "Merged",
    "ProgressCallback",
    "Skipped",
    "Sport",
    "UnreadableFileError",
    "import_paths",
]
