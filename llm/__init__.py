"""The seam around language models: a small ChatModel protocol, configuration, one adapter.

Only `llm.openai_adapter` imports langchain; everything else depends on `ChatModel`, so tests
use a recording fake and a second adapter could be added without touching the callers.
"""

from llm.config import LLMConfig, load_llm_config, read_setting
from llm.protocol import ChatModel, LLMError, Message

__all__ = ["ChatModel", "LLMConfig", "LLMError", "Message", "load_llm_config", "read_setting"]
