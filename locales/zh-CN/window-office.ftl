# The window's own notices and task names in the mailroom and the administrator's pages (gui/adapters: admin, ecopy, mailroom).
