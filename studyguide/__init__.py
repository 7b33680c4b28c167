"""studyguide: publish study guides for reading groups."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("studyguide")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
