# Layout files, data tables, collection-code pictures, schools and corrections.

## Layout files: values and fit (layout/validate.rs)
imp-layout-paper-both = paper：size 与 width_mm、height_mm 只能给一种，不能都给
imp-layout-paper-none = paper：请给出 size（A4、A5、A6、6inch、5inch、letter），或同时给出 width_mm 和 height_mm
imp-layout-margins-wide = paper.margins_mm：left + right（{ $margins } mm）占满了 { $paper } mm 宽的纸，没有可打印的地方
imp-layout-margins-high = paper.margins_mm：top + bottom（{ $margins } mm）占满了 { $paper } mm 高的纸，没有可打印的地方
imp-layout-group-none = group：请用 [[group.blocks]] 或 [[group.photos]] 给出照片
imp-layout-group-both = group：[[group.blocks]] 和 [[group.photos]] 只能给一种，不能都给
imp-layout-rows-columns = { $key }：rows 和 columns 至少为 1
imp-layout-line-spacing = caption.line_spacing 至少为 1.0（现在是 { $value }）
imp-layout-caption-height-needed = 信息条在照片下方时必须给出 caption.height_mm
imp-layout-caption-width-needed = 信息条在照片右侧时必须给出 caption.width_mm
imp-layout-caption-no-lines = caption.lines：至少要有一行
imp-layout-bars-too-low = { $key } 是 { $value } mm；条码至少要 { $min } mm 高才能扫读
imp-layout-at-least-one = { $key } 至少为 1
imp-layout-positive = { $key } 必须大于 0（现在是 { $value }）
imp-layout-not-negative = { $key } 不能是负数（现在是 { $value }）
imp-layout-min-font-larger = { $key }.min_font_pt（{ $min }）比 { $key }.font_pt（{ $font }）还大
imp-layout-key-error = { $key }：{ $error }
imp-layout-no-glyph = { $key }：内置字体没有字符 { $ch }（U+{ $code }）
imp-layout-overlaps = { $part } 与 { $other } 重叠
imp-layout-leaves-area = { $part } 超出了可打印区域
imp-layout-part-photo = 第 { $group } 组第 { $photo } 张照片
imp-layout-part-caption = 第 { $group } 组信息条
imp-layout-part-barcode = 第 { $group } 组条码
imp-layout-part-band = { $band ->
    [header] 页眉
   *[footer] 页脚
    }
imp-layout-padding-no-room = caption：padding_mm（{ $padding }）留不下放文字的地方
imp-layout-band-bars-too-low = { $key }：版面条码只有 { $bars } mm 高（height_mm 减去条码下的文字）；至少要 { $min } mm
imp-layout-area = 可打印区域
imp-layout-area-less-bands = 可打印区域（除去页眉页脚）
imp-layout-caption-too-high = caption：{ $lines } 行文字按最小 { $pt } pt 需要 { $need } mm 高，但信息条只有 { $have } mm：多了 { $over } mm
imp-layout-barcode-too-wide = barcode：{ $chars } 个字符的条码需要 { $need } mm 宽（0.25 mm 模块加静区），但一组只有 { $have } mm：多了 { $over } mm；请减小 barcode.max_chars 或加宽一组
imp-layout-band-text-too-high = { $key }：文字按最小 { $pt } pt 需要 { $need } mm 高，但这一栏只有 { $have } mm：多了 { $over } mm
imp-layout-band-barcode-too-wide = { $key }：版面条码加至少 10 mm 文字需要 { $need } mm 宽，但可打印区域只有 { $have } mm：多了 { $over } mm
imp-layout-groups-too-wide = 学生组需要 { $need } mm 宽，但{ $area }只有 { $have } mm：多了 { $over } mm
imp-layout-groups-too-high = 学生组需要 { $need } mm 高，但{ $area }只有 { $have } mm：多了 { $over } mm
imp-layout-separator-too-high = 分隔页：文字和袋条码需要 { $need } mm 高，但{ $area }只有 { $have } mm：多了 { $over } mm
imp-layout-separator-too-wide = 分隔页：20 个字符的袋条码需要 { $need } mm 宽，但可打印区域只有 { $have } mm：多了 { $over } mm

## Composing a sheet (layout/compose.rs)
imp-compose-missing-glyph = { $who }：{ $place }中有内置字体没有的字符 { $ch }（U+{ $code }）
imp-compose-does-not-fit = { $who }：{ $place }按最小 { $pt } pt 也放不下：需要 { $need } mm，只有 { $have } mm
imp-compose-barcode = { $who }：条码 { $payload }：{ $reason }
imp-compose-sheet = 第 { $sheet } 张版面：{ $reason }
imp-compose-students-for-places = 给了 { $students } 名学生，但版面上有 { $places } 个位置
imp-compose-no-slot = 这个版面没有第 { $slot } 组位置
imp-compose-no-sheet-barcode = 版面要印版面条码，但没有给出条码
imp-compose-barcode-not-ascii = 条码只能用可打印的 ASCII 字符（Code128 B 字符集）
imp-compose-barcode-too-wide = { $chars } 个字符加静区需要 { $need } mm，但条码位置只有 { $have } mm 宽
imp-compose-who-student = 学生 { $xh }（采集码 { $cjm }）
imp-compose-who-sheet = 第 { $sheet } 张版面
imp-compose-who-separator = 班级 { $class } 的分隔页
imp-compose-place-caption-line = 信息条第 { $line } 行 { $template }
imp-compose-place-caption-lines = 信息条的各行
imp-compose-place-band = { $band ->
    [header] 页眉
   *[footer] 页脚
    } { $template }
imp-compose-place-school = 院校名称
imp-compose-place-class = 班级
imp-compose-place-count = 学生人数

## Corrections (app/corrections.rs, import/corrections.rs)
imp-correction-bad-student = 学生：{ $error }
imp-correction-no-student = 院校 { $school } 没有学号为 { $xh } 的学生
imp-correction-many-students = 院校 { $school } 有 { $count } 名学生的学号是 { $xh }（{ $cjms }）；请改用采集码指明要勘误的学生
imp-correction-empty = （空）
imp-correction-not-from = 学号 { $xh } 的{ $field }现在是 { $now }，不是 { $from }
imp-correction-already = 学号 { $xh } 的{ $field }已经是 { $new }，无需更改
imp-correction-xh-taken = 学号 { $new } 已属于院校 { $school } 的另一名学生（采集码 { $cjms }）
imp-correction-no-glyph = 新的{ $field }“{ $new }”印不出来：字体里没有 { $chars }
imp-correction-old-xh-on-roster = 院校 { $school } 的当前名单仍用旧学号 { $old } 列着他（名单第 { $row } 行）；在导入列有学号 { $new } 的名单之前，他排在名单学生之后打印
imp-correction-wrong-school = 院校代码是 { $given }，不是 { $school }
imp-correction-columns = 勘误表的列：学号（xh）、字段（field）、原值（from）和新值（to）
imp-correction-header-missing = { $file } 第 { $row } 行：表头缺少列 { $columns }
imp-audit-reprint-job = 补印 { $students } 名已勘误的学生（{ $corrections } 条勘误）：{ $cjms }

## Schools (app/schools.rs): audit lines
imp-audit-school-background = 背景色 { $colour ->
    [any] 不限
   *[other] { $colour }
    }
imp-audit-school-email-added = 添加 { $email }
imp-audit-school-email-removed = 删除 { $email }

## Pictures of a 采集码 (import/qr.rs)
imp-qr-unreadable = 不是可读的 PNG 或 JPEG 图片：{ $error }
imp-qr-too-large = 图片是 { $width } x { $height } 像素，超过了拍采集码所需的 { $millions } 百万像素；拒绝读取
imp-qr-none = 图片里没有找到二维码
imp-qr-busy = 之前的图片还在识别中；请过一分钟再试
imp-qr-timeout = { $seconds } 秒内没有找到二维码：图片里像二维码的图案太多，无法识别

## The window's words for keys (gui/model/texts.rs)
imp-requester-student = 学生
imp-requester-school = 学校
imp-ecopy-not-sent = 未发送
imp-ecopy-sent = 已发送
imp-ecopy-partly-sent = 部分发送
imp-ecopy-failed = 失败
imp-ecopy-pending = 待发送
imp-ecopy-accepted = 服务器已接收
imp-naming-xh = 学号.jpg
imp-naming-xh-name = 学号姓名.jpg
imp-naming-cjm = 采集码.jpg
imp-field-xh = 学号
imp-field-xm = 姓名
imp-field-bh = 班级
imp-field-cc = 层次
imp-field-xllb = 学历类别
table-damaged = 文件已损坏：读到一半无法继续
