"""One result, several renderers.

Terminal and JSON reports, student feedback, the class summary, evaluation and
diagnostics reports.
"""
