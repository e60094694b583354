"""The command line.

app.py is the Typer app (its commands declared in shoes.py, knowledge.py, update.py and
prefs.py, their shared options in options.py and filters.py); commands.py holds the shoe
commands' bodies and exits.py turns every error into a message and an exit code, neither
importing typer, so that fast.py can answer the common command lines without it.
"""
