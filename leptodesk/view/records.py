"""Frozen records: what ``@dataclass(frozen=True)`` gives the plan document's blocks, with one
small compile per class instead of six.

On Python 3.11 ``dataclass`` compiles each generated method (``__init__``, ``__repr__``,
``__eq__``, ``__hash__``, ``__setattr__``, ``__delattr__``) from source by itself, and the plan
document's 21 block classes are made on the way to the first plan: 17-31 ms of its import
(measured, load 1.5-2.5). ``frozen`` writes the same methods with the same behaviour (the
fields in order, each class's own and then the fields it adds, defaults from the class body;
equal only to an instance of the very same class, hashed by its fields, no field assigned or
deleted after ``__init__``): only ``__init__`` is compiled (its signature is the fields'),
the others are closures over the field names. Not a ``dataclasses`` dataclass:
``dataclasses.fields``/``replace``/``asdict`` do not apply (nothing uses them on the blocks).
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from operator import attrgetter

_MISSING = object()


def frozen(cls: type | None = None, /, *, no_repr: tuple[str, ...] = ()):
    """Decorate a class whose annotations are its fields (``ClassVar[...]`` ones are not).
    ``no_repr``: fields its repr leaves out (``field(repr=False)``)."""

    def make(cls: type) -> type:
        return _make(cls, frozenset(no_repr))

    return make if cls is None else make(cls)


def _own_fields(cls: type) -> list[str]:
    annotations = cls.__dict__.get("__annotations__", {})
    return [name for name, kind in annotations.items()
            if not str(kind).startswith(("ClassVar", "typing.ClassVar"))]


def _make(cls: type, no_repr: frozenset[str]) -> type:
    inherited: tuple[str, ...] = ()
    for base in reversed(cls.__mro__[1:]):
        inherited += tuple(f for f in base.__dict__.get("__record_fields__", ())
                           if f not in inherited)
    own = [f for f in _own_fields(cls) if f not in inherited]
    names = inherited + tuple(own)
    defaults = {}
    for name in names:
        value = getattr(cls, name, _MISSING)
        if value is not _MISSING:
            defaults[name] = value
    seen_default = False
    for name in names:  # as dataclass refuses it: a field without a default after one with
        if name in defaults:
            seen_default = True
        elif seen_default:
            raise TypeError(f"non-default argument {name!r} follows default argument")

    params = ", ".join(f"{n}=__d_{n}" if n in defaults else n for n in names)
    sets = "".join(f"  __s(self, {n!r}, {n})\n" for n in names) or "  pass\n"
    src = (f"def __create__({''.join(f'__d_{n}, ' for n in defaults)}):\n"
           f" __s = object.__setattr__\n"
           f" def __init__(self, {params}):\n{sets}"
           f" return __init__\n")
    space: dict = {}
    exec(src, {}, space)  # noqa: S102 - written above from the class's own field names
    init = space["__create__"](*defaults.values())
    for method in (init, *_methods(cls, names, tuple(n for n in names if n not in no_repr))):
        method.__qualname__ = f"{cls.__qualname__}.{method.__name__}"
        setattr(cls, method.__name__, method)
    cls.__record_fields__ = names
    cls.__match_args__ = names
    return cls


def _methods(cls: type, names: tuple[str, ...], shown: tuple[str, ...]) -> tuple:
    """The methods other than ``__init__``, as closures: nothing more to compile."""
    if len(names) > 1:
        values = attrgetter(*names)
    elif names:
        one = attrgetter(names[0])

        def values(obj):
            return (one(obj),)
    else:
        def values(obj):
            return ()

    def __repr__(self):  # noqa: N807
        fields = ", ".join(f"{n}={getattr(self, n)!r}" for n in shown)
        return f"{self.__class__.__qualname__}({fields})"

    def __eq__(self, other):  # noqa: N807
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented

    def __hash__(self):  # noqa: N807
        return hash(values(self))

    def __setattr__(self, name, value):  # noqa: N807
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self, name):  # noqa: N807
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    return __repr__, __eq__, __hash__, __setattr__, __delattr__
