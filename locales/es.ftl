# tapballot: catálogo de traducciones (español).

## Common

service-name = tapballot
email-greeting = Estimado/a { $name }:
email-footer = Este mensaje ha sido enviado por tapballot, el servicio de consulta TAP de la Oficina de Normalización de las Telecomunicaciones (TSB) de la UIT. Le rogamos que no lo responda.
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

## Invitation to a consultation

invitation-subject = { $reference }: consulta sobre { $count ->
        [one] un proyecto de Recomendación
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

## Account

account-invitation-subject = Su cuenta de tapballot
account-invitation-intro = La TSB ha creado para usted una cuenta de tapballot ({ $role }).
account-invitation-action = Defina su contraseña con este enlace, válido hasta el { $expires } y de un solo uso:
password-reset-subject = Restablecer su contraseña de tapballot
password-reset-intro = Se ha solicitado restablecer la contraseña de su cuenta de tapballot. Si no fue usted, ignore este mensaje: su contraseña no cambia.
password-reset-action = Elija una nueva contraseña con este enlace, válido hasta el { $expires } y de un solo uso:
