from django.urls import path

from . import views

urlpatterns = [
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("priorities/<int:pk>/", views.priority_detail, name="priority_detail"),
    path("milestones/", views.milestone_list, name="milestone_list"),
    path("milestones/<int:pk>/", views.milestone_detail, name="milestone_detail"),
    path("milestones/<int:pk>/update/", views.milestone_update, name="milestone_update"),
    path("people/", views.people, name="people"),
]
