"""A Weblate instance on this machine: PostgreSQL and Weblate's server, on 127.0.0.1 only, with all their data in
one folder. ``with Instance(...) as weblate:`` starts both and stops both (also on an error); ``stop()``
kills each server's whole process group.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def postgres_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    if not found:
        raise SystemExit(f"PostgreSQL's {name} not found: run python3 build_scripts/system_packages.py --weblate")
    return found[-1]


class Instance:
    def __init__(self, venv: Path, data_dir: Path, port: int | None = None, pg_port: int | None = None):
        self.venv = venv
        self.data_dir = data_dir.resolve()
        self.port = port or free_port()
        self.pg_port = pg_port or free_port()
        self.pg_data = self.data_dir / "postgres"
        self.pg_socket = self.data_dir / "postgres-socket"
        self.server: subprocess.Popen | None = None
        self.token: str | None = None

    # -- environment -------------------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "settings_handbook",
            "PYTHONPATH": str(HERE),
            "WEBLATE_DATA_DIR": str(self.data_dir / "data"),
            "WEBLATE_PG_HOST": str(self.pg_socket),
            "WEBLATE_PG_PORT": str(self.pg_port),
            "WEBLATE_SITE": f"{HOST}:{self.port}",
        }

    def manage(self, *args: str, capture: bool = False) -> str:
        """Run a ``weblate`` management command; its output when ``capture``."""
        result = subprocess.run([str(self.venv / "bin" / "weblate"), *args], env=self.env(),
                                stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False)
        if result.returncode:
            raise RuntimeError(f"weblate {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    # -- PostgreSQL --------------------------------------------------------------------------------------
    def _as_postgres(self, *command: str) -> list[str]:
        # initdb refuses to run as root: as root, PostgreSQL runs as Debian's postgres user
        return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else list(command)

    def start_postgres(self) -> None:
        for folder in (self.pg_data.parent, self.pg_socket):
            folder.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            if subprocess.run(self._as_postgres("test", "-x", str(self.pg_socket)), check=False).returncode:
                raise SystemExit(f"PostgreSQL runs as the postgres user, which cannot reach {self.data_dir}: "
                                 "choose a data folder whose parent folders others may enter (chmod o+x).")
            shutil.chown(self.pg_socket, "postgres")
            self.pg_data.mkdir(exist_ok=True)
            shutil.chown(self.pg_data, "postgres")
        if not (self.pg_data / "PG_VERSION").exists():
            subprocess.run(self._as_postgres(postgres_bin("initdb"), "-D", str(self.pg_data), "-A", "trust",
                                             "-U", "postgres", "-E", "UTF8", "--no-sync"),
                           check=True, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        # only a socket in our folder and 127.0.0.1; fsync off: this database is thrown away
        options = f"-k {self.pg_socket} -p {self.pg_port} -h {HOST} -c fsync=off"
        subprocess.run(self._as_postgres(postgres_bin("pg_ctl"), "-D", str(self.pg_data), "-l",
                                         str(self.pg_data / "server.log"), "-o", options, "-w", "start"),
                       check=True, capture_output=True, stdin=subprocess.DEVNULL)
        exists = subprocess.run([postgres_bin("psql"), "-h", str(self.pg_socket), "-p", str(self.pg_port),
                                 "-U", "postgres", "-tAc", "SELECT 1 FROM pg_database WHERE datname='weblate'"],
                                check=True, capture_output=True, text=True).stdout.strip()
        if not exists:
            subprocess.run([postgres_bin("createdb"), "-h", str(self.pg_socket), "-p", str(self.pg_port),
                            "-U", "postgres", "weblate"], check=True)

    def stop_postgres(self) -> None:
        if (self.pg_data / "postmaster.pid").exists():
            subprocess.run(self._as_postgres(postgres_bin("pg_ctl"), "-D", str(self.pg_data), "-m", "fast",
                                             "-w", "stop"), check=False, capture_output=True)

    # -- Weblate -----------------------------------------------------------------------------------------
    def prepare(self) -> None:
        """Database tables, an admin with an API token, and git's home (Weblate runs git with
        HOME=DATA_DIR/home; a file:// upstream is refused there unless protocol.file.allow says so)."""
        self.manage("migrate", "--noinput")
        home = self.data_dir / "data" / "home"
        home.mkdir(parents=True, exist_ok=True)
        subprocess.run(["git", "config", "--file", str(home / ".gitconfig"), "protocol.file.allow", "always"],
                       check=True)
        self.manage("createadmin", "--username", "admin", "--email", "admin@localhost", "--password",
                    "admin-local-only", "--update")
        self.token = self.manage(
            "shell", "-c",
            "from weblate.auth.models import User; from rest_framework.authtoken.models import Token; "
            "print(Token.objects.get_or_create(user=User.objects.get(username='admin'))[0].key)",
            capture=True).strip().splitlines()[-1]

    def start_server(self, log: Path | None = None) -> None:
        log_file = open(log or self.data_dir / "server.log", "ab")  # noqa: SIM115 (lives with the server)
        # its own session: stop() ends the whole process group, also any child it started
        self.server = subprocess.Popen(
            [str(self.venv / "bin" / "weblate"), "runserver", "--noreload", f"{HOST}:{self.port}"],
            env=self.env(), stdin=subprocess.DEVNULL, stdout=log_file, stderr=subprocess.STDOUT,
            start_new_session=True)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                raise RuntimeError(f"Weblate's server exited; see {log_file.name}")
            try:
                self.api("GET", "/api/")
                return
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.5)
        raise RuntimeError(f"Weblate's server did not answer on {self.url} within 120 s")

    def stop_server(self) -> None:
        if self.server is None or self.server.poll() is not None:
            return
        group = os.getpgid(self.server.pid)
        os.killpg(group, signal.SIGTERM)
        try:
            self.server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(group, signal.SIGKILL)
            self.server.wait()

    def start(self) -> Instance:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        try:
            self.start_postgres()
            self.prepare()
            self.start_server()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        try:
            self.stop_server()
        finally:
            self.stop_postgres()

    def __enter__(self) -> Instance:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- REST API ----------------------------------------------------------------------------------------
    def api(self, method: str, path: str, data: dict | None = None, files: dict | None = None):
        """Call Weblate's REST API; the decoded JSON answer. ``files``: {field: (name, bytes)} as multipart."""
        url = path if path.startswith("http") else self.url + path
        headers = {"Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Token {self.token}"
        body = None
        if files:
            boundary = "handbook-weblate-boundary"
            parts = []
            for name, value in (data or {}).items():
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
                             .encode())
            for name, (filename, content) in files.items():
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                             f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
                             + content + b"\r\n")
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        elif data is not None:
            body = json.dumps(data).encode()
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(url, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=600) as response:
                text = response.read().decode()
        except urllib.error.HTTPError as error:
            raise RuntimeError(f"{method} {path}: HTTP {error.code}: {error.read().decode()[:2000]}") from None
        return json.loads(text) if text else None

    def all_pages(self, path: str) -> list[dict]:
        results, url = [], path
        while url:
            answer = self.api("GET", url)
            results += answer["results"]
            url = answer.get("next")
        return results
