"""Each shop's part of the shipping, and of the refunds, on its fulfilment.

Orders placed before this migration get the shipping the buyer paid split
equally over their shops (what `drafts.shipping_per_shop` does without
quotes) and their refunds split by what each shop was paid
(`services.refunds.split_refund`), so every order's shop parts add up to
its total.
"""

from decimal import Decimal

from django.db import migrations, models

from emporium.core.money import Money, allocate


def _split(total, weights, currency):
    if not weights or not any(weights) or total == 0:
        return [Decimal(0)] * len(weights)
    return [part.amount for part in allocate(Money(total, currency), weights)]


def backfill(apps, schema_editor):
    Order = apps.get_model("orders", "Order")
    Fulfilment = apps.get_model("orders", "Fulfilment")
    OrderLine = apps.get_model("orders", "OrderLine")
    for order in Order.objects.order_by("pk").iterator():
        fulfilments = list(Fulfilment.objects.filter(order=order).order_by("pk"))
        paid_shipping = Money(
            order.shipping_net_amount + order.shipping_tax_amount, order.currency
        ).quantize()
        shares = _split(
            paid_shipping.amount, [Decimal(1)] * len(fulfilments), order.currency
        )
        paid = []
        for fulfilment, share in zip(fulfilments, shares, strict=True):
            fulfilment.shipping_amount = share
            goods = sum(
                OrderLine.objects.filter(
                    order=order, shop_id=fulfilment.shop_id
                ).values_list("gross_amount", flat=True),
                Decimal(0),
            )
            paid.append(goods + share)
        refunds = _split(order.refunded_amount, paid, order.currency)
        for fulfilment, refunded in zip(fulfilments, refunds, strict=True):
            fulfilment.refunded_amount = refunded
            fulfilment.save(update_fields=["shipping_amount", "refunded_amount"])


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="fulfilment",
            name="refunded_amount",
            field=models.DecimalField(decimal_places=3, default=0, max_digits=12),
        ),
        migrations.AddField(
            model_name="fulfilment",
            name="shipping_amount",
            field=models.DecimalField(decimal_places=3, default=0, max_digits=12),
        ),
        migrations.AddConstraint(
            model_name="fulfilment",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("shipping_amount__gte", 0), ("refunded_amount__gte", 0)
                ),
                name="fulfilment_amounts_not_negative",
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True),
    ]
