"""Pieces of the report's text kept apart from the modules that assemble it: the sensitivity
tables as the terminal prints them, and the building blocks of the HTML page.
"""
