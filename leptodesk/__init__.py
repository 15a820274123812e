"""LeptoDesk core: case model, guideline rules and plan. Pure Python; never imports Qt."""

__version__ = "0.1.0"

# The front end is found by name so that the core never depends on Qt: a core-only install
# (or a headless server) runs every command but the wizard (the command line, the self-test).
FRONT_END = "ui.app"


def _quiet_dependency_notices() -> None:
    """A dependency's notice to its own developers never reaches a ward's terminal: pyHanko
    uses cryptography's DSA API, which cryptography 51 deprecates, and every command then
    printed a CryptographyDeprecationWarning (two lines of Python internals). Ignored when it
    comes from pyHanko's own modules (CryptographyDeprecationWarning is a UserWarning);
    LeptoDesk's own warnings stay errors in the tests (pyproject.toml, filterwarnings)."""
    import warnings

    warnings.filterwarnings("ignore", category=UserWarning,
                            module=r"pyhanko(_certvalidator)?(\..*)?$")


_quiet_dependency_notices()
