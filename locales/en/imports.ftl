# Layout files, data tables, collection-code pictures, schools and corrections.
