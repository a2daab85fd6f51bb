# 桌面窗口自己的消息。

## 散拍（技术员 → 散拍）
gui-walkin-code-empty = 请先扫描采集码（扫码枪扫完会自动回车），或选择采集码的二维码图片。
gui-walkin-not-a-code = 扫到的内容不是采集码：采集码是学信网采集码二维码里的一段数据（含院校代码、学号、姓名、班级等）。请重新扫描学生的采集码二维码，或选择二维码图片。
gui-walkin-code-missing = 采集码缺少字段：{ $fields }。请让学生重新生成采集码二维码后再扫。
gui-walkin-code-invalid = 采集码的字段有误：{ $detail }
gui-walkin-code-picture = 二维码图片 { $file } 读不出采集码：{ $error }
gui-walkin-student = 学号 { $xh }　姓名 { $xm }　班级 { $bh }　院校 { $school }　{ $cc } { $xllb }　采集码 { $cjm }
gui-walkin-stored-new = 照片已存入新批次 { $batch }
gui-walkin-stored-replaced = 已替换此前存的照片（批次 { $batch }，旧照片保留在历史中）
gui-walkin-stored-already = 同一张照片以前已存过（批次 { $batch }）
gui-walkin-done = { $xh } { $xm }：{ $stored }，已排版为作业 { $job }。请看右边的预览，无误后选择打印机打印。
gui-walkin-photo-ok = 照片规格检查：未发现问题。
gui-walkin-photo-unchecked = 照片规格检查：点“检查并排版”后在这里显示结果。
gui-walkin-preview = 作业 { $job } 的预览
gui-walkin-printed = 作业 { $job } 已发送到打印机 { $printer }（{ $status }）。
gui-walkin-already-printed = 作业 { $job } 以前已发送到打印机 { $printer }，这次没有重发；要重印，请到“作业与打印”页勾选“重新发送”。
gui-walkin-no-printer = 没有可用的打印机：请先在“打印机”页添加。
gui-walkin-need-code = 请先读取有效的采集码。
gui-walkin-need-photo = 请先选择学生的照片（.jpg）。
gui-walkin-choose-code = 散拍：选择采集码的二维码图片
gui-walkin-choose-photo = 散拍：选择学生的照片（.jpg）
gui-walkin-next = 可以办理下一位：请扫描采集码。

## 打印机（技术员 → 打印机）
gui-printers-not-a-number = { $field } 应当是数字，例如 -1.5，现在是“{ $text }”。
gui-printers-calibration-help = 校准方法：先点“打印校准页”，在打出的页上量：中心十字到纸张左边的距离 X、到上边的距离 Y（标称 { $cx } mm、{ $cy } mm），以及方框的实际宽度 W（方框的标称边长印在框内，100 或 50 mm）。新偏移 x = { $ox } + ({ $cx } − X)；新偏移 y = { $oy } + ({ $cy } − Y)；新缩放 = { $scale } × 标称边长 ÷ W。把算出的三个新值填在下面，点“保存校正”，再打一张校准页核对。
gui-printers-added = 已添加打印机 { $name }。
gui-printers-added-unasked = 已添加打印机 { $name }，但现在问不到它支持的纸张：{ $error }
gui-printers-saved = 打印机 { $name } 的校正已保存：偏移 x { $ox } mm，偏移 y { $oy } mm，缩放 { $scale }%。
gui-printers-removed = 打印机 { $name } 已停用（以前发给它的记录都保留）。
gui-printers-test-sent = 校准页已发送到打印机 { $name }（{ $state }），文件 { $file }。量好后按下面的说明填写新的校正。
gui-printers-need-name = 请先填写打印机的名称。
gui-printers-need-ipp = 请填写 IPP 地址，例如 ipp://主机:631/ipp/print；RIP 的热文件夹请点“选择热文件夹并添加…”。
gui-printers-need-selection = 请先在表中选择打印机。
gui-printers-choose-folder = 打印机 { $name }：选择 RIP 监视的热文件夹

## 服务的提示在窗口里的说法：键名是服务消息的键加 -in-window，参数相同。窗口显示这一句，
## 命令行仍显示原句，这样提示说的是窗口里的按钮，而不是命令行参数。

shipment-packets-missing-in-window = 发运单 { $shipment }：{ $expected } 包中还有 { $missing } 包没有扫描：{ $codes }；请扫描这些包裹，或在“原因”框写明原因后点“强制封箱”，不带它们封箱
shipment-force-needs-reason-in-window = 强制封箱前，请在“原因”框写明为什么不带这些包裹发运
shipment-return-needs-reason-in-window = 退回前，请在“原因”框写明发运单为什么被退回
shipment-needs-tracking-in-window = 发运单 { $shipment }：请扫描快递面单，或在“快递单号”框输入单号后点“登记单号并发运”
shipment-school-no-address-in-window = 院校 { $school } 没有邮寄地址；请在 管理员 → 院校与地址 填写地址后保存
shipment-to-needs-recipient-in-window = 寄给个人时请填写收件人
scan-unknown-in-window = { $code } 既不是 gradlab 的条码，也不是已知格式的快递单号（其他快递：在“快递单号”框输入单号，快递公司选“其他快递”）
printer-unproven-in-window = 作业 { $job } 不能打印：{ $reasons }。确要打印，请勾选“重新发送”后再点“打印”（会记入审计日志）
verify-run-again-in-window = 选中作业 { $job } 后点“校验”
batch-unknown-schools-in-window = { $file }（{ $table }）：整批拒收：有些行的院校还没有登记：{ $schools }。请改正数据表中的院校代码，或先在 管理员 → 院校与地址 登记新院校
batch-different-photo-in-window = 这个采集码已存有另一张照片（批次 { $batch }）；要换成这张，请勾选“替换已存的不同照片”后再导入（旧照片保留在历史中）
request-fee-not-number-in-window = 费用“{ $fee }”不是以元为单位的数字
reprint-no-printer-in-window = 作业 { $job } 从未发送到打印机；请在补印的打印机下拉框里选一台打印机
reprint-needs-reason-in-window = 请在“原因”框写明为什么补印（卡纸、损坏……）
request-which-student-in-window = 请说明是哪位学生：填学号、采集码，或证件号码后 4 位加打码姓名
request-reject-needs-reason-in-window = 请在“拒绝原因”框写明为什么拒绝这份申请
walkin-not-printed-in-window = { $cjm }（学号 { $xh }）的散拍已存入批次 { $batch }，作业 { $job } 已制作并渲染，但打印失败：{ $error }；请到“作业与打印”选中作业 { $job }，选打印机后点“打印”
reprint-corrected-in-window = 作业 { $job } 是在以下勘误之前制作的，这些学生就在要补印的相纸上：{ $corrections }。补印这张相纸会再次印出旧数据。请在“作业与打印”勾选“只印勘误后待补印的学生”，为院校 { $school } 创建作业
correction-none-needed-in-window = 院校 { $school } 没有需要重印的学生：上次补印作业以来，没有对已印学生做过勘误（见 管理员 → 勘误）

## 窗口表格和收发室判定横幅里的短词。
window-yes = 有
window-no = 无
window-unverified = 未校验
window-verified-stale = 已重新渲染，未校验
window-verified = 已校验
window-verify-failed = 校验失败
verdict-refused = 拒收
verdict-shipped = 已发运
verdict-tracking = 单号已登记
verdict-accepted = 接收
verdict-confirmed = 已在箱中
verdict-shipment = 发运单
verdict-recorded = 已记录
verdict-error = 错误

## Window rows and details (gui/model)
row-roster-summary = 名单 { $source }（{ $rows } 行，{ $at } 导入）
row-no-roster = 无名单（按班级、拍摄序号、学号排序）
row-not-recorded = 未登记
row-school-detail = { $students } 名学生，{ $classes } 个班级。地址：{ $address }；联系人：{ $contact } { $phone }。{ $roster }
row-batch-summary = 批次 { $source }：接受 { $accepted }，已有 { $skipped }，拒绝 { $rejected }，警告 { $warnings }
row-batch-stored = { $summary }（批次号 { $id }）
row-batch-not-stored = { $summary }。未存入任何照片
row-kind-rejected = 拒绝
row-kind-warning = 警告
row-kind-cannot-judge = 无法判断
row-kind-skipped = 已有
row-kind-accepted = 接受
row-photo-replaced = 已替换旧照片（旧照片保留在历史中）
row-roster-report = 名单 { $file }（院校 { $school }）：{ $rows } 行，{ $matched } 行有照片（名单号 { $id }）
row-kind-name-mismatch = 姓名不符
row-name-mismatch = 名单姓名 { $roster } 与照片数据 { $photo } 不符，可能照片有误
row-kind-no-photo = 无照片
row-no-photo = 名单中有，批次中没有照片
row-kind-not-on-roster = 不在名单
row-not-on-roster = { $class }：排在名单之后打印
row-job-printed = ，已打印（{ $at }）
row-job-title = 作业 { $job }  { $school } { $name }  版面 { $layout }  { $students } 名学生，{ $sheets } 页{ $printed }
row-part-not-sent = 未发送
row-part-reprint = 补印
row-shipment-title = 发运单 { $shipment } → { $school } { $name }
row-shipment-recipient = 收件人 { $name }，{ $address }，{ $contact } { $phone }；共 { $students } 名学生。
row-shipment-tracking = 快递单号 { $carrier } { $tracking }。
row-shipment-seal-reason = 缺包封箱原因：{ $reason }。
row-shipment-missing = 未扫描：{ $codes }。
row-scanned-at = 是 { $at }
row-not-scanned = 否
row-unmatched = 未匹配：{ $given }
row-request-title = 请求 { $id }：{ $kind }，院校 { $school }
row-request-given = 申请人 { $requester }；提供：学号 { $xh }，采集码 { $cjm }，证件后4位 { $last4 }，姓名 { $name }
row-request-student = 学生：{ $xh } { $xm } { $bh }（{ $cjm }）
row-request-contact = 联系：{ $contact }
row-request-note = 说明：{ $note }
row-request-fee = 费用：{ $fee } 元
row-request-reject-reason = 拒绝原因：{ $reason }
row-request-reprint-shipped = 补印作业 { $job }，发运单 { $shipment }
row-reprint-job = 补印作业 { $job }
row-request-times = 来源 { $source }；登记 { $created }；更新 { $updated }
row-request-warning = 注意：{ $warning }
row-operator-at = { $operator }（{ $station }）
row-awaiting-reprint = 待补印
row-due-promise = 承诺：采集后 { $days } 个工作日寄出；补印与勘误自申请之日起 { $reprint_days } 个工作日。
row-due-calendar-missing = 节假日表缺少 { $years } 年，这些年份只按周末计算。
row-due-nothing = 没有逾期或一周内到期的工作。
row-due-job = 作业 { $job }
row-due-not-in-a-job = { $students } 名学生未排作业
row-due-request = 补印申请 { $request }
row-due-correction-job = 勘误重印 { $job }
row-due-corrections = { $corrections } 条勘误待重印
row-due-overdue = 逾期 { $days } 个工作日
row-due-no-job-yet = 尚未排作业
row-due-awaiting-correction-job = 等待重印作业
row-comma = ，
row-list-sep = 、
row-done-match = 已匹配学生
row-done-approve = 已批准
row-done-reject = 已拒绝
row-done-print = 已制作补印作业
row-done-ship = 已安排发运
row-done-close = 已关闭
row-done-other = 已处理
row-printer-hot-folder = 热文件夹
row-printer-default-media = { $media }（默认）
