"""env_check reports the environment against requirements.txt, also on a Python with nothing installed."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import SOURCES

from rlaif_trainers import env_check


def run_check(*python_flags: str) -> tuple[int, dict]:
    code = f"import sys; sys.path.insert(0, {str(SOURCES)!r}); sys.argv = ['-m']; " \
           "import rlaif_trainers; from rlaif_trainers import env_check; sys.exit(env_check.main())"
    done = subprocess.run([sys.executable, *python_flags, "-c", code], capture_output=True, text=True,
                          env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
    return done.returncode, json.loads(done.stdout)


def test_this_environment_has_everything_at_the_pinned_versions():
    code, report = run_check()
    assert code == 0 and report["ok"], report
    assert report["packages"]["torch"]["required"] == "2.13.0"
    assert report["packages"]["trl"] == {"required": "1.13.0", "installed": "1.13.0", "state": "ok"}
    assert report["device"]["type"] in ("cpu", "cuda")


def test_a_python_without_site_packages_reports_every_package_missing():
    code, report = run_check("-S")  # -S: no site-packages, as on a bare Python
    assert code == 1 and not report["ok"]
    assert set(report["missing"]) == set(env_check.required()) and report["device"] is None


def test_versions_compare_by_release_numbers():
    assert env_check.release("2.13.0+cu130") == (2, 13, 0)
    assert env_check.release("2.11.0") < env_check.release("2.13.0")
    assert env_check.release("1.0rc1") == (1, 0)
    pins = env_check.packages({"torch": "99.0.0", "pip": "1.0"})
    assert pins["torch"]["state"] == "too old" and pins["pip"]["state"] == "newer"
