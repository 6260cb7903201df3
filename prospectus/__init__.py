"""A static site generator for a Recovery College prospectus: website, PDF and easy read."""

__version__ = "0.1.0"
