import argparse

from services.common.cli import run_cli
from services.common.settings import ServiceSettings
from services.notifications.config import NotificationsSettings


async def seed_demo(settings: ServiceSettings, args: argparse.Namespace) -> None:
    """Nothing to seed: the notifications flow in from the other services' feeds."""


if __name__ == "__main__":
    run_cli(
        "services.notifications",
        NotificationsSettings(),
        app_factory="services.notifications.main:create_app",
        commands={"seed-demo": seed_demo},
    )
