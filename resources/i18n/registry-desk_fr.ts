<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>AccountsDock</name>
    <message>
        <source>Accounts</source>
        <translation>Comptes</translation>
    </message>
</context>
<context>
    <name>AccountsModel</name>
    <message>
        <source>expired</source>
        <translation>expiré</translation>
    </message>
    <message>
        <source>expires in %1 min</source>
        <translation>expire dans %1 min</translation>
    </message>
    <message>
        <source>expires in %1 h</source>
        <translation>expire dans %1 h</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>SSO token valid, %1</source>
        <translation>Jeton SSO valide, %1</translation>
    </message>
    <message>
        <source>SSO token expired or missing: run %1</source>
        <translation>Jeton SSO expiré ou absent&#xa0;: exécutez %1</translation>
    </message>
    <message>
        <source>access keys</source>
        <translation>clés d&apos;accès</translation>
    </message>
    <message>
        <source>SSO</source>
        <translation>SSO</translation>
    </message>
    <message>
        <source>assume role</source>
        <translation>rôle assumé</translation>
    </message>
    <message>
        <source>credential_process</source>
        <translation>credential_process</translation>
    </message>
    <message>
        <source>web identity</source>
        <translation>identité web</translation>
    </message>
    <message>
        <source>application-managed</source>
        <translation>géré par l&apos;application</translation>
    </message>
    <message>
        <source>region only</source>
        <translation>région seulement</translation>
    </message>
    <message>
        <source>sandbox (built in, read-only)</source>
        <translation>bac à sable (intégré, lecture seule)</translation>
    </message>
    <message>
        <source>%1 (assume role)</source>
        <translation>%1 (rôle assumé)</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Région</translation>
    </message>
    <message>
        <source>Source profile</source>
        <translation>Profil source</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>ARN</source>
        <translation>ARN</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
</context>
<context>
    <name>AccountsView</name>
    <message>
        <source>Accounts</source>
        <translation>Comptes</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>Profils</translation>
    </message>
    <message>
        <source>Reading profiles…</source>
        <translation>Lecture des profils…</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Ajouter…</translation>
    </message>
    <message>
        <source>Add an application profile (keys in the keyring)</source>
        <translation>Ajouter un profil de l&apos;application (clés dans le trousseau)</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>Edit the selected application profile</source>
        <translation>Modifier le profil de l&apos;application sélectionné</translation>
    </message>
    <message>
        <source>Re&amp;move…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <source>Remove the selected application profile and its keys</source>
        <translation>Supprimer le profil de l&apos;application sélectionné et ses clés</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>&amp;Vérifier</translation>
    </message>
    <message>
        <source>Ask STS who this profile is</source>
        <translation>Demander à STS qui est ce profil</translation>
    </message>
    <message>
        <source>&amp;Use</source>
        <translation>&amp;Utiliser</translation>
    </message>
    <message>
        <source>Show this profile&apos;s registry in the main views</source>
        <translation>Afficher le registre de ce profil dans les vues principales</translation>
    </message>
    <message>
        <source>Write to AWS &amp;config</source>
        <translation>Écrire dans la &amp;config AWS</translation>
    </message>
    <message>
        <source>Let the AWS CLI and SDKs use this profile through credential_process</source>
        <translation>Permettre à l&apos;AWS CLI et aux SDK d&apos;utiliser ce profil via credential_process</translation>
    </message>
    <message>
        <source>SSO &amp;sign in</source>
        <translation>&amp;Connexion SSO</translation>
    </message>
    <message>
        <source>Run aws sso login for the selected SSO profile</source>
        <translation>Exécuter aws sso login pour le profil SSO sélectionné</translation>
    </message>
    <message>
        <source>Could not read the profiles: %1</source>
        <translation>Impossible de lire les profils&#xa0;: %1</translation>
    </message>
    <message>
        <source>No profiles yet. Add one, or run `aws configure`.</source>
        <translation>Aucun profil pour l&apos;instant. Ajoutez-en un, ou exécutez `aws configure`.</translation>
    </message>
    <message>
        <source>Disabled: no usable keyring</source>
        <translation>Désactivé&#xa0;: aucun trousseau utilisable</translation>
    </message>
    <message>
        <source>%1 is account %2.</source>
        <translation>%1 est le compte %2.</translation>
    </message>
    <message>
        <source>The profile &apos;%1&apos; cannot be used now: %2.</source>
        <translation>Le profil «&#xa0;%1&#xa0;» ne peut pas être utilisé pour l&apos;instant&#xa0;: %2.</translation>
    </message>
    <message>
        <source>Profile %1 added.</source>
        <translation>Profil %1 ajouté.</translation>
    </message>
    <message>
        <source>Cannot edit the profile &apos;%1&apos;: the application&apos;s profiles file %2 cannot be read (%3). Restore or remove that file, then try again.</source>
        <translation>Impossible de modifier le profil «&#xa0;%1&#xa0;»&#xa0;: le fichier des profils de l&apos;application %2 est illisible (%3). Restaurez ou supprimez ce fichier, puis réessayez.</translation>
    </message>
    <message>
        <source>Cannot edit the profile &apos;%1&apos;: %2</source>
        <translation>Impossible de modifier le profil «&#xa0;%1&#xa0;»&#xa0;: %2</translation>
    </message>
    <message>
        <source>The profile &apos;%1&apos; is no longer among the application&apos;s profiles (removed in another window?); the list is read again.</source>
        <translation>Le profil «&#xa0;%1&#xa0;» ne fait plus partie des profils de l&apos;application (supprimé dans une autre fenêtre&#xa0;?)&#xa0;; la liste est relue.</translation>
    </message>
    <message>
        <source>Could not read the keys of &apos;%1&apos; from the keyring: %2 You can change the other settings now; to keep the keys, save without typing any. To check them, unlock the keyring and open Edit again.</source>
        <translation>Impossible de lire les clés de «&#xa0;%1&#xa0;» dans le trousseau&#xa0;: %2 Vous pouvez modifier les autres réglages maintenant&#xa0;; pour conserver les clés, enregistrez sans en saisir. Pour les vérifier, déverrouillez le trousseau et rouvrez Modifier.</translation>
    </message>
    <message>
        <source>The keyring holds no keys for &apos;%1&apos; any more (removed outside Registry Desk?): type its access key ID and secret again.</source>
        <translation>Le trousseau ne contient plus de clés pour «&#xa0;%1&#xa0;» (supprimées hors de Registry Desk&#xa0;?)&#xa0;: saisissez de nouveau son ID de clé d&apos;accès et sa clé secrète.</translation>
    </message>
    <message>
        <source>Profile %1 saved.</source>
        <translation>Profil %1 enregistré.</translation>
    </message>
    <message>
        <source>Profile %1 removed, but its AWS config section was not: %2 Remove it by hand.</source>
        <translation>Profil %1 supprimé, mais pas sa section de la config AWS&#xa0;: %2 Supprimez-la à la main.</translation>
    </message>
    <message>
        <source>Profile %1 removed.</source>
        <translation>Profil %1 supprimé.</translation>
    </message>
    <message>
        <source>Profile %1 removed, and taken out of %2.</source>
        <translation>Profil %1 supprimé, et retiré de %2.</translation>
    </message>
    <message>
        <source>Could not remove the profile &apos;%1&apos;: %2</source>
        <translation>Impossible de supprimer le profil «&#xa0;%1&#xa0;»&#xa0;: %2</translation>
    </message>
    <message>
        <source>Nothing was removed: %1</source>
        <translation>Rien n&apos;a été supprimé&#xa0;: %1</translation>
    </message>
    <message>
        <source>Shown before:
%1
Now:
%2</source>
        <translation>Affiché avant&#xa0;:
%1
Maintenant&#xa0;:
%2</translation>
    </message>
    <message>
        <source>(no such section)</source>
        <translation>(section inexistante)</translation>
    </message>
    <message>
        <source>Press Remove again to see it as it is now.</source>
        <translation>Appuyez de nouveau sur Supprimer pour la voir telle qu&apos;elle est maintenant.</translation>
    </message>
    <message>
        <source>The profile &apos;%1&apos; in %2 now gets its credentials from Registry Desk (credential_process); no key was written.</source>
        <translation>Le profil «&#xa0;%1&#xa0;» dans %2 obtient désormais ses identifiants de Registry Desk (credential_process)&#xa0;; aucune clé n&apos;a été écrite.</translation>
    </message>
    <message>
        <source>Running %1; finish the sign-in in your browser.</source>
        <translation>Exécution de %1&#xa0;; terminez la connexion dans votre navigateur.</translation>
    </message>
    <message>
        <source>The AWS CLI is not installed. Install it, then run: %1</source>
        <translation>L&apos;AWS CLI n&apos;est pas installée. Installez-la, puis exécutez&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>AdditionalSpecsEditor</name>
    <message>
        <source>Additional inference specifications</source>
        <translation>Spécifications d&apos;inférence supplémentaires</translation>
    </message>
    <message>
        <source>Additional specifications</source>
        <translation>Spécifications supplémentaires</translation>
    </message>
    <message>
        <source>Add spe&amp;cification</source>
        <translation>Ajouter une spé&amp;cification</translation>
    </message>
    <message>
        <source>Add specification</source>
        <translation>Ajouter une spécification</translation>
    </message>
    <message>
        <source>Remove specifica&amp;tion</source>
        <translation>Supprimer la spécifica&amp;tion</translation>
    </message>
    <message>
        <source>Remove specification</source>
        <translation>Supprimer la spécification</translation>
    </message>
    <message>
        <source>Additional specifications problem</source>
        <translation>Problème des spécifications supplémentaires</translation>
    </message>
    <message>
        <source>Additional specifications warning</source>
        <translation>Avertissement des spécifications supplémentaires</translation>
    </message>
    <message>
        <source>Specification name</source>
        <translation>Nom de la spécification</translation>
    </message>
    <message>
        <source>unique, for example gpu or batch</source>
        <translation>unique, par exemple gpu ou batch</translation>
    </message>
    <message>
        <source>Specification name problem</source>
        <translation>Problème du nom de la spécification</translation>
    </message>
    <message>
        <source>Specification description</source>
        <translation>Description de la spécification</translation>
    </message>
    <message>
        <source>optional: what sets it apart from the main one</source>
        <translation>facultatif&#xa0;: ce qui la distingue de la spécification principale</translation>
    </message>
    <message>
        <source>Specification description problem</source>
        <translation>Problème de la description de la spécification</translation>
    </message>
    <message>
        <source>Specification problems</source>
        <translation>Problèmes de la spécification</translation>
    </message>
    <message>
        <source>Specification warnings</source>
        <translation>Avertissements de la spécification</translation>
    </message>
    <message>
        <source>Specification containers</source>
        <translation>Conteneurs de la spécification</translation>
    </message>
    <message>
        <source>Add container to specification</source>
        <translation>Ajouter un conteneur à la spécification</translation>
    </message>
    <message>
        <source>Duplicate specification container</source>
        <translation>Dupliquer le conteneur de la spécification</translation>
    </message>
    <message>
        <source>Remove container from specification</source>
        <translation>Retirer le conteneur de la spécification</translation>
    </message>
    <message>
        <source>Move specification container up</source>
        <translation>Monter le conteneur de la spécification</translation>
    </message>
    <message>
        <source>Move specification container down</source>
        <translation>Descendre le conteneur de la spécification</translation>
    </message>
    <message>
        <source>Specification containers problem</source>
        <translation>Problème des conteneurs de la spécification</translation>
    </message>
    <message>
        <source>Specification model kind</source>
        <translation>Type de modèle de la spécification</translation>
    </message>
    <message>
        <source>Specification parts</source>
        <translation>Parties de la spécification</translation>
    </message>
    <message>
        <source>Containers</source>
        <translation>Conteneurs</translation>
    </message>
    <message>
        <source>Inference</source>
        <translation>Inférence</translation>
    </message>
    <message>
        <source>Additional &amp;specifications:</source>
        <translation>&amp;Spécifications supplémentaires&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Description&#xa0;:</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(sans nom)</translation>
    </message>
    <message numerus="yes">
        <source>%n specification(s): %1</source>
        <translation>
            <numerusform>%n spécification&#xa0;: %1</numerusform>
            <numerusform>%n spécifications&#xa0;: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n container(s)</source>
        <translation>
            <numerusform>%n conteneur</numerusform>
            <numerusform>%n conteneurs</numerusform>
        </translation>
    </message>
    <message>
        <source>At most %1. Each is an alternative to the main inference specification, with containers of its own.</source>
        <translation>%1 au plus. Chacune est une alternative à la spécification d&apos;inférence principale, avec ses propres conteneurs.</translation>
    </message>
    <message>
        <source>None: the version has the main inference specification only. Add one for another build of the model, for example for GPUs (at most %1).</source>
        <translation>Aucune&#xa0;: la version n&apos;a que la spécification d&apos;inférence principale. Ajoutez-en une pour une autre version du modèle, par exemple pour GPU (%1 au plus).</translation>
    </message>
    <message>
        <source>Container %1: %2</source>
        <translation>Conteneur %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>AdvancedPage</name>
    <message>
        <source>Advanced</source>
        <translation>Avancé</translation>
    </message>
    <message>
        <source>Everything here is optional. Open a section to set its fields; its header says what is set.</source>
        <translation>Tout est facultatif ici. Ouvrez une section pour en renseigner les champs&#xa0;; son en-tête indique ce qui est renseigné.</translation>
    </message>
    <message>
        <source>Advanced sections</source>
        <translation>Sections avancées</translation>
    </message>
    <message>
        <source>Advanced fields problem</source>
        <translation>Problème des champs avancés</translation>
    </message>
</context>
<context>
    <name>ApplyPage</name>
    <message>
        <source>Apply</source>
        <translation>Appliquer</translation>
    </message>
    <message>
        <source>Steps run in order; each re-reads its resource first and stops when it changed since the review. Everything written can be rolled back to the documents read before.</source>
        <translation>Les étapes s&apos;exécutent dans l&apos;ordre&#xa0;; chacune relit d&apos;abord sa ressource et s&apos;arrête si elle a changé depuis la revue. Tout ce qui est écrit peut être restauré aux documents lus auparavant.</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>en attente</translation>
    </message>
    <message>
        <source>running…</source>
        <translation>en cours…</translation>
    </message>
    <message>
        <source>done</source>
        <translation>terminé</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>échec</translation>
    </message>
    <message>
        <source>no change needed</source>
        <translation>aucune modification nécessaire</translation>
    </message>
    <message>
        <source>rolled back</source>
        <translation>restauré</translation>
    </message>
    <message>
        <source>changed since the review</source>
        <translation>modifié depuis la revue</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Étapes</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>Apply result</source>
        <translation>Résultat de l&apos;application</translation>
    </message>
    <message>
        <source>Roll back</source>
        <translation>Restaurer</translation>
    </message>
    <message>
        <source>Restore every document written, exactly as it was read. A promoted AWS RAM share is deleted first (ram:DeleteResourceShare), with the permission its promotion made: it no longer follows the group policy. A share never promoted goes away with the policy.</source>
        <translation>Restaurer chaque document écrit, exactement tel qu&apos;il a été lu. Un partage AWS RAM promu est d&apos;abord supprimé (ram:DeleteResourceShare), avec l&apos;autorisation créée par sa promotion&#xa0;: il ne suit plus la stratégie du groupe. Un partage jamais promu disparaît avec la stratégie.</translation>
    </message>
    <message>
        <source>Plan again</source>
        <translation>Replanifier</translation>
    </message>
    <message>
        <source>Back to the review, with a plan read afresh; what was written stays restorable</source>
        <translation>Retour à la revue, avec un plan relu&#xa0;; ce qui a été écrit reste restaurable</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>Ce qui a changé</translation>
    </message>
    <message>
        <source>Read for the review</source>
        <translation>Lu pour la revue</translation>
    </message>
    <message>
        <source>There now</source>
        <translation>Actuellement</translation>
    </message>
    <message>
        <source>What the review read and what is there now</source>
        <translation>Ce que la revue a lu et ce qui est là maintenant</translation>
    </message>
    <message>
        <source>Copy what the review read</source>
        <translation>Copier ce que la revue a lu</translation>
    </message>
    <message>
        <source>Copy what is there now</source>
        <translation>Copier ce qui est là maintenant</translation>
    </message>
    <message numerus="yes">
        <source>Apply %n change(s)</source>
        <translation>
            <numerusform>Appliquer %n modification</numerusform>
            <numerusform>Appliquer %n modifications</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n resource(s) written by an earlier attempt can still be rolled back.</source>
        <translation>
            <numerusform>%n ressource écrite par une tentative précédente peut encore être restaurée.</numerusform>
            <numerusform>%n ressources écrites par une tentative précédente peuvent encore être restaurées.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing has been changed yet.</source>
        <translation>Rien n&apos;a encore été modifié.</translation>
    </message>
    <message>
        <source>Written by an earlier attempt; Roll back restores it.</source>
        <translation>Écrit par une tentative précédente&#xa0;; Restaurer le rétablit.</translation>
    </message>
    <message>
        <source>Someone changed it since the apply: not restored, so their change is kept.</source>
        <translation>Quelqu&apos;un l&apos;a modifié depuis l&apos;application&#xa0;: non restauré, sa modification est donc conservée.</translation>
    </message>
    <message>
        <source>Someone changed it since the review: nothing was written to it. The difference is shown below.</source>
        <translation>Quelqu&apos;un l&apos;a modifié depuis la revue&#xa0;: rien n&apos;y a été écrit. La différence est affichée ci-dessous.</translation>
    </message>
    <message>
        <source>Already written by an earlier attempt; Roll back restores it.</source>
        <translation>Déjà écrit par une tentative précédente&#xa0;; Restaurer le rétablit.</translation>
    </message>
    <message>
        <source>Already in place: nothing to write.</source>
        <translation>Déjà en place&#xa0;: rien à écrire.</translation>
    </message>
    <message>
        <source>Promoted to a standard AWS RAM share: the training account lists the group among those shared with it (Verify checks it).</source>
        <translation>Promu en partage AWS RAM standard&#xa0;: le compte d&apos;entraînement voit le groupe parmi ceux partagés avec lui (Vérifier le contrôle).</translation>
    </message>
    <message>
        <source>The promoted share was deleted.</source>
        <translation>Le partage promu a été supprimé.</translation>
    </message>
    <message>
        <source>changed since the apply</source>
        <translation>modifié depuis l&apos;application</translation>
    </message>
    <message>
        <source>Stopping after the current step…</source>
        <translation>Arrêt après l&apos;étape en cours…</translation>
    </message>
    <message>
        <source>Applying…</source>
        <translation>Application…</translation>
    </message>
    <message>
        <source>Every step is done. Go on to verify, or roll back (the only way back to the review).</source>
        <translation>Toutes les étapes sont terminées. Passez à la vérification, ou restaurez (le seul moyen de revenir à la revue).</translation>
    </message>
    <message numerus="yes">
        <source>Stopped at your request: %n step(s) done in this attempt, the rest not started.</source>
        <translation>
            <numerusform>Arrêté à votre demande&#xa0;: %n étape effectuée lors de cette tentative, les autres non commencées.</numerusform>
            <numerusform>Arrêté à votre demande&#xa0;: %n étapes effectuées lors de cette tentative, les autres non commencées.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Apply again to go on, or roll back the %n resource(s) written.</source>
        <translation>
            <numerusform>Appliquez de nouveau pour continuer, ou restaurez la ressource écrite (%n).</numerusform>
            <numerusform>Appliquez de nouveau pour continuer, ou restaurez les %n ressources écrites.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped at a failure; nothing after it was changed. Roll back to restore the %n resource(s) written so far, or fix the cause and apply again.</source>
        <translation>
            <numerusform>Arrêté sur un échec&#xa0;; rien n&apos;a été modifié ensuite. Restaurez pour rétablir la ressource écrite jusqu&apos;ici (%n), ou corrigez la cause et appliquez de nouveau.</numerusform>
            <numerusform>Arrêté sur un échec&#xa0;; rien n&apos;a été modifié ensuite. Restaurez pour rétablir les %n ressources écrites jusqu&apos;ici, ou corrigez la cause et appliquez de nouveau.</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped at a failure; nothing was written. Fix the cause and apply again.</source>
        <translation>Arrêté sur un échec&#xa0;; rien n&apos;a été écrit. Corrigez la cause et appliquez de nouveau.</translation>
    </message>
    <message>
        <source>%1 changed since the review, so it was not written and no later step ran. Left: what the review read; right: what is there now. Plan again to review the change; everything written so far stays restorable.</source>
        <translation>%1 a changé depuis la revue&#xa0;: il n&apos;a donc pas été écrit et aucune étape suivante n&apos;a été exécutée. À gauche&#xa0;: ce que la revue a lu&#xa0;; à droite&#xa0;: ce qui est là maintenant. Replanifiez pour revoir la modification&#xa0;; tout ce qui a été écrit jusqu&apos;ici reste restaurable.</translation>
    </message>
    <message>
        <source>Stopped: %1 changed since the review. Plan again, or roll back what was written.</source>
        <translation>Arrêté&#xa0;: %1 a changé depuis la revue. Replanifiez, ou restaurez ce qui a été écrit.</translation>
    </message>
    <message>
        <source>Rolling back…</source>
        <translation>Restauration…</translation>
    </message>
    <message>
        <source>Rolled back: every document is as it was before.</source>
        <translation>Restauré&#xa0;: chaque document est tel qu&apos;il était avant.</translation>
    </message>
    <message numerus="yes">
        <source>Stopped at your request: %n resource(s) still to roll back.</source>
        <translation>
            <numerusform>Arrêté à votre demande&#xa0;: %n ressource reste à restaurer.</numerusform>
            <numerusform>Arrêté à votre demande&#xa0;: %n ressources restent à restaurer.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not rolled back: %1 changed since the apply. Roll back again to see the difference and decide.</source>
        <translation>Non restauré&#xa0;: %1 a changé depuis l&apos;application. Restaurez de nouveau pour voir la différence et décider.</translation>
    </message>
    <message>
        <source>Some steps could not be rolled back; see their details.</source>
        <translation>Certaines étapes n&apos;ont pas pu être restaurées&#xa0;; consultez leurs détails.</translation>
    </message>
</context>
<context>
    <name>ApprovalComment</name>
    <message>
        <source>Approval comment (optional)</source>
        <translation>Commentaire d&apos;approbation (facultatif)</translation>
    </message>
    <message>
        <source>Comment length</source>
        <translation>Longueur du commentaire</translation>
    </message>
    <message>
        <source>Approval comment</source>
        <translation>Commentaire d&apos;approbation</translation>
    </message>
    <message>
        <source>Why? Reviewers and pipelines read this.</source>
        <translation>Pourquoi&#xa0;? Les relecteurs et les pipelines le lisent.</translation>
    </message>
    <message>
        <source>Leave it empty to keep each version&apos;s current comment.</source>
        <translation>Laissez vide pour conserver le commentaire actuel de chaque version.</translation>
    </message>
    <message>
        <source>Comment hint</source>
        <translation>Indication sur le commentaire</translation>
    </message>
    <message>
        <source>Comment problem</source>
        <translation>Problème du commentaire</translation>
    </message>
    <message>
        <source>The comment is %1 characters; ApprovalDescription takes at most %2. Shorten it by %3.</source>
        <translation>Le commentaire fait %1 caractères&#xa0;; ApprovalDescription en accepte %2 au plus. Raccourcissez-le de %3.</translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <source>Send the failed changes again, with the same comment.</source>
        <translation>Renvoyer les modifications en échec, avec le même commentaire.</translation>
    </message>
    <message>
        <source>Nothing to change: every selected version is already %1.</source>
        <translation>Rien à modifier&#xa0;: chaque version sélectionnée est déjà %1.</translation>
    </message>
    <message>
        <source>already %1</source>
        <translation>déjà %1</translation>
    </message>
    <message>
        <source>Approve version %1</source>
        <translation>Approuver la version %1</translation>
    </message>
    <message>
        <source>Approve %1 versions</source>
        <translation>Approuver %1 versions</translation>
    </message>
    <message>
        <source>Reject version %1</source>
        <translation>Rejeter la version %1</translation>
    </message>
    <message>
        <source>Reject %1 versions</source>
        <translation>Rejeter %1 versions</translation>
    </message>
    <message>
        <source>Return version %1 to pending</source>
        <translation>Remettre la version %1 en attente</translation>
    </message>
    <message>
        <source>Return %1 versions to pending</source>
        <translation>Remettre %1 versions en attente</translation>
    </message>
    <message>
        <source>Set version %1</source>
        <translation>Modifier la version %1</translation>
    </message>
    <message>
        <source>Set %1 versions</source>
        <translation>Modifier %1 versions</translation>
    </message>
    <message>
        <source>Approve %1</source>
        <translation>Approuver %1</translation>
    </message>
    <message>
        <source>Reject %1</source>
        <translation>Rejeter %1</translation>
    </message>
    <message>
        <source>Return %1 to pending</source>
        <translation>Remettre %1 en attente</translation>
    </message>
    <message>
        <source>Apply to %1</source>
        <translation>Appliquer à %1</translation>
    </message>
    <message>
        <source>%1 approved</source>
        <translation>%1 approuvée(s)</translation>
    </message>
    <message>
        <source>%1 rejected</source>
        <translation>%1 rejetée(s)</translation>
    </message>
    <message>
        <source>%1 returned to pending</source>
        <translation>%1 remise(s) en attente</translation>
    </message>
    <message>
        <source>%1 changed</source>
        <translation>%1 modifiée(s)</translation>
    </message>
    <message>
        <source>Version %1 is Approved.</source>
        <translation>La version %1 est approuvée.</translation>
    </message>
    <message>
        <source>Versions %1 are Approved.</source>
        <translation>Les versions %1 sont approuvées.</translation>
    </message>
    <message>
        <source>Rejecting an approved version often triggers CI/CD pipelines (deployment or rollback) that listen for model package state changes.</source>
        <translation>Rejeter une version approuvée déclenche souvent des pipelines CI/CD (déploiement ou retour arrière) qui écoutent les changements d&apos;état des packages de modèles.</translation>
    </message>
</context>
<context>
    <name>AuditTab</name>
    <message>
        <source>Timeline source</source>
        <translation>Source de la chronologie</translation>
    </message>
    <message>
        <source>Reading the timeline</source>
        <translation>Lecture de la chronologie</translation>
    </message>
    <message>
        <source>Export Timeline…</source>
        <translation>Exporter la chronologie…</translation>
    </message>
    <message>
        <source>Export Timeline</source>
        <translation>Exporter la chronologie</translation>
    </message>
    <message>
        <source>Save this version&apos;s timeline as a CSV file, one row per event</source>
        <translation>Enregistrer la chronologie de cette version dans un fichier CSV, une ligne par événement</translation>
    </message>
    <message>
        <source>Audit timeline</source>
        <translation>Chronologie d&apos;audit</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>Reading the timeline…</source>
        <translation>Lecture de la chronologie…</translation>
    </message>
    <message>
        <source>The timeline could not be read: %1</source>
        <translation>Impossible de lire la chronologie&#xa0;: %1</translation>
    </message>
    <message>
        <source>CloudTrail shows a change some minutes after it was made.</source>
        <translation>CloudTrail affiche une modification quelques minutes après qu&apos;elle a été faite.</translation>
    </message>
    <message>
        <source>Nothing is known of this version&apos;s history.</source>
        <translation>On ne sait rien de l&apos;historique de cette version.</translation>
    </message>
    <message>
        <source>From CloudTrail</source>
        <translation>D&apos;après CloudTrail</translation>
    </message>
    <message>
        <source>From the version&apos;s CreatedBy / LastModifiedBy</source>
        <translation>D&apos;après CreatedBy / LastModifiedBy de la version</translation>
    </message>
    <message>
        <source>CloudTrail holds no event on this version (it keeps 90 days of management events).</source>
        <translation>CloudTrail ne contient aucun événement sur cette version (il conserve 90 jours d&apos;événements de gestion).</translation>
    </message>
    <message>
        <source>CloudTrail could not be read (%1)</source>
        <translation>Impossible de lire CloudTrail (%1)</translation>
    </message>
    <message>
        <source>The timeline could not be written to %1: %2</source>
        <translation>Impossible d&apos;écrire la chronologie dans %1&#xa0;: %2</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n event(s) to %1</source>
        <translation>
            <numerusform>%n événement écrit dans %1</numerusform>
            <numerusform>%n événements écrits dans %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Message text</source>
        <translation>Texte du message</translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation>Fermer le message</translation>
    </message>
    <message>
        <source>Dismiss (Esc)</source>
        <translation>Fermer (Échap)</translation>
    </message>
</context>
<context>
    <name>BulkChangeDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Retry the failed ones</source>
        <translation>Réessayer ceux en échec</translation>
    </message>
    <message>
        <source>Send the failed changes again.</source>
        <translation>Renvoyer les modifications en échec.</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Appliquer</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Modifications</translation>
    </message>
    <message>
        <source>Nothing to change: every selected version already reads so.</source>
        <translation>Rien à modifier&#xa0;: chaque version sélectionnée est déjà ainsi.</translation>
    </message>
    <message>
        <source>Nothing to change</source>
        <translation>Rien à modifier</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <source>%1 — skipped</source>
        <translation>%1 — ignorée</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Travail en cours…</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulée</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>Rien n&apos;a été modifié.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln failed</source>
        <translation>
            <numerusform>%Ln en échec</numerusform>
            <numerusform>%Ln en échec</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln cancelled</source>
        <translation>
            <numerusform>%Ln annulée</numerusform>
            <numerusform>%Ln annulées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln skipped</source>
        <translation>
            <numerusform>%Ln ignorée</numerusform>
            <numerusform>%Ln ignorées</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <source>Cancelling: waiting for the calls already sent… Esc closes this window; what they do still shows in the table.</source>
        <translation>Annulation&#xa0;: attente des appels déjà envoyés… Échap ferme cette fenêtre&#xa0;; ce qu&apos;ils font reste affiché dans le tableau.</translation>
    </message>
</context>
<context>
    <name>CardEditor</name>
    <message>
        <source>Model card of %1 version %2</source>
        <translation>Carte de modèle de %1 version %2</translation>
    </message>
    <message>
        <source>New model card for %1 version %2</source>
        <translation>Nouvelle carte de modèle pour %1 version %2</translation>
    </message>
    <message>
        <source>Model card JSON</source>
        <translation>JSON de la carte de modèle</translation>
    </message>
    <message>
        <source>Card editor</source>
        <translation>Éditeur de carte</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Formulaire</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Card problems</source>
        <translation>Problèmes de la carte</translation>
    </message>
    <message>
        <source>Save error</source>
        <translation>Erreur d&apos;enregistrement</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Save card</source>
        <translation>Enregistrer la carte</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>The card is saved as a Draft; move it on from the Card tab.</source>
        <translation>La carte est enregistrée comme brouillon&#xa0;; faites-la avancer depuis l&apos;onglet Carte.</translation>
    </message>
    <message>
        <source>The card is saved in its status, %1; move it on from the Card tab.</source>
        <translation>La carte est enregistrée dans son statut, %1&#xa0;; faites-la avancer depuis l&apos;onglet Carte.</translation>
    </message>
    <message>
        <source>Mend the JSON to use the form again.</source>
        <translation>Corrigez le JSON pour utiliser de nouveau le formulaire.</translation>
    </message>
    <message>
        <source>…and %1 more.</source>
        <translation>…et %1 de plus.</translation>
    </message>
    <message>
        <source>The card was not saved: %1</source>
        <translation>La carte n&apos;a pas été enregistrée&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>CardForm</name>
    <message>
        <source>High</source>
        <translation>Élevé</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Moyen</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Faible</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Propriétaire</translation>
    </message>
    <message>
        <source>Creator</source>
        <translation>Créateur</translation>
    </message>
    <message>
        <source>Problem type</source>
        <translation>Type de problème</translation>
    </message>
    <message>
        <source>Algorithm type</source>
        <translation>Type d&apos;algorithme</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Objectif</translation>
    </message>
    <message>
        <source>Intended uses</source>
        <translation>Utilisations prévues</translation>
    </message>
    <message>
        <source>Factors affecting efficiency</source>
        <translation>Facteurs influant sur l&apos;efficacité</translation>
    </message>
    <message>
        <source>Risk rating</source>
        <translation>Niveau de risque</translation>
    </message>
    <message>
        <source>Why this risk rating</source>
        <translation>Justification du niveau de risque</translation>
    </message>
    <message>
        <source>Business problem</source>
        <translation>Problème métier</translation>
    </message>
    <message>
        <source>Stakeholders</source>
        <translation>Parties prenantes</translation>
    </message>
    <message>
        <source>Line of business</source>
        <translation>Secteur d&apos;activité</translation>
    </message>
    <message>
        <source>Ethical considerations</source>
        <translation>Considérations éthiques</translation>
    </message>
    <message>
        <source>Caveats and recommendations</source>
        <translation>Mises en garde et recommandations</translation>
    </message>
    <message>
        <source>Custom details</source>
        <translation>Détails personnalisés</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Add detail</source>
        <translation>Ajouter un détail</translation>
    </message>
    <message>
        <source>Add custom detail</source>
        <translation>Ajouter un détail personnalisé</translation>
    </message>
    <message>
        <source>Remove detail</source>
        <translation>Supprimer le détail</translation>
    </message>
    <message>
        <source>Remove custom detail</source>
        <translation>Supprimer le détail personnalisé</translation>
    </message>
    <message>
        <source>Not rated</source>
        <translation>Non évalué</translation>
    </message>
    <message>
        <source>A custom detail has a value but no name; name it or remove it.</source>
        <translation>Un détail personnalisé a une valeur mais pas de nom&#xa0;; nommez-le ou supprimez-le.</translation>
    </message>
    <message>
        <source>Two custom details are named &apos;%1&apos;; rename or remove one.</source>
        <translation>Deux détails personnalisés s&apos;appellent «&#xa0;%1&#xa0;»&#xa0;; renommez-en un ou supprimez-le.</translation>
    </message>
</context>
<context>
    <name>CardSection</name>
    <message>
        <source>Model card status</source>
        <translation>Statut de la carte de modèle</translation>
    </message>
    <message>
        <source>No card</source>
        <translation>Aucune carte</translation>
    </message>
    <message>
        <source>Model card status problem</source>
        <translation>Problème du statut de la carte de modèle</translation>
    </message>
    <message>
        <source>Model card JSON</source>
        <translation>JSON de la carte de modèle</translation>
    </message>
    <message>
        <source>Model card editor</source>
        <translation>Éditeur de carte de modèle</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Formulaire</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Model card problem</source>
        <translation>Problème de la carte de modèle</translation>
    </message>
    <message>
        <source>Card s&amp;tatus:</source>
        <translation>S&amp;tatut de la carte&#xa0;:</translation>
    </message>
    <message>
        <source>no status</source>
        <translation>aucun statut</translation>
    </message>
    <message>
        <source>%1, no content</source>
        <translation>%1, sans contenu</translation>
    </message>
    <message>
        <source>%1, “%2”</source>
        <translation>%1, «&#xa0;%2&#xa0;»</translation>
    </message>
</context>
<context>
    <name>CardSections</name>
    <message>
        <source>Model overview</source>
        <translation>Vue d&apos;ensemble du modèle</translation>
    </message>
    <message>
        <source>Intended uses</source>
        <translation>Utilisations prévues</translation>
    </message>
    <message>
        <source>Business details</source>
        <translation>Détails métier</translation>
    </message>
    <message>
        <source>Training details</source>
        <translation>Détails de l&apos;entraînement</translation>
    </message>
    <message>
        <source>Evaluation details</source>
        <translation>Détails de l&apos;évaluation</translation>
    </message>
    <message>
        <source>Additional information</source>
        <translation>Informations supplémentaires</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Propriétaire</translation>
    </message>
    <message>
        <source>Creator</source>
        <translation>Créateur</translation>
    </message>
    <message>
        <source>Problem type</source>
        <translation>Type de problème</translation>
    </message>
    <message>
        <source>Algorithm type</source>
        <translation>Type d&apos;algorithme</translation>
    </message>
    <message>
        <source>Model artifacts</source>
        <translation>Artefacts du modèle</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Objectif</translation>
    </message>
    <message>
        <source>Factors affecting efficiency</source>
        <translation>Facteurs influant sur l&apos;efficacité</translation>
    </message>
    <message>
        <source>Risk rating</source>
        <translation>Niveau de risque</translation>
    </message>
    <message>
        <source>Why this risk rating</source>
        <translation>Justification du niveau de risque</translation>
    </message>
    <message>
        <source>Business problem</source>
        <translation>Problème métier</translation>
    </message>
    <message>
        <source>Stakeholders</source>
        <translation>Parties prenantes</translation>
    </message>
    <message>
        <source>Line of business</source>
        <translation>Secteur d&apos;activité</translation>
    </message>
    <message>
        <source>Objective function</source>
        <translation>Fonction objectif</translation>
    </message>
    <message>
        <source>Observations</source>
        <translation>Observations</translation>
    </message>
    <message>
        <source>Training job</source>
        <translation>Tâche d&apos;entraînement</translation>
    </message>
    <message>
        <source>Training job ARN</source>
        <translation>ARN de la tâche d&apos;entraînement</translation>
    </message>
    <message>
        <source>Datasets</source>
        <translation>Jeux de données</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Environnement</translation>
    </message>
    <message>
        <source>Container images</source>
        <translation>Images de conteneur</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Métriques</translation>
    </message>
    <message>
        <source>Metrics added by hand</source>
        <translation>Métriques ajoutées à la main</translation>
    </message>
    <message>
        <source>Hyperparameters</source>
        <translation>Hyperparamètres</translation>
    </message>
    <message>
        <source>Hyperparameters added by hand</source>
        <translation>Hyperparamètres ajoutés à la main</translation>
    </message>
    <message>
        <source>Evaluation job ARN</source>
        <translation>ARN de la tâche d&apos;évaluation</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>Métadonnées</translation>
    </message>
    <message>
        <source>Ethical considerations</source>
        <translation>Considérations éthiques</translation>
    </message>
    <message>
        <source>Caveats and recommendations</source>
        <translation>Mises en garde et recommandations</translation>
    </message>
    <message>
        <source>Custom details</source>
        <translation>Détails personnalisés</translation>
    </message>
    <message>
        <source>Not filled in.</source>
        <translation>Non renseigné.</translation>
    </message>
    <message>
        <source>%1: not filled in</source>
        <translation>%1&#xa0;: non renseigné</translation>
    </message>
    <message>
        <source>Evaluation: %1</source>
        <translation>Évaluation&#xa0;: %1</translation>
    </message>
    <message>
        <source>Other fields</source>
        <translation>Autres champs</translation>
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
        <source>line graph of %1 points</source>
        <translation>courbe de %1 points</translation>
    </message>
    <message>
        <source>bar chart of %1 bars</source>
        <translation>diagramme en barres de %1 barres</translation>
    </message>
    <message>
        <source>%1 × %2 matrix</source>
        <translation>matrice %1 × %2</translation>
    </message>
</context>
<context>
    <name>CardStatusBadge</name>
    <message>
        <source>Model card status</source>
        <translation>Statut de la carte de modèle</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Brouillon</translation>
    </message>
    <message>
        <source>Pending review</source>
        <translation>En attente de relecture</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Approuvée</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archivée</translation>
    </message>
    <message>
        <source>No status</source>
        <translation>Aucun statut</translation>
    </message>
</context>
<context>
    <name>CardTab</name>
    <message>
        <source>Edit card…</source>
        <translation>Modifier la carte…</translation>
    </message>
    <message>
        <source>Edit card</source>
        <translation>Modifier la carte</translation>
    </message>
    <message>
        <source>Model card</source>
        <translation>Carte de modèle</translation>
    </message>
    <message>
        <source>Submit for review</source>
        <translation>Soumettre pour relecture</translation>
    </message>
    <message>
        <source>Submit card for review</source>
        <translation>Soumettre la carte pour relecture</translation>
    </message>
    <message>
        <source>Return to draft</source>
        <translation>Remettre en brouillon</translation>
    </message>
    <message>
        <source>Return card to draft</source>
        <translation>Remettre la carte en brouillon</translation>
    </message>
    <message>
        <source>Approve card…</source>
        <translation>Approuver la carte…</translation>
    </message>
    <message>
        <source>Approve card</source>
        <translation>Approuver la carte</translation>
    </message>
    <message>
        <source>Archive card…</source>
        <translation>Archiver la carte…</translation>
    </message>
    <message>
        <source>Archive card</source>
        <translation>Archiver la carte</translation>
    </message>
    <message>
        <source>Card error</source>
        <translation>Erreur de la carte</translation>
    </message>
    <message>
        <source>Card note</source>
        <translation>Note sur la carte</translation>
    </message>
    <message>
        <source>This version has no model card.
A card records what the model is for, its risks, and how it was trained and evaluated.</source>
        <translation>Cette version n&apos;a pas de carte de modèle.
Une carte indique à quoi sert le modèle, ses risques, et comment il a été entraîné et évalué.</translation>
    </message>
    <message>
        <source>No model card</source>
        <translation>Aucune carte de modèle</translation>
    </message>
    <message>
        <source>Create card…</source>
        <translation>Créer une carte…</translation>
    </message>
    <message>
        <source>Create card</source>
        <translation>Créer une carte</translation>
    </message>
    <message>
        <source>Model card sections</source>
        <translation>Sections de la carte de modèle</translation>
    </message>
    <message>
        <source>An archived card takes no more changes.</source>
        <translation>Une carte archivée n&apos;accepte plus de modification.</translation>
    </message>
    <message>
        <source>The card&apos;s content is not valid JSON; the JSON tab shows it as AWS holds it.</source>
        <translation>Le contenu de la carte n&apos;est pas du JSON valide&#xa0;; l&apos;onglet JSON l&apos;affiche tel qu&apos;AWS le conserve.</translation>
    </message>
    <message>
        <source>This card does not follow the model card schema: %1</source>
        <translation>Cette carte ne suit pas le schéma des cartes de modèle&#xa0;: %1</translation>
    </message>
    <message>
        <source>Approve the model card?</source>
        <translation>Approuver la carte de modèle&#xa0;?</translation>
    </message>
    <message>
        <source>The card of version %1 will read Approved: reviewed and fit for use.</source>
        <translation>La carte de la version %1 sera approuvée&#xa0;: relue et prête à l&apos;emploi.</translation>
    </message>
    <message>
        <source>Archive the model card?</source>
        <translation>Archiver la carte de modèle&#xa0;?</translation>
    </message>
    <message>
        <source>The card of version %1 will be archived. AWS takes no more changes to an archived card: it cannot be edited or moved again.</source>
        <translation>La carte de la version %1 sera archivée. AWS n&apos;accepte plus de modification d&apos;une carte archivée&#xa0;: elle ne pourra plus être modifiée ni changer de statut.</translation>
    </message>
    <message>
        <source>The card&apos;s status was not changed: %1</source>
        <translation>Le statut de la carte n&apos;a pas été modifié&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>ChoosePage</name>
    <message>
        <source>Choose the accounts and resources</source>
        <translation>Choisir les comptes et les ressources</translation>
    </message>
    <message>
        <source>The training account will register versions into a group of the registry account. The lists show what each profile can see.</source>
        <translation>Le compte d&apos;entraînement enregistrera des versions dans un groupe du compte du registre. Les listes montrent ce que chaque profil peut voir.</translation>
    </message>
    <message>
        <source>Registry profile</source>
        <translation>Profil du registre</translation>
    </message>
    <message>
        <source>Training profile</source>
        <translation>Profil d&apos;entraînement</translation>
    </message>
    <message>
        <source>Registry account</source>
        <translation>Compte du registre</translation>
    </message>
    <message>
        <source>Training account</source>
        <translation>Compte d&apos;entraînement</translation>
    </message>
    <message>
        <source>Model package group</source>
        <translation>Groupe de packages de modèles</translation>
    </message>
    <message>
        <source>ECR repositories</source>
        <translation>Référentiels ECR</translation>
    </message>
    <message>
        <source>S3 bucket</source>
        <translation>Compartiment S3</translation>
    </message>
    <message>
        <source>Key prefix</source>
        <translation>Préfixe de clé</translation>
    </message>
    <message>
        <source>optional, e.g. models/churn/</source>
        <translation>facultatif, par ex. models/churn/</translation>
    </message>
    <message>
        <source>Key prefix warning</source>
        <translation>Avertissement sur le préfixe de clé</translation>
    </message>
    <message>
        <source>KMS key</source>
        <translation>Clé KMS</translation>
    </message>
    <message>
        <source>The documented cross-account setup requires a customer-managed KMS key for the training artifacts, with a grant for the registry account. Without one, the registry account cannot decrypt artifacts encrypted with the training account&apos;s keys (its AWS managed key aws/s3 cannot be shared at all): deploying a version from the registry account fails when it reads the model data.</source>
        <translation>La configuration inter-comptes documentée exige une clé KMS gérée par le client pour les artefacts d&apos;entraînement, avec un octroi pour le compte du registre. Sans elle, le compte du registre ne peut pas déchiffrer les artefacts chiffrés avec les clés du compte d&apos;entraînement (sa clé gérée par AWS aws/s3 ne peut pas du tout être partagée)&#xa0;: le déploiement d&apos;une version depuis le compte du registre échoue à la lecture des données du modèle.</translation>
    </message>
    <message>
        <source>KMS key warning</source>
        <translation>Avertissement sur la clé KMS</translation>
    </message>
    <message>
        <source>Go on without a KMS key: the artifacts are not encrypted with a KMS key, or the registry account will not deploy</source>
        <translation>Continuer sans clé KMS&#xa0;: les artefacts ne sont pas chiffrés avec une clé KMS, ou le compte du registre ne déploiera pas</translation>
    </message>
    <message>
        <source>Go on without a KMS key</source>
        <translation>Continuer sans clé KMS</translation>
    </message>
    <message>
        <source>Also let the training account read the versions, to deploy them</source>
        <translation>Permettre aussi au compte d&apos;entraînement de lire les versions, pour les déployer</translation>
    </message>
    <message>
        <source>Read access for deploying</source>
        <translation>Accès en lecture pour le déploiement</translation>
    </message>
    <message>
        <source>Adds sagemaker:DescribeModelPackage and sagemaker:ListModelPackages on the group and its versions for the training account, in a statement of its own. Off: the training account can register versions and describe the group, nothing more.</source>
        <translation>Ajoute sagemaker:DescribeModelPackage et sagemaker:ListModelPackages sur le groupe et ses versions pour le compte d&apos;entraînement, dans une déclaration distincte. Désactivé&#xa0;: le compte d&apos;entraînement peut enregistrer des versions et décrire le groupe, rien de plus.</translation>
    </message>
    <message>
        <source>Off by default: registering needs none of it. Deploying a version from the training account also needs to describe and list the versions (sagemaker:DescribeModelPackage, sagemaker:ListModelPackages).</source>
        <translation>Désactivé par défaut&#xa0;: l&apos;enregistrement n&apos;en a pas besoin. Déployer une version depuis le compte d&apos;entraînement exige aussi de décrire et de lister les versions (sagemaker:DescribeModelPackage, sagemaker:ListModelPackages).</translation>
    </message>
    <message>
        <source>Read access explanation</source>
        <translation>Explication de l&apos;accès en lecture</translation>
    </message>
    <message>
        <source>Training principal</source>
        <translation>Principal d&apos;entraînement</translation>
    </message>
    <message>
        <source>the whole training account (recommended)</source>
        <translation>tout le compte d&apos;entraînement (recommandé)</translation>
    </message>
    <message>
        <source>Registry profile:</source>
        <translation>Profil du registre&#xa0;:</translation>
    </message>
    <message>
        <source>Registry account:</source>
        <translation>Compte du registre&#xa0;:</translation>
    </message>
    <message>
        <source>Model package group:</source>
        <translation>Groupe de packages de modèles&#xa0;:</translation>
    </message>
    <message>
        <source>Training profile:</source>
        <translation>Profil d&apos;entraînement&#xa0;:</translation>
    </message>
    <message>
        <source>Training account:</source>
        <translation>Compte d&apos;entraînement&#xa0;:</translation>
    </message>
    <message>
        <source>ECR repositories:</source>
        <translation>Référentiels ECR&#xa0;:</translation>
    </message>
    <message>
        <source>S3 bucket:</source>
        <translation>Compartiment S3&#xa0;:</translation>
    </message>
    <message>
        <source>Key prefix:</source>
        <translation>Préfixe de clé&#xa0;:</translation>
    </message>
    <message>
        <source>KMS key:</source>
        <translation>Clé KMS&#xa0;:</translation>
    </message>
    <message>
        <source>Grant to:</source>
        <translation>Accorder à&#xa0;:</translation>
    </message>
    <message>
        <source>Deploying:</source>
        <translation>Déploiement&#xa0;:</translation>
    </message>
    <message>
        <source>looking up…</source>
        <translation>recherche…</translation>
    </message>
    <message>
        <source>No KMS key (not the documented setup: see below)</source>
        <translation>Aucune clé KMS (hors configuration documentée&#xa0;: voir ci-dessous)</translation>
    </message>
    <message>
        <source>Pick a registry profile and a training profile.</source>
        <translation>Choisissez un profil du registre et un profil d&apos;entraînement.</translation>
    </message>
</context>
<context>
    <name>ColdStart</name>
    <message>
        <source>as last seen, before the refresh</source>
        <translation>tel que vu la dernière fois, avant l&apos;actualisation</translation>
    </message>
    <message>
        <source>as of %1, before the refresh</source>
        <translation>au %1, avant l&apos;actualisation</translation>
    </message>
</context>
<context>
    <name>ColumnChooser</name>
    <message>
        <source>Columns</source>
        <translation>Colonnes</translation>
    </message>
</context>
<context>
    <name>CompareWindow</name>
    <message>
        <source>Version %1 · %2 · created %3</source>
        <translation>Version %1 · %2 · créée le %3</translation>
    </message>
    <message>
        <source>Compare versions %1 and %2 of %3</source>
        <translation>Comparer les versions %1 et %2 de %3</translation>
    </message>
    <message>
        <source>Comparison summary</source>
        <translation>Résumé de la comparaison</translation>
    </message>
    <message>
        <source>Comparison note</source>
        <translation>Note sur la comparaison</translation>
    </message>
    <message>
        <source>Differences</source>
        <translation>Différences</translation>
    </message>
    <message>
        <source>Comparison message</source>
        <translation>Message de comparaison</translation>
    </message>
    <message>
        <source>Reading the versions</source>
        <translation>Lecture des versions</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Réessayer</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>&amp;Only differences</source>
        <translation>&amp;Différences seulement</translation>
    </message>
    <message>
        <source>Only differences</source>
        <translation>Différences seulement</translation>
    </message>
    <message>
        <source>Copy as &amp;Markdown</source>
        <translation>Copier en &amp;Markdown</translation>
    </message>
    <message>
        <source>Copy as Markdown</source>
        <translation>Copier en Markdown</translation>
    </message>
    <message>
        <source>Copy as &amp;Plain Text</source>
        <translation>Copier en texte &amp;brut</translation>
    </message>
    <message>
        <source>Copy as Plain Text</source>
        <translation>Copier en texte brut</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Fermer</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Reading version %1 and its metrics…</source>
        <translation>Lecture de la version %1 et de ses métriques…</translation>
    </message>
    <message>
        <source>Reading versions %1 and %2 and their metrics…</source>
        <translation>Lecture des versions %1 et %2 et de leurs métriques…</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Lecture…</translation>
    </message>
    <message>
        <source>Version %1 of %2 could not be read.</source>
        <translation>La version %1 de %2 n&apos;a pas pu être lue.</translation>
    </message>
    <message>
        <source>The comparison could not be made.</source>
        <translation>La comparaison n&apos;a pas pu être faite.</translation>
    </message>
    <message>
        <source>The metrics of version %1 could not be read: %2</source>
        <translation>Les métriques de la version %1 n&apos;ont pas pu être lues&#xa0;: %2</translation>
    </message>
    <message>
        <source>These two versions are identical in every compared field.</source>
        <translation>Ces deux versions sont identiques dans tous les champs comparés.</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>Delta</source>
        <translation>Écart</translation>
    </message>
    <message>
        <source>better</source>
        <translation>meilleur</translation>
    </message>
    <message>
        <source>worse</source>
        <translation>moins bon</translation>
    </message>
    <message>
        <source>(copied as Markdown)</source>
        <translation>(copié en Markdown)</translation>
    </message>
    <message>
        <source>(copied as plain text)</source>
        <translation>(copié en texte brut)</translation>
    </message>
</context>
<context>
    <name>ComparisonModel</name>
    <message>
        <source>Containers</source>
        <translation>Conteneurs</translation>
    </message>
    <message>
        <source>Inference specification</source>
        <translation>Spécification d&apos;inférence</translation>
    </message>
    <message>
        <source>Approval and lifecycle</source>
        <translation>Approbation et cycle de vie</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>Métadonnées</translation>
    </message>
    <message>
        <source>Model card</source>
        <translation>Carte de modèle</translation>
    </message>
    <message>
        <source>Model metrics</source>
        <translation>Métriques du modèle</translation>
    </message>
    <message>
        <source>Source and lineage</source>
        <translation>Source et lignage</translation>
    </message>
    <message>
        <source>%1 %2 better</source>
        <translation>%1 %2 meilleur</translation>
    </message>
    <message>
        <source>%1 %2 worse</source>
        <translation>%1 %2 moins bon</translation>
    </message>
    <message>
        <source>%1 %2 changed</source>
        <translation>%1 %2 modifié</translation>
    </message>
    <message>
        <source>added</source>
        <translation>ajouté</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>supprimé</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>modifié</translation>
    </message>
    <message>
        <source>same</source>
        <translation>identique</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Gauche</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Droite</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Modification</translation>
    </message>
    <message>
        <source>These two versions are identical in every compared field.</source>
        <translation>Ces deux versions sont identiques dans tous les champs comparés.</translation>
    </message>
    <message numerus="yes">
        <source>%1 in %n section(s)</source>
        <translation>
            <numerusform>%1 dans %n section</numerusform>
            <numerusform>%1 dans %n sections</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n difference(s)</source>
        <translation>
            <numerusform>%n différence</numerusform>
            <numerusform>%n différences</numerusform>
        </translation>
    </message>
    <message>
        <source>no differences</source>
        <translation>aucune différence</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>metrics report</source>
        <translation>rapport de métriques</translation>
    </message>
    <message>
        <source>! could not be read</source>
        <translation>! illisible</translation>
    </message>
    <message>
        <source>not read</source>
        <translation>non lu</translation>
    </message>
    <message>
        <source>? unknown</source>
        <translation>? inconnu</translation>
    </message>
    <message>
        <source>This version has no such field</source>
        <translation>Cette version n&apos;a pas ce champ</translation>
    </message>
</context>
<context>
    <name>Comparisons</name>
    <message>
        <source>Select exactly two versions to compare them.</source>
        <translation>Sélectionnez exactement deux versions pour les comparer.</translation>
    </message>
</context>
<context>
    <name>ConnectionBar</name>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>The AWS profile (account) whose registry is shown</source>
        <translation>Le profil AWS (compte) dont le registre est affiché</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Région</translation>
    </message>
    <message>
        <source>The AWS Region whose registry is shown</source>
        <translation>La Région AWS dont le registre est affiché</translation>
    </message>
    <message>
        <source>(profile default)</source>
        <translation>(région du profil)</translation>
    </message>
    <message>
        <source> &amp;Profile: </source>
        <translation> &amp;Profil&#xa0;: </translation>
    </message>
    <message>
        <source>  Re&amp;gion: </source>
        <translation>  Ré&amp;gion&#xa0;: </translation>
    </message>
</context>
<context>
    <name>ContainerEditor</name>
    <message>
        <source>Image URI</source>
        <translation>URI de l&apos;image</translation>
    </message>
    <message>
        <source>Pick from ECR…</source>
        <translation>Choisir dans ECR…</translation>
    </message>
    <message>
        <source>Pick image from ECR</source>
        <translation>Choisir une image dans ECR</translation>
    </message>
    <message>
        <source>Image URI problem</source>
        <translation>Problème de l&apos;URI de l&apos;image</translation>
    </message>
    <message>
        <source>Image digest</source>
        <translation>Condensé de l&apos;image</translation>
    </message>
    <message>
        <source>Image digest problem</source>
        <translation>Problème du condensé de l&apos;image</translation>
    </message>
    <message>
        <source>Environment variables</source>
        <translation>Variables d&apos;environnement</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Add variable</source>
        <translation>Ajouter une variable</translation>
    </message>
    <message>
        <source>Add environment variable</source>
        <translation>Ajouter une variable d&apos;environnement</translation>
    </message>
    <message>
        <source>Remove variable</source>
        <translation>Supprimer la variable</translation>
    </message>
    <message>
        <source>Remove environment variable</source>
        <translation>Supprimer la variable d&apos;environnement</translation>
    </message>
    <message>
        <source>Environment variables problem</source>
        <translation>Problème des variables d&apos;environnement</translation>
    </message>
    <message>
        <source>Container hostname</source>
        <translation>Nom d&apos;hôte du conteneur</translation>
    </message>
    <message>
        <source>optional; unique in the pipeline</source>
        <translation>facultatif&#xa0;; unique dans le pipeline</translation>
    </message>
    <message>
        <source>Container hostname problem</source>
        <translation>Problème du nom d&apos;hôte du conteneur</translation>
    </message>
    <message>
        <source>Framework</source>
        <translation>Framework</translation>
    </message>
    <message>
        <source>optional, for example XGBOOST</source>
        <translation>facultatif, par exemple XGBOOST</translation>
    </message>
    <message>
        <source>Framework version</source>
        <translation>Version du framework</translation>
    </message>
    <message>
        <source>optional, for example 1.7-1</source>
        <translation>facultatif, par exemple 1.7-1</translation>
    </message>
    <message>
        <source>&amp;version:</source>
        <translation>&amp;version&#xa0;:</translation>
    </message>
    <message>
        <source>Framework version problem</source>
        <translation>Problème de la version du framework</translation>
    </message>
    <message>
        <source>At most %1 variables; names use letters, digits and _.</source>
        <translation>%1 variables au plus&#xa0;; les noms se composent de lettres, de chiffres et de _.</translation>
    </message>
    <message>
        <source>&amp;Image URI:</source>
        <translation>URI de l&apos;&amp;image&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Model data:</source>
        <translation>Données du &amp;modèle&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Environment:</source>
        <translation>&amp;Environnement&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Hostname:</source>
        <translation>Nom d&apos;&amp;hôte&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Framework:</source>
        <translation>&amp;Framework&#xa0;:</translation>
    </message>
    <message>
        <source>Digest %1 from ECR</source>
        <translation>Condensé %1 depuis ECR</translation>
    </message>
    <message>
        <source>Digest %1</source>
        <translation>Condensé %1</translation>
    </message>
    <message>
        <source>Variable %1: %2</source>
        <translation>Variable %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>ContainerListEditor</name>
    <message>
        <source>Model kind</source>
        <translation>Type de modèle</translation>
    </message>
    <message>
        <source>Containers</source>
        <translation>Conteneurs</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Ajouter</translation>
    </message>
    <message>
        <source>Add container</source>
        <translation>Ajouter un conteneur</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>D&amp;upliquer</translation>
    </message>
    <message>
        <source>Duplicate container</source>
        <translation>Dupliquer le conteneur</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>Remove container</source>
        <translation>Supprimer le conteneur</translation>
    </message>
    <message>
        <source>Move u&amp;p</source>
        <translation>Mon&amp;ter</translation>
    </message>
    <message>
        <source>Move container up</source>
        <translation>Monter le conteneur</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>Desce&amp;ndre</translation>
    </message>
    <message>
        <source>Move container down</source>
        <translation>Descendre le conteneur</translation>
    </message>
    <message>
        <source>Containers problem</source>
        <translation>Problème des conteneurs</translation>
    </message>
    <message>
        <source>&lt;b&gt;Inference pipeline&lt;/b&gt; of %1 containers, run in this order</source>
        <translation>&lt;b&gt;Pipeline d&apos;inférence&lt;/b&gt; de %1 conteneurs, exécutés dans cet ordre</translation>
    </message>
    <message>
        <source>&lt;b&gt;Single model&lt;/b&gt; (add containers to build a pipeline)</source>
        <translation>&lt;b&gt;Modèle unique&lt;/b&gt; (ajoutez des conteneurs pour construire un pipeline)</translation>
    </message>
    <message>
        <source>(no image yet)</source>
        <translation>(pas encore d&apos;image)</translation>
    </message>
</context>
<context>
    <name>ContainersPage</name>
    <message>
        <source>Containers</source>
        <translation>Conteneurs</translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation>Vérification de %1…</translation>
    </message>
    <message>
        <source>There is no object at %1. Check the path, or upload the model first.</source>
        <translation>Il n&apos;y a aucun objet à %1. Vérifiez le chemin, ou chargez d&apos;abord le modèle.</translation>
    </message>
    <message>
        <source>No objects under %1: SageMaker would find no model. Check the prefix, or upload the model first.</source>
        <translation>Aucun objet sous %1&#xa0;: SageMaker ne trouverait aucun modèle. Vérifiez le préfixe, ou chargez d&apos;abord le modèle.</translation>
    </message>
    <message>
        <source>Counting the objects under the prefix…</source>
        <translation>Décompte des objets sous le préfixe…</translation>
    </message>
    <message>
        <source>Checking that the object exists…</source>
        <translation>Vérification de l&apos;existence de l&apos;objet…</translation>
    </message>
    <message>
        <source>Found: %1, modified %2</source>
        <translation>Trouvé&#xa0;: %1, modifié le %2</translation>
    </message>
    <message numerus="yes">
        <source>At least %Ln object(s), %1 under %2</source>
        <translation>
            <numerusform>Au moins %Ln objet, %1 sous %2</numerusform>
            <numerusform>Au moins %Ln objets, %1 sous %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln object(s), %1 under %2</source>
        <translation>
            <numerusform>%Ln objet, %1 sous %2</numerusform>
            <numerusform>%Ln objets, %1 sous %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not list the prefix: %1 It is counted again when you come back to this page.</source>
        <translation>Impossible de lister le préfixe&#xa0;: %1 Il sera recompté quand vous reviendrez sur cette page.</translation>
    </message>
    <message>
        <source>Could not check the object: %1 It is checked again when you come back to this page.</source>
        <translation>Impossible de vérifier l&apos;objet&#xa0;: %1 Il sera revérifié quand vous reviendrez sur cette page.</translation>
    </message>
    <message>
        <source>Each container is an image and its model data. Two or more containers make an inference pipeline (at most %1).</source>
        <translation>Chaque conteneur est une image et ses données de modèle. Deux conteneurs ou plus forment un pipeline d&apos;inférence (%1 au plus).</translation>
    </message>
</context>
<context>
    <name>ContainersTab</name>
    <message>
        <source>Containers</source>
        <translation>Conteneurs</translation>
    </message>
    <message>
        <source>Inference pipeline of %1 containers (run in this order)</source>
        <translation>Pipeline d&apos;inférence de %1 conteneurs (exécutés dans cet ordre)</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation>Pipeline</translation>
    </message>
    <message>
        <source>This version declares no inference containers.</source>
        <translation>Cette version ne déclare aucun conteneur d&apos;inférence.</translation>
    </message>
    <message>
        <source>then</source>
        <translation>puis</translation>
    </message>
    <message>
        <source>Container %1</source>
        <translation>Conteneur %1</translation>
    </message>
    <message>
        <source>Container %1 image</source>
        <translation>Image du conteneur %1</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>Container %1 image digest</source>
        <translation>Condensé de l&apos;image du conteneur %1</translation>
    </message>
    <message>
        <source>Image digest</source>
        <translation>Condensé de l&apos;image</translation>
    </message>
    <message>
        <source>Container %1 model data</source>
        <translation>Données de modèle du conteneur %1</translation>
    </message>
    <message>
        <source>None (the image holds the model)</source>
        <translation>Aucune (l&apos;image contient le modèle)</translation>
    </message>
    <message>
        <source>Model data</source>
        <translation>Données du modèle</translation>
    </message>
    <message>
        <source>Container %1 model data kind</source>
        <translation>Type des données de modèle du conteneur %1</translation>
    </message>
    <message>
        <source>Model data kind</source>
        <translation>Type des données du modèle</translation>
    </message>
    <message>
        <source>Container %1 hostname</source>
        <translation>Nom d&apos;hôte du conteneur %1</translation>
    </message>
    <message>
        <source>Hostname</source>
        <translation>Nom d&apos;hôte</translation>
    </message>
    <message>
        <source>Container %1 framework</source>
        <translation>Framework du conteneur %1</translation>
    </message>
    <message>
        <source>Framework</source>
        <translation>Framework</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Container %1 environment</source>
        <translation>Environnement du conteneur %1</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Environnement</translation>
    </message>
    <message>
        <source>Every object under this prefix, each Gzip-compressed (S3Prefix, Gzip)</source>
        <translation>Chaque objet sous ce préfixe, chacun compressé en Gzip (S3Prefix, Gzip)</translation>
    </message>
    <message>
        <source>Every object under this prefix, uncompressed (S3Prefix)</source>
        <translation>Chaque objet sous ce préfixe, non compressé (S3Prefix)</translation>
    </message>
    <message>
        <source>One Gzip-compressed object (S3Object, Gzip)</source>
        <translation>Un objet compressé en Gzip (S3Object, Gzip)</translation>
    </message>
    <message>
        <source>One uncompressed object (S3Object)</source>
        <translation>Un objet non compressé (S3Object)</translation>
    </message>
</context>
<context>
    <name>CopyField</name>
    <message>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>Copier %1</translation>
    </message>
    <message>
        <source>Copy %1 to the clipboard</source>
        <translation>Copier %1 dans le presse-papiers</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copié</translation>
    </message>
    <message>
        <source>%1 copied to the clipboard</source>
        <translation>%1 copié dans le presse-papiers</translation>
    </message>
</context>
<context>
    <name>CreateFlow</name>
    <message>
        <source>Creating the group &apos;%1&apos;…</source>
        <translation>Création du groupe «&#xa0;%1&#xa0;»…</translation>
    </message>
    <message>
        <source>Created the group &apos;%1&apos;.</source>
        <translation>Groupe «&#xa0;%1&#xa0;» créé.</translation>
    </message>
    <message>
        <source>Created the group &apos;%1&apos; in %2.</source>
        <translation>Groupe «&#xa0;%1&#xa0;» créé dans %2.</translation>
    </message>
</context>
<context>
    <name>CreateGroupDialog</name>
    <message>
        <source>New Model Package Group</source>
        <translation>Nouveau groupe de packages de modèles</translation>
    </message>
    <message>
        <source>New model package group</source>
        <translation>Nouveau groupe de packages de modèles</translation>
    </message>
    <message>
        <source>Reading SageMaker&apos;s naming rules…</source>
        <translation>Lecture des règles de nommage de SageMaker…</translation>
    </message>
    <message>
        <source>Naming rules</source>
        <translation>Règles de nommage</translation>
    </message>
    <message>
        <source>Group name</source>
        <translation>Nom du groupe</translation>
    </message>
    <message>
        <source>for example churn-prediction</source>
        <translation>par exemple churn-prediction</translation>
    </message>
    <message>
        <source>Group name problem</source>
        <translation>Problème du nom du groupe</translation>
    </message>
    <message>
        <source>Group description</source>
        <translation>Description du groupe</translation>
    </message>
    <message>
        <source>Group tags</source>
        <translation>Balises du groupe</translation>
    </message>
    <message>
        <source>Tag key</source>
        <translation>Clé de balise</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Description&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Tags:</source>
        <translation>&amp;Balises&#xa0;:</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Créer</translation>
    </message>
    <message>
        <source>Create group</source>
        <translation>Créer le groupe</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Waiting for AWS to create the group…</source>
        <translation>Attente de la création du groupe par AWS…</translation>
    </message>
    <message>
        <source>Creating the group</source>
        <translation>Création du groupe</translation>
    </message>
    <message>
        <source>Row %1 has a value but no key: type a key or clear the value.</source>
        <translation>La ligne %1 a une valeur mais pas de clé&#xa0;: saisissez une clé ou effacez la valeur.</translation>
    </message>
    <message>
        <source>The tag key &apos;%1&apos; appears twice: keep one.</source>
        <translation>La clé de balise «&#xa0;%1&#xa0;» apparaît deux fois&#xa0;: n&apos;en gardez qu&apos;une.</translation>
    </message>
    <message>
        <source>Tag keys take at most 128 characters and values 256.</source>
        <translation>Les clés de balise font 128 caractères au plus et les valeurs 256.</translation>
    </message>
    <message>
        <source>Type a name for the group.</source>
        <translation>Saisissez un nom pour le groupe.</translation>
    </message>
    <message>
        <source>The naming rules could not be read (%1); AWS will check the name.</source>
        <translation>Les règles de nommage n&apos;ont pas pu être lues (%1)&#xa0;; AWS vérifiera le nom.</translation>
    </message>
    <message>
        <source>Stop waiting?</source>
        <translation>Cesser d&apos;attendre&#xa0;?</translation>
    </message>
    <message>
        <source>AWS has not answered yet. The group &apos;%1&apos; may still be created after this dialog closes; the status bar will say when it is.</source>
        <translation>AWS n&apos;a pas encore répondu. Le groupe «&#xa0;%1&#xa0;» peut encore être créé après la fermeture de cette boîte de dialogue&#xa0;; la barre d&apos;état le signalera.</translation>
    </message>
    <message>
        <source>Stop waiting for the new group</source>
        <translation>Cesser d&apos;attendre le nouveau groupe</translation>
    </message>
    <message>
        <source>Keep waiting</source>
        <translation>Continuer d&apos;attendre</translation>
    </message>
    <message>
        <source>Close anyway</source>
        <translation>Fermer quand même</translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation>Création…</translation>
    </message>
</context>
<context>
    <name>CrossAccountWizard</name>
    <message>
        <source>Cross-account setup</source>
        <translation>Configuration inter-comptes</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Suivant</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Précédent</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Terminer</translation>
    </message>
    <message>
        <source>Roll back before closing?</source>
        <translation>Restaurer avant de fermer&#xa0;?</translation>
    </message>
    <message numerus="yes">
        <source>%n resource(s) written by this setup can still be restored to the documents read before the first write. After closing, Registry Desk can no longer restore them.</source>
        <translation>
            <numerusform>%n ressource écrite par cette configuration peut encore être restaurée aux documents lus avant la première écriture. Après la fermeture, Registry Desk ne pourra plus la restaurer.</numerusform>
            <numerusform>%n ressources écrites par cette configuration peuvent encore être restaurées aux documents lus avant la première écriture. Après la fermeture, Registry Desk ne pourra plus les restaurer.</numerusform>
        </translation>
    </message>
    <message>
        <source>Roll back and close</source>
        <translation>Restaurer et fermer</translation>
    </message>
    <message>
        <source>Keep the changes and close</source>
        <translation>Garder les modifications et fermer</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>Rester</translation>
    </message>
    <message>
        <source>Not everything was rolled back</source>
        <translation>Tout n&apos;a pas été restauré</translation>
    </message>
    <message>
        <source>Stop after the current step?</source>
        <translation>Arrêter après l&apos;étape en cours&#xa0;?</translation>
    </message>
    <message>
        <source>Registry Desk is writing to AWS. It can stop once the call in flight has been answered, and show which steps were done; what was written stays restorable.</source>
        <translation>Registry Desk écrit dans AWS. Il peut s&apos;arrêter dès que l&apos;appel en cours a reçu sa réponse, et montrer les étapes effectuées&#xa0;; ce qui a été écrit reste restaurable.</translation>
    </message>
    <message>
        <source>Stop after this step</source>
        <translation>Arrêter après cette étape</translation>
    </message>
    <message>
        <source>Keep going</source>
        <translation>Continuer</translation>
    </message>
</context>
<context>
    <name>DeleteVersionsDialog</name>
    <message numerus="yes">
        <source>Delete %n version(s) of &apos;%1&apos;</source>
        <translation>
            <numerusform>Supprimer %n version de «&#xa0;%1&#xa0;»</numerusform>
            <numerusform>Supprimer %n versions de «&#xa0;%1&#xa0;»</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 deleted</source>
        <translation>%1 supprimée(s)</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>supprimée</translation>
    </message>
    <message>
        <source>This cannot be undone: each version goes with its model card, metadata and lifecycle. Pipelines or endpoints that refer to them stop finding them.</source>
        <translation>Cette action est irréversible&#xa0;: chaque version disparaît avec sa carte de modèle, ses métadonnées et son cycle de vie. Les pipelines ou points de terminaison qui y font référence ne les trouvent plus.</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>dans %1</translation>
    </message>
    <message>
        <source>Version %1 is %2</source>
        <translation>La version %1 est %2</translation>
    </message>
    <message>
        <source>Approved or in production: %1. Deleting cannot be undone; what serves or deploys them stops finding them.</source>
        <translation>Approuvées ou en production&#xa0;: %1. La suppression est irréversible&#xa0;; ce qui les sert ou les déploie ne les trouve plus.</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n version(s)</source>
        <translation>
            <numerusform>Supprimer %n version</numerusform>
            <numerusform>Supprimer %n versions</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
</context>
<context>
    <name>Deployed</name>
    <message>
        <source>%1 · %2 · variant %3</source>
        <translation>%1 · %2 · variante %3</translation>
    </message>
    <message>
        <source>(shadow)</source>
        <translation>(shadow)</translation>
    </message>
    <message>
        <source>(update in progress)</source>
        <translation>(mise à jour en cours)</translation>
    </message>
</context>
<context>
    <name>DeployedSection</name>
    <message>
        <source>Deployed to</source>
        <translation>Déployée sur</translation>
    </message>
    <message>
        <source>Checking endpoints…</source>
        <translation>Vérification des points de terminaison…</translation>
    </message>
    <message>
        <source>Some endpoints could not be read: %1</source>
        <translation>Certains points de terminaison n&apos;ont pas pu être lus&#xa0;: %1</translation>
    </message>
    <message>
        <source>Not deployed to any endpoint in %1 %2</source>
        <translation>Déployée sur aucun point de terminaison dans %1 %2</translation>
    </message>
    <message>
        <source>Could not check the endpoints: %1</source>
        <translation>Impossible de vérifier les points de terminaison&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>DeployedWarning</name>
    <message>
        <source>Deployed versions</source>
        <translation>Versions déployées</translation>
    </message>
    <message>
        <source>Checking whether these versions serve any endpoint…</source>
        <translation>Vérification&#xa0;: ces versions servent-elles un point de terminaison…</translation>
    </message>
    <message>
        <source>Version %1 serves %2</source>
        <translation>La version %1 sert %2</translation>
    </message>
    <message>
        <source>Deleting it does not stop those endpoints, but they can no longer be traced to a registry version, and scaling or updating them may fail.</source>
        <translation>La supprimer n&apos;arrête pas ces points de terminaison, mais ils ne pourront plus être rattachés à une version du registre, et leur mise à l&apos;échelle ou leur mise à jour peut échouer.</translation>
    </message>
    <message>
        <source>Rejecting it leaves those endpoints running; pipelines that act on rejections may take them down.</source>
        <translation>La rejeter laisse ces points de terminaison en service&#xa0;; les pipelines qui réagissent aux rejets peuvent les arrêter.</translation>
    </message>
    <message>
        <source>Could not check whether these versions serve any endpoint: %1</source>
        <translation>Impossible de vérifier si ces versions servent un point de terminaison&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>DetailsArea</name>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
</context>
<context>
    <name>DetailsPage</name>
    <message>
        <source>Pending manual approval</source>
        <translation>En attente d&apos;approbation manuelle</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Approuvée</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejetée</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>Everything here is optional. A new version normally starts pending approval.</source>
        <translation>Tout est facultatif ici. Une nouvelle version commence normalement en attente d&apos;approbation.</translation>
    </message>
    <message>
        <source>Version description</source>
        <translation>Description de la version</translation>
    </message>
    <message>
        <source>Version description problem</source>
        <translation>Problème de la description de la version</translation>
    </message>
    <message>
        <source>Initial approval status</source>
        <translation>Statut d&apos;approbation initial</translation>
    </message>
    <message>
        <source>Customer metadata</source>
        <translation>Métadonnées client</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Clé</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Add property</source>
        <translation>Ajouter une propriété</translation>
    </message>
    <message>
        <source>Add metadata property</source>
        <translation>Ajouter une propriété de métadonnées</translation>
    </message>
    <message>
        <source>Remove property</source>
        <translation>Supprimer la propriété</translation>
    </message>
    <message>
        <source>Remove metadata property</source>
        <translation>Supprimer la propriété de métadonnées</translation>
    </message>
    <message>
        <source>Customer metadata problem</source>
        <translation>Problème des métadonnées client</translation>
    </message>
    <message>
        <source>Sample payload URL</source>
        <translation>URL de l&apos;exemple de charge utile</translation>
    </message>
    <message>
        <source>Sample payload URL problem</source>
        <translation>Problème de l&apos;URL de l&apos;exemple de charge utile</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>Domaine</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Description&#xa0;:</translation>
    </message>
    <message>
        <source>Approval &amp;status:</source>
        <translation>&amp;Statut d&apos;approbation&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Metadata:</source>
        <translation>&amp;Métadonnées&#xa0;:</translation>
    </message>
    <message>
        <source>Sample &amp;payload:</source>
        <translation>Exemple de &amp;charge utile&#xa0;:</translation>
    </message>
    <message>
        <source>D&amp;omain:</source>
        <translation>D&amp;omaine&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Task:</source>
        <translation>&amp;Tâche&#xa0;:</translation>
    </message>
    <message>
        <source>Set &amp;advanced fields (encryption, source, metrics, baselines, card, lifecycle, tags)</source>
        <translation>Renseigner les champs &amp;avancés (chiffrement, source, métriques, références, carte, cycle de vie, balises)</translation>
    </message>
    <message>
        <source>Set advanced fields</source>
        <translation>Renseigner les champs avancés</translation>
    </message>
    <message>
        <source>Advanced fields set</source>
        <translation>Champs avancés renseignés</translation>
    </message>
    <message>
        <source>Advanced fields warning</source>
        <translation>Avertissement sur les champs avancés</translation>
    </message>
    <message>
        <source>Property %1: %2</source>
        <translation>Propriété %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Set: %1. They are sent with the version; the Advanced page shows them.</source>
        <translation>Renseignés&#xa0;: %1. Ils sont envoyés avec la version&#xa0;; la page Avancé les affiche.</translation>
    </message>
</context>
<context>
    <name>DetailsPane</name>
    <message>
        <source>Details error</source>
        <translation>Erreur des détails</translation>
    </message>
    <message>
        <source>Details message</source>
        <translation>Message des détails</translation>
    </message>
    <message>
        <source>Version details</source>
        <translation>Détails de la version</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Vue d&apos;ensemble</translation>
    </message>
    <message>
        <source>Containers</source>
        <translation>Conteneurs</translation>
    </message>
    <message>
        <source>Inference</source>
        <translation>Inférence</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Métriques</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>Métadonnées</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Carte</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>Audit</translation>
    </message>
    <message>
        <source>&amp;Compare These Two Versions…</source>
        <translation>&amp;Comparer ces deux versions…</translation>
    </message>
    <message>
        <source>Compare the two selected versions</source>
        <translation>Comparer les deux versions sélectionnées</translation>
    </message>
    <message>
        <source>Select a version to see its details.</source>
        <translation>Sélectionnez une version pour voir ses détails.</translation>
    </message>
    <message>
        <source>Loading version %1…</source>
        <translation>Chargement de la version %1…</translation>
    </message>
    <message>
        <source>Version %1 could not be loaded.</source>
        <translation>La version %1 n&apos;a pas pu être chargée.</translation>
    </message>
    <message>
        <source>Press F5 to try again.</source>
        <translation>Appuyez sur F5 pour réessayer.</translation>
    </message>
    <message>
        <source>%1 pending</source>
        <translation>%1 en attente</translation>
    </message>
    <message>
        <source>%1 approved</source>
        <translation>%1 approuvée(s)</translation>
    </message>
    <message>
        <source>%1 rejected</source>
        <translation>%1 rejetée(s)</translation>
    </message>
    <message>
        <source>%1 other</source>
        <translation>%1 autre(s)</translation>
    </message>
    <message numerus="yes">
        <source>%n version(s) selected</source>
        <translation>
            <numerusform>%n version sélectionnée</numerusform>
            <numerusform>%n versions sélectionnées</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DiffView</name>
    <message>
        <source>kept</source>
        <translation>conservée</translation>
    </message>
    <message>
        <source>added</source>
        <translation>ajouté</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>modifié</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>supprimé</translation>
    </message>
    <message>
        <source>Difference summary</source>
        <translation>Résumé des différences</translation>
    </message>
    <message>
        <source>Show kept statements</source>
        <translation>Afficher les déclarations conservées</translation>
    </message>
    <message>
        <source>Current and proposed document</source>
        <translation>Document actuel et document proposé</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>Actuel</translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation>Proposé</translation>
    </message>
    <message>
        <source>Copy current JSON</source>
        <translation>Copier le JSON actuel</translation>
    </message>
    <message>
        <source>Copy proposed JSON</source>
        <translation>Copier le JSON proposé</translation>
    </message>
    <message numerus="yes">
        <source>%n added</source>
        <translation>
            <numerusform>%n ajoutée</numerusform>
            <numerusform>%n ajoutées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changed</source>
        <translation>
            <numerusform>%n modifiée</numerusform>
            <numerusform>%n modifiées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n removed</source>
        <translation>
            <numerusform>%n supprimée</numerusform>
            <numerusform>%n supprimées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n kept</source>
        <translation>
            <numerusform>%n conservée</numerusform>
            <numerusform>%n conservées</numerusform>
        </translation>
    </message>
    <message>
        <source>Statements: %1.</source>
        <translation>Déclarations&#xa0;: %1.</translation>
    </message>
    <message>
        <source>No policy yet.</source>
        <translation>Pas encore de stratégie.</translation>
    </message>
    <message>
        <source>Document fields (Version, Id)</source>
        <translation>Champs du document (Version, Id)</translation>
    </message>
    <message>
        <source>(a statement without a Sid)</source>
        <translation>(une déclaration sans Sid)</translation>
    </message>
    <message numerus="yes">
        <source>(%n line(s), unchanged)</source>
        <translation>
            <numerusform>(%n ligne, inchangée)</numerusform>
            <numerusform>(%n lignes, inchangées)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EmptyAndDeleteDialog</name>
    <message>
        <source>Empty and delete the group &apos;%1&apos;</source>
        <translation>Vider et supprimer le groupe «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>%1 deleted</source>
        <translation>%1 supprimée(s)</translation>
    </message>
    <message>
        <source>Listing everything in &apos;%1&apos;…</source>
        <translation>Inventaire du contenu de «&#xa0;%1&#xa0;»…</translation>
    </message>
    <message>
        <source>What goes</source>
        <translation>Ce qui disparaît</translation>
    </message>
    <message>
        <source>Listing progress</source>
        <translation>Progression de l&apos;inventaire</translation>
    </message>
    <message numerus="yes">
        <source>Listing everything in &apos;%1&apos;… %n version(s) so far.</source>
        <translation>
            <numerusform>Inventaire du contenu de «&#xa0;%1&#xa0;»… %n version pour l&apos;instant.</numerusform>
            <numerusform>Inventaire du contenu de «&#xa0;%1&#xa0;»… %n versions pour l&apos;instant.</numerusform>
        </translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>supprimée</translation>
    </message>
    <message>
        <source>This cannot be undone: every version (its model card, metadata and lifecycle) and the group go for good. Pipelines or endpoints that refer to them stop finding them.</source>
        <translation>Cette action est irréversible&#xa0;: chaque version (avec sa carte de modèle, ses métadonnées et son cycle de vie) et le groupe disparaissent définitivement. Les pipelines ou points de terminaison qui y font référence ne les trouvent plus.</translation>
    </message>
    <message>
        <source>Could not list what the group holds; nothing was deleted.
%1</source>
        <translation>Impossible de lister le contenu du groupe&#xa0;; rien n&apos;a été supprimé.
%1</translation>
    </message>
    <message>
        <source>The group has no versions.</source>
        <translation>Le groupe n&apos;a aucune version.</translation>
    </message>
    <message>
        <source>no stage</source>
        <translation>aucune étape</translation>
    </message>
    <message numerus="yes">
        <source>%n version(s) go:</source>
        <translation>
            <numerusform>%n version disparaît&#xa0;:</numerusform>
            <numerusform>%n versions disparaissent&#xa0;:</numerusform>
        </translation>
    </message>
    <message>
        <source>by approval status: %1</source>
        <translation>par statut d&apos;approbation&#xa0;: %1</translation>
    </message>
    <message>
        <source>by stage: %1</source>
        <translation>par étape&#xa0;: %1</translation>
    </message>
    <message>
        <source>The group&apos;s resource policy goes with it (the accounts it shares with lose access).</source>
        <translation>La stratégie de ressource du groupe disparaît avec lui (les comptes avec lesquels il est partagé perdent l&apos;accès).</translation>
    </message>
    <message>
        <source>Then the group &apos;%1&apos; itself.</source>
        <translation>Puis le groupe «&#xa0;%1&#xa0;» lui-même.</translation>
    </message>
    <message>
        <source>Delete the group</source>
        <translation>Supprimer le groupe</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n version(s) and the group</source>
        <translation>
            <numerusform>Supprimer %n version et le groupe</numerusform>
            <numerusform>Supprimer %n versions et le groupe</numerusform>
        </translation>
    </message>
    <message>
        <source>The group &apos;%1&apos; was deleted.</source>
        <translation>Le groupe «&#xa0;%1&#xa0;» a été supprimé.</translation>
    </message>
    <message>
        <source>The group &apos;%1&apos; stays: %2</source>
        <translation>Le groupe «&#xa0;%1&#xa0;» est conservé&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>EncryptionSection</name>
    <message>
        <source>KMS key</source>
        <translation>Clé KMS</translation>
    </message>
    <message>
        <source>key ID, key ARN, alias/name or alias ARN</source>
        <translation>ID de clé, ARN de clé, alias/nom ou ARN d&apos;alias</translation>
    </message>
    <message>
        <source>KMS keys of the account</source>
        <translation>Clés KMS du compte</translation>
    </message>
    <message>
        <source>Pick a key of the account…</source>
        <translation>Choisir une clé du compte…</translation>
    </message>
    <message>
        <source>Reload keys</source>
        <translation>Recharger les clés</translation>
    </message>
    <message>
        <source>Reload KMS keys</source>
        <translation>Recharger les clés KMS</translation>
    </message>
    <message>
        <source>KMS keys status</source>
        <translation>État des clés KMS</translation>
    </message>
    <message>
        <source>KMS key problem</source>
        <translation>Problème de la clé KMS</translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation>&amp;Clé&#xa0;:</translation>
    </message>
    <message>
        <source>Account&apos;s &amp;keys:</source>
        <translation>&amp;Clés du compte&#xa0;:</translation>
    </message>
    <message>
        <source>SageMaker encrypts the version&apos;s information with this key. Registering into a group of another account needs a key that account may use.</source>
        <translation>SageMaker chiffre les informations de la version avec cette clé. L&apos;enregistrement dans un groupe d&apos;un autre compte exige une clé que ce compte peut utiliser.</translation>
    </message>
    <message>
        <source>Listing the account&apos;s keys…</source>
        <translation>Liste des clés du compte…</translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) in this account.</source>
        <translation>
            <numerusform>%n clé dans ce compte.</numerusform>
            <numerusform>%n clés dans ce compte.</numerusform>
        </translation>
    </message>
    <message>
        <source>This account has no KMS keys; type the ARN of another account&apos;s key.</source>
        <translation>Ce compte n&apos;a aucune clé KMS&#xa0;; saisissez l&apos;ARN d&apos;une clé d&apos;un autre compte.</translation>
    </message>
    <message>
        <source>The keys could not be listed: %1 Type the key instead.</source>
        <translation>Les clés n&apos;ont pas pu être listées&#xa0;: %1 Saisissez plutôt la clé.</translation>
    </message>
    <message>
        <source>key %1</source>
        <translation>clé %1</translation>
    </message>
</context>
<context>
    <name>EndpointsColumn</name>
    <message>
        <source>Some endpoints could not be read: %1</source>
        <translation>Certains points de terminaison n&apos;ont pas pu être lus&#xa0;: %1</translation>
    </message>
    <message>
        <source>The Endpoints column could not be filled: %1</source>
        <translation>La colonne Points de terminaison n&apos;a pas pu être remplie&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Unexpected error</source>
        <translation>Erreur inattendue</translation>
    </message>
    <message>
        <source>Error summary</source>
        <translation>Résumé de l&apos;erreur</translation>
    </message>
    <message>
        <source>Errors so far</source>
        <translation>Erreurs jusqu&apos;ici</translation>
    </message>
    <message>
        <source>Registry Desk ran into an error it did not expect and kept running; what you were doing may not have finished. The log has the details:</source>
        <translation>Registry Desk a rencontré une erreur inattendue et continue de fonctionner&#xa0;; ce que vous faisiez n&apos;est peut-être pas terminé. Le journal contient les détails&#xa0;:</translation>
    </message>
    <message>
        <source>(no log file could be written)</source>
        <translation>(aucun fichier journal n&apos;a pu être écrit)</translation>
    </message>
    <message>
        <source>Log file</source>
        <translation>Fichier journal</translation>
    </message>
    <message>
        <source>&amp;Copy details</source>
        <translation>&amp;Copier les détails</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Copier les détails</translation>
    </message>
    <message>
        <source>Copy the traceback, the version and the platform, without secrets</source>
        <translation>Copier la trace d&apos;appels, la version et la plateforme, sans secrets</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message numerus="yes">
        <source>%n unexpected error(s) in a row; the last one is shown.</source>
        <translation>
            <numerusform>%n erreur inattendue d&apos;affilée&#xa0;; la dernière est affichée.</numerusform>
            <numerusform>%n erreurs inattendues d&apos;affilée&#xa0;; la dernière est affichée.</numerusform>
        </translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copié</translation>
    </message>
</context>
<context>
    <name>Estate</name>
    <message>
        <source>The estate could not be listed: %1</source>
        <translation>Le parc n&apos;a pas pu être listé&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>EstateDock</name>
    <message>
        <source>Estate</source>
        <translation>Parc</translation>
    </message>
    <message>
        <source>Estate: accounts, regions and groups</source>
        <translation>Parc&#xa0;: comptes, régions et groupes</translation>
    </message>
    <message>
        <source>&amp;List all</source>
        <translation>Tout &amp;lister</translation>
    </message>
    <message>
        <source>List the estate again</source>
        <translation>Relister le parc</translation>
    </message>
    <message>
        <source>List every chosen account and region again (F5 in the tree)</source>
        <translation>Relister chaque compte et région choisis (F5 dans l&apos;arborescence)</translation>
    </message>
    <message>
        <source>C&amp;hoose accounts and regions…</source>
        <translation>C&amp;hoisir les comptes et les régions…</translation>
    </message>
    <message>
        <source>Choose accounts and regions</source>
        <translation>Choisir les comptes et les régions</translation>
    </message>
    <message>
        <source>Estate status</source>
        <translation>État du parc</translation>
    </message>
    <message>
        <source>The local index could not be read: %1</source>
        <translation>L&apos;index local n&apos;a pas pu être lu&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n account-region(s) could not be listed; the others are up to date.</source>
        <translation>
            <numerusform>%n compte-région n&apos;a pas pu être listé&#xa0;; les autres sont à jour.</numerusform>
            <numerusform>%n comptes-régions n&apos;ont pas pu être listés&#xa0;; les autres sont à jour.</numerusform>
        </translation>
    </message>
    <message>
        <source>Listing… %1 of %2 account-regions done</source>
        <translation>Inventaire… %1 comptes-régions sur %2 terminés</translation>
    </message>
    <message>
        <source>As of %1; F5 in the tree lists them again</source>
        <translation>Au %1&#xa0;; F5 dans l&apos;arborescence les relistera</translation>
    </message>
    <message numerus="yes">
        <source>%n account-region(s) chosen; F5 in the tree lists them again</source>
        <translation>
            <numerusform>%n compte-région choisi&#xa0;; F5 dans l&apos;arborescence le relistera</numerusform>
            <numerusform>%n comptes-régions choisis&#xa0;; F5 dans l&apos;arborescence les relistera</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EstateModel</name>
    <message>
        <source>Account, region, group</source>
        <translation>Compte, région, groupe</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Versions</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Approuvée</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejetée</translation>
    </message>
    <message>
        <source>Stages</source>
        <translation>Étapes</translation>
    </message>
    <message>
        <source>Groups this account shares with a chosen profile</source>
        <translation>Groupes que ce compte partage avec un profil choisi</translation>
    </message>
    <message numerus="yes">
        <source>%n group(s) could not be listed</source>
        <translation>
            <numerusform>%n groupe n&apos;a pas pu être listé</numerusform>
            <numerusform>%n groupes n&apos;ont pas pu être listés</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — account not known yet</source>
        <translation>%1 — compte encore inconnu</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <comment>profiles — account id</comment>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Account %1 (shares groups with you)</source>
        <translation>Compte %1 (partage des groupes avec vous)</translation>
    </message>
    <message>
        <source>%1 — failed</source>
        <translation>%1 — échec</translation>
    </message>
    <message>
        <source>listing… %1 of %2 groups</source>
        <translation>inventaire… %1 groupes sur %2</translation>
    </message>
    <message>
        <source>reading details… %1 of %2</source>
        <translation>lecture des détails… %1 sur %2</translation>
    </message>
    <message>
        <source>waiting…</source>
        <translation>en attente…</translation>
    </message>
    <message>
        <source>listing groups…</source>
        <translation>liste des groupes…</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <comment>region — what its listing is doing</comment>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>As of %1</source>
        <translation>Au %1</translation>
    </message>
    <message>
        <source>Not listed yet: press F5 to list it</source>
        <translation>Pas encore listé&#xa0;: appuyez sur F5 pour le lister</translation>
    </message>
    <message numerus="yes">
        <source>The comments and metadata of %n version(s) could not be read; the next refresh tries again.</source>
        <translation>
            <numerusform>Les commentaires et métadonnées de %n version n&apos;ont pas pu être lus&#xa0;; la prochaine actualisation réessaiera.</numerusform>
            <numerusform>Les commentaires et métadonnées de %n versions n&apos;ont pas pu être lus&#xa0;; la prochaine actualisation réessaiera.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GroupDetailsView</name>
    <message>
        <source>Group title</source>
        <translation>Titre du groupe</translation>
    </message>
    <message>
        <source>Shared group note</source>
        <translation>Note sur le groupe partagé</translation>
    </message>
    <message>
        <source>ARN</source>
        <translation>ARN</translation>
    </message>
    <message>
        <source>Copied the group&apos;s ARN.</source>
        <translation>ARN du groupe copié.</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Propriétaire</translation>
    </message>
    <message>
        <source>Created by</source>
        <translation>Créé par</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé le</translation>
    </message>
    <message>
        <source>Group status</source>
        <translation>Statut du groupe</translation>
    </message>
    <message>
        <source>Group description</source>
        <translation>Description du groupe</translation>
    </message>
    <message>
        <source>Group details error</source>
        <translation>Erreur des détails du groupe</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Group details</source>
        <translation>Détails du groupe</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Vue d&apos;ensemble</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Balises</translation>
    </message>
    <message>
        <source>Resource Policy</source>
        <translation>Stratégie de ressource</translation>
    </message>
    <message>
        <source>No group selected</source>
        <translation>Aucun groupe sélectionné</translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation>Compte %1</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Lecture…</translation>
    </message>
    <message>
        <source>No description.</source>
        <translation>Aucune description.</translation>
    </message>
    <message>
        <source>Reading the resource policy…</source>
        <translation>Lecture de la stratégie de ressource…</translation>
    </message>
    <message>
        <source>Shared with this account by account %1: this profile can read what the group&apos;s policy lets it read, and nothing here can be changed from this account.</source>
        <translation>Partagé avec ce compte par le compte %1&#xa0;: ce profil peut lire ce que la stratégie du groupe lui permet de lire, et rien ici ne peut être modifié depuis ce compte.</translation>
    </message>
    <message>
        <source>The tags of a shared group are changed from its own account (%1).</source>
        <translation>Les balises d&apos;un groupe partagé se modifient depuis son propre compte (%1).</translation>
    </message>
    <message>
        <source>The tags could not be read. %1</source>
        <translation>Les balises n&apos;ont pas pu être lues. %1</translation>
    </message>
    <message>
        <source>Not recorded by AWS for this group</source>
        <translation>Non enregistré par AWS pour ce groupe</translation>
    </message>
    <message>
        <source>The root user of account %1</source>
        <translation>L&apos;utilisateur racine du compte %1</translation>
    </message>
    <message>
        <source>%1 (IAM user in account %2)</source>
        <translation>%1 (utilisateur IAM du compte %2)</translation>
    </message>
    <message>
        <source>%1 (assumed role in account %2)</source>
        <translation>%1 (rôle assumé dans le compte %2)</translation>
    </message>
    <message>
        <source>%1 (SageMaker Studio user profile, domain %2)</source>
        <translation>%1 (profil utilisateur SageMaker Studio, domaine %2)</translation>
    </message>
    <message>
        <source>%1 (account %2)</source>
        <translation>%1 (compte %2)</translation>
    </message>
    <message>
        <source>The details of group %1 could not be read. %2</source>
        <translation>Les détails du groupe %1 n&apos;ont pas pu être lus. %2</translation>
    </message>
    <message>
        <source>Press F5 to try again.</source>
        <translation>Appuyez sur F5 pour réessayer.</translation>
    </message>
    <message>
        <source>Saved the tag &apos;%1&apos; on %2.</source>
        <translation>Balise «&#xa0;%1&#xa0;» enregistrée sur %2.</translation>
    </message>
    <message numerus="yes">
        <source>Removed %n tag(s) from %1.</source>
        <translation>
            <numerusform>%n balise retirée de %1.</numerusform>
            <numerusform>%n balises retirées de %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GroupNameDelegate</name>
    <message>
        <source>shared</source>
        <translation>partagé</translation>
    </message>
</context>
<context>
    <name>GroupTimelineExport</name>
    <message>
        <source>Select a group first.</source>
        <translation>Sélectionnez d&apos;abord un groupe.</translation>
    </message>
    <message>
        <source>Export Group Timeline</source>
        <translation>Exporter la chronologie du groupe</translation>
    </message>
    <message>
        <source>Group timeline export</source>
        <translation>Export de la chronologie du groupe</translation>
    </message>
    <message>
        <source>Listing the versions of %1…</source>
        <translation>Liste des versions de %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Reading the timeline of version %1 of %2 in %3…</source>
        <translation>Lecture de la chronologie de la version %1 sur %2 dans %3…</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n event(s) to %1</source>
        <translation>
            <numerusform>%n événement écrit dans %1</numerusform>
            <numerusform>%n événements écrits dans %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n version(s))</source>
        <translation>
            <numerusform>(%n version)</numerusform>
            <numerusform>(%n versions)</numerusform>
        </translation>
    </message>
    <message>
        <source>The group&apos;s timeline could not be exported to %1: %2</source>
        <translation>La chronologie du groupe n&apos;a pas pu être exportée vers %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Export of %1&apos;s timeline cancelled: nothing was written.</source>
        <translation>Export de la chronologie de %1 annulé&#xa0;: rien n&apos;a été écrit.</translation>
    </message>
</context>
<context>
    <name>GroupsModel</name>
    <message>
        <source>Shared from %1</source>
        <translation>Partagé par %1</translation>
    </message>
    <message>
        <source>This account</source>
        <translation>Ce compte</translation>
    </message>
    <message>
        <source>Shared with this account by account %1</source>
        <translation>Partagé avec ce compte par le compte %1</translation>
    </message>
    <message>
        <source>In this account</source>
        <translation>Dans ce compte</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Propriétaire</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé le</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>%1, shared from account %2</source>
        <translation>%1, partagé par le compte %2</translation>
    </message>
</context>
<context>
    <name>GroupsView</name>
    <message>
        <source>Search groups</source>
        <translation>Rechercher des groupes</translation>
    </message>
    <message>
        <source>Search groups (Ctrl+F)</source>
        <translation>Rechercher des groupes (Ctrl+F)</translation>
    </message>
    <message>
        <source>Model package groups</source>
        <translation>Groupes de packages de modèles</translation>
    </message>
    <message>
        <source>Group count</source>
        <translation>Nombre de groupes</translation>
    </message>
    <message>
        <source>Groups as of</source>
        <translation>Groupes au</translation>
    </message>
    <message>
        <source>&lt;b&gt;Model package groups&lt;/b&gt;</source>
        <translation>&lt;b&gt;Groupes de packages de modèles&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Loading groups…</source>
        <translation>Chargement des groupes…</translation>
    </message>
    <message>
        <source>Delete group</source>
        <translation>Supprimer le groupe</translation>
    </message>
    <message>
        <source>Delete the model package group &apos;%1&apos;?

Only an empty group can be deleted, and this cannot be undone.</source>
        <translation>Supprimer le groupe de packages de modèles «&#xa0;%1&#xa0;»&#xa0;?

Seul un groupe vide peut être supprimé, et cette action est irréversible.</translation>
    </message>
    <message>
        <source>Deleted the group &apos;%1&apos;.</source>
        <translation>Groupe «&#xa0;%1&#xa0;» supprimé.</translation>
    </message>
    <message>
        <source>Shared group</source>
        <translation>Groupe partagé</translation>
    </message>
    <message>
        <source>&apos;%1&apos; belongs to account %2 and is only shared with this one. Delete it from that account.</source>
        <translation>«&#xa0;%1&#xa0;» appartient au compte %2 et n&apos;est que partagé avec celui-ci. Supprimez-le depuis ce compte.</translation>
    </message>
    <message>
        <source>The group &apos;%1&apos; still has versions.</source>
        <translation>Le groupe «&#xa0;%1&#xa0;» contient encore des versions.</translation>
    </message>
    <message>
        <source>Only an empty group can be deleted. Empty and Delete Group… lists every version that would go and asks for the group&apos;s name before deleting anything.</source>
        <translation>Seul un groupe vide peut être supprimé. Vider et supprimer le groupe… liste chaque version qui disparaîtrait et demande le nom du groupe avant toute suppression.</translation>
    </message>
    <message>
        <source>Empty and Delete Group…</source>
        <translation>Vider et supprimer le groupe…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Deleted the group &apos;%1&apos; and its versions.</source>
        <translation>Groupe «&#xa0;%1&#xa0;» et ses versions supprimés.</translation>
    </message>
    <message>
        <source>No model package groups in this account and region.
Create one with New Group (Ctrl+N), or pick another profile or region.</source>
        <translation>Aucun groupe de packages de modèles dans ce compte et cette région.
Créez-en un avec Nouveau groupe (Ctrl+N), ou choisissez un autre profil ou une autre région.</translation>
    </message>
    <message>
        <source>Could not refresh the groups; the list shows them as they were and may be out of date.</source>
        <translation>Impossible d&apos;actualiser les groupes&#xa0;; la liste les montre tels qu&apos;ils étaient et n&apos;est peut-être plus à jour.</translation>
    </message>
    <message numerus="yes">
        <source>The listing stopped after %n group(s); the list is incomplete.</source>
        <translation>
            <numerusform>L&apos;inventaire s&apos;est arrêté après %n groupe&#xa0;; la liste est incomplète.</numerusform>
            <numerusform>L&apos;inventaire s&apos;est arrêté après %n groupes&#xa0;; la liste est incomplète.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not list the groups.</source>
        <translation>Impossible de lister les groupes.</translation>
    </message>
    <message>
        <source>No groups to show: the listing failed (see above).</source>
        <translation>Aucun groupe à afficher&#xa0;: l&apos;inventaire a échoué (voir ci-dessus).</translation>
    </message>
    <message>
        <source>Press F5 or Retry to list them again.</source>
        <translation>Appuyez sur F5 ou Réessayer pour les relister.</translation>
    </message>
    <message numerus="yes">
        <source>%n group(s)</source>
        <translation>
            <numerusform>%n groupe</numerusform>
            <numerusform>%n groupes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n group(s)</source>
        <translation>
            <numerusform>%1 sur %n groupe</numerusform>
            <numerusform>%1 sur %n groupes</numerusform>
        </translation>
    </message>
    <message>
        <source> (may be out of date)</source>
        <translation> (peut-être pas à jour)</translation>
    </message>
    <message>
        <source> (incomplete)</source>
        <translation> (incomplet)</translation>
    </message>
    <message>
        <source>No group name contains &apos;%1&apos;.</source>
        <translation>Aucun nom de groupe ne contient «&#xa0;%1&#xa0;».</translation>
    </message>
</context>
<context>
    <name>HandOffPage</name>
    <message>
        <source>Hand off</source>
        <translation>Passation</translation>
    </message>
    <message>
        <source>Register a version as the training profile, or export every document and a boto3 script for teams that apply changes through review.</source>
        <translation>Enregistrez une version avec le profil d&apos;entraînement, ou exportez chaque document et un script boto3 pour les équipes qui appliquent les modifications après revue.</translation>
    </message>
    <message>
        <source>Group ARN</source>
        <translation>ARN du groupe</translation>
    </message>
    <message>
        <source>Training profile</source>
        <translation>Profil d&apos;entraînement</translation>
    </message>
    <message>
        <source>Register a version as the training profile…</source>
        <translation>Enregistrer une version avec le profil d&apos;entraînement…</translation>
    </message>
    <message>
        <source>Register a version</source>
        <translation>Enregistrer une version</translation>
    </message>
    <message>
        <source>Export folder</source>
        <translation>Dossier d&apos;export</translation>
    </message>
    <message>
        <source>a folder for the JSON documents and the script</source>
        <translation>un dossier pour les documents JSON et le script</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>Choose export folder</source>
        <translation>Choisir le dossier d&apos;export</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>Export result</source>
        <translation>Résultat de l&apos;export</translation>
    </message>
    <message>
        <source>Roll back the whole setup</source>
        <translation>Restaurer toute la configuration</translation>
    </message>
    <message>
        <source>Rollback result</source>
        <translation>Résultat de la restauration</translation>
    </message>
    <message>
        <source>Group ARN:</source>
        <translation>ARN du groupe&#xa0;:</translation>
    </message>
    <message>
        <source>Training profile:</source>
        <translation>Profil d&apos;entraînement&#xa0;:</translation>
    </message>
    <message>
        <source>Export to:</source>
        <translation>Exporter vers&#xa0;:</translation>
    </message>
    <message>
        <source>Registration is not available in this window</source>
        <translation>L&apos;enregistrement n&apos;est pas disponible dans cette fenêtre</translation>
    </message>
    <message>
        <source>Export to folder</source>
        <translation>Exporter vers le dossier</translation>
    </message>
    <message>
        <source>Type or choose a folder to export to.</source>
        <translation>Saisissez ou choisissez un dossier d&apos;export.</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n file(s):
%1</source>
        <translation>
            <numerusform>%n fichier écrit&#xa0;:
%1</numerusform>
            <numerusform>%n fichiers écrits&#xa0;:
%1</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not export: %1</source>
        <translation>Impossible d&apos;exporter&#xa0;: %1</translation>
    </message>
    <message>
        <source>Rolling back…</source>
        <translation>Restauration…</translation>
    </message>
    <message>
        <source>Not everything was rolled back.</source>
        <translation>Tout n&apos;a pas été restauré.</translation>
    </message>
    <message>
        <source>Rolled back: every document is as it was before the setup.</source>
        <translation>Restauré&#xa0;: chaque document est tel qu&apos;il était avant la configuration.</translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <source>Could not open the log folder %1. Open it with a file manager.</source>
        <translation>Impossible d&apos;ouvrir le dossier des journaux %1. Ouvrez-le avec un gestionnaire de fichiers.</translation>
    </message>
    <message>
        <source>About Registry Desk</source>
        <translation>À propos de Registry Desk</translation>
    </message>
    <message>
        <source>Registry Desk %1</source>
        <translation>Registry Desk %1</translation>
    </message>
    <message>
        <source>Administer Amazon SageMaker Model Registries.

The log files (what failed, and why; never a secret) are in:
%1</source>
        <translation>Administrer les registres de modèles Amazon SageMaker (Model Registry).

Les fichiers journaux (ce qui a échoué, et pourquoi&#xa0;; jamais de secret) se trouvent dans&#xa0;:
%1</translation>
    </message>
</context>
<context>
    <name>ImagePickerDialog</name>
    <message>
        <source>Pick an image from ECR</source>
        <translation>Choisir une image dans ECR</translation>
    </message>
    <message>
        <source>Repositories</source>
        <translation>Référentiels</translation>
    </message>
    <message>
        <source>Image tags</source>
        <translation>Balises d&apos;image</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Balise</translation>
    </message>
    <message>
        <source>Pushed</source>
        <translation>Publiée le</translation>
    </message>
    <message>
        <source>Digest</source>
        <translation>Condensé</translation>
    </message>
    <message>
        <source>Loading repositories…</source>
        <translation>Chargement des référentiels…</translation>
    </message>
    <message>
        <source>This account has no ECR repositories.</source>
        <translation>Ce compte n&apos;a aucun référentiel ECR.</translation>
    </message>
</context>
<context>
    <name>Inbox</name>
    <message>
        <source>Inbox</source>
        <translation>Boîte de réception</translation>
    </message>
    <message>
        <source>The inbox could not read the local index: %1</source>
        <translation>La boîte de réception n&apos;a pas pu lire l&apos;index local&#xa0;: %1</translation>
    </message>
    <message>
        <source>Inbox (%1)</source>
        <translation>Boîte de réception (%1)</translation>
    </message>
    <message>
        <source>No profile of this window reaches account %1 in %2.</source>
        <translation>Aucun profil de cette fenêtre n&apos;atteint le compte %1 dans %2.</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1 — %2 (%3 of %4)</source>
        <translation>%1 — %2 (%3 sur %4)</translation>
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
            <numerusform>%Ln heure</numerusform>
            <numerusform>%Ln heures</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln day(s)</source>
        <translation>
            <numerusform>%Ln jour</numerusform>
            <numerusform>%Ln jours</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InboxView</name>
    <message>
        <source>Inbox shows</source>
        <translation>Contenu de la boîte de réception</translation>
    </message>
    <message>
        <source>Versions waiting for approval, or the versions in one stage</source>
        <translation>Les versions en attente d&apos;approbation, ou les versions d&apos;une étape</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Afficher&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Approve…</source>
        <translation>A&amp;pprouver…</translation>
    </message>
    <message>
        <source>Approve the selected versions</source>
        <translation>Approuver les versions sélectionnées</translation>
    </message>
    <message>
        <source>Re&amp;ject…</source>
        <translation>Re&amp;jeter…</translation>
    </message>
    <message>
        <source>Reject the selected versions</source>
        <translation>Rejeter les versions sélectionnées</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Ouvrir</translation>
    </message>
    <message>
        <source>Show the selected version in its group (Enter)</source>
        <translation>Afficher la version sélectionnée dans son groupe (Entrée)</translation>
    </message>
    <message>
        <source>Approve from the inbox</source>
        <translation>Approuver depuis la boîte de réception</translation>
    </message>
    <message>
        <source>Reject from the inbox</source>
        <translation>Rejeter depuis la boîte de réception</translation>
    </message>
    <message>
        <source>Open the version</source>
        <translation>Ouvrir la version</translation>
    </message>
    <message>
        <source>Inbox versions</source>
        <translation>Versions de la boîte de réception</translation>
    </message>
    <message>
        <source>Reading the local index…</source>
        <translation>Lecture de l&apos;index local…</translation>
    </message>
    <message>
        <source>Waiting for approval</source>
        <translation>En attente d&apos;approbation</translation>
    </message>
    <message>
        <source>In stage %1</source>
        <translation>À l&apos;étape %1</translation>
    </message>
    <message>
        <source>Nothing waits for approval in the accounts and regions the window has listed.</source>
        <translation>Rien n&apos;attend d&apos;approbation dans les comptes et régions listés par la fenêtre.</translation>
    </message>
    <message>
        <source>No listed version is in the stage %1.</source>
        <translation>Aucune version listée n&apos;est à l&apos;étape %1.</translation>
    </message>
</context>
<context>
    <name>InferenceFieldsEditor</name>
    <message>
        <source>Content types</source>
        <translation>Types de contenu</translation>
    </message>
    <message>
        <source>Response MIME types</source>
        <translation>Types MIME de réponse</translation>
    </message>
    <message>
        <source>Real-time instance types</source>
        <translation>Types d&apos;instance en temps réel</translation>
    </message>
    <message>
        <source>optional, separated by spaces: ml.m5.large ml.m5.xlarge</source>
        <translation>facultatif, séparés par des espaces&#xa0;: ml.m5.large ml.m5.xlarge</translation>
    </message>
    <message>
        <source>Real-time instance types problem</source>
        <translation>Problème des types d&apos;instance en temps réel</translation>
    </message>
    <message>
        <source>Batch transform instance types</source>
        <translation>Types d&apos;instance de transformation par lots</translation>
    </message>
    <message>
        <source>optional, separated by spaces: ml.m5.large</source>
        <translation>facultatif, séparés par des espaces&#xa0;: ml.m5.large</translation>
    </message>
    <message>
        <source>Batch transform instance types problem</source>
        <translation>Problème des types d&apos;instance de transformation par lots</translation>
    </message>
    <message>
        <source>&amp;Real-time instance types:</source>
        <translation>Types d&apos;instance en &amp;temps réel&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Batch transform instance types:</source>
        <translation>Types d&apos;instance de transformation par &amp;lots&#xa0;:</translation>
    </message>
</context>
<context>
    <name>InferencePage</name>
    <message>
        <source>Inference</source>
        <translation>Inférence</translation>
    </message>
    <message>
        <source>Which request and response formats the model handles. Tick the common ones or type another MIME type.</source>
        <translation>Les formats de requête et de réponse que le modèle gère. Cochez les plus courants ou saisissez un autre type MIME.</translation>
    </message>
    <message>
        <source>Inference problem</source>
        <translation>Problème d&apos;inférence</translation>
    </message>
</context>
<context>
    <name>InferenceTab</name>
    <message>
        <source>Content types</source>
        <translation>Types de contenu</translation>
    </message>
    <message>
        <source>Response MIME types</source>
        <translation>Types MIME de réponse</translation>
    </message>
    <message>
        <source>Supported content types</source>
        <translation>Types de contenu pris en charge</translation>
    </message>
    <message>
        <source>None declared</source>
        <translation>Aucun déclaré</translation>
    </message>
</context>
<context>
    <name>JsonTab</name>
    <message>
        <source>Describe response (JSON)</source>
        <translation>Réponse de Describe (JSON)</translation>
    </message>
    <message>
        <source>Copy JSON</source>
        <translation>Copier le JSON</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Système</translation>
    </message>
    <message>
        <source>Registry Desk will be in %1 from its next start.</source>
        <translation>Registry Desk sera en %1 à son prochain démarrage.</translation>
    </message>
    <message>
        <source>Registry Desk will follow the system&apos;s language from its next start.</source>
        <translation>Registry Desk suivra la langue du système à son prochain démarrage.</translation>
    </message>
</context>
<context>
    <name>LifecycleDialog</name>
    <message numerus="yes">
        <source>Set the lifecycle of %n version(s)</source>
        <translation>
            <numerusform>Définir le cycle de vie de %n version</numerusform>
            <numerusform>Définir le cycle de vie de %n versions</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 changed</source>
        <translation>%1 modifiée(s)</translation>
    </message>
    <message>
        <source>Nothing to change: every selected version already has this stage and status.</source>
        <translation>Rien à modifier&#xa0;: chaque version sélectionnée a déjà cette étape et ce statut.</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Where the versions are in their life, such as Staging or Production. Stages this group already uses are listed first.</source>
        <translation>Où en sont les versions dans leur vie, par exemple Staging ou Production. Les étapes déjà utilisées par ce groupe sont listées en premier.</translation>
    </message>
    <message>
        <source>Stage status</source>
        <translation>Statut de l&apos;étape</translation>
    </message>
    <message>
        <source>How the versions stand in that stage, such as InProgress or Approved.</source>
        <translation>Où en sont les versions dans cette étape, par exemple InProgress ou Approved.</translation>
    </message>
    <message>
        <source>Stage description</source>
        <translation>Description de l&apos;étape</translation>
    </message>
    <message>
        <source>Optional: why, or what was checked</source>
        <translation>Facultatif&#xa0;: pourquoi, ou ce qui a été vérifié</translation>
    </message>
    <message>
        <source>&amp;Stage:</source>
        <translation>É&amp;tape&#xa0;:</translation>
    </message>
    <message>
        <source>Stage s&amp;tatus:</source>
        <translation>&amp;Statut de l&apos;étape&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Description&#xa0;:</translation>
    </message>
    <message>
        <source>Stage problem</source>
        <translation>Problème de l&apos;étape</translation>
    </message>
    <message>
        <source>Stage status problem</source>
        <translation>Problème du statut de l&apos;étape</translation>
    </message>
    <message>
        <source>Stage description problem</source>
        <translation>Problème de la description de l&apos;étape</translation>
    </message>
    <message>
        <source>already %1</source>
        <translation>déjà %1</translation>
    </message>
    <message numerus="yes">
        <source>Set for %n version(s)</source>
        <translation>
            <numerusform>Définir pour %n version</numerusform>
            <numerusform>Définir pour %n versions</numerusform>
        </translation>
    </message>
    <message>
        <source>Set lifecycle</source>
        <translation>Définir le cycle de vie</translation>
    </message>
</context>
<context>
    <name>LifecycleSection</name>
    <message>
        <source>Lifecycle stage</source>
        <translation>Étape du cycle de vie</translation>
    </message>
    <message>
        <source>Lifecycle stage status</source>
        <translation>Statut de l&apos;étape du cycle de vie</translation>
    </message>
    <message>
        <source>Lifecycle stage description</source>
        <translation>Description de l&apos;étape du cycle de vie</translation>
    </message>
    <message>
        <source>optional: why, or what was checked</source>
        <translation>facultatif&#xa0;: pourquoi, ou ce qui a été vérifié</translation>
    </message>
    <message>
        <source>Lifecycle stage problem</source>
        <translation>Problème de l&apos;étape du cycle de vie</translation>
    </message>
    <message>
        <source>Lifecycle stage status problem</source>
        <translation>Problème du statut de l&apos;étape du cycle de vie</translation>
    </message>
    <message>
        <source>Lifecycle stage description problem</source>
        <translation>Problème de la description de l&apos;étape du cycle de vie</translation>
    </message>
    <message>
        <source>&amp;Stage:</source>
        <translation>É&amp;tape&#xa0;:</translation>
    </message>
    <message>
        <source>Stage s&amp;tatus:</source>
        <translation>&amp;Statut de l&apos;étape&#xa0;:</translation>
    </message>
    <message>
        <source>D&amp;escription:</source>
        <translation>D&amp;escription&#xa0;:</translation>
    </message>
    <message>
        <source>Stage and status go together: set both, or neither.</source>
        <translation>L&apos;étape et le statut vont ensemble&#xa0;: renseignez les deux, ou aucun.</translation>
    </message>
</context>
<context>
    <name>ListingProblem</name>
    <message>
        <source>Groups listing problem</source>
        <translation>Problème d&apos;inventaire des groupes</translation>
    </message>
    <message>
        <source>Groups listing problem text</source>
        <translation>Texte du problème d&apos;inventaire des groupes</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Réessayer</translation>
    </message>
    <message>
        <source>Retry listing groups</source>
        <translation>Relister les groupes</translation>
    </message>
    <message>
        <source>List the groups again (F5)</source>
        <translation>Relister les groupes (F5)</translation>
    </message>
    <message>
        <source>Retrying…</source>
        <translation>Nouvel essai…</translation>
    </message>
</context>
<context>
    <name>LocalData</name>
    <message>
        <source>The local index could not be opened (%1); what the window shows will not be remembered until this is fixed.</source>
        <translation>L&apos;index local n&apos;a pas pu être ouvert (%1)&#xa0;; ce que montre la fenêtre ne sera pas mémorisé tant que ce n&apos;est pas corrigé.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Registry Desk</source>
        <translation>Registry Desk</translation>
    </message>
    <message>
        <source>Starting the sandbox…</source>
        <translation>Démarrage du bac à sable…</translation>
    </message>
    <message>
        <source>Reading AWS profiles…</source>
        <translation>Lecture des profils AWS…</translation>
    </message>
    <message>
        <source>Getting ready…</source>
        <translation>Préparation…</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Barre d&apos;outils principale</translation>
    </message>
    <message>
        <source>Could not list the application profiles: %1</source>
        <translation>Impossible de lister les profils de l&apos;application&#xa0;: %1</translation>
    </message>
    <message>
        <source>Unexpected error: %1. The details are in the log.</source>
        <translation>Erreur inattendue&#xa0;: %1. Les détails sont dans le journal.</translation>
    </message>
</context>
<context>
    <name>MetadataDialog</name>
    <message>
        <source>Metadata cell</source>
        <translation>Cellule de métadonnée</translation>
    </message>
    <message>
        <source>Edit metadata of %1 version %2</source>
        <translation>Modifier les métadonnées de %1 version %2</translation>
    </message>
    <message>
        <source>Metadata of %1, version %2</source>
        <translation>Métadonnées de %1, version %2</translation>
    </message>
    <message>
        <source>Edited version</source>
        <translation>Version modifiée</translation>
    </message>
    <message>
        <source>Metadata error</source>
        <translation>Erreur des métadonnées</translation>
    </message>
    <message>
        <source>Metadata properties</source>
        <translation>Propriétés de métadonnées</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Clé</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <source>&amp;Add key</source>
        <translation>&amp;Ajouter une clé</translation>
    </message>
    <message>
        <source>Add key</source>
        <translation>Ajouter une clé</translation>
    </message>
    <message>
        <source>&amp;Remove key</source>
        <translation>&amp;Supprimer la clé</translation>
    </message>
    <message>
        <source>Remove key</source>
        <translation>Supprimer la clé</translation>
    </message>
    <message>
        <source>Key count</source>
        <translation>Nombre de clés</translation>
    </message>
    <message>
        <source>Source URI</source>
        <translation>URI source</translation>
    </message>
    <message>
        <source>s3://bucket/path/source.tar.gz, a Git URL, or empty</source>
        <translation>s3://bucket/path/source.tar.gz, une URL Git, ou vide</translation>
    </message>
    <message>
        <source>Source URI check</source>
        <translation>Vérification de l&apos;URI source</translation>
    </message>
    <message>
        <source>&amp;Source URI</source>
        <translation>URI &amp;source</translation>
    </message>
    <message>
        <source>Metadata check</source>
        <translation>Vérification des métadonnées</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Saving… the dialog closes when AWS has answered.</source>
        <translation>Enregistrement… la boîte de dialogue se ferme quand AWS a répondu.</translation>
    </message>
    <message>
        <source>Discard your changes?</source>
        <translation>Abandonner vos modifications&#xa0;?</translation>
    </message>
    <message>
        <source>Your changes to the metadata have not been saved. Discard them?</source>
        <translation>Vos modifications des métadonnées n&apos;ont pas été enregistrées. Les abandonner&#xa0;?</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Abandonner</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>Continuer la modification</translation>
    </message>
    <message>
        <source>Type a key for this value, or remove the row.</source>
        <translation>Saisissez une clé pour cette valeur, ou supprimez la ligne.</translation>
    </message>
    <message>
        <source>The key &apos;%1&apos; is already in row %2; use each key once.</source>
        <translation>La clé «&#xa0;%1&#xa0;» figure déjà à la ligne %2&#xa0;; utilisez chaque clé une seule fois.</translation>
    </message>
    <message>
        <source>%1 of %2 keys</source>
        <translation>%1 clés sur %2</translation>
    </message>
    <message>
        <source>Reading the API&apos;s limits…</source>
        <translation>Lecture des limites de l&apos;API…</translation>
    </message>
    <message>
        <source>Fix what is marked in red to save.</source>
        <translation>Corrigez ce qui est signalé en rouge pour enregistrer.</translation>
    </message>
    <message>
        <source>A version takes at most %1 keys; remove %2.</source>
        <translation>Une version accepte %1 clés au plus&#xa0;; supprimez-en %2.</translation>
    </message>
    <message>
        <source>Add, change or remove a key, or change the source URI, to save.</source>
        <translation>Ajoutez, modifiez ou supprimez une clé, ou modifiez l&apos;URI source, pour enregistrer.</translation>
    </message>
    <message>
        <source>To save: %1, %2.</source>
        <translation>À enregistrer&#xa0;: %1, %2.</translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) set</source>
        <translation>
            <numerusform>%n clé définie</numerusform>
            <numerusform>%n clés définies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) removed</source>
        <translation>
            <numerusform>%n clé supprimée</numerusform>
            <numerusform>%n clés supprimées</numerusform>
        </translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>What is there now is read again and shown next to your values; nothing you typed is lost.</source>
        <translation>Ce qui est là maintenant est relu et affiché à côté de vos valeurs&#xa0;; rien de ce que vous avez saisi n&apos;est perdu.</translation>
    </message>
    <message>
        <source>Changed by someone else since you opened this; shown as they left it.</source>
        <translation>Modifié par quelqu&apos;un d&apos;autre depuis que vous avez ouvert ceci&#xa0;; affiché tel qu&apos;il l&apos;a laissé.</translation>
    </message>
    <message>
        <source>You removed this key; someone else changed it since you opened this. Remove it again to remove their value.</source>
        <translation>Vous avez supprimé cette clé&#xa0;; quelqu&apos;un d&apos;autre l&apos;a modifiée depuis que vous avez ouvert ceci. Supprimez-la de nouveau pour supprimer sa valeur.</translation>
    </message>
    <message>
        <source>Someone else set this to &apos;%1&apos; since you opened it; Save puts yours in its place.</source>
        <translation>Quelqu&apos;un d&apos;autre a mis «&#xa0;%1&#xa0;» ici depuis que vous l&apos;avez ouvert&#xa0;; Enregistrer met votre valeur à la place.</translation>
    </message>
    <message>
        <source>Someone else removed this key since you opened it; Save adds it back.</source>
        <translation>Quelqu&apos;un d&apos;autre a supprimé cette clé depuis que vous l&apos;avez ouvert&#xa0;; Enregistrer la rajoute.</translation>
    </message>
    <message>
        <source>Someone else set the source URI to &apos;%1&apos; since you opened this; Save puts yours in its place.</source>
        <translation>Quelqu&apos;un d&apos;autre a mis l&apos;URI source à «&#xa0;%1&#xa0;» depuis que vous avez ouvert ceci&#xa0;; Enregistrer met la vôtre à la place.</translation>
    </message>
</context>
<context>
    <name>MetadataTab</name>
    <message>
        <source>Domain</source>
        <translation>Domaine</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <source>Sample payload URL</source>
        <translation>URL de l&apos;exemple de charge utile</translation>
    </message>
    <message>
        <source>Sample payload</source>
        <translation>Exemple de charge utile</translation>
    </message>
    <message>
        <source>Customer metadata</source>
        <translation>Métadonnées client</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>Edit metadata</source>
        <translation>Modifier les métadonnées</translation>
    </message>
    <message>
        <source>Add, change or remove metadata keys, or change the source URI</source>
        <translation>Ajouter, modifier ou supprimer des clés de métadonnées, ou modifier l&apos;URI source</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Clé</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>No customer metadata.</source>
        <translation>Aucune métadonnée client.</translation>
    </message>
</context>
<context>
    <name>MetricFilesSection</name>
    <message>
        <source>Model metrics</source>
        <translation>Métriques du modèle</translation>
    </message>
    <message>
        <source>Drift check baselines</source>
        <translation>Références de contrôle de dérive</translation>
    </message>
    <message>
        <source>Add metrics file</source>
        <translation>Ajouter un fichier de métriques</translation>
    </message>
    <message>
        <source>Add baseline file</source>
        <translation>Ajouter un fichier de référence</translation>
    </message>
    <message>
        <source>Remove metrics file</source>
        <translation>Supprimer le fichier de métriques</translation>
    </message>
    <message>
        <source>Remove baseline file</source>
        <translation>Supprimer le fichier de référence</translation>
    </message>
    <message>
        <source>Model metrics problem</source>
        <translation>Problème des métriques du modèle</translation>
    </message>
    <message>
        <source>Drift check baselines problem</source>
        <translation>Problème des références de contrôle de dérive</translation>
    </message>
    <message>
        <source>Statistics, constraints and reports of model quality, data quality, bias and explainability, each an object in S3 (Browse with …). The digest is the object&apos;s sha256, when you have it.</source>
        <translation>Statistiques, contraintes et rapports sur la qualité du modèle, la qualité des données, les biais et l&apos;explicabilité, chacun un objet dans S3 (Parcourir avec …). Le condensé est le sha256 de l&apos;objet, si vous l&apos;avez.</translation>
    </message>
    <message>
        <source>The baselines Model Monitor checks drift against: statistics, constraints and configuration files, each an object in S3.</source>
        <translation>Les références par rapport auxquelles Model Monitor contrôle la dérive&#xa0;: fichiers de statistiques, de contraintes et de configuration, chacun un objet dans S3.</translation>
    </message>
    <message>
        <source>Row %1: %2</source>
        <translation>Ligne %1&#xa0;: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s): </source>
        <translation>
            <numerusform>%n fichier&#xa0;: </numerusform>
            <numerusform>%n fichiers&#xa0;: </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> and %n more</source>
        <translation>
            <numerusform> et %n autre</numerusform>
            <numerusform> et %n autres</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MetricFilesTable</name>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>S3 URI</source>
        <translation>URI S3</translation>
    </message>
    <message>
        <source>Content type</source>
        <translation>Type de contenu</translation>
    </message>
    <message>
        <source>Digest (optional)</source>
        <translation>Condensé (facultatif)</translation>
    </message>
    <message>
        <source>Kind, row %1</source>
        <translation>Type, ligne %1</translation>
    </message>
    <message>
        <source>Browse S3…</source>
        <translation>Parcourir S3…</translation>
    </message>
    <message>
        <source>Browse S3, row %1</source>
        <translation>Parcourir S3, ligne %1</translation>
    </message>
</context>
<context>
    <name>MetricPlot</name>
    <message>
        <source>Version %1 · %2 · %3</source>
        <translation>Version %1 · %2 · %3</translation>
    </message>
    <message>
        <source>No value: %1</source>
        <translation>Aucune valeur&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>MetricsTab</name>
    <message>
        <source>This version has no model metrics.</source>
        <translation>Cette version n&apos;a aucune métrique de modèle.</translation>
    </message>
    <message>
        <source>Metric reports</source>
        <translation>Rapports de métriques</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <source>S3 URI</source>
        <translation>URI S3</translation>
    </message>
    <message>
        <source>Metrics file</source>
        <translation>Fichier de métriques</translation>
    </message>
    <message>
        <source>Model metrics</source>
        <translation>Métriques du modèle</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Métrique</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Standard deviation</source>
        <translation>Écart type</translation>
    </message>
    <message>
        <source>Drift check baselines</source>
        <translation>Références de contrôle de dérive</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>Référence</translation>
    </message>
    <message>
        <source>This report holds no metrics for a table.</source>
        <translation>Ce rapport ne contient aucune métrique à présenter en tableau.</translation>
    </message>
    <message>
        <source>Reading metrics…</source>
        <translation>Lecture des métriques…</translation>
    </message>
</context>
<context>
    <name>MfaDialog</name>
    <message>
        <source>MFA code</source>
        <translation>Code MFA</translation>
    </message>
    <message>
        <source>MFA code dialog</source>
        <translation>Boîte de dialogue du code MFA</translation>
    </message>
    <message>
        <source>The profile &apos;%1&apos; assumes a role that needs a code from the MFA device
%2.</source>
        <translation>Le profil «&#xa0;%1&#xa0;» assume un rôle qui exige un code du dispositif MFA
%2.</translation>
    </message>
    <message>
        <source>6 digits</source>
        <translation>6 chiffres</translation>
    </message>
    <message>
        <source>MFA code problem</source>
        <translation>Problème du code MFA</translation>
    </message>
    <message>
        <source>Use code</source>
        <translation>Utiliser le code</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Type the 6 digits your MFA device shows now.</source>
        <translation>Saisissez les 6 chiffres affichés maintenant par votre dispositif MFA.</translation>
    </message>
</context>
<context>
    <name>MimeTypesEditor</name>
    <message>
        <source>Other type for %1</source>
        <translation>Autre type pour %1</translation>
    </message>
    <message>
        <source>another type, e.g. application/x-parquet</source>
        <translation>un autre type, par ex. application/x-parquet</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <source>Add type to %1</source>
        <translation>Ajouter le type à %1</translation>
    </message>
    <message>
        <source>%1 problem</source>
        <translation>Problème&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>ModelDataEditor</name>
    <message>
        <source>Model data kind</source>
        <translation>Type des données du modèle</translation>
    </message>
    <message>
        <source>Model archive</source>
        <translation>Archive du modèle</translation>
    </message>
    <message>
        <source>ModelDataUrl: one gzip-compressed tar archive (.tar.gz) that SageMaker unpacks.</source>
        <translation>ModelDataUrl&#xa0;: une archive tar compressée en gzip (.tar.gz) que SageMaker décompresse.</translation>
    </message>
    <message>
        <source>S3 prefix or object</source>
        <translation>Préfixe ou objet S3</translation>
    </message>
    <message>
        <source>ModelDataSource: every object under an S3 prefix, or one object, compressed or not (large models are often stored this way).</source>
        <translation>ModelDataSource&#xa0;: chaque objet sous un préfixe S3, ou un seul objet, compressé ou non (les gros modèles sont souvent stockés ainsi).</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
    <message>
        <source>No model data: the image holds the model itself.</source>
        <translation>Aucune donnée de modèle&#xa0;: l&apos;image contient le modèle lui-même.</translation>
    </message>
    <message>
        <source>Model data URL</source>
        <translation>URL des données du modèle</translation>
    </message>
    <message>
        <source>Model data S3 URI</source>
        <translation>URI S3 des données du modèle</translation>
    </message>
    <message>
        <source>Browse S3…</source>
        <translation>Parcourir S3…</translation>
    </message>
    <message>
        <source>Browse S3 for model data</source>
        <translation>Parcourir S3 pour les données du modèle</translation>
    </message>
    <message>
        <source>S3 data type</source>
        <translation>Type de données S3</translation>
    </message>
    <message>
        <source>Prefix (every object under it)</source>
        <translation>Préfixe (chaque objet en dessous)</translation>
    </message>
    <message>
        <source>One object</source>
        <translation>Un objet</translation>
    </message>
    <message>
        <source>Compression</source>
        <translation>Compression</translation>
    </message>
    <message>
        <source>Uncompressed</source>
        <translation>Non compressé</translation>
    </message>
    <message>
        <source>Gzip tar archive</source>
        <translation>Archive tar gzip</translation>
    </message>
    <message>
        <source>Accept the model&apos;s EULA</source>
        <translation>Accepter le CLUF du modèle</translation>
    </message>
    <message>
        <source>ModelAccessConfig.AcceptEula: needed by models whose licence must be accepted before they are deployed.</source>
        <translation>ModelAccessConfig.AcceptEula&#xa0;: requis par les modèles dont la licence doit être acceptée avant leur déploiement.</translation>
    </message>
    <message>
        <source>Model data problem</source>
        <translation>Problème des données du modèle</translation>
    </message>
    <message>
        <source>Model data check</source>
        <translation>Vérification des données du modèle</translation>
    </message>
    <message>
        <source>Model data warning</source>
        <translation>Avertissement sur les données du modèle</translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message numerus="yes">
        <source>%1 and %Ln more</source>
        <translation>
            <numerusform>%1 et %Ln autre</numerusform>
            <numerusform>%1 et %Ln autres</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new version(s) waiting for approval: %1</source>
        <translation>
            <numerusform>%Ln nouvelle version en attente d&apos;approbation&#xa0;: %1</numerusform>
            <numerusform>%Ln nouvelles versions en attente d&apos;approbation&#xa0;: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message>
        <source>Version title</source>
        <translation>Titre de la version</translation>
    </message>
    <message>
        <source>ARN</source>
        <translation>ARN</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé le</translation>
    </message>
    <message>
        <source>Last modified</source>
        <translation>Dernière modification</translation>
    </message>
    <message>
        <source>Approval comment</source>
        <translation>Commentaire d&apos;approbation</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Stage status</source>
        <translation>Statut de l&apos;étape</translation>
    </message>
    <message>
        <source>Stage description</source>
        <translation>Description de l&apos;étape</translation>
    </message>
    <message>
        <source>Package status</source>
        <translation>Statut du package</translation>
    </message>
    <message>
        <source>Created by</source>
        <translation>Créé par</translation>
    </message>
    <message>
        <source>Last modified by</source>
        <translation>Modifié en dernier par</translation>
    </message>
    <message>
        <source>Source URI</source>
        <translation>URI source</translation>
    </message>
    <message>
        <source>Source metadata</source>
        <translation>Métadonnées source</translation>
    </message>
    <message>
        <source>Encryption key</source>
        <translation>Clé de chiffrement</translation>
    </message>
    <message>
        <source>None set: SageMaker&apos;s default encryption</source>
        <translation>Aucune&#xa0;: chiffrement par défaut de SageMaker</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Deployed to</source>
        <translation>Déployée sur</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Modifiée le</translation>
    </message>
    <message>
        <source>%1 — version %2</source>
        <translation>%1 — version %2</translation>
    </message>
    <message>
        <source>No description.</source>
        <translation>Aucune description.</translation>
    </message>
    <message>
        <source>No approval comment.</source>
        <translation>Aucun commentaire d&apos;approbation.</translation>
    </message>
    <message>
        <source>No stage.</source>
        <translation>Aucune étape.</translation>
    </message>
    <message>
        <source>Not recorded.</source>
        <translation>Non enregistré.</translation>
    </message>
    <message>
        <source>Commit: %1</source>
        <translation>Commit&#xa0;: %1</translation>
    </message>
    <message>
        <source>Repository: %1</source>
        <translation>Référentiel&#xa0;: %1</translation>
    </message>
    <message>
        <source>Generated by: %1</source>
        <translation>Généré par&#xa0;: %1</translation>
    </message>
    <message>
        <source>Project: %1</source>
        <translation>Projet&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>OverwriteDialog</name>
    <message>
        <source>Changed since the apply</source>
        <translation>Modifié depuis l&apos;application</translation>
    </message>
    <message>
        <source>Someone changed these documents after Registry Desk wrote them, so rollback left them as they are. Restoring the original now would erase that change (shown on the right).</source>
        <translation>Quelqu&apos;un a modifié ces documents après leur écriture par Registry Desk&#xa0;; la restauration les a donc laissés tels quels. Restaurer l&apos;original maintenant effacerait cette modification (affichée à droite).</translation>
    </message>
    <message>
        <source>Why rollback stopped</source>
        <translation>Pourquoi la restauration s&apos;est arrêtée</translation>
    </message>
    <message>
        <source>Changed resources</source>
        <translation>Ressources modifiées</translation>
    </message>
    <message>
        <source>What Registry Desk wrote</source>
        <translation>Ce que Registry Desk a écrit</translation>
    </message>
    <message>
        <source>There now</source>
        <translation>Actuellement</translation>
    </message>
    <message>
        <source>What was written and what is there now</source>
        <translation>Ce qui a été écrit et ce qui est là maintenant</translation>
    </message>
    <message>
        <source>Copy what was written</source>
        <translation>Copier ce qui a été écrit</translation>
    </message>
    <message>
        <source>Copy what is there now</source>
        <translation>Copier ce qui est là maintenant</translation>
    </message>
    <message>
        <source>Restore the original anyway</source>
        <translation>Restaurer l&apos;original quand même</translation>
    </message>
    <message>
        <source>Keep their change</source>
        <translation>Garder sa modification</translation>
    </message>
</context>
<context>
    <name>PolicyTab</name>
    <message>
        <source>this account, profile %1</source>
        <translation>ce compte, profil %1</translation>
    </message>
    <message>
        <source>this account</source>
        <translation>ce compte</translation>
    </message>
    <message>
        <source>profile %1</source>
        <translation>profil %1</translation>
    </message>
    <message>
        <source>no profile known for it</source>
        <translation>aucun profil connu pour lui</translation>
    </message>
    <message>
        <source>Policy state</source>
        <translation>État de la stratégie</translation>
    </message>
    <message>
        <source>Accounts the policy grants</source>
        <translation>Comptes autorisés par la stratégie</translation>
    </message>
    <message>
        <source>Resource policy</source>
        <translation>Stratégie de ressource</translation>
    </message>
    <message>
        <source>Reading the resource policy…</source>
        <translation>Lecture de la stratégie de ressource…</translation>
    </message>
    <message>
        <source>Only account %1 can read this group&apos;s resource policy: it is the owner, and GetModelPackageGroupPolicy takes a group name, not another account&apos;s ARN.</source>
        <translation>Seul le compte %1 peut lire la stratégie de ressource de ce groupe&#xa0;: il en est le propriétaire, et GetModelPackageGroupPolicy prend un nom de groupe, pas l&apos;ARN d&apos;un autre compte.</translation>
    </message>
    <message>
        <source>The resource policy could not be read. %1</source>
        <translation>La stratégie de ressource n&apos;a pas pu être lue. %1</translation>
    </message>
    <message>
        <source>No resource policy: no other account can see or use this group; within this account, IAM permissions alone decide.</source>
        <translation>Aucune stratégie de ressource&#xa0;: aucun autre compte ne peut voir ni utiliser ce groupe&#xa0;; dans ce compte, seules les autorisations IAM décident.</translation>
    </message>
    <message>
        <source>Service %1</source>
        <translation>Service %1</translation>
    </message>
    <message>
        <source>The policy is not valid JSON policy text (%1); shown as stored.</source>
        <translation>La stratégie n&apos;est pas un texte de stratégie JSON valide (%1)&#xa0;; affichée telle qu&apos;enregistrée.</translation>
    </message>
    <message numerus="yes">
        <source>This policy names %n account(s) or principal(s):</source>
        <translation>
            <numerusform>Cette stratégie nomme %n compte ou principal&#xa0;:</numerusform>
            <numerusform>Cette stratégie nomme %n comptes ou principaux&#xa0;:</numerusform>
        </translation>
    </message>
    <message>
        <source>This policy names no account.</source>
        <translation>Cette stratégie ne nomme aucun compte.</translation>
    </message>
    <message>
        <source>Anyone (&quot;*&quot;)</source>
        <translation>Tout le monde («&#xa0;*&#xa0;»)</translation>
    </message>
    <message>
        <source>denied</source>
        <translation>refusé</translation>
    </message>
    <message>
        <source>allowed</source>
        <translation>autorisé</translation>
    </message>
    <message>
        <source>%1: %2 %3</source>
        <translation>%1&#xa0;: %2 %3</translation>
    </message>
    <message>
        <source>no action</source>
        <translation>aucune action</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Préférences</translation>
    </message>
    <message>
        <source>Local data</source>
        <translation>Données locales</translation>
    </message>
    <message>
        <source>What the window has seen (groups, versions, images, approval comments and metadata; never a secret or a model card) is kept on this computer, readable by you only, so the window opens on it at once and search works across every account and region.</source>
        <translation>Ce que la fenêtre a vu (groupes, versions, images, commentaires d&apos;approbation et métadonnées&#xa0;; jamais de secret ni de carte de modèle) est conservé sur cet ordinateur, lisible par vous seul, pour que la fenêtre s&apos;ouvre aussitôt dessus et que la recherche couvre chaque compte et région.</translation>
    </message>
    <message>
        <source>Local index file</source>
        <translation>Fichier de l&apos;index local</translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation>Mesure…</translation>
    </message>
    <message>
        <source>Local index size</source>
        <translation>Taille de l&apos;index local</translation>
    </message>
    <message>
        <source>Clear Local Data…</source>
        <translation>Effacer les données locales…</translation>
    </message>
    <message>
        <source>Clear local data</source>
        <translation>Effacer les données locales</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Fichier&#xa0;:</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>Taille&#xa0;:</translation>
    </message>
    <message>
        <source>Background refresh</source>
        <translation>Actualisation en arrière-plan</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Désactivée</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Refresh interval in minutes</source>
        <translation>Intervalle d&apos;actualisation en minutes</translation>
    </message>
    <message>
        <source>Show desktop &amp;notifications</source>
        <translation>Afficher les &amp;notifications du bureau</translation>
    </message>
    <message>
        <source>Show desktop notifications</source>
        <translation>Afficher les notifications du bureau</translation>
    </message>
    <message>
        <source>Lists the estate again at this interval and announces each version that arrives waiting for approval, once. 0 turns it off.</source>
        <translation>Reliste le parc à cet intervalle et annonce une fois chaque version qui arrive en attente d&apos;approbation. 0 la désactive.</translation>
    </message>
    <message>
        <source>&amp;Refresh every:</source>
        <translation>&amp;Actualiser toutes les&#xa0;:</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Not open (nothing is remembered yet).</source>
        <translation>Non ouvert (rien n&apos;est encore mémorisé).</translation>
    </message>
    <message numerus="yes">
        <source>%1 on disk, %n version(s)</source>
        <translation>
            <numerusform>%1 sur le disque, %n version</numerusform>
            <numerusform>%1 sur le disque, %n versions</numerusform>
        </translation>
    </message>
    <message>
        <source>Forget every group and version remembered on this computer?

Nothing changes in AWS. The next start opens empty until the listings have run; the rows on screen stay.</source>
        <translation>Oublier chaque groupe et version mémorisés sur cet ordinateur&#xa0;?

Rien ne change dans AWS. Le prochain démarrage s&apos;ouvre vide jusqu&apos;à la fin des inventaires&#xa0;; les lignes à l&apos;écran restent.</translation>
    </message>
    <message>
        <source>Clearing…</source>
        <translation>Effacement…</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <source>Edit profile</source>
        <translation>Modifier le profil</translation>
    </message>
    <message>
        <source>Add profile</source>
        <translation>Ajouter un profil</translation>
    </message>
    <message>
        <source>Profile dialog</source>
        <translation>Boîte de dialogue du profil</translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation>Nom du profil</translation>
    </message>
    <message>
        <source>e.g. training-admin</source>
        <translation>par ex. training-admin</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Région</translation>
    </message>
    <message>
        <source>Access key ID</source>
        <translation>ID de clé d&apos;accès</translation>
    </message>
    <message>
        <source>AKIA…</source>
        <translation>AKIA…</translation>
    </message>
    <message>
        <source>Secret access key</source>
        <translation>Clé d&apos;accès secrète</translation>
    </message>
    <message>
        <source>kept in the keyring; type new keys to replace them</source>
        <translation>conservée dans le trousseau&#xa0;; saisissez de nouvelles clés pour les remplacer</translation>
    </message>
    <message>
        <source>Keys are stored only in the OS keyring, never in a file.</source>
        <translation>Les clés sont stockées uniquement dans le trousseau du système, jamais dans un fichier.</translation>
    </message>
    <message>
        <source>Assume a role</source>
        <translation>Assumer un rôle</translation>
    </message>
    <message>
        <source>Role ARN</source>
        <translation>ARN du rôle</translation>
    </message>
    <message>
        <source>Source profile</source>
        <translation>Profil source</translation>
    </message>
    <message>
        <source>(this profile&apos;s own keys)</source>
        <translation>(les clés de ce profil)</translation>
    </message>
    <message>
        <source>External ID</source>
        <translation>ID externe</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>facultatif</translation>
    </message>
    <message>
        <source>Session name</source>
        <translation>Nom de session</translation>
    </message>
    <message>
        <source>Duration in seconds</source>
        <translation>Durée en secondes</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>MFA device</source>
        <translation>Dispositif MFA</translation>
    </message>
    <message>
        <source>optional, e.g. arn:aws:iam::123456789012:mfa/alice</source>
        <translation>facultatif, par ex. arn:aws:iam::123456789012:mfa/alice</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nom&#xa0;:</translation>
    </message>
    <message>
        <source>Region:</source>
        <translation>Région&#xa0;:</translation>
    </message>
    <message>
        <source>Access key ID:</source>
        <translation>ID de clé d&apos;accès&#xa0;:</translation>
    </message>
    <message>
        <source>Secret access key:</source>
        <translation>Clé d&apos;accès secrète&#xa0;:</translation>
    </message>
    <message>
        <source>Role ARN:</source>
        <translation>ARN du rôle&#xa0;:</translation>
    </message>
    <message>
        <source>Source profile:</source>
        <translation>Profil source&#xa0;:</translation>
    </message>
    <message>
        <source>External ID:</source>
        <translation>ID externe&#xa0;:</translation>
    </message>
    <message>
        <source>Session name:</source>
        <translation>Nom de session&#xa0;:</translation>
    </message>
    <message>
        <source>Duration:</source>
        <translation>Durée&#xa0;:</translation>
    </message>
    <message>
        <source>MFA device:</source>
        <translation>Dispositif MFA&#xa0;:</translation>
    </message>
    <message>
        <source>Save profile</source>
        <translation>Enregistrer le profil</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>No usable keyring: keys cannot be saved. A profile can still assume a role from a profile of the AWS config files.</source>
        <translation>Aucun trousseau utilisable&#xa0;: les clés ne peuvent pas être enregistrées. Un profil peut toujours assumer un rôle depuis un profil des fichiers de configuration AWS.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sandbox:&lt;/b&gt; nothing here reaches AWS. Any access key ID of the right shape works, e.g. &lt;code&gt;AKIAIOSFODNN7EXAMPLE&lt;/code&gt;, with any 40-character secret such as &lt;code&gt;wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY&lt;/code&gt;: that profile is the registry account.</source>
        <translation>&lt;b&gt;Bac à sable&#xa0;:&lt;/b&gt; rien ici n&apos;atteint AWS. N&apos;importe quel ID de clé d&apos;accès de la bonne forme convient, par ex. &lt;code&gt;AKIAIOSFODNN7EXAMPLE&lt;/code&gt;, avec n&apos;importe quel secret de 40 caractères comme &lt;code&gt;wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY&lt;/code&gt;&#xa0;: ce profil est le compte du registre.</translation>
    </message>
    <message>
        <source>To reach the training account, add a second profile that assumes the role &lt;code&gt;%1&lt;/code&gt; with the first one as its source profile.</source>
        <translation>Pour atteindre le compte d&apos;entraînement, ajoutez un second profil qui assume le rôle &lt;code&gt;%1&lt;/code&gt; avec le premier comme profil source.</translation>
    </message>
    <message>
        <source>Sandbox hint</source>
        <translation>Indication sur le bac à sable</translation>
    </message>
    <message>
        <source>Problem with %1</source>
        <translation>Problème&#xa0;: %1</translation>
    </message>
    <message>
        <source>No usable keyring: keys cannot be saved. Fix the keyring, or assume a role from a profile of the AWS config files.</source>
        <translation>Aucun trousseau utilisable&#xa0;: les clés ne peuvent pas être enregistrées. Réparez le trousseau, ou assumez un rôle depuis un profil des fichiers de configuration AWS.</translation>
    </message>
</context>
<context>
    <name>ProfileRemoval</name>
    <message>
        <source>Remove profile</source>
        <translation>Supprimer le profil</translation>
    </message>
    <message>
        <source>Remove the profile &apos;%1&apos; and delete its keys from the keyring?</source>
        <translation>Supprimer le profil «&#xa0;%1&#xa0;» et effacer ses clés du trousseau&#xa0;?</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Also take [profile %1] out of the AWS config</source>
        <translation>Retirer aussi [profile %1] de la config AWS</translation>
    </message>
    <message>
        <source>&quot;Write to AWS config&quot; wrote this section in %2; left there, AWS tools would still find the profile and fail to get its credentials. Only this section goes, every other line of the file stays as it is:</source>
        <translation>«&#xa0;Écrire dans la config AWS&#xa0;» a écrit cette section dans %2&#xa0;; si elle y reste, les outils AWS trouveraient encore le profil sans pouvoir obtenir ses identifiants. Seule cette section disparaît, toutes les autres lignes du fichier restent telles quelles&#xa0;:</translation>
    </message>
    <message>
        <source>Also take the credential_process line out of [profile %1]</source>
        <translation>Retirer aussi la ligne credential_process de [profile %1]</translation>
    </message>
    <message>
        <source>This section in %2 holds more than &quot;Write to AWS config&quot; wrote (edited by hand?). Only its credential_process line would go; its other lines stay:</source>
        <translation>Cette section de %2 contient plus que ce qu&apos;a écrit «&#xa0;Écrire dans la config AWS&#xa0;» (modifiée à la main&#xa0;?). Seule sa ligne credential_process disparaîtrait&#xa0;; ses autres lignes restent&#xa0;:</translation>
    </message>
    <message>
        <source>Also remove from the AWS config</source>
        <translation>Retirer aussi de la config AWS</translation>
    </message>
    <message>
        <source>[profile %1] in %2 does not get its credentials from Registry Desk (edited by hand?), so it stays as it is:</source>
        <translation>[profile %1] dans %2 n&apos;obtient pas ses identifiants de Registry Desk (modifié à la main&#xa0;?)&#xa0;; il reste donc tel quel&#xa0;:</translation>
    </message>
    <message>
        <source>The AWS config (%1) could not be read (%2): a section for this profile there, if any, stays.</source>
        <translation>La config AWS (%1) n&apos;a pas pu être lue (%2)&#xa0;: une section pour ce profil, s&apos;il y en a une, reste en place.</translation>
    </message>
</context>
<context>
    <name>RegisterWizard</name>
    <message>
        <source>Register Model Version</source>
        <translation>Enregistrer une version de modèle</translation>
    </message>
    <message>
        <source>Register model version</source>
        <translation>Enregistrer une version de modèle</translation>
    </message>
    <message>
        <source>&amp;Register</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>&amp;Save spec…</source>
        <translation>&amp;Sauvegarder la spéc…</translation>
    </message>
    <message>
        <source>&amp;Load spec…</source>
        <translation>&amp;Charger une spéc…</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Save spec</source>
        <translation>Sauvegarder la spéc</translation>
    </message>
    <message>
        <source>Load spec</source>
        <translation>Charger une spéc</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Suivant</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Précédent</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Terminer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>A copy of version %1 of %2. It starts pending approval</source>
        <translation>Une copie de la version %1 de %2. Elle commence en attente d&apos;approbation</translation>
    </message>
    <message>
        <source>its model card starts as a draft (the source&apos;s is %1)</source>
        <translation>sa carte de modèle commence en brouillon (celle de la source est %1)</translation>
    </message>
    <message>
        <source>its lifecycle stage is not copied (the source is in %1)</source>
        <translation>son étape de cycle de vie n&apos;est pas copiée (la source est à %1)</translation>
    </message>
    <message>
        <source>%1: approval, card status and stage are decided for each version.</source>
        <translation>%1&#xa0;: l&apos;approbation, le statut de la carte et l&apos;étape sont décidés pour chaque version.</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>Chiffrement</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Model metrics</source>
        <translation>Métriques du modèle</translation>
    </message>
    <message>
        <source>Drift check baselines</source>
        <translation>Références de contrôle de dérive</translation>
    </message>
    <message>
        <source>Model validation</source>
        <translation>Validation du modèle</translation>
    </message>
    <message>
        <source>Model card</source>
        <translation>Carte de modèle</translation>
    </message>
    <message>
        <source>Lifecycle</source>
        <translation>Cycle de vie</translation>
    </message>
    <message>
        <source>Additional inference specifications</source>
        <translation>Spécifications d&apos;inférence supplémentaires</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Balises</translation>
    </message>
    <message>
        <source>The version you stopped waiting for was registered after all:
%1</source>
        <translation>La version que vous avez cessé d&apos;attendre a finalement été enregistrée&#xa0;:
%1</translation>
    </message>
    <message>
        <source>The version you stopped waiting for was not registered. %1</source>
        <translation>La version que vous avez cessé d&apos;attendre n&apos;a pas été enregistrée. %1</translation>
    </message>
    <message>
        <source>Registration outcome</source>
        <translation>Résultat de l&apos;enregistrement</translation>
    </message>
    <message>
        <source>Stop waiting for AWS?</source>
        <translation>Cesser d&apos;attendre AWS&#xa0;?</translation>
    </message>
    <message>
        <source>The version is being registered: the profile &apos;%1&apos; is still waiting for sagemaker:CreateModelPackage on %2 to answer.

If you stop waiting, AWS may still create the version. You will be told when the answer comes.</source>
        <translation>La version est en cours d&apos;enregistrement&#xa0;: le profil «&#xa0;%1&#xa0;» attend toujours la réponse de sagemaker:CreateModelPackage sur %2.

Si vous cessez d&apos;attendre, AWS peut encore créer la version. Vous serez prévenu à l&apos;arrivée de la réponse.</translation>
    </message>
    <message>
        <source>Stop waiting</source>
        <translation>Cesser d&apos;attendre</translation>
    </message>
    <message>
        <source>Keep waiting</source>
        <translation>Continuer d&apos;attendre</translation>
    </message>
    <message>
        <source>Discard this version?</source>
        <translation>Abandonner cette version&#xa0;?</translation>
    </message>
    <message>
        <source>Nothing has been registered. What you typed in this wizard will be lost; Save spec… keeps it in a file.</source>
        <translation>Rien n&apos;a été enregistré. Ce que vous avez saisi dans cet assistant sera perdu&#xa0;; Sauvegarder la spéc… le conserve dans un fichier.</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Abandonner</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>Continuer la modification</translation>
    </message>
    <message>
        <source>Cannot save the spec: %1</source>
        <translation>Impossible de sauvegarder la spéc&#xa0;: %1</translation>
    </message>
    <message>
        <source>Cannot load the spec: %1</source>
        <translation>Impossible de charger la spéc&#xa0;: %1</translation>
    </message>
    <message>
        <source>Save registration spec</source>
        <translation>Sauvegarder la spéc d&apos;enregistrement</translation>
    </message>
    <message>
        <source>Registration spec (*.json)</source>
        <translation>Spéc d&apos;enregistrement (*.json)</translation>
    </message>
    <message>
        <source>Load registration spec</source>
        <translation>Charger une spéc d&apos;enregistrement</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <source>Registered</source>
        <translation>Enregistrée</translation>
    </message>
    <message>
        <source>The new version is in the registry.</source>
        <translation>La nouvelle version est dans le registre.</translation>
    </message>
    <message>
        <source>Version ARN</source>
        <translation>ARN de la version</translation>
    </message>
    <message>
        <source>Open in versions view</source>
        <translation>Ouvrir dans la vue des versions</translation>
    </message>
    <message>
        <source>ARN of the new version:</source>
        <translation>ARN de la nouvelle version&#xa0;:</translation>
    </message>
</context>
<context>
    <name>ResultsPage</name>
    <message>
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <source>%v of %m</source>
        <translation>%v sur %m</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Résultats</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Résumé</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
</context>
<context>
    <name>ResultsTree</name>
    <message>
        <source>Search results</source>
        <translation>Résultats de la recherche</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Matched text</source>
        <translation>Texte trouvé</translation>
    </message>
    <message>
        <source>%1 v%2</source>
        <translation>%1 v%2</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Review the changes</source>
        <translation>Examiner les modifications</translation>
    </message>
    <message>
        <source>Training account first, registry account last. Existing statements are kept exactly; ours are marked with a RegistryDesk Sid so a second run finds them again.</source>
        <translation>Le compte d&apos;entraînement d&apos;abord, le compte du registre en dernier. Les déclarations existantes sont conservées à l&apos;identique&#xa0;; les nôtres portent un Sid RegistryDesk pour qu&apos;une seconde exécution les retrouve.</translation>
    </message>
    <message>
        <source>Plan summary</source>
        <translation>Résumé du plan</translation>
    </message>
    <message>
        <source>No KMS key, chosen knowingly: the documented setup requires a customer-managed key for the artifacts. The registry account will not be able to decrypt artifacts encrypted with the training account&apos;s keys, so deploying from the registry account fails reading the model data.</source>
        <translation>Aucune clé KMS, choix délibéré&#xa0;: la configuration documentée exige une clé gérée par le client pour les artefacts. Le compte du registre ne pourra pas déchiffrer les artefacts chiffrés avec les clés du compte d&apos;entraînement&#xa0;; un déploiement depuis le compte du registre échouera donc à la lecture des données du modèle.</translation>
    </message>
    <message>
        <source>No KMS key</source>
        <translation>Aucune clé KMS</translation>
    </message>
    <message>
        <source>Resources</source>
        <translation>Ressources</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Constats</translation>
    </message>
    <message>
        <source>Reading the current policies and grants in both accounts…</source>
        <translation>Lecture des stratégies et octrois actuels dans les deux comptes…</translation>
    </message>
    <message>
        <source>✗ blocked</source>
        <translation>✗ bloqué</translation>
    </message>
    <message>
        <source>● will change</source>
        <translation>● va changer</translation>
    </message>
    <message>
        <source>✓ already in place (written by this setup)</source>
        <translation>✓ déjà en place (écrit par cette configuration)</translation>
    </message>
    <message>
        <source>✓ already in place</source>
        <translation>✓ déjà en place</translation>
    </message>
    <message>
        <source>Fix the problems marked ✗ before applying.</source>
        <translation>Corrigez les problèmes marqués ✗ avant d&apos;appliquer.</translation>
    </message>
    <message>
        <source>Everything is already in place: nothing to change.</source>
        <translation>Tout est déjà en place&#xa0;: rien à modifier.</translation>
    </message>
    <message>
        <source>%1 of %2 resources will change. Registry account %3, training account %4.</source>
        <translation>%1 ressources sur %2 vont changer. Compte du registre %3, compte d&apos;entraînement %4.</translation>
    </message>
    <message numerus="yes">
        <source>%n added</source>
        <translation>
            <numerusform>%n ajoutée</numerusform>
            <numerusform>%n ajoutées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changed</source>
        <translation>
            <numerusform>%n modifiée</numerusform>
            <numerusform>%n modifiées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n removed</source>
        <translation>
            <numerusform>%n supprimée</numerusform>
            <numerusform>%n supprimées</numerusform>
        </translation>
    </message>
    <message>
        <source>The plan could not be made. Go back to change the choice, or try again.</source>
        <translation>Le plan n&apos;a pas pu être établi. Revenez en arrière pour modifier le choix, ou réessayez.</translation>
    </message>
    <message>
        <source>(cannot propose: see above)</source>
        <translation>(proposition impossible&#xa0;: voir ci-dessus)</translation>
    </message>
    <message>
        <source>No share yet: AWS RAM creates it when the group policy is written; this step then promotes it.</source>
        <translation>Pas encore de partage&#xa0;: AWS RAM le crée à l&apos;écriture de la stratégie du groupe&#xa0;; cette étape le promeut ensuite.</translation>
    </message>
    <message>
        <source>The share as AWS RAM holds it now, and once promoted.</source>
        <translation>Le partage tel qu&apos;AWS RAM le détient maintenant, et une fois promu.</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Revue</translation>
    </message>
    <message>
        <source>Registration summary</source>
        <translation>Résumé de l&apos;enregistrement</translation>
    </message>
    <message>
        <source>Request renderings</source>
        <translation>Rendus de la requête</translation>
    </message>
    <message>
        <source>Request JSON</source>
        <translation>JSON de la requête</translation>
    </message>
    <message>
        <source>boto3 snippet</source>
        <translation>Extrait boto3</translation>
    </message>
    <message>
        <source>AWS CLI command</source>
        <translation>Commande AWS CLI</translation>
    </message>
    <message>
        <source>SageMaker SDK code</source>
        <translation>Code SageMaker SDK</translation>
    </message>
    <message>
        <source>Pipelines step code</source>
        <translation>Code de l&apos;étape Pipelines</translation>
    </message>
    <message>
        <source>Request (JSON)</source>
        <translation>Requête (JSON)</translation>
    </message>
    <message>
        <source>boto3</source>
        <translation>boto3</translation>
    </message>
    <message>
        <source>AWS CLI</source>
        <translation>AWS CLI</translation>
    </message>
    <message>
        <source>SageMaker SDK</source>
        <translation>SageMaker SDK</translation>
    </message>
    <message>
        <source>Pipelines step</source>
        <translation>Étape Pipelines</translation>
    </message>
    <message>
        <source>Registration error</source>
        <translation>Erreur d&apos;enregistrement</translation>
    </message>
    <message>
        <source>Registration status</source>
        <translation>État de l&apos;enregistrement</translation>
    </message>
    <message>
        <source>an inference pipeline of %1 containers</source>
        <translation>un pipeline d&apos;inférence de %1 conteneurs</translation>
    </message>
    <message>
        <source>a single-container model</source>
        <translation>un modèle à conteneur unique</translation>
    </message>
    <message>
        <source>Register %1 in the %2 group &lt;b&gt;%3&lt;/b&gt; as &lt;b&gt;%4&lt;/b&gt;, with the profile %5.</source>
        <translation>Enregistrer %1 dans le groupe %2 &lt;b&gt;%3&lt;/b&gt; en tant que &lt;b&gt;%4&lt;/b&gt;, avec le profil %5.</translation>
    </message>
    <message>
        <source>new</source>
        <translation>nouveau</translation>
    </message>
    <message>
        <source>existing</source>
        <translation>existant</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Registering: waiting for AWS to answer sagemaker:CreateModelPackage. Cancel asks whether to stop waiting.</source>
        <translation>Enregistrement&#xa0;: attente de la réponse d&apos;AWS à sagemaker:CreateModelPackage. Annuler demande s&apos;il faut cesser d&apos;attendre.</translation>
    </message>
    <message>
        <source>The version was not registered. %1
Every field keeps what you typed: go Back to change it, then register again.</source>
        <translation>La version n&apos;a pas été enregistrée. %1
Chaque champ conserve ce que vous avez saisi&#xa0;: revenez en arrière pour le modifier, puis enregistrez de nouveau.</translation>
    </message>
</context>
<context>
    <name>S3BrowserDialog</name>
    <message>
        <source>Pick model data from S3</source>
        <translation>Choisir les données du modèle dans S3</translation>
    </message>
    <message>
        <source>Pick an object from S3</source>
        <translation>Choisir un objet dans S3</translation>
    </message>
    <message>
        <source>Use this folder</source>
        <translation>Utiliser ce dossier</translation>
    </message>
    <message>
        <source>A folder is used as an S3 prefix: SageMaker copies every object under it, uncompressed. A .tar.gz object is a model archive (ModelDataUrl); any other object is one uncompressed file.</source>
        <translation>Un dossier est utilisé comme préfixe S3&#xa0;: SageMaker copie chaque objet qu&apos;il contient, non compressé. Un objet .tar.gz est une archive de modèle (ModelDataUrl)&#xa0;; tout autre objet est un fichier unique non compressé.</translation>
    </message>
    <message>
        <source>What can be picked</source>
        <translation>Ce qui peut être choisi</translation>
    </message>
    <message>
        <source>Bucket</source>
        <translation>Compartiment</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Haut</translation>
    </message>
    <message>
        <source>Up one folder</source>
        <translation>Dossier parent</translation>
    </message>
    <message>
        <source>Current folder</source>
        <translation>Dossier actuel</translation>
    </message>
    <message>
        <source>Objects</source>
        <translation>Objets</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Modifiée le</translation>
    </message>
    <message>
        <source>Bucket:</source>
        <translation>Compartiment&#xa0;:</translation>
    </message>
    <message>
        <source>Use folder %1</source>
        <translation>Utiliser le dossier %1</translation>
    </message>
    <message>
        <source>This account has no S3 buckets.</source>
        <translation>Ce compte n&apos;a aucun compartiment S3.</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>dossier</translation>
    </message>
</context>
<context>
    <name>SandboxRuntime</name>
    <message>
        <source>Sandbox ready at %1: %2 groups, %3 versions in %4 accounts and %5 regions (%6 s).</source>
        <translation>Bac à sable prêt sur %1&#xa0;: %2 groupes, %3 versions dans %4 comptes et %5 régions (%6 s).</translation>
    </message>
    <message>
        <source>sandbox — registry account %1</source>
        <translation>sandbox — compte du registre %1</translation>
    </message>
    <message>
        <source>sandbox-training — training account %1 (assumed role)</source>
        <translation>sandbox-training — compte d&apos;entraînement %1 (rôle assumé)</translation>
    </message>
    <message>
        <source>sandbox-bu — business unit account %1 (assumed role)</source>
        <translation>sandbox-bu — compte d&apos;unité commerciale %1 (rôle assumé)</translation>
    </message>
</context>
<context>
    <name>SearchPopup</name>
    <message>
        <source>Search Everywhere</source>
        <translation>Rechercher partout</translation>
    </message>
    <message>
        <source>Search everywhere</source>
        <translation>Rechercher partout</translation>
    </message>
    <message>
        <source>Names, descriptions, images, comments, stages, metadata…</source>
        <translation>Noms, descriptions, images, commentaires, étapes, métadonnées…</translation>
    </message>
    <message>
        <source>Search &amp;AWS</source>
        <translation>Rechercher dans &amp;AWS</translation>
    </message>
    <message>
        <source>Search AWS</source>
        <translation>Rechercher dans AWS</translation>
    </message>
    <message>
        <source>Ask SageMaker&apos;s Search in the current profile and region for versions whose group name or description contains the text (key=value: a metadata value); what it finds is remembered for the next search</source>
        <translation>Interroger Search de SageMaker dans le profil et la région actuels pour les versions dont le nom ou la description du groupe contient le texte (clé=valeur&#xa0;: une valeur de métadonnée)&#xa0;; ce qu&apos;il trouve est mémorisé pour la recherche suivante</translation>
    </message>
    <message>
        <source>Search message</source>
        <translation>Message de recherche</translation>
    </message>
    <message>
        <source>Result count</source>
        <translation>Nombre de résultats</translation>
    </message>
    <message>
        <source>The search failed: %1</source>
        <translation>La recherche a échoué&#xa0;: %1</translation>
    </message>
    <message>
        <source>Search AWS: %1</source>
        <translation>Recherche dans AWS&#xa0;: %1</translation>
    </message>
    <message>
        <source>Searching AWS…</source>
        <translation>Recherche dans AWS…</translation>
    </message>
    <message numerus="yes">
        <source>Search AWS found %n version(s) not already listed here, in the profile %1 (%2).</source>
        <translation>
            <numerusform>La recherche dans AWS a trouvé %n version absente d&apos;ici, dans le profil %1 (%2).</numerusform>
            <numerusform>La recherche dans AWS a trouvé %n versions absentes d&apos;ici, dans le profil %1 (%2).</numerusform>
        </translation>
    </message>
    <message>
        <source>No profile in the connection picker reaches the account %1 in %2: add one under Accounts, then open the version.</source>
        <translation>Aucun profil du sélecteur de connexion n&apos;atteint le compte %1 dans %2&#xa0;: ajoutez-en un sous Comptes, puis ouvrez la version.</translation>
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
            <numerusform>%n compte-région</numerusform>
            <numerusform>%n comptes-régions</numerusform>
        </translation>
    </message>
    <message>
        <source>the best %1 shown; type more to narrow</source>
        <translation>les %1 meilleurs affichés&#xa0;; précisez la saisie pour affiner</translation>
    </message>
    <message>
        <source>There is no local index yet: it opens shortly after the start, and fills as groups and versions are listed. Search AWS looks in the current account.</source>
        <translation>Il n&apos;y a pas encore d&apos;index local&#xa0;: il s&apos;ouvre peu après le démarrage, et se remplit à mesure que les groupes et les versions sont listés. Rechercher dans AWS cherche dans le compte actuel.</translation>
    </message>
    <message>
        <source>Type to search the names, descriptions, images, comments, stages and metadata of every version seen in any account and region.</source>
        <translation>Saisissez du texte pour rechercher dans les noms, descriptions, images, commentaires, étapes et métadonnées de chaque version vue dans n&apos;importe quel compte et région.</translation>
    </message>
    <message>
        <source>The local index holds no version yet: versions are remembered as their groups are listed. Search AWS looks in the current account.</source>
        <translation>L&apos;index local ne contient encore aucune version&#xa0;: les versions sont mémorisées à mesure que leurs groupes sont listés. Rechercher dans AWS cherche dans le compte actuel.</translation>
    </message>
    <message>
        <source>No version in the indexed accounts matches “%1” — Search AWS looks in the current account.</source>
        <translation>Aucune version des comptes indexés ne correspond à «&#xa0;%1&#xa0;» — Rechercher dans AWS cherche dans le compte actuel.</translation>
    </message>
</context>
<context>
    <name>SectionBox</name>
    <message>
        <source>not set</source>
        <translation>non renseigné</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 (to fix)</source>
        <translation>%1 (à corriger)</translation>
    </message>
</context>
<context>
    <name>SourceSection</name>
    <message>
        <source>Source URI</source>
        <translation>URI source</translation>
    </message>
    <message>
        <source>s3://…, or the ARN of a model or model package</source>
        <translation>s3://…, ou l&apos;ARN d&apos;un modèle ou d&apos;un package de modèle</translation>
    </message>
    <message>
        <source>Browse S3…</source>
        <translation>Parcourir S3…</translation>
    </message>
    <message>
        <source>Browse S3 for the source</source>
        <translation>Parcourir S3 pour la source</translation>
    </message>
    <message>
        <source>Source URI problem</source>
        <translation>Problème de l&apos;URI source</translation>
    </message>
    <message>
        <source>Commit ID</source>
        <translation>ID de commit</translation>
    </message>
    <message>
        <source>for example 9f1c2ab</source>
        <translation>par exemple 9f1c2ab</translation>
    </message>
    <message>
        <source>Repository</source>
        <translation>Référentiel</translation>
    </message>
    <message>
        <source>for example https://github.com/team/churn</source>
        <translation>par exemple https://github.com/team/churn</translation>
    </message>
    <message>
        <source>Generated by</source>
        <translation>Généré par</translation>
    </message>
    <message>
        <source>for example the pipeline or job that trained it</source>
        <translation>par exemple le pipeline ou la tâche qui l&apos;a entraîné</translation>
    </message>
    <message>
        <source>Project ID</source>
        <translation>ID de projet</translation>
    </message>
    <message>
        <source>the SageMaker project, when there is one</source>
        <translation>le projet SageMaker, s&apos;il y en a un</translation>
    </message>
    <message>
        <source>Commit ID problem</source>
        <translation>Problème de l&apos;ID de commit</translation>
    </message>
    <message>
        <source>Repository problem</source>
        <translation>Problème du référentiel</translation>
    </message>
    <message>
        <source>Generated by problem</source>
        <translation>Problème de «&#xa0;Généré par&#xa0;»</translation>
    </message>
    <message>
        <source>Project ID problem</source>
        <translation>Problème de l&apos;ID de projet</translation>
    </message>
    <message>
        <source>Source &amp;URI:</source>
        <translation>&amp;URI source&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Commit ID:</source>
        <translation>ID de &amp;commit&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Repository:</source>
        <translation>&amp;Référentiel&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Generated by:</source>
        <translation>&amp;Généré par&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Project ID:</source>
        <translation>ID de &amp;projet&#xa0;:</translation>
    </message>
    <message>
        <source>commit %1</source>
        <translation>commit %1</translation>
    </message>
    <message>
        <source>by %1</source>
        <translation>par %1</translation>
    </message>
    <message>
        <source>project %1</source>
        <translation>projet %1</translation>
    </message>
</context>
<context>
    <name>StatusBadge</name>
    <message>
        <source>Approval status</source>
        <translation>Statut d&apos;approbation</translation>
    </message>
</context>
<context>
    <name>StopQuestion</name>
    <message>
        <source>Stop the changes?</source>
        <translation>Arrêter les modifications&#xa0;?</translation>
    </message>
    <message>
        <source>Stop after the calls already sent?</source>
        <translation>Arrêter après les appels déjà envoyés&#xa0;?</translation>
    </message>
    <message>
        <source>Versions not sent yet are left as they are. The calls already sent cannot be called back: this window stays open until they end, and shows what each did.</source>
        <translation>Les versions pas encore envoyées restent telles quelles. Les appels déjà envoyés ne peuvent pas être rappelés&#xa0;: cette fenêtre reste ouverte jusqu&apos;à leur fin, et montre ce que chacun a fait.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Keep going</source>
        <translation>Continuer</translation>
    </message>
</context>
<context>
    <name>TagsSection</name>
    <message>
        <source>Tags</source>
        <translation>Balises</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Clé</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Add tag</source>
        <translation>Ajouter une balise</translation>
    </message>
    <message>
        <source>Remove tag</source>
        <translation>Supprimer la balise</translation>
    </message>
    <message>
        <source>Tags problem</source>
        <translation>Problème des balises</translation>
    </message>
    <message>
        <source>Tags of this version only; the group keeps its own.</source>
        <translation>Balises de cette version seulement&#xa0;; le groupe garde les siennes.</translation>
    </message>
    <message>
        <source>Tag %1: %2</source>
        <translation>Balise %1&#xa0;: %2</translation>
    </message>
    <message numerus="yes">
        <source> and %n more</source>
        <translation>
            <numerusform> et %n autre</numerusform>
            <numerusform> et %n autres</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TagsTab</name>
    <message>
        <source>Tags</source>
        <translation>Balises</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Clé</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Tag key</source>
        <translation>Clé de balise</translation>
    </message>
    <message>
        <source>Key, e.g. cost-center</source>
        <translation>Clé, par ex. cost-center</translation>
    </message>
    <message>
        <source>Tag value</source>
        <translation>Valeur de la balise</translation>
    </message>
    <message>
        <source>Value (may be empty)</source>
        <translation>Valeur (peut être vide)</translation>
    </message>
    <message>
        <source>Add Tag</source>
        <translation>Ajouter la balise</translation>
    </message>
    <message>
        <source>Add or change tag</source>
        <translation>Ajouter ou modifier une balise</translation>
    </message>
    <message>
        <source>Remove Selected…</source>
        <translation>Supprimer la sélection…</translation>
    </message>
    <message>
        <source>Remove selected tags</source>
        <translation>Supprimer les balises sélectionnées</translation>
    </message>
    <message>
        <source>Tag problem</source>
        <translation>Problème de la balise</translation>
    </message>
    <message>
        <source>Tags note</source>
        <translation>Note sur les balises</translation>
    </message>
    <message>
        <source>Why the tags are read-only</source>
        <translation>Pourquoi les balises sont en lecture seule</translation>
    </message>
    <message>
        <source>Reading tags…</source>
        <translation>Lecture des balises…</translation>
    </message>
    <message>
        <source>The tags could not be read.</source>
        <translation>Les balises n&apos;ont pas pu être lues.</translation>
    </message>
    <message>
        <source>No tags. Add one below: a key, and a value if you like.</source>
        <translation>Aucune balise. Ajoutez-en une ci-dessous&#xa0;: une clé, et une valeur si vous le souhaitez.</translation>
    </message>
    <message>
        <source>Change Tag</source>
        <translation>Modifier la balise</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>Remove tags</source>
        <translation>Supprimer les balises</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n tag(s) from the group?</source>
        <translation>
            <numerusform>Supprimer %n balise du groupe&#xa0;?</numerusform>
            <numerusform>Supprimer %n balises du groupe&#xa0;?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TargetPage</name>
    <message>
        <source>Target group</source>
        <translation>Groupe cible</translation>
    </message>
    <message>
        <source>Choose the model package group that receives the new version.</source>
        <translation>Choisissez le groupe de packages de modèles qui reçoit la nouvelle version.</translation>
    </message>
    <message>
        <source>An &amp;existing group of this account</source>
        <translation>Un groupe &amp;existant de ce compte</translation>
    </message>
    <message>
        <source>A &amp;new group</source>
        <translation>Un &amp;nouveau groupe</translation>
    </message>
    <message>
        <source>A group in &amp;another account, by ARN</source>
        <translation>Un groupe d&apos;un &amp;autre compte, par ARN</translation>
    </message>
    <message>
        <source>Existing group</source>
        <translation>Groupe existant</translation>
    </message>
    <message>
        <source>New group</source>
        <translation>Nouveau groupe</translation>
    </message>
    <message>
        <source>Group by ARN</source>
        <translation>Groupe par ARN</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Groupe</translation>
    </message>
    <message>
        <source>Loading groups…</source>
        <translation>Chargement des groupes…</translation>
    </message>
    <message>
        <source>Group list status</source>
        <translation>État de la liste des groupes</translation>
    </message>
    <message>
        <source>New group name</source>
        <translation>Nom du nouveau groupe</translation>
    </message>
    <message>
        <source>for example churn-prediction</source>
        <translation>par exemple churn-prediction</translation>
    </message>
    <message>
        <source>New group name problem</source>
        <translation>Problème du nom du nouveau groupe</translation>
    </message>
    <message>
        <source>New group description</source>
        <translation>Description du nouveau groupe</translation>
    </message>
    <message>
        <source>New group description problem</source>
        <translation>Problème de la description du nouveau groupe</translation>
    </message>
    <message>
        <source>Group ARN</source>
        <translation>ARN du groupe</translation>
    </message>
    <message>
        <source>Group ARN problem</source>
        <translation>Problème de l&apos;ARN du groupe</translation>
    </message>
    <message>
        <source>The owner of that group must allow this account to register into it (a resource policy on the group, and access to its artifacts).</source>
        <translation>Le propriétaire de ce groupe doit autoriser ce compte à y enregistrer des versions (une stratégie de ressource sur le groupe, et l&apos;accès à ses artefacts).</translation>
    </message>
    <message>
        <source>&amp;Group:</source>
        <translation>&amp;Groupe&#xa0;:</translation>
    </message>
    <message>
        <source>N&amp;ame:</source>
        <translation>N&amp;om&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Description&#xa0;:</translation>
    </message>
    <message>
        <source>A&amp;RN:</source>
        <translation>A&amp;RN&#xa0;:</translation>
    </message>
    <message>
        <source>Copied from</source>
        <translation>Copié depuis</translation>
    </message>
    <message>
        <source>Waiting for the list of groups…</source>
        <translation>Attente de la liste des groupes…</translation>
    </message>
    <message>
        <source>Pick a group.</source>
        <translation>Choisissez un groupe.</translation>
    </message>
    <message numerus="yes">
        <source>%n group(s) in this account.</source>
        <translation>
            <numerusform>%n groupe dans ce compte.</numerusform>
            <numerusform>%n groupes dans ce compte.</numerusform>
        </translation>
    </message>
    <message>
        <source>This account has no groups yet: create one below.</source>
        <translation>Ce compte n&apos;a pas encore de groupe&#xa0;: créez-en un ci-dessous.</translation>
    </message>
    <message>
        <source>Cannot list the groups: %1</source>
        <translation>Impossible de lister les groupes&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>TargetsDialog</name>
    <message>
        <source>Choose accounts and regions</source>
        <translation>Choisir les comptes et les régions</translation>
    </message>
    <message>
        <source>Tick each profile and region the estate lists (a click on a profile or a region ticks its whole column or row). Nothing ticked: the current profile and region only.</source>
        <translation>Cochez chaque profil et région que le parc liste (un clic sur un profil ou une région coche toute sa colonne ou sa ligne). Rien de coché&#xa0;: le profil et la région actuels seulement.</translation>
    </message>
    <message>
        <source>Profiles and regions</source>
        <translation>Profils et régions</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%1 dans %2</translation>
    </message>
    <message>
        <source>&amp;List these</source>
        <translation>&amp;Lister ceux-ci</translation>
    </message>
    <message>
        <source>List these</source>
        <translation>Lister ceux-ci</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>TrendExports</name>
    <message>
        <source>Export Metric Trends as PNG</source>
        <translation>Exporter les tendances des métriques en PNG</translation>
    </message>
    <message>
        <source>PNG pictures (*.png);;All files (*)</source>
        <translation>Images PNG (*.png);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Export Metric Trends as CSV</source>
        <translation>Exporter les tendances des métriques en CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Fichiers CSV (*.csv);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Saved the metric trends to %1</source>
        <translation>Tendances des métriques enregistrées dans %1</translation>
    </message>
    <message>
        <source>The metric trends could not be saved to %1: %2</source>
        <translation>Les tendances des métriques n&apos;ont pas pu être enregistrées dans %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>TrendPlot</name>
    <message>
        <source>Metric trend plots</source>
        <translation>Graphiques des tendances des métriques</translation>
    </message>
    <message>
        <source>No value (hover for why)</source>
        <translation>Aucune valeur (survolez pour savoir pourquoi)</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé le</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
</context>
<context>
    <name>TrendsDock</name>
    <message>
        <source>Metric Trends</source>
        <translation>Tendances des métriques</translation>
    </message>
    <message>
        <source>Metrics to plot</source>
        <translation>Métriques à tracer</translation>
    </message>
    <message>
        <source>Plot over</source>
        <translation>Tracer selon</translation>
    </message>
    <message>
        <source>Version number</source>
        <translation>Numéro de version</translation>
    </message>
    <message>
        <source>Creation time</source>
        <translation>Date de création</translation>
    </message>
    <message>
        <source>A&amp;pproved only</source>
        <translation>A&amp;pprouvées seulement</translation>
    </message>
    <message>
        <source>Approved versions only</source>
        <translation>Versions approuvées seulement</translation>
    </message>
    <message>
        <source>Export P&amp;NG…</source>
        <translation>Exporter en P&amp;NG…</translation>
    </message>
    <message>
        <source>Export the plot as a PNG picture</source>
        <translation>Exporter le graphique en image PNG</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>Exporter en &amp;CSV…</translation>
    </message>
    <message>
        <source>Export the plotted values as CSV</source>
        <translation>Exporter les valeurs tracées en CSV</translation>
    </message>
    <message>
        <source>Metric reading progress</source>
        <translation>Progression de la lecture des métriques</translation>
    </message>
    <message>
        <source>Metric trends message</source>
        <translation>Message des tendances des métriques</translation>
    </message>
    <message>
        <source>Plot &amp;over:</source>
        <translation>Tracer &amp;selon&#xa0;:</translation>
    </message>
    <message>
        <source>M&amp;etrics:</source>
        <translation>M&amp;étriques&#xa0;:</translation>
    </message>
    <message>
        <source>Preparing the plot…</source>
        <translation>Préparation du graphique…</translation>
    </message>
    <message>
        <source>Select a group to follow its metrics across its versions.</source>
        <translation>Sélectionnez un groupe pour suivre ses métriques au fil de ses versions.</translation>
    </message>
    <message>
        <source>Reading the metrics of the versions of %1…</source>
        <translation>Lecture des métriques des versions de %1…</translation>
    </message>
    <message>
        <source>The metrics of %1 could not be read: %2</source>
        <translation>Les métriques de %1 n&apos;ont pas pu être lues&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 has no versions yet.</source>
        <translation>%1 n&apos;a encore aucune version.</translation>
    </message>
    <message>
        <source>No version of this group has a model-quality statistics report.</source>
        <translation>Aucune version de ce groupe n&apos;a de rapport de statistiques de qualité du modèle.</translation>
    </message>
    <message>
        <source>Pick one or more metrics to plot.</source>
        <translation>Choisissez une ou plusieurs métriques à tracer.</translation>
    </message>
    <message>
        <source>No approved version of %1 has been read.</source>
        <translation>Aucune version approuvée de %1 n&apos;a été lue.</translation>
    </message>
    <message>
        <source>Finding the versions of %1…</source>
        <translation>Recherche des versions de %1…</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n version(s) read</source>
        <translation>
            <numerusform>%1 version lue sur %n</numerusform>
            <numerusform>%1 versions lues sur %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped after %1 of %n version(s): %2</source>
        <translation>
            <numerusform>Arrêté après %1 version sur %n&#xa0;: %2</numerusform>
            <numerusform>Arrêté après %1 versions sur %n&#xa0;: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n version(s) read</source>
        <translation>
            <numerusform>%n version lue</numerusform>
            <numerusform>%n versions lues</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n without metrics (crosses; hover for why)</source>
        <translation>
            <numerusform>%n sans métriques (croix&#xa0;; survolez pour savoir pourquoi)</numerusform>
            <numerusform>%n sans métriques (croix&#xa0;; survolez pour savoir pourquoi)</numerusform>
        </translation>
    </message>
    <message>
        <source>Version %1 is hidden by the versions list&apos;s filters.</source>
        <translation>La version %1 est masquée par les filtres de la liste des versions.</translation>
    </message>
</context>
<context>
    <name>TypedConfirmation</name>
    <message>
        <source>To confirm, type the group name &lt;b&gt;%1&lt;/b&gt;:</source>
        <translation>Pour confirmer, saisissez le nom du groupe &lt;b&gt;%1&lt;/b&gt;&#xa0;:</translation>
    </message>
    <message>
        <source>Group name to confirm</source>
        <translation>Nom du groupe à confirmer</translation>
    </message>
    <message>
        <source>Confirmation problem</source>
        <translation>Problème de confirmation</translation>
    </message>
    <message>
        <source>That is not the group&apos;s name: type &apos;%1&apos; exactly.</source>
        <translation>Ce n&apos;est pas le nom du groupe&#xa0;: saisissez exactement «&#xa0;%1&#xa0;».</translation>
    </message>
</context>
<context>
    <name>ValidationSection</name>
    <message>
        <source>Not set: SageMaker&apos;s default</source>
        <translation>Non renseigné&#xa0;: valeur par défaut de SageMaker</translation>
    </message>
    <message>
        <source>All: skip the validation of this version</source>
        <translation>All&#xa0;: ignorer la validation de cette version</translation>
    </message>
    <message>
        <source>None: skip nothing; validate it</source>
        <translation>None&#xa0;: ne rien ignorer&#xa0;; la valider</translation>
    </message>
    <message>
        <source>Model validation not set</source>
        <translation>Validation du modèle non renseignée</translation>
    </message>
    <message>
        <source>Skip all model validation</source>
        <translation>Ignorer toute validation du modèle</translation>
    </message>
    <message>
        <source>Skip no model validation</source>
        <translation>N&apos;ignorer aucune validation du modèle</translation>
    </message>
    <message>
        <source>Model validation as loaded</source>
        <translation>Validation du modèle telle que chargée</translation>
    </message>
    <message>
        <source>Model validation problem</source>
        <translation>Problème de la validation du modèle</translation>
    </message>
    <message>
        <source>SkipModelValidation. SageMaker validates a version that has a validation specification by running it; All skips that (for a model checked elsewhere), None asks for it explicitly.</source>
        <translation>SkipModelValidation. SageMaker valide une version qui a une spécification de validation en l&apos;exécutant&#xa0;; All l&apos;ignore (pour un modèle vérifié ailleurs), None la demande explicitement.</translation>
    </message>
    <message>
        <source>As loaded: &apos;%1&apos;</source>
        <translation>Tel que chargé&#xa0;: «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>skip all</source>
        <translation>tout ignorer</translation>
    </message>
    <message>
        <source>skip none</source>
        <translation>ne rien ignorer</translation>
    </message>
</context>
<context>
    <name>VerifyPage</name>
    <message>
        <source>Verify</source>
        <translation>Vérifier</translation>
    </message>
    <message>
        <source>Every resource is read again, then the training profile describes the group by its ARN, across accounts, as a registration would, and looks for it in the groups shared with it once its AWS RAM share is promoted.</source>
        <translation>Chaque ressource est relue, puis le profil d&apos;entraînement décrit le groupe par son ARN, entre comptes, comme le ferait un enregistrement, et le cherche parmi les groupes partagés avec lui une fois son partage AWS RAM promu.</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Contrôles</translation>
    </message>
    <message>
        <source>Verify result</source>
        <translation>Résultat de la vérification</translation>
    </message>
    <message>
        <source>Verify again</source>
        <translation>Vérifier de nouveau</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message numerus="yes">
        <source>%n check(s) failed: see above. Apply again, or fix them by hand.</source>
        <translation>
            <numerusform>%n contrôle a échoué&#xa0;: voir ci-dessus. Appliquez de nouveau, ou corrigez à la main.</numerusform>
            <numerusform>%n contrôles ont échoué&#xa0;: voir ci-dessus. Appliquez de nouveau, ou corrigez-les à la main.</numerusform>
        </translation>
    </message>
    <message>
        <source>Everything is in place: the training account can register versions.</source>
        <translation>Tout est en place&#xa0;: le compte d&apos;entraînement peut enregistrer des versions.</translation>
    </message>
</context>
<context>
    <name>VersionFlows</name>
    <message>
        <source>Select one or more versions first.</source>
        <translation>Sélectionnez d&apos;abord une ou plusieurs versions.</translation>
    </message>
    <message>
        <source>Versions of a group shared from another account can only be deleted by that account.</source>
        <translation>Les versions d&apos;un groupe partagé par un autre compte ne peuvent être supprimées que par ce compte.</translation>
    </message>
    <message>
        <source>Select one version to edit its metadata.</source>
        <translation>Sélectionnez une version pour modifier ses métadonnées.</translation>
    </message>
    <message>
        <source>Saved the metadata of version %1.</source>
        <translation>Métadonnées de la version %1 enregistrées.</translation>
    </message>
    <message>
        <source>Select a group or a version first.</source>
        <translation>Sélectionnez d&apos;abord un groupe ou une version.</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n ARN(s) to the clipboard.</source>
        <translation>
            <numerusform>%n ARN copié dans le presse-papiers.</numerusform>
            <numerusform>%n ARN copiés dans le presse-papiers.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a version first.</source>
        <translation>Sélectionnez d&apos;abord une version.</translation>
    </message>
    <message>
        <source>Registered %1</source>
        <translation>%1 enregistrée</translation>
    </message>
</context>
<context>
    <name>VersionsModel</name>
    <message>
        <source>Approved</source>
        <translation>Approuvée</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejetée</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé le</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Approval comment</source>
        <translation>Commentaire d&apos;approbation</translation>
    </message>
    <message>
        <source>Image(s)</source>
        <translation>Image(s)</translation>
    </message>
    <message>
        <source>Model data</source>
        <translation>Données du modèle</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Stage status</source>
        <translation>Statut de l&apos;étape</translation>
    </message>
    <message>
        <source>Package status</source>
        <translation>Statut du package</translation>
    </message>
    <message>
        <source>Created by</source>
        <translation>Créé par</translation>
    </message>
    <message>
        <source>Last modified by</source>
        <translation>Modifié en dernier par</translation>
    </message>
    <message>
        <source>Endpoints</source>
        <translation>Points de terminaison</translation>
    </message>
    <message>
        <source>(unavailable)</source>
        <translation>(indisponible)</translation>
    </message>
    <message>
        <source>Pipeline of %1: </source>
        <translation>Pipeline de %1&#xa0;: </translation>
    </message>
</context>
<context>
    <name>VersionsView</name>
    <message>
        <source>All</source>
        <translation>Tous</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Approuvée</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejetée</translation>
    </message>
    <message>
        <source>No version has the status &apos;%1&apos;. Choose All to see every version.</source>
        <translation>Aucune version n&apos;a le statut «&#xa0;%1&#xa0;». Choisissez Tous pour voir toutes les versions.</translation>
    </message>
    <message>
        <source>Every version has a stage. Choose All stages to see every version.</source>
        <translation>Chaque version a une étape. Choisissez Toutes les étapes pour voir toutes les versions.</translation>
    </message>
    <message>
        <source>No version without a stage has the status &apos;%1&apos;. Choose All and All stages to see every version.</source>
        <translation>Aucune version sans étape n&apos;a le statut «&#xa0;%1&#xa0;». Choisissez Tous et Toutes les étapes pour voir toutes les versions.</translation>
    </message>
    <message>
        <source>No version is in the stage &apos;%1&apos;. Choose All stages to see every version.</source>
        <translation>Aucune version n&apos;est à l&apos;étape «&#xa0;%1&#xa0;». Choisissez Toutes les étapes pour voir toutes les versions.</translation>
    </message>
    <message>
        <source>No version in the stage &apos;%1&apos; has the status &apos;%2&apos;. Choose All and All stages to see every version.</source>
        <translation>Aucune version à l&apos;étape «&#xa0;%1&#xa0;» n&apos;a le statut «&#xa0;%2&#xa0;». Choisissez Tous et Toutes les étapes pour voir toutes les versions.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Versions&lt;/b&gt;</source>
        <translation>&lt;b&gt;Versions&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>Filtre de statut</translation>
    </message>
    <message>
        <source>Stage filter</source>
        <translation>Filtre d&apos;étape</translation>
    </message>
    <message>
        <source>All stages</source>
        <translation>Toutes les étapes</translation>
    </message>
    <message>
        <source>No stage</source>
        <translation>Aucune étape</translation>
    </message>
    <message>
        <source>Version count</source>
        <translation>Nombre de versions</translation>
    </message>
    <message>
        <source>Model package versions</source>
        <translation>Versions de packages de modèles</translation>
    </message>
    <message>
        <source>Select a group to see its versions.</source>
        <translation>Sélectionnez un groupe pour voir ses versions.</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Statut&#xa0;:</translation>
    </message>
    <message>
        <source>Sta&amp;ge:</source>
        <translation>É&amp;tape&#xa0;:</translation>
    </message>
    <message>
        <source> (shared from %1)</source>
        <translation> (partagé par %1)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Versions of %1&lt;/b&gt;%2</source>
        <translation>&lt;b&gt;Versions de %1&lt;/b&gt;%2</translation>
    </message>
    <message>
        <source>Loading versions of %1…</source>
        <translation>Chargement des versions de %1…</translation>
    </message>
    <message>
        <source>%1 has no versions yet. Register one, or pick another group.</source>
        <translation>%1 n&apos;a encore aucune version. Enregistrez-en une, ou choisissez un autre groupe.</translation>
    </message>
    <message>
        <source> (refreshing…)</source>
        <translation> (actualisation…)</translation>
    </message>
    <message>
        <source> — loading…</source>
        <translation> — chargement…</translation>
    </message>
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
            <numerusform>%1 sur %n version affichée</numerusform>
            <numerusform>%1 sur %n versions affichées</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WindowStatus</name>
    <message>
        <source>Working</source>
        <translation>Travail en cours</translation>
    </message>
    <message>
        <source>Waiting for</source>
        <translation>En attente de</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Stop waiting</source>
        <translation>Cesser d&apos;attendre</translation>
    </message>
    <message>
        <source>Stop waiting for this call; it may still complete on AWS</source>
        <translation>Cesser d&apos;attendre cet appel&#xa0;; il peut encore aboutir sur AWS</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Still working…</source>
        <translation>Toujours en cours…</translation>
    </message>
    <message>
        <source>AWS</source>
        <translation>AWS</translation>
    </message>
    <message>
        <source>Waiting for %1 on %2…</source>
        <translation>En attente de %1 sur %2…</translation>
    </message>
    <message>
        <source>Waiting for %1…</source>
        <translation>En attente de %1…</translation>
    </message>
    <message>
        <source> on %1</source>
        <translation> sur %1</translation>
    </message>
    <message>
        <source>Stop waiting for a change?</source>
        <translation>Cesser d&apos;attendre une modification&#xa0;?</translation>
    </message>
    <message>
        <source>The profile &apos;%1&apos; is still waiting for %2%3 to answer.

If you stop waiting, AWS may still make the change; refresh (F5) afterwards to see what it holds.</source>
        <translation>Le profil «&#xa0;%1&#xa0;» attend toujours la réponse de %2%3.

Si vous cessez d&apos;attendre, AWS peut encore effectuer la modification&#xa0;; actualisez ensuite (F5) pour voir ce qu&apos;il contient.</translation>
    </message>
    <message>
        <source>Keep waiting</source>
        <translation>Continuer d&apos;attendre</translation>
    </message>
    <message>
        <source>Stopped waiting (%1). It may still complete; refresh (F5) to see.</source>
        <translation>Attente abandonnée (%1). L&apos;opération peut encore aboutir&#xa0;; actualisez (F5) pour voir.</translation>
    </message>
    <message>
        <source>default region</source>
        <translation>région par défaut</translation>
    </message>
    <message>
        <source>Sandbox at %1 · %2</source>
        <translation>Bac à sable sur %1 · %2</translation>
    </message>
    <message>
        <source>Registry Desk — SANDBOX (local moto server, no AWS account)</source>
        <translation>Registry Desk — BAC À SABLE (serveur moto local, sans compte AWS)</translation>
    </message>
    <message>
        <source>Registry Desk — %1</source>
        <translation>Registry Desk — %1</translation>
    </message>
</context>
<context>
    <name>_CodeTab</name>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>Copier %1</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copié</translation>
    </message>
</context>
<context>
    <name>_PickerDialog</name>
    <message>
        <source>Picker problem</source>
        <translation>Problème du sélecteur</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>Utiliser</translation>
    </message>
    <message>
        <source>Use selection</source>
        <translation>Utiliser la sélection</translation>
    </message>
</context>
<context>
    <name>actions</name>
    <message>
        <source>Versions of a group shared from another account can only be deleted by that account</source>
        <translation>Les versions d&apos;un groupe partagé par un autre compte ne peuvent être supprimées que par ce compte</translation>
    </message>
    <message>
        <source>Delete the selected versions, after a preview (Delete in the versions list)</source>
        <translation>Supprimer les versions sélectionnées, après un aperçu (Suppr dans la liste des versions)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>A&amp;ctualiser</translation>
    </message>
    <message>
        <source>Reload groups and versions from AWS (F5)</source>
        <translation>Recharger les groupes et les versions depuis AWS (F5)</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Rechercher…</translation>
    </message>
    <message>
        <source>Search groups by name (Ctrl+F)</source>
        <translation>Rechercher des groupes par nom (Ctrl+F)</translation>
    </message>
    <message>
        <source>&amp;Approve…</source>
        <translation>A&amp;pprouver…</translation>
    </message>
    <message>
        <source>Approve the selected versions (Ctrl+Shift+A)</source>
        <translation>Approuver les versions sélectionnées (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <source>Re&amp;ject…</source>
        <translation>Re&amp;jeter…</translation>
    </message>
    <message>
        <source>Reject the selected versions (Ctrl+Shift+R)</source>
        <translation>Rejeter les versions sélectionnées (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <source>Return to &amp;Pending…</source>
        <translation>Remettre en &amp;attente…</translation>
    </message>
    <message>
        <source>Set the selected versions back to pending manual approval (Ctrl+Shift+P)</source>
        <translation>Remettre les versions sélectionnées en attente d&apos;approbation manuelle (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <source>Set &amp;Lifecycle…</source>
        <translation>Définir le &amp;cycle de vie…</translation>
    </message>
    <message>
        <source>Set the stage, stage status and description of the selected versions (Ctrl+Shift+L)</source>
        <translation>Définir l&apos;étape, le statut de l&apos;étape et la description des versions sélectionnées (Ctrl+Shift+L)</translation>
    </message>
    <message>
        <source>&amp;Delete Versions…</source>
        <translation>&amp;Supprimer les versions…</translation>
    </message>
    <message>
        <source>Compare &amp;Versions…</source>
        <translation>Comparer les &amp;versions…</translation>
    </message>
    <message>
        <source>Compare the two selected versions side by side: what changed, and whether metrics improved (Ctrl+Shift+D)</source>
        <translation>Comparer côte à côte les deux versions sélectionnées&#xa0;: ce qui a changé, et si les métriques se sont améliorées (Ctrl+Shift+D)</translation>
    </message>
    <message>
        <source>&amp;Copy ARN</source>
        <translation>Copier l&apos;&amp;ARN</translation>
    </message>
    <message>
        <source>Copy the ARN of the selected version, or else of the selected group</source>
        <translation>Copier l&apos;ARN de la version sélectionnée, sinon celui du groupe sélectionné</translation>
    </message>
    <message>
        <source>&amp;New Group…</source>
        <translation>&amp;Nouveau groupe…</translation>
    </message>
    <message>
        <source>Create a model package group (Ctrl+N)</source>
        <translation>Créer un groupe de packages de modèles (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Delete Group…</source>
        <translation>&amp;Supprimer le groupe…</translation>
    </message>
    <message>
        <source>Delete the selected group; only an empty group can be deleted</source>
        <translation>Supprimer le groupe sélectionné&#xa0;; seul un groupe vide peut être supprimé</translation>
    </message>
    <message>
        <source>Export Group &amp;Timeline…</source>
        <translation>Exporter la &amp;chronologie du groupe…</translation>
    </message>
    <message>
        <source>Save the audit timeline of every version of the selected group as a CSV file</source>
        <translation>Enregistrer la chronologie d&apos;audit de chaque version du groupe sélectionné dans un fichier CSV</translation>
    </message>
    <message>
        <source>&amp;Empty and Delete Group…</source>
        <translation>&amp;Vider et supprimer le groupe…</translation>
    </message>
    <message>
        <source>Delete every version of the selected group, then the group (asks for its name first)</source>
        <translation>Supprimer chaque version du groupe sélectionné, puis le groupe (demande d&apos;abord son nom)</translation>
    </message>
    <message>
        <source>Group &amp;Details</source>
        <translation>&amp;Détails du groupe</translation>
    </message>
    <message>
        <source>Show the selected group&apos;s details: ARN, creator, tags and resource policy (Alt+Enter)</source>
        <translation>Afficher les détails du groupe sélectionné&#xa0;: ARN, créateur, balises et stratégie de ressource (Alt+Entrée)</translation>
    </message>
    <message>
        <source>Re&amp;gister Version…</source>
        <translation>&amp;Enregistrer une version…</translation>
    </message>
    <message>
        <source>Register a new model version (one model or an inference pipeline) (Ctrl+Shift+N)</source>
        <translation>Enregistrer une nouvelle version de modèle (un modèle ou un pipeline d&apos;inférence) (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <source>New Version &amp;From Selected…</source>
        <translation>Nouvelle version à &amp;partir de la sélection…</translation>
    </message>
    <message>
        <source>Register a new version prefilled from the selected version</source>
        <translation>Enregistrer une nouvelle version préremplie à partir de la version sélectionnée</translation>
    </message>
    <message>
        <source>Edit &amp;Metadata…</source>
        <translation>Modifier les &amp;métadonnées…</translation>
    </message>
    <message>
        <source>Add, change or remove the selected version&apos;s metadata keys, or change its source URI</source>
        <translation>Ajouter, modifier ou supprimer les clés de métadonnées de la version sélectionnée, ou modifier son URI source</translation>
    </message>
    <message>
        <source>Version &amp;Columns…</source>
        <translation>&amp;Colonnes des versions…</translation>
    </message>
    <message>
        <source>Show or hide columns of the versions table (also on the table header&apos;s right-click menu)</source>
        <translation>Afficher ou masquer les colonnes du tableau des versions (aussi dans le menu contextuel de l&apos;en-tête du tableau)</translation>
    </message>
    <message>
        <source>Search &amp;Everywhere…</source>
        <translation>Rechercher &amp;partout…</translation>
    </message>
    <message>
        <source>Search every account and region seen: names, descriptions, images, comments, stages and metadata (Ctrl+K)</source>
        <translation>Rechercher dans chaque compte et région vus&#xa0;: noms, descriptions, images, commentaires, étapes et métadonnées (Ctrl+K)</translation>
    </message>
    <message>
        <source>Go to &amp;Versions</source>
        <translation>Aller aux &amp;versions</translation>
    </message>
    <message>
        <source>Move the focus to the versions list</source>
        <translation>Placer le focus sur la liste des versions</translation>
    </message>
    <message>
        <source>Go to &amp;Groups</source>
        <translation>Aller aux &amp;groupes</translation>
    </message>
    <message>
        <source>Move the focus to the groups list</source>
        <translation>Placer le focus sur la liste des groupes</translation>
    </message>
    <message>
        <source>&amp;Cross-account setup…</source>
        <translation>Configuration &amp;inter-comptes…</translation>
    </message>
    <message>
        <source>Let a training account register versions into this registry account</source>
        <translation>Permettre à un compte d&apos;entraînement d&apos;enregistrer des versions dans ce compte de registre</translation>
    </message>
    <message>
        <source>&amp;Accounts</source>
        <translation>&amp;Comptes</translation>
    </message>
    <message>
        <source>Show or hide the accounts: profiles, keys in the keyring, roles (Ctrl+Shift+U)</source>
        <translation>Afficher ou masquer les comptes&#xa0;: profils, clés du trousseau, rôles (Ctrl+Shift+U)</translation>
    </message>
    <message>
        <source>&amp;Estate</source>
        <translation>&amp;Parc</translation>
    </message>
    <message>
        <source>Show or hide the estate: every chosen account and region at once, with counts (Ctrl+Shift+E)</source>
        <translation>Afficher ou masquer le parc&#xa0;: chaque compte et région choisis à la fois, avec leurs décomptes (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <source>&amp;Inbox</source>
        <translation>&amp;Boîte de réception</translation>
    </message>
    <message>
        <source>Show or hide the versions waiting for approval in every listed account and region (Ctrl+Shift+I)</source>
        <translation>Afficher ou masquer les versions en attente d&apos;approbation dans chaque compte et région listés (Ctrl+Shift+I)</translation>
    </message>
    <message>
        <source>&amp;Metric Trends</source>
        <translation>&amp;Tendances des métriques</translation>
    </message>
    <message>
        <source>Show or hide the metric trends of the selected group: each metric over its versions, by approval status (Ctrl+Shift+M)</source>
        <translation>Afficher ou masquer les tendances des métriques du groupe sélectionné&#xa0;: chaque métrique au fil de ses versions, par statut d&apos;approbation (Ctrl+Shift+M)</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Préférences…</translation>
    </message>
    <message>
        <source>The local index, background refresh and notifications</source>
        <translation>L&apos;index local, l&apos;actualisation en arrière-plan et les notifications</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>Close Registry Desk</source>
        <translation>Fermer Registry Desk</translation>
    </message>
    <message>
        <source>Open &amp;Log Folder</source>
        <translation>Ouvrir le dossier des &amp;journaux</translation>
    </message>
    <message>
        <source>Open the folder of Registry Desk&apos;s log files (what failed, and why)</source>
        <translation>Ouvrir le dossier des fichiers journaux de Registry Desk (ce qui a échoué, et pourquoi)</translation>
    </message>
    <message>
        <source>&amp;About Registry Desk</source>
        <translation>À &amp;propos de Registry Desk</translation>
    </message>
    <message>
        <source>The version, and where the log files are</source>
        <translation>La version, et l&apos;emplacement des fichiers journaux</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Group</source>
        <translation>&amp;Groupe</translation>
    </message>
    <message>
        <source>V&amp;ersion</source>
        <translation>V&amp;ersion</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Outils</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <source>Select exactly two versions to compare them (Ctrl+Shift+D)</source>
        <translation>Sélectionnez exactement deux versions pour les comparer (Ctrl+Shift+D)</translation>
    </message>
</context>
<context>
    <name>audit</name>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Fichiers CSV (*.csv);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé le</translation>
    </message>
    <message>
        <source>Created as %1</source>
        <translation>Créée avec le statut %1</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Supprimée</translation>
    </message>
    <message>
        <source>Last modified (what changed is known only to CloudTrail)</source>
        <translation>Dernière modification (seul CloudTrail sait ce qui a changé)</translation>
    </message>
    <message>
        <source>Model card content changed</source>
        <translation>Contenu de la carte de modèle modifié</translation>
    </message>
    <message>
        <source>Inference specification changed</source>
        <translation>Spécification d&apos;inférence modifiée</translation>
    </message>
    <message>
        <source>Approval: %1</source>
        <translation>Approbation&#xa0;: %1</translation>
    </message>
    <message>
        <source>comment “%1”</source>
        <translation>commentaire «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>Lifecycle: %1</source>
        <translation>Cycle de vie&#xa0;: %1</translation>
    </message>
    <message>
        <source>Metadata keys set: %1</source>
        <translation>Clés de métadonnées définies&#xa0;: %1</translation>
    </message>
    <message>
        <source>Metadata keys removed: %1</source>
        <translation>Clés de métadonnées supprimées&#xa0;: %1</translation>
    </message>
    <message>
        <source>Model card still %1</source>
        <translation>Carte de modèle toujours %1</translation>
    </message>
    <message>
        <source>Model card: %1</source>
        <translation>Carte de modèle&#xa0;: %1</translation>
    </message>
    <message>
        <source>Source URI: %1</source>
        <translation>URI source&#xa0;: %1</translation>
    </message>
    <message>
        <source>Refused (%1): %2</source>
        <translation>Refusé (%1)&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>aws_startup</name>
    <message>
        <source>No region is configured for the profile &apos;%1&apos;; showing us-east-1. Pick a region in the toolbar, or set AWS_DEFAULT_REGION.</source>
        <translation>Aucune région n&apos;est configurée pour le profil «&#xa0;%1&#xa0;»&#xa0;; us-east-1 est affichée. Choisissez une région dans la barre d&apos;outils, ou définissez AWS_DEFAULT_REGION.</translation>
    </message>
    <message>
        <source>default credential chain</source>
        <translation>chaîne d&apos;identifiants par défaut</translation>
    </message>
</context>
<context>
    <name>inbox</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Groupe</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé le</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Région</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Reached through the profile &apos;%1&apos;</source>
        <translation>Atteint via le profil «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>No profile of this window reaches account %1 in %2: add one to open or approve this version.</source>
        <translation>Aucun profil de cette fenêtre n&apos;atteint le compte %1 dans %2&#xa0;: ajoutez-en un pour ouvrir ou approuver cette version.</translation>
    </message>
    <message>
        <source>Registry Desk</source>
        <translation>Registry Desk</translation>
    </message>
</context>
<context>
    <name>trends</name>
    <message>
        <source>Its report has no “%1”.</source>
        <translation>Son rapport ne contient pas «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>The picture could not be written to %1.</source>
        <translation>L&apos;image n&apos;a pas pu être écrite dans %1.</translation>
    </message>
</context>
</TS>
