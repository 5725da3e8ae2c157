"""The caliper capability: Caliper event ingestion into completions (POST /events/1.0/)."""

from flask import Flask

from app.api import Api


def init_app(app: Flask, api: Api) -> None:
    from app.caliper.views import blp

    api.register_blueprint(blp)
