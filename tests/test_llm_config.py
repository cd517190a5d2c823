"""LLM configuration: explicit, then secrets.toml, then environment; no key means offline."""

from __future__ import annotations

from llm import load_llm_config


def test_no_key_anywhere_means_offline(tmp_path):
    assert load_llm_config(secrets_path=tmp_path / "none.toml", environ={}) is None


def test_environment_is_used_when_nothing_else_is_set(tmp_path):
    env = {"OPENAI_API_KEY": "k", "OPENAI_BASE_URL": "http://x/v1", "COACH_MODEL": "qwen-plus"}
    config = load_llm_config(secrets_path=tmp_path / "none.toml", environ=env)
    assert (config.api_key, config.base_url, config.model) == ("k", "http://x/v1", "qwen-plus")


def test_secrets_override_environment_and_explicit_overrides_both(tmp_path):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('OPENAI_API_KEY = "from-secrets"\nCOACH_MODEL = "deepseek-chat"\n', encoding="utf-8")
    env = {"OPENAI_API_KEY": "from-env", "COACH_MODEL": "env-model"}
    config = load_llm_config(secrets_path=secrets, environ=env)
    assert (config.api_key, config.model) == ("from-secrets", "deepseek-chat")
    assert load_llm_config({"model": "explicit"}, secrets, env).model == "explicit"


def test_describe_never_shows_the_key(tmp_path):
    config = load_llm_config(secrets_path=tmp_path / "x.toml", environ={"OPENAI_API_KEY": "sk-secret"})
    assert "sk-secret" not in config.describe()


def test_a_broken_secrets_file_is_ignored(tmp_path):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text("this is = = not toml", encoding="utf-8")
    assert load_llm_config(secrets_path=secrets, environ={"OPENAI_API_KEY": "k"}).api_key == "k"
