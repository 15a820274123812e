<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AckPanel</name>
    <message>
        <source>benefit outweighs risk</source>
        <translation>le bénéfice l&apos;emporte sur le risque</translation>
    </message>
    <message>
        <source>already addressed</source>
        <translation>déjà pris en charge</translation>
    </message>
    <message>
        <source>not applicable to this patient</source>
        <translation>ne s&apos;applique pas à ce patient</translation>
    </message>
    <message>
        <source>other (say why in the comment)</source>
        <translation>autre (dire pourquoi dans le commentaire)</translation>
    </message>
    <message>
        <source>Accept: will follow</source>
        <translation>Accepter&#xa0;: sera suivie</translation>
    </message>
    <message>
        <source>Override</source>
        <translation>Outrepasser</translation>
    </message>
    <message>
        <source>Accept, will follow: {alert}</source>
        <translation>Accepter, sera suivie&#xa0;: {alert}</translation>
    </message>
    <message>
        <source>Override: {alert}</source>
        <translation>Outrepasser&#xa0;: {alert}</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Commentaire</translation>
    </message>
    <message>
        <source>Override reason for {alert}</source>
        <translation>Motif de dérogation pour {alert}</translation>
    </message>
    <message>
        <source>Override comment for {alert}</source>
        <translation>Commentaire de dérogation pour {alert}</translation>
    </message>
    <message>
        <source>Choose a reason...</source>
        <translation>Choisir un motif...</translation>
    </message>
    <message>
        <source>Before signing, answer every STOP and WARNING: accept it (you will follow it) or override it with a reason. The answers are signed with the plan and printed beside each alert.</source>
        <translation>Avant de signer, répondre à chaque STOP et à chaque ATTENTION&#xa0;: l&apos;accepter (vous la suivrez) ou l&apos;outrepasser avec un motif. Les réponses sont signées avec le plan et imprimées à côté de chaque alerte.</translation>
    </message>
    <message>
        <source>STOP and WARNING alerts to acknowledge</source>
        <translation>Alertes STOP et ATTENTION à prendre en compte</translation>
    </message>
</context>
<context>
    <name>AlertStrip</name>
    <message>
        <source>No STOP alerts</source>
        <translation>Aucune alerte STOP</translation>
    </message>
    <message>
        <source>no warnings</source>
        <translation>aucun avertissement</translation>
    </message>
    <message>
        <source>{stops}, {warnings} in the plan.</source>
        <translation>{stops}, {warnings} dans le plan.</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alertes</translation>
    </message>
    <message>
        <source>alert count</source>
        <translation>nombre d&apos;alertes</translation>
    </message>
    <message>
        <source>Loading the guideline...</source>
        <translation>Chargement de la recommandation...</translation>
    </message>
</context>
<context>
    <name>CasePage</name>
    <message>
        <source>checks of the entries here</source>
        <translation>vérifications des saisies de cette page</translation>
    </message>
    <message>
        <source>{severity}: check the entry.</source>
        <translation>{severity}&#xa0;: vérifiez la saisie.</translation>
    </message>
</context>
<context>
    <name>CaseState</name>
    <message>
        <source>not entered: the site&apos;s values (site-defaults.json) cannot be read, so LeptoDesk cannot plan</source>
        <translation>non saisi&#xa0;: les valeurs du site (site-defaults.json) sont illisibles, LeptoDesk ne peut donc pas établir de plan</translation>
    </message>
</context>
<context>
    <name>CaseWizard</name>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Précédent</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Suivant &gt;</translation>
    </message>
    <message>
        <source>F&amp;inish</source>
        <translation>&amp;Terminer</translation>
    </message>
</context>
<context>
    <name>ComplicationsPlannedPage</name>
    <message>
        <source>Complications and planned treatments</source>
        <translation>Complications et traitements prévus</translation>
    </message>
    <message>
        <source>The plan&apos;s calendar starts from the treatment start date.</source>
        <translation>Le calendrier du plan part de la date de début du traitement.</translation>
    </message>
    <message>
        <source>Complications</source>
        <translation>Complications</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Prévu</translation>
    </message>
    <message>
        <source>Once daily</source>
        <translation>Une fois par jour</translation>
    </message>
    <message>
        <source>Divided every 12 hours</source>
        <translation>En deux prises, toutes les 12 heures</translation>
    </message>
</context>
<context>
    <name>CsfPage</name>
    <message>
        <source>CSF results</source>
        <translation>Résultats du LCR</translation>
    </message>
    <message>
        <source>Enter each result in the unit the laboratory reported.</source>
        <translation>Saisissez chaque résultat dans l&apos;unité donnée par le laboratoire.</translation>
    </message>
    <message>
        <source>mL ({low} to {high})</source>
        <translation>mL ({low} à {high})</translation>
    </message>
    <message>
        <source>cm H2O ({low} to {high})</source>
        <translation>cm H2O ({low} à {high})</translation>
    </message>
    <message>
        <source>/µL ({low} to {high})</source>
        <translation>/µL ({low} à {high})</translation>
    </message>
    <message>
        <source>% ({low} to {high})</source>
        <translation>% ({low} à {high})</translation>
    </message>
    <message>
        <source>Positive</source>
        <translation>Positive</translation>
    </message>
    <message>
        <source>Negative</source>
        <translation>Négative</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Non envoyée</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Faible</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Forte</translation>
    </message>
</context>
<context>
    <name>EtiologyPage</name>
    <message>
        <source>Etiology</source>
        <translation>Étiologie</translation>
    </message>
    <message>
        <source>The cause of the leptomeningeal disease, as far as it is known.</source>
        <translation>La cause de l&apos;atteinte leptoméningée, pour autant qu&apos;elle soit connue.</translation>
    </message>
    <message>
        <source>Tuberculous</source>
        <translation>Tuberculeuse</translation>
    </message>
    <message>
        <source>Fungal</source>
        <translation>Fongique</translation>
    </message>
    <message>
        <source>Bacterial</source>
        <translation>Bactérienne</translation>
    </message>
    <message>
        <source>Neurosarcoidosis</source>
        <translation>Neurosarcoïdose</translation>
    </message>
    <message>
        <source>Malignant</source>
        <translation>Maligne</translation>
    </message>
    <message>
        <source>Not yet known</source>
        <translation>Pas encore connue</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <source>Not known</source>
        <translation>Inconnu</translation>
    </message>
    <message>
        <source>DD/MM/YYYY HH:MM</source>
        <translation>JJ/MM/AAAA HH:MM</translation>
    </message>
    <message>
        <source>DD/MM/YYYY</source>
        <translation>JJ/MM/AAAA</translation>
    </message>
    <message>
        <source>DD/MM/YYYY HH:MM (24-hour), e.g. 24/11/2026 08:30</source>
        <translation>JJ/MM/AAAA HH:MM (sur 24 h), p. ex. 24/11/2026 08:30</translation>
    </message>
    <message>
        <source>DD/MM/YYYY, e.g. 24/11/2026</source>
        <translation>JJ/MM/AAAA, p. ex. 24/11/2026</translation>
    </message>
    <message>
        <source>message for {field}</source>
        <translation>message pour {field}</translation>
    </message>
    <message>
        <source>Not accepted: {reason}. Not saved: the case keeps {kept}.</source>
        <translation>Non accepté&#xa0;: {reason}. Non enregistré&#xa0;: le dossier garde {kept}.</translation>
    </message>
    <message>
        <source>Not accepted: {reason}. Not saved: the case keeps no value.</source>
        <translation>Non accepté&#xa0;: {reason}. Non enregistré&#xa0;: le dossier ne garde aucune valeur.</translation>
    </message>
    <message>
        <source>Pick...</source>
        <translation>Choisir...</translation>
    </message>
    <message>
        <source>pick {field} from a calendar</source>
        <translation>choisir {field} dans un calendrier</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Maintenant</translation>
    </message>
    <message>
        <source>set {field} to now</source>
        <translation>mettre {field} à maintenant</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Aujourd&apos;hui</translation>
    </message>
    <message>
        <source>set {field} to today</source>
        <translation>mettre {field} à aujourd&apos;hui</translation>
    </message>
    <message>
        <source>type it as {format}, or use {pick} or {now} (you typed &quot;{typed}&quot;)</source>
        <translation>saisissez-la au format {format}, ou utilisez {pick} ou {now} (vous avez saisi «&#xa0;{typed}&#xa0;»)</translation>
    </message>
    <message>
        <source>calendar for {field}</source>
        <translation>calendrier pour {field}</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>weight unit (kg or lb)</source>
        <translation>unité de poids (kg ou lb)</translation>
    </message>
    <message>
        <source>pounds</source>
        <translation>livres (lb)</translation>
    </message>
    <message>
        <source>kilograms (0.3 to 350)</source>
        <translation>kg (0,3 à 350)</translation>
    </message>
    <message>
        <source>value</source>
        <translation>valeur</translation>
    </message>
    <message>
        <source>{field} value</source>
        <translation>{field}&#xa0;: valeur</translation>
    </message>
    <message>
        <source>{field} unit</source>
        <translation>{field}&#xa0;: unité</translation>
    </message>
</context>
<context>
    <name>FungalOrganismPage</name>
    <message>
        <source>Fungal organism</source>
        <translation>Champignon en cause</translation>
    </message>
    <message>
        <source>The organism, if identified.</source>
        <translation>L&apos;agent, s&apos;il est identifié.</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
</context>
<context>
    <name>ImagingLpPage</name>
    <message>
        <source>Imaging and lumbar-puncture safety</source>
        <translation>Imagerie et sécurité de la ponction lombaire</translation>
    </message>
    <message>
        <source>The verdict below is the guideline&apos;s, from what is entered here.</source>
        <translation>L&apos;avis ci-dessous est celui de la recommandation, d&apos;après les données saisies ici.</translation>
    </message>
    <message>
        <source>lumbar puncture verdict</source>
        <translation>avis sur la ponction lombaire</translation>
    </message>
    <message>
        <source>Imaging</source>
        <translation>Imagerie</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Faite</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Prévue</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>Non faite</translation>
    </message>
    <message>
        <source>LP safety</source>
        <translation>Sécurité de la PL</translation>
    </message>
    <message>
        <source>×10⁹/L ({low} to {high})</source>
        <translation>×10⁹/L ({low} à {high})</translation>
    </message>
    <message>
        <source>{low} to {high}</source>
        <translation>{low} à {high}</translation>
    </message>
    <message>
        <source>hours since the last dose ({low} to {high})</source>
        <translation>heures depuis la dernière dose ({low} à {high})</translation>
    </message>
    <message>
        <source>None given</source>
        <translation>Aucune administrée</translation>
    </message>
    <message>
        <source>Given</source>
        <translation>Administrée</translation>
    </message>
    <message>
        <source>Not known keeps the LP verdict incomplete</source>
        <translation>«&#xa0;Inconnu&#xa0;» laisse l&apos;avis sur la PL incomplet</translation>
    </message>
    <message>
        <source>Only when given</source>
        <translation>Seulement si administrée</translation>
    </message>
    <message>
        <source>LP verdict:</source>
        <translation>Avis sur la PL&#xa0;:</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Outils</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>LeptoDesk case (*.json);;All files (*)</source>
        <translation>Dossier LeptoDesk (*.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>The site&apos;s values cannot be read</source>
        <translation>Les valeurs du site sont illisibles</translation>
    </message>
    <message>
        <source>{problem}

LeptoDesk plans only with this site&apos;s values. Ask the site administrator to correct the file; LeptoDesk closes now.</source>
        <translation>{problem}

LeptoDesk ne fait de plan qu&apos;avec les valeurs de ce site. Demandez à l&apos;administrateur du site de corriger le fichier&#xa0;; LeptoDesk se ferme maintenant.</translation>
    </message>
    <message>
        <source>&amp;New case</source>
        <translation>&amp;Nouveau dossier</translation>
    </message>
    <message>
        <source>&amp;Open case...</source>
        <translation>&amp;Ouvrir un dossier...</translation>
    </message>
    <message>
        <source>Open &amp;plan (PDF)...</source>
        <translation>Ouvrir un &amp;plan (PDF)...</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>Save &amp;as...</source>
        <translation>Enregistrer &amp;sous...</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Verify PDF...</source>
        <translation>&amp;Vérifier un PDF...</translation>
    </message>
    <message>
        <source>&amp;Plans...</source>
        <translation>&amp;Plans signés...</translation>
    </message>
    <message>
        <source>&amp;Larger font</source>
        <translation>&amp;Grands caractères</translation>
    </message>
    <message>
        <source>&amp;Recent files</source>
        <translation>Fichiers &amp;récents</translation>
    </message>
    <message>
        <source>&amp;Unfinished cases</source>
        <translation>Dossiers &amp;inachevés</translation>
    </message>
    <message>
        <source>Lan&amp;guage</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>Case wizard</source>
        <translation>Assistant de saisie du dossier</translation>
    </message>
    <message>
        <source>Translation pending clinical review — English original: View &gt; Language &gt; English</source>
        <translation>Traduction en attente de relecture clinique — original anglais&#xa0;: Affichage &gt; Langue &gt; English</translation>
    </message>
    <message>
        <source>new case</source>
        <translation>nouveau dossier</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <source>The case has unsaved changes. Save them first?</source>
        <translation>Le dossier contient des modifications non enregistrées. Les enregistrer d&apos;abord&#xa0;?</translation>
    </message>
    <message>
        <source>Autosave failed: {reason}</source>
        <translation>Échec de l&apos;enregistrement automatique&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Saved cases cannot be read: {reason}</source>
        <translation>Impossible de lire les dossiers enregistrés&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>No name entered</source>
        <translation>Aucun nom saisi</translation>
    </message>
    <message>
        <source>{name} - last saved {when}</source>
        <translation>{name} - dernier enregistrement {when}</translation>
    </message>
    <message>
        <source>No unfinished cases</source>
        <translation>Aucun dossier inachevé</translation>
    </message>
    <message>
        <source>&amp;Choose or discard...</source>
        <translation>&amp;Choisir ou supprimer...</translation>
    </message>
    <message>
        <source>The draft cannot be resumed</source>
        <translation>Impossible de reprendre le brouillon</translation>
    </message>
    <message>
        <source>The draft cannot be resumed: it is no longer among the saved drafts.</source>
        <translation>Impossible de reprendre le brouillon&#xa0;: il ne fait plus partie des brouillons enregistrés.</translation>
    </message>
    <message>
        <source>The draft cannot be resumed: {reason}</source>
        <translation>Impossible de reprendre le brouillon&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>autosaved draft</source>
        <translation>brouillon enregistré automatiquement</translation>
    </message>
    <message>
        <source>The signed case is closed; a new case is open.</source>
        <translation>Le dossier signé est fermé&#xa0;; un nouveau dossier est ouvert.</translation>
    </message>
    <message>
        <source>Open case</source>
        <translation>Ouvrir un dossier</translation>
    </message>
    <message>
        <source>Not a valid case file</source>
        <translation>Fichier de dossier non valide</translation>
    </message>
    <message>
        <source>Cannot open the case file</source>
        <translation>Impossible d&apos;ouvrir le fichier du dossier</translation>
    </message>
    <message>
        <source>Open plan (PDF)</source>
        <translation>Ouvrir un plan (PDF)</translation>
    </message>
    <message>
        <source>Signed plan (*.pdf)</source>
        <translation>Plan signé (*.pdf)</translation>
    </message>
    <message>
        <source>Cannot open the plan</source>
        <translation>Impossible d&apos;ouvrir le plan</translation>
    </message>
    <message>
        <source>Opened the signed case of export {export_id}: {verdict}</source>
        <translation>Dossier signé de l&apos;export {export_id} ouvert&#xa0;: {verdict}</translation>
    </message>
    <message>
        <source>Save case</source>
        <translation>Enregistrer le dossier</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Non enregistré</translation>
    </message>
</context>
<context>
    <name>OpenPlan</name>
    <message>
        <source>Nurse summary: no case to open</source>
        <translation>Résumé infirmier&#xa0;: aucun cas à ouvrir</translation>
    </message>
    <message>
        <source>This is the nurse summary of export {export_id}; open the clinician plan to reopen the case.</source>
        <translation>C&apos;est le résumé infirmier de l&apos;export {export_id}&#xa0;; ouvrez le plan clinicien pour rouvrir le cas.</translation>
    </message>
    <message>
        <source>Plan refused</source>
        <translation>Plan refusé</translation>
    </message>
</context>
<context>
    <name>PatientPage</name>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>Who this plan is for. Leave anything not known empty; the plan lists what is missing.</source>
        <translation>Pour qui est ce plan. Laissez vide ce qui n&apos;est pas connu&#xa0;; le plan indique ce qui manque.</translation>
    </message>
    <message>
        <source>e.g. Bed 12 / MRN 0042</source>
        <translation>p. ex. Lit 12 / dossier 0042</translation>
    </message>
    <message>
        <source>years (0 to 120)</source>
        <translation>ans (0 à 120)</translation>
    </message>
    <message>
        <source>days (0 to 365), infants under one year</source>
        <translation>jours (0 à 365), moins d&apos;un an</translation>
    </message>
    <message>
        <source>Infants: also give the age in days</source>
        <translation>Nourrissons&#xa0;: indiquez aussi l&apos;âge en jours</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>poids</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>Féminin</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>Masculin</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
</context>
<context>
    <name>PlanHtml</name>
    <message>
        <source>Item</source>
        <translation>Élément</translation>
    </message>
</context>
<context>
    <name>PlanPanel</name>
    <message>
        <source>Loading the guideline...</source>
        <translation>Chargement de la recommandation...</translation>
    </message>
    <message>
        <source>What the guideline says for this case</source>
        <translation>Ce que dit la recommandation pour ce dossier</translation>
    </message>
    <message>
        <source>(updates with each entry)</source>
        <translation>(mis à jour à chaque saisie)</translation>
    </message>
    <message>
        <source>patient and pathway</source>
        <translation>patient et parcours</translation>
    </message>
    <message>
        <source>live plan</source>
        <translation>plan en direct</translation>
    </message>
</context>
<context>
    <name>PlansWindow</name>
    <message>
        <source>Signed</source>
        <translation>Signé le</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>Pathway</source>
        <translation>Parcours</translation>
    </message>
    <message>
        <source>Signer</source>
        <translation>Signataire</translation>
    </message>
    <message>
        <source>Content version</source>
        <translation>Version du contenu</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(sans nom)</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>non vérifié</translation>
    </message>
    <message>
        <source>LeptoDesk - signed plans</source>
        <translation>LeptoDesk - plans signés</translation>
    </message>
    <message>
        <source>&amp;Patient:</source>
        <translation>&amp;Patient&#xa0;:</translation>
    </message>
    <message>
        <source>Search by patient</source>
        <translation>Rechercher par patient</translation>
    </message>
    <message>
        <source>part of the name, bed or MRN</source>
        <translation>partie du nom, du lit ou du n° de dossier</translation>
    </message>
    <message>
        <source>Signed &amp;between</source>
        <translation>Signé &amp;entre le</translation>
    </message>
    <message>
        <source>Filter by signing date</source>
        <translation>Filtrer par date de signature</translation>
    </message>
    <message>
        <source>Signed from</source>
        <translation>Signé à partir du</translation>
    </message>
    <message>
        <source>Signed until</source>
        <translation>Signé jusqu&apos;au</translation>
    </message>
    <message>
        <source>and</source>
        <translation>et le</translation>
    </message>
    <message>
        <source>Check &amp;code:</source>
        <translation>&amp;Code de contrôle :</translation>
    </message>
    <message>
        <source>Check code</source>
        <translation>Code de contrôle</translation>
    </message>
    <message>
        <source>Signed plans</source>
        <translation>Plans signés</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>&amp;Verify signature</source>
        <translation>&amp;Vérifier la signature</translation>
    </message>
    <message>
        <source>Previe&amp;w nurse summary</source>
        <translation>&amp;Aperçu du résumé infirmier</translation>
    </message>
    <message>
        <source>P&amp;rint nurse summary</source>
        <translation>&amp;Imprimer le résumé infirmier</translation>
    </message>
    <message>
        <source>&amp;Save a copy...</source>
        <translation>Enregistrer une &amp;copie...</translation>
    </message>
    <message>
        <source>Export F&amp;HIR...</source>
        <translation>Exporter en F&amp;HIR...</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>Actuali&amp;ser</translation>
    </message>
    <message>
        <source>Find by check code</source>
        <translation>Trouver par code de contrôle</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Fermer</translation>
    </message>
    <message>
        <source>No signed plans match.</source>
        <translation>Aucun plan signé ne correspond.</translation>
    </message>
    <message>
        <source>No signed plan has the check code {code}.</source>
        <translation>Aucun plan signé n&apos;a le code de contrôle {code}.</translation>
    </message>
    <message>
        <source>Save a copy of the signed plan</source>
        <translation>Enregistrer une copie du plan signé</translation>
    </message>
    <message>
        <source>Signed plan (*.pdf)</source>
        <translation>Plan signé (*.pdf)</translation>
    </message>
    <message>
        <source>Checking the signature...</source>
        <translation>Vérification de la signature...</translation>
    </message>
    <message>
        <source>FAIL: the check could not run ({reason}).</source>
        <translation>ÉCHEC&#xa0;: la vérification n&apos;a pas pu se faire ({reason}).</translation>
    </message>
    <message>
        <source>Checking the signed nurse summary...</source>
        <translation>Vérification du résumé infirmier signé...</translation>
    </message>
    <message>
        <source>Not printed</source>
        <translation>Non imprimé</translation>
    </message>
    <message>
        <source>The archived nurse summary of plan {number} does not verify, so it is not printed.

{verdict}</source>
        <translation>Le résumé infirmier archivé du plan {number} ne passe pas la vérification&#xa0;: il n&apos;est donc pas imprimé.

{verdict}</translation>
    </message>
    <message>
        <source>Nurse summary - plan {number}</source>
        <translation>Résumé infirmier - plan {number}</translation>
    </message>
    <message>
        <source>No nurse summary printed: {reason}</source>
        <translation>Aucun résumé infirmier imprimé&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>No nurse summary</source>
        <translation>Pas de résumé infirmier</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Non enregistré</translation>
    </message>
    <message>
        <source>The archived plan {number} does not verify, so no copy was saved.

{verdict}</source>
        <translation>Le plan archivé {number} ne se vérifie pas : aucune copie n&apos;a été enregistrée.

{verdict}</translation>
    </message>
    <message>
        <source>Saved a copy to {path}.</source>
        <translation>Copie enregistrée dans {path}.</translation>
    </message>
    <message>
        <source>Export the signed plan as a FHIR bundle</source>
        <translation>Exporter le plan signé en bundle FHIR</translation>
    </message>
    <message>
        <source>FHIR bundle (*.json)</source>
        <translation>Bundle FHIR (*.json)</translation>
    </message>
    <message>
        <source>The identity that signed this plan</source>
        <translation>L&apos;identité qui a signé ce plan</translation>
    </message>
    <message>
        <source>PKCS#12 identity (*.p12 *.pfx)</source>
        <translation>Identité PKCS#12 (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Phrase secrète</translation>
    </message>
    <message>
        <source>Passphrase of {name}:</source>
        <translation>Phrase secrète de {name}&#xa0;:</translation>
    </message>
    <message>
        <source>Cannot read the plan</source>
        <translation>Impossible de lire le plan</translation>
    </message>
    <message>
        <source>FHIR bundle written to {path}, signed by {signer}.</source>
        <translation>Bundle FHIR écrit dans {path}, signé par {signer}.</translation>
    </message>
    <message>
        <source>No FHIR bundle written: {reason}</source>
        <translation>Aucun bundle FHIR écrit&#xa0;: {reason}</translation>
    </message>
</context>
<context>
    <name>Plurals</name>
    <message numerus="yes">
        <source>%n STOP alert(s)</source>
        <translation>
            <numerusform>%n alerte STOP</numerusform>
            <numerusform>%n alertes STOP</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n avertissement</numerusform>
            <numerusform>%n avertissements</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n jour</numerusform>
            <numerusform>%n jours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n year(s)</source>
        <translation>
            <numerusform>%n an</numerusform>
            <numerusform>%n ans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>... and %n more date(s) (see the review page).</source>
        <translation>
            <numerusform>... et %n autre date (voir la page de relecture).</numerusform>
            <numerusform>... et %n autres dates (voir la page de relecture).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PresentationPage</name>
    <message>
        <source>Presentation and urgent signs</source>
        <translation>Présentation et signes d&apos;urgence</translation>
    </message>
    <message>
        <source>Answer Yes or No; leave Not known where it has not been assessed.</source>
        <translation>Répondez Oui ou Non&#xa0;; laissez Inconnu si cela n&apos;a pas été évalué.</translation>
    </message>
    <message>
        <source>urgent alert</source>
        <translation>alerte urgente</translation>
    </message>
    <message>
        <source>Urgent signs</source>
        <translation>Signes d&apos;urgence</translation>
    </message>
    <message>
        <source>Leave empty if not started</source>
        <translation>Laisser vide si non commencés</translation>
    </message>
    <message>
        <source>Neurological signs</source>
        <translation>Signes neurologiques</translation>
    </message>
    <message>
        <source>STOP - Start IV antibiotics now.</source>
        <translation>STOP - Débuter les antibiotiques IV maintenant.</translation>
    </message>
</context>
<context>
    <name>PrimaryCancerPage</name>
    <message>
        <source>Primary cancer</source>
        <translation>Cancer primitif</translation>
    </message>
    <message>
        <source>The primary tumour and its targetable change.</source>
        <translation>La tumeur primitive et son altération ciblable.</translation>
    </message>
    <message>
        <source>Breast, HER2-positive</source>
        <translation>Sein, HER2 positif</translation>
    </message>
    <message>
        <source>Lung, EGFR-mutated</source>
        <translation>Poumon, EGFR muté</translation>
    </message>
    <message>
        <source>Melanoma, BRAF-mutated</source>
        <translation>Mélanome, BRAF muté</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>the printer could not be opened</source>
        <translation>l&apos;imprimante n&apos;a pas pu être ouverte</translation>
    </message>
    <message>
        <source>the default printer</source>
        <translation>l&apos;imprimante par défaut</translation>
    </message>
    <message>
        <source>Print preview: {title}</source>
        <translation>Aperçu avant impression&#xa0;: {title}</translation>
    </message>
    <message>
        <source>Print: {title}</source>
        <translation>Imprimer&#xa0;: {title}</translation>
    </message>
</context>
<context>
    <name>PrognosisPage</name>
    <message>
        <source>Prognosis</source>
        <translation>Pronostic</translation>
    </message>
    <message>
        <source>The guideline decides disease-directed treatment on these. Leave Not known rather than guess.</source>
        <translation>La recommandation décide du traitement de la maladie sur ces éléments. Laissez Inconnu plutôt que de deviner.</translation>
    </message>
    <message>
        <source>months ({low} to {high})</source>
        <translation>mois ({low} à {high})</translation>
    </message>
</context>
<context>
    <name>ResumeDialog</name>
    <message>
        <source>Resume an unfinished case</source>
        <translation>Reprendre un dossier inachevé</translation>
    </message>
    <message>
        <source>These cases were not finished. They were saved automatically. Choose one to continue, or start a new case (they stay saved).</source>
        <translation>Ces dossiers n&apos;ont pas été terminés. Ils ont été enregistrés automatiquement. Choisissez-en un pour continuer, ou commencez un nouveau dossier (ils restent enregistrés).</translation>
    </message>
    <message>
        <source>Unfinished cases</source>
        <translation>Dossiers inachevés</translation>
    </message>
    <message>
        <source>No name entered</source>
        <translation>Aucun nom saisi</translation>
    </message>
    <message>
        <source>{name}  -  last saved {when}</source>
        <translation>{name}  -  dernier enregistrement {when}</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Reprendre</translation>
    </message>
    <message>
        <source>Start &amp;new case</source>
        <translation>&amp;Nouveau dossier</translation>
    </message>
    <message>
        <source>&amp;Discard selected...</source>
        <translation>&amp;Supprimer la sélection...</translation>
    </message>
    <message>
        <source>Discard the draft?</source>
        <translation>Supprimer le brouillon&#xa0;?</translation>
    </message>
    <message>
        <source>Discard the unfinished case &apos;{name}&apos;? What was entered in it will be deleted.</source>
        <translation>Supprimer le dossier inachevé «&#xa0;{name}&#xa0;»&#xa0;? Ce qui y a été saisi sera effacé.</translation>
    </message>
    <message>
        <source>Not discarded</source>
        <translation>Non supprimé</translation>
    </message>
    <message>
        <source>a case with no name entered</source>
        <translation>un dossier sans nom saisi</translation>
    </message>
    <message>
        <source>Resume the case that was open?</source>
        <translation>Reprendre le dossier qui était ouvert&#xa0;?</translation>
    </message>
    <message>
        <source>LeptoDesk did not close properly last time. The case being entered then was saved automatically: {name}, last saved {when}.

Resume it now? (It also stays under File &gt; Unfinished cases.)</source>
        <translation>LeptoDesk ne s&apos;est pas fermé correctement la dernière fois. Le dossier en cours de saisie a été enregistré automatiquement&#xa0;: {name}, dernier enregistrement {when}.

Le reprendre maintenant&#xa0;? (Il reste aussi dans Fichier &gt; Dossiers inachevés.)</translation>
    </message>
    <message>
        <source>Saved cases are not available</source>
        <translation>Les dossiers enregistrés ne sont pas disponibles</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Review the plan</source>
        <translation>Relire le plan</translation>
    </message>
    <message>
        <source>Check what was entered (left) and each line of the plan against its reference (right) before signing.</source>
        <translation>Vérifiez les données saisies (à gauche) et chaque ligne du plan avec sa référence (à droite) avant de signer.</translation>
    </message>
    <message>
        <source>inputs the plan rests on</source>
        <translation>données sur lesquelles repose le plan</translation>
    </message>
    <message>
        <source>Entered</source>
        <translation>Donnée</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>&amp;Inputs the plan rests on</source>
        <translation>&amp;Données sur lesquelles repose le plan</translation>
    </message>
    <message>
        <source>the whole plan</source>
        <translation>le plan complet</translation>
    </message>
    <message>
        <source>The &amp;plan</source>
        <translation>Le &amp;plan</translation>
    </message>
</context>
<context>
    <name>SignPage</name>
    <message>
        <source>The case changed since it was signed (export {export_id}): that signed PDF is no longer this case&apos;s plan. Sign again to make a plan of the case as it is now.</source>
        <translation>Le dossier a changé depuis sa signature (export {export_id})&#xa0;: ce PDF signé n&apos;est plus le plan de ce dossier. Signez à nouveau pour établir le plan du dossier tel qu&apos;il est maintenant.</translation>
    </message>
    <message>
        <source>Choose your signing identity, enter its passphrase and where to write the PDF, then Sign and export.</source>
        <translation>Choisissez votre identité de signature, saisissez sa phrase secrète et l&apos;emplacement du PDF, puis Signer le plan et exporter.</translation>
    </message>
    <message>
        <source>Choose...</source>
        <translation>Choisir...</translation>
    </message>
    <message>
        <source>Sign and export</source>
        <translation>Signer et exporter</translation>
    </message>
    <message>
        <source>Signing is final for this plan: the signed PDF embeds the case.</source>
        <translation>La signature est définitive pour ce plan&#xa0;: le PDF signé contient le dossier.</translation>
    </message>
    <message>
        <source>signing identity file (.p12)</source>
        <translation>fichier d&apos;identité de signature (.p12)</translation>
    </message>
    <message>
        <source>choose the signing identity file (.p12)</source>
        <translation>choisir le fichier d&apos;identité de signature (.p12)</translation>
    </message>
    <message>
        <source>passphrase of the signing identity</source>
        <translation>phrase secrète de l&apos;identité de signature</translation>
    </message>
    <message>
        <source>signed PDF to write</source>
        <translation>PDF signé à écrire</translation>
    </message>
    <message>
        <source>choose the signed PDF to write</source>
        <translation>choisir le PDF signé à écrire</translation>
    </message>
    <message>
        <source>Also write the one-page &amp;nurse summary</source>
        <translation>Écrire aussi le résumé &amp;infirmier d&apos;une page</translation>
    </message>
    <message>
        <source>also write the nurse summary</source>
        <translation>écrire aussi le résumé infirmier</translation>
    </message>
    <message>
        <source>&amp;Sign and export</source>
        <translation>&amp;Signer le plan et exporter</translation>
    </message>
    <message>
        <source>&amp;Print the signed nurse summary...</source>
        <translation>I&amp;mprimer le résumé infirmier signé...</translation>
    </message>
    <message>
        <source>Print the signed nurse summary</source>
        <translation>Imprimer le résumé infirmier signé</translation>
    </message>
    <message>
        <source>&amp;Identity file</source>
        <translation>Fichier d&apos;&amp;identité</translation>
    </message>
    <message>
        <source>Pass&amp;phrase</source>
        <translation>&amp;Phrase secrète</translation>
    </message>
    <message>
        <source>&amp;Output PDF</source>
        <translation>PDF de so&amp;rtie</translation>
    </message>
    <message>
        <source>archive #{number}</source>
        <translation>archive n° {number}</translation>
    </message>
    <message>
        <source>archived locally; will be sent to the ward archive</source>
        <translation>archivé localement&#xa0;; sera envoyé à l&apos;archive du service</translation>
    </message>
    <message>
        <source>not in this workstation&apos;s archive</source>
        <translation>absent des archives de ce poste</translation>
    </message>
    <message>
        <source>Signed by {signer} at {when}; export {export_id}, {where}. This case is signed: it is not signed twice.</source>
        <translation>Signé par {signer} le {when}&#xa0;; export {export_id}, {where}. Ce dossier est signé&#xa0;: il n&apos;est pas signé deux fois.</translation>
    </message>
    <message>
        <source>Check code {code}: printed on every page; Tools &gt; Plans finds this plan by it at any workstation of the ward.</source>
        <translation>Code de contrôle {code}&#xa0;: imprimé sur chaque page&#xa0;; Outils &gt; Plans signés retrouve ce plan grâce à lui depuis tout poste du service.</translation>
    </message>
    <message>
        <source>Nurse summary: {path}</source>
        <translation>Résumé infirmier&#xa0;: {path}</translation>
    </message>
    <message>
        <source>Self-issued identity: fine for trying LeptoDesk, but this plan FAILs verification everywhere.</source>
        <translation>Identité auto-émise&#xa0;: convient pour essayer LeptoDesk, mais ce plan ÉCHOUE à la vérification partout.</translation>
    </message>
    <message>
        <source>Signing identity</source>
        <translation>Identité de signature</translation>
    </message>
    <message>
        <source>PKCS#12 identity (*.p12 *.pfx)</source>
        <translation>Identité PKCS#12 (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>Signed PDF</source>
        <translation>PDF signé</translation>
    </message>
    <message>
        <source>Choose the identity file and the output PDF first.</source>
        <translation>Choisissez d&apos;abord le fichier d&apos;identité et le PDF de sortie.</translation>
    </message>
    <message>
        <source>Not signed: answer every STOP and WARNING above first (accept, or override with a reason).</source>
        <translation>Non signé&#xa0;: répondre d&apos;abord à chaque STOP et à chaque ATTENTION ci-dessus (accepter, ou outrepasser avec un motif).</translation>
    </message>
    <message>
        <source>Not signed: the folder {folder} does not exist. Choose where to write the PDF with Choose... beside Output PDF.</source>
        <translation>Non signé&#xa0;: le dossier {folder} n&apos;existe pas. Choisissez où écrire le PDF avec Choisir... à côté de PDF de sortie.</translation>
    </message>
    <message>
        <source>Signing...</source>
        <translation>Signature en cours...</translation>
    </message>
    <message>
        <source>cannot write {path}: {reason}</source>
        <translation>impossible d&apos;écrire {path}&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Not signed: {reason}</source>
        <translation>Non signé&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Not printed: this signed plan is not in this workstation&apos;s archive; import it with its nurse summary (leptodesk plans import PLAN.pdf NURSE.pdf), then print from Tools &gt; Plans.</source>
        <translation>Non imprimé&#xa0;: ce plan signé n&apos;est pas dans les archives de ce poste&#xa0;; importez-le avec son résumé infirmier (leptodesk plans import PLAN.pdf NURSE.pdf), puis imprimez depuis Outils &gt; Plans signés.</translation>
    </message>
    <message>
        <source>Not printed: {reason}</source>
        <translation>Non imprimé&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Nurse summary - export {export_id}</source>
        <translation>Résumé infirmier - export {export_id}</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>the printer</source>
        <translation>l&apos;imprimante</translation>
    </message>
    <message>
        <source>Sent to {printer}: {title}.</source>
        <translation>Envoyé à {printer}&#xa0;: {title}.</translation>
    </message>
</context>
<context>
    <name>VerdictView</name>
    <message>
        <source>&amp;Details</source>
        <translation>&amp;Détails</translation>
    </message>
    <message>
        <source>Details: fingerprints and hashes</source>
        <translation>Détails&#xa0;: empreintes et condensats</translation>
    </message>
    <message>
        <source>Verification result</source>
        <translation>Résultat de la vérification</translation>
    </message>
    <message>
        <source>Verification details</source>
        <translation>Détails de la vérification</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <source>Verify a signed plan</source>
        <translation>Vérifier un plan signé</translation>
    </message>
    <message>
        <source>Signed PDF to verify</source>
        <translation>PDF signé à vérifier</translation>
    </message>
    <message>
        <source>&amp;Browse...</source>
        <translation>&amp;Parcourir...</translation>
    </message>
    <message>
        <source>Choose the PDF to verify</source>
        <translation>Choisir le PDF à vérifier</translation>
    </message>
    <message>
        <source>Site root to trust for this check only (optional)</source>
        <translation>Racine de site à accepter pour cette vérification seulement (facultatif)</translation>
    </message>
    <message>
        <source>optional: a site root&apos;s ROOT.pem, for this check only</source>
        <translation>facultatif&#xa0;: le ROOT.pem d&apos;une racine de site, pour cette vérification seulement</translation>
    </message>
    <message>
        <source>B&amp;rowse...</source>
        <translation>Pa&amp;rcourir...</translation>
    </message>
    <message>
        <source>Choose a site root certificate</source>
        <translation>Choisir un certificat racine de site</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>&amp;Vérifier</translation>
    </message>
    <message>
        <source>Verify the signature</source>
        <translation>Vérifier la signature</translation>
    </message>
    <message>
        <source>Choose a signed PDF and press Verify.</source>
        <translation>Choisissez un PDF signé et appuyez sur Vérifier.</translation>
    </message>
    <message>
        <source>&amp;PDF:</source>
        <translation>P&amp;DF&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Also trust:</source>
        <translation>&amp;Accepter aussi&#xa0;:</translation>
    </message>
    <message>
        <source>Choose a signed plan</source>
        <translation>Choisir un plan signé</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer *.der)</source>
        <translation>Certificats (*.pem *.crt *.cer *.der)</translation>
    </message>
    <message>
        <source>FAIL: no file chosen.</source>
        <translation>ÉCHEC&#xa0;: aucun fichier choisi.</translation>
    </message>
    <message>
        <source>FAIL: cannot check this file ({reason}).</source>
        <translation>ÉCHEC&#xa0;: impossible de vérifier ce fichier ({reason}).</translation>
    </message>
    <message>
        <source>File: {path}</source>
        <translation>Fichier&#xa0;: {path}</translation>
    </message>
    <message>
        <source>{verdict}. Do not use this plan.</source>
        <translation>{verdict}. N&apos;utilisez pas ce plan.</translation>
    </message>
</context>
</TS>
