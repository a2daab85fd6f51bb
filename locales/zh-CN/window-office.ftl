# The window's own notices and task names in the mailroom and the administrator's pages (gui/adapters: admin, ecopy, mailroom).

## Administrator: requests, corrections, schools (admin.rs)
wo-status-all = 全部
wo-request-done = 请求 { $id }：{ $done }
wo-request-added = 已登记请求 { $id }（{ $matched }）
wo-student-matched = 已匹配到学生
wo-student-unmatched = 待匹配学生
wo-kind-with-key = { $word }（{ $key }）
wo-request-table-title = 导入学校的补洗请求表
wo-request-import = { $file }：已登记 { $added } 条，拒绝 { $refused } 条
wo-correction-done = 已改正 { $xh } 的{ $field }：{ $old } → { $new }
wo-correction-reprint = ；该生照片已印，待补印（技术员：新建作业时勾选“只印勘误后待补印的学生”）
wo-school-code-first = 请先填写院校代码
wo-correction-table-title = 导入院校 { $school } 的勘误表
wo-correction-import = { $file }：{ $rows } 行，改正 { $applied } 项，拒绝 { $rejected } 行
wo-email-added = 已添加邮箱
wo-email-removed = 已删除邮箱
wo-address-saved = 已保存地址
wo-school-done = 院校 { $code }：{ $done }
wo-school-added = 已登记院校 { $code }

## Electronic copies (ecopy.rs)
wo-ecopy-requested = 已登记电子版申请 { $id }：{ $school } { $name }，{ $students } 名学生，发往 { $to }
wo-ecopy-no-full-name = ；{ $n } 名学生无全名，以学号命名
wo-ecopy-choose-first = 请先选择电子版申请
wo-ecopy-sending = 发送
wo-ecopy-failed-part = 第 { $part }/{ $parts } 包：{ $reply }
wo-ecopy-sent = 电子版 { $id } 发往 { $to }：服务器已接收 { $accepted }/{ $parts } 包

## Mailroom (mailroom.rs)
wo-step-seal = 封箱
wo-step-deliver = 送达
wo-step-ship = 发运
wo-step-return = 退回
wo-step-done = 发运单 { $id }：{ $step }完成，现在{ $state }
wo-school-first = 请先选择院校
wo-shipment-created = 已新建发运单 { $id }：{ $packets } 个包裹，{ $students } 名学生
wo-scan-first = 请先扫描发运单条码
wo-no-printer = 没有可用的打印机：请先在技术员的“打印机”页添加
wo-papers-label = 面单
wo-papers-packing-lists = 装箱单
wo-papers-sent = { $what }已发送到 { $printer }（{ $n } 份文件）
