# The window's own notices and task names in the mailroom and the administrator's pages (gui/adapters: admin, ecopy, mailroom).

## Administrator: requests, corrections, schools (admin.rs)
wo-status-all = All
wo-request-done = Request { $id }: { $done }
wo-request-added = Request { $id } added ({ $matched })
wo-student-matched = student matched
wo-student-unmatched = student not yet matched
wo-kind-with-key = { $word } ({ $key })
wo-request-table-title = Import a school's reprint request table
wo-request-import = { $file }: { $added ->
        [one] 1 request
       *[other] { $added } requests
    } added, { $refused } refused
wo-correction-done = Corrected the { $field } of { $xh }: { $old } → { $new }
wo-correction-reprint = ; the student's photos were already printed and await a reprint (Technician: under New job, tick “Only students awaiting a reprint after a correction”)
wo-school-code-first = Fill in the school code first
wo-correction-table-title = Import the correction table of school { $school }
wo-correction-import = { $file }: { $rows ->
        [one] 1 row
       *[other] { $rows } rows
    }, { $applied ->
        [one] 1 correction
       *[other] { $applied } corrections
    }, { $rejected ->
        [one] 1 row
       *[other] { $rejected } rows
    } refused
wo-email-added = e-mail address added
wo-email-removed = e-mail address removed
wo-address-saved = address saved
wo-school-done = School { $code }: { $done }
wo-school-added = School { $code } added

## Electronic copies (ecopy.rs)
wo-ecopy-requested = E-copy request { $id } added: { $school } { $name }, { $students ->
        [one] 1 student
       *[other] { $students } students
    }, to { $to }
wo-ecopy-no-full-name = ; { $n ->
        [one] 1 student has
       *[other] { $n } students have
    } no full name and { $n ->
        [one] is
       *[other] are
    } named by student number
wo-ecopy-choose-first = Choose an e-copy request first
wo-ecopy-sending = Sending
wo-ecopy-failed-part = Part { $part }/{ $parts }: { $reply }
wo-ecopy-sent = E-copy { $id } to { $to }: the server accepted { $accepted }/{ $parts } parts

## Mailroom (mailroom.rs)
wo-step-seal = sealing
wo-step-deliver = delivery
wo-step-ship = shipping
wo-step-return = return
wo-step-done = Shipment { $id }: { $step } done, now { $state }
wo-school-first = Choose a school first
wo-shipment-created = Shipment { $id } created: { $packets ->
        [one] 1 packet
       *[other] { $packets } packets
    }, { $students ->
        [one] 1 student
       *[other] { $students } students
    }
wo-scan-first = Scan a shipment barcode first
wo-no-printer = No printer available: add one on the Technician's Printer page first
wo-papers-label = Label
wo-papers-packing-lists = Packing lists
wo-papers-sent = { $what } sent to { $printer } ({ $n ->
        [one] 1 file
       *[other] { $n } files
    })
