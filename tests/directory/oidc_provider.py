"""A real OpenID Connect provider for the tests, built on Authlib's server side and served by werkzeug in a
thread on a free port of 127.0.0.1: the discovery document, the signing keys (JWKS), the authorization
endpoint (the test says who is signed in at the provider), the token endpoint (authorization code, and refresh
token with rotation) and userinfo. Users can be disabled or moved between groups, as the city's single sign-on
would: a disabled user's refresh tokens stop working."""

from __future__ import annotations

import os
import secrets
import threading
import time
from dataclasses import dataclass, field

from authlib.integrations.flask_oauth2 import AuthorizationServer, ResourceProtector, current_token
from authlib.oauth2.rfc6749 import grants
from authlib.oauth2.rfc6750 import BearerTokenValidator
from authlib.oidc.core import UserInfo
from authlib.oidc.core.grants import OpenIDCode
from flask import Flask, jsonify, redirect, request
from joserfc.jwk import RSAKey
from werkzeug.serving import make_server

from tests.smtp import free_port

# The provider and the app talk plain HTTP on 127.0.0.1, in the tests only; Authlib refuses it otherwise.
os.environ.setdefault("AUTHLIB_INSECURE_TRANSPORT", "1")

CLIENT_ID, CLIENT_SECRET = "intl-desk", "oidc-client-secret"
SCOPES = {"openid", "profile", "email", "groups", "offline_access"}


@dataclass
class Person:
    sub: str
    name: str
    email: str
    groups: list[str]
    enabled: bool = True


@dataclass
class Code:
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    user: Person
    nonce: str | None
    auth_time: int = field(default_factory=lambda: int(time.time()))

    def get_redirect_uri(self):
        return self.redirect_uri

    def get_scope(self):
        return self.scope

    def get_nonce(self):
        return self.nonce

    def get_auth_time(self):
        return self.auth_time

    def get_acr(self):
        return None

    def get_amr(self):
        return None


@dataclass
class Token:
    access_token: str
    refresh_token: str | None
    scope: str
    client_id: str
    user: Person
    issued_at: int
    expires_in: int
    revoked: bool = False

    def check_client(self, client):
        return client.client_id == self.client_id

    def get_scope(self):
        return self.scope

    def get_expires_in(self):
        return self.expires_in

    def is_expired(self):
        return time.time() > self.issued_at + self.expires_in

    def is_revoked(self):
        return self.revoked or not self.user.enabled

    def get_user(self):
        return self.user

    def get_client(self):
        return CLIENT


class Client:
    client_id = CLIENT_ID

    def get_client_id(self):
        return self.client_id

    def get_default_redirect_uri(self):
        return None

    def get_allowed_scope(self, scope):
        return " ".join(s for s in scope.split() if s in SCOPES)

    def check_redirect_uri(self, redirect_uri):
        return redirect_uri.startswith("http://localhost/sign-in/directory/oidc/callback")

    def check_client_secret(self, client_secret):
        return secrets.compare_digest(client_secret, CLIENT_SECRET)

    def check_endpoint_auth_method(self, method, endpoint):
        return method in ("client_secret_basic", "client_secret_post")

    def check_response_type(self, response_type):
        return response_type == "code"

    def check_grant_type(self, grant_type):
        return grant_type in ("authorization_code", "refresh_token")


CLIENT = Client()


class OIDCProvider:
    def __init__(self):
        self.port = free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        self.key = RSAKey.generate_key(2048, parameters={"kid": "test-key", "use": "sig", "alg": "RS256"})
        self.people: dict[str, Person] = {}
        self.signed_in: str | None = None
        self.codes: dict[str, Code] = {}
        self.tokens: list[Token] = []
        self.logouts: list[dict] = []
        self.app = self._build()
        self.server = make_server("127.0.0.1", self.port, self.app, threaded=True)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    # --- what a test does at the provider ---

    def add_person(self, sub: str, name: str, email: str, groups) -> Person:
        self.people[sub] = Person(sub, name, email, list(groups))
        return self.people[sub]

    def disable(self, sub: str) -> None:
        self.people[sub].enabled = False

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(5)

    # --- the provider ---

    def _build(self) -> Flask:
        provider = self
        app = Flask("test-oidc-provider")
        app.config.update(
            SECRET_KEY="provider-secret",
            OAUTH2_REFRESH_TOKEN_GENERATOR=True,
            OAUTH2_TOKEN_EXPIRES_IN={"authorization_code": 300, "refresh_token": 300},
        )

        def save_token(token, req):
            provider.tokens.append(
                Token(
                    access_token=token["access_token"],
                    refresh_token=token.get("refresh_token"),
                    scope=token.get("scope", ""),
                    client_id=req.client.client_id,
                    user=req.user,
                    issued_at=int(time.time()),
                    expires_in=token.get("expires_in", 300),
                )
            )

        server = AuthorizationServer(
            app, query_client=lambda cid: CLIENT if cid == CLIENT_ID else None, save_token=save_token
        )

        class CodeGrant(grants.AuthorizationCodeGrant):
            TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]

            def save_authorization_code(self, code, req):
                payload = req.payload
                provider.codes[code] = Code(
                    code, CLIENT_ID, payload.redirect_uri, payload.scope, req.user, payload.data.get("nonce")
                )

            def query_authorization_code(self, code, client):
                found = provider.codes.get(code)
                return found if found and found.client_id == client.client_id else None

            def delete_authorization_code(self, authorization_code):
                provider.codes.pop(authorization_code.code, None)

            def authenticate_user(self, authorization_code):
                return authorization_code.user

        class RefreshGrant(grants.RefreshTokenGrant):
            TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]
            INCLUDE_NEW_REFRESH_TOKEN = True

            def authenticate_refresh_token(self, refresh_token):
                for token in provider.tokens:
                    if token.refresh_token == refresh_token and not token.revoked and token.user.enabled:
                        return token
                return None

            def authenticate_user(self, credential):
                return credential.user if credential.user.enabled else None

            def revoke_old_credential(self, credential):
                credential.revoked = True

        class IDToken(OpenIDCode):
            def exists_nonce(self, nonce, req):
                return any(c.nonce == nonce for c in provider.codes.values())

            def resolve_client_private_key(self, client):
                return provider.key

            def get_client_algorithm(self, client):
                return "RS256"

            def get_client_claims(self, client):
                return {"iss": provider.issuer, "aud": [CLIENT_ID], "exp": int(time.time()) + 300}

            def get_encode_header(self, client):
                return {"alg": "RS256", "kid": "test-key"}

            def generate_user_info(self, user, scope):
                return claims_of(user, scope)

        def claims_of(user: Person, scope: str) -> UserInfo:
            info = UserInfo(sub=user.sub, name=user.name)
            if "email" in scope:
                info["email"] = user.email
            if "groups" in scope:
                info["groups"] = list(user.groups)
            return info

        server.register_grant(CodeGrant, [IDToken(require_nonce=False)])
        server.register_grant(RefreshGrant)

        class Validator(BearerTokenValidator):
            def authenticate_token(self, token_string):
                return next((t for t in provider.tokens if t.access_token == token_string), None)

        protect = ResourceProtector()
        protect.register_token_validator(Validator())

        @app.get("/.well-known/openid-configuration")
        def discovery():
            return jsonify(
                issuer=provider.issuer,
                authorization_endpoint=f"{provider.issuer}/authorize",
                token_endpoint=f"{provider.issuer}/token",
                userinfo_endpoint=f"{provider.issuer}/userinfo",
                jwks_uri=f"{provider.issuer}/jwks",
                end_session_endpoint=f"{provider.issuer}/logout",
                response_types_supported=["code"],
                subject_types_supported=["public"],
                id_token_signing_alg_values_supported=["RS256"],
                scopes_supported=sorted(SCOPES),
                token_endpoint_auth_methods_supported=["client_secret_basic", "client_secret_post"],
                grant_types_supported=["authorization_code", "refresh_token"],
            )

        @app.get("/jwks")
        def jwks():
            return jsonify(keys=[provider.key.as_dict(private=False)])

        @app.get("/authorize")
        def authorize():
            person = provider.people.get(provider.signed_in or "")
            if person is None or not person.enabled:
                return server.create_authorization_response(grant_user=None)  # access_denied back to the app
            return server.create_authorization_response(grant_user=person)

        @app.get("/logout")
        def logout():
            # RP-initiated logout: the provider's session ends; the browser goes back where the app asked.
            provider.logouts.append(dict(request.args))
            provider.signed_in = None
            back = request.args.get("post_logout_redirect_uri")
            return redirect(back) if back else ("signed out", 200)

        @app.post("/token")
        def token():
            return server.create_token_response()

        @app.get("/userinfo")
        @protect("openid")
        def userinfo():
            return jsonify(dict(claims_of(current_token.user, current_token.scope)))

        return app
