from django.urls import path

from . import views

urlpatterns = [
    path("commissioning/", views.commission_register, name="commission_register"),
    path("commissioning/<int:pk>/", views.commission_detail, name="commission_detail"),
    path("commissioning/<int:pk>/planning/", views.commission_planning,
         name="commission_planning"),
    path("commissioning/<int:pk>/move/", views.commission_move, name="commission_move"),
    path("commissioning/<int:pk>/scores/", views.commission_scores, name="commission_scores"),
    path("commissioning/<int:pk>/bids/", views.commission_bids, name="commission_bids"),
    path("commissioning/<int:pk>/award/", views.commission_award, name="commission_award"),
    path("contracts/<int:pk>/", views.contract_detail, name="contract_detail"),
    path("contracts/<int:pk>/update/", views.contract_update, name="contract_update"),
]
