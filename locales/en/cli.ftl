# The command line's own reports: workspace, store, imports, schools, jobs, layouts (cli/mod.rs, cli/commands.rs).

## Shared words

cli-warning = warning: { $warning }
cli-comma = {", "}
cli-findings-rejected = rejected
cli-findings-warnings = warnings

## init, store

cli-workspace-created = created workspace { $path }
cli-workspace-exists = workspace { $path } already exists; its store is up to date
cli-init-ask = A new workspace. Who is the lab? (Enter leaves a line empty; edit gradlab.toml later.)
cli-init-ask-name = The lab's name, for labels and e-mails (实验室名称)
cli-init-ask-address = Return address on shipping labels (寄件地址)
cli-init-ask-phone = Phone on shipping labels (寄件电话)
cli-store-moved = moved the store to PostgreSQL server { $server }: { $rows } rows in { $tables } tables and { $photos } photos ({ $megabytes } MB), in { $seconds } s
cli-store-moved-checked = checked: every table's row count and every photo's SHA-256 are the same on both sides
cli-store-moved-settings = { $settings } now names the shared store ([store] url); this workspace uses it from now on
cli-store-moved-old-copy = the SQLite file { $file } and the photos folder { $folder } are left in place, unchanged, as the old copy (this station keeps its cache of the shared photos in that folder)
cli-store-info = store: { $kind } ({ $location })
cli-store-schema = schema version: { $version } (this gradlab: { $program })
cli-store-server = server version: PostgreSQL { $version }
cli-store-encrypted = connection: encrypted ({ $tls })
cli-store-not-encrypted = connection: not encrypted

## audit

cli-audit-broken = audit log BROKEN: { $problem } (entries checked: { $entries })
cli-audit-whole = audit log whole: { $chained ->
        [one] { $chained } entry
       *[other] { $chained } entries
    } chained{ $unchained ->
        [0] {""}
       *[other] , { $unchained } from before the chain came first
    }

## batch import

cli-batch-summary = batch { $source }: { $accepted } accepted, { $skipped } already stored, { $rejected } rejected, { $warnings ->
        [one] { $warnings } warning
       *[other] { $warnings } warnings
    }
cli-batch-id = {" "}(batch id { $id })
cli-batch-replaced = { $replaced } stored photos replaced; the old ones are kept in history
cli-batch-nothing-stored = nothing was stored

## roster import

cli-roster-summary = roster { $file } for school { $school }: { $rows ->
        [one] { $rows } row
       *[other] { $rows } rows
    }, { $matched } matched to photos (roster id { $id })
cli-roster-class-rows = { $class } ({ $rows ->
        [one] { $rows } row
       *[other] { $rows } rows
    })
cli-roster-no-class = rows of no known class
cli-roster-replaces-all = replaces the whole roster: { $classes }
cli-roster-replaces = replaces the roster of { $classes }
cli-roster-keeps = ; keeps { $class } from { $day }
cli-roster-without-photo = roster rows with no photo ({ $count }):
cli-roster-row-no-photo = row { $row }: 学号 { $xh } 采集码 { $cjm }
cli-roster-not-on-roster = students not on the roster, printed after it ({ $count }):
cli-roster-name-mismatch = warning: row { $row }: possible wrong photo: roster name { $roster_name } does not agree with { $masked_name } ({ $xh } { $cjm })

## students, schools

cli-heading-roster-position = roster
cli-heading-code = code
cli-heading-name = name
cli-heading-students = students
cli-heading-classes = classes
cli-heading-roster = roster
cli-has-roster-yes = yes
cli-has-roster-no = no
cli-background-any = any standard colour
cli-background-colour = { $colour }
cli-school-line = { $code } { $name }: { $address } / { $contact } { $phone }; background { $background }
cli-school-email = e-mail:   { $emails }
cli-school-address = address:  { $address }
cli-school-contact = contact:  { $contact } { $phone }
cli-school-background = background: { $background }
cli-school-students = students: { $students } in { $classes } classes
cli-school-roster = roster:   { $source } ({ $rows ->
        [one] { $rows } row
       *[other] { $rows } rows
    }, imported { $at }; { $kept } kept in all)
cli-school-no-roster = roster:   none (print order: class, shooting sequence, 学号)
cli-school-batch = batch { $id }: { $source } ({ $accepted } accepted, { $at })

## jobs

cli-job-created = job { $job }: { $students ->
        [one] { $students } student
       *[other] { $students } students
    } in { $packets ->
        [one] { $packets } packet
       *[other] { $packets } packets
    }, { $sheets ->
        [one] { $sheets } sheet
       *[other] { $sheets } sheets
    }, layout { $layout }
cli-heading-job = job
cli-heading-school = school
cli-heading-layout = layout
cli-heading-sheets = sheets
cli-heading-state = state
cli-heading-purpose = purpose
cli-heading-created = created
cli-job-head = job { $job }  school { $school } { $school_name }  layout { $layout }
cli-job-created-by = created { $at } by { $by }; { $students ->
        [one] { $students } student
       *[other] { $students } students
    }
cli-job-packet = packet { $packet }  { $class }  { $students ->
        [one] { $students } student
       *[other] { $students } students
    }{ $place ->
        [packed] {"  "}packed in { $shipment }
        [expected] {"  "}expected in { $shipment }
       *[none] {""}
    }
cli-job-separator = separator
cli-job-sheet = sheet { $number }  { $barcode }  { $class }  { $what }
cli-part-not-verified = not verified
cli-part-stale = rendered again since verified at { $at }; not verified
cli-part-verified = verified at { $at }
cli-part-failed = FAILED verification at { $at } ({ $problems } problems)
cli-job-part = part { $part } (sheets { $first }-{ $last }): { $path }; { $verified }
cli-dispatch-part = part { $part }
cli-dispatch-reprint = reprint
cli-job-sent = sent { $what } to { $printer } at { $at }: { $state }
cli-job-reprint = reprint { $id } of sheets { $sheets } by { $by } at { $at }: { $reason }
cli-job-printed = printed: { $at }
cli-job-rendered = job { $job }: { $sheets ->
        [one] { $sheets } sheet
       *[other] { $sheets } sheets
    } in { $parts ->
        [one] { $parts } part
       *[other] { $parts } parts
    }

## layouts

cli-heading-from = from
cli-heading-what = what
cli-layout-fits = { $name }: fits; { $summary }
cli-code-needed = give the collection code with --code TEXT or --code-image FILE
cli-school-set-nothing = give at least one of --address, --contact, --phone, --background
