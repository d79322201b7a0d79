"""Pictures: the one figure component every page uses, and the therapist's picture library."""
