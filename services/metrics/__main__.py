from services.common.cli import run_cli
from services.metrics.config import MetricsSettings

if __name__ == "__main__":
    run_cli("services.metrics", MetricsSettings(), app_factory="services.metrics.main:create_app")
