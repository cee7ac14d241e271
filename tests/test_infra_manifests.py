"""The deployment manifests run every service that `make run` starts: compose and
Kubernetes each have its server, its migration and its route at the gateway (parsed offline)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from tests.system import ROUTES, SERVICES

INFRA = Path(__file__).resolve().parent.parent / "infra"


def _k8s() -> dict[tuple[str, str], dict[str, Any]]:
    found: dict[tuple[str, str], dict[str, Any]] = {}
    listed = yaml.safe_load((INFRA / "k8s" / "kustomization.yaml").read_text())["resources"]
    for name in listed:
        for document in yaml.safe_load_all((INFRA / "k8s" / name).read_text()):
            if document:
                found[(document["kind"], document["metadata"]["name"])] = document
    return found


def test_compose_runs_and_migrates_every_service_and_routes_to_it() -> None:
    compose = yaml.safe_load((INFRA / "compose.yaml").read_text())
    services = compose["services"]
    gateway_env = services["gateway"]["environment"]
    routes = json.loads(gateway_env["POLKU_GATEWAY_ROUTES"])
    secrets = json.loads(gateway_env["POLKU_GATEWAY_SERVICE_CLIENT_SECRETS"])
    for service in SERVICES:
        assert services[service]["command"][0] == f"services.{service}"
        assert services[f"{service}-migrate"]["command"] == [f"services.{service}", "migrate"]
        assert f"svc-{service}" in secrets
    assert {segment: url.split("//")[1].split(":")[0] for segment, url in routes.items()} == ROUTES


def test_kubernetes_deploys_migrates_and_routes_every_service() -> None:
    manifests = _k8s()
    config = manifests[("ConfigMap", "polku-config")]["data"]
    routes = json.loads(config["POLKU_GATEWAY_ROUTES"])
    for service in SERVICES:
        deployment = manifests[("Deployment", service)]
        [container] = deployment["spec"]["template"]["spec"]["containers"]
        assert container["args"][0] == f"services.{service}"
        port = container["ports"][0]["containerPort"]
        assert manifests[("Service", service)]["spec"]["ports"][0]["port"] == port
        [job] = manifests[("Job", f"{service}-migrate")]["spec"]["template"]["spec"]["containers"]
        assert job["args"] == [f"services.{service}", "migrate"]
        assert ("PodDisruptionBudget", service) in manifests
    assert {segment: url.split("//")[1].split(":")[0] for segment, url in routes.items()} == ROUTES
