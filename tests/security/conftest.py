"""The hostile files of tests/security/hostile_files.py, built once per session into a folder."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

HERE = Path(__file__).resolve().parent


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("hostile_files", HERE / "hostile_files.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def hostile() -> ModuleType:
    return _load()


@pytest.fixture(scope="session")
def hostile_path(hostile, tmp_path_factory):  # noqa: ANN001
    """``hostile_path(name)``: the path of that hostile file, written on first use."""
    folder = tmp_path_factory.mktemp("hostile")
    builders = {**hostile.HOSTILE, "zip_bomb_64mb": lambda: hostile.zip_bomb(64)}

    def get(name: str) -> Path:
        path = folder / f"{name}.xlsx"
        if not path.exists():
            path.write_bytes(builders[name]())
        return path

    return get
