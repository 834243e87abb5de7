"""What sits on top: the command line, batch marking of a class, and the web app."""
