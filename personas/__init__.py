"""The four temperament personas: one YAML file each, their schema and loader."""

from personas.library import PERSONAS_DIR, PersonaLibrary, load_persona, load_personas
from personas.schema import Persona

__all__ = ["PERSONAS_DIR", "Persona", "PersonaLibrary", "load_persona", "load_personas"]
