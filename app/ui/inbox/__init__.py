"""The pending inbox: versions waiting for approval across the estate, the background refresh,
and the desktop notifications of new ones."""
