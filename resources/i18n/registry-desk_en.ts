<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
  <context>
    <name>ErrorDialog</name>
    <message numerus="yes">
      <source>%n unexpected error(s) in a row; the last one is shown.</source>
      <translation>
        <numerusform>%n unexpected error in a row; the last one is shown.</numerusform>
        <numerusform>%n unexpected errors in a row; the last one is shown.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>TargetPage</name>
    <message numerus="yes">
      <source>%n group(s) in this account.</source>
      <translation>
        <numerusform>%n group in this account.</numerusform>
        <numerusform>%n groups in this account.</numerusform>
      </translation>
    </message>
  </context>
</TS>
