"""A delegation's bundle: its current PDFs and a SHA256SUMS that `sha256sum -c` accepts."""

import hashlib
import json
import shutil
import subprocess
import zipfile

from briefkit.build import manifest
from briefkit.build.run import build
from briefkit.distribute.run import distribute


def test_each_audience_gets_a_zip_of_its_pdfs_with_checksums(distributable, tmp_path):
    result = distribute(distributable)
    bundles = distributable / "out" / "bundles"
    assert sorted(p.name for p in bundles.iterdir()) == ["alpha.zip", "beta.zip"]
    assert result.bundles == [bundles / "alpha.zip", bundles / "beta.zip"]
    documents = {e["path"]: e["sha256"]
                 for e in json.loads((distributable / "out" / "manifest.json").read_text())["documents"]}
    with zipfile.ZipFile(bundles / "alpha.zip") as bundle:
        assert bundle.testzip() is None
        names = bundle.namelist()
        assert names == ["alpha-letter.pdf", "alpha-briefing.pdf", "alpha-factsheet.pdf", "SHA256SUMS"]
        sums = bundle.read("SHA256SUMS").decode()
        for name in names[:-1]:
            digest = hashlib.sha256(bundle.read(name)).hexdigest()
            assert f"{digest}  {name}\n" in sums
            assert digest == documents[name.replace("alpha-", "alpha/")]
        bundle.extractall(tmp_path / "unpacked")
    if shutil.which("sha256sum"):
        check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=tmp_path / "unpacked",
                               capture_output=True, text=True)
        assert check.returncode == 0 and check.stdout.count(": OK") == 3, check.stdout


def test_bundles_are_reproducible(distributable):
    distribute(distributable)
    first = (distributable / "out" / "bundles" / "beta.zip").read_bytes()
    distribute(distributable)
    assert (distributable / "out" / "bundles" / "beta.zip").read_bytes() == first


def test_outbox_and_bundles_stay_out_of_the_manifest(distributable):
    distribute(distributable)
    build(distributable, formats=["pdf"], jobs=1)  # rescans out/ to rewrite the manifest
    paths = [e.path for e in manifest.load(distributable / "out")]
    assert len(paths) == 6 and all(p.count("/") == 1 and p.endswith(".pdf") for p in paths)
