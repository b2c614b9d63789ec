# tapballot: the translation catalogue, shared by emails and web pages.
# English is the source; every other language has every key.

## Common

service-name = tapballot
email-greeting = Dear { $name },
email-footer = This message was sent by tapballot, the TAP consultation service of the ITU Telecommunication Standardization Bureau (TSB). Please do not reply to it.
time-geneva-utc = { $local } Geneva ({ $zone }, UTC{ $offset }) = { $utc } UTC
position-yes = Yes
position-no = No
label-draft = Draft Recommendation
label-position = Position
label-reasons = Reasons and proposed changes
label-comments = Comments
label-replies = Replies
label-yes = Yes
label-no = No
label-outcome = Outcome
outcome-may-proceed = may proceed
outcome-may-not-proceed = may not proceed
role-tsb = TSB staff
role-member = focal point of { $member_state }

## Reply confirmation

confirmation-subject = { $reference }: reply of { $member_state } received (revision { $revision })
withdrawal-subject = { $reference }: reply of { $member_state } withdrawn (revision { $revision })
confirmation-intro = The reply of { $member_state } to { $reference } ({ $study_group }) has been received and stored.
withdrawal-intro = The reply of { $member_state } to { $reference } ({ $study_group }) has been withdrawn. It no longer counts.
confirmation-revision = Revision
confirmation-received = Received
confirmation-receipt = Receipt code
confirmation-entered-by = Entered by
confirmation-on-behalf = entered by TSB on behalf of { $member_state }
confirmation-source = Source
confirmation-responses = The reply as stored
confirmation-no-response = no reply
confirmation-cutoff = Cut-off
confirmation-revise = The reply may be revised or withdrawn until the cut-off: { $deadline }.
confirmation-keep-receipt = Keep the receipt code: it identifies this revision of the reply.

## Invitation to a consultation

invitation-subject = { $reference }: consultation on { $count ->
        [one] one draft Recommendation
       *[other] { $count } draft Recommendations
    } of { $study_group }
invitation-intro = TSB asks your administration whether it assigns authority to { $study_group } to consider the following draft Recommendations for approval (WTSA Resolution 1, section 9).
invitation-deadline = Replies are accepted until { $deadline }.
invitation-how = Reply for each draft with yes or no; with no, please give your reasons and the changes you propose.
invitation-calendar = The deadline is attached as a calendar entry.
ics-summary = Deadline: { $reference } ({ $study_group })

## Reminder

reminder-subject = Reminder: { $reference } closes on { $date } (Geneva time)
reminder-intro = { $member_state } has not yet replied to every draft of { $reference } ({ $study_group }).
reminder-missing = Drafts without a reply:
reminder-deadline = Replies are accepted until { $deadline }.

## Closing summary

summary-subject = { $reference }: consultation closed, final tally
summary-intro = The consultation { $reference } ({ $study_group }) closed at { $deadline }. Final tally under WTSA Resolution 1, 9.4.5:
summary-replied = Member States that replied: { $count }

## Account

account-invitation-subject = Your tapballot account
account-invitation-intro = TSB has created a tapballot account for you ({ $role }).
account-invitation-action = Set your password with this link, valid until { $expires } and usable once:
password-reset-subject = Reset your tapballot password
password-reset-intro = Someone asked to reset the password of your tapballot account. If it was not you, ignore this message: your password stays as it is.
password-reset-action = Choose a new password with this link, valid until { $expires } and usable once:
