"""The catalog layer: read, validate and cache the shoe catalog (YAML in, Shoe records out)."""
