from django.contrib.auth.hashers import Argon2PasswordHasher


class CheapArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id with tiny cost, for tests only."""

    time_cost = 1
    memory_cost = 1024
    parallelism = 1
