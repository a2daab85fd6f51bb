# gradlab 的中文消息。每个键在 locales/en/ 中也有，参数相同（有测试检查）。
# 键名（- 换成 _）就是 `--json` 输出中与文字并列的 code。

## 条码的种类

kind-job = 作业
kind-sheet = 相纸
kind-packet = 包裹
kind-shipment = 发运单
kind-student-print = 学生照片

## 读取输入或扫描的编号

id-not-ours = “{ $code }”不是 gradlab 的条码（应以 J、S、P、H 或 T 开头）
id-not-of-kind = “{ $code }”不是 gradlab 的{ $kind }条码
id-wrong-check = “{ $code }”校验位不对：条码输错或读错了
id-too-large = “{ $code }”：编号太大
id-other-kind = “{ $code }”是{ $kind }条码，不是{ $wanted }条码
id-not-lettered = “{ $code }”不是{ $what }（应形如 { $example }）
id-what-request = 补洗申请编号
id-what-ecopy = 电子版申请编号

## 发运单

shipment-state-open = 装箱中
shipment-state-sealed = 已封箱
shipment-state-shipped = 已发运
shipment-state-delivered = 已送达
shipment-state-returned = 已退回
shipment-can-seal = 封箱（shipment seal）
shipment-can-ship = 发运（shipment ship）
shipment-can-deliver = 标记为已送达（shipment deliver）
shipment-can-return = 标记为已退回（shipment return）
shipment-can-add-packet = 继续装包（扫描包裹）
shipment-can-attach-tracking = 登记快递单号（扫描快递面单）
shipment-cannot-seal = 不能封箱
shipment-cannot-ship = 不能发运
shipment-cannot-deliver = 不能标记为已送达
shipment-cannot-return = 不能标记为已退回
shipment-cannot-add-packet = 不能再装包裹
shipment-cannot-attach-tracking = 不能登记快递单号
shipment-refused-final = 发运单{ $state }：已不能再做任何操作，所以{ $refused }
shipment-refused-one = 发运单{ $state }：可以{ $allowed }，但{ $refused }
shipment-refused-some = 发运单{ $state }：可以{ $allowed }或{ $last }，但{ $refused }

## 快递单号

tracking-empty = 快递单号是空的
tracking-formats-upu = UPU S10 单号是两个字母、8 位数字、1 位校验数字和两个字母的国家代码，例如 RR123456785CN
tracking-formats-ems = EMS 单号是 13 位数字
tracking-formats-sf = 顺丰单号是 SF 加 13 位数字，或 12 位数字
tracking-formats-other = 其他快递的单号是 6 到 40 个字母、数字或“-”
tracking-numbers-upu = UPU S10 单号
tracking-numbers-ems = EMS 单号
tracking-numbers-sf = 顺丰单号
tracking-numbers-other = 其他快递单号
tracking-not-a-number = { $number } 不是快递单号：{ $formats }
tracking-not-of-carrier = { $number } 不是{ $numbers }：{ $formats }
tracking-unknown = { $number } 不是已知格式的快递单号：{ $formats }（其他快递请选“其他”）
tracking-other-carrier = { $number } 不是{ $numbers }，而是{ $found }（{ $formats }）
tracking-check-digit = { $number } 的校验数字是 { $got }，但按序号 { $serial } 应为 { $expected }：有数字输错或读错了

## 收发室扫描

scan-nothing = 没有扫到任何内容
scan-wrong-kind = { $code } 是{ $kind }条码；请扫描包裹条码或发运单条码
scan-again = { $problem }；请重新扫描
scan-unknown = { $code } 既不是 gradlab 的条码，也不是已知格式的快递单号（其他快递请用 --carrier other）
scan-no-open-shipment = 工位 { $station } 没有装箱中的发运单：请先扫描发运单条码
scan-packet-not-added = { $code } 没有装入：发运单 { $shipment }：{ $why }
scan-no-such-packet = { $code }：本工作区没有这个包裹
scan-wrong-school = 院校不符：包裹 { $code }（{ $class }）属于院校 { $school }；发运单 { $shipment } 寄往院校 { $to }
scan-not-printed = 包裹 { $code }：所属作业 { $job } 还没有印完（还有分段未完成）
scan-packet-elsewhere = 包裹 { $code } 已在发运单 { $shipment }（{ $state }）中
scan-packet-already-packed = 包裹 { $code } { $class }（{ $students } 人）已在箱中：已扫描 { $done } / { $all }
scan-packet-packed = 包裹 { $code } { $class }（{ $students } 人）已装箱：已扫描 { $done } / { $all }
scan-packet-added = 包裹 { $code } { $class }（{ $students } 人）已加入并装箱：已扫描 { $done } / { $all }
scan-no-such-shipment = { $code }：本工作区没有这个发运单
scan-shipment-is = 发运单 { $code } 寄往院校 { $school }，{ $state }
scan-shipment-complete = 发运单 { $code } 寄往院校 { $school }，{ $state }；{ $all } 包全部扫描
scan-shipment-missing = 发运单 { $code } 寄往院校 { $school }，{ $state }；{ $all } 包中缺 { $missing } 包：{ $codes }
scan-tracking-refused = 快递单号 { $code }：{ $why }
scan-tracking-no-shipment = 本工位没有装箱中的发运单：请先扫描发运单条码
scan-tracking-state = 发运单 { $shipment }：{ $why }
scan-tracking-not-changed = 发运单 { $shipment } 未改动：{ $why }
scan-tracking-shipped = 发运单 { $shipment } 已发运：{ $number }
scan-tracking-attached = 快递单号 { $number } 已登记到装箱中的发运单 { $shipment }（已扫描 { $scanned } / { $all } 包）；封箱后随即发运

## 整个程序

error-line = 错误：{ $message }
error-cancelled = 操作员已取消，没有改动任何内容
error-no-workspace = { $path } 没有 gradlab 工作区：用 `gradlab init` 创建一个（或用 --workspace 目录 或 GRADLAB_HOME 选择另一个）

## 共享数据库没有响应

store-lost = 与 PostgreSQL 服务器 { $server } 的连接断开了（{ $detail }）：这次操作没有保存任何内容；服务器恢复后请再做一次
store-unreachable = PostgreSQL 服务器 { $server }：{ $detail }
window-store-lost = 与数据库服务器 { $server } 的连接断开了：刚才的操作没有保存任何内容。窗口正在重试，服务器恢复后自动重新读取，然后请把刚才的操作再做一次。
window-store-unreachable = 连不上数据库服务器 { $server }（{ $detail }）。窗口正在重试，服务器恢复后自动重新读取。

## 文件不是应有的类型

file-png = PNG 图片
file-gif = GIF 图片
file-bmp = BMP 图片
file-webp = WebP 图片
file-tiff = TIFF 图片
file-pdf = PDF 文档
file-zip = zip 压缩包
file-unknown = 本程序不认识的文件

## 照片是否符合标准

photo-truncated = 文件在 JPEG 结束标记之前就断了（不完整）
photo-bad-marker = JPEG 已损坏：第 { $at } 字节处应为标记
photo-empty = 照片文件是空的
photo-not-jpeg = 不是 JPEG：这个文件是{ $kind }
photo-greyscale = 灰度 JPEG（1 个颜色分量）；标准要求 24 位彩色
photo-cmyk = CMYK JPEG（4 个颜色分量）；标准要求 24 位 RGB 彩色
photo-no-frame = JPEG 已损坏：没有帧头
photo-components = JPEG 有 { $n } 个颜色分量；标准要求 3 个
photo-size = { $width }×{ $height } 像素；标准要求 { $want_width }×{ $want_height }（宽×高）
photo-rotated = EXIF 方向为 { $orientation }（旋转或镜像）；标准不允许旋转，照片须按存储方向正立
photo-undecodable = JPEG 无法完整解码：{ $detail }
photo-file-size = 文件大小 { $kb } KB，不在通常的 20–40 KB 之内
density-dpi = dpi
density-dpcm = 点/厘米
density-no-unit = （无单位，仅为纵横比）
photo-density = 分辨率为 { $x }×{ $y } { $unit }；标准要求 300 dpi
photo-no-density = 没有 JFIF 分辨率；标准要求 300 dpi
photo-quality = JPEG 质量约为 { $quality }；标准要求至少 60

## 导入批次

import-already-stored = 已存有这张照片
import-same-photo-other-data = 已存有同一张照片，但这一行的数据不同（{ $differences }）；没有改动：要改已存数据请用勘误
import-photo-also-for = 同样的照片也存给了 { $codes }：可能是错照片
import-number-also-for = 院校 { $school } 的学号 { $xh } 还有采集码 { $codes }
import-seq-not-a-number = 拍摄序号“{ $seq }”不是数字，已忽略
import-cjm-twice = 采集码已在本表第 { $first } 行出现过
import-photo-without-row = 照片在数据表中没有对应的行，未导入

## 补洗申请的经过

request-kind-lost = 丢失
request-kind-missing = 漏洗
request-kind-damaged = 损坏
audit-request-add-student = 学生提出的{ $kind }申请，院校 { $school }（{ $source }）
audit-request-add-school = 院校 { $school } 提出的{ $kind }申请（{ $source }）
audit-request-matched-auto = 自动匹配到学号 { $xh }（{ $cjm }）
audit-request-matched-by-hand = 人工匹配到学号 { $xh }（{ $cjm }）
audit-request-fee = 费用 { $yuan } 元
audit-request-rejected = { $reason }
audit-request-reprint-job = 补洗作业 { $job }；请在技术员页打印
audit-request-packed = 已装入发运单 { $shipment }；随该发运单寄出
audit-request-closed-by-hand = 人工关闭
audit-request-job-printed = 作业 { $job } 已印好
audit-request-shipment-left = 发运单 { $shipment } 已发出
audit-request-shipment-returned = 发运单 { $shipment } 被退回；请重新寄送补洗照片
audit-request-shipment-delivered = 发运单 { $shipment } 已送达
action-request-add = 登记申请
action-request-match = 匹配学生
action-request-approve = 批准
action-request-reject = 拒绝
action-request-print = 生成补洗作业
action-request-printed = 已印好
action-request-ship = 装箱
action-request-shipped = 已发运
action-request-returned = 被退回
action-request-close = 关闭
action-request-closed = 已送达，关闭
audit-request-unpacked = 发运单 { $shipment } 封箱时未装入它的包裹
action-request-unpacked = 未随发运单装箱
source-command-line = 命令行
source-window = 窗口（工位 { $station }）
source-table-row = { $file } 第 { $row } 行

## 热文件夹打印机的状态

hot-folder-waiting = 已放入热文件夹，等待 RIP 取走
hot-folder-taken = RIP 已取走文件
hot-folder-taken-some = RIP 已取走 { $all } 份中的 { $taken } 份
hot-folder-removed = 已从热文件夹中删除
hot-folder-found = 在热文件夹中找到
hot-folder-interrupted = 交出 { $all } 份中的 { $handed } 份后中断

## 作业进度

job-stage-made = 未渲染
job-stage-rendered = 已渲染 { $parts } 段
job-stage-printing = 打印中 { $done }/{ $parts } 段完成
job-stage-printed = 已打印
job-stage-packed = 已装袋 { $done }/{ $packets } 包
job-stage-shipped = 已发运 { $done }/{ $packets } 包
job-stage-delivered = 已送达

## 补洗申请的状态和下一步

request-status-received = 已收到
request-status-matched = 已匹配
request-status-approved = 已批准
request-status-printing = 印制中
request-status-printed = 已印好
request-status-shipped = 已发运
request-status-closed = 已关闭
request-status-rejected = 已拒绝
request-next-received = 匹配学生（“匹配学生”按钮，或 request match）
request-next-matched = 批准（“批准”按钮，或 request approve）或拒绝
request-next-approved = 制作补印作业（“制作补印作业”按钮，或 request print）或拒绝
request-next-printing = 打印补印作业（技术员页，或 job print）；每一段都完成后即为已印好
request-next-printed = 发运（“发运”按钮，或 request ship）；发运单发出后即为已发运
request-next-shipped = 等待送达，送达后自动关闭（也可人工关闭：“关闭”按钮，或 request close）
request-next-finished = 无：申请已办结
request-step-refused = 申请{ $status }；下一步是{ $next }
request-refused = 申请 { $request }：{ $why }
shipment-refused = 发运单 { $shipment }：{ $why }
scan-line-accepted = 接收：{ $message }
scan-line-confirmed = 已在箱中：{ $message }
scan-line-refused = 拒收：{ $message }
scan-line-shown = { $message }

## 工位与操作人

operator-empty = 请填写操作人的姓名
operator-bad-name = “{ $name }”不能作为操作人姓名：最多 { $longest } 个字，不能含控制字符

## 照片规格检查：超出标准的测量值，或无法测量的项目。
colour-blue = 浅蓝
colour-white = 白色
colour-grey = 灰色
photo-check-finding = 照片规格检查：{ $what }
photo-head-top = 头顶距上边 { $px } 像素，标准为 { $from }-{ $to } 像素
photo-eye-line = 双眼距上边 { $px } 像素，标准为 { $from }-{ $to } 像素
photo-face-width = 脸宽 { $px } 像素，标准为 { $from }-{ $to } 像素
photo-centre = 人像偏{ $side ->
        [right] 右
       *[left] 左
    } { $px } 像素，标准为居中（偏差不超过 { $allowed } 像素）
photo-tilt = 头部{ $way ->
        [clockwise] 顺时针
       *[anticlockwise] 逆时针
    }倾斜 { $degrees }°，标准为端正（不超过 { $allowed }°）
photo-background-colour = 背景颜色 { $rgb } 不是标准色（浅蓝 RGB(100,197,255)、白色或灰色 RGB(240,240,240)）
photo-background-not-required = 背景为{ $found } { $rgb }，本校要求{ $required } { $required_rgb }
photo-background-uneven = 背景不均匀（各处相差 { $spread }，标准为均匀单色，不超过 { $allowed }）
photo-no-face = 无法判断：未找到人脸
photo-head-top-unsure = 无法判断头顶位置：头发与背景分界不清
photo-face-width-unsure = 无法判断脸宽：脸颊与头发或背景分界不清
photo-tilt-unsure = 无法判断是否端正：未找到瞳孔（眼镜反光或闭眼）
photo-background-unsure = 无法判断背景：可见的背景太少

## 读取数据表（名单、批次数据表、申请表或勘误表）。
table-roster-columns = 学号 (xh)、采集码 (cjm)、姓名 (xm)、班级 (bh) 等列
table-no-header = { $file }：前 30 行里找不到表头行；应有{ $expected }
table-column-twice = { $file } 第 { $row } 行：列“{ $column }”出现了两次（第 { $first } 列和第 { $second } 列）
table-csv-no-sheets = { $file }：CSV 文件没有工作表；请不要指定 --sheet
table-unknown-kind = { $file }：不是本程序能读的表格（CSV、xlsx、xls 或 ods）
table-bad-bom = { $file }：以 { $encoding } 字节顺序标记开头，但内容不是有效的 { $encoding }
table-unknown-encoding = { $file }：文字既不是 UTF-8，也不是 GBK/GB18030
table-bad-csv = { $file } 第 { $line } 行：无法按 CSV 读取：{ $error }
table-unreadable = { $file }：无法读取的电子表格：{ $error }
table-not-spreadsheet = { $file }：无法读取的电子表格（里面既不是 xlsx、xls，也不是 ods）
table-no-workbook = { $file }：无法读取的电子表格：里面没有工作簿
table-sheet-unreadable = { $file } 的工作表“{ $sheet }”无法读取：{ $error }
table-no-such-sheet = { $file }：没有名为“{ $sheet }”的工作表；现有工作表：{ $sheets }
table-no-sheets = { $file }：工作簿里没有工作表
table-sheet = { $file } 第 { $sheet } 个工作表
table-sheet-named = { $file } 的工作表“{ $sheet }”
bounds-photo-too-big = 照片有 { $size }，超过照片允许的 { $max }（标准照片为 20-40 KB）；未读取
bounds-part-too-big = { $file }：其中的“{ $part }”解压后有 { $size }，超过 { $max } 的上限；拒收
bounds-part-ratio = { $file }：其中的“{ $part }”解压后是压缩时的 { $ratio } 倍（{ $packed } 字节解压为 { $size }）；电子表格不会压缩到这种程度，拒收
bounds-rows = { $table }：第 { $row } 行有内容，超过表格允许的 { $max } 行；拒收
bounds-columns = { $table }：第 { $column } 列（{ $letter }）有内容，超过表格允许的 { $max } 列；拒收
bounds-cells = { $table }：占 { $rows } 行 × { $columns } 列，超过表格允许的 { $max } 个单元格；拒收
bounds-workbook-too-big = { $file }：工作簿有 { $size }，拒收

## 打印机：连接、拒绝，以及无法按原尺寸打印的原因。
print-unreachable = 无法连接打印机 { $target }：{ $reason }
print-refused = 打印机 { $target } 拒绝了{ $what }：{ $reason }
print-unsupported = 打印机 { $target } 无法按原尺寸打印：{ $reason }
print-bad-address = “{ $address }”不是打印机地址：{ $error }
print-address-credentials = { $address }：地址里带有用户名或密码；gradlab 从不保存凭据，请填写不带它们的打印机地址
print-address-scheme = “{ $address }”不是 ipp://、ipps://、http:// 或 https:// 开头的打印机地址
print-what-new-jobs = 新作业
print-not-accepting = 打印机不接受作业
print-state-idle = 空闲
print-state-printing = 正在打印
print-state-stopped = 已停止
print-state-unknown = 状态未知
print-busy-retry = { $error }；{ $seconds } 秒后重试
hot-folder-target = 热文件夹 { $dir }
hot-folder-missing = 文件夹不存在（RIP 的共享是否已挂载？）
hot-folder-not-writable = 无法写入：{ $error }
hot-folder-writable = 文件夹可写
hot-folder-exists = { $file } 已存在；没有覆盖
hot-folder-writing = 写入 { $file } 时出错：{ $error }
hot-folder-removing = 删除 { $file } 时出错：{ $error }
hot-folder-what-cancel = 取消
hot-folder-cancel-too-late = RIP 已经取走了 { $files } 个文件中的 { $taken } 个
paper-no-scaling-reported = 打印机不支持 print-scaling=none（它没有报告 print-scaling-supported），可能会缩放页面
paper-no-scaling-none = 打印机不支持 print-scaling=none（print-scaling-supported：{ $supported }），可能会缩放页面
paper-no-size = 打印机不支持版式所用的 { $w } x { $h } 毫米纸张（media-supported：{ $media }）
paper-tight-edge = 距{ $side ->
        [top] 上
        [right] 右
        [bottom] 下
       *[left] 左
    }边 { $mm } 毫米，而打印机在该边至少留 { $edge } 毫米
paper-no-borderless = 页面内容{ $tight }，而打印机不能无边距打印（media-*-margin-supported 中没有 0）
paper-no-media-col = 打印机的 media-col 不接受 { $member }，而按原尺寸打印这种纸张需要它

## 数据表或采集码给出的学生字段。
student-missing = 缺少 { $fields }
student-bad-field = { $field }：{ $error }
student-unmasked-name = xm（姓名）是未打码的姓名；已打码保存为 { $xm }
student-bad-timestamp = sjc（时间戳）“{ $value }”不是毫秒时间戳
student-bad-sjc = sjc（时间戳）“{ $value }”既不是时间戳，也不是日期时间
student-not-found = 没有采集码为 { $cjm } 的学生
correction-field-fixed = { $field } 不能勘误
text-control-character = { $what } { $value } 的第 { $at } 个字符是控制字符 { $code }；拒收
id-check-character = 尾号 { $last4 } 的证件号码校验位不符合 GB 11643：可能输错了
id-non-digits = 尾号 { $last4 } 的证件号码前 17 位中有非数字字符
school-already-registered = 院校 { $school } 已经登记过了
photo-not-in-store = 照片 { $sha256 } 不在存储中
correction-unknown-field = 未知字段“{ $field }”；可以勘误的字段有 { $allowed }
correction-not-on-strip = { $field } 不印在信息条上，不能勘误；可以勘误的字段有 { $allowed }
correction-value-empty = 新的 { $field } 是空的
correction-value-control = 新的 { $field }“{ $value }”含有换行或控制字符
correction-full-name = 新的 xm（姓名）“{ $value }”是全名；信息条只印学信网发来的打码姓名，这里应为 { $masked }
correction-bad-mask = 新的 xm（姓名）“{ $value }”不是打码姓名；请按学信网的打码方式填写：首字、*、末字（张*三；两个字的姓名写 李*）
carrier-auto = 自动识别
carrier-upu = 邮政挂号
carrier-ems = EMS
carrier-sf = 顺丰
carrier-other = 其他快递

## 长时间工作的阶段，进度条和窗口的任务行这样称呼它们。
stage-making-photos = 生成照片
stage-storing = 存入
stage-rendering = 渲染
stage-verifying = 校验
stage-packaging = 打包
stage-sending-email = 发送邮件
stage-sending-to = 发送到 { $printer }
stage-copying-tables = 复制数据表
stage-copying-photos = 复制照片
stage-checking-copy = 核对副本
stage-fetching-photos = 从共享存储取照片
stage-checking-photos = 检查照片
error-database = 数据库：{ $error }
error-disk-full = 磁盘已满：无法写入 { $file }。请在该磁盘上腾出空间后重试
error-file-too-large = 无法写入 { $file }：超过了本进程可写文件的大小上限（ulimit -f）
error-database-io = 无法读写库文件（{ $file }，SQLite 错误 { $code }）：所在磁盘可能已满或有故障。请在该磁盘上腾出空间后重试
error-printer = 打印机 { $printer }：{ $error }
finding-row = 第 { $row } 行
finding-photo = 照片 { $photo }
finding-line = { $at }：{ $reason }
import-link-not-read = 这是符号链接，没有读取：批次文件夹里应放照片文件本身
