"""Built-in rules. Importing this package registers them (the same way council rules register)."""

from . import (  # noqa: F401
    bullying,
    capacity,
    commercial,
    copyright,
    custom,
    defamation,
    hate,
    offensive,
    personal_data,
    political,
    private_individuals,
    safeguarding,
)
