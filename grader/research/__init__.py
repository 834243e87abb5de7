"""For researchers: agreement with human marks, and diagnostics of the mark scheme itself."""
