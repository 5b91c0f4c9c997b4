from django.urls import path

from . import views

urlpatterns = [
    path("performance/", views.performance_report, name="performance_report"),
    path("performance/<int:period_pk>/", views.performance_report,
         name="performance_report_period"),
    path("performance/<int:period_pk>/entry/", views.actuals_entry, name="actuals_entry"),
    path("indicators/<int:pk>/", views.indicator_detail, name="indicator_detail"),
]
