from django.urls import path

from . import views

app_name = "safeguarding"

urlpatterns = [
    path("safeguarding/updates/", views.update_list, name="update_list"),
    path("safeguarding/updates/new/", views.update_edit, name="update_new"),
    path("safeguarding/updates/<int:pk>/", views.update_detail, name="update_detail"),
    path("safeguarding/updates/<int:pk>/edit/", views.update_edit, name="update_edit"),
    path("safeguarding/reviews/", views.review_list, name="review_list"),
    path("safeguarding/reviews/register.csv", views.register_download,
         name="register_download"),
    path("safeguarding/reviews/new/", views.review_edit, name="review_new"),
    path("safeguarding/reviews/log/", views.read_log, name="read_log"),
    path("safeguarding/reviews/<int:pk>/", views.review_detail, name="review_detail"),
    path("safeguarding/reviews/<int:pk>/review.csv", views.review_download,
         name="review_download"),
    path("safeguarding/reviews/<int:pk>/edit/", views.review_edit, name="review_edit"),
    path("safeguarding/reviews/<int:pk>/actions/new/", views.review_action_edit,
         name="review_action_new"),
    path("safeguarding/reviews/<int:pk>/actions/<int:action_pk>/", views.review_action_edit,
         name="review_action_edit"),
    path("safeguarding/reviews/<int:pk>/summary-paper/", views.review_summary_paper,
         name="review_summary_paper"),
    path("star-chamber/", views.request_list, name="request_list"),
    path("star-chamber/new/", views.request_new, name="request_new"),
    path("star-chamber/<int:pk>/", views.request_detail, name="request_detail"),
    path("star-chamber/<int:pk>/decide/", views.request_decide, name="request_decide"),
    path("star-chamber/<int:pk>/resubmit/", views.request_resubmit, name="request_resubmit"),
    path("star-chamber/approved/", views.approved_requests, name="approved_requests"),
]
