<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
  <context>
    <name>AdditionalSpecsEditor</name>
    <message numerus="yes">
      <source>%n specification(s): %1</source>
      <translation>
        <numerusform>%n specification: %1</numerusform>
        <numerusform>%n specifications: %1</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n container(s)</source>
      <translation>
        <numerusform>%n container</numerusform>
        <numerusform>%n containers</numerusform>
      </translation>
    </message>
  </context>
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
      <source>Stopped at your request: %n step(s) done in this attempt, the rest not started.</source>
      <translation>
        <numerusform>Stopped at your request: %n step done in this attempt, the rest not started.</numerusform>
        <numerusform>Stopped at your request: %n steps done in this attempt, the rest not started.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Apply again to go on, or roll back the %n resource(s) written.</source>
      <translation>
        <numerusform>Apply again to go on, or roll back the %n resource written.</numerusform>
        <numerusform>Apply again to go on, or roll back the %n resources written.</numerusform>
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
    <name>AuditTab</name>
    <message numerus="yes">
      <source>Wrote %n event(s) to %1</source>
      <translation>
        <numerusform>Wrote %n event to %1</numerusform>
        <numerusform>Wrote %n events to %1</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>BulkChangeDialog</name>
    <message numerus="yes">
      <source>%Ln failed</source>
      <translation>
        <numerusform>%Ln failed</numerusform>
        <numerusform>%Ln failed</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%Ln cancelled</source>
      <translation>
        <numerusform>%Ln cancelled</numerusform>
        <numerusform>%Ln cancelled</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%Ln skipped</source>
      <translation>
        <numerusform>%Ln skipped</numerusform>
        <numerusform>%Ln skipped</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>ComparisonModel</name>
    <message numerus="yes">
      <source>%1 in %n section(s)</source>
      <translation>
        <numerusform>%1 in %n section</numerusform>
        <numerusform>%1 in %n sections</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n difference(s)</source>
      <translation>
        <numerusform>%n difference</numerusform>
        <numerusform>%n differences</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>ContainersPage</name>
    <message numerus="yes">
      <source>At least %Ln object(s), %1 under %2</source>
      <translation>
        <numerusform>At least %Ln object, %1 under %2</numerusform>
        <numerusform>At least %Ln objects, %1 under %2</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%Ln object(s), %1 under %2</source>
      <translation>
        <numerusform>%Ln object, %1 under %2</numerusform>
        <numerusform>%Ln objects, %1 under %2</numerusform>
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
    <name>DeleteVersionsDialog</name>
    <message numerus="yes">
      <source>Delete %n version(s) of '%1'</source>
      <translation>
        <numerusform>Delete %n version of '%1'</numerusform>
        <numerusform>Delete %n versions of '%1'</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Delete %n version(s)</source>
      <translation>
        <numerusform>Delete %n version</numerusform>
        <numerusform>Delete %n versions</numerusform>
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
    <name>EmptyAndDeleteDialog</name>
    <message numerus="yes">
      <source>Listing everything in '%1'… %n version(s) so far.</source>
      <translation>
        <numerusform>Listing everything in '%1'… %n version so far.</numerusform>
        <numerusform>Listing everything in '%1'… %n versions so far.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n version(s) go:</source>
      <translation>
        <numerusform>%n version go:</numerusform>
        <numerusform>%n versions go:</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Delete %n version(s) and the group</source>
      <translation>
        <numerusform>Delete %n version and the group</numerusform>
        <numerusform>Delete %n versions and the group</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>EncryptionSection</name>
    <message numerus="yes">
      <source>%n key(s) in this account.</source>
      <translation>
        <numerusform>%n key in this account.</numerusform>
        <numerusform>%n keys in this account.</numerusform>
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
    <name>EstateDock</name>
    <message numerus="yes">
      <source>%n account-region(s) could not be listed; the others are up to date.</source>
      <translation>
        <numerusform>%n account-region could not be listed; the others are up to date.</numerusform>
        <numerusform>%n account-regions could not be listed; the others are up to date.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n account-region(s) chosen; F5 in the tree lists them again</source>
      <translation>
        <numerusform>%n account-region chosen; F5 in the tree lists them again</numerusform>
        <numerusform>%n account-regions chosen; F5 in the tree lists them again</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>EstateModel</name>
    <message numerus="yes">
      <source>%n group(s) could not be listed</source>
      <translation>
        <numerusform>%n group could not be listed</numerusform>
        <numerusform>%n groups could not be listed</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>The comments and metadata of %n version(s) could not be read; the next refresh tries again.</source>
      <translation>
        <numerusform>The comments and metadata of %n version could not be read; the next refresh tries again.</numerusform>
        <numerusform>The comments and metadata of %n versions could not be read; the next refresh tries again.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>GroupDetailsView</name>
    <message numerus="yes">
      <source>Removed %n tag(s) from %1.</source>
      <translation>
        <numerusform>Removed %n tag from %1.</numerusform>
        <numerusform>Removed %n tags from %1.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>GroupTimelineExport</name>
    <message numerus="yes">
      <source>Wrote %n event(s) to %1</source>
      <translation>
        <numerusform>Wrote %n event to %1</numerusform>
        <numerusform>Wrote %n events to %1</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>(%n version(s))</source>
      <translation>
        <numerusform>(%n version)</numerusform>
        <numerusform>(%n versions)</numerusform>
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
    <name>HandOffPage</name>
    <message numerus="yes">
      <source>Wrote %n file(s):
%1</source>
      <translation>
        <numerusform>Wrote %n file:
%1</numerusform>
        <numerusform>Wrote %n files:
%1</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>InboxModel</name>
    <message numerus="yes">
      <source>%Ln minute(s)</source>
      <translation>
        <numerusform>%Ln minute</numerusform>
        <numerusform>%Ln minutes</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%Ln hour(s)</source>
      <translation>
        <numerusform>%Ln hour</numerusform>
        <numerusform>%Ln hours</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%Ln day(s)</source>
      <translation>
        <numerusform>%Ln day</numerusform>
        <numerusform>%Ln days</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>LifecycleDialog</name>
    <message numerus="yes">
      <source>Set the lifecycle of %n version(s)</source>
      <translation>
        <numerusform>Set the lifecycle of %n version</numerusform>
        <numerusform>Set the lifecycle of %n versions</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Set for %n version(s)</source>
      <translation>
        <numerusform>Set for %n version</numerusform>
        <numerusform>Set for %n versions</numerusform>
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
    <name>MetricFilesSection</name>
    <message numerus="yes">
      <source>%n file(s): </source>
      <translation>
        <numerusform>%n file: </numerusform>
        <numerusform>%n files: </numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source> and %n more</source>
      <translation>
        <numerusform> and %n more</numerusform>
        <numerusform> and %n more</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Notifier</name>
    <message numerus="yes">
      <source>%1 and %Ln more</source>
      <translation>
        <numerusform>%1 and %Ln more</numerusform>
        <numerusform>%1 and %Ln more</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%Ln new version(s) waiting for approval: %1</source>
      <translation>
        <numerusform>%Ln new version waiting for approval: %1</numerusform>
        <numerusform>%Ln new versions waiting for approval: %1</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>PolicyTab</name>
    <message numerus="yes">
      <source>This policy names %n account(s) or principal(s):</source>
      <translation>
        <numerusform>This policy names %n account or principal:</numerusform>
        <numerusform>This policy names %n accounts or principals:</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>PreferencesDialog</name>
    <message numerus="yes">
      <source>%1 on disk, %n version(s)</source>
      <translation>
        <numerusform>%1 on disk, %n version</numerusform>
        <numerusform>%1 on disk, %n versions</numerusform>
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
    <name>SearchPopup</name>
    <message numerus="yes">
      <source>Search AWS found %n version(s) not already listed here, in the profile %1 (%2).</source>
      <translation>
        <numerusform>Search AWS found %n version not already listed here, in the profile %1 (%2).</numerusform>
        <numerusform>Search AWS found %n versions not already listed here, in the profile %1 (%2).</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n version(s)</source>
      <translation>
        <numerusform>%n version</numerusform>
        <numerusform>%n versions</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n account-region(s)</source>
      <translation>
        <numerusform>%n account-region</numerusform>
        <numerusform>%n account-regions</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>TagsSection</name>
    <message numerus="yes">
      <source> and %n more</source>
      <translation>
        <numerusform> and %n more</numerusform>
        <numerusform> and %n more</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>TagsTab</name>
    <message numerus="yes">
      <source>Remove %n tag(s) from the group?</source>
      <translation>
        <numerusform>Remove %n tag from the group?</numerusform>
        <numerusform>Remove %n tags from the group?</numerusform>
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
    <name>TrendsDock</name>
    <message numerus="yes">
      <source>%1 of %n version(s) read</source>
      <translation>
        <numerusform>%1 of %n version read</numerusform>
        <numerusform>%1 of %n versions read</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Stopped after %1 of %n version(s): %2</source>
      <translation>
        <numerusform>Stopped after %1 of %n version: %2</numerusform>
        <numerusform>Stopped after %1 of %n versions: %2</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n version(s) read</source>
      <translation>
        <numerusform>%n version read</numerusform>
        <numerusform>%n versions read</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n without metrics (crosses; hover for why)</source>
      <translation>
        <numerusform>%n without metrics (crosses; hover for why)</numerusform>
        <numerusform>%n without metrics (crosses; hover for why)</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>VerifyPage</name>
    <message numerus="yes">
      <source>%n check(s) failed: see above. Apply again, or fix them by hand.</source>
      <translation>
        <numerusform>%n check failed: see above. Apply again, or fix them by hand.</numerusform>
        <numerusform>%n checks failed: see above. Apply again, or fix them by hand.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>VersionFlows</name>
    <message numerus="yes">
      <source>Copied %n ARN(s) to the clipboard.</source>
      <translation>
        <numerusform>Copied %n ARN to the clipboard.</numerusform>
        <numerusform>Copied %n ARNs to the clipboard.</numerusform>
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
