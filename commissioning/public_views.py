from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from trust_portal.core.models import Partnership

from .ocds import release_package


@login_not_required
@require_GET
def ocds_package(request, slug):
    """The partnership's awarded contracts as open data (OCDS 1.1), for anyone."""
    partnership = get_object_or_404(Partnership, slug=slug)
    package = release_package(partnership, uri=request.build_absolute_uri())
    return JsonResponse(package, json_dumps_params={"indent": 1, "ensure_ascii": False})
