# tapballot : catalogue des traductions (français).

## Common

service-name = tapballot
email-greeting = Bonjour { $name },
email-footer = Ce message a été envoyé par tapballot, le service de consultation TAP du Bureau de la normalisation des télécommunications (TSB) de l'UIT. Merci de ne pas y répondre.
time-dated = { $date } — { $stamp }
time-geneva-utc = { $local } Genève ({ $zone }, UTC{ $offset }) = { $utc } UTC
position-yes = Oui
position-no = Non
label-draft = Projet de Recommandation
label-position = Position
label-reasons = Motifs et modifications proposées
label-comments = Commentaires
label-replies = Réponses
label-yes = Oui
label-no = Non
label-outcome = Résultat
outcome-may-proceed = peut être examiné
outcome-may-not-proceed = ne peut pas être examiné
role-tsb = personnel du TSB
role-member = point focal de { $member_state }

## Reply confirmation

confirmation-subject = { $reference } : réponse de { $member_state } reçue (révision { $revision })
withdrawal-subject = { $reference } : réponse de { $member_state } retirée (révision { $revision })
confirmation-intro = La réponse de { $member_state } à { $reference } ({ $study_group }) a été reçue et enregistrée.
withdrawal-intro = La réponse de { $member_state } à { $reference } ({ $study_group }) a été retirée. Elle n'est plus prise en compte.
confirmation-revision = Révision
confirmation-received = Reçue le
confirmation-receipt = Code de reçu
confirmation-entered-by = Saisie par
confirmation-on-behalf = saisie par le TSB au nom de { $member_state }
confirmation-source = Source
confirmation-responses = La réponse telle qu'enregistrée
confirmation-no-response = pas de réponse
confirmation-cutoff = Date limite
confirmation-revise = La réponse peut être modifiée ou retirée jusqu'à la date limite : { $deadline }.
confirmation-keep-receipt = Conservez le code de reçu : il identifie cette révision de la réponse.
confirmation-link = Cette révision et son reçu en ligne :

## Invitation to a consultation

invitation-subject = { $reference } : consultation sur { $count ->
        [one] un projet de Recommandation
        [many] { $count } de projets de Recommandation
       *[other] { $count } projets de Recommandation
    } de la { $study_group }
invitation-intro = Le TSB demande à votre administration si elle autorise la { $study_group } à examiner en vue de leur approbation les projets de Recommandation suivants (Résolution 1 de l'AMNT, section 9).
invitation-deadline = Les réponses sont acceptées jusqu'au { $deadline }.
invitation-how = Répondez par oui ou par non pour chaque projet ; en cas de non, veuillez indiquer vos motifs et les modifications que vous proposez.
invitation-calendar = La date limite est jointe sous forme d'entrée de calendrier.
ics-summary = Date limite : { $reference } ({ $study_group })

## Reminder

reminder-subject = Rappel : { $reference } se termine le { $date } (heure de Genève)
reminder-intro = { $member_state } n'a pas encore répondu à tous les projets de { $reference } ({ $study_group }).
reminder-missing = Projets sans réponse :
reminder-deadline = Les réponses sont acceptées jusqu'au { $deadline }.

## Closing summary

summary-subject = { $reference } : consultation close, décompte final
summary-intro = La consultation { $reference } ({ $study_group }) s'est close le { $deadline }. Décompte final selon la Résolution 1 de l'AMNT, 9.4.5 :
summary-replied = États Membres ayant répondu : { $count }
summary-link = Le résultat et la réponse de votre État Membre :

## Account

account-invitation-subject = Votre compte tapballot
account-invitation-intro = Le TSB vous a créé un compte tapballot ({ $role }).
account-invitation-action = Définissez votre mot de passe avec ce lien, valable jusqu'au { $expires } et utilisable une seule fois :
password-reset-subject = Réinitialisation de votre mot de passe tapballot
password-reset-intro = Une demande de réinitialisation du mot de passe de votre compte tapballot a été faite. Si elle ne vient pas de vous, ignorez ce message : votre mot de passe reste inchangé.
password-reset-action = Choisissez un nouveau mot de passe avec ce lien, valable jusqu'au { $expires } et utilisable une seule fois :

## Web pages: frame

service-title = tapballot – consultations TAP de l'UIT-T
skip-to-content = Aller au contenu
nav-label = Menu principal
nav-home = Mes consultations
nav-consultations = Consultations
nav-users = Utilisateurs
nav-emails = Courriels
nav-password = Mot de passe
nav-sign-in = Se connecter
nav-sign-out = Se déconnecter
language-label = Langue
footer-text = Union internationale des télécommunications – Bureau de la normalisation des télécommunications (TSB). Les heures sont celles de Genève, sauf indication contraire.
your-time = Votre heure :
back-home = Retour à la page d'accueil
remaining = il reste { $time }

## Web pages: errors

error-title = Un problème est survenu
error-reference = Référence de cette requête : { $id }
error-summary-title = Il y a un problème
error-not-found = Cette page n'existe pas ou a été supprimée.
error-forbidden = Vous n'êtes pas autorisé à voir ou modifier ceci. Les points focaux ne peuvent agir que pour leur propre État Membre.
error-csrf = Le formulaire a expiré ou ne provient pas de ce site. Revenez en arrière, rechargez la page et réessayez.
error-closed = La consultation est close : les réponses ne peuvent plus être envoyées, modifiées ni retirées.
error-unavailable = Le service est occupé. Veuillez réessayer dans un instant.
error-storage-full = Le service ne peut rien enregistrer pour le moment (son espace de stockage est plein). Rien de ce que vous avez envoyé n’a été enregistré ; veuillez réessayer plus tard.
error-internal = Une erreur interne s'est produite. Elle a été enregistrée ; veuillez réessayer plus tard.
error-sign-in = L'adresse électronique ou le mot de passe est incorrect.
error-too-many-attempts = Trop de tentatives de connexion échouées pour cette adresse. Attendez 15 minutes ou réinitialisez votre mot de passe.
error-password-mismatch = Les deux mots de passe ne sont pas identiques.
error-weak-password = Choisissez un mot de passe d'au moins 12 caractères.
error-wrong-password = Le mot de passe actuel est incorrect.
error-invalid-link = Ce lien est inconnu, déjà utilisé ou expiré. Demandez-en un nouveau.
error-choose-position = Choisissez oui ou non pour { $draft }, ou effacez ses textes.
error-empty-reply = Répondez au moins à un projet de Recommandation.
error-text-too-long = Un texte dépasse 100 000 caractères.
error-invalid-position = Choisissez oui ou non.
error-date = Écrivez la date sous la forme AAAA-MM-JJ.
error-no-reply = Il n'y a pas de réponse à retirer.

## Web pages: account

sign-in-title = Connexion
sign-in-intro = Connectez-vous avec l'adresse électronique et le mot de passe de votre compte tapballot.
sign-in-button = Se connecter
field-email = Adresse électronique
field-password = Mot de passe
field-name = Nom
field-role = Rôle
field-language = Langue des courriels
field-member-state = État Membre
field-current-password = Mot de passe actuel
field-new-password = Nouveau mot de passe
field-confirm-password = Nouveau mot de passe (confirmation)
password-hint = Au moins 12 caractères. Une phrase dont vous vous souvenez est un bon choix.
forgot-password-link = Mot de passe oublié ?
forgot-password-title = Réinitialiser votre mot de passe
forgot-password-intro = Saisissez l'adresse électronique de votre compte. Si un compte existe, nous lui enverrons un lien pour choisir un nouveau mot de passe.
forgot-password-button = Envoyer le lien
forgot-password-sent = Si cette adresse correspond à un compte, un lien lui a été envoyé. Il est valable deux heures et ne peut servir qu'une fois.
set-password-title = Choisissez votre mot de passe
set-password-button = Enregistrer le mot de passe
password-set-title = Mot de passe enregistré
password-set-done = Votre mot de passe est enregistré. Vous pouvez maintenant vous connecter.
change-password-title = Changer votre mot de passe
change-password-button = Changer le mot de passe
change-password-done = Votre mot de passe a été changé. Les autres sessions ont été fermées.
language-saved = La langue de vos courriels a été enregistrée.
error-too-large = Ce que vous avez envoyé est trop volumineux : au plus 100 000 caractères par champ.
error-bad-form = Le formulaire n’a pas pu être lu ; envoyez-le à nouveau depuis sa page.

## Web pages: administrations

home-title = Mes consultations
home-intro = Consultations des commissions d'études de l'UIT-T pour { $member_state }.
home-none = Aucune consultation pour le moment.
home-table-caption = Votre réponse à chaque projet de { $reference }
label-deadline = Date limite
label-status = État
label-your-reply = Votre réponse
label-title = Titre
label-study-group = Commission d'études
label-reference = Référence
label-current-revision = Révision en vigueur
answered-count = { $answered ->
        [one] { $answered } projet sur { $total } a une réponse
        [many] { $answered } de projets sur { $total } ont une réponse
       *[other] { $answered } projets sur { $total } ont une réponse
    }
status-open = Ouverte
status-closed = Close
status-withdrawn = retirée
action-reply = Répondre
action-revise = Modifier la réponse
action-view-reply = Voir la réponse
action-history = Historique de la réponse
action-print = Version imprimable
action-review = Vérifier la réponse
action-submit = Envoyer la réponse
action-change = La modifier
action-withdraw = Retirer la réponse
action-cancel = Annuler
reply-title = Réponse à { $reference }
reply-for = Réponse de { $member_state }
reply-on-behalf-note = saisie par le TSB au nom de l'État Membre
reply-instructions = Pour chaque projet de Recommandation, indiquez si votre administration autorise la commission d'études à l'examiner en vue de son approbation. Un projet laissé sans réponse n'a pas de réponse. Vous pouvez modifier votre réponse jusqu'à la date limite.
reply-closed-notice = Cette consultation est close. La réponse ci-dessous est définitive et ne peut plus être modifiée.
question-authority = Autorisation d'examiner { $draft } en vue de son approbation ?
choice-yes = Oui, autorisation donnée
choice-no = Non
reasons-hint = Si vous répondez non, veuillez indiquer vos motifs et les modifications que vous proposez (Résolution 1 de l'AMNT, 9.4.4).
draft-text-link = Texte de { $draft }
field-source = Origine de la réponse
source-hint = Comment le TSB l'a reçue, par exemple « télécopie du 20 août 2024 ».
review-title = Vérifiez votre réponse
review-intro = Vérifiez la réponse de { $member_state } à { $reference } avant de l'envoyer.
review-warning-title = Veuillez vérifier :
review-warning-no-reasons = { $draft } : la réponse est non, sans motifs. La Résolution 1 demande les motifs et les modifications souhaitées.
review-deadline = Vous pouvez modifier la réponse jusqu'au
receipt-title = Réponse reçue
receipt-stored = La réponse de { $member_state } à { $reference } a été reçue et enregistrée.
receipt-withdrawn = La réponse à { $reference } a été retirée. Elle n'est plus prise en compte.
receipt-unchanged = Cette réponse est identique à la réponse en vigueur : aucune nouvelle révision n'a été créée.
receipt-email = Une confirmation a été envoyée par courriel aux points focaux de l'État Membre.
receipt-revise = Vous pouvez modifier ou retirer la réponse jusqu'à la date limite.
history-title = Historique de la réponse
history-none = Pas encore de réponse.
history-current = en vigueur
print-title = Réponse à { $reference }
print-header = Union internationale des télécommunications – Bureau de la normalisation des télécommunications
print-administration = Administration
print-question = Votre administration autorise-t-elle la { $study_group } à examiner en vue de leur approbation les projets de Recommandation suivants ?
print-marked = coché
print-not-marked = non coché
print-signature = Signature :
print-date = Date :
withdraw-title = Retirer la réponse
withdraw-intro = Retirer la réponse de { $member_state } à { $reference } ? Elle ne sera plus prise en compte. Vous pourrez répondre à nouveau jusqu'à la date limite.

## Web pages: TSB staff

tsb-consultations-title = Consultations
action-new-consultation = Nouvelle consultation
label-replied = États Membres ayant répondu
new-consultation-title = Nouvelle consultation
edit-consultation-title = Modifier la consultation
edit-consultation-rules = Dès qu'un État Membre a répondu, la référence, la commission d'études, les numéros et noms provisoires des projets ne peuvent plus changer, et la date limite ne peut qu'être prolongée.
reference-hint = Par exemple « TSB Circular 195 ».
deadline-hint = Heure locale telle que la circulaire l'indique : 2024-08-21T23:59 inclut toute la minute ; 2024-08-21T23:59:30 cette seconde seulement. Ajoutez un décalage comme +01:00 pour une heure rendue ambiguë par le changement d'heure.
label-time-zone = Fuseau horaire
time-zone-hint = Un fuseau IANA ; Genève est Europe/Zurich.
label-meeting-starts = Début de la réunion
label-meeting-ends = Fin de la réunion
label-meeting-place = Lieu de la réunion
label-meeting = Réunion de la commission d’études
meeting-dates = du { $start } au { $end }
meeting-date = le { $start }
meeting-with-place = { $dates }, { $place }
drafts-heading = Projets de Recommandation
drafts-hint = Laissez une ligne vide pour l'ignorer.
draft-row = Projet { $n }
label-draft-number = Numéro
label-provisional-name = Nom provisoire
label-text-url = Lien vers le texte
action-save = Enregistrer
action-create = Créer la consultation
action-more-drafts = Plus de lignes pour les projets
action-edit = Modifier
action-export = Télécharger { $format }
tally-live = Décompte en direct
tally-final = Décompte final
tally-rule = Un projet peut être examiné si 70 % ou plus des réponses reçues pour lui sont oui, ou s'il n'a reçu aucune réponse (Résolution 1 de l'AMNT, 9.4.5).
chart-title = Part des oui (vert) et des non (rouge) par projet ; la ligne marque 70 %
chart-caption = Part des oui et des non parmi les réponses reçues pour chaque projet.
enter-on-behalf-title = Saisir une réponse reçue par courriel ou télécopie
action-open-reply = Ouvrir le formulaire de réponse
replied-heading = Ont répondu ({ $count })
not-replied-heading = N'ont pas répondu ({ $count })
by-tsb = saisie par le TSB
users-title = Utilisateurs
invite-heading = Inviter un utilisateur
invite-hint = L'utilisateur reçoit un courriel avec un lien pour choisir un mot de passe.
member-state-hint = Pour les points focaux seulement.
role-member-short = Point focal
action-invite = Envoyer l'invitation
users-caption = Toutes les personnes qui peuvent se connecter
label-actions = Actions
user-active = actif
user-invited = invité
user-inactive = désactivé
action-deactivate = Désactiver
action-reactivate = Réactiver
action-resend-invitation = Renvoyer l’invitation
deactivate-title = Désactiver un utilisateur
deactivate-question = Désactiver { $name } <{ $email }> ? La personne est déconnectée aussitôt, ses jetons d’API et ses liens non utilisés cessent de fonctionner et elle ne peut plus se connecter. Vous pourrez réactiver le compte plus tard.
action-confirm-deactivate = Oui, désactiver
users-done-invited = L’invitation a été envoyée.
users-done-deactivated = L’utilisateur a été désactivé.
users-done-reactivated = L’utilisateur a été réactivé ; il se connecte de nouveau avec son mot de passe.
users-done-invitation-sent = L’invitation a été renvoyée ; les liens précédents ne fonctionnent plus.
user-edit-title = Modifier un utilisateur
users-done-changed = L’utilisateur a été modifié.
emails-title = Courriels
emails-intro = Tous les courriels promis par le service, du plus récent au plus ancien. Les envois en échec sont retentés automatiquement pendant trois jours.
emails-filter = Filtrer par état
filter-all = Tous
emails-none = Aucun courriel.
email-status-queued = en attente
email-status-sent = envoyé
email-status-failing = en échec
email-status-failed = abandonné
email-attempts = { $count ->
        [one] { $count } tentative
        [many] { $count } de tentatives
       *[other] { $count } tentatives
    }
email-sent-at = Envoyé le { $time }
email-next-attempt = Prochaine tentative le { $time }
label-created = Créé
label-recipient = Destinataire
label-subject = Objet
label-details = Réponse du serveur ou erreur
action-retry = Réessayer

# Audit trail (TSB staff)
nav-activity = Activité
activity-title = Qui a modifié quoi
activity-intro = Chaque modification, avec son auteur et son heure (Genève et UTC), de la plus récente à la plus ancienne ; { $count } au plus sont affichées.
activity-filtered = Seulement les modifications de
activity-none = Aucune modification enregistrée.
label-when = Quand
label-who = Qui
label-change = Modification
label-subject-of-change = Objet
action-history-of-changes = Historique des modifications
audit-consultation-created = Consultation ouverte
audit-consultation-changed = Consultation modifiée
audit-reply-submitted = Réponse envoyée
audit-reply-withdrawn = Réponse retirée
audit-user-added = Utilisateur ajouté
audit-user-deactivated = Utilisateur désactivé
audit-user-reactivated = Utilisateur réactivé
audit-user-changed = Utilisateur modifié
audit-invitation-resent = Invitation renvoyée
audit-tokens-revoked = Jetons d'API révoqués
audit-password-changed = Mot de passe modifié
audit-password-set-from-link = Mot de passe défini par un lien envoyé par courriel
audit-password-reset-requested = Réinitialisation du mot de passe demandée
audit-email-retry-requested = Courriel renvoyé

# Notices of change and cancellation (emails)
notice-subject = Modification : { $reference } ({ $study_group })
notice-intro = Le TSB a modifié la consultation { $reference } ({ $study_group }). Ce qui a changé :
notice-was = Avant :
notice-now = Désormais :
notice-calendar = L'entrée de calendrier jointe remplace celle envoyée précédemment.
notice-reply-stands = La réponse de { $member_state } (version { $revision }) reste valable : elle compte telle quelle. Vous pouvez la réviser jusqu'à la date limite.
notice-reply-partly = La réponse de { $member_state } portait sur { $drafts }, que le TSB a retiré(s) de la consultation : ces réponses ne comptent plus. Ses réponses aux autres projets restent valables ; veuillez la vérifier.
notice-no-reply = { $member_state } n'a pas encore répondu. Les réponses sont acceptées jusqu'au { $deadline }.
change-none = (aucun)
change-of-draft = { $draft } : { $what }
change-draft-added = Projet de Recommandation ajouté
change-draft-removed = Projet de Recommandation retiré
cancellation-subject = Annulation : { $reference } ({ $study_group })
cancellation-intro = Le TSB a annulé la consultation { $reference }. Aucune réponse n'est plus acceptée.
cancellation-when = Annulée le { $cancelled }.
label-cancellation-reason = Motif
cancellation-replies = Les réponses déjà envoyées sont conservées, mais la consultation n'a pas de résultat.
cancellation-calendar = L'entrée de calendrier jointe retire la date limite de votre calendrier.
# Notices of change and cancellation (pages)
notice-heading = Avis aux États Membres
no-notice-hint = Chaque correspondant reçoit un avis de ce qui a changé, avec l'entrée de calendrier mise à jour. Une simple correction du libellé, des liens ou du lieu de la réunion peut être enregistrée sans avis ; le journal des modifications la consigne.
no-notice-label = Simple correction : n'envoyer aucun avis
consultation-done-saved = Les modifications sont enregistrées. Si quelque chose a changé, chaque correspondant reçoit un avis.
consultation-done-saved-quietly = La correction est enregistrée sans avis ; le journal des modifications la consigne.
consultation-done-cancelled = La consultation est annulée. Chaque correspondant reçoit un avis.
action-cancel-consultation = Annuler la consultation
cancel-consultation-title = Annuler { $reference }
cancel-consultation-question = Annuler la consultation { $reference } ({ $study_group }) ?
cancel-consultation-effects = Aucune réponse ne sera plus acceptée. Les réponses déjà données sont conservées et peuvent encore être exportées, mais la consultation n'a pas de résultat. Chaque correspondant en est informé, avec le motif ci-dessous. Cette action est définitive.
cancel-reason-hint = Les États Membres liront ce texte dans l'avis.
action-confirm-cancel-consultation = Annuler la consultation
action-keep-consultation = La laisser ouverte
cancelled-notice = Le TSB a annulé cette consultation le { $when }. Aucune réponse n'est plus acceptée et elle n'a pas de résultat.
status-cancelled = Annulée
error-cancelled = Le TSB a annulé cette consultation : les réponses ne peuvent plus être envoyées, révisées ni retirées.
audit-consultation-cancelled = Consultation annulée

# After the cut-off: attested and late replies, the certified result.
confirmation-attested = Reçue (selon l'attestation du TSB)
confirmation-entered = Saisie
confirmation-late = Cette réponse est parvenue au TSB après la date limite : elle est enregistrée et communiquée à la réunion, mais n'est pas comptée (Résolution 1 de l'AMNT, 9.4.5).
certified-subject = { $reference } : résultat certifié
certified-intro = Le TSB a certifié le résultat de la consultation { $reference } ({ $study_group }) le { $certified } et l'a communiqué au président de la { $study_group }.
certified-deadline = Date limite : { $deadline }
certified-late = { $count ->
        [one] { $count } État Membre a répondu après la date limite : sa réponse est communiquée mais n'est pas comptée.
        [many] { $count } d’États Membres ont répondu après la date limite : leurs réponses sont communiquées mais ne sont pas comptées.
       *[other] { $count } États Membres ont répondu après la date limite : leurs réponses sont communiquées mais ne sont pas comptées.
    }
certified-final = Le résultat est définitif : plus aucune réponse ne peut être saisie.
entry-after-cut-off = La date limite est passée. Tant que le résultat n'est pas certifié, le TSB peut encore saisir une réponse qui lui est parvenue à temps par télécopie ou courrier électronique, avec l'heure de réception, ou enregistrer comme tardive une réponse reçue après la date limite (conservée et communiquée, mais non comptée).
entry-legend = Comment le TSB a reçu cette réponse
field-received-at = Reçue le (heure de Genève)
received-at-hint = Quand la télécopie ou le courrier électronique est parvenu au TSB. Laisser vide tant que la consultation est ouverte pour utiliser l'heure actuelle ; obligatoire après la date limite.
field-late = Reçue après la date limite (tardive : enregistrée, non comptée)
late-hint = Une réponse tardive ne modifie jamais le décompte ; elle est présentée à part et communiquée à la réunion.
status-late = tardive : non comptée
status-attested = reçue à temps, saisie plus tard
error-received-at-format = Indiquez l'heure de réception sous forme de date et d'heure, par exemple 2024-08-21 23:50.
error-received-at-invalid = Cette heure ne peut être acceptée : une réponse comptée doit être parvenue au TSB avant la date limite (et pas avant la réponse qu'elle remplace) ; une réponse tardive à la date limite ou après ; aucune dans le futur.
error-received-at-required = Après la date limite, indiquez l'heure à laquelle la réponse est parvenue au TSB.
error-source-required = Indiquez comment la réponse est parvenue au TSB (par exemple « télécopie du 21 août »).
error-cannot-certify = Ce résultat ne peut pas être certifié : la consultation est encore ouverte, a été annulée, ou son résultat est déjà certifié.
certified-banner = Le résultat a été certifié le { $date }. Plus aucune réponse ne peut être saisie.
action-certify = Certifier le résultat
certify-title = Certifier le résultat de { $reference }
certify-intro = Certifiez le résultat lorsque le TSB le communique au président de la { $study_group }.
certify-effects = Après la certification, aucune réponse ne peut plus être saisie, même une réponse parvenue au TSB avant la date limite. Chaque point focal et l'adresse de copie du TSB reçoivent le résultat par courrier électronique.
action-confirm-certify = Certifier le résultat maintenant
action-back = Retour
consultation-done-certified = Le résultat est certifié. Il est envoyé à chaque point focal.
label-late-replies = Réponses tardives (non comptées)
late-heading = { $count ->
        [one] Réponse tardive ({ $count })
        [many] Réponses tardives ({ $count })
       *[other] Réponses tardives ({ $count })
    }
late-explained = Reçues après la date limite : conservées et communiquées à la réunion, jamais comptées (Résolution 1 de l'AMNT, 9.4.5).
audit-result-certified = Résultat certifié
audit-decision-recorded = Décision de la réunion enregistrée
audit-decisions-notified = Décisions notifiées
error-certified = Le résultat de cette consultation est certifié : plus aucune réponse ne peut être saisie.

# The meeting's decisions (9.5-9.6).
decisions-subject = { $reference } : décisions de la réunion
decisions-intro = La commission d'études { $study_group } a pris les décisions suivantes sur les projets de Recommandation de { $reference } (Résolution 1 de l'AMNT, 9.5-9.6) :
decision-approved = approuvé
decision-not-approved = non approuvé
decision-deferred = décision différée
decision-deferred-until = une délégation a demandé un délai de réflexion, jusqu'au { $date }
decision-reservation = Réserve de { $member_state }
decision-abstentions = Abstentions
decision-note = Note
label-decision = Décision
deferral-subject = { $reference } : le délai pour { $draft } a pris fin
deferral-intro = Le délai demandé par une délégation pour se prononcer sur { $draft } ({ $reference }, { $study_group }) a pris fin le { $date }. Enregistrez la décision définitive :
decisions-title = Décisions de la réunion : { $reference }
decisions-heading = Décisions de la réunion
decisions-not-yet = La réunion décide une fois la consultation close ; une consultation annulée n'a pas de décision.
field-decided-on = Date de la décision
field-deferred-until = Différée jusqu'au
deferred-until-hint = Uniquement pour une décision différée : au plus quatre semaines après la décision (9.5.5).
field-reservations = Réserves
reservations-hint = Une par ligne : le code de l'État Membre, deux-points, la réserve (par exemple EGY: article 7).
field-abstentions = Abstentions
abstentions-hint = Les codes des États Membres qui se sont abstenus, séparés par des virgules (par exemple CHE, FRA).
action-save-decision = Enregistrer la décision sur { $draft }
action-notify-decisions = Notifier les décisions aux États Membres
action-bulletin = Télécharger le texte pour le Bulletin d'exploitation
action-decisions = Décisions de la réunion
decisions-done-saved = La décision est enregistrée.
decisions-done-notified = Les décisions sont envoyées à chaque point focal.
error-decision-outcome = Choisissez la décision : approuvé, non approuvé ou différée.
error-decision-date = Indiquez une date du calendrier.
error-reservation-format = Écrivez chaque réserve sur sa propre ligne sous la forme CODE: texte.
error-decision-refused = La décision n'a pas été enregistrée : { $reason }
action-comments = TD des commentaires ({ $format })

# Exports.
export-iso3 = Code ISO3
export-member-state = État Membre
export-provisional-name = Nom provisoire
export-received-utc = Reçue (UTC)
export-received-geneva = Reçue (heure de Genève)
export-on-behalf = Saisie par le TSB
export-entered-utc = Saisie (UTC)
export-sheet-replies = Réponses
export-sheet-tally = Décompte
export-sheet-late = Réponses tardives
export-sheet-consultation = Consultation (détails)
export-reference = Référence
export-certified = Résultat certifié
export-not-certified = pas encore
export-status-final = définitif : la date limite est passée
export-status-open = ouverte : le décompte peut encore changer
export-status-cancelled = annulée le { $date } : { $reason }
action-export-tally = Télécharger le décompte (CSV)

remaining-days = { $days ->
        [one] { $days } jour
        [many] { $days } de jours
       *[other] { $days } jours
    }
remaining-hours = { $hours ->
        [one] { $hours } heure
        [many] { $hours } d'heures
       *[other] { $hours } heures
    }
remaining-minutes = { $minutes ->
        [one] { $minutes } minute
        [many] { $minutes } de minutes
       *[other] { $minutes } minutes
    }
remaining-join = { $first } et { $second }
activity-reply-of = { $reference } : réponse de { $member_state }
review-unanswered-title = { $count ->
        [one] Ce projet n'aura pas de réponse de votre administration :
        [many] Ces { $count } de projets n'auront pas de réponse de votre administration :
       *[other] Ces { $count } projets n'auront pas de réponse de votre administration :
    }
error-member-state-required = Un point focal relève d'un État Membre : choisissez-le.
error-member-state-refused = Le personnel du TSB ne relève d'aucun État Membre : laissez ce champ vide.
error-member-state-unknown = Ce n'est pas un État Membre de l'UIT.
error-invalid-email = Indiquez une adresse électronique valide.
error-email-taken = Un utilisateur avec cette adresse électronique existe déjà.
error-name-required = Indiquez le nom de l'utilisateur.
error-field-too-long = Ce texte est trop long.
error-control-characters = Écrivez-le sur une seule ligne, sans caractères de contrôle.
error-unknown-language = Choisissez l'une des six langues.
choice-no-reply = Pas de réponse sur ce projet
tally-no-replies = Aucun État Membre n'a encore répondu : sans réponse, un projet peut être examiné (9.4.5) ; c'est pourquoi chaque projet indique pour l'instant « peut être examiné ».
error-consultation-missing-field = Remplissez tous les champs obligatoires.
error-consultation-no-drafts = Indiquez au moins un projet de Recommandation.
error-consultation-too-many-drafts = Une consultation compte au plus { $max } projets de Recommandation.
error-consultation-repeated-draft = Un projet de Recommandation figure deux fois.
error-consultation-meeting-dates = La réunion doit finir après avoir commencé, et commencer après le jour de la date limite.
error-consultation-text-url = Un lien vers le texte doit être une adresse http ou https.
error-consultation-time-zone = Indiquez un fuseau horaire IANA, par exemple Europe/Zurich.
error-consultation-deadline = Indiquez la date limite sous forme de date et d'heure, par exemple 2024-08-21 23:59.
error-consultation-deadline-nonexistent = Cette heure n'existe pas dans ce fuseau horaire (les horloges la sautent au passage à l'heure d'été) : choisissez-en une autre.
error-consultation-deadline-ambiguous = Cette heure existe deux fois dans ce fuseau horaire (au retour à l'heure d'hiver) : indiquez son décalage UTC, par exemple 2024-10-27T02:30+02:00.
error-consultation-duplicate-reference = Une consultation portant cette référence existe déjà.
error-consultation-locked = Des États Membres ont répondu : la référence, la commission d'études et les projets sont fixés, et la date limite ne peut qu'être repoussée.
error-consultation-notice-required = Cette modification doit être notifiée aux États Membres : seuls la formulation, les liens et le lieu de la réunion peuvent changer sans notification.
error-consultation-open = La consultation est encore ouverte : cette action sera possible une fois la date limite passée.
error-not-retryable = Ce courrier électronique n'est pas en attente d'un nouvel envoi.
error-deactivate-self = Vous ne pouvez pas désactiver votre propre compte.
error-user-inactive = Ce compte est désactivé : réactivez-le d'abord.
error-password-already-set = Cet utilisateur a déjà choisi un mot de passe : aucune invitation n'est nécessaire.
error-decision-invalid = Rien à notifier pour l'instant : enregistrez d'abord les décisions de la réunion.
error-invalid-query = Cette adresse contient un paramètre que la page ne comprend pas. Revenez en arrière et suivez un lien du site.
error-session-ended = Votre session a pris fin : reconnectez-vous.
error-tally-not-final = Le résultat est affiché une fois la consultation close.
error-decision-rules = Cette décision ne respecte pas les règles de la Résolution 1, 9.5.
error-unknown-draft = Ce projet de Recommandation ne fait pas partie de la consultation.
error-cancel-reason-required = Indiquez le motif de l'annulation : les États Membres le liront.
error-control-characters-text = Retirez les caractères de contrôle du texte.
error-decision-deferral-date-missing = Une décision reportée exige la date à laquelle la délégation décidera.
error-decision-deferral-date-unexpected = N'indiquez une date de report que pour une décision reportée.
error-decision-deferral-too-long = Un report prend fin après le jour de la décision et au plus quatre semaines après (9.5.5), soit au plus tard le { $latest }.
error-decision-before-cut-off = La réunion décide après la consultation : le jour de la décision ne peut précéder la date limite.
error-decision-in-future = Le jour de la décision ne peut pas être dans le futur.
error-decision-may-not-proceed = La consultation a conclu que ce projet ne peut pas être poursuivi (9.4.5) : il ne peut pas être approuvé.
error-decision-unknown-member-state = { $code } n'est pas un État Membre de l'UIT.
error-decision-repeated = { $code } est cité deux fois.
error-decision-abstained-and-reserved = { $code } ne peut pas à la fois s'abstenir et formuler une réserve.
error-decision-empty-reservation = La réserve de { $code } n'a pas de texte.
error-decision-reservation-too-long = La réserve de { $code } dépasse { $max } caractères.
error-decision-bad-note = La note doit compter au plus { $max } caractères, sans caractères de contrôle.

## The verifiable receipt and its check
receipt-file-title = Accusé de réception vérifiable
receipt-file-help = Ce fichier prouve, sans qu'il faille se fier à la base de données du TSB, ce que disait cette réponse, quand elle a été reçue, et qu'elle figure dans le journal signé du TSB. Conservez-le : chacun peut le vérifier sur la page « Vérifier un accusé de réception » ou avec la commande tapballot verify-receipt.
receipt-file-download = Télécharger receipt-{ $code }.json
verify-title = Vérifier un accusé de réception
verify-intro = Un fichier d'accusé de réception (receipt-….json) prouve ce que disait la réponse d'un État Membre et qu'elle figure dans le journal signé du TSB. Collez son contenu ci-dessous, ou choisissez le fichier, pour le vérifier. Aucune connexion n'est nécessaire.
verify-field-receipt = L'accusé de réception (le contenu du fichier)
verify-field-file = Ou choisissez le fichier
verify-field-key = La clé de vérification du journal (laisser vide pour la clé de ce service)
verify-button = Vérifier
verify-key-note = La clé de vérification de ce service figure ci-dessous. Comparez-la avec la clé publiée par le TSB : un accusé de réception ne prouve quelque chose qu'au regard d'une clé digne de confiance.
verify-unreadable = Ce n'est pas un fichier d'accusé de réception tapballot.
verify-check-leaf = L'entrée est celle pour laquelle l'accusé a été délivré
verify-check-signature = Le point de contrôle est signé par la clé du journal
verify-check-inclusion = L'entrée figure dans l'arbre signé
verify-check-log = L'entrée figure toujours dans le journal aujourd'hui
verify-holds = vérifié
verify-fails = échec
verify-ok = L'accusé de réception est valable : { $reference }, { $member_state }, révision { $revision }, reçue le { $received } (UTC).
verify-failed = L'accusé de réception n'est pas valable.
export-log-checkpoint = Point de contrôle du journal vérifiable à la clôture
export-log-not-final = (une fois la consultation close)
confirmation-receipt-file = En pièce jointe : { $file }, un accusé de réception que chacun peut vérifier sans se fier à la base de données du TSB (sur la page « Vérifier un accusé de réception » du service). Conservez-le avec vos dossiers.
