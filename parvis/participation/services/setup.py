"""Writes that set a process up: the process itself, its phases, questions, budget projects and meetings."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from parvis.accounts.services import audit
from parvis.core.lib.slugs import slugify, unique_slug
from parvis.participation.models import BudgetProject, Meeting, Phase, Process, Question, TerritoryKind
from parvis.participation.services import ParticipationError
from parvis.territory import selectors as territory

RESERVED_SLUGS = {"nouvelle"}
PROCESS_FIELDS = (
    "title",
    "summary",
    "territory_kind",
    "territory_code",
    "territory_label",
    "postcodes",
    "residents_only",
    "starts_on",
    "ends_on",
    "support_threshold",
    "budget_ceiling",
)


def _lines(text: str) -> list[tuple[int, list[str]]]:
    return [
        (n, [p.strip() for p in line.split("|")])
        for n, line in enumerate(text.splitlines(), 1)
        if line.strip()
    ]


def _date(value: str, where: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ParticipationError(
            _("%(where)s : date « %(v)s » illisible (format AAAA-MM-JJ).") % {"where": where, "v": value[:20]}
        ) from None


def parse_questions(text: str) -> list[dict]:
    """« Question » (open) or « Question | choix 1 ; choix 2 » (closed), one per line."""
    questions = []
    for n, parts in _lines(text):
        if len(parts[0]) > 500:
            raise ParticipationError(_("Questions, ligne %(n)s : 500 caractères au plus.") % {"n": n})
        choices = [c.strip() for c in parts[1].split(";") if c.strip()] if len(parts) > 1 else []
        if len(parts) > 1 and len(choices) < 2:
            raise ParticipationError(
                _("Questions, ligne %(n)s : une question fermée a au moins deux choix séparés par « ; ».")
                % {"n": n}
            )
        questions.append(
            {
                "text": parts[0],
                "kind": Question.Kind.CLOSED if choices else Question.Kind.OPEN,
                "choices": choices,
            }
        )
    return questions


def parse_phases(text: str) -> list[dict]:
    """« Titre | AAAA-MM-JJ | AAAA-MM-JJ », one per line."""
    phases = []
    for n, parts in _lines(text):
        where = _("Étapes, ligne %(n)s") % {"n": n}
        if len(parts) != 3:
            raise ParticipationError(_("%(where)s : attendu « titre | début | fin ».") % {"where": where})
        start, end = _date(parts[1], where), _date(parts[2], where)
        if end < start:
            raise ParticipationError(_("%(where)s : la fin précède le début.") % {"where": where})
        phases.append({"title": parts[0][:200], "starts_on": start, "ends_on": end})
    return phases


def parse_projects(text: str) -> list[dict]:
    """« Titre | coût en euros », one per line."""
    projects = []
    for n, parts in _lines(text):
        cost = parts[1].replace(" ", "").replace("\u202f", "").replace("€", "") if len(parts) == 2 else ""
        if not cost.isdigit():
            raise ParticipationError(
                _("Projets du budget, ligne %(n)s : attendu « titre | coût en euros ».") % {"n": n}
            )
        projects.append({"title": parts[0][:200], "cost": int(cost)})
    return projects


def _validate(fields: dict) -> None:
    if not fields.get("title", "").strip() or not fields.get("territory_label", "").strip():
        raise ParticipationError(_("Le titre et le territoire sont obligatoires."))
    if fields.get("territory_kind") not in TerritoryKind.values:
        raise ParticipationError(_("Choisissez le type de territoire."))
    if fields["ends_on"] < fields["starts_on"]:
        raise ParticipationError(_("La date de fin précède la date de début."))


def territory_postcodes(kind: str, code: str) -> str:
    """Postcodes of the territory's communes from the référentiel (empty when the territory is unknown)."""

    kinds = {"commune": ["commune"], "epci": ["epci", "ept"]}.get(kind, [])
    for candidate in kinds:
        found = territory.get_territory(candidate, code.strip())
        if found is not None:
            codes = {p for c in territory.communes_of(found) for p in c.postcodes.split()}
            return ", ".join(sorted(codes))
    return ""


@transaction.atomic
def save_process(
    *,
    organisation,
    actor,
    fields: dict,
    questions: str = "",
    phases: str = "",
    projects: str = "",
    process: Process | None = None,
    request=None,
) -> Process:
    """Creates or updates a process and replaces its phases, and its questions/projects while nobody used them."""
    _validate(fields)
    if not fields.get("postcodes") and fields.get("territory_code"):
        fields = {
            **fields,
            "postcodes": territory_postcodes(fields["territory_kind"], fields["territory_code"]),
        }
    parsed_questions, parsed_phases, parsed_projects = (
        parse_questions(questions),
        parse_phases(phases),
        parse_projects(projects),
    )
    creating = process is None
    if process is None:
        title, max_length = fields["title"], 70
        if (slugify(title)[:70] or "demarche") in RESERVED_SLUGS:  # a process slug must not shadow a page
            title, max_length = f"demarche-{slugify(title)[:70]}", 79
        slug = unique_slug(
            title,
            lambda slug: Process.objects.filter(slug=slug).exists(),
            fallback="demarche",
            max_length=max_length,
        )
        process = Process(organisation=organisation, slug=slug)
    for name in PROCESS_FIELDS:
        setattr(process, name, fields[name])
    process.save()
    process.phases.all().delete()
    Phase.objects.bulk_create(Phase(process=process, **p) for p in parsed_phases)
    if [(q.text, q.kind, q.choices) for q in process.questions.all()] != [
        (q["text"], q["kind"], q["choices"]) for q in parsed_questions
    ]:
        if process.contributions.exists():
            raise ParticipationError(
                _("Le questionnaire a déjà reçu des réponses : ses questions ne peuvent plus être modifiées.")
            )
        process.questions.all().delete()
        Question.objects.bulk_create(
            Question(process=process, position=i, **q) for i, q in enumerate(parsed_questions, 1)
        )
    if [(p.title, p.cost) for p in process.budget_projects.order_by("pk")] != [
        (p["title"], p["cost"]) for p in parsed_projects
    ]:
        if process.ballots.exists():
            raise ParticipationError(
                _("Le budget participatif a déjà reçu des votes : ses projets ne peuvent plus être modifiés.")
            )
        process.budget_projects.all().delete()
        BudgetProject.objects.bulk_create(BudgetProject(process=process, **p) for p in parsed_projects)
    audit(
        actor=actor,
        action="participation.process.create" if creating else "participation.process.update",
        target=process,
        organisation=organisation,
        request=request,
    )
    return process


def save_meeting(*, process, actor, fields: dict, meeting: Meeting | None = None, request=None) -> Meeting:
    if not fields.get("title", "").strip() or not fields.get("place", "").strip():
        raise ParticipationError(_("Le titre et le lieu de la réunion sont obligatoires."))
    if fields.get("starts_at") is None:
        raise ParticipationError(_("Indiquez la date et l'heure de la réunion (AAAA-MM-JJ HH:MM)."))
    if fields.get("kind") not in Meeting.Kind.values:
        raise ParticipationError(_("Choisissez le type de réunion."))
    meeting = meeting or Meeting(process=process)
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.save()
    audit(
        actor=actor,
        action="participation.meeting.save",
        target=meeting,
        organisation=process.organisation,
        request=request,
    )
    return meeting
