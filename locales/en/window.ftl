# The desktop window's own messages.

## Walk-ins (technician -> walk-ins)
gui-walkin-code-empty = Scan the collection code first (the scanner presses Enter by itself), or choose a picture of its QR code.
gui-walkin-not-a-code = What was scanned is not a collection code: a collection code is the data in a CHSI collection-code QR code (with the school code, student number, name, class and more). Scan the student's collection code again, or choose a picture of it.
gui-walkin-code-missing = The collection code is missing fields: { $fields }. Ask the student to make a new collection code and scan it again.
gui-walkin-code-invalid = The collection code has a bad field: { $detail }
gui-walkin-code-picture = No collection code could be read from the picture { $file }: { $error }
gui-walkin-student = student number { $xh }, name { $xm }, class { $bh }, school { $school }, { $cc } { $xllb }, collection code { $cjm }
gui-walkin-stored-new = the photo is stored in a new batch { $batch }
gui-walkin-stored-replaced = the photo stored before was replaced (batch { $batch }; the old one stays in history)
gui-walkin-stored-already = the same photo was stored before (batch { $batch })
gui-walkin-done = { $xh } { $xm }: { $stored }; laid out as job { $job }. Check the preview on the right, then choose a printer and print.
gui-walkin-photo-ok = Photo check: nothing found.
gui-walkin-photo-unchecked = Photo check: its result shows here after "check and lay out".
gui-walkin-preview = Preview of job { $job }
gui-walkin-printed = Job { $job } was sent to printer { $printer } ({ $status }).
gui-walkin-already-printed = Job { $job } was sent to printer { $printer } before and was not sent again; to print it again, tick "send again" on the jobs page.
gui-walkin-no-printer = No printer: add one on the printers page first.
gui-walkin-need-code = Read a valid collection code first.
gui-walkin-need-photo = Choose the student's photo (.jpg) first.
gui-walkin-choose-code = Walk-in: choose a picture of the collection code's QR code
gui-walkin-choose-photo = Walk-in: choose the student's photo (.jpg)
gui-walkin-next = Ready for the next student: scan a collection code.

## Printers (technician -> printers)
gui-printers-not-a-number = { $field } must be a number, such as -1.5; it is "{ $text }".
gui-printers-calibration-help = Calibration: print the calibration sheet, then measure on it the centre crosshair's distance X from the left edge and Y from the top edge (nominal { $cx } mm and { $cy } mm) and the square's real width W (its nominal side is printed inside it, 100 or 50 mm). New offset x = { $ox } + ({ $cx } − X); new offset y = { $oy } + ({ $cy } − Y); new scale = { $scale } × nominal side ÷ W. Enter the three new values below, save, and print another sheet to check.
gui-printers-added = Printer { $name } was added.
gui-printers-added-unasked = Printer { $name } was added, but it could not be asked what paper it supports: { $error }
gui-printers-saved = The correction of printer { $name } is saved: offset x { $ox } mm, offset y { $oy } mm, scale { $scale }%.
gui-printers-removed = Printer { $name } is no longer in use (what was sent to it stays on record).
gui-printers-test-sent = The calibration sheet was sent to printer { $name } ({ $state }), file { $file }. Measure it, then enter the new correction as described below.
gui-printers-need-name = Enter the printer's name first.
gui-printers-need-ipp = Enter an IPP address such as ipp://host:631/ipp/print; for a RIP's hot folder use "choose a hot folder and add".
gui-printers-need-selection = Choose a printer in the table first.
gui-printers-choose-folder = Printer { $name }: choose the hot folder the RIP watches

## A service's hint as the window says it: the service message's key with -in-window, the same
## arguments. The window shows this one and the command line the original, so a hint names
## the window's control, not a command-line flag.

shipment-packets-missing-in-window = shipment { $shipment }: { $missing } of { $expected } packets not scanned yet: { $codes }; scan them, or write the reason in the reason field and press 强制封箱 to seal without them
shipment-force-needs-reason-in-window = before 强制封箱, write in the reason field why the shipment leaves without those packets
shipment-return-needs-reason-in-window = before 退回, write in the reason field why the shipment came back
shipment-needs-tracking-in-window = shipment { $shipment }: scan the courier's label, or type its number in the tracking number field and press 登记单号并发运
shipment-school-no-address-in-window = school { $school } has no postal address; fill it in under 管理员 → 院校与地址 and save
shipment-to-needs-recipient-in-window = a shipment to one person needs the recipient's name
scan-unknown-in-window = { $code } is neither a gradlab barcode nor a tracking number we know (another courier: type the number in the tracking number field and choose 其他快递)
printer-unproven-in-window = job { $job } is not printed: { $reasons }. To print it anyway, tick 重新发送 and press 打印 (recorded in the audit log)
verify-run-again-in-window = select job { $job } and press 校验
batch-unknown-schools-in-window = { $file } ({ $table }): the batch is refused whole: rows belong to schools that are not registered: { $schools }. Correct the code in the data table, or register the new school first under Administrator → Schools
batch-different-photo-in-window = a different photo is already stored for this code (batch { $batch }); to replace it, tick "Replace differing stored photos" and import again (the old photo is kept in history)
request-fee-not-number-in-window = the fee "{ $fee }" is not a number of yuan
reprint-no-printer-in-window = job { $job } was never sent to a printer; choose one in the reprint's printer list
reprint-needs-reason-in-window = write in the reason field why the sheet is printed again (jammed, damaged, ...)
request-which-student-in-window = say which student: 学号, 采集码, or the ID number's last 4 with the masked name
request-reject-needs-reason-in-window = write in the rejection reason field why the request is rejected
walkin-not-printed-in-window = the walk-in of { $cjm } (学号 { $xh }) is stored in batch { $batch } and job { $job } is made and rendered, but printing failed: { $error }; choose job { $job } under 作业与打印, choose a printer and press 打印
reprint-corrected-in-window = job { $job } was made before these corrections to students on the sheets to reprint: { $corrections }. A reprint of the sheet would print the old values again. Under 作业与打印, tick 只印勘误后待补印的学生 and create a job for school { $school }
correction-none-needed-in-window = school { $school } has no students needing a reprint: no correction (勘误) has been applied to a printed student since the last reprint job (see 管理员 → 勘误)

## Short words in the window's tables and the mailroom's verdict banner.
window-yes = yes
window-no = no
window-unverified = not verified
window-verified-stale = rendered again, not verified
window-verified = verified
window-verify-failed = failed verification
verdict-refused = REFUSED
verdict-shipped = SHIPPED
verdict-tracking = TRACKING NUMBER RECORDED
verdict-accepted = ACCEPTED
verdict-confirmed = ALREADY IN THE BOX
verdict-shipment = SHIPMENT
verdict-recorded = RECORDED
verdict-error = ERROR

## Window rows and details (gui/model)
row-roster-summary = Roster { $source } ({ $rows ->
        [one] 1 row
       *[other] { $rows } rows
    }, imported { $at })
row-no-roster = No roster (sorted by class, shot number and student number)
row-not-recorded = not recorded
row-school-detail = { $students ->
        [one] 1 student
       *[other] { $students } students
    }, { $classes ->
        [one] 1 class
       *[other] { $classes } classes
    }. Address: { $address }; contact: { $contact } { $phone }. { $roster }
row-batch-summary = Batch { $source }: { $accepted } accepted, { $skipped } already stored, { $rejected } refused, { $warnings ->
        [one] 1 warning
       *[other] { $warnings } warnings
    }
row-batch-stored = { $summary } (batch { $id })
row-batch-not-stored = { $summary }. No photo was stored
row-kind-rejected = refused
row-kind-warning = warning
row-kind-cannot-judge = cannot judge
row-kind-skipped = already stored
row-kind-accepted = accepted
row-photo-replaced = replaced the old photo (the old one stays in history)
row-roster-report = Roster { $file } (school { $school }): { $rows ->
        [one] 1 row
       *[other] { $rows } rows
    }, { $matched } with a photo (roster { $id })
row-kind-name-mismatch = name differs
row-name-mismatch = the roster's name { $roster } does not match the photo data's { $photo }; the photo may be wrong
row-kind-no-photo = no photo
row-no-photo = on the roster, but the batch has no photo
row-kind-not-on-roster = not on roster
row-not-on-roster = { $class }: printed after the roster
row-job-printed = , printed { $at }
row-job-title = Job { $job }  { $school } { $name }  layout { $layout }  { $students ->
        [one] 1 student
       *[other] { $students } students
    }, { $sheets ->
        [one] 1 sheet
       *[other] { $sheets } sheets
    }{ $printed }
row-part-not-sent = not sent
row-part-reprint = reprint
row-shipment-title = Shipment { $shipment } → { $school } { $name }
row-shipment-recipient = Recipient { $name }, { $address }, { $contact } { $phone }; { $students ->
        [one] 1 student
       *[other] { $students } students
    } in all.
row-shipment-tracking = { " " }Tracking number { $carrier } { $tracking }.
row-shipment-seal-reason = { " " }Sealed with packets missing because: { $reason }.
row-shipment-missing = { " " }Not scanned: { $codes }.
row-scanned-at = yes, { $at }
row-not-scanned = no
row-unmatched = not matched: { $given }
row-request-title = Request { $id }: { $kind }, school { $school }
row-request-given = Requested by { $requester }; given: student number { $xh }, collection code { $cjm }, ID last 4 { $last4 }, name { $name }
row-request-student = Student: { $xh } { $xm } { $bh } ({ $cjm })
row-request-contact = Contact: { $contact }
row-request-note = Note: { $note }
row-request-fee = Fee: { $fee } yuan
row-request-reject-reason = Rejected because: { $reason }
row-request-reprint-shipped = Reprint job { $job }, shipment { $shipment }
row-reprint-job = Reprint job { $job }
row-request-times = Source { $source }; registered { $created }; updated { $updated }
row-request-warning = Note: { $warning }
row-operator-at = { $operator } ({ $station })
row-awaiting-reprint = awaiting reprint
row-due-promise = Promise: sent { $days ->
        [one] 1 working day
       *[other] { $days } working days
    } after collection; reprints and corrections { $reprint_days ->
        [one] 1 working day
       *[other] { $reprint_days } working days
    } after the request.
row-due-calendar-missing = { " " }The holiday calendar lacks { $years }; those years count weekends only.
row-due-nothing = { " " }Nothing is overdue or due within a week.
row-due-job = Job { $job }
row-due-not-in-a-job = { $students ->
        [one] 1 student
       *[other] { $students } students
    } in no job yet
row-due-request = Reprint request { $request }
row-due-correction-job = Correction reprint { $job }
row-due-corrections = { $corrections ->
        [one] 1 correction
       *[other] { $corrections } corrections
    } awaiting reprint
row-due-overdue = { $days ->
        [one] 1 working day
       *[other] { $days } working days
    } late
row-due-no-job-yet = not in a job yet
row-due-awaiting-correction-job = awaiting a reprint job
row-comma = { ", " }
row-list-sep = { ", " }
row-done-match = student matched
row-done-approve = approved
row-done-reject = rejected
row-done-print = reprint job made
row-done-ship = shipment arranged
row-done-close = closed
row-done-other = done
row-printer-hot-folder = hot folder
row-printer-default-media = { $media } (default)
