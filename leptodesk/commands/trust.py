"""``leptodesk identity create|create-site-root|revoke|rekey`` and ``leptodesk trust
add|list|remove|crl add|import-user`` (DESIGN "Trust").

Creating a root or an identity never trusts anything. Every change to what a workstation
trusts is the administrator's (root's): anyone else gets a plain refusal (exit 2) and nothing
changes. Light to import: cryptography is imported inside the handlers.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import action, chosen_language, command_group, legacy_trust_notice
from .sign import CA_PASSPHRASE_ENV, read_passphrase

NEW_PASSPHRASE_ENV = "LEPTODESK_NEW_PASSPHRASE"


def add_parsers(sub: argparse._SubParsersAction) -> None:
    trust = command_group(sub, "trust", "the site roots this workstation trusts (changes: "
                          "administrator only)")
    ta = action(trust, "add", cmd_trust_add, help="trust a site root (administrator; its "
                "fingerprint must match and no trusted root may have its name)",
                lang="the messages")
    ta.add_argument("pem", metavar="ROOT.pem")
    ta.add_argument("--fingerprint", required=True, metavar="SHA256",
                    help="the root's SHA-256 fingerprint, as its administrator gave it to you "
                    "(not read from the file)")
    action(trust, "list", cmd_trust_list, help="list the trusted site roots (same names "
           "flagged)", lang="the listing's words (fingerprints and names are the same)")
    tr = action(trust, "remove", cmd_trust_remove, help="stop trusting a site root "
                "(administrator)", lang="the messages")
    tr.add_argument("fingerprint", metavar="SHA256", help="its fingerprint (at least the first "
                    "8 hex digits)")
    crl = command_group(trust, "crl", "revocation lists (administrator)")
    tca = action(crl, "add", cmd_trust_crl_add, help="install a site root's revocation list (a "
                 "newer one replaces the installed one)", lang="the messages")
    tca.add_argument("crl", metavar="ROOT.crl")
    ti = action(trust, "import-user", cmd_trust_import_user, help="move the site roots of an "
                "earlier version's per-user trust folder into the system one (administrator)",
                lang="the messages")
    ti.add_argument("home", metavar="HOME", help="the user's LeptoDesk data folder or home "
                    "folder")
    ti.add_argument("--fingerprint", action="append", default=[], metavar="SHA256",
                    help="import the root with this fingerprint, checked with its "
                    "administrator (repeatable); without it, the roots found are listed")

    identity = command_group(sub, "identity", "create, revoke and re-protect signing "
                             "identities")
    c = action(identity, "create", cmd_identity_create, help="a clinician's "
               "passphrase-protected PKCS#12", lang="the prompts and messages")
    c.add_argument("--name", required=True)
    c.add_argument("--role", required=True)
    c.add_argument("--registration", required=True, help="professional registration number")
    c.add_argument("-o", "--output", required=True, metavar="ID.p12")
    c.add_argument("--ca", metavar="ROOT.p12",
                   help=f"issue it from this site root (its passphrase from {CA_PASSPHRASE_ENV} "
                   "or a prompt); self-signed without it")
    c.add_argument("--key", choices=("ec", "rsa"), default="ec",
                   help="ECDSA P-256 (default) or RSA 3072")
    r = action(identity, "create-site-root", cmd_identity_create_root,
               help="a site root that issues clinicians' identities",
               lang="the prompts and messages")
    r.add_argument("--name", required=True)
    r.add_argument("-o", "--output", required=True, metavar="ROOT.p12")
    v = action(identity, "revoke", cmd_identity_revoke, help="add a clinician's certificate to "
               "the site root's revocation list", lang="the prompts and messages")
    v.add_argument("cert", metavar="CERT.pem")
    v.add_argument("--ca", required=True, metavar="ROOT.p12",
                   help=f"the site root that issued it (passphrase from {CA_PASSPHRASE_ENV} or "
                   "a prompt)")
    v.add_argument("--reason", required=True, choices=("key-compromise", "left"),
                   help="key-compromise: every plan it signed fails; left: plans signed from "
                   "the date on fail")
    v.add_argument("--date", metavar="YYYY-MM-DD[THH:MM]",
                   help="from when (local time; default now)")
    v.add_argument("-o", "--output", required=True, metavar="ROOT.crl",
                   help="the root's revocation list (an existing one is added to)")
    k = action(identity, "rekey", cmd_identity_rekey, help="rewrite a key file with today's "
               "protection (PBKDF2-HMAC-SHA256, 600,000 iterations)",
               lang="the prompts and messages")
    k.add_argument("p12", metavar="ID.p12")
    k.add_argument("--keep-passphrase", action="store_true",
                   help="keep the current passphrase (it must be acceptable)")


def _trust():
    from ..service import get_service

    return get_service().trust


def _refused(exc: Exception, lang: str):
    from ..errors import said_in
    from . import UsageError

    return UsageError(said_in(exc, lang))


def _after(note, lang: str) -> None:
    if note:  # after what was done, which it is about
        sys.stdout.flush()
        print(f"leptodesk: {note.in_lang(lang)}", file=sys.stderr)


def cmd_trust_add(args: argparse.Namespace) -> int:
    from ..i18n import tr
    from ..service import get_service

    lang = chosen_language(args)  # an unknown language: exit 2 before anything is trusted
    try:
        root, already, note = get_service().trust.add(Path(args.pem), args.fingerprint)
    except _trust().refusals as exc:
        raise _refused(exc, lang) from None
    print(tr(lang, "msg:trust_already" if already else "msg:trust_added", name=root.name))
    print(tr(lang, "msg:trust_added_fingerprint", fingerprint=root.fingerprint))
    print(tr(lang, "msg:trust_added_valid", date=f"{root.not_after:%Y-%m-%d}", path=root.path))
    _after(get_service().trust.expired_notice(root), lang)
    _after(note, lang)
    return 0


def cmd_trust_list(args: argparse.Namespace) -> int:
    from ..i18n import tr
    from ..service import get_service

    lang = chosen_language(args)
    trust = get_service().trust
    print(tr(lang, "msg:trust_folder", path=trust.folder))
    roots = trust.anchors()  # InsecureFile: exit 1 naming the file
    if not roots:
        print(tr(lang, "msg:trust_none"))
    same = trust.duplicate_names(roots)
    for root in roots:
        key = "msg:trust_list_duplicate" if root.fingerprint in same else "msg:trust_list_row"
        print(tr(lang, key, fingerprint=root.fingerprint, date=f"{root.not_after:%Y-%m-%d}",
                 name=root.name))
        expired = trust.expired_notice(root)
        if expired is not None:
            print(f"    {expired.in_lang(lang)}")
    legacy_trust_notice(lang)
    return 0


def cmd_trust_remove(args: argparse.Namespace) -> int:
    from ..i18n import tr
    from ..service import get_service

    lang = chosen_language(args)  # an unknown language: exit 2 before anything is removed
    try:
        root, note = get_service().trust.remove(args.fingerprint)
    except _trust().refusals as exc:
        raise _refused(exc, lang) from None
    print(tr(lang, "msg:trust_removed", name=root.name, fingerprint=root.fingerprint))
    _after(note, lang)
    return 0


def cmd_trust_crl_add(args: argparse.Namespace) -> int:
    from ..i18n import tr
    from ..service import get_service

    lang = chosen_language(args)
    try:
        installed, note = get_service().trust.add_crl(Path(args.crl))
    except _trust().refusals as exc:
        raise _refused(exc, lang) from None
    print(tr(lang, "msg:crl_installed", name=installed.anchor.name,
             fingerprint=installed.anchor.fingerprint, number=installed.number,
             n=installed.entries))
    if installed.replaced is not None:
        print(tr(lang, "msg:crl_replaced", number=installed.replaced))
    if installed.replaced_unusable is not None:
        print(tr(lang, "msg:crl_replaced_unusable", error=installed.replaced_unusable))
    _after(note, lang)
    return 0


def cmd_trust_import_user(args: argparse.Namespace) -> int:
    from ..i18n import tr
    from ..service import get_service

    lang = chosen_language(args)
    try:
        found = get_service().trust.import_user(Path(args.home), args.fingerprint)
    except _trust().refusals as exc:
        raise _refused(exc, lang) from None
    if not found:
        print(f"leptodesk: {tr(lang, 'msg:trust_import_none', home=args.home)}",
              file=sys.stderr)
        return 1
    for item in found:
        print(tr(lang, f"msg:trust_import_{item.status}", fingerprint=item.anchor.fingerprint,
                 name=item.anchor.name))
    if any(item.status == "unconfirmed" for item in found):
        print(tr(lang, "msg:trust_import_hint"))
        return 1
    return 0


def _new_passphrase(lang: str, name: str, root: bool = False) -> bytes:
    """A new passphrase, refused (exit 2, saying what is accepted) before anything is made."""
    from ..i18n import tr

    key = "msg:passphrase_new_root_prompt" if root else "msg:passphrase_new_prompt"
    passphrase = read_passphrase(tr(lang, key, name=name), confirm=True, lang=lang)
    try:
        _trust().check_new_passphrase(passphrase)
    except _trust().refusals as exc:
        raise _refused(exc, lang) from None
    return passphrase


def cmd_identity_create(args: argparse.Namespace) -> int:
    from ..i18n import tr
    from . import UsageError

    lang = chosen_language(args)  # an unknown language: exit 2 before anything is asked
    out = Path(args.output)
    if out.exists():
        raise UsageError(tr(lang, "msg:id_out_exists", path=out))
    try:  # before any passphrase is asked for
        _trust().check_subject(name=args.name, role=args.role, registration=args.registration)
    except ValueError as exc:
        raise _refused(exc, lang) from None
    ca_pass = None
    if args.ca:
        if not Path(args.ca).is_file():
            raise UsageError(tr(lang, "msg:id_no_ca_file", path=args.ca))
        ca_pass = read_passphrase(tr(lang, "msg:passphrase_ca_prompt", name=Path(args.ca).name),
                                  env=CA_PASSPHRASE_ENV, lang=lang)
    passphrase = _new_passphrase(lang, out.name)
    try:
        created = _trust().create_identity(
            args.name, args.role, args.registration, out, passphrase,
            ca=Path(args.ca) if args.ca else None, ca_passphrase=ca_pass, key_type=args.key)
    except (*_trust().refusals, ValueError) as exc:
        raise _refused(exc, lang) from None
    _audit("identity_created", lang, detail={
        "kind": "identity", "fingerprint_sha256": created.fingerprint,
        "issued_by_site_root": bool(args.ca), "key": args.key})
    print(tr(lang, "msg:id_created", path=created.p12_path, name=created.details.name))
    print(tr(lang, "msg:id_certificate", path=created.pem_path,
             fingerprint=created.fingerprint))
    print(tr(lang, "msg:id_created_issued" if args.ca else "msg:id_created_self"))
    if args.ca:
        print(tr(lang, "msg:id_created_until", date=f"{created.not_after:%Y-%m-%d}"))
    return 0


def cmd_identity_create_root(args: argparse.Namespace) -> int:
    from ..i18n import tr
    from . import UsageError

    lang = chosen_language(args)  # an unknown language: exit 2 before anything is asked
    out = Path(args.output)
    if out.exists():
        raise UsageError(tr(lang, "msg:id_root_out_exists", path=out))
    try:
        _trust().check_subject(name=args.name)
    except ValueError as exc:
        raise _refused(exc, lang) from None
    passphrase = _new_passphrase(lang, out.name, root=True)
    try:
        created = _trust().create_site_root(args.name, out, passphrase)
    except ValueError as exc:
        raise _refused(exc, lang) from None
    _audit("identity_created", lang, detail={"kind": "site_root",
                                              "fingerprint_sha256": created.fingerprint})
    print(tr(lang, "msg:id_root_created", path=created.p12_path))
    print(tr(lang, "msg:id_certificate", path=created.pem_path,
             fingerprint=created.fingerprint))
    print(tr(lang, "msg:id_root_not_trusted", pem=created.pem_path.name,
             fingerprint=created.fingerprint))
    print(tr(lang, "msg:id_root_offline"))
    return 0


def cmd_identity_revoke(args: argparse.Namespace) -> int:
    from ..i18n import tr
    from . import UsageError

    lang = chosen_language(args)
    try:
        when = _trust().parse_date(args.date)
    except ValueError:
        raise UsageError(tr(lang, "msg:crl_bad_date", value=args.date)) from None
    for path in (Path(args.cert), Path(args.ca)):
        if not path.is_file():
            raise UsageError(tr(lang, "msg:id_no_ca_file", path=path))
    ca_pass = read_passphrase(tr(lang, "msg:passphrase_ca_prompt", name=Path(args.ca).name),
                              env=CA_PASSPHRASE_ENV, lang=lang)
    try:
        done = _trust().revoke(Path(args.cert), Path(args.ca), ca_pass, args.reason,
                               Path(args.output), date=when)
    except _trust().refusals as exc:
        raise _refused(exc, lang) from None
    print(tr(lang, "msg:id_revoked", subject=done.subject, serial=f"{done.serial:x}",
             reason=done.reason, date=done.date.astimezone().isoformat(timespec="minutes"),
             path=done.path, number=done.number, n=done.entries))
    if done.left_since is not None:
        print(tr(lang, "msg:crl_now_compromised",
                 date=done.left_since.astimezone().isoformat(timespec="minutes")))
    print(tr(lang, "msg:id_revoke_next", path=done.path))
    return 0


def cmd_identity_rekey(args: argparse.Namespace) -> int:
    from ..i18n import tr
    from . import UsageError

    lang = chosen_language(args)
    path = Path(args.p12)
    if not path.is_file():
        raise UsageError(tr(lang, "msg:export_no_identity", path=path))
    current = read_passphrase(tr(lang, "msg:passphrase_prompt", name=path.name), lang=lang)
    new = None
    if not args.keep_passphrase:
        new = read_passphrase(tr(lang, "msg:passphrase_new_prompt", name=path.name),
                              env=NEW_PASSPHRASE_ENV, confirm=True, lang=lang)
    try:
        done = _trust().rekey(path, current, new)
    except _trust().refusals as exc:
        raise _refused(exc, lang) from None
    print(tr(lang, "msg:id_rekeyed", path=path, iterations=done.after.key_bag_iterations,
             key_before=done.before.key_bag_iterations, mac_before=done.before.mac_iterations))
    return 0


def _audit(event: str, lang: str, **fields) -> None:
    """Audit the new identity; when the row could not be written, a note in ``lang``."""
    from ..i18n import tr
    from ..service import get_service

    note = get_service().audit_or_note(event, **fields)  # says itself in ``lang``
    if note:
        print(tr(lang, "msg:verify_note", value=note), file=sys.stderr)
