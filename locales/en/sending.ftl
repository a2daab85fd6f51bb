# Printing, walk-ins, e-copies and e-mail, rendering and previews.

## Printing: audit entries and notes.
send-file-print-audit = { $file } sent as "{ $job_name }": { $state }
send-printer-progress = printer { $printer }: { $message }
send-part-forced-audit = sent to printer { $printer } with --force although { $reason }

## Printers over IPP.
send-ipp-building = building the IPP request: { $error }
send-ipp-what-job = the job "{ $job }"
send-ipp-no-job-id = { $printer } accepted "{ $job }" but gave no job-id
send-ipp-what-state = the state of job { $id }
send-ipp-no-job-state = { $printer } gave no job-state for job { $id }
send-ipp-what-cancel = to cancel job { $id }
send-ipp-job-is = the job is { $state }
send-ipp-what-list = the list of jobs

## Walk-ins: audit entries.
send-walkin-audit-not-printed = batch { $batch }, job { $job }, printer { $printer }: not printed ({ $error })
send-walkin-audit = batch { $batch } ({ $stored }), job { $job }, { $printed }
send-walkin-audit-printer = printer { $printer } ({ $sent } of { $parts ->
        [one] 1 part
       *[other] { $parts } parts
    } sent)
send-walkin-audit-no-printer = no printer

## Electronic copies.
send-ecopy-all-classes = all classes
send-ecopy-request-audit = school { $school }: { $students ->
        [one] 1 student
       *[other] { $students } students
    } ({ $scope }) named { $pattern } to { $to }; letter { $letter }
send-ecopy-earlier-failed = an earlier part failed permanently
send-ecopy-not-sent = not sent: { $error }
send-ecopy-zip-changed = not sent: part { $part } no longer packs to the zip recorded when it was first packaged (sha256 { $sha }); a photo file in the store may be damaged, or [lab] timezone (which dates the zip's files) changed since
send-ecopy-message-too-big = not sent: the message is { $bytes } bytes, over [smtp] max_message_mb = { $mb } (the parts were split under a larger limit when the request was first sent)
send-ecopy-retry = part { $part }/{ $parts }: { $reply }; trying again in { $seconds } s (try { $attempt } of { $tries })
send-ecopy-part-audit = part { $part }/{ $parts } ({ $photos ->
        [one] 1 photo
       *[other] { $photos } photos
    }, { $bytes } bytes) to { $to }: { $state } after { $tries ->
        [one] 1 try
       *[other] { $tries } tries
    }; Message-ID { $message_id }; reply: { $reply }
send-bad-naming = naming "{ $naming }" is not xh (学号.jpg), xh-name (学号姓名.jpg) or cjm (采集码.jpg)

## Shipments.
send-shipment-no-sender = the shipping label has no sender { $missing ->
        [name] name ([lab] name): set it
        [address] return address ([shipping] sender_address): set it
       *[both] name ([lab] name) and no return address ([shipping] sender_address): set them
    } in { $file }

## The mail server: settings in gradlab.toml and sending.
send-smtp-no-host = gradlab.toml [smtp] host is empty: set the lab's mail server to send electronic copies
send-smtp-security-none = gradlab.toml [smtp] security = "none" is allowed only for a mail server on this computer (localhost, 127.0.0.1, ::1), not "{ $host }": use "starttls" or "tls"
send-smtp-bad-from = gradlab.toml [smtp] from: { $error }; set the lab's sender address
send-smtp-max-message = gradlab.toml [smtp] max_message_mb must be at least 1
send-smtp-tries = gradlab.toml [smtp] tries must be at least 1
send-smtp-retry-delay = gradlab.toml [smtp] retry_delay_secs { $value } must be 0 or more
send-smtp-ca-file = gradlab.toml [smtp] ca_file { $file }: { $error }
send-smtp-ca-not-pem = gradlab.toml [smtp] ca_file { $file }: not a PEM certificate (-----BEGIN CERTIFICATE-----)
send-smtp-password-what = the mail account's password before sending
send-smtp-user-no-password = gradlab.toml [smtp] user is "{ $user }" but no password is given: set password_env (an environment variable's name) or password_file
send-smtp-password-no-user = gradlab.toml [smtp] has a password but no user: set user
send-password-both = gradlab.toml { $section }: give the password through password_env or password_file, not both
send-password-env-unset = gradlab.toml { $section } password_env: the environment variable { $var } is not set (or is empty); set it to { $what }
send-password-file-error = gradlab.toml { $section } password_file { $file }: { $error }
send-password-file-not-file = gradlab.toml { $section } password_file { $file }: not a file
send-password-file-owner = gradlab.toml { $section } password_file { $file } belongs to another account (uid { $uid }); it must belong to the account running gradlab (uid { $me })
send-password-file-mode = gradlab.toml { $section } password_file { $file } has mode { $mode }: group or others may read it; it must be readable by its owner only (chmod 600 { $file })
send-password-file-not-utf8 = gradlab.toml { $section } password_file { $file }: not UTF-8 text
send-password-file-empty = gradlab.toml { $section } password_file { $file }: the first line is empty
send-smtp-tls-setup = TLS set-up for { $host }: { $error }
send-smtp-bad-sender = gradlab.toml [smtp] from "{ $from }": { $error }
send-smtp-bad-to = address "{ $to }": { $error }
send-smtp-cannot-build = cannot build the message: { $error }
send-smtp-tls = TLS: { $detail } (a lab's own mail server needs its certificate in [smtp] ca_file)
send-smtp-timeout = the mail server did not answer within { $seconds } s

## Previews.
send-preview-jpeg = cannot write the preview as JPEG: { $error }
send-preview-bad-dpi = cannot preview at { $dpi } dpi: the resolution must be a positive number
send-preview-unreadable = cannot read the PDF: { $error }
send-preview-no-page = page { $page } does not exist: the PDF has { $pages ->
        [one] 1 page
       *[other] { $pages } pages
    }
send-preview-too-large = page { $page } is too large to preview at { $dpi } dpi (at most { $max } pixels a side); choose a lower resolution
send-preview-png = cannot encode the preview as PNG: { $error }

## Writing PDFs and reading the photos placed in them.
send-pdf-no-file-name = { $path }: not a file name for the PDF
send-pdf-bad-paper = page size { $width } x { $height } mm is not a paper size
send-pdf-bad-adjustment = printer adjustment { $adjustment } is not a correction (offsets must be numbers, scale above 0%)
send-pdf-photo = photo { $sha }: { $error }
send-pdf-font-subset = cannot subset the bundled font { $font }: { $error }
send-jpeg-not-jpeg = not a JPEG file (it does not start with a JPEG start-of-image marker)
send-jpeg-corrupt = the JPEG file is cut short or corrupt before its frame header
send-jpeg-precision = the JPEG has { $bits }-bit samples; only 8-bit JPEGs can be printed
send-jpeg-no-size = the JPEG frame header gives no image size
send-jpeg-components = the JPEG has { $components } colour components; only RGB (3) or greyscale (1) can be printed
send-jpeg-coding = the JPEG uses a coding process (SOF{ $sof }) PDF readers cannot show
