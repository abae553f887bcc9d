from bridge.core.notifications.services import notification_deliver


def notify(*, to, template: str, context: dict, language: str = "") -> None:
    """Tell one person about something, in their language (falls back to the site default).

    `to` is a user (who gets a line in their notification centre and the e-mail as they chose for
    the template's kind: at once, in the daily digest, or not at all) or a bare address of someone
    without an account (always e-mailed at once). Every template belongs to a kind in
    `bridge.core.notifications.kinds`.
    """
    notification_deliver(to=to, template=template, context=context, language=language)
