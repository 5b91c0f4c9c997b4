"""The portal under gunicorn with 2 workers and DEBUG off, as in production, on 127.0.0.1.

Cookies are not marked Secure and there is no redirect to HTTPS, since the load test and the
benchmark reach it over plain HTTP on this machine only.
"""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 2


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_env():
    """The environment of a production server; it shares this process's SECRET_KEY if set, so
    sessions made here are good there."""
    secret_key = os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50)
    return {**os.environ, "DEBUG": "false", "SECRET_KEY": secret_key,
            "SECURE_SSL_REDIRECT": "false", "SECURE_COOKIES": "false",
            "ALLOWED_HOSTS": "127.0.0.1"}


def wait_until_answering(url, seconds=30):
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.2)


@contextmanager
def gunicorn():
    """Serve the portal on a free port until the block ends; yields its base URL."""
    env = production_env()
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
                   cwd=ROOT, env=env, check=True)
    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "trust_portal.wsgi",
         "--workers", str(WORKERS), "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env)
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(f"{base_url}/accounts/login/")
        yield base_url
    finally:
        server.terminate()
        server.wait(timeout=30)
