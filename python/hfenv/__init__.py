"""hfenv is a program: the wheel puts it in the environment's bin/; `python -m hfenv` runs it."""
