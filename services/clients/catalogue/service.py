from __future__ import annotations

from services.clients.catalogue import repository
from services.clients.catalogue.schemas import CatalogueRead, OutcomeRead


def catalogue() -> CatalogueRead:
    return CatalogueRead(
        outcomes=[OutcomeRead.model_validate(o) for o in repository.all_outcomes()],
        municipalities=list(repository.all_municipalities()),
    )
