"""Every e-mail the platform can send belongs to a kind people can choose for."""

import re
from pathlib import Path

from bridge.core.notifications.kinds import KINDS, TEMPLATE_KINDS

ROOT = Path(__file__).resolve().parents[2]
OWN = {"core/email/notifications_digest", "core/email/unsubscribe_footer"}


def _templates_on_disk() -> set[str]:
    found = set()
    for path in ROOT.glob("*/templates/**/email/*_subject.txt"):
        found.add(path.as_posix().split("/templates/", 1)[1].removesuffix("_subject.txt"))
    return found - OWN


def _templates_in_code() -> set[str]:
    pattern = re.compile(r"""template\s*=\s*["']([\w/]+/email/[\w/]+)["']""")
    found = set()
    for path in ROOT.rglob("*.py"):
        if "tests" in path.parts:
            continue
        found.update(pattern.findall(path.read_text(encoding="utf-8")))
        found.update(re.findall(r"""EMAIL_TEMPLATE\s*=\s*["']([^"']+)["']""", path.read_text()))
    return found


def test_every_email_template_on_disk_has_a_kind():
    on_disk = _templates_on_disk()
    assert len(on_disk) > 25
    assert sorted(on_disk - set(TEMPLATE_KINDS)) == []


def test_every_template_passed_to_notify_has_a_kind():
    in_code = _templates_in_code()
    assert "accounts/email/confirm" in in_code
    assert sorted(in_code - set(TEMPLATE_KINDS)) == []


def test_the_registry_names_only_templates_that_exist_and_known_kinds():
    assert sorted(set(TEMPLATE_KINDS) - _templates_on_disk()) == []
    assert set(TEMPLATE_KINDS.values()) <= set(KINDS)


def test_only_the_account_kind_is_essential():
    assert [key for key, kind in KINDS.items() if kind.essential] == ["account"]
