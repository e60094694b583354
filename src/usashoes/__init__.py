"""usashoes: a buyer's assistant for running and walking shoes made or assembled in the USA."""

# Kept literal (not importlib.metadata) so `usashoes --version` costs no metadata scan.
__version__ = "0.2.0"
