from django.urls import reverse

from trust_portal.core.models import Person


def test_administration_is_refused_to_everyone_but_administrators(world, client):
    for name, user in world.users.items():
        user.is_staff = True
        user.save()
        client.force_login(user)
        response = client.get(reverse("admin:index"))
        allowed = name in {"administrator", "outsider"}  # each administers their own
        assert (response.status_code == 200) == allowed, name


def test_partnership_administrator_sees_only_their_partnership(world, client):
    Person.objects.create(partnership=world.south, name="Somebody From South")
    client.force_login(world.users["administrator"])
    page = client.get(reverse("admin:core_person_changelist")).content.decode()
    assert "Lena Lead" in page
    assert "Somebody From South" not in page
    south_person = Person.objects.get(name="Somebody From South")
    response = client.get(reverse("admin:core_person_change", args=[south_person.pk]))
    assert response.status_code == 404  # not Django's redirect to the index, which tells


def test_milestone_progress_is_read_only_in_administration(world, client):
    client.force_login(world.users["administrator"])
    response = client.get(reverse("admin:priorities_milestone_change",
                                  args=[world.milestone.pk]))
    assert response.status_code == 200
    assert 'name="status"' not in response.content.decode()
