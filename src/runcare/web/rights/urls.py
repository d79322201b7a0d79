from django.urls import path

from runcare.web.rights import views

app_name = "rights"
urlpatterns = [
    path("runners/<int:runner_id>/export/", views.export, name="export"),
    path("clients/<int:runner_id>/erase/", views.erase, name="erase"),
    path("erasure-request/", views.erasure_request, name="erasure_request"),
    path("erasure-request/withdraw/", views.withdraw_request, name="withdraw_request"),
]
