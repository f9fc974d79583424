"""Lookup helpers shared by the catalogue views: hide what the user may not see (404)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from parvis.accounts import policy
from parvis.catalog.models import Dataset, Resource, ResourceVersion


def visible_dataset(request, slug: str) -> Dataset:
    dataset = get_object_or_404(Dataset.objects.select_related("organisation"), slug=slug)
    if not policy.can(request.user, "catalog.view_dataset", dataset):
        raise Http404
    return dataset


def editable_dataset(request, slug: str, perm: str = "catalog.change_dataset") -> Dataset:
    dataset = visible_dataset(request, slug)
    if not policy.can(request.user, perm, dataset):
        raise PermissionDenied
    return dataset


def resource_of(dataset: Dataset, slug: str) -> Resource:
    return get_object_or_404(Resource, dataset=dataset, slug=slug)


def version_of(resource: Resource, number: int) -> ResourceVersion:
    return get_object_or_404(ResourceVersion, resource=resource, number=number)
