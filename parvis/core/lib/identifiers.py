"""French company identifiers: SIREN (9 digits) and SIRET (14 digits), checked with the Luhn key."""

# La Poste's establishments share one SIREN and are numbered past what the Luhn key allows: INSEE accepts
# them when the sum of their digits is a multiple of 5 (its head office keeps an ordinary Luhn key).
LA_POSTE_SIREN = "356000000"


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def normalise(raw: str) -> str:
    """Drops the spaces, dots and dashes people type between groups of digits."""
    return "".join(char for char in raw if char not in " .-\u00a0\u202f")


def siret_valid(siret: str) -> bool:
    if len(siret) != 14 or not siret.isdigit():
        return False
    if siret.startswith(LA_POSTE_SIREN) and sum(int(char) for char in siret) % 5 == 0:
        return True
    return luhn_valid(siret)
