<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>Accounts</name>
    <message>
        <source>The section [profile {profile}] of {path} changed since it was shown, so it was left as it is now. Look at it, and edit it by hand if it should go.</source>
        <translation>La section [profile {profile}] de {path} a changé depuis son affichage : elle est donc restée telle quelle. Examinez-la, et modifiez-la à la main si elle doit disparaître.</translation>
    </message>
    <message>
        <source>[profile {profile}] of {path} does not get its credentials from Registry Desk; it is left as it is.</source>
        <translation>[profile {profile}] de {path} n&apos;obtient pas ses identifiants de Registry Desk ; elle est laissée telle quelle.</translation>
    </message>
    <message>
        <source>No MFA code was entered for the profile &apos;{profile}&apos; (device {device}), so its role was not assumed. Check the profile again and type the 6-digit code from the device.</source>
        <translation>Aucun code MFA n&apos;a été saisi pour le profil « {profile} » (appareil {device}) : son rôle n&apos;a donc pas été assumé. Vérifiez de nouveau le profil et saisissez le code à 6 chiffres affiché par l&apos;appareil.</translation>
    </message>
    <message>
        <source>There is no application profile &apos;{name}&apos;. Add it in the Accounts view (View &gt; Accounts), or pick another profile.</source>
        <translation>Il n&apos;existe aucun profil d&apos;application « {name} ». Ajoutez-le dans la vue Comptes (Affichage &gt; Comptes), ou choisissez un autre profil.</translation>
    </message>
    <message>
        <source>The keyring holds no keys for the profile &apos;{name}&apos;. Edit the profile and type its access keys.</source>
        <translation>Le trousseau ne contient aucune clé pour le profil « {name} ». Modifiez le profil et saisissez ses clés d&apos;accès.</translation>
    </message>
    <message>
        <source>The profiles {names} name each other as source; edit one so the chain ends at a profile with keys.</source>
        <translation>Les profils {names} se désignent mutuellement comme source ; modifiez-en un pour que la chaîne aboutisse à un profil qui a des clés.</translation>
    </message>
    <message>
        <source>Type a profile name of 1–64 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter or digit, e.g. training-admin.</source>
        <translation>Saisissez un nom de profil de 1 à 64 lettres, chiffres, « . », « _ » ou « - », commençant par une lettre ou un chiffre, par exemple training-admin.</translation>
    </message>
    <message>
        <source>A profile named &apos;{name}&apos; exists already; type another name.</source>
        <translation>Un profil nommé « {name} » existe déjà ; saisissez un autre nom.</translation>
    </message>
    <message>
        <source>&apos;{region}&apos; is not a region AWS knows; pick one from the list, e.g. eu-west-1.</source>
        <translation>« {region} » n&apos;est pas une région connue d&apos;AWS ; choisissez-en une dans la liste, par exemple eu-west-1.</translation>
    </message>
    <message>
        <source>An access key ID is 20 characters: &apos;AKIA&apos; then 16 capital letters or digits, e.g. AKIAIOSFODNN7EXAMPLE.</source>
        <translation>Un ID de clé d&apos;accès compte 20 caractères : « AKIA » suivi de 16 majuscules ou chiffres, par exemple AKIAIOSFODNN7EXAMPLE.</translation>
    </message>
    <message>
        <source>A secret access key is 40 characters of letters, digits, &apos;/&apos; and &apos;+&apos;; paste it from the IAM console or the keys file.</source>
        <translation>Une clé d&apos;accès secrète compte 40 caractères parmi les lettres, les chiffres, « / » et « + » ; collez-la depuis la console IAM ou le fichier des clés.</translation>
    </message>
    <message>
        <source>Type an access key ID and secret, or assume a role from a source profile.</source>
        <translation>Saisissez un ID de clé d&apos;accès et son secret, ou assumez un rôle depuis un profil source.</translation>
    </message>
    <message>
        <source>Type a role ARN with a 12-digit account, e.g. arn:aws:iam::210987654321:role/ModelRegistryAdmin.</source>
        <translation>Saisissez l&apos;ARN d&apos;un rôle avec un compte à 12 chiffres, par exemple arn:aws:iam::210987654321:role/ModelRegistryAdmin.</translation>
    </message>
    <message>
        <source>A profile cannot be its own source; pick another profile, or none.</source>
        <translation>Un profil ne peut pas être sa propre source ; choisissez un autre profil, ou aucun.</translation>
    </message>
    <message>
        <source>There is no profile &apos;{name}&apos;; pick one from the list.</source>
        <translation>Il n&apos;existe aucun profil « {name} » ; choisissez-en un dans la liste.</translation>
    </message>
    <message>
        <source>An external ID is 2–1224 letters, digits or + = , . @ : / -; type the one the role&apos;s owner gave you.</source>
        <translation>Un ID externe compte de 2 à 1224 lettres, chiffres ou + = , . @ : / - ; saisissez celui que le propriétaire du rôle vous a donné.</translation>
    </message>
    <message>
        <source>A session name is 2–64 letters, digits or + = , . @ -, e.g. registry-desk.</source>
        <translation>Un nom de session compte de 2 à 64 lettres, chiffres ou + = , . @ -, par exemple registry-desk.</translation>
    </message>
    <message>
        <source>Type a duration from {low} to {high} seconds (15 minutes to 12 hours).</source>
        <translation>Saisissez une durée de {low} à {high} secondes (de 15 minutes à 12 heures).</translation>
    </message>
    <message>
        <source>Type the MFA device&apos;s ARN, e.g. arn:aws:iam::123456789012:mfa/alice, or a hardware token&apos;s serial number.</source>
        <translation>Saisissez l&apos;ARN de l&apos;appareil MFA, par exemple arn:aws:iam::123456789012:mfa/alice, ou le numéro de série d&apos;un jeton matériel.</translation>
    </message>
    <message>
        <source>it stores secrets in a plain file</source>
        <translation>il stocke les secrets dans un fichier en clair</translation>
    </message>
    <message>
        <source>no keyring service was found</source>
        <translation>aucun service de trousseau n&apos;a été trouvé</translation>
    </message>
    <message>
        <source>Allow Registry Desk to use the login keychain (Keychain Access), then restart it.</source>
        <translation>Autorisez Registry Desk à utiliser le trousseau de session (Trousseau d&apos;accès), puis redémarrez-le.</translation>
    </message>
    <message>
        <source>Make sure the Windows Credential Manager service is running, then restart Registry Desk.</source>
        <translation>Vérifiez que le service Gestionnaire d&apos;identification de Windows est démarré, puis redémarrez Registry Desk.</translation>
    </message>
    <message>
        <source>Install and start a Secret Service keyring (GNOME Keyring or KWallet), e.g. `sudo apt-get install gnome-keyring`, unlock it at login, then restart Registry Desk. Do not install keyrings.alt: it stores secrets in plaintext.</source>
        <translation>Installez et démarrez un trousseau Secret Service (GNOME Keyring ou KWallet), par exemple avec `sudo apt-get install gnome-keyring`, déverrouillez-le à l&apos;ouverture de session, puis redémarrez Registry Desk. N&apos;installez pas keyrings.alt : il stocke les secrets en clair.</translation>
    </message>
    <message>
        <source>The keyring backend &apos;{name}&apos; is not usable: {reason}.</source>
        <translation>Le trousseau « {name} » n&apos;est pas utilisable : {reason}.</translation>
    </message>
    <message>
        <source>The keyring did not answer within {seconds} s while trying to {action}. It may be locked: unlock it (your desktop&apos;s keyring or password manager) and try again.</source>
        <translation>Le trousseau n&apos;a pas répondu en {seconds} s alors qu&apos;il fallait {action}. Il est peut-être verrouillé : déverrouillez-le (le trousseau de votre bureau ou votre gestionnaire de mots de passe), puis réessayez.</translation>
    </message>
    <message>
        <source>The keyring refused to {action}: {error}. Unlock the keyring and try again.</source>
        <translation>Le trousseau a refusé de {action} : {error}. Déverrouillez le trousseau, puis réessayez.</translation>
    </message>
    <message>
        <source>read the keys</source>
        <translation>lire les clés</translation>
    </message>
    <message>
        <source>The keyring entry for the profile &apos;{profile}&apos; is damaged. Edit the profile and type its keys again.</source>
        <translation>L&apos;entrée du trousseau pour le profil « {profile} » est endommagée. Modifiez le profil et saisissez de nouveau ses clés.</translation>
    </message>
    <message>
        <source>save the keys</source>
        <translation>enregistrer les clés</translation>
    </message>
    <message>
        <source>delete the keys</source>
        <translation>supprimer les clés</translation>
    </message>
</context>
<context>
    <name>CrossAccount</name>
    <message>
        <source>written earlier</source>
        <translation>écrit lors d&apos;une tentative précédente</translation>
    </message>
    <message>
        <source>already in place</source>
        <translation>déjà en place</translation>
    </message>
    <message>
        <source>AWS RAM has made no resource share from the policy of {group} yet, so there is nothing to promote. Apply again in a minute; if it is still missing, check that the policy names the training account as a whole account.</source>
        <translation>AWS RAM n&apos;a encore créé aucun partage de ressources à partir de la stratégie de {group} : il n&apos;y a donc rien à promouvoir. Appliquez de nouveau dans une minute ; s&apos;il manque toujours, vérifiez que la stratégie désigne le compte d&apos;entraînement en tant que compte entier.</translation>
    </message>
    <message>
        <source>The group is already in the standard AWS RAM share {share}, which does not list account {account}, so there is nothing to promote. Add the account to that share in AWS RAM (ram:AssociateResourceShare), or ask its owner to.</source>
        <translation>Le groupe figure déjà dans le partage AWS RAM standard {share}, qui ne mentionne pas le compte {account} : il n&apos;y a donc rien à promouvoir. Ajoutez le compte à ce partage dans AWS RAM (ram:AssociateResourceShare), ou demandez-le à son propriétaire.</translation>
    </message>
    <message>
        <source>The plan has problems to fix first: {problems}</source>
        <translation>Le plan comporte d&apos;abord des problèmes à corriger : {problems}</translation>
    </message>
    <message>
        <source>Changed since the review: nothing was written to it. Plan again to see the change and keep it.</source>
        <translation>Modifié depuis la revue : rien n&apos;y a été écrit. Replanifiez pour voir la modification et la conserver.</translation>
    </message>
    <message>
        <source>The Deny statement {sid}</source>
        <translation>La déclaration Deny {sid}</translation>
    </message>
    <message>
        <source>A Deny statement without a Sid</source>
        <translation>Une déclaration Deny sans Sid</translation>
    </message>
    <message>
        <source>{name} denies {actions} when its Condition holds: if it holds for the registry&apos;s requests, it cancels our statement {ours}. Check the condition.</source>
        <translation>{name} refuse {actions} quand sa Condition est remplie : si elle l&apos;est pour les requêtes du registre, elle annule notre déclaration {ours}. Vérifiez la condition.</translation>
    </message>
    <message>
        <source>{name} denies {actions} to the principal of our statement {ours}, and an explicit Deny always wins: our Allow has no effect. Remove or narrow that Deny.</source>
        <translation>{name} refuse {actions} au principal de notre déclaration {ours}, et un Deny explicite l&apos;emporte toujours : notre Allow est sans effet. Supprimez ou restreignez ce Deny.</translation>
    </message>
    <message>
        <source>No KMS key: the documented cross-account setup encrypts the training artifacts with a customer-managed KMS key and grants the registry account Decrypt on it. Without one, artifacts encrypted with one of the training account&apos;s keys (or its AWS managed key aws/s3, which cannot be shared) cannot be decrypted by the registry account: deploying a version from the registry account fails when it reads the model data.</source>
        <translation>Aucune clé KMS : la configuration intercomptes documentée chiffre les artefacts d&apos;entraînement avec une clé KMS gérée par le client et accorde au compte du registre l&apos;action Decrypt sur cette clé. Sans elle, les artefacts chiffrés avec l&apos;une des clés du compte d&apos;entraînement (ou avec sa clé gérée par AWS aws/s3, qui ne peut pas être partagée) ne peuvent pas être déchiffrés par le compte du registre : le déploiement d&apos;une version depuis le compte du registre échoue à la lecture des données du modèle.</translation>
    </message>
    <message>
        <source>Pick the model package group in the registry account.</source>
        <translation>Choisissez le groupe de packages de modèles dans le compte du registre.</translation>
    </message>
    <message>
        <source>Pick the S3 bucket that holds the training artifacts.</source>
        <translation>Choisissez le compartiment S3 qui contient les artefacts d&apos;entraînement.</translation>
    </message>
    <message>
        <source>Pick the customer-managed KMS key that encrypts the training artifacts, or choose to go on without a key knowingly: the documented setup requires one.</source>
        <translation>Choisissez la clé KMS gérée par le client qui chiffre les artefacts d&apos;entraînement, ou choisissez sciemment de continuer sans clé : la configuration documentée en exige une.</translation>
    </message>
    <message>
        <source>Pick two different profiles: the registry account and the training account.</source>
        <translation>Choisissez deux profils différents : le compte du registre et le compte d&apos;entraînement.</translation>
    </message>
    <message>
        <source>The existing {title} is {problem}. Registry Desk will not overwrite it: fix or remove it in the AWS console, then plan again.</source>
        <translation>La ressource existante « {title} » pose problème : {problem}. Registry Desk ne l&apos;écrasera pas : corrigez-la ou supprimez-la dans la console AWS, puis replanifiez.</translation>
    </message>
    <message>
        <source>ECR repository policy of {repository}</source>
        <translation>Stratégie du référentiel ECR {repository}</translation>
    </message>
    <message>
        <source>S3 bucket policy of {bucket}</source>
        <translation>Stratégie du compartiment S3 {bucket}</translation>
    </message>
    <message>
        <source>KMS grant on key {key}</source>
        <translation>Octroi KMS sur la clé {key}</translation>
    </message>
    <message>
        <source>Model package group policy of {group}</source>
        <translation>Stratégie du groupe de packages de modèles {group}</translation>
    </message>
    <message>
        <source>AWS RAM share of {group}: promote</source>
        <translation>Partage AWS RAM de {group} : promotion</translation>
    </message>
    <message>
        <source>Writing the group policy makes AWS RAM create a resource share (feature set {feature_set}) that only this account sees. Promoting it ({promote}; first {permission} when no managed permission matches the policy) lists the group in account {account}&apos;s &quot;shared with me&quot; list. A promoted share no longer follows the policy: Roll back deletes it (ram:DeleteResourceShare) and the permission its promotion made (ram:DeletePermission) before restoring the policy.</source>
        <translation>L&apos;écriture de la stratégie du groupe amène AWS RAM à créer un partage de ressources (ensemble de fonctionnalités {feature_set}) que seul ce compte voit. Sa promotion ({promote} ; d&apos;abord {permission} quand aucune autorisation gérée ne correspond à la stratégie) fait apparaître le groupe dans la liste « Partagé avec moi » du compte {account}. Un partage promu ne suit plus la stratégie : Restaurer le supprime (ram:DeleteResourceShare), ainsi que l&apos;autorisation créée par sa promotion (ram:DeletePermission), avant de restaurer la stratégie.</translation>
    </message>
    <message>
        <source>The AWS RAM shares could not be read ({error}); the step will look for the share again when it runs, and needs ram:GetResourceShareAssociations, ram:GetResourceShares and {promote}.</source>
        <translation>Les partages AWS RAM n&apos;ont pas pu être lus ({error}) ; l&apos;étape cherchera de nouveau le partage à son exécution, et a besoin de ram:GetResourceShareAssociations, ram:GetResourceShares et {promote}.</translation>
    </message>
    <message>
        <source>The share holds every account the group policy names: promoting it lists the group for {accounts} as well.</source>
        <translation>Le partage contient tous les comptes que nomme la stratégie du groupe : sa promotion fait aussi apparaître le groupe pour {accounts}.</translation>
    </message>
    <message>
        <source>Both profiles belong to account {account}. Pick a training profile of another account; within one account no resource policy is needed.</source>
        <translation>Les deux profils appartiennent au compte {account}. Choisissez un profil d&apos;entraînement d&apos;un autre compte ; au sein d&apos;un même compte, aucune stratégie de ressource n&apos;est nécessaire.</translation>
    </message>
    <message>
        <source>not valid JSON ({reason} at line {line}, column {column})</source>
        <translation>du JSON non valide ({reason} à la ligne {line}, colonne {column})</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>ce n&apos;est pas un objet JSON</translation>
    </message>
    <message>
        <source>its Statement is neither a list nor an object</source>
        <translation>son Statement n&apos;est ni une liste ni un objet</translation>
    </message>
    <message>
        <source>The {what} account ID must be 12 digits, like 123456789012 (got &apos;{value}&apos;).</source>
        <translation>L&apos;ID du compte {what} doit compter 12 chiffres, comme 123456789012 (reçu : « {value} »).</translation>
    </message>
    <message>
        <source>arn:aws:iam::{account}:root (the whole training account), or one role ARN like arn:aws:iam::{account}:role/NAME</source>
        <translation>arn:aws:iam::{account}:root (tout le compte d&apos;entraînement), ou l&apos;ARN d&apos;un rôle comme arn:aws:iam::{account}:role/NAME</translation>
    </message>
    <message>
        <source>arn:aws:iam::ACCOUNT:root with the training account&apos;s 12 digits, or one role ARN</source>
        <translation>arn:aws:iam::ACCOUNT:root avec les 12 chiffres du compte d&apos;entraînement, ou l&apos;ARN d&apos;un rôle</translation>
    </message>
    <message>
        <source>The principal &apos;{value}&apos; contains a wildcard. Type one account root, like {example}.</source>
        <translation>Le principal « {value} » contient un caractère générique. Saisissez la racine d&apos;un compte, comme {example}.</translation>
    </message>
    <message>
        <source>The principal &apos;{value}&apos; is not an IAM ARN. Type arn:aws:iam::ACCOUNT:root for the whole account, or arn:aws:iam::ACCOUNT:role/NAME for one role.</source>
        <translation>Le principal « {value} » n&apos;est pas un ARN IAM. Saisissez arn:aws:iam::ACCOUNT:root pour tout le compte, ou arn:aws:iam::ACCOUNT:role/NAME pour un rôle.</translation>
    </message>
    <message>
        <source>&apos;{bucket}&apos; is not an S3 bucket name. Pick a bucket from the list.</source>
        <translation>« {bucket} » n&apos;est pas un nom de compartiment S3. Choisissez un compartiment dans la liste.</translation>
    </message>
    <message>
        <source>The key prefix &apos;{prefix}&apos; contains a wildcard. Type the folder only, like models/churn/ (everything below it is included).</source>
        <translation>Le préfixe de clé « {prefix} » contient un caractère générique. Saisissez seulement le dossier, comme models/churn/ (tout ce qu&apos;il contient est inclus).</translation>
    </message>
    <message>
        <source>The key prefix must not start with &apos;/&apos;. Type &apos;{prefix}&apos; instead.</source>
        <translation>Le préfixe de clé ne doit pas commencer par « / ». Saisissez plutôt « {prefix} ».</translation>
    </message>
    <message>
        <source>The key prefix &apos;{prefix}&apos; does not end with &apos;/&apos;: it also grants every key that starts the same way, such as {prefix}-private/. Type &apos;{prefix}/&apos; to grant that folder only.</source>
        <translation>Le préfixe de clé « {prefix} » ne se termine pas par « / » : il donne aussi accès à toute clé qui commence de la même façon, comme {prefix}-private/. Saisissez « {prefix}/ » pour ne donner accès qu&apos;à ce dossier.</translation>
    </message>
    <message>
        <source>Statement {sid}: the wildcard principal &apos;{value}&apos; is refused; name one account or role.</source>
        <translation>Déclaration {sid} : le principal générique « {value} » est refusé ; nommez un compte ou un rôle.</translation>
    </message>
    <message>
        <source>Statement {sid}: the wildcard action &apos;{action}&apos; is refused; list the actions one by one.</source>
        <translation>Déclaration {sid} : l&apos;action générique « {action} » est refusée ; énumérez les actions une par une.</translation>
    </message>
    <message>
        <source>The principal {principal} can use the group by its ARN, but the group will not be discoverable from its account: AWS RAM lists a shared group only when the policy names whole accounts (arn:aws:iam::{account}:root) without a Condition, and the share created from the policy is promoted (ram:PromoteResourceShareCreatedFromPolicy).</source>
        <translation>Le principal {principal} peut utiliser le groupe par son ARN, mais le groupe ne sera pas visible depuis son compte : AWS RAM n&apos;afcarte un groupe partagé que lorsque la stratégie nomme des comptes entiers (arn:aws:iam::{account}:root) sans Condition, et que le partage créé à partir de la stratégie est promu (ram:PromoteResourceShareCreatedFromPolicy).</translation>
    </message>
    <message>
        <source>(no Sid)</source>
        <translation>(sans Sid)</translation>
    </message>
    <message>
        <source>Statement {sid} has a Condition: AWS RAM cannot promote a policy with conditions, so the group will not be discoverable from the other account.</source>
        <translation>La déclaration {sid} a une Condition : AWS RAM ne peut pas promouvoir une stratégie avec des conditions, le groupe ne sera donc pas visible depuis l&apos;autre compte.</translation>
    </message>
    <message>
        <source>Changed since we wrote it: not restored, so that change is kept.</source>
        <translation>Modifié depuis notre écriture : non restauré, cette modification est donc conservée.</translation>
    </message>
    <message>
        <source>AWS RAM refused to promote the share made from the group policy: RAM promotes only a policy whose principals are whole accounts (arn:aws:iam::ACCOUNT:root), with no Condition and no Action &quot;*&quot;. The training account can still use the group by its ARN; it will not see it listed. Change the policy, or leave the group undiscoverable.</source>
        <translation>AWS RAM a refusé de promouvoir le partage créé à partir de la stratégie du groupe : RAM ne promeut qu&apos;une stratégie dont les principaux sont des comptes entiers (arn:aws:iam::ACCOUNT:root), sans Condition ni Action &quot;*&quot;. Le compte d&apos;entraînement peut toujours utiliser le groupe par son ARN ; il ne le verra pas dans ses listes. Modifiez la stratégie, ou laissez le groupe invisible.</translation>
    </message>
    <message>
        <source>AWS RAM found no managed permission matching the group policy, even after the share&apos;s own permission was promoted (ram:PromotePermissionCreatedFromPolicy): RAM may still be making it. Apply again in a minute.</source>
        <translation>AWS RAM n&apos;a trouvé aucune autorisation gérée correspondant à la stratégie du groupe, même après la promotion de l&apos;autorisation propre au partage (ram:PromotePermissionCreatedFromPolicy) : RAM est peut-être encore en train de la créer. Appliquez de nouveau dans une minute.</translation>
    </message>
    <message>
        <source>The grant {grant} is missing.</source>
        <translation>L&apos;octroi {grant} est absent.</translation>
    </message>
    <message>
        <source>Grant {grant} is in place.</source>
        <translation>L&apos;octroi {grant} est en place.</translation>
    </message>
    <message>
        <source>Missing or changed statement(s): {sids}.</source>
        <translation>Déclaration(s) absente(s) ou modifiée(s) : {sids}.</translation>
    </message>
    <message>
        <source>Every statement is in place.</source>
        <translation>Toutes les déclarations sont en place.</translation>
    </message>
    <message>
        <source>AWS RAM holds no share of the group: nothing makes it discoverable.</source>
        <translation>AWS RAM ne contient aucun partage du groupe : rien ne le rend visible.</translation>
    </message>
    <message>
        <source>The share {share} is still being promoted: verify again in a minute.</source>
        <translation>Le partage {share} est encore en cours de promotion : vérifiez de nouveau dans une minute.</translation>
    </message>
    <message>
        <source>The share {share} is not promoted (feature set {feature_set}).</source>
        <translation>Le partage {share} n&apos;est pas promu (ensemble de fonctionnalités {feature_set}).</translation>
    </message>
    <message>
        <source>The promoted share {share} does not list account {account}.</source>
        <translation>Le partage promu {share} ne mentionne pas le compte {account}.</translation>
    </message>
    <message>
        <source>The share {share} is promoted.</source>
        <translation>Le partage {share} est promu.</translation>
    </message>
    <message>
        <source>List groups shared with {profile}</source>
        <translation>Lister les groupes partagés avec {profile}</translation>
    </message>
    <message>
        <source>The training account does not list the group (ListModelPackageGroups with CrossAccountFilterOption=CrossAccount): it can use it by ARN, but will not find it.</source>
        <translation>Le compte d&apos;entraînement ne voit pas le groupe dans ses listes (ListModelPackageGroups avec CrossAccountFilterOption=CrossAccount) : il peut l&apos;utiliser par son ARN, mais ne le trouvera pas.</translation>
    </message>
    <message>
        <source>The training account lists the group among those shared with it.</source>
        <translation>Le compte d&apos;entraînement voit le groupe parmi ceux qui sont partagés avec lui.</translation>
    </message>
    <message>
        <source>Describe {group} as {profile}</source>
        <translation>Décrire {group} en tant que {profile}</translation>
    </message>
    <message>
        <source>The training account can see the group.</source>
        <translation>Le compte d&apos;entraînement voit le groupe.</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>the connection timed out</source>
        <translation>le délai de connexion a expiré</translation>
    </message>
    <message>
        <source>no answer in time</source>
        <translation>aucune réponse à temps</translation>
    </message>
    <message>
        <source>the connection was closed</source>
        <translation>la connexion a été fermée</translation>
    </message>
    <message>
        <source>the proxy refused the connection</source>
        <translation>le proxy a refusé la connexion</translation>
    </message>
    <message>
        <source>the TLS certificate was not accepted</source>
        <translation>le certificat TLS n&apos;a pas été accepté</translation>
    </message>
    <message>
        <source>gave no answer in {seconds} s</source>
        <translation>n&apos;a pas répondu en {seconds} s</translation>
    </message>
    <message>
        <source>the profile &apos;{profile}&apos;</source>
        <translation>le profil « {profile} »</translation>
    </message>
    <message>
        <source> on {resource}</source>
        <translation> sur {resource}</translation>
    </message>
    <message>
        <source> in {region}</source>
        <translation> dans {region}</translation>
    </message>
    <message>
        <source> ({code}: {said})</source>
        <translation> ({code} : {said})</translation>
    </message>
    <message>
        <source> ({said})</source>
        <translation> ({said})</translation>
    </message>
    <message>
        <source> to call {action}{on}</source>
        <translation> pour appeler {action}{on}</translation>
    </message>
    <message>
        <source>: {calling}{on} could not be called</source>
        <translation> : {calling}{on} n&apos;a pas pu être appelé</translation>
    </message>
    <message>
        <source>The credentials of {who} have expired{refused}. {renewal}{server}</source>
        <translation>Les identifiants ont expiré pour {who}{refused}. {renewal}{server}</translation>
    </message>
    <message>
        <source>Access denied: {who} may not call {calling}{on}. Ask for that permission or switch profile.{server}</source>
        <translation>Accès refusé : {who} n&apos;est pas autorisé à appeler {calling}{on}. Demandez cette autorisation ou changez de profil.{server}</translation>
    </message>
    <message>
        <source>AWS is throttling {who} on {calling}{on}. Wait a moment and try again.</source>
        <translation>AWS limite le débit de {calling}{on} pour {who}. Patientez un instant, puis réessayez.</translation>
    </message>
    <message>
        <source>Not found: {calling}{on} for {who} found nothing.{server}</source>
        <translation>Introuvable : {calling}{on} n&apos;a rien trouvé pour {who}.{server}</translation>
    </message>
    <message>
        <source>Not found: {resource} does not exist or is not visible to {who} ({calling}). It may have been deleted, or it lives in another account or region.{server}</source>
        <translation>Introuvable : {resource} n&apos;existe pas ou n&apos;est pas visible pour {who} ({calling}). Cette ressource a peut-être été supprimée, ou elle se trouve dans un autre compte ou une autre région.{server}</translation>
    </message>
    <message>
        <source>Conflict: {calling}{on} clashes with the current state for {who}. Refresh and try again.{server}</source>
        <translation>Conflit : {calling}{on} est en contradiction avec l&apos;état actuel pour {who}. Actualisez, puis réessayez.{server}</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>erreur inconnue</translation>
    </message>
    <message>
        <source>The call {calling}{on} failed for {who}: {reason}.</source>
        <translation>L&apos;appel {calling}{on} a échoué pour {who} : {reason}.</translation>
    </message>
    <message>
        <source>AWS does not accept the keys of {who}{to_call}. Check the access key and secret, or sign in again.{server}</source>
        <translation>AWS refuse les clés fournies pour {who}{to_call}. Vérifiez la clé d&apos;accès et le secret, ou reconnectez-vous.{server}</translation>
    </message>
    <message>
        <source>The profile &apos;{profile}&apos; is not in the AWS config files. Pick another profile or add it with `aws configure --profile {profile}`.</source>
        <translation>Le profil « {profile} » ne figure pas dans les fichiers de configuration AWS. Choisissez un autre profil ou ajoutez-le avec `aws configure --profile {profile}`.</translation>
    </message>
    <message>
        <source>The credentials of {who} are incomplete{to_call}: {detail}. Run `aws configure` or pick another profile.</source>
        <translation>Identifiants incomplets pour {who}{to_call} : {detail}. Lancez `aws configure` ou choisissez un autre profil.</translation>
    </message>
    <message>
        <source>Could not get credentials for {who}{to_call}: {detail}. Check the profile&apos;s credential_process or role settings, or pick another profile.</source>
        <translation>Impossible d&apos;obtenir des identifiants pour {who}{to_call} : {detail}. Vérifiez le credential_process ou les réglages de rôle du profil, ou choisissez un autre profil.</translation>
    </message>
    <message>
        <source>No credentials found for {who}{to_call}. Run `aws configure` or pick another profile.</source>
        <translation>Aucun identifiant trouvé pour {who}{to_call}. Lancez `aws configure` ou choisissez un autre profil.</translation>
    </message>
    <message>
        <source> ({endpoint})</source>
        <translation> ({endpoint})</translation>
    </message>
    <message>
        <source>gave no answer in time</source>
        <translation>n&apos;a pas répondu à temps</translation>
    </message>
    <message>
        <source>{calling}{on} timed out for {who}: the {service} endpoint{where} {detail}. Check the network or proxy, then try again.</source>
        <translation>{calling}{on} a expiré pour {who} : le point de terminaison {service}{where} {detail}. Vérifiez le réseau ou le proxy, puis réessayez.</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>aucune réponse</translation>
    </message>
    <message>
        <source>Cannot reach the {service} endpoint{where}{to_call} for {who}: {reason}. Check the network, proxy or the endpoint setting.</source>
        <translation>Impossible de joindre le point de terminaison {service}{where}{to_call} pour {who} : {reason}. Vérifiez le réseau, le proxy ou le réglage du point de terminaison.</translation>
    </message>
    <message>
        <source>No region is set for {who}. Pick a region, or set one with `aws configure set region &lt;region&gt; --profile {profile}`.</source>
        <translation>Aucune région n&apos;est définie pour {who}. Choisissez une région, ou définissez-en une avec `aws configure set region &lt;region&gt; --profile {profile}`.</translation>
    </message>
    <message>
        <source>The AWS config files cannot be read ({detail}). Fix the file, or point AWS_CONFIG_FILE at another one.</source>
        <translation>Les fichiers de configuration AWS sont illisibles ({detail}). Corrigez le fichier, ou faites pointer AWS_CONFIG_FILE vers un autre fichier.</translation>
    </message>
    <message>
        <source>The region set for {who} is not a valid region name ({detail}). Pick a region from the list.</source>
        <translation>La région définie pour {who} n&apos;est pas un nom de région valide ({detail}). Choisissez une région dans la liste.</translation>
    </message>
    <message>
        <source>the request was not accepted</source>
        <translation>la requête n&apos;a pas été acceptée</translation>
    </message>
    <message>
        <source>AWS refused {calling}{on} for {who}: {reason}. Correct the request and try again.</source>
        <translation>AWS a refusé {calling}{on} pour {who} : {reason}. Corrigez la requête, puis réessayez.</translation>
    </message>
    <message>
        <source>{deny} refuses it</source>
        <translation>{deny} le refuse</translation>
    </message>
    <message>
        <source>; {why}</source>
        <translation> ; {why}</translation>
    </message>
    <message>
        <source> (Signed in as {caller}{because}.)</source>
        <translation> (Connecté en tant que {caller}{because}.)</translation>
    </message>
    <message>
        <source>Sign in again with `aws sso login --profile {profile}`, then try again.</source>
        <translation>Reconnectez-vous avec `aws sso login --profile {profile}`, puis réessayez.</translation>
    </message>
    <message>
        <source>Restart the sandbox: close Registry Desk and start it again with --sandbox.</source>
        <translation>Redémarrez le bac à sable : fermez Registry Desk et relancez-le avec --sandbox.</translation>
    </message>
    <message>
        <source>Sign in again: use the profile again to assume its role anew (with a new MFA code if the role asks for one); if its source profile&apos;s keys expired, refresh those.</source>
        <translation>Reconnectez-vous : utilisez de nouveau le profil pour assumer son rôle à nouveau (avec un nouveau code MFA si le rôle en demande un) ; si les clés de son profil source ont expiré, renouvelez-les.</translation>
    </message>
    <message>
        <source>Get a new web identity token (AWS_WEB_IDENTITY_TOKEN_FILE), then try again.</source>
        <translation>Obtenez un nouveau jeton d&apos;identité web (AWS_WEB_IDENTITY_TOKEN_FILE), puis réessayez.</translation>
    </message>
    <message>
        <source>Its credential_process handed out expired keys: run or fix that command, then try again.</source>
        <translation>Son credential_process a fourni des clés expirées : exécutez ou corrigez cette commande, puis réessayez.</translation>
    </message>
    <message>
        <source>The role&apos;s credentials are renewed on their own: wait a moment and try again.</source>
        <translation>Les identifiants du rôle se renouvellent d&apos;eux-mêmes : patientez un instant, puis réessayez.</translation>
    </message>
    <message>
        <source>Set fresh keys in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, then restart Registry Desk.</source>
        <translation>Placez de nouvelles clés dans AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY et AWS_SESSION_TOKEN, puis redémarrez Registry Desk.</translation>
    </message>
    <message>
        <source>Rotate its access keys in IAM and type the new ones with Edit in the Accounts view.</source>
        <translation>Renouvelez ses clés d&apos;accès dans IAM et saisissez les nouvelles avec Modifier dans la vue Comptes.</translation>
    </message>
    <message>
        <source>Rotate or refresh its keys in the AWS credentials file (`aws configure --profile {profile}`; temporary keys need a new aws_session_token), then try again.</source>
        <translation>Renouvelez ou actualisez ses clés dans le fichier d&apos;identifiants AWS (`aws configure --profile {profile}` ; des clés temporaires demandent un nouvel aws_session_token), puis réessayez.</translation>
    </message>
    <message>
        <source>Sign in again or refresh its keys, then try again.</source>
        <translation>Reconnectez-vous ou actualisez ses clés, puis réessayez.</translation>
    </message>
    <message>
        <source>Type an S3 prefix such as {example} (got &apos;{url}&apos;).</source>
        <translation>Saisissez un préfixe S3 tel que {example} (reçu : « {url} »).</translation>
    </message>
    <message>
        <source>Type an S3 URL such as {example} (got &apos;{url}&apos;).</source>
        <translation>Saisissez une URL S3 telle que {example} (reçu : « {url} »).</translation>
    </message>
    <message>
        <source>The group &apos;{group}&apos; still has versions. Delete its versions first: only an empty group can be deleted.</source>
        <translation>Le groupe « {group} » contient encore des versions. Supprimez d&apos;abord ses versions : seul un groupe vide peut être supprimé.</translation>
    </message>
    <message>
        <source>The metrics location {uri} is not an S3 URI; expected s3://bucket/key.</source>
        <translation>L&apos;emplacement des métriques {uri} n&apos;est pas une URI S3 ; attendu : s3://bucket/key.</translation>
    </message>
    <message>
        <source>The metrics file {uri} is larger than {megabytes} MB; open it with another tool.</source>
        <translation>Le fichier de métriques {uri} dépasse {megabytes} Mo ; ouvrez-le avec un autre outil.</translation>
    </message>
    <message>
        <source>The metrics file {uri} is not JSON, so it cannot be shown as a table ({reason}). Download it to read it.</source>
        <translation>Le fichier de métriques {uri} n&apos;est pas du JSON : il ne peut donc pas être affiché en tableau ({reason}). Téléchargez-le pour le lire.</translation>
    </message>
    <message>
        <source>The metrics file {uri} holds a JSON {kind}, not an object of metrics. Download it to read it.</source>
        <translation>Le fichier de métriques {uri} contient un {kind} JSON, et non un objet de métriques. Téléchargez-le pour le lire.</translation>
    </message>
</context>
<context>
    <name>Governance</name>
    <message>
        <source>The card is not valid JSON: line {line}, column {column}: {reason}.</source>
        <translation>La carte n&apos;est pas du JSON valide : ligne {line}, colonne {column} : {reason}.</translation>
    </message>
    <message>
        <source>The card must be a JSON object ({ … }) with the card&apos;s sections inside.</source>
        <translation>La carte doit être un objet JSON ({ … }) contenant ses sections.</translation>
    </message>
    <message>
        <source>is {size} characters long once saved; AWS takes at most {limit} (remove {extra})</source>
        <translation>compte {size} caractères une fois enregistré ; AWS en accepte au plus {limit} (supprimez-en {extra})</translation>
    </message>
    <message>
        <source>A card&apos;s status is one of {statuses}.</source>
        <translation>Le statut d&apos;une carte est l&apos;un des suivants : {statuses}.</translation>
    </message>
    <message>
        <source>A new card starts as a Draft; save it, then move it on.</source>
        <translation>Une nouvelle carte commence à l&apos;état Draft ; enregistrez-la, puis faites-la avancer.</translation>
    </message>
    <message>
        <source> or </source>
        <translation> ou </translation>
    </message>
    <message>
        <source>A card in {current} can move to {allowed}, not to {status}.</source>
        <translation>Une carte à l&apos;état {current} peut passer à {allowed}, pas à {status}.</translation>
    </message>
    <message>
        <source>This card is archived: AWS takes no more changes to it.</source>
        <translation>Cette carte est archivée : AWS n&apos;y accepte plus aucune modification.</translation>
    </message>
    <message>
        <source>This version has no model card to move; create one first.</source>
        <translation>Cette version n&apos;a pas de carte de modèle à faire avancer ; créez-en une d&apos;abord.</translation>
    </message>
    <message>
        <source>Nothing to change: the card is already {status}.</source>
        <translation>Rien à modifier : la carte est déjà à l&apos;état {status}.</translation>
    </message>
    <message numerus="yes">
        <source>; and %n more</source>
        <translation>
            <numerusform>; et %n autre</numerusform>
            <numerusform>; et %n autres</numerusform>
        </translation>
    </message>
    <message>
        <source>The model card does not follow the model card schema: {problems}{more}. Nothing was saved.</source>
        <translation>La carte de modèle ne respecte pas le schéma des cartes de modèle : {problems}{more}. Rien n&apos;a été enregistré.</translation>
    </message>
    <message>
        <source>1 of the versions belongs to account {owners} and is only shared with this one; nothing was deleted. Leave them out, or delete them from their own account.</source>
        <translation>1 des versions appartient au compte {owners} et n&apos;est que partagée avec celui-ci ; rien n&apos;a été supprimé. Laissez-la de côté, ou supprimez-la depuis son propre compte.</translation>
    </message>
    <message>
        <source>{count} of the versions belong to account {owners} and are only shared with this one; nothing was deleted. Leave them out, or delete them from their own account.</source>
        <translation>{count} des versions appartiennent au compte {owners} et ne sont que partagées avec celui-ci ; rien n&apos;a été supprimé. Laissez-les de côté, ou supprimez-les depuis leur propre compte.</translation>
    </message>
    <message>
        <source>Versions {numbers} are approved or in production: type the group name {groups} to delete them; nothing was deleted.</source>
        <translation>Les versions {numbers} sont approuvées ou en production : saisissez le nom du groupe {groups} pour les supprimer ; rien n&apos;a été supprimé.</translation>
    </message>
    <message>
        <source>Version {numbers} is approved or in production: type the group name {groups} to delete it; nothing was deleted.</source>
        <translation>La version {numbers} est approuvée ou en production : saisissez le nom du groupe {groups} pour la supprimer ; rien n&apos;a été supprimé.</translation>
    </message>
    <message>
        <source>Version {version} ({status})</source>
        <translation>Version {version} ({status})</translation>
    </message>
    <message>
        <source>The group {group}</source>
        <translation>Le groupe {group}</translation>
    </message>
    <message>
        <source>The group &apos;{group}&apos; belongs to account {account} and is only shared with this one; it can be deleted from its own account only.</source>
        <translation>Le groupe « {group} » appartient au compte {account} et n&apos;est que partagé avec celui-ci ; il ne peut être supprimé que depuis son propre compte.</translation>
    </message>
    <message>
        <source>Type the group name &apos;{group}&apos; exactly to delete it; nothing was deleted.</source>
        <translation>Saisissez exactement le nom du groupe « {group} » pour le supprimer ; rien n&apos;a été supprimé.</translation>
    </message>
    <message>
        <source>Versions {numbers} were added to &apos;{group}&apos; after the list you reviewed; nothing was deleted. Review the list again.</source>
        <translation>Les versions {numbers} ont été ajoutées à « {group} » après la liste que vous avez examinée ; rien n&apos;a été supprimé. Examinez de nouveau la liste.</translation>
    </message>
    <message>
        <source>Version {numbers} was added to &apos;{group}&apos; after the list you reviewed; nothing was deleted. Review the list again.</source>
        <translation>La version {numbers} a été ajoutée à « {group} » après la liste que vous avez examinée ; rien n&apos;a été supprimé. Examinez de nouveau la liste.</translation>
    </message>
    <message>
        <source>Some versions could not be deleted, so the group stays.</source>
        <translation>Certaines versions n&apos;ont pas pu être supprimées : le groupe est donc conservé.</translation>
    </message>
    <message>
        <source>{problem} (key &apos;{key}&apos;).</source>
        <translation>{problem} (clé « {key} »).</translation>
    </message>
    <message>
        <source>The key &apos;{key}&apos; is both set and removed; keep one of the two.</source>
        <translation>La clé « {key} » est à la fois définie et supprimée ; ne gardez que l&apos;une des deux opérations.</translation>
    </message>
    <message>
        <source>The key &apos;{key}&apos; is not on the version; there is nothing to remove.</source>
        <translation>La clé « {key} » n&apos;est pas sur la version ; il n&apos;y a rien à supprimer.</translation>
    </message>
    <message>
        <source>A version takes at most {limit} metadata properties; this edit leaves {count}: remove {extra}.</source>
        <translation>Une version accepte au plus {limit} propriétés de métadonnées ; cette modification en laisse {count} : supprimez-en {extra}.</translation>
    </message>
    <message>
        <source>Nothing to change: set or remove at least one metadata key.</source>
        <translation>Rien à modifier : définissez ou supprimez au moins une clé de métadonnées.</translation>
    </message>
    <message>
        <source>Someone else changed the metadata keys {keys} of this version since you read it; nothing was saved. Reload the version to see the new value, then edit again.</source>
        <translation>Quelqu&apos;un d&apos;autre a modifié les clés de métadonnées {keys} de cette version depuis votre lecture ; rien n&apos;a été enregistré. Rechargez la version pour voir la nouvelle valeur, puis modifiez de nouveau.</translation>
    </message>
    <message>
        <source>Someone else changed the metadata key {keys} of this version since you read it; nothing was saved. Reload the version to see the new value, then edit again.</source>
        <translation>Quelqu&apos;un d&apos;autre a modifié la clé de métadonnées {keys} de cette version depuis votre lecture ; rien n&apos;a été enregistré. Rechargez la version pour voir la nouvelle valeur, puis modifiez de nouveau.</translation>
    </message>
    <message>
        <source>Unexpected error: {error}</source>
        <translation>Erreur inattendue : {error}</translation>
    </message>
    <message>
        <source>Tag keys starting with &apos;aws:&apos; are reserved for AWS; use another prefix, such as &apos;team:&apos;.</source>
        <translation>Les clés de balise commençant par « aws: » sont réservées à AWS ; utilisez un autre préfixe, comme « team: ».</translation>
    </message>
    <message>
        <source>{problem} (tag &apos;{key}&apos;).</source>
        <translation>{problem} (balise « {key} »).</translation>
    </message>
    <message>
        <source>The tag &apos;{key}&apos; is both set and removed; keep one of the two.</source>
        <translation>La balise « {key} » est à la fois définie et supprimée ; ne gardez que l&apos;une des deux opérations.</translation>
    </message>
    <message>
        <source>The tag &apos;{key}&apos; is reserved for AWS and cannot be removed.</source>
        <translation>La balise « {key} » est réservée à AWS et ne peut pas être supprimée.</translation>
    </message>
    <message>
        <source>A group takes at most {limit} tags; this edit leaves {count}: remove {extra}.</source>
        <translation>Un groupe accepte au plus {limit} balises ; cette modification en laisse {count} : supprimez-en {extra}.</translation>
    </message>
    <message>
        <source>no such tag</source>
        <translation>aucune balise de ce nom</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>supprimée</translation>
    </message>
    <message>
        <source>&apos;{key}&apos; (you read {was}; it is now {now})</source>
        <translation>« {key} » (lu : {was} ; maintenant : {now})</translation>
    </message>
    <message>
        <source>Someone else changed the tags {tags} since you read the tags; nothing was saved. The list shows the tags as they are now: edit again to change them.</source>
        <translation>Quelqu&apos;un d&apos;autre a modifié les balises {tags} depuis votre lecture ; rien n&apos;a été enregistré. La liste montre les balises telles qu&apos;elles sont maintenant : modifiez de nouveau pour les changer.</translation>
    </message>
    <message>
        <source>Someone else changed the tag {tags} since you read the tags; nothing was saved. The list shows the tags as they are now: edit again to change them.</source>
        <translation>Quelqu&apos;un d&apos;autre a modifié la balise {tags} depuis votre lecture ; rien n&apos;a été enregistré. La liste montre les balises telles qu&apos;elles sont maintenant : modifiez de nouveau pour les changer.</translation>
    </message>
    <message>
        <source>Nothing to change: add, change or remove at least one tag.</source>
        <translation>Rien à modifier : ajoutez, modifiez ou supprimez au moins une balise.</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <source>{clause}</source>
        <translation>{clause}</translation>
    </message>
    <message>
        <source>{first}{separator}{then}</source>
        <translation>{first}{separator}{then}</translation>
    </message>
</context>
<context>
    <name>Trends</name>
    <message>
        <source>Version {version} has no model-quality statistics report.</source>
        <translation>La version {version} n&apos;a pas de rapport de statistiques de qualité du modèle.</translation>
    </message>
    <message>
        <source>The metrics file {uri} holds no numeric metric.</source>
        <translation>Le fichier de métriques {uri} ne contient aucune métrique numérique.</translation>
    </message>
</context>
<context>
    <name>Validation</name>
    <message>
        <source>metadata key</source>
        <translation>clé de métadonnées</translation>
    </message>
    <message>
        <source>metadata value</source>
        <translation>valeur de métadonnées</translation>
    </message>
    <message>
        <source>source URI</source>
        <translation>URI source</translation>
    </message>
    <message>
        <source>tag key</source>
        <translation>clé de balise</translation>
    </message>
    <message>
        <source>tag value</source>
        <translation>valeur de balise</translation>
    </message>
    <message>
        <source>text</source>
        <translation>du texte</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>un nombre</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>un nombre entier</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true ou false</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>une liste</translation>
    </message>
    <message>
        <source>a group of fields (a JSON object)</source>
        <translation>un groupe de champs (un objet JSON)</translation>
    </message>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <source> or </source>
        <translation> ou </translation>
    </message>
    <message>
        <source>must be {types}</source>
        <translation>doit être {types}</translation>
    </message>
    <message>
        <source>{where} {rule}</source>
        <translation>{where} {rule}</translation>
    </message>
    <message>
        <source>The card</source>
        <translation>La carte</translation>
    </message>
    <message>
        <source>must be {option}</source>
        <translation>doit valoir {option}</translation>
    </message>
    <message>
        <source>must be one of {options}</source>
        <translation>doit valoir l&apos;une des valeurs {options}</translation>
    </message>
    <message>
        <source>must be at most {high} characters (it has {length}; remove {extra})</source>
        <translation>doit compter au plus {high} caractères (il en compte {length} ; supprimez-en {extra})</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>ne doit pas être vide</translation>
    </message>
    <message>
        <source>must match the pattern {pattern}</source>
        <translation>doit respecter le motif {pattern}</translation>
    </message>
    <message numerus="yes">
        <source>must have at least %n item(s)</source>
        <translation>
            <numerusform>doit compter au moins %n élément</numerusform>
            <numerusform>doit compter au moins %n éléments</numerusform>
        </translation>
    </message>
    <message>
        <source>must have at most {high} items (it has {length}; remove {extra})</source>
        <translation>doit compter au plus {high} éléments (il en compte {length} ; supprimez-en {extra})</translation>
    </message>
    <message>
        <source>is missing; it is required</source>
        <translation>est absent ; il est obligatoire</translation>
    </message>
    <message>
        <source>is not a section of the model card schema</source>
        <translation>n&apos;est pas une section du schéma des cartes de modèle</translation>
    </message>
    <message>
        <source>is not a field of the model card schema</source>
        <translation>n&apos;est pas un champ du schéma des cartes de modèle</translation>
    </message>
    <message>
        <source>Give the model data once: either a model data URL (a .tar.gz object) or a model data source, not both.</source>
        <translation>Indiquez les données du modèle une seule fois : soit une URL de données du modèle (un objet .tar.gz), soit une source de données du modèle, pas les deux.</translation>
    </message>
    <message>
        <source>other model data source members</source>
        <translation>autres membres de la source de données du modèle</translation>
    </message>
    <message>
        <source>other container members</source>
        <translation>autres membres du conteneur</translation>
    </message>
    <message>
        <source>variable</source>
        <translation>variable</translation>
    </message>
    <message>
        <source>Pick the kind of {what} from {kinds}.</source>
        <translation>Choisissez le type de « {what} » parmi {kinds}.</translation>
    </message>
    <message>
        <source>{kind} is already set above; keep one.</source>
        <translation>{kind} est déjà défini plus haut ; n&apos;en gardez qu&apos;un.</translation>
    </message>
    <message>
        <source>Type the S3 URI of the {what} file.</source>
        <translation>Saisissez l&apos;URI S3 du fichier « {what} ».</translation>
    </message>
    <message>
        <source>metrics</source>
        <translation>métriques</translation>
    </message>
    <message>
        <source>other request members</source>
        <translation>autres membres de la requête</translation>
    </message>
    <message>
        <source>drift baseline</source>
        <translation>référence de dérive</translation>
    </message>
    <message>
        <source>This container has no model data: AWS accepts that (the image then holds the model, or loads it itself), but if the model lives in S3, add it here.</source>
        <translation>Ce conteneur n&apos;a pas de données de modèle : AWS l&apos;accepte (l&apos;image contient alors le modèle, ou le charge elle-même), mais si le modèle se trouve dans S3, ajoutez-le ici.</translation>
    </message>
    <message>
        <source>SageMaker unpacks a model data URL as a .tar.gz archive; for uncompressed files or a prefix, use a model data source with compression None instead.</source>
        <translation>SageMaker décompresse une URL de données du modèle comme une archive .tar.gz ; pour des fichiers non compressés ou un préfixe, utilisez plutôt une source de données du modèle avec la compression None.</translation>
    </message>
    <message>
        <source>A prefix without a final / also takes the objects of every longer prefix that starts alike (models/llm matches models/llm-old/…); end it with /.</source>
        <translation>Un préfixe sans / final prend aussi les objets de tout préfixe plus long qui commence de la même façon (models/llm correspond à models/llm-old/…) ; terminez-le par /.</translation>
    </message>
    <message>
        <source>This object looks like a .tar.gz archive but compression is None: SageMaker will hand your code the archive itself. Pick {gzip} to have it unpacked.</source>
        <translation>Cet objet ressemble à une archive .tar.gz mais la compression est None : SageMaker transmettra l&apos;archive elle-même à votre code. Choisissez {gzip} pour qu&apos;elle soit décompressée.</translation>
    </message>
    <message>
        <source>Registering into a group given by its ARN (another account) without a KMS key: the documented cross-account setup encrypts the version with a key the other account may use; without one, that account may be unable to read the model artifacts.</source>
        <translation>Enregistrement dans un groupe désigné par son ARN (un autre compte) sans clé KMS : la configuration intercomptes documentée chiffre la version avec une clé que l&apos;autre compte peut utiliser ; sans elle, ce compte risque de ne pas pouvoir lire les artefacts du modèle.</translation>
    </message>
    <message>
        <source>a space</source>
        <translation>une espace</translation>
    </message>
    <message>
        <source>a line break</source>
        <translation>un saut de ligne</translation>
    </message>
    <message>
        <source>a tab</source>
        <translation>une tabulation</translation>
    </message>
    <message>
        <source>a space ({code})</source>
        <translation>une espace ({code})</translation>
    </message>
    <message>
        <source>remove it</source>
        <translation>supprimez ce caractère</translation>
    </message>
    <message>
        <source>remove them</source>
        <translation>supprimez ces caractères</translation>
    </message>
    <message>
        <source>Use {low}–{high} characters: letters a–z or A–Z, digits and hyphens; start and end with a letter or digit</source>
        <translation>Utilisez de {low} à {high} caractères : lettres a–z ou A–Z, chiffres et traits d&apos;union ; commencez et terminez par une lettre ou un chiffre</translation>
    </message>
    <message>
        <source>Type a name. {rule}.</source>
        <translation>Saisissez un nom. {rule}.</translation>
    </message>
    <message>
        <source>{rule} (got {length} characters; remove {extra}).</source>
        <translation>{rule} (reçu : {length} caractères ; supprimez-en {extra}).</translation>
    </message>
    <message>
        <source>{rule} (got {name} which contains {chars}).</source>
        <translation>{rule} (reçu : {name}, qui contient {chars}).</translation>
    </message>
    <message>
        <source>{rule} (got {name} which starts with a hyphen).</source>
        <translation>{rule} (reçu : {name}, qui commence par un trait d&apos;union).</translation>
    </message>
    <message>
        <source>{rule} (got {name} which ends with a hyphen).</source>
        <translation>{rule} (reçu : {name}, qui se termine par un trait d&apos;union).</translation>
    </message>
    <message>
        <source>{rule} (got {name}).</source>
        <translation>{rule} (reçu : {name}).</translation>
    </message>
    <message>
        <source>The {what} may not contain {chars}; {remove}.</source>
        <translation>Le champ « {what} » ne peut pas contenir {chars} ; {remove}.</translation>
    </message>
    <message>
        <source>The {what} is not in a form AWS accepts.</source>
        <translation>Le champ « {what} » n&apos;a pas une forme qu&apos;AWS accepte.</translation>
    </message>
    <message>
        <source>Shorten the {what} to at most {high} characters (it has {length}; remove {extra}).</source>
        <translation>Raccourcissez le champ « {what} » à {high} caractères au plus (il en compte {length} ; supprimez-en {extra}).</translation>
    </message>
    <message>
        <source>description</source>
        <translation>description</translation>
    </message>
    <message>
        <source>comment</source>
        <translation>commentaire</translation>
    </message>
    <message>
        <source>Pick an approval status from {allowed} (got {status}).</source>
        <translation>Choisissez un statut d&apos;approbation parmi {allowed} (reçu : {status}).</translation>
    </message>
    <message>
        <source>Type the {what}, for example {example}.</source>
        <translation>Saisissez le champ « {what} », par exemple {example}.</translation>
    </message>
    <message>
        <source>Remove the spaces around the {what}.</source>
        <translation>Supprimez les espaces autour du champ « {what} ».</translation>
    </message>
    <message>
        <source>Type the {what} as s3://bucket/path or https://host/path (got {text}).</source>
        <translation>Saisissez le champ « {what} » sous la forme s3://bucket/path ou https://host/path (reçu : {text}).</translation>
    </message>
    <message>
        <source>Type a group ARN such as arn:aws:sagemaker:us-east-1:123456789012:model-package-group/my-group (got {text}).</source>
        <translation>Saisissez l&apos;ARN d&apos;un groupe, comme arn:aws:sagemaker:us-east-1:123456789012:model-package-group/my-group (reçu : {text}).</translation>
    </message>
    <message>
        <source>Add a container: a version needs at least one image.</source>
        <translation>Ajoutez un conteneur : une version a besoin d&apos;au moins une image.</translation>
    </message>
    <message>
        <source>An inference pipeline has at most {high} containers; remove {extra}.</source>
        <translation>Un pipeline d&apos;inférence compte au plus {high} conteneurs ; supprimez-en {extra}.</translation>
    </message>
    <message>
        <source>image URI</source>
        <translation>URI de l&apos;image</translation>
    </message>
    <message>
        <source>The image URI may not contain {chars}; {remove}.</source>
        <translation>L&apos;URI de l&apos;image ne peut pas contenir {chars} ; {remove}.</translation>
    </message>
    <message>
        <source>model data URL</source>
        <translation>URL des données du modèle</translation>
    </message>
    <message>
        <source>Use up to {high} letters, digits and hyphens for the hostname, starting and ending with a letter or digit (got {text}).</source>
        <translation>Utilisez jusqu&apos;à {high} lettres, chiffres et traits d&apos;union pour le nom d&apos;hôte, en commençant et en terminant par une lettre ou un chiffre (reçu : {text}).</translation>
    </message>
    <message>
        <source>Container {number} already uses the hostname {name}; each container needs its own.</source>
        <translation>Le conteneur {number} utilise déjà le nom d&apos;hôte {name} ; chaque conteneur a besoin du sien.</translation>
    </message>
    <message>
        <source>Type the framework version as digits and dots, {low}–{high} characters, such as 1.7-1 or 2.0 (got {text}).</source>
        <translation>Saisissez la version du framework en chiffres et en points, de {low} à {high} caractères, comme 1.7-1 ou 2.0 (reçu : {text}).</translation>
    </message>
    <message>
        <source>A container takes at most {high} environment variables; remove {extra}.</source>
        <translation>Un conteneur accepte au plus {high} variables d&apos;environnement ; supprimez-en {extra}.</translation>
    </message>
    <message>
        <source>Type a variable name, such as MODEL_NAME.</source>
        <translation>Saisissez un nom de variable, comme MODEL_NAME.</translation>
    </message>
    <message>
        <source>Shorten the variable name to at most {high} characters (it has {length}).</source>
        <translation>Raccourcissez le nom de la variable à {high} caractères au plus (il en compte {length}).</translation>
    </message>
    <message>
        <source>Start the variable name with a letter or underscore and use only letters, digits and underscores (got {key}).</source>
        <translation>Commencez le nom de la variable par une lettre ou un trait de soulignement et n&apos;utilisez que des lettres, des chiffres et des traits de soulignement (reçu : {key}).</translation>
    </message>
    <message>
        <source>value</source>
        <translation>valeur</translation>
    </message>
    <message>
        <source>The {what} {key} is already set above; keep one.</source>
        <translation>« {what} » {key} est déjà défini plus haut ; n&apos;en gardez qu&apos;un.</translation>
    </message>
    <message>
        <source>Shorten the MIME type to at most {high} characters (it has {length}).</source>
        <translation>Raccourcissez le type MIME à {high} caractères au plus (il en compte {length}).</translation>
    </message>
    <message>
        <source>Type a MIME type as type/subtype, such as text/csv or application/json (got {text}).</source>
        <translation>Saisissez un type MIME sous la forme type/sous-type, comme text/csv ou application/json (reçu : {text}).</translation>
    </message>
    <message>
        <source>A version takes at most {high} metadata properties; remove {extra}.</source>
        <translation>Une version accepte au plus {high} propriétés de métadonnées ; supprimez-en {extra}.</translation>
    </message>
    <message>
        <source>Type a {what}; it may not be empty.</source>
        <translation>Saisissez le champ « {what} » : il ne peut pas être vide.</translation>
    </message>
    <message>
        <source>characters AWS refuses</source>
        <translation>les caractères refusés par AWS</translation>
    </message>
    <message>
        <source>The {what} may use letters, digits, spaces and _ . : / = + - @ only; remove {chars}.</source>
        <translation>Le champ « {what} » n&apos;accepte que des lettres, des chiffres, des espaces et _ . : / = + - @ ; supprimez {chars}.</translation>
    </message>
    <message>
        <source>metrics URI</source>
        <translation>URI des métriques</translation>
    </message>
    <message>
        <source>sample payload URL</source>
        <translation>URL de la charge utile d&apos;exemple</translation>
    </message>
    <message>
        <source> Did you mean {types}?</source>
        <translation> Vouliez-vous dire {types} ?</translation>
    </message>
    <message>
        <source>{text} is not an instance type SageMaker offers for batch transform; type one such as {example}.{hint}</source>
        <translation>{text} n&apos;est pas un type d&apos;instance que SageMaker propose pour la transformation par lots ; saisissez-en un comme {example}.{hint}</translation>
    </message>
    <message>
        <source>{text} is not an instance type SageMaker offers for real-time inference; type one such as {example}.{hint}</source>
        <translation>{text} n&apos;est pas un type d&apos;instance que SageMaker propose pour l&apos;inférence en temps réel ; saisissez-en un comme {example}.{hint}</translation>
    </message>
    <message>
        <source>The {what} may not contain {chars}; {remove}. {rule}</source>
        <translation>Le champ « {what} » ne peut pas contenir {chars} ; {remove}. {rule}</translation>
    </message>
    <message>
        <source>{rule} (got {text}).</source>
        <translation>{rule} (reçu : {text}).</translation>
    </message>
    <message>
        <source>Pick the {what} from {allowed} (got {value}).</source>
        <translation>Choisissez le champ « {what} » parmi {allowed} (reçu : {value}).</translation>
    </message>
    <message>
        <source>Type the {what} as sha256: followed by 64 hexadecimal digits, such as {example}… (got {text}, {length} characters).</source>
        <translation>Saisissez le champ « {what} » sous la forme sha256: suivi de 64 chiffres hexadécimaux, comme {example}… (reçu : {text}, {length} caractères).</translation>
    </message>
    <message>
        <source>image digest</source>
        <translation>condensat de l&apos;image</translation>
    </message>
    <message>
        <source>content digest</source>
        <translation>condensat du contenu</translation>
    </message>
    <message>
        <source>Type the S3 URI of the model data, such as s3://bucket/models/llm/ (a prefix) or an object.</source>
        <translation>Saisissez l&apos;URI S3 des données du modèle, comme s3://bucket/models/llm/ (un préfixe) ou un objet.</translation>
    </message>
    <message>
        <source>model data S3 URI</source>
        <translation>URI S3 des données du modèle</translation>
    </message>
    <message>
        <source>S3 data type</source>
        <translation>type de données S3</translation>
    </message>
    <message>
        <source>compression</source>
        <translation>compression</translation>
    </message>
    <message>
        <source>Gzip compression takes one .tar.gz object: pick S3Object for the archive, or compression None for the uncompressed files under the prefix.</source>
        <translation>La compression Gzip prend un seul objet .tar.gz : choisissez S3Object pour l&apos;archive, ou la compression None pour les fichiers non compressés sous le préfixe.</translation>
    </message>
    <message>
        <source>KMS key</source>
        <translation>clé KMS</translation>
    </message>
    <message>
        <source>Type a key ID, an alias (alias/name) or a key ARN: letters, digits and : / _ - only</source>
        <translation>Saisissez un ID de clé, un alias (alias/nom) ou l&apos;ARN d&apos;une clé : lettres, chiffres et : / _ - uniquement</translation>
    </message>
    <message>
        <source>Type the source URI on one line, such as an ARN or a URL</source>
        <translation>Saisissez l&apos;URI source sur une seule ligne, comme un ARN ou une URL</translation>
    </message>
    <message>
        <source>commit ID</source>
        <translation>ID de commit</translation>
    </message>
    <message>
        <source>repository</source>
        <translation>référentiel</translation>
    </message>
    <message>
        <source>generated by</source>
        <translation>généré par</translation>
    </message>
    <message>
        <source>project ID</source>
        <translation>ID de projet</translation>
    </message>
    <message>
        <source>Write the {what} on one line; remove the line breaks.</source>
        <translation>Écrivez le champ « {what} » sur une seule ligne ; supprimez les sauts de ligne.</translation>
    </message>
    <message>
        <source>Type the file&apos;s content type, such as application/json.</source>
        <translation>Saisissez le type de contenu du fichier, comme application/json.</translation>
    </message>
    <message>
        <source>content type</source>
        <translation>type de contenu</translation>
    </message>
    <message>
        <source>model validation setting</source>
        <translation>réglage de validation du modèle</translation>
    </message>
    <message>
        <source>A version takes at most {high} additional inference specifications; remove {extra}.</source>
        <translation>Une version accepte au plus {high} spécifications d&apos;inférence supplémentaires ; supprimez-en {extra}.</translation>
    </message>
    <message>
        <source>Name the specification with {low}–{high} letters, digits and hyphens, starting and ending with a letter or digit, such as gpu-inference</source>
        <translation>Nommez la spécification avec de {low} à {high} lettres, chiffres et traits d&apos;union, en commençant et en terminant par une lettre ou un chiffre, comme gpu-inference</translation>
    </message>
    <message>
        <source>{rule}.</source>
        <translation>{rule}.</translation>
    </message>
    <message>
        <source>{rule} (it has {length} characters; remove {extra}).</source>
        <translation>{rule} (il compte {length} caractères ; supprimez-en {extra}).</translation>
    </message>
    <message>
        <source>Use letters, digits, punctuation and spaces</source>
        <translation>Utilisez des lettres, des chiffres, de la ponctuation et des espaces</translation>
    </message>
    <message>
        <source>Specification {number} is already named {name}; each needs its own name.</source>
        <translation>La spécification {number} porte déjà le nom {name} ; chacune a besoin de son propre nom.</translation>
    </message>
    <message>
        <source>card status</source>
        <translation>statut de la carte</translation>
    </message>
    <message>
        <source>card content</source>
        <translation>contenu de la carte</translation>
    </message>
    <message>
        <source>The card content is not JSON ({reason}, line {line}); fix it or clear it.</source>
        <translation>Le contenu de la carte n&apos;est pas du JSON ({reason}, ligne {line}) ; corrigez-le ou videz-le.</translation>
    </message>
    <message>
        <source>The card content must be a JSON object ({…}) of card sections.</source>
        <translation>Le contenu de la carte doit être un objet JSON ({…}) de sections de carte.</translation>
    </message>
    <message numerus="yes">
        <source> (and %n more)</source>
        <translation>
            <numerusform> (et %n autre)</numerusform>
            <numerusform> (et %n autres)</numerusform>
        </translation>
    </message>
    <message>
        <source>The card content does not follow the model card schema: {problem}{more}.</source>
        <translation>Le contenu de la carte ne respecte pas le schéma des cartes de modèle : {problem}{more}.</translation>
    </message>
    <message>
        <source>Use {low}–{high} letters, digits and hyphens for the {what}, starting and ending with a letter or digit, such as {example}</source>
        <translation>Utilisez de {low} à {high} lettres, chiffres et traits d&apos;union pour le champ « {what} », en commençant et en terminant par une lettre ou un chiffre, comme {example}</translation>
    </message>
    <message>
        <source>Type the {what}. {rule}.</source>
        <translation>Saisissez le champ « {what} ». {rule}.</translation>
    </message>
    <message>
        <source>stage</source>
        <translation>étape</translation>
    </message>
    <message>
        <source>Staging or Production</source>
        <translation>Staging ou Production</translation>
    </message>
    <message>
        <source>stage status</source>
        <translation>statut de l&apos;étape</translation>
    </message>
    <message>
        <source>Approved or In-Review</source>
        <translation>Approved ou In-Review</translation>
    </message>
    <message>
        <source>stage description</source>
        <translation>description de l&apos;étape</translation>
    </message>
    <message>
        <source>A version takes at most {high} tags; remove {extra}.</source>
        <translation>Une version accepte au plus {high} balises ; supprimez-en {extra}.</translation>
    </message>
    <message>
        <source>Tag keys starting with aws: are reserved for AWS; choose another key.</source>
        <translation>Les clés de balise commençant par aws: sont réservées à AWS ; choisissez une autre clé.</translation>
    </message>
    <message>
        <source>A version in a group is named by its group and number; remove ModelPackageName (it makes an unversioned package instead).</source>
        <translation>Une version d&apos;un groupe est nommée par son groupe et son numéro ; supprimez ModelPackageName (il crée à la place un package sans version).</translation>
    </message>
    <message>
        <source>Remove ClientToken: each call gets a fresh one, and a repeated token would return the earlier version instead of creating a new one.</source>
        <translation>Supprimez ClientToken : chaque appel en reçoit un nouveau, et un jeton réutilisé renverrait la version précédente au lieu d&apos;en créer une nouvelle.</translation>
    </message>
    <message>
        <source>The {what} are not JSON ({reason}, line {line}); type an object such as {&quot;Member&quot;: …}.</source>
        <translation>Les « {what} » ne sont pas du JSON ({reason}, ligne {line}) ; saisissez un objet comme {&quot;Member&quot;: …}.</translation>
    </message>
    <message>
        <source>The {what} must be a JSON object of member names and values ({&quot;Member&quot;: …}).</source>
        <translation>Les « {what} » doivent être un objet JSON de noms de membres et de valeurs ({&quot;Member&quot;: …}).</translation>
    </message>
    <message>
        <source>AWS knows no member {member} here; the {what} may use {members}.</source>
        <translation>AWS ne connaît aucun membre {member} ici ; les « {what} » peuvent utiliser {members}.</translation>
    </message>
    <message>
        <source>{member} has its own field; set it there and remove it from the {what}.</source>
        <translation>{member} a son propre champ ; définissez-le là et retirez-le des « {what} ».</translation>
    </message>
    <message>
        <source>The {what} are not what AWS accepts: {reason}.</source>
        <translation>Les « {what} » ne sont pas acceptés par AWS : {reason}.</translation>
    </message>
</context>
</TS>
