# Printing, walk-ins, e-copies and e-mail, rendering and previews.

## 打印：审计记录和提示
send-file-print-audit = { $file } 已作为“{ $job_name }”发出：{ $state }
send-printer-progress = 打印机 { $printer }：{ $message }
send-part-forced-audit = 用 --force 发送到打印机 { $printer }，尽管{ $reason }

## 通过 IPP 连接的打印机
send-ipp-building = 生成 IPP 请求时出错：{ $error }
send-ipp-what-job = 作业“{ $job }”
send-ipp-no-job-id = { $printer } 接受了“{ $job }”，但没有给出 job-id
send-ipp-what-state = 查询作业 { $id } 的状态
send-ipp-no-job-state = { $printer } 没有给出作业 { $id } 的 job-state
send-ipp-what-cancel = 取消作业 { $id }
send-ipp-job-is = 该作业{ $state }
send-ipp-what-list = 列出作业

## 散拍：审计记录
send-walkin-audit-not-printed = 批次 { $batch }，作业 { $job }，打印机 { $printer }：没有打印（{ $error }）
send-walkin-audit = 批次 { $batch }（{ $stored ->
        [new] 新存入
        [replaced] 替换了原照片
       *[other] 照片原已存入
    }），作业 { $job }，{ $printed }
send-walkin-audit-printer = 打印机 { $printer }（共 { $parts } 段，已发出 { $sent } 段）
send-walkin-audit-no-printer = 未指定打印机

## 电子版
send-ecopy-all-classes = 全部班级
send-ecopy-request-audit = 院校 { $school }：{ $students } 名学生（{ $scope }），文件名为 { $pattern }，发往 { $to }；来函 { $letter }
send-ecopy-earlier-failed = 前面的一卷发送失败且无法重试
send-ecopy-not-sent = 未发送：{ $error }
send-ecopy-zip-changed = 未发送：第 { $part } 卷重新打包后与第一次打包时记录的压缩包不一致（sha256 { $sha }）；可能是库中的照片文件损坏，或此后改过 [lab] timezone（压缩包内文件的日期据此而定）
send-ecopy-message-too-big = 未发送：邮件有 { $bytes } 字节，超过 [smtp] max_message_mb = { $mb }（第一次发送时是按更大的上限分卷的）
send-ecopy-retry = 第 { $part }/{ $parts } 卷：{ $reply }；{ $seconds } 秒后重试（第 { $attempt } 次，共 { $tries } 次）
send-ecopy-part-audit = 第 { $part }/{ $parts } 卷（{ $photos } 张照片，{ $bytes } 字节）发往 { $to }：试了 { $tries } 次，{ $state ->
        [accepted] 已被接收
        [failed] 发送失败
       *[other] 等待中
    }；Message-ID { $message_id }；服务器回复：{ $reply }
send-bad-naming = 命名方式“{ $naming }”不对：应为 xh（学号.jpg）、xh-name（学号姓名.jpg）或 cjm（采集码.jpg）

## 发运
send-shipment-no-sender = 快递面单上没有寄件{ $missing ->
        [name] 人名称（[lab] name）
        [address] 地址（[shipping] sender_address）
       *[both] 人名称（[lab] name）和寄件地址（[shipping] sender_address）
    }：请在 { $file } 中设置

## 邮件服务器：gradlab.toml 中的设置和发送
send-smtp-no-host = gradlab.toml 的 [smtp] host 是空的：要发送电子版，请设置实验室的邮件服务器
send-smtp-security-none = gradlab.toml 的 [smtp] security = "none" 只允许用于本机的邮件服务器（localhost、127.0.0.1、::1），不能用于“{ $host }”：请用 "starttls" 或 "tls"
send-smtp-bad-from = gradlab.toml 的 [smtp] from：{ $error }；请设置实验室的发件地址
send-smtp-max-message = gradlab.toml 的 [smtp] max_message_mb 至少为 1
send-smtp-tries = gradlab.toml 的 [smtp] tries 至少为 1
send-smtp-retry-delay = gradlab.toml 的 [smtp] retry_delay_secs 为 { $value }，不能小于 0
send-smtp-ca-file = gradlab.toml 的 [smtp] ca_file { $file }：{ $error }
send-smtp-ca-not-pem = gradlab.toml 的 [smtp] ca_file { $file }：不是 PEM 证书（-----BEGIN CERTIFICATE-----）
send-smtp-password-what = 邮箱账号的密码后再发送
send-smtp-user-no-password = gradlab.toml 的 [smtp] user 为“{ $user }”，但没有给出密码：请设置 password_env（环境变量名）或 password_file
send-smtp-password-no-user = gradlab.toml 的 [smtp] 有密码但没有用户名：请设置 user
send-password-both = gradlab.toml 的 { $section }：密码只能用 password_env 或 password_file 之一给出，不能两个都用
send-password-env-unset = gradlab.toml 的 { $section } password_env：环境变量 { $var } 没有设置（或为空）；请把它设为{ $what }
send-password-file-error = gradlab.toml 的 { $section } password_file { $file }：{ $error }
send-password-file-not-file = gradlab.toml 的 { $section } password_file { $file }：不是文件
send-password-file-owner = gradlab.toml 的 { $section } password_file { $file } 属于另一个账户（uid { $uid }）；它必须属于运行 gradlab 的账户（uid { $me }）
send-password-file-mode = gradlab.toml 的 { $section } password_file { $file } 的权限是 { $mode }：同组或其他用户可以读取；必须只有所有者可读（chmod 600 { $file }）
send-password-file-not-utf8 = gradlab.toml 的 { $section } password_file { $file }：不是 UTF-8 文本
send-password-file-empty = gradlab.toml 的 { $section } password_file { $file }：第一行是空的
send-smtp-tls-setup = 为 { $host } 设置 TLS 时出错：{ $error }
send-smtp-bad-sender = gradlab.toml 的 [smtp] from“{ $from }”：{ $error }
send-smtp-bad-to = 地址“{ $to }”：{ $error }
send-smtp-cannot-build = 无法生成邮件：{ $error }
send-smtp-tls = TLS：{ $detail }（实验室自己的邮件服务器需要把它的证书放在 [smtp] ca_file 中）
send-smtp-timeout = 邮件服务器 { $seconds } 秒内没有应答

## 预览
send-preview-jpeg = 无法把预览存为 JPEG：{ $error }
send-preview-bad-dpi = 无法按 { $dpi } dpi 预览：分辨率必须是正数
send-preview-unreadable = 无法读取 PDF：{ $error }
send-preview-no-page = 第 { $page } 页不存在：该 PDF 只有 { $pages } 页
send-preview-too-large = 第 { $page } 页太大，无法按 { $dpi } dpi 预览（每边最多 { $max } 像素）；请选较低的分辨率
send-preview-png = 无法把预览编码为 PNG：{ $error }

## 写 PDF 和读取其中的照片
send-pdf-no-file-name = { $path }：不能作为 PDF 的文件名
send-pdf-bad-paper = 页面尺寸 { $width } x { $height } 毫米不是纸张尺寸
send-pdf-bad-adjustment = 打印机校正 { $adjustment } 无效（偏移必须是数字，缩放必须大于 0%）
send-pdf-photo = 照片 { $sha }：{ $error }
send-pdf-font-subset = 无法提取内置字体 { $font } 的子集：{ $error }
send-jpeg-not-jpeg = 不是 JPEG 文件（开头没有 JPEG 的 SOI 标记）
send-jpeg-corrupt = JPEG 文件不完整，或在帧头之前就已损坏
send-jpeg-precision = 该 JPEG 的采样为 { $bits } 位；只能打印 8 位的 JPEG
send-jpeg-no-size = JPEG 的帧头没有给出图像尺寸
send-jpeg-components = 该 JPEG 有 { $components } 个颜色分量；只能打印 RGB（3 个）或灰度（1 个）
send-jpeg-coding = 该 JPEG 使用的编码方式（SOF{ $sof }）PDF 阅读器无法显示
