"""studyguide: publish study guides for reading groups."""

# The one place the version is written (pyproject.toml reads it from here): asking the
# installed package's metadata instead took a twentieth of a second of every start.
__version__ = "0.1.0"
