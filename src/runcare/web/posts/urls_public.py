from django.urls import path

from runcare.web.posts import views_public

app_name = "read"
# Public: no login; only published posts.
urlpatterns = [
    path("<slug:series_slug>/", views_public.public_series, name="series"),
    path("<slug:series_slug>/feed.atom", views_public.feed, name="feed"),
    path("<slug:series_slug>/<slug:post_slug>/", views_public.public_post, name="post"),
    path(
        "<slug:series_slug>/<slug:post_slug>/pictures/<int:picture_id>",
        views_public.public_picture,
        name="picture",
    ),
]
