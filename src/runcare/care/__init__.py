"""Care rules: the red-flag screen and the intake's fixed choices. Framework-free."""

from runcare.care.intake import TIMINGS, validate_timing
from runcare.care.redflags import QUESTIONS, Question, ScreenResult, screen

__all__ = ["QUESTIONS", "TIMINGS", "Question", "ScreenResult", "screen", "validate_timing"]
