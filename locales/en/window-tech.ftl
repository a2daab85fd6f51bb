# The window's own notices and task names on the technician's pages (gui/adapters: technician, walkin, printers, mod).

## Task bars (gui/adapters/mod.rs)
wt-done = Done
wt-cancelled = Cancelled
wt-failed = Failed

## Schools and import
wt-last-printer = Printer used last time
wt-choose-batch = Import a batch: choose its folder or .zip file
wt-choose-school-left = Choose a school on the left first
wt-choose-roster = Import the roster of school { $school }: choose a spreadsheet
wt-photo-card = Row { $row } { $cjm } { $xh }
wt-import = Import

## Jobs and printing
wt-need-school = Choose a school first
wt-job-created = Job { $job } created: { $students ->
        [one] 1 student
       *[other] { $students } students
    }, { $packets ->
        [one] 1 class packet
       *[other] { $packets } class packets
    }, { $sheets ->
        [one] 1 sheet
       *[other] { $sheets } sheets
    }, layout { $layout }
wt-preview-making = Drawing the preview of job { $job }…
wt-preview-sheet = Job { $job }, sheet { $sheet }
wt-preview-first = Job { $job }, first photo sheet
wt-need-job = Choose a job first
wt-render = Render
wt-rendered = Job { $job }: rendered { $sheets ->
        [one] 1 sheet
       *[other] { $sheets } sheets
    } into { $parts ->
        [one] 1 PDF part
       *[other] { $parts } PDF parts
    }
wt-verified-ok = ; verified: photos, positions, text and barcodes match the job, ready to print
wt-verified-failed = ; verification failed: { $n ->
        [one] 1 problem
       *[other] { $n } problems
    } (listed below); parts that failed will not be printed
wt-job-verified = Job { $job }{ $result }
wt-verify = Verify
wt-no-printer = No printer: add one on the printers page first
wt-print = Print
wt-parts-sent = Job { $job }: { $sent ->
        [one] 1 part
       *[other] { $sent } parts
    } sent to { $printer } ({ $status })
wt-parts-skipped = ; { $n ->
        [one] 1 part was
       *[other] { $n } parts were
    } sent before and not sent again (tick "Resend" to send again)
wt-cancel-printing = Cancel printing
wt-ask-printers = Ask printers
wt-print-cancelled = Job { $job }: unfinished printing cancelled
wt-all-printed = Job { $job }: all parts printed ({ $at })
wt-not-all-printed = Job { $job }: not all parts printed yet

## Reprint
wt-reprint = Reprint
wt-reprint-item = job { $job } sheet { $sheets } → { $printer }
wt-reprinted = Reprinted: { $items }

## Walk-in
wt-walkin = Walk-in

## Printers
wt-add-printer = Add a printer
wt-offset-x = Offset x
wt-offset-y = Offset y
wt-scale = Scale
wt-test-sheet = Print test sheet
