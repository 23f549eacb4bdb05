"""The session cookie, as Flask signs it, verified only when a request brings one.

Flask builds its signer (an itsdangerous serializer, with a trial serialization) before looking for the cookie,
on every request. Calendar clients polling a feed, health checks and first visits bring none: they get an empty
session without that work. A request with a cookie is read exactly as Flask reads it."""

from __future__ import annotations

from flask.sessions import SecureCookieSession, SecureCookieSessionInterface


class CookieSessions(SecureCookieSessionInterface):
    def open_session(self, app, request) -> SecureCookieSession | None:
        if app.secret_key and not request.cookies.get(self.get_cookie_name(app)):
            return self.session_class()
        return super().open_session(app, request)
