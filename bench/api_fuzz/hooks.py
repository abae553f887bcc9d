"""Schemathesis hooks for `make api-fuzz` (SCHEMATHESIS_HOOKS=bench.api_fuzz.hooks).

A schema-valid request may still be refused for the state it meets (the interest already became
a project, a status only moves forward): the services answer those with a code
(`{"detail", "code", "errors"}`, RefusalOut), and they are no lie of the schema. The built-in
"schema-valid request rejected" check cannot tell them apart, so it runs here instead, minus
those; a 422 with the parameter errors' shape for a schema-valid request still fails.

JSON Schema cannot say that one field bounds another, so the operations list their cross-field
rules in their descriptions and the fuzzer is told them here. The house names such ranges
`<x>_min`/`<x>_max` (query and body alike): a "valid" case whose minimum is above its maximum is
not valid, and the API rightly refuses it with 422.
"""

import schemathesis
from schemathesis.specs.openapi.checks import positive_data_acceptance


def _ordered(values) -> bool:
    if not isinstance(values, dict):
        return True
    for key, low in values.items():
        if not key.endswith("_min"):
            continue
        high = values.get(key[: -len("_min")] + "_max")
        try:
            if low is not None and high is not None and float(low) > float(high):
                return False
        except (TypeError, ValueError):
            continue  # not numbers: a negative case, which the API must refuse anyway
    return True


@schemathesis.hook
def filter_query(context, query):
    return _ordered(query)


@schemathesis.hook
def filter_body(context, body):
    return _ordered(body)


@schemathesis.hook
def filter_case(context, case):
    # The coverage phase builds whole cases and filters them here, not by part.
    return _ordered(case.query) and _ordered(case.body)


@schemathesis.check
def valid_data_accepted_unless_refused_for_state(ctx, response, case):
    if response.status_code == 422:
        try:
            body = response.json()
        except ValueError:
            body = None
        if isinstance(body, dict) and body.get("code"):
            return None
    return positive_data_acceptance(ctx, response, case)
