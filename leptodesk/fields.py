"""Human names for case fields, for messages, the missing list and every view."""

from __future__ import annotations

FIELD_LABELS: dict[str, str] = {
    "patient.display_name": "patient name or bed/MRN",
    "patient.age_years": "age (years)",
    "patient.age_days": "age (days, infants)",
    "patient.weight_kg": "weight (kg)",
    "patient.sex": "sex",
    "presentation.suspected_bacterial_meningitis": "suspected bacterial meningitis",
    "presentation.severe_sepsis": "signs of severe sepsis",
    "presentation.rapidly_evolving_rash": "rapidly evolving rash",
    "presentation.symptomatic_hydrocephalus": "symptomatic hydrocephalus",
    "presentation.raised_icp": "raised intracranial pressure",
    "presentation.csf_flow_obstruction": "CSF flow obstruction",
    "presentation.vertebral_body_involvement": "vertebral body involvement",
    "presentation.spinal_instability": "spinal instability",
    "presentation.spinal_cord_compression": "spinal cord compression",
    "presentation.cranial_neuropathy": "cranial neuropathy",
    "presentation.nodular_disease": "nodular disease",
    "presentation.thin_linear_deposits": "thin linear deposits",
    "imaging.mri_whole_spine_gadolinium": "gadolinium MRI of the whole spine",
    "imaging.leptomeningeal_enhancement": "leptomeningeal enhancement",
    "lp_safety.platelets_10e9_per_l": "platelets (×10⁹/L)",
    "lp_safety.inr": "INR",
    "lp_safety.prophylactic_lmwh": "prophylactic LMWH",
    "lp_safety.hours_since_prophylactic_lmwh": "hours since prophylactic LMWH",
    "lp_safety.infection_at_lp_site": "infection at the LP site",
    "antibiotics_started_at": "antibiotics started at",
    "lp.performed_at": "LP performed at",
    "lp.volume_ml": "CSF volume (mL)",
    "lp.opening_pressure_cm_h2o": "opening pressure (cm H2O)",
    "lp.csf_glucose": "CSF glucose",
    "lp.serum_glucose": "serum glucose",
    "lp.csf_protein": "CSF protein",
    "lp.wbc_per_ul": "CSF white cells (/µL)",
    "lp.lymphocyte_percent": "lymphocytes (%)",
    "lp.cytology": "CSF cytology",
    "lp.suspicion_of_malignancy": "clinical suspicion of malignancy",
    "etiology.category": "etiology",
    "etiology.fungal_organism": "fungal organism",
    "etiology.primary_cancer": "primary cancer",
    "prognosis.kps": "Karnofsky score (KPS)",
    "prognosis.life_expectancy_months": "life expectancy (months)",
    "prognosis.dying": "dying",
    "planned.craniospinal_radiotherapy": "craniospinal radiotherapy planned",
    "planned.intrathecal_chemotherapy": "intrathecal chemotherapy planned",
    "planned.systemic_methotrexate": "systemic methotrexate planned",
    "planned.ommaya_reservoir": "Ommaya reservoir",
    "planned.ceftriaxone_regimen": "ceftriaxone interval (prescriber's choice)",
    "planned.treatment_start_date": "treatment start date",
}


def field_label(path: str, lang: str = "en") -> str:
    """The field's name in ``lang`` (en, fr, pt); the path itself for an unknown field."""
    if path not in FIELD_LABELS:
        return path
    if lang == "en":
        return FIELD_LABELS[path]
    from .i18n import tr

    return tr(lang, f"field:{path}")
