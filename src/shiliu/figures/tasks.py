"""The figures' rollup, run by the worker every minute."""

from datetime import timedelta

from django_tasks import task

from shiliu.figures.rollup import rollup_changes


@task()
def figures_rollup() -> dict:
    return {"days": rollup_changes()}


PERIODIC = [(figures_rollup, timedelta(minutes=1))]
