"""Template property values of demo materials (models/properties.py): plain data, set through
services_properties after the import. Keys are (supplier key, SKU); codes are definition codes
seeded by migration 0005. Figures are plausible, not measured."""

# fmt: off
PROPERTY_VALUES: dict[tuple[str, str], dict[str, str]] = {
    # Rishton: alkaline (ishkor) glaze on red clay is fired low and stays porous.
    ("rishton-sopol", "RS-KS-01"): {"firing-temperature": "1000", "water-absorption": "12"},
    ("rishton-sopol", "RS-LG-02"): {"firing-temperature": "950", "water-absorption": "10"},
    ("rishton-sopol", "RS-KS-03"): {"firing-temperature": "950", "water-absorption": "9"},
    ("rishton-sopol", "RS-CH-04"): {"firing-temperature": "950", "water-absorption": "9"},
    ("rishton-sopol", "RS-PN-05"): {"firing-temperature": "1000", "water-absorption": "12"},
    ("rishton-sopol", "RS-VZ-08"): {"firing-temperature": "950", "water-absorption": "10.5"},
    ("toshkent-charm", "TC-VG-01"): {"hide-area": "220"},
    ("toshkent-charm", "TC-NP-02"): {"hide-area": "180"},
    ("toshkent-charm", "TC-KR-03"): {"hide-area": "12"},
    ("toshkent-charm", "TC-KR-04"): {"hide-area": "11"},
    ("toshkent-charm", "TC-SD-05"): {"hide-area": "150"},
    ("toshkent-charm", "TC-BB-06"): {"hide-area": "60"},
    ("toshkent-charm", "TC-EX-07"): {"hide-area": "90"},
    ("konigil-qogoz", "KQ-SQ-01"): {"paper-ph": "7.5"},
    ("konigil-qogoz", "KQ-SQ-02"): {"paper-ph": "7.5"},
    ("konigil-qogoz", "KQ-RS-04"): {"paper-ph": "8"},
    ("konigil-qogoz", "KQ-BY-05"): {"paper-ph": "6.5"},
    ("xiva-naqsh", "XN-US-01"): {"wood-density": "650", "moisture": "12"},
    ("xiva-naqsh", "XN-ES-02"): {"wood-density": "640", "moisture": "9"},
    ("xiva-naqsh", "XN-PN-03"): {"wood-density": "640", "moisture": "10"},
    ("xiva-naqsh", "XN-LV-04"): {"wood-density": "640", "moisture": "9"},
    ("xiva-naqsh", "XN-QY-05"): {"wood-density": "650", "moisture": "10"},
    # Blue wool scale: indigo and madder hold; onion skins and delphinium fade.
    ("tabiiy-boyoq", "TB-RY-01"): {"lightfastness": "6"},
    ("tabiiy-boyoq", "TB-AN-02"): {"lightfastness": "5"},
    ("tabiiy-boyoq", "TB-IN-03"): {"lightfastness": "7"},
    ("tabiiy-boyoq", "TB-IS-04"): {"lightfastness": "4"},
    ("tabiiy-boyoq", "TB-PY-05"): {"lightfastness": "4"},
    ("tabiiy-boyoq", "TB-YN-06"): {"lightfastness": "6"},
}
# fmt: on
