"""The ways of running the service agree with each other."""

import re
from pathlib import Path

from app import config

ROOT = Path(__file__).resolve().parent.parent


def test_docker_compose_pins_the_same_neo4j_as_the_local_server():
    pom = (ROOT / "dev/neo4j/pom.xml").read_text()
    local = re.search(r"<neo4j.version>([^<]+)</neo4j.version>", pom).group(1)
    compose = (ROOT / "docker-compose.yml").read_text()
    images = re.findall(r"image:\s*neo4j:(\S+)", compose)
    assert images == [f"{local}-community"]
    conftest = (ROOT / "tests/conftest.py").read_text()
    assert f'NEO4J_IMAGE = "neo4j:{local}-community"' in conftest


def test_docker_compose_binds_ports_to_loopback_only():
    compose = (ROOT / "docker-compose.yml").read_text()
    ports = re.findall(r'-\s*"([^"]+:\d+:\d+)"', compose)
    assert ports and all(p.startswith("127.0.0.1:") for p in ports)


def test_local_neo4j_listens_on_loopback_only():
    conf = (ROOT / "dev/neo4j/neo4j.conf").read_text()
    listen = re.findall(r"^server\.[a-z_.]*listen_address=(\S+)$", conf, re.M)
    assert listen and all(a.startswith("127.0.0.1") for a in listen)


def test_empty_environment_variables_mean_unset():
    settings = config.from_environment({"JWT_SECRET": "", "NEO4J_URI": "bolt://db:7687"})
    assert settings["JWT_SECRET"] == config.DEV_JWT_SECRET
    assert settings["NEO4J_URI"] == "bolt://db:7687"


def test_docker_compose_file_is_valid_for_the_compose_client():
    import shutil
    import subprocess

    import pytest

    if shutil.which("docker-compose"):
        command = ["docker-compose", "-f", "docker-compose.yml", "config", "--quiet"]
    elif (
        shutil.which("docker")
        and subprocess.run(
            ["docker", "compose", "version"], capture_output=True, check=False
        ).returncode
        == 0
    ):
        command = ["docker", "compose", "-f", "docker-compose.yml", "config", "--quiet"]
    else:
        pytest.skip("no docker compose client installed")
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
