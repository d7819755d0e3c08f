"""Herald: runs a local council's social media policy."""

__version__ = "0.1.0"
