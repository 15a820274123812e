"""The wizard's pages, one module per page. Page ids are an IntEnum used with setPage."""

from __future__ import annotations

from enum import IntEnum


class PageId(IntEnum):
    PATIENT = 0
    PRESENTATION = 1
    IMAGING_LP = 2
    CSF = 3
    ETIOLOGY = 4
    FUNGAL_ORGANISM = 5
    PRIMARY_CANCER = 6
    PROGNOSIS = 7
    COMPLICATIONS_PLANNED = 8
    REVIEW = 9
    SIGN = 10
