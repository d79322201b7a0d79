from django.urls import include, path

from runcare.web.accounts import views as account_views

urlpatterns = [
    path("", account_views.home, name="home"),
    path("accounts/", include("runcare.web.accounts.urls")),
    path("body/", include("runcare.web.body.urls")),
    path("clinic/", include("runcare.web.clinic.urls")),
    path("training/", include("runcare.web.training.urls")),
    path("pictures/", include("runcare.web.media.urls")),
    path("care/", include("runcare.web.care.urls")),
    path("data/", include("runcare.web.rights.urls")),
    path("stretches/", include("runcare.web.exercises.urls")),
    path("plan/", include("runcare.web.plan.urls")),
    path("calendar/", include("runcare.web.calendars.urls")),
    path("booking/", include("runcare.web.booking.urls")),
    path("posts/", include("runcare.web.posts.urls")),
    path("read/", include("runcare.web.posts.urls_public")),
]

# Rendered without a request context; see runcare.web.errors.
handler404 = "runcare.web.errors.page_not_found"
handler500 = "runcare.web.errors.server_error"
