"""mutmut, with one change: a function whose only decorator is `transaction.atomic` is mutated too.

mutmut 3 leaves every decorated function alone (copying it for its trampoline could re-run a
decorator with side effects, such as a route registration). Our services' writes are
`@transaction.atomic` functions, so without this the write paths were missing from every score
while the read paths were counted: the scores said more than the tests did. `atomic` has no side
effect at definition time and nests (an inner atomic is a savepoint), so the trampoline and each
mutant keep it. Any other decorator is still skipped, and a decorator itself is never mutated.

    .venv/bin/python bench/mutation/mutmut_run.py run [MUTANTS]   (what `make mutation` calls)
"""

import sys

import libcst as cst
from libcst.metadata import PositionProvider
from mutmut.__main__ import cli
from mutmut.mutation import file_mutation

ATOMIC = {"atomic", "transaction.atomic", "django.db.transaction.atomic"}


def _dotted(expression: cst.BaseExpression) -> str:
    if isinstance(expression, cst.Call):
        return _dotted(expression.func)
    if isinstance(expression, cst.Name):
        return expression.value
    if isinstance(expression, cst.Attribute):
        return f"{_dotted(expression.value)}.{expression.attr.value}"
    return ""


def only_atomic(function: cst.FunctionDef) -> bool:
    return bool(function.decorators) and all(
        _dotted(d.decorator) in ATOMIC for d in function.decorators
    )


_skip_node_and_children = file_mutation.MutationVisitor._skip_node_and_children


def _skip_unless_atomic(self, node: cst.CSTNode) -> bool:
    if not (isinstance(node, cst.FunctionDef) and only_atomic(node)):
        return _skip_node_and_children(self, node)
    # The checks mutmut makes of any function before it looks at decorators.
    position = self.get_metadata(PositionProvider, node, None)
    if position and position.start.line in self._ignored_node_lines:
        self.ignored_functions.add(node.name.value)
        return True
    return (
        node.name.value in file_mutation.NEVER_MUTATE_FUNCTION_NAMES
        or node in self._enum_creation_hooks
    )


file_mutation.MutationVisitor._skip_node_and_children = _skip_unless_atomic

if __name__ == "__main__":
    sys.argv[0] = "mutmut"
    sys.exit(cli())
