"""The output layer: every result in every format; table.py is the only module that imports rich."""
