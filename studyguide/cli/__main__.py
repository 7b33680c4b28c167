"""`python -m studyguide.cli`."""

from studyguide.cli import main

main()
