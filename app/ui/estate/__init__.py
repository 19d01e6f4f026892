"""The Estate dock: every chosen profile and region at once, as a tree account › region › group."""
