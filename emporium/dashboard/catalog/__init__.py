"""The vendor dashboard's catalogue pages: the shop's products (variants,
attributes, images), offers (also on other shops' open products), stock
and warehouses, and CSV import/export. Views are thin: shop selectors and
shop services do the reading, scoping and writing."""
