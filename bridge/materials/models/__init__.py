from bridge.materials.models.catalog import Category, Certification, ExchangeRate, RateSource
from bridge.materials.models.collections import Collection, CollectionItem
from bridge.materials.models.imports import MaterialImport
from bridge.materials.models.materials import (
    Material,
    MaterialCertification,
    MaterialFibre,
    MaterialImage,
)
from bridge.materials.models.properties import (
    MaterialPropertyValue,
    PropertyDefinition,
    PropertyUnit,
)
from bridge.materials.models.samples import (
    SampleRequest,
    SampleRequestItem,
    SampleRequestMessage,
    SampleStatus,
)

__all__ = [
    "Category",
    "Certification",
    "Collection",
    "CollectionItem",
    "ExchangeRate",
    "Material",
    "MaterialCertification",
    "MaterialFibre",
    "MaterialImage",
    "MaterialImport",
    "MaterialPropertyValue",
    "PropertyDefinition",
    "PropertyUnit",
    "RateSource",
    "SampleRequest",
    "SampleRequestItem",
    "SampleRequestMessage",
    "SampleStatus",
]
