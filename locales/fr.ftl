# tapballot : catalogue des traductions (français).

## Common

service-name = tapballot
email-greeting = Bonjour { $name },
email-footer = Ce message a été envoyé par tapballot, le service de consultation TAP du Bureau de la normalisation des télécommunications (TSB) de l'UIT. Merci de ne pas y répondre.
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

## Invitation to a consultation

invitation-subject = { $reference } : consultation sur { $count ->
        [one] un projet de Recommandation
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

## Account

account-invitation-subject = Votre compte tapballot
account-invitation-intro = Le TSB vous a créé un compte tapballot ({ $role }).
account-invitation-action = Définissez votre mot de passe avec ce lien, valable jusqu'au { $expires } et utilisable une seule fois :
password-reset-subject = Réinitialisation de votre mot de passe tapballot
password-reset-intro = Une demande de réinitialisation du mot de passe de votre compte tapballot a été faite. Si elle ne vient pas de vous, ignorez ce message : votre mot de passe reste inchangé.
password-reset-action = Choisissez un nouveau mot de passe avec ce lien, valable jusqu'au { $expires } et utilisable une seule fois :
