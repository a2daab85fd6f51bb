# The command line's own reports at the desks: printing, verifying, shipping, scans, requests, corrections, e-copies, walk-ins (cli/*.rs but mod.rs and commands.rs).

## Shared pieces
desk-warning = 警告：{ $warning }
desk-warnings = 警告
desk-refused = 拒绝
desk-nothing-changed = 没有任何改动
desk-count-students = { $students } 名学生
desk-part = 第 { $part } 段
desk-reprint = 补印
desk-reprint-n = 补印 { $reprint }
desk-job-n = 作业 { $job }
desk-printer-job = 打印机作业 { $id }
desk-printer-job-paren = （打印机作业 { $id }）
desk-printer-job-comma = ，打印机作业 { $id }
desk-not-sent = 未发送
desk-cannot-write-stdout = 错误：无法写入标准输出：{ $error }
desk-cannot-write-json = 错误：无法写出 JSON：{ $error }

## Table headings
desk-col-shipment = 发运单
desk-col-school = 院校
desk-col-recipient = 收件人
desk-col-state = 状态
desk-col-scanned = 已扫描
desk-col-tracking = 快递单号
desk-col-created = 创建时间
desk-col-work = 工作
desk-col-since = 起始日
desk-col-due = 到期日
desk-col-left = 剩余
desk-col-status = 状态
desk-col-name = 名称
desk-col-imported = 已导入
desk-col-printed = 已打印
desk-col-packed = 已装包
desk-col-shipped = 已发运
desk-col-delivered = 已送达
desk-col-open-requests = 未结申请
desk-col-printed-at = 打印时间
desk-col-packed-at = 装包时间
desk-col-printer = 打印机
desk-col-kind = 类型
desk-col-address = 地址
desk-col-offset-x = 横向偏移 mm
desk-col-offset-y = 纵向偏移 mm
desk-col-scale = 缩放
desk-col-media = 纸张
desk-col-request = 申请
desk-col-to = 收件邮箱
desk-col-letter = 公函
desk-col-students = 学生数
desk-col-accepted = 已接收
desk-col-id = 编号
desk-col-field = 字段
desk-col-old-new = 原值 -> 新值
desk-col-source = 来源
desk-col-by = 操作人
desk-col-at = 时间
desk-col-reprint = 补印
desk-col-student = 学生
desk-col-from = 申请人
desk-col-received = 收到时间

## Shipments and scans (shipping.rs)
desk-shipment-title = 发运单 { $shipment }  { $state }  寄往 { $school } { $name }
desk-shipment-recipient = 收件人：{ $name }  { $address }  { $contact } { $phone }
desk-shipment-tracking = 快递单号：{ $carrier } { $tracking }
desk-shipment-packets = 包裹：已扫描 { $scanned }/{ $expected }，{ $students } 名学生
desk-shipment-missing = 缺少：{ $codes }
desk-shipment-opened = 发运单 { $shipment } 寄往 { $school } { $name }：应有 { $packets } 个包裹
desk-file-sent = { $file } 已发送到 { $printer }{ $job }：{ $state } { $message }

## Due report and school counts (shipping.rs)
desk-due-header = 截至 { $today }：采集后 { $days } 个工作日寄出；补印与勘误自申请之日起 { $reprint_days } 个工作日
desk-due-calendar-missing = 警告：节假日表缺少 { $years } 年，这些年份只按周末计算
desk-due-not-in-a-job = 未排作业的学生
desk-due-corrections = 勘误
desk-due-reprint-job = 补印作业 { $job }
desk-due-correction-job = 勘误重印作业 { $job }
desk-due-job = 作业 { $job }
desk-due-request = 补印申请 { $request }
desk-due-days-left = { $days } 个工作日
desk-due-overdue = 逾期 { $days } 个工作日

## Printers and printing (printing.rs)
desk-printer-removed = 打印机 { $printer } 已停用；经它发送的记录仍保留
desk-calibration-sent = 校准页已发送到 { $printer }{ $job }：{ $state } { $message }
desk-sent-exact-size = 按原尺寸发送：{ $how }
desk-calibration-next = 请量一量，再用 `gradlab printer set { $printer } --offset-x MM --offset-y MM --scale PCT` 录入校正值
desk-printer-supports = 打印机支持：{ $what }
desk-printer-supports-unknown = 无法询问打印机支持哪些设置：{ $error }
desk-exact-hot-folder = 由热文件夹的 RIP 决定
desk-exact-ipp = 不缩放，{ $media }{ $borderless ->
        [yes] ，无边距
       *[no] {""}
    }
desk-media-size = 纸张尺寸 { $x } x { $y } mm
desk-print-title = 作业 { $job } 发往打印机 { $printer }（{ $status }），每张 { $copies } 份：
desk-print-exact-size = 原尺寸：{ $how }
desk-print-part = { $what }（第 { $sheets } 页）：{ $outcome }{ $job }，{ $state }
desk-print-summary = 已发送 { $sent } 段，跳过 { $skipped } 段
desk-dispatch-line = D{ $dispatch } { $what } 打印机 { $printer }{ $job }：{ $state }
desk-could-not-ask = 无法查询：{ $error }
desk-job-status = 作业 { $job }：{ $status }
desk-job-printed = 已打印（所有段都已完成；{ $at }）
desk-job-not-printed = 尚未打印
desk-job-part-line = 第 { $part } 段（第 { $first }-{ $last } 页）：{ $state }
desk-reprint-sent = 作业 { $job } 补印 { $reprint }：第 { $sheets } 页已发送到 { $printer }（{ $state }{ $printer_job }）

## Electronic copies (ecopy.rs)
desk-ecopy-part-failed = 错误：申请 { $request } 的第 { $part }/{ $parts } 部分{ $what }：{ $reply }
desk-ecopy-request-made = 申请 { $request }：{ $school } { $name } 的 { $students } 名学生，发往 { $to }，文件名 { $naming }
desk-ecopy-without-full-name = { $students } 名学生在院校名单上没有全名，文件将命名为 学号.jpg：{ $names }
desk-ecopy-renamed = 学号重复，文件命名为 <姓名>-<采集码>.jpg：{ $names }
desk-ecopy-log-part = 第 { $part }/{ $parts } 部分  { $state }  { $photos } 张照片  { $bytes } 字节  尝试 { $tries } 次  { $message_id }  { $reply }
desk-ecopy-send-title = 申请 { $request } 发往 { $to }（{ $school } { $name }）：{ $students } 名学生
desk-ecopy-skipped = 之前已被接收，不再发送（要重发请加 --resend）
desk-ecopy-not-sent-because = 未发送：{ $reply }
desk-ecopy-sent-after = 尝试 { $tries } 次后{ $outcome }：{ $reply }
desk-ecopy-send-part = 第 { $part }/{ $parts } 部分（{ $photos } 张照片，{ $bytes } 字节）：{ $what }
desk-ecopy-named-xh = 院校名单上没有全名，命名为 学号.jpg（{ $count }）：{ $names }
desk-ecopy-no-email = 没有电子邮箱

## Corrections (corrections.rs)
desk-correction-row = 第 { $row } 行：
desk-correction-needs-reprint = ；已打印的照片需要补印
desk-correction-applied = { $row }学号 { $xh } { $field }：{ $old } -> { $new }{ $reprint }
desk-correction-reprint-hint = 用此命令建补印作业：gradlab job create --needs-reprint --school { $school }
desk-correction-line = 勘误 { $id }：{ $what }
desk-correction-import-summary = 勘误表 { $file }（院校 { $school }）：{ $rows } 行，已应用 { $applied }，拒绝 { $refused }
desk-correction-applied-count = 已应用（{ $count }）：
desk-correction-waiting = 待补印

## Reprint requests (requests.rs)
desk-request-title = 申请 { $request }  { $kind }  { $status }  院校 { $school }  申请人 { $requester }
desk-request-given = 提供：学号 { $xh }  采集码 { $cjm }  证件后4位 { $last4 }  姓名 { $name }
desk-request-student = 学生：{ $xh } { $xm } { $bh }（{ $cjm }）
desk-request-no-match = 学生：未匹配；没有学生与所给信息相符
desk-request-candidates = 学生：未匹配；候选如下（用 `gradlab request match { $request } --student XH` 确定）：
desk-request-candidate = { $xh } { $xm } { $bh } 证件 …{ $last4 }
desk-request-send-to = 寄往：{ $contact } { $address } { $phone }
desk-request-fee = 费用：{ $fee } 元
desk-request-job = 作业：{ $job }
desk-request-shipment = 发运单：{ $shipment }
desk-request-rejected = 拒绝原因：{ $reason }
desk-request-warning = 警告：{ $warning }
desk-request-added-matched = 申请 { $request }：已匹配学号 { $xh } { $xm }
desk-request-added-unmatched = 申请 { $request }：未匹配；{ $candidates } 个候选（见 `gradlab request show { $request }`）
desk-request-import-summary = { $file }：新增 { $added } 条申请（已匹配 { $matched }），拒绝 { $refused }
desk-request-import-unmatched = { $request } 未匹配（{ $candidates } 个候选）

## Verification (verify.rs)
desk-verify-checked = { $pages } 页，{ $photos } 张照片，{ $texts } 处文字，{ $barcodes } 个条码
desk-verify-passed = 通过
desk-verify-failed = 未通过（{ $problems } 个问题）
desk-verify-part = 第 { $part } 段（第 { $first }-{ $last } 页）：{ $verdict }；已检查 { $checked }
desk-verify-job-passed = 作业 { $job }：所有段检查通过，可以打印
desk-verify-job-failed = 作业 { $job }：发现 { $problems } 个问题，照现在这样不会打印

## Walk-ins (walkin.rs)
desk-walkin-title = 补拍 { $xh } { $xm }（{ $bh }），院校 { $school } { $name }，采集码 { $cjm }
desk-walkin-photo = 照片：批次 { $batch }（{ $stored }）
desk-walkin-job = 作业：{ $job }
desk-walkin-pdf = PDF：{ $pdf }
desk-walkin-preview = 预览：{ $preview }
desk-walkin-printed = 已打印：打印机 { $printer }（{ $status }）
desk-walkin-not-printed = 未打印（没有 --printer）；打印请用 `gradlab job print { $job } --printer NAME`
desk-kind-hot-folder = 热文件夹
