"""The staff catalog API (/api/v1/staff/): products, variants, offers and
stock, read and written by staff users only. Writes go through the catalog
and inventory services, like the admin's."""
