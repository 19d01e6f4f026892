"""The card schema checks live in `app.registry.versions.cardschema`, below both floors that use
them: registration checks a card sent with a new version, governance one edited afterwards."""

from app.registry.versions.cardschema import (
    ANNOTATIONS,
    CHECKED,
    INERT,
    SCHEMA_PATH,
    CardProblem,
    card_problems,
    load_schema,
)

__all__ = ["ANNOTATIONS", "CHECKED", "INERT", "SCHEMA_PATH", "CardProblem", "card_problems", "load_schema"]
