# tapballot: فهرس الترجمات (العربية).

## Common

service-name = tapballot
email-greeting = السيد/السيدة { $name }،
email-footer = أُرسلت هذه الرسالة من tapballot، خدمة مشاورات TAP التابعة لمكتب تقييس الاتصالات (TSB) في الاتحاد الدولي للاتصالات. يُرجى عدم الرد عليها.
time-dated = { $date } — { $stamp }
# The Geneva time, the zone and the UTC time are isolated left-to-right runs
# (U+2066 … U+2069), so that the official stamp reads "2024-08-21 23:59" as in
# every other language and its parentheses are not mirrored.
time-geneva-utc = {"\u2066"}{ $local }{"\u2069"} بتوقيت جنيف {"\u2066"}({ $zone }، UTC{ $offset }){"\u2069"} = {"\u2066"}{ $utc } UTC{"\u2069"}
position-yes = نعم
position-no = لا
label-draft = مشروع التوصية
label-position = الموقف
label-reasons = الأسباب والتعديلات المقترحة
label-comments = التعليقات
label-replies = الردود
label-yes = نعم
label-no = لا
label-outcome = النتيجة
outcome-may-proceed = يمكن النظر فيه
outcome-may-not-proceed = لا يمكن النظر فيه
role-tsb = موظف في مكتب تقييس الاتصالات
role-member = جهة الاتصال عن { $member_state }

## Reply confirmation

confirmation-subject = { $reference }: تم استلام رد { $member_state } (المراجعة { $revision })
withdrawal-subject = { $reference }: تم سحب رد { $member_state } (المراجعة { $revision })
confirmation-intro = تم استلام رد { $member_state } على { $reference } ({ $study_group }) وحفظه.
withdrawal-intro = تم سحب رد { $member_state } على { $reference } ({ $study_group }). ولم يعد يُحتسب.
confirmation-revision = المراجعة
confirmation-received = تاريخ الاستلام
confirmation-receipt = رمز الإيصال
confirmation-entered-by = أدخله
confirmation-on-behalf = أدخله مكتب تقييس الاتصالات نيابةً عن { $member_state }
confirmation-source = المصدر
confirmation-responses = الرد كما حُفظ
confirmation-no-response = لا يوجد رد
confirmation-cutoff = الموعد النهائي
confirmation-revise = يمكن تعديل الرد أو سحبه حتى الموعد النهائي: { $deadline }.
confirmation-keep-receipt = احتفظوا برمز الإيصال: فهو يحدد هذه المراجعة من الرد.
confirmation-link = هذه المراجعة وإيصالها على الموقع:

## Invitation to a consultation

invitation-subject = { $reference }: مشاورة بشأن { $count ->
        [zero] { $count } مشروع توصية
        [one] مشروع توصية واحد
        [two] مشروعَي توصيتين
        [few] { $count } مشاريع توصيات
        [many] { $count } مشروعًا للتوصية
       *[other] { $count } مشروع توصية
    } للجنة { $study_group }
invitation-intro = يسأل مكتب تقييس الاتصالات إدارتكم عمّا إذا كانت تخوّل لجنة { $study_group } النظر في مشاريع التوصيات التالية بغرض الموافقة عليها (القرار 1 للجمعية العالمية لتقييس الاتصالات، القسم 9).
invitation-deadline = تُقبل الردود حتى { $deadline }.
invitation-how = يُرجى الرد بنعم أو لا على كل مشروع؛ وفي حالة الرد بلا، يُرجى بيان الأسباب والتعديلات المقترحة.
invitation-calendar = أُرفق الموعد النهائي بوصفه موعدًا في التقويم.
ics-summary = الموعد النهائي: { $reference } ({ $study_group })

## Reminder

reminder-subject = تذكير: تُغلق { $reference } في { $date } (بتوقيت جنيف)
reminder-intro = لم تردّ { $member_state } بعدُ على جميع مشاريع { $reference } ({ $study_group }).
reminder-missing = المشاريع التي لم يُرد عليها:
reminder-deadline = تُقبل الردود حتى { $deadline }.

## Closing summary

summary-subject = { $reference }: أُغلقت المشاورة، النتيجة النهائية
summary-intro = أُغلقت المشاورة { $reference } ({ $study_group }) في { $deadline }. النتيجة النهائية وفقًا للفقرة 9.4.5 من القرار 1 للجمعية العالمية لتقييس الاتصالات:
summary-replied = الدول الأعضاء التي ردّت: { $count }
summary-link = النتيجة ورد دولتكم العضو:

## Account

account-invitation-subject = حسابكم في tapballot
account-invitation-intro = أنشأ مكتب تقييس الاتصالات حسابًا لكم في tapballot ({ $role }).
account-invitation-action = عيّنوا كلمة المرور عبر هذا الرابط، وهو صالح حتى { $expires } ولمرة واحدة فقط:
password-reset-subject = إعادة تعيين كلمة المرور في tapballot
password-reset-intro = طلب أحدهم إعادة تعيين كلمة المرور لحسابكم في tapballot. إن لم تكونوا أنتم، فتجاهلوا هذه الرسالة: تبقى كلمة المرور كما هي.
password-reset-action = اختاروا كلمة مرور جديدة عبر هذا الرابط، وهو صالح حتى { $expires } ولمرة واحدة فقط:

## Web pages: frame

service-title = tapballot – مشاورات TAP لقطاع تقييس الاتصالات
skip-to-content = الانتقال إلى المحتوى
nav-label = القائمة الرئيسية
nav-home = مشاوراتي
nav-consultations = المشاورات
nav-users = المستخدمون
nav-emails = رسائل البريد
nav-password = كلمة المرور
nav-sign-in = تسجيل الدخول
nav-sign-out = تسجيل الخروج
language-label = اللغة
footer-text = الاتحاد الدولي للاتصالات – مكتب تقييس الاتصالات (TSB). الأوقات بتوقيت جنيف ما لم يُذكر خلاف ذلك.
your-time = توقيتكم المحلي:
back-home = العودة إلى الصفحة الأولى
remaining = يتبقى { $time }

## Web pages: errors

error-title = حدث خطأ ما
error-reference = مرجع هذا الطلب: { $id }
error-summary-title = توجد مشكلة
error-not-found = هذه الصفحة غير موجودة أو أُزيلت.
error-forbidden = لا يحق لكم الاطلاع على هذا أو تعديله. لا يجوز لجهات الاتصال التصرف إلا باسم دولتها العضو.
error-csrf = انتهت صلاحية الاستمارة أو لم تصدر عن هذا الموقع. عودوا إلى الصفحة السابقة وأعيدوا تحميلها ثم حاولوا مجددًا.
error-closed = أُغلقت المشاورة: لم يعد من الممكن تقديم الردود أو تعديلها أو سحبها.
error-unavailable = الخدمة مشغولة. يُرجى المحاولة مجددًا بعد قليل.
error-storage-full = لا تستطيع الخدمة حفظ أي شيء في الوقت الحالي (مساحة التخزين ممتلئة). لم يُحفظ أي شيء مما أرسلته؛ يُرجى المحاولة مجددًا لاحقًا.
error-internal = حدث خطأ داخلي وتم تسجيله؛ يُرجى المحاولة لاحقًا.
error-sign-in = عنوان البريد الإلكتروني أو كلمة المرور غير صحيح.
error-too-many-attempts = محاولات تسجيل دخول فاشلة كثيرة لهذا العنوان. انتظروا 15 دقيقة أو أعيدوا تعيين كلمة المرور.
error-password-mismatch = كلمتا المرور غير متطابقتين.
error-weak-password = اختاروا كلمة مرور لا تقل عن 12 حرفًا.
error-wrong-password = كلمة المرور الحالية غير صحيحة.
error-invalid-link = هذا الرابط غير معروف أو استُخدم من قبل أو انتهت صلاحيته. اطلبوا رابطًا جديدًا.
error-choose-position = اختاروا نعم أو لا بشأن { $draft }، أو امسحوا النصوص المتعلقة به.
error-empty-reply = أجيبوا عن مشروع توصية واحد على الأقل.
error-text-too-long = يتجاوز أحد النصوص 100 000 حرف.
error-invalid-position = اختاروا نعم أو لا.
error-date = اكتبوا التاريخ بالصيغة YYYY-MM-DD.
error-no-reply = لا يوجد رد لسحبه.

## Web pages: account

sign-in-title = تسجيل الدخول
sign-in-intro = سجّلوا الدخول بعنوان البريد الإلكتروني وكلمة المرور الخاصين بحسابكم في tapballot.
sign-in-button = تسجيل الدخول
field-email = عنوان البريد الإلكتروني
field-password = كلمة المرور
field-name = الاسم
field-role = الدور
field-language = لغة الرسائل
field-member-state = الدولة العضو
field-current-password = كلمة المرور الحالية
field-new-password = كلمة المرور الجديدة
field-confirm-password = كلمة المرور الجديدة مرة أخرى
password-hint = 12 حرفًا على الأقل. الجملة التي تتذكرونها خيار جيد.
forgot-password-link = هل نسيتم كلمة المرور؟
forgot-password-title = إعادة تعيين كلمة المرور
forgot-password-intro = أدخلوا عنوان البريد الإلكتروني لحسابكم. إن كان له حساب، فسنرسل إليه رابطًا لاختيار كلمة مرور جديدة.
forgot-password-button = إرسال الرابط
forgot-password-sent = إن كان لهذا العنوان حساب، فقد أُرسل إليه رابط صالح لمدة ساعتين ولمرة واحدة فقط.
set-password-title = اختيار كلمة المرور
set-password-button = حفظ كلمة المرور
password-set-title = حُفظت كلمة المرور
password-set-done = حُفظت كلمة المرور. يمكنكم الآن تسجيل الدخول.
change-password-title = تغيير كلمة المرور
change-password-button = تغيير كلمة المرور
change-password-done = تم تغيير كلمة المرور، وأُنهيت الجلسات الأخرى.
language-saved = تم حفظ لغة رسائلك.
error-too-large = ما أرسلته كبير جدًا: 100 000 حرف على الأكثر في كل حقل.
error-bad-form = تعذّرت قراءة الاستمارة؛ يُرجى إرسالها مرة أخرى من صفحتها.

## Web pages: administrations

home-title = مشاوراتي
home-intro = مشاورات لجان الدراسات في قطاع تقييس الاتصالات الموجهة إلى { $member_state }.
home-none = لا توجد مشاورات في الوقت الحالي.
home-table-caption = ردكم على كل مشروع من مشاريع { $reference }
label-deadline = الموعد النهائي
label-status = الحالة
label-your-reply = ردكم
label-title = العنوان
label-study-group = لجنة الدراسات
label-reference = المرجع
label-current-revision = المراجعة السارية
answered-count = { $total ->
        [zero] أُجيب عن { $answered } من أصل { $total } مشروع
        [one] أُجيب عن { $answered } من أصل مشروع واحد
        [two] أُجيب عن { $answered } من أصل مشروعين
        [few] أُجيب عن { $answered } من أصل { $total } مشاريع
        [many] أُجيب عن { $answered } من أصل { $total } مشروعًا
       *[other] أُجيب عن { $answered } من أصل { $total } مشروع
    }
status-open = مفتوحة
status-closed = مغلقة
status-withdrawn = مسحوب
action-reply = الرد
action-revise = تعديل الرد
action-view-reply = عرض الرد
action-history = سجل الرد
action-print = نسخة للطباعة
action-review = مراجعة الرد
action-submit = تقديم الرد
action-change = تعديله
action-withdraw = سحب الرد
action-cancel = إلغاء
reply-title = الرد على { $reference }
reply-for = رد { $member_state }
reply-on-behalf-note = يدخله مكتب تقييس الاتصالات نيابةً عن الدولة العضو
reply-instructions = بيّنوا لكل مشروع توصية ما إذا كانت إدارتكم تخوّل لجنة الدراسات النظر فيه بغرض الموافقة عليه. المشروع الذي لا يُختار له جواب لا رد عليه. يمكنكم تعديل ردكم حتى الموعد النهائي.
reply-closed-notice = أُغلقت هذه المشاورة. الرد أدناه نهائي ولم يعد من الممكن تعديله.
question-authority = هل تمنحون تخويلًا بالنظر في { $draft } بغرض الموافقة عليه؟
choice-yes = نعم، يُمنح التخويل
choice-no = لا
reasons-hint = إن كان ردكم لا، فيُرجى بيان الأسباب والتعديلات المقترحة (القرار 1 للجمعية العالمية لتقييس الاتصالات، 9.4.4).
draft-text-link = نص { $draft }
field-source = مصدر الرد
source-hint = كيف تلقّاه مكتب تقييس الاتصالات، مثلًا «فاكس بتاريخ 20 أغسطس 2024».
review-title = مراجعة ردكم
review-intro = تحققوا من رد { $member_state } على { $reference } قبل تقديمه.
review-warning-title = يُرجى التحقق مما يلي:
review-warning-no-reasons = { $draft }: الرد لا دون بيان أسباب. يطلب القرار 1 بيان الأسباب والتعديلات المرغوبة.
review-deadline = يمكنكم تعديل الرد حتى
receipt-title = تم استلام الرد
receipt-stored = تم استلام رد { $member_state } على { $reference } وحفظه.
receipt-withdrawn = تم سحب الرد على { $reference } ولم يعد يُحتسب.
receipt-unchanged = هذا الرد مطابق للرد الساري، لذا لم تُنشأ مراجعة جديدة.
receipt-email = أُرسل تأكيد بالبريد الإلكتروني إلى جهات الاتصال في الدولة العضو.
receipt-revise = يمكنكم تعديل الرد أو سحبه حتى الموعد النهائي.
history-title = سجل الرد
history-none = لا يوجد رد بعد.
history-current = سارية
print-title = الرد على { $reference }
print-header = الاتحاد الدولي للاتصالات – مكتب تقييس الاتصالات
print-administration = الإدارة
print-question = هل تخوّل إدارتكم لجنة { $study_group } النظر في مشاريع التوصيات التالية بغرض الموافقة عليها؟
print-marked = مؤشَّر عليه
print-not-marked = غير مؤشَّر عليه
print-signature = التوقيع:
print-date = التاريخ:
withdraw-title = سحب الرد
withdraw-intro = هل تريدون سحب رد { $member_state } على { $reference }؟ لن يُحتسب بعد ذلك. يمكنكم الرد من جديد حتى الموعد النهائي.

## Web pages: TSB staff

tsb-consultations-title = المشاورات
action-new-consultation = مشاورة جديدة
label-replied = الدول الأعضاء التي ردّت
new-consultation-title = مشاورة جديدة
edit-consultation-title = تعديل المشاورة
edit-consultation-rules = بعد أن تردّ أي دولة عضو، لا يمكن تغيير المرجع ولجنة الدراسات وأرقام المشاريع وأسمائها المؤقتة، ولا يمكن إلا تمديد الموعد النهائي.
reference-hint = مثلًا «TSB Circular 195».
deadline-hint = بالتوقيت المحلي كما يرد في التعميم: 2024-08-21T23:59 يشمل الدقيقة كلها؛ و2024-08-21T23:59:30 يشمل تلك الثانية فقط. أضيفوا فارقًا مثل +01:00 للوقت الملتبس بسبب تغيير الساعة.
label-time-zone = المنطقة الزمنية
time-zone-hint = منطقة زمنية وفق IANA؛ جنيف هي Europe/Zurich.
label-meeting-starts = بداية الاجتماع
label-meeting-ends = نهاية الاجتماع
label-meeting-place = مكان الاجتماع
label-meeting = اجتماع لجنة الدراسات
meeting-dates = من { $start } إلى { $end }
meeting-date = { $start }
meeting-with-place = { $dates }، { $place }
drafts-heading = مشاريع التوصيات
drafts-hint = اتركوا السطر فارغًا لتجاهله.
draft-row = المشروع { $n }
label-draft-number = الرقم
label-provisional-name = الاسم المؤقت
label-text-url = رابط النص
action-save = حفظ
action-create = إنشاء المشاورة
action-more-drafts = أسطر إضافية للمشاريع
action-edit = تعديل
action-export = تنزيل { $format }
tally-live = النتيجة الآنية
tally-final = النتيجة النهائية
tally-rule = يمكن النظر في المشروع إذا كانت 70 في المائة أو أكثر من الردود الواردة بشأنه بنعم، أو إذا لم يرد أي رد على الإطلاق (القرار 1 للجمعية العالمية لتقييس الاتصالات، 9.4.5).
chart-title = نسبة نعم (بالأخضر) ولا (بالأحمر) لكل مشروع؛ يشير الخط إلى 70 في المائة
chart-caption = نسبة نعم ولا بين الردود الواردة بشأن كل مشروع.
enter-on-behalf-title = إدخال رد ورد بالبريد الإلكتروني أو الفاكس
action-open-reply = فتح استمارة الرد
replied-heading = ردّت ({ $count })
not-replied-heading = لم تردّ ({ $count })
by-tsb = أدخله مكتب تقييس الاتصالات
users-title = المستخدمون
invite-heading = دعوة مستخدم
invite-hint = يتلقى المستخدم رسالة بريد إلكتروني تتضمن رابطًا لاختيار كلمة المرور.
member-state-hint = لجهات الاتصال فقط.
role-member-short = جهة اتصال
action-invite = إرسال الدعوة
users-caption = جميع من يمكنهم تسجيل الدخول
label-actions = الإجراءات
user-active = نشط
user-invited = مدعو
user-inactive = معطَّل
action-deactivate = تعطيل
action-reactivate = إعادة التفعيل
action-resend-invitation = إعادة إرسال الدعوة
deactivate-title = تعطيل مستخدم
deactivate-question = هل تريد تعطيل { $name } <{ $email }>؟ يُسجَّل خروجه فورًا، وتتوقف رموز واجهة البرمجة والروابط غير المستخدمة الخاصة به عن العمل، ولن يتمكن من تسجيل الدخول. يمكنك إعادة تفعيل الحساب لاحقًا.
action-confirm-deactivate = نعم، عطّل الحساب
users-done-invited = أُرسلت الدعوة.
users-done-deactivated = عُطّل المستخدم.
users-done-reactivated = أُعيد تفعيل المستخدم؛ يسجّل الدخول مجددًا بكلمة مروره.
users-done-invitation-sent = أُعيد إرسال الدعوة؛ ولم تعد الروابط السابقة صالحة.
user-edit-title = تعديل مستخدم
users-done-changed = عُدّل المستخدم.
emails-title = رسائل البريد
emails-intro = جميع الرسائل التي التزمت الخدمة بإرسالها، من الأحدث إلى الأقدم. يُعاد تلقائيًا محاولة إرسال الرسائل المتعثرة لمدة ثلاثة أيام.
emails-filter = التصفية حسب الحالة
filter-all = الكل
emails-none = لا توجد رسائل.
email-status-queued = في الانتظار
email-status-sent = أُرسلت
email-status-failing = متعثرة
email-status-failed = أُوقفت
email-attempts = { $count ->
        [zero] لا محاولات
        [one] محاولة واحدة
        [two] محاولتان
        [few] { $count } محاولات
        [many] { $count } محاولةً
       *[other] { $count } محاولة
    }
email-sent-at = أُرسلت في { $time }
email-next-attempt = المحاولة التالية في { $time }
label-created = تاريخ الإنشاء
label-recipient = المرسَل إليه
label-subject = الموضوع
label-details = رد الخادم أو الخطأ
action-retry = إعادة المحاولة

# Audit trail (TSB staff)
nav-activity = سجل التغييرات
activity-title = من غيّر ماذا
activity-intro = كل تغيير مع صاحبه ووقته (بتوقيت جنيف والتوقيت العالمي المنسق)، من الأحدث إلى الأقدم؛ ويُعرض { $count } تغيير كحد أقصى.
activity-filtered = التغييرات الخاصة بما يلي فقط:
activity-none = لم يُسجَّل أي تغيير.
label-when = الوقت
label-who = من
label-change = التغيير
label-subject-of-change = موضوع التغيير
action-history-of-changes = سجل التغييرات
audit-consultation-created = فُتحت المشاورة
audit-consultation-changed = عُدّلت المشاورة
audit-reply-submitted = أُرسل الرد
audit-reply-withdrawn = سُحب الرد
audit-user-added = أُضيف مستخدم
audit-user-deactivated = عُطّل مستخدم
audit-user-reactivated = أُعيد تفعيل مستخدم
audit-user-changed = عُدّل مستخدم
audit-invitation-resent = أُعيد إرسال الدعوة
audit-tokens-revoked = أُلغيت رموز الوصول إلى واجهة البرمجة
audit-password-changed = غُيّرت كلمة المرور
audit-password-set-from-link = عُيّنت كلمة المرور عبر رابط مرسل بالبريد الإلكتروني
audit-password-reset-requested = طُلبت إعادة تعيين كلمة المرور
audit-email-retry-requested = أُعيد إرسال الرسالة

# Notices of change and cancellation (emails)
notice-subject = تعديل: { $reference } ({ $study_group })
notice-intro = عدّل مكتب تقييس الاتصالات المشاورة { $reference } ({ $study_group }). ما الذي تغيّر:
notice-was = سابقاً:
notice-now = الآن:
notice-calendar = يحل مدخل التقويم المرفق محل المدخل المرسل سابقاً.
notice-reply-stands = يبقى رد { $member_state } (الصيغة { $revision }) قائماً ويُحتسب كما هو. ويمكنكم تعديله حتى الموعد النهائي.
notice-reply-partly = أجاب رد { $member_state } عن { $drafts }، وقد سحبها المكتب من المشاورة: فلم تعد تلك الإجابات تُحتسب. وتبقى إجاباته عن المشاريع الأخرى قائمة؛ يُرجى مراجعته.
notice-no-reply = لم ترد { $member_state } بعد. تُقبل الردود حتى { $deadline }.
change-none = (لا يوجد)
change-of-draft = { $draft }: { $what }
change-draft-added = أُضيف مشروع توصية
change-draft-removed = سُحب مشروع توصية
cancellation-subject = إلغاء: { $reference } ({ $study_group })
cancellation-intro = ألغى مكتب تقييس الاتصالات المشاورة { $reference }. لم تعد الردود تُقبل.
cancellation-when = أُلغيت في { $cancelled }.
label-cancellation-reason = السبب
cancellation-replies = تُحفظ الردود المرسلة من قبل، ولكن ليس للمشاورة نتيجة.
cancellation-calendar = يزيل مدخل التقويم المرفق الموعد النهائي من تقويمكم.
# Notices of change and cancellation (pages)
notice-heading = إشعار إلى الدول الأعضاء
no-notice-hint = تتلقى كل جهة اتصال إشعاراً بما تغيّر، مع مدخل التقويم المحدَّث. ويمكن حفظ تصحيح للصياغة أو الروابط أو مكان الاجتماع فقط دون إشعار؛ ويسجله سجل التغييرات.
no-notice-label = تصحيح فقط: لا يُرسل إشعار
consultation-done-saved = حُفظت التغييرات. إذا تغيّر شيء، تتلقى كل جهة اتصال إشعاراً.
consultation-done-saved-quietly = حُفظ التصحيح دون إشعار؛ ويسجله سجل التغييرات.
consultation-done-cancelled = أُلغيت المشاورة. تتلقى كل جهة اتصال إشعاراً.
action-cancel-consultation = إلغاء المشاورة
cancel-consultation-title = إلغاء { $reference }
cancel-consultation-question = هل تريد إلغاء المشاورة { $reference } ({ $study_group })؟
cancel-consultation-effects = لن تُقبل أي ردود بعد الآن. تُحفظ الردود المقدمة ويمكن تصديرها، ولكن ليس للمشاورة نتيجة. وتُبلَّغ كل جهة اتصال بالسبب المبيّن أدناه. لا يمكن التراجع عن ذلك.
cancel-reason-hint = ستقرأ الدول الأعضاء هذا النص في الإشعار.
action-confirm-cancel-consultation = إلغاء المشاورة
action-keep-consultation = إبقاؤها مفتوحة
cancelled-notice = ألغى مكتب تقييس الاتصالات هذه المشاورة في { $when }. لم تعد الردود تُقبل، وليس لها نتيجة.
status-cancelled = ملغاة
error-cancelled = ألغى مكتب تقييس الاتصالات هذه المشاورة: لم يعد من الممكن تقديم الردود أو تعديلها أو سحبها.
audit-consultation-cancelled = أُلغيت مشاورة

# After the cut-off: attested and late replies, the certified result.
confirmation-attested = تاريخ الاستلام (حسب إثبات مكتب تقييس الاتصالات)
confirmation-entered = تاريخ الإدخال
confirmation-late = وصل هذا الرد إلى مكتب تقييس الاتصالات بعد الموعد النهائي: يُسجَّل ويُبلَّغ إلى الاجتماع، لكنه لا يُحتسب (القرار 1 للجمعية WTSA، الفقرة 9.4.5).
certified-subject = { $reference }: تم التصديق على النتيجة
certified-intro = صدّق مكتب تقييس الاتصالات على نتيجة المشاورة { $reference } ({ $study_group }) في { $certified } وأبلغها إلى رئيس { $study_group }.
certified-deadline = الموعد النهائي: { $deadline }
certified-late = { $count ->
        [zero] لم ترد أي دولة عضو بعد الموعد النهائي.
        [one] ردّت دولة عضو واحدة بعد الموعد النهائي: يُبلَّغ ردها لكنه لا يُحتسب.
        [two] ردّت دولتان عضوان بعد الموعد النهائي: يُبلَّغ رداهما لكنهما لا يُحتسبان.
        [few] ردّت { $count } دول أعضاء بعد الموعد النهائي: تُبلَّغ ردودها لكنها لا تُحتسب.
        [many] ردّت { $count } دولة عضواً بعد الموعد النهائي: تُبلَّغ ردودها لكنها لا تُحتسب.
       *[other] ردّت { $count } دولة عضو بعد الموعد النهائي: تُبلَّغ ردودها لكنها لا تُحتسب.
    }
certified-final = النتيجة نهائية: لم يعد من الممكن إدخال أي رد.
entry-after-cut-off = انقضى الموعد النهائي. وإلى أن يُصدَّق على النتيجة، يجوز لمكتب تقييس الاتصالات أن يُدخل رداً وصله في الوقت المحدد بالفاكس أو البريد الإلكتروني مع وقت استلامه، أو أن يسجّل رداً وصل بعد الموعد النهائي بوصفه متأخراً (يُحفظ ويُبلَّغ ولا يُحتسب).
entry-legend = كيف تلقّى مكتب تقييس الاتصالات هذا الرد
field-received-at = وقت الاستلام (بتوقيت جنيف)
received-at-hint = الوقت الذي وصل فيه الفاكس أو البريد الإلكتروني إلى المكتب. اتركه فارغاً ما دامت المشاورة مفتوحة لاستخدام الوقت الحالي؛ وهو مطلوب بعد الموعد النهائي.
field-late = ورد بعد الموعد النهائي (متأخر: يُسجَّل ولا يُحتسب)
late-hint = لا يغيّر الرد المتأخر الحصيلة أبداً؛ ويُعرض على حدة ويُبلَّغ إلى الاجتماع.
status-late = متأخر: لا يُحتسب
status-attested = ورد في الموعد، وأُدخل لاحقاً
error-received-at-format = اكتب وقت الاستلام تاريخاً ووقتاً، مثل 2024-08-21 23:50.
error-received-at-invalid = لا يمكن قبول هذا الوقت: يجب أن يكون الرد المحتسب قد وصل إلى المكتب قبل الموعد النهائي (وليس قبل الرد الذي يحل محله)، والرد المتأخر عند الموعد النهائي أو بعده، ولا يكون أي منهما في المستقبل.
error-received-at-required = بعد الموعد النهائي، اذكر الوقت الذي وصل فيه الرد إلى المكتب.
error-source-required = اذكر كيف وصل الرد إلى المكتب (مثلاً "فاكس بتاريخ 21 أغسطس").
error-cannot-certify = لا يمكن التصديق على هذه النتيجة: المشاورة ما زالت مفتوحة، أو أُلغيت، أو صُدِّق على نتيجتها من قبل.
certified-banner = صُدِّق على النتيجة في { $date }. لم يعد من الممكن إدخال أي رد.
action-certify = التصديق على النتيجة
certify-title = التصديق على نتيجة { $reference }
certify-intro = صدِّق على النتيجة عندما يبلغها المكتب إلى رئيس { $study_group }.
certify-effects = بعد التصديق لا يمكن إدخال أي رد، حتى لو كان قد وصل إلى المكتب قبل الموعد النهائي. وتتلقى كل جهة اتصال وعنوان النسخة في المكتب النتيجة بالبريد الإلكتروني.
action-confirm-certify = التصديق على النتيجة الآن
action-back = رجوع
consultation-done-certified = صُدِّق على النتيجة، وهي تُرسَل إلى كل جهة اتصال.
label-late-replies = الردود المتأخرة (لا تُحتسب)
late-heading = { $count ->
        [zero] الردود المتأخرة ({ $count })
        [one] رد متأخر ({ $count })
        [two] ردان متأخران ({ $count })
        [few] ردود متأخرة ({ $count })
        [many] ردود متأخرة ({ $count })
       *[other] ردود متأخرة ({ $count })
    }
late-explained = وردت بعد الموعد النهائي: تُحفظ وتُبلَّغ إلى الاجتماع، ولا تُحتسب أبداً (القرار 1 للجمعية WTSA، الفقرة 9.4.5).
audit-result-certified = التصديق على النتيجة
audit-decision-recorded = تسجيل قرار الاجتماع
audit-decisions-notified = الإخطار بالقرارات
error-certified = صُدِّق على نتيجة هذه المشاورة: لم يعد من الممكن إدخال أي رد.

# The meeting's decisions (9.5-9.6).
decisions-subject = { $reference }: قرارات الاجتماع
decisions-intro = قررت لجنة الدراسات { $study_group } ما يلي بشأن مشاريع التوصيات في { $reference } (القرار 1 للجمعية WTSA، الفقرتان 9.5-9.6):
decision-approved = موافق عليه
decision-not-approved = غير موافق عليه
decision-deferred = أُرجئ القرار
decision-deferred-until = طلب وفد مهلة للتفكير، حتى { $date }
decision-reservation = تحفظ { $member_state }
decision-abstentions = الممتنعون
decision-note = ملاحظة
label-decision = القرار
deferral-subject = { $reference }: انتهت مهلة الإرجاء بشأن { $draft }
deferral-intro = انتهت في { $date } المهلة التي طلبها وفد لاتخاذ قرار بشأن { $draft } ({ $reference }، { $study_group }). سجِّل القرار النهائي:
decisions-title = قرارات الاجتماع: { $reference }
decisions-heading = قرارات الاجتماع
decisions-not-yet = يتخذ الاجتماع قراراته بعد إغلاق المشاورة؛ ولا قرارات لمشاورة ملغاة.
field-decided-on = تاريخ القرار
field-deferred-until = مُرجأ حتى
deferred-until-hint = للقرار المُرجأ فقط: أربعة أسابيع على الأكثر بعد القرار (9.5.5).
field-reservations = التحفظات
reservations-hint = تحفظ واحد في كل سطر: رمز الدولة العضو، ثم نقطتان، ثم التحفظ (مثل EGY: البند 7).
field-abstentions = الامتناع عن التصويت
abstentions-hint = رموز الدول الأعضاء الممتنعة، مفصولة بفواصل (مثل CHE, FRA).
action-save-decision = حفظ القرار بشأن { $draft }
action-notify-decisions = إخطار الدول الأعضاء بالقرارات
action-bulletin = تنزيل النص لنشرة التشغيل
action-decisions = قرارات الاجتماع
decisions-done-saved = حُفظ القرار.
decisions-done-notified = تُرسَل القرارات إلى كل جهة اتصال.
error-decision-outcome = اختر القرار: موافق عليه أو غير موافق عليه أو مُرجأ.
error-decision-date = اكتب التاريخ تاريخاً تقويمياً.
error-reservation-format = اكتب كل تحفظ في سطر مستقل بالصيغة الرمز: النص.
error-decision-refused = لم يُحفظ القرار: { $reason }
action-comments = الوثيقة المؤقتة للتعليقات ({ $format })

# Exports.
export-iso3 = رمز ISO3
export-member-state = الدولة العضو
export-provisional-name = الاسم المؤقت
export-received-utc = وقت الاستلام (UTC)
export-received-geneva = وقت الاستلام (بتوقيت جنيف)
export-on-behalf = أدخله المكتب
export-entered-utc = وقت الإدخال (UTC)
export-sheet-replies = الردود
export-sheet-tally = الحصيلة
export-sheet-late = الردود المتأخرة
export-sheet-consultation = المشاورة
export-reference = المرجع
export-certified = التصديق على النتيجة
export-not-certified = لم يتم بعد
export-status-final = نهائية: انقضى الموعد النهائي
export-status-open = مفتوحة: قد تتغير الحصيلة
export-status-cancelled = أُلغيت في { $date }: { $reason }
action-export-tally = تنزيل الحصيلة (CSV)

remaining-days = { $days ->
        [zero] { $days } يوم
        [one] يوم واحد
        [two] يومان
        [few] { $days } أيام
        [many] { $days } يومًا
       *[other] { $days } يوم
    }
remaining-hours = { $hours ->
        [zero] { $hours } ساعة
        [one] ساعة واحدة
        [two] ساعتان
        [few] { $hours } ساعات
        [many] { $hours } ساعة
       *[other] { $hours } ساعة
    }
remaining-minutes = { $minutes ->
        [zero] { $minutes } دقيقة
        [one] دقيقة واحدة
        [two] دقيقتان
        [few] { $minutes } دقائق
        [many] { $minutes } دقيقة
       *[other] { $minutes } دقيقة
    }
remaining-join = { $first } و{ $second }
activity-reply-of = { $reference }: رد { $member_state }
review-unanswered-title = { $count ->
        [zero] لن ترد إدارتكم على أي مشروع:
        [one] لن ترد إدارتكم على هذا المشروع:
        [two] لن ترد إدارتكم على هذين المشروعين:
        [few] لن ترد إدارتكم على هذه المشاريع الـ { $count }:
        [many] لن ترد إدارتكم على هذه المشاريع الـ { $count }:
       *[other] لن ترد إدارتكم على هذه المشاريع الـ { $count }:
    }
error-member-state-required = تنتمي جهة الاتصال إلى دولة عضو: اخترها.
error-member-state-refused = لا ينتمي موظفو المكتب إلى أي دولة عضو: اترك الحقل فارغاً.
error-member-state-unknown = هذه ليست دولة عضواً في الاتحاد.
error-invalid-email = اكتب عنوان بريد إلكتروني صالحاً.
error-email-taken = يوجد مستخدم بهذا العنوان من قبل.
error-name-required = اكتب اسم المستخدم.
error-field-too-long = النص طويل جداً.
error-control-characters = اكتبه في سطر واحد دون محارف تحكم.
error-unknown-language = اختر إحدى اللغات الست.
choice-no-reply = لا رد على هذا المشروع
tally-no-replies = لم ترد أي دولة عضو بعد: في غياب الردود يمكن النظر في المشروع (9.4.5)، ولذلك يظهر كل مشروع حالياً على أنه "يمكن النظر فيه".
error-consultation-missing-field = املأ كل الحقول المطلوبة.
error-consultation-no-drafts = اذكر مشروع توصية واحداً على الأقل.
error-consultation-too-many-drafts = تضم المشاورة { $max } مشروع توصية على الأكثر.
error-consultation-repeated-draft = يرد مشروع توصية مرتين.
error-consultation-meeting-dates = يجب أن ينتهي الاجتماع بعد بدئه، وأن يبدأ بعد يوم الموعد النهائي.
error-consultation-text-url = يجب أن يكون رابط النص عنوان http أو https.
error-consultation-time-zone = اذكر منطقة زمنية من قائمة IANA، مثل Europe/Zurich.
error-consultation-deadline = اكتب الموعد النهائي تاريخاً ووقتاً، مثل 2024-08-21 23:59.
error-consultation-deadline-nonexistent = هذا الوقت غير موجود في المنطقة الزمنية (تتخطاه الساعات عند بدء التوقيت الصيفي): اختر وقتاً آخر.
error-consultation-deadline-ambiguous = يتكرر هذا الوقت مرتين في المنطقة الزمنية (عند انتهاء التوقيت الصيفي): اذكر فرقه عن التوقيت العالمي، مثل 2024-10-27T02:30+02:00.
error-consultation-duplicate-reference = توجد مشاورة بهذا المرجع من قبل.
error-consultation-locked = ردّت دول أعضاء: المرجع ولجنة الدراسات والمشاريع ثابتة، ولا يجوز إلا تمديد الموعد النهائي.
error-consultation-notice-required = يجب إخطار الدول الأعضاء بهذا التغيير: لا يتغير دون إخطار إلا الصياغة والروابط ومكان الاجتماع.
error-consultation-open = ما زالت المشاورة مفتوحة: يمكن القيام بذلك بعد انقضاء الموعد النهائي.
error-not-retryable = هذه الرسالة ليست في انتظار إعادة الإرسال.
error-deactivate-self = لا يمكنك إلغاء تنشيط حسابك.
error-user-inactive = هذا الحساب غير نشط: أعد تنشيطه أولاً.
error-password-already-set = اختار هذا المستخدم كلمة مرور من قبل: لا حاجة إلى دعوة.
error-decision-invalid = لا شيء للإخطار بعد: سجّل قرارات الاجتماع أولاً.
error-invalid-query = يحتوي هذا العنوان على معلمة لا تفهمها الصفحة. ارجع واتبع رابطاً من الموقع.
error-session-ended = انتهت جلستك: سجّل الدخول مرة أخرى.
error-tally-not-final = تُعرض النتيجة بعد إغلاق المشاورة.
error-decision-rules = هذا القرار لا يتبع قواعد القرار 1، الفقرة 9.5.
error-unknown-draft = مشروع التوصية هذا ليس جزءاً من المشاورة.
error-cancel-reason-required = اذكر سبب الإلغاء: ستقرؤه الدول الأعضاء.
error-control-characters-text = احذف محارف التحكم من النص.
error-decision-deferral-date-missing = يحتاج القرار المؤجل إلى التاريخ الذي سيقرر الوفد بحلوله.
error-decision-deferral-date-unexpected = لا تذكر تاريخ تأجيل إلا لقرار مؤجل.
error-decision-deferral-too-long = ينتهي التأجيل بعد يوم القرار وفي غضون أربعة أسابيع منه على الأكثر (9.5.5)، أي في موعد أقصاه { $latest }.
error-decision-before-cut-off = يقرر الاجتماع بعد المشاورة: لا يمكن أن يسبق يوم القرار الموعد النهائي.
error-decision-in-future = لا يمكن أن يكون يوم القرار في المستقبل.
error-decision-may-not-proceed = خلصت المشاورة إلى أن هذا المشروع لا يمكن المضي فيه (9.4.5): لا يمكن الموافقة عليه.
error-decision-unknown-member-state = { $code } ليست دولة عضواً في الاتحاد.
error-decision-repeated = ورد { $code } مرتين.
error-decision-abstained-and-reserved = لا يمكن لـ { $code } أن تمتنع عن التصويت وتبدي تحفظاً في آن واحد.
error-decision-empty-reservation = تحفظ { $code } بلا نص.
error-decision-reservation-too-long = تحفظ { $code } أطول من الحد المسموح ({ $max } محرفاً).
error-decision-bad-note = يجب ألا تتجاوز الملاحظة { $max } محرفاً، ومن دون محارف تحكم.

## The verifiable receipt and its check
receipt-file-title = إيصال قابل للتحقق
receipt-file-help = يثبت هذا الملف، دون الحاجة إلى الثقة بقاعدة بيانات مكتب تقييس الاتصالات، ما تضمنه هذا الرد ووقت استلامه وأنه مُدرج في السجل الموقَّع للمكتب. احتفظ به: يمكن لأي شخص التحقق منه في صفحة «التحقق من إيصال» أو بالأمر tapballot verify-receipt.
receipt-file-download = تنزيل receipt-{ $code }.json
verify-title = التحقق من إيصال
verify-intro = يثبت ملف الإيصال (receipt-….json) ما تضمنه رد الدولة العضو وأنه مُدرج في السجل الموقَّع لمكتب تقييس الاتصالات. الصق محتواه أدناه أو اختر الملف للتحقق منه. لا يلزم تسجيل الدخول.
verify-field-receipt = الإيصال (محتوى الملف)
verify-field-file = أو اختر الملف
verify-field-key = مفتاح التحقق الخاص بالسجل (اتركه فارغاً لاستخدام مفتاح هذه الخدمة)
verify-button = تحقق
verify-key-note = يظهر أدناه مفتاح التحقق الخاص بهذه الخدمة. قارنه بالمفتاح الذي ينشره المكتب: لا يثبت الإيصال شيئاً إلا بالرجوع إلى مفتاح موثوق به.
verify-unreadable = هذا ليس ملف إيصال من tapballot.
verify-check-leaf = المُدخل هو الذي صدر له الإيصال
verify-check-signature = نقطة التحقق موقَّعة بمفتاح السجل
verify-check-inclusion = المُدخل موجود في الشجرة الموقَّعة
verify-check-log = المُدخل لا يزال في السجل اليوم
verify-holds = صحيح
verify-fails = غير صحيح
verify-ok = الإيصال صحيح: { $reference }، { $member_state }، التنقيح { $revision }، استُلم في { $received } (التوقيت العالمي).
verify-failed = الإيصال غير صحيح.
export-log-checkpoint = نقطة التحقق في السجل القابل للتحقق عند الإغلاق
export-log-not-final = (بعد إغلاق المشاورة)
confirmation-receipt-file = مرفق: { $file }، وهو إيصال يمكن لأي شخص التحقق منه دون الحاجة إلى الثقة بقاعدة بيانات مكتب تقييس الاتصالات (في صفحة «التحقق من إيصال» في الخدمة). احتفظوا به في سجلاتكم.
