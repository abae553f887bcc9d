"""A small HTTP client for the checks: talks to gunicorn as the TLS proxy would (X-Forwarded-Proto:
https), keeps one signed-in session's cookies by hand (they are Secure, which a cookie jar would
not send over the plain loopback connection)."""

from __future__ import annotations

import http.client
import json
import re
import urllib.parse
from http.cookies import SimpleCookie


class Failed(Exception):
    pass


def check(condition, what: str) -> None:
    if not condition:
        raise Failed(what)


class Web:
    def __init__(self, base: str):
        self.base = base
        parts = urllib.parse.urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        self.origin = f"https://{parts.netloc}"
        self.cookies: dict[str, str] = {}

    def request(self, method, path, body=None, headers=None, session=False):
        sent = {"X-Forwarded-Proto": "https", **(headers or {})}
        if session and self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            data = response.read()
        finally:
            connection.close()
        if session:
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
        return response.status, response.headers, data

    def json(self, method, path, payload=None, headers=None):
        body, sent = None, dict(headers or {})
        if payload is not None:
            body = json.dumps(payload).encode()
            sent["Content-Type"] = "application/json"
        status, _headers, data = self.request(method, path, body, sent)
        try:
            return status, json.loads(data or b"{}")
        except ValueError:
            return status, {"raw": data[:300].decode(errors="replace")}

    def text(self, method, path, session=False, headers=None):
        status, _headers, data = self.request(method, path, headers=headers, session=session)
        return status, data.decode(errors="replace")

    def form_headers(self, referer: str) -> dict:
        return {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": self.origin,
            "Referer": self.origin + referer,
            "X-CSRFToken": self.cookies.get("csrftoken", ""),
        }

    def login(self, email: str, password: str) -> None:
        status, page = self.text("GET", "/accounts/login/", session=True)
        check(status == 200, f"login page: {status}")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode(
            {"username": email, "password": password, "csrfmiddlewaretoken": token}
        )
        status, _h, _d = self.request(
            "POST", "/accounts/login/", body, self.form_headers("/accounts/login/"), session=True
        )
        check(status == 302 and "sessionid" in self.cookies, f"sign in as {email}: {status}")

    def autosave_request(self, application: int, title: str) -> tuple[str, dict, str]:
        path = f"/programmes/applications/{application}/autosave/"
        headers = {
            **self.form_headers(f"/programmes/applications/{application}/edit/"),
            "HX-Request": "true",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        return path, headers, urllib.parse.urlencode({"title": title, "summary": title * 3})

    def autosave(self, application: int, title: str):
        path, headers, body = self.autosave_request(application, title)
        status, _h, data = self.request("POST", path, body, headers)
        return status, data.decode(errors="replace")
