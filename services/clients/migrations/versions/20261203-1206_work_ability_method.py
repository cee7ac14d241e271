"""work ability method: roadmap, functional measures, means to support work

Revision ID: ee0b833100f9
Revises: 432fff93ab2b
Create Date: 2026-12-03 12:06:22.661999
"""

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# The stages of a work-ability investigation as the TOTTA! roadmap describes them; the city
# adds later versions, and a running roadmap keeps the version it started with.
ROADMAP_STAGES_V1 = [
    {
        "key": "need_identified",
        "name_fi": "Tarve tunnistettu",
        "name_en": "Need identified",
        "client_text_fi": "Olemme yhdessä todenneet, että työkykyäsi kannattaa selvittää.",
        "client_text_en": "We have agreed together that your work ability should be looked into.",
    },
    {
        "key": "health_check",
        "name_fi": "Työttömien terveystarkastus",
        "name_en": "Health check for the unemployed",
        "client_text_fi": "Käyt työttömien terveystarkastuksessa.",
        "client_text_en": "You go to the health check for unemployed people.",
    },
    {
        "key": "care_and_rehabilitation",
        "name_fi": "Hoidon ja kuntoutuksen tarpeet",
        "name_en": "Care and rehabilitation needs",
        "client_text_fi": "Selvitetään, tarvitsetko hoitoa tai kuntoutusta.",
        "client_text_en": "We find out whether you need care or rehabilitation.",
    },
    {
        "key": "further_investigation",
        "name_fi": "Lakisääteinen jatkoselvitys (työterveyshuolto, Kela)",
        "name_en": "Statutory further investigation (occupational health, Kela)",
        "client_text_fi": "Työkykyäsi selvitetään tarkemmin, esimerkiksi työterveyshuollossa tai Kelassa.",
        "client_text_en": "Your work ability is looked into more closely, for example by occupational health or Kela.",
    },
    {
        "key": "decision_received",
        "name_fi": "Päätös saatu",
        "name_en": "Decision received",
        "client_text_fi": "Saat päätöksen, ja käymme sen yhdessä läpi.",
        "client_text_en": "You receive a decision, and we go through it together.",
    },
    {
        "key": "path_chosen",
        "name_fi": "Jatkopolku valittu",
        "name_en": "Path chosen",
        "client_text_fi": "Sovimme yhdessä, miten jatkat eteenpäin.",
        "client_text_en": "We agree together on how you go on.",
    },
]
# A functional measure for observing work in a workshop or a work trial (the Ympäristöpaja
# pilot); a scale of 1 (needs much support) to 5 (manages independently).
FUNCTIONAL_INSTRUMENT_V1 = {
    "code": "work_observation",
    "version": 1,
    "name_fi": "Toimintakyvyn havainnointi työssä",
    "name_en": "Functional observation at work",
    "items": [
        {"key": "punctuality", "label_fi": "Täsmällisyys", "label_en": "Punctuality"},
        {
            "key": "following_instructions",
            "label_fi": "Ohjeiden noudattaminen",
            "label_en": "Following instructions",
        },
        {"key": "work_pace", "label_fi": "Työtahti", "label_en": "Work pace"},
        {"key": "quality", "label_fi": "Työn laatu", "label_en": "Quality of work"},
        {"key": "cooperation", "label_fi": "Yhteistyö", "label_en": "Cooperation"},
        {"key": "endurance", "label_fi": "Jaksaminen", "label_en": "Endurance"},
        {"key": "independence", "label_fi": "Itsenäisyys", "label_en": "Independence"},
    ],
    "scale_min": 1,
    "scale_max": 5,
}
SEEDED_AT = dt.datetime(2026, 12, 3, tzinfo=dt.UTC)


def _seed() -> None:
    templates = sa.table(
        "roadmap_template",
        sa.column("version", sa.Integer),
        sa.column("stages", sa.JSON),
        sa.column("created_by", sa.String),
        sa.column("created_at", sa.DateTime(timezone=True)),
    )
    op.bulk_insert(
        templates,
        [
            {
                "version": 1,
                "stages": ROADMAP_STAGES_V1,
                "created_by": "system",
                "created_at": SEEDED_AT,
            }
        ],
    )
    instruments = sa.table(
        "functional_instrument",
        sa.column("code", sa.String),
        sa.column("version", sa.Integer),
        sa.column("name_fi", sa.String),
        sa.column("name_en", sa.String),
        sa.column("items", sa.JSON),
        sa.column("scale_min", sa.Integer),
        sa.column("scale_max", sa.Integer),
        sa.column("created_by", sa.String),
        sa.column("created_at", sa.DateTime(timezone=True)),
    )
    op.bulk_insert(
        instruments, [{**FUNCTIONAL_INSTRUMENT_V1, "created_by": "system", "created_at": SEEDED_AT}]
    )


revision: str = "ee0b833100f9"
down_revision: str | None = "432fff93ab2b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "functional_instrument",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("name_fi", sa.String(length=120), nullable=False),
        sa.Column("name_en", sa.String(length=120), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("scale_min", sa.Integer(), nullable=False),
        sa.Column("scale_max", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("code", "version", name=op.f("pk_functional_instrument")),
    )
    op.create_table(
        "roadmap_template",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("stages", sa.JSON(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("version", name=op.f("pk_roadmap_template")),
    )
    op.create_table(
        "functional_assessment",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("observed_on", sa.Date(), nullable=False),
        sa.Column("instrument_code", sa.String(length=40), nullable=False),
        sa.Column("instrument_version", sa.Integer(), nullable=False),
        sa.Column("item_scores", sa.JSON(), nullable=False),
        sa.Column("overall_tenths", sa.Integer(), nullable=False),
        sa.Column("observer", sa.String(length=100), nullable=False),
        sa.Column("setting", sa.String(length=30), nullable=False),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["client.id"],
            name=op.f("fk_functional_assessment_client_id_client"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_functional_assessment")),
    )
    with op.batch_alter_table("functional_assessment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_functional_assessment_client_id"), ["client_id"], unique=False
        )

    op.create_table(
        "roadmap",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("template_version", sa.Integer(), nullable=False),
        sa.Column("stages", sa.JSON(), nullable=False),
        sa.Column("started_by", sa.String(length=100), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["client.id"],
            name=op.f("fk_roadmap_client_id_client"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roadmap")),
        sa.UniqueConstraint("client_id", name=op.f("uq_roadmap_client_id")),
    )
    op.create_table(
        "work_supports",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("hours_per_week", sa.Integer(), nullable=True),
        sa.Column("avoid", sa.JSON(), nullable=False),
        sa.Column("breaks", sa.String(length=30), nullable=True),
        sa.Column("supervision", sa.String(length=30), nullable=True),
        sa.Column("aids", sa.JSON(), nullable=False),
        sa.Column("travel", sa.JSON(), nullable=False),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("approved_by", sa.String(length=100), nullable=True),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["client.id"],
            name=op.f("fk_work_supports_client_id_client"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_supports")),
        sa.UniqueConstraint(
            "client_id", "revision", name=op.f("uq_work_supports_client_id_revision")
        ),
    )
    with op.batch_alter_table("work_supports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_work_supports_client_id"), ["client_id"], unique=False)

    _seed()


def downgrade() -> None:
    with op.batch_alter_table("work_supports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_work_supports_client_id"))

    op.drop_table("work_supports")
    op.drop_table("roadmap")
    with op.batch_alter_table("functional_assessment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_functional_assessment_client_id"))

    op.drop_table("functional_assessment")
    op.drop_table("roadmap_template")
    op.drop_table("functional_instrument")
