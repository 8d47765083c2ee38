"""``convilyn worker`` refuses what it cannot do, with a message instead of a traceback."""

from __future__ import annotations

from pathlib import Path

from tests.support import run_cli


def test_a_worker_on_sqlite_says_it_needs_postgresql(tmp_path: Path):
    done = run_cli("worker", data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'x.db'}")
    assert done.returncode == 1
    assert "convilyn worker needs PostgreSQL" in done.stderr


def test_an_unknown_queue_is_refused(tmp_path: Path):
    done = run_cli("worker", "--queues", "nope", data_dir=tmp_path, database_url="postgresql://u@127.0.0.1:1/db")
    assert done.returncode == 1
    assert "Unknown queue 'nope'; queues are: phases, maintenance" in done.stderr


def test_the_sweep_interval_becomes_a_cron_line_of_whole_minutes_or_hours():
    from convilyn.jobs.worker import sweep_cron

    assert [sweep_cron(s) for s in (10, 600, 3540, 3600, 7200, 10**6)] == [
        "*/1 * * * *", "*/10 * * * *", "*/59 * * * *", "0 */1 * * *", "0 */2 * * *", "0 */23 * * *"]
