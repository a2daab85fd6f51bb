# Messages of the services: input errors, printers, corrections, e-copies, walk-ins, the command line's reports.

## Printers and printing

printer-unknown-none = no printer "{ $name }": none is set up yet (see `gradlab printer add`)
printer-unknown = no printer "{ $name }"; the printers are: { $known }
printer-bad-name = printer name "{ $name }" must be 1 to 40 letters, digits, '-', '_' or '.', not starting with '.' or '-'
printer-offset-out-of-range = { $flag } { $value } mm is outside -{ $max }..{ $max } mm
printer-scale-out-of-range = --scale { $value }% is outside { $lo }..{ $hi }%
printer-bad-media = media "{ $media }" is not a paper size: give a PWG name such as iso_a4_210x297mm or na_index-4x6_4x6in, or one of A4, A5, A6, 6inch, 5inch, 4x6, 4R, 3R, letter
printer-bad-ipp = --ipp "{ $uri }" is not a printer address; give one like ipp://host:631/ipp/print, ipps://host:631/ipp/print or http://host:631/printers/QUEUE
printer-ipp-refused = --ipp { $error }
printer-no-hot-folder = --hot-folder { $dir }: no such folder
printer-ipp-or-hot-folder = give a printer either --ipp URI or --hot-folder DIR
printer-exists = printer "{ $name }" already exists; change it with `gradlab printer set { $name } ...` or remove it first with `gradlab printer remove { $name }`
printer-vanished = printer "{ $name }" vanished while being changed
printer-calibration-no-photo = the calibration sheet has no photo { $sha }
printer-no-file = { $file }: no such file to print
printer-wrong-paper = job { $job } is laid out on { $width } x { $height } mm paper (layout { $layout }), but printer { $printer } has { $media } ({ $media_width } x { $media_height } mm) loaded
printer-dispatch-no-printer = dispatch D{ $dispatch } has no printer
printer-bad-copies = --copies { $copies } must be 1 to 99
printer-part-changed = { $file } has changed since job { $job } was rendered; render it again with `gradlab job render { $job }`
printer-part-not-sent = { $error }; part { $part } was not sent. Parts { $sent } were sent and are recorded; run the same command again to send the rest
printer-unproven = job { $job } is not printed: { $reasons }. Print it anyway only with --force (recorded in the audit log)
printer-part-state = part { $part } { $state }
printer-never-sent = it has not been rendered or sent to a printer
printer-job-not-printed = job { $job } is not printed yet (a job is printed once every part has completed): { $why }
printer-state-sending = sending
printer-state-pending = pending
printer-state-held = held
printer-state-processing = processing
printer-state-stopped = stopped
printer-state-completed = completed
printer-state-aborted = aborted
printer-state-canceled = canceled
printer-state-not-sent = not sent

## Shipments

shipment-unknown = no shipment { $shipment } (see `gradlab shipment list`)
shipment-job-other-school = job { $job } is for school { $school }, not { $wanted }
shipment-job-not-printed = job { $job } is not printed yet: a job is printed once every part has completed
shipment-to-needs-recipient = --to needs --recipient NAME: who receives it
shipment-school-no-address = school { $school } has no postal address; set it with `gradlab school set { $school } --address ADDRESS`
shipment-nothing-to-ship = school { $school } has no printed packets waiting to be shipped (a job is printed once every part has completed: see `gradlab job status JOB`)
shipment-vanished = shipment vanished while being made
shipment-bad-status = --status "{ $status }" is not a shipment state: open, sealed, shipped, delivered or returned
shipment-packets-missing = shipment { $shipment }: { $missing } of { $expected } packets not scanned yet: { $codes }; scan them, or seal without them with --force --reason TEXT
shipment-force-needs-reason = --force needs --reason TEXT: why the shipment leaves without those packets
shipment-nothing-scanned = shipment { $shipment }: no packet has been scanned into it; nothing to seal
shipment-bad-carrier = carrier "{ $carrier }" is not known: give upu (or china-post, post, 邮政), ems, sf (or 顺丰) or other
shipment-bad-tracking = tracking number "{ $number }": { $why }
shipment-tracking-on = { $shipment } ({ $state }, school { $school })
shipment-tracking-taken = tracking number { $number } is already on shipment { $shipments }
shipment-tracking-taken-fix = { $taken }; a courier's number belongs to one parcel: check the label (if the courier really reused it, attach it with --force --reason TEXT)
shipment-tracking-reused-audit = { $taken }; attached anyway: { $reason }
shipment-needs-tracking = shipment { $shipment }: give the courier's tracking number with --tracking NO (or scan it)
shipment-return-needs-reason = --reason is required: why did the shipment come back?
shipment-papers-label = label
shipment-papers-packing-lists = packing list
shipment-nothing-to-print = shipment { $shipment } has no { $papers } to print
shipment-page-no-photo = a mailroom page has no photo { $sha }
shipment-no-such = no shipment { $shipment }

## Reprint requests

request-bad-kind = request kind "{ $kind }" is not lost (丢失), missing (漏洗) or damaged (损坏)
request-bad-requester = requester "{ $requester }" is not student (学生) or school (学校)
request-bad-fee = fee { $yuan } yuan is not a sum the lab charges
request-bad-xh = 学号: { $error }
request-bad-cjm = 采集码: { $error }
request-bad-id-number = ID number: { $error }
request-name-in-full = 姓名 { $masked } was given in full; only { $masked } is kept
request-which-student = say which student: 学号 (--student), 采集码 (--code), or the ID number's last 4 with the masked name (--id-last4 and --name)
request-open-line = { $request } ({ $status }, from { $source })
request-duplicate = student 学号 { $xh } already has an open { $kind } request: { $open }; follow that one (request show), or close or reject it before asking again
request-unknown = no request { $request } (see `gradlab request list`)
request-vanished = request vanished
request-no-student-hint = school { $school } has no student with 学号 { $xh }
request-no-student-closest = school { $school } has no student with 学号 { $xh }; the closest stored are { $close }
request-table-no-school = { $file }: no 院校代码 column; say which school with --school CODE
request-school-not-registered = school { $school } is not registered
request-match-none = school { $school } has no student with 学号 { $xh }
request-match-did-you-mean = school { $school } has no student with 学号 { $xh }; did you mean { $close }?
request-match-many = school { $school } has { $count } students with 学号 { $xh }
request-reject-needs-reason = --reason is required: why is the request rejected?
request-no-student = request { $request } has no student
request-not-printed = request { $request }: { $why }
request-already-shipping = request { $request } is already in shipment { $shipment }; it is shipped when that shipment leaves
request-no-job = request { $request } has no reprint job
request-no-address = request { $request } came from the student but gives no address to send the reprint to
request-bad-status = --status "{ $status }" is not one of { $all }

## Schools

list-or = { $first } or { $second }
school-bad-code = school code (院校代码) must be 5 digits, got "{ $code }"
school-bad-background = background colour "{ $colour }": use blue, white or grey
school-bad-email = "{ $email }" is not an e-mail address
school-name-empty = school name must not be empty
school-bad-email-flag = --email: { $error }
school-contact-nothing = give at least one of --address, --contact, --phone
school-bad-background-flag = --background: { $error }, or any
school-email-known = { $email } is already registered for school { $school }
school-email-unknown = "{ $email }" is not registered for school { $school }; its addresses are: { $registered }
school-email-unknown-none = "{ $email }" is not registered for school { $school }; its addresses are: none
school-not-registered = school { $school } is not registered; a new school is added with `gradlab school add { $school } NAME`
school-not-registered-close = school { $school } is not registered; did you mean { $close }?; a new school is added with `gradlab school add { $school } NAME`
school-named = { $code } { $name }

## Reprints of sheets

reprint-no-sheet = { $code }: no such sheet in this workspace
reprint-no-student-print = { $code }: no such student print in this workspace
reprint-wrong-kind = { $code } is a { $kind } code; scan the barcode of the sheet or of a student on it
reprint-needs-reason = --reason is required: say why the sheet is printed again (jammed, damaged, ...)
reprint-nothing = scan or type at least one sheet or student barcode
reprint-no-printer = job { $job } was never sent to a printer; say which with --printer NAME
reprint-corrected-line = 学号 { $xh } { $name }: { $field } { $old } -> { $new }
reprint-corrected = job { $job } was made before these corrections to students on the sheets to reprint: { $corrections }. A reprint of the sheet would print the old values again. Make the corrected prints with `gradlab job create --needs-reprint --school { $school }`, or reprint the sheet as it was printed, on purpose, with --as-printed

## Corrections

correction-no-rows = { $file }: no correction rows below the header
correction-none-needed = school { $school } has no students needing a reprint: no correction (勘误) has been applied to a printed student since the last reprint job (see `gradlab correction list --school { $school }`)
correction-chosen-not-needed = none of the chosen students of school { $school } needs a reprint; { $count ->
        [one] 1 student does
       *[other] { $count } students do
    } in all

## Batches

batch-no-rows = { $file }: the data table { $table } has no rows
batch-unknown-school = 院校代码 { $school } on { $count ->
        [one] row
       *[other] rows
    } { $rows }
batch-unknown-school-close = 院校代码 { $school } on { $count ->
        [one] row
       *[other] rows
    } { $rows }; did you mean { $close }?
batch-unknown-schools = { $file } ({ $table }): the batch is refused whole: rows belong to schools that are not registered: { $schools }. Correct the code in the data table, or register a new school first with `gradlab school add CODE NAME`
batch-measure-unwritable = { $file }: the photo check's measure cannot be written: { $error }

## Jobs

school-no-class = school { $school } has no class "{ $class }"; its classes are: { $classes }
job-unknown = no job { $job } (see `gradlab job list`)
job-no-student-in-classes = school { $school } has no student with 学号 { $xh } in the chosen classes
job-no-code-chosen = school { $school } has no student with collection code { $cjm } among those chosen
job-no-students = school { $school } has no students to print; import a batch first
job-again-not-for-reprints = --again and --new-only are for a school's set of prints, not for reprints
job-holds = { $job } ({ $stage }) holds { $count }
job-overlap = { $in_job } of the { $chosen ->
        [one] 1 student
       *[other] { $chosen } students
    } chosen are already in a job: { $holders }
job-all-in-a-job = school { $school }: every student chosen is already in a job ({ $overlap })
job-printed-before = school { $school }: { $overlap }. A second set is not made by accident: to print them again on purpose, add --again --reason TEXT
job-printed-before-some-new = school { $school }: { $overlap }. A second set is not made by accident: to print them again on purpose, add --again --reason TEXT; to print only the { $fresh ->
        [one] 1 student
       *[other] { $fresh } students
    } in no job yet, add --new-only
job-part-at-printer = job { $job } part { $part } is { $state } at printer { $printer }; it is not rendered again while a printer may still be reading it (see `gradlab job status { $job }`, or `gradlab job cancel { $job }`)
job-reprint-at-printer = job { $job } part (reprint) is { $state } at printer { $printer }; it is not rendered again while a printer may still be reading it (see `gradlab job status { $job }`, or `gradlab job cancel { $job }`)
job-preview-type = { $file }: a preview is written as .png or .jpg; give the file one of those names
job-no-such-sheet = job { $job } has sheets 1 to { $sheets }; there is no sheet { $sheet }
job-no-sheets = job { $job } has no sheets
job-preview-failed = preview of sheet { $sheet }: { $error }

## Walk-ins

walkin-bad-code = --code: { $error }
walkin-table-unwritable = writing the walk-in's data table: { $error }
walkin-photo-finding = photo { $photo }: { $reason }
walkin-wrong-paper = layout { $layout } is laid out on { $width } x { $height } mm paper, but printer { $printer } has { $media } ({ $media_width } x { $media_height } mm) loaded; nothing was done
walkin-refused = walk-in of { $cjm } refused, nothing was stored: { $reasons }
walkin-nothing-stored = walk-in of { $cjm }: the import stored nothing and gave no reason
walkin-no-photo = --photo { $photo }: no such file
walkin-school = walk-in of { $cjm }: { $error }; nothing was stored
walkin-not-in-store = walk-in of { $cjm }: the student is not in the store
walkin-after-store = the photo of { $cjm } (学号 { $xh }) is stored in batch { $batch }, but { $what }: { $error }
walkin-no-job = no job could be made
walkin-not-rendered = job { $job } could not be rendered (render it with `gradlab job render { $job }`)
walkin-no-preview = job { $job } is rendered ({ $pdfs }) and its preview failed
walkin-not-printed = the walk-in of { $cjm } (学号 { $xh }) is stored in batch { $batch } and job { $job } is made and rendered ({ $pdfs }), but printing failed: { $error }; print it with `gradlab job print { $job } --printer { $printer }`
walkin-not-printed-unaudited = the walk-in of { $cjm } (学号 { $xh }) is stored in batch { $batch } and job { $job } is made and rendered ({ $pdfs }), but printing failed: { $error }; print it with `gradlab job print { $job } --printer { $printer }` (the audit entry could not be written: { $audit })

## Electronic copies

ecopy-bad-naming = --naming: { $error }
ecopy-bad-to = --to: { $error }
ecopy-not-registered = { $to } is not registered for school { $school } { $name }; its registered addresses are: { $known }. Electronic copies go only to a registered address: add it with `gradlab school add-email { $school } EMAIL` once the school has confirmed it
ecopy-not-registered-none = { $to } is not registered for school { $school } { $name }; it has none. Electronic copies go only to a registered address: add it with `gradlab school add-email { $school } EMAIL` once the school has confirmed it
ecopy-no-students = school { $school } has no students with photos to send
ecopy-photo-too-big = the photo of 学号 { $xh } ({ $bytes } bytes) does not fit in one message under [smtp] max_message_mb = { $mb } (a part would need { $need } bytes of zip, at most { $budget } fit)
ecopy-part-too-big = part { $part } packed to { $bytes } bytes, over the { $budget } bytes a message under max_message_mb can carry
ecopy-no-such-part = request { $request } has parts 1 to { $total }; there is no part { $part }
ecopy-unknown = no electronic-copy request { $request }
ecopy-no-longer-registered = { $to } is no longer registered for school { $school } (registered: { $registered }); nothing was sent. Make a new request to a registered address
ecopy-none = none

## Reading a batch, a table or a picture

import-what-table = the table
import-what-picture = the picture
import-file-too-big = { $file }: { $what } is { $size }, over the { $max } this program reads; refused
import-file-grew = { $file }: { $what } grew past { $max } while being read; refused
import-not-a-batch = { $file }: a batch is a folder or a .zip file
import-bad-zip = { $file }: not a readable zip: { $error }
import-zip-entry-unreadable = { $file }: zip entry { $entry } unreadable: { $error }
import-zip-entry-outside = { $file }: zip entry "{ $entry }" points outside the batch folder; the batch is refused
import-zip-entry-link = { $file }: zip entry "{ $entry }" is a symbolic link; the batch is refused
import-zip-entry-too-big = { $file }: zip entry "{ $entry }" unpacks to { $mb } MB, over the { $max } MB limit for one file; the batch is refused
import-zip-too-big = { $file }: the zip unpacks to more than { $max } MB in all; the batch is refused
import-file-grew-in-batch = { $file }: grew while the batch was read; refused
import-cannot-unpack = { $file }: cannot unpack: { $error }
import-unpacks-too-much = { $file }: unpacks to more than its declared size; refused
import-no-data-table = { $batch }: no data table (数据表) found; a batch holds its JPEGs and one .csv or .xlsx table
import-many-data-tables = { $batch }: more than one data table ({ $tables }); a batch holds exactly one
import-table-too-big = { $batch }: its data table { $table } is { $mb } MB, over the { $max } MB a table may be; refused
import-no-column = { $table }: no column for { $columns }

## Collection codes (采集码) from a scanner or a picture

qr-not-a-code = not a collection code (采集码): { $why }
qr-missing = collection code is missing fields: { $fields }
qr-invalid = collection code has a bad field: { $why }
qr-picture = { $file }: { $error }
qr-found-but = { $file }: a QR code was found, but { $error }

## Checking a rendered file

verify-nothing-rendered = job { $job } has no rendered parts to verify; render it first with `gradlab job render { $job }`
verify-rendered-meanwhile = job { $job } was rendered again while it was being verified; nothing was recorded. Verify it again with `gradlab job verify { $job }`
verify-not-sent = { $what } failed verification and was not sent: { $failures }
verify-what-reprint = the reprint of job { $job }
verify-what-corrected-copy = the copy of { $label } corrected for printer { $printer }

## Layouts

layout-unknown = no layout named "{ $name }": there is no { $path } and the shipped layouts are { $shipped }
layout-bad = layout { $label }: { $error }
layout-unwritable = layout { $name }: cannot write as TOML: { $error }

## Rosters and a data table's rows

roster-bad-cjm = cjm (采集码) must be 16 letters and digits, got "{ $cjm }"
roster-no-xh = missing xh (学号)
roster-xh-spaces = xh (学号) "{ $xh }" contains spaces
roster-xh-scientific = xh (学号) "{ $xh }" was saved in scientific notation and its digits are lost; re-export the table with the 学号 column as text
roster-xh-bad-char = xh (学号) "{ $xh }" holds '{ $char }'; a student number has only letters, digits, - and _
roster-xh-too-long = xh (学号) "{ $xh }" is longer than the 32 characters a student number has
roster-id-too-short = ID number (证件号码) must be a full number or its last 4 characters; got { $count } characters
roster-id-bad-end = ID number (证件号码) must end in 3 digits and a digit or X; its last 4 are "{ $last4 }"
roster-no-key = the row has neither 学号 (xh) nor 采集码 (cjm)
roster-other-school = 院校代码 is { $row_school }, not { $school }
roster-bad-zjhm = zjhm: { $error }
roster-cjm-twice = 采集码 { $cjm } already on row { $first }
roster-xh-twice = 学号 { $xh } already on row { $first }
roster-no-rows = { $file }: no usable roster rows
roster-no-rows-because = { $file }: no usable roster rows: { $why }

## Preflight: what a check found wrong in a rendered PDF. Lengths are in millimetres.
verify-check-file = file
verify-check-pages = pages
verify-check-photo = photo
verify-check-placement = placement
verify-check-barcode = barcode
verify-check-caption = caption
verify-check-glyph = glyph
verify-failure-file = { $check }: { $detail }
verify-failure-sheet = sheet { $sheet } ({ $barcode }): { $check }: { $detail }
verify-failure-student = sheet { $sheet } ({ $barcode }), student { $xh } { $xm }: { $check }: { $detail }
verify-not-pdf = it is not a PDF lopdf can read ({ $error })
verify-span-sheets = sheets { $first } to { $last }
verify-span-none = no sheets
verify-page-count = it has { $pages } pages, but the job puts { $span } ({ $sheets }) in it
verify-filters = its filters cannot be undone ({ $error })
verify-where = { $w } x { $h } mm at ({ $x }, { $y }) where the layout has { $lw } x { $lh } mm at ({ $lx }, { $ly })
verify-page-unreadable = its page cannot be read: { $error }
verify-page-size = its page is { $w } x { $h } mm, but the layout's paper is { $pw } x { $ph } mm
verify-no-photo = no photo is drawn in its { $w } x { $h } mm frame at ({ $x }, { $y }) mm
verify-photo-of-other = the photo in its frame at ({ $x }, { $y }) mm is that of student { $xh } { $xm }, not this student's
verify-image-unreadable = the image in its frame cannot be read: { $error }
verify-photo-altered = the image in its frame at ({ $x }, { $y }) mm ({ $encoding }, sha256 { $found }…) is not the approved photo (sha256 { $want }…) nor any other photo of the job: it was altered or re-encoded
verify-photo-skewed = the photo at ({ $x }, { $y }) mm is rotated, mirrored or skewed
verify-photo-not-clipped = the photo at ({ $x }, { $y }) mm is not clipped to its frame
verify-frame-off = its frame is { $at } ({ $off } mm off)
verify-picture-off = its picture is { $at } ({ $off } mm off)
verify-stray-image = an image the job does not place is drawn at ({ $x }, { $y }) mm, { $w } x { $h } mm
verify-text-missing = the text "{ $text }" is missing (its baseline starts at ({ $x }, { $y }) mm)
verify-text-differs = the text reads "{ $read }" where the job prints "{ $want }"
verify-glyph = in "{ $want }": { $problem }
verify-no-tounicode = code { $code } of font { $font } has no ToUnicode entry
verify-no-glyph = { $what }(code { $code }) has no glyph in the embedded font { $font }
verify-stray-text = the text "{ $text }" at ({ $x }, { $y }) mm is not on the job's sheet
verify-barcode-no-raster = barcode { $payload }: hayro cannot rasterise the page
verify-barcode-reads = the barcode at ({ $x }, { $y }) mm reads "{ $read }" where it must carry "{ $payload }"
verify-barcode-unread = the barcode at ({ $x }, { $y }) mm, which must carry "{ $payload }": { $problem }
verify-barcode-none = no barcode can be read there
verify-barcode-bad = the barcode there cannot be read ({ $error })
verify-window-too-large = a window of { $w } x { $h } mm is too large to rasterise
verify-file-unreadable = { $path } cannot be read: { $error }
verify-file-changed = { $path } has SHA-256 { $found }…, not { $want }… as recorded when the job was rendered: it was changed since
## Why a part may not be printed yet.
verify-run-again = run `gradlab job verify { $job }`
verify-unproven-never = part { $part } has not been verified ({ $again })
verify-unproven-stale = part { $part } has been rendered again since it was verified at { $at } ({ $again })
verify-unproven-failed = part { $part } failed verification at { $at }: { $first }{ $more ->
        [0] {""}
       *[other] {" "}(and { $more } more)
    }; { $again }
verify-unproven-changed = part { $part } has changed since it was verified at { $at } ({ $again })

## Workspace, store and demo.
report-bad-day = "{ $value }" is not a date like 2026-11-21
workspace-store-set-there = { $file } already exists: set the store there ([store] url); init writes it only into a new workspace
workspace-lab-set-there = { $file } already exists: change the lab's name and sender there ([lab] name, [shipping] sender_address, sender_phone); init writes them only into a new workspace
students-no-class = school { $school } has no class "{ $class }"; its classes are: { $classes }
photo-damaged-in-store = photo { $sha256 } in the shared store does not match its SHA-256: the store is damaged; run `gradlab audit verify`
store-schema-too-new = this store's schema is version { $version }, newer than this gradlab knows (version { $known }): another station runs a newer gradlab; install that version (or later) here before changing anything
store-not-gradlab = { $server }: the database has { $tables } tables but is not a gradlab store; gradlab creates its store only in an empty database (create one with `createdb`)
demo-folder-taken = { $dir } exists and is not an earlier demo; choose another folder with --dir
render-no-glyph = text "{ $text }": the bundled font has no glyph for '{ $char }' ({ $code })

## Moving a workspace's store to PostgreSQL (store migrate).
migrate-already-on-server = this workspace already keeps its store on a PostgreSQL server ([store] url in gradlab.toml); store migrate moves a workspace whose store is its own SQLite file
migrate-bad-url = --to { $url }: give the PostgreSQL store as a url, postgres://USER@HOST:PORT/DATABASE
migrate-url-password = --to: the url holds a password, and gradlab.toml never keeps one: give the url without it, and the password with --password-env NAME or --password-file FILE
migrate-settings-unwritable = { $file }: its [store] section could not be rewritten; set url = "{ $url }" there by hand, then move
migrate-audit = moved from the SQLite file { $file } to PostgreSQL server { $server }: { $rows } rows in { $tables } tables and { $photos } photos, counts and photo hashes checked
migrate-copied-settings-unwritable = the store was copied to PostgreSQL server { $server } and checked, but { $file } could not be rewritten ({ $error }): set [store] url = "{ $url }" there by hand
migrate-schema-too-new = a store's schema is version { $version }, newer than this gradlab knows (version { $known }): install the newer gradlab before moving the store
migrate-copy-differs = the copy on PostgreSQL server { $server } differs from the SQLite store, so it was rolled back and nothing was changed: { $differ }
migrate-commit-failed = PostgreSQL server { $server }: committing the copy: { $error }
migrate-target-not-empty = PostgreSQL server { $server } already holds gradlab data ({ $held }): a workspace is moved only into an empty store, so nothing was changed on either side. Give a new, empty database; or, to use that store as it is, make a new workspace with `gradlab init --store URL`
migrate-schemas-differ = the store on PostgreSQL server { $server } has no { $missing } that the SQLite store has: their schemas differ, so nothing was copied
migrate-photo-damaged = photo file { $file } does not match its name (its SHA-256): it was changed or damaged after it was imported, so nothing was moved; put the original file back (from a backup) and move again
request-fee-not-number = --fee "{ $fee }" is not a number of yuan

## Importing a batch.
batch-different-photo = a different photo is already stored for this code (batch { $batch }); import with --replace to replace it (the old photo is kept in history)
batch-audit-replaced = photo replaced by batch { $batch } from { $file } ({ $sha256 })
batch-audit-import = { $stored } stored ({ $replaced } replaced), { $skipped } skipped, { $refused } refused, from { $source }
batch-file-twice = more than one file in the batch is named "{ $name }"
batch-file-missing = photo file "{ $file }" named by the table is not in the batch
batch-no-photo = no photo found: looked for { $cjm }.jpg and { $xh }.jpg (any case, .jpeg too)
print-already-sent = already sent to { $printer } at { $at } ({ $state }); use --force to send it again
settings-store-password = the store's password
print-outcome-sent = sent
print-outcome-skipped = skipped
