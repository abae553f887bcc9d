"""Every public dataset, in the order of the dashboard (importing registers them)."""

from bridge.insights.datasets import (  # noqa: F401
    growth,
    materials,
    meetings,
    organisations,
    partnering,
    programmes,
    samples,
)
