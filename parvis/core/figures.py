"""Key figures on the home page: each app may offer `parvis/<app>/home.py` with `summary(user) -> dict | None`
(keys: `value`, `label`, `url`, optionally `detail`). A module whose summary fails is left out and logged,
so one broken module never takes the home page down."""

import logging
from importlib import import_module

from django.conf import settings
from django.core.cache import cache

ANONYMOUS_CACHE_SECONDS = 60

logger = logging.getLogger(__name__)


def summaries(user) -> list[dict]:
    """The cards for `user`; what anonymous visitors see is shared and cached for a minute."""
    if user.is_authenticated:
        return _collect(user)
    cards = cache.get("core.home.figures")
    if cards is None:
        cards = _collect(user)
        cache.set("core.home.figures", cards, ANONYMOUS_CACHE_SECONDS)
    return cards


def _collect(user) -> list[dict]:
    cards = []
    for app in settings.PARVIS_APPS:
        try:
            module = import_module(f"parvis.{app}.home")
        except ModuleNotFoundError as exc:
            if exc.name != f"parvis.{app}.home":
                raise
            continue
        try:
            card = module.summary(user)
        except Exception:
            logger.exception("home summary of %s failed", app)
            continue
        if card:
            cards.append(card)
    return cards
