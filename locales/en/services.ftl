# Messages of the services: input errors, printers, corrections, e-copies, walk-ins, the command line's reports.
