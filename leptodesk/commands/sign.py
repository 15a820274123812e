"""``leptodesk export``, ``leptodesk verify`` and ``leptodesk identity create|create-site-root``.

Light to import: ReportLab, pyHanko and cryptography are imported inside the handlers.
Passphrases come from ``LEPTODESK_PASSPHRASE`` (the site root's from
``LEPTODESK_CA_PASSPHRASE``), else a prompt when a terminal is attached, else exit 2.
They are never printed or logged.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

PASSPHRASE_ENV = "LEPTODESK_PASSPHRASE"
CA_PASSPHRASE_ENV = "LEPTODESK_CA_PASSPHRASE"


def add_parsers(sub: argparse._SubParsersAction) -> None:
    e = sub.add_parser("export", help="sign the plan for a case and write the PDF summary")
    e.add_argument("case", metavar="CASE.json")
    e.add_argument("-o", "--output", required=True, metavar="PLAN.pdf")
    e.add_argument("--identity", required=True, metavar="ID.p12",
                   help=f"signing identity (passphrase from {PASSPHRASE_ENV} or a prompt)")
    e.add_argument("--nurse-summary", metavar="NURSE.pdf",
                   help="also write the one-page nurse summary")
    e.add_argument("--page-size", choices=("A4", "Letter"), default="A4")
    e.set_defaults(func=cmd_export)

    v = sub.add_parser("verify", help="check a signed plan: exit 0 only if intact and trusted")
    v.add_argument("pdf", metavar="PLAN.pdf")
    v.add_argument("--trust", action="append", default=[], metavar="CERT.pem",
                   help="also trust this certificate (repeatable)")
    v.set_defaults(func=cmd_verify)

    i = sub.add_parser("identity", help="create signing identities")
    isub = i.add_subparsers(dest="identity_command", metavar="ACTION", required=True)
    c = isub.add_parser("create", help="a clinician's passphrase-protected PKCS#12")
    c.add_argument("--name", required=True)
    c.add_argument("--role", required=True)
    c.add_argument("--registration", required=True, help="professional registration number")
    c.add_argument("-o", "--output", required=True, metavar="ID.p12")
    c.add_argument("--ca", metavar="ROOT.p12",
                   help=f"issue it from this site root (its passphrase from {CA_PASSPHRASE_ENV} "
                   "or a prompt); self-signed without it")
    c.add_argument("--key", choices=("ec", "rsa"), default="ec",
                   help="ECDSA P-256 (default) or RSA 3072")
    c.set_defaults(func=cmd_identity_create)
    r = isub.add_parser("create-site-root", help="a site root that issues clinicians' identities")
    r.add_argument("--name", required=True)
    r.add_argument("-o", "--output", required=True, metavar="ROOT.p12")
    r.set_defaults(func=cmd_identity_create_root)


def read_passphrase(prompt: str, env: str = PASSPHRASE_ENV, confirm: bool = False) -> bytes:
    from ..cli import UsageError

    value = os.environ.get(env)
    if value:
        return value.encode("utf-8")
    if not sys.stdin or not sys.stdin.isatty():
        raise UsageError(f"no passphrase: set {env} or run in a terminal to be asked for it")
    import getpass

    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Repeat the passphrase: ") != first:
        raise UsageError("the two passphrases differ; nothing was created")
    if not first:
        raise UsageError("an empty passphrase is not allowed")
    return first.encode("utf-8")


def cmd_export(args: argparse.Namespace) -> int:
    from ..casefile import load_case_file
    from ..cli import UsageError
    from ..export import export_signed, record_export
    from ..pdf.identity import IdentityError

    case = load_case_file(args.case)
    identity = Path(args.identity)
    if not identity.is_file():
        raise UsageError(f"{identity}: no such identity file")
    passphrase = read_passphrase(f"Passphrase for {identity.name}: ")
    try:
        result = export_signed(case, identity=identity, passphrase=passphrase,
                               output=Path(args.output),
                               nurse_summary=Path(args.nurse_summary) if args.nurse_summary
                               else None, page_size=args.page_size)
    except IdentityError as exc:
        raise UsageError(str(exc)) from None
    archive_id = record_export(result)
    print(f"Signed {result.pdf_path} as {result.signer_name} at "
          f"{result.signed_at.isoformat(timespec='seconds')}")
    print(f"PDF SHA-256 {result.pdf_sha256} (archive #{archive_id})")
    if result.nurse_path:
        print(f"Nurse summary {result.nurse_path}")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from .. import events
    from ..cli import UsageError
    from ..export import verify_pdf
    from ..pdf.identity import IdentityError

    source = Path(args.pdf)
    data = source.read_bytes()  # OSError: exit 1 with the file named
    try:
        result = verify_pdf(data, [Path(t) for t in args.trust])
    except IdentityError as exc:
        raise UsageError(str(exc)) from None
    print(f"File: {source}")
    for line in result.lines():
        print(line)
    events.record("plan_verified", case_sha256=result.case_sha256, pdf_sha256=result.pdf_sha256,
                  detail={"ok": result.ok, "reason": result.reason})
    return 0 if result.ok else 1


def cmd_identity_create(args: argparse.Namespace) -> int:
    from .. import events
    from ..cli import UsageError
    from ..pdf.identity import IdentityError, create_identity

    out = Path(args.output)
    if out.exists():
        raise UsageError(f"{out} exists; choose another file name (an identity is never "
                         "overwritten)")
    ca_pass = None
    if args.ca:
        if not Path(args.ca).is_file():
            raise UsageError(f"{args.ca}: no such site root file")
        ca_pass = read_passphrase(f"Passphrase of the site root {Path(args.ca).name}: ",
                                  env=CA_PASSPHRASE_ENV)
    passphrase = read_passphrase(f"New passphrase for {out.name}: ", confirm=True)
    try:
        created = create_identity(args.name, args.role, args.registration, out, passphrase,
                                  ca=Path(args.ca) if args.ca else None, ca_passphrase=ca_pass,
                                  key_type=args.key)
    except (IdentityError, ValueError) as exc:
        raise UsageError(str(exc)) from None
    events.record("identity_created", user=created.details.name,
                  detail={"kind": "identity", "fingerprint_sha256": created.fingerprint,
                          "issued_by_site_root": bool(args.ca), "key": args.key})
    print(f"Created {created.p12_path} for {created.details.name}")
    print(f"Certificate {created.pem_path} (SHA-256 fingerprint {created.fingerprint})")
    print("Trusted on this installation; give the .pem to other workstations (verify --trust).")
    return 0


def cmd_identity_create_root(args: argparse.Namespace) -> int:
    from .. import events
    from ..cli import UsageError
    from ..pdf.identity import create_site_root

    out = Path(args.output)
    if out.exists():
        raise UsageError(f"{out} exists; choose another file name")
    passphrase = read_passphrase(f"New passphrase for the site root {out.name}: ", confirm=True)
    try:
        created = create_site_root(args.name, out, passphrase)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    events.record("identity_created", user=created.details.name,
                  detail={"kind": "site_root", "fingerprint_sha256": created.fingerprint})
    print(f"Created site root {created.p12_path}")
    print(f"Certificate {created.pem_path} (SHA-256 fingerprint {created.fingerprint})")
    return 0
