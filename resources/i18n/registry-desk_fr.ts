<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name></name>
    <message>
        <source>Working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop waiting for this call; it may still complete on AWS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still working…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for %1 on %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop waiting for a change?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile &apos;%1&apos; is still waiting for %2%3 to answer.

If you stop waiting, AWS may still make the change; refresh (F5) afterwards to see what it holds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox at %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registry Desk — SANDBOX (local moto server, no AWS account)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registry Desk — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata cell</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountsDock</name>
    <message>
        <source>Accounts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountsView</name>
    <message>
        <source>Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading profiles…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add an application profile (keys in the keyring)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the selected application profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;move…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected application profile and its keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask STS who this profile is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this profile&apos;s registry in the main views</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write to AWS &amp;config</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let the AWS CLI and SDKs use this profile through credential_process</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SSO &amp;sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run aws sso login for the selected SSO profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the profiles: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No profiles yet. Add one, or run `aws configure`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disabled: no usable keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is account %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile &apos;%1&apos; cannot be used now: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile %1 added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot edit the profile &apos;%1&apos;: the application&apos;s profiles file %2 cannot be read (%3). Restore or remove that file, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot edit the profile &apos;%1&apos;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile &apos;%1&apos; is no longer among the application&apos;s profiles (removed in another window?); the list is read again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the keys of &apos;%1&apos; from the keyring: %2 You can change the other settings now; to keep the keys, save without typing any. To check them, unlock the keyring and open Edit again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keyring holds no keys for &apos;%1&apos; any more (removed outside Registry Desk?): type its access key ID and secret again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile %1 saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile %1 removed, but its AWS config section was not: %2 Remove it by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile %1 removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile %1 removed, and taken out of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not remove the profile &apos;%1&apos;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was removed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown before:
%1
Now:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no such section)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Remove again to see it as it is now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile &apos;%1&apos; in %2 now gets its credentials from Registry Desk (credential_process); no key was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running %1; finish the sign-in in your browser.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The AWS CLI is not installed. Install it, then run: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AdditionalSpecsEditor</name>
    <message>
        <source>Additional inference specifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Additional specifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add spe&amp;cification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add specification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove specifica&amp;tion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove specification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Additional specifications problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Additional specifications warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Specification name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unique, for example gpu or batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Specification name problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Specification description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional: what sets it apart from the main one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Specification description problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Specification problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Specification warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Specification containers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add container to specification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate specification container</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove container from specification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move specification container up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move specification container down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Specification containers problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Specification model kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Specification parts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Containers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Additional &amp;specifications:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n specification(s): %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n container(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>At most %1. Each is an alternative to the main inference specification, with containers of its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None: the version has the main inference specification only. Add one for another build of the model, for example for GPUs (at most %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AdvancedPage</name>
    <message>
        <source>Advanced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything here is optional. Open a section to set its fields; its header says what is set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advanced sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advanced fields problem</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApplyPage</name>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps run in order; each re-reads its resource first and stops when it changed since the review. Everything written can be rolled back to the documents read before.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no change needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rolled back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changed since the review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roll back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore every document written, exactly as it was read. A promoted AWS RAM share is deleted first (ram:DeleteResourceShare), with the permission its promotion made: it no longer follows the group policy. A share never promoted goes away with the policy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the review, with a plan read afresh; what was written stays restorable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read for the review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the review read and what is there now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy what the review read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy what is there now</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Apply %n change(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n resource(s) written by an earlier attempt can still be rolled back.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing has been changed yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written by an earlier attempt; Roll back restores it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone changed it since the apply: not restored, so their change is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone changed it since the review: nothing was written to it. The difference is shown below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already written by an earlier attempt; Roll back restores it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already in place: nothing to write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Promoted to a standard AWS RAM share: the training account lists the group among those shared with it (Verify checks it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The promoted share was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changed since the apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping after the current step…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applying…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every step is done. Go on to verify, or roll back (the only way back to the review).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped at your request: %1 step(s) done in this attempt, the rest not started. Apply again to go on, or roll back the %2 resource(s) written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Stopped at a failure; nothing after it was changed. Roll back to restore the %n resource(s) written so far, or fix the cause and apply again.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped at a failure; nothing was written. Fix the cause and apply again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changed since the review, so it was not written and no later step ran. Left: what the review read; right: what is there now. Plan again to review the change; everything written so far stays restorable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped: %1 changed since the review. Plan again, or roll back what was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rolling back…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rolled back: every document is as it was before.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Stopped at your request: %n resource(s) still to roll back.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Not rolled back: %1 changed since the apply. Roll back again to see the difference and decide.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some steps could not be rolled back; see their details.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApprovalComment</name>
    <message>
        <source>Approval comment (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approval comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why? Reviewers and pipelines read this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave it empty to keep each version&apos;s current comment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment hint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The comment is %1 characters; ApprovalDescription takes at most %2. Shorten it by %3.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <source>Send the failed changes again, with the same comment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to change: every selected version is already %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>already %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve %1 versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject %1 versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return version %1 to pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return %1 versions to pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set %1 versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return %1 to pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 returned to pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1 is Approved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions %1 are Approved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejecting an approved version often triggers CI/CD pipelines (deployment or rollback) that listen for model package state changes.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditTab</name>
    <message>
        <source>Timeline source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Timeline…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save this version&apos;s timeline as a CSV file, one row per event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the timeline…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The timeline could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CloudTrail shows a change some minutes after it was made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is known of this version&apos;s history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From CloudTrail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the version&apos;s CreatedBy / LastModifiedBy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CloudTrail holds no event on this version (it keeps 90 days of management events).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CloudTrail could not be read (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The timeline could not be written to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n event(s) to %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BulkChangeDialog</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry the failed ones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the failed changes again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to change: every selected version already reads so.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling: waiting for the calls already sent… Esc closes this window; what they do still shows in the table.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CardEditor</name>
    <message>
        <source>Model card of %1 version %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New model card for %1 version %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model card JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card editor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card is saved as a Draft; move it on from the Card tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card is saved in its status, %1; move it on from the Card tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mend the JSON to use the form again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>…and %1 more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card was not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CardForm</name>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Algorithm type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Intended uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Factors affecting efficiency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why this risk rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Business problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stakeholders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line of business</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ethical considerations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caveats and recommendations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add custom detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove custom detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not rated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A custom detail has a value but no name; name it or remove it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two custom details are named &apos;%1&apos;; rename or remove one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CardSection</name>
    <message>
        <source>Model card status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model card status problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model card JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model card editor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model card problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card s&amp;tatus:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, no content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, “%2”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CardStatusBadge</name>
    <message>
        <source>Model card status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CardTab</name>
    <message>
        <source>Edit card…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submit for review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submit card for review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return to draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return card to draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve card…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive card…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This version has no model card.
A card records what the model is for, its risks, and how it was trained and evaluated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create card…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model card sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An archived card takes no more changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card&apos;s content is not valid JSON; the JSON tab shows it as AWS holds it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This card does not follow the model card schema: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve the model card?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card of version %1 will read Approved: reviewed and fit for use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive the model card?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card of version %1 will be archived. AWS takes no more changes to an archived card: it cannot be edited or moved again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card&apos;s status was not changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChoosePage</name>
    <message>
        <source>Choose the accounts and resources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The training account will register versions into a group of the registry account. The lists show what each profile can see.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registry profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registry account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model package group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ECR repositories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S3 bucket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key prefix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional, e.g. models/churn/</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key prefix warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KMS key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The documented cross-account setup requires a customer-managed KMS key for the training artifacts, with a grant for the registry account. Without one, the registry account cannot decrypt artifacts encrypted with the training account&apos;s keys (its AWS managed key aws/s3 cannot be shared at all): deploying a version from the registry account fails when it reads the model data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KMS key warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go on without a KMS key: the artifacts are not encrypted with a KMS key, or the registry account will not deploy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go on without a KMS key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also let the training account read the versions, to deploy them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read access for deploying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adds sagemaker:DescribeModelPackage and sagemaker:ListModelPackages on the group and its versions for the training account, in a statement of its own. Off: the training account can register versions and describe the group, nothing more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off by default: registering needs none of it. Deploying a version from the training account also needs to describe and list the versions (sagemaker:DescribeModelPackage, sagemaker:ListModelPackages).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read access explanation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training principal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the whole training account (recommended)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registry profile:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registry account:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model package group:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training profile:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training account:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ECR repositories:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S3 bucket:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key prefix:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KMS key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grant to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deploying:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>looking up…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No KMS key (not the documented setup: see below)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a registry profile and a training profile.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ColumnChooser</name>
    <message>
        <source>Columns</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompareWindow</name>
    <message>
        <source>Version %1 · %2 · created %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare versions %1 and %2 of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparison summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparison note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Differences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparison message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Only differences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only differences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as &amp;Markdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as Markdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as &amp;Plain Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as Plain Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading version %1 and its metrics…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading versions %1 and %2 and their metrics…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1 of %2 could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The comparison could not be made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The metrics of version %1 could not be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These two versions are identical in every compared field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>better</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>worse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(copied as Markdown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(copied as plain text)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ComparisonModel</name>
    <message>
        <source>These two versions are identical in every compared field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 in %n section(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n difference(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>no differences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>metrics report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>! could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>? unknown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Comparisons</name>
    <message>
        <source>Select exactly two versions to compare them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionBar</name>
    <message>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The AWS profile (account) whose registry is shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The AWS Region whose registry is shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(profile default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> &amp;Profile: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Re&amp;gion: </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContainerEditor</name>
    <message>
        <source>Image URI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick from ECR…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick image from ECR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image URI problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image digest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image digest problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment variables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add environment variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove environment variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment variables problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container hostname</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional; unique in the pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container hostname problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Framework</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional, for example XGBOOST</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Framework version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional, for example 1.7-1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Framework version problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most %1 variables; names use letters, digits and _.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Image URI:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Model data:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Environment:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Hostname:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Framework:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Digest %1 from ECR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Digest %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Variable %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContainerListEditor</name>
    <message>
        <source>Model kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Containers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add container</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate container</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove container</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move u&amp;p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move container up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move container down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Containers problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Inference pipeline&lt;/b&gt; of %1 containers, run in this order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Single model&lt;/b&gt; (add containers to build a pipeline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no image yet)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContainersPage</name>
    <message>
        <source>Containers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no object at %1. Check the path, or upload the model first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No objects under %1: SageMaker would find no model. Check the prefix, or upload the model first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting the objects under the prefix…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking that the object exists…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Found: %1, modified %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>At least %Ln object(s), %1 under %2</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln object(s), %1 under %2</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Could not list the prefix: %1 It is counted again when you come back to this page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not check the object: %1 It is checked again when you come back to this page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each container is an image and its model data. Two or more containers make an inference pipeline (at most %1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContainersTab</name>
    <message>
        <source>Containers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inference pipeline of %1 containers (run in this order)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This version declares no inference containers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>then</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container %1 image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container %1 image digest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image digest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container %1 model data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (the image holds the model)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container %1 model data kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model data kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container %1 hostname</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hostname</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container %1 framework</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Framework</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container %1 environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every object under this prefix, each Gzip-compressed (S3Prefix, Gzip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every object under this prefix, uncompressed (S3Prefix)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One Gzip-compressed object (S3Object, Gzip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One uncompressed object (S3Object)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CopyField</name>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy %1 to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 copied to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CreateFlow</name>
    <message>
        <source>Creating the group &apos;%1&apos;…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created the group &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created the group &apos;%1&apos; in %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CreateGroupDialog</name>
    <message>
        <source>New Model Package Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New model package group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading SageMaker&apos;s naming rules…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Naming rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for example churn-prediction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group name problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tags:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for AWS to create the group…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1 has a value but no key: type a key or clear the value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tag key &apos;%1&apos; appears twice: keep one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag keys take at most 128 characters and values 256.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a name for the group.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The naming rules could not be read (%1); AWS will check the name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop waiting?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS has not answered yet. The group &apos;%1&apos; may still be created after this dialog closes; the status bar will say when it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop waiting for the new group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrossAccountWizard</name>
    <message>
        <source>Cross-account setup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roll back before closing?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n resource(s) written by this setup can still be restored to the documents read before the first write. After closing, Registry Desk can no longer restore them.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Roll back and close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the changes and close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not everything was rolled back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop after the current step?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registry Desk is writing to AWS. It can stop once the call in flight has been answered, and show which steps were done; what was written stays restorable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop after this step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep going</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeleteVersionsDialog</name>
    <message numerus="yes">
        <source>Delete %n version(s) of &apos;%1&apos;</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This cannot be undone: each version goes with its model card, metadata and lifecycle. Pipelines or endpoints that refer to them stop finding them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1 is %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved or in production: %1. Deleting cannot be undone; what serves or deploys them stops finding them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Delete %n version(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeployedSection</name>
    <message>
        <source>Deployed to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking endpoints…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some endpoints could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not deployed to any endpoint in %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not check the endpoints: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeployedWarning</name>
    <message>
        <source>Deployed versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking whether these versions serve any endpoint…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1 serves %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting it does not stop those endpoints, but they can no longer be traced to a registry version, and scaling or updating them may fail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejecting it leaves those endpoints running; pipelines that act on rejections may take them down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not check whether these versions serve any endpoint: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DetailsArea</name>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DetailsPage</name>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything here is optional. A new version normally starts pending approval.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version description problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initial approval status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add property</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add metadata property</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove property</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove metadata property</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer metadata problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample payload URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample payload URL problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approval &amp;status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Metadata:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample &amp;payload:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;omain:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Task:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set &amp;advanced fields (encryption, source, metrics, baselines, card, lifecycle, tags)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set advanced fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advanced fields set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advanced fields warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Property %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set: %1. They are sent with the version; the Advanced page shows them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DetailsPane</name>
    <message>
        <source>Details error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Containers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Compare These Two Versions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare the two selected versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a version to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading version %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1 could not be loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press F5 to try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 other</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n version(s) selected</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DiffView</name>
    <message>
        <source>kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Difference summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show kept statements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current and proposed document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy current JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy proposed JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n added</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changed</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n removed</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n kept</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Statements: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No policy yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document fields (Version, Id)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(a statement without a Sid)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>(%n line(s), unchanged)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EmptyAndDeleteDialog</name>
    <message>
        <source>Empty and delete the group &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listing everything in &apos;%1&apos;…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What goes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listing progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Listing everything in &apos;%1&apos;… %n version(s) so far.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This cannot be undone: every version (its model card, metadata and lifecycle) and the group go for good. Pipelines or endpoints that refer to them stop finding them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not list what the group holds; nothing was deleted.
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The group has no versions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n version(s) go:</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>by approval status: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by stage: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The group&apos;s resource policy goes with it (the accounts it shares with lose access).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Then the group &apos;%1&apos; itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the group</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Delete %n version(s) and the group</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The group &apos;%1&apos; was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The group &apos;%1&apos; stays: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EncryptionSection</name>
    <message>
        <source>KMS key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key ID, key ARN, alias/name or alias ARN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KMS keys of the account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a key of the account…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload KMS keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KMS keys status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KMS key problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account&apos;s &amp;keys:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SageMaker encrypts the version&apos;s information with this key. Registering into a group of another account needs a key that account may use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listing the account&apos;s keys…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) in this account.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>This account has no KMS keys; type the ARN of another account&apos;s key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keys could not be listed: %1 Type the key instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EndpointsColumn</name>
    <message>
        <source>Some endpoints could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Endpoints column could not be filled: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Unexpected error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registry Desk ran into an error it did not expect and kept running; what you were doing may not have finished. The log has the details:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no log file could be written)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the traceback, the version and the platform, without secrets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n unexpected error(s) in a row; the last one is shown.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Estate</name>
    <message>
        <source>The estate could not be listed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EstateDock</name>
    <message>
        <source>Estate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estate: accounts, regions and groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;List all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the estate again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List every chosen account and region again (F5 in the tree)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;hoose accounts and regions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose accounts and regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estate status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local index could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n account-region(s) could not be listed; the others are up to date.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Listing… %1 of %2 account-regions done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As of %1; F5 in the tree lists them again</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n account-region(s) chosen; F5 in the tree lists them again</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EstateModel</name>
    <message>
        <source>Account, region, group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Groups this account shares with a chosen profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n group(s) could not be listed</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — account not known yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <comment>profiles — account id</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account %1 (shares groups with you)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listing… %1 of %2 groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading details… %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listing groups…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <comment>region — what its listing is doing</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not listed yet: press F5 to list it</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The comments and metadata of %n version(s) could not be read; the next refresh tries again.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GroupDetailsView</name>
    <message>
        <source>Group title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared group note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ARN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied the group&apos;s ARN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group details error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resource Policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No group selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No description.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the resource policy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared with this account by account %1: this profile can read what the group&apos;s policy lets it read, and nothing here can be changed from this account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tags of a shared group are changed from its own account (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tags could not be read. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not recorded by AWS for this group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The root user of account %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (IAM user in account %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (assumed role in account %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (SageMaker Studio user profile, domain %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (account %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The details of group %1 could not be read. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press F5 to try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved the tag &apos;%1&apos; on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Removed %n tag(s) from %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GroupNameDelegate</name>
    <message>
        <source>shared</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GroupTimelineExport</name>
    <message>
        <source>Select a group first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Group Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group timeline export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listing the versions of %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the timeline of version %1 of %2 in %3…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n event(s) to %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n version(s))</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The group&apos;s timeline could not be exported to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export of %1&apos;s timeline cancelled: nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GroupsView</name>
    <message>
        <source>Search groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search groups (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model package groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Groups as of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Model package groups&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading groups…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the model package group &apos;%1&apos;?

Only an empty group can be deleted, and this cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted the group &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; belongs to account %2 and is only shared with this one. Delete it from that account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The group &apos;%1&apos; still has versions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an empty group can be deleted. Empty and Delete Group… lists every version that would go and asks for the group&apos;s name before deleting anything.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty and Delete Group…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted the group &apos;%1&apos; and its versions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model package groups in this account and region.
Create one with New Group (Ctrl+N), or pick another profile or region.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not refresh the groups; the list shows them as they were and may be out of date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The listing stopped after %n group(s); the list is incomplete.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Could not list the groups.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No groups to show: the listing failed (see above).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press F5 or Retry to list them again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n group(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n group(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source> (may be out of date)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (incomplete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No group name contains &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HandOffPage</name>
    <message>
        <source>Hand off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register a version as the training profile, or export every document and a boto3 script for teams that apply changes through review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group ARN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register a version as the training profile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register a version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a folder for the JSON documents and the script</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose export folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roll back the whole setup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rollback result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group ARN:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training profile:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registration is not available in this window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export to folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type or choose a folder to export to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1 file(s):
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not export: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rolling back…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not everything was rolled back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rolled back: every document is as it was before the setup.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <source>Could not open the log folder %1. Open it with a file manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Registry Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registry Desk %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administer Amazon SageMaker Model Registries.

The log files (what failed, and why; never a secret) are in:
%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImagePickerDialog</name>
    <message>
        <source>Pick an image from ECR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repositories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pushed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Digest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading repositories…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account has no ECR repositories.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Inbox</name>
    <message>
        <source>Inbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The inbox could not read the local index: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inbox (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No profile of this window reaches account %1 in %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2 (%3 of %4)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InboxModel</name>
    <message numerus="yes">
        <source>%Ln minute(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln hour(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln day(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InboxView</name>
    <message>
        <source>Inbox shows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions waiting for approval, or the versions in one stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Approve…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve the selected versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;ject…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject the selected versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the selected version in its group (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve from the inbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject from the inbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inbox versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the local index…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In stage %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing waits for approval in the accounts and regions the window has listed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No listed version is in the stage %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InferenceFieldsEditor</name>
    <message>
        <source>Content types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response MIME types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Real-time instance types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional, separated by spaces: ml.m5.large ml.m5.xlarge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Real-time instance types problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch transform instance types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional, separated by spaces: ml.m5.large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch transform instance types problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Real-time instance types:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Batch transform instance types:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InferencePage</name>
    <message>
        <source>Inference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which request and response formats the model handles. Tick the common ones or type another MIME type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inference problem</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InferenceTab</name>
    <message>
        <source>Content types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response MIME types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supported content types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None declared</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JsonTab</name>
    <message>
        <source>Describe response (JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy JSON</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LifecycleDialog</name>
    <message numerus="yes">
        <source>Set the lifecycle of %n version(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to change: every selected version already has this stage and status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the versions are in their life, such as Staging or Production. Stages this group already uses are listed first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the versions stand in that stage, such as InProgress or Approved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: why, or what was checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stage:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage s&amp;tatus:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage status problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage description problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>already %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Set for %n version(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Set lifecycle</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LifecycleSection</name>
    <message>
        <source>Lifecycle stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifecycle stage status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifecycle stage description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional: why, or what was checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifecycle stage problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifecycle stage status problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifecycle stage description problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stage:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage s&amp;tatus:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;escription:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage and status go together: set both, or neither.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ListingProblem</name>
    <message>
        <source>Groups listing problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Groups listing problem text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry listing groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the groups again (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retrying…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LocalData</name>
    <message>
        <source>The local index could not be opened (%1); what the window shows will not be remembered until this is fixed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Registry Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the sandbox…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading AWS profiles…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Getting ready…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not list the application profiles: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected error: %1. The details are in the log.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MetadataDialog</name>
    <message>
        <source>Edit metadata of %1 version %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata of %1, version %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edited version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata properties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source URI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>s3://bucket/path/source.tar.gz, a Git URL, or empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source URI check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Source URI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving… the dialog closes when AWS has answered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard your changes?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your changes to the metadata have not been saved. Discard them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a key for this value, or remove the row.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key &apos;%1&apos; is already in row %2; use each key once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the API&apos;s limits…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix what is marked in red to save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A version takes at most %1 keys; remove %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add, change or remove a key, or change the source URI, to save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To save: %1, %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) set</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) removed</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is there now is read again and shown next to your values; nothing you typed is lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed by someone else since you opened this; shown as they left it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You removed this key; someone else changed it since you opened this. Remove it again to remove their value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone else set this to &apos;%1&apos; since you opened it; Save puts yours in its place.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone else removed this key since you opened it; Save adds it back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone else set the source URI to &apos;%1&apos; since you opened this; Save puts yours in its place.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MetadataTab</name>
    <message>
        <source>Domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample payload URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample payload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add, change or remove metadata keys, or change the source URI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No customer metadata.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MetricFilesSection</name>
    <message>
        <source>Model metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drift check baselines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add metrics file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add baseline file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove metrics file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove baseline file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model metrics problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drift check baselines problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statistics, constraints and reports of model quality, data quality, bias and explainability, each an object in S3 (Browse with …). The digest is the object&apos;s sha256, when you have it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The baselines Model Monitor checks drift against: statistics, constraints and configuration files, each an object in S3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s): </source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> and %n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MetricFilesTable</name>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S3 URI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Digest (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind, row %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse S3…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse S3, row %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MetricsTab</name>
    <message>
        <source>This version has no model metrics.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metric reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S3 URI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metrics file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Standard deviation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drift check baselines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This report holds no metrics for a table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading metrics…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MfaDialog</name>
    <message>
        <source>MFA code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MFA code dialog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile &apos;%1&apos; assumes a role that needs a code from the MFA device
%2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>6 digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MFA code problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the 6 digits your MFA device shows now.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MimeTypesEditor</name>
    <message>
        <source>Other type for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another type, e.g. application/x-parquet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add type to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 problem</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelDataEditor</name>
    <message>
        <source>Model data kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ModelDataUrl: one gzip-compressed tar archive (.tar.gz) that SageMaker unpacks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S3 prefix or object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ModelDataSource: every object under an S3 prefix, or one object, compressed or not (large models are often stored this way).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model data: the image holds the model itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model data URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model data S3 URI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse S3…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse S3 for model data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S3 data type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prefix (every object under it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uncompressed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gzip tar archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept the model&apos;s EULA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ModelAccessConfig.AcceptEula: needed by models whose licence must be accepted before they are deployed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model data problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model data check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model data warning</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message numerus="yes">
        <source>%1 and %Ln more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new version(s) waiting for approval: %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message>
        <source>Version title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ARN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last modified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approval comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Package status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last modified by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source URI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encryption key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None set: SageMaker&apos;s default encryption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployed to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — version %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No description.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No approval comment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No stage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commit: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repository: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generated by: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OverwriteDialog</name>
    <message>
        <source>Changed since the apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone changed these documents after Registry Desk wrote them, so rollback left them as they are. Restoring the original now would erase that change (shown on the right).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why rollback stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed resources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What Registry Desk wrote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was written and what is there now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy what was written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy what is there now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the original anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep their change</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PolicyTab</name>
    <message>
        <source>Policy state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accounts the policy grants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resource policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the resource policy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only account %1 can read this group&apos;s resource policy: it is the owner, and GetModelPackageGroupPolicy takes a group name, not another account&apos;s ARN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The resource policy could not be read. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No resource policy: no other account can see or use this group; within this account, IAM permissions alone decide.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The policy is not valid JSON policy text (%1); shown as stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>This policy names %n account(s) or principal(s):</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>This policy names no account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anyone (&quot;*&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>denied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no action</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the window has seen (groups, versions, images, approval comments and metadata; never a secret or a model card) is kept on this computer, readable by you only, so the window opens on it at once and search works across every account and region.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local index file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local index size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear Local Data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear local data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Background refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh interval in minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show desktop &amp;notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show desktop notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lists the estate again at this interval and announces each version that arrives waiting for approval, once. 0 turns it off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh every:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not open (nothing is remembered yet).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 on disk, %n version(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Forget every group and version remembered on this computer?

Nothing changes in AWS. The next start opens empty until the listings have run; the rows on screen stay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clearing…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <source>Edit profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile dialog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. training-admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access key ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AKIA…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret access key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kept in the keyring; type new keys to replace them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys are stored only in the OS keyring, never in a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assume a role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role ARN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(this profile&apos;s own keys)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>External ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration in seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MFA device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional, e.g. arn:aws:iam::123456789012:mfa/alice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access key ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret access key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role ARN:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source profile:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>External ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MFA device:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No usable keyring: keys cannot be saved. A profile can still assume a role from a profile of the AWS config files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Sandbox:&lt;/b&gt; nothing here reaches AWS. Any access key ID of the right shape works, e.g. &lt;code&gt;AKIAIOSFODNN7EXAMPLE&lt;/code&gt;, with any 40-character secret such as &lt;code&gt;wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY&lt;/code&gt;: that profile is the registry account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To reach the training account, add a second profile that assumes the role &lt;code&gt;%1&lt;/code&gt; with the first one as its source profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox hint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No usable keyring: keys cannot be saved. Fix the keyring, or assume a role from a profile of the AWS config files.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RegisterWizard</name>
    <message>
        <source>Register Model Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register model version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save spec…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Load spec…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A copy of version %1 of %2. It starts pending approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its model card starts as a draft (the source&apos;s is %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its lifecycle stage is not copied (the source is in %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: approval, card status and stage are decided for each version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drift check baselines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifecycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Additional inference specifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The version you stopped waiting for was registered after all:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The version you stopped waiting for was not registered. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registration outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop waiting for AWS?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The version is being registered: the profile &apos;%1&apos; is still waiting for sagemaker:CreateModelPackage on %2 to answer.

If you stop waiting, AWS may still create the version. You will be told when the answer comes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard this version?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing has been registered. What you typed in this wizard will be lost; Save spec… keeps it in a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save the spec: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot load the spec: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save registration spec</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load registration spec</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <source>Registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new version is in the registry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version ARN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in versions view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ARN of the new version:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultsPage</name>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%v of %m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultsTree</name>
    <message>
        <source>Search results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matched text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 v%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Review the changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training account first, registry account last. Existing statements are kept exactly; ours are marked with a RegistryDesk Sid so a second run finds them again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No KMS key, chosen knowingly: the documented setup requires a customer-managed key for the artifacts. The registry account will not be able to decrypt artifacts encrypted with the training account&apos;s keys, so deploying from the registry account fails reading the model data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No KMS key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the current policies and grants in both accounts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● will change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ already in place (written by this setup)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ already in place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix the problems marked ✗ before applying.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything is already in place: nothing to change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 resources will change. Registry account %3, training account %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n added</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changed</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n removed</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The plan could not be made. Go back to change the choice, or try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(cannot propose: see above)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No share yet: AWS RAM creates it when the group policy is written; this step then promotes it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The share as AWS RAM holds it now, and once promoted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registration summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request renderings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>boto3 snippet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS CLI command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SageMaker SDK code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pipelines step code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request (JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>boto3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS CLI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SageMaker SDK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pipelines step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registration error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registration status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an inference pipeline of %1 containers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a single-container model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register %1 in the %2 group &lt;b&gt;%3&lt;/b&gt; as &lt;b&gt;%4&lt;/b&gt;, with the profile %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>existing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registering: waiting for AWS to answer sagemaker:CreateModelPackage. Cancel asks whether to stop waiting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The version was not registered. %1
Every field keeps what you typed: go Back to change it, then register again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>S3BrowserDialog</name>
    <message>
        <source>Pick model data from S3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick an object from S3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use this folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A folder is used as an S3 prefix: SageMaker copies every object under it, uncompressed. A .tar.gz object is a model archive (ModelDataUrl); any other object is one uncompressed file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What can be picked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bucket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up one folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Objects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bucket:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account has no S3 buckets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchPopup</name>
    <message>
        <source>Search Everywhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search everywhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Names, descriptions, images, comments, stages, metadata…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search &amp;AWS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search AWS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask SageMaker&apos;s Search in the current profile and region for versions whose group name or description contains the text (key=value: a metadata value); what it finds is remembered for the next search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The search failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search AWS: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching AWS…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Search AWS found %n version(s) not already listed here, in the profile %1 (%2).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No profile in the connection picker reaches the account %1 in %2: add one under Accounts, then open the version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n version(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n account-region(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>the best %1 shown; type more to narrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no local index yet: it opens shortly after the start, and fills as groups and versions are listed. Search AWS looks in the current account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type to search the names, descriptions, images, comments, stages and metadata of every version seen in any account and region.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local index holds no version yet: versions are remembered as their groups are listed. Search AWS looks in the current account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No version in the indexed accounts matches “%1” — Search AWS looks in the current account.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SectionBox</name>
    <message>
        <source>not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (to fix)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SourceSection</name>
    <message>
        <source>Source URI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>s3://…, or the ARN of a model or model package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse S3…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse S3 for the source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source URI problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commit ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for example 9f1c2ab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for example https://github.com/team/churn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generated by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for example the pipeline or job that trained it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the SageMaker project, when there is one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commit ID problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repository problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generated by problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project ID problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source &amp;URI:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Commit ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Repository:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Generated by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Project ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>commit %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>project %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusBadge</name>
    <message>
        <source>Approval status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TagsSection</name>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags of this version only; the group keeps its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source> and %n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TagsTab</name>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key, e.g. cost-center</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value (may be empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add or change tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove Selected…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove selected tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why the tags are read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading tags…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tags could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tags. Add one below: a key, and a value if you like.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change Tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Remove %n tag(s) from the group?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TargetPage</name>
    <message>
        <source>Target group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the model package group that receives the new version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An &amp;existing group of this account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A &amp;new group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A group in &amp;another account, by ARN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading groups…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group list status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New group name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for example churn-prediction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New group name problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New group description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New group description problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group ARN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group ARN problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The owner of that group must allow this account to register into it (a resource policy on the group, and access to its artifacts).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Group:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N&amp;ame:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;RN:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the list of groups…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a group.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n group(s) in this account.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>This account has no groups yet: create one below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot list the groups: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TargetsDialog</name>
    <message>
        <source>Choose accounts and regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick each profile and region the estate lists (a click on a profile or a region ticks its whole column or row). Nothing ticked: the current profile and region only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profiles and regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;List these</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List these</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrendExports</name>
    <message>
        <source>Export Metric Trends as PNG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG pictures (*.png);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Metric Trends as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved the metric trends to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The metric trends could not be saved to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrendPlot</name>
    <message>
        <source>Metric trend plots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No value (hover for why)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrendsDock</name>
    <message>
        <source>Metric Trends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metrics to plot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plot over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creation time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;pproved only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved versions only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export P&amp;NG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the plot as a PNG picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the plotted values as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metric reading progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metric trends message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plot &amp;over:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>M&amp;etrics:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the plot…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a group to follow its metrics across its versions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the metrics of the versions of %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The metrics of %1 could not be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no versions yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No version of this group has a model-quality statistics report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick one or more metrics to plot.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No approved version of %1 has been read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding the versions of %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n version(s) read</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped after %1 of %n version(s): %2</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n version(s) read</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n without metrics (crosses; hover for why)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Version %1 is hidden by the versions list&apos;s filters.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TypedConfirmation</name>
    <message>
        <source>To confirm, type the group name &lt;b&gt;%1&lt;/b&gt;:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group name to confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmation problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is not the group&apos;s name: type &apos;%1&apos; exactly.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ValidationSection</name>
    <message>
        <source>Not set: SageMaker&apos;s default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All: skip the validation of this version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None: skip nothing; validate it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model validation not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip all model validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip no model validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model validation as loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model validation problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SkipModelValidation. SageMaker validates a version that has a validation specification by running it; All skips that (for a model checked elsewhere), None asks for it explicitly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As loaded: &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skip all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skip none</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VerifyPage</name>
    <message>
        <source>Verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every resource is read again, then the training profile describes the group by its ARN, across accounts, as a registration would, and looks for it in the groups shared with it once its AWS RAM share is promoted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 check(s) failed: see above. Apply again, or fix them by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything is in place: the training account can register versions.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VersionFlows</name>
    <message>
        <source>Select one or more versions first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions of a group shared from another account can only be deleted by that account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select one version to edit its metadata.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved the metadata of version %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a group or a version first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied %1 ARN(s) to the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a version first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VersionsView</name>
    <message>
        <source>No version has the status &apos;%1&apos;. Choose All to see every version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every version has a stage. Choose All stages to see every version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No version without a stage has the status &apos;%1&apos;. Choose All and All stages to see every version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No version is in the stage &apos;%1&apos;. Choose All stages to see every version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No version in the stage &apos;%1&apos; has the status &apos;%2&apos;. Choose All and All stages to see every version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Versions&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All stages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model package versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a group to see its versions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sta&amp;ge:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (shared from %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Versions of %1&lt;/b&gt;%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading versions of %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no versions yet. Register one, or pick another group.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (refreshing…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n version(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n version(s) shown</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_CodeTab</name>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_PickerDialog</name>
    <message>
        <source>Picker problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use selection</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>audit</name>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>context</name>
    <message>
        <source>as last seen, before the refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as of %1, before the refresh</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>self.bar</name>
    <message>
        <source>Stopped waiting (%1). It may still complete; refresh (F5) to see.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>self.owner</name>
    <message>
        <source>Version %1 · %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No value: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>widget</name>
    <message>
        <source>this account, profile %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>profile %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no profile known for it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
