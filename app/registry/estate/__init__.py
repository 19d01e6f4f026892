"""The estate: many profiles and regions listed at once into the local index."""
