from services.common.cli import run_cli
from services.referrals.config import ReferralsSettings
from services.referrals.demo import seed_demo

if __name__ == "__main__":
    run_cli(
        "services.referrals",
        ReferralsSettings(),
        app_factory="services.referrals.main:create_app",
        commands={"seed-demo": seed_demo},
    )
