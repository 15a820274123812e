<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>Plurals</name>
    <message numerus="yes">
        <source>%n STOP alert(s)</source>
        <translation>
            <numerusform>%n STOP alert</numerusform>
            <numerusform>%n STOP alerts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n year(s)</source>
        <translation>
            <numerusform>%n year</numerusform>
            <numerusform>%n years</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>... and %n more date(s) (see the review page).</source>
        <translation>
            <numerusform>... and %n more date (see the review page).</numerusform>
            <numerusform>... and %n more dates (see the review page).</numerusform>
        </translation>
    </message>
</context>
</TS>
