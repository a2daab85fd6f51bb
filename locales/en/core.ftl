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
