"""Governance after registration: lifecycle stages, metadata edits, deletion and the audit trail.

Plain Python over `versions`, `accounts`, `aws` and `errors`; never Qt. Every check reads its
limits from botocore's model before any call, and every call goes through `aws_call`.
"""
