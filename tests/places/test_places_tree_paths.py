"""The materialized path: subtree reads are one range query, moves keep every path right."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shiliu.places.models import ALLOWED_CHILDREN, Place, PlaceKind
from shiliu.places.selectors import subtree
from shiliu.places.services import place_create, place_move

pytestmark = pytest.mark.django_db


def assert_tree_consistent():
    """path == parent.path + segment(id) and depth == parent.depth + 1, for every place."""
    places = {p.pk: p for p in Place.objects.all()}
    for place in places.values():
        if place.parent_id is None:
            assert place.path == Place.segment(place.pk)
            assert place.depth == 0
        else:
            parent = places[place.parent_id]
            assert place.path == parent.path + Place.segment(place.pk), place.code
            assert place.depth == parent.depth + 1, place.code


def deep_chain(levels: int) -> list[Place]:
    """A chain deeper than the kind rules allow, built row by row (only the path matters here)."""
    chain: list[Place] = []
    for level in range(levels):
        parent = chain[-1] if chain else None
        place = Place.objects.create(code=f"chain-{level}", kind=PlaceKind.DISTRICT, name=f"L{level}",
                                     parent=parent, path=f"pending-{level}")
        place.path = (parent.path if parent else "") + Place.segment(place.pk)
        place.depth = level
        place.save(update_fields=["path", "depth"])
        chain.append(place)
    return chain


def test_subtree_is_one_range_query_at_any_depth():
    chain = deep_chain(30)
    for level in (0, 10, 29):
        with CaptureQueriesContext(connection) as ctx:
            codes = [p.code for p in subtree(chain[level])]
        assert len(ctx.captured_queries) == 1
        sql = ctx.captured_queries[0]["sql"]
        assert '"path" >=' in sql and '"path" <' in sql and "LIKE" not in sql.upper()
        assert codes == [f"chain-{i}" for i in range(level, 30)]


def test_subtree_holds_exactly_the_place_and_its_descendants(tree):
    assert set(subtree(tree.daqi)) == {tree.daqi, tree.xieshu, tree.jiufeng}
    assert set(subtree(tree.xinqi, include_self=False)) == {tree.dagang}


def test_move_rewrites_paths_of_the_whole_subtree(tree):
    school = place_create(code="s1", kind=PlaceKind.SCHOOL, name="学校", parent=tree.xieshu, by=None)
    xieshu = Place.objects.get(pk=tree.xieshu.pk)
    moved = place_move(place=xieshu, new_parent=tree.xinqi, by=None, version=xieshu.version)
    assert moved.parent_id == tree.xinqi.pk and moved.version == xieshu.version + 1
    school.refresh_from_db()
    assert school.path.startswith(moved.path) and school.depth == 3
    assert set(subtree(tree.daqi)) == {tree.daqi, tree.jiufeng}
    assert_tree_consistent()


def test_moving_a_place_under_its_own_descendant_is_refused(tree):
    daqi = Place.objects.get(pk=tree.daqi.pk)
    before = list(Place.objects.values_list("pk", "path", "depth", "parent_id"))
    with pytest.raises(ValidationError) as exc:
        place_move(place=daqi, new_parent=tree.xieshu, by=None, version=daqi.version)
    assert "parent" in exc.value.message_dict
    with pytest.raises(ValidationError):
        place_move(place=daqi, new_parent=daqi, by=None, version=daqi.version)
    assert list(Place.objects.values_list("pk", "path", "depth", "parent_id")) == before


def test_move_that_breaks_the_kind_rules_is_refused(tree):
    xieshu = Place.objects.get(pk=tree.xieshu.pk)
    with pytest.raises(ValidationError) as exc:
        place_move(place=xieshu, new_parent=tree.education, by=None, version=xieshu.version)
    assert "kind" in exc.value.message_dict
    xieshu.refresh_from_db()
    assert xieshu.parent_id == tree.daqi.pk


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_valid_moves_keep_every_path_and_depth_consistent(db, data):
    with transaction.atomic():
        root = place_create(code="r", kind=PlaceKind.DISTRICT, name="root", parent=None, by=None)
        places = [root]
        for i in range(data.draw(st.integers(min_value=2, max_value=14), label="size")):
            parents = [p for p in places if p.kind in ALLOWED_CHILDREN]
            parent = data.draw(st.sampled_from(parents), label="parent")
            kind = data.draw(st.sampled_from(sorted(ALLOWED_CHILDREN[parent.kind])), label="kind")
            places.append(place_create(code=f"n{i}", kind=kind, name=f"n{i}", parent=parent, by=None))
        for _step in range(data.draw(st.integers(min_value=1, max_value=8), label="moves")):
            current = {p.pk: p for p in Place.objects.all()}
            node = current[data.draw(st.sampled_from([p.pk for p in places[1:]]), label="node")]
            target = current[data.draw(st.sampled_from(list(current)), label="target")]
            valid = (not target.path.startswith(node.path)
                     and node.kind in ALLOWED_CHILDREN.get(target.kind, set()))
            size_before = subtree(node).count()
            if valid:
                moved = place_move(place=node, new_parent=target, by=None, version=node.version)
                assert moved.path.startswith(target.path)
                assert subtree(moved).count() == size_before
            else:
                with pytest.raises(ValidationError):
                    place_move(place=node, new_parent=target, by=None, version=node.version)
            assert_tree_consistent()
        transaction.set_rollback(True)
