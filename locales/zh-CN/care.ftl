# 库的维护：gradlab check、backup 与 restore。

check-database = 数据库自检发现问题：{ $problem }
check-dangling-rows = { $table } 表中有 { $rows } 行指向 { $parent } 表中不存在的行；数据库在 gradlab 之外被改动过：请从备份放回
check-photo-missing = 库中照片的文件不见了：{ $file }（采集码 { $codes }）；请从备份放回，或重新导入这些学生的照片
check-blob-missing = 共享库中照片 { $sha256 } 没有内容（采集码 { $codes }）；请重新导入这些学生的照片
check-blob-unclaimed = 共享库中有照片 { $sha256 } 的内容，但没有任何照片记录指向它
check-photo-unclaimed-after-cut = { $file } 不是库中的照片：此前有一次导入中途中断，下次导入批次时会自动清除
check-photo-unclaimed = { $file } 不是库中的照片，也不是 gradlab 放进去的：请把它移出照片文件夹
check-photo-changed = 库中照片的文件在导入后被改动过：{ $file }（采集码 { $codes }），内容与其哈希不符；请从备份放回
check-blob-changed = 共享库中照片 { $sha256 } 在导入后被改动过（采集码 { $codes }）
check-what-part = 作业 { $job } 第 { $part } 部分
check-what-reprint = 作业 { $job } 的一次补印
check-part-missing = { $what }：文件不见了：{ $file }；请重新生成该作业（gradlab job render）
check-part-changed = { $what }：文件在生成后被改动过：{ $file }；请重新生成该作业（gradlab job render）
stage-checking-files = 检查已生成的文件
stage-copying-files = 复制已生成的文件

backup-shared-store = 本工作区的库在 PostgreSQL 服务器上（{ $url }），照片也在库中（photo_blobs 表），请用服务器自带的工具备份：pg_dump --format=custom --file=gradlab.dump '{ $url }'。恢复时用 pg_restore --dbname=新库地址 gradlab.dump 导入一个空库，再在工作区运行 gradlab init --store 新库地址 接入，然后运行 gradlab check。
backup-folder-not-empty = { $dir } 不是空文件夹，里面也没有 gradlab 备份：请选一个新的或空的文件夹，或本工作区以前备份用过的文件夹
backup-folder-of-other = { $dir } 里是另一个工作区（{ $workspace }）的备份：请为本工作区另选一个文件夹
backup-folder-inside = { $dir } 与工作区 { $workspace } 互相包含：请选工作区以外的文件夹
backup-photo-damaged = 未备份：照片文件 { $file } 的内容与其哈希不符；请运行 gradlab check，并从更早的备份放回
backup-photo-missing = 未备份：照片文件 { $file } 不见了；请运行 gradlab check，并从更早的备份放回
backup-part-left-out = 未备份：{ $file } 不见了或在生成后被改动过；请重新生成该作业后再备份
restore-not-a-backup = { $dir } 不是 gradlab 备份：其中没有 { $file }
restore-bad-manifest = 无法读取 { $file }：{ $problem }
restore-target-not-empty = { $dir } 不是空文件夹：请恢复到新的或空的文件夹（--workspace 文件夹）

cli-check-passed = 库完好（{ $store }）：已检查 { $photos } 张照片（{ $size }）和 { $files } 个已生成的文件，用时 { $seconds } 秒。
cli-check-failed = 库中有 { $problems } 处问题（{ $store }）；已检查 { $photos } 张照片和 { $files } 个已生成的文件，用时 { $seconds } 秒：
cli-backup-done = 已备份到 { $dir }：{ $photos } 张照片（本次复制 { $photos_copied } 张），{ $files } 个已生成的文件（本次复制 { $files_copied } 个），共写入 { $size }，用时 { $seconds } 秒。
cli-restore-done = 已从 { $made_at } 的备份恢复 { $workspace }：{ $photos } 张照片，{ $files } 个已生成的文件。
restore-unfinished = { $dir } 中的备份未完成就中断了：请再次运行 gradlab backup 备份到该文件夹，或恢复更早的备份
