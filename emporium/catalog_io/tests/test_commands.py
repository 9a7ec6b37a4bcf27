"""`manage.py import_catalog` and `export_catalog`: output and exit codes."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command

from emporium.catalog.models import Offer, Product
from emporium.catalog_io.tests.conftest import csv_file, line
from emporium.inventory.models import StockMovement

pytestmark = pytest.mark.django_db

TWO_SIZES = [line(), line(sku="TEE-M", option_size="M", barcode="")]


@pytest.fixture
def good_file(tmp_path):
    path = tmp_path / "catalog.csv"
    path.write_bytes(csv_file(TWO_SIZES))
    return path


def manage(*args: str) -> tuple[int, str, str]:
    """Run a command; (exit code, stdout, stderr) as `manage.py` gives them.

    `manage.py` turns a CommandError into its message on stderr and exit
    code `returncode`; run in-process here (it would close the test's
    database connection).
    """
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
    except CommandError as exc:
        err.write(f"CommandError: {exc}\n")
        return exc.returncode, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_import_command_imports_and_says_what_changed(catalog, good_file):
    code, out, _ = manage("import_catalog", str(good_file))

    assert code == 0
    assert "2 lines created, 0 updated, 0 unchanged" in out
    assert Offer.objects.count() == 2


def test_import_command_books_stock_under_the_actor(catalog, good_file, clerk):
    manage("import_catalog", str(good_file), "--actor", clerk.email)

    assert {m.actor for m in StockMovement.objects.all()} == {clerk}


def test_import_command_with_errors_exits_1_listing_them_on_stderr(catalog, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_file([line(price="12,50"), line(sku="B", status="live")]))

    code, _, err = manage("import_catalog", str(path))

    assert code == 1
    assert 'line 2, price: "12,50" is not a decimal amount (like 12.50)' in err
    assert 'line 3, status: "live" is not one of: draft, active, archived' in err
    assert "The file has 2 errors; nothing was imported." in err
    assert not Product.objects.exists()


def test_import_command_dry_run_writes_nothing(catalog, good_file):
    code, out, _ = manage("import_catalog", str(good_file), "--dry-run")

    assert code == 0
    assert "2 lines created" in out
    assert not Product.objects.exists()


def test_import_command_limited_to_a_shop_refuses_other_shops(catalog, good_file):
    code, _, err = manage("import_catalog", str(good_file), "--shop", "globex")

    assert code == 1
    assert 'line 2, shop: this import is limited to shop "globex"' in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.csv"], "cannot read missing.csv"),
        (["{file}", "--shop", "nobody"], 'unknown shop "nobody"'),
        (["{file}", "--actor", "nobody@example.com"], "no user with e-mail"),
    ],
)
def test_import_command_refuses_bad_arguments(catalog, good_file, args, message):
    code, _, err = manage("import_catalog", *[a.format(file=good_file) for a in args])

    assert code == 1
    assert message in err


def test_export_command_writes_csv_to_stdout(catalog, good_file):
    call_command("import_catalog", str(good_file))
    out = io.StringIO()

    call_command("export_catalog", stdout=out)

    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [(r["shop"], r["sku"], r["price"]) for r in rows] == [
        ("acme", "TEE-S", "19.99"),
        ("acme", "TEE-M", "19.99"),
    ]


def test_export_command_writes_a_file_for_one_shop(catalog, good_file, tmp_path):
    call_command("import_catalog", str(good_file))
    target = tmp_path / "out.csv"

    call_command("export_catalog", "--output", str(target), "--shop", "globex")

    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows == []


def test_export_command_refuses_unknown_shop(catalog):
    code, _, err = manage("export_catalog", "--shop", "nobody")

    assert code == 1
    assert 'unknown shop "nobody"' in err
