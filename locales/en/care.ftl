# The store's care: gradlab check, backup and restore.

check-database = the database itself reports: { $problem }
check-dangling-rows = { $rows ->
    [one] 1 row of table { $table } refers
   *[other] { $rows } rows of table { $table } refer
  } to rows missing from table { $parent }; the database was changed outside gradlab: put it back from a backup
check-photo-missing = a stored photo's file is gone: { $file } (collection codes { $codes }); put it back from a backup, or import these students' photos again
check-blob-missing = photo { $sha256 } has no bytes in the shared store (collection codes { $codes }); import these students' photos again
check-blob-unclaimed = the shared store holds the bytes of photo { $sha256 }, which no photo row names
check-photo-unclaimed-after-cut = { $file } is no stored photo: an import was cut off here, and the next batch import removes it
check-photo-unclaimed = { $file } is no stored photo, and gradlab did not put it there: move it out of the photos folder
check-photo-changed = a stored photo's file changed since it was imported: { $file } (collection codes { $codes }); its bytes no longer match its hash; put it back from a backup
check-blob-changed = photo { $sha256 } changed in the shared store since it was imported (collection codes { $codes })
check-what-part = job { $job } part { $part }
check-what-reprint = a reprint of job { $job }
check-part-missing = { $what }: its file is gone: { $file }; render the job again (gradlab job render)
check-part-changed = { $what }: its file changed since it was rendered: { $file }; render the job again (gradlab job render)
stage-checking-files = checking rendered files
stage-copying-files = copying rendered files

backup-shared-store = This workspace's store is on a PostgreSQL server ({ $url }), its photos with it (table photo_blobs), so the server's own tools back it up: pg_dump --format=custom --file=gradlab.dump '{ $url }'. To put it back, pg_restore --dbname=NEW_URL gradlab.dump into an empty database, join it from a workspace (gradlab init --store NEW_URL) and run gradlab check there.
backup-folder-not-empty = { $dir } is not empty and holds no gradlab backup: choose a new or empty folder, or one an earlier backup of this workspace made
backup-folder-of-other = { $dir } holds the backup of another workspace ({ $workspace }): choose a folder of this workspace's own
backup-folder-inside = { $dir } and the workspace { $workspace } lie one inside the other: choose a folder outside it
backup-photo-damaged = left out: the photo file { $file } no longer matches its hash; run gradlab check, and put it back from an earlier backup
backup-photo-missing = left out: the photo file { $file } is gone; run gradlab check, and put it back from an earlier backup
backup-part-left-out = left out: { $file } is gone or changed since it was rendered; render the job again, then back up again
restore-not-a-backup = { $dir } is no gradlab backup: it has no { $file }
restore-bad-manifest = { $file } cannot be read: { $problem }
restore-target-not-empty = { $dir } is not empty: restore into a new or empty folder (--workspace DIR)

cli-check-passed = The store is whole ({ $store }): { $photos ->
    [one] 1 photo
   *[other] { $photos } photos
  } ({ $size }) and { $files ->
    [one] 1 rendered file
   *[other] { $files } rendered files
  } checked in { $seconds } s.
cli-check-failed = { $problems ->
    [one] 1 problem
   *[other] { $problems } problems
  } in the store ({ $store }); { $photos ->
    [one] 1 photo
   *[other] { $photos } photos
  } and { $files ->
    [one] 1 rendered file
   *[other] { $files } rendered files
  } checked in { $seconds } s:
cli-backup-done = Backed up into { $dir }: { $photos ->
    [one] 1 photo
   *[other] { $photos } photos
  } ({ $photos_copied } copied now), { $files ->
    [one] 1 rendered file
   *[other] { $files } rendered files
  } ({ $files_copied } copied now), { $size } written, in { $seconds } s.
cli-restore-done = Restored { $workspace } from the backup made { $made_at }: { $photos ->
    [one] 1 photo
   *[other] { $photos } photos
  } and { $files ->
    [one] 1 rendered file
   *[other] { $files } rendered files
  } put back.
restore-unfinished = the backup in { $dir } was cut off before it finished: run gradlab backup into it again, or restore an earlier backup
