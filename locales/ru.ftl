# tapballot: каталог переводов (русский).

## Common

service-name = tapballot
email-greeting = Уважаемый(ая) { $name }!
email-footer = Это сообщение отправлено системой tapballot — службой консультаций TAP Бюро стандартизации электросвязи (БСЭ) МСЭ. Пожалуйста, не отвечайте на него.
time-dated = { $date } — { $stamp }
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
confirmation-link = Эта редакция и её квитанция в сервисе:

## Invitation to a consultation

invitation-subject = { $reference }: консультация по { $count ->
        [one] { $count } проекту Рекомендации
        [few] { $count } проектам Рекомендаций
        [many] { $count } проектам Рекомендаций
       *[other] { $count } проекта Рекомендаций
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
summary-link = Итог и ответ вашего Государства-Члена:

## Account

account-invitation-subject = Ваша учётная запись tapballot
account-invitation-intro = БСЭ создало для вас учётную запись tapballot ({ $role }).
account-invitation-action = Задайте пароль по этой ссылке; она действует до { $expires } и только один раз:
password-reset-subject = Сброс пароля tapballot
password-reset-intro = Поступил запрос на сброс пароля вашей учётной записи tapballot. Если это были не вы, просто проигнорируйте это сообщение: пароль останется прежним.
password-reset-action = Выберите новый пароль по этой ссылке; она действует до { $expires } и только один раз:

## Web pages: frame

service-title = tapballot – консультации TAP МСЭ-T
skip-to-content = Перейти к содержимому
nav-label = Главное меню
nav-home = Мои консультации
nav-consultations = Консультации
nav-users = Пользователи
nav-emails = Письма
nav-password = Пароль
nav-sign-in = Войти
nav-sign-out = Выйти
language-label = Язык
footer-text = Международный союз электросвязи – Бюро стандартизации электросвязи (БСЭ). Время указано по Женеве, если не оговорено иное.
your-time = Ваше время:
back-home = Вернуться на начальную страницу
remaining = осталось: { $time }

## Web pages: errors

error-title = Что-то пошло не так
error-reference = Номер этого запроса: { $id }
error-summary-title = Обнаружена проблема
error-not-found = Такой страницы нет, или она была удалена.
error-forbidden = У вас нет права просматривать или изменять это. Координаторы могут действовать только от имени своего Государства-Члена.
error-csrf = Срок действия формы истёк, или она отправлена не с этого сайта. Вернитесь назад, обновите страницу и повторите попытку.
error-closed = Консультация завершена: ответы больше нельзя отправлять, изменять или отзывать.
error-unavailable = Служба занята. Повторите попытку через минуту.
error-storage-full = Служба сейчас не может ничего сохранить (её хранилище заполнено). Ничего из отправленного вами не сохранено; повторите попытку позже.
error-internal = Произошла внутренняя ошибка. Она зарегистрирована; повторите попытку позже.
error-sign-in = Неверный адрес электронной почты или пароль.
error-too-many-attempts = Слишком много неудачных попыток входа для этого адреса. Подождите 15 минут или сбросьте пароль.
error-password-mismatch = Пароли не совпадают.
error-weak-password = Выберите пароль длиной не менее 12 символов.
error-wrong-password = Текущий пароль указан неверно.
error-invalid-link = Эта ссылка неизвестна, уже использована или устарела. Запросите новую.
error-choose-position = Выберите «да» или «нет» для { $draft } или удалите его тексты.
error-empty-reply = Ответьте хотя бы по одному проекту Рекомендации.
error-text-too-long = Текст длиннее 100 000 символов.
error-invalid-position = Выберите «да» или «нет».
error-date = Укажите дату в формате ГГГГ-ММ-ДД.
error-no-reply = Нет ответа, который можно отозвать.

## Web pages: account

sign-in-title = Вход
sign-in-intro = Войдите, указав адрес электронной почты и пароль вашей учётной записи tapballot.
sign-in-button = Войти
field-email = Адрес электронной почты
field-password = Пароль
field-name = Имя
field-role = Роль
field-language = Язык писем
field-member-state = Государство-Член
field-current-password = Текущий пароль
field-new-password = Новый пароль
field-confirm-password = Повторите новый пароль
password-hint = Не менее 12 символов. Хороший выбор — запоминающаяся фраза.
forgot-password-link = Забыли пароль?
forgot-password-title = Сброс пароля
forgot-password-intro = Введите адрес электронной почты вашей учётной записи. Если такая учётная запись есть, мы отправим на него ссылку для выбора нового пароля.
forgot-password-button = Отправить ссылку
forgot-password-sent = Если для этого адреса есть учётная запись, ссылка уже отправлена. Она действует два часа и только один раз.
set-password-title = Выберите пароль
set-password-button = Сохранить пароль
password-set-title = Пароль сохранён
password-set-done = Ваш пароль сохранён. Теперь вы можете войти.
change-password-title = Смена пароля
change-password-button = Сменить пароль
change-password-done = Ваш пароль изменён. Остальные сеансы завершены.
language-saved = Язык ваших писем сохранён.
error-too-large = Отправленные данные слишком велики: не более 100 000 символов в поле.
error-bad-form = Не удалось прочитать форму; отправьте её ещё раз со своей страницы.

## Web pages: administrations

home-title = Мои консультации
home-intro = Консультации исследовательских комиссий МСЭ-T для { $member_state }.
home-none = Сейчас консультаций нет.
home-table-caption = Ваш ответ по каждому проекту { $reference }
label-deadline = Крайний срок
label-status = Состояние
label-your-reply = Ваш ответ
label-title = Название
label-study-group = Исследовательская комиссия
label-reference = Номер документа
label-current-revision = Действующая редакция
answered-count = { $total ->
        [one] Отвечено по { $answered } из { $total } проекта
        [few] Отвечено по { $answered } из { $total } проектов
        [many] Отвечено по { $answered } из { $total } проектов
       *[other] Отвечено по { $answered } из { $total } проекта
    }
status-open = Открыта
status-closed = Завершена
status-withdrawn = отозван
action-reply = Ответить
action-revise = Изменить ответ
action-view-reply = Посмотреть ответ
action-history = История ответа
action-print = Версия для печати
action-review = Проверить ответ
action-submit = Отправить ответ
action-change = Изменить
action-withdraw = Отозвать ответ
action-cancel = Отмена
reply-title = Ответ на { $reference }
reply-for = Ответ { $member_state }
reply-on-behalf-note = вносится БСЭ от имени Государства-Члена
reply-instructions = По каждому проекту Рекомендации укажите, предоставляет ли ваша администрация исследовательской комиссии полномочия рассмотреть его для утверждения. По проекту без отметки ответа нет. Ответ можно изменять до крайнего срока.
reply-closed-notice = Эта консультация завершена. Приведённый ниже ответ окончателен и больше не может быть изменён.
question-authority = Предоставить полномочия рассмотреть { $draft } для утверждения?
choice-yes = Да, полномочия предоставлены
choice-no = Нет
reasons-hint = При ответе «нет» укажите, пожалуйста, причины и предлагаемые изменения (Резолюция 1 ВАСЭ, 9.4.4).
draft-text-link = Текст { $draft }
field-source = Источник ответа
source-hint = Как БСЭ его получило, например «факс от 20 августа 2024 года».
review-title = Проверьте ответ
review-intro = Проверьте ответ { $member_state } на { $reference } перед отправкой.
review-warning-title = Обратите внимание:
review-warning-no-reasons = { $draft }: ответ «нет» без причин. Резолюция 1 просит указать причины и желаемые изменения.
review-deadline = Ответ можно изменить до
receipt-title = Ответ получен
receipt-stored = Ответ { $member_state } на { $reference } получен и сохранён.
receipt-withdrawn = Ответ на { $reference } отозван и больше не учитывается.
receipt-unchanged = Этот ответ совпадает с действующим, поэтому новая редакция не создана.
receipt-email = Подтверждение отправлено по электронной почте координаторам Государства-Члена.
receipt-revise = Ответ можно изменить или отозвать до крайнего срока.
history-title = История ответа
history-none = Ответа пока нет.
history-current = действующая
print-title = Ответ на { $reference }
print-header = Международный союз электросвязи – Бюро стандартизации электросвязи
print-administration = Администрация
print-question = Предоставляет ли ваша администрация { $study_group } полномочия рассмотреть для утверждения следующие проекты Рекомендаций?
print-marked = отмечено
print-not-marked = не отмечено
print-signature = Подпись:
print-date = Дата:
withdraw-title = Отзыв ответа
withdraw-intro = Отозвать ответ { $member_state } на { $reference }? Он больше не будет учитываться. До крайнего срока можно ответить снова.

## Web pages: TSB staff

tsb-consultations-title = Консультации
action-new-consultation = Новая консультация
label-replied = Ответивших Государств-Членов
new-consultation-title = Новая консультация
edit-consultation-title = Изменение консультации
edit-consultation-rules = После первого ответа Государства-Члена номер документа, исследовательская комиссия, номера и временные названия проектов больше не меняются, а крайний срок можно только продлить.
reference-hint = Например, «TSB Circular 195».
deadline-hint = Местное время, как в циркуляре: 2024-08-21T23:59 включает всю минуту; 2024-08-21T23:59:30 — только эту секунду. Для времени, неоднозначного из-за перевода часов, добавьте смещение, например +01:00.
label-time-zone = Часовой пояс
time-zone-hint = Пояс IANA; для Женевы — Europe/Zurich.
label-meeting-starts = Начало собрания
label-meeting-ends = Окончание собрания
label-meeting-place = Место собрания
label-meeting = Собрание исследовательской комиссии
meeting-dates = с { $start } по { $end }
meeting-date = { $start }
meeting-with-place = { $dates }, { $place }
drafts-heading = Проекты Рекомендаций
drafts-hint = Пустые строки пропускаются.
draft-row = Проект { $n }
label-draft-number = Номер
label-provisional-name = Временное название
label-text-url = Ссылка на текст
action-save = Сохранить
action-create = Создать консультацию
action-more-drafts = Добавить строки для проектов
action-edit = Изменить
action-export = Скачать { $format }
tally-live = Текущие итоги
tally-final = Окончательные итоги
tally-rule = Проект может быть рассмотрен, если не менее 70 % полученных по нему ответов — «да» или если ответов нет совсем (Резолюция 1 ВАСЭ, 9.4.5).
chart-title = Доля ответов «да» (зелёный) и «нет» (красный) по проектам; линия отмечает 70 %
chart-caption = Доля ответов «да» и «нет» среди полученных по каждому проекту.
enter-on-behalf-title = Внести ответ, полученный по электронной почте или факсу
action-open-reply = Открыть форму ответа
replied-heading = Ответили ({ $count })
not-replied-heading = Не ответили ({ $count })
by-tsb = внесён БСЭ
users-title = Пользователи
invite-heading = Пригласить пользователя
invite-hint = Пользователь получит письмо со ссылкой для выбора пароля.
member-state-hint = Только для координаторов.
role-member-short = Координатор
action-invite = Отправить приглашение
users-caption = Все, кто может войти в систему
label-actions = Действия
user-active = активен
user-invited = приглашён
user-inactive = отключён
action-deactivate = Отключить
action-reactivate = Снова активировать
action-resend-invitation = Отправить приглашение повторно
deactivate-title = Деактивация пользователя
deactivate-question = Деактивировать { $name } <{ $email }>? Сеансы пользователя сразу завершаются, его токены API и неиспользованные ссылки перестают действовать, войти он больше не сможет. Учётную запись можно будет снова активировать позже.
action-confirm-deactivate = Да, деактивировать
users-done-invited = Приглашение отправлено.
users-done-deactivated = Пользователь деактивирован.
users-done-reactivated = Пользователь снова активирован; он входит со своим паролем.
users-done-invitation-sent = Приглашение отправлено повторно; прежние ссылки больше не действуют.
user-edit-title = Изменение пользователя
users-done-changed = Данные пользователя изменены.
emails-title = Письма
emails-intro = Все письма, обещанные службой, от новых к старым. Неудачные отправки автоматически повторяются в течение трёх дней.
emails-filter = Фильтр по состоянию
filter-all = Все
emails-none = Писем нет.
email-status-queued = в очереди
email-status-sent = отправлено
email-status-failing = ошибка отправки
email-status-failed = не доставлено
email-attempts = { $count ->
        [one] { $count } попытка
        [few] { $count } попытки
        [many] { $count } попыток
       *[other] { $count } попытки
    }
email-sent-at = Отправлено: { $time }
email-next-attempt = Следующая попытка: { $time }
label-created = Создано
label-recipient = Получатель
label-subject = Тема
label-details = Ответ сервера или ошибка
action-retry = Повторить

# Audit trail (TSB staff)
nav-activity = Журнал
activity-title = Кто и что изменил
activity-intro = Все изменения с автором и временем (Женева и UTC), начиная с последних; показано не более { $count }.
activity-filtered = Только изменения объекта
activity-none = Изменений не зарегистрировано.
label-when = Когда
label-who = Кто
label-change = Изменение
label-subject-of-change = Объект
action-history-of-changes = История изменений
audit-consultation-created = Консультация открыта
audit-consultation-changed = Консультация изменена
audit-reply-submitted = Ответ отправлен
audit-reply-withdrawn = Ответ отозван
audit-user-added = Пользователь добавлен
audit-user-deactivated = Пользователь деактивирован
audit-user-reactivated = Пользователь снова активирован
audit-user-changed = Пользователь изменён
audit-invitation-resent = Приглашение отправлено повторно
audit-tokens-revoked = Токены API отозваны
audit-password-changed = Пароль изменён
audit-password-set-from-link = Пароль задан по ссылке из письма
audit-password-reset-requested = Запрошен сброс пароля
audit-email-retry-requested = Письмо отправлено повторно

# Notices of change and cancellation (emails)
notice-subject = Изменение: { $reference } ({ $study_group })
notice-intro = БСЭ изменило консультацию { $reference } ({ $study_group }). Что изменилось:
notice-was = Было:
notice-now = Стало:
notice-calendar = Приложенная запись календаря заменяет отправленную ранее.
notice-reply-stands = Ответ { $member_state } (версия { $revision }) остается в силе и учитывается в нынешнем виде. Его можно изменить до предельного срока.
notice-reply-partly = Ответ { $member_state } касался { $drafts }, которые БСЭ исключило из консультации: эти ответы больше не учитываются. Ответы по остальным проектам остаются в силе; пожалуйста, проверьте его.
notice-no-reply = { $member_state } еще не ответило. Ответы принимаются до { $deadline }.
change-none = (нет)
change-of-draft = { $draft }: { $what }
change-draft-added = Проект Рекомендации добавлен
change-draft-removed = Проект Рекомендации исключен
cancellation-subject = Отмена: { $reference } ({ $study_group })
cancellation-intro = БСЭ отменило консультацию { $reference }. Ответы больше не принимаются.
cancellation-when = Отменена { $cancelled }.
label-cancellation-reason = Причина
cancellation-replies = Уже отправленные ответы сохраняются, но у консультации нет результата.
cancellation-calendar = Приложенная запись календаря удаляет предельный срок из вашего календаря.
# Notices of change and cancellation (pages)
notice-heading = Уведомление Государствам-Членам
no-notice-hint = Каждый координатор получает уведомление о том, что изменилось, с обновленной записью календаря. Простое исправление формулировок, ссылок или места собрания можно сохранить без уведомления; журнал изменений это фиксирует.
no-notice-label = Только исправление: не отправлять уведомление
consultation-done-saved = Изменения сохранены. Если что-то изменилось, каждый координатор получает уведомление.
consultation-done-saved-quietly = Исправление сохранено без уведомления; журнал изменений это фиксирует.
consultation-done-cancelled = Консультация отменена. Каждый координатор получает уведомление.
action-cancel-consultation = Отменить консультацию
cancel-consultation-title = Отмена { $reference }
cancel-consultation-question = Отменить консультацию { $reference } ({ $study_group })?
cancel-consultation-effects = Ответы больше не будут приниматься. Уже данные ответы сохраняются и могут экспортироваться, но у консультации не будет результата. Каждый координатор будет уведомлен с указанной ниже причиной. Это действие необратимо.
cancel-reason-hint = Государства-Члены прочитают этот текст в уведомлении.
action-confirm-cancel-consultation = Отменить консультацию
action-keep-consultation = Оставить открытой
cancelled-notice = БСЭ отменило эту консультацию { $when }. Ответы больше не принимаются, и у нее нет результата.
status-cancelled = Отменена
error-cancelled = БСЭ отменило эту консультацию: ответы больше нельзя отправлять, изменять или отзывать.
audit-consultation-cancelled = Консультация отменена

# After the cut-off: attested and late replies, the certified result.
confirmation-attested = Получен (по удостоверению БСЭ)
confirmation-entered = Внесён
confirmation-late = Этот ответ поступил в БСЭ после предельного срока: он зарегистрирован и сообщён собранию, но не учитывается (Резолюция 1 ВАСЭ, 9.4.5).
certified-subject = { $reference }: результат удостоверен
certified-intro = БСЭ удостоверило результат консультации { $reference } ({ $study_group }) { $certified } и сообщило его председателю { $study_group }.
certified-deadline = Предельный срок: { $deadline }
certified-late = { $count ->
        [one] { $count } Государство-Член ответило после предельного срока: его ответ сообщается, но не учитывается.
        [few] { $count } Государства-Члена ответили после предельного срока: их ответы сообщаются, но не учитываются.
        [many] { $count } Государств-Членов ответили после предельного срока: их ответы сообщаются, но не учитываются.
       *[other] { $count } Государства-Члена ответили после предельного срока: их ответы сообщаются, но не учитываются.
    }
certified-final = Результат окончательный: ответы больше не принимаются к внесению.
entry-after-cut-off = Предельный срок истёк. Пока результат не удостоверен, БСЭ может внести ответ, поступивший вовремя по факсу или электронной почте, с указанием времени получения, или зарегистрировать ответ, полученный после предельного срока, как опоздавший (он хранится и сообщается, но не учитывается).
entry-legend = Как БСЭ получило этот ответ
field-received-at = Получен (время Женевы)
received-at-hint = Когда факс или электронное письмо поступило в БСЭ. Пока консультация открыта, оставьте поле пустым, чтобы использовать текущее время; после предельного срока поле обязательно.
field-late = Получен после предельного срока (опоздавший: регистрируется, не учитывается)
late-hint = Опоздавший ответ никогда не меняет подсчёт; он приводится отдельно и сообщается собранию.
status-late = опоздавший: не учитывается
status-attested = получен вовремя, внесён позже
error-received-at-format = Укажите время получения в виде даты и времени, например 2024-08-21 23:50.
error-received-at-invalid = Это время принять нельзя: учитываемый ответ должен поступить в БСЭ до предельного срока (и не раньше ответа, который он заменяет); опоздавший — в предельный срок или позже; ни один — в будущем.
error-received-at-required = После предельного срока укажите время, когда ответ поступил в БСЭ.
error-source-required = Укажите, как ответ поступил в БСЭ (например, «факс от 21 августа»).
error-cannot-certify = Этот результат нельзя удостоверить: консультация ещё открыта, отменена или её результат уже удостоверен.
certified-banner = Результат удостоверен { $date }. Ответы больше не вносятся.
action-certify = Удостоверить результат
certify-title = Удостоверить результат { $reference }
certify-intro = Удостоверьте результат, когда БСЭ сообщает его председателю { $study_group }.
certify-effects = После удостоверения ни один ответ нельзя внести, даже поступивший в БСЭ до предельного срока. Каждый координатор и адрес копии БСЭ получают результат по электронной почте.
action-confirm-certify = Удостоверить результат сейчас
action-back = Назад
consultation-done-certified = Результат удостоверен. Он направляется каждому координатору.
label-late-replies = Опоздавшие ответы (не учитываются)
late-heading = { $count ->
        [one] Опоздавший ответ ({ $count })
        [few] Опоздавшие ответы ({ $count })
        [many] Опоздавшие ответы ({ $count })
       *[other] Опоздавшие ответы ({ $count })
    }
late-explained = Получены после предельного срока: хранятся и сообщаются собранию, никогда не учитываются (Резолюция 1 ВАСЭ, 9.4.5).
audit-result-certified = Результат удостоверен
audit-decision-recorded = Решение собрания записано
audit-decisions-notified = Решения разосланы
error-certified = Результат этой консультации удостоверен: ответы больше не вносятся.

# The meeting's decisions (9.5-9.6).
decisions-subject = { $reference }: решения собрания
decisions-intro = Исследовательская комиссия { $study_group } приняла следующие решения по проектам Рекомендаций { $reference } (Резолюция 1 ВАСЭ, 9.5–9.6):
decision-approved = утверждён
decision-not-approved = не утверждён
decision-deferred = решение отложено
decision-deferred-until = делегация попросила время на размышление, до { $date }
decision-reservation = Оговорка: { $member_state }
decision-abstentions = Воздержались
decision-note = Примечание
label-decision = Решение
deferral-subject = { $reference }: срок отсрочки по { $draft } истёк
deferral-intro = Срок, который делегация попросила для решения по { $draft } ({ $reference }, { $study_group }), истёк { $date }. Запишите окончательное решение:
decisions-title = Решения собрания: { $reference }
decisions-heading = Решения собрания
decisions-not-yet = Собрание принимает решения после закрытия консультации; у отменённой консультации решений нет.
field-decided-on = Дата решения
field-deferred-until = Отложено до
deferred-until-hint = Только для отложенного решения: не более четырёх недель после решения (9.5.5).
field-reservations = Оговорки
reservations-hint = По одной в строке: код Государства-Члена, двоеточие, оговорка (например EGY: пункт 7).
field-abstentions = Воздержавшиеся
abstentions-hint = Коды воздержавшихся Государств-Членов через запятую (например CHE, FRA).
action-save-decision = Сохранить решение по { $draft }
action-notify-decisions = Разослать решения Государствам-Членам
action-bulletin = Загрузить текст для Оперативного бюллетеня
action-decisions = Решения собрания
decisions-done-saved = Решение сохранено.
decisions-done-notified = Решения рассылаются каждому координатору.
error-decision-outcome = Выберите решение: утверждён, не утверждён или отложено.
error-decision-date = Укажите календарную дату.
error-reservation-format = Пишите каждую оговорку на отдельной строке в виде КОД: текст.
error-decision-refused = Решение не сохранено: { $reason }
action-comments = TD с комментариями ({ $format })

# Exports.
export-iso3 = Код ISO3
export-member-state = Государство-Член
export-provisional-name = Предварительное название
export-received-utc = Получен (UTC)
export-received-geneva = Получен (время Женевы)
export-on-behalf = Внесён БСЭ
export-entered-utc = Внесён (UTC)
export-sheet-replies = Ответы
export-sheet-tally = Подсчёт
export-sheet-late = Опоздавшие ответы
export-sheet-consultation = Консультация
export-reference = Ссылка
export-certified = Результат удостоверен
export-not-certified = ещё нет
export-status-final = окончательный: предельный срок истёк
export-status-open = открыта: подсчёт ещё может измениться
export-status-cancelled = отменена { $date }: { $reason }
action-export-tally = Загрузить подсчёт (CSV)

remaining-days = { $days ->
        [one] { $days } день
        [few] { $days } дня
        [many] { $days } дней
       *[other] { $days } дня
    }
remaining-hours = { $hours ->
        [one] { $hours } час
        [few] { $hours } часа
        [many] { $hours } часов
       *[other] { $hours } часа
    }
remaining-minutes = { $minutes ->
        [one] { $minutes } минута
        [few] { $minutes } минуты
        [many] { $minutes } минут
       *[other] { $minutes } минуты
    }
remaining-join = { $first } { $second }
activity-reply-of = { $reference }: ответ { $member_state }
review-unanswered-title = { $count ->
        [one] По этому { $count } проекту ваша администрация не даст ответа:
        [few] По этим { $count } проектам ваша администрация не даст ответа:
        [many] По этим { $count } проектам ваша администрация не даст ответа:
       *[other] По этим { $count } проекта ваша администрация не даст ответа:
    }
error-member-state-required = Координатор относится к Государству-Члену: выберите его.
error-member-state-refused = Сотрудники БСЭ не относятся ни к одному Государству-Члену: оставьте поле пустым.
error-member-state-unknown = Это не Государство — Член МСЭ.
error-invalid-email = Укажите действительный адрес электронной почты.
error-email-taken = Пользователь с этим адресом электронной почты уже существует.
error-name-required = Укажите имя пользователя.
error-field-too-long = Текст слишком длинный.
error-control-characters = Напишите это в одну строку, без управляющих символов.
error-unknown-language = Выберите один из шести языков.
choice-no-reply = Без ответа по этому проекту
tally-no-replies = Ни одно Государство-Член ещё не ответило: без ответов проект может быть рассмотрен (9.4.5), поэтому пока у каждого проекта указано «может быть рассмотрен».
error-consultation-missing-field = Заполните все обязательные поля.
error-consultation-no-drafts = Укажите хотя бы один проект Рекомендации.
error-consultation-too-many-drafts = В консультации не более { $max } проектов Рекомендаций.
error-consultation-repeated-draft = Проект Рекомендации указан дважды.
error-consultation-meeting-dates = Собрание должно заканчиваться после начала и начинаться после дня предельного срока.
error-consultation-text-url = Ссылка на текст должна быть адресом http или https.
error-consultation-time-zone = Укажите часовой пояс IANA, например Europe/Zurich.
error-consultation-deadline = Укажите предельный срок в виде даты и времени, например 2024-08-21 23:59.
error-consultation-deadline-nonexistent = Этого времени нет в часовом поясе (часы его пропускают при переходе на летнее время): выберите другое.
error-consultation-deadline-ambiguous = Это время встречается в часовом поясе дважды (при переходе на зимнее время): укажите смещение от UTC, например 2024-10-27T02:30+02:00.
error-consultation-duplicate-reference = Консультация с такой ссылкой уже существует.
error-consultation-locked = Государства-Члены уже ответили: ссылка, исследовательская комиссия и проекты неизменны, а предельный срок можно только продлить.
error-consultation-notice-required = Об этом изменении нужно уведомить Государства-Члены: без уведомления можно менять только формулировки, ссылки и место собрания.
error-consultation-open = Консультация ещё открыта: это можно сделать после предельного срока.
error-not-retryable = Это письмо не ожидает повторной отправки.
error-deactivate-self = Нельзя деактивировать собственную учётную запись.
error-user-inactive = Эта учётная запись деактивирована: сначала активируйте её.
error-password-already-set = Этот пользователь уже выбрал пароль: приглашение не нужно.
error-decision-invalid = Пока нечего рассылать: сначала запишите решения собрания.
error-invalid-query = В этом адресе есть параметр, который страница не понимает. Вернитесь назад и перейдите по ссылке сайта.
error-session-ended = Ваш сеанс завершён: войдите снова.
error-tally-not-final = Результат будет показан после закрытия консультации.
error-decision-rules = Это решение не соответствует правилам Резолюции 1, 9.5.
error-unknown-draft = Этот проект Рекомендации не входит в консультацию.
error-cancel-reason-required = Укажите причину отмены: её прочитают Государства-Члены.
error-control-characters-text = Удалите управляющие символы из текста.
error-decision-deferral-date-missing = Для отложенного решения нужна дата, к которой делегация примет решение.
error-decision-deferral-date-unexpected = Дату отсрочки указывайте только для отложенного решения.
error-decision-deferral-too-long = Отсрочка заканчивается после дня решения и не позднее чем через четыре недели (9.5.5), то есть не позднее { $latest }.
error-decision-before-cut-off = Собрание принимает решение после консультации: день решения не может быть раньше крайнего срока.
error-decision-in-future = День решения не может быть в будущем.
error-decision-may-not-proceed = По итогам консультации этот проект не может продвигаться дальше (9.4.5): его нельзя утвердить.
error-decision-unknown-member-state = { $code } не является Государством-Членом МСЭ.
error-decision-repeated = { $code } указано дважды.
error-decision-abstained-and-reserved = { $code } не может одновременно воздержаться и сделать оговорку.
error-decision-empty-reservation = У оговорки { $code } нет текста.
error-decision-reservation-too-long = Оговорка { $code } длиннее допустимого ({ $max } знаков).
error-decision-bad-note = Примечание должно быть не длиннее { $max } знаков и без управляющих символов.

## The verifiable receipt and its check
receipt-file-title = Проверяемая квитанция
receipt-file-help = Этот файл доказывает, не требуя доверия к базе данных БСЭ, что говорилось в этом ответе, когда он был получен и что он внесён в подписанный журнал БСЭ. Сохраните его: любой может проверить его на странице «Проверить квитанцию» или командой tapballot verify-receipt.
receipt-file-download = Скачать receipt-{ $code }.json
verify-title = Проверить квитанцию
verify-intro = Файл квитанции (receipt-….json) доказывает, что говорилось в ответе Государства-Члена и что он внесён в подписанный журнал БСЭ. Вставьте его содержимое ниже или выберите файл, чтобы проверить его. Вход в систему не требуется.
verify-field-receipt = Квитанция (содержимое файла)
verify-field-file = Или выберите файл
verify-field-key = Ключ проверки журнала (оставьте пустым, чтобы использовать ключ этой службы)
verify-button = Проверить
verify-key-note = Ключ проверки этой службы приведён ниже. Сравните его с ключом, опубликованным БСЭ: квитанция что-либо доказывает только при проверке ключом, которому вы доверяете.
verify-unreadable = Это не файл квитанции tapballot.
verify-check-leaf = Запись та самая, на которую выдана квитанция
verify-check-signature = Контрольная точка подписана ключом журнала
verify-check-inclusion = Запись входит в подписанное дерево
verify-check-log = Запись и сегодня находится в журнале
verify-holds = подтверждено
verify-fails = не подтверждено
verify-ok = Квитанция действительна: { $reference }, { $member_state }, редакция { $revision }, получена { $received } (UTC).
verify-failed = Квитанция не прошла проверку.
export-log-checkpoint = Контрольная точка проверяемого журнала на момент закрытия
export-log-not-final = (после закрытия консультации)
confirmation-receipt-file = Во вложении: { $file } — квитанция, которую любой может проверить, не доверяя базе данных БСЭ (на странице службы «Проверить квитанцию»). Сохраните её в своих документах.
