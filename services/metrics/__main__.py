import argparse

from services.common.cli import run_cli
from services.common.settings import ServiceSettings
from services.metrics.config import MetricsSettings


async def seed_demo(settings: ServiceSettings, args: argparse.Namespace) -> None:
    """Nothing to seed: the outcome catalogue comes with the migrations, and the demo figures
    flow in from the other services' feeds through the background consumer."""


if __name__ == "__main__":
    run_cli(
        "services.metrics",
        MetricsSettings(),
        app_factory="services.metrics.main:create_app",
        commands={"seed-demo": seed_demo},
    )
