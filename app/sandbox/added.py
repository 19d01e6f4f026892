"""The operations moto 5.2.5 lacks and the sandbox adds: named here, once.

`backend_ops` implements each on moto's backend and `handlers` answers each request, both under
the operation's own name; `patches` installs them only while moto lacks them.
"""

ADDED_OPERATIONS: tuple[str, ...] = (
    "put_model_package_group_policy",
    "get_model_package_group_policy",
    "delete_model_package_group_policy",
    "delete_model_package",
    "delete_model_package_group",
    "batch_describe_model_package",
)

# CloudTrail: `trail` implements each on moto's CloudTrail backend and response.
ADDED_CLOUDTRAIL_OPERATIONS: tuple[str, ...] = ("lookup_events",)

# AWS RAM: `ram` implements each on moto's RAM backend and response, and routes its URL.
ADDED_RAM_OPERATIONS: tuple[str, ...] = (
    "promote_resource_share_created_from_policy",
    "list_resource_share_permissions",
    "promote_permission_created_from_policy",
    "delete_permission",
)
