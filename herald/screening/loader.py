"""Reading a policy YAML file into the plain dict the Screener takes (with a content hash)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from .errors import PolicyConfigError

DEFAULT_POLICY = Path(__file__).resolve().parent.parent / "policy" / "seed" / "stalbridge.yaml"


def load_policy(path: str | Path = DEFAULT_POLICY) -> dict[str, Any]:
    import yaml

    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PolicyConfigError(f"cannot read policy file {path}: {exc.strerror}") from None
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        raise PolicyConfigError(f"policy file {path} is not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise PolicyConfigError(f"policy file {path} must hold a mapping")
    data.setdefault("version", "sha256:" + hashlib.sha256(raw).hexdigest()[:16])
    return data
