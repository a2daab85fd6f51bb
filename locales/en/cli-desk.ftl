# The command line's own reports at the desks: printing, verifying, shipping, scans, requests, corrections, e-copies, walk-ins (cli/*.rs but mod.rs and commands.rs).

## Shared pieces
desk-warning = warning: { $warning }
desk-warnings = warnings
desk-refused = refused
desk-nothing-changed = nothing was changed
desk-count-students = { $students ->
        [one] { $students } student
       *[other] { $students } students
    }
desk-part = part { $part }
desk-reprint = reprint
desk-reprint-n = reprint { $reprint }
desk-job-n = job { $job }
desk-printer-job = printer job { $id }
desk-printer-job-paren = {""} (printer job { $id })
desk-printer-job-comma = , printer job { $id }
desk-not-sent = not sent
desk-cannot-write-stdout = error: cannot write to standard output: { $error }
desk-cannot-write-json = error: cannot write JSON: { $error }

## Table headings
desk-col-shipment = shipment
desk-col-school = school
desk-col-recipient = recipient
desk-col-state = state
desk-col-scanned = scanned
desk-col-tracking = tracking
desk-col-created = created
desk-col-work = work
desk-col-since = since
desk-col-due = due
desk-col-left = left
desk-col-status = status
desk-col-name = name
desk-col-imported = imported
desk-col-printed = printed
desk-col-packed = packed
desk-col-shipped = shipped
desk-col-delivered = delivered
desk-col-open-requests = open requests
desk-col-printed-at = printed at
desk-col-packed-at = packed at
desk-col-printer = printer
desk-col-kind = kind
desk-col-address = address
desk-col-offset-x = offset x mm
desk-col-offset-y = offset y mm
desk-col-scale = scale
desk-col-media = media
desk-col-request = request
desk-col-to = to
desk-col-letter = letter
desk-col-students = students
desk-col-accepted = accepted
desk-col-id = id
desk-col-field = field
desk-col-old-new = old -> new
desk-col-source = source
desk-col-by = by
desk-col-at = at
desk-col-reprint = reprint
desk-col-student = student
desk-col-from = from
desk-col-received = received

## Shipments and scans (shipping.rs)
desk-shipment-title = shipment { $shipment }  { $state }  to { $school } { $name }
desk-shipment-recipient = recipient: { $name }  { $address }  { $contact } { $phone }
desk-shipment-tracking = tracking:  { $carrier } { $tracking }
desk-shipment-packets = packets:   { $scanned } of { $expected } scanned, { $students ->
        [one] { $students } student
       *[other] { $students } students
    }
desk-shipment-missing = missing:   { $codes }
desk-shipment-opened = shipment { $shipment } to { $school } { $name }: { $packets ->
        [one] { $packets } packet
       *[other] { $packets } packets
    } expected
desk-file-sent = { $file } sent to { $printer }{ $job }: { $state } { $message }

## Due report and school counts (shipping.rs)
desk-due-header = as of { $today }: promise { $days } working days from collection; reprints and corrections { $reprint_days } from the day they came
desk-due-calendar-missing = warning: the holiday calendar has no entry for { $years }; weekends only there
desk-due-not-in-a-job = students in no job
desk-due-corrections = corrections
desk-due-reprint-job = reprint job { $job }
desk-due-correction-job = correction job { $job }
desk-due-job = job { $job }
desk-due-request = request { $request }
desk-due-days-left = { $days ->
        [one] { $days } working day
       *[other] { $days } working days
    }
desk-due-overdue = overdue { $days ->
        [one] { $days } working day
       *[other] { $days } working days
    }

## Printers and printing (printing.rs)
desk-printer-removed = printer { $printer } is no longer used; what was sent through it stays on record
desk-calibration-sent = calibration sheet sent to { $printer }{ $job }: { $state } { $message }
desk-sent-exact-size = sent at exact size: { $how }
desk-calibration-next = measure it, then enter the correction with `gradlab printer set { $printer } --offset-x MM --offset-y MM --scale PCT`
desk-printer-supports = the printer supports { $what }
desk-printer-supports-unknown = could not ask the printer what it supports: { $error }
desk-exact-hot-folder = as the hot folder's RIP prints it
desk-exact-ipp = print-scaling none, { $media }{ $borderless ->
        [yes] , borderless
       *[no] {""}
    }
desk-media-size = media size { $x } x { $y } mm
desk-print-title = job { $job } to printer { $printer } ({ $status }), { $copies ->
        [one] { $copies } copy
       *[other] { $copies } copies
    } each:
desk-print-exact-size = at exact size: { $how }
desk-print-part = { $what } (sheets { $sheets }): { $outcome }{ $job }, { $state }
desk-print-summary = { $sent ->
        [one] { $sent } part
       *[other] { $sent } parts
    } sent, { $skipped } skipped
desk-dispatch-line = D{ $dispatch } { $what } on { $printer }{ $job }: { $state }
desk-could-not-ask = could not ask: { $error }
desk-job-status = job { $job }: { $status }
desk-job-printed = printed (all parts completed; { $at })
desk-job-not-printed = not printed yet
desk-job-part-line = part { $part } (sheets { $first }-{ $last }): { $state }
desk-reprint-sent = job { $job } reprint { $reprint }: sheets { $sheets } sent to { $printer } ({ $state }{ $printer_job })

## Electronic copies (ecopy.rs)
desk-ecopy-part-failed = error: part { $part }/{ $parts } of request { $request } { $what }: { $reply }
desk-ecopy-request-made = request { $request }: { $students ->
        [one] { $students } student
       *[other] { $students } students
    } of { $school } { $name } to { $to }, named { $naming }
desk-ecopy-without-full-name = { $students ->
        [one] { $students } student has
       *[other] { $students } students have
    } no full name on the school's roster and will be named 学号.jpg: { $names }
desk-ecopy-renamed = 学号 used twice, files named <name>-<采集码>.jpg: { $names }
desk-ecopy-log-part = part { $part }/{ $parts }  { $state }  { $photos ->
        [one] { $photos } photo
       *[other] { $photos } photos
    }  { $bytes } bytes  tries { $tries }  { $message_id }  { $reply }
desk-ecopy-send-title = request { $request } to { $to } ({ $school } { $name }): { $students ->
        [one] { $students } student
       *[other] { $students } students
    }
desk-ecopy-skipped = accepted before, not sent again (--resend to send it again)
desk-ecopy-not-sent-because = not sent: { $reply }
desk-ecopy-sent-after = { $outcome } after { $tries ->
        [one] { $tries } try
       *[other] { $tries } tries
    }: { $reply }
desk-ecopy-send-part = part { $part }/{ $parts } ({ $photos ->
        [one] { $photos } photo
       *[other] { $photos } photos
    }, { $bytes } bytes): { $what }
desk-ecopy-named-xh = named 学号.jpg for lack of a full name on the school's roster ({ $count }): { $names }
desk-ecopy-no-email = no e-mail address

## Corrections (corrections.rs)
desk-correction-row = row { $row }: {""}
desk-correction-needs-reprint = ; printed photos need a reprint
desk-correction-applied = { $row }学号 { $xh } { $field }: { $old } -> { $new }{ $reprint }
desk-correction-reprint-hint = make the reprint job with: gradlab job create --needs-reprint --school { $school }
desk-correction-line = correction { $id }: { $what }
desk-correction-import-summary = correction table { $file } for school { $school }: { $rows } rows, { $applied } applied, { $refused } refused
desk-correction-applied-count = applied ({ $count }):
desk-correction-waiting = waiting

## Reprint requests (requests.rs)
desk-request-title = request { $request }  { $kind }  { $status }  school { $school }  from the { $requester }
desk-request-given = given:     学号 { $xh }  采集码 { $cjm }  ID last 4 { $last4 }  姓名 { $name }
desk-request-student = student:   { $xh } { $xm } { $bh } ({ $cjm })
desk-request-no-match = student:   not matched; no student agrees with what was given
desk-request-candidates = student:   not matched; candidates (settle with `gradlab request match { $request } --student XH`):
desk-request-candidate = { $xh } { $xm } { $bh } ID …{ $last4 }
desk-request-send-to = send to:   { $contact } { $address } { $phone }
desk-request-fee = fee:       { $fee } yuan
desk-request-job = job        { $job }
desk-request-shipment = shipment   { $shipment }
desk-request-rejected = rejected   { $reason }
desk-request-warning = warning:   { $warning }
desk-request-added-matched = request { $request }: matched to 学号 { $xh } { $xm }
desk-request-added-unmatched = request { $request }: not matched; { $candidates } candidates (see `gradlab request show { $request }`)
desk-request-import-summary = { $file }: { $added } requests added ({ $matched } matched), { $refused } refused
desk-request-import-unmatched = { $request } not matched ({ $candidates } candidates)

## Verification (verify.rs)
desk-verify-checked = { $pages } pages, { $photos } photos, { $texts } texts, { $barcodes } barcodes
desk-verify-passed = passed
desk-verify-failed = FAILED ({ $problems } problems)
desk-verify-part = part { $part } (sheets { $first }-{ $last }): { $verdict }; checked { $checked }
desk-verify-job-passed = job { $job }: every part verified; it may be printed
desk-verify-job-failed = job { $job }: { $problems } problems found; it will not be printed as it is

## Walk-ins (walkin.rs)
desk-walkin-title = walk-in { $xh } { $xm } ({ $bh }), school { $school } { $name }, 采集码 { $cjm }
desk-walkin-photo = photo:   batch { $batch } ({ $stored })
desk-walkin-job = job:     { $job }
desk-walkin-pdf = pdf:     { $pdf }
desk-walkin-preview = preview: { $preview }
desk-walkin-printed = printed: printer { $printer } ({ $status })
desk-walkin-not-printed = not printed (no --printer); print it with `gradlab job print { $job } --printer NAME`
desk-kind-hot-folder = hot-folder
