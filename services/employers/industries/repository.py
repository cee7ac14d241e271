"""TOL 2008 sections (Statistics Finland) with the everyday labels the coordinators use."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Industry:
    section: str
    label_fi: str
    label_en: str


TOL_2008_SECTIONS: tuple[Industry, ...] = (
    Industry("A", "Maatalous, metsätalous ja kalatalous", "Agriculture, forestry and fishing"),
    Industry("B", "Kaivostoiminta ja louhinta", "Mining and quarrying"),
    Industry("C", "Teollisuus", "Manufacturing"),
    Industry("D", "Sähkö-, kaasu- ja lämpöhuolto", "Electricity, gas and heating"),
    Industry("E", "Vesi-, viemäri- ja jätehuolto", "Water supply and waste management"),
    Industry("F", "Rakentaminen", "Construction"),
    Industry("G", "Kauppa", "Wholesale and retail trade"),
    Industry("H", "Kuljetus ja varastointi (ml. taksit)", "Transport and storage (incl. taxis)"),
    Industry("I", "Majoitus- ja ravitsemistoiminta", "Accommodation and restaurants"),
    Industry("J", "Informaatio ja viestintä", "Information and communication"),
    Industry("K", "Rahoitus- ja vakuutustoiminta", "Finance and insurance"),
    Industry("L", "Kiinteistöalan toiminta", "Real estate"),
    Industry("M", "Ammatillinen, tieteellinen ja tekninen toiminta", "Professional and technical"),
    Industry(
        "N",
        "Hallinto- ja tukipalvelut (siivous, henkilöstöpalvelut, kiinteistöpalvelut)",
        "Administrative and support (cleaning, staffing, property services)",
    ),
    Industry("O", "Julkinen hallinto", "Public administration"),
    Industry("P", "Koulutus", "Education"),
    Industry("Q", "Terveys- ja sosiaalipalvelut", "Health and social services"),
    Industry("R", "Taiteet, viihde ja virkistys", "Arts and recreation"),
    Industry("S", "Muu palvelutoiminta", "Other services"),
    Industry("T", "Kotitaloudet työnantajina", "Households as employers"),
    Industry("U", "Kansainväliset organisaatiot", "International organisations"),
)


def all_sections() -> tuple[Industry, ...]:
    return TOL_2008_SECTIONS
