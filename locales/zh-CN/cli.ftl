# The command line's own reports: workspace, store, imports, schools, jobs, layouts (cli/mod.rs, cli/commands.rs).

## 通用

cli-warning = 警告：{ $warning }
cli-comma = 、
cli-findings-rejected = 拒收
cli-findings-warnings = 警告

## 初始化、存储

cli-workspace-created = 已创建工作区 { $path }
cli-workspace-exists = 工作区 { $path } 已存在；存储已是最新
cli-init-ask = 新的工作区。请填写实验室信息（直接回车留空；以后可在 gradlab.toml 里修改）。
cli-init-ask-name = 实验室名称（印在标签和邮件上）
cli-init-ask-address = 寄件地址（印在快递面单上）
cli-init-ask-phone = 寄件电话（印在快递面单上）
cli-store-moved = 存储已迁到 PostgreSQL 服务器 { $server }：{ $tables } 张表共 { $rows } 行，{ $photos } 张照片（{ $megabytes } MB），用时 { $seconds } 秒
cli-store-moved-checked = 已核对：两边每张表的行数、每张照片的 SHA-256 都一致
cli-store-moved-settings = { $settings } 现在指向共享存储（[store] url）；本工作区以后都用它
cli-store-moved-old-copy = SQLite 文件 { $file } 和照片文件夹 { $folder } 原样保留，作为旧副本（本工作站在该文件夹里缓存共享照片）
cli-store-info = 存储：{ $kind }（{ $location }）
cli-store-schema = 库结构版本：{ $version }（本程序：{ $program }）
cli-store-server = 服务器版本：PostgreSQL { $version }
cli-store-encrypted = 连接：已加密（{ $tls }）
cli-store-not-encrypted = 连接：未加密

## 审计日志

cli-audit-broken = 审计日志已损坏：{ $problem }（已检查 { $entries } 条）
cli-audit-whole = 审计日志完好：{ $chained } 条已链接{ $unchained ->
        [0] {""}
       *[other] ，另有 { $unchained } 条早于哈希链，排在最前
    }

## 导入批次

cli-batch-summary = 批次 { $source }：接收 { $accepted } 张，已存在 { $skipped } 张，拒收 { $rejected } 张，警告 { $warnings } 条
cli-batch-id = （批次号 { $id }）
cli-batch-replaced = 替换了 { $replaced } 张已存照片；旧照片保留在历史记录中
cli-batch-nothing-stored = 什么都没有存入

## 导入名单

cli-roster-summary = 名单 { $file }（院校 { $school }）：{ $rows } 行，{ $matched } 行对上了照片（名单号 { $id }）
cli-roster-class-rows = { $class }（{ $rows } 行）
cli-roster-no-class = 班级不明的行
cli-roster-replaces-all = 替换整份名单：{ $classes }
cli-roster-replaces = 替换这些班级的名单：{ $classes }
cli-roster-keeps = ；保留 { $class }（{ $day } 导入）
cli-roster-without-photo = 名单中没有照片的行（{ $count }）：
cli-roster-row-no-photo = 第 { $row } 行：学号 { $xh } 采集码 { $cjm }
cli-roster-not-on-roster = 不在名单上的学生，排在名单之后（{ $count }）：
cli-roster-name-mismatch = 警告：第 { $row } 行可能是错照片：名单姓名 { $roster_name } 与 { $masked_name } 对不上（{ $xh } { $cjm }）

## 学生、院校

cli-heading-roster-position = 名单序号
cli-heading-code = 院校代码
cli-heading-name = 名称
cli-heading-students = 学生数
cli-heading-classes = 班级数
cli-heading-roster = 名单
cli-has-roster-yes = 有
cli-has-roster-no = 无
cli-background-any = 标准允许的任一颜色
cli-background-colour = { $colour ->
        [blue] 蓝色
        [white] 白色
        [grey] 灰色
       *[other] { $colour }
    }
cli-school-line = { $code } { $name }：{ $address } / { $contact } { $phone }；背景 { $background }
cli-school-email = 邮箱：{ $emails }
cli-school-address = 地址：{ $address }
cli-school-contact = 联系人：{ $contact } { $phone }
cli-school-background = 背景：{ $background }
cli-school-students = 学生：{ $students } 人，{ $classes } 个班
cli-school-roster = 名单：{ $source }（{ $rows } 行，{ $at } 导入；共保留 { $kept } 份）
cli-school-no-roster = 名单：无（打印顺序：班级、拍摄序号、学号）
cli-school-batch = 批次 { $id }：{ $source }（接收 { $accepted } 张，{ $at }）

## 作业

cli-job-created = 作业 { $job }：{ $students } 名学生，{ $packets } 个包裹，{ $sheets } 页，版面 { $layout }
cli-heading-job = 作业
cli-heading-school = 院校
cli-heading-layout = 版面
cli-heading-sheets = 页数
cli-heading-state = 状态
cli-heading-purpose = 用途
cli-heading-created = 创建时间
cli-job-head = 作业 { $job }  院校 { $school } { $school_name }  版面 { $layout }
cli-job-created-by = { $by } 于 { $at } 创建；{ $students } 名学生
cli-job-packet = 包裹 { $packet }  { $class }  { $students } 名学生{ $place ->
        [packed] {"  "}已装入 { $shipment }
        [expected] {"  "}待装入 { $shipment }
       *[none] {""}
    }
cli-job-separator = 分隔页
cli-job-sheet = 第 { $number } 页  { $barcode }  { $class }  { $what }
cli-part-not-verified = 未校验
cli-part-stale = { $at } 校验后又重新渲染过；未校验
cli-part-verified = { $at } 已校验
cli-part-failed = { $at } 校验失败（{ $problems } 个问题）
cli-job-part = 第 { $part } 段（第 { $first }-{ $last } 页）：{ $path }；{ $verified }
cli-dispatch-part = 第 { $part } 段
cli-dispatch-reprint = 补印
cli-job-sent = { $at } 把{ $what }发到 { $printer }：{ $state }
cli-job-reprint = 补印 { $id }：第 { $sheets } 页，{ $by } 于 { $at } 申请：{ $reason }
cli-job-printed = 已打印：{ $at }
cli-job-rendered = 作业 { $job }：{ $sheets } 页，分 { $parts } 段

## 版面

cli-heading-from = 来源
cli-heading-what = 说明
cli-layout-fits = { $name }：放得下；{ $summary }
cli-code-needed = 请用 --code 文本 或 --code-image 图片文件 给出采集码
cli-school-set-nothing = 请至少给出 --address、--contact、--phone、--background 中的一项
