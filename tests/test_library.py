"""The library surface: exported exceptions, documented models, `claimcheck schema`, a light import."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings

import pytest
from pydantic import BaseModel
from typer.testing import CliRunner

import claimcheck
from claimcheck import models
from claimcheck.cli import app
from claimcheck.safety import models as safety_models

PUBLIC_MODELS = [
    models.Source,
    models.Section,
    models.Document,
    models.Passage,
    models.StanceScores,
    models.Evidence,
    models.ClaimVerdict,
    models.InputSummary,
    models.Models,
    models.CheckResult,
    safety_models.Resource,
    safety_models.Safety,
]
EXCEPTIONS = ["ClaimcheckError", "ModelError", "IndexNotReadyError", "InputError", "ExportError"]


@pytest.mark.parametrize("model", PUBLIC_MODELS, ids=lambda m: m.__name__)
def test_every_public_model_field_has_a_description(model: type[BaseModel]) -> None:
    missing = [name for name, field in model.model_fields.items() if not (field.description or "").strip()]
    assert not missing, f"{model.__name__} fields without a description: {missing}"
    assert model.__doc__, f"{model.__name__} has no docstring"


def test_descriptions_reach_the_json_schema() -> None:
    defs = models.CheckResult.model_json_schema()["$defs"]
    assert "calibration" in defs["ClaimVerdict"]["properties"]["confidence"]["description"]
    assert defs["StanceScores"]["properties"]["entail"]["description"]


@pytest.mark.parametrize("name", EXCEPTIONS)
def test_exceptions_are_exported_and_share_a_base(name: str) -> None:
    exc = getattr(claimcheck, name)
    assert issubclass(exc, claimcheck.ClaimcheckError)
    assert name in claimcheck.__all__
    namespace: dict[str, object] = {}
    exec(f"from claimcheck import {name} as found", namespace)  # noqa: S102 - the `from` form users write
    assert namespace["found"] is exc


def test_export_error_is_an_input_error() -> None:
    assert issubclass(claimcheck.ExportError, claimcheck.InputError)


def test_old_index_error_name_still_works_with_a_deprecation_warning() -> None:
    from claimcheck import errors

    with pytest.warns(DeprecationWarning, match="IndexNotReadyError"):
        from claimcheck.errors import IndexError_
    assert IndexError_ is errors.IndexNotReadyError
    with pytest.warns(DeprecationWarning, match="IndexNotReadyError"):
        assert claimcheck.IndexError_ is claimcheck.IndexNotReadyError
    with pytest.raises(IndexError_):  # an old `except IndexError_` still catches what the index raises
        raise errors.IndexNotReadyError("no index")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert claimcheck.IndexNotReadyError is errors.IndexNotReadyError  # the new name does not warn
    with pytest.raises(AttributeError):
        _ = errors.NoSuchError  # type: ignore[attr-defined]


def test_schema_command_prints_the_check_result_schema() -> None:
    result = runner_invoke(["schema"])
    schema = json.loads(result.stdout)
    assert schema["title"] == "CheckResult"
    assert {"claims", "safety"} <= set(schema["properties"])
    assert schema == models.CheckResult.model_json_schema()


def test_schema_command_model_choice() -> None:
    schema = json.loads(runner_invoke(["schema", "--model", "ClaimVerdict"]).stdout)
    assert schema["title"] == "ClaimVerdict"
    assert "confidence" in schema["properties"]
    bad = CliRunner().invoke(app, ["schema", "--model", "Nope"])
    assert bad.exit_code == 2
    assert "CheckResult" in bad.stderr


def runner_invoke(args: list[str]):  # noqa: ANN201 - click Result
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    return result


def test_import_claimcheck_stays_light() -> None:
    code = (
        "import sys, claimcheck; claimcheck.ClaimcheckError; claimcheck.IndexNotReadyError; "
        "heavy = [m for m in ('onnxruntime', 'faiss', 'torch', 'numpy') if m in sys.modules]; print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "", f"`import claimcheck` loaded {out}"
