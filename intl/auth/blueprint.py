"""All account URLs.

| URL | roles | what |
| --- | --- | --- |
| /sign-in | anyone | sign in (throttled per name and address) |
| /sign-out | everyone signed in | sign out (POST) |
| /language | anyone | the language switcher (POST) |
| /account | everyone signed in | one's own settings: name shown, language, dates, time zone |
| /account/password | everyone signed in | one's own password |
"""

from flask import Blueprint

from . import access, views  # noqa: F401  (access registers the account policy)

bp = Blueprint("auth", __name__)

bp.add_url_rule("/sign-in", "sign_in", views.sign_in, methods=["GET", "POST"])
bp.add_url_rule("/sign-out", "sign_out", views.sign_out, methods=["POST"])
bp.add_url_rule("/language", "set_language", views.set_language, methods=["POST"])
bp.add_url_rule("/account", "account", views.account, methods=["GET", "POST"])
bp.add_url_rule("/account/password", "change_password", views.change_own_password, methods=["GET", "POST"])
