"""French texts for audit error codes and recommendation codes (the lib only knows codes)."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ERRORS = {
    "invalid_url": gettext_lazy(
        "L'adresse « {url} » n'est pas une adresse web valide (exemple : https://www.mairie.fr/)."
    ),
    "private_address": gettext_lazy(
        "L'adresse « {host} » mène à un réseau privé ou local ({address}) : audit refusé par sécurité."
    ),
    "unresolvable": gettext_lazy("Le nom de domaine « {host} » est introuvable (DNS)."),
    "timeout": gettext_lazy("La page {url} n'a pas fini de se charger dans le délai imparti ({seconds} s)."),
    "too_heavy": gettext_lazy(
        "La page {url} pèse {size}, au-delà de la limite de {limit} : audit interrompu."
    ),
    "not_html": gettext_lazy(
        "L'adresse {url} ne renvoie pas une page web HTML mais un fichier « {content_type} »."
    ),
    "http_status": gettext_lazy("La page {url} répond par une erreur HTTP {status}."),
    "redirect_loop": gettext_lazy("La page {url} redirige en boucle : elle ne peut pas être affichée."),
    "tls": gettext_lazy(
        "La connexion sécurisée (HTTPS/TLS) à {url} a échoué : certificat ou chiffrement invalide."
    ),
    "connection": gettext_lazy("Le serveur de {url} ne répond pas ou a coupé la connexion."),
    "robots_disallowed": gettext_lazy("Le fichier robots.txt du site interdit l'audit de {url}."),
    "browser": gettext_lazy("Le navigateur n'a pas pu afficher {url} ({detail})."),
    "no_browser": gettext_lazy(
        "Le navigateur Chromium est absent de ce serveur ({path}) : aucun audit n'est possible. "
        "Installez-le (paquet Debian « chromium », ou « make browser ») puis relancez l'audit."
    ),
    "no_axe": gettext_lazy(
        "Les tests d'accessibilité axe-core sont absents ({path}) : lancez « make axe » (npm) "
        "puis relancez l'audit."
    ),
}
DEFAULTS = {
    "url": "",
    "host": "",
    "address": "",
    "seconds": "",
    "size": 0,
    "limit": 0,
    "content_type": "",
    "status": "",
    "detail": "",
    "path": "",
}


def human_bytes(count) -> str:
    """Decimal units, as EcoIndex counts kilobytes: « 850 o », « 12 ko », « 1,2 Mo »."""
    count = float(count or 0)
    if count < 1000:
        return _("{n} o").format(n=number_format(round(count)))
    if count < 1_000_000:
        return _("{n} ko").format(n=number_format(round(count / 1000)))
    return _("{n} Mo").format(n=number_format(count / 1_000_000, 1))


def error_message(code: str, params: dict) -> str:
    template = ERRORS.get(code)
    if template is None:
        return _("L'audit a échoué (erreur inconnue « {code} »).").format(code=code)
    values = DEFAULTS | dict(params)
    values["size"] = human_bytes(values["size"])
    values["limit"] = human_bytes(values["limit"])
    return str(template).format(**values)


RECOMMENDATIONS = {
    "compression": gettext_lazy(
        "Compresser les fichiers texte (HTML, CSS, JavaScript) côté serveur (gzip ou brotli)"
    ),
    "image_format": gettext_lazy("Convertir les images JPEG, PNG ou GIF au format WebP ou AVIF"),
    "image_oversize": gettext_lazy("Redimensionner les images à leur taille d'affichage"),
    "cache": gettext_lazy("Autoriser la mise en cache des fichiers statiques (en-tête Cache-Control)"),
    "trackers": gettext_lazy("Retirer les traceurs et outils de mesure d'audience tiers"),
    "third_party": gettext_lazy("Limiter les services tiers (scripts, polices, vidéos intégrées)"),
    "web_fonts": gettext_lazy("Utiliser les polices du système plutôt que des polices téléchargées"),
    "dom": gettext_lazy("Simplifier la structure de la page (moins de 600 éléments)"),
    "requests": gettext_lazy("Réduire le nombre de requêtes (moins de 40 par page)"),
    "weight": gettext_lazy("Alléger la page (moins de 1 Mo transféré)"),
    "statement": gettext_lazy("Publier une déclaration d'accessibilité, liée depuis chaque page"),
    "conformity": gettext_lazy(
        "Indiquer l'état de conformité (« Accessibilité : non, partiellement ou totalement conforme »)"
    ),
    "multi_year_plan": gettext_lazy("Publier le schéma pluriannuel de mise en accessibilité"),
}


def recommendation_title(item: dict) -> str:
    if item["code"] == "axe":
        return _("Corriger : {help}").format(help=item.get("help", ""))
    return str(RECOMMENDATIONS.get(item["code"], item["code"]))


def recommendation_gain(item: dict) -> str:
    """« −1,2 Mo, +9 points estimés » style summary of the expected gain."""
    parts = []
    if item.get("gain_bytes"):
        parts.append("−" + human_bytes(item["gain_bytes"]))
    if item.get("gain_requests"):
        parts.append(_("−{n} requêtes").format(n=item["gain_requests"]))
    if item.get("points"):
        parts.append(_("+{n} points estimés").format(n=number_format(item["points"])))
    if item["code"] == "axe":
        parts.append(_("{n} élément(s) concerné(s)").format(n=item.get("count", 0)))
    return ", ".join(parts)


IMPACTS = {
    "critical": gettext_lazy("critique"),
    "serious": gettext_lazy("grave"),
    "moderate": gettext_lazy("modérée"),
    "minor": gettext_lazy("mineure"),
}


def impact_label(impact) -> str:
    return str(IMPACTS.get(impact, _("non précisée")))


PROVENANCE = {
    "browser": gettext_lazy("Navigateur"),
    "playwright": gettext_lazy("Playwright"),
    "axe_core": gettext_lazy("axe-core"),
    "ecoindex_method": gettext_lazy("Méthode EcoIndex"),
    "viewport": gettext_lazy("Fenêtre d'affichage"),
    "user_agent": gettext_lazy("Agent utilisateur"),
    "wait_before_scroll_s": gettext_lazy("Attente après chargement (s)"),
    "wait_after_scroll_s": gettext_lazy("Attente après défilement (s)"),
    "timeout_s": gettext_lazy("Délai maximal (s)"),
}


def provenance_rows(provenance: dict) -> list[tuple[str, str]]:
    rows = []
    for key, value in provenance.items():
        if key == "viewport":
            value = f"{value['width']} × {value['height']}"
        rows.append((str(PROVENANCE.get(key, key)), str(value)))
    return rows
