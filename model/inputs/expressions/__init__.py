"""The thesis expression language: parse, check units, evaluate on path arrays."""
