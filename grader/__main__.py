"""python -m grader: the same as the grader command."""

from grader.apps.cli import main

main()
