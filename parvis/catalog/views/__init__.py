"""Pages of the catalogue (``/donnees/``): thin views over selectors and services."""
