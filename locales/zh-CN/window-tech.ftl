# The window's own notices and task names on the technician's pages (gui/adapters: technician, walkin, printers, mod).

## 任务进度条（gui/adapters/mod.rs）
wt-done = 完成
wt-cancelled = 已取消
wt-failed = 失败

## 院校与导入
wt-last-printer = 上次使用的打印机
wt-choose-batch = 导入批次：选择批次文件夹或 .zip 文件
wt-choose-school-left = 请先在左边选择院校
wt-choose-roster = 导入院校 { $school } 的名单：选择表格文件
wt-photo-card = 第 { $row } 行 { $cjm } { $xh }
wt-import = 导入

## 作业与打印
wt-need-school = 请先选择院校
wt-job-created = 已创建作业 { $job }：{ $students } 名学生，{ $packets } 个班级包裹，{ $sheets } 页，版面 { $layout }
wt-preview-making = 正在生成作业 { $job } 的预览…
wt-preview-sheet = 作业 { $job } 第 { $sheet } 页
wt-preview-first = 作业 { $job } 第一张照片页
wt-need-job = 请先选择作业
wt-render = 渲染
wt-rendered = 作业 { $job }：已渲染 { $sheets } 页，共 { $parts } 段 PDF
wt-verified-ok = ；已校验：照片、位置、文字和条码与作业一致，可以打印
wt-verified-failed = ；校验失败：发现 { $n } 个问题（见下方列表），未通过的分段不会打印
wt-job-verified = 作业 { $job }{ $result }
wt-verify = 校验
wt-no-printer = 没有可用的打印机：请先在“打印机”页添加
wt-print = 打印
wt-parts-sent = 作业 { $job }：{ $sent } 段已发送到 { $printer }（{ $status }）
wt-parts-skipped = ；{ $n } 段以前已发送，未重发（勾选“重新发送”可再发）
wt-cancel-printing = 取消打印
wt-ask-printers = 查询打印机
wt-print-cancelled = 作业 { $job }：已取消未完成的打印
wt-all-printed = 作业 { $job }：全部分段已打印完成（{ $at }）
wt-not-all-printed = 作业 { $job }：尚未全部打印完成

## 补印
wt-reprint = 补印
wt-reprint-item = 作业 { $job } 第 { $sheets } 页 → { $printer }
wt-reprinted = 已补印：{ $items }

## 散拍
wt-walkin = 散拍

## 打印机
wt-add-printer = 添加打印机
wt-offset-x = 偏移 x
wt-offset-y = 偏移 y
wt-scale = 缩放
wt-test-sheet = 打印校准页
