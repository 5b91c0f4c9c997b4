from django.urls import path

from . import uploads, views

urlpatterns = [
    path("performance/", views.performance_report, name="performance_report"),
    path("performance/<int:period_pk>/", views.performance_report,
         name="performance_report_period"),
    path("performance/<int:period_pk>/entry/", views.actuals_entry, name="actuals_entry"),
    path("performance/<int:period_pk>/outstanding/", views.outstanding_actuals,
         name="outstanding_actuals"),
    path("performance/upload/", uploads.upload_actuals, name="upload_actuals"),
    path("performance/upload/confirm/", uploads.confirm_upload, name="confirm_upload"),
    path("performance/upload/template/", uploads.upload_template, name="upload_template"),
    path("indicators/<int:pk>/", views.indicator_detail, name="indicator_detail"),
]
