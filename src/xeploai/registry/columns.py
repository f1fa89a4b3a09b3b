"""Columns of the registry's tables in the order the bulk writers pass their rows (the demo loader and
the workbook import): model field names, a foreign key by its ``*_id`` attname."""

ORGANIZATION_COLUMNS = (
    "code",
    "name",
    "name_folded",
    "kind",
    "tier",
    "parent_id",
    "path",
    "depth",
    "founded_on",
)
PERSON_COLUMNS = (
    "code",
    "full_name",
    "name_folded",
    "name_sort",
    "birth_date",
    "gender",
    "citizen_id",
    "party_card_number",
    "party_organization_id",
    "admitted_on",
    "full_member_on",
    "civil_service_category",
    "workplace_id",
    "positions",
    "is_head",
    "managing_committee_id",
)
DISCIPLINE_COLUMNS = (
    "person_id",
    "collective_id",
    "organization_id",
    "form",
    "side",
    "decided_on",
    "violation_year",
    "violation_ref",
    "self_remedied",
    "note",
)
