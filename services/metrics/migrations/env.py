from services.common.migrations import run_migrations
from services.metrics.models import Base

run_migrations(Base.metadata)
