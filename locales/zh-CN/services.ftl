# 服务层的消息：输入错误、打印机、勘误、电子版、散拍、命令行的报告。

## 打印机和打印

printer-unknown-none = 没有名为“{ $name }”的打印机：还没有设置任何打印机（见 `gradlab printer add`）
printer-unknown = 没有名为“{ $name }”的打印机；现有的打印机：{ $known }
printer-bad-name = 打印机名“{ $name }”不行：只能用 1 到 40 个字母、数字、“-”“_”或“.”，且不能以“.”或“-”开头
printer-offset-out-of-range = { $flag } { $value } mm 超出了 -{ $max } 到 { $max } mm 的范围
printer-scale-out-of-range = --scale { $value }% 超出了 { $lo }% 到 { $hi }% 的范围
printer-bad-media = “{ $media }”不是纸张尺寸：请用 PWG 名称（如 iso_a4_210x297mm、na_index-4x6_4x6in），或 A4、A5、A6、6inch、5inch、4x6、4R、3R、letter 之一
printer-bad-ipp = --ipp “{ $uri }”不是打印机地址；应形如 ipp://主机:631/ipp/print、ipps://主机:631/ipp/print 或 http://主机:631/printers/队列名
printer-ipp-refused = --ipp 地址有误：{ $error }
printer-no-hot-folder = --hot-folder { $dir }：没有这个文件夹
printer-ipp-or-hot-folder = 请用 --ipp 地址 或 --hot-folder 文件夹 指定打印机（二选一）
printer-exists = 打印机“{ $name }”已经有了；要修改请用 `gradlab printer set { $name } ...`，或先用 `gradlab printer remove { $name }` 删除
printer-vanished = 修改时打印机“{ $name }”不见了
printer-calibration-no-photo = 校准页上没有照片 { $sha }
printer-no-file = { $file }：没有这个文件，无法打印
printer-wrong-paper = 作业 { $job } 按 { $width }×{ $height } mm 的相纸排版（版面 { $layout }），但打印机 { $printer } 装的是 { $media }（{ $media_width }×{ $media_height } mm）
printer-dispatch-no-printer = 发送记录 D{ $dispatch } 没有打印机
printer-bad-copies = --copies { $copies } 不行：份数应为 1 到 99
printer-part-changed = 作业 { $job } 渲染后 { $file } 被改动过；请用 `gradlab job render { $job }` 重新渲染
printer-part-not-sent = { $error }；第 { $part } 段没有发出。第 { $sent } 段已发出并已记录；再运行同一条命令即可发送其余各段
printer-unproven = 作业 { $job } 不能打印：{ $reasons }。确要打印只能加 --force（会记入审计日志）
printer-part-state = 第 { $part } 段{ $state }
printer-never-sent = 还没有渲染或发送到打印机
printer-job-not-printed = 作业 { $job } 还没有印完（每一段都打印完成才算印完）：{ $why }
printer-state-sending = 发送中
printer-state-pending = 排队中
printer-state-held = 被暂挂
printer-state-processing = 打印中
printer-state-stopped = 已停止
printer-state-completed = 已完成
printer-state-aborted = 已中止
printer-state-canceled = 已取消
printer-state-not-sent = 未发送

## 发运单

shipment-unknown = 没有发运单 { $shipment }（见 `gradlab shipment list`）
shipment-job-other-school = 作业 { $job } 属于院校 { $school }，不是 { $wanted }
shipment-job-not-printed = 作业 { $job } 还没有印完：每一段都打印完成才算印完
shipment-to-needs-recipient = 用了 --to 还要用 --recipient 姓名 写明收件人
shipment-school-no-address = 院校 { $school } 没有邮寄地址；请用 `gradlab school set { $school } --address 地址` 设置
shipment-nothing-to-ship = 院校 { $school } 没有已印好、等待发运的包裹（每一段都打印完成才算印完：见 `gradlab job status 作业号`）
shipment-vanished = 发运单在创建时不见了
shipment-bad-status = --status “{ $status }”不是发运单状态：应为 open（装箱中）、sealed（已封箱）、shipped（已发运）、delivered（已送达）或 returned（已退回）
shipment-packets-missing = 发运单 { $shipment }：{ $expected } 包中还有 { $missing } 包没有扫描：{ $codes }；请扫描这些包裹，或用 --force --reason 原因 不带它们封箱
shipment-force-needs-reason = 用了 --force 还要用 --reason 原因 说明为什么不带这些包裹发运
shipment-nothing-scanned = 发运单 { $shipment } 还没有扫入任何包裹，不能封箱
shipment-bad-carrier = 不认识快递公司“{ $carrier }”：请用 upu（或 china-post、post、邮政）、ems、sf（或 顺丰）或 other
shipment-bad-tracking = 快递单号“{ $number }”：{ $why }
shipment-tracking-on = { $shipment }（{ $state }，院校 { $school }）
shipment-tracking-taken = 快递单号 { $number } 已登记在发运单 { $shipments }
shipment-tracking-taken-fix = { $taken }；一个快递单号只对应一个包裹：请核对面单（如果快递公司确实重复使用了单号，请用 --force --reason 原因 登记）
shipment-tracking-reused-audit = { $taken }；仍然登记：{ $reason }
shipment-needs-tracking = 发运单 { $shipment }：请用 --tracking 单号 给出快递单号（或扫描快递面单）
shipment-return-needs-reason = 必须用 --reason 说明发运单为什么被退回
shipment-papers-label = 面单
shipment-papers-packing-lists = 装箱单
shipment-nothing-to-print = 发运单 { $shipment } 没有可打印的{ $papers }
shipment-page-no-photo = 收发室的页面上没有照片 { $sha }
shipment-no-such = 没有发运单 { $shipment }

## 补洗申请

request-bad-kind = 申请类型“{ $kind }”不对：应为 丢失（lost）、漏洗（missing）或 损坏（damaged）
request-bad-requester = 申请人“{ $requester }”不对：应为 学生（student）或 学校（school）
request-bad-fee = 费用 { $yuan } 元不是本室会收的金额
request-bad-xh = 学号：{ $error }
request-bad-cjm = 采集码：{ $error }
request-bad-id-number = 证件号码：{ $error }
request-name-in-full = 姓名给的是全名；只保留 { $masked }
request-which-student = 请说明是哪位学生：学号（--student）、采集码（--code），或证件号码后 4 位加打码姓名（--id-last4 和 --name）
request-open-line = { $request }（{ $status }，来自 { $source }）
request-duplicate = 学号 { $xh } 的学生已有一份未办结的{ $kind }申请：{ $open }；请继续办那一份（request show），或先关闭或拒绝它再重新申请
request-unknown = 没有补洗申请 { $request }（见 `gradlab request list`）
request-vanished = 补洗申请不见了
request-no-student-hint = 院校 { $school } 没有学号为 { $xh } 的学生
request-no-student-closest = 院校 { $school } 没有学号为 { $xh } 的学生；最接近的已存学号是 { $close }
request-table-no-school = { $file }：没有“院校代码”列；请用 --school 院校代码 指定院校
request-school-not-registered = 院校 { $school } 还没有登记
request-match-none = 院校 { $school } 没有学号为 { $xh } 的学生
request-match-did-you-mean = 院校 { $school } 没有学号为 { $xh } 的学生；是不是 { $close }？
request-match-many = 院校 { $school } 有 { $count } 个学生的学号都是 { $xh }
request-reject-needs-reason = 必须用 --reason 说明为什么拒绝这份申请
request-no-student = 申请 { $request } 还没有匹配到学生
request-not-printed = 申请 { $request }：{ $why }
request-already-shipping = 申请 { $request } 已在发运单 { $shipment } 中；该发运单发出时即为已发运
request-no-job = 申请 { $request } 还没有补洗作业
request-no-address = 申请 { $request } 是学生本人提出的，但没有写寄送补洗照片的地址
request-bad-status = --status “{ $status }”不对：应为 { $all } 之一

## 院校

list-or = { $first }或{ $second }
school-bad-code = 院校代码应为 5 位数字，这里是“{ $code }”
school-bad-background = 背景色“{ $colour }”不对：请用 blue（蓝）、white（白）或 grey（灰）
school-bad-email = “{ $email }”不是电子邮箱地址
school-name-empty = 院校名称不能为空
school-bad-email-flag = --email：{ $error }
school-contact-nothing = 请至少给出 --address、--contact、--phone 中的一项
school-bad-background-flag = --background：{ $error }，或 any（不限）
school-email-known = { $email } 已登记为院校 { $school } 的邮箱
school-email-unknown = “{ $email }”不是院校 { $school } 登记的邮箱；已登记的邮箱：{ $registered }
school-email-unknown-none = “{ $email }”不是院校 { $school } 登记的邮箱；该院校还没有登记邮箱
school-not-registered = 院校 { $school } 还没有登记；新院校请用 `gradlab school add { $school } 名称` 添加
school-not-registered-close = 院校 { $school } 还没有登记；是不是 { $close }？新院校请用 `gradlab school add { $school } 名称` 添加
school-named = { $code } { $name }

## 相纸重印

reprint-no-sheet = { $code }：本工作区没有这张相纸
reprint-no-student-print = { $code }：本工作区没有这张学生照片
reprint-wrong-kind = { $code } 是{ $kind }条码；请扫描相纸条码或相纸上学生的条码
reprint-needs-reason = 必须用 --reason 说明为什么重印（卡纸、损坏……）
reprint-nothing = 请至少扫描或输入一个相纸或学生条码
reprint-no-printer = 作业 { $job } 从未发送到打印机；请用 --printer 名称 指定打印机
reprint-corrected-line = 学号 { $xh } { $name }：{ $field } { $old } → { $new }
reprint-corrected = 作业 { $job } 是在以下勘误之前制作的，这些学生就在要重印的相纸上：{ $corrections }。重印这张相纸会再次印出旧数据。请用 `gradlab job create --needs-reprint --school { $school }` 制作勘误后的照片；如确要按原样重印，请加 --as-printed

## 勘误

correction-no-rows = { $file }：表头下面没有勘误行
correction-none-needed = 院校 { $school } 没有需要重印的学生：上次补印作业以来，没有对已印学生做过勘误（见 `gradlab correction list --school { $school }`）
correction-chosen-not-needed = 所选的院校 { $school } 学生都不需要重印；共有 { $count } 名学生需要

## 导入批次的院校

batch-no-rows = { $file }：数据表 { $table } 没有数据行
batch-unknown-school = 院校代码 { $school }（{ $count ->
       *[other] 第 { $rows } 行
    }）
batch-unknown-school-close = 院校代码 { $school }（{ $count ->
       *[other] 第 { $rows } 行
    }）；是不是 { $close }？
batch-unknown-schools = { $file }（{ $table }）：整批拒收：有些行的院校还没有登记：{ $schools }。请改正数据表中的院校代码，或先用 `gradlab school add 院校代码 名称` 登记新院校
batch-measure-unwritable = { $file }：无法写入照片检查的测量结果：{ $error }

## 作业

school-no-class = 院校 { $school } 没有班级“{ $class }”；它的班级有：{ $classes }
job-unknown = 没有作业 { $job }（见 `gradlab job list`）
job-no-student-in-classes = 所选班级中没有院校 { $school } 学号为 { $xh } 的学生
job-no-code-chosen = 所选学生中没有院校 { $school } 采集码为 { $cjm } 的学生
job-no-students = 院校 { $school } 没有可打印的学生；请先导入批次
job-again-not-for-reprints = --again 和 --new-only 只用于院校的整套照片，不用于补印
job-holds = { $job }（{ $stage }）含 { $count } 人
job-overlap = 所选的 { $chosen } 名学生中已有 { $in_job } 名在作业里：{ $holders }
job-all-in-a-job = 院校 { $school }：所选学生都已在作业里（{ $overlap }）
job-printed-before = 院校 { $school }：{ $overlap }。不会误印第二套：确要重新打印，请加 --again --reason 原因
job-printed-before-some-new = 院校 { $school }：{ $overlap }。不会误印第二套：确要重新打印，请加 --again --reason 原因；只打印还不在任何作业里的 { $fresh } 名学生，请加 --new-only
job-part-at-printer = 作业 { $job } 第 { $part } 段在打印机 { $printer } 上{ $state }；打印机可能还在读取，所以不重新渲染（见 `gradlab job status { $job }`，或 `gradlab job cancel { $job }`）
job-reprint-at-printer = 作业 { $job } 的重印在打印机 { $printer } 上{ $state }；打印机可能还在读取，所以不重新渲染（见 `gradlab job status { $job }`，或 `gradlab job cancel { $job }`）
job-preview-type = { $file }：预览只能存为 .png 或 .jpg；请用这两种扩展名之一
job-no-such-sheet = 作业 { $job } 只有第 1 到 { $sheets } 张相纸，没有第 { $sheet } 张
job-no-sheets = 作业 { $job } 没有相纸
job-preview-failed = 第 { $sheet } 张相纸的预览：{ $error }

## 散拍

walkin-bad-code = --code：{ $error }
walkin-table-unwritable = 写散拍的数据表时出错：{ $error }
walkin-photo-finding = 照片 { $photo }：{ $reason }
walkin-wrong-paper = 版面 { $layout } 按 { $width }×{ $height } mm 的相纸排版，但打印机 { $printer } 装的是 { $media }（{ $media_width }×{ $media_height } mm）；什么都没有做
walkin-refused = { $cjm } 的散拍被拒，没有保存任何内容：{ $reasons }
walkin-nothing-stored = { $cjm } 的散拍：导入没有保存任何内容，也没有给出原因
walkin-no-photo = --photo { $photo }：没有这个文件
walkin-school = { $cjm } 的散拍：{ $error }；没有保存任何内容
walkin-not-in-store = { $cjm } 的散拍：库里没有这名学生
walkin-after-store = { $cjm }（学号 { $xh }）的照片已存入批次 { $batch }，但{ $what }：{ $error }
walkin-no-job = 没能制作作业
walkin-not-rendered = 作业 { $job } 没能渲染（请用 `gradlab job render { $job }` 渲染）
walkin-no-preview = 作业 { $job } 已渲染（{ $pdfs }），但预览失败
walkin-not-printed = { $cjm }（学号 { $xh }）的散拍已存入批次 { $batch }，作业 { $job } 已制作并渲染（{ $pdfs }），但打印失败：{ $error }；请用 `gradlab job print { $job } --printer { $printer }` 打印
walkin-not-printed-unaudited = { $cjm }（学号 { $xh }）的散拍已存入批次 { $batch }，作业 { $job } 已制作并渲染（{ $pdfs }），但打印失败：{ $error }；请用 `gradlab job print { $job } --printer { $printer }` 打印（审计记录也没能写入：{ $audit }）

## 电子版

ecopy-bad-naming = --naming：{ $error }
ecopy-bad-to = --to：{ $error }
ecopy-not-registered = { $to } 不是院校 { $school } { $name } 登记的邮箱；已登记的邮箱：{ $known }。电子版只发往登记过的邮箱：院校确认后，请用 `gradlab school add-email { $school } 邮箱` 登记
ecopy-not-registered-none = { $to } 不是院校 { $school } { $name } 登记的邮箱；该院校还没有登记邮箱。电子版只发往登记过的邮箱：院校确认后，请用 `gradlab school add-email { $school } 邮箱` 登记
ecopy-no-students = 院校 { $school } 没有可发送照片的学生
ecopy-photo-too-big = 学号 { $xh } 的照片（{ $bytes } 字节）在 [smtp] max_message_mb = { $mb } 的限制下放不进一封邮件（一个分卷需要 { $need } 字节的 zip，最多只能放 { $budget } 字节）
ecopy-part-too-big = 第 { $part } 卷打包后有 { $bytes } 字节，超过了 max_message_mb 下一封邮件能带的 { $budget } 字节
ecopy-no-such-part = 电子版申请 { $request } 只有第 1 到 { $total } 卷，没有第 { $part } 卷
ecopy-unknown = 没有电子版申请 { $request }
ecopy-no-longer-registered = { $to } 已不是院校 { $school } 登记的邮箱（已登记：{ $registered }）；什么都没有发送。请向登记过的邮箱另建申请
ecopy-none = 无

## 读取批次、表格或图片

import-what-table = 表格
import-what-picture = 图片
import-file-too-big = { $file }：{ $what }有 { $size }，超过了本程序能读的 { $max }；已拒收
import-file-grew = { $file }：读取时{ $what }变大，超过了 { $max }；已拒收
import-not-a-batch = { $file }：批次应是一个文件夹或 .zip 文件
import-bad-zip = { $file }：不是可读的 zip：{ $error }
import-zip-entry-unreadable = { $file }：zip 中第 { $entry } 项读不出来：{ $error }
import-zip-entry-outside = { $file }：zip 中的“{ $entry }”指向批次文件夹之外；整批拒收
import-zip-entry-link = { $file }：zip 中的“{ $entry }”是符号链接；整批拒收
import-zip-entry-too-big = { $file }：zip 中的“{ $entry }”解压后有 { $mb } MB，超过了单个文件 { $max } MB 的上限；整批拒收
import-zip-too-big = { $file }：zip 解压后总共超过 { $max } MB；整批拒收
import-file-grew-in-batch = { $file }：读取批次时文件变大了；已拒收
import-cannot-unpack = { $file }：无法解压：{ $error }
import-unpacks-too-much = { $file }：解压后比声明的大小还大；已拒收
import-no-data-table = { $batch }：没有找到数据表；一个批次应包含 JPEG 照片和一个 .csv 或 .xlsx 数据表
import-many-data-tables = { $batch }：数据表不止一个（{ $tables }）；一个批次只能有一个
import-table-too-big = { $batch }：数据表 { $table } 有 { $mb } MB，超过了数据表 { $max } MB 的上限；已拒收
import-no-column = { $table }：缺少这些列：{ $columns }

## 扫描或图片中的采集码

qr-not-a-code = 不是采集码（{ $why }）
qr-missing = 采集码缺少字段：{ $fields }
qr-invalid = 采集码有字段不对：{ $why }
qr-picture = { $file }：{ $error }
qr-found-but = { $file }：找到了二维码，但{ $error }

## 校验渲染出的文件

verify-nothing-rendered = 作业 { $job } 还没有渲染出可校验的分段；请先用 `gradlab job render { $job }` 渲染
verify-rendered-meanwhile = 作业 { $job } 在校验期间被重新渲染了；没有记录任何结果。请用 `gradlab job verify { $job }` 再校验一次
verify-not-sent = { $what }校验失败，没有发送：{ $failures }
verify-what-reprint = 作业 { $job } 的重印文件
verify-what-corrected-copy = 为打印机 { $printer } 校正过的 { $label }

## 版面

layout-unknown = 没有名为“{ $name }”的版面：{ $path } 不存在，内置的版面有 { $shipped }
layout-bad = 版面 { $label }：{ $error }
layout-unwritable = 版面 { $name }：无法写成 TOML：{ $error }

## 名单和数据表的行

roster-bad-cjm = 采集码应为 16 位字母和数字，这里是“{ $cjm }”
roster-no-xh = 缺少学号
roster-xh-spaces = 学号“{ $xh }”中有空格
roster-xh-scientific = 学号“{ $xh }”被存成了科学计数法，后面的数字已经丢失；请把学号列设为文本后重新导出表格
roster-xh-bad-char = 学号“{ $xh }”中有“{ $char }”；学号只能有字母、数字、- 和 _
roster-xh-too-long = 学号“{ $xh }”超过 32 个字符，不像学号
roster-id-too-short = 证件号码应为完整号码或后 4 位，这里只有 { $count } 个字符
roster-id-bad-end = 证件号码的后 4 位应为 3 位数字加 1 位数字或 X，这里是“{ $last4 }”
roster-no-key = 这一行既没有学号也没有采集码
roster-other-school = 院校代码是 { $row_school }，不是 { $school }
roster-bad-zjhm = 证件号码：{ $error }
roster-cjm-twice = 采集码 { $cjm } 已在第 { $first } 行出现过
roster-xh-twice = 学号 { $xh } 已在第 { $first } 行出现过
roster-no-rows = { $file }：没有可用的名单行
roster-no-rows-because = { $file }：没有可用的名单行：{ $why }

## 校验（preflight）：检查渲染出的 PDF 时发现的问题。长度单位为毫米。
verify-check-file = 文件
verify-check-pages = 页面
verify-check-photo = 照片
verify-check-placement = 位置
verify-check-barcode = 条码
verify-check-caption = 文字
verify-check-glyph = 字形
verify-failure-file = { $check }：{ $detail }
verify-failure-sheet = 第 { $sheet } 张版面（{ $barcode }）：{ $check }：{ $detail }
verify-failure-student = 第 { $sheet } 张版面（{ $barcode }），学生 { $xh } { $xm }：{ $check }：{ $detail }
verify-not-pdf = 这不是可以读取的 PDF 文件（{ $error }）
verify-span-sheets = 第 { $first } 至 { $last } 张版面
verify-span-none = 没有版面
verify-page-count = 文件有 { $pages } 页，而作业在其中放的是{ $span }（共 { $sheets } 张）
verify-filters = 无法解开它的压缩（{ $error }）
verify-where = 在 ({ $x }, { $y }) 处 { $w } x { $h } 毫米，而版式为 ({ $lx }, { $ly }) 处 { $lw } x { $lh } 毫米
verify-page-unreadable = 这一页无法读取：{ $error }
verify-page-size = 页面为 { $w } x { $h } 毫米，而版式的纸张是 { $pw } x { $ph } 毫米
verify-no-photo = 位于 ({ $x }, { $y }) 毫米、{ $w } x { $h } 毫米的相框里没有照片
verify-photo-of-other = 位于 ({ $x }, { $y }) 毫米的相框里是学生 { $xh } { $xm } 的照片，不是本人的
verify-image-unreadable = 相框中的图像无法读取：{ $error }
verify-photo-altered = 位于 ({ $x }, { $y }) 毫米的相框中的图像（{ $encoding }，sha256 { $found }…）既不是已批准的照片（sha256 { $want }…），也不是本作业的其他照片：它被修改或重新编码过
verify-photo-skewed = 位于 ({ $x }, { $y }) 毫米的照片被旋转、镜像或倾斜了
verify-photo-not-clipped = 位于 ({ $x }, { $y }) 毫米的照片没有裁切在相框内
verify-frame-off = 相框{ $at }（偏差 { $off } 毫米）
verify-picture-off = 照片画面{ $at }（偏差 { $off } 毫米）
verify-stray-image = 在 ({ $x }, { $y }) 毫米处画有一幅作业没有安排的图像，{ $w } x { $h } 毫米
verify-text-missing = 缺少文字“{ $text }”（基线起点在 ({ $x }, { $y }) 毫米）
verify-text-differs = 文字读出为“{ $read }”，而作业印的是“{ $want }”
verify-glyph = 在“{ $want }”中：{ $problem }
verify-no-tounicode = 字体 { $font } 的编码 { $code } 没有 ToUnicode 映射
verify-no-glyph = { $what }（编码 { $code }）在嵌入字体 { $font } 中没有字形
verify-stray-text = 位于 ({ $x }, { $y }) 毫米的文字“{ $text }”不在作业的版面上
verify-barcode-no-raster = 条码 { $payload }：无法把这一页转成图像来读条码
verify-barcode-reads = 位于 ({ $x }, { $y }) 毫米的条码读出为“{ $read }”，应为“{ $payload }”
verify-barcode-unread = 位于 ({ $x }, { $y }) 毫米、应为“{ $payload }”的条码：{ $problem }
verify-barcode-none = 那里读不出条码
verify-barcode-bad = 那里的条码无法读取（{ $error }）
verify-window-too-large = { $w } x { $h } 毫米的区域太大，无法转成图像
verify-file-unreadable = 无法读取 { $path }：{ $error }
verify-file-changed = { $path } 的 SHA-256 为 { $found }…，不是渲染时记录的 { $want }…：文件此后被改动过
## 某一分段为什么还不能打印。
verify-run-again = 请运行 `gradlab job verify { $job }`
verify-unproven-never = 第 { $part } 段还没有校验（{ $again }）
verify-unproven-stale = 第 { $part } 段在 { $at } 校验之后又重新渲染过（{ $again }）
verify-unproven-failed = 第 { $part } 段在 { $at } 校验失败：{ $first }{ $more ->
        [0] {""}
       *[other] （另有 { $more } 项）
    }；{ $again }
verify-unproven-changed = 第 { $part } 段在 { $at } 校验之后被改动过（{ $again }）

## 工作区、存储和演示。
report-bad-day = “{ $value }”不是 2026-11-21 这样的日期
workspace-store-set-there = { $file } 已经存在：请在其中设置存储（[store] url）；init 只把它写进新的工作区
workspace-lab-set-there = { $file } 已经存在：请在其中修改实验室名称和寄件信息（[lab] name、[shipping] sender_address、sender_phone）；init 只把它们写进新的工作区
students-no-class = 院校 { $school } 没有班级“{ $class }”；它的班级有：{ $classes }
photo-damaged-in-store = 共享存储中的照片 { $sha256 } 与它的 SHA-256 不符：存储已损坏；请运行 `gradlab audit verify`
store-schema-too-new = 这个存储的结构版本是 { $version }，比本机 gradlab 认识的版本（{ $known }）新：另一个工位运行着更新的 gradlab；请先在本机安装该版本（或更新的版本），再做任何修改
store-not-gradlab = { $server }：数据库里有 { $tables } 张表，但它不是 gradlab 的存储；gradlab 只在空数据库里建立存储（用 `createdb` 新建一个）
demo-folder-taken = { $dir } 已存在，且不是之前的演示；请用 --dir 选择别的文件夹
render-no-glyph = 文字“{ $text }”：内置字体中没有“{ $char }”（{ $code }）的字形

## 把工作区的存储迁到 PostgreSQL（store migrate）。
migrate-already-on-server = 这个工作区的存储已经在 PostgreSQL 服务器上（gradlab.toml 的 [store] url）；store migrate 只迁移存储还在自己 SQLite 文件里的工作区
migrate-bad-url = --to { $url }：请以 url 形式给出 PostgreSQL 存储，postgres://用户@主机:端口/数据库
migrate-url-password = --to：url 里带有密码，而 gradlab.toml 从不保存密码：请给出不带密码的 url，密码用 --password-env NAME 或 --password-file FILE 提供
migrate-settings-unwritable = { $file }：无法改写其中的 [store] 一节；请手工在那里写上 url = "{ $url }"，再迁移
migrate-audit = 已从 SQLite 文件 { $file } 迁到 PostgreSQL 服务器 { $server }：{ $tables } 张表共 { $rows } 行、{ $photos } 张照片，行数和照片哈希都已核对
migrate-copied-settings-unwritable = 存储已复制到 PostgreSQL 服务器 { $server } 并核对，但无法改写 { $file }（{ $error }）：请手工在那里设置 [store] url = "{ $url }"
migrate-schema-too-new = 存储的结构版本是 { $version }，比本机 gradlab 认识的版本（{ $known }）新：请先安装更新的 gradlab，再迁移存储
migrate-copy-differs = PostgreSQL 服务器 { $server } 上的副本与 SQLite 存储不一致，已回滚，什么都没有改变：{ $differ }
migrate-commit-failed = PostgreSQL 服务器 { $server }：提交副本时出错：{ $error }
migrate-target-not-empty = PostgreSQL 服务器 { $server } 上已有 gradlab 数据（{ $held }）：工作区只能迁入空的存储，两边都没有改变。请提供一个新的空数据库；若要直接使用那个存储，请用 `gradlab init --store URL` 新建工作区
migrate-schemas-differ = PostgreSQL 服务器 { $server } 上的存储缺少 SQLite 存储中的 { $missing }：两者结构不同，什么都没有复制
migrate-photo-damaged = 照片文件 { $file } 与它的文件名（SHA-256）不符：它在导入后被改动或损坏了，因此没有迁移任何东西；请从备份放回原文件后再迁移
request-fee-not-number = --fee “{ $fee }”不是以元为单位的数字

## 导入照片批次。
batch-different-photo = 这个采集码已存有另一张照片（批次 { $batch }）；要换成这张，请加 --replace 再导入（旧照片保留在历史中）
batch-audit-replaced = 照片由批次 { $batch } 的 { $file }（{ $sha256 }）替换
batch-audit-import = 存入 { $stored } 张（其中替换 { $replaced } 张），跳过 { $skipped } 张，拒绝 { $refused } 张，来自 { $source }
batch-file-twice = 批次里有不止一个文件名为“{ $name }”
batch-file-missing = 数据表写的照片文件“{ $file }”不在批次里
batch-no-photo = 找不到照片：找过 { $cjm }.jpg 和 { $xh }.jpg（不分大小写，也找 .jpeg）
print-already-sent = 已于 { $at } 发送到 { $printer }（{ $state }）；要再发送一次，请加 --force
settings-store-password = 存储的密码
print-outcome-sent = 已发送
print-outcome-skipped = 已跳过
