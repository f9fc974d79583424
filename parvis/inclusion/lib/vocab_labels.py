"""Values of the standard's vocabularies that the public pages show, marked for translation.

The standard (LaMednum / data.inclusion) writes its values in French and they are stored and exported as
they are; the pages translate them at display time with ``gettext(value)``. Proper names (national
programmes, training labels) are left out: they are shown as written.
"""

from parvis.translation import gettext_noop

# Fields whose values are translated where they are displayed.
TRANSLATED_FIELDS = (
    "services",
    "publics_specifiquement_adresses",
    "prise_en_charge_specifique",
    "frais_a_charge",
    "modalites_acces",
    "modalites_accompagnement",
    "itinerance",
)

DISPLAYED_VALUES = (
    gettext_noop("Aide aux démarches administratives"),
    gettext_noop("Maîtrise des outils numériques du quotidien"),
    gettext_noop("Insertion professionnelle via le numérique"),
    gettext_noop("Utilisation sécurisée du numérique"),
    gettext_noop("Parentalité et éducation avec le numérique"),
    gettext_noop("Loisirs et créations numériques"),
    gettext_noop("Compréhension du monde numérique"),
    gettext_noop("Accès internet et matériel informatique"),
    gettext_noop("Acquisition de matériel informatique à prix solidaire"),
    gettext_noop("Jeunes"),
    gettext_noop("Étudiants"),
    gettext_noop("Familles et/ou enfants"),
    gettext_noop("Seniors"),
    gettext_noop("Femmes"),
    gettext_noop("Surdité"),
    gettext_noop("Handicaps moteurs"),
    gettext_noop("Handicaps mentaux"),
    gettext_noop("Illettrisme"),
    gettext_noop("Langues étrangères (anglais)"),
    gettext_noop("Langues étrangères (autres)"),
    gettext_noop("Déficience visuelle"),
    gettext_noop("Gratuit"),
    gettext_noop("Gratuit sous condition"),
    gettext_noop("Payant"),
    gettext_noop("Se présenter"),
    gettext_noop("Téléphoner"),
    gettext_noop("Contacter par mail"),
    gettext_noop("Prendre un RDV en ligne"),
    gettext_noop("Ce lieu n'accueille pas de public"),
    gettext_noop("Envoyer un mail avec une fiche de prescription"),
    gettext_noop("En autonomie"),
    gettext_noop("Accompagnement individuel"),
    gettext_noop("Dans un atelier collectif"),
    gettext_noop("À distance"),
    gettext_noop("Itinérant"),
    gettext_noop("Fixe"),
)
