# Layout files, data tables, collection-code pictures, schools and corrections.

## Layout files: values and fit (layout/validate.rs)
imp-layout-paper-both = paper: give either size or width_mm and height_mm, not both
imp-layout-paper-none = paper: give size (A4, A5, A6, 6inch, 5inch, letter) or both width_mm and height_mm
imp-layout-margins-wide = paper.margins_mm: left + right ({ $margins } mm) leave no room on paper { $paper } mm wide
imp-layout-margins-high = paper.margins_mm: top + bottom ({ $margins } mm) leave no room on paper { $paper } mm high
imp-layout-group-none = group: give the photos as [[group.blocks]] or [[group.photos]]
imp-layout-group-both = group: give either [[group.blocks]] or [[group.photos]], not both
imp-layout-rows-columns = { $key }: rows and columns must be at least 1
imp-layout-line-spacing = caption.line_spacing must be at least 1.0 (it is { $value })
imp-layout-caption-height-needed = caption.height_mm is required when the caption is below
imp-layout-caption-width-needed = caption.width_mm is required when the caption is on the right
imp-layout-caption-no-lines = caption.lines: give at least one line
imp-layout-bars-too-low = { $key } is { $value } mm; a barcode needs at least { $min } mm to scan
imp-layout-at-least-one = { $key } must be at least 1
imp-layout-positive = { $key } must be more than 0 (it is { $value })
imp-layout-not-negative = { $key } must not be negative (it is { $value })
imp-layout-min-font-larger = { $key }.min_font_pt ({ $min }) is larger than { $key }.font_pt ({ $font })
imp-layout-key-error = { $key }: { $error }
imp-layout-no-glyph = { $key }: the bundled font has no glyph for { $ch } (U+{ $code })
imp-layout-overlaps = { $part } overlaps { $other }
imp-layout-leaves-area = { $part } leaves the printable area
imp-layout-part-photo = group { $group } photo { $photo }
imp-layout-part-caption = group { $group } caption
imp-layout-part-barcode = group { $group } barcode
imp-layout-part-band = { $band ->
    [header] header
   *[footer] footer
    }
imp-layout-padding-no-room = caption: padding_mm ({ $padding }) leaves no room for text
imp-layout-band-bars-too-low = { $key }: the sheet barcode would be { $bars } mm high (height_mm less its text); it needs at least { $min } mm
imp-layout-area = the printable area
imp-layout-area-less-bands = the printable area (less header and footer)
imp-layout-caption-too-high = caption: { $lines } line(s) at the minimum { $pt } pt need { $need } mm height but the caption is { $have } mm: { $over } mm too much
imp-layout-barcode-too-wide = barcode: a { $chars }-character barcode needs { $need } mm of width (0.25 mm modules and quiet zones) but the group is { $have } mm: { $over } mm too much; lower barcode.max_chars or widen the group
imp-layout-band-text-too-high = { $key }: its text at the minimum { $pt } pt needs { $need } mm of height but the band is { $have } mm: { $over } mm too much
imp-layout-band-barcode-too-wide = { $key }: the sheet barcode and at least 10 mm of text need { $need } mm of width but the printable area is { $have } mm: { $over } mm too much
imp-layout-groups-too-wide = student groups need { $need } mm of width but { $area } is { $have } mm: { $over } mm too much
imp-layout-groups-too-high = student groups need { $need } mm of height but { $area } is { $have } mm: { $over } mm too much
imp-layout-separator-too-high = separator sheet: its text and packet barcode need { $need } mm of height but { $area } is { $have } mm: { $over } mm too much
imp-layout-separator-too-wide = separator sheet: a 20-character packet barcode needs { $need } mm of width but the printable area is { $have } mm: { $over } mm too much

## Composing a sheet (layout/compose.rs)
imp-compose-missing-glyph = { $who }: the bundled font has no glyph for { $ch } (U+{ $code }) in { $place }
imp-compose-does-not-fit = { $who }: { $place } does not fit even at the minimum { $pt } pt: it needs { $need } mm but there are { $have } mm
imp-compose-barcode = { $who }: barcode { $payload }: { $reason }
imp-compose-sheet = sheet { $sheet }: { $reason }
imp-compose-students-for-places = { $students } students were given for { $places } places on the sheet
imp-compose-no-slot = group slot { $slot } is not on this layout
imp-compose-no-sheet-barcode = the layout prints a sheet barcode but none was given
imp-compose-barcode-not-ascii = a barcode needs printable ASCII characters (Code128 set B)
imp-compose-barcode-too-wide = { $chars } characters need { $need } mm with quiet zones but the slot is { $have } mm wide
imp-compose-who-student = student { $xh } (采集码 { $cjm })
imp-compose-who-sheet = sheet { $sheet }
imp-compose-who-separator = separator sheet of class { $class }
imp-compose-place-caption-line = caption line { $line } { $template }
imp-compose-place-caption-lines = the caption's lines
imp-compose-place-band = the { $band ->
    [header] header
   *[footer] footer
    } { $template }
imp-compose-place-school = the school name
imp-compose-place-class = the class
imp-compose-place-count = the student count

## Corrections (app/corrections.rs, import/corrections.rs)
imp-correction-bad-student = the student: { $error }
imp-correction-no-student = school { $school } has no student with 学号 { $xh }
imp-correction-many-students = school { $school } has { $count } students with 学号 { $xh } ({ $cjms }); name the one to correct by his 采集码 instead
imp-correction-empty = (empty)
imp-correction-not-from = 学号 { $xh } { $field } is { $now } now, not { $from }
imp-correction-already = 学号 { $xh } { $field } is already { $new }; nothing to change
imp-correction-xh-taken = 学号 { $new } already belongs to another student of school { $school } (采集码 { $cjms })
imp-correction-no-glyph = the new { $field } { $new } cannot be printed: the font has no { $chars }
imp-correction-old-xh-on-roster = school { $school }'s current roster lists him by the old 学号 { $old } (roster row { $row }); he prints after the roster's students until a roster with { $new } is imported
imp-correction-wrong-school = 院校代码 is { $given }, not { $school }
imp-correction-columns = a correction table's columns 学号 (xh), 字段 (field), 原值 (from) and 新值 (to)
imp-correction-header-missing = { $file } row { $row }: the header has no column { $columns }
imp-audit-reprint-job = reprint of { $students } corrected students ({ $corrections } corrections): { $cjms }

## Schools (app/schools.rs): audit lines
imp-audit-school-background = background { $colour ->
    [any] any
   *[other] { $colour }
    }
imp-audit-school-email-added = added { $email }
imp-audit-school-email-removed = removed { $email }

## Pictures of a 采集码 (import/qr.rs)
imp-qr-unreadable = not a readable PNG or JPEG picture: { $error }
imp-qr-too-large = the picture is { $width } x { $height } pixels, more than the { $millions } million a photo of a 采集码 needs; refused
imp-qr-none = no QR code found in the picture
imp-qr-busy = earlier pictures are still being searched; try again in a minute
imp-qr-timeout = no QR code found within { $seconds } s: the picture holds too many code-like patterns to search

## The window's words for keys (gui/model/texts.rs)
imp-requester-student = student
imp-requester-school = school
imp-ecopy-not-sent = not sent
imp-ecopy-sent = sent
imp-ecopy-partly-sent = partly sent
imp-ecopy-failed = failed
imp-ecopy-pending = pending
imp-ecopy-accepted = accepted by the server
imp-naming-xh = 学号.jpg (student number)
imp-naming-xh-name = 学号姓名.jpg (number and name)
imp-naming-cjm = 采集码.jpg (collection code)
imp-field-xh = student number (学号)
imp-field-xm = name (姓名)
imp-field-bh = class (班级)
imp-field-cc = level (层次)
imp-field-xllb = kind of study (学历类别)
table-damaged = the file is damaged: its reader stopped part-way
