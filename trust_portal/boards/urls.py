from django.urls import path

from . import views

urlpatterns = [
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/minutes/", views.meeting_minutes, name="meeting_minutes"),
    path("meetings/<int:pk>/minutes/approve/", views.minutes_approve, name="minutes_approve"),
    path("meetings/<int:pk>/preview/", views.pack_preview, name="pack_preview"),
    path("meetings/<int:pk>/publish/", views.pack_publish, name="pack_publish"),
    path("meetings/<int:pk>/packs/<int:number>/", views.pack_detail, name="pack_detail"),
    path("meetings/<int:pk>/packs/<int:number>/progress/", views.pack_progress,
         name="pack_progress"),
    path("meetings/<int:pk>/packs/<int:number>/pack.pdf", views.pack_pdf, name="pack_pdf"),
    path("papers/<int:pk>/edit/", views.paper_edit, name="paper_edit"),
    path("decisions/", views.decisions, name="decisions"),
    path("actions/", views.action_log, name="action_log"),
]

public_urlpatterns = [
    path("<slug:slug>/", views.public_meetings, name="public_meetings"),
    path("<slug:slug>/meetings/<int:pk>/packs/<int:number>/", views.public_pack,
         name="public_pack"),
    path("<slug:slug>/meetings/<int:pk>/packs/<int:number>/pack.pdf", views.public_pack_pdf,
         name="public_pack_pdf"),
]
