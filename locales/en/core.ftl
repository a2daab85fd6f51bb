# gradlab's messages in English. Every key here is in locales/zh-CN/ too, with the same arguments
# (a test checks). A key, with _ for -, is the code `--json` gives beside the text.

## What kind of barcode a code is

kind-job = job
kind-sheet = sheet
kind-packet = packet
kind-shipment = shipment
kind-student-print = student print

## Reading a typed or scanned id

id-not-ours = "{ $code }" is not a gradlab code (it should start with J, S, P, H or T)
id-not-of-kind = "{ $code }" is not a gradlab { $kind } code
id-wrong-check = "{ $code }": wrong check character; the code was mistyped or misread
id-too-large = "{ $code }": number too large
id-other-kind = "{ $code }" is a { $kind } code, not a { $wanted } code
id-not-lettered = "{ $code }" is not { $what } (like { $example })
id-what-request = a request id
id-what-ecopy = an electronic-copy request id

## Shipments

shipment-state-open = open
shipment-state-sealed = sealed
shipment-state-shipped = shipped
shipment-state-delivered = delivered
shipment-state-returned = returned
shipment-can-seal = be sealed (shipment seal)
shipment-can-ship = be shipped (shipment ship)
shipment-can-deliver = be marked delivered (shipment deliver)
shipment-can-return = be marked returned (shipment return)
shipment-can-add-packet = take more packets (scan them)
shipment-can-attach-tracking = have its tracking number attached (scan the courier's label)
shipment-cannot-seal = it cannot be sealed
shipment-cannot-ship = it cannot be shipped
shipment-cannot-deliver = it cannot be marked delivered
shipment-cannot-return = it cannot be marked returned
shipment-cannot-add-packet = no packet can be added
shipment-cannot-attach-tracking = no tracking number can be attached
shipment-refused-final = shipment is { $state }: nothing more can happen to it, so { $refused }
shipment-refused-one = shipment is { $state }: it can { $allowed }, but { $refused }
shipment-refused-some = shipment is { $state }: it can { $allowed } or { $last }, but { $refused }

## Tracking numbers

tracking-empty = the tracking number is empty
tracking-formats-upu = UPU S10 numbers are two letters, 8 digits, a check digit and a two-letter country, e.g. RR123456785CN
tracking-formats-ems = EMS numbers are 13 digits
tracking-formats-sf = SF numbers are SF and 13 digits, or 12 digits
tracking-formats-other = other couriers' numbers are 6 to 40 letters, digits or '-'
tracking-numbers-upu = a UPU S10 number
tracking-numbers-ems = an EMS number
tracking-numbers-sf = an SF number
tracking-numbers-other = another courier's number
tracking-not-a-number = { $number } is not a tracking number: { $formats }
tracking-not-of-carrier = { $number } is not { $numbers }: { $formats }
tracking-unknown = { $number } is not a tracking number we know: { $formats } (give carrier other for another courier)
tracking-other-carrier = { $number } is not { $numbers } but { $found } ({ $formats })
tracking-check-digit = { $number } has check digit { $got } but its serial { $serial } gives { $expected }: a digit is mistyped or misread

## A mailroom scan

scan-nothing = nothing was scanned
scan-wrong-kind = { $code } is a { $kind } barcode; scan a packet or a shipment barcode
scan-again = { $problem }; scan it again
scan-unknown = { $code } is neither a gradlab barcode nor a tracking number we know (use --carrier other)
scan-no-open-shipment = no open shipment at station { $station }: scan the shipment's barcode first
scan-packet-not-added = { $code } not added: shipment { $shipment }: { $why }
scan-no-such-packet = { $code }: no such packet in this workspace
scan-wrong-school = WRONG SCHOOL: packet { $code } ({ $class }) is for school { $school }; shipment { $shipment } goes to school { $to }
scan-not-printed = packet { $code }: its job { $job } is not printed yet (not every part has completed)
scan-packet-elsewhere = packet { $code } is already in shipment { $shipment } ({ $state })
scan-packet-already-packed = packet { $code } { $class } ({ $students ->
    [one] 1 student
   *[other] { $students } students
    }) already packed: { $done } of { $all } scanned
scan-packet-packed = packet { $code } { $class } ({ $students ->
    [one] 1 student
   *[other] { $students } students
    }) packed: { $done } of { $all } scanned
scan-packet-added = packet { $code } { $class } ({ $students ->
    [one] 1 student
   *[other] { $students } students
    }) added and packed: { $done } of { $all } scanned
scan-no-such-shipment = { $code }: no such shipment in this workspace
scan-shipment-is = shipment { $code } to school { $school } is { $state }
scan-shipment-complete = shipment { $code } to school { $school } is { $state }; all { $all ->
    [one] 1 packet
   *[other] { $all } packets
    } scanned
scan-shipment-missing = shipment { $code } to school { $school } is { $state }; { $missing } of { $all ->
    [one] 1 packet
   *[other] { $all } packets
    } missing: { $codes }
scan-tracking-refused = tracking number { $code }: { $why }
scan-tracking-no-shipment = no open shipment at this station: scan the shipment's barcode first
scan-tracking-state = shipment { $shipment }: { $why }
scan-tracking-not-changed = shipment { $shipment } not changed: { $why }
scan-tracking-shipped = shipment { $shipment } shipped: { $number }
scan-tracking-attached = tracking { $number } attached to open shipment { $shipment } ({ $scanned } of { $all ->
    [one] 1 packet
   *[other] { $all } packets
    } scanned); it ships when the shipment is sealed

## Whole-program words

error-line = error: { $message }
error-cancelled = cancelled by the operator; nothing was changed
error-no-workspace = no gradlab workspace at { $path }: create one with `gradlab init` (or choose another with --workspace DIR or GRADLAB_HOME)

## A shared store that does not answer

store-lost = lost the connection to PostgreSQL server { $server } ({ $detail }): nothing of this action was stored; do it again once the server answers
store-unreachable = PostgreSQL server { $server }: { $detail }
window-store-lost = The connection to database server { $server } was lost: nothing of the last action was stored. The window keeps trying; once the server answers it reads everything again, then do the last action again.
window-store-unreachable = Cannot reach database server { $server } ({ $detail }). The window keeps trying and reads everything again once the server answers.

## Files that are not what they should be

file-png = a PNG image
file-gif = a GIF image
file-bmp = a BMP image
file-webp = a WebP image
file-tiff = a TIFF image
file-pdf = a PDF document
file-zip = a zip archive
file-unknown = not an image this program knows

## Checking a photo against the standard

photo-truncated = the file is cut short before the JPEG end marker (truncated)
photo-bad-marker = damaged JPEG: expected a marker at byte { $at }
photo-empty = the photo file is empty
photo-not-jpeg = not a JPEG: the file is { $kind }
photo-greyscale = greyscale JPEG (1 colour component); the standard requires 24-bit colour
photo-cmyk = CMYK JPEG (4 colour components); the standard requires 24-bit RGB colour
photo-no-frame = damaged JPEG: no frame header
photo-components = JPEG with { $n } colour components; the standard requires 3
photo-size = { $width }x{ $height } pixels; the standard requires { $want_width }x{ $want_height } (width x height)
photo-rotated = EXIF orientation is { $orientation } (rotated or mirrored); the standard forbids rotation, so the photo must be upright as stored
photo-undecodable = the JPEG does not decode completely: { $detail }
photo-file-size = file size { $kb } KB is outside the usual 20-40 KB
density-dpi = dpi
density-dpcm = dots/cm
density-no-unit = (no unit, aspect ratio only)
photo-density = density is { $x }x{ $y } { $unit }; the standard asks for 300 dpi
photo-no-density = no JFIF density; the standard asks for 300 dpi
photo-quality = JPEG quality factor about { $quality }; the standard asks for at least 60

## Importing a batch

import-already-stored = already stored with this photo
import-same-photo-other-data = same photo already stored, but the row's data differ ({ $differences }); nothing changed: use a correction to change stored data
import-photo-also-for = the same photo bytes are also stored for { $codes }: possible wrong photo
import-number-also-for = 学号 { $xh } of school { $school } also has collection code { $codes }
import-seq-not-a-number = 拍摄序号 "{ $seq }" is not a number; ignored
import-cjm-twice = collection code already on row { $first } of this table
import-photo-without-row = photo has no row in the data table; not imported

## A reprint request's history

request-kind-lost = lost
request-kind-missing = missing
request-kind-damaged = damaged
audit-request-add-student = { $kind } request from the student, school { $school } ({ $source })
audit-request-add-school = { $kind } request from school { $school } ({ $source })
audit-request-matched-auto = matched to 学号 { $xh } ({ $cjm }) automatically
audit-request-matched-by-hand = matched to 学号 { $xh } ({ $cjm }) by hand
audit-request-fee = fee { $yuan } yuan
audit-request-rejected = { $reason }
audit-request-reprint-job = reprint job { $job }; print it with job print
audit-request-packed = packed in shipment { $shipment }; shipped when it leaves
audit-request-closed-by-hand = closed by hand
audit-request-job-printed = job { $job } printed
audit-request-shipment-left = shipment { $shipment } left the lab
audit-request-shipment-returned = shipment { $shipment } came back; ship the reprint again
audit-request-shipment-delivered = shipment { $shipment } delivered
action-request-add = request added
action-request-match = matched
action-request-approve = approved
action-request-reject = rejected
action-request-print = reprint made
action-request-printed = printed
action-request-ship = packed
action-request-shipped = shipped
action-request-returned = returned
action-request-close = closed
action-request-closed = delivered, closed
audit-request-unpacked = its packets were left out of shipment { $shipment } when it was sealed
action-request-unpacked = left out of the shipment
source-command-line = command line
source-window = the window at station { $station }
source-table-row = { $file } row { $row }

## What a hot folder printer says

hot-folder-waiting = in the hot folder, waiting for the RIP
hot-folder-taken = the RIP has taken the file
hot-folder-taken-some = the RIP has taken { $taken } of { $all } copies
hot-folder-removed = removed from the hot folder
hot-folder-found = found in the hot folder
hot-folder-interrupted = interrupted after { $handed } of { $all } copies were handed over

## A job's stage

job-stage-made = made
job-stage-rendered = rendered { $parts ->
        [one] 1 part
       *[other] { $parts } parts
    }
job-stage-printing = printing { $done }/{ $parts } parts completed
job-stage-printed = printed
job-stage-packed = packed { $done }/{ $packets } packets
job-stage-shipped = shipped { $done }/{ $packets } packets
job-stage-delivered = delivered

## A reprint request's status and next step

request-status-received = received
request-status-matched = matched
request-status-approved = approved
request-status-printing = printing
request-status-printed = printed
request-status-shipped = shipped
request-status-closed = closed
request-status-rejected = rejected
request-next-received = match it to a student (request match)
request-next-matched = approve it (request approve) or reject it
request-next-approved = make its reprint job (request print) or reject it
request-next-printing = print its reprint job (job print); it is printed once every part has completed
request-next-printed = ship it (request ship); it is shipped when that shipment leaves
request-next-shipped = wait for delivery, which closes it (or close it by hand: request close)
request-next-finished = nothing: it is finished
request-step-refused = the request is { $status }; the next step is to { $next }
request-refused = request { $request }: { $why }
shipment-refused = shipment { $shipment }: { $why }
scan-line-accepted = OK: { $message }
scan-line-confirmed = OK (already): { $message }
scan-line-refused = REFUSED: { $message }
scan-line-shown = { $message }

## Stations and operators

operator-empty = give the operator's name
operator-bad-name = "{ $name }" cannot be an operator's name: at most { $longest } characters, no control characters

## The photo check (照片规格检查): a measure outside the standard, or one that could not be made.
colour-blue = light blue
colour-white = white
colour-grey = grey
photo-check-finding = photo check: { $what }
photo-head-top = head top { $px } px from the top edge; the standard wants { $from }-{ $to } px
photo-eye-line = eyes { $px } px from the top edge; the standard wants { $from }-{ $to } px
photo-face-width = face { $px } px wide; the standard wants { $from }-{ $to } px
photo-centre = face centre { $px } px { $side } of the middle; the standard wants it centred (within { $allowed } px)
photo-tilt = head tilted { $degrees }° { $way }; the standard wants it level (within { $allowed }°)
photo-background-colour = background { $rgb } is not a standard colour: light blue RGB(100,197,255), white RGB(255,255,255) or grey RGB(240,240,240)
photo-background-not-required = background is { $found } { $rgb }; this school requires { $required } { $required_rgb }
photo-background-uneven = background is uneven (its patches differ by { $spread }); the standard wants one even colour (at most { $allowed })
photo-no-face = cannot judge (无法判断): no face found
photo-head-top-unsure = cannot judge (无法判断) the head top: no clear edge between hair and background
photo-face-width-unsure = cannot judge (无法判断) the face width: the cheeks do not stand out from hair or background
photo-tilt-unsure = cannot judge (无法判断) the tilt: pupils not found (glare on glasses, or eyes closed)
photo-background-unsure = cannot judge (无法判断) the background: too little of it shows

## Reading a data table (roster, batch data table, request or correction table).
table-roster-columns = columns such as 学号 (xh), 采集码 (cjm), 姓名 (xm), 班级 (bh)
table-no-header = { $file }: no header row found in its first 30 rows; expected { $expected }
table-column-twice = { $file } row { $row }: column "{ $column }" appears twice (columns { $first } and { $second })
table-csv-no-sheets = { $file }: a CSV file has no sheets; leave out --sheet
table-unknown-kind = { $file }: not a table this program reads (CSV, xlsx, xls or ods)
table-bad-bom = { $file }: starts with a { $encoding } byte-order mark but is not valid { $encoding }
table-unknown-encoding = { $file }: text is neither UTF-8 nor GBK/GB18030
table-bad-csv = { $file } line { $line }: not readable as CSV: { $error }
table-unreadable = { $file }: not a readable spreadsheet: { $error }
table-not-spreadsheet = { $file }: not a readable spreadsheet (neither xlsx, xls nor ods inside)
table-no-workbook = { $file }: not a readable spreadsheet: no workbook inside
table-sheet-unreadable = { $file } sheet "{ $sheet }": cannot be read: { $error }
table-no-such-sheet = { $file }: no sheet named "{ $sheet }"; its sheets are { $sheets }
table-no-sheets = { $file }: the workbook has no sheets
table-sheet = { $file } sheet { $sheet }
table-sheet-named = { $file } sheet "{ $sheet }"
bounds-photo-too-big = photo is { $size }, over the { $max } a photo may be (the standard's photos are 20-40 KB); not read
bounds-part-too-big = { $file }: its part "{ $part }" unpacks to { $size }, over the { $max } limit; refused
bounds-part-ratio = { $file }: its part "{ $part }" unpacks { $ratio } times larger than it is packed ({ $size } from { $packed } bytes); a spreadsheet does not compress so far, refused
bounds-rows = { $table }: has a cell on row { $row }, past the { $max } rows a table may have; refused
bounds-columns = { $table }: has a cell in column { $column } ({ $letter }), past the { $max } columns a table may have; refused
bounds-cells = { $table }: spans { $rows } rows by { $columns } columns, more than the { $max } cells a table may have; refused
bounds-workbook-too-big = { $file }: its workbook is { $size }, refused

## Printers: reaching them, what they refuse, and what they cannot print at exact size.
print-unreachable = cannot reach the printer at { $target }: { $reason }
print-refused = the printer at { $target } refused { $what }: { $reason }
print-unsupported = the printer at { $target } cannot print this at exact size: { $reason }
print-bad-address = "{ $address }" is not a printer address: { $error }
print-address-credentials = { $address }: the address carries a user name or password; gradlab never stores credentials, give the printer's address without them
print-address-scheme = "{ $address }" is not an ipp://, ipps://, http:// or https:// printer address
print-what-new-jobs = new jobs
print-not-accepting = the printer is not accepting jobs
print-state-idle = idle
print-state-printing = printing
print-state-stopped = stopped
print-state-unknown = state unknown
print-busy-retry = { $error }; trying again in { $seconds } s
hot-folder-target = hot folder { $dir }
hot-folder-missing = the folder does not exist (is the RIP's share mounted?)
hot-folder-not-writable = cannot write there: { $error }
hot-folder-writable = folder is writable
hot-folder-exists = { $file } already exists; it was not overwritten
hot-folder-writing = writing { $file }: { $error }
hot-folder-removing = removing { $file }: { $error }
hot-folder-what-cancel = the cancel
hot-folder-cancel-too-late = the RIP had already taken { $taken } of { $files } files
paper-no-scaling-reported = it does not support print-scaling=none (it reports no print-scaling-supported), so it may shrink or enlarge pages
paper-no-scaling-none = it does not support print-scaling=none (print-scaling-supported: { $supported }), so it may shrink or enlarge pages
paper-no-size = it supports no paper of { $w } x { $h } mm, the layout's (media-supported: { $media })
paper-tight-edge = { $mm } mm from the { $side } edge where it leaves { $edge } mm
paper-no-borderless = the page prints { $tight }, and the printer cannot print borderless (no 0 in media-*-margin-supported)
paper-no-media-col = it does not take { $member } in media-col, which printing this paper at exact size needs

## A student's fields as a data table or a collection code gives them.
student-missing = missing { $fields }
student-bad-field = { $field }: { $error }
student-unmasked-name = xm (姓名) carried an unmasked name; stored masked as { $xm }
student-bad-timestamp = sjc (时间戳) "{ $value }" is not a millisecond timestamp
student-bad-sjc = sjc (时间戳) "{ $value }" is neither a timestamp nor a date-time
student-not-found = no student with collection code { $cjm }
correction-field-fixed = { $field } cannot be corrected
text-control-character = { $what } { $value } holds the control character { $code } at character { $at }; refused
id-check-character = ID number ending { $last4 } fails its GB 11643 check character: possibly mistyped
id-non-digits = ID number ending { $last4 } has non-digits in its first 17 characters
school-already-registered = school { $school } is already registered
photo-not-in-store = photo { $sha256 } is not in the store
correction-unknown-field = unknown field "{ $field }"; the fields a correction may change are { $allowed }
correction-not-on-strip = { $field } is not printed on the strip and cannot be corrected; the fields a correction may change are { $allowed }
correction-value-empty = the new { $field } is empty
correction-value-control = the new { $field } "{ $value }" contains a line break or control character
correction-full-name = the new xm (姓名) "{ $value }" is a full name; a strip shows only the masked name as CHSI sends it, here { $masked }
correction-bad-mask = the new xm (姓名) "{ $value }" is not a masked name; write it as CHSI masks it: first character, *, last character (张*三, or 李* for a two-character name)
carrier-auto = recognise from the number
carrier-upu = China Post registered
carrier-ems = EMS
carrier-sf = SF Express
carrier-other = other carrier

## Stages of long work, as the progress bar and the window's task line name them.
stage-making-photos = making photos
stage-storing = storing
stage-rendering = rendering
stage-verifying = verifying
stage-packaging = packaging
stage-sending-email = sending e-mail
stage-sending-to = sending to { $printer }
stage-copying-tables = copying tables
stage-copying-photos = copying photos
stage-checking-copy = checking the copy
stage-fetching-photos = fetching photos from the shared store
stage-checking-photos = checking photos
error-database = database: { $error }
error-disk-full = the disk is full: { $file } could not be written. Free some space on that disk and run it again
error-file-too-large = { $file } could not be written: it would pass the largest file this process may write (ulimit -f)
error-database-io = the store ({ $file }) could not be read or written (SQLite error { $code }): the disk under it may be full or failing. Free some space on that disk and run it again
error-printer = printer { $printer }: { $error }
finding-row = row { $row }
finding-photo = photo { $photo }
finding-line = { $at }: { $reason }
import-link-not-read = a symbolic link, not read: a batch folder holds the photo files themselves
