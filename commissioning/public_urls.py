from django.urls import path

from . import public_views

urlpatterns = [
    path("<slug:slug>/contracts.json", public_views.ocds_package, name="ocds_package"),
]
