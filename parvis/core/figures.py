"""Key figures on the home page: each app may offer `parvis/<app>/home.py` with `summary(user) -> dict | None`
(keys: `value`, `label`, `url`, optionally `detail`). A module whose summary fails is left out and logged,
so one broken module never takes the home page down."""

import logging
from importlib import import_module

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

ANONYMOUS_CACHE_SECONDS = 60

logger = logging.getLogger(__name__)


def summaries(user) -> list[dict]:
    """The cards for `user`; what anonymous visitors see is shared and cached for a minute, per language
    (the labels are translated)."""
    if user.is_authenticated:
        return _collect(user)
    key = f"core.home.figures.{get_language()}"
    cards = cache.get(key)
    if cards is None:
        cards = _collect(user)
        cache.set(key, cards, ANONYMOUS_CACHE_SECONDS)
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
