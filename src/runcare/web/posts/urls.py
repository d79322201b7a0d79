from django.urls import path

from runcare.web.posts import views_editor, views_questions, views_series

app_name = "posts"
urlpatterns = [
    path("ask/", views_questions.ask, name="ask"),
    path("questions/", views_questions.inbox, name="inbox"),
    path("questions/new/", views_questions.question_new, name="question_new"),
    path(
        "questions/<int:question_id>/name/",
        views_questions.question_name,
        name="question_name",
    ),
    path("series/", views_series.series_list, name="series_list"),
    path("series/new/", views_series.series_new, name="series_new"),
    path("series/<int:series_id>/", views_series.series_detail, name="series_detail"),
    path("series/<int:series_id>/edit/", views_series.series_edit, name="series_edit"),
    path("series/<int:series_id>/new-post/", views_series.post_new, name="post_new"),
    path("<int:post_id>/", views_editor.post_edit, name="post_edit"),
    path("<int:post_id>/preview/", views_editor.post_preview, name="post_preview"),
    path("<int:post_id>/schedule/", views_editor.post_schedule, name="post_schedule"),
    path("<int:post_id>/publish/", views_editor.post_publish, name="post_publish"),
    path("<int:post_id>/unschedule/", views_editor.post_unschedule, name="post_unschedule"),
]
