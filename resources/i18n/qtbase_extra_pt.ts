<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_MZ">
<!-- Qt's own dialogs: the words that Qt 6's qtbase_pt_BR.qm (PySide6-Essentials) lacks,
     because Qt 6 added the Alt+letter to them, and the file's name as Mozambique says it
     ("ficheiro", not Brazil's "arquivo"), in the wizard's Portuguese.
     Loaded after qtbase_pt_BR (ui.i18n.install); compiled by tools/translations.py release. -->
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Procurar em:</translation>
    </message>
    <message>
        <source>File &amp;name:</source>
        <translation>&amp;Nome do ficheiro:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Ficheiros do &amp;tipo:</translation>
    </message>
</context>
<context>
    <name>QPrintSettingsOutput</name>
    <message>
        <source>Page &amp;Set:</source>
        <translation>&amp;Conjunto de páginas:</translation>
    </message>
</context>
</TS>
