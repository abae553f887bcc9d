import os

from django.core.asgi import get_asgi_application

from bridge.core.runtime import settle

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_asgi_application()
settle()  # after the application, which sets Django up
