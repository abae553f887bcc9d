"""Where uploaded media go: MEDIA_ROOT (the default), or S3-compatible object storage through
django-storages (`pip install '.[s3]'`), chosen by MEDIA_STORAGE. Applicants' private files
stay on PROGRAMS_PRIVATE_ROOT whatever this says (bridge/programs/storage.py)."""

from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured


def media_storage(environ: Mapping[str, str]) -> dict:
    """The STORAGES["default"] entry for this environment."""
    kind = environ.get("MEDIA_STORAGE", "filesystem").strip().lower() or "filesystem"
    if kind == "filesystem":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if kind != "s3":
        raise ImproperlyConfigured(f"MEDIA_STORAGE must be filesystem or s3, not {kind!r}")
    missing = [
        name
        for name in ("S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY")
        if not environ.get(name)
    ]
    if missing:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs " + ", ".join(missing))
    options = {
        "bucket_name": environ["S3_BUCKET"],
        "access_key": environ["S3_ACCESS_KEY_ID"],
        "secret_key": environ["S3_SECRET_ACCESS_KEY"],
        "location": environ.get("S3_PREFIX", "media"),
        # Media are public (logos, material photos): plain URLs, no expiring signatures, and
        # the bucket's own policy decides who reads; an upload never replaces another's file.
        "querystring_auth": False,
        "default_acl": None,
        "file_overwrite": False,
    }
    for option, name in (
        ("endpoint_url", "S3_ENDPOINT_URL"),
        ("region_name", "S3_REGION"),
        ("custom_domain", "S3_CUSTOM_DOMAIN"),
    ):
        if environ.get(name):
            options[option] = environ[name]
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
