import os
import signal

from django.core.wsgi import get_wsgi_application

from parvis.core.lib.supervisor import die_with_parent

if os.environ.get("PARVIS_DIE_WITH_PARENT"):
    # Started by `parvis serve` through granian: a web worker whose granian master died must not keep serving
    # (it holds the port with SO_REUSEPORT, beside a restarted instance running other code).
    die_with_parent(signal.SIGKILL)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parvis.settings")
application = get_wsgi_application()

if os.environ.get("PARVIS_WARM_UP"):
    # `parvis serve` asks each web worker to answer the home page once before it serves anyone: the URL
    # configuration, the API schemas and the templates are loaded here instead of during a visitor's request.
    from parvis.core.warmup import warm_up

    warm_up(application)
