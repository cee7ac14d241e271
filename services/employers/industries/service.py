from __future__ import annotations

from services.employers.industries import repository
from services.employers.industries.schemas import IndustryList, IndustryRead


def industries() -> IndustryList:
    return IndustryList(items=[IndustryRead.model_validate(i) for i in repository.all_sections()])
