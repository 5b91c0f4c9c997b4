"""Django's JSON serialisation with times kept to the microsecond, for backups.

Django's own JSON cuts times to the millisecond and its XML strips the whitespace around text;
a backup must bring back a published pack's stored HTML, and every time, exactly as it was.
Reading needs nothing special: Django's JSON deserialiser parses the full precision.
"""

import datetime

from django.core.serializers import json as django_json


class ExactEncoder(django_json.DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(django_json.Serializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactEncoder


Deserializer = django_json.Deserializer
