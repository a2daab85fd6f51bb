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
reprint-no-printer-in-window = job { $job } was never sent to a printer; choose one in the reprint's printer list
reprint-needs-reason-in-window = write in the reason field why the sheet is printed again (jammed, damaged, ...)
request-which-student-in-window = say which student: 学号, 采集码, or the ID number's last 4 with the masked name
request-reject-needs-reason-in-window = write in the rejection reason field why the request is rejected
walkin-not-printed-in-window = the walk-in of { $cjm } (学号 { $xh }) is stored in batch { $batch } and job { $job } is made and rendered, but printing failed: { $error }; choose job { $job } under 作业与打印, choose a printer and press 打印
reprint-corrected-in-window = job { $job } was made before these corrections to students on the sheets to reprint: { $corrections }. A reprint of the sheet would print the old values again. Under 作业与打印, tick 只印勘误后待补印的学生 and create a job for school { $school }
correction-none-needed-in-window = school { $school } has no students needing a reprint: no correction (勘误) has been applied to a printed student since the last reprint job (see 管理员 → 勘误)
