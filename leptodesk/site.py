"""Where LeptoDesk keeps its data, and the site's defaults.

The data folder is the platform's user data folder (platformdirs) unless ``LEPTODESK_HOME``
is set (sites and tests).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # data_dir() is needed at start-up, before the models are loaded
    from .content.site_defaults import SiteDefaults

SITE_DEFAULTS_FILE = "site-defaults.json"


def data_dir() -> Path:
    home = os.environ.get("LEPTODESK_HOME")
    if home:
        return Path(home)
    import platformdirs

    return Path(platformdirs.user_data_dir("LeptoDesk", appauthor=False))


def load_site_defaults(folder: Path | None = None) -> SiteDefaults:
    """The site's defaults from ``site-defaults.json`` in the data folder, if there is one."""
    from pydantic import ValidationError

    from .content.site_defaults import SiteDefaults
    from .errors import InvalidInput, field_errors
    from .fileio import check_private

    home = folder or data_dir()
    path = home / SITE_DEFAULTS_FILE
    if not path.exists():
        return SiteDefaults()
    # Like ssh: values others could change would change the plan's thresholds. Refused as
    # invalid input, so every front end stops with the reason as for a bad file.
    from .errors import FieldError
    from .fileio import InsecureFile

    try:
        check_private(path, "site", up_to=home)
    except InsecureFile as exc:  # said in every language: msg:err_insecure_site_*
        raise InvalidInput([FieldError("", str(exc), exc.key.removeprefix("err_"),
                                       exc.params)], str(path)) from None
    from .casefile import parse_site_json, read_limited

    data = parse_site_json(read_limited(path, 64 * 1024, "site-defaults.json"), str(path))
    try:
        return SiteDefaults.model_validate_json(data, strict=True)
    except ValidationError as exc:
        raise InvalidInput(field_errors(exc, SiteDefaults), str(path)) from None
