"""Learn from marks people already gave.

Essay features, the calibrated level model, ordinal cut points, the moderation loop.
"""
