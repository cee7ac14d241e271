from services.clients.commands import anonymise_expired, purge_access_log
from services.clients.config import ClientsSettings
from services.clients.demo_data import seed_demo
from services.common.cli import run_cli

if __name__ == "__main__":
    run_cli(
        "services.clients",
        ClientsSettings(),
        app_factory="services.clients.main:create_app",
        commands={
            "seed-demo": seed_demo,
            "anonymise-expired": anonymise_expired,
            "purge-access-log": purge_access_log,
        },
    )
