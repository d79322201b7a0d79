from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "runcare.web.accounts"
    label = "accounts"
    verbose_name = "Accounts"
