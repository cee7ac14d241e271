from services.common.migrations import run_migrations
from services.clients.models import Base

run_migrations(Base.metadata)
