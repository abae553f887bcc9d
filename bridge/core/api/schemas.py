"""Shapes shared by the routers of every app."""

from ninja import Schema


class CodeLabel(Schema):
    code: str
    label: str


class CountryOut(Schema):
    code: str
    name: str


class TranslatedText(Schema):
    ru: str
    uz: str
    en: str


class FieldError(Schema):
    location: str
    field: str
    message: str


class ErrorOut(Schema):
    detail: str


class ValidationErrorOut(Schema):
    detail: str
    errors: list[FieldError]
