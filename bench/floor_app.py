"""The floor: the same response bodies, served by the same Flask + gunicorn stack from memory.

No database, no token check, no tree assembly: what is left is the cost of
the web stack itself, which the service can approach but never beat.
"""

import json
import os

from flask import Flask, Response, request


def create_floor_app() -> Flask:
    app = Flask(__name__)
    with open(os.environ["BENCH_BODIES"], encoding="utf-8") as f:
        bodies = {path: body.encode() for path, body in json.load(f).items()}

    @app.get("/healthz")
    def healthz():
        return {"status": "ok"}

    @app.get("/<path:path>")
    def serve(path: str):
        body = bodies.get(request.full_path.rstrip("?"))
        if body is None:
            return Response(b"{}", status=404, mimetype="application/json")
        return Response(
            body, mimetype="application/json", headers={"Cache-Control": "private, no-cache"}
        )

    return app
