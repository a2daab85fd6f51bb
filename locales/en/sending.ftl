# Printing, walk-ins, e-copies and e-mail, rendering and previews.
