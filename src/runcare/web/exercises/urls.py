from django.urls import path

from runcare.web.exercises import views_handout, views_library, views_program, views_runner

app_name = "exercises"

urlpatterns = [
    path("library/", views_library.library_list, name="library_list"),
    path("library/new/", views_library.exercise_new, name="exercise_new"),
    path("library/<int:exercise_id>/", views_library.exercise_edit, name="exercise_edit"),
    path(
        "library/<int:exercise_id>/delete/", views_library.exercise_delete, name="exercise_delete"
    ),
    path("clients/<int:runner_id>/", views_program.program_detail, name="program_detail"),
    path("clients/<int:runner_id>/add/", views_program.item_add, name="item_add"),
    path("clients/<int:runner_id>/items/<int:index>/", views_program.item_edit, name="item_edit"),
    path(
        "clients/<int:runner_id>/items/<int:index>/remove/",
        views_program.item_remove,
        name="item_remove",
    ),
    path(
        "clients/<int:runner_id>/items/<int:index>/move/",
        views_program.item_move,
        name="item_move",
    ),
    path("clients/<int:runner_id>/notes/", views_program.notes_edit, name="notes_edit"),
    path("clients/<int:runner_id>/handout.pdf", views_handout.handout_pdf, name="handout_pdf"),
    path("mine/", views_runner.my_program, name="my_program"),
    path("mine/done/", views_runner.session_log, name="session_log"),
]
