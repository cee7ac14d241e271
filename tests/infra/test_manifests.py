"""The deployment files hold every process of the system (infra/compose.yaml, infra/k8s/).

Offline: compose.yaml and the manifests are parsed with PyYAML, and every Kubernetes object
is validated against the API's JSON schemas that kubernetes-validate ships in the package,
strictly (an unknown field is an error), for KUBERNETES_VERSION.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import re
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

INFRA = Path(__file__).resolve().parents[2] / "infra"
K8S = INFRA / "k8s"

# The oldest Kubernetes release the manifests are meant for (CronJob timeZone, NetworkPolicy
# endPort and policy/v1 are all GA well before it).
KUBERNETES_VERSION = "1.33.0"

# Every process of the system: name -> (python -m module, port).
PROCESSES: dict[str, tuple[str, int]] = {
    "gateway": ("gateway", 8000),
    "clients": ("services.clients", 8101),
    "employers": ("services.employers", 8102),
    "referrals": ("services.referrals", 8103),
    "metrics": ("services.metrics", 8104),
    "notifications": ("services.notifications", 8105),
}
SERVICES = [name for name in PROCESSES if name != "gateway"]

NOTIFICATIONS_ENV = [
    "POLKU_NOTIFICATIONS_DATABASE_URL",
    "POLKU_NOTIFICATIONS_MACHINE_CLIENT_SECRET",
    "POLKU_NOTIFICATIONS_CLIENTS_URL",
    "POLKU_NOTIFICATIONS_EMPLOYERS_URL",
    "POLKU_NOTIFICATIONS_REFERRALS_URL",
    "POLKU_NOTIFICATIONS_SMTP_HOST",
    "POLKU_NOTIFICATIONS_SMTP_PORT",
    "POLKU_NOTIFICATIONS_SMTP_SECURITY",
    "POLKU_NOTIFICATIONS_SMTP_USERNAME",
    "POLKU_NOTIFICATIONS_SMTP_PASSWORD",
    "POLKU_NOTIFICATIONS_MAIL_FROM",
    "POLKU_NOTIFICATIONS_APP_URL",
    "POLKU_NOTIFICATIONS_CLIENT_NAMES_OUTSIDE_APP",
    "POLKU_NOTIFICATIONS_SMS_URL",
    "POLKU_NOTIFICATIONS_SMS_TOKEN",
    "POLKU_NOTIFICATIONS_SMS_SENDER",
]

# Files in infra/k8s that `kubectl apply -k` must not apply.
NOT_IN_KUSTOMIZATION = {"kustomization.yaml", "secret.example.yaml"}

# The servers listen on every interface of their container.
ALL_INTERFACES = "0.0.0.0"  # noqa: S104


def _load_documents() -> list[tuple[str, dict[str, Any]]]:
    documents = []
    for path in sorted(K8S.glob("*.yaml")):
        with path.open(encoding="utf-8") as handle:
            for index, document in enumerate(yaml.safe_load_all(handle)):
                if document is not None:
                    documents.append((f"{path.name}#{index}", document))
    return documents


DOCUMENTS = _load_documents()
# Kubernetes API objects; the Kustomization is kustomize's own file, with no API schema.
API_OBJECTS = [(label, doc) for label, doc in DOCUMENTS if doc["kind"] != "Kustomization"]


def _objects(kind: str) -> list[dict[str, Any]]:
    return [doc for _, doc in API_OBJECTS if doc["kind"] == kind]


def _named(kind: str, name: str) -> dict[str, Any]:
    found = [doc for doc in _objects(kind) if doc["metadata"]["name"] == name]
    assert len(found) == 1, f"expected one {kind} {name!r} in infra/k8s, found {len(found)}"
    return found[0]


# --- compose ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    with (INFRA / "compose.yaml").open(encoding="utf-8") as handle:
        loaded: dict[str, Any] = yaml.safe_load(handle)
    return loaded


def _env(compose: dict[str, Any], service: str) -> dict[str, str]:
    environment: dict[str, str] = compose["services"][service]["environment"]
    return environment


@pytest.mark.parametrize("name", list(PROCESSES))
def test_compose_runs_the_server_and_its_migrate_job(compose: dict[str, Any], name: str) -> None:
    module, _ = PROCESSES[name]
    services = compose["services"]
    assert services[name]["command"] == [module, "serve", "--host", ALL_INTERFACES]
    assert services[f"{name}-migrate"]["command"] == [module, "migrate"]
    assert services[f"{name}-migrate"]["restart"] == "no"
    # The server starts only after its migration succeeded.
    assert services[name]["depends_on"][f"{name}-migrate" if name != "gateway" else "gateway-seed"]
    # migrate validates the same settings class as serve, so both get the same environment.
    assert _env(compose, name) == _env(compose, f"{name}-migrate")
    url = _env(compose, name)[f"POLKU_{name.upper()}_DATABASE_URL"]
    assert url.startswith(f"postgresql+asyncpg://polku_{name}:")
    assert url.endswith(f"@postgres:5432/polku_{name}")


@pytest.mark.parametrize("name", list(PROCESSES))
def test_compose_and_postgres_init_create_each_database(compose: dict[str, Any], name: str) -> None:
    assert f"POLKU_{name.upper()}_DB_PASSWORD" in _env(compose, "postgres")
    script = (INFRA / "postgres-init" / "10-polku-databases.sh").read_text(encoding="utf-8")
    loop = re.search(r"^for name in (.+); do$", script, re.MULTILINE)
    assert loop is not None
    assert name in loop.group(1).split()


def test_the_gateway_routes_to_and_knows_the_notifications_service(
    compose: dict[str, Any],
) -> None:
    env = _env(compose, "gateway")
    routes = json.loads(env["POLKU_GATEWAY_ROUTES"])
    assert routes["notifications"] == "http://notifications:8105"
    for url in routes.values():
        host, port = re.fullmatch(r"http://([a-z]+):(\d+)", url).groups()  # type: ignore[union-attr]
        assert PROCESSES[host][1] == int(port)
    secrets = json.loads(env["POLKU_GATEWAY_SERVICE_CLIENT_SECRETS"])
    assert set(secrets) == {f"svc-{name}" for name in SERVICES}
    for name in SERVICES:
        assert f"${{POLKU_{name.upper()}_MACHINE_CLIENT_SECRET:?" in secrets[f"svc-{name}"]
        assert f"POLKU_{name.upper()}_MACHINE_CLIENT_SECRET" in _env(compose, name)


def test_compose_gives_the_notifications_service_its_settings(compose: dict[str, Any]) -> None:
    env = _env(compose, "notifications")
    assert [name for name in NOTIFICATIONS_ENV if name not in env] == []
    assert env["POLKU_NOTIFICATIONS_CLIENTS_URL"] == "http://clients:8101"
    assert env["POLKU_NOTIFICATIONS_EMPLOYERS_URL"] == "http://employers:8102"
    assert env["POLKU_NOTIFICATIONS_REFERRALS_URL"] == "http://referrals:8103"
    # The backend network has no route out; e-mail needs one, for this service only.
    networks = compose["networks"]
    assert networks["backend"]["internal"] is True
    outward = [net for net in compose["services"]["notifications"]["networks"] if net != "backend"]
    assert outward
    for net in outward:
        assert not networks[net].get("internal", False)
        users = [s for s, spec in compose["services"].items() if net in spec.get("networks", [])]
        assert users == ["notifications"]


def test_polku_env_example_names_every_variable_compose_reads() -> None:
    compose_text = (INFRA / "compose.yaml").read_text(encoding="utf-8")
    example = (INFRA / "polku.env.example").read_text(encoding="utf-8")
    defined = set(re.findall(r"^([A-Z0-9_]+)=", example, re.MULTILINE))
    used = set(re.findall(r"\$\{([A-Z0-9_]+)", compose_text))
    assert sorted(used - defined) == []


def test_the_image_health_check_knows_each_process_port() -> None:
    # The compose servers pass no --port, so the health check falls back on these.
    path = INFRA / "scripts" / "healthcheck.py"
    spec = importlib.util.spec_from_file_location("polku_healthcheck", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    defaults = module.DEFAULT_PORTS
    assert defaults == dict(PROCESSES.values())


# --- Kubernetes -------------------------------------------------------------------------


@pytest.mark.parametrize(("label", "document"), API_OBJECTS, ids=[lbl for lbl, _ in API_OBJECTS])
def test_every_manifest_is_valid_for_kubernetes(label: str, document: dict[str, Any]) -> None:
    try:
        kubernetes_validate.validate(document, KUBERNETES_VERSION, strict=True)
    except kubernetes_validate.ValidationError as error:
        pytest.fail(f"{label}: {error.message} at {'/'.join(map(str, error.path))}")


def test_kustomization_lists_every_manifest_but_the_secret_example() -> None:
    with (K8S / "kustomization.yaml").open(encoding="utf-8") as handle:
        kustomization = yaml.safe_load(handle)
    files = {path.name for path in K8S.glob("*.yaml")} - NOT_IN_KUSTOMIZATION
    assert sorted(kustomization["resources"]) == sorted(files)
    assert len(kustomization["resources"]) == len(set(kustomization["resources"]))


def _selects(selector: dict[str, Any], labels: dict[str, str]) -> bool:
    for key, value in selector.get("matchLabels", {}).items():
        if labels.get(key) != value:
            return False
    for expression in selector.get("matchExpressions", []):
        key, operator = expression["key"], expression["operator"]
        values = expression.get("values", [])
        if operator == "In" and labels.get(key) not in values:
            return False
        if operator == "NotIn" and key in labels and labels[key] in values:
            return False
        if operator == "Exists" and key not in labels:
            return False
        if operator == "DoesNotExist" and key in labels:
            return False
    return True


def _port_allowed(rule: dict[str, Any], port: int) -> bool:
    return any(
        isinstance(p.get("port"), int) and p["port"] <= port <= p.get("endPort", p["port"])
        for p in rule.get("ports", [])
    )


def _policies_selecting(labels: dict[str, str], policy_type: str) -> list[dict[str, Any]]:
    return [
        policy
        for policy in _objects("NetworkPolicy")
        if policy["spec"]["podSelector"]  # not the namespace-wide default deny
        and policy_type in policy["spec"]["policyTypes"]
        and _selects(policy["spec"]["podSelector"], labels)
    ]


def test_every_process_has_a_deployment() -> None:
    assert sorted(d["metadata"]["name"] for d in _objects("Deployment")) == sorted(PROCESSES)


@pytest.mark.parametrize("name", list(PROCESSES))
def test_each_deployment_is_served_guarded_and_probed(name: str) -> None:
    module, port = PROCESSES[name]
    deployment = _named("Deployment", name)
    pod = deployment["spec"]["template"]
    labels = pod["metadata"]["labels"]
    assert _selects(deployment["spec"]["selector"], labels)
    assert deployment["spec"]["replicas"] == 2
    (container,) = pod["spec"]["containers"]
    assert container["args"][:2] == [module, "serve"]
    container_ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    assert container_ports == {"http": port}

    services = [
        s for s in _objects("Service") if _selects({"matchLabels": s["spec"]["selector"]}, labels)
    ]
    assert len(services) == 1, f"{name}: expected one Service selecting its pods"
    (service_port,) = services[0]["spec"]["ports"]
    assert service_port["port"] == port
    assert service_port["targetPort"] in (port, "http")

    budgets = [
        b for b in _objects("PodDisruptionBudget") if _selects(b["spec"]["selector"], labels)
    ]
    assert len(budgets) == 1, f"{name}: expected one PodDisruptionBudget"

    ingress = _policies_selecting(labels, "Ingress")
    assert any(_port_allowed(rule, port) for p in ingress for rule in p["spec"].get("ingress", []))

    probe_paths = {
        probe: container[probe]["httpGet"]["path"]
        for probe in ("startupProbe", "livenessProbe", "readinessProbe")
    }
    assert probe_paths == {
        "startupProbe": "/healthz",
        "livenessProbe": "/healthz",
        "readinessProbe": "/readyz",
    }
    for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
        assert container[probe]["httpGet"]["port"] in (port, "http")

    security = pod["spec"]["securityContext"]
    assert security["runAsNonRoot"] is True
    assert security["runAsUser"] == 10001
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert pod["spec"]["automountServiceAccountToken"] is False


@pytest.mark.parametrize("name", list(PROCESSES))
def test_each_process_has_a_migrate_job(name: str) -> None:
    module, _ = PROCESSES[name]
    job = _named("Job", f"{name}-migrate")
    spec = job["spec"]["template"]["spec"]
    commands = [c["args"] for c in spec.get("initContainers", []) + spec["containers"]]
    assert [module, "migrate"] in commands
    assert job["spec"]["template"]["metadata"]["labels"]["app.kubernetes.io/component"] == "migrate"


def _secret_refs(document: dict[str, Any]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            ref = node.get("secretKeyRef")
            if isinstance(ref, dict):
                found.append((ref["name"], ref["key"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document)
    return found


def test_every_secret_key_used_is_in_the_secret_example() -> None:
    example = {
        doc["metadata"]["name"]: set(doc["stringData"])
        for label, doc in API_OBJECTS
        if label.startswith("secret.example.yaml#")
    }
    missing = [
        (label, name, key)
        for label, doc in API_OBJECTS
        for name, key in _secret_refs(doc)
        if key not in example.get(name, set())
    ]
    assert missing == []


def test_the_configmap_routes_match_compose(compose: dict[str, Any]) -> None:
    data = _named("ConfigMap", "polku-config")["data"]
    routes = json.loads(data["POLKU_GATEWAY_ROUTES"])
    assert routes == json.loads(_env(compose, "gateway")["POLKU_GATEWAY_ROUTES"])
    assert routes["notifications"] == "http://notifications:8105"


def test_notifications_runs_twice_with_its_settings_and_migrate_job() -> None:
    deployment = _named("Deployment", "notifications")
    assert deployment["spec"]["replicas"] == 2
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    assert container["args"] == [
        "services.notifications",
        "serve",
        "--host",
        ALL_INTERFACES,
        "--port",
        "8105",
    ]
    from_secret = {e["name"] for e in container["env"]}
    from_config = set(_named("ConfigMap", "polku-config")["data"])
    assert [name for name in NOTIFICATIONS_ENV if name not in from_secret | from_config] == []
    assert {
        "POLKU_NOTIFICATIONS_DATABASE_URL",
        "POLKU_NOTIFICATIONS_MACHINE_CLIENT_SECRET",
        "POLKU_NOTIFICATIONS_SMTP_PASSWORD",
        "POLKU_NOTIFICATIONS_SMS_TOKEN",
    } <= from_secret
    assert _named("Job", "notifications-migrate")


def _pod_labels(kind: str, name: str) -> dict[str, str]:
    labels: dict[str, str] = _named(kind, name)["spec"]["template"]["metadata"]["labels"]
    return labels


def _anonymisation_job_labels() -> dict[str, str]:
    labels: dict[str, str] = _named("CronJob", "clients-anonymise-expired")["spec"]["jobTemplate"][
        "spec"
    ]["template"]["metadata"]["labels"]
    return labels


def test_notifications_is_reached_only_by_its_callers_and_reaches_smtp_and_sms() -> None:
    labels = _pod_labels("Deployment", "notifications")
    # The gateway (routed calls), the clients service and its anonymisation job (the data
    # subject's export and anonymisation); no other process.
    callers = [
        _pod_labels("Deployment", "gateway"),
        _pod_labels("Deployment", "clients"),
        _anonymisation_job_labels(),
    ]
    others = [
        _pod_labels("Deployment", process)
        for process in PROCESSES
        if process not in {"gateway", "clients"}
    ]
    admitted: list[dict[str, str]] = []
    for policy in _policies_selecting(labels, "Ingress"):
        for rule in policy["spec"]["ingress"]:
            for peer in rule["from"]:
                if "podSelector" in peer and "namespaceSelector" not in peer:
                    assert not any(_selects(peer["podSelector"], o) for o in others), peer
                    admitted += [c for c in callers if _selects(peer["podSelector"], c)]
                else:  # Prometheus only
                    assert peer["namespaceSelector"]["matchLabels"] == {
                        "kubernetes.io/metadata.name": "monitoring"
                    }
    assert all(caller in admitted for caller in callers)

    egress = [
        rule
        for policy in _policies_selecting(labels, "Egress")
        for rule in policy["spec"]["egress"]
    ]
    assert egress, "the notifications service's way out is listed"
    # SMTP, the SMS gateway (HTTPS), PostgreSQL and DNS.
    for port in (587, 465, 443, 5432, 53):
        assert any(_port_allowed(rule, port) for rule in egress), port
    for process in ("gateway", "clients", "employers", "referrals"):
        pod = _named("Deployment", process)["spec"]["template"]["metadata"]["labels"]
        assert any(
            _port_allowed(rule, PROCESSES[process][1])
            and any(
                "podSelector" in peer and _selects(peer["podSelector"], pod) for peer in rule["to"]
            )
            for rule in egress
        ), process


def _peer_url_settings(name: str) -> list[str]:
    """The variables naming the other services a service calls: its `<peer>_url` settings."""
    module = importlib.import_module(f"services.{name}.config")
    (settings,) = [
        value
        for value in vars(module).values()
        if isinstance(value, type)
        and value.__module__ == module.__name__
        and "model_fields" in dir(value)
        and value.__name__.endswith("Settings")
    ]
    return [
        f"POLKU_{name.upper()}_{field.upper()}"
        for field in settings.model_fields
        if field.endswith("_url") and field.removesuffix("_url") in SERVICES
    ]


@pytest.mark.parametrize("name", SERVICES)
def test_each_service_is_told_where_every_peer_it_calls_is(
    compose: dict[str, Any], name: str
) -> None:
    """A peer left out would be sought at its development address and never answer."""
    config = _named("ConfigMap", "polku-config")["data"]
    for variable in _peer_url_settings(name):
        peer = variable.removeprefix(f"POLKU_{name.upper()}_").removesuffix("_URL").lower()
        expected = f"http://{peer}:{PROCESSES[peer][1]}"
        assert _env(compose, name).get(variable) == expected, variable
        assert config.get(variable) == expected, variable
