from django.contrib.auth.hashers import Argon2PasswordHasher


class CheapArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2 with the smallest cost: tests still see argon2 hashes, without spending seconds
    on each person a test creates. Production keeps Django's defaults."""

    time_cost = 1
    memory_cost = 8
    parallelism = 1
