"""Screenshot pages in headless Debian Chromium, as a phone and as a laptop.

    python e2e/shot.py http://127.0.0.1:8000/ var/screenshots/home [--lang uz] [--login EMAIL PASSWORD]

writes <prefix>-phone.png (390×844) and <prefix>-laptop.png (1366×900), full page.
"""

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORTS = {"phone": (390, 844), "laptop": (1366, 900)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("prefix")
    parser.add_argument("--lang", default="")
    parser.add_argument("--login", nargs=2, metavar=("EMAIL", "PASSWORD"))
    args = parser.parse_args()
    Path(args.prefix).parent.mkdir(parents=True, exist_ok=True)
    base = args.url.split("/", 3)
    origin = "/".join(base[:3])
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, (width, height) in VIEWPORTS.items():
            context = browser.new_context(viewport={"width": width, "height": height})
            if args.lang:
                context.add_cookies(
                    [{"name": "django_language", "value": args.lang, "url": origin}]
                )
            page = context.new_page()
            if args.login:
                page.goto(origin + "/accounts/login/")
                page.fill("input[name=username]", args.login[0])
                page.fill("input[name=password]", args.login[1])
                page.click("main button[type=submit]")
            page.goto(args.url)
            page.screenshot(path=f"{args.prefix}-{name}.png", full_page=True)
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
