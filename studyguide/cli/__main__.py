"""`python -m studyguide.cli`."""

from studyguide.cli.main import main

main()
