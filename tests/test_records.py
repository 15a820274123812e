"""The plan document's blocks behave as the frozen dataclasses they were
(leptodesk.view.records): the same constructor, repr, equality, hash and immutability.

Expected values written by hand from what ``@dataclass(frozen=True)`` gives.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError

import pytest

from leptodesk.models import Case, Section, Severity
from leptodesk.view.document import (
    AlertLine,
    Alerts,
    Block,
    Findings,
    Gaps,
    Inputs,
    Items,
    Line,
    Missing,
    PatientLine,
    Recommendations,
)
from leptodesk.view.records import frozen


def test_fields_in_order_with_their_defaults_inherited():
    line = AlertLine("STOP", "No LP [2]", Severity.stop, alert_id="lp")
    assert (line.label, line.text, line.severity) == ("STOP", "No LP [2]", Severity.stop)
    assert (line.alert_id, line.ack, line.ack_overridden) == ("lp", "", False)
    assert AlertLine.__match_args__ == ("label", "text", "severity", "alert_id", "ack",
                                        "ack_overridden")
    assert Recommendations("Work-up", ("a",)).section is Section.workup
    assert Missing("Missing", ()).paths == ()
    assert Items.none == "" and Items.kind == "items"  # defaults stay class attributes
    assert Findings.kind == "findings"  # a ClassVar, not a field
    assert Findings.__match_args__ == ("title", "items", "prefix", "none")
    with pytest.raises(TypeError):
        Items("only a title")  # items has no default
    with pytest.raises(TypeError):
        Items("t", (), nonsense=1)


def test_repr_as_a_dataclass_writes_it():
    assert repr(Findings("Findings", ("CSF protein 0.6 g/L",), "- ")) == (
        "Findings(title='Findings', items=('CSF protein 0.6 g/L',), prefix='- ', none='')")
    assert repr(Block()) == "Block()"
    # The case is left out of the inputs' repr, as field(repr=False) did.
    assert repr(Inputs("Inputs", ("Field", "Entered"), Case(schema_version=2), "fr")) == (
        "Inputs(title='Inputs', columns=('Field', 'Entered'), lang='fr')")


def test_equal_by_fields_and_class_and_hashed_alike():
    a, b = Findings("T", ("x",)), Findings("T", ("x",))
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert a != Findings("T", ("y",))
    assert a != Gaps("T", ("x",))  # the same fields in another block are another block
    assert a != Items("T", ("x",))
    assert Line("STOP", "t", Severity.stop) != AlertLine("STOP", "t", Severity.stop)
    assert Block() == Block() and hash(Block()) == hash(())


def test_no_field_is_changed_or_deleted_after_it_is_made():
    block = Alerts("stop", "STOP", "STOP: do not", ())
    with pytest.raises(FrozenInstanceError, match="cannot assign to field 'title'"):
        block.title = "other"
    with pytest.raises(FrozenInstanceError, match="cannot assign to field 'extra'"):
        block.extra = 1  # nor any other name, on the class itself
    with pytest.raises(FrozenInstanceError, match="cannot delete field 'group'"):
        del block.group
    assert block.title == "STOP"


def test_a_patient_line_keeps_its_property_and_the_inputs_their_rows():
    line = PatientLine("Plan for Bed 7", "Patient:", "Bed 7", "age 49 years", "Pathway:", "P",
                       "Pathway: P", "LP:", "Lumbar puncture:", "safe")
    assert line.patient == "Bed 7; age 49 years"
    inputs = Inputs("Inputs", ("Field", "Entered"), Case(schema_version=2))
    assert inputs.lang == "en"
    assert inputs.rows is inputs.rows  # written once when first read (cached_property)


def test_a_field_without_a_default_after_one_with_is_refused():
    with pytest.raises(TypeError, match="non-default argument 'b' follows default argument"):
        @frozen
        class Wrong:
            a: int = 0
            b: int


def test_a_dose_row_is_a_frozen_record_too():
    from leptodesk.view.doses import DoseRow

    row = DoseRow("Methotrexate", "12 mg", "intrathecal", "twice weekly", "-", "[1]", False,
                  "from Mon 30 Nov 2026", ("Check CSF first [1]",), False)
    assert (row.note_stops, row.lang) == ((), "en")
    assert repr(row) == (
        "DoseRow(drug='Methotrexate', amount='12 mg', route='intrathecal', "
        "frequency='twice weekly', daily_total='-', basis='[1]', capped=False, "
        "dates='from Mon 30 Nov 2026', notes=('Check CSF first [1]',), stop=False, "
        "note_stops=(), lang='en')")
    same = DoseRow("Methotrexate", "12 mg", "intrathecal", "twice weekly", "-", "[1]", False,
                   "from Mon 30 Nov 2026", ("Check CSF first [1]",), False)
    assert row == same and hash(row) == hash(same)
    with pytest.raises(FrozenInstanceError):
        row.amount = "15 mg"
