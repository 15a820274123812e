<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_MZ">
<context>
    <name>AckPanel</name>
    <message>
        <source>benefit outweighs risk</source>
        <translation>o benefício supera o risco</translation>
    </message>
    <message>
        <source>already addressed</source>
        <translation>já resolvido</translation>
    </message>
    <message>
        <source>not applicable to this patient</source>
        <translation>não se aplica a este doente</translation>
    </message>
    <message>
        <source>other (say why in the comment)</source>
        <translation>outro (diga porquê no comentário)</translation>
    </message>
    <message>
        <source>Accept: will follow</source>
        <translation>Aceitar: será seguido</translation>
    </message>
    <message>
        <source>Override</source>
        <translation>Ignorar</translation>
    </message>
    <message>
        <source>Accept, will follow: {alert}</source>
        <translation>Aceitar, será seguido: {alert}</translation>
    </message>
    <message>
        <source>Override: {alert}</source>
        <translation>Ignorar: {alert}</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comentário</translation>
    </message>
    <message>
        <source>Override reason for {alert}</source>
        <translation>Motivo para ignorar {alert}</translation>
    </message>
    <message>
        <source>Override comment for {alert}</source>
        <translation>Comentário para ignorar {alert}</translation>
    </message>
    <message>
        <source>Choose a reason...</source>
        <translation>Escolha um motivo...</translation>
    </message>
    <message>
        <source>Before signing, answer every STOP and WARNING: accept it (you will follow it) or override it with a reason. The answers are signed with the plan and printed beside each alert.</source>
        <translation>Antes de assinar, responda a cada PARE e a cada ATENÇÃO: aceite-o (vai segui-lo) ou ignore-o com um motivo. As respostas são assinadas com o plano e impressas ao lado de cada alerta.</translation>
    </message>
    <message>
        <source>STOP and WARNING alerts to acknowledge</source>
        <translation>Alertas PARE e ATENÇÃO a reconhecer</translation>
    </message>
</context>
<context>
    <name>AlertStrip</name>
    <message>
        <source>No STOP alerts</source>
        <translation>Nenhum alerta PARE</translation>
    </message>
    <message>
        <source>no warnings</source>
        <translation>nenhum aviso</translation>
    </message>
    <message>
        <source>{stops}, {warnings} in the plan.</source>
        <translation>{stops}, {warnings} no plano.</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alertas</translation>
    </message>
    <message>
        <source>alert count</source>
        <translation>número de alertas</translation>
    </message>
    <message>
        <source>Loading the guideline...</source>
        <translation>A carregar a norma clínica...</translation>
    </message>
</context>
<context>
    <name>CasePage</name>
    <message>
        <source>checks of the entries here</source>
        <translation>verificações dos dados desta página</translation>
    </message>
    <message>
        <source>{severity}: check the entry.</source>
        <translation>{severity}: verifique o dado introduzido.</translation>
    </message>
</context>
<context>
    <name>CaseState</name>
    <message>
        <source>not entered: the site&apos;s values (site-defaults.json) cannot be read, so LeptoDesk cannot plan</source>
        <translation>não registado: não é possível ler os valores do local (site-defaults.json), por isso o LeptoDesk não pode fazer o plano</translation>
    </message>
</context>
<context>
    <name>CaseWizard</name>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Anterior</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Seguinte &gt;</translation>
    </message>
    <message>
        <source>F&amp;inish</source>
        <translation>&amp;Concluir</translation>
    </message>
</context>
<context>
    <name>ComplicationsPlannedPage</name>
    <message>
        <source>Complications and planned treatments</source>
        <translation>Complicações e tratamentos previstos</translation>
    </message>
    <message>
        <source>The plan&apos;s calendar starts from the treatment start date.</source>
        <translation>O calendário do plano conta a partir da data de início do tratamento.</translation>
    </message>
    <message>
        <source>Complications</source>
        <translation>Complicações</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Previsto</translation>
    </message>
    <message>
        <source>Once daily</source>
        <translation>Uma vez por dia</translation>
    </message>
    <message>
        <source>Divided every 12 hours</source>
        <translation>Dividida de 12 em 12 horas</translation>
    </message>
</context>
<context>
    <name>CsfPage</name>
    <message>
        <source>CSF results</source>
        <translation>Resultados do LCR</translation>
    </message>
    <message>
        <source>Enter each result in the unit the laboratory reported.</source>
        <translation>Introduza cada resultado na unidade indicada pelo laboratório.</translation>
    </message>
    <message>
        <source>mL ({low} to {high})</source>
        <translation>mL ({low} a {high})</translation>
    </message>
    <message>
        <source>cm H2O ({low} to {high})</source>
        <translation>cm H2O ({low} a {high})</translation>
    </message>
    <message>
        <source>/µL ({low} to {high})</source>
        <translation>/µL ({low} a {high})</translation>
    </message>
    <message>
        <source>% ({low} to {high})</source>
        <translation>% ({low} a {high})</translation>
    </message>
    <message>
        <source>Positive</source>
        <translation>Positiva</translation>
    </message>
    <message>
        <source>Negative</source>
        <translation>Negativa</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pendente</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Não enviada</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Baixa</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Alta</translation>
    </message>
</context>
<context>
    <name>EtiologyPage</name>
    <message>
        <source>Etiology</source>
        <translation>Etiologia</translation>
    </message>
    <message>
        <source>The cause of the leptomeningeal disease, as far as it is known.</source>
        <translation>A causa da doença leptomeníngea, tanto quanto se sabe.</translation>
    </message>
    <message>
        <source>Tuberculous</source>
        <translation>Tuberculosa</translation>
    </message>
    <message>
        <source>Fungal</source>
        <translation>Fúngica</translation>
    </message>
    <message>
        <source>Bacterial</source>
        <translation>Bacteriana</translation>
    </message>
    <message>
        <source>Neurosarcoidosis</source>
        <translation>Neurossarcoidose</translation>
    </message>
    <message>
        <source>Malignant</source>
        <translation>Maligna</translation>
    </message>
    <message>
        <source>Not yet known</source>
        <translation>Ainda não conhecida</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <source>Not known</source>
        <translation>Desconhecido</translation>
    </message>
    <message>
        <source>DD/MM/YYYY HH:MM</source>
        <translation>DD/MM/AAAA HH:MM</translation>
    </message>
    <message>
        <source>DD/MM/YYYY</source>
        <translation>DD/MM/AAAA</translation>
    </message>
    <message>
        <source>DD/MM/YYYY HH:MM (24-hour), e.g. 24/11/2026 08:30</source>
        <translation>DD/MM/AAAA HH:MM (24 horas), p. ex. 24/11/2026 08:30</translation>
    </message>
    <message>
        <source>DD/MM/YYYY, e.g. 24/11/2026</source>
        <translation>DD/MM/AAAA, p. ex. 24/11/2026</translation>
    </message>
    <message>
        <source>message for {field}</source>
        <translation>mensagem sobre {field}</translation>
    </message>
    <message>
        <source>Not accepted: {reason}. Not saved: the case keeps {kept}.</source>
        <translation>Não aceite: {reason}. Não guardado: o caso mantém {kept}.</translation>
    </message>
    <message>
        <source>Not accepted: {reason}. Not saved: the case keeps no value.</source>
        <translation>Não aceite: {reason}. Não guardado: o caso fica sem valor.</translation>
    </message>
    <message>
        <source>Pick...</source>
        <translation>Escolher...</translation>
    </message>
    <message>
        <source>pick {field} from a calendar</source>
        <translation>escolher {field} num calendário</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Agora</translation>
    </message>
    <message>
        <source>set {field} to now</source>
        <translation>pôr {field} com a hora actual</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoje</translation>
    </message>
    <message>
        <source>set {field} to today</source>
        <translation>pôr {field} com a data de hoje</translation>
    </message>
    <message>
        <source>type it as {format}, or use {pick} or {now} (you typed &quot;{typed}&quot;)</source>
        <translation>escreva-a no formato {format}, ou use {pick} ou {now} (escreveu «{typed}»)</translation>
    </message>
    <message>
        <source>calendar for {field}</source>
        <translation>calendário para {field}</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sim</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Não</translation>
    </message>
    <message>
        <source>weight unit (kg or lb)</source>
        <translation>unidade de peso (kg ou lb)</translation>
    </message>
    <message>
        <source>pounds</source>
        <translation>libras (lb)</translation>
    </message>
    <message>
        <source>kilograms (0.3 to 350)</source>
        <translation>quilogramas (0,3 a 350)</translation>
    </message>
    <message>
        <source>value</source>
        <translation>valor</translation>
    </message>
    <message>
        <source>{field} value</source>
        <translation>{field}: valor</translation>
    </message>
    <message>
        <source>{field} unit</source>
        <translation>{field}: unidade</translation>
    </message>
</context>
<context>
    <name>FungalOrganismPage</name>
    <message>
        <source>Fungal organism</source>
        <translation>Fungo causador</translation>
    </message>
    <message>
        <source>The organism, if identified.</source>
        <translation>O agente, se identificado.</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Outro</translation>
    </message>
</context>
<context>
    <name>ImagingLpPage</name>
    <message>
        <source>Imaging and lumbar-puncture safety</source>
        <translation>Imagiologia e segurança da punção lombar</translation>
    </message>
    <message>
        <source>The verdict below is the guideline&apos;s, from what is entered here.</source>
        <translation>O parecer abaixo é o da norma clínica, a partir dos dados introduzidos aqui.</translation>
    </message>
    <message>
        <source>lumbar puncture verdict</source>
        <translation>parecer sobre a punção lombar</translation>
    </message>
    <message>
        <source>Imaging</source>
        <translation>Imagiologia</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Feita</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Prevista</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>Não feita</translation>
    </message>
    <message>
        <source>LP safety</source>
        <translation>Segurança da PL</translation>
    </message>
    <message>
        <source>×10⁹/L ({low} to {high})</source>
        <translation>×10⁹/L ({low} a {high})</translation>
    </message>
    <message>
        <source>{low} to {high}</source>
        <translation>{low} a {high}</translation>
    </message>
    <message>
        <source>hours since the last dose ({low} to {high})</source>
        <translation>horas desde a última dose ({low} a {high})</translation>
    </message>
    <message>
        <source>None given</source>
        <translation>Nenhuma administrada</translation>
    </message>
    <message>
        <source>Given</source>
        <translation>Administrada</translation>
    </message>
    <message>
        <source>Not known keeps the LP verdict incomplete</source>
        <translation>«Desconhecido» deixa o parecer sobre a PL incompleto</translation>
    </message>
    <message>
        <source>Only when given</source>
        <translation>Só se administrada</translation>
    </message>
    <message>
        <source>LP verdict:</source>
        <translation>Parecer sobre a PL:</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Ficheiro</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>Ferramen&amp;tas</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>LeptoDesk case (*.json);;All files (*)</source>
        <translation>Caso LeptoDesk (*.json);;Todos os ficheiros (*)</translation>
    </message>
    <message>
        <source>The site&apos;s values cannot be read</source>
        <translation>Não é possível ler os valores do local</translation>
    </message>
    <message>
        <source>{problem}

LeptoDesk plans only with this site&apos;s values. Ask the site administrator to correct the file; LeptoDesk closes now.</source>
        <translation>{problem}

O LeptoDesk só faz planos com os valores deste local. Peça ao administrador do local que corrija o ficheiro; o LeptoDesk fecha-se agora.</translation>
    </message>
    <message>
        <source>&amp;New case</source>
        <translation>&amp;Novo caso</translation>
    </message>
    <message>
        <source>&amp;Open case...</source>
        <translation>&amp;Abrir caso...</translation>
    </message>
    <message>
        <source>Open &amp;plan (PDF)...</source>
        <translation>Abrir &amp;plano (PDF)...</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <source>Save &amp;as...</source>
        <translation>Guardar &amp;como...</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <source>&amp;Verify PDF...</source>
        <translation>&amp;Verificar PDF...</translation>
    </message>
    <message>
        <source>&amp;Plans...</source>
        <translation>&amp;Planos assinados...</translation>
    </message>
    <message>
        <source>&amp;Larger font</source>
        <translation>Letra &amp;maior</translation>
    </message>
    <message>
        <source>&amp;Recent files</source>
        <translation>Ficheiros &amp;recentes</translation>
    </message>
    <message>
        <source>&amp;Unfinished cases</source>
        <translation>Casos &amp;inacabados</translation>
    </message>
    <message>
        <source>Lan&amp;guage</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>Case wizard</source>
        <translation>Assistente de registo do caso</translation>
    </message>
    <message>
        <source>Translation pending clinical review — English original: View &gt; Language &gt; English</source>
        <translation>Tradução pendente de revisão clínica — original em inglês: Ver &gt; Idioma &gt; English</translation>
    </message>
    <message>
        <source>new case</source>
        <translation>novo caso</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Alterações não guardadas</translation>
    </message>
    <message>
        <source>The case has unsaved changes. Save them first?</source>
        <translation>O caso tem alterações não guardadas. Guardá-las primeiro?</translation>
    </message>
    <message>
        <source>Autosave failed: {reason}</source>
        <translation>Falhou a gravação automática: {reason}</translation>
    </message>
    <message>
        <source>Saved cases cannot be read: {reason}</source>
        <translation>Não é possível ler os casos guardados: {reason}</translation>
    </message>
    <message>
        <source>No name entered</source>
        <translation>Nenhum nome registado</translation>
    </message>
    <message>
        <source>{name} - last saved {when}</source>
        <translation>{name} - guardado pela última vez {when}</translation>
    </message>
    <message>
        <source>No unfinished cases</source>
        <translation>Nenhum caso inacabado</translation>
    </message>
    <message>
        <source>&amp;Choose or discard...</source>
        <translation>&amp;Escolher ou descartar...</translation>
    </message>
    <message>
        <source>The draft cannot be resumed</source>
        <translation>Não é possível retomar o rascunho</translation>
    </message>
    <message>
        <source>The draft cannot be resumed: it is no longer among the saved drafts.</source>
        <translation>Não é possível retomar o rascunho: já não está entre os rascunhos guardados.</translation>
    </message>
    <message>
        <source>The draft cannot be resumed: {reason}</source>
        <translation>Não é possível retomar o rascunho: {reason}</translation>
    </message>
    <message>
        <source>autosaved draft</source>
        <translation>rascunho guardado automaticamente</translation>
    </message>
    <message>
        <source>The signed case is closed; a new case is open.</source>
        <translation>O caso assinado foi fechado; está aberto um caso novo.</translation>
    </message>
    <message>
        <source>Open case</source>
        <translation>Abrir caso</translation>
    </message>
    <message>
        <source>Not a valid case file</source>
        <translation>Ficheiro de caso inválido</translation>
    </message>
    <message>
        <source>Cannot open the case file</source>
        <translation>Não é possível abrir o ficheiro do caso</translation>
    </message>
    <message>
        <source>Open plan (PDF)</source>
        <translation>Abrir plano (PDF)</translation>
    </message>
    <message>
        <source>Signed plan (*.pdf)</source>
        <translation>Plano assinado (*.pdf)</translation>
    </message>
    <message>
        <source>Cannot open the plan</source>
        <translation>Não é possível abrir o plano</translation>
    </message>
    <message>
        <source>Opened the signed case of export {export_id}: {verdict}</source>
        <translation>Aberto o caso assinado da exportação {export_id}: {verdict}</translation>
    </message>
    <message>
        <source>Save case</source>
        <translation>Guardar caso</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Não guardado</translation>
    </message>
</context>
<context>
    <name>OpenPlan</name>
    <message>
        <source>Nurse summary: no case to open</source>
        <translation>Resumo de enfermagem: nenhum caso para abrir</translation>
    </message>
    <message>
        <source>This is the nurse summary of export {export_id}; open the clinician plan to reopen the case.</source>
        <translation>Este é o resumo de enfermagem da exportação {export_id}; abra o plano clínico para reabrir o caso.</translation>
    </message>
    <message>
        <source>Plan refused</source>
        <translation>Plano recusado</translation>
    </message>
</context>
<context>
    <name>PatientPage</name>
    <message>
        <source>Patient</source>
        <translation>Doente</translation>
    </message>
    <message>
        <source>Who this plan is for. Leave anything not known empty; the plan lists what is missing.</source>
        <translation>Para quem é este plano. Deixe em branco o que não se sabe; o plano indica o que falta.</translation>
    </message>
    <message>
        <source>e.g. Bed 12 / MRN 0042</source>
        <translation>p. ex. Cama 12 / processo 0042</translation>
    </message>
    <message>
        <source>years (0 to 120)</source>
        <translation>anos (0 a 120)</translation>
    </message>
    <message>
        <source>days (0 to 365), infants under one year</source>
        <translation>dias (0 a 365), bebés com menos de um ano</translation>
    </message>
    <message>
        <source>Infants: also give the age in days</source>
        <translation>Bebés: indique também a idade em dias</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>peso</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>Feminino</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>Masculino</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Outro</translation>
    </message>
</context>
<context>
    <name>PlanHtml</name>
    <message>
        <source>Item</source>
        <translation>Item</translation>
    </message>
</context>
<context>
    <name>PlanPanel</name>
    <message>
        <source>Loading the guideline...</source>
        <translation>A carregar a norma clínica...</translation>
    </message>
    <message>
        <source>What the guideline says for this case</source>
        <translation>O que a norma clínica diz para este caso</translation>
    </message>
    <message>
        <source>(updates with each entry)</source>
        <translation>(actualiza-se a cada registo)</translation>
    </message>
    <message>
        <source>patient and pathway</source>
        <translation>doente e percurso</translation>
    </message>
    <message>
        <source>live plan</source>
        <translation>plano em tempo real</translation>
    </message>
</context>
<context>
    <name>PlansWindow</name>
    <message>
        <source>Signed</source>
        <translation>Assinado em</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Doente</translation>
    </message>
    <message>
        <source>Pathway</source>
        <translation>Percurso</translation>
    </message>
    <message>
        <source>Signer</source>
        <translation>Signatário</translation>
    </message>
    <message>
        <source>Content version</source>
        <translation>Versão do conteúdo</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Verificação</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(sem nome)</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>não verificado</translation>
    </message>
    <message>
        <source>LeptoDesk - signed plans</source>
        <translation>LeptoDesk - planos assinados</translation>
    </message>
    <message>
        <source>&amp;Patient:</source>
        <translation>&amp;Doente:</translation>
    </message>
    <message>
        <source>Search by patient</source>
        <translation>Procurar por doente</translation>
    </message>
    <message>
        <source>part of the name, bed or MRN</source>
        <translation>parte do nome, cama ou número de processo</translation>
    </message>
    <message>
        <source>Signed &amp;between</source>
        <translation>Assinado &amp;entre</translation>
    </message>
    <message>
        <source>Filter by signing date</source>
        <translation>Filtrar pela data de assinatura</translation>
    </message>
    <message>
        <source>Signed from</source>
        <translation>Assinado a partir de</translation>
    </message>
    <message>
        <source>Signed until</source>
        <translation>Assinado até</translation>
    </message>
    <message>
        <source>and</source>
        <translation>e</translation>
    </message>
    <message>
        <source>Check &amp;code:</source>
        <translation>&amp;Código de verificação:</translation>
    </message>
    <message>
        <source>Check code</source>
        <translation>Código de verificação</translation>
    </message>
    <message>
        <source>Signed plans</source>
        <translation>Planos assinados</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>&amp;Verify signature</source>
        <translation>&amp;Verificar a assinatura</translation>
    </message>
    <message>
        <source>Previe&amp;w nurse summary</source>
        <translation>&amp;Pré-visualizar o resumo de enfermagem</translation>
    </message>
    <message>
        <source>P&amp;rint nurse summary</source>
        <translation>&amp;Imprimir o resumo de enfermagem</translation>
    </message>
    <message>
        <source>&amp;Save a copy...</source>
        <translation>Guardar uma &amp;cópia...</translation>
    </message>
    <message>
        <source>Export F&amp;HIR...</source>
        <translation>Exportar em F&amp;HIR...</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>Actuali&amp;zar</translation>
    </message>
    <message>
        <source>Find by check code</source>
        <translation>Procurar pelo código de verificação</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>F&amp;echar</translation>
    </message>
    <message>
        <source>No signed plans match.</source>
        <translation>Nenhum plano assinado corresponde.</translation>
    </message>
    <message>
        <source>No signed plan has the check code {code}.</source>
        <translation>Nenhum plano assinado tem o código de verificação {code}.</translation>
    </message>
    <message>
        <source>Save a copy of the signed plan</source>
        <translation>Guardar uma cópia do plano assinado</translation>
    </message>
    <message>
        <source>Signed plan (*.pdf)</source>
        <translation>Plano assinado (*.pdf)</translation>
    </message>
    <message>
        <source>Checking the signature...</source>
        <translation>A verificar a assinatura...</translation>
    </message>
    <message>
        <source>FAIL: the check could not run ({reason}).</source>
        <translation>FALHA: não foi possível fazer a verificação ({reason}).</translation>
    </message>
    <message>
        <source>Checking the signed nurse summary...</source>
        <translation>A verificar o resumo de enfermagem assinado...</translation>
    </message>
    <message>
        <source>Not printed</source>
        <translation>Não impresso</translation>
    </message>
    <message>
        <source>The archived nurse summary of plan {number} does not verify, so it is not printed.

{verdict}</source>
        <translation>O resumo de enfermagem arquivado do plano {number} não passa na verificação, por isso não é impresso.

{verdict}</translation>
    </message>
    <message>
        <source>Nurse summary - plan {number}</source>
        <translation>Resumo de enfermagem - plano {number}</translation>
    </message>
    <message>
        <source>No nurse summary printed: {reason}</source>
        <translation>Nenhum resumo de enfermagem impresso: {reason}</translation>
    </message>
    <message>
        <source>No nurse summary</source>
        <translation>Sem resumo de enfermagem</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Não guardado</translation>
    </message>
    <message>
        <source>The archived plan {number} does not verify, so no copy was saved.

{verdict}</source>
        <translation>O plano arquivado {number} não é verificado, por isso não foi guardada nenhuma cópia.

{verdict}</translation>
    </message>
    <message>
        <source>Saved a copy to {path}.</source>
        <translation>Cópia guardada em {path}.</translation>
    </message>
    <message>
        <source>Export the signed plan as a FHIR bundle</source>
        <translation>Exportar o plano assinado como bundle FHIR</translation>
    </message>
    <message>
        <source>FHIR bundle (*.json)</source>
        <translation>Bundle FHIR (*.json)</translation>
    </message>
    <message>
        <source>The identity that signed this plan</source>
        <translation>A identidade que assinou este plano</translation>
    </message>
    <message>
        <source>PKCS#12 identity (*.p12 *.pfx)</source>
        <translation>Identidade PKCS#12 (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frase-passe</translation>
    </message>
    <message>
        <source>Passphrase of {name}:</source>
        <translation>Frase-passe de {name}:</translation>
    </message>
    <message>
        <source>Cannot read the plan</source>
        <translation>Não é possível ler o plano</translation>
    </message>
    <message>
        <source>FHIR bundle written to {path}, signed by {signer}.</source>
        <translation>Bundle FHIR escrito em {path}, assinado por {signer}.</translation>
    </message>
    <message>
        <source>No FHIR bundle written: {reason}</source>
        <translation>Nenhum bundle FHIR escrito: {reason}</translation>
    </message>
</context>
<context>
    <name>Plurals</name>
    <message numerus="yes">
        <source>%n STOP alert(s)</source>
        <translation>
            <numerusform>%n alerta PARE</numerusform>
            <numerusform>%n alertas PARE</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n aviso</numerusform>
            <numerusform>%n avisos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n dia</numerusform>
            <numerusform>%n dias</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n year(s)</source>
        <translation>
            <numerusform>%n ano</numerusform>
            <numerusform>%n anos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>... and %n more date(s) (see the review page).</source>
        <translation>
            <numerusform>... e mais %n data (ver a página de revisão).</numerusform>
            <numerusform>... e mais %n datas (ver a página de revisão).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PresentationPage</name>
    <message>
        <source>Presentation and urgent signs</source>
        <translation>Apresentação e sinais de urgência</translation>
    </message>
    <message>
        <source>Answer Yes or No; leave Not known where it has not been assessed.</source>
        <translation>Responda Sim ou Não; deixe Desconhecido se não foi avaliado.</translation>
    </message>
    <message>
        <source>urgent alert</source>
        <translation>alerta urgente</translation>
    </message>
    <message>
        <source>Urgent signs</source>
        <translation>Sinais de urgência</translation>
    </message>
    <message>
        <source>Leave empty if not started</source>
        <translation>Deixar em branco se não iniciados</translation>
    </message>
    <message>
        <source>Neurological signs</source>
        <translation>Sinais neurológicos</translation>
    </message>
    <message>
        <source>STOP - Start IV antibiotics now.</source>
        <translation>PARE - Iniciar já os antibióticos EV.</translation>
    </message>
</context>
<context>
    <name>PrimaryCancerPage</name>
    <message>
        <source>Primary cancer</source>
        <translation>Cancro primário</translation>
    </message>
    <message>
        <source>The primary tumour and its targetable change.</source>
        <translation>O tumor primário e a sua alteração-alvo.</translation>
    </message>
    <message>
        <source>Breast, HER2-positive</source>
        <translation>Mama, HER2 positivo</translation>
    </message>
    <message>
        <source>Lung, EGFR-mutated</source>
        <translation>Pulmão, EGFR mutado</translation>
    </message>
    <message>
        <source>Melanoma, BRAF-mutated</source>
        <translation>Melanoma, BRAF mutado</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Outro</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>the printer could not be opened</source>
        <translation>não foi possível abrir a impressora</translation>
    </message>
    <message>
        <source>the default printer</source>
        <translation>a impressora predefinida</translation>
    </message>
    <message>
        <source>Print preview: {title}</source>
        <translation>Pré-visualização da impressão: {title}</translation>
    </message>
    <message>
        <source>Print: {title}</source>
        <translation>Imprimir: {title}</translation>
    </message>
</context>
<context>
    <name>PrognosisPage</name>
    <message>
        <source>Prognosis</source>
        <translation>Prognóstico</translation>
    </message>
    <message>
        <source>The guideline decides disease-directed treatment on these. Leave Not known rather than guess.</source>
        <translation>A norma clínica decide o tratamento dirigido à doença com base nestes dados. Deixe Desconhecido em vez de adivinhar.</translation>
    </message>
    <message>
        <source>months ({low} to {high})</source>
        <translation>meses ({low} a {high})</translation>
    </message>
</context>
<context>
    <name>ResumeDialog</name>
    <message>
        <source>Resume an unfinished case</source>
        <translation>Retomar um caso inacabado</translation>
    </message>
    <message>
        <source>These cases were not finished. They were saved automatically. Choose one to continue, or start a new case (they stay saved).</source>
        <translation>Estes casos não foram concluídos. Foram guardados automaticamente. Escolha um para continuar, ou comece um caso novo (continuam guardados).</translation>
    </message>
    <message>
        <source>Unfinished cases</source>
        <translation>Casos inacabados</translation>
    </message>
    <message>
        <source>No name entered</source>
        <translation>Nenhum nome registado</translation>
    </message>
    <message>
        <source>{name}  -  last saved {when}</source>
        <translation>{name}  -  guardado pela última vez {when}</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Retomar</translation>
    </message>
    <message>
        <source>Start &amp;new case</source>
        <translation>Começar caso &amp;novo</translation>
    </message>
    <message>
        <source>&amp;Discard selected...</source>
        <translation>&amp;Descartar o seleccionado...</translation>
    </message>
    <message>
        <source>Discard the draft?</source>
        <translation>Descartar o rascunho?</translation>
    </message>
    <message>
        <source>Discard the unfinished case &apos;{name}&apos;? What was entered in it will be deleted.</source>
        <translation>Descartar o caso inacabado «{name}»? O que nele foi introduzido será apagado.</translation>
    </message>
    <message>
        <source>Not discarded</source>
        <translation>Não descartado</translation>
    </message>
    <message>
        <source>a case with no name entered</source>
        <translation>um caso sem nome registado</translation>
    </message>
    <message>
        <source>Resume the case that was open?</source>
        <translation>Retomar o caso que estava aberto?</translation>
    </message>
    <message>
        <source>LeptoDesk did not close properly last time. The case being entered then was saved automatically: {name}, last saved {when}.

Resume it now? (It also stays under File &gt; Unfinished cases.)</source>
        <translation>O LeptoDesk não se fechou correctamente da última vez. O caso que estava a ser registado foi guardado automaticamente: {name}, guardado pela última vez {when}.

Retomá-lo agora? (Fica também em Ficheiro &gt; Casos inacabados.)</translation>
    </message>
    <message>
        <source>Saved cases are not available</source>
        <translation>Os casos guardados não estão disponíveis</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Review the plan</source>
        <translation>Rever o plano</translation>
    </message>
    <message>
        <source>Check what was entered (left) and each line of the plan against its reference (right) before signing.</source>
        <translation>Verifique os dados introduzidos (à esquerda) e cada linha do plano com a sua referência (à direita) antes de assinar.</translation>
    </message>
    <message>
        <source>inputs the plan rests on</source>
        <translation>dados em que o plano se baseia</translation>
    </message>
    <message>
        <source>Entered</source>
        <translation>Dado</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>&amp;Inputs the plan rests on</source>
        <translation>&amp;Dados em que o plano se baseia</translation>
    </message>
    <message>
        <source>the whole plan</source>
        <translation>o plano completo</translation>
    </message>
    <message>
        <source>The &amp;plan</source>
        <translation>O &amp;plano</translation>
    </message>
</context>
<context>
    <name>SignPage</name>
    <message>
        <source>The case changed since it was signed (export {export_id}): that signed PDF is no longer this case&apos;s plan. Sign again to make a plan of the case as it is now.</source>
        <translation>O caso mudou desde que foi assinado (exportação {export_id}): esse PDF assinado já não é o plano deste caso. Assine de novo para fazer o plano do caso tal como está agora.</translation>
    </message>
    <message>
        <source>Choose your signing identity, enter its passphrase and where to write the PDF, then Sign and export.</source>
        <translation>Escolha a sua identidade de assinatura, introduza a frase-passe e onde gravar o PDF; depois, Assinar o plano e exportar.</translation>
    </message>
    <message>
        <source>Choose...</source>
        <translation>Escolher...</translation>
    </message>
    <message>
        <source>Sign and export</source>
        <translation>Assinar e exportar</translation>
    </message>
    <message>
        <source>Signing is final for this plan: the signed PDF embeds the case.</source>
        <translation>A assinatura é definitiva para este plano: o PDF assinado contém o caso.</translation>
    </message>
    <message>
        <source>signing identity file (.p12)</source>
        <translation>ficheiro da identidade de assinatura (.p12)</translation>
    </message>
    <message>
        <source>choose the signing identity file (.p12)</source>
        <translation>escolher o ficheiro da identidade de assinatura (.p12)</translation>
    </message>
    <message>
        <source>passphrase of the signing identity</source>
        <translation>frase-passe da identidade de assinatura</translation>
    </message>
    <message>
        <source>signed PDF to write</source>
        <translation>PDF assinado a gravar</translation>
    </message>
    <message>
        <source>choose the signed PDF to write</source>
        <translation>escolher o PDF assinado a gravar</translation>
    </message>
    <message>
        <source>Also write the one-page &amp;nurse summary</source>
        <translation>Gravar também o resumo de &amp;enfermagem de uma página</translation>
    </message>
    <message>
        <source>also write the nurse summary</source>
        <translation>gravar também o resumo de enfermagem</translation>
    </message>
    <message>
        <source>&amp;Sign and export</source>
        <translation>&amp;Assinar o plano e exportar</translation>
    </message>
    <message>
        <source>&amp;Print the signed nurse summary...</source>
        <translation>I&amp;mprimir o resumo de enfermagem assinado...</translation>
    </message>
    <message>
        <source>Print the signed nurse summary</source>
        <translation>Imprimir o resumo de enfermagem assinado</translation>
    </message>
    <message>
        <source>&amp;Identity file</source>
        <translation>Ficheiro de &amp;identidade</translation>
    </message>
    <message>
        <source>Pass&amp;phrase</source>
        <translation>&amp;Frase-passe</translation>
    </message>
    <message>
        <source>&amp;Output PDF</source>
        <translation>PDF de sa&amp;ída</translation>
    </message>
    <message>
        <source>archive #{number}</source>
        <translation>arquivo n.º {number}</translation>
    </message>
    <message>
        <source>archived locally; will be sent to the ward archive</source>
        <translation>arquivado localmente; será enviado para o arquivo do serviço</translation>
    </message>
    <message>
        <source>not in this workstation&apos;s archive</source>
        <translation>fora do arquivo deste posto</translation>
    </message>
    <message>
        <source>Signed by {signer} at {when}; export {export_id}, {where}. This case is signed: it is not signed twice.</source>
        <translation>Assinado por {signer} em {when}; exportação {export_id}, {where}. Este caso está assinado: não é assinado duas vezes.</translation>
    </message>
    <message>
        <source>Check code {code}: printed on every page; Tools &gt; Plans finds this plan by it at any workstation of the ward.</source>
        <translation>Código de verificação {code}: impresso em cada página; Ferramentas &gt; Planos assinados encontra este plano com ele em qualquer posto do serviço.</translation>
    </message>
    <message>
        <source>Nurse summary: {path}</source>
        <translation>Resumo de enfermagem: {path}</translation>
    </message>
    <message>
        <source>Self-issued identity: fine for trying LeptoDesk, but this plan FAILs verification everywhere.</source>
        <translation>Identidade auto-emitida: serve para experimentar o LeptoDesk, mas este plano FALHA a verificação em todo o lado.</translation>
    </message>
    <message>
        <source>Signing identity</source>
        <translation>Identidade de assinatura</translation>
    </message>
    <message>
        <source>PKCS#12 identity (*.p12 *.pfx)</source>
        <translation>Identidade PKCS#12 (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>Signed PDF</source>
        <translation>PDF assinado</translation>
    </message>
    <message>
        <source>Choose the identity file and the output PDF first.</source>
        <translation>Escolha primeiro o ficheiro de identidade e o PDF de saída.</translation>
    </message>
    <message>
        <source>Not signed: answer every STOP and WARNING above first (accept, or override with a reason).</source>
        <translation>Não assinado: responda primeiro a cada PARE e a cada ATENÇÃO acima (aceitar, ou ignorar com um motivo).</translation>
    </message>
    <message>
        <source>Not signed: the folder {folder} does not exist. Choose where to write the PDF with Choose... beside Output PDF.</source>
        <translation>Não assinado: a pasta {folder} não existe. Escolha onde gravar o PDF com Escolher... ao lado de PDF de saída.</translation>
    </message>
    <message>
        <source>Signing...</source>
        <translation>A assinar...</translation>
    </message>
    <message>
        <source>cannot write {path}: {reason}</source>
        <translation>não é possível gravar {path}: {reason}</translation>
    </message>
    <message>
        <source>Not signed: {reason}</source>
        <translation>Não assinado: {reason}</translation>
    </message>
    <message>
        <source>Not printed: this signed plan is not in this workstation&apos;s archive; import it with its nurse summary (leptodesk plans import PLAN.pdf NURSE.pdf), then print from Tools &gt; Plans.</source>
        <translation>Não impresso: este plano assinado não está no arquivo deste posto; importe-o com o seu resumo de enfermagem (leptodesk plans import PLAN.pdf NURSE.pdf) e imprima a partir de Ferramentas &gt; Planos assinados.</translation>
    </message>
    <message>
        <source>Not printed: {reason}</source>
        <translation>Não impresso: {reason}</translation>
    </message>
    <message>
        <source>Nurse summary - export {export_id}</source>
        <translation>Resumo de enfermagem - exportação {export_id}</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>the printer</source>
        <translation>a impressora</translation>
    </message>
    <message>
        <source>Sent to {printer}: {title}.</source>
        <translation>Enviado para {printer}: {title}.</translation>
    </message>
</context>
<context>
    <name>VerdictView</name>
    <message>
        <source>&amp;Details</source>
        <translation>&amp;Detalhes</translation>
    </message>
    <message>
        <source>Details: fingerprints and hashes</source>
        <translation>Detalhes: impressões digitais e resumos criptográficos</translation>
    </message>
    <message>
        <source>Verification result</source>
        <translation>Resultado da verificação</translation>
    </message>
    <message>
        <source>Verification details</source>
        <translation>Detalhes da verificação</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <source>Verify a signed plan</source>
        <translation>Verificar um plano assinado</translation>
    </message>
    <message>
        <source>Signed PDF to verify</source>
        <translation>PDF assinado a verificar</translation>
    </message>
    <message>
        <source>&amp;Browse...</source>
        <translation>&amp;Procurar...</translation>
    </message>
    <message>
        <source>Choose the PDF to verify</source>
        <translation>Escolher o PDF a verificar</translation>
    </message>
    <message>
        <source>Site root to trust for this check only (optional)</source>
        <translation>Raiz do local a aceitar só nesta verificação (opcional)</translation>
    </message>
    <message>
        <source>optional: a site root&apos;s ROOT.pem, for this check only</source>
        <translation>opcional: o ROOT.pem de uma raiz do local, só para esta verificação</translation>
    </message>
    <message>
        <source>B&amp;rowse...</source>
        <translation>P&amp;rocurar...</translation>
    </message>
    <message>
        <source>Choose a site root certificate</source>
        <translation>Escolher um certificado de raiz do local</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>&amp;Verificar</translation>
    </message>
    <message>
        <source>Verify the signature</source>
        <translation>Verificar a assinatura</translation>
    </message>
    <message>
        <source>Choose a signed PDF and press Verify.</source>
        <translation>Escolha um PDF assinado e carregue em Verificar.</translation>
    </message>
    <message>
        <source>&amp;PDF:</source>
        <translation>P&amp;DF:</translation>
    </message>
    <message>
        <source>&amp;Also trust:</source>
        <translation>&amp;Aceitar também:</translation>
    </message>
    <message>
        <source>Choose a signed plan</source>
        <translation>Escolher um plano assinado</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer *.der)</source>
        <translation>Certificados (*.pem *.crt *.cer *.der)</translation>
    </message>
    <message>
        <source>FAIL: no file chosen.</source>
        <translation>FALHA: nenhum ficheiro escolhido.</translation>
    </message>
    <message>
        <source>FAIL: cannot check this file ({reason}).</source>
        <translation>FALHA: não é possível verificar este ficheiro ({reason}).</translation>
    </message>
    <message>
        <source>File: {path}</source>
        <translation>Ficheiro: {path}</translation>
    </message>
    <message>
        <source>{verdict}. Do not use this plan.</source>
        <translation>{verdict}. Não use este plano.</translation>
    </message>
</context>
</TS>
