"""The curriculum capability: a student's progress, and a document's courses and trees."""

from flask import Flask

from app.api import Api
from app.curriculum import cached, documents, progress, swagger_assets


def init_app(app: Flask, api: Api) -> None:
    cached.init_app(app)
    api.register_blueprint(progress.blp)
    api.register_blueprint(documents.blp)
    swagger_assets.init_app(app)
