from services.common.cli import run_cli
from services.employers.config import EmployersSettings

if __name__ == "__main__":
    run_cli(
        "services.employers", EmployersSettings(), app_factory="services.employers.main:create_app"
    )
