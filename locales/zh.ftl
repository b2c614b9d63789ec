# tapballot：翻译目录（中文）。

## Common

service-name = tapballot
email-greeting = { $name }，您好：
email-footer = 本邮件由国际电联电信标准化局（TSB）的 TAP 征求意见服务 tapballot 发送，请勿直接回复。
time-dated = { $date } — { $stamp }
time-geneva-utc = { $local } 日内瓦时间（{ $zone }，UTC{ $offset }）= { $utc } UTC
position-yes = 是
position-no = 否
label-draft = 建议书草案
label-position = 立场
label-reasons = 理由及建议的修改
label-comments = 意见
label-replies = 答复数
label-yes = 是
label-no = 否
label-outcome = 结果
outcome-may-proceed = 可以审议
outcome-may-not-proceed = 不可审议
role-tsb = TSB 工作人员
role-member = { $member_state }联络人

## Reply confirmation

confirmation-subject = { $reference }：已收到{ $member_state }的答复（第 { $revision } 版）
withdrawal-subject = { $reference }：{ $member_state }的答复已撤回（第 { $revision } 版）
confirmation-intro = { $member_state }对 { $reference }（{ $study_group }）的答复已收到并存档。
withdrawal-intro = { $member_state }对 { $reference }（{ $study_group }）的答复已撤回，不再计入统计。
confirmation-revision = 版本
confirmation-received = 收到时间
confirmation-receipt = 回执编号
confirmation-entered-by = 录入人
confirmation-on-behalf = 由 TSB 代表{ $member_state }录入
confirmation-source = 来源
confirmation-responses = 所存档的答复
confirmation-no-response = 未答复
confirmation-cutoff = 截止时间
confirmation-revise = 在截止时间（{ $deadline }）之前，可修改或撤回答复。
confirmation-keep-receipt = 请保留回执编号：它标识答复的这一版本。
confirmation-link = 在线查看此版本及其回执：

## Invitation to a consultation

invitation-subject = { $reference }：就 { $study_group } 的 { $count } 项建议书草案征求意见
invitation-intro = TSB 征询贵主管部门是否授权 { $study_group } 审议批准以下建议书草案（WTSA 第 1 号决议第 9 节）。
invitation-deadline = 答复截止时间为 { $deadline }。
invitation-how = 请对每项草案答复“是”或“否”；如答复“否”，请说明理由及建议的修改。
invitation-calendar = 截止时间已作为日历条目附上。
ics-summary = 截止：{ $reference }（{ $study_group }）

## Reminder

reminder-subject = 提醒：{ $reference } 将于 { $date }（日内瓦时间）截止
reminder-intro = { $member_state }尚未对 { $reference }（{ $study_group }）的全部草案作出答复。
reminder-missing = 尚未答复的草案：
reminder-deadline = 答复截止时间为 { $deadline }。

## Closing summary

summary-subject = { $reference }：征求意见已结束，最终统计
summary-intro = { $reference }（{ $study_group }）征求意见已于 { $deadline } 结束。根据 WTSA 第 1 号决议第 9.4.5 段的最终统计如下：
summary-replied = 已答复的成员国：{ $count }
summary-link = 结果及贵成员国的答复：

## Account

account-invitation-subject = 您的 tapballot 账户
account-invitation-intro = TSB 已为您创建 tapballot 账户（{ $role }）。
account-invitation-action = 请通过以下链接设置密码；链接有效期至 { $expires }，仅可使用一次：
password-reset-subject = 重置您的 tapballot 密码
password-reset-intro = 有人请求重置您的 tapballot 账户密码。如非本人操作，请忽略本邮件，您的密码不会改变。
password-reset-action = 请通过以下链接设置新密码；链接有效期至 { $expires }，仅可使用一次：

## Web pages: frame

service-title = tapballot – 国际电联电信标准化部门 TAP 征求意见
skip-to-content = 跳到正文
nav-label = 主菜单
nav-home = 我的征求意见
nav-consultations = 征求意见
nav-users = 用户
nav-emails = 邮件
nav-password = 密码
nav-sign-in = 登录
nav-sign-out = 退出
language-label = 语言
footer-text = 国际电信联盟 – 电信标准化局（TSB）。除另有说明外，时间均为日内瓦时间。
your-time = 您所在地的时间：
back-home = 返回首页
remaining = 剩余 { $time }

## Web pages: errors

error-title = 出现问题
error-reference = 本次请求的编号：{ $id }
error-summary-title = 存在问题
error-not-found = 此页面不存在或已被删除。
error-forbidden = 您无权查看或修改此内容。联络人只能代表本国成员国行事。
error-csrf = 表单已过期或并非来自本网站。请返回、刷新页面后重试。
error-closed = 征求意见已结束：不能再提交、修改或撤回答复。
error-unavailable = 服务繁忙，请稍后重试。
error-storage-full = 服务目前无法保存任何内容（存储空间已满）。您提交的内容均未保存，请稍后重试。
error-internal = 发生内部错误，已记录在案；请稍后重试。
error-sign-in = 电子邮件地址或密码不正确。
error-too-many-attempts = 此地址登录失败次数过多。请等待 15 分钟，或重置密码。
error-password-mismatch = 两次输入的密码不一致。
error-weak-password = 请选择至少 12 个字符的密码。
error-wrong-password = 当前密码不正确。
error-invalid-link = 此链接无效、已使用或已过期。请重新申请。
error-choose-position = 请为 { $draft } 选择“是”或“否”，或清除其文字。
error-empty-reply = 请至少对一项建议书草案作出答复。
error-text-too-long = 有一段文字超过 100 000 个字符。
error-invalid-position = 请选择“是”或“否”。
error-date = 请按 YYYY-MM-DD 格式填写日期。
error-no-reply = 没有可撤回的答复。

## Web pages: account

sign-in-title = 登录
sign-in-intro = 请使用您 tapballot 账户的电子邮件地址和密码登录。
sign-in-button = 登录
field-email = 电子邮件地址
field-password = 密码
field-name = 姓名
field-role = 角色
field-language = 邮件语言
field-member-state = 成员国
field-current-password = 当前密码
field-new-password = 新密码
field-confirm-password = 再次输入新密码
password-hint = 至少 12 个字符。一句您记得住的话是不错的选择。
forgot-password-link = 忘记密码？
forgot-password-title = 重置密码
forgot-password-intro = 请输入您账户的电子邮件地址。如该地址有账户，我们将向其发送设置新密码的链接。
forgot-password-button = 发送链接
forgot-password-sent = 如该地址有账户，链接已发出。链接两小时内有效，仅可使用一次。
set-password-title = 设置密码
set-password-button = 保存密码
password-set-title = 密码已保存
password-set-done = 您的密码已保存，现在可以登录。
change-password-title = 修改密码
change-password-button = 修改密码
change-password-done = 您的密码已修改，其他会话已退出。
language-saved = 您的电子邮件语言已保存。
error-too-large = 您提交的内容过大：每个字段最多 100 000 个字符。
error-bad-form = 无法读取该表单；请从其页面重新提交。

## Web pages: administrations

home-title = 我的征求意见
home-intro = 国际电联电信标准化部门研究组面向{ $member_state }的征求意见。
home-none = 目前没有征求意见。
home-table-caption = 您对 { $reference } 各项草案的答复
label-deadline = 截止时间
label-status = 状态
label-your-reply = 您的答复
label-title = 标题
label-study-group = 研究组
label-reference = 文号
label-current-revision = 现行版本
answered-count = 已答复 { $answered } / { $total } 项草案
status-open = 进行中
status-closed = 已结束
status-withdrawn = 已撤回
action-reply = 答复
action-revise = 修改答复
action-view-reply = 查看答复
action-history = 答复历史
action-print = 打印版
action-review = 检查答复
action-submit = 提交答复
action-change = 返回修改
action-withdraw = 撤回答复
action-cancel = 取消
reply-title = 对 { $reference } 的答复
reply-for = { $member_state }的答复
reply-on-behalf-note = 由 TSB 代表成员国录入
reply-instructions = 请就每项建议书草案说明贵主管部门是否授权研究组审议批准该草案。未作选择的草案视为未答复。在截止时间之前可修改答复。
reply-closed-notice = 本次征求意见已结束。以下答复为最终答复，不能再修改。
question-authority = 是否授权审议批准 { $draft }？
choice-yes = 是，授予授权
choice-no = 否
reasons-hint = 如答复“否”，请说明理由及建议的修改（WTSA 第 1 号决议第 9.4.4 段）。
draft-text-link = { $draft } 文本
field-source = 答复来源
source-hint = TSB 收到答复的方式，例如“2024 年 8 月 20 日的传真”。
review-title = 检查您的答复
review-intro = 提交前请检查{ $member_state }对 { $reference } 的答复。
review-warning-title = 请注意：
review-warning-no-reasons = { $draft }：答复为“否”但未说明理由。第 1 号决议要求说明理由及希望的修改。
review-deadline = 在以下时间之前可修改答复：
receipt-title = 答复已收到
receipt-stored = { $member_state }对 { $reference } 的答复已收到并存档。
receipt-withdrawn = 对 { $reference } 的答复已撤回，不再计入统计。
receipt-unchanged = 此答复与现行答复相同，因此未生成新版本。
receipt-email = 确认邮件已发送给该成员国的联络人。
receipt-revise = 在截止时间之前可修改或撤回答复。
history-title = 答复历史
history-none = 尚无答复。
history-current = 现行
print-title = 对 { $reference } 的答复
print-header = 国际电信联盟 – 电信标准化局
print-administration = 主管部门
print-question = 贵主管部门是否授权 { $study_group } 审议批准以下建议书草案？
print-marked = 已勾选
print-not-marked = 未勾选
print-signature = 签字：
print-date = 日期：
withdraw-title = 撤回答复
withdraw-intro = 是否撤回{ $member_state }对 { $reference } 的答复？撤回后不再计入统计。在截止时间之前可重新答复。

## Web pages: TSB staff

tsb-consultations-title = 征求意见
action-new-consultation = 新建征求意见
label-replied = 已答复的成员国
new-consultation-title = 新建征求意见
edit-consultation-title = 修改征求意见
edit-consultation-rules = 一旦有成员国作出答复，文号、研究组、草案编号和临时名称均不能再修改，截止时间只能延后。
reference-hint = 例如“TSB Circular 195”。
deadline-hint = 按通函所述的当地时间：2024-08-21T23:59 包含整分钟；2024-08-21T23:59:30 仅包含该秒。对因夏令时调整而含糊的时间，请加上时差，如 +01:00。
label-time-zone = 时区
time-zone-hint = IANA 时区；日内瓦为 Europe/Zurich。
label-meeting-starts = 会议开始日期
label-meeting-ends = 会议结束日期
label-meeting-place = 会议地点
label-meeting = 研究组会议
meeting-dates = { $start }至{ $end }
meeting-date = { $start }
meeting-with-place = { $dates }，{ $place }
drafts-heading = 建议书草案
drafts-hint = 留空的行将被忽略。
draft-row = 草案 { $n }
label-draft-number = 编号
label-provisional-name = 临时名称
label-text-url = 文本链接
action-save = 保存
action-create = 创建征求意见
action-more-drafts = 增加草案行
action-edit = 修改
action-export = 下载 { $format }
tally-live = 实时统计
tally-final = 最终统计
tally-rule = 如某项草案收到的答复中有 70% 或以上为“是”，或完全没有答复，则可以审议（WTSA 第 1 号决议第 9.4.5 段）。
chart-title = 各项草案“是”（绿色）和“否”（红色）所占比例；竖线标示 70%
chart-caption = 各项草案收到的答复中“是”和“否”所占比例。
enter-on-behalf-title = 录入通过电子邮件或传真收到的答复
action-open-reply = 打开答复表
replied-heading = 已答复（{ $count }）
not-replied-heading = 未答复（{ $count }）
by-tsb = 由 TSB 录入
users-title = 用户
invite-heading = 邀请用户
invite-hint = 用户将收到一封含有设置密码链接的邮件。
member-state-hint = 仅适用于联络人。
role-member-short = 联络人
action-invite = 发送邀请
users-caption = 所有可以登录的人员
label-actions = 操作
user-active = 有效
user-invited = 已邀请
user-inactive = 已停用
action-deactivate = 停用
action-reactivate = 重新启用
action-resend-invitation = 重新发送邀请
deactivate-title = 停用用户
deactivate-question = 停用 { $name } <{ $email }>？该用户会立即被登出，其 API 令牌和未使用的链接随即失效，且无法再登录。您以后可以重新启用该账户。
action-confirm-deactivate = 确认停用
users-done-invited = 邀请已发送。
users-done-deactivated = 用户已停用。
users-done-reactivated = 用户已重新启用，可使用原密码重新登录。
users-done-invitation-sent = 邀请已重新发送；此前的链接已失效。
user-edit-title = 修改用户
users-done-changed = 用户信息已修改。
emails-title = 邮件
emails-intro = 服务承诺发送的全部邮件，按时间由新到旧排列。发送失败的邮件将在三天内自动重试。
emails-filter = 按状态筛选
filter-all = 全部
emails-none = 没有邮件。
email-status-queued = 排队中
email-status-sent = 已发送
email-status-failing = 发送失败
email-status-failed = 已放弃
email-attempts = 尝试 { $count } 次
email-sent-at = 发送时间：{ $time }
email-next-attempt = 下次尝试：{ $time }
label-created = 创建时间
label-recipient = 收件人
label-subject = 主题
label-details = 服务器应答或错误
action-retry = 重试

# Audit trail (TSB staff)
nav-activity = 变更记录
activity-title = 谁更改了什么
activity-intro = 每项更改及其作者和时间（日内瓦时间和 UTC），按时间由近及远排列；最多显示 { $count } 条。
activity-filtered = 仅显示以下对象的更改：
activity-none = 没有记录任何更改。
label-when = 时间
label-who = 操作人
label-change = 更改
label-subject-of-change = 对象
action-history-of-changes = 更改历史
audit-consultation-created = 征求意见已开启
audit-consultation-changed = 征求意见已修改
audit-reply-submitted = 答复已提交
audit-reply-withdrawn = 答复已撤回
audit-user-added = 已添加用户
audit-user-deactivated = 已停用用户
audit-user-reactivated = 已重新启用用户
audit-user-changed = 已修改用户
audit-invitation-resent = 已重新发送邀请
audit-tokens-revoked = API 令牌已撤销
audit-password-changed = 密码已更改
audit-password-set-from-link = 已通过电子邮件链接设置密码
audit-password-reset-requested = 已申请重置密码
audit-email-retry-requested = 电子邮件已重新发送

# Notices of change and cancellation (emails)
notice-subject = 变更：{ $reference }（{ $study_group }）
notice-intro = TSB 已变更磋商 { $reference }（{ $study_group }）。变更内容：
notice-was = 原为：
notice-now = 现为：
notice-calendar = 所附日历条目取代此前发送的条目。
notice-reply-stands = { $member_state }的答复（第 { $revision } 版）仍然有效，按原样计入。您可在截止时间前修改。
notice-reply-partly = { $member_state }的答复涉及 { $drafts }，TSB 已将其从磋商中撤下：这些答复不再计入。对其他草案的答复仍然有效；请核对。
notice-no-reply = { $member_state }尚未答复。答复截止时间为 { $deadline }。
change-none = （无）
change-of-draft = { $draft }：{ $what }
change-draft-added = 新增建议草案
change-draft-removed = 撤下建议草案
cancellation-subject = 取消：{ $reference }（{ $study_group }）
cancellation-intro = TSB 已取消磋商 { $reference }。不再接受答复。
cancellation-when = 取消时间：{ $cancelled }。
label-cancellation-reason = 原因
cancellation-replies = 已发送的答复予以保留，但该磋商没有结果。
cancellation-calendar = 所附日历条目将从您的日历中撤除该截止时间。
# Notices of change and cancellation (pages)
notice-heading = 致成员国的通知
no-notice-hint = 每位联络人都会收到变更内容的通知及更新后的日历条目。仅更正措辞、链接或会议地点的修改可不发通知保存；变更记录会予以记录。
no-notice-label = 仅为更正：不发送通知
consultation-done-saved = 更改已保存。如有变更，每位联络人都会收到通知。
consultation-done-saved-quietly = 更正已保存，未发送通知；变更记录已予记录。
consultation-done-cancelled = 磋商已取消。每位联络人都会收到通知。
action-cancel-consultation = 取消磋商
cancel-consultation-title = 取消 { $reference }
cancel-consultation-question = 是否取消磋商 { $reference }（{ $study_group }）？
cancel-consultation-effects = 将不再接受答复。已提交的答复予以保留并仍可导出，但该磋商没有结果。每位联络人都会收到附有以下原因的通知。此操作无法撤销。
cancel-reason-hint = 成员国将在通知中看到这段文字。
action-confirm-cancel-consultation = 取消磋商
action-keep-consultation = 保持开放
cancelled-notice = TSB 已于 { $when } 取消此磋商。不再接受答复，且没有结果。
status-cancelled = 已取消
error-cancelled = TSB 已取消此磋商：答复不能再提交、修改或撤回。
audit-consultation-cancelled = 磋商已取消

# After the cut-off: attested and late replies, the certified result.
confirmation-attested = 收到时间（经TSB证明）
confirmation-entered = 录入时间
confirmation-late = 此答复在截止时间之后送达TSB：已记录并报告会议，但不计入统计（WTSA第1号决议，9.4.5）。
certified-subject = { $reference }：结果已核证
certified-intro = TSB已于{ $certified }核证{ $reference }（{ $study_group }）磋商的结果，并已告知{ $study_group }主席。
certified-deadline = 截止时间：{ $deadline }
certified-late = { $count ->
       *[other] { $count }个成员国在截止时间之后答复：其答复予以报告，但不计入统计。
    }
certified-final = 结果为最终结果：不再录入任何答复。
entry-after-cut-off = 截止时间已过。在结果核证之前，TSB仍可录入及时以传真或电子邮件送达的答复并注明收到时间，或将截止时间之后收到的答复登记为逾期答复（予以保存和报告，但不计入统计）。
entry-legend = TSB收到此答复的方式
field-received-at = 收到时间（日内瓦时间）
received-at-hint = 传真或电子邮件送达TSB的时间。磋商开放期间留空即使用当前时间；截止时间之后必须填写。
field-late = 截止时间之后收到（逾期：予以登记，不计入统计）
late-hint = 逾期答复绝不改变统计结果；它将单独列出并报告会议。
status-late = 逾期：不计入统计
status-attested = 按时收到，事后录入
error-received-at-format = 请以日期和时间填写收到时间，例如 2024-08-21 23:50。
error-received-at-invalid = 无法接受此时间：计入统计的答复必须在截止时间之前送达TSB（且不得早于其所替换的答复）；逾期答复须在截止时间当时或之后；任何答复都不能是将来的时间。
error-received-at-required = 截止时间之后，请填写答复送达TSB的时间。
error-source-required = 请说明答复如何送达TSB（例如“8月21日的传真”）。
error-cannot-certify = 无法核证此结果：磋商仍在进行、已被取消，或其结果已核证。
certified-banner = 结果已于{ $date }核证。不再录入任何答复。
action-certify = 核证结果
certify-title = 核证{ $reference }的结果
certify-intro = 在TSB将结果告知{ $study_group }主席时核证结果。
certify-effects = 核证之后不能再录入任何答复，即使是在截止时间之前送达TSB的答复。每位联络人和TSB抄送地址将通过电子邮件收到结果。
action-confirm-certify = 立即核证结果
action-back = 返回
consultation-done-certified = 结果已核证，正在发送给每位联络人。
label-late-replies = 逾期答复（不计入统计）
late-heading = { $count ->
       *[other] 逾期答复（{ $count }）
    }
late-explained = 截止时间之后收到：予以保存并报告会议，但绝不计入统计（WTSA第1号决议，9.4.5）。
audit-result-certified = 结果已核证
audit-decision-recorded = 已记录会议决定
audit-decisions-notified = 已通知决定
error-certified = 本次磋商的结果已核证：不再录入任何答复。

# The meeting's decisions (9.5-9.6).
decisions-subject = { $reference }：会议决定
decisions-intro = { $study_group }研究组就{ $reference }的建议草案作出如下决定（WTSA第1号决议，9.5-9.6）：
decision-approved = 批准
decision-not-approved = 未批准
decision-deferred = 推迟决定
decision-deferred-until = 一个代表团要求给予考虑时间，至{ $date }
decision-reservation = { $member_state }的保留
decision-abstentions = 弃权
decision-note = 备注
label-decision = 决定
deferral-subject = { $reference }：{ $draft }的推迟期已结束
deferral-intro = 一个代表团为就{ $draft }（{ $reference }，{ $study_group }）作出决定所要求的期限已于{ $date }结束。请记录最终决定：
decisions-title = 会议决定：{ $reference }
decisions-heading = 会议决定
decisions-not-yet = 会议在磋商结束后作出决定；已取消的磋商没有决定。
field-decided-on = 决定日期
field-deferred-until = 推迟至
deferred-until-hint = 仅适用于推迟的决定：最长为决定后四周（9.5.5）。
field-reservations = 保留
reservations-hint = 每行一项：成员国代码、冒号、保留内容（例如 EGY: 第7条）。
field-abstentions = 弃权
abstentions-hint = 弃权成员国的代码，以逗号分隔（例如 CHE, FRA）。
action-save-decision = 保存关于{ $draft }的决定
action-notify-decisions = 将决定通知各成员国
action-bulletin = 下载《操作公报》文本
action-decisions = 会议决定
decisions-done-saved = 决定已保存。
decisions-done-notified = 正在将决定发送给每位联络人。
error-decision-outcome = 请选择决定：批准、未批准或推迟。
error-decision-date = 请填写日历日期。
error-reservation-format = 每项保留单独一行，格式为 代码: 内容。
error-decision-refused = 决定未保存：{ $reason }
action-comments = 意见汇编TD（{ $format }）

# Exports.
export-iso3 = ISO3代码
export-member-state = 成员国
export-provisional-name = 暂定名称
export-received-utc = 收到时间（UTC）
export-received-geneva = 收到时间（日内瓦时间）
export-on-behalf = 由TSB录入
export-entered-utc = 录入时间（UTC）
export-sheet-replies = 答复
export-sheet-tally = 统计
export-sheet-late = 逾期答复
export-sheet-consultation = 磋商
export-reference = 编号
export-certified = 结果核证
export-not-certified = 尚未核证
export-status-final = 最终：截止时间已过
export-status-open = 开放：统计结果仍可能变化
export-status-cancelled = 已于{ $date }取消：{ $reason }
action-export-tally = 下载统计（CSV）

remaining-days = { $days } 天
remaining-hours = { $hours } 小时
remaining-minutes = { $minutes } 分钟
remaining-join = { $first } { $second }
activity-reply-of = { $reference }：{ $member_state }的答复
review-unanswered-title = { $count ->
       *[other] 贵主管部门将不对以下 { $count } 项草案作出答复：
    }
error-member-state-required = 联络人属于某一成员国：请选择该成员国。
error-member-state-refused = TSB工作人员不属于任何成员国：请留空。
error-member-state-unknown = 这不是国际电联成员国。
error-invalid-email = 请填写有效的电子邮件地址。
error-email-taken = 已有用户使用此电子邮件地址。
error-name-required = 请填写用户姓名。
error-field-too-long = 内容过长。
error-control-characters = 请写在一行内，不含控制字符。
error-unknown-language = 请从六种语言中选择一种。
choice-no-reply = 不对此草案作答
tally-no-replies = 尚无成员国答复：在没有答复的情况下，草案可以审议（9.4.5），因此目前每项草案均显示“可以审议”。
error-consultation-missing-field = 请填写所有必填字段。
error-consultation-no-drafts = 请至少填写一项建议书草案。
error-consultation-too-many-drafts = 一次磋商最多包含{ $max }项建议书草案。
error-consultation-repeated-draft = 有一项建议书草案重复出现。
error-consultation-meeting-dates = 会议结束日期须晚于开始日期，且开始日期须晚于截止日。
error-consultation-text-url = 文本链接必须是 http 或 https 地址。
error-consultation-time-zone = 请填写 IANA 时区，例如 Europe/Zurich。
error-consultation-deadline = 请以日期和时间填写截止时间，例如 2024-08-21 23:59。
error-consultation-deadline-nonexistent = 该时间在此时区不存在（夏令时开始时时钟跳过该时间）：请另选时间。
error-consultation-deadline-ambiguous = 该时间在此时区出现两次（夏令时结束时）：请注明其UTC偏移，例如 2024-10-27T02:30+02:00。
error-consultation-duplicate-reference = 已有使用此编号的磋商。
error-consultation-locked = 已有成员国答复：编号、研究组和草案均已固定，截止时间只能延后。
error-consultation-notice-required = 此项更改必须通知各成员国：只有措辞、链接和会议地点可以不经通知更改。
error-consultation-open = 磋商仍在进行：截止时间过后方可执行此操作。
error-not-retryable = 此电子邮件不在等待重新发送。
error-deactivate-self = 您不能停用自己的账户。
error-user-inactive = 此账户已停用：请先重新启用。
error-password-already-set = 该用户已设置密码：无需邀请。
error-decision-invalid = 尚无可通知的内容：请先记录会议决定。
error-invalid-query = 此地址含有本页无法识别的参数。请返回并点击本网站的链接。
error-session-ended = 您的会话已结束：请重新登录。
error-tally-not-final = 征询结束后才显示结果。
error-decision-rules = 此决定不符合第1号决议第9.5段的规则。
error-unknown-draft = 此建议书草案不属于本次征询。
error-cancel-reason-required = 请说明取消的原因：各成员国将会阅读。
error-control-characters-text = 请删除文本中的控制字符。
error-decision-deferral-date-missing = 推迟的决定需要注明代表团作出决定的日期。
error-decision-deferral-date-unexpected = 只有推迟的决定才填写推迟日期。
error-decision-deferral-too-long = 推迟期须在决定日之后结束，且最长为四周（9.5.5），即最迟至{ $latest }。
error-decision-before-cut-off = 会议在征询之后作出决定：决定日不能早于截止时间。
error-decision-in-future = 决定日不能是将来的日期。
error-decision-may-not-proceed = 征询结果为此草案不能继续推进（9.4.5）：不能予以批准。
error-decision-unknown-member-state = { $code }不是国际电联成员国。
error-decision-repeated = { $code }出现了两次。
error-decision-abstained-and-reserved = { $code }不能既弃权又提出保留。
error-decision-empty-reservation = { $code }的保留没有文字。
error-decision-reservation-too-long = { $code }的保留超过{ $max }个字符。
error-decision-bad-note = 备注最多{ $max }个字符，且不得含有控制字符。

## The verifiable receipt and its check
receipt-file-title = 可验证的回执
receipt-file-help = 此文件无需信任TSB的数据库即可证明该答复的内容、收到的时间，以及它已记入TSB签名的日志。请妥善保存：任何人都可以在“验证回执”页面或使用 tapballot verify-receipt 命令进行核验。
receipt-file-download = 下载 receipt-{ $code }.json
verify-title = 验证回执
verify-intro = 回执文件（receipt-….json）可证明成员国答复的内容，以及该答复已记入TSB签名的日志。请在下方粘贴其内容或选择该文件进行核验。无需登录。
verify-field-receipt = 回执（文件内容）
verify-field-file = 或选择文件
verify-field-key = 日志的验证密钥（留空则使用本服务的密钥）
verify-button = 验证
verify-key-note = 本服务的验证密钥见下方。请与TSB公布的密钥进行比对：只有对照您信任的密钥，回执才具有证明力。
verify-unreadable = 这不是 tapballot 回执文件。
verify-check-leaf = 该条目正是回执所对应的条目
verify-check-signature = 检查点已由日志密钥签名
verify-check-inclusion = 该条目在已签名的树中
verify-check-log = 该条目至今仍在日志中
verify-holds = 通过
verify-fails = 未通过
verify-ok = 回执有效：{ $reference }，{ $member_state }，第 { $revision } 版，收到时间 { $received }（UTC）。
verify-failed = 回执未通过验证。
export-log-checkpoint = 截止时可验证日志的检查点
export-log-not-final = （磋商结束后提供）
confirmation-receipt-file = 附件：{ $file }，任何人无需信任TSB的数据库即可验证的回执（见本服务的“验证回执”页面）。请与您的记录一并保存。
