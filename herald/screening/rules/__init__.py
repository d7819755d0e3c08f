"""Built-in rules. Importing this package registers them (the same way council rules register)."""

from . import hate, offensive, personal_data, private_individuals  # noqa: F401
