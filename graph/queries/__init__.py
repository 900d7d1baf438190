"""The questions coordinators ask, as plain functions that take the store first."""
