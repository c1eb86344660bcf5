"""Explicit, frozen settings passed down the pipeline instead of mutable module globals."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from tourmap.errors import InputError, brief

DEFAULT_TOUR = "tillerson-2018/tour.yaml"
NOMINATIM_URL = "https://nominatim.openstreetmap.org"
GEOCODER_BUDGET_SECONDS = 10.0
_BUDGET_RULE = "TOURMAP_GEOCODER_BUDGET must be a number of seconds above 0"


def _default_data_dir() -> Path:
    from tourmap.resources import data_dir

    return data_dir()


def _default_cache_dir() -> Path:
    if os.environ.get("TOURMAP_CACHE_DIR"):
        return Path(os.environ["TOURMAP_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tourmap"


def _default_drafts_dir() -> Path:
    """Where shown tours are kept as drafts: TOURMAP_DRAFTS, else the XDG data folder."""
    if os.environ.get("TOURMAP_DRAFTS"):
        return Path(os.environ["TOURMAP_DRAFTS"])
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "tourmap" / "drafts"


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True, slots=True)
class Settings:
    """Where data and caches live and how geocoding may reach out; build one, pass it along."""

    data_dir: Path = field(default_factory=_default_data_dir)  # installed with the package
    cache_dir: Path = field(default_factory=_default_cache_dir)
    drafts_dir: Path = field(default_factory=_default_drafts_dir)
    online: bool = False
    user_agent: str = "tourmap/0.1 (news tour maps; set TOURMAP_USER_AGENT to identify yourself)"
    min_delay_seconds: float = 1.0
    nominatim_url: str = NOMINATIM_URL  # a self-hosted Nominatim works too
    geocoder_budget: float = GEOCODER_BUDGET_SECONDS  # seconds all online lookups of a build may take

    def __post_init__(self) -> None:
        url = urlsplit(self.nominatim_url)
        if url.scheme not in ("http", "https") or not url.hostname:
            raise InputError(
                "TOURMAP_NOMINATIM_URL must be an http(s) address such as "
                f"{NOMINATIM_URL}, instead got: {brief(self.nominatim_url)}"
            )
        if not (isinstance(self.geocoder_budget, (int, float)) and 0 < self.geocoder_budget < math.inf):
            raise InputError(f"{_BUDGET_RULE}, instead got: {brief(self.geocoder_budget)}")

    @classmethod
    def from_env(cls) -> Settings:
        """Settings from TOURMAP_* environment variables (the CLI and the dashboard use this)."""
        kwargs: dict[str, object] = {}
        if os.environ.get("TOURMAP_DATA_DIR"):
            kwargs["data_dir"] = Path(os.environ["TOURMAP_DATA_DIR"])
        if os.environ.get("TOURMAP_USER_AGENT"):
            kwargs["user_agent"] = os.environ["TOURMAP_USER_AGENT"]
        if os.environ.get("TOURMAP_NOMINATIM_URL"):
            kwargs["nominatim_url"] = os.environ["TOURMAP_NOMINATIM_URL"].strip()
        budget = os.environ.get("TOURMAP_GEOCODER_BUDGET", "").strip()
        if budget:
            try:
                kwargs["geocoder_budget"] = float(budget)
            except ValueError:
                raise InputError(f"{_BUDGET_RULE}, instead got: {brief(budget)}") from None
        kwargs["online"] = _env_flag("TOURMAP_ONLINE_GEOCODER")
        return cls(**kwargs)  # type: ignore[arg-type]

    @property
    def default_tour(self) -> Path:
        return self.data_dir / DEFAULT_TOUR

    @property
    def geo_dir(self) -> Path:
        return self.data_dir / "geo"


def offline_requested() -> bool:
    """TOURMAP_OFFLINE=1: no request may leave the machine (no tiles, no CDN)."""
    return _env_flag("TOURMAP_OFFLINE")
