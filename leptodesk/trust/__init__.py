"""Trust that an administrator grants (DESIGN "Trust: who can sign, what verifies").

- :mod:`.folder`: the system trust folder (root-owned, checked like ssh's StrictModes) and
  its anchors;
- :mod:`.rules`: who may sign (the chain rules, with a real reason for each refusal);
- :mod:`.revocation`: the site root's offline revocation lists;
- :mod:`.passphrase`: what a new key file's passphrase must be;
- :mod:`.workstation`: ``service.trust``, what front ends call.

:func:`check_signer` is the one public check of a signer certificate: the PDF verdict
(``pdf/verify.py``) and the FHIR bundle check both use it, so a signer passes or fails by the
same rules everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cryptography import x509

    from .rules import SignerVerdict


def check_signer(cert: x509.Certificate, signing_time: datetime, *,
                 extra: Sequence[x509.Certificate] = (),
                 others: Sequence[x509.Certificate] = (), now: datetime | None = None,
                 trust_dir: Path | None = None) -> SignerVerdict:
    """The trust verdict on a signer certificate signing at ``signing_time`` (aware), against
    the anchors and revocation lists of the system trust folder (``trust_dir``: another
    folder, checked the same way) and ``extra`` roots trusted for this check only (``verify
    --trust``). ``others``: the other certificates the signature carried (an intermediate is
    then named); ``now``: the clock, to refuse a signing time in the future.

    Never raises: a trust folder others could change is a failing verdict naming the file
    (``err_insecure_trust_*``, ``err_trust_*``), and nothing in it is trusted.
    """
    from ..fileio import InsecureFile
    from .folder import anchor_of, anchors, system_trust_dir
    from .identity import fingerprint
    from .revocation import installed_lists
    from .rules import SignerVerdict, judge_signer

    folder = trust_dir or system_trust_dir()
    try:
        granted = anchors(folder)
        lists = installed_lists(folder, granted)
    except InsecureFile as exc:
        return SignerVerdict(False, exc.key or "verify_fail_unchecked", dict(exc.params))
    known = {a.fingerprint for a in granted}
    for_now = [anchor_of(c, None) for c in extra if fingerprint(c) not in known]
    return judge_signer(cert, signing_time, anchors=[*granted, *for_now], crls=lists,
                        others=others, now=now)
