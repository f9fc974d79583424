import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Démarre le serveur web (granian + whitenoise) et le travailleur de tâches de fond ensemble."

    def add_arguments(self, parser):
        parser.add_argument(
            "--host", default=os.environ.get("PARVIS_HOST", "127.0.0.1"), help="adresse d'écoute"
        )
        parser.add_argument(
            "--port", type=int, default=int(os.environ.get("PARVIS_PORT", "8000")), help="port"
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("PARVIS_WEB_WORKERS", "2")),
            help="processus web",
        )
        parser.add_argument(
            "--no-worker", action="store_true", help="ne pas démarrer le travailleur de tâches"
        )

    def handle(self, *args, host, port, workers, no_worker, **options):
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "parvis.settings"}
        children = []
        if not no_worker:
            worker_cmd = [sys.executable, "-m", "parvis.cli", "worker"]
            children.append(subprocess.Popen(worker_cmd, env=env))
        web_cmd = [
            sys.executable,
            "-m",
            "granian",
            "--interface",
            "wsgi",
            "--host",
            host,
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--blocking-threads",
            "4",
            "--no-ws",
            "parvis.wsgi:application",
        ]
        web = subprocess.Popen(web_cmd, env=env)
        children.append(web)
        self.stdout.write(
            f"Parvis écoute sur http://{'localhost' if host == '127.0.0.1' else host}:{port}/ "
            f"(données : {settings.PARVIS_DATA_DIR}). Ctrl+C pour arrêter."
        )

        def stop(*_):
            for child in children:
                if child.poll() is None:
                    child.terminate()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        try:
            code = web.wait()
        finally:
            stop()
            for child in children:
                child.wait(timeout=10)
        sys.exit(code)
