from django.contrib.auth import views as auth_views
from django.urls import path

from runcare.web.accounts import passwords, views, views_clients

app_name = "accounts"
urlpatterns = [
    path("login/", views.ThrottledLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("invite/", views.invite, name="invite"),
    path("invite/<int:invitation_id>/again/", views.invite_again, name="invite_again"),
    path("settings/", views.user_settings, name="settings"),
    path("join/", views.join, name="join"),
    path("join/<str:token>/", views.accept, name="accept"),
    path("clients/<int:runner_id>/reset-link/", views_clients.send_reset, name="send_reset"),
    path("clients/<int:runner_id>/archive/", views_clients.archive, name="archive"),
    path("clients/<int:runner_id>/reactivate/", views_clients.reactivate, name="reactivate"),
    path("password/", passwords.ChangeView.as_view(), name="password_change"),
    path("password/done/", passwords.ChangeDoneView.as_view(), name="password_change_done"),
    path("password/reset/", passwords.ResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", passwords.ResetDoneView.as_view(), name="password_reset_done"),
    path(
        "reset/<uidb64>/<token>/",
        passwords.ResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("reset/done/", passwords.ResetCompleteView.as_view(), name="password_reset_complete"),
]
