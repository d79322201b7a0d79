"""runcare: care for runners whose hips and lower back hurt, and for their therapists."""

__version__ = "0.1.0"
