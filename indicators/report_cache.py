"""The performance report's figures, kept until a figure behind them changes.

Rating every indicator and rendering its row costs far more than the rest of the page, and
board members read the same report many times between changes. The cache is keyed on the
partnership's `figures_version`, which every request reads with the partnership anyway, so a
change is seen at once by every server process. Every write to the figures gives the
partnership a new version: single saves (as in the admin) through the signals below, and the
bulk writes of `indicators.services`, which send no signals, by calling `figures_changed`.
A restore (a raw load) brings back each partnership's version together with its figures.

The version is read before the figures, so a page rendered while a change is being saved is
stored under the version that change replaces, where no one will look for it again.
"""

import uuid

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from trust_portal.core.models import Partnership

from .models import Actual, Indicator, ReportingPeriod, Target, TolerancePolicy

TIMEOUT = 60 * 60


def figures_changed(**partnerships):
    """Give the partnerships matching the lookup a new figures version."""
    Partnership.objects.filter(**partnerships).update(figures_version=uuid.uuid4())


def cached(partnership, name, build):
    """What `build()` returns for the partnership, from the cache while its figures are
    unchanged; `name` says what it is and everything else it depends on."""
    key = f"figures:{partnership.pk}:{partnership.slug}:{partnership.figures_version}:{name}"
    return cache.get_or_set(key, build, TIMEOUT)


@receiver([post_save, post_delete], sender=Indicator)
@receiver([post_save, post_delete], sender=ReportingPeriod)
@receiver([post_save, post_delete], sender=TolerancePolicy)
def partnership_record_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        figures_changed(pk=instance.partnership_id)


@receiver([post_save, post_delete], sender=Target)
@receiver([post_save, post_delete], sender=Actual)
def figure_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        figures_changed(indicators=instance.indicator_id)
