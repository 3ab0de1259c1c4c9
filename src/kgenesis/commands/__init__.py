"""Thin command modules: each parses its options and calls the library."""
