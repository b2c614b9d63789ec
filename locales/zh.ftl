# tapballot：翻译目录（中文）。

## Common

service-name = tapballot
email-greeting = { $name }，您好：
email-footer = 本邮件由国际电联电信标准化局（TSB）的 TAP 征求意见服务 tapballot 发送，请勿直接回复。
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
role-member = { $member_state } 联络人

## Reply confirmation

confirmation-subject = { $reference }：已收到 { $member_state } 的答复（第 { $revision } 版）
withdrawal-subject = { $reference }：{ $member_state } 的答复已撤回（第 { $revision } 版）
confirmation-intro = { $member_state } 对 { $reference }（{ $study_group }）的答复已收到并存档。
withdrawal-intro = { $member_state } 对 { $reference }（{ $study_group }）的答复已撤回，不再计入统计。
confirmation-revision = 版本
confirmation-received = 收到时间
confirmation-receipt = 回执编号
confirmation-entered-by = 录入人
confirmation-on-behalf = 由 TSB 代表 { $member_state } 录入
confirmation-source = 来源
confirmation-responses = 所存档的答复
confirmation-no-response = 未答复
confirmation-cutoff = 截止时间
confirmation-revise = 在截止时间（{ $deadline }）之前，可修改或撤回答复。
confirmation-keep-receipt = 请保留回执编号：它标识答复的这一版本。

## Invitation to a consultation

invitation-subject = { $reference }：就 { $study_group } 的 { $count } 项建议书草案征求意见
invitation-intro = TSB 征询贵主管部门是否授权 { $study_group } 审议批准以下建议书草案（WTSA 第 1 号决议第 9 节）。
invitation-deadline = 答复截止时间为 { $deadline }。
invitation-how = 请对每项草案答复“是”或“否”；如答复“否”，请说明理由及建议的修改。
invitation-calendar = 截止时间已作为日历条目附上。
ics-summary = 截止：{ $reference }（{ $study_group }）

## Reminder

reminder-subject = 提醒：{ $reference } 将于 { $date }（日内瓦时间）截止
reminder-intro = { $member_state } 尚未对 { $reference }（{ $study_group }）的全部草案作出答复。
reminder-missing = 尚未答复的草案：
reminder-deadline = 答复截止时间为 { $deadline }。

## Closing summary

summary-subject = { $reference }：征求意见已结束，最终统计
summary-intro = { $reference }（{ $study_group }）征求意见已于 { $deadline } 结束。根据 WTSA 第 1 号决议第 9.4.5 段的最终统计如下：
summary-replied = 已答复的成员国：{ $count }

## Account

account-invitation-subject = 您的 tapballot 账户
account-invitation-intro = TSB 已为您创建 tapballot 账户（{ $role }）。
account-invitation-action = 请通过以下链接设置密码；链接有效期至 { $expires }，仅可使用一次：
password-reset-subject = 重置您的 tapballot 密码
password-reset-intro = 有人请求重置您的 tapballot 账户密码。如非本人操作，请忽略本邮件，您的密码不会改变。
password-reset-action = 请通过以下链接设置新密码；链接有效期至 { $expires }，仅可使用一次：
