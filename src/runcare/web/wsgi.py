"""WSGI entry point for gunicorn: ``gunicorn runcare.web.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

from runcare.web.filemodes import PRIVATE_UMASK

# Gunicorn started on its own (a systemd unit) creates files private too, as runcare does.
os.umask(PRIVATE_UMASK)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "runcare.web.settings")
application = get_wsgi_application()
