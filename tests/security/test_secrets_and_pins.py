"""Secrets come from the environment (or a development key kept outside the repository, readable
by its owner only); channel credentials are encrypted at rest and never shown; every dependency is
pinned to an exact version."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

from django.test import Client

from herald.channels.models import Channel
from herald.records.models import AuditEvent
from tests.posts.conftest import make_channel

ROOT = Path(__file__).resolve().parents[2]
PRINT_KEYS = ("import django; django.setup(); from django.conf import settings as s; "
              "print(s.SECRET_KEY); print(','.join(s.HERALD_CREDENTIALS_KEYS))")


def _settings_in(data_dir: Path, **env: str) -> list[str]:
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "herald.settings", "HERALD_DATA_DIR": str(data_dir)}
    for name in ("HERALD_SECRET_KEY", "HERALD_CREDENTIALS_KEYS", "DATABASE_URL"):
        environment.pop(name, None)
    done = subprocess.run([sys.executable, "-c", PRINT_KEYS], env={**environment, **env}, cwd=ROOT,
                          capture_output=True, text=True, check=True)
    return done.stdout.split()


def test_keys_come_from_the_environment(tmp_path):
    from cryptography.fernet import Fernet

    fernet = Fernet.generate_key().decode()
    assert _settings_in(tmp_path, HERALD_SECRET_KEY="k" * 50, HERALD_CREDENTIALS_KEYS=fernet) == ["k" * 50, fernet]
    assert not (tmp_path / "dev-secret-key").exists() and not (tmp_path / "dev-credentials-key").exists()


def test_development_keys_are_random_private_and_outside_the_repository(tmp_path):
    first = _settings_in(tmp_path / "a")
    second = _settings_in(tmp_path / "b")
    assert first[0] != second[0] and first[1] != second[1] and len(first[0]) >= 50
    for name in ("dev-secret-key", "dev-credentials-key"):
        mode = stat.S_IMODE((tmp_path / "a" / name).stat().st_mode)
        assert mode == 0o600, (name, oct(mode))
    ignored = subprocess.run(["git", "check-ignore", "-q", "var/dev-secret-key"], cwd=ROOT)
    assert ignored.returncode == 0, "the default data folder (var/) must be git-ignored"


def test_no_secret_is_written_in_the_settings():
    text = (ROOT / "herald" / "settings.py").read_text()
    assert not re.search(r"SECRET_KEY\s*=\s*['\"]", text)
    assert not re.search(r"(PASSWORD|TOKEN)\s*=\s*['\"][^'\"]+['\"]", text)


def test_channel_credentials_are_encrypted_at_rest_and_never_shown(people, signed_in):
    from herald.channels.services import channel_set_credentials

    secret = "app-pass-zq7r-k2m9-x4w1"
    channel = make_channel(people)
    channel_set_credentials(acting_user=people.clerk.user, channel=channel, values={"password": secret})
    stored = Channel.objects.filter(pk=channel.pk).values_list("credentials", flat=True).get()
    assert stored and secret not in stored
    assert not any(secret in json.dumps(e.data) for e in AuditEvent.objects.all())
    client: Client = signed_in(people.clerk)
    for path in (f"/channels/{channel.pk}/", f"/channels/{channel.pk}/credentials", f"/channels/{channel.pk}/edit"):
        assert secret not in client.get(path).content.decode(), path


def test_python_dependencies_are_pinned_exactly():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = project["dependencies"] + [d for group in project["optional-dependencies"].values() for d in group]
    loose = [d for d in wanted if "==" not in d]
    assert not loose, loose
    lock = [line.strip() for line in (ROOT / "requirements.lock").read_text().splitlines()
            if line.strip() and not line.startswith("#")]
    assert lock and all("==" in line or line.startswith("-") for line in lock), [x for x in lock if "==" not in x]
    for extra in (ROOT / "requirements").glob("*.txt"):
        for line in extra.read_text().splitlines():
            if line.strip() and not line.startswith("#"):
                assert "==" in line, (extra.name, line)


def test_npm_dependencies_are_pinned_exactly_and_locked():
    for folder in (ROOT, ROOT / "scripts" / "pds"):
        manifest = json.loads((folder / "package.json").read_text())
        for group in ("dependencies", "devDependencies"):
            for name, version in manifest.get(group, {}).items():
                assert re.fullmatch(r"\d+\.\d+\.\d+", version), (folder.name, name, version)
        assert (folder / "package-lock.json").exists(), folder
