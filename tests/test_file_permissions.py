"""The database (password hashes, transcripts) is readable by its owner only; secrets stay hidden."""

from __future__ import annotations

import stat

from llm import LLMConfig, load_llm_config
from llm.config import APP_SECRETS, default_secrets
from store import Store


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_data_folder_is_0700_and_the_database_files_0600(tmp_path):
    data = tmp_path / "data"
    store = Store(data / "coach.db")
    store.add_user("xiaowang", "hash", "trainee")  # a write: the -wal file exists now
    assert _mode(data) == 0o700
    files = [p for p in data.iterdir() if p.name.startswith("coach.db")]
    assert {p.name for p in files} >= {"coach.db", "coach.db-wal"}
    assert all(_mode(p) == 0o600 for p in files)


def test_an_existing_loose_database_is_tightened_on_open(tmp_path):
    data = tmp_path / "data"
    Store(data / "coach.db")
    data.chmod(0o755)
    (data / "coach.db").chmod(0o644)
    Store(data / "coach.db")
    assert _mode(data) == 0o700 and _mode(data / "coach.db") == 0o600


def test_the_secrets_file_is_the_apps_own_or_the_one_coach_secrets_names(tmp_path):
    assert APP_SECRETS.parent.parent == default_secrets({}).parent.parent
    assert (APP_SECRETS.parent.parent / "app.py").exists()
    named = tmp_path / "elsewhere.toml"
    named.write_text('OPENAI_API_KEY = "from-named-file"\n', encoding="utf-8")
    assert default_secrets({"COACH_SECRETS": str(named)}) == named
    assert load_llm_config(environ={"COACH_SECRETS": str(named)}).api_key == "from-named-file"


def test_the_api_key_never_appears_whole_in_a_repr():
    config = LLMConfig(api_key="sk-0123456789abcdef", base_url="http://x/v1")
    assert "sk-0123456789abcdef" not in repr(config) and "sk-0123456789abcdef" not in str(config)
    assert "****cdef" in repr(config)
