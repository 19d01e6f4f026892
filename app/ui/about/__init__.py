"""Help ▸ About: the versions of Registry Desk and what it runs on, and where its files are."""
