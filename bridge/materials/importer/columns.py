"""The columns of the import contract (docs DESIGN.md) and how a header row maps onto them."""

REQUIRED = (
    "supplier",
    "sku",
    "name",
    "description",
    "category",
    "country",
    "price",
    "currency",
    "unit",
    "moq",
    "lead_time_days",
)
OPTIONAL = (
    "language",
    "composition",
    "technique",
    "colors",
    "width_cm",
    "weight_gsm",
    "certifications",
    "sample_available",
    "image",
    # Beyond the contract's list, read when present (unknown columns are ignored anyway).
    "thickness_mm",
    "origin_region",
    "sustainability",
    "sample_price",
    "name_ru",
    "name_uz",
    "name_en",
    "description_ru",
    "description_uz",
    "description_en",
)
KNOWN = frozenset(REQUIRED + OPTIONAL)

ALIASES = {
    "colours": "colors",
    "colour": "colors",
    "color": "colors",
    "techniques": "technique",
    "certification": "certifications",
    "lead_time": "lead_time_days",
    "sample": "sample_available",
    "region": "origin_region",
    "sustainability_notes": "sustainability",
}


def normalise_header(cell: str) -> str:
    name = cell.strip().lstrip("\ufeff").strip().lower()
    name = "_".join(name.replace("-", " ").split())
    return ALIASES.get(name, name)


def map_header(header: list[str]) -> tuple[dict[str, int], list[str], list[str]]:
    """Return (column → index, missing required columns, duplicated columns)."""
    positions: dict[str, int] = {}
    duplicates: list[str] = []
    for index, cell in enumerate(header):
        name = normalise_header(cell)
        if name not in KNOWN:
            continue  # unknown columns are ignored
        if name in positions:
            duplicates.append(name)
            continue
        positions[name] = index
    missing = [name for name in REQUIRED if name not in positions]
    return positions, missing, duplicates
