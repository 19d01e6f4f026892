<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
  <context>
    <name>ApplyPage</name>
    <message numerus="yes">
      <source>Apply %n change(s)</source>
      <translation>
        <numerusform>Apply %n change</numerusform>
        <numerusform>Apply %n changes</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n resource(s) written by an earlier attempt can still be rolled back.</source>
      <translation>
        <numerusform>%n resource written by an earlier attempt can still be rolled back.</numerusform>
        <numerusform>%n resources written by an earlier attempt can still be rolled back.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Stopped at a failure; nothing after it was changed. Roll back to restore the %n resource(s) written so far, or fix the cause and apply again.</source>
      <translation>
        <numerusform>Stopped at a failure; nothing after it was changed. Roll back to restore the %n resource written so far, or fix the cause and apply again.</numerusform>
        <numerusform>Stopped at a failure; nothing after it was changed. Roll back to restore the %n resources written so far, or fix the cause and apply again.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Stopped at your request: %n resource(s) still to roll back.</source>
      <translation>
        <numerusform>Stopped at your request: %n resource still to roll back.</numerusform>
        <numerusform>Stopped at your request: %n resources still to roll back.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>CrossAccountWizard</name>
    <message numerus="yes">
      <source>%n resource(s) written by this setup can still be restored to the documents read before the first write. After closing, Registry Desk can no longer restore them.</source>
      <translation>
        <numerusform>%n resource written by this setup can still be restored to the documents read before the first write. After closing, Registry Desk can no longer restore them.</numerusform>
        <numerusform>%n resources written by this setup can still be restored to the documents read before the first write. After closing, Registry Desk can no longer restore them.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>DetailsPane</name>
    <message numerus="yes">
      <source>%n version(s) selected</source>
      <translation>
        <numerusform>%n version selected</numerusform>
        <numerusform>%n versions selected</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>DiffView</name>
    <message numerus="yes">
      <source>%n added</source>
      <translation>
        <numerusform>%n added</numerusform>
        <numerusform>%n added</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n changed</source>
      <translation>
        <numerusform>%n changed</numerusform>
        <numerusform>%n changed</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n removed</source>
      <translation>
        <numerusform>%n removed</numerusform>
        <numerusform>%n removed</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n kept</source>
      <translation>
        <numerusform>%n kept</numerusform>
        <numerusform>%n kept</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>(%n line(s), unchanged)</source>
      <translation>
        <numerusform>(%n line, unchanged)</numerusform>
        <numerusform>(%n lines, unchanged)</numerusform>
      </translation>
    </message>
  </context>
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
    <name>GroupsView</name>
    <message numerus="yes">
      <source>The listing stopped after %n group(s); the list is incomplete.</source>
      <translation>
        <numerusform>The listing stopped after %n group; the list is incomplete.</numerusform>
        <numerusform>The listing stopped after %n groups; the list is incomplete.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n group(s)</source>
      <translation>
        <numerusform>%n group</numerusform>
        <numerusform>%n groups</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%1 of %n group(s)</source>
      <translation>
        <numerusform>%1 of %n group</numerusform>
        <numerusform>%1 of %n groups</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>MetadataDialog</name>
    <message numerus="yes">
      <source>%n key(s) set</source>
      <translation>
        <numerusform>%n key set</numerusform>
        <numerusform>%n keys set</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n key(s) removed</source>
      <translation>
        <numerusform>%n key removed</numerusform>
        <numerusform>%n keys removed</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>ReviewPage</name>
    <message numerus="yes">
      <source>%n added</source>
      <translation>
        <numerusform>%n added</numerusform>
        <numerusform>%n added</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n changed</source>
      <translation>
        <numerusform>%n changed</numerusform>
        <numerusform>%n changed</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n removed</source>
      <translation>
        <numerusform>%n removed</numerusform>
        <numerusform>%n removed</numerusform>
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
  <context>
    <name>VersionsView</name>
    <message numerus="yes">
      <source>%n version(s)</source>
      <translation>
        <numerusform>%n version</numerusform>
        <numerusform>%n versions</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%1 of %n version(s) shown</source>
      <translation>
        <numerusform>%1 of %n version shown</numerusform>
        <numerusform>%1 of %n versions shown</numerusform>
      </translation>
    </message>
  </context>
</TS>
