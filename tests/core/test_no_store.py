from shiliu.people.services import resident_create

PHONE = "13812345678"


def test_pages_and_api_answers_for_staff_are_never_stored(people, tree, login, client, token_for):
    resident = resident_create(by=people.worker, name="阿依古丽", place=tree.xieshu, basis="asked", phone=PHONE)
    login(people.worker)
    for url in ("/", "/residents/", f"/residents/{resident.pk}/"):
        assert "no-store" in client.get(url)["Cache-Control"], url
    client.post("/accounts/logout/")
    api = client.get(f"/api/v1/residents/{resident.pk}", **token_for(people.worker))
    assert api.status_code == 200 and "no-store" in api["Cache-Control"]
