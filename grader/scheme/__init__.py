"""The mark scheme as data.

The rubric model and its files, and the importers that read what teachers paste.
"""
