import os

from hypothesis import HealthCheck, settings

settings.register_profile("default", max_examples=60, deadline=None)
# CI draws the same 300 examples on every run, so that a run's verdict depends on the
# code only; the default profile draws fresh examples each time, to keep exploring.
settings.register_profile(
    "ci",
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
# A long random search for rare failures: HYPOTHESIS_PROFILE=explore python -m pytest tests
settings.register_profile(
    "explore", max_examples=2000, deadline=None, suppress_health_check=list(HealthCheck)
)
# A quick pass for the lowest supported versions (.ci/lowest.sh): the same few examples.
settings.register_profile(
    "lowest",
    max_examples=10,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
