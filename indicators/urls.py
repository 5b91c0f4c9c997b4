from django.urls import path

from . import card_views, uploads, views

urlpatterns = [
    path("performance/", views.performance_report, name="performance_report"),
    path("performance/<int:period_pk>/", views.performance_report,
         name="performance_report_period"),
    path("performance/<int:period_pk>/entry/", views.actuals_entry, name="actuals_entry"),
    path("performance/<int:period_pk>/targets/", views.targets_entry, name="targets_entry"),
    path("performance/targets/<int:year>/", views.targets_profile, name="targets_profile"),
    path("performance/<int:period_pk>/outstanding/", views.outstanding_actuals,
         name="outstanding_actuals"),
    path("performance/sign-off/", views.sign_off, name="sign_off"),
    path("performance/<int:period_pk>/sign-off/", views.sign_off, name="sign_off_period"),
    path("performance/upload/", uploads.upload_actuals, name="upload_actuals"),
    path("performance/upload/confirm/", uploads.confirm_upload, name="confirm_upload"),
    path("performance/upload/template/", uploads.upload_template, name="upload_template"),
    path("indicators/<int:pk>/", views.indicator_detail, name="indicator_detail"),
    path("cards/", card_views.report_cards, name="report_cards"),
    path("cards/<int:pk>/", card_views.report_card, name="report_card"),
    path("cards/<int:pk>/card.pdf", card_views.report_card_pdf, name="report_card_pdf"),
    path("cards/<int:pk>/edit/", card_views.report_card_edit, name="report_card_edit"),
    path("cards/<int:pk>/publish/", card_views.report_card_publish, name="report_card_publish"),
    path("cards/<int:pk>/versions/", card_views.report_card_versions,
         name="report_card_versions"),
    path("cards/<int:pk>/versions/<int:number>/", card_views.report_card_version,
         name="report_card_version"),
    path("cards/<int:pk>/compare/", card_views.report_card_compare, name="report_card_compare"),
    path("plans/<int:pk>/scorecard/", card_views.plan_scorecard, name="plan_scorecard"),
    path("plans/<int:pk>/cards.pdf", card_views.plan_cards_pdf, name="plan_cards_pdf"),
]
