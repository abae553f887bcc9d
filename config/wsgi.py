import os

from django.core.wsgi import get_wsgi_application

from bridge.core.runtime import settle

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()
settle()  # after the application, which sets Django up
