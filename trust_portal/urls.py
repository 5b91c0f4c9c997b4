from django.contrib.auth import views as auth_views
from django.urls import include, path

from trust_portal.boards.urls import public_urlpatterns
from trust_portal.core import views as core_views
from trust_portal.core.admin import portal_admin_site

urlpatterns = [
    path("", core_views.home, name="home"),
    path("accounts/login/", core_views.SignInView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("partnerships/", core_views.choose_partnership, name="choose_partnership"),
    path("accessibility/", core_views.accessibility, name="accessibility"),
    path("admin/", portal_admin_site.urls),
    path("public/", include(public_urlpatterns)),
    path("public/", include("commissioning.public_urls")),
    path("<slug:slug>/", core_views.partnership_home, name="partnership_home"),
    path("<slug:slug>/", include("priorities.urls")),
    path("<slug:slug>/", include("indicators.urls")),
    path("<slug:slug>/", include("commissioning.urls")),
    path("<slug:slug>/", include("trust_portal.boards.urls")),
    path("<slug:slug>/", include("safeguarding.urls")),
]
handler404 = core_views.page_not_found
