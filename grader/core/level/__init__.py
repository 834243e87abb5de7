"""Read a level and mark from the scheme's bands.

Rules over the essay's profile (``rules``) and the fit to band descriptors
(``descriptors``).
"""
