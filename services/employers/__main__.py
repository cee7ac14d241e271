from services.common.cli import run_cli
from services.employers.config import EmployersSettings
from services.employers.demo import seed_demo

if __name__ == "__main__":
    run_cli(
        "services.employers",
        EmployersSettings(),
        app_factory="services.employers.main:create_app",
        commands={"seed-demo": seed_demo},
    )
