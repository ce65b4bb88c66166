"""The version, recorded in every document govreport writes."""

__version__ = "0.1.0"
