"""The `kgapi` command. One click group; each command lives in a module of its own."""
