"""Swagger UI's own files, served from the flask-swagger-ui wheel so /docs works offline."""

import importlib.util
import logging
from pathlib import Path

from flask import Blueprint, Flask

log = logging.getLogger(__name__)

# OPENAPI_SWAGGER_UI_URL (app/__init__.py) points here.
ASSETS_PATH = "/docs/assets"


def dist_folder() -> Path | None:
    """The swagger-ui ``dist`` folder inside flask-swagger-ui, if that is installed."""
    spec = importlib.util.find_spec("flask_swagger_ui")
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent / "dist"
    return folder if (folder / "swagger-ui-bundle.js").is_file() else None


def init_app(app: Flask) -> None:
    folder = dist_folder()
    if folder is None:
        # The API works without it; only the /docs page would be blank.
        log.warning("flask-swagger-ui is not installed: /docs has no assets")
        return
    app.register_blueprint(
        Blueprint("swagger_ui_assets", __name__, static_folder=folder, static_url_path=ASSETS_PATH)
    )
