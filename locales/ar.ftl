# tapballot: فهرس الترجمات (العربية).

## Common

service-name = tapballot
email-greeting = السيد/السيدة { $name }،
email-footer = أُرسلت هذه الرسالة من tapballot، خدمة مشاورات TAP التابعة لمكتب تقييس الاتصالات (TSB) في الاتحاد الدولي للاتصالات. يُرجى عدم الرد عليها.
time-geneva-utc = { $local } بتوقيت جنيف ({ $zone }، UTC{ $offset }) = { $utc } UTC
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

## Invitation to a consultation

invitation-subject = { $reference }: مشاورة بشأن { $count ->
        [one] مشروع توصية واحد
        [two] مشروعَي توصيتين
        [few] { $count } مشاريع توصيات
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

## Account

account-invitation-subject = حسابكم في tapballot
account-invitation-intro = أنشأ مكتب تقييس الاتصالات حسابًا لكم في tapballot ({ $role }).
account-invitation-action = عيّنوا كلمة المرور عبر هذا الرابط، وهو صالح حتى { $expires } ولمرة واحدة فقط:
password-reset-subject = إعادة تعيين كلمة المرور في tapballot
password-reset-intro = طلب أحدهم إعادة تعيين كلمة المرور لحسابكم في tapballot. إن لم تكونوا أنتم، فتجاهلوا هذه الرسالة: تبقى كلمة المرور كما هي.
password-reset-action = اختاروا كلمة مرور جديدة عبر هذا الرابط، وهو صالح حتى { $expires } ولمرة واحدة فقط:
