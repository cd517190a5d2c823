"""Loading trainer-authored YAML data files into pydantic models with file:line errors."""

from datafiles.errors import DataFileError, Problem
from datafiles.loader import Check, LinePath, line_of, load_model, load_models, parse_model

__all__ = [
    "Check",
    "DataFileError",
    "LinePath",
    "Problem",
    "line_of",
    "load_model",
    "load_models",
    "parse_model",
]
