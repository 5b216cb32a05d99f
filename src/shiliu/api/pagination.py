"""Page pagination with a capped page size, used by every list operation."""

from typing import Any

from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.pagination import PaginationBase


class Page(PaginationBase):
    class Input(Schema):
        page: int = Field(1, ge=1)
        page_size: int = Field(50, ge=1, le=200)

    class Output(Schema):
        items: list[Any]
        count: int
        page: int
        page_size: int
        next_page: int | None

    items_attribute = "items"

    def paginate_queryset(self, queryset, pagination: Input, request=None, **params):
        count = queryset.count()
        start = (pagination.page - 1) * pagination.page_size
        if start and start >= count:
            raise HttpError(404, _("There is no such page."))
        items = list(queryset[start : start + pagination.page_size])
        has_next = start + pagination.page_size < count
        return {"items": items, "count": count, "page": pagination.page, "page_size": pagination.page_size,
                "next_page": pagination.page + 1 if has_next else None}
