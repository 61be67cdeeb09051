"""Checks of a thesis that evaluate its model, kept apart from the checks of its numbers in
:mod:`model.valuation.checks` (which re-exports them).
"""
