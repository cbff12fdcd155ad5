"""Python code-execution and deserialization sinks with a data-only replacement."""

from __future__ import annotations

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.imports import python_import
from vsguard.fixes.registry import NoRewrite, Rewrite, Target
from vsguard.fixes.strategies._common import arguments, on_python_call


@on_python_call("eval_to_literal_eval")
def eval_to_literal_eval(t: Target, call: SgNode, func: SgNode) -> Rewrite | NoRewrite:
    if func.text() not in ("eval", "builtins.eval"):
        return NoRewrite(
            "exec runs statements, which no data parser can replace; map allowed actions to functions"
        )
    if len(arguments(call)) != 1:
        return NoRewrite("eval with explicit globals/locals evaluates expressions against chosen names")
    return Rewrite(
        (Edit.replace(func, "ast.literal_eval"), *python_import(t.root, t.code, "ast")),
        "eval is replaced by ast.literal_eval, which accepts only Python literals (numbers, strings, lists, "
        "dicts, tuples, booleans, None) and never runs code.",
        ("If the input is JSON, json.loads is the better parser.",),
        review="expressions eval computed (arithmetic, names, calls) are refused: only literals are read",
    )


_PICKLE_TO_JSON = {
    "pickle.loads": "json.loads",
    "pickle.load": "json.load",
    "cPickle.loads": "json.loads",
    "_pickle.loads": "json.loads",
    "dill.loads": "json.loads",
    "marshal.loads": "json.loads",
    "jsonpickle.decode": "json.loads",
}


@on_python_call("pickle_to_json")
def pickle_to_json(t: Target, call: SgNode, func: SgNode) -> Rewrite | NoRewrite:
    target = _PICKLE_TO_JSON.get(func.text())
    if target is None:
        return NoRewrite(f"`{func.text()}` reads a format with no drop-in data-only equivalent")
    if len(arguments(call)) != 1:
        return NoRewrite("the call passes loader options that json does not take")
    return Rewrite(
        (Edit.replace(func, target), *python_import(t.root, t.code, "json")),
        f"`{func.text()}` is replaced by `{target}`, which builds only plain data and cannot run code.",
        ("The producer of this data must now write JSON (json.dumps) instead of pickle.",),
        review="the data format changes from pickle to JSON: whatever writes this data must change too",
    )
