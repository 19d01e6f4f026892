"""Metric values across the versions of a group: read in parallel, cached in the local index."""
