"""Endpoint configs keep their shadow variants.

moto 5.2.5 drops ShadowProductionVariants from CreateEndpointConfig, so DescribeEndpointConfig
never shows a model that receives a copy of an endpoint's traffic. The handler keeps what was
sent on moto's config object, whose describe answer is built from its attributes; the shadow
variants' models must exist, as the production variants' must.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def keeps_shadow_variants(original: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def create_endpoint_config(self: Any) -> Any:
        shadows = self._get_param("ShadowProductionVariants") or []
        if shadows:
            self.sagemaker_backend.validate_production_variants(shadows)  # a missing model is refused
        result = original(self)
        if shadows:
            config = self.sagemaker_backend.endpoint_configs[self._get_param("EndpointConfigName")]
            config.shadow_production_variants = shadows
        return result

    return create_endpoint_config
