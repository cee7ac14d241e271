from services.common.migrations import run_migrations
from services.referrals.models import Base

run_migrations(Base.metadata)
