"""Writes of the footprint app: sites, CSV import, audits."""

import csv
import io
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parvis.accounts.services import audit as audit_log
from parvis.core.lib import fileguard, textio
from parvis.footprint import auditing
from parvis.footprint.lib.errors import AuditError, normalise_url
from parvis.footprint.messages import error_message
from parvis.footprint.models import PageAudit, Site, SiteAudit
from parvis.footprint.signals import audit_requested
from parvis.territory import selectors as territory

logger = logging.getLogger(__name__)
MAX_IMPORT_ROWS = 5000


def resolve_territory(raw_code: str):
    """(kind, code, name, population) for a code INSEE (commune), département code or SIREN (EPCI/EPT)."""
    code = (raw_code or "").strip().upper().replace(" ", "")
    if len(code) == 9 and code.isdigit():
        kinds: tuple[str, ...] = ("epci", "ept")
    elif len(code) == 5:
        kinds = ("commune",)
    elif 2 <= len(code) <= 3:
        kinds = ("departement",)
    else:
        kinds = ()
    for kind in kinds:
        found = territory.get_territory(kind, code)
        if found is not None:
            return kind, code, found.name, found.population
    raise ValidationError(
        _(
            "Le code « %(code)s » n'est ni un code INSEE de commune, ni un code de département, "
            "ni un SIREN d'intercommunalité connu du référentiel."
        )
        % {"code": raw_code}
    )


def _clean_url(raw: str) -> str:
    try:
        return normalise_url(raw)
    except AuditError as error:
        raise ValidationError(error_message(error.code, error.params)) from None


def create_site(
    *, actor, organisation, code, url, ranking_public=False, is_instance=False, request=None
) -> Site:
    kind, code, name, population = resolve_territory(code)
    clean = _clean_url(url)
    if Site.objects.filter(url=clean).exists():
        raise ValidationError(_("Le site %(url)s est déjà suivi.") % {"url": clean})
    site = Site.objects.create(
        organisation=organisation,
        name=name,
        territory_kind=kind,
        territory_code=code,
        population=population,
        url=clean,
        ranking_public=ranking_public,
        is_instance=is_instance,
    )
    audit_log(
        actor=actor,
        action="footprint.site.create",
        target=site,
        organisation=organisation,
        details={"url": clean},
        request=request,
    )
    return site


def set_ranking_public(*, actor, site, public: bool, request=None) -> Site:
    site.ranking_public = public
    site.save(update_fields=["ranking_public"])
    audit_log(
        actor=actor,
        action="footprint.site.ranking",
        target=site,
        organisation=site.organisation,
        details={"public": public},
        request=request,
    )
    return site


# A list of sites is a few columns of short codes and URLs.
CSV_LIMITS = fileguard.Limits(max_line_bytes=64 * 1024, max_columns=50)


def decode_csv(data: bytes, *, name: str) -> str:
    """The text of an uploaded CSV; ``name``, the file's name, is quoted in refusals."""
    try:
        fileguard.check_text(data, name, CSV_LIMITS)
    except fileguard.FileRefused as refused:
        raise ValidationError(refused.message) from None
    try:
        return textio.decode(data)[0]
    except textio.MixedEncoding:
        raise ValidationError(_("Le fichier n'est pas un texte lisible (encodage inconnu).")) from None


def import_sites_csv(
    *, actor, organisation, data: bytes, filename: str, request=None
) -> tuple[list[Site], list[str]]:
    """Columns `code` (INSEE, département or SIREN) and `url`; `,` or `;` separated.
    Returns the sites created and one French error per rejected row (row and column named)."""
    text = decode_csv(data, name=filename)
    dialect = (
        csv.excel if text.split("\n", 1)[0].count(",") >= text.split("\n", 1)[0].count(";") else _Semicolon
    )
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [column for column in ("code", "url") if column not in header]
    if missing:
        raise ValidationError(
            _("Colonne(s) manquante(s) : %(cols)s. En-tête attendu : code,url.")
            % {"cols": ", ".join(missing)}
        )
    created, errors = [], []
    for line, row in enumerate(reader, start=2):
        if line - 1 > MAX_IMPORT_ROWS:
            errors.append(
                _("Ligne %(line)d et suivantes : limite de %(max)d lignes dépassée.")
                % {"line": line, "max": MAX_IMPORT_ROWS}
            )
            break
        values = {key.strip().lower(): (value or "").strip() for key, value in row.items() if key}
        for column in ("code", "url"):
            try:
                with transaction.atomic():
                    if column == "code":
                        resolve_territory(values["code"])
                    else:
                        created.append(
                            create_site(
                                actor=actor,
                                organisation=organisation,
                                code=values["code"],
                                url=values["url"],
                                request=request,
                            )
                        )
            except ValidationError as error:
                errors.append(
                    _("Ligne %(line)d, colonne « %(col)s » : %(msg)s")
                    % {"line": line, "col": column, "msg": " ".join(error.messages)}
                )
                break
    return created, errors


class _Semicolon(csv.excel):
    delimiter = ";"


def request_audit(*, actor, site, request=None) -> SiteAudit:
    """Queue an audit of the site (or return the one already waiting or running)."""
    pending = site.audits.filter(status__in=[SiteAudit.Status.QUEUED, SiteAudit.Status.RUNNING]).first()
    if pending:
        return pending
    site_audit = SiteAudit.objects.create(
        site=site, requested_by=actor if actor and actor.is_authenticated else None
    )
    audit_log(
        actor=actor,
        action="footprint.audit.request",
        target=site,
        organisation=site.organisation,
        details={"audit": site_audit.pk},
        request=request,
    )
    transaction.on_commit(lambda: audit_requested.send(sender=SiteAudit, audit_id=site_audit.pk))
    return site_audit


def _save_page(site_audit, position, url, outcome):
    if isinstance(outcome, AuditError):
        PageAudit.objects.create(
            audit=site_audit,
            position=position,
            url=url,
            ok=False,
            error_code=outcome.code,
            error_params=_jsonable(outcome.params),
        )
    else:
        PageAudit.objects.create(audit=site_audit, position=position, url=url, ok=True, **outcome)
    site_audit.pages_done = position + 1 if position + 1 > site_audit.pages_done else site_audit.pages_done
    site_audit.save(update_fields=["pages_done"])


def _jsonable(params: dict) -> dict:
    return {
        key: value if isinstance(value, int | float | str) else str(value) for key, value in params.items()
    }


def run_audit(audit_id: int, *, max_pages=None, delay=None) -> SiteAudit:
    site_audit = SiteAudit.objects.select_related("site").get(pk=audit_id)
    if site_audit.status != SiteAudit.Status.QUEUED:
        return site_audit
    site_audit.status, site_audit.started_at = SiteAudit.Status.RUNNING, timezone.now()
    site_audit.save(update_fields=["status", "started_at"])
    try:
        auditing.crawl(
            site_audit,
            max_pages=max_pages,
            delay=delay,
            save_page=lambda pos, url, outcome: _save_page(site_audit, pos, url, outcome),
        )
        site_audit.status = SiteAudit.Status.DONE
    except AuditError as error:
        site_audit.status = SiteAudit.Status.FAILED
        site_audit.error_code, site_audit.error_params = error.code, _jsonable(error.params)
    except Exception as error:  # a crashed browser must not leave the audit "running" forever
        logger.exception("footprint audit %s crashed", audit_id)
        site_audit.status, site_audit.error_code = SiteAudit.Status.FAILED, "browser"
        site_audit.error_params = {"url": site_audit.site.url, "detail": type(error).__name__}
    auditing.summarise(site_audit)
    site_audit.save()
    return site_audit


def audit_home_pages(*, actor, sites, concurrency=3, chunk=30) -> list[SiteAudit]:
    """Campaign mode: the home page only of many sites, `concurrency` pages at once (each host is
    visited once, so this stays polite). Results are saved chunk by chunk."""
    cfg = auditing.config()
    done = []
    sites = list(sites)
    for start in range(0, len(sites), chunk):
        pending = {}
        for site in sites[start : start + chunk]:
            site_audit = SiteAudit.objects.create(
                site=site,
                status=SiteAudit.Status.RUNNING,
                pages_total=1,
                started_at=timezone.now(),
                requested_by=actor,
            )
            url = auditing.target_url(site)
            try:
                auditing.home_allowed(url, cfg)
            except AuditError as error:
                _finish(site_audit, error)
                done.append(site_audit)
                continue
            pending[url] = site_audit
        for url, outcome in auditing.runner(cfg).audit_many(list(pending), concurrency=concurrency):
            site_audit = pending[url]
            if not isinstance(outcome, AuditError):
                _save_page(site_audit, 0, url, auditing.page_result(outcome))
            _finish(site_audit, outcome if isinstance(outcome, AuditError) else None)
            done.append(site_audit)
    return done


def _finish(site_audit, error: AuditError | None) -> None:
    if error is not None:
        site_audit.status, site_audit.error_code = SiteAudit.Status.FAILED, error.code
        site_audit.error_params = _jsonable(error.params)
    else:
        site_audit.status = SiteAudit.Status.DONE
    auditing.summarise(site_audit)
    site_audit.save()
