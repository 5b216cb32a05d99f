"""The demo loads data requests and news once."""

from shiliu.core.demo import load_demo
from shiliu.mydata.models import DataRequest
from shiliu.news.models import Article
from shiliu.news.selectors import published


def test_demo_loads_twice_without_adding(db):
    load_demo(residents=0)
    requests, articles = DataRequest.objects.count(), Article.objects.count()
    assert requests == 2 and articles == 6
    assert len(published(limit=None)) == 4  # one is scheduled, one awaits review
    load_demo(residents=0)
    assert DataRequest.objects.count() == requests and Article.objects.count() == articles
