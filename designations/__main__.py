"""``python -m designations``: the command line."""

from .cli import run

run()
