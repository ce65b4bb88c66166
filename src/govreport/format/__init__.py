"""Stage 4 — format: how figures, dates and numbers are written, as small pure functions."""
