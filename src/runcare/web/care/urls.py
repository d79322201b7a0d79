from django.urls import path

from runcare.web.care import (
    views_audit,
    views_notes,
    views_plans,
    views_runner,
    views_steps,
    views_templates,
)

app_name = "care"

T = {"kind": "template"}
P = {"kind": "plan"}

urlpatterns = [
    path("templates/", views_templates.template_list, name="template_list"),
    path("templates/new/", views_templates.template_new, name="template_new"),
    path("templates/<int:pk>/", views_templates.template_detail, name="template_detail"),
    path("templates/<int:pk>/rename/", views_templates.template_rename, name="template_rename"),
    path("templates/<int:pk>/copy/", views_templates.template_copy, name="template_copy"),
    path("templates/<int:pk>/delete/", views_templates.template_delete, name="template_delete"),
    path("templates/<int:pk>/steps/add/", views_steps.step_add, T, name="template_step_add"),
    path(
        "templates/<int:pk>/steps/<int:index>/", views_steps.step_edit, T, name="template_step_edit"
    ),
    path(
        "templates/<int:pk>/steps/<int:index>/remove/",
        views_steps.step_remove,
        T,
        name="template_step_remove",
    ),
    path(
        "templates/<int:pk>/steps/<int:index>/move/",
        views_steps.step_move,
        T,
        name="template_step_move",
    ),
    path("clients/<int:runner_id>/plan/", views_plans.plan_new, name="plan_new"),
    path("clients/<int:runner_id>/doctor/", views_plans.doctor_visit, name="doctor_visit"),
    path("plans/<int:pk>/", views_plans.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/steps/add/", views_steps.step_add, P, name="plan_step_add"),
    path("plans/<int:pk>/steps/<int:index>/", views_steps.step_edit, P, name="plan_step_edit"),
    path(
        "plans/<int:pk>/steps/<int:index>/remove/",
        views_steps.step_remove,
        P,
        name="plan_step_remove",
    ),
    path("plans/<int:pk>/steps/<int:index>/move/", views_steps.step_move, P, name="plan_step_move"),
    path("plans/<int:pk>/note/", views_plans.note_start, name="note_start"),
    path("notes/<int:pk>/", views_notes.note_detail, name="note_detail"),
    path("notes/<int:pk>/edit/", views_notes.note_edit, name="note_edit"),
    path("notes/<int:pk>/sign/", views_notes.note_sign, name="note_sign"),
    path("notes/<int:pk>/addenda/", views_notes.addendum_add, name="addendum_add"),
    path("audit/", views_audit.audit_log, name="audit_log"),
    path("mine/", views_runner.my_sessions, name="my_sessions"),
]
