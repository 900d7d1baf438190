"""The scale generator: synthetic datasets in the documented CSV format, streamed to disk."""

from graph.generate.generator import (
    GAP_KEYS,
    LOAD_NORM,
    PERIODS,
    GenerateError,
    GenerateReport,
    Progress,
    generate,
)
from graph.generate.profiles import PROFILES, Profile, profile

__all__ = [
    "GAP_KEYS",
    "LOAD_NORM",
    "PERIODS",
    "PROFILES",
    "GenerateError",
    "GenerateReport",
    "Profile",
    "Progress",
    "generate",
    "profile",
]
