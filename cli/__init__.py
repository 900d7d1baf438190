"""The ``methodnet`` command line: thin commands over the library."""
