"""The vendor dashboard at /vendor/: server-rendered pages where a shop's
people run its catalogue, stock, orders and money (issue 5).

Every page is scoped to one shop through `access.vendor_required`, which
asks `vendors.selectors.get_member_shop`; another shop's data is a 404.
"""
