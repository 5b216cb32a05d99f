"""D4: nothing lists, searches, filters, sorts or groups people by ethnicity or religion."""

import re

import pytest
from django.apps import apps
from pydantic import BaseModel
from test_deny_by_default import API_PREFIX, ARGUMENT, api_operations, url_patterns

# "nation" only at a word start, so that "pagination" is not mistaken for it.
PROTECTED = re.compile(r"ethnic|religio|(?<![a-z])nation|minzu|faith")
# Fields whose name mentions a protected word but do not hold its value, with the reason.
NOT_THE_VALUE = {
    "people.Resident.ethnicity_consent": "a link to the consent record; its index finds a consent's resident",
}
GET_URLS = sorted({"/" + route for route, _name, _cb in url_patterns() if not ARGUMENT.search(route)})
PROBES = ["ethnicity=05", "religion=islam", "ordering=ethnicity", "ordering=-religion", "sort=ethnicity",
          "Ethnicity=05", "group_by_ethnicity=1"]


def _mentions(name: str) -> bool:
    return PROTECTED.search(name.lower()) is not None


@pytest.mark.parametrize("url", GET_URLS)
def test_an_ethnicity_or_religion_parameter_answers_400_on_every_url(people, login, client, url):
    login(people.admin)
    for probe in PROBES:
        response = client.get(f"{url}?{probe}")
        assert response.status_code == 400, (url, probe, response.status_code)
        assert response["Content-Type"].startswith("application/problem+json")
    assert client.get(f"{url}?ethnicity=05", HTTP_AUTHORIZATION="Bearer x").status_code == 400


def test_the_list_pages_are_among_the_urls_probed():
    assert {"/residents/", "/audit/", "/places/", f"/{API_PREFIX}residents"} <= set(GET_URLS)


def _shiliu_models():
    return [m for cfg in apps.get_app_configs() if cfg.name.startswith("shiliu.") for m in cfg.get_models()]


def test_no_model_orders_indexes_or_constrains_on_ethnicity_or_religion():
    offences = []
    for model in _shiliu_models():
        opts, label = model._meta, model._meta.label
        if any(_mentions(str(o)) for o in opts.ordering or []):
            offences.append(f"{label}: Meta.ordering")
        for index in opts.indexes:
            if any(_mentions(str(f)) for f in [*index.fields, *map(str, index.expressions)]):
                offences.append(f"{label}: index {index.name}")
        for constraint in opts.constraints:
            names = [*getattr(constraint, "fields", ()), *map(str, getattr(constraint, "expressions", ()))]
            if any(_mentions(str(f)) for f in names):
                offences.append(f"{label}: constraint {constraint.name}")
        for group in [*opts.unique_together, *getattr(opts, "index_together", ())]:
            if any(_mentions(f) for f in group):
                offences.append(f"{label}: unique/index together {group}")
        for field in opts.concrete_fields:
            if _mentions(field.name) and f"{label}.{field.name}" not in NOT_THE_VALUE:
                if field.db_index or field.unique:
                    offences.append(f"{label}.{field.name}: indexed")
    assert not offences, "ethnicity/religion must never be sorted or looked up (D4): " + ", ".join(offences)


def _parameter_names(model: type[BaseModel], prefix: str = "") -> list[str]:
    names = []
    for name, info in model.model_fields.items():
        names.append(prefix + (info.alias or name))
        annotation = info.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            names += _parameter_names(annotation, prefix + name + ".")
    return names


def test_no_api_operation_takes_an_ethnicity_or_religion_query_parameter():
    found, query_operations = [], 0
    for method, route, operation in api_operations():
        for params in operation.models:
            if getattr(params, "__ninja_param_source__", None) != "query":
                continue
            query_operations += 1
            found += [f"{method} /{route}: {n}" for n in _parameter_names(params) if _mentions(n)]
    assert query_operations >= 2  # the walk really sees query parameters (resident and audit lists)
    assert not found, found


def test_the_walk_sees_nested_query_parameters():
    class Inner(BaseModel):
        ethnicity: str = ""

    class Outer(BaseModel):
        filters: Inner

    assert "filters.ethnicity" in _parameter_names(Outer)


def test_no_admin_site_is_mounted(client, db):
    from django.apps import apps

    assert not apps.is_installed("django.contrib.admin")  # docs/decisions/0003
    assert client.get("/admin/").status_code == 404
    assert client.get("/admin/login/").status_code == 404
