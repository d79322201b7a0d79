from django.contrib.auth import views as auth_views
from django.urls import path

from runcare.web.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.ThrottledLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("invite/", views.invite, name="invite"),
    path("settings/", views.user_settings, name="settings"),
    path("join/", views.join, name="join"),
    path("join/<str:token>/", views.accept, name="accept"),
]
