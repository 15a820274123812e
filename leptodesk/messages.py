"""The English words of the plan that are not guideline statements: the fragments that fill a
statement's placeholders (chosen by the rules by key), and the fixed words of every view
(terminal text, PDFs, verify). English is the source; ``resources/content/fr.json`` and
``pt.json`` hold the same keys (prefixed ``msg:``) with the same ``{placeholders}``.

A fragment that completes a sentence starts with a space when the sentence has none before
its placeholder (" Ommaya reservoir recorded."); a translation keeps that space.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # --- lists and units ----------------------------------------------------------------
    "list_and": "{first} and {last}",
    "list_or": "{first} or {last}",
    "month_one": "{n} month",
    "month_other": "{n} months",
    "mg_per_day": "{mg} mg/day",
    # --- prognosis gate -------------------------------------------------------------------
    "gate_dying": "patient recorded as dying",
    "gate_le_below": "life expectancy {le} < {le_min}",
    "gate_age_missing": "age not entered (the Karnofsky gate and the intrathecal and "
    "radiotherapy doses are for adults)",
    "silent_child_gate": "the prognosis gate uses the Karnofsky score, an adult scale, and the "
    "guideline gives intrathecal methotrexate and radiotherapy doses only for adults",
    "gate_child": "Karnofsky score is an adult scale; the guideline gives no gate for children",
    "gate_kps_below": "KPS {kps} < {kps_min}",
    "gate_kps_missing": "Karnofsky score (KPS) not entered",
    "gate_le_missing": "life expectancy not entered",
    "gate_le_exact": "life expectancy of exactly {le} falls between the guideline's > {le} and "
    "< {le}",
    # --- entry checks ---------------------------------------------------------------------
    "group_infant": "an infant under one year",
    "group_neonate": "a neonate",
    "group_child": "a child of 1-17 years",
    "group_adult": "an adult",
    "lb_hint": " If it was entered in pounds, it is {kg} kg.",
    "etiology_tuberculous": "tuberculous",
    "etiology_fungal": "fungal",
    "etiology_bacterial": "bacterial",
    "etiology_neurosarcoidosis": "neurosarcoidosis",
    "etiology_malignant": "malignant",
    "etiology_undetermined": "undetermined",
    # --- urgent ---------------------------------------------------------------------------
    "sign_sepsis": "signs of severe sepsis",
    "sign_rash": "a rapidly evolving rash",
    "who_suspected": "Suspected bacterial meningitis",
    "who_bacterial": "Bacterial etiology recorded",
    "hour_first": ", ideally within the first hour",
    "no_start_time": " No antibiotic start time is recorded.",
    # --- urgency from every door (nurse sheet, issue 21) ---------------------------------
    "with_signs": " with {signs}",
    "no_wait_ct_lp": " Do not wait for CT, imaging or LP.",
    # --- workup and LP safety -------------------------------------------------------------
    "mri_status_missing": " Status not entered.",
    "mri_done": " Recorded: done.",
    "mri_done_with": " Recorded: done with leptomeningeal enhancement.",
    "mri_done_without": " Recorded: done without leptomeningeal enhancement.",
    "mri_planned": " Recorded: planned.",
    "mri_not_done": " Recorded: not done.",
    "reason_platelets": "platelets {value} ×10⁹/L (below {limit})",
    "reason_inr": "INR {value} (above {limit})",
    "reason_lmwh": "prophylactic LMWH {value} h ago (within {limit} h)",
    "reason_infection": "infection at the LP site",
    "reason_sepsis": "signs of severe sepsis",
    "contraindicated_by": "Contraindicated by {reasons}",
    "which_further": "a further",
    "which_an": "an",
    # --- CSF ------------------------------------------------------------------------------
    "glucose_low": "low, less than half of serum glucose",
    "glucose_not_low": "not low",
    "protein_elevated": "elevated",
    "protein_not_above": "not above {limit}",
    "pleo_none": "no pleocytosis",
    "pleo_lymph_missing": "pleocytosis (lymphocyte share not entered)",
    "pleo_lymphocytic": "lymphocytic pleocytosis",
    "pleo_not_lymphocytic": "pleocytosis, not lymphocyte-predominant",
    "lymph_share": ", {pct}% lymphocytes",
    "op_elevated": "elevated",
    "op_not_elevated": "not elevated",
    "yield_pending": "Antibiotics started {started}. CSF culture yield if LP is done within "
    "{h4} h (up to and including {by4}): {y4}%; after {h4} h up to {h8} h: {y_after4}%; more "
    "than {h8} h after (later than {from8}): {y8}%.",
    "yield_lp_before": "LP was performed before antibiotics were started: the reduced culture "
    "yields after antibiotics ({y4}% within {h4} h, {y_after4}% after {h4} h, {y8}% after {h8} "
    "h) do not apply.",
    "yield_lp_after": "LP {h} h {m} min after starting antibiotics ({when}): expected CSF "
    "culture yield {pct}%.",
    "within_h": "within {h} h",
    "after_h": "after {h} h",
    # --- doses ----------------------------------------------------------------------------
    "route_iv": "IV",
    "route_oral": "oral",
    "route_intrathecal_lumbar": "intrathecal (lumbar)",
    "route_intraventricular_ommaya": "intraventricular (Ommaya)",
    "freq_not_computed": "not computed",
    "freq_once_daily": "once daily",
    "freq_once_24h": "once daily (every 24 hours)",
    "freq_every_h": "every {h} hours",
    "freq_not_chosen": "interval not chosen: ask the prescriber",
    "freq_see_prescription": "see the prescription",
    "freq_it": "twice weekly for {twice} weeks, then weekly for {weekly} weeks, then monthly "
    "(dates on the calendar)",
    "options_interval": "once daily, or divided every {h} hours",
    "why_age": "age not entered",
    "why_weight": "weight not entered",
    "why_child": "guideline silent for children: dose to be set by a paediatric specialist",
    "why_neonate": "no dose for a neonate: see the product label note",
    "no_dose_computed": "{why}: no dose computed",
    "basis_adult_regimen": "{per_kg} mg/kg/day (adult regimen)",
    "basis_per_kg": "{per_kg} mg/kg/day",
    "basis_per_kg_x": "{per_kg} mg/kg/day x {w} kg",
    "basis_tb": "the guideline names the drug and gives no dose: national TB programme or "
    "formulary",
    "basis_by_age": "by age: adult or child dose",
    "basis_no_neonatal": "the guideline gives no neonatal dose",
    "basis_ceft_adult": "adult standard empiric dose {g} g/day",
    "basis_ceft_child": "{per_kg} mg/kg/day x {w} kg = {raw} mg/day",
    "basis_ceft_child_capped": "{per_kg} mg/kg/day x {w} kg = {raw} mg/day, capped at {cap} "
    "g/day",
    "basis_it": "fixed dose {mg} mg per dose",
    "dose_pred_no_age": " No dose computed: age not entered (the guideline's {per_kg} "
    "mg/kg/day without a maximum is an adult regimen).",
    "dose_child": " No dose computed for a child.",
    "dose_no_weight": " No dose computed: weight not entered.",
    "dose_no_age": " No dose computed: age not entered.",
    "dose_neonate": " No dose computed for a neonate.",
    "dose_pred_for": " For {w} kg: {mg} mg once daily.",
    "dose_ceft_child": " For {w} kg: {total} mg per day.",
    "dose_ceft_child_capped": " For {w} kg: {total} mg per day (capped at {cap} g).",
    "silent_prednisone": "prednisone {per_kg} mg/kg/day has no maximum daily dose",
    "who_neonate": " This patient is a neonate.",
    "who_maybe_neonate": " Age in days is not entered: this infant may be a neonate.",
    "who_days_treat_neonate": " Age in days is not entered: treat as a neonate.",
    "who_age_treat_neonate": " Age is not entered: treat as a neonate.",
    # --- pathways -------------------------------------------------------------------------
    "until_tb": " Earliest end of the minimum course: {date}.",
    "until_bact": " For a bacterial spinal infection, earliest end of the minimum course: "
    "{date}.",
    "sched_tb_start": "Start of anti-tuberculous therapy",
    "sched_tb_end": "End of minimum {months}-month anti-tuberculous course (earliest stop date)",
    "sched_antimicrobial_start": "Start of antimicrobial therapy",
    "sched_antimicrobial_recorded": "Start of antimicrobial therapy (antibiotics recorded as "
    "started)",
    "sched_bact_end": "End of minimum {weeks}-week course for a bacterial spinal infection (IV, "
    "then oral)",
    "sched_mri": "Surveillance MRI of the spine (interval: site default)",
    "sched_it": "Intrathecal methotrexate {mg} mg ({label})",
    "sched_it_short": "methotrexate {mg} mg ({label})",
    "it_label_twice_weekly": "{n} of {total}, twice weekly",
    "it_label_weekly": "{n} of {total}, weekly",
    "it_label_monthly": "monthly {n}",
    "organism_unidentified": " (organism not yet identified)",
    "antifungal_for": " for {organism}",
    "organism_cryptococcus": "Cryptococcus",
    "organism_histoplasma": "Histoplasma",
    "organism_coccidioides": "Coccidioides",
    "organism_aspergillus": "Aspergillus",
    "organism_other": "another fungal organism",
    "cause_fungal": "fungal meningitis",
    "cause_organism": "{organism} meningitis",
    "cause_bacterial": "bacterial meningitis",
    "lesion_cranial": "cranial neuropathy",
    "lesion_cord": "spinal cord compression",
    "lesion_nodular": "nodular disease",
    "deposits_recorded": " Thin linear deposits are recorded.",
    "deposits_not_recorded": " Thin linear deposits are not recorded.",
    "deposits_absent": " Recorded: no thin linear deposits.",
    "it_unanswered": " Intrathecal chemotherapy is not answered as planned: decide whether to "
    "plan it.",
    "it_not_planned": " Intrathecal chemotherapy is recorded as not planned.",
    "ommaya_recorded": " Ommaya reservoir recorded.",
    "ommaya_not_recorded": " No Ommaya reservoir recorded: the lumbar route would be used.",
    "ommaya_absent": " Recorded: no Ommaya reservoir; the lumbar route is used.",
    # --- bedside checks before a lumbar intrathecal dose (nurse sheet, issue 21) ----------
    "lp_check_platelets": "platelets ≥ {limit} ×10⁹/L",
    "lp_check_inr": "INR ≤ {limit}",
    "lp_check_lmwh": "≥ {limit} h since prophylactic LMWH (or none)",
    "lp_checks_note": "Before each lumbar dose (a lumbar puncture), check on the day: {checks} "
    "[2].",
    "site_on": "on",
    "site_off": "off",
    "route_sentence": " Route: {route}.",
    "reason_mri_not_done": "gadolinium MRI of the whole spine is not recorded as done; the "
    "guideline requires it before treatment",
    "reason_poor_prognosis": "poor prognosis ({reason}): best supportive care is prioritised "
    "over disease-directed therapy",
    "reason_gate_undecided": "the prognosis gate is not decided",
    "reason_not_malignant": "intrathecal chemotherapy is in the guideline only for malignant "
    "leptomeningeal disease",
    "confirm_lp_what": "contraindication to lumbar puncture (the lumbar route is an LP)",
    "state_not_entered": "not entered",
    "state_undetermined": "undetermined",
    "chemo_it": "intrathecal chemotherapy",
    "chemo_systemic_mtx": "systemic methotrexate",
    "chemo_recommended": "the systemic chemotherapy recommended here (especially methotrexate)",
    "chemo_sarc": "the steroid-sparing maintenance named here (especially methotrexate)",
    # === views: terminal text, PDFs, verify ================================================
    "sev_stop": "STOP",
    "sev_warning": "WARNING",
    "sev_info": "INFO",
    "section_workup": "Diagnostic workup",
    "section_treatment": "Treatment",
    "section_surgery": "Surgery",
    "section_duration_monitoring": "Duration and monitoring",
    "section_supportive": "Supportive care",
    "pathway_tuberculous": "Tuberculous meningitis",
    "pathway_fungal": "Fungal meningitis",
    "pathway_bacterial": "Bacterial meningitis",
    "pathway_neurosarcoidosis": "Neurosarcoidosis",
    "pathway_malignant_good_prognosis": "Malignant, KPS ≥ 70 and life expectancy > 1 month",
    "pathway_malignant_poor_prognosis": "Malignant, poor prognosis: best supportive care",
    "pathway_malignant_prognosis_unknown": "Malignant, prognosis gate not decided",
    "pathway_undetermined": "Etiology undetermined",
    "entry_checks_title": "Check these entries (contradictory or implausible; not corrected)",
    "lp_contraindicated": "STOP - do not perform LP",
    "lp_no_contraindication_entered": "No contraindication entered",
    "lp_incomplete": "Incomplete",
    "lp_not_answered": ". Not yet answered: {fields}",
    "lp_assumed": ". Assumed: {notes}",
    "review_pending": "Translation pending clinical review",
    "review_english_original": "The English original is one choice away: leptodesk plan "
    "--lang en (or choose English in the wizard).",
    "review_english_original_paper": "The English original: in LeptoDesk, View > Language > "
    "English, then print this plan again.",
    "review_signed_off": "translation signed off by {who} on {date}",
    "language_line": "Language: {language}",
    "no_name": "(no name entered)",
    "text_title": "LeptoDesk plan for {name}",
    "text_pathway": "Pathway: {pathway}",
    "text_lp": "LP:",
    "text_footer": "Content {version} ({content}), case {case}, LeptoDesk {app}",
    "head_findings": "CSF and results",
    "head_doses": "Doses",
    "head_radiotherapy": "Radiotherapy",
    "head_calendar": "Calendar",
    "head_review_notes": "Review notes (not from the guideline)",
    "head_gaps": "Where the guideline is silent",
    "head_site_defaults": "Site defaults used (not from the guideline)",
    "head_missing": "Missing",
    "dose_line": "{drug}: {amount}, {route}, {frequency}; daily total {daily_total}; basis: "
    "{basis}; {dates}",
    "radiotherapy_line": "{gy_min}-{gy_max} Gy in {fx_min}-{fx_max} daily fractions for "
    "{indication} {cite}",
    "review_note_source": "{text} Source: {source}.",
    "site_default_line": "{text} This site's value: {value}.",
    # --- a site default's value with its unit (plan_view.site_value) --------------------
    "site_value_cm_h2o": "{value} cm H2O",
    "site_value_per_ul": "{value} white cells/µL",
    "site_value_percent": "{value}%",
    "site_value_monthly_doses_one": "{value} monthly dose",
    "site_value_monthly_doses_other": "{value} monthly doses",
    "site_value_weeks_one": "every week",
    "site_value_weeks_other": "every {value} weeks",
    "site_value_mri_dates_one": "{value} date",
    "site_value_mri_dates_other": "{value} dates",
    "site_value_mg_per_day": "{value} mg/day",
    "site_value_second_dose_one": "{value} day after the first dose of the week (a first dose "
    "on {first}, the second on {second})",
    "site_value_second_dose_other": "{value} days after the first dose of the week (a first "
    "dose on {first}, the second on {second})",
    "review_note_line": "Review note (not from the guideline; {source}): {text}",
    "capped_mark": " (CAPPED)",
    "not_daily": "not applicable: not given daily (see the calendar)",
    # --- drug names (INN) and the nurse sheet (issue 21) -------------------------------
    "drug_ceftriaxone": "ceftriaxone",
    "drug_prednisone": "prednisone",
    "drug_isoniazid": "isoniazid",
    "drug_rifampin": "rifampin",
    "drug_pyrazinamide": "pyrazinamide",
    "drug_ethambutol": "ethambutol",
    "drug_methotrexate": "methotrexate",
    "day_off_weekend": "(weekend)",
    "day_off_holiday": "(site holiday)",
    "day_moved_from": "(moved from {date})",
    "checks_before": "(check first: {checks})",
    "nurse_first_now": "NOW: give immediately",
    "nurse_due_after_now": "then every {h} h from the time the first dose is given: write "
    "each time below as it is given, and record the first dose's time in LeptoDesk",
    "nurse_due_later": "no dose due in these 72 hours",
    "nurse_blank_time": "date __________ time ______",
    "nurse_review_on": "earliest stop {date}: review with the prescriber",
    "nurse_review_it": "monthly doses continue after the last date listed: review with the "
    "prescriber",
    "nurse_review_clinician": "no stop date in this plan: the prescriber decides",
    "nurse_window": "Due times from {start} to {end} ({hours} hours after this summary was "
    "made), in this workstation's local time.",
    "nurse_lp_checks_head": "Lumbar route: each dose is a lumbar puncture. Before each, check "
    "the day's values (tick each); if one fails, do not give it and call the prescriber [2].",
    "nurse_daily_total": "(daily total {total})",
    "nurse_col_first": "First dose",
    "nurse_col_review": "Stop / review",
    "nurse_due": "Due (tick when given, initials):",
    "nurse_initials": "initials",
    "nurse_clinician_notes": "Decided by the clinician (for information; not a checklist)",
    "nurse_no_clinician_notes": "No durations or surveillance in this plan.",
    "nurse_check_code": "Check code {code}",
    "nurse_check_code_help": "To check this paper copy: on any ward workstation, Tools > Plans "
    "> Find by check code {code}. It shows the signed original and its verdict.",
    "nurse_check_code_unsigned": "NOT SIGNED: no check code",
    "daily_not_computed": "not computed",
    "no_dose_see_stop": "no dose (see STOP)",
    "dates_see_it_calendar": "see intrathecal calendar",
    "dates_from": "from {date}",
    "dates_no_start": "start date not entered",
    # --- PDFs -----------------------------------------------------------------------------
    "pdf_unsigned": "NOT SIGNED: a draft for review, not valid for treatment until signed.",
    "pdf_continued": "continued in the full summary",
    "pdf_nurse_page_n": "Nurse summary, page {n} of {total}: intrathecal calendar (continued)",
    "pdf_page_of": "page {n} of {total}",
    "pdf_footer_1": "{what} for {name} · LeptoDesk {app} · guideline content {version}",
    "pdf_footer_2": "content SHA-256 {sha}",
    "pdf_footer_3": "case SHA-256 {sha}",
    "pdf_footer_export": " · export {export_id}",
    "pdf_clinician_summary": "Clinician summary",
    "pdf_nurse_summary": "Nurse summary",
    "pdf_signature_box": "Clinician's electronic signature (PAdES)",
    "pdf_act_now": "ACT NOW",
    "pdf_act_now_head": "ACT NOW: time-critical, do not wait",
    "pdf_stop_head": "STOP: do not proceed with what these forbid",
    "pdf_warning_head": "WARNING: pitfalls that apply to this case",
    # --- acknowledgements of STOP and WARNING alerts (leptodesk.acknowledge) -------------
    "ack_reason_benefit_outweighs_risk": "benefit outweighs risk",
    "ack_reason_already_addressed": "already addressed",
    "ack_reason_not_applicable": "not applicable to this patient",
    "ack_reason_other": "other",
    "ack_line_accepted": "Acknowledged by {by}, {when}: accepted (will follow).",
    "ack_line_overridden": "OVERRIDDEN by {by}, {when}: {reason}.",
    "ack_nurse_head": "Alerts the prescriber overrode",
    "ack_nurse_overridden_stop": "STOP overridden by {by}",
    "ack_nurse_overridden_warning": "WARNING overridden by {by}",
    "ack_bad_form": "--ack {text}: give {forms}",
    "ack_unknown_reason": "--ack {alert}: unknown override reason '{reason}' (reasons: "
    "{reasons})",
    "ack_no_reason": "{alert}: an override needs a reason (reasons: {reasons})",
    "ack_other_comment": "{alert}: the reason 'other' needs a comment "
    "(overridden:other:COMMENT)",
    "ack_comment_bad": "{alert}: the comment must be at most {max} characters of plain text "
    "(no control or bidirectional override characters)",
    "ack_unknown_id": "--ack {alert}: no STOP or WARNING of this plan has this id (its alerts "
    "to answer: {ids})",
    "ack_twice": "--ack {alert}: given more than once",
    "ack_missing": "every STOP and WARNING is acknowledged before signing; not answered: {ids}. "
    "Give one for each: {forms} (reasons: {reasons})",
    # --- the FHIR R4 bundle (leptodesk.fhir) ---------------------------------------------
    "fhir_written": "FHIR R4 bundle written: {path} ({n} resources; Provenance signed by "
    "{signer}, {alg})",
    "fhir_refused": "no bundle written: {headline}",
    "fhir_not_signer": "{path} is not the identity that signed this plan ({signer}): the "
    "bundle is signed by the plan's signer",
    "fhir_verify_file": "Bundle: {path}",
    "fhir_document": "a FHIR R4 bundle of the plan of export {export_id}",
    "fhir_fail_unreadable": "not a readable LeptoDesk FHIR bundle ({error})",
    "fhir_fail_no_signature": "the bundle holds no signed LeptoDesk Provenance",
    "fhir_fail_changed": "the bundle was changed after it was signed (the signature does not "
    "match its contents)",
    "fhir_fail_algorithm": "the signature uses {alg}, which LeptoDesk does not accept for this "
    "key",
    "fhir_fail_targets": "the signed Provenance does not name every resource of the bundle",
    "fhir_fail_practitioner": "the bundle's Practitioner is not the holder of the signing "
    "certificate",
    "fhir_bundle_sha": "Bundle SHA-256: {value}",
    "fhir_lp_check": "Before the lumbar intrathecal dose of {date}: do not perform the LP if "
    "platelets are below {platelets} ×10⁹/L, the INR is above {inr}, or prophylactic LMWH was "
    "given less than {hours} h ago.",
    "fhir_nurse_task": "nursing task",
    "fhir_content_note": "Made by LeptoDesk from guideline content {version} (content SHA-256 "
    "{sha}).",
    "fhir_source_pdf": "the signed PDF plan (SHA-256 {sha})",
    "pdf_age_days": "age {n} days",
    "pdf_age_years": "age {n} years",
    "pdf_age_missing": "age not entered",
    "pdf_sex": "sex {sex}",
    "pdf_sex_missing": "sex not entered",
    "pdf_weight": "weight {w} kg",
    "pdf_weight_missing": "weight not entered",
    "pdf_yes": "yes",
    "pdf_no": "no",
    "pdf_title": "LeptoDesk treatment summary",
    "pdf_nurse_title": "LeptoDesk nurse summary",
    "pdf_patient": "Patient:",
    "pdf_pathway": "Pathway:",
    "pdf_lp": "Lumbar puncture:",
    "pdf_no_stop": "No STOP alerts for this case.",
    "pdf_col_drug": "Drug",
    "pdf_col_amount": "Amount",
    "pdf_col_route": "Route",
    "pdf_col_frequency": "Frequency",
    "pdf_col_daily_total": "Daily total",
    "pdf_col_basis": "Basis",
    "pdf_col_capped": "Capped",
    "pdf_capped": "CAPPED",
    "pdf_kind_intrathecal_dose": "intrathecal dose",
    "pdf_kind_milestone": "milestone",
    "pdf_kind_surveillance": "surveillance",
    "pdf_col_date": "Date",
    "pdf_col_what": "What",
    "pdf_col_kind": "Kind",
    "pdf_col_ref": "Ref.",
    "pdf_no_calendar": "No dated calendar: the treatment start date is not entered.",
    "pdf_nothing_missing": "Nothing the plan needs is missing.",
    "pdf_inputs": "Inputs the plan was made from",
    "pdf_col_field": "Field",
    "pdf_col_entered": "Entered",
    "pdf_nurse_heading": "Nurse summary: {name}",
    "pdf_signature": "Signature:",
    "pdf_do_not": "DO NOT",
    "pdf_nothing_forbidden": "Nothing is forbidden by this plan's alerts.",
    "pdf_check_before": "CHECK BEFORE GIVING",
    "pdf_check_entry": "{severity}: check the entry:",
    "pdf_check": "CHECK:",
    "pdf_label_note": "{text} (not from the guideline: product label)",
    "pdf_medication": "Medication administration",
    "pdf_col_dose": "Dose",
    "pdf_col_how_often": "How often",
    "pdf_col_dates": "Dates",
    "pdf_no_doses": "No drug doses in this plan.",
    "pdf_it_calendar": "Intrathecal calendar (tick when given)",
    "pdf_more_it_one_page": "{n} more intrathecal doses: continued on page 2 of {total}.",
    "pdf_more_it_pages": "{n} more intrathecal doses: continued on pages 2-{total} of {total}.",
    "pdf_monitoring": "Monitoring checklist",
    "pdf_more_items": "{n} more items: {continued}.",
    "pdf_no_monitoring": "No monitoring items in this plan.",
    "pdf_citations_note": "Citations in [ ] are the guideline's references. Doses, reasons and "
    "review notes: {continued}.",
    "pdf_tick": "{name}. Tick when given.",
    # --- signing --------------------------------------------------------------------------
    "sign_by": "Signed by {name}",
    "sign_role": "Role: {role}",
    "sign_registration": "Registration: {registration}",
    "sign_time": "Time: {when}",
    "sign_export": "Export {export_id}",
    "sign_nurse_status": "Signed by {signer} ({role}, registration {registration}) on {when}, "
    "with the full summary of the same export; this summary is signed too.",
    # --- verify ---------------------------------------------------------------------------
    "verify_result": "Result: {verdict}: {reason}",
    "verify_document": "Document: {value}",
    "verify_signer": "Signer: {value}",
    "verify_role": "Role: {value}",
    "verify_registration": "Registration: {value}",
    "verify_issuer": "Issuer: {value}",
    "verify_fingerprint": "Signer certificate SHA-256: {value}",
    "verify_time": "Signing time: {value}",
    "verify_content_version": "Content version: {value}",
    "verify_content_sha": "Content SHA-256: {value}",
    "verify_case_sha": "Case SHA-256: {value}",
    "verify_export_id": "Export id: {value}",
    "verify_audit": "Audit head at signing: {value}",
    "verify_app": "App version: {value}",
    "verify_pdf_sha": "PDF SHA-256: {value}",
    "verify_note": "Note: {value}",
    "verify_not_recorded": "not recorded",
    "verify_audit_entry": "entry {seq}, hash {hash}",
    "verify_doc_nurse": "nurse summary of export {export_id}",
    "verify_doc_clinician": "clinician summary (signed plan) of export {export_id}",
    "verify_doc_none": "not recorded (not a LeptoDesk document)",
    "verify_no_export_id": "(no export id)",
    "verify_none": "(none)",
    "verify_ok": "intact, signed by an identity issued by a site root trusted here, unchanged "
    "since",
    "verify_file": "File: {path}",
    "export_signed": "Signed {path} as {signer} at {when}",
    "export_archived": "Export {export_id}: plan and nurse summary signed and archived (archive "
    "#{archive_id})",
    "export_pdf_sha": "PDF SHA-256 {sha}",
    "export_nurse": "Nurse summary {path} (SHA-256 {sha})",
    "export_no_identity": "{path}: no such identity file",
    "passphrase_prompt": "Passphrase for {name}: ",
    "passphrase_none": "no passphrase: set {env} or run in a terminal to be asked for it",
    "passphrase_empty": "an empty passphrase is not allowed",
    "id_not_pkcs12": "{path}: not a PKCS#12 identity file (.p12/.pfx)",
    "id_wrong_passphrase": "{path}: wrong passphrase for this identity (nothing was signed)",
    "id_no_key": "{path}: holds no private key and certificate",
    "id_key_type": "{path}: only ECDSA and RSA keys are supported",
    "id_expired": "{path}: the certificate expired on {date}",
    "id_not_yet": "{path}: the certificate is not valid before {date}",
    "id_not_certificate": "{path}: not a certificate (PEM or DER)",
    "id_certificates_one": "{path}: holds {n} certificate; give one site root",
    "id_certificates_other": "{path}: holds {n} certificates; give one site root",
    "id_not_root": "{path}: not a site root (its certificate is not a CA); a clinician's own "
    "certificate is never trusted directly",
    "id_site_root": "{path}: a site root's own key cannot sign plans; issue a clinician's "
    "identity from it (leptodesk identity create --ca)",
    "export_step_archive": "archive",
    "export_step_write": "write",
    "export_fail_store": "the store cannot be read, so nothing was signed ({error})",
    "export_fail_archive": "the signed plan could not be archived, so no file was written and "
    "nothing was kept; a retry is safe ({error})",
    "export_fail_write": "signed and archived as plan #{archive_id}, but the file could not be "
    "written ({error}); write it from the archive: leptodesk plans export {archive_id} -o FILE",
    "export_self_issued": "Note: a self-issued identity (no site root): fine for trying "
    "LeptoDesk, but its plans FAIL verification everywhere.",
    "print_sent_one": "Sent {n} page to the printer '{printer}'.",
    "print_sent_other": "Sent {n} pages to the printer '{printer}'.",
    "print_not_verified": "not printed: {path} did not pass verification ({reason}).",
    "print_not_printed": "not printed: {reason}",
    "print_no_printer_named": "no printer named '{printer}' (printers: {printers})",
    "print_no_default_printer": "no default printer (printers: {printers})",
    "print_no_printers_here": "none is set up on this computer",
    "print_printer_refused": "the printer could not be opened",
    "print_not_audited": "printed, but not recorded in the audit log: {error}",
    "trust_not_audited": "done, but not recorded in the audit log: {error}",
    "print_no_printers": "No printers are set up on this computer.",
    "print_default_printer": "{printer}  (default)",
    "print_no_pdf": "name the signed PDF to print, e.g. 'leptodesk print PLAN-nurse.pdf' (or "
    "list the printers with --list-printers)",
    "print_no_front_end": "printing needs the desktop front end, which is not installed here "
    "({error})",
    "verify_language": "Language of the plan: {language}",
    # --- the wizard started with no display (cli._run_gui; tools/run.sh says the same) -----
    "gui_no_display": "leptodesk: no display found ({why}): open LeptoDesk on the workstation's "
    "desktop, or try it out without one with: xvfb-run tools/run.sh",
    "gui_no_display_unset": "DISPLAY is not set",
    "gui_no_display_gone": "the X display {display} is not there",
    # --- an output path refused (export.OutputRefused.key) -------------------------------
    "out_same": "{out}: the same file as the other output",
    "out_input": "{out}: that is the input file {keep}; choose another output name (it is never "
    "overwritten)",
    "out_folder": "{out}: a folder; give a file name",
    "out_special": "{out}: not a regular file (a device or special file); it is never replaced",
    "out_exists": "{out}: exists and is never replaced unasked; choose another name (on the "
    "command line, --force replaces it)",
    "out_no_folder": "{out}: the folder {folder} does not exist",
    # --- a signed PDF refused when opened or imported (service.Refused.key) --------------
    "refused_not_opened": "{headline}. Nothing was opened.",
    "refused_nurse_summary": "this is a nurse summary: it holds no case; open the signed plan "
    "(clinician summary) of the same export",
    "refused_case_unreadable": "the signed case cannot be read: {errors}",
    "refused_case_hash": "the embedded case does not match the signed case hash",
    "refused_nurse_not_imported": "{path}: {headline}. Nothing was imported.",
    "refused_not_nurse": "{path}: not a nurse summary. Nothing was imported.",
    "refused_other_export": "{path}: the nurse summary of export {nurse_export}, not of this "
    "plan's export {export} (or another signer or case). Nothing was imported.",
    "refused_file": "{path}: {reason}",
    # --- plans export|import, case extract ------------------------------------------------
    "plans_bad_id": "ID: expected a plan number from 'leptodesk plans list', got {value}",
    "plans_no_such_id": "no signed plan with id {id} in the archive",
    "plans_no_nurse_summary": "plan {id} has no archived signed nurse summary (it was archived "
    "before nurse summaries were signed); print the signed plan itself",
    "plans_wrote": "wrote {path}",
    "plans_already": "Already in the archive as plan #{id}; nothing added.",
    "plans_imported_nurse": "Imported export {export_id} signed by {signer} as plan #{id} with "
    "its signed nurse summary",
    "plans_imported_no_nurse": "Imported export {export_id} signed by {signer} as plan #{id} "
    "(without a nurse summary)",
    "case_extracted": "Wrote the signed case of export {export_id} to {path}",
    # --- verify: why a FAIL, the signing-time basis, notes (VerifyResult.reason_key) ------
    "verify_fail_unreadable": "not a readable PDF ({error})",
    "verify_fail_unsigned": "no signature: this PDF is not signed, do not use it as a plan",
    "verify_fail_many_signatures": "more than one signature: a LeptoDesk plan carries exactly "
    "one, so something was added after signing",
    "verify_fail_signature_unreadable": "tampered: the signature cannot be read ({error})",
    "verify_fail_no_time": "no signing time in the signature",
    "verify_fail_signature_unchecked": "tampered: the signature cannot be checked ({error})",
    "verify_fail_tampered": "tampered: signed bytes were changed after signing",
    "verify_fail_changed_after": "changed after signing: something was added after the signed "
    "part (a later revision or appended bytes), which the signature does not cover",
    "verify_fail_certification": "changed after signing: the changes break the certification",
    "verify_fail_root_key": "signed with a site root's own key: a site root issues identities "
    "and cannot sign plans",
    "verify_fail_self_issued": "self-issued: not vouched for by a site root",
    "verify_fail_key_usage": "wrong key usage: the signer's certificate is not for digital "
    "signatures",
    "verify_fail_future": "the signing time {when} is in the future",
    "verify_fail_cert_expired": "the signer's certificate was not valid at the signing time "
    "(valid {start} to {end})",
    "verify_fail_untrusted": "untrusted signer: the certificate was issued by \"{issuer}\", "
    "which is not a site root trusted on this workstation (see 'leptodesk trust list')",
    "verify_fail_policy": "the signature does not meet the signing policy",
    "verify_fail_not_leptodesk": "not a LeptoDesk plan or nurse summary (its signed metadata "
    "names no export)",
    "verify_fail_no_case": "no embedded case in the signed revision: not a LeptoDesk plan",
    "verify_fail_case_mismatch": "the embedded case does not match the case hash the PDF shows",
    "verify_fail_archive_time": "the signing time differs from this workstation's archive "
    "record #{archive_id}",
    "verify_fail_archive_changed": "the archived file has changed since it was archived (its "
    "SHA-256 no longer matches the archive record)",
    "verify_fail_unchecked": "the file cannot be checked ({error})",
    "verify_basis_unread_archive": "the signer's claim only: this workstation's archive could "
    "not be read ({error})",
    "verify_basis_not_archived": "the signer's claim only: this PDF is not in this "
    "workstation's archive",
    "verify_basis_imported": "the signer's claim; this workstation has held it since {when} "
    "(archive #{archive_id}, imported)",
    "verify_basis_archived": "this workstation's archive record #{archive_id}, archived at "
    "{when}",
    "verify_note_older_plan": "an older LeptoDesk plan, signed before export ids: no signed "
    "nurse summary belongs to it",
    "verify_note_not_audited": "this check was not recorded in the audit log ({error})",
    # --- trust granted by an administrator, chain rules, revocation, key files, verdict
    #     sentences (leptodesk/trust/, pdf/verify.py, commands/sign.py) -----------------
    "verdict_pass": "PASS",
    "verdict_fail": "FAIL",
    "verify_ok_plan": "this plan is intact and was signed by {signer} on {date} at {time} (local "
    "time)",
    "verify_ok_nurse": "this nurse summary is intact and was signed by {signer} on {date} at "
    "{time} (local time)",
    "verify_root_granted": "site root \"{root}\", SHA-256 fingerprint {fingerprint}, granted on "
    "this workstation by its administrator",
    "verify_root_this_check": "site root \"{root}\", SHA-256 fingerprint {fingerprint}, trusted "
    "for this check only (--trust)",
    "verify_root_none": "\"{issuer}\", not a site root trusted here",
    "verify_root_none_fp": "\"{issuer}\" (SHA-256 fingerprint {fingerprint}), not a site root "
    "trusted here",
    "verify_ok_root": "issued by the site root \"{root}\" (SHA-256 fingerprint {fingerprint}), "
    "granted on this workstation",
    "verify_ok_this_check": "issued by the site root \"{root}\" (SHA-256 fingerprint "
    "{fingerprint}), trusted for this check only (--trust)",
    "verify_fail_weak_key": "weak key: the signer's certificate has an {algorithm} key; LeptoDesk "
    "accepts ECDSA P-256 (or stronger) or RSA of at least 2048 bits",
    "verify_fail_purpose": "wrong purpose: the signer's certificate is for {purposes}, not for "
    "signing documents (id-kp-documentSigning)",
    "verify_fail_intermediate": "issued by the intermediate CA \"{issuer}\", not directly by a "
    "site root: LeptoDesk accepts only identities that a trusted site root issued itself",
    "verify_fail_namesake": "untrusted signer: issued by a root named \"{issuer}\" that is not the "
    "trusted root of that name (SHA-256 fingerprint {fingerprint}): another key under the same "
    "name",
    "verify_fail_crl_unusable": "the revocation list {path} of the signer's site root cannot be "
    "used ({error}), so whether the signer was revoked is unknown; ask the site administrator to "
    "install it again",
    "crl_error_damaged": "not a readable revocation list",
    "crl_error_signature": "not signed by its site root",
    "verify_fail_revoked_compromise": "revoked: the signer's certificate was revoked on {date} "
    "because its key was compromised; no plan it signed can be trusted, whatever its date",
    "verify_fail_revoked": "revoked: the signer's certificate was revoked on {date} (reason: "
    "{reason}); no plan it signed can be trusted",
    "verify_fail_revoked_after": "revoked: the signer's certificate was revoked on {date} (its "
    "holder left); this plan was signed after that ({when})",
    "verify_note_revoked_later": "the signer's certificate was revoked on {date} (its holder "
    "left); this plan was signed before that, so it still verifies (see on what its signing time "
    "rests)",
    "verify_fail_contents_altered": "signature container altered: the unused part of the "
    "signature (/Contents) was changed after signing, so this file is not the one that was signed",
    "err_trust_symlink": "{item} is a symbolic link, so LeptoDesk does not use its trust folder "
    "(the site roots it trusts): a link can point at a file others can change. Ask the site "
    "administrator to put the file itself there.",
    "err_trust_not_regular": "{item} is not a plain file or folder, so LeptoDesk does not use "
    "its trust folder (the site roots it trusts). Ask the site administrator to fix it.",
    "trust_admin_only_add": "only an administrator can add or remove a trust anchor (run it as "
    "root, e.g. with sudo); nothing was changed",
    "trust_admin_only_crl": "only an administrator can install a revocation list (run it as "
    "root, e.g. with sudo); nothing was changed",
    "trust_same_name": "{path}: a trusted site root already has the name \"{name}\" (SHA-256 "
    "fingerprint {fingerprint}); a second root of the same name is refused, since nobody could "
    "tell them apart on a plan; nothing was trusted",
    "trust_already": "Already trusted: site root {name}",
    "trust_legacy_ignored": "the per-user trust folder of an earlier LeptoDesk ({path}) is "
    "ignored: only site roots granted by an administrator count; an administrator can move them "
    "with 'leptodesk trust import-user {home}'",
    "trust_list_duplicate": "{fingerprint}  until {date}  {name}  <- SAME NAME as another "
    "trusted root: check both fingerprints with the site administrator",
    "trust_folder": "Trust folder: {path}",
    "trust_import_added": "Imported: {fingerprint}  {name}",
    "trust_import_already": "Already trusted: {fingerprint}  {name}",
    "trust_import_unconfirmed": "Not imported: {fingerprint}  {name} (its fingerprint was not "
    "confirmed with --fingerprint)",
    "trust_import_none": "{home}: no trust folder of an earlier LeptoDesk with site roots in it",
    "trust_import_hint": "Check each fingerprint with the root's administrator (a written note "
    "or a phone call), then run again with --fingerprint SHA256 for each root to import.",
    "crl_installed": "Installed the revocation list of site root {name} ({fingerprint}): list "
    "number {number}, revoked certificates: {n}",
    "crl_replaced": "It replaces list number {number}.",
    "crl_not_crl": "{path}: not a revocation list (a CRL in PEM or DER)",
    "crl_untrusted": "{path}: this revocation list was issued by \"{issuer}\", which is not a site "
    "root trusted here (or its signature does not verify); nothing was installed",
    "crl_not_newer": "{path}: list number {number} is not newer than the installed one (number "
    "{installed}); nothing was installed",
    "crl_reason": "the reason must be key-compromise or left, not {reason}",
    "crl_one_certificate": "{path}: holds {n} certificates; give the one certificate to revoke",
    "crl_not_issued": "{path}: this certificate was not issued by the site root in {ca} "
    "(\"{root}\"); nothing was revoked",
    "crl_other_root": "{path}: a revocation list of another site root; choose another output file",
    "crl_already": "{path}: already revoked on {date}; nothing was changed",
    "crl_bad_date": "--date: give YYYY-MM-DD or YYYY-MM-DDTHH:MM between 2000 and 2100, not "
    "{value}",
    "id_revoked": "Revoked {subject} (serial {serial}, reason {reason}) from {date}; wrote "
    "{path} (list number {number}, revoked certificates: {n})",
    "id_revoke_next": "Install it on every workstation as administrator: leptodesk trust crl add "
    "{path}",
    "id_root_not_trusted": "Not trusted anywhere yet, this workstation included. An "
    "administrator grants it on each workstation with: leptodesk trust add {pem} --fingerprint "
    "{fingerprint}",
    "passphrase_short": "the passphrase has {got} characters and needs at least {n}: several "
    "unrelated words with spaces are long and easy to remember",
    "passphrase_pattern": "the passphrase is a run of repeated or sequential characters; choose "
    "at least {n} characters that make no pattern, e.g. several unrelated words",
    "passphrase_common": "the passphrase is one of the most common passwords (perhaps with "
    "digits or symbols added); choose at least {n} characters that are not a known password, "
    "e.g. several unrelated words",
    "id_pbmac1_openssl": "{path}: key files are protected with PBMAC1, which needs OpenSSL 3.4 "
    "or later; this installation's cryptography uses {version}. Install LeptoDesk from its "
    "bundle or its lock file (requirements.lock)",
    "id_rekeyed": "Rewrote {path}: PBKDF2-HMAC-SHA256 at {iterations} iterations for the key and "
    "the MAC (before: key {key_before}, MAC {mac_before} iterations)",
    # --- a refused field (errors.FieldError.key: msg:err_<key>), words for the bedside ---
    "err_whole": "type a whole number from {low} to {high}",
    "err_whole_any": "type a whole number",
    "err_number": "type a number from {low} to {high} (e.g. 1.5 or 1,5)",
    "err_number_any": "type a number (e.g. 1.5 or 1,5)",
    "err_between": "must be from {low} to {high}",
    "err_typed": " (you typed \"{typed}\")",
    "err_unknown_field": "unknown field (fields here: {fields})",
    "err_unknown": "unknown field",
    "err_required": "required",
    "err_enum": "must be one of {allowed}",
    "err_type_boolean": "must be true, false or null (not text, not a number)",
    "err_type_string": "must be text in quotes",
    "err_type_date": "must be a date as text YYYY-MM-DD",
    "err_type_datetime": "must be a local date-time as text YYYY-MM-DDTHH:MM",
    "err_type_object": "must be a JSON object {{ ... }}",
    "err_bad_date": "must be a real date, written YYYY-MM-DD",
    "err_bad_datetime": "must be a real local date and time, written YYYY-MM-DDTHH:MM",
    "err_too_long": "at most {max} characters",
    "err_steps": "must be in steps of {step}",
    "err_date_range": "must lie between {low} and {high}",
    "err_digits": "a number of {n} digits is not a value",
    "err_characters": "a number written with {n} characters is not a value",
    "err_too_large": "the number is too large",
    "err_not_json_number": "{number} is not a JSON number",
    "err_nested": "objects nested more than {max} deep",
    "err_duplicate": "this key is given more than once in one object (each field once)",
    "err_not_finite": "not a finite number",
    "err_too_small": "a value this small is not a measurement (give 0 or at least {min})",
    "err_control": "text must not hold control characters or bidirectional override characters",
    "err_time_zone": "give a local date-time without a time zone, e.g. 2026-11-24T08:30",
    # --- the contract's date-time written with a T (spec/case-file-v2.md) --------------------
    "err_datetime_format": "give a local date-time as YYYY-MM-DDTHH:MM, with a T between the "
    "date and the time, e.g. 2026-11-24T08:30",
    "err_infants_only": "for infants under one year only; {age_field} is {years}",
    "err_lmwh_hours": "{hours_field} goes only with {status_field} 'given' (for 'none' or not "
    "known, clear the hours)",
    "err_glucose_positive": "serum glucose must be greater than 0",
    "err_json_at": "not valid JSON: a mistake at line {line}, column {column}",
    "err_one_object": "a case file holds one JSON object",
    "err_case_too_big": "a case file is at most 1 MiB ({max_bytes} bytes); this one is larger",
    "err_nested_case": "not a case: objects nested more than {max} deep",
    "err_case_is_directory": "a directory, not a case file; nothing was read",
    "err_case_is_fifo": "a FIFO (named pipe), not a case file; nothing was read",
    "err_case_is_device": "a device, not a case file; nothing was read",
    "err_case_is_not_regular": "not a regular file, not a case file; nothing was read",
    "err_not_utf8": "not UTF-8 text",
    "err_invalid_case_in": "{source}: invalid case",
    "err_invalid_case": "invalid case",
    "err_more": "... and {n} more",
    # a quoted value cut short (textsafe.Cut), plural forms by CLDR's category
    "more_characters_one": "... ({n} more character)",
    "more_characters_other": "... ({n} more characters)",
    # --- a trust folder or site file others could change (fileio.InsecureFile.key) -------
    "err_insecure_trust_group": "{item} can be changed by the group (mode {mode}), so LeptoDesk "
    "does not use its trust folder (the certificates it trusts). Ask the site administrator to "
    "fix it (e.g. chmod go-w {item}).",
    "err_insecure_trust_others": "{item} can be changed by other users (mode {mode}), so "
    "LeptoDesk does not use its trust folder (the certificates it trusts). Ask the site "
    "administrator to fix it (e.g. chmod go-w {item}).",
    "err_insecure_trust_both": "{item} can be changed by the group and other users (mode {mode}), "
    "so LeptoDesk does not use its trust folder (the certificates it trusts). Ask the site "
    "administrator to fix it (e.g. chmod go-w {item}).",
    "err_insecure_trust_owner": "{item} belongs to user id {uid}, not to root, so LeptoDesk does "
    "not use its trust folder (the site roots it trusts): only an administrator grants trust. "
    "Ask the site administrator to fix it.",
    "err_insecure_site_group": "{item} can be changed by the group (mode {mode}), so LeptoDesk "
    "does not use the site's defaults (site-defaults.json). Ask the site administrator to fix it "
    "(e.g. chmod go-w {item}).",
    "err_insecure_site_others": "{item} can be changed by other users (mode {mode}), so LeptoDesk "
    "does not use the site's defaults (site-defaults.json). Ask the site administrator to fix it "
    "(e.g. chmod go-w {item}).",
    "err_insecure_site_both": "{item} can be changed by the group and other users (mode {mode}), "
    "so LeptoDesk does not use the site's defaults (site-defaults.json). Ask the site "
    "administrator to fix it (e.g. chmod go-w {item}).",
    "err_insecure_site_owner": "{item} belongs to user id {uid}, not to you or root, so LeptoDesk "
    "does not use the site's defaults (site-defaults.json). Ask the site administrator to fix it.",
    # --- the operating system's reasons (errors.os_reason; English is the system's text) --
    "os_enospc": "No space left on device",
    "os_eacces": "Permission denied",
    "os_eperm": "Operation not permitted",
    "os_erofs": "Read-only file system",
    "os_enoent": "No such file or directory",
    "os_eexist": "File exists",
    "os_eisdir": "Is a directory",
    "os_enotdir": "Not a directory",
    "os_ebusy": "Device or resource busy",
    "os_eagain": "Resource temporarily unavailable",
    "os_eio": "Input/output error",
    "os_enametoolong": "File name too long",
    # --- the store (store.StoreError.key); {doing} is a store_doing_* phrase -------------
    "store_doing_open": "open the store",
    "store_doing_read": "read the store",
    "store_doing_save_draft": "save the draft",
    "store_doing_list_drafts": "list the drafts",
    "store_doing_read_draft": "read the draft",
    "store_doing_finish_draft": "mark the draft finished",
    "store_doing_discard_draft": "discard the draft",
    "store_doing_archive": "archive the signed plan",
    "store_doing_read_archive": "read the plans archive",
    "store_doing_list_plans": "list the signed plans",
    "store_doing_read_plan": "read the signed plan",
    "store_doing_read_nurse": "read the nurse summary",
    "store_doing_write_audit": "write the audit log",
    "store_doing_read_audit": "read the audit log",
    "store_doing_check": "check the store",
    "store_doing_backup": "write the backup",
    "store_full": "The disk is full: LeptoDesk could not {doing} in {where}. Everything saved "
    "before is kept. Free some disk space, then try again.",
    "store_readonly": "LeptoDesk cannot write to its data folder {where} (it is read-only or not "
    "allowed), so it could not {doing}. Everything saved before is kept. Ask the site "
    "administrator to make the folder writable.",
    "store_busy": "The store in {where} is busy (another LeptoDesk window or program is using "
    "it), so LeptoDesk could not {doing}. Try again in a moment.",
    "store_corrupt": "The store {path} is damaged, so LeptoDesk could not {doing}; LeptoDesk has "
    "not changed it. Keep the file and ask the site administrator to restore it from a backup.",
    "store_failed": "LeptoDesk could not {doing} in {where}: {error}.",
    "store_create_full": "The disk is full: LeptoDesk could not create its store in {where}. "
    "Free some disk space, then try again.",
    "store_folder": "LeptoDesk cannot use its data folder {where} ({reason}). Ask the site "
    "administrator to make it writable, or set LEPTODESK_HOME to a writable folder.",
    "store_missing": "The store {path} is missing, but this data folder had a store with history "
    "({marker} says so). LeptoDesk will not start a new, empty store in its place: the store is "
    "left as it is. Ask the site administrator to restore it from a backup (a copy made "
    "with 'leptodesk store backup').",
    "store_empty": "The store {path} is empty (0 bytes), but this data folder had a store with "
    "history ({marker} says so). LeptoDesk will not start a new, empty store in its place: the "
    "store is left as it is. Ask the site administrator to restore it from a backup (a copy "
    "made with 'leptodesk store backup').",
    "store_newer": "The store {path} was made by a newer LeptoDesk (schema {version}; this "
    "version reads up to {supported}). Use the newer LeptoDesk; the store is left untouched.",
    "store_damaged": "The store {path} is damaged (SQLite's check says: {detail}). LeptoDesk has "
    "not changed it. Keep the file and ask the site administrator to restore it from a backup "
    "(leptodesk store check shows the details).",
    "store_closed": "The store {path} is closed.",
    "store_backup_exists": "{dest} exists; choose a new file name (a backup never overwrites a "
    "file)",
    "store_backup_own": "{dest} is one of the store's own files; choose another name",
    "store_backup_bad": "the backup did not check out ({problems}); nothing was kept",
    # --- the audit log's check (store.AuditReport.key) ------------------------------------
    "audit_row_missing": "row {seq} is missing (deleted); the next row is {next}",
    "audit_row_unchained": "row {seq} does not follow row {prev} (a row was edited, deleted or "
    "inserted)",
    "audit_row_detail": "row {seq} has an unreadable detail",
    "audit_row_edited": "row {seq} was edited (its content no longer matches its hash)",
    "audit_row_unknown": "row {seq} has an unknown event {event} (not written by LeptoDesk)",
    "audit_head_missing": "the audit log's head record is missing",
    "audit_tail_cut": "rows {first} to {last} are missing (deleted from the end)",
    "audit_tail_cut_one": "row {seq} is missing (deleted from the end)",
    "audit_head_mismatch": "the audit log's head record does not match row {seq}",
    "audit_anchor_cut": "{what} was signed when the log had {had}; it has {has} now (rows were "
    "cut off or the log emptied)",
    "count_rows_one": "{n} row",
    "count_rows_other": "{n} rows",
    "count_anchors_one": "{n} anchor",
    "count_anchors_other": "{n} anchors",
    "audit_anchor_rewritten": "row {seq} is not the row {what} was signed after (the log was "
    "rewritten and its hashes recomputed)",
    "audit_plan_unlogged": "signed plan #{id} has no plan_signed row in the audit log (deleted?)",
    "audit_row_forged": "row {seq} records signing archived plan #{id}, which is not in the "
    "archive with that PDF (a deleted plan or a forged row)",
    "audit_what_plan": "signed plan #{id}",
    "audit_what_marker": "the history marker {name}",
    "audit_what_pdf": "the signed plan {name}",
    # --- the archive: PDF anchors, damaged PDFs, the ward archive, the outbox, check codes
    "store_draft_name_not_text": "The draft's display name (patient.display_name) must be text, "
    "not {type}: this change was not saved, and what was saved before is kept.",
    "store_network_fs": "The data folder {where} is on a network file system ({fs}), where "
    "SQLite's file locking is not dependable, so LeptoDesk does not keep its store there. Keep "
    "the data folder on this workstation's own disk, and share signed plans through the ward "
    "archive (PostgreSQL: README, 'The ward archive').",
    "store_readonly_old": "The store {path} was made by an older LeptoDesk and must be upgraded, "
    "but its folder is read-only: open it once with write access.",
    "store_step_pdfs": "archived PDFs re-hashed",
    "store_pdfs_detail": "PDFs checked: {pdfs}; each matches its recorded SHA-256",
    "store_pdfs_damaged": "DAMAGED: the archived PDF of plan {ids} no longer matches its "
    "recorded SHA-256 (changed below the database); it is never written out or printed",
    "audit_pdf_damaged": "the archived PDF of signed plan #{id} no longer matches its recorded "
    "SHA-256 (damaged below the database), so the audit head it carries cannot be read",
    "audit_pdf_anchor_differs": "signed plan #{id}: the audit head inside its signed PDF differs "
    "from the one the plans table records (the table was rewritten)",
    "audit_clock_workstation": "times: this workstation's clock",
    "audit_clock_server": "times: the ward server's clock (the archive time, not the "
    "workstations')",
    "audit_backward": "NOTE: the time of row {rows} is earlier than the row before it (a clock "
    "set back, or rows rewritten); the hash chain itself holds",
    "plans_not_written": "{path} was not written: the archived PDF does not verify",
    "plans_bad_code": "{code} is not a check code: {reason}",
    "checkcode_bad_chars": "a check code has only the letters A-Z without I and O, and the "
    "digits 2-9; not {chars}",
    "checkcode_bad_length": "a check code has 8 characters (XXXX-XXXX); this has {n}",
    "plans_code_none": "no archived plan has the check code {code}",
    "plans_found": "Plan #{id}, check code {code}:",
    "archive_unreachable": "The ward archive {where} cannot be reached ({error}).",
    "archive_not_initialised": "The ward archive {where} is not set up for this LeptoDesk "
    "(schema {version}; this version needs {supported}): the administrator runs 'leptodesk "
    "archive init' once.",
    "archive_settings_bad": "{path} is not valid: it holds one JSON object with \"archive_url\" "
    "(text).",
    "archive_no_url": "no ward archive is configured (archive_url in archive.json in the data "
    "folder, or LEPTODESK_ARCHIVE_URL)",
    "archive_server_ok": "ok (PostgreSQL keeps its own pages)",
    "archive_contents_detail": "signed plans: {plans}; audit log rows: {audit}",
    "archive_init_done": "ward archive {where}: schema {before} -> {after}",
    "archive_init_current": "ward archive {where}: schema {after}, up to date",
    "archive_synced": "sent to the ward archive: {sent}; already there: {already}; still in the "
    "outbox: {left}",
    "archive_migrated": "{where}: signed plans checked: {plans}; moved: {moved}; already there: "
    "{already}",
    "archive_migrate_damaged": "nothing was moved: the archived PDF of plan {ids} is damaged "
    "(leptodesk store check shows it)",
    "archive_migrate_chain": "nothing was moved: the audit log does not verify ({reason})",
    "export_queued": "archived locally; will be sent to the ward archive ({where}) when it can "
    "be reached",
    "pdf_is_fifo": "{path}: a FIFO (named pipe), not a PDF; nothing was read",
    "pdf_is_device": "{path}: a device, not a PDF; nothing was read",
    "pdf_is_directory": "{path}: a directory, not a PDF; nothing was read",
    "pdf_is_not_regular": "{path}: not a regular file, not a PDF; nothing was read",
    "pdf_too_large": "{path}: larger than {max_mib} MiB, the most a signed plan can be; nothing "
    "was read",
    # --- store check (store.Store.check): what each step checked, and what it found -------
    "store_step_integrity": "SQLite integrity check",
    "store_step_schema": "schema version",
    "store_step_audit": "audit log",
    "store_step_contents": "contents",
    "store_sqlite_ok": "ok",
    "store_schema_detail": "{version} (this LeptoDesk: {supported})",
    "store_audit_detail": "rows: {rows}; outside anchors checked: {anchors}",
    "store_audit_broken": "BROKEN at row {seq}: {reason}",
    "store_contents_detail": "drafts: {drafts}; signed plans: {plans}; audit log rows: {audit}",
    # --- plans list, audit list|verify, store check|backup (commands/store.py) ----------
    "plans_bad_date": "{option}: expected a date as YYYY-MM-DD, got {value}",
    "plans_list_none": "no signed plans found",
    "plans_col_id": "ID",
    "plans_col_signed": "SIGNED",
    "plans_col_patient": "PATIENT",
    "plans_col_pathway": "PATHWAY",
    "plans_col_signer": "SIGNER",
    "audit_list_empty": "the audit log is empty",
    "audit_pdf_fails": "{name}: does not verify ({reason}); its audit head cannot be trusted",
    "audit_pdf_no_head": "{name}: carries no audit head (signed elsewhere or by an older "
    "LeptoDesk)",
    "audit_intact": "audit log intact: {rows}, hash chain holds, consistent with {anchors} "
    "outside it (signed plans, history marker)",
    "audit_broken_at": "audit log BROKEN at row {seq}: {reason}",
    "audit_broken": "audit log BROKEN: {reason}",
    "store_check_store": "Store {path}",
    "store_check_open_failed": "FAIL  opening the store: {error}",
    "store_backed_up": "backed up {path} to {dest} (checked, mode 0600)",
    # --- trust add|list|remove, identity create|create-site-root (commands/sign.py) -------
    "trust_added": "Trusted site root {name}",
    "trust_added_fingerprint": "SHA-256 fingerprint {fingerprint} (matches the one given)",
    "trust_added_valid": "Valid until {date}; kept as {path}",
    "trust_none": "no site roots are trusted on this workstation: every plan FAILs verification "
    "until one is added with 'leptodesk trust add ROOT.pem --fingerprint SHA256'",
    "trust_list_row": "{fingerprint}  until {date}  {name}",
    "trust_removed": "No longer trusted: site root {name} ({fingerprint})",
    "id_fingerprint_mismatch": "{path}: fingerprint mismatch: the file's SHA-256 fingerprint is "
    "{actual}, not {expected}; nothing was trusted",
    "id_fingerprint_none": "(none given)",
    "id_prefix_short": "give at least the first 8 hex digits of the fingerprint",
    "id_prefix_none": "no trusted site root has a fingerprint starting {prefix}",
    "id_prefix_many": "{n} trusted site roots match {prefix}; give more digits",
    "id_ca_not_root": "{path}: not a site root (its certificate is not a CA)",
    "id_field_name": "name",
    "id_field_role": "role",
    "id_field_registration": "registration",
    "id_subject_empty": "the {label} must not be empty",
    "id_subject_long": "the {label} is at most {max} characters; this one has {n}",
    "id_subject_unsafe": "the {label} must not hold control characters or bidirectional override "
    "characters; got {typed}",
    "id_out_exists": "{path} exists; choose another file name (an identity is never overwritten)",
    "id_root_out_exists": "{path} exists; choose another file name",
    "id_no_ca_file": "{path}: no such site root file",
    "passphrase_ca_prompt": "Passphrase of the site root {name}: ",
    "passphrase_new_prompt": "New passphrase for {name}: ",
    "passphrase_new_root_prompt": "New passphrase for the site root {name}: ",
    "passphrase_repeat": "Repeat the passphrase: ",
    "passphrase_differ": "the two passphrases differ; nothing was created",
    "id_created": "Created {path} for {name}",
    "id_certificate": "Certificate {path} (SHA-256 fingerprint {fingerprint})",
    "id_created_issued": "Its plans verify on workstations that trust the issuing site root "
    "('leptodesk trust list').",
    "id_created_self": "Self-issued (no --ca): fine for trying LeptoDesk, but its plans FAIL "
    "verification everywhere, here too. Ask your site administrator for an identity issued by "
    "the site root.",
    "id_root_created": "Created site root {path}",
    "id_root_offline": "Its key only issues identities: it cannot sign plans. Keep it offline.",
}
