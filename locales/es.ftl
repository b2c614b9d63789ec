# tapballot: catálogo de traducciones (español).

## Common

service-name = tapballot
email-greeting = Estimado/a { $name }:
email-footer = Este mensaje ha sido enviado por tapballot, el servicio de consulta TAP de la Oficina de Normalización de las Telecomunicaciones (TSB) de la UIT. Le rogamos que no lo responda.
time-dated = { $date } — { $stamp }
time-geneva-utc = { $local } Ginebra ({ $zone }, UTC{ $offset }) = { $utc } UTC
position-yes = Sí
position-no = No
label-draft = Proyecto de Recomendación
label-position = Posición
label-reasons = Motivos y modificaciones propuestas
label-comments = Comentarios
label-replies = Respuestas
label-yes = Sí
label-no = No
label-outcome = Resultado
outcome-may-proceed = puede examinarse
outcome-may-not-proceed = no puede examinarse
role-tsb = personal de la TSB
role-member = punto focal de { $member_state }

## Reply confirmation

confirmation-subject = { $reference }: respuesta de { $member_state } recibida (revisión { $revision })
withdrawal-subject = { $reference }: respuesta de { $member_state } retirada (revisión { $revision })
confirmation-intro = La respuesta de { $member_state } a { $reference } ({ $study_group }) ha sido recibida y registrada.
withdrawal-intro = La respuesta de { $member_state } a { $reference } ({ $study_group }) ha sido retirada. Ya no se tiene en cuenta.
confirmation-revision = Revisión
confirmation-received = Recibida
confirmation-receipt = Código de recibo
confirmation-entered-by = Introducida por
confirmation-on-behalf = introducida por la TSB en nombre de { $member_state }
confirmation-source = Origen
confirmation-responses = La respuesta tal como se registró
confirmation-no-response = sin respuesta
confirmation-cutoff = Plazo
confirmation-revise = La respuesta puede modificarse o retirarse hasta el plazo: { $deadline }.
confirmation-keep-receipt = Conserve el código de recibo: identifica esta revisión de la respuesta.
confirmation-link = Esta revisión y su recibo en línea:

## Invitation to a consultation

invitation-subject = { $reference }: consulta sobre { $count ->
        [one] un proyecto de Recomendación
        [many] { $count } de proyectos de Recomendación
       *[other] { $count } proyectos de Recomendación
    } de la { $study_group }
invitation-intro = La TSB pregunta a su administración si autoriza a la { $study_group } a examinar para su aprobación los siguientes proyectos de Recomendación (Resolución 1 de la AMNT, sección 9).
invitation-deadline = Se aceptan respuestas hasta el { $deadline }.
invitation-how = Responda sí o no para cada proyecto; en caso de no, indique sus motivos y las modificaciones que propone.
invitation-calendar = El plazo se adjunta como entrada de calendario.
ics-summary = Plazo: { $reference } ({ $study_group })

## Reminder

reminder-subject = Recordatorio: { $reference } se cierra el { $date } (hora de Ginebra)
reminder-intro = { $member_state } aún no ha respondido a todos los proyectos de { $reference } ({ $study_group }).
reminder-missing = Proyectos sin respuesta:
reminder-deadline = Se aceptan respuestas hasta el { $deadline }.

## Closing summary

summary-subject = { $reference }: consulta cerrada, recuento final
summary-intro = La consulta { $reference } ({ $study_group }) se cerró el { $deadline }. Recuento final con arreglo a la Resolución 1 de la AMNT, 9.4.5:
summary-replied = Estados Miembros que respondieron: { $count }
summary-link = El resultado y la respuesta de su Estado Miembro:

## Account

account-invitation-subject = Su cuenta de tapballot
account-invitation-intro = La TSB ha creado para usted una cuenta de tapballot ({ $role }).
account-invitation-action = Defina su contraseña con este enlace, válido hasta el { $expires } y de un solo uso:
password-reset-subject = Restablecer su contraseña de tapballot
password-reset-intro = Se ha solicitado restablecer la contraseña de su cuenta de tapballot. Si no fue usted, ignore este mensaje: su contraseña no cambia.
password-reset-action = Elija una nueva contraseña con este enlace, válido hasta el { $expires } y de un solo uso:

## Web pages: frame

service-title = tapballot – consultas TAP del UIT-T
skip-to-content = Ir al contenido
nav-label = Menú principal
nav-home = Mis consultas
nav-consultations = Consultas
nav-users = Usuarios
nav-emails = Correos
nav-password = Contraseña
nav-sign-in = Iniciar sesión
nav-sign-out = Cerrar sesión
language-label = Idioma
footer-text = Unión Internacional de Telecomunicaciones – Oficina de Normalización de las Telecomunicaciones (TSB). Las horas son de Ginebra salvo indicación en contrario.
your-time = Su hora:
back-home = Volver a la página de inicio
remaining = tiempo restante: { $time }

## Web pages: errors

error-title = Algo no está bien
error-reference = Referencia de esta solicitud: { $id }
error-summary-title = Hay un problema
error-not-found = Esta página no existe o ha sido eliminada.
error-forbidden = No está autorizado a ver o modificar esto. Los puntos focales solo pueden actuar en nombre de su propio Estado Miembro.
error-csrf = El formulario ha caducado o no procede de este sitio. Vuelva atrás, recargue la página e inténtelo de nuevo.
error-closed = La consulta está cerrada: ya no se pueden enviar, modificar ni retirar respuestas.
error-unavailable = El servicio está ocupado. Inténtelo de nuevo dentro de un momento.
error-storage-full = El servicio no puede guardar nada en este momento (su almacenamiento está lleno). No se ha guardado nada de lo que ha enviado; inténtelo de nuevo más tarde.
error-internal = Se ha producido un error interno. Ha quedado registrado; inténtelo de nuevo más tarde.
error-sign-in = La dirección de correo o la contraseña no son correctas.
error-too-many-attempts = Demasiados intentos fallidos de inicio de sesión para esta dirección. Espere 15 minutos o restablezca su contraseña.
error-password-mismatch = Las dos contraseñas no coinciden.
error-weak-password = Elija una contraseña de al menos 12 caracteres.
error-wrong-password = La contraseña actual no es correcta.
error-invalid-link = Este enlace es desconocido, ya se utilizó o ha caducado. Solicite uno nuevo.
error-choose-position = Elija sí o no para { $draft }, o borre sus textos.
error-empty-reply = Responda al menos a un proyecto de Recomendación.
error-text-too-long = Un texto supera los 100 000 caracteres.
error-invalid-position = Elija sí o no.
error-date = Escriba la fecha con el formato AAAA-MM-DD.
error-no-reply = No hay ninguna respuesta que retirar.

## Web pages: account

sign-in-title = Iniciar sesión
sign-in-intro = Inicie sesión con la dirección de correo y la contraseña de su cuenta de tapballot.
sign-in-button = Iniciar sesión
field-email = Dirección de correo electrónico
field-password = Contraseña
field-name = Nombre
field-role = Función
field-language = Idioma de los correos
field-member-state = Estado Miembro
field-current-password = Contraseña actual
field-new-password = Nueva contraseña
field-confirm-password = Repita la nueva contraseña
password-hint = Al menos 12 caracteres. Una frase que recuerde es una buena elección.
forgot-password-link = ¿Olvidó su contraseña?
forgot-password-title = Restablecer su contraseña
forgot-password-intro = Escriba la dirección de correo de su cuenta. Si tiene una cuenta, le enviaremos un enlace para elegir una nueva contraseña.
forgot-password-button = Enviar el enlace
forgot-password-sent = Si esta dirección tiene una cuenta, se le ha enviado un enlace. Es válido durante dos horas y solo puede usarse una vez.
set-password-title = Elija su contraseña
set-password-button = Guardar la contraseña
password-set-title = Contraseña guardada
password-set-done = Su contraseña se ha guardado. Ya puede iniciar sesión.
change-password-title = Cambiar su contraseña
change-password-button = Cambiar la contraseña
change-password-done = Su contraseña se ha cambiado. Se han cerrado las demás sesiones.
language-saved = Se ha guardado el idioma de sus correos.
error-too-large = Lo que ha enviado es demasiado grande: como máximo 100 000 caracteres por campo.
error-bad-form = No se pudo leer el formulario; envíelo de nuevo desde su página.

## Web pages: administrations

home-title = Mis consultas
home-intro = Consultas de las comisiones de estudio del UIT-T para { $member_state }.
home-none = No hay ninguna consulta en este momento.
home-table-caption = Su respuesta a cada proyecto de { $reference }
label-deadline = Plazo
label-status = Estado
label-your-reply = Su respuesta
label-title = Título
label-study-group = Comisión de estudio
label-reference = Referencia
label-current-revision = Revisión vigente
answered-count = { $total ->
        [one] { $answered } de { $total } proyecto respondido
        [many] { $answered } de { $total } de proyectos respondidos
       *[other] { $answered } de { $total } proyectos respondidos
    }
status-open = Abierta
status-closed = Cerrada
status-withdrawn = retirada
action-reply = Responder
action-revise = Modificar la respuesta
action-view-reply = Ver la respuesta
action-history = Historial de la respuesta
action-print = Versión para imprimir
action-review = Revisar la respuesta
action-submit = Enviar la respuesta
action-change = Modificarla
action-withdraw = Retirar la respuesta
action-cancel = Cancelar
reply-title = Respuesta a { $reference }
reply-for = Respuesta de { $member_state }
reply-on-behalf-note = introducida por la TSB en nombre del Estado Miembro
reply-instructions = Para cada proyecto de Recomendación, indique si su administración autoriza a la comisión de estudio a examinarlo para su aprobación. Un proyecto sin contestar no tiene respuesta. Puede modificar su respuesta hasta el plazo.
reply-closed-notice = Esta consulta está cerrada. La respuesta siguiente es definitiva y ya no puede modificarse.
question-authority = ¿Autoriza el examen de { $draft } para su aprobación?
choice-yes = Sí, se concede la autorización
choice-no = No
reasons-hint = Si responde no, indique sus motivos y las modificaciones que propone (Resolución 1 de la AMNT, 9.4.4).
draft-text-link = Texto de { $draft }
field-source = Origen de la respuesta
source-hint = Cómo la recibió la TSB, por ejemplo «fax del 20 de agosto de 2024».
review-title = Revise su respuesta
review-intro = Compruebe la respuesta de { $member_state } a { $reference } antes de enviarla.
review-warning-title = Compruebe lo siguiente:
review-warning-no-reasons = { $draft }: la respuesta es no, sin motivos. La Resolución 1 pide los motivos y las modificaciones deseadas.
review-deadline = Puede modificar la respuesta hasta el
receipt-title = Respuesta recibida
receipt-stored = La respuesta de { $member_state } a { $reference } ha sido recibida y registrada.
receipt-withdrawn = La respuesta a { $reference } ha sido retirada. Ya no se tiene en cuenta.
receipt-unchanged = Esta respuesta es idéntica a la vigente, por lo que no se ha creado ninguna revisión nueva.
receipt-email = Se ha enviado una confirmación por correo a los puntos focales del Estado Miembro.
receipt-revise = Puede modificar o retirar la respuesta hasta el plazo.
history-title = Historial de la respuesta
history-none = Todavía no hay respuesta.
history-current = vigente
print-title = Respuesta a { $reference }
print-header = Unión Internacional de Telecomunicaciones – Oficina de Normalización de las Telecomunicaciones
print-administration = Administración
print-question = ¿Autoriza su administración a la { $study_group } a examinar para su aprobación los siguientes proyectos de Recomendación?
print-marked = marcado
print-not-marked = sin marcar
print-signature = Firma:
print-date = Fecha:
withdraw-title = Retirar la respuesta
withdraw-intro = ¿Retirar la respuesta de { $member_state } a { $reference }? Dejará de tenerse en cuenta. Podrá responder de nuevo hasta el plazo.

## Web pages: TSB staff

tsb-consultations-title = Consultas
action-new-consultation = Nueva consulta
label-replied = Estados Miembros que respondieron
new-consultation-title = Nueva consulta
edit-consultation-title = Modificar la consulta
edit-consultation-rules = Cuando un Estado Miembro ha respondido, la referencia, la comisión de estudio, los números y nombres provisionales de los proyectos ya no pueden cambiar, y el plazo solo puede prorrogarse.
reference-hint = Por ejemplo «TSB Circular 195».
deadline-hint = Hora local tal como la indica la circular: 2024-08-21T23:59 incluye el minuto entero; 2024-08-21T23:59:30 solo ese segundo. Añada un desfase como +01:00 para una hora que el cambio de hora hace ambigua.
label-time-zone = Huso horario
time-zone-hint = Un huso IANA; Ginebra es Europe/Zurich.
label-meeting-starts = Inicio de la reunión
label-meeting-ends = Fin de la reunión
label-meeting-place = Lugar de la reunión
label-meeting = Reunión de la comisión de estudio
meeting-dates = del { $start } al { $end }
meeting-date = el { $start }
meeting-with-place = { $dates }, { $place }
drafts-heading = Proyectos de Recomendación
drafts-hint = Deje una fila vacía para omitirla.
draft-row = Proyecto { $n }
label-draft-number = Número
label-provisional-name = Nombre provisional
label-text-url = Enlace al texto
action-save = Guardar
action-create = Crear la consulta
action-more-drafts = Más filas para proyectos
action-edit = Modificar
action-export = Descargar { $format }
tally-live = Recuento en directo
tally-final = Recuento final
tally-rule = Un proyecto puede examinarse si el 70 % o más de las respuestas recibidas para él son sí, o si no ha recibido ninguna respuesta (Resolución 1 de la AMNT, 9.4.5).
chart-title = Proporción de sí (verde) y no (rojo) por proyecto; la línea marca el 70 %
chart-caption = Proporción de sí y no entre las respuestas recibidas para cada proyecto.
enter-on-behalf-title = Introducir una respuesta recibida por correo o fax
action-open-reply = Abrir el formulario de respuesta
replied-heading = Han respondido ({ $count })
not-replied-heading = No han respondido ({ $count })
by-tsb = introducida por la TSB
users-title = Usuarios
invite-heading = Invitar a un usuario
invite-hint = El usuario recibe un correo con un enlace para elegir una contraseña.
member-state-hint = Solo para los puntos focales.
role-member-short = Punto focal
action-invite = Enviar la invitación
users-caption = Todas las personas que pueden iniciar sesión
label-actions = Acciones
user-active = activo
user-invited = invitado
user-inactive = desactivado
action-deactivate = Desactivar
action-reactivate = Reactivar
action-resend-invitation = Enviar de nuevo la invitación
deactivate-title = Desactivar un usuario
deactivate-question = ¿Desactivar a { $name } <{ $email }>? Su sesión se cierra de inmediato, sus tokens de API y enlaces sin usar dejan de funcionar y ya no puede iniciar sesión. Puede reactivar la cuenta más tarde.
action-confirm-deactivate = Sí, desactivar
users-done-invited = Se ha enviado la invitación.
users-done-deactivated = Se ha desactivado el usuario.
users-done-reactivated = Se ha reactivado el usuario; vuelve a iniciar sesión con su contraseña.
users-done-invitation-sent = Se ha enviado de nuevo la invitación; los enlaces anteriores ya no funcionan.
user-edit-title = Modificar un usuario
users-done-changed = Se ha modificado el usuario.
emails-title = Correos
emails-intro = Todos los correos prometidos por el servicio, del más reciente al más antiguo. Los envíos fallidos se reintentan automáticamente durante tres días.
emails-filter = Filtrar por estado
filter-all = Todos
emails-none = Ningún correo.
email-status-queued = en cola
email-status-sent = enviado
email-status-failing = con fallos
email-status-failed = abandonado
email-attempts = { $count ->
        [one] { $count } intento
        [many] { $count } de intentos
       *[other] { $count } intentos
    }
email-sent-at = Enviado el { $time }
email-next-attempt = Próximo intento el { $time }
label-created = Creado
label-recipient = Destinatario
label-subject = Asunto
label-details = Respuesta del servidor o error
action-retry = Reintentar

# Audit trail (TSB staff)
nav-activity = Actividad
activity-title = Quién cambió qué
activity-intro = Cada cambio, con su autor y su hora (Ginebra y UTC), del más reciente al más antiguo; se muestran { $count } como máximo.
activity-filtered = Solo los cambios de
activity-none = No hay cambios registrados.
label-when = Cuándo
label-who = Quién
label-change = Cambio
label-subject-of-change = Objeto
action-history-of-changes = Historial de cambios
audit-consultation-created = Consulta abierta
audit-consultation-changed = Consulta modificada
audit-reply-submitted = Respuesta enviada
audit-reply-withdrawn = Respuesta retirada
audit-user-added = Usuario añadido
audit-user-deactivated = Usuario desactivado
audit-user-reactivated = Usuario reactivado
audit-user-changed = Usuario modificado
audit-invitation-resent = Invitación enviada de nuevo
audit-tokens-revoked = Tokens de API revocados
audit-password-changed = Contraseña cambiada
audit-password-set-from-link = Contraseña definida con un enlace enviado por correo
audit-password-reset-requested = Restablecimiento de contraseña solicitado
audit-email-retry-requested = Correo reenviado

# Notices of change and cancellation (emails)
notice-subject = Modificación: { $reference } ({ $study_group })
notice-intro = La TSB ha modificado la consulta { $reference } ({ $study_group }). Lo que ha cambiado:
notice-was = Antes:
notice-now = Ahora:
notice-calendar = La entrada de calendario adjunta sustituye a la enviada anteriormente.
notice-reply-stands = La respuesta de { $member_state } (versión { $revision }) sigue siendo válida: cuenta tal como está. Puede revisarla hasta la fecha límite.
notice-reply-partly = La respuesta de { $member_state } contestaba a { $drafts }, que la TSB ha retirado de la consulta: esas respuestas ya no cuentan. Sus respuestas a los demás proyectos siguen siendo válidas; revísela, por favor.
notice-no-reply = { $member_state } aún no ha respondido. Se aceptan respuestas hasta el { $deadline }.
change-none = (ninguno)
change-of-draft = { $draft }: { $what }
change-draft-added = Proyecto de Recomendación añadido
change-draft-removed = Proyecto de Recomendación retirado
cancellation-subject = Cancelación: { $reference } ({ $study_group })
cancellation-intro = La TSB ha cancelado la consulta { $reference }. Ya no se aceptan respuestas.
cancellation-when = Cancelada el { $cancelled }.
label-cancellation-reason = Motivo
cancellation-replies = Las respuestas ya enviadas se conservan, pero la consulta no tiene resultado.
cancellation-calendar = La entrada de calendario adjunta retira la fecha límite de su calendario.
# Notices of change and cancellation (pages)
notice-heading = Aviso a los Estados Miembros
no-notice-hint = Cada coordinador recibe un aviso de lo que ha cambiado, con la entrada de calendario actualizada. Una simple corrección de la redacción, los enlaces o el lugar de la reunión puede guardarse sin aviso; el registro de cambios la consigna.
no-notice-label = Solo una corrección: no enviar aviso
consultation-done-saved = Los cambios se han guardado. Si algo ha cambiado, cada coordinador recibe un aviso.
consultation-done-saved-quietly = La corrección se ha guardado sin aviso; el registro de cambios la consigna.
consultation-done-cancelled = La consulta se ha cancelado. Cada coordinador recibe un aviso.
action-cancel-consultation = Cancelar la consulta
cancel-consultation-title = Cancelar { $reference }
cancel-consultation-question = ¿Cancelar la consulta { $reference } ({ $study_group })?
cancel-consultation-effects = Ya no se aceptarán respuestas. Las respuestas ya dadas se conservan y pueden seguir exportándose, pero la consulta no tiene resultado. Se informa a cada coordinador, con el motivo indicado abajo. No se puede deshacer.
cancel-reason-hint = Los Estados Miembros leerán este texto en el aviso.
action-confirm-cancel-consultation = Cancelar la consulta
action-keep-consultation = Mantenerla abierta
cancelled-notice = La TSB canceló esta consulta el { $when }. Ya no se aceptan respuestas y no tiene resultado.
status-cancelled = Cancelada
error-cancelled = La TSB ha cancelado esta consulta: las respuestas ya no pueden enviarse, revisarse ni retirarse.
audit-consultation-cancelled = Consulta cancelada

# After the cut-off: attested and late replies, the certified result.
confirmation-attested = Recibida (según certifica la TSB)
confirmation-entered = Registrada
confirmation-late = Esta respuesta llegó a la TSB después del plazo: se registra y se comunica a la reunión, pero no se cuenta (Resolución 1 de la AMNT, 9.4.5).
certified-subject = { $reference }: resultado certificado
certified-intro = La TSB certificó el resultado de la consulta { $reference } ({ $study_group }) el { $certified } y lo comunicó al presidente de la { $study_group }.
certified-deadline = Plazo: { $deadline }
certified-late = { $count ->
        [one] { $count } Estado Miembro respondió después del plazo: su respuesta se comunica pero no se cuenta.
        [many] { $count } de Estados Miembros respondieron después del plazo: sus respuestas se comunican pero no se cuentan.
       *[other] { $count } Estados Miembros respondieron después del plazo: sus respuestas se comunican pero no se cuentan.
    }
certified-final = El resultado es definitivo: ya no se puede registrar ninguna respuesta.
entry-after-cut-off = El plazo ha vencido. Hasta que se certifique el resultado, la TSB puede aún registrar una respuesta que le llegó a tiempo por fax o correo electrónico, con la hora de recepción, o registrar como tardía una recibida después del plazo (se conserva y se comunica, pero no se cuenta).
entry-legend = Cómo recibió la TSB esta respuesta
field-received-at = Recibida el (hora de Ginebra)
received-at-hint = Cuándo llegó el fax o el correo electrónico a la TSB. Déjelo en blanco mientras la consulta esté abierta para usar la hora actual; obligatorio después del plazo.
field-late = Recibida después del plazo (tardía: se registra, no se cuenta)
late-hint = Una respuesta tardía nunca cambia el recuento; se presenta aparte y se comunica a la reunión.
status-late = tardía: no se cuenta
status-attested = recibida a tiempo, registrada después
error-received-at-format = Indique la hora de recepción como fecha y hora, por ejemplo 2024-08-21 23:50.
error-received-at-invalid = Esta hora no puede aceptarse: una respuesta contada debe haber llegado a la TSB antes del plazo (y no antes de la respuesta que sustituye); una tardía en el plazo o después; ninguna en el futuro.
error-received-at-required = Después del plazo, indique la hora en que la respuesta llegó a la TSB.
error-source-required = Indique cómo llegó la respuesta a la TSB (por ejemplo, «fax del 21 de agosto»).
error-cannot-certify = Este resultado no puede certificarse: la consulta sigue abierta, fue cancelada o su resultado ya está certificado.
certified-banner = El resultado se certificó el { $date }. Ya no se puede registrar ninguna respuesta.
action-certify = Certificar el resultado
certify-title = Certificar el resultado de { $reference }
certify-intro = Certifique el resultado cuando la TSB lo comunique al presidente de la { $study_group }.
certify-effects = Después de la certificación no se puede registrar ninguna respuesta, ni siquiera una que llegó a la TSB antes del plazo. Cada punto focal y la dirección de copia de la TSB reciben el resultado por correo electrónico.
action-confirm-certify = Certificar el resultado ahora
action-back = Volver
consultation-done-certified = El resultado está certificado. Se envía a cada punto focal.
label-late-replies = Respuestas tardías (no se cuentan)
late-heading = { $count ->
        [one] Respuesta tardía ({ $count })
        [many] Respuestas tardías ({ $count })
       *[other] Respuestas tardías ({ $count })
    }
late-explained = Recibidas después del plazo: se conservan y se comunican a la reunión, nunca se cuentan (Resolución 1 de la AMNT, 9.4.5).
audit-result-certified = Resultado certificado
audit-decision-recorded = Decisión de la reunión registrada
audit-decisions-notified = Decisiones notificadas
error-certified = El resultado de esta consulta está certificado: ya no se puede registrar ninguna respuesta.

# The meeting's decisions (9.5-9.6).
decisions-subject = { $reference }: decisiones de la reunión
decisions-intro = La Comisión de Estudio { $study_group } decidió lo siguiente sobre los proyectos de Recomendación de { $reference } (Resolución 1 de la AMNT, 9.5-9.6):
decision-approved = aprobado
decision-not-approved = no aprobado
decision-deferred = decisión aplazada
decision-deferred-until = una delegación pidió tiempo para decidir, hasta el { $date }
decision-reservation = Reserva de { $member_state }
decision-abstentions = Abstenciones
decision-note = Nota
label-decision = Decisión
deferral-subject = { $reference }: terminó el aplazamiento de { $draft }
deferral-intro = El plazo que una delegación pidió para decidir sobre { $draft } ({ $reference }, { $study_group }) terminó el { $date }. Registre la decisión definitiva:
decisions-title = Decisiones de la reunión: { $reference }
decisions-heading = Decisiones de la reunión
decisions-not-yet = La reunión decide una vez cerrada la consulta; una consulta cancelada no tiene decisiones.
field-decided-on = Fecha de la decisión
field-deferred-until = Aplazada hasta
deferred-until-hint = Solo para una decisión aplazada: como máximo cuatro semanas después de la decisión (9.5.5).
field-reservations = Reservas
reservations-hint = Una por línea: el código del Estado Miembro, dos puntos, la reserva (por ejemplo EGY: cláusula 7).
field-abstentions = Abstenciones
abstentions-hint = Los códigos de los Estados Miembros que se abstuvieron, separados por comas (por ejemplo CHE, FRA).
action-save-decision = Guardar la decisión sobre { $draft }
action-notify-decisions = Notificar las decisiones a los Estados Miembros
action-bulletin = Descargar el texto para el Boletín de Explotación
action-decisions = Decisiones de la reunión
decisions-done-saved = La decisión se ha guardado.
decisions-done-notified = Las decisiones se envían a cada punto focal.
error-decision-outcome = Elija la decisión: aprobado, no aprobado o aplazada.
error-decision-date = Indique una fecha del calendario.
error-reservation-format = Escriba cada reserva en su propia línea como CÓDIGO: texto.
error-decision-refused = La decisión no se guardó: { $reason }
action-comments = TD de comentarios ({ $format })

# Exports.
export-iso3 = Código ISO3
export-member-state = Estado Miembro
export-provisional-name = Nombre provisional
export-received-utc = Recibida (UTC)
export-received-geneva = Recibida (hora de Ginebra)
export-on-behalf = Registrada por la TSB
export-entered-utc = Registrada (UTC)
export-sheet-replies = Respuestas
export-sheet-tally = Recuento
export-sheet-late = Respuestas tardías
export-sheet-consultation = Consulta
export-reference = Referencia
export-certified = Resultado certificado
export-not-certified = todavía no
export-status-final = definitivo: el plazo ha vencido
export-status-open = abierta: el recuento aún puede cambiar
export-status-cancelled = cancelada el { $date }: { $reason }
action-export-tally = Descargar el recuento (CSV)

remaining-days = { $days ->
        [one] { $days } día
        [many] { $days } de días
       *[other] { $days } días
    }
remaining-hours = { $hours ->
        [one] { $hours } hora
        [many] { $hours } de horas
       *[other] { $hours } horas
    }
remaining-minutes = { $minutes ->
        [one] { $minutes } minuto
        [many] { $minutes } de minutos
       *[other] { $minutes } minutos
    }
remaining-join = { $first } y { $second }
activity-reply-of = { $reference }: respuesta de { $member_state }
review-unanswered-title = { $count ->
        [one] Este proyecto quedará sin respuesta de su administración:
        [many] Estos { $count } de proyectos quedarán sin respuesta de su administración:
       *[other] Estos { $count } proyectos quedarán sin respuesta de su administración:
    }
error-member-state-required = Un punto focal pertenece a un Estado Miembro: elíjalo.
error-member-state-refused = El personal de la TSB no pertenece a ningún Estado Miembro: deje el campo vacío.
error-member-state-unknown = No es un Estado Miembro de la UIT.
error-invalid-email = Indique una dirección de correo electrónico válida.
error-email-taken = Ya existe un usuario con esta dirección de correo electrónico.
error-name-required = Indique el nombre del usuario.
error-field-too-long = El texto es demasiado largo.
error-control-characters = Escríbalo en una sola línea, sin caracteres de control.
error-unknown-language = Elija uno de los seis idiomas.
choice-no-reply = Sin respuesta sobre este proyecto
tally-no-replies = Ningún Estado Miembro ha respondido todavía: sin respuestas, un proyecto puede examinarse (9.4.5); por eso cada proyecto indica por ahora «puede examinarse».
error-consultation-missing-field = Rellene todos los campos obligatorios.
error-consultation-no-drafts = Indique al menos un proyecto de Recomendación.
error-consultation-too-many-drafts = Una consulta tiene como máximo { $max } proyectos de Recomendación.
error-consultation-repeated-draft = Un proyecto de Recomendación aparece dos veces.
error-consultation-meeting-dates = La reunión debe terminar después de empezar y empezar después del día del plazo.
error-consultation-text-url = Un enlace al texto debe ser una dirección http o https.
error-consultation-time-zone = Indique una zona horaria IANA, por ejemplo Europe/Zurich.
error-consultation-deadline = Indique el plazo como fecha y hora, por ejemplo 2024-08-21 23:59.
error-consultation-deadline-nonexistent = Esta hora no existe en la zona horaria (los relojes la saltan al empezar el horario de verano): elija otra.
error-consultation-deadline-ambiguous = Esta hora ocurre dos veces en la zona horaria (al terminar el horario de verano): indique su desfase UTC, por ejemplo 2024-10-27T02:30+02:00.
error-consultation-duplicate-reference = Ya existe una consulta con esta referencia.
error-consultation-locked = Hay Estados Miembros que han respondido: la referencia, la comisión de estudio y los proyectos son fijos, y el plazo solo puede prorrogarse.
error-consultation-notice-required = Este cambio debe notificarse a los Estados Miembros: solo la redacción, los enlaces y el lugar de la reunión pueden cambiar sin notificación.
error-consultation-open = La consulta sigue abierta: podrá hacerse una vez vencido el plazo.
error-not-retryable = Este correo electrónico no está a la espera de un nuevo envío.
error-deactivate-self = No puede desactivar su propia cuenta.
error-user-inactive = Esta cuenta está desactivada: reactívela primero.
error-password-already-set = Este usuario ya eligió una contraseña: no hace falta invitación.
error-decision-invalid = Aún no hay nada que notificar: registre primero las decisiones de la reunión.
error-invalid-query = Esta dirección contiene un parámetro que la página no entiende. Vuelva atrás y siga un enlace del sitio.
error-session-ended = Su sesión ha terminado: vuelva a iniciar sesión.
error-tally-not-final = El resultado se muestra una vez cerrada la consulta.
error-decision-rules = Esta decisión no sigue las reglas de la Resolución 1, 9.5.
error-unknown-draft = Este proyecto de Recomendación no forma parte de la consulta.
error-cancel-reason-required = Indique el motivo de la anulación: los Estados Miembros lo leerán.
error-control-characters-text = Quite los caracteres de control del texto.
error-decision-deferral-date-missing = Una decisión aplazada necesita la fecha en que la delegación decidirá.
error-decision-deferral-date-unexpected = Indique una fecha de aplazamiento solo para una decisión aplazada.
error-decision-deferral-too-long = Un aplazamiento termina después del día de la decisión y como máximo cuatro semanas después (9.5.5), a más tardar el { $latest }.
error-decision-before-cut-off = La reunión decide después de la consulta: el día de la decisión no puede ser anterior a la fecha límite.
error-decision-in-future = El día de la decisión no puede estar en el futuro.
error-decision-may-not-proceed = La consulta determinó que este proyecto no puede seguir adelante (9.4.5): no puede aprobarse.
error-decision-unknown-member-state = { $code } no es un Estado Miembro de la UIT.
error-decision-repeated = { $code } figura dos veces.
error-decision-abstained-and-reserved = { $code } no puede abstenerse y formular una reserva a la vez.
error-decision-empty-reservation = La reserva de { $code } no tiene texto.
error-decision-reservation-too-long = La reserva de { $code } supera los { $max } caracteres.
error-decision-bad-note = La nota debe tener como máximo { $max } caracteres, sin caracteres de control.

## The verifiable receipt and its check
receipt-file-title = Acuse de recibo verificable
receipt-file-help = Este archivo prueba, sin necesidad de confiar en la base de datos de la TSB, lo que decía esta respuesta, cuándo se recibió y que figura en el registro firmado de la TSB. Consérvelo: cualquiera puede comprobarlo en la página «Verificar un acuse de recibo» o con la orden tapballot verify-receipt.
receipt-file-download = Descargar receipt-{ $code }.json
verify-title = Verificar un acuse de recibo
verify-intro = Un archivo de acuse de recibo (receipt-….json) prueba lo que decía la respuesta de un Estado Miembro y que figura en el registro firmado de la TSB. Pegue su contenido a continuación, o elija el archivo, para comprobarlo. No es necesario iniciar sesión.
verify-field-receipt = El acuse de recibo (el contenido del archivo)
verify-field-file = O elija el archivo
verify-field-key = La clave de verificación del registro (déjela vacía para usar la clave de este servicio)
verify-button = Verificar
verify-key-note = La clave de verificación de este servicio figura abajo. Compárela con la clave que publica la TSB: un acuse de recibo solo prueba algo frente a una clave de confianza.
verify-unreadable = No es un archivo de acuse de recibo de tapballot.
verify-check-leaf = La entrada es aquella para la que se emitió el acuse
verify-check-signature = El punto de control está firmado con la clave del registro
verify-check-inclusion = La entrada figura en el árbol firmado
verify-check-log = La entrada sigue figurando hoy en el registro
verify-holds = correcto
verify-fails = incorrecto
verify-ok = El acuse de recibo es válido: { $reference }, { $member_state }, revisión { $revision }, recibida el { $received } (UTC).
verify-failed = El acuse de recibo no es válido.
export-log-checkpoint = Punto de control del registro verificable al cierre
export-log-not-final = (una vez cerrada la consulta)
confirmation-receipt-file = Adjunto: { $file }, un acuse de recibo que cualquiera puede verificar sin confiar en la base de datos de la TSB (en la página «Verificar un acuse de recibo» del servicio). Consérvelo en sus archivos.
