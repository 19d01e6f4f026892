<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
  <context>
    <name>Governance</name>
    <message numerus="yes">
      <source>; and %n more</source>
      <translation>
        <numerusform>; and %n more</numerusform>
        <numerusform>; and %n more</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Validation</name>
    <message numerus="yes">
      <source>must have at least %n item(s)</source>
      <translation>
        <numerusform>must have at least %n item</numerusform>
        <numerusform>must have at least %n items</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source> (and %n more)</source>
      <translation>
        <numerusform> (and %n more)</numerusform>
        <numerusform> (and %n more)</numerusform>
      </translation>
    </message>
  </context>
</TS>
