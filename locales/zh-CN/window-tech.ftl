# The window's own notices and task names on the technician's pages (gui/adapters: technician, walkin, printers, mod).
