"""`python -m studyguide.cli.main`: the command (studyguide.cli), run as a module."""

from studyguide.cli import main

__all__ = ["main"]

if __name__ == "__main__":
    main()
