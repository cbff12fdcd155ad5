"""A short seeded fuzz run over every language: hostile input never escapes and never hangs unmarked."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from vsguard.config import Limits

FUZZ = Path(__file__).resolve().parent.parent / "benchmarks" / "fuzz.py"


def _fuzz_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("vsguard_fuzz", FUZZ)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["vsguard_fuzz"] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


@pytest.mark.timeout(150)
def test_seeded_fuzz_run_over_every_language(tmp_path: Path) -> None:
    fuzz = _fuzz_module()
    tally = fuzz.fuzz(60, seed=3, save=tmp_path, limits=Limits(max_seconds_per_file=2.0))
    assert tally.tried >= 120, tally  # every language had its turns
    assert tally.escaped == 0, tally.examples
    assert tally.unmarked_hangs == 0, sorted(p.name for p in tmp_path.iterdir())


def test_generated_inputs_follow_each_language() -> None:
    fuzz = _fuzz_module()
    import random

    rng = random.Random(1)
    assert fuzz.generate(rng, "python").splitlines()[1].startswith(" ")
    assert "end" in fuzz.generate(rng, "ruby")
    assert fuzz.generate(rng, "php").startswith("<?php")
