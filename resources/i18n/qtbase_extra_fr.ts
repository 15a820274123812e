<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<!-- Qt's own dialogs: the words that Qt 6's qtbase_fr.qm (PySide6-Essentials) lacks, because
     Qt 6 added the Alt+letter to them. Loaded after qtbase_fr (ui.i18n.install); compiled by
     tools/translations.py release. -->
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Regarder dans :</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Fichiers de &amp;type :</translation>
    </message>
</context>
<context>
    <name>QPrintSettingsOutput</name>
    <message>
        <source>Page &amp;Set:</source>
        <translation>&amp;Ensemble de pages :</translation>
    </message>
</context>
</TS>
