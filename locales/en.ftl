# tapballot: the translation catalogue, shared by emails and web pages.
# English is the source; every other language has every key.

## Common

service-name = tapballot
email-greeting = Dear { $name },
email-footer = This message was sent by tapballot, the TAP consultation service of the ITU Telecommunication Standardization Bureau (TSB). Please do not reply to it.
time-dated = { $date } — { $stamp }
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
confirmation-link = This revision and its receipt online:

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
summary-intro = The consultation { $reference } ({ $study_group }) closed on { $deadline }. Final tally under WTSA Resolution 1, 9.4.5:
summary-replied = Member States that replied: { $count }
summary-link = The result and your Member State's reply:

## Account

account-invitation-subject = Your tapballot account
account-invitation-intro = TSB has created a tapballot account for you ({ $role }).
account-invitation-action = Set your password with this link, valid until { $expires } and usable once:
password-reset-subject = Reset your tapballot password
password-reset-intro = Someone asked to reset the password of your tapballot account. If it was not you, ignore this message: your password stays as it is.
password-reset-action = Choose a new password with this link, valid until { $expires } and usable once:

## Web pages: frame

service-title = tapballot – ITU-T TAP consultations
skip-to-content = Skip to content
nav-label = Main menu
nav-home = My consultations
nav-consultations = Consultations
nav-users = Users
nav-emails = Emails
nav-password = Password
nav-sign-in = Sign in
nav-sign-out = Sign out
language-label = Language
footer-text = International Telecommunication Union – Telecommunication Standardization Bureau (TSB). Times are Geneva time unless stated otherwise.
your-time = Your time:
back-home = Back to the start page
remaining = { $time } left

## Web pages: errors

error-title = Something is not right
error-reference = Reference of this request: { $id }
error-summary-title = There is a problem
error-not-found = This page does not exist, or it was removed.
error-forbidden = You are not allowed to see or change this. Focal points can act only for their own Member State.
error-csrf = The form expired or did not come from this site. Go back, reload the page and try again.
error-closed = The consultation has closed: replies can no longer be submitted, revised or withdrawn.
error-unavailable = The service is busy. Please try again in a moment.
error-storage-full = The service cannot store anything at the moment (its storage is full). Nothing you sent was saved; please try again later.
error-internal = An internal error occurred. It has been recorded; please try again later.
error-sign-in = The email or password is not correct.
error-too-many-attempts = Too many failed sign-ins for this address. Wait 15 minutes, or reset your password.
error-password-mismatch = The two passwords are not the same.
error-weak-password = Choose a password of at least 12 characters.
error-wrong-password = The current password is not correct.
error-invalid-link = This link is unknown, already used or expired. Ask for a new one.
error-choose-position = Choose yes or no for { $draft }, or clear its texts.
error-empty-reply = Answer at least one draft Recommendation.
error-text-too-long = A text is longer than 100 000 characters.
error-invalid-position = Choose yes or no.
error-date = Write the date as YYYY-MM-DD.
error-no-reply = There is no reply to withdraw.

## Web pages: account

sign-in-title = Sign in
sign-in-intro = Sign in with the email address and password of your tapballot account.
sign-in-button = Sign in
field-email = Email address
field-password = Password
field-name = Name
field-role = Role
field-language = Language of emails
field-member-state = Member State
field-current-password = Current password
field-new-password = New password
field-confirm-password = New password again
password-hint = At least 12 characters. A sentence you remember is a good choice.
forgot-password-link = Forgot your password?
forgot-password-title = Reset your password
forgot-password-intro = Enter the email address of your account. If it has an account, we will email it a link to choose a new password.
forgot-password-button = Send the link
forgot-password-sent = If this address has an account, a link is on its way. It is valid for two hours and can be used once.
set-password-title = Choose your password
set-password-button = Save the password
password-set-title = Password saved
password-set-done = Your password is saved. You can now sign in.
change-password-title = Change your password
change-password-button = Change the password
change-password-done = Your password has been changed. Other sessions have been signed out.
language-saved = The language of your emails has been saved.
error-too-large = What you sent is too large: at most 100 000 characters per field.
error-bad-form = The form could not be read; please send it again from its page.

## Web pages: administrations

home-title = My consultations
home-intro = Consultations of ITU-T study groups for { $member_state }.
home-none = There is no consultation at the moment.
home-table-caption = Your reply to each draft of { $reference }
label-deadline = Deadline
label-status = Status
label-your-reply = Your reply
label-title = Title
label-study-group = Study group
label-reference = Reference
label-current-revision = Current revision
answered-count = { $total ->
        [one] { $answered } of { $total } draft answered
       *[other] { $answered } of { $total } drafts answered
    }
status-open = Open
status-closed = Closed
status-withdrawn = withdrawn
action-reply = Reply
action-revise = Revise the reply
action-view-reply = View the reply
action-history = Reply history
action-print = Print view
action-review = Review the reply
action-submit = Submit the reply
action-change = Change it
action-withdraw = Withdraw the reply
action-cancel = Cancel
reply-title = Reply to { $reference }
reply-for = Reply of { $member_state }
reply-on-behalf-note = entered by TSB on behalf of the Member State
reply-instructions = For each draft Recommendation, say whether your administration gives the study group authority to consider it for approval. A draft left unanswered has no reply. You may revise your reply until the deadline.
reply-closed-notice = This consultation has closed. The reply below is final and can no longer be changed.
question-authority = Authority to consider { $draft } for approval?
choice-yes = Yes, authority assigned
choice-no = No
reasons-hint = If you answer no, please give your reasons and the changes you propose (WTSA Resolution 1, 9.4.4).
draft-text-link = Text of { $draft }
field-source = Source of the reply
source-hint = How TSB received it, for example "fax of 20 August 2024".
review-title = Review your reply
review-intro = Check the reply of { $member_state } to { $reference } before you submit it.
review-warning-title = Please check:
review-warning-no-reasons = { $draft }: the answer is no without reasons. Resolution 1 asks for the reasons and the changes you want.
review-deadline = You can revise the reply until
receipt-title = Reply received
receipt-stored = The reply of { $member_state } to { $reference } has been received and stored.
receipt-withdrawn = The reply to { $reference } has been withdrawn. It no longer counts.
receipt-unchanged = This reply is the same as the current one, so no new revision was made.
receipt-email = A confirmation has been emailed to the focal points of the Member State.
receipt-revise = You can revise or withdraw the reply until the deadline.
history-title = Reply history
history-none = No reply yet.
history-current = current
print-title = Reply to { $reference }
print-header = International Telecommunication Union – Telecommunication Standardization Bureau
print-administration = Administration
print-question = Does your administration give { $study_group } authority to consider the following draft Recommendations for approval?
print-marked = marked
print-not-marked = not marked
print-signature = Signature:
print-date = Date:
withdraw-title = Withdraw the reply
withdraw-intro = Withdraw the reply of { $member_state } to { $reference }? It will no longer count. You can reply again until the deadline.

## Web pages: TSB staff

tsb-consultations-title = Consultations
action-new-consultation = New consultation
label-replied = Member States replied
new-consultation-title = New consultation
edit-consultation-title = Change the consultation
edit-consultation-rules = Once a Member State has replied, the reference, study group, draft numbers and provisional names can no longer change, and the deadline can only be extended.
reference-hint = For example "TSB Circular 195".
deadline-hint = Local time as the circular states it: 2024-08-21T23:59 includes the whole minute; 2024-08-21T23:59:30 that second only. Add an offset such as +01:00 for a time that the clock change makes ambiguous.
label-time-zone = Time zone
time-zone-hint = An IANA zone; Geneva is Europe/Zurich.
label-meeting-starts = Meeting starts
label-meeting-ends = Meeting ends
label-meeting-place = Meeting place
label-meeting = Study group meeting
meeting-dates = { $start } to { $end }
meeting-date = { $start }
meeting-with-place = { $dates }, { $place }
drafts-heading = Draft Recommendations
drafts-hint = Leave a row empty to skip it.
draft-row = Draft { $n }
label-draft-number = Number
label-provisional-name = Provisional name
label-text-url = Link to the text
action-save = Save
action-create = Create the consultation
action-more-drafts = More rows for drafts
action-edit = Change
action-export = Download { $format }
tally-live = Live tally
tally-final = Final tally
tally-rule = A draft may proceed when 70% or more of the replies received for it are yes, or when there is no reply at all (WTSA Resolution 1, 9.4.5).
chart-title = Share of yes (green) and no (red) per draft; the line marks 70%
chart-caption = Share of yes and no among the replies received for each draft.
enter-on-behalf-title = Enter a reply received by email or fax
action-open-reply = Open the reply form
replied-heading = Replied ({ $count })
not-replied-heading = Not replied ({ $count })
by-tsb = entered by TSB
users-title = Users
invite-heading = Invite a user
invite-hint = The user receives an email with a link to choose a password.
member-state-hint = For focal points only.
role-member-short = Focal point
action-invite = Send the invitation
users-caption = Everyone who can sign in
label-actions = Actions
user-active = active
user-invited = invited
user-inactive = deactivated
action-deactivate = Deactivate
action-reactivate = Reactivate
action-resend-invitation = Send the invitation again
deactivate-title = Deactivate a user
deactivate-question = Deactivate { $name } <{ $email }>? They are signed out at once, their API tokens and unused links stop working, and they can no longer sign in. You can reactivate the account later.
action-confirm-deactivate = Yes, deactivate
users-done-invited = The invitation has been sent.
users-done-deactivated = The user has been deactivated.
users-done-reactivated = The user has been reactivated; they sign in again with their password.
users-done-invitation-sent = The invitation has been sent again; earlier links no longer work.
user-edit-title = Change a user
users-done-changed = The user has been changed.
emails-title = Emails
emails-intro = Every email the service has promised, newest first. Failing emails are retried automatically for three days.
emails-filter = Filter by status
filter-all = All
emails-none = No email.
email-status-queued = queued
email-status-sent = sent
email-status-failing = failing
email-status-failed = failed
email-attempts = { $count ->
        [one] 1 attempt
       *[other] { $count } attempts
    }
email-sent-at = Sent { $time }
email-next-attempt = Next attempt { $time }
label-created = Created
label-recipient = Recipient
label-subject = Subject
label-details = Server answer or error
action-retry = Retry

# Audit trail (TSB staff)
nav-activity = Activity
activity-title = Who changed what
activity-intro = Every change, with its author and time (Geneva and UTC), newest first; at most { $count } are shown.
activity-filtered = Only the changes of
activity-none = No change recorded.
label-when = When
label-who = Who
label-change = Change
label-subject-of-change = Of what
action-history-of-changes = History of changes
audit-consultation-created = Consultation opened
audit-consultation-changed = Consultation changed
audit-reply-submitted = Reply submitted
audit-reply-withdrawn = Reply withdrawn
audit-user-added = User added
audit-user-deactivated = User deactivated
audit-user-reactivated = User reactivated
audit-user-changed = User changed
audit-invitation-resent = Invitation sent again
audit-tokens-revoked = API tokens revoked
audit-password-changed = Password changed
audit-password-set-from-link = Password set from an emailed link
audit-password-reset-requested = Password reset requested
audit-email-retry-requested = Email sent again

# Notices of change and cancellation (emails)
notice-subject = Changed: { $reference } ({ $study_group })
notice-intro = TSB has changed the consultation { $reference } ({ $study_group }). What changed:
notice-was = Was:
notice-now = Now:
notice-calendar = The calendar entry attached replaces the one sent before.
notice-reply-stands = The reply of { $member_state } (revision { $revision }) still stands: it counts as it is. You may revise it until the deadline.
notice-reply-partly = The reply of { $member_state } answered { $drafts }, which TSB removed from the consultation: those answers no longer count. Its answers to the other drafts still stand; please check it.
notice-no-reply = { $member_state } has not replied yet. Replies are accepted until { $deadline }.
change-none = (none)
change-of-draft = { $draft }: { $what }
change-draft-added = Draft Recommendation added
change-draft-removed = Draft Recommendation removed
cancellation-subject = Cancelled: { $reference } ({ $study_group })
cancellation-intro = TSB has cancelled the consultation { $reference }. No more replies are accepted.
cancellation-when = Cancelled on { $cancelled }.
label-cancellation-reason = Reason
cancellation-replies = Replies already sent are kept on record, but the consultation has no result.
cancellation-calendar = The calendar entry attached withdraws the deadline from your calendar.
# Notices of change and cancellation (pages)
notice-heading = Notice to the Member States
no-notice-hint = Every focal point is sent a notice of what changed, with the updated calendar entry. A correction of wording, links or the meeting place only may be saved without notice; the audit trail records it.
no-notice-label = Correction only: send no notice
consultation-done-saved = The changes are saved. If anything changed, every focal point is sent a notice.
consultation-done-saved-quietly = The correction is saved without notice; the audit trail records it.
consultation-done-cancelled = The consultation is cancelled. Every focal point is sent a notice.
action-cancel-consultation = Cancel the consultation
cancel-consultation-title = Cancel { $reference }
cancel-consultation-question = Cancel the consultation { $reference } ({ $study_group })?
cancel-consultation-effects = No more replies will be accepted. Replies already given are kept and can still be exported, but the consultation has no result. Every focal point is told, with the reason below. This cannot be undone.
cancel-reason-hint = The Member States read this in the notice.
action-confirm-cancel-consultation = Cancel the consultation
action-keep-consultation = Keep it open
cancelled-notice = TSB cancelled this consultation on { $when }. No more replies are accepted, and it has no result.
status-cancelled = Cancelled
error-cancelled = TSB has cancelled this consultation: replies can no longer be submitted, revised or withdrawn.
audit-consultation-cancelled = Consultation cancelled

# After the cut-off: attested and late replies, the certified result.
confirmation-attested = Received (as attested by TSB)
confirmation-entered = Entered
confirmation-late = This reply reached TSB after the cut-off: it is recorded and reported to the meeting, but not counted (WTSA Resolution 1, 9.4.5).
certified-subject = { $reference }: result certified
certified-intro = TSB has certified the result of the consultation { $reference } ({ $study_group }) on { $certified } and communicated it to the chairman of { $study_group }.
certified-deadline = Cut-off: { $deadline }
certified-late = { $count ->
        [one] 1 Member State replied after the cut-off: its reply is reported but not counted.
       *[other] { $count } Member States replied after the cut-off: their replies are reported but not counted.
    }
certified-final = The result is final: no reply can be entered any more.
entry-after-cut-off = The cut-off has passed. Until the result is certified, TSB may still enter a reply that reached it in time by fax or email, with the time it was received, or record one received after the cut-off as late (kept and reported, not counted).
entry-legend = How TSB received this reply
field-received-at = Received at (Geneva time)
received-at-hint = When the fax or email reached TSB. Leave blank while the consultation is open to use the present time; required after the cut-off.
field-late = Received after the cut-off (late: recorded, not counted)
late-hint = A late reply never changes the tally; it is listed apart and reported to the meeting.
status-late = late: not counted
status-attested = received in time, entered later
error-received-at-format = Give the time received as a date and time, e.g. 2024-08-21 23:50.
error-received-at-invalid = This time cannot be accepted: a reply counted must have reached TSB before the cut-off (and not before the reply it replaces); a late one at or after the cut-off; neither in the future.
error-received-at-required = After the cut-off, give the time the reply reached TSB.
error-source-required = Say how the reply reached TSB (e.g. "fax of 21 August").
error-cannot-certify = This result cannot be certified: the consultation is still open, was cancelled, or its result is already certified.
certified-banner = The result was certified on { $date }. No reply can be entered any more.
action-certify = Certify the result
certify-title = Certify the result of { $reference }
certify-intro = Certify the result when TSB communicates it to the chairman of { $study_group }.
certify-effects = After the certification no reply can be entered for any time, not even one that reached TSB before the cut-off. Every focal point and the TSB copy address receive the result by email.
action-confirm-certify = Certify the result now
action-back = Back
consultation-done-certified = The result is certified. Every focal point is sent the result.
label-late-replies = Late replies (not counted)
late-heading = { $count ->
        [one] Late reply (1)
       *[other] Late replies ({ $count })
    }
late-explained = Received after the cut-off: kept and reported to the meeting, never counted (WTSA Resolution 1, 9.4.5).
audit-result-certified = Result certified
audit-decision-recorded = Meeting decision recorded
audit-decisions-notified = Decisions notified
error-certified = The result of this consultation is certified: no reply can be entered any more.

# The meeting's decisions (9.5-9.6).
decisions-subject = { $reference }: decisions of the meeting
decisions-intro = The study group { $study_group } decided as follows on the draft Recommendations of { $reference } (WTSA Resolution 1, 9.5-9.6):
decision-approved = approved
decision-not-approved = not approved
decision-deferred = decision deferred
decision-deferred-until = a delegation asked for time to decide, until { $date }
decision-reservation = Reservation of { $member_state }
decision-abstentions = Abstained
decision-note = Note
label-decision = Decision
deferral-subject = { $reference }: the deferral of { $draft } has ended
deferral-intro = The time a delegation asked for to decide on { $draft } ({ $reference }, { $study_group }) ended on { $date }. Record the final decision:
decisions-title = Meeting decisions: { $reference }
decisions-heading = Decisions of the meeting
decisions-not-yet = The meeting decides once the consultation has closed; a cancelled consultation has no decisions.
field-decided-on = Decided on
field-deferred-until = Deferred until
deferred-until-hint = Only for a deferred decision: at most four weeks after the decision (9.5.5).
field-reservations = Reservations
reservations-hint = One per line: the Member State's code, a colon, the reservation (e.g. EGY: clause 7).
field-abstentions = Abstentions
abstentions-hint = The codes of the Member States that abstained, separated by commas (e.g. CHE, FRA).
action-save-decision = Save the decision on { $draft }
action-notify-decisions = Notify the decisions to the Member States
action-bulletin = Download the text for the Operational Bulletin
action-decisions = Meeting decisions
decisions-done-saved = The decision is saved.
decisions-done-notified = The decisions are being sent to every focal point.
error-decision-outcome = Choose the decision: approved, not approved or deferred.
error-decision-date = Give the date as a calendar date.
error-reservation-format = Write each reservation on its own line as CODE: text.
error-decision-refused = The decision was not saved: { $reason }
action-comments = TD of comments ({ $format })

# Exports.
export-iso3 = ISO3
export-member-state = Member State
export-provisional-name = Provisional name
export-received-utc = Received (UTC)
export-received-geneva = Received (Geneva time)
export-on-behalf = Entered by TSB
export-entered-utc = Entered (UTC)
export-sheet-replies = Replies
export-sheet-tally = Tally
export-sheet-late = Late replies
export-sheet-consultation = Consultation
export-reference = Reference
export-certified = Result certified
export-not-certified = not yet
export-status-final = final: the cut-off has passed
export-status-open = open: the tally may still change
export-status-cancelled = cancelled on { $date }: { $reason }
action-export-tally = Download the tally (CSV)

remaining-days = { $days ->
        [one] { $days } day
       *[other] { $days } days
    }
remaining-hours = { $hours ->
        [one] { $hours } hour
       *[other] { $hours } hours
    }
remaining-minutes = { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }
remaining-join = { $first } { $second }
activity-reply-of = { $reference }: reply of { $member_state }
review-unanswered-title = { $count ->
        [one] This draft will have no reply from your administration:
       *[other] These { $count } drafts will have no reply from your administration:
    }
error-member-state-required = A focal point belongs to a Member State: choose it.
error-member-state-refused = TSB staff belong to no Member State: leave it empty.
error-member-state-unknown = This is not an ITU Member State.
error-invalid-email = Give a valid email address.
error-email-taken = A user with this email address exists already.
error-name-required = Give the user's name.
error-field-too-long = This is too long.
error-control-characters = Write it on one line, without control characters.
error-unknown-language = Choose one of the six languages.
choice-no-reply = No reply on this draft
tally-no-replies = No Member State has replied yet: with no reply, a draft may proceed (9.4.5), so every draft shows "may proceed" for now.
error-consultation-missing-field = Fill in every required field.
error-consultation-no-drafts = Give at least one draft Recommendation.
error-consultation-too-many-drafts = A consultation has at most { $max } draft Recommendations.
error-consultation-repeated-draft = A draft Recommendation appears twice.
error-consultation-meeting-dates = The meeting must end after it starts, and start after the deadline's day.
error-consultation-text-url = A text link must be an http or https address.
error-consultation-time-zone = Give an IANA time zone, such as Europe/Zurich.
error-consultation-deadline = Give the deadline as a date and time, e.g. 2024-08-21 23:59.
error-consultation-deadline-nonexistent = This time does not exist in the time zone (the clocks skip it when summer time starts): choose another.
error-consultation-deadline-ambiguous = This time occurs twice in the time zone (when summer time ends): give its UTC offset, e.g. 2024-10-27T02:30+02:00.
error-consultation-duplicate-reference = A consultation with this reference exists already.
error-consultation-locked = Member States have replied: the reference, study group and drafts are fixed, and the deadline may only move later.
error-consultation-notice-required = This change must be notified to the Member States: only wording, links and the meeting place may change without notice.
error-consultation-open = The consultation is still open: this can be done once its deadline has passed.
error-not-retryable = This email is not waiting to be sent again.
error-deactivate-self = You cannot deactivate your own account.
error-user-inactive = This account is deactivated: reactivate it first.
error-password-already-set = This user has already chosen a password: no invitation is needed.
error-decision-invalid = Nothing to notify yet: record the meeting's decisions first.
error-invalid-query = This address has a parameter the page does not understand. Go back and follow a link from the site.
error-session-ended = Your session has ended: sign in again.
error-tally-not-final = The result is shown once the consultation has closed.
error-decision-rules = This decision does not follow the rules of Resolution 1, 9.5.
error-unknown-draft = This draft Recommendation is not part of the consultation.
error-cancel-reason-required = Give the reason for the cancellation: the Member States read it.
error-control-characters-text = Remove the control characters from the text.
error-decision-deferral-date-missing = A deferred decision needs the date by which the delegation decides.
error-decision-deferral-date-unexpected = Give a date of deferral only for a deferred decision.
error-decision-deferral-too-long = A deferral ends after the day of the decision and at most four weeks after it (9.5.5), by { $latest } at the latest.
error-decision-before-cut-off = The meeting decides after the consultation: the day of the decision cannot be before the cut-off.
error-decision-in-future = The day of the decision cannot be in the future.
error-decision-may-not-proceed = The consultation found that this draft may not proceed (9.4.5): it cannot be approved.
error-decision-unknown-member-state = { $code } is not an ITU Member State.
error-decision-repeated = { $code } is named twice.
error-decision-abstained-and-reserved = { $code } cannot both abstain and make a reservation.
error-decision-empty-reservation = The reservation of { $code } has no text.
error-decision-reservation-too-long = The reservation of { $code } is longer than { $max } characters.
error-decision-bad-note = The note must be at most { $max } characters, without control characters.

## The verifiable receipt and its check
receipt-file-title = Verifiable receipt
receipt-file-help = This file proves, without trusting TSB's database, what this reply said, when it was received, and that it is in TSB's signed log. Keep it: anyone can check it on the page "Verify a receipt", or with the command tapballot verify-receipt.
receipt-file-download = Download receipt-{ $code }.json
verify-title = Verify a receipt
verify-intro = A receipt file (receipt-….json) proves what a Member State's reply said and that it is in TSB's signed log. Paste its content below, or choose the file, to check it. No sign-in is needed.
verify-field-receipt = The receipt (the content of the file)
verify-field-file = Or choose the file
verify-field-key = The log's verifier key (leave empty to use this service's key)
verify-button = Verify
verify-key-note = This service's verifier key is below. Compare it with the key TSB publishes: a receipt proves something only against a key you trust.
verify-unreadable = This is not a tapballot receipt file.
verify-check-leaf = The entry is the one the receipt was given for
verify-check-signature = The checkpoint is signed by the log's key
verify-check-inclusion = The entry is in the signed tree
verify-check-log = The entry is still in the log today
verify-holds = holds
verify-fails = fails
verify-ok = The receipt holds: { $reference }, { $member_state }, revision { $revision }, received { $received } (UTC).
verify-failed = The receipt does not verify.
export-log-checkpoint = Checkpoint of the verifiable log at closing
export-log-not-final = (once the consultation has closed)
confirmation-receipt-file = Attached: { $file }, a receipt that anyone can verify without trusting TSB's database (on the page "Verify a receipt" of the service). Keep it with your records.
