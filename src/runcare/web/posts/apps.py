from django.apps import AppConfig


class PostsConfig(AppConfig):
    name = "runcare.web.posts"
    label = "posts"
    verbose_name = "Questions and posts"
