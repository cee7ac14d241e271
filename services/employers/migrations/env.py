from services.common.migrations import run_migrations
from services.employers.models import Base

run_migrations(Base.metadata)
