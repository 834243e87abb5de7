"""The I/O edge: read scripts and marked scripts, write spreadsheets and files atomically."""
