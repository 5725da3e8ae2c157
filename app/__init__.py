"""Student Course Progress: the Flask application factory."""

import logging
from collections.abc import Mapping

from flask import Flask

from app import config, db, errors, health
from app.api import Api

API_TITLE = "Student Course Progress"
API_VERSION = "1.0"


def create_app(overrides: Mapping[str, object] | None = None) -> Flask:
    app = Flask(__name__)
    # Werkzeug would answer a path with "//" (an id that decodes to a slash) with
    # a 308 redirect and an HTML body, before authentication; we answer 404 in
    # the IMS envelope like any other path that matches no endpoint.
    app.url_map.merge_slashes = False
    app.url_map.strict_slashes = False
    app.config.update(config.from_environment())
    app.config.update(
        API_TITLE=API_TITLE,
        API_VERSION=API_VERSION,
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/",
        OPENAPI_JSON_PATH="openapi.json",
        OPENAPI_SWAGGER_UI_PATH="/docs",
        OPENAPI_SWAGGER_UI_URL="/docs/assets/",
    )
    if overrides:
        app.config.update(overrides)
    config.check_production(app.config)
    logging.basicConfig(level=app.config.get("LOG_LEVEL", "INFO"))

    db.init_app(app)
    api = Api(app)
    errors.init_app(app)
    app.register_blueprint(health.bp)
    from app import cli

    cli.init_app(app)
    _register_features(app, api)
    return app


def _register_features(app: Flask, api: Api) -> None:
    """Each capability registers its own blueprints and commands."""
    from app import auth, caliper, curriculum

    auth.init_app(app)
    auth.register_security_scheme(api)
    curriculum.init_app(app, api)
    caliper.init_app(app, api)
