"""The marking stages and the pipeline that runs them.

segment -> embed -> match -> argue -> level, over one rubric (``grader.scheme``).
"""
