# tapballot: каталог переводов (русский).

## Common

service-name = tapballot
email-greeting = Уважаемый(ая) { $name }!
email-footer = Это сообщение отправлено системой tapballot — службой консультаций TAP Бюро стандартизации электросвязи (БСЭ) МСЭ. Пожалуйста, не отвечайте на него.
time-geneva-utc = { $local } Женева ({ $zone }, UTC{ $offset }) = { $utc } UTC
position-yes = Да
position-no = Нет
label-draft = Проект Рекомендации
label-position = Позиция
label-reasons = Причины и предлагаемые изменения
label-comments = Комментарии
label-replies = Ответы
label-yes = Да
label-no = Нет
label-outcome = Итог
outcome-may-proceed = может быть рассмотрен
outcome-may-not-proceed = не может быть рассмотрен
role-tsb = сотрудник БСЭ
role-member = координатор от { $member_state }

## Reply confirmation

confirmation-subject = { $reference }: ответ { $member_state } получен (редакция { $revision })
withdrawal-subject = { $reference }: ответ { $member_state } отозван (редакция { $revision })
confirmation-intro = Ответ { $member_state } на { $reference } ({ $study_group }) получен и сохранён.
withdrawal-intro = Ответ { $member_state } на { $reference } ({ $study_group }) отозван и больше не учитывается.
confirmation-revision = Редакция
confirmation-received = Получен
confirmation-receipt = Код квитанции
confirmation-entered-by = Внесён
confirmation-on-behalf = внесён БСЭ от имени { $member_state }
confirmation-source = Источник
confirmation-responses = Ответ в сохранённом виде
confirmation-no-response = нет ответа
confirmation-cutoff = Крайний срок
confirmation-revise = Ответ можно изменить или отозвать до крайнего срока: { $deadline }.
confirmation-keep-receipt = Сохраните код квитанции: он обозначает именно эту редакцию ответа.

## Invitation to a consultation

invitation-subject = { $reference }: консультация по { $count ->
        [one] { $count } проекту Рекомендации
       *[other] { $count } проектам Рекомендаций
    } { $study_group }
invitation-intro = БСЭ спрашивает вашу администрацию, предоставляет ли она { $study_group } полномочия рассмотреть для утверждения следующие проекты Рекомендаций (Резолюция 1 ВАСЭ, раздел 9).
invitation-deadline = Ответы принимаются до { $deadline }.
invitation-how = Ответьте «да» или «нет» по каждому проекту; при ответе «нет» укажите, пожалуйста, причины и предлагаемые изменения.
invitation-calendar = Крайний срок приложен в виде записи календаря.
ics-summary = Крайний срок: { $reference } ({ $study_group })

## Reminder

reminder-subject = Напоминание: приём ответов на { $reference } заканчивается { $date } (по женевскому времени)
reminder-intro = { $member_state } ещё не ответил(а) по всем проектам { $reference } ({ $study_group }).
reminder-missing = Проекты без ответа:
reminder-deadline = Ответы принимаются до { $deadline }.

## Closing summary

summary-subject = { $reference }: консультация завершена, окончательные итоги
summary-intro = Консультация { $reference } ({ $study_group }) завершилась { $deadline }. Окончательные итоги согласно пункту 9.4.5 Резолюции 1 ВАСЭ:
summary-replied = Ответивших Государств-Членов: { $count }

## Account

account-invitation-subject = Ваша учётная запись tapballot
account-invitation-intro = БСЭ создало для вас учётную запись tapballot ({ $role }).
account-invitation-action = Задайте пароль по этой ссылке; она действует до { $expires } и только один раз:
password-reset-subject = Сброс пароля tapballot
password-reset-intro = Поступил запрос на сброс пароля вашей учётной записи tapballot. Если это были не вы, просто проигнорируйте это сообщение: пароль останется прежним.
password-reset-action = Выберите новый пароль по этой ссылке; она действует до { $expires } и только один раз:
