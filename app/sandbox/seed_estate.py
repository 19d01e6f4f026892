"""The sandbox beyond its first region: the registry and training accounts in the second
region, and a second business unit's account, reached by assuming a role as the training
account is, in both regions. Buckets and repositories are regional, as on AWS: one of each per
account and region (S3 bucket names are global, so the second region's carry its name)."""

from __future__ import annotations

from . import catalog_estate as estate
from .catalog import GroupSpec
from .seeding import Account, Place, fill_bucket, objects_of, push_images, register
from .session import BUSINESS_UNIT_ACCOUNT_ID, MAIN_ACCOUNT_ID, TRAINING_ACCOUNT_ID


def bucket_name(stem: str, account_id: str, region: str, first_region: str) -> str:
    """``stem-account`` in the first region, ``stem-account-region`` elsewhere."""
    name = f"{stem}-{account_id}"
    return name if region == first_region else f"{name}-{region}"


MAIN_STEM = "registry-desk-models"
TRAINING_STEM = "registry-desk-training"
BUSINESS_UNIT_STEM = "registry-desk-bu"


def _fill(account: Account, bucket: str, images: dict[str, list[str]], groups: list[GroupSpec]) -> Place:
    """A bucket with the groups' artifacts, the images, the groups and their versions."""
    fill_bucket(account, bucket, objects_of(*groups))
    push_images(account, images)
    sagemaker = account.client("sagemaker")
    place = Place(account.account_id, account.region)
    for group in groups:
        place.add(group.name, register(account, sagemaker, group), group)
    return place


def seed_main_elsewhere(main: Account, first_region: str) -> tuple[Place, str]:
    """The registry account's own EU models; the place and its bucket."""
    bucket = bucket_name(MAIN_STEM, MAIN_ACCOUNT_ID, main.region, first_region)
    groups = [estate.churn_eu_group(MAIN_ACCOUNT_ID, bucket, main.region),
              estate.ltv_group(MAIN_ACCOUNT_ID, bucket, main.region)]
    return _fill(main, bucket, estate.MAIN_EU_IMAGES, groups), bucket


def seed_training_elsewhere(training: Account, first_region: str) -> tuple[Place, str]:
    bucket = bucket_name(TRAINING_STEM, TRAINING_ACCOUNT_ID, training.region, first_region)
    groups = [estate.training_eu_group(TRAINING_ACCOUNT_ID, bucket, training.region)]
    return _fill(training, bucket, estate.TRAINING_EU_IMAGES, groups), bucket


def seed_business_unit(unit: Account, first_region: str) -> tuple[Place, str, list[str]]:
    """The business unit's registry in ``unit.region``: the place, its bucket, its repositories."""
    account = BUSINESS_UNIT_ACCOUNT_ID
    bucket = bucket_name(BUSINESS_UNIT_STEM, account, unit.region, first_region)
    if unit.region == first_region:
        images = estate.BUSINESS_UNIT_IMAGES
        groups = [estate.credit_risk_group(account, bucket, unit.region),
                  estate.pricing_group(account, bucket, unit.region)]
    else:
        images = estate.BUSINESS_UNIT_EU_IMAGES
        groups = [estate.credit_risk_eu_group(account, bucket, unit.region)]
    return _fill(unit, bucket, images, groups), bucket, list(images)

