"""Every administration page, as each partnership's administrator, against the other's records.

The pages come from the portal admin site's registry, so a newly registered model admin
without records here fails. A partnership administrator must find another partnership's
records "not found" (404) on every page, GET and POST, and nothing may change; forms must
refuse another partnership's records in every choice, and never print their labels.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from commissioning.models import (
    Bid,
    Commission,
    CommissionFunding,
    CommissioningGroup,
    Contract,
    ContractMeasure,
    FundingStream,
    Interest,
    PanelMember,
)
from indicators.models import (
    CardIndicator,
    Indicator,
    ReportCard,
    ReportingPeriod,
    Target,
    TolerancePolicy,
)
from priorities.models import Action, Milestone, Outcome, Plan, Priority
from safeguarding.models import (
    DataRequest,
    Review,
    ReviewAction,
    ReviewRead,
    SafeguardingUpdate,
    StarChamber,
)
from trust_portal.boards.models import (
    ActionLogEntry,
    AgendaItem,
    Attendance,
    Declaration,
    Meeting,
    Minute,
    Paper,
)
from trust_portal.core.admin import portal_admin_site
from trust_portal.core.models import Membership, Organisation, Partnership, Person, Role

from .conftest import shared_by_module

SLUGS = ["north", "south"]
SECRET = "{slug}secret"  # every label of a partnership's records carries it
# The accounts of the whole install: only the site's superuser administers them.
SUPERUSER_ONLY = {User, Group}
# Logs nobody deletes, not even the superuser.
APPEND_ONLY = {ReviewRead}


def build(slug):
    """One record of every administered model, labelled with the partnership's secret."""
    secret = SECRET.format(slug=slug)
    partnership = Partnership.objects.create(slug=slug, name=f"{slug.title()} Trust",
                                             board_name=f"{secret} board")
    user = User.objects.create_user(f"{slug}_administrator", is_staff=True)
    member = User.objects.create_user(f"{secret}_member")
    membership = Membership.objects.create(user=user, partnership=partnership,
                                           role=Role.ADMINISTRATOR)
    Membership.objects.create(user=member, partnership=partnership, role=Role.BOARD_MEMBER)
    organisation = Organisation.objects.create(partnership=partnership,
                                               name=f"{secret} organisation")
    person = Person.objects.create(partnership=partnership, name=f"{secret} person",
                                   organisation=organisation, user=member)
    plan = Plan.objects.create(partnership=partnership, title=f"{secret} plan",
                               starts_on=datetime.date(2011, 4, 1),
                               ends_on=datetime.date(2015, 3, 31))
    outcome = Outcome.objects.create(plan=plan, title=f"{secret} outcome")
    priority = Priority.objects.create(outcome=outcome, reference="1",
                                       title=f"{secret} priority")
    priority.lead_officers.set([person])
    priority.sponsors.set([person])
    action = Action.objects.create(priority=priority, number="1",
                                   description=f"{secret} action")
    milestone = Milestone.objects.create(action=action, description=f"{secret} milestone")
    period = ReportingPeriod.objects.create(partnership=partnership, year=2009, quarter=2)
    indicator = Indicator.objects.create(partnership=partnership, code=f"{secret} 1",
                                         title=f"{secret} indicator")
    indicator.priorities.set([priority])
    indicator.responsible_officers.set([person])
    target = Target.objects.create(indicator=indicator, period=period, value=5)
    tolerances = TolerancePolicy.objects.create(partnership=partnership)
    card = ReportCard.objects.create(priority=priority, title=f"{secret} card", period=period,
                                     story=f"{secret} story")
    CardIndicator.objects.create(card=card, indicator=indicator, baseline_period=period)
    meeting = Meeting.objects.create(partnership=partnership, date=datetime.date(2009, 11, 20),
                                     start_time=datetime.time(9))
    paper = Paper.objects.create(partnership=partnership, title=f"{secret} exempt paper",
                                 body=f"{secret} body", author=person)
    item = AgendaItem.objects.create(meeting=meeting, position=1, number=1,
                                     title=f"{secret} item", paper=paper, presenter=person,
                                     is_exempt=True)
    minute = Minute.objects.create(item=item, text=f"{secret} minute")
    entry = ActionLogEntry.objects.create(raised_at=item, description=f"{secret} follow-up",
                                          owner=person, due_meeting=meeting)
    attendance = Attendance.objects.create(meeting=meeting, person=person)
    declaration = Declaration.objects.create(meeting=meeting, person=person, item=item,
                                             interest=f"{secret} interest")
    group = CommissioningGroup.objects.create(partnership=partnership, name=f"{secret} group")
    stream = FundingStream.objects.create(partnership=partnership, name=f"{secret} stream")
    commission = Commission.objects.create(partnership=partnership, name=f"{secret} service",
                                           group=group, lead_officer=person)
    CommissionFunding.objects.create(commission=commission, stream=stream)
    member = PanelMember.objects.create(commission=commission, person=person)
    bid = Bid.objects.create(commission=commission, bidder=f"{secret} bidder")
    Interest.objects.create(member=member, bid=bid, description=f"{secret} interest")
    contract = Contract.objects.create(commission=commission, bid=bid,
                                       provider=f"{secret} provider")
    ContractMeasure.objects.create(contract=contract, indicator=indicator, group="how_much")
    update = SafeguardingUpdate.objects.create(partnership=partnership, title=f"{secret} update",
                                               period=period, actions=f"{secret} action",
                                               recommendations=f"{secret} recommendation")
    review = Review.objects.create(partnership=partnership, reference=f"{slug[:2].upper()}X",
                                   lessons=f"{secret} lessons")
    ReviewAction.objects.create(review=review, description=f"{secret} review action",
                                owner="Designated Nurse")
    review_read = ReviewRead.objects.create(partnership=partnership, review=review, user=user,
                                            username=f"{secret}_reader",
                                            what=ReviewRead.What.VIEWED)
    data_request = DataRequest.objects.create(
        partnership=partnership, title=f"{secret} request", requested_by=f"{secret} officer",
        priority=priority, business_case="-", existing_data="-", cost="-", workload="-",
        last_collected="-", target_group="-", sample_size="-", timescales="-")
    star_chamber = StarChamber.objects.create(partnership=partnership,
                                              criteria=f"{secret} criterion")
    records = {Partnership: partnership, Organisation: organisation, Person: person,
               Membership: membership, Plan: plan, Outcome: outcome, Priority: priority,
               Action: action, Milestone: milestone, ReportingPeriod: period,
               Indicator: indicator, Target: target, TolerancePolicy: tolerances,
               Meeting: meeting, Paper: paper, AgendaItem: item, ActionLogEntry: entry,
               Minute: minute, Attendance: attendance, Declaration: declaration,
               CommissioningGroup: group, FundingStream: stream, Commission: commission,
               Bid: bid, Contract: contract,
               ReportCard: card, SafeguardingUpdate: update, Review: review,
               ReviewRead: review_read, DataRequest: data_request, StarChamber: star_chamber}
    # A change each history form can offer to revert.
    for record in (paper, entry, milestone, target, card, update, review, data_request,
                   star_chamber):
        record.save()
    return SimpleNamespace(partnership=partnership, user=user, records=records, secret=secret)


def build_both():
    built = {slug: build(slug) for slug in SLUGS}
    superuser = User.objects.create_superuser("admin_access_superuser")
    return SimpleNamespace(**built, superuser=superuser)


@pytest.fixture(scope="module")
def partnerships(django_db_setup, django_db_blocker, module_media):
    """Both partnerships' records, and the history they leave, rolled back after the module."""
    yield from shared_by_module(django_db_blocker, module_media, build_both)


def other(slug):
    return SLUGS[1 - SLUGS.index(slug)]


def snapshot():
    """Every row of every administered table and of their history, to show nothing changed."""
    tables = {}
    for model in [*portal_admin_site._registry, Minute, Attendance, Declaration,
                  CardIndicator]:
        tables[model.__name__] = sorted(map(repr, model.objects.values_list()))
        history = getattr(model, "history", None)
        if history is not None:
            tables[f"history of {model.__name__}"] = history.count()
    tables["m2m"] = sorted(map(repr, [
        *Priority.lead_officers.through.objects.values_list(),
        *Priority.sponsors.through.objects.values_list(),
        *Indicator.priorities.through.objects.values_list(),
        *Indicator.responsible_officers.through.objects.values_list(),
    ]))
    return tables


SCOPED = sorted((model for model in portal_admin_site._registry if model not in SUPERUSER_ONLY),
                key=lambda model: model._meta.label)


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def object_urls(model, record):
    """Every administration page of one record."""
    urls = {view: url(model, view, record.pk) for view in ("change", "history", "delete")}
    if isinstance(portal_admin_site._registry[model], SimpleHistoryAdmin):
        version = record.history.order_by("history_id").first().history_id
        urls["history form"] = url(model, "simple_history", record.pk, version)
    return urls


def form_data(record, overrides=None):
    """What the record's change form posts when nothing is edited, with `overrides`."""
    model_admin = portal_admin_site._registry[type(record)]
    request = RequestFactory().get("/")
    request.user = User.objects.get(username="admin_access_superuser")
    form = model_admin.get_form(request, record)(instance=record)
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, (list, tuple)):
            data[name] = [getattr(v, "pk", v) for v in value]
        elif value is True:
            data[name] = "on"
        elif value not in (None, False):
            data[name] = getattr(value, "pk", value)
    for inline in model_admin.get_inline_instances(request, record):
        formset = inline.get_formset(request, record)
        prefix = formset.get_default_prefix()
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    data.update(overrides or {})
    return data


@pytest.fixture
def as_administrator(partnerships, db):
    def sign_in(slug):
        client = Client()
        client.force_login(getattr(partnerships, slug).user)
        return client
    return sign_in


def test_every_registered_model_has_records_here(partnerships):
    assert set(SCOPED) <= set(partnerships.north.records)


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("model", SCOPED, ids=lambda model: model._meta.label)
def test_another_partnerships_record_is_not_found_on_every_page(
        model, slug, method, partnerships, as_administrator):
    client = as_administrator(slug)
    foreign = getattr(partnerships, other(slug)).records[model]
    own = getattr(partnerships, slug)
    before = snapshot()
    for view, address in object_urls(model, foreign).items():
        if method == "get":
            response = client.get(address)
        else:
            # Posting the record's own form, moved into the administrator's partnership.
            data = form_data(foreign, {"partnership": own.partnership.pk, "post": "yes"})
            response = client.post(address, data)
        assert response.status_code == 404, (view, address)
        assert foreign.__class__.objects.filter(pk=foreign.pk).exists()
    assert snapshot() == before


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("model", SCOPED, ids=lambda model: model._meta.label)
def test_own_pages_never_show_another_partnerships_records(
        model, slug, partnerships, as_administrator):
    client = as_administrator(slug)
    own = getattr(partnerships, slug).records[model]
    foreign = getattr(partnerships, other(slug))
    pages = [url(model, "changelist"), url(model, "add"),
             *object_urls(model, own).values()]
    for address in pages:
        response = client.get(address)
        assert response.status_code in (200, 403), address
        page = response.content.decode()
        assert foreign.secret not in page, address
        assert foreign.partnership.name not in page, address  # e.g. in a list's filters
        assert url(model, "change", foreign.records[model].pk) not in page, address


def autocomplete_sources():
    """Each (model, field) whose admin widget could ask the autocomplete view."""
    for model in SCOPED:
        for field in model._meta.get_fields():
            if (field.is_relation and not field.auto_created
                    and field.related_model in portal_admin_site._registry):
                yield model, field.name


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("model,field", list(autocomplete_sources()),
                         ids=lambda value: getattr(value, "__name__", value))
def test_autocomplete_offers_only_own_records(model, field, slug, partnerships,
                                              as_administrator):
    client = as_administrator(slug)
    response = client.get(reverse("admin:autocomplete"), {
        "app_label": model._meta.app_label, "model_name": model._meta.model_name,
        "field_name": field, "term": ""})
    assert response.status_code in (200, 403, 404)
    assert getattr(partnerships, other(slug)).secret not in response.content.decode()


def foreign_key_choices():
    """Each (model, field) of an admin form that chooses another partnership-owned record."""
    for model in SCOPED:
        for field in model._meta.get_fields():
            if (field.is_relation and not field.auto_created and field.editable
                    and field.related_model not in (None, Partnership, User)
                    and field.related_model in portal_admin_site._registry
                    and field.name not in portal_admin_site._registry[model].readonly_fields):
                yield model, field


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("model,field", list(foreign_key_choices()),
                         ids=lambda value: getattr(value, "name", getattr(value, "__name__", "")))
def test_forms_refuse_another_partnerships_records(model, field, slug, partnerships,
                                                   as_administrator):
    client = as_administrator(slug)
    own = getattr(partnerships, slug).records[model]
    foreign = getattr(partnerships, other(slug))
    choice = foreign.records[field.related_model].pk
    data = form_data(own, {field.name: [choice] if field.many_to_many else choice})
    count = model.objects.count()
    for address in (url(model, "change", own.pk), url(model, "add")):
        response = client.post(address, data)
        if response.status_code == 200:
            assert field.name in response.context["adminform"].form.errors, address
        else:  # refused, or the field is read-only on this page and the post ignores it
            assert response.status_code in (302, 403), address
        assert foreign.secret not in response.content.decode(), address
    assert model.objects.count() == count
    assert not model.objects.filter(pk=own.pk, **{field.name: choice}).exists()


def test_the_records_own_form_is_accepted(partnerships, as_administrator):
    """The form data the tests post is what the page posts: unchanged, it saves."""
    client = as_administrator("north")
    item = partnerships.north.records[AgendaItem]
    response = client.post(url(AgendaItem, "change", item.pk), form_data(item))
    assert response.status_code == 302


def inline_data(prefix, fields, record=None):
    data = {f"{prefix}-TOTAL_FORMS": 1, f"{prefix}-INITIAL_FORMS": 1 if record else 0}
    if record:
        data[f"{prefix}-0-id"] = record.pk
    data.update({f"{prefix}-0-{name}": value for name, value in fields.items()})
    return data


@pytest.mark.parametrize("prefix,fields", [
    ("items", lambda f: {"position": 9, "title": "Added", "item_type": "paper",
                         "presenter": f.records[Person].pk}),
    ("items", lambda f: {"position": 9, "title": "Added", "item_type": "paper",
                         "paper": f.records[Paper].pk}),
    ("attendance", lambda f: {"person": f.records[Person].pk, "kind": "present",
                              "capacity": "officer"}),
    ("declarations", lambda f: {"person": f.records[Person].pk}),
    ("declarations", lambda f: {"item": f.records[AgendaItem].pk,
                                "person": Person.objects.get(name="northsecret person").pk}),
])
def test_meeting_inlines_refuse_another_partnerships_records(prefix, fields, partnerships,
                                                            as_administrator):
    client = as_administrator("north")
    meeting = partnerships.north.records[Meeting]
    data = {**form_data(meeting), **inline_data(prefix, fields(partnerships.south))}
    before = snapshot()
    response = client.post(url(Meeting, "change", meeting.pk), data)
    assert response.status_code == 200
    assert "southsecret" not in response.content.decode()
    assert snapshot() == before


def test_agenda_item_inlines_refuse_another_partnerships_records(partnerships,
                                                                as_administrator):
    client = as_administrator("north")
    item = partnerships.north.records[AgendaItem]
    data = {**form_data(item), **inline_data("actions", {
        "description": "Follow up", "owner": partnerships.south.records[Person].pk,
        "due_meeting": partnerships.south.records[Meeting].pk, "status": "open"})}
    before = snapshot()
    response = client.post(url(AgendaItem, "change", item.pk), data)
    assert response.status_code == 200
    assert "southsecret" not in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize("model,field", [
    (model, name) for model in SCOPED
    for name in portal_admin_site._registry[model].raw_id_fields])
def test_raw_id_widgets_do_not_print_another_partnerships_labels(model, field, partnerships,
                                                                 as_administrator):
    client = as_administrator("north")
    own = partnerships.north.records[model]
    related = model._meta.get_field(field).related_model
    foreign = (User.objects.get(username="southsecret_member") if related is User
               else partnerships.south.records[related])
    response = client.post(url(model, "change", own.pk), form_data(own, {field: foreign.pk}))
    assert "southsecret" not in response.content.decode()
    # Nor when a record already points at it, as data from before these rules might.
    model.objects.filter(pk=own.pk).update(**{field: foreign.pk})
    assert "southsecret" not in client.get(url(model, "change", own.pk)).content.decode()


@pytest.mark.parametrize("model", sorted(SUPERUSER_ONLY, key=str))
def test_accounts_are_administered_by_the_superuser_only(model, partnerships,
                                                        as_administrator):
    client = as_administrator("north")
    record = partnerships.south.user if model is User else Group.objects.create(name="G")
    before = User.objects.values_list("is_superuser", "is_staff", "username").order_by("pk")
    pages = [url(model, "changelist"), url(model, "add"),
             *[url(model, view, record.pk) for view in ("change", "history", "delete")]]
    for address in pages:
        assert client.get(address).status_code in (403, 404), address
        assert client.post(address, {"username": "x", "is_superuser": "on",
                                     "name": "x"}).status_code in (403, 404), address
    own = partnerships.north.user
    assert client.get(url(User, "change", own.pk)).status_code in (403, 404)
    assert list(User.objects.values_list("is_superuser", "is_staff", "username")
                .order_by("pk")) == list(before)


def test_an_administrator_grants_roles_in_their_own_partnership_only(partnerships,
                                                                    as_administrator):
    client = as_administrator("north")
    me = partnerships.north.user
    before = snapshot()
    response = client.post(url(Membership, "add"), {
        "user": me.pk, "partnership": partnerships.south.partnership.pk,
        "role": Role.ADMINISTRATOR})
    assert response.status_code == 200
    assert "partnership" in response.context["adminform"].form.errors
    own = partnerships.north.records[Membership]
    response = client.post(url(Membership, "change", own.pk), {
        "user": me.pk, "partnership": partnerships.south.partnership.pk,
        "role": Role.ADMINISTRATOR})
    assert response.status_code == 200
    assert snapshot() == before
    response = client.post(url(Membership, "add"), {
        "user": User.objects.get(username="southsecret_member").pk,
        "partnership": partnerships.north.partnership.pk, "role": Role.BOARD_MEMBER})
    assert response.status_code == 302  # they may give anyone a role in their partnership
    assert Membership.objects.filter(user__username="southsecret_member",
                                     partnership__slug="north").exists()


def test_a_partnership_administrator_cannot_delete_or_add_partnerships(partnerships,
                                                                      as_administrator):
    client = as_administrator("north")
    own = partnerships.north.partnership
    assert client.post(url(Partnership, "delete", own.pk), {"post": "yes"}).status_code == 403
    assert Partnership.objects.filter(pk=own.pk).exists()
    assert client.get(url(Partnership, "add")).status_code == 403


def test_foreign_keys_are_checked_by_the_models_whatever_the_page(partnerships, db):
    """Each partnership-owned model refuses, in clean(), a record of another partnership."""
    checked = 0
    for model, own in partnerships.north.records.items():
        # The first step of its path says whose the record is; the others must agree with it.
        owner = getattr(model, "partnership_path", "").split("__")[0]
        for field in model._meta.get_fields():
            foreign = partnerships.south.records.get(field.related_model)
            if (field.name == owner or foreign is None or not field.concrete
                    or not (field.many_to_one or field.one_to_one)):
                continue
            record = model.objects.get(pk=own.pk)
            setattr(record, field.name, foreign)
            with pytest.raises(ValidationError) as refused:
                record.clean()
            assert field.name in refused.value.message_dict, (model, field.name)
            checked += 1
    assert checked >= 12


GARBAGE = ["abc", "99999999999999999999", "%00"]


@pytest.mark.parametrize("model", SCOPED, ids=lambda model: model._meta.label)
def test_no_address_or_input_breaks_the_administration(model, partnerships, as_administrator):
    client = as_administrator("north")
    own = partnerships.north.records[model]
    for bad in GARBAGE:
        addresses = [url(model, view, bad) for view in ("change", "history", "delete")]
        if isinstance(portal_admin_site._registry[model], SimpleHistoryAdmin):
            addresses += [url(model, "simple_history", bad, bad),
                          url(model, "simple_history", own.pk, bad)]
        for address in addresses:
            assert client.get(address).status_code == 404, address
            assert client.post(address, {"post": "yes"}).status_code == 404, address
        for query in (f"q={bad}&o={bad}&p={bad}", f"partnership__id__exact={bad}",
                      f"_to_field={bad}"):
            address = f"{url(model, 'changelist')}?{query}"
            assert client.get(address).status_code in (200, 302, 400), address
    fields = dict.fromkeys(form_data(own), GARBAGE[1])
    for address in (url(model, "add"), url(model, "change", own.pk)):
        assert client.post(address, fields).status_code in (200, 302, 403), address


@pytest.mark.parametrize("model", SCOPED, ids=lambda model: model._meta.label)
def test_the_superuser_still_administers_every_partnership(model, partnerships, db):
    client = Client()
    client.force_login(partnerships.superuser)
    for slug in SLUGS:
        record = getattr(partnerships, slug).records[model]
        for address in [url(model, "changelist"), *object_urls(model, record).values()]:
            refused = model in APPEND_ONLY and address == url(model, "delete", record.pk)
            assert client.get(address).status_code == (403 if refused else 200), address


INLINE_LIMIT = 100


@pytest.mark.parametrize("model", [Meeting, Commission], ids=lambda model: model._meta.label)
def test_a_forged_count_of_inline_rows_is_refused_before_the_rows_are_built(
        model, partnerships, as_administrator):
    """A post claiming a million rows of a part (agenda items, criteria) is refused with the
    limit stated, instead of the server building a form for each of up to a thousand."""
    client = as_administrator("north")
    own = partnerships.north.records[model]
    data = form_data(own)
    counts = [name for name in data if name.endswith("-TOTAL_FORMS")]
    assert counts
    data.update(dict.fromkeys(counts, 1_000_000))
    response = client.post(url(model, "change", own.pk), data)
    assert response.status_code == 200
    assert f"Please submit at most {INLINE_LIMIT} forms." in response.content.decode()
    for inline in portal_admin_site._registry[model].inlines:
        assert inline.max_num == INLINE_LIMIT
