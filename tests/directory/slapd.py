"""A real LDAP server for the tests: Debian's slapd, started with a configuration and a data directory of its
own on a free port of 127.0.0.1, filled through ldap3 with the office's people and groups."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

from ldap3 import MODIFY_ADD, MODIFY_DELETE, MODIFY_REPLACE, Connection, Server
from ldap3.core.exceptions import LDAPException

from tests.smtp import free_port

BASE = "dc=kcg,dc=example"
ADMIN_DN, ADMIN_PASSWORD = f"cn=admin,{BASE}", "slapd-root-secret"
SERVICE_DN, SERVICE_PASSWORD = f"cn=intl-desk,ou=services,{BASE}", "service-account-secret"
PEOPLE, GROUPS = f"ou=people,{BASE}", f"ou=groups,{BASE}"
SCHEMAS = ("core", "cosine", "inetorgperson", "nis")
CONFIG = """\
{includes}
modulepath /usr/lib/ldap
moduleload back_mdb
pidfile {root}/slapd.pid
argsfile {root}/slapd.args
sizelimit 500

database mdb
maxsize 33554432
suffix "{base}"
rootdn "{admin}"
rootpw {password}
directory {root}/data
index objectClass eq
index uid,member eq

access to attrs=userPassword
    by self write
    by anonymous auth
    by * none
access to *
    by dn.exact="{service}" read
    by self read
    by * none
"""


def slapd_binary() -> str:
    found = shutil.which("slapd") or "/usr/sbin/slapd"
    if not Path(found).exists():
        raise RuntimeError("slapd is not installed: apt-get install -y slapd ldap-utils (.ci/run does)")
    return found


class LdapServer:
    def __init__(self, root: Path):
        self.root = root
        self.port = free_port()
        self.url = f"ldap://127.0.0.1:{self.port}"
        (root / "data").mkdir(parents=True, exist_ok=True)
        includes = "\n".join(f"include /etc/ldap/schema/{name}.schema" for name in SCHEMAS)
        (root / "slapd.conf").write_text(
            CONFIG.format(
                includes=includes,
                root=root,
                base=BASE,
                admin=ADMIN_DN,
                password=ADMIN_PASSWORD,
                service=SERVICE_DN,
            )
        )
        self.log = (root / "slapd.log").open("w")
        self.process = subprocess.Popen(
            [slapd_binary(), "-f", str(root / "slapd.conf"), "-h", f"{self.url}/", "-d", "0"],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.admin = self._connect_when_up()
        self._fill()

    def _connect_when_up(self) -> Connection:
        deadline = time.monotonic() + 20
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"slapd stopped: {(self.root / 'slapd.log').read_text()}")
            try:
                return Connection(
                    Server(self.url), ADMIN_DN, ADMIN_PASSWORD, auto_bind=True, raise_exceptions=True
                )
            except LDAPException:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def _fill(self) -> None:
        add = self.admin.add
        add(BASE, ["dcObject", "organization"], {"dc": "kcg", "o": "Kaohsiung City Government"})
        for unit in ("people", "groups", "services"):
            add(f"ou={unit},{BASE}", ["organizationalUnit"], {"ou": unit})
        add(
            SERVICE_DN,
            ["organizationalRole", "simpleSecurityObject"],
            {"cn": "intl-desk", "userPassword": SERVICE_PASSWORD},
        )
        for group in ("intl-admins", "intl-officers", "intl-interns", "intl-leaders", "parks-department"):
            # groupOfNames needs a member: the service account stands in, and is in no mapped role itself
            add(f"cn={group},{GROUPS}", ["groupOfNames"], {"cn": group, "member": [SERVICE_DN]})

    def user_dn(self, uid: str) -> str:
        return f"uid={uid},{PEOPLE}"

    def add_user(self, uid: str, name: str, password: str, mail: str | None = None, groups=()) -> None:
        attributes = {
            "uid": uid,
            "cn": name,
            "sn": name.split()[-1],
            "displayName": name,
            "userPassword": password,
        }
        if mail:
            attributes["mail"] = mail
        self.admin.add(self.user_dn(uid), ["inetOrgPerson"], attributes)
        for group in groups:
            self.add_to_group(uid, group)

    def add_to_group(self, uid: str, group: str) -> None:
        self.admin.modify(f"cn={group},{GROUPS}", {"member": [(MODIFY_ADD, [self.user_dn(uid)])]})

    def remove_from_group(self, uid: str, group: str) -> None:
        self.admin.modify(f"cn={group},{GROUPS}", {"member": [(MODIFY_DELETE, [self.user_dn(uid)])]})

    def disable(self, uid: str) -> None:
        """As an office disables an account: the user filter leaves out employeeType=disabled."""
        self.admin.modify(self.user_dn(uid), {"employeeType": [(MODIFY_REPLACE, ["disabled"])]})

    def enable(self, uid: str) -> None:
        self.admin.modify(self.user_dn(uid), {"employeeType": [(MODIFY_REPLACE, [])]})

    def stop(self) -> None:
        self.admin.unbind()
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def directory_settings(server: LdapServer) -> dict:
    return {
        "DIRECTORY_LDAP_URL": server.url,
        "DIRECTORY_LDAP_TITLE": "City directory",
        "DIRECTORY_LDAP_BIND_DN": SERVICE_DN,
        "DIRECTORY_LDAP_BIND_PASSWORD": SERVICE_PASSWORD,
        "DIRECTORY_LDAP_USER_BASE": PEOPLE,
        "DIRECTORY_LDAP_USER_FILTER": "(&(objectClass=inetOrgPerson)(!(employeeType=disabled)))",
        "DIRECTORY_LDAP_UID": "uid",
        "DIRECTORY_LDAP_GROUP_BASE": GROUPS,
        "DIRECTORY_LDAP_GROUP_FILTER": "(objectClass=groupOfNames)",
        "DIRECTORY_GROUP_ROLES": "intl-admins=admin, intl-officers=officer, intl-interns=intern, intl-leaders=leader",
        "DIRECTORY_CHECK_SECONDS": 0,
    }
