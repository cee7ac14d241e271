from services.clients.config import ClientsSettings
from services.common.cli import run_cli

if __name__ == "__main__":
    run_cli("services.clients", ClientsSettings(), app_factory="services.clients.main:create_app")
