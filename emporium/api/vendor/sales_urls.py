"""Vendor API routes of this part, included by `api/vendor/urls.py`: the
overview, the shop's fulfilments, its balance, ledger and payouts."""

from django.urls import path

from emporium.api.vendor import sales

urlpatterns = [
    path("overview/", sales.OverviewApi.as_view(), name="vendor-overview"),
    path(
        "fulfilments/",
        sales.FulfilmentListApi.as_view(),
        name="vendor-fulfilment-list",
    ),
    path(
        "fulfilments/<int:id>/",
        sales.FulfilmentDetailApi.as_view(),
        name="vendor-fulfilment-detail",
    ),
    path(
        "fulfilments/<int:id>/ship/",
        sales.FulfilmentShipApi.as_view(),
        name="vendor-fulfilment-ship",
    ),
    path(
        "fulfilments/<int:id>/deliver/",
        sales.FulfilmentDeliverApi.as_view(),
        name="vendor-fulfilment-deliver",
    ),
    path("balance/", sales.BalanceApi.as_view(), name="vendor-balance"),
    path("ledger/", sales.LedgerApi.as_view(), name="vendor-ledger"),
    path("payouts/", sales.PayoutListApi.as_view(), name="vendor-payout-list"),
]
